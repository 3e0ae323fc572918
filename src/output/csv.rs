//! CSV as RFC 4180 says: fields separated by commas, records ended by CRLF (the last one too),
//! a field quoted when it holds a comma, a quote or a line break, and a quote inside doubled.
//!
//! Written by hand rather than with the `csv` crate: the whole format is these thirty lines, and
//! one rule the crate does not know belongs here: a text cell that a spreadsheet would run as a
//! formula gets a leading `'` (DATA-FORMAT.md, "Text from publishers is untrusted").
//!
//! No byte-order mark. The Russian open-data guidelines ask for UTF-8, and a BOM turns the first
//! column's name into `\u{feff}period` for most programs that read CSV (Python's `csv`, pandas,
//! R, `cut`, the validators of open-data portals). The one program a BOM would help, Excel opened
//! by a double click, does not read these files right with it either: in a Russian locale Excel
//! splits on `;`, since `,` is the decimal separator. So the `/data/` page tells how to import
//! the file (Данные → Из текстового/CSV-файла), which works with or without a BOM.

/// A CSV document being written.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

/// One field as it should be written.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    /// Text from a publisher or a name: guarded against formula injection.
    Text(&'a str),
    /// A number, a date or an identifier produced by Vitrina: written as it is.
    Plain(&'a str),
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Appends one record.
    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = Field<'a>>) {
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            match f {
                Field::Text(t) => {
                    if starts_like_formula(t) {
                        quote_into(&mut self.out, &format!("'{t}"));
                    } else {
                        quote_into(&mut self.out, t);
                    }
                }
                Field::Plain(t) => quote_into(&mut self.out, t),
            }
        }
        self.out.push_str("\r\n");
    }

    /// Appends a record of text fields.
    pub fn texts(&mut self, fields: &[&str]) {
        self.record(fields.iter().map(|f| Field::Text(f)));
    }

    pub fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// True when a spreadsheet would take the text for a formula: `=`, `+`, `-` and `@` start one
/// in Excel, LibreOffice and Google Sheets; a tab or carriage return before them is skipped by
/// some of them, so those count too (OWASP's list).
pub fn starts_like_formula(t: &str) -> bool {
    t.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// True for text such as a phone number, `+7 (800) 000-00-00`: only digits, spaces, brackets,
/// `+`, `-` and `.`. A spreadsheet cannot call anything from such a formula, so a field that
/// machines read as it is (the passport's `publisherphone`) may go without the apostrophe.
pub fn is_inert(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '+' | '-' | '.'))
}

fn quote_into(out: &mut String, t: &str) {
    if t.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&t.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(fields: &[Field]) -> String {
        let mut w = Writer::new();
        w.record(fields.iter().copied());
        String::from_utf8(w.finish()).unwrap()
    }

    #[test]
    fn records_end_in_crlf_and_plain_fields_stay_bare() {
        assert_eq!(
            one(&[
                Field::Plain("2024-02"),
                Field::Plain("45"),
                Field::Plain("")
            ]),
            "2024-02,45,\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_with_quotes_doubled() {
        assert_eq!(
            one(&[
                Field::Text("МКУ «ГХ», отдел"),
                Field::Text("он сказал \"да\"")
            ]),
            "\"МКУ «ГХ», отдел\",\"он сказал \"\"да\"\"\"\r\n"
        );
        assert_eq!(one(&[Field::Text("две\nстроки")]), "\"две\nстроки\"\r\n");
    }

    #[test]
    fn text_that_looks_like_a_formula_gets_an_apostrophe() {
        assert_eq!(one(&[Field::Text("=SUM(1)")]), "'=SUM(1)\r\n");
        assert_eq!(one(&[Field::Text("+7 800")]), "'+7 800\r\n");
        assert_eq!(one(&[Field::Text("-1")]), "'-1\r\n");
        assert_eq!(one(&[Field::Text("@cmd")]), "'@cmd\r\n");
        assert_eq!(
            one(&[Field::Text("=HYPERLINK(\"x\",\"y\")")]),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n"
        );
        assert_eq!(one(&[Field::Text("ЖКХ")]), "ЖКХ\r\n");
    }

    #[test]
    fn phone_numbers_are_inert_but_formulas_are_not() {
        assert!(is_inert("+7 (800) 000-00-00"));
        assert!(!is_inert("+HYPERLINK(1)"));
        assert!(!is_inert("-2+3+cmd|' /C calc'!A0"));
    }

    #[test]
    fn numbers_are_not_guarded() {
        assert_eq!(
            one(&[Field::Plain("-50"), Field::Plain("-5.3")]),
            "-50,-5.3\r\n"
        );
    }
}
