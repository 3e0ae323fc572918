//! `vitrina check`: the whole build in memory, stopping before the disk.

use super::Status;
use crate::cli::DiagFormat;
use crate::diag::{Style, machine};
use crate::site::{self, Options};
use crate::t;
use std::io::Write;

/// Validates the site; fails on errors, and on warnings too when `strict`. The diagnostics go to
/// `err` for a human, or to `out` as JSON or GitHub annotations.
pub fn run(
    opts: &Options,
    strict: bool,
    format: DiagFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let b = site::run(opts);
    let style = Style::for_stderr(b.lang);
    match format {
        DiagFormat::Human => {
            let _ = write!(err, "{}", b.diags.render(&b.sources, &style));
        }
        DiagFormat::Json => {
            let _ = write!(out, "{}", machine::json(&b.diags, &b.sources, b.lang));
        }
        DiagFormat::Github => {
            let cwd = std::env::current_dir().ok();
            let _ = write!(
                out,
                "{}",
                machine::github(&b.diags, &b.sources, cwd.as_deref(), b.lang)
            );
            let _ = write!(err, "{}", b.diags.render(&b.sources, &style));
        }
    }
    let failed = b.diags.has_errors() || (strict && b.diags.warnings() > 0);
    if failed {
        if strict && !b.diags.has_errors() {
            let message = t!(
                "с --strict предупреждения считаются ошибками",
                "--strict treats warnings as errors"
            );
            let _ = writeln!(err, "{}", style.error(&message));
        }
        return Status::Failure;
    }
    let reports = b.reports() as u64;
    let pages = b.pages() as u64;
    let (rw, pw) = (
        crate::format::plural(reports, "отчёт", "отчёта", "отчётов"),
        crate::format::plural(pages, "страница", "страницы", "страниц"),
    );
    let done = t!(
        "ошибок нет: проверено {reports} {rw} и {pages} {pw}",
        "ok: {reports} reports and {pages} pages checked"
    );
    let _ = writeln!(err, "{}", done.get(b.lang));
    Status::Success
}
