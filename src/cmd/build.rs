//! `vitrina build`.

use super::Report;
use crate::diag::{Built, Style, built_summary};
use crate::site::{self, Options};
use crate::{t, write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Builds the site into `out`. `notice` is handed, at once, what is said while the build waits
/// for another one writing into `out`; the rest is in the report.
pub fn run(
    opts: &Options,
    out: Option<PathBuf>,
    verbose: bool,
    notice: &mut dyn FnMut(&str),
) -> Report {
    let start = Instant::now();
    let mut report = Report::new();
    let out = out.unwrap_or_else(|| opts.root.join("public"));
    let prepare = Instant::now();
    let Some(staging) = begin(opts, &out, notice, &mut report) else {
        return report.failed();
    };
    let prepared = prepare.elapsed();
    let opts = &Options {
        cards: std::sync::Arc::new(crate::charts::CardCache::Folder(staging.cache_dir())),
        records: crate::page_cache::Records::at(staging.records_dir(), true).map(Into::into),
        ..opts.clone()
    };
    let b = site::run_into(opts, &staging);
    let style = Style::for_stderr(b.lang);
    report.stderr.push_str(&b.diags.render(&b.sources, &style));
    let Some(emitted) = b.emitted.as_ref().filter(|_| b.ok()) else {
        drop(staging);
        let message = t!(
            "сайт не собран; прежняя версия в папке вывода не тронута",
            "the site was not built; the previous output is unchanged"
        );
        report.line(&style.error(&message));
        return report.failed();
    };
    let t = Instant::now();
    let unchanged = staging.unchanged();
    if let Err(e) = staging.commit() {
        report.line(&style.error_with_help(&e.message(), &e.help()));
        return report.failed();
    }
    if verbose {
        let files = emitted.files.len();
        timings(&mut report, &b, (prepared, t.elapsed()), (unchanged, files));
    }
    report.line(
        built_summary(
            b.pages(),
            start.elapsed().as_secs_f64(),
            Built::Written {
                files: emitted.files.len(),
                bytes: emitted.bytes(),
                out: &out.display().to_string(),
            },
        )
        .get(b.lang),
    );
    report
}

/// Opens the staging folder for `out`, telling `notice` while another build writes there; a
/// refused `out` is said in `report`.
fn begin(
    opts: &Options,
    out: &Path,
    notice: &mut dyn FnMut(&str),
    report: &mut Report,
) -> Option<write::Staging> {
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
        notice(note.get(lang()));
    };
    match write::Staging::begin(out, &opts.root, waiting) {
        Ok(s) => Some(s),
        Err(e) => {
            let style = Style::for_stderr(lang());
            report.line(&style.error_with_help(&e.message(), &e.help()));
            None
        }
    }
}

/// `--verbose`: the time of each stage, from preparing the output to publishing it, and how
/// many of the `files` were `unchanged`.
fn timings(
    report: &mut Report,
    b: &site::Build,
    (prepared, published): (Duration, Duration),
    (unchanged, files): (usize, usize),
) {
    let (before, after) = ([("prepare", prepared)], [("publish", published)]);
    for (stage, d) in before.iter().chain(&b.timings).chain(after.iter()) {
        report.line(&format!(
            "  {stage:<8} {:>8.1} ms",
            d.as_secs_f64() * 1000.0
        ));
    }
    report.line(
        t!(
            "  файлов без изменений: {unchanged} из {files}",
            "  files unchanged: {unchanged} of {files}"
        )
        .get(b.lang),
    );
}
