//! The feedback platform's (ПОС) export: one row per message, read into the month's `pos`
//! counts, its `themes` and its `satisfaction` survey.
//!
//! The export is recognised by its header row: a row, among the first 30 of a sheet, whose cells
//! name the message's date and at least two more of the columns below. Column titles are matched
//! loosely ([`normalize`]: case, spaces, punctuation, «ё»/«е», `№` = «номер»), against the common
//! variants each platform version writes; a platform that names them differently is told in
//! `data/site.yaml`:
//!
//! ```yaml
//! pos_export:
//!   date: "Дата создания"
//!   category: "Подкатегория"
//!   solved_statuses: ["Решено", "Исполнено"]
//! ```
//!
//! Every cell read is checked, and every problem names its cell: a date that is not a date, a
//! rating outside 1–5, a yes/no column holding another word, a duplicated message number (a
//! warning). The counting itself is [`count`], a plain function of the rows.

use super::Place;
use super::sheet::{Cell, Sheet};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::period::Period;
use crate::t;
use crate::yaml::{Node, Value};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, HashMap};

/// A column of the export that Vitrina reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Number,
    Date,
    Category,
    FastTrack,
    Fz,
    Overdue,
    Repeated,
    Status,
    Rating,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Number,
        Field::Date,
        Field::Category,
        Field::FastTrack,
        Field::Fz,
        Field::Overdue,
        Field::Repeated,
        Field::Status,
        Field::Rating,
    ];

    /// The key under `pos_export:` in `data/site.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Date => "date",
            Field::Category => "category",
            Field::FastTrack => "fast_track",
            Field::Fz => "fz",
            Field::Overdue => "overdue",
            Field::Repeated => "repeated",
            Field::Status => "status",
            Field::Rating => "rating",
        }
    }

    /// The titles platforms give the column; compared after [`normalize`].
    pub fn titles(self) -> &'static [&'static str] {
        match self {
            Field::Number => &[
                "Номер",
                "№",
                "Номер сообщения",
                "№ сообщения",
                "Номер обращения",
                "ID сообщения",
            ],
            Field::Date => &[
                "Дата поступления",
                "Дата регистрации",
                "Дата",
                "Дата создания",
                "Дата подачи",
                "Дата поступления сообщения",
            ],
            Field::Category => &["Категория", "Тема", "Категория сообщения", "Тема сообщения"],
            Field::FastTrack => &["Фаст-трек", "Фасттрек", "Fast track", "Фаст трек"],
            Field::Fz => &["ФЗ", "59-ФЗ", "По 59-ФЗ", "Рассмотрено по 59-ФЗ"],
            Field::Overdue => &["Просрочено", "Просрочка", "Просрочен", "Просроченное"],
            Field::Repeated => &["Повторное рассмотрение", "Повторное", "Повторно"],
            Field::Status => &["Статус", "Статус сообщения"],
            Field::Rating => &[
                "Оценка ответа заявителем",
                "Оценка",
                "Оценка заявителя",
                "Оценка ответа",
            ],
        }
    }

    /// The column's usual title, for messages.
    pub fn title(self) -> &'static str {
        self.titles()[0]
    }
}

/// The statuses that count a message as solved (`themes[].solved`), unless `data/site.yaml`
/// names others under `pos_export: {solved_statuses: […]}`.
pub const SOLVED_STATUSES: &[&str] = &["Решено", "Решено по существу", "Выполнено", "Исполнено"];

/// The keys allowed under `pos_export:`.
pub fn keys() -> Vec<&'static str> {
    let mut k: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    k.push("solved_statuses");
    k
}

/// A title or word compared loosely: lower case, «ё» as «е», `№` as «номер», and everything but
/// letters and digits left out («Фаст-трек» = «фасттрек», «Fast track» = «fasttrack»).
pub fn normalize(s: &str) -> String {
    s.replace('№', "номер")
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// `pos_export:` of `data/site.yaml`: the titles that replace the usual ones, and the solved
/// statuses, each with the node it was read from (for errors that point at it).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub titles: BTreeMap<Field, (String, Option<Node>)>,
    pub solved: Option<Vec<String>>,
}

/// Reads `pos_export:`; every problem is an error at its position (`check` calls this too).
pub fn read_overrides(node: &Node, d: &mut Diagnostics) -> Overrides {
    let mut out = Overrides::default();
    let allowed = keys();
    let Some(f) = crate::data::decode::fields(
        node,
        Noun::new("столбцы выгрузки ПОС", "the export's columns"),
        &allowed,
        d,
    ) else {
        return out;
    };
    for field in Field::ALL {
        if let Some(n) = f.optional(field.key())
            && let Some(title) = crate::data::decode::text(n, d)
        {
            if normalize(&title).is_empty() {
                d.push(crate::data::decode::expected(
                    n,
                    t!(
                        "название столбца с буквами или цифрами",
                        "a column title with letters or digits"
                    ),
                ));
                continue;
            }
            out.titles.insert(field, (title, Some(n.clone())));
        }
    }
    if let Some(n) = f.optional("solved_statuses") {
        let words = match &n.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| crate::data::decode::text(i, d))
                .collect(),
            Value::Scalar { .. } => crate::data::decode::text(n, d).into_iter().collect(),
            Value::Map(_) => {
                d.push(crate::data::decode::expected(
                    n,
                    t!("список статусов", "a list of statuses"),
                ));
                Vec::new()
            }
        };
        out.solved = Some(words);
    }
    out
}

/// The overrides of the site in `root`; problems in `site.yaml` go to `d`.
pub fn site_overrides(root: &std::path::Path, d: &mut Diagnostics) -> Overrides {
    let path = root.join("data").join("site.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Overrides::default();
    };
    let mut sources = crate::source::Sources::new();
    let file = sources.add(root, &path, text.clone());
    let mut found = Diagnostics::new();
    let Some(node) = crate::yaml::parse(&text, file, 0, &mut found) else {
        return Overrides::default();
    };
    let Some(n) = node.get("pos_export") else {
        return Overrides::default();
    };
    let out = read_overrides(n, &mut found);
    // The positions are in site.yaml: shown as `data/site.yaml:LINE:COL`.
    for diag in found.iter() {
        let mut moved = diag.clone();
        if let crate::diag::Location::Span(span) = diag.location {
            let (line, col) = sources.line_col(file, span.start);
            moved.location = crate::diag::Location::None;
            moved.path = Some(format!("data/site.yaml:{line}:{col}"));
        }
        d.push(moved);
    }
    out
}

/// Where a node of `data/site.yaml` stands, as `data/site.yaml:LINE:COL`.
fn site_place(root: &std::path::Path, node: &Node) -> String {
    let path = root.join("data").join("site.yaml");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (line, col) = crate::source::line_col(&text, node.span.start);
    format!("data/site.yaml:{line}:{col}")
}

/// The header: its row and the column of each field found.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: usize,
    pub columns: BTreeMap<Field, usize>,
    /// Each column's title as the sheet has it.
    pub titles: BTreeMap<Field, String>,
}

/// The fields a row of titles names, first column first.
pub fn match_titles(
    cells: &[Cell],
    overrides: &Overrides,
) -> (BTreeMap<Field, usize>, BTreeMap<Field, String>) {
    let mut columns = BTreeMap::new();
    let mut titles = BTreeMap::new();
    for (c, cell) in cells.iter().enumerate() {
        let Some(text) = cell.text() else { continue };
        let n = normalize(text);
        if n.is_empty() {
            continue;
        }
        for field in Field::ALL {
            if columns.contains_key(&field) {
                continue;
            }
            let hit = match overrides.titles.get(&field) {
                Some((title, _)) => normalize(title) == n,
                None => field.titles().iter().any(|t| normalize(t) == n),
            };
            if hit {
                columns.insert(field, c);
                titles.insert(field, text.to_string());
                break;
            }
        }
    }
    (columns, titles)
}

/// The export's header row, if the sheet has one among its first 30 rows: a date column and at
/// least two more known columns.
pub fn header(sheet: &Sheet, overrides: &Overrides) -> Option<Header> {
    sheet.rows.iter().take(30).enumerate().find_map(|(r, row)| {
        let (columns, titles) = match_titles(row, overrides);
        (columns.contains_key(&Field::Date) && columns.len() >= 3).then_some(Header {
            row: r,
            columns,
            titles,
        })
    })
}

/// A row among the first 30 that names two or more of the export's columns but no date: an
/// export whose date column has a title Vitrina does not know. Its row and the titles found.
pub fn near_header(sheet: &Sheet, overrides: &Overrides) -> Option<(usize, Vec<String>)> {
    sheet.rows.iter().take(30).enumerate().find_map(|(r, row)| {
        let (columns, titles) = match_titles(row, overrides);
        (!columns.contains_key(&Field::Date) && columns.len() >= 2)
            .then(|| (r, titles.into_values().collect()))
    })
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

/// A date as exports write it: `dd.mm.yyyy`, `yyyy-mm-dd` (both with a time or not), or an Excel
/// serial number (a cell formatted as a date).
pub fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    let serial = |f: f64| {
        // Excel's day 1 is 1900-01-01, counted as if 1900 had a 29 February.
        if !(1.0..2_958_466.0).contains(&f) {
            return None;
        }
        NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(f.floor() as u64))
    };
    match cell {
        Cell::Int(i) => serial(*i as f64),
        Cell::Float(f) => serial(*f),
        Cell::Other(s) => match s.strip_suffix(super::sheet::DATE_SUFFIX) {
            Some(n) => serial(n.trim().parse().ok()?),
            None => parse_date_text(s),
        },
        Cell::Text(s) => parse_date_text(s.trim()),
        Cell::Empty => None,
    }
}

fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let day = s.split([' ', 'T']).next()?;
    for format in ["%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(day, format) {
            // The rest, if any, must be a time.
            let rest = s[day.len()..].trim_start_matches(['T', ' ']);
            if rest.is_empty() {
                return Some(d);
            }
            let whole = format!("{day} {rest}");
            for t in ["%H:%M:%S", "%H:%M", "%H:%M:%S%.f"] {
                if NaiveDateTime::parse_from_str(&whole, &format!("{format} {t}")).is_ok() {
                    return Some(d);
                }
            }
            return None;
        }
    }
    None
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

/// Reads every message below the header; every problem is a diagnostic at its cell.
pub fn read_messages(
    sheet: &Sheet,
    header: &Header,
    solved_words: &[String],
    place: &Place,
    d: &mut Diagnostics,
) -> Vec<Message> {
    let solved: Vec<String> = solved_words.iter().map(|w| normalize(w)).collect();
    let title = |f: Field| header.titles.get(&f).cloned().unwrap_or_default();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for r in header.row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let col = |f: Field| header.columns.get(&f).copied();
        let mut ok = true;
        if let Some(c) = col(Field::Number) {
            let n = sheet.get(r, c).shown();
            if !n.is_empty() {
                if let Some(first) = numbers.get(&n) {
                    d.push(
                        Diagnostic::warning(
                            codes::IMPORT_POS_DUPLICATE,
                            t!(
                                "сообщение № {n} встречается дважды: здесь и в строке {}",
                                "message {n} appears twice: here and in row {}",
                                first + 1
                            ),
                        )
                        .in_path(column_cell(place, r, c, &title(Field::Number)))
                        .help(t!(
                            "каждое сообщение считается отдельно: если это повтор строки выгрузки, удалите её",
                            "each row is counted: if this is the same message twice, delete one row"
                        )),
                    );
                } else {
                    numbers.insert(n, r);
                }
            }
        }
        let date_col = col(Field::Date).expect("a header has a date column");
        let date = parse_date(sheet.get(r, date_col));
        if date.is_none() {
            ok = false;
            let shown = sheet.get(r, date_col).shown();
            d.push(
                Diagnostic::error(
                    codes::IMPORT_POS_DATE,
                    t!(
                        "ожидается дата, записано «{shown}»",
                        "expected a date, found «{shown}»"
                    ),
                )
                .in_path(column_cell(place, r, date_col, &title(Field::Date)))
                .help(t!(
                    "дату пишут как 05.03.2024, 2024-03-05 (можно со временем: 05.03.2024 14:30) или ячейкой формата «Дата»",
                    "write the date as 05.03.2024 or 2024-03-05 (a time may follow: 05.03.2024 14:30), or use a cell formatted as a date"
                )),
            );
        }
        let mut yes_no = |f: Field, d: &mut Diagnostics| -> Option<bool> {
            let c = col(f)?;
            let cell = sheet.get(r, c);
            match parse_yes_no(cell) {
                Some(v) => Some(v),
                None => {
                    ok = false;
                    let shown = cell.shown();
                    d.push(
                        Diagnostic::error(
                            codes::IMPORT_POS_YES_NO,
                            t!(
                                "ожидается «да» или «нет», записано «{shown}»",
                                "expected yes or no, found «{shown}»"
                            ),
                        )
                        .in_path(column_cell(place, r, c, &title(f)))
                        .help(t!(
                            "в этом столбце понимаются да/нет, yes/no, 1/0, true/false, +/- и пустая ячейка (= нет)",
                            "this column takes да/нет, yes/no, 1/0, true/false, +/- and an empty cell (= no)"
                        )),
                    );
                    None
                }
            }
        };
        let fast_track = yes_no(Field::FastTrack, d);
        let fz = yes_no(Field::Fz, d);
        let overdue = yes_no(Field::Overdue, d);
        let repeated = yes_no(Field::Repeated, d);
        let rating = match col(Field::Rating) {
            None => None,
            Some(c) => match parse_rating(sheet.get(r, c)) {
                Ok(v) => v,
                Err(NotARating) => {
                    ok = false;
                    let shown = sheet.get(r, c).shown();
                    d.push(
                        Diagnostic::error(
                            codes::IMPORT_POS_RATING,
                            t!(
                                "ожидается оценка — целое число от 1 до 5 или пустая ячейка, записано «{shown}»",
                                "expected a rating, a whole number from 1 to 5 or an empty cell, found «{shown}»"
                            ),
                        )
                        .in_path(column_cell(place, r, c, &title(Field::Rating)))
                        .help(t!(
                            "если заявитель не оценил ответ, оставьте ячейку пустой",
                            "leave the cell empty when the applicant did not rate the answer"
                        )),
                    );
                    None
                }
            },
        };
        let category = col(Field::Category)
            .map(|c| sheet.get(r, c).shown())
            .filter(|s| !s.is_empty());
        let solved = col(Field::Status).map(|c| {
            let s = normalize(&sheet.get(r, c).shown());
            !s.is_empty() && solved.contains(&s)
        });
        if let (true, Some(date)) = (ok, date) {
            out.push(Message {
                row: r,
                date,
                category,
                fast_track,
                fz,
                overdue,
                repeated,
                solved,
                rating,
            });
        }
    }
    out
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

/// Errors for the fields `data/site.yaml` renamed whose column the header does not have.
pub fn missing_overridden(
    sheet_header: Option<&[Cell]>,
    overrides: &Overrides,
    root: &std::path::Path,
    place: &Place,
    d: &mut Diagnostics,
) {
    let Some(cells) = sheet_header else { return };
    let (columns, _) = match_titles(cells, overrides);
    for (field, (title, node)) in &overrides.titles {
        if columns.contains_key(field) {
            continue;
        }
        let at = node
            .as_ref()
            .map_or_else(|| "data/site.yaml".to_string(), |n| site_place(root, n));
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
            .in_path(at)
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
            let (cols, _) = match_titles(&[text(title)], &Overrides::default());
            assert_eq!(cols.keys().copied().collect::<Vec<_>>(), [field], "{title}");
        }
        for other in ["Заявитель", "Адрес", "№ п/п", "Ответственный", "Датa"]
        {
            let (cols, _) = match_titles(&[text(other)], &Overrides::default());
            assert!(cols.is_empty(), "{other}: {cols:?}");
        }
    }

    #[test]
    fn an_override_replaces_the_usual_titles_of_its_field() {
        let mut o = Overrides::default();
        o.titles
            .insert(Field::Date, ("Создано (дата)".to_string(), None));
        let row = [text("Дата поступления"), text("создано дата"), text("Тема")];
        let (cols, titles) = match_titles(&row, &o);
        assert_eq!(cols[&Field::Date], 1);
        assert_eq!(titles[&Field::Date], "создано дата");
        assert_eq!(cols[&Field::Category], 2);
    }

    #[test]
    fn the_header_needs_a_date_and_two_more_columns() {
        let sheet = |rows: Vec<Vec<Cell>>| Sheet { name: None, rows };
        let o = Overrides::default();
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
    }

    #[test]
    fn dates_in_the_ways_exports_write_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date(&text("05.03.2024")), d(2024, 3, 5));
        assert_eq!(parse_date(&text("05.03.2024 14:30")), d(2024, 3, 5));
        assert_eq!(parse_date(&text("05.03.2024 14:30:59")), d(2024, 3, 5));
        assert_eq!(parse_date(&text("2024-03-31")), d(2024, 3, 31));
        assert_eq!(parse_date(&text("2024-03-31T23:59:00")), d(2024, 3, 31));
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
        ] {
            assert_eq!(parse_date(&text(bad)), None, "{bad}");
        }
        assert_eq!(parse_date(&Cell::Empty), None);
        assert_eq!(parse_date(&Cell::Float(-3.0)), None);
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
