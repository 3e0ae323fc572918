//! The 28 rows of the monthly form (Приложение № 1) found in a sheet: each by its number, its
//! name checked loosely against the official wording, its value read as a whole count.
//!
//! The sheet may hold more than the table: a title above it, a header row, the row of column
//! numbers (1, 2, 3) the official form has under its header, more columns to the right (growth,
//! year to date), a signature below. A form row is a row whose cell in the number column is a
//! number, with a name (not a number) beside it.

use super::Place;
use super::sheet::{Cell, Sheet};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::domain::{INDICATORS, IndicatorDef};
use crate::t;

/// Where the table lies in the sheet (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub number_col: usize,
    pub name_col: usize,
    pub value_col: usize,
    /// The first row of the form; the title and the header are above it.
    pub first_row: usize,
}

/// What was read off the form.
#[derive(Debug, Clone)]
pub struct Form {
    pub layout: Layout,
    /// The value of each row, by number − 1; `None` when the row is missing, its value is not a
    /// count (an error says so), or it is blank where a blank is allowed (rows 11 and 12).
    pub values: [Option<u64>; 28],
    /// The sheet row of each row of the form, by number − 1.
    pub rows: [Option<usize>; 28],
}

impl Form {
    /// The place of the value of indicator `number`, if its row was found.
    pub fn value_cell(&self, number: u8) -> Option<(usize, usize)> {
        self.rows[usize::from(number) - 1].map(|r| (r, self.layout.value_col))
    }
}

/// Indicators Vitrina counts itself from `data/decisions/`: their values are only compared.
pub const COMPUTED: [u8; 2] = [11, 12];

/// The number in a number cell: `7`, `7.` or a numeric 7.
fn row_number(cell: &Cell) -> Option<u64> {
    match cell {
        Cell::Int(i) => u64::try_from(*i).ok(),
        Cell::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e6 => Some(*f as u64),
        Cell::Text(t) => {
            let t = t.trim();
            let t = t.strip_suffix('.').unwrap_or(t).trim_end();
            (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        }
        _ => None,
    }
}

/// True for a cell that holds a number (or a number written as text).
fn is_number(cell: &Cell) -> bool {
    match cell {
        Cell::Int(_) | Cell::Float(_) => true,
        Cell::Text(t) => parse_count(t).is_ok() || row_number(cell).is_some(),
        _ => false,
    }
}

/// True for a cell that may be a row's name: text that is not a number.
fn is_name(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(_)) && !is_number(cell)
}

/// Finds the table: the column with the most numbers 1..=28 that have a name to their right,
/// then the name and value columns by the header, if there is one, else the two next columns.
pub fn layout(sheet: &Sheet) -> Option<Layout> {
    let width = sheet.width();
    let (number_col, count) = (0..width)
        .map(|c| {
            let n = (0..sheet.rows.len())
                .filter(|&r| {
                    row_number(sheet.get(r, c)).is_some_and(|n| (1..=28).contains(&n))
                        && is_name(sheet.get(r, c + 1))
                })
                .count();
            (c, n)
        })
        // The leftmost of the columns with the most.
        .fold(
            (0, 0),
            |best, (c, n)| if n > best.1 { (c, n) } else { best },
        );
    if count == 0 {
        return None;
    }
    let is_row = |r: usize, name_col: usize| {
        row_number(sheet.get(r, number_col)).is_some() && !is_number(sheet.get(r, name_col))
    };
    let first_guess = (0..sheet.rows.len()).find(|&r| is_row(r, number_col + 1))?;
    // The header: the last row above the form naming «Наименование».
    let header = |needle: &str, r: usize| {
        (number_col + 1..width).find(|&c| {
            sheet
                .get(r, c)
                .text()
                .is_some_and(|t| t.to_lowercase().contains(needle))
        })
    };
    let (name_col, value_col) = (0..first_guess)
        .rev()
        .find_map(|r| {
            let name = header("наименован", r)?;
            let value = header("достигнут", r)
                .or_else(|| header("значени", r))
                .filter(|&c| c > name)
                .unwrap_or(name + 1);
            Some((name, value))
        })
        .unwrap_or((number_col + 1, number_col + 2));
    let first_row = (0..sheet.rows.len()).find(|&r| is_row(r, name_col))?;
    Some(Layout {
        number_col,
        name_col,
        value_col,
        first_row,
    })
}

/// Why a cell's text is not a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCount {
    Fraction,
    Negative,
    NotNumber,
    TooLarge,
}

/// A count written as text: `1234`, `1 234` (spaces, no-break spaces), `1234,0` or `1234.0`.
pub fn parse_count(text: &str) -> Result<u64, NotCount> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    let (negative, t) = match t.strip_prefix(['-', '−', '–']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let (whole, fraction) = match t.split_once([',', '.']) {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(NotCount::NotNumber);
    }
    let zero_fraction = fraction.is_none_or(|f| f.bytes().all(|b| b == b'0'));
    if negative && !(zero_fraction && whole.bytes().all(|b| b == b'0')) {
        return Err(NotCount::Negative);
    }
    if !zero_fraction {
        return Err(NotCount::Fraction);
    }
    whole.parse().map_err(|_| NotCount::TooLarge)
}

/// A value cell as a count; `Ok(None)` when it is empty.
pub fn count(cell: &Cell) -> Result<Option<u64>, NotCount> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Int(i) => u64::try_from(*i).map(Some).map_err(|_| NotCount::Negative),
        Cell::Float(f) if !f.is_finite() => Err(NotCount::NotNumber),
        Cell::Float(f) if *f < 0.0 => Err(NotCount::Negative),
        Cell::Float(f) if f.fract() != 0.0 => Err(NotCount::Fraction),
        Cell::Float(f) if *f >= 9e15 => Err(NotCount::TooLarge),
        Cell::Float(f) => Ok(Some(*f as u64)),
        Cell::Text(t) => parse_count(t).map(Some),
        Cell::Other(_) => Err(NotCount::NotNumber),
    }
}

/// Text compared loosely: lower case, «ё» as «е», letters and digits only, single spaces.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace('ё', "е")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How close a name is to an indicator's official wording or its short name, 0 to 1.
fn likeness(name: &str, def: &IndicatorDef) -> f64 {
    strsim::normalized_levenshtein(name, &normalise(def.name))
        .max(strsim::normalized_levenshtein(name, &normalise(def.short)))
}

/// Below this likeness a name "differs a lot" from its row's wording.
const UNLIKE: f64 = 0.5;

/// What is wrong with a row's name, if anything: a warning, since a publisher may reword the
/// template; but a name that reads like another row's hints that the rows were mixed up.
pub fn name_warning(number: u8, name: &str) -> Option<Text> {
    let def = &INDICATORS[usize::from(number) - 1];
    let name = normalise(name);
    if name.is_empty() {
        return Some(t!(
            "у строки {number} нет наименования; в форме строка {number} — «{}»",
            "row {number} has no name; the form's row {number} is «{}»",
            def.short
        ));
    }
    if name == normalise(def.name) || name == normalise(def.short) {
        return None;
    }
    let own = likeness(&name, def);
    let (best, best_likeness) = INDICATORS
        .iter()
        .filter(|d| d.number != number)
        .map(|d| (d, likeness(&name, d)))
        .fold((def, own), |a, b| if b.1 > a.1 { b } else { a });
    if best.number != number && best_likeness >= own + 0.05 && best_likeness >= 0.8 {
        return Some(t!(
            "наименование строки {number} похоже на строку {} («{}»), а не на строку {number} («{}»)",
            "the name of row {number} reads like row {} («{}»), not like row {number} («{}»)",
            best.number,
            best.short,
            def.short
        ));
    }
    (own < UNLIKE).then(|| {
        t!(
            "наименование строки {number} расходится с официальной формулировкой показателя {number} («{}»)",
            "the name of row {number} differs from the official wording of indicator {number} («{}»)",
            def.short
        )
    })
}

/// Reads the 28 rows of the form, reporting every problem.
pub fn read(sheet: &Sheet, place: &Place, d: &mut Diagnostics) -> Option<Form> {
    let Some(layout) = layout(sheet) else {
        d.push(no_form(place));
        return None;
    };
    // Problems in the order of the sheet: by row, then column.
    let mut problems = InSheetOrder::default();
    let mut form = Form {
        layout,
        values: [None; 28],
        rows: [None; 28],
    };
    // The highest number so far and its row, for the order check.
    let mut highest: Option<(u64, usize)> = None;
    for r in layout.first_row..sheet.rows.len() {
        let Some(n) = row_number(sheet.get(r, layout.number_col)) else {
            continue;
        };
        if is_number(sheet.get(r, layout.name_col)) {
            continue;
        }
        let Some(number) = take_row(n, r, &mut form, &mut highest, place, &mut problems) else {
            continue;
        };
        read_row(sheet, number, r, &mut form, place, &mut problems);
    }
    missing_rows(&form, place, &mut problems);
    problems.0.sort_by_key(|(at, _)| *at);
    for (_, diag) in problems.0 {
        d.push(diag);
    }
    Some(form)
}

/// The error for a sheet in which no row of the form was found.
fn no_form(place: &Place) -> Diagnostic {
    let (on_ru, in_en) = (place.sheet_ru("на листе", "в файле"), place.sheet_name());
    Diagnostic::error(
        codes::IMPORT_NO_FORM,
        t!(
            "{on_ru} не найдено ни одной строки ежемесячной формы (Приложение № 1)",
            "found no rows of the monthly form (Приложение № 1) in {in_en}"
        ),
    )
    .in_path(place.file())
    .help(t!(
        "расположите лист как форму: номер строки (от 1 до 28) в одном столбце, наименование — в следующем, \
         значение — в столбце за ним, как в templates/otchet-mcu.xlsx; или укажите другой лист в --sheet",
        "lay the sheet out as the form: the row's number (1 to 28) in one column, its name in the next, \
         the value in the one after, as in templates/otchet-mcu.xlsx; name another sheet with --sheet"
    ))
}

/// Takes sheet row `r`, numbered `n`, as its row of the form: `None` (and an error) when the
/// number is not one of the form's or was taken already; a row out of order is an error, yet read.
fn take_row(
    n: u64,
    r: usize,
    form: &mut Form,
    highest: &mut Option<(u64, usize)>,
    place: &Place,
    problems: &mut InSheetOrder,
) -> Option<u8> {
    let number_col = form.layout.number_col;
    let at_number = place.cell(r, number_col);
    let Some(number) = u8::try_from(n).ok().filter(|n| (1..=28).contains(n)) else {
        problems.at(r, number_col,
            Diagnostic::error(
                codes::IMPORT_ROW_UNKNOWN,
                t!(
                    "ожидается номер строки от 1 до 28, а записано {n}",
                    "expected a row number from 1 to 28, found {n}"
                ),
            )
            .in_path(at_number)
            .help(t!(
                "в ежемесячной форме 28 строк с номерами от 1 до 28: исправьте номер или вынесите из таблицы то, что не относится к форме",
                "the monthly form has 28 rows, numbered 1 to 28: fix the number, or move what is not the form out of the table"
            )),
        );
        return None;
    };
    let i = usize::from(number) - 1;
    if let Some(first) = form.rows[i] {
        problems.at(
            r,
            number_col,
            Diagnostic::error(
                codes::IMPORT_ROW_DUPLICATE,
                t!(
                    "строка {number} встречается дважды: здесь и в ячейке {}",
                    "row {number} appears twice: here and at {}",
                    place.cell_ref(first, number_col)
                ),
            )
            .in_path(at_number)
            .help(t!(
                "каждая из 28 строк формы должна быть одна: удалите лишнюю строку или исправьте её номер",
                "each of the 28 rows appears once: delete the extra row, or fix its number"
            )),
        );
        return None;
    }
    if let Some((high, high_row)) = *highest
        && n < high
    {
        problems.at(r, number_col,
            Diagnostic::error(
                codes::IMPORT_ROW_ORDER,
                t!(
                    "строка {number} стоит после строки {high} ({}): строки должны идти по порядку, от 1 до 28",
                    "row {number} comes after row {high} ({}): expected the rows in order, 1 to 28",
                    place.cell_ref(high_row, number_col)
                ),
            )
            .in_path(at_number)
            .help(t!(
                "переставьте строку {number} выше, на её место в форме, или исправьте её номер",
                "move row {number} up to its place in the form, or fix its number"
            )),
        );
    } else {
        *highest = Some((n, r));
    }
    form.rows[i] = Some(r);
    Some(number)
}

/// Reads the name and the value of row `number`, found at sheet row `r`.
fn read_row(
    sheet: &Sheet,
    number: u8,
    r: usize,
    form: &mut Form,
    place: &Place,
    problems: &mut InSheetOrder,
) {
    let Layout {
        name_col,
        value_col,
        ..
    } = form.layout;
    let i = usize::from(number) - 1;
    let name = sheet.get(r, name_col).shown();
    if let Some(warning) = name_warning(number, &name) {
        problems.at(
            r,
            name_col,
            Diagnostic::warning(codes::IMPORT_NAME_DIFFERS, warning)
                .in_path(place.cell(r, name_col))
                .help(t!(
                    "проверьте, что в ячейке {} значение показателя {number}: «{}»",
                    "check that the value in {} is indicator {number}: «{}»",
                    place.cell_ref(r, value_col),
                    INDICATORS[i].name
                )),
        );
    }
    let cell = sheet.get(r, value_col);
    let counted = count(cell);
    let what = match counted {
        Ok(Some(v)) => {
            form.values[i] = Some(v);
            return;
        }
        Ok(None) if COMPUTED.contains(&number) => return,
        Ok(None) => t!("ячейка пуста", "an empty cell"),
        Err(why) => not_count_found(cell, why),
    };
    let (what_ru, what_en) = (&what.ru, &what.en);
    problems.at(
        r,
        value_col,
        Diagnostic::error(
            codes::IMPORT_VALUE,
            t!(
                "показатель {number}: ожидается целое число, 0 или больше, а {what_ru}",
                "indicator {number}: expected a whole number 0 or more, found {what_en}"
            ),
        )
        .in_path(place.cell(r, value_col))
        .help(not_count_help(counted, cell, &place.cell_ref(r, value_col))),
    );
}

/// The number Excel keeps in a cell formatted as a date, without the English words.
fn date_serial(cell: &Cell) -> Option<&str> {
    match cell {
        Cell::Other(s) => s.strip_suffix(super::sheet::DATE_SUFFIX),
        _ => None,
    }
}

/// What a value cell holds instead of a count, as the end of the error's sentence.
fn not_count_found(cell: &Cell, why: NotCount) -> Text {
    let shown = cell.shown();
    match why {
        NotCount::Fraction => t!(
            "записано «{shown}» — дробное число",
            "«{shown}», a fraction"
        ),
        NotCount::Negative => t!(
            "записано «{shown}» — отрицательное число",
            "«{shown}», a negative number"
        ),
        NotCount::TooLarge => t!(
            "записано «{shown}» — слишком большое число",
            "«{shown}», too large a number"
        ),
        NotCount::NotNumber => match date_serial(cell) {
            Some(serial) => Text::new(
                format!("в ячейке с форматом даты записано «{serial}»"),
                format!("«{shown}», which is not a number"),
            ),
            None => t!(
                "записано «{shown}» — это не число",
                "«{shown}», which is not a number"
            ),
        },
    }
}

/// The fix for a value cell that is not a count (`counted` is what [`count`] made of it).
fn not_count_help(counted: Result<Option<u64>, NotCount>, cell: &Cell, cell_name: &str) -> Text {
    match counted {
        Ok(None) => t!(
            "впишите число в ячейку {cell_name} (0, если не было ни одного)",
            "write the count, 0 if there were none"
        ),
        Err(NotCount::Negative) => t!(
            "число не может быть отрицательным: впишите количество обращений или получателей (0, если их не было)",
            "a count cannot be negative: write the number of appeals or recipients, 0 if there were none"
        ),
        Err(NotCount::NotNumber) if date_serial(cell).is_some() => t!(
            "у ячейки формат даты: выберите для неё формат «Общий» или «Числовой» и впишите число заново",
            "the cell is formatted as a date: set its format to «Общий» or «Числовой», and write the count"
        ),
        Err(NotCount::Fraction) => t!(
            "количество обращений или получателей — целое число: «1234,0» читается как 1234, а «12,5» не принимается",
            "a count is a whole number of appeals or recipients: «1234,0» is read as 1234, «12,5» is refused"
        ),
        _ => t!(
            "впишите количество цифрами, например 1234 или 1 234",
            "write the count in figures, such as 1234 or 1 234"
        ),
    }
}

/// Rows missing from the form, each placed where it belongs: before the next row present.
fn missing_rows(form: &Form, place: &Place, problems: &mut InSheetOrder) {
    let number_col = form.layout.number_col;
    for number in 1..=28u8 {
        let i = usize::from(number) - 1;
        if form.rows[i].is_some() {
            continue;
        }
        let next = form.rows[i + 1..].iter().flatten().next().copied();
        let (at, where_) = match next {
            Some(r) => (
                r,
                t!(
                    "перед ячейкой {}",
                    "before {}",
                    place.cell_ref(r, number_col)
                ),
            ),
            None => {
                let last = form.rows.iter().flatten().max().copied().unwrap_or(0);
                (
                    last + 1,
                    t!(
                        "после ячейки {}",
                        "after {}",
                        place.cell_ref(last, number_col)
                    ),
                )
            }
        };
        let (where_ru, where_en) = (&where_.ru, &where_.en);
        problems.at(at, number_col,
            Diagnostic::error(
                codes::IMPORT_ROW_MISSING,
                t!(
                    "в форме нет строки {number} («{}»): её место — {where_ru}",
                    "row {number} of the form is missing: expected it {where_en} («{}»)",
                    INDICATORS[i].short
                ),
            )
            .in_path(place.cell(at, number_col))
            .help(t!(
                "добавьте строку {number}: номер в столбце {}, наименование и значение; в форме нужны все 28 строк",
                "add row {number} with its number in column {}, its name and its value; all 28 rows of the form are needed",
                super::sheet::column_letters(number_col)
            )),
        );
    }
}

/// Diagnostics with the cell they are about, to be sorted.
#[derive(Default)]
struct InSheetOrder(Vec<((usize, usize), Diagnostic)>);

impl InSheetOrder {
    fn at(&mut self, row: usize, col: usize, diag: Diagnostic) {
        self.0.push(((row, col), diag));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_publishers_write_them() {
        assert_eq!(parse_count("1234"), Ok(1234));
        assert_eq!(parse_count(" 1 234 "), Ok(1234));
        assert_eq!(parse_count("1\u{a0}234"), Ok(1234));
        assert_eq!(parse_count("1\u{202f}234,0"), Ok(1234));
        assert_eq!(parse_count("1234.00"), Ok(1234));
        assert_eq!(parse_count("0"), Ok(0));
        assert_eq!(parse_count("-0"), Ok(0));
        assert_eq!(parse_count("12,5"), Err(NotCount::Fraction));
        assert_eq!(parse_count("12.5"), Err(NotCount::Fraction));
        assert_eq!(parse_count("-5"), Err(NotCount::Negative));
        assert_eq!(parse_count("−5"), Err(NotCount::Negative));
        assert_eq!(parse_count("много"), Err(NotCount::NotNumber));
        assert_eq!(parse_count("12 шт."), Err(NotCount::NotNumber));
        assert_eq!(parse_count(","), Err(NotCount::NotNumber));
        assert_eq!(parse_count("1,2,3"), Err(NotCount::NotNumber));
        assert_eq!(
            parse_count("99999999999999999999999"),
            Err(NotCount::TooLarge)
        );
    }

    #[test]
    fn numeric_cells() {
        assert_eq!(count(&Cell::Float(1234.0)), Ok(Some(1234)));
        assert_eq!(count(&Cell::Int(7)), Ok(Some(7)));
        assert_eq!(count(&Cell::Float(12.5)), Err(NotCount::Fraction));
        assert_eq!(count(&Cell::Float(-1.0)), Err(NotCount::Negative));
        assert_eq!(count(&Cell::Int(-1)), Err(NotCount::Negative));
        assert_eq!(count(&Cell::Empty), Ok(None));
        assert_eq!(
            count(&Cell::Other("#DIV/0!".into())),
            Err(NotCount::NotNumber)
        );
    }

    #[test]
    fn row_numbers_with_or_without_a_dot() {
        assert_eq!(row_number(&Cell::Text("7.".into())), Some(7));
        assert_eq!(row_number(&Cell::Text(" 28 ".into())), Some(28));
        assert_eq!(row_number(&Cell::Float(3.0)), Some(3));
        assert_eq!(row_number(&Cell::Text("1.1".into())), None);
        assert_eq!(row_number(&Cell::Text("№ п/п".into())), None);
    }

    #[test]
    fn official_short_and_reworded_names_pass_quietly() {
        for def in &INDICATORS {
            assert_eq!(name_warning(def.number, def.name), None, "{}", def.id);
            assert_eq!(name_warning(def.number, def.short), None, "{}", def.id);
            let shouted = def.name.to_uppercase().replace(' ', "  ");
            assert_eq!(name_warning(def.number, &shouted), None, "{}", def.id);
        }
        // A publisher's own shortening of the wording.
        assert_eq!(
            name_warning(
                1,
                "Количество обращений по социально значимым темам, поступивших по 59-ФЗ и обработанных по фаст-треку"
            ),
            None
        );
    }

    #[test]
    fn a_name_of_another_row_or_none_at_all_is_a_warning() {
        let w = name_warning(1, INDICATORS[1].name).expect("row 2's wording in row 1");
        assert!(w.en.contains("reads like row 2"), "{w:?}");
        assert!(
            w.ru.starts_with("наименование строки 1 похоже на строку 2 («"),
            "{w:?}"
        );
        let w = name_warning(10, "Итого").expect("a different name");
        assert!(w.en.contains("differs from the official wording"), "{w:?}");
        assert!(
            w.ru.contains("расходится с официальной формулировкой показателя 10"),
            "{w:?}"
        );
        let w = name_warning(5, "").expect("no name");
        assert!(w.en.contains("has no name"), "{w:?}");
        assert!(w.ru.starts_with("у строки 5 нет наименования"), "{w:?}");
    }
}
