//! Each data set as an Excel workbook, `/data/<set>.xlsx`, beside its CSV: the same rows, for the
//! journalist who double-clicks a file. A Russian Excel splits a CSV on `;` and guesses its
//! encoding, so the open-data CSV (commas, UTF-8, as the guidelines ask) opens as one column of
//! mojibake; the workbook opens as a table.
//!
//! One sheet: a header row of the columns' Russian titles (bold, wrapped, frozen, with a filter),
//! then the rows with numbers, dates and yes/no as typed cells — a month is the date of its first
//! day shown `ГГГГ-ММ`, a share a number shown with its one decimal — and text as text, which a
//! spreadsheet never runs as a formula (so no `'` as in the CSV). Widths follow the longest value.
//!
//! The bytes depend on the data alone: the workbook's creation date is the data's as-of date, and
//! `rust_xlsxwriter` dates every file of the archive at its fixed default, so two builds of the
//! same data give the same file.

use super::table::{Cell, Column, DataSet};
use crate::domain::INDICATORS;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// The longest text a cell holds (Excel's limit): longer publisher text is cut there.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths, in characters: at least a date's, at most about a third of a screen.
const MIN_WIDTH: usize = 10;
const MAX_WIDTH: usize = 60;
/// A column is wide enough for its header title in this many lines or fewer.
const HEADER_LINES: usize = 4;

/// The title of a column in the header row: its Russian description up to the first `;`, `:` or
/// ` (` — the rest explains (when it is empty, what a code means), as the data dictionary on the
/// `/data/` page and the structure file do in full. An indicator's column (`indicators`: one a
/// column, described by its official wording of a line or three) is titled by its number and
/// short name, «№ 5. Поступило через ПОС».
pub fn title(column: &Column) -> std::borrow::Cow<'_, str> {
    let ru = column.ru.as_str();
    if let Some(def) = INDICATORS
        .iter()
        .find(|d| d.id == column.name && ru.starts_with(&format!("№ {}. ", d.number)))
    {
        return format!("№ {}. {}", def.number, def.short).into();
    }
    let end = [";", ":", " ("]
        .iter()
        .filter_map(|stop| ru.find(stop))
        .min()
        .unwrap_or(ru.len());
    ru[..end].trim().into()
}

/// Whether [`workbook`] makes a workbook of `set`: within Excel's limits of rows and columns
/// (its dates, from years 2000 to 9999, always are).
pub fn fits(set: &DataSet) -> bool {
    set.rows.len() < EXCEL_ROWS as usize && set.columns.len() <= EXCEL_COLUMNS as usize
}

/// Excel's rows a sheet (the header among them) and columns.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u16 = 16_384;

/// The workbook of `set`, its properties dated `as_of` and authored by `owner`. An error only
/// past Excel's limits (a million rows, [`fits`]), which no site's data reaches.
pub fn workbook(set: &DataSet, as_of: NaiveDate, owner: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(as_of.year()).unwrap_or(2000),
        as_of.month() as u8,
        as_of.day() as u8,
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(set.title)
            .set_subject(set.description)
            .set_author(owner)
            .set_keywords(set.subject)
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let formats = Formats {
        tenths: Format::new().set_num_format("0.0"),
        date: Format::new().set_num_format("dd.mm.yyyy"),
        month: Format::new().set_num_format("yyyy-mm"),
    };
    let sheet = book.add_worksheet();
    sheet.set_name("Данные")?;
    let mut heights = 1;
    for (c, column) in set.columns.iter().enumerate() {
        let col = c as u16;
        let title = title(column);
        let widest = set
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(shown_width)
            .max()
            .unwrap_or(0);
        let chars = title.chars().count();
        let longest_word = title.split(' ').map(|w| w.chars().count()).max();
        let width = widest
            .max(longest_word.unwrap_or(0))
            .max(chars.div_ceil(HEADER_LINES))
            .clamp(MIN_WIDTH, MAX_WIDTH);
        // Words do not fill a line to its last character: a fifth more lines than the division.
        heights = heights.max((chars * 6 / 5).div_ceil(width));
        sheet.set_column_width(col, width as f64 + 2.0)?;
        sheet.write_string_with_format(0, col, title.as_ref(), &header)?;
    }
    sheet.set_row_height(0, 15 * heights.min(HEADER_LINES + 2) as u32)?;
    for (r, row) in set.rows.iter().enumerate() {
        let at = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            write(sheet, (at, c as u16), cell, &formats)?;
        }
    }
    let last_col = set.columns.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, set.rows.len() as u32, last_col)?;
    book.save_to_buffer()
}

/// The number formats of typed cells.
struct Formats {
    tenths: Format,
    date: Format,
    month: Format,
}

/// Writes one cell as its type: "no data" stays an empty cell, as in the CSV; a whole number (a
/// year too) in the General format, which shows it without a thousands separator.
fn write(
    sheet: &mut rust_xlsxwriter::Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Count(n) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        Cell::Int(n) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        Cell::Tenths(t) => {
            sheet.write_number_with_format(row, col, *t as f64 / 10.0, &f.tenths)?;
        }
        Cell::Date(d) => {
            sheet.write_datetime_with_format(row, col, excel_date(*d)?, &f.date)?;
        }
        Cell::Month(p) => {
            sheet.write_datetime_with_format(row, col, excel_date(p.first_day())?, &f.month)?;
        }
        Cell::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
        Cell::Text(t) => {
            let t: String = t.chars().take(MAX_CELL_CHARS).collect();
            sheet.write_string(row, col, t)?;
        }
    }
    Ok(())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        d.month() as u8,
        d.day() as u8,
    )
}

/// How many characters a cell shows: what its column's width is made from.
fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Count(n) => n.to_string().len(),
        Cell::Int(n) => n.to_string().len(),
        Cell::Tenths(t) => super::table::decimal(*t).len(),
        Cell::Date(_) => 10,
        Cell::Month(_) => 7,
        Cell::Bool(_) => 6,
        Cell::Text(t) => t.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table::Format as F;

    #[test]
    fn fits_says_whether_a_workbook_is_made() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        for columns in [
            1,
            usize::from(EXCEL_COLUMNS),
            usize::from(EXCEL_COLUMNS) + 1,
        ] {
            let set = DataSet::sample(
                (0..columns)
                    .map(|_| crate::output::table::Column::new("c", F::Integer, "C", "С"))
                    .collect(),
                vec![vec![Cell::Int(1); columns]],
            );
            assert_eq!(
                fits(&set),
                workbook(&set, day, "МЦУ").is_ok(),
                "{columns} columns"
            );
        }
        let set = DataSet::sample(
            vec![crate::output::table::Column::new("c", F::Integer, "C", "С")],
            vec![vec![Cell::Int(1)]; EXCEL_ROWS as usize],
        );
        assert!(!fits(&set), "the header takes a row");
    }

    fn set() -> DataSet {
        let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        DataSet::sample(
            vec![
                Column::new("period", F::Month, "Month", "Отчётный месяц"),
                Column::new("name", F::Text, "Name", "Имя получателя; пусто, если нет"),
                Column::new("share", F::Decimal, "Share", "Доля, % (по суммам)"),
                Column::new("day", F::Date, "Day", "Дата: когда"),
                Column::new("done", F::Boolean, "Done", "Выполнено"),
            ],
            vec![
                vec![
                    Cell::Month(crate::period::Period::new(2024, 3).unwrap()),
                    Cell::text("=SUM(1)"),
                    Cell::Tenths(689),
                    Cell::Date(day),
                    Cell::Bool(true),
                ],
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ],
            ],
        )
    }

    #[test]
    fn a_workbook_depends_on_the_data_alone() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        let first = workbook(&set(), day, "МЦУ").unwrap();
        // A second later: a clock read anywhere in the file would show.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert!(first == workbook(&set(), day, "МЦУ").unwrap());
        let later = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
        assert!(first != workbook(&set(), later, "МЦУ").unwrap());
    }

    #[test]
    fn cells_are_typed_under_russian_titles() {
        use calamine::{Data, Reader, Xlsx};
        let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        let bytes = workbook(&set(), day, "МЦУ").unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Данные").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(
            header,
            [
                "Отчётный месяц",
                "Имя получателя",
                "Доля, %",
                "Дата",
                "Выполнено"
            ]
        );
        // 2024-03-01 and 2024-03-04 as Excel's serial days.
        assert!(matches!(&rows[1][0], Data::DateTime(d) if d.as_f64() == 45352.0));
        assert_eq!(rows[1][1], Data::String("=SUM(1)".into()));
        assert_eq!(rows[1][2], Data::Float(68.9));
        assert!(matches!(&rows[1][3], Data::DateTime(d) if d.as_f64() == 45355.0));
        assert_eq!(rows[1][4], Data::Bool(true));
        assert!(
            rows.get(2)
                .is_none_or(|r| r.iter().all(|c| *c == Data::Empty))
        );
    }
}
