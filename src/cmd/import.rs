//! `vitrina import FILE`: a month's report read from a spreadsheet of the official form; the
//! work is in [`crate::import`], this prints the diagnostics, the new file's path and what to do
//! next.

use super::Status;
use crate::diag::{Diagnostics, Lang, Style};
use crate::source::Sources;
use std::io::Write;
use std::path::Path;

pub use crate::import::Options;

/// Imports, prints the diagnostics (in the order of the sheet), the new file's path and what was
/// read (the sheet, or how the CSV file is written).
pub fn run(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let mut d = Diagnostics::new();
    let mut sources = Sources::new();
    let done = crate::import::import(opts, &mut sources, &mut d);
    let style = Style::for_stderr(opts.lang);
    for diag in d.iter() {
        let _ = write!(
            err,
            "{}\n\n",
            crate::diag::render_one(diag, &sources, &style)
        );
    }
    let (e, w) = (d.errors(), d.warnings());
    match done {
        Some(done) => {
            let shown = if opts.root == Path::new(".") {
                done.rel.clone()
            } else {
                opts.root.join(&done.rel)
            };
            let _ = writeln!(out, "{}", shown.display());
            let _ = writeln!(out, "  {}", done.read.get(opts.lang));
            for line in &done.lines {
                let _ = writeln!(out, "{line}");
            }
            if !done.summary.is_empty() {
                for line in &done.summary {
                    let _ = writeln!(err, "{line}");
                }
                return Status::Success;
            }
            let (period, published) = (done.period, done.published);
            let line = match opts.lang {
                Lang::Ru => format!(
                    "импортирован отчёт за {} (опубликован {}) {}{}: запустите `vitrina check`",
                    crate::format::month(period.year, period.month),
                    crate::format::date(published),
                    done.source.ru,
                    if w > 0 {
                        let n = w as u64;
                        let word = crate::format::plural(
                            n,
                            "предупреждение",
                            "предупреждения",
                            "предупреждений",
                        );
                        format!("; {n} {word}")
                    } else {
                        String::new()
                    }
                ),
                Lang::En => format!(
                    "imported the report for {period} (published {published}) from {}{}: run `vitrina check`",
                    done.source.en,
                    if w > 0 {
                        format!(", {w} {}", if w == 1 { "warning" } else { "warnings" })
                    } else {
                        String::new()
                    }
                ),
            };
            let _ = writeln!(err, "{line}");
            Status::Success
        }
        None => {
            let nothing = match opts.lang {
                Lang::Ru => "ничего не записано",
                Lang::En => "nothing was written",
            };
            let _ = writeln!(err, "{}: {nothing}", crate::diag::summary(e, w, opts.lang));
            Status::Failure
        }
    }
}
