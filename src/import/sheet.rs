//! A spreadsheet read into a grid of cells, each at its place: a sheet of a workbook through
//! calamine (XLSX, and whatever else calamine reads: XLSM, XLS, ODS), or a CSV file through the
//! small RFC 4180 reader below.
//!
//! The CSV reader is hand-written rather than the `csv` crate's because the errors must name the
//! row Excel shows: an empty line is a row of its own (the `csv` crate skips it), and a quoted
//! value may span lines. It also picks the separator, `;` (what Russian Excel writes, since its
//! decimal separator is the comma), a tab (Excel's «Текст Юникод») or `,`, and takes UTF-8 with
//! or without a byte-order mark and UTF-16 (with its mark, or known by the zero bytes of its
//! ASCII characters), and says which it found ([`Csv`]).

use crate::diag::Text;
use crate::t;
use std::path::Path;

/// One cell's value, as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Int(i64),
    Float(f64),
    Text(String),
    /// A boolean, date, duration or error value (`#DIV/0!`), as shown.
    Other(String),
}

impl Cell {
    /// The text of a text cell, trimmed.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t.trim()),
            _ => None,
        }
    }

    /// The value as a person reads it in the cell.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Int(i) => i.to_string(),
            // Russian Excel shows a decimal comma.
            Cell::Float(f) => f.to_string().replace('.', ","),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Other(t) => t.clone(),
        }
    }
}

/// A sheet: its name and its cells from A1.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name; `None` for a CSV file, which has one nameless sheet.
    pub name: Option<String>,
    /// Hidden in the workbook (Excel's «Скрыть»): never taken unless `--sheet` names it.
    pub hidden: bool,
    /// Rows from row 1, each from column A.
    pub rows: Vec<Vec<Cell>>,
}

const EMPTY: Cell = Cell::Empty;

/// Added to the serial number of a cell formatted as a date or time.
pub const DATE_SUFFIX: &str = " formatted as a date";

impl Sheet {
    /// The cell at a 0-based row and column; empty outside the grid.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The letters of a 0-based column: A, …, Z, AA, AB, …
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// `C7` for 0-based row 6, column 2.
pub fn cell_ref(row: usize, col: usize) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// A sheet's name as Excel writes it in a reference: quoted when it holds anything but letters,
/// digits and `_`, or begins with a digit (`'Отчёт за март'!C7`).
pub fn sheet_ref(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// Why a file could not be read into sheets.
#[derive(Debug)]
pub enum ReadError {
    Unreadable { path: String, message: String },
    NotUtf8 { path: String, line: usize },
    OpenQuote { path: String, row: usize },
}

impl ReadError {
    /// What went wrong.
    pub fn message(&self) -> Text {
        match self {
            ReadError::Unreadable { path, message } => t!(
                "не удалось прочитать {path}: {message}",
                "cannot read {path}: {message}"
            ),
            ReadError::NotUtf8 { path, line } => t!(
                "файл {path} не в кодировке UTF-8 (строка {line})",
                "{path} is not UTF-8 text (line {line})"
            ),
            ReadError::OpenQuote { path, row } => t!(
                "кавычка, открытая в строке {row} файла {path}, нигде не закрыта",
                "a quoted value opened in row {row} of {path} is never closed"
            ),
        }
    }

    /// The likely fix.
    pub fn help(&self) -> Text {
        match self {
            ReadError::Unreadable { .. } => t!(
                "сохраните таблицу как книгу Excel (.xlsx) или как CSV (UTF-8) и проверьте имя файла",
                "save the table as an Excel workbook (.xlsx) or as CSV (UTF-8), and check the file's name"
            ),
            ReadError::NotUtf8 { .. } => t!(
                "обычный «CSV» из Excel сохраняется в кодировке Windows-1251: сохраните таблицу как «CSV UTF-8 (разделитель — запятая)» или как .xlsx",
                "Excel's plain «CSV» is in the Windows-1251 encoding: save as «CSV UTF-8 (разделитель — запятая)», or as .xlsx"
            ),
            ReadError::OpenQuote { .. } => t!(
                "значение, которое начинается с кавычки \", должно ею и заканчиваться; кавычку внутри значения пишите двойной: \"\"",
                "a value that begins with a quote mark \" must end with one; write a quote mark inside a value as \"\""
            ),
        }
    }
}

/// The English message, for when a `ReadError` is used as an error value.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ReadError {}

/// Every sheet of a workbook, in the workbook's order.
pub fn read_workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    use calamine::Reader;
    let unreadable = |e: &dyn std::fmt::Display| ReadError::Unreadable {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut book = calamine::open_workbook_auto(path).map_err(|e| unreadable(&e))?;
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, c, data) in range.used_cells() {
            let cell = convert(data);
            if cell == Cell::Empty {
                continue;
            }
            let (r, c) = (row0 as usize + r, col0 as usize + c);
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            if rows[r].len() <= c {
                rows[r].resize(c + 1, Cell::Empty);
            }
            rows[r][c] = cell;
        }
        sheets.push(Sheet {
            hidden: hidden.contains(&name),
            name: Some(name),
            rows,
        });
    }
    Ok(sheets)
}

fn convert(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Other(if *b { "ИСТИНА" } else { "ЛОЖЬ" }.to_string()),
        Data::DateTime(dt) => Cell::Other(format!("{dt}{DATE_SUFFIX}")),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Other(s.clone()),
        Data::Error(e) => Cell::Other(e.to_string()),
    }
}

/// How a CSV file is written: what [`read_csv`] found, said back to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }
}

/// A CSV file read: its one sheet, its encoding and its separator.
#[derive(Debug, Clone, PartialEq)]
pub struct Csv {
    pub sheet: Sheet,
    pub encoding: Encoding,
    pub separator: char,
}

impl Csv {
    /// `UTF-16 LE, разделитель — табуляция`, for the line that says what was read.
    pub fn described(&self) -> Text {
        let encoding = self.encoding.name();
        let (ru, en) = match self.separator {
            '\t' => ("табуляция", "a tab"),
            ';' => ("«;»", "«;»"),
            _ => ("«,»", "«,»"),
        };
        t!(
            "кодировка {encoding}, разделитель — {ru}",
            "encoding {encoding}, separated by {en}"
        )
    }
}

/// A CSV file's one sheet, and how the file is written.
pub fn read_csv(path: &Path) -> Result<Csv, ReadError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ReadError::Unreadable {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    csv(&bytes).map_err(|e| match e {
        CsvError::NotUtf8 { line } => ReadError::NotUtf8 { path: shown, line },
        CsvError::OpenQuote { row } => ReadError::OpenQuote { path: shown, row },
    })
}

/// What is wrong with CSV bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvError {
    /// 1-based line of the first byte that is not UTF-8.
    NotUtf8 { line: usize },
    /// 1-based row where the unclosed quoted value begins.
    OpenQuote { row: usize },
}

/// Reads CSV bytes into a sheet (see [`csv`]).
pub fn parse_csv(bytes: &[u8]) -> Result<Sheet, CsvError> {
    csv(bytes).map(|c| c.sheet)
}

/// Reads CSV bytes (RFC 4180; `;`, tab or `,` separated; UTF-8, a byte-order mark allowed, or
/// UTF-16) into a sheet, saying how they were written.
pub fn csv(bytes: &[u8]) -> Result<Csv, CsvError> {
    let (text, encoding) = decode(bytes)?;
    let separator = separator(&text);
    Ok(Csv {
        sheet: parse_text(&text, separator)?,
        encoding,
        separator,
    })
}

/// The text of CSV bytes and its encoding. UTF-16 is known by its byte-order mark, or by the
/// zero bytes its ASCII characters (digits, separators, line ends) have on one side: a CSV file
/// in UTF-8 never holds a zero byte.
fn decode(bytes: &[u8]) -> Result<(String, Encoding), CsvError> {
    let utf16 = |body: &[u8], le: bool| {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|p| {
                let (a, b) = (p[0], p.get(1).copied().unwrap_or(0));
                if le {
                    u16::from_le_bytes([a, b])
                } else {
                    u16::from_be_bytes([a, b])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((utf16(body, true), Encoding::Utf16Le));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((utf16(body, false), Encoding::Utf16Be));
    }
    let zeros = |odd: bool| {
        bytes
            .iter()
            .skip(usize::from(odd))
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    // Zeros in a tenth of the pairs or more, all on one side.
    let (even, odd) = (zeros(false), zeros(true));
    let many = |n: usize| n > 0 && n * 20 >= bytes.len();
    if many(odd) && even == 0 {
        return Ok((utf16(bytes, true), Encoding::Utf16Le));
    }
    if many(even) && odd == 0 {
        return Ok((utf16(bytes, false), Encoding::Utf16Be));
    }
    let (body, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (body, Encoding::Utf8Bom),
        None => (bytes, Encoding::Utf8),
    };
    let text = std::str::from_utf8(body).map_err(|e| CsvError::NotUtf8 {
        line: body[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1,
    })?;
    Ok((text.to_string(), encoding))
}

/// The rows of CSV text separated by `sep`. Every line ending outside quotes ends a row, so an
/// empty line is an empty row, as in Excel. A quote mark inside an unquoted value is kept as it
/// is. Long because it is one state machine over the characters; cut, its states would be
/// scattered over functions that share them.
fn parse_text(text: &str, sep: char) -> Result<Sheet, CsvError> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut quote_row = 0;
    let mut chars = text.chars().peekable();
    let finish_field = |field: &mut String, row: &mut Vec<Cell>| {
        let f = std::mem::take(field);
        row.push(if f.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(f)
        });
    };
    let finish_row = |row: &mut Vec<Cell>, rows: &mut Vec<Vec<Cell>>| {
        let mut r = std::mem::take(row);
        while r.last() == Some(&Cell::Empty) {
            r.pop();
        }
        rows.push(r);
    };
    // Whether the current field is still empty and unquoted, so that a quote mark opens it.
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            c if c == sep => {
                finish_field(&mut field, &mut row);
                at_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_field(&mut field, &mut row);
                finish_row(&mut row, &mut rows);
                at_start = true;
            }
            '"' if at_start => {
                field.clear();
                quoted = true;
                quote_row = rows.len() + 1;
                at_start = false;
            }
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return Err(CsvError::OpenQuote { row: quote_row });
    }
    if !field.is_empty() || !row.is_empty() || !at_start {
        finish_field(&mut field, &mut row);
        finish_row(&mut row, &mut rows);
    }
    Ok(Sheet {
        name: None,
        hidden: false,
        rows,
    })
}

/// The separator, by what stands outside quotes: a tab where tabs outnumber semicolons and are
/// at least as many as commas, else `;` where there is one, else `,`. Russian Excel separates
/// with `;` and leaves the commas of the official wording unquoted; its «Текст Юникод» separates
/// with tabs; a comma-separated file quotes its commas (a tab inside a value stays a value).
fn separator(text: &str) -> char {
    let (mut quoted, mut semicolons, mut tabs, mut commas) = (false, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if tabs > semicolons && tabs >= commas {
        '\t'
    } else if semicolons > 0 {
        ';'
    } else {
        ','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::shown).collect())
            .collect()
    }

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(cell_ref(6, 2), "C7");
    }

    #[test]
    fn sheet_names_are_quoted_like_excel() {
        assert_eq!(sheet_ref("Лист1"), "Лист1");
        assert_eq!(sheet_ref("Отчёт за март"), "'Отчёт за март'");
        assert_eq!(sheet_ref("2024"), "'2024'");
        assert_eq!(sheet_ref("О'Нил"), "'О''Нил'");
    }

    #[test]
    fn semicolons_with_unquoted_commas_as_russian_excel_writes() {
        let csv = "\u{feff}Отчёт на «02» апреля 2024 г.;;\r\n№ п/п;Наименование;Значение\r\n1.;Количество обращений, поступивших через ПОС;1 234\r\n";
        let sheet = parse_csv(csv.as_bytes()).unwrap();
        assert_eq!(
            texts(&sheet),
            [
                vec!["Отчёт на «02» апреля 2024 г."],
                vec!["№ п/п", "Наименование", "Значение"],
                vec!["1.", "Количество обращений, поступивших через ПОС", "1 234"],
            ]
        );
    }

    #[test]
    fn commas_with_quoted_values_quote_marks_and_line_breaks() {
        let csv = "a,\"b, c\",\"say \"\"hi\"\"\"\n1,\"two\nlines\",3\n\n4,5\"x,6";
        let sheet = parse_csv(csv.as_bytes()).unwrap();
        assert_eq!(
            texts(&sheet),
            [
                vec!["a", "b, c", "say \"hi\""],
                vec!["1", "two\nlines", "3"],
                vec![],
                vec!["4", "5\"x", "6"],
            ]
        );
    }

    #[test]
    fn a_semicolon_inside_quotes_does_not_make_it_the_separator() {
        let sheet = parse_csv("1,\"a; b\",3\n".as_bytes()).unwrap();
        assert_eq!(texts(&sheet), [vec!["1", "a; b", "3"]]);
    }

    #[test]
    fn an_empty_line_is_a_row_so_row_numbers_match_excel() {
        let sheet = parse_csv(b"title\n\n1;x;5\r\n").unwrap();
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.get(2, 2), &Cell::Text("5".into()));
        assert_eq!(sheet.get(1, 0), &Cell::Empty);
        assert_eq!(sheet.get(9, 9), &Cell::Empty);
    }

    #[test]
    fn utf16_with_or_without_its_mark_and_tabs_are_read_and_said() {
        let text = "Номер\tДата поступления\tКатегория\r\n1\t01.03.2024\tЖКХ\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_mark = [&b"\xFF\xFE"[..], &le].concat();
        for (bytes, encoding) in [
            (&with_mark, Encoding::Utf16Le),
            (&le, Encoding::Utf16Le),
            (&be, Encoding::Utf16Be),
        ] {
            let read = csv(bytes).unwrap();
            assert_eq!(read.encoding, encoding);
            assert_eq!(read.separator, '\t');
            assert_eq!(
                texts(&read.sheet),
                [
                    vec!["Номер", "Дата поступления", "Категория"],
                    vec!["1", "01.03.2024", "ЖКХ"]
                ]
            );
        }
        assert_eq!(
            csv(with_mark.as_slice()).unwrap().described().en,
            "encoding UTF-16 LE, separated by a tab"
        );
        let utf8 = csv("a;b\n".as_bytes()).unwrap();
        assert_eq!(utf8.described().ru, "кодировка UTF-8, разделитель — «;»");
    }

    #[test]
    fn a_tab_inside_a_comma_separated_value_keeps_the_comma() {
        let read = csv("a,b,c\n1,x\ty,3\n".as_bytes()).unwrap();
        assert_eq!(read.separator, ',');
        assert_eq!(texts(&read.sheet)[1], ["1", "x\ty", "3"]);
    }

    #[test]
    fn refuses_an_open_quote_and_text_that_is_not_utf8() {
        assert_eq!(
            parse_csv(b"a;b\n1;\"open\n2;3\n"),
            Err(CsvError::OpenQuote { row: 2 })
        );
        // «Отчёт» in Windows-1251, on line 2.
        assert_eq!(
            parse_csv(b"a;b\n\xce\xf2\xf7\xb8\xf2;1\n"),
            Err(CsvError::NotUtf8 { line: 2 })
        );
    }
}
