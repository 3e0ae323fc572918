//! `vitrina build`.

use super::Status;
use crate::site::{self, Options};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Builds the site into `out` and reports on `err`.
pub fn run(opts: &Options, out: Option<PathBuf>, verbose: bool, err: &mut dyn Write) -> Status {
    let start = Instant::now();
    let b = site::run(opts);
    let _ = write!(err, "{}", b.diags.render(&b.sources));
    let Some(output) = &b.output else {
        let _ = writeln!(
            err,
            "error: the site was not built; the previous output is unchanged"
        );
        return Status::Failure;
    };
    let out = out.unwrap_or_else(|| opts.root.join("public"));
    let t = Instant::now();
    if let Err(e) = crate::write::write(output, &out) {
        let _ = writeln!(
            err,
            "error: cannot write the site to {}: {e}",
            out.display()
        );
        return Status::Failure;
    }
    if verbose {
        for (stage, d) in b.timings.iter().chain([("write", t.elapsed())].iter()) {
            let _ = writeln!(err, "  {stage:<8} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
    let _ = writeln!(
        err,
        "built {} pages ({} files, {} KiB) into {} in {:.2} s",
        b.pages(),
        output.len(),
        output.bytes() / 1024,
        out.display(),
        start.elapsed().as_secs_f64()
    );
    Status::Success
}
