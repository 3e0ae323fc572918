//! `vitrina check`: the whole build in memory, stopping before the disk.

use super::Status;
use crate::site::{self, Options};
use std::io::Write;

/// Validates the site; fails on errors, and on warnings too when `strict`.
pub fn run(opts: &Options, strict: bool, err: &mut dyn Write) -> Status {
    let b = site::run(opts);
    let _ = write!(err, "{}", b.diags.render(&b.sources));
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
