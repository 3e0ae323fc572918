//! `vitrina new-month`: writes the next month's report file for the press officer to fill in; the
//! layout and the writing are in [`crate::report_file`], this prints the path and what to do next.

use super::Status;
use crate::diag::{Lang, Style};
use crate::period::Period;
use crate::report_file::write_month;
use crate::t;
use std::io::Write;
use std::path::Path;

/// Writes the report file and prints its path on `out`.
pub fn run(
    root: &Path,
    month: Option<Period>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let style = Style::for_stderr(lang);
    match write_month(root, month) {
        Ok(written) => {
            let shown = if root == Path::new(".") {
                written.rel.clone()
            } else {
                root.join(&written.rel)
            };
            let _ = writeln!(out, "{}", shown.display());
            let p = written.period;
            let m = crate::format::month(p.year, p.month);
            let done = match &written.model {
                Some(model) => t!(
                    "создан отчёт за {m} по образцу {model}: заполните все пустые значения, \
                     затем запустите `vitrina check`",
                    "wrote the report for {p} laid out like {model}: fill in every blank value, \
                     then run `vitrina check`"
                ),
                None => t!(
                    "создан пустой отчёт за {m}: заполните все пустые значения, \
                     затем запустите `vitrina check`",
                    "wrote a blank report for {p}: fill in every blank value, \
                     then run `vitrina check`"
                ),
            };
            let _ = writeln!(err, "{}", done.get(lang));
            Status::Success
        }
        Err(e) => {
            let _ = writeln!(err, "{}", style.error_with_help(&e.message(), &e.help()));
            Status::Failure
        }
    }
}
