//! `vitrina build`.

use super::Status;
use crate::diag::{Built, Style, built_summary};
use crate::site::{self, Options};
use crate::{t, write};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Builds the site into `out` and reports on `err`.
pub fn run(opts: &Options, out: Option<PathBuf>, verbose: bool, err: &mut dyn Write) -> Status {
    let start = Instant::now();
    let out = out.unwrap_or_else(|| opts.root.join("public"));
    // Before reading the site: a wrong `--out` is refused at once, with nothing written. The
    // staging folder is then ready before rendering, so that each page is written as it is
    // made; it is swapped in only if the whole build succeeds.
    // The language of these two messages is read only when one is printed: the pass reads
    // `site.yaml` anyway.
    let lang = || crate::data::site::language_for(&opts.root, opts.lang);
    let waiting = |out: &Path| {
        let out = out.display();
        let note = t!(
            "другая сборка пишет в {out}; жду",
            "another build is writing to {out}; waiting"
        );
        let _ = writeln!(err, "{}", note.get(lang()));
    };
    let prepare = Instant::now();
    let staging = match write::Staging::begin(&out, &opts.root, waiting) {
        Ok(s) => s,
        Err(e) => {
            let style = Style::for_stderr(lang());
            let _ = writeln!(err, "{}", style.error_with_help(&e.message(), &e.help()));
            return Status::Failure;
        }
    };
    let prepared = prepare.elapsed();
    let opts = &Options {
        cards: std::sync::Arc::new(crate::charts::CardCache::Folder(staging.cache_dir())),
        ..opts.clone()
    };
    let b = site::run_into(opts, &staging);
    let style = Style::for_stderr(b.lang);
    let _ = write!(err, "{}", b.diags.render(&b.sources, &style));
    let Some(emitted) = b.emitted.as_ref().filter(|_| b.ok()) else {
        drop(staging);
        let message = t!(
            "сайт не собран; прежняя версия в папке вывода не тронута",
            "the site was not built; the previous output is unchanged"
        );
        let _ = writeln!(err, "{}", style.error(&message));
        return Status::Failure;
    };
    let t = Instant::now();
    let unchanged = staging.unchanged();
    if let Err(e) = staging.commit() {
        let _ = writeln!(err, "{}", style.error_with_help(&e.message(), &e.help()));
        return Status::Failure;
    }
    if verbose {
        let (before, after) = ([("prepare", prepared)], [("publish", t.elapsed())]);
        for (stage, d) in before.iter().chain(&b.timings).chain(after.iter()) {
            let _ = writeln!(err, "  {stage:<8} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
        let files = emitted.files.len();
        let _ = writeln!(
            err,
            "{}",
            t!(
                "  файлов без изменений: {unchanged} из {files}",
                "  files unchanged: {unchanged} of {files}"
            )
            .get(b.lang)
        );
    }
    let _ = writeln!(
        err,
        "{}",
        built_summary(
            b.pages(),
            start.elapsed().as_secs_f64(),
            Built::Written {
                files: emitted.files.len(),
                bytes: emitted.bytes(),
                out: &out.display().to_string(),
            },
        )
        .get(b.lang)
    );
    Status::Success
}
