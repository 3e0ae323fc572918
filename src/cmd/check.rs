//! `vitrina check`: the whole build in memory, stopping before the disk.

use super::Status;
use crate::cli::DiagFormat;
use crate::diag::machine;
use crate::site::{self, Options};
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
    match format {
        DiagFormat::Human => {
            let _ = write!(err, "{}", b.diags.render(&b.sources));
        }
        DiagFormat::Json => {
            let _ = write!(out, "{}", machine::json(&b.diags, &b.sources));
        }
        DiagFormat::Github => {
            let cwd = std::env::current_dir().ok();
            let _ = write!(
                out,
                "{}",
                machine::github(&b.diags, &b.sources, cwd.as_deref())
            );
            let _ = write!(err, "{}", b.diags.render(&b.sources));
        }
    }
    let failed = b.diags.has_errors() || (strict && b.diags.warnings() > 0);
    if failed {
        if strict && !b.diags.has_errors() {
            let _ = writeln!(err, "error: --strict treats warnings as errors");
        }
        return Status::Failure;
    }
    let _ = writeln!(
        err,
        "ok: {} reports, {} pages checked",
        b.dataset.as_ref().map_or(0, |d| d.reports.len()),
        b.pages()
    );
    Status::Success
}
