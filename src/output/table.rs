//! A data set as a table: typed columns, typed cells, and the two ways it is written out (CSV and
//! JSON). Numbers are written for machines: plain digits, `.` before the one decimal, a `-` for
//! negatives; Russian formatting (`67,3 %`) belongs to the pages, not to the data.

use super::csv::{self, Field};
use crate::period::Period;
use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;

/// A data set's column layout: which revision it is, and from when Vitrina writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// 1 for a set's first layout, one more at each change of its columns.
    pub revision: u32,
    /// The day Vitrina began writing this layout: reports published before it were published
    /// in an earlier one. `None` for a first layout, in which every report was published.
    pub since: Option<NaiveDate>,
}

/// The first published layout of every data set.
pub const FIRST_LAYOUT: Layout = Layout {
    revision: 1,
    since: None,
};

impl Layout {
    /// The date of this structure version: the day the publisher first published data in it —
    /// the earliest report publication on or after `since` (for a first layout, the first
    /// report's) — and never later than the data it describes, dated `data`. With no report
    /// published in it yet, the data's own date: this build is its first publication.
    pub fn date(self, published: &[NaiveDate], data: NaiveDate) -> NaiveDate {
        published
            .iter()
            .copied()
            .filter(|p| self.since.is_none_or(|since| *p >= since))
            .min()
            .map_or(data, |first| first.min(data))
    }
}

/// What kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A whole number.
    Integer,
    /// A number kept in tenths, written with one decimal: percentages, marks, percentage points.
    Decimal,
    /// A date `YYYY-MM-DD`.
    Date,
    /// A month `YYYY-MM`.
    Month,
    /// A year `YYYY`.
    Year,
    /// `true` or `false`.
    Boolean,
    /// Text from the publisher (guarded against formulas in CSV).
    Text,
    /// A fixed word from a short list, such as `in_progress`.
    Code,
    /// An absolute http(s) address.
    Url,
}

impl Format {
    /// The format column of the open-data structure file (`structure-YYYYMMDD.csv`).
    pub fn code(self) -> &'static str {
        match self {
            Format::Integer | Format::Year => "integer",
            Format::Decimal => "float",
            Format::Date => "date",
            Format::Boolean => "boolean",
            Format::Month | Format::Text | Format::Code | Format::Url => "string",
        }
    }

    /// The format in Russian words, for the `/data/` page and the structure file.
    pub fn ru(self) -> &'static str {
        match self {
            Format::Integer => "целое число",
            Format::Decimal => "число с одним знаком после точки",
            Format::Date => "дата ГГГГ-ММ-ДД",
            Format::Month => "месяц ГГГГ-ММ",
            Format::Year => "год ГГГГ",
            Format::Boolean => "true или false",
            Format::Text => "текст",
            Format::Code => "код из списка",
            Format::Url => "ссылка (http, https)",
        }
    }
}

/// One column of a data set.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The field name in the CSV header and the JSON key: latin, snake_case.
    pub name: &'static str,
    /// What the column holds, in English (the structure file asks for both languages).
    pub en: String,
    /// What the column holds, in Russian.
    pub ru: String,
    #[serde(skip)]
    pub format: Format,
}

impl Column {
    pub fn new(
        name: &'static str,
        format: Format,
        en: impl Into<String>,
        ru: impl Into<String>,
    ) -> Column {
        Column {
            name,
            en: en.into(),
            ru: ru.into(),
            format,
        }
    }
}

/// A column together with the cell it reads off each record of a table of `R`: declared side by
/// side, so a table's columns and its cells cannot drift apart.
pub struct ColumnOf<R> {
    pub column: Column,
    pub cell: Box<dyn Fn(&R) -> Cell>,
}

impl<R> ColumnOf<R> {
    pub fn new(
        name: &'static str,
        format: Format,
        en: impl Into<String>,
        ru: impl Into<String>,
        cell: impl Fn(&R) -> Cell + 'static,
    ) -> ColumnOf<R> {
        ColumnOf {
            column: Column::new(name, format, en, ru),
            cell: Box::new(cell),
        }
    }
}

/// The columns, and a row per record with each column's cell.
pub fn tabulate<R>(columns: Vec<ColumnOf<R>>, records: &[R]) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let rows = records
        .iter()
        .map(|r| columns.iter().map(|c| (c.cell)(r)).collect())
        .collect();
    (columns.into_iter().map(|c| c.column).collect(), rows)
}

/// One value. `Empty` is "no data": an empty CSV field and `null` in JSON, never 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Count(u64),
    Int(i64),
    /// Tenths: `689` is written `68.9`.
    Tenths(i64),
    Date(NaiveDate),
    Month(Period),
    Bool(bool),
    Text(String),
}

impl Cell {
    /// `Empty` for `None`.
    pub fn from<T>(v: Option<T>, f: impl FnOnce(T) -> Cell) -> Cell {
        v.map_or(Cell::Empty, f)
    }

    pub fn text(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }

    pub fn opt_text(t: Option<&str>) -> Cell {
        t.map_or(Cell::Empty, Cell::text)
    }

    /// Whether the cell may stand in a column of this format.
    pub fn fits(&self, format: Format) -> bool {
        matches!(
            (self, format),
            (Cell::Empty, _)
                | (
                    Cell::Count(_) | Cell::Int(_),
                    Format::Integer | Format::Year
                )
                | (Cell::Tenths(_), Format::Decimal)
                | (Cell::Date(_), Format::Date)
                | (Cell::Month(_), Format::Month)
                | (Cell::Bool(_), Format::Boolean)
                | (Cell::Text(_), Format::Text | Format::Code | Format::Url)
        )
    }

    /// The value as a CSV field's text (before quoting).
    fn plain(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Count(n) => n.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Tenths(t) => decimal(*t),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Month(p) => p.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// Tenths as a decimal with a point: `689` → `68.9`, `-3` → `-0.3`, `1000` → `100.0`.
pub fn decimal(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", t.unsigned_abs() / 10, t.unsigned_abs() % 10)
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Empty => s.serialize_none(),
            Cell::Count(n) => s.serialize_u64(*n),
            Cell::Int(n) => s.serialize_i64(*n),
            // Tenths over ten as a float print as the shortest decimal that reads back the same,
            // which for one decimal place is exactly that decimal (68.9, not 68.900000001).
            Cell::Tenths(t) => s.serialize_f64(*t as f64 / 10.0),
            Cell::Bool(b) => s.serialize_bool(*b),
            Cell::Date(_) | Cell::Month(_) | Cell::Text(_) => s.serialize_str(&self.plain()),
        }
    }
}

/// A data set: its place in the catalogue and its rows.
#[derive(Debug, Clone)]
pub struct DataSet {
    /// The file name under `/data/`, such as `indicators`.
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Keywords for the open-data passport (`subject`).
    pub subject: &'static str,
    /// The current column layout, whose date the data gives; see [`super::catalog`].
    pub structure: Layout,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl DataSet {
    /// The open-data identifier, stable across builds: `mcu-indicators`, or with the
    /// publisher's INN in front as the guidelines write it (`ИНН-код`),
    /// `9900123450-mcu-indicators`.
    pub fn identifier(&self, inn: Option<&str>) -> String {
        match inn {
            Some(inn) => format!("{inn}-mcu-{}", self.id),
            None => format!("mcu-{}", self.id),
        }
    }

    /// The set as CSV: a header of field names, then the rows.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::new();
        w.record(self.columns.iter().map(|c| Field::Plain(c.name)));
        for row in &self.rows {
            let texts: Vec<(bool, String)> = row
                .iter()
                .map(|c| (matches!(c, Cell::Text(_)), c.plain()))
                .collect();
            w.record(texts.iter().map(|(is_text, t)| {
                if *is_text {
                    Field::Text(t)
                } else {
                    Field::Plain(t)
                }
            }));
        }
        w.finish()
    }

    /// The set as JSON: what it is, its columns, and the rows as objects keyed by column name,
    /// in column order, one row a line (indented like the rest, the rows' own fields unspaced:
    /// a third of a long set's bytes were the spaces of one field a line, and a row a line still
    /// reads, and diffs, row by row). `structure` is the date of its layout's version.
    pub fn to_json(&self, as_of: NaiveDate, structure: NaiveDate) -> Vec<u8> {
        #[derive(Serialize)]
        struct File<'a> {
            id: &'a str,
            title: &'a str,
            description: &'a str,
            as_of: String,
            structure_version: String,
            columns: Vec<JsonColumn<'a>>,
        }
        #[derive(Serialize)]
        struct JsonColumn<'a> {
            name: &'a str,
            description: &'a str,
            format: &'a str,
        }
        let file = File {
            id: self.id,
            title: self.title,
            description: self.description,
            as_of: as_of.format("%Y-%m-%d").to_string(),
            structure_version: structure.format("%Y-%m-%d").to_string(),
            columns: self
                .columns
                .iter()
                .map(|c| JsonColumn {
                    name: c.name,
                    description: &c.ru,
                    format: c.format.code(),
                })
                .collect(),
        };
        const CAN_FAIL: &str = "strings, whole numbers and finite decimals always serialize";
        let mut bytes = serde_json::to_vec_pretty(&file).expect(CAN_FAIL);
        // The head ends with its last field and `\n}`: the rows go in as the last field.
        bytes.truncate(bytes.len() - 2);
        bytes.extend_from_slice(b",\n  \"rows\": [");
        for (i, row) in self.rows.iter().enumerate() {
            bytes.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            serde_json::to_writer(&mut bytes, &Row(&self.columns, row)).expect(CAN_FAIL);
        }
        bytes.extend_from_slice(if self.rows.is_empty() {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        });
        bytes
    }
}

struct Row<'a>(&'a [Column], &'a [Cell]);

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (col, cell) in self.0.iter().zip(self.1) {
            map.serialize_entry(col.name, cell)?;
        }
        map.end()
    }
}

#[cfg(test)]
impl DataSet {
    /// A set `t` for the tests of how sets are written: these columns and rows, the first layout.
    pub fn sample(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> DataSet {
        DataSet {
            id: "t",
            title: "Т",
            description: "Д",
            subject: "",
            structure: FIRST_LAYOUT,
            columns,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> DataSet {
        DataSet::sample(
            vec![
                Column::new("name", Format::Text, "Name", "Имя"),
                Column::new("share", Format::Decimal, "Share", "Доля"),
                Column::new("growth", Format::Integer, "Growth", "Прирост"),
            ],
            vec![
                vec![Cell::text("=SUM(1)"), Cell::Tenths(689), Cell::Int(-50)],
                vec![Cell::text("a, b"), Cell::Empty, Cell::Empty],
            ],
        )
    }

    #[test]
    fn decimals_use_a_point_and_one_digit() {
        assert_eq!(decimal(689), "68.9");
        assert_eq!(decimal(1000), "100.0");
        assert_eq!(decimal(-3), "-0.3");
        assert_eq!(decimal(0), "0.0");
    }

    #[test]
    fn csv_has_a_header_and_no_data_is_an_empty_field() {
        let csv = String::from_utf8(set().to_csv()).unwrap();
        assert_eq!(
            csv,
            "name,share,growth\r\n'=SUM(1),68.9,-50\r\n\"a, b\",,\r\n"
        );
    }

    #[test]
    fn json_keeps_column_order_raw_text_and_null_for_no_data() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        let json = String::from_utf8(set().to_json(day, day)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["rows"][0]["name"], "=SUM(1)");
        assert_eq!(v["rows"][0]["share"], 68.9);
        assert_eq!(v["rows"][0]["growth"], -50);
        assert!(v["rows"][1]["share"].is_null());
        assert_eq!(v["as_of"], "2024-03-04");
        let name = json.find("\"name\":\"=SUM").unwrap();
        let share = json.find("\"share\":68.9").unwrap();
        assert!(name < share, "keys in column order");
    }

    #[test]
    fn json_puts_each_row_on_a_line_of_its_own() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        let json = String::from_utf8(set().to_json(day, day)).unwrap();
        let rows: Vec<&str> = json
            .lines()
            .filter(|l| l.starts_with("    {\"name\":"))
            .collect();
        assert_eq!(rows.len(), set().rows.len(), "{json}");
        for row in rows {
            let row: serde_json::Value = serde_json::from_str(row.trim().trim_end_matches(','))
                .expect("a row a line, each a JSON object");
            assert!(row.is_object());
        }
        assert!(json.ends_with("\n  ]\n}\n"), "{json}");
        let mut empty = set();
        empty.rows.clear();
        let json = String::from_utf8(empty.to_json(day, day)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid without rows");
        assert_eq!(v["rows"], serde_json::json!([]));
        assert!(v["columns"].is_array());
    }
}
