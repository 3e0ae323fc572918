//! The feedback platform's (ПОС) export read from a sheet: its header row, its messages, and the
//! month's `pos` counts, `themes` and `satisfaction` survey counted from them.
//!
//! The columns, their titles and how a title is matched are the data's
//! ([`crate::data::pos_export`]), with the site's own titles from `pos_export:`. The export is
//! recognised by its header row: a row, among the first 30 of a sheet, whose cells name the
//! message's date and at least two more of the columns. Two columns that name one field (two
//! dates, a title written twice) are an error naming both, since counting by the wrong one could
//! fill in, and with `--replace` overwrite, the wrong month.
//!
//! Every cell read is checked, and every problem names its cell: a date that is not a date, a
//! rating outside 1–5, a yes/no column holding another word, a duplicated message number (a
//! warning). A date with a two-digit year (Excel's short date, `01.04.25`) is read in the 2000s,
//! and said. The counting itself is [`count`], a plain function of the rows.

use super::Place;
use super::sheet::{Cell, Sheet};
use crate::data::pos_export::{Columns, Field, PosExport, normalize};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::period::Period;
use crate::t;
use chrono::{NaiveDate, NaiveTime};
use std::collections::{BTreeMap, HashMap};

/// The header: its row and the column of each field found.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: usize,
    pub columns: BTreeMap<Field, usize>,
    /// Each column's title as the sheet has it.
    pub titles: BTreeMap<Field, String>,
    /// Fields that more than one column names: each with all of them, left to right.
    pub twice: BTreeMap<Field, Vec<(usize, String)>>,
}

/// The columns a row of cells names.
fn row_columns(row: &[Cell], site: &PosExport) -> Columns {
    site.columns(
        row.iter()
            .enumerate()
            .filter_map(|(c, cell)| cell.text().map(|t| (c, t))),
    )
}

/// The export's header row, if the sheet has one among its first 30 rows: a date column and at
/// least two more known columns.
pub fn header(sheet: &Sheet, site: &PosExport) -> Option<Header> {
    sheet.rows.iter().take(30).enumerate().find_map(|(r, row)| {
        let found = row_columns(row, site);
        (found.contains_key(&Field::Date) && found.len() >= 3).then(|| Header {
            row: r,
            columns: found.iter().map(|(f, c)| (*f, c[0].0)).collect(),
            titles: found.iter().map(|(f, c)| (*f, c[0].1.clone())).collect(),
            twice: found.into_iter().filter(|(_, c)| c.len() > 1).collect(),
        })
    })
}

/// A row among the first 30 that names two or more of the export's columns but no date: an
/// export whose date column has a title Vitrina does not know. Its row and the titles found.
pub fn near_header(sheet: &Sheet, site: &PosExport) -> Option<(usize, Vec<String>)> {
    sheet.rows.iter().take(30).enumerate().find_map(|(r, row)| {
        let found = row_columns(row, site);
        (!found.contains_key(&Field::Date) && found.len() >= 2)
            .then(|| (r, found.into_values().map(|c| c[0].1.clone()).collect()))
    })
}

/// An error for each field that two columns of the header name: which one to count by is not
/// Vitrina's to guess.
pub fn ambiguous(header: &Header, place: &Place, d: &mut Diagnostics) {
    for (field, cols) in &header.twice {
        let list = cols
            .iter()
            .map(|(c, title)| format!("{} «{title}»", place.cell_ref(header.row, *c)))
            .collect::<Vec<_>>()
            .join(", ");
        let (key, usual) = (field.key(), field.title());
        d.push(
            Diagnostic::error(
                codes::IMPORT_POS_AMBIGUOUS,
                t!(
                    "под столбец «{usual}» подходят {} столбца: {list} — неясно, по какому считать",
                    "{} columns could be «{usual}»: {list}; which one to count by is not clear",
                    cols.len()
                ),
            )
            .in_path(column_cell(place, header.row, cols[1].0, &cols[1].1))
            .help(t!(
                "назовите нужный столбец в data/site.yaml: `pos_export: {{{key}: \"{}\"}}` (или переименуйте лишний в выгрузке)",
                "name the column to use in data/site.yaml: `pos_export: {{{key}: \"{}\"}}` (or rename the other in the export)",
                cols[0].1
            )),
        );
    }
}

/// One message of the export, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// 0-based sheet row.
    pub row: usize,
    pub date: NaiveDate,
    pub category: Option<String>,
    pub fast_track: Option<bool>,
    pub fz: Option<bool>,
    pub overdue: Option<bool>,
    pub repeated: Option<bool>,
    pub solved: Option<bool>,
    pub rating: Option<u8>,
}

/// A date read from a cell, and whether its year was written with two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellDate {
    pub date: NaiveDate,
    pub short_year: bool,
}

/// A date as exports write it: `dd.mm.yyyy`, `dd/mm/yyyy`, `yyyy-mm-dd` (each with a time or
/// not), Excel's short `dd.mm.yy` (read in the 2000s), or an Excel serial number (a cell
/// formatted as a date).
pub fn parse_date(cell: &Cell) -> Option<CellDate> {
    let serial = |f: f64| {
        // Excel's day 1 is 1900-01-01, counted as if 1900 had a 29 February.
        if !(1.0..2_958_466.0).contains(&f) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(1899, 12, 30)?
            .checked_add_days(chrono::Days::new(f.floor() as u64))?;
        Some(CellDate {
            date,
            short_year: false,
        })
    };
    match cell {
        Cell::Int(i) => serial(*i as f64),
        Cell::Float(f) => serial(*f),
        Cell::Other(s) => match s.strip_suffix(super::sheet::DATE_SUFFIX) {
            Some(n) => serial(n.trim().parse().ok()?),
            None => parse_date_text(s),
        },
        Cell::Text(s) => parse_date_text(s),
        Cell::Empty => None,
    }
}

/// A date written as text: the day, then a time or nothing. The year has four digits, or two in
/// `dd.mm.yy` (the 2000s): never `25` for the year 25.
fn parse_date_text(s: &str) -> Option<CellDate> {
    let s = s.trim();
    let day = s.split([' ', 'T']).next()?;
    let rest = s[day.len()..].trim_start_matches(['T', ' ']);
    if !rest.is_empty()
        && !["%H:%M:%S", "%H:%M", "%H:%M:%S%.f"]
            .iter()
            .any(|f| NaiveTime::parse_from_str(rest, f).is_ok())
    {
        return None;
    }
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = day.split(['.', '/', '-']).collect();
    let [a, b, c] = parts[..] else { return None };
    let sep = day[a.len()..].chars().next()?;
    let (y, m, d, short_year) =
        if sep == '-' && digits(a, 4..=4) && digits(b, 1..=2) && digits(c, 1..=2) {
            (a.parse().ok()?, b, c, false)
        } else if sep != '-'
            && digits(a, 1..=2)
            && digits(b, 1..=2)
            && day[a.len() + 1 + b.len()..].starts_with(sep)
        {
            match c.len() {
                4 if digits(c, 4..=4) => (c.parse().ok()?, b, a, false),
                2 if digits(c, 2..=2) && sep == '.' => (2000 + c.parse::<i32>().ok()?, b, a, true),
                _ => return None,
            }
        } else {
            return None;
        };
    let date = NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)?;
    Some(CellDate { date, short_year })
}

/// A yes/no cell: да/нет, yes/no, 1/0, true/false, +/-, Excel's ИСТИНА/ЛОЖЬ; empty is no.
pub fn parse_yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Empty => Some(false),
        Cell::Int(1) => Some(true),
        Cell::Int(0) => Some(false),
        Cell::Float(f) if *f == 1.0 => Some(true),
        Cell::Float(f) if *f == 0.0 => Some(false),
        Cell::Int(_) | Cell::Float(_) => None,
        Cell::Text(s) | Cell::Other(s) => match s.trim().to_lowercase().replace('ё', "е").as_str()
        {
            "да" | "yes" | "1" | "true" | "+" | "истина" | "y" | "д" => Some(true),
            "нет" | "no" | "0" | "false" | "-" | "ложь" | "n" | "н" | "" => Some(false),
            _ => None,
        },
    }
}

/// A cell that holds no rating 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotARating;

/// A rating 1–5; `Ok(None)` for an empty cell (the applicant did not rate the answer).
pub fn parse_rating(cell: &Cell) -> Result<Option<u8>, NotARating> {
    let whole = |f: f64| {
        if f.fract() == 0.0 && (1.0..=5.0).contains(&f) {
            Ok(Some(f as u8))
        } else {
            Err(NotARating)
        }
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Int(i) => whole(*i as f64),
        Cell::Float(f) => whole(*f),
        Cell::Text(s) => whole(s.trim().replace(',', ".").parse().map_err(|_| NotARating)?),
        Cell::Other(_) => Err(NotARating),
    }
}

/// The messages read below the header, and the rows whose date had a two-digit year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Messages {
    pub list: Vec<Message>,
    pub short_years: Vec<usize>,
}

/// Reads every message below the header; every problem is a diagnostic at its cell.
pub fn read_messages(
    sheet: &Sheet,
    header: &Header,
    site: &PosExport,
    place: &Place,
    d: &mut Diagnostics,
) -> Messages {
    let solved = site.solved_statuses();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut out = Messages::default();
    for r in header.row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let mut row = Row {
            sheet,
            header,
            place,
            r,
            ok: true,
        };
        row.number(&mut numbers, d);
        let date = row.date(d);
        let fast_track = row.yes_no(Field::FastTrack, d);
        let fz = row.yes_no(Field::Fz, d);
        let overdue = row.yes_no(Field::Overdue, d);
        let repeated = row.yes_no(Field::Repeated, d);
        let rating = row.rating(d);
        let category = row.text(Field::Category).filter(|s| !s.is_empty());
        let solved = row
            .text(Field::Status)
            .map(|s| !s.is_empty() && solved.contains(&normalize(&s)));
        let (true, Some(date)) = (row.ok, date) else {
            continue;
        };
        if date.short_year {
            out.short_years.push(r);
        }
        out.list.push(Message {
            row: r,
            date: date.date,
            category,
            fast_track,
            fz,
            overdue,
            repeated,
            solved,
            rating,
        });
    }
    out
}

/// One row of the export being read: each reader checks its cell and names it in a diagnostic,
/// and a problem marks the row as not counted.
struct Row<'a> {
    sheet: &'a Sheet,
    header: &'a Header,
    place: &'a Place,
    r: usize,
    ok: bool,
}

impl Row<'_> {
    /// The field's cell, if the export has the column.
    fn cell(&self, f: Field) -> Option<(usize, &Cell)> {
        let c = *self.header.columns.get(&f)?;
        Some((c, self.sheet.get(self.r, c)))
    }

    /// `file, Лист1!C5 (row 5, column 3, «Дата поступления»)`.
    fn at(&self, f: Field, c: usize) -> String {
        let title = self.header.titles.get(&f).map_or("", String::as_str);
        column_cell(self.place, self.r, c, title)
    }

    /// An error at the field's cell in column `c`; the row is not counted.
    fn refuse(
        &mut self,
        d: &mut Diagnostics,
        (f, c): (Field, usize),
        code: &'static str,
        text: [Text; 2],
    ) {
        self.ok = false;
        let [message, help] = text;
        d.push(
            Diagnostic::error(code, message)
                .in_path(self.at(f, c))
                .help(help),
        );
    }

    fn text(&self, f: Field) -> Option<String> {
        self.cell(f).map(|(_, cell)| cell.shown())
    }

    /// The message's number: a warning when another row has it.
    fn number(&self, seen: &mut HashMap<String, usize>, d: &mut Diagnostics) {
        let Some((c, cell)) = self.cell(Field::Number) else {
            return;
        };
        let n = cell.shown();
        if n.is_empty() {
            return;
        }
        match seen.get(&n) {
            Some(first) => d.push(
                Diagnostic::warning(
                    codes::IMPORT_POS_DUPLICATE,
                    t!(
                        "сообщение № {n} встречается дважды: здесь и в строке {}",
                        "message {n} appears twice: here and in row {}",
                        first + 1
                    ),
                )
                .in_path(self.at(Field::Number, c))
                .help(t!(
                    "каждое сообщение считается отдельно: если это повтор строки выгрузки, удалите её",
                    "each row is counted: if this is the same message twice, delete one row"
                )),
            ),
            None => {
                seen.insert(n, self.r);
            }
        }
    }

    fn date(&mut self, d: &mut Diagnostics) -> Option<CellDate> {
        let (c, cell) = self.cell(Field::Date)?;
        let date = parse_date(cell);
        if date.is_none() {
            let shown = cell.shown();
            self.refuse(d, (Field::Date, c), codes::IMPORT_POS_DATE, [
                t!(
                    "ожидается дата, записано «{shown}»",
                    "expected a date, found «{shown}»"
                ),
                t!(
                    "дату пишут как 05.03.2024, 2024-03-05 (можно со временем: 05.03.2024 14:30) или ячейкой формата «Дата»",
                    "write the date as 05.03.2024 or 2024-03-05 (a time may follow: 05.03.2024 14:30), or use a cell formatted as a date"
                ),
            ]);
        }
        date
    }

    fn yes_no(&mut self, f: Field, d: &mut Diagnostics) -> Option<bool> {
        let (c, cell) = self.cell(f)?;
        let value = parse_yes_no(cell);
        if value.is_none() {
            let shown = cell.shown();
            self.refuse(d, (f, c), codes::IMPORT_POS_YES_NO, [
                t!(
                    "ожидается «да» или «нет», записано «{shown}»",
                    "expected yes or no, found «{shown}»"
                ),
                t!(
                    "в этом столбце понимаются да/нет, yes/no, 1/0, true/false, +/- и пустая ячейка (= нет)",
                    "this column takes да/нет, yes/no, 1/0, true/false, +/- and an empty cell (= no)"
                ),
            ]);
        }
        value
    }

    fn rating(&mut self, d: &mut Diagnostics) -> Option<u8> {
        let (c, cell) = self.cell(Field::Rating)?;
        match parse_rating(cell) {
            Ok(v) => v,
            Err(NotARating) => {
                let shown = cell.shown();
                self.refuse(d, (Field::Rating, c), codes::IMPORT_POS_RATING, [
                    t!(
                        "ожидается оценка — целое число от 1 до 5 или пустая ячейка, записано «{shown}»",
                        "expected a rating, a whole number from 1 to 5 or an empty cell, found «{shown}»"
                    ),
                    t!(
                        "если заявитель не оценил ответ, оставьте ячейку пустой",
                        "leave the cell empty when the applicant did not rate the answer"
                    ),
                ]);
                None
            }
        }
    }
}

/// A warning that dates with a two-digit year were read in the 2000s, at the first such cell.
pub fn short_years(messages: &Messages, header: &Header, place: &Place, d: &mut Diagnostics) {
    let (Some(&first), Some(&c)) = (
        messages.short_years.first(),
        header.columns.get(&Field::Date),
    ) else {
        return;
    };
    let n = messages.short_years.len() as u64;
    let shown = |r: usize| {
        messages
            .list
            .iter()
            .find(|m| m.row == r)
            .map(|m| m.date.format("%Y").to_string())
            .unwrap_or_default()
    };
    let year = shown(first);
    let word = crate::format::plural(n, "дата", "даты", "дат");
    let title = header.titles.get(&Field::Date).map_or("", String::as_str);
    d.push(
        Diagnostic::warning(
            codes::IMPORT_POS_SHORT_YEAR,
            t!(
                "{n} {word} записаны с двузначным годом и прочитаны как {year} год и другие годы 2000-х",
                "{n} dates have a two-digit year and were read in the 2000s ({year} here)"
            ),
        )
        .in_path(column_cell(place, first, c, title))
        .help(t!(
            "проверьте месяц отчёта; чтобы год не угадывался, выгрузите даты с четырёхзначным годом (формат ячеек «ДД.ММ.ГГГГ»)",
            "check the report's month; to leave nothing to guess, export the dates with four-digit years (cell format DD.MM.YYYY)"
        )),
    );
}

/// `file, Лист1!C5 (row 5, column 3, «Дата поступления»)`.
pub fn column_cell(place: &Place, row: usize, col: usize, title: &str) -> String {
    let cell = place.cell(row, col);
    match cell.strip_suffix(')') {
        Some(head) if !title.is_empty() => format!("{head}, «{title}»)"),
        _ => cell,
    }
}

/// The months of the messages, with how many fall in each, most first (then the later month).
pub fn months(messages: &[Message]) -> Vec<(Period, usize)> {
    let mut by: BTreeMap<Period, usize> = BTreeMap::new();
    for m in messages {
        *by.entry(Period::of_date(m.date)).or_default() += 1;
    }
    let mut v: Vec<(Period, usize)> = by.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    v
}

/// One theme's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeCount {
    pub theme: String,
    pub received: u64,
    pub repeated: Option<u64>,
    pub overdue: Option<u64>,
    pub solved: Option<u64>,
}

/// What the export gives for a month; `None` where it has no column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub total: u64,
    pub fast_track: Option<u64>,
    /// Messages handled under 59-ФЗ: said, not written.
    pub fz: Option<u64>,
    pub themes: Option<Vec<ThemeCount>>,
    /// Rows without a category (counted in the total, in no theme).
    pub uncategorised: u64,
    /// (responses, satisfied)
    pub satisfaction: Option<(u64, u64)>,
}

/// The theme's name compared loosely with a report's: case, «ё», spaces.
pub fn theme_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

/// Counts the messages of `period` (all of `messages` that fall in it). Themes come in order of
/// received, most first, then by name.
pub fn count(messages: &[Message], period: Period, header: &Header) -> Counts {
    let has = |f: Field| header.columns.contains_key(&f);
    let rows: Vec<&Message> = messages
        .iter()
        .filter(|m| m.date >= period.first_day() && m.date <= period.last_day())
        .collect();
    let n = |f: &dyn Fn(&Message) -> bool| rows.iter().filter(|m| f(m)).count() as u64;
    let opt = |field: Field, f: &dyn Fn(&Message) -> bool| has(field).then(|| n(f));
    let themes = has(Field::Category).then(|| {
        let mut by: Vec<ThemeCount> = Vec::new();
        for m in rows.iter() {
            let Some(name) = &m.category else { continue };
            let key = theme_key(name);
            let i = match by.iter().position(|t| theme_key(&t.theme) == key) {
                Some(i) => i,
                None => {
                    by.push(ThemeCount {
                        theme: name.split_whitespace().collect::<Vec<_>>().join(" "),
                        received: 0,
                        repeated: has(Field::Repeated).then_some(0),
                        overdue: has(Field::Overdue).then_some(0),
                        solved: has(Field::Status).then_some(0),
                    });
                    by.len() - 1
                }
            };
            let t = &mut by[i];
            t.received += 1;
            let add = |v: &mut Option<u64>, yes: Option<bool>| {
                if let (Some(v), Some(true)) = (v.as_mut(), yes) {
                    *v += 1;
                }
            };
            add(&mut t.repeated, m.repeated);
            add(&mut t.overdue, m.overdue);
            add(&mut t.solved, m.solved);
        }
        by.sort_by(|a, b| b.received.cmp(&a.received).then(a.theme.cmp(&b.theme)));
        by
    });
    Counts {
        total: rows.len() as u64,
        fast_track: opt(Field::FastTrack, &|m| m.fast_track == Some(true)),
        fz: opt(Field::Fz, &|m| m.fz == Some(true)),
        uncategorised: if has(Field::Category) {
            n(&|m| m.category.is_none())
        } else {
            0
        },
        themes,
        satisfaction: has(Field::Rating).then(|| {
            (
                n(&|m| m.rating.is_some()),
                n(&|m| m.rating.is_some_and(|r| r >= 4)),
            )
        }),
    }
}

/// Errors for the fields `data/site.yaml` renames whose column the header row does not have,
/// each at its line in `site.yaml`.
pub fn missing_renamed(
    sheet_header: Option<&[Cell]>,
    site: &PosExport,
    place: &Place,
    d: &mut Diagnostics,
) {
    let Some(cells) = sheet_header else { return };
    let found = row_columns(cells, site);
    for (field, named) in &site.titles {
        if found.contains_key(field) {
            continue;
        }
        let title = &named.title;
        let (of_ru, of_en) = (place.sheet_ru("на листе", "в файле"), place.sheet_name());
        d.push(
            Diagnostic::error(
                codes::IMPORT_POS_COLUMN,
                t!(
                    "столбца «{title}» (pos_export.{}) нет в строке заголовков {of_ru}",
                    "there is no column «{title}» (pos_export.{}) in the header row of {of_en}",
                    field.key()
                ),
            )
            .at(
                named.span,
                t!("этого столбца нет в выгрузке", "no such column in the export"),
            )
            .help(t!(
                "впишите в data/site.yaml название столбца так, как оно стоит в выгрузке, или уберите эту строку",
                "write the column's title in data/site.yaml as the export has it, or remove the line"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn titles_match_loosely() {
        for (title, field) in [
            ("НОМЕР", Field::Number),
            ("№", Field::Number),
            ("  Номер  сообщения ", Field::Number),
            ("№ сообщения", Field::Number),
            ("Дата поступления", Field::Date),
            ("дата регистрации", Field::Date),
            ("Категория", Field::Category),
            ("Тема", Field::Category),
            ("Фаст-трек", Field::FastTrack),
            ("ФАСТТРЕК", Field::FastTrack),
            ("Fast track", Field::FastTrack),
            ("fast-track", Field::FastTrack),
            ("59-ФЗ", Field::Fz),
            ("ФЗ", Field::Fz),
            ("Просрочено", Field::Overdue),
            ("просрочка", Field::Overdue),
            ("Повторное рассмотрение", Field::Repeated),
            ("Повторное", Field::Repeated),
            ("Статус:", Field::Status),
            ("Оценка ответа заявителем", Field::Rating),
            ("Оценка", Field::Rating),
            ("Оценка ответа заявителём", Field::Rating),
        ] {
            let cols = row_columns(&[text(title)], &PosExport::default());
            assert_eq!(cols.keys().copied().collect::<Vec<_>>(), [field], "{title}");
        }
        for other in ["Заявитель", "Адрес", "№ п/п", "Ответственный", "Датa"]
        {
            let cols = row_columns(&[text(other)], &PosExport::default());
            assert!(cols.is_empty(), "{other}: {cols:?}");
        }
    }

    #[test]
    fn an_override_replaces_the_usual_titles_of_its_field() {
        let mut o = PosExport::default();
        let span = crate::source::Span::new(crate::source::FileId(0), 0, 0);
        let title = "Создано (дата)".to_string();
        o.titles
            .insert(Field::Date, crate::data::pos_export::Named { title, span });
        let row = [text("Дата поступления"), text("создано дата"), text("Тема")];
        let cols = row_columns(&row, &o);
        assert_eq!(cols[&Field::Date], [(1, "создано дата".to_string())]);
        assert_eq!(cols[&Field::Category], [(2, "Тема".to_string())]);
    }

    #[test]
    fn the_header_needs_a_date_and_two_more_columns() {
        let sheet = |rows: Vec<Vec<Cell>>| Sheet {
            name: None,
            hidden: false,
            rows,
        };
        let o = PosExport::default();
        assert!(header(&sheet(vec![vec![text("Дата"), text("Тема")]]), &o).is_none());
        assert!(
            header(
                &sheet(vec![vec![text("Номер"), text("Тема"), text("Статус")]]),
                &o
            )
            .is_none()
        );
        let h = header(
            &sheet(vec![
                vec![text("Выгрузка сообщений ПОС за март 2024")],
                vec![],
                vec![text("№"), text("Дата"), text("Тема"), text("Статус")],
            ]),
            &o,
        )
        .unwrap();
        assert_eq!(h.row, 2);
        assert_eq!(h.columns[&Field::Status], 3);
        assert!(h.twice.is_empty());
        // Two date columns: the header is found, and both are kept to be named.
        let h = header(
            &sheet(vec![vec![
                text("Дата регистрации"),
                text("Тема"),
                text("Статус"),
                text("Дата поступления"),
            ]]),
            &o,
        )
        .unwrap();
        assert_eq!(h.columns[&Field::Date], 0);
        assert_eq!(
            h.twice[&Field::Date],
            [
                (0, "Дата регистрации".to_string()),
                (3, "Дата поступления".to_string())
            ]
        );
    }

    #[test]
    fn dates_in_the_ways_exports_write_them() {
        let d = |y, m, day| {
            NaiveDate::from_ymd_opt(y, m, day).map(|date| CellDate {
                date,
                short_year: false,
            })
        };
        assert_eq!(parse_date(&text("05.03.2024")), d(2024, 3, 5));
        assert_eq!(parse_date(&text("05.03.2024 14:30")), d(2024, 3, 5));
        assert_eq!(parse_date(&text("05.03.2024 14:30:59")), d(2024, 3, 5));
        assert_eq!(parse_date(&text("2024-03-31")), d(2024, 3, 31));
        assert_eq!(parse_date(&text("2024-03-31T23:59:00")), d(2024, 3, 31));
        assert_eq!(parse_date(&text("5/3/2024")), d(2024, 3, 5));
        // Excel's serial 45356 is 2024-03-05; a fraction is the time of day.
        assert_eq!(parse_date(&Cell::Float(45356.75)), d(2024, 3, 5));
        assert_eq!(parse_date(&Cell::Int(45356)), d(2024, 3, 5));
        assert_eq!(
            parse_date(&Cell::Other(format!(
                "45356{}",
                super::super::sheet::DATE_SUFFIX
            ))),
            d(2024, 3, 5)
        );
        for bad in [
            "31.02.2024",
            "вчера",
            "2024-13-01",
            "05.03.2024 утром",
            "5 марта",
            // A year of two digits only as Excel's short date, never as the year 25.
            "25-04-01",
            "01/04/25",
            "01.04.025",
            "2024.03.05",
            "05.03-2024",
        ] {
            assert_eq!(parse_date(&text(bad)), None, "{bad}");
        }
        assert_eq!(parse_date(&Cell::Empty), None);
        assert_eq!(parse_date(&Cell::Float(-3.0)), None);
    }

    #[test]
    fn excels_short_date_is_read_in_the_2000s_and_marked() {
        let short = parse_date(&text("01.04.25 09:12")).unwrap();
        assert_eq!(short.date, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
        assert!(short.short_year);
        assert!(!parse_date(&text("01.04.2025")).unwrap().short_year);
    }

    #[test]
    fn yes_no_and_ratings() {
        for yes in ["да", "Да", "YES", "1", "true", "+", "ИСТИНА"] {
            assert_eq!(parse_yes_no(&text(yes)), Some(true), "{yes}");
        }
        for no in ["нет", "No", "0", "false", "-", "ЛОЖЬ"] {
            assert_eq!(parse_yes_no(&text(no)), Some(false), "{no}");
        }
        assert_eq!(parse_yes_no(&Cell::Empty), Some(false));
        assert_eq!(parse_yes_no(&Cell::Int(1)), Some(true));
        assert_eq!(parse_yes_no(&text("возможно")), None);
        assert_eq!(parse_yes_no(&Cell::Int(2)), None);
        assert_eq!(parse_rating(&Cell::Int(5)), Ok(Some(5)));
        assert_eq!(parse_rating(&text("4")), Ok(Some(4)));
        assert_eq!(parse_rating(&Cell::Float(1.0)), Ok(Some(1)));
        assert_eq!(parse_rating(&Cell::Empty), Ok(None));
        for bad in [Cell::Int(0), Cell::Int(6), Cell::Float(4.5), text("хорошо")] {
            assert_eq!(parse_rating(&bad), Err(NotARating), "{bad:?}");
        }
    }

    fn msg(day: u32, cat: &str, flags: [bool; 4], rating: Option<u8>) -> Message {
        Message {
            row: 0,
            date: NaiveDate::from_ymd_opt(2024, 3, day).unwrap(),
            category: (!cat.is_empty()).then(|| cat.to_string()),
            fast_track: Some(flags[0]),
            fz: Some(false),
            overdue: Some(flags[1]),
            repeated: Some(flags[2]),
            solved: Some(flags[3]),
            rating,
        }
    }

    fn full_header() -> Header {
        Header {
            row: 0,
            columns: Field::ALL
                .iter()
                .enumerate()
                .map(|(i, f)| (*f, i))
                .collect(),
            titles: BTreeMap::new(),
            twice: BTreeMap::new(),
        }
    }

    #[test]
    fn counting_the_month_by_theme_and_rating() {
        let mut messages = vec![
            msg(1, "ЖКХ", [true, false, false, true], Some(5)),
            msg(2, "жкх", [true, true, true, false], Some(3)),
            msg(3, "Дороги", [false, false, true, true], None),
            msg(31, "ЖКХ", [false, false, false, false], Some(4)),
            msg(4, "", [true, false, false, false], Some(1)),
        ];
        // A message of April is not March's.
        let mut april = msg(1, "Дороги", [true; 4], Some(5));
        april.date = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        messages.push(april);
        let c = count(&messages, Period::new(2024, 3).unwrap(), &full_header());
        assert_eq!(c.total, 5);
        assert_eq!(c.fast_track, Some(3));
        assert_eq!(c.uncategorised, 1);
        assert_eq!(c.satisfaction, Some((4, 2)));
        assert_eq!(
            c.themes.unwrap(),
            [
                ThemeCount {
                    theme: "ЖКХ".into(),
                    received: 3,
                    repeated: Some(1),
                    overdue: Some(1),
                    solved: Some(1)
                },
                ThemeCount {
                    theme: "Дороги".into(),
                    received: 1,
                    repeated: Some(1),
                    overdue: Some(0),
                    solved: Some(1)
                },
            ]
        );
    }

    #[test]
    fn a_missing_column_leaves_its_value_unknown() {
        let mut h = full_header();
        for f in [
            Field::FastTrack,
            Field::Rating,
            Field::Status,
            Field::Category,
        ] {
            h.columns.remove(&f);
        }
        let c = count(
            &[msg(1, "ЖКХ", [true; 4], Some(5))],
            Period::new(2024, 3).unwrap(),
            &h,
        );
        assert_eq!((c.total, c.fast_track, c.satisfaction), (1, None, None));
        assert_eq!(c.themes, None);
    }

    #[test]
    fn months_most_rows_first() {
        let mut m = vec![msg(1, "", [false; 4], None), msg(2, "", [false; 4], None)];
        let mut feb = msg(1, "", [false; 4], None);
        feb.date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        m.push(feb);
        assert_eq!(
            months(&m),
            [
                (Period::new(2024, 3).unwrap(), 2),
                (Period::new(2024, 2).unwrap(), 1)
            ]
        );
    }
}
