//! `vitrina check`: the whole build in memory, stopping before the disk.

use super::Report;
use crate::cli::DiagFormat;
use crate::diag::{Style, machine};
use crate::site::{self, Options};
use crate::t;

/// Validates the site; fails on errors, and on warnings too when `strict`. The diagnostics go to
/// standard error for a human, or to standard output as JSON or GitHub annotations.
pub fn run(opts: &Options, strict: bool, format: DiagFormat) -> Report {
    let mut report = Report::new();
    // A region's municipalities whose inputs are unchanged since the last `vitrina build` into
    // `public/` are read from its records, which say what they made, instead of being rendered.
    let records = crate::write::records_dir_beside(&opts.root.join("public"))
        .and_then(|dir| crate::page_cache::Records::at(dir, false));
    let opts = &Options {
        records: records.map(Into::into),
        ..opts.clone()
    };
    let b = site::run(opts);
    let style = Style::for_stderr(b.lang);
    match format {
        DiagFormat::Human => {
            report.stderr = b.diags.render(&b.sources, &style);
        }
        DiagFormat::Json => {
            report.stdout = machine::json(&b.diags, &b.sources, b.lang);
        }
        DiagFormat::Github => {
            let cwd = std::env::current_dir().ok();
            report.stdout = machine::github(&b.diags, &b.sources, cwd.as_deref(), b.lang);
            report.stderr = b.diags.render(&b.sources, &style);
        }
    }
    let failed = b.diags.has_errors() || (strict && b.diags.warnings() > 0);
    if failed {
        if strict && !b.diags.has_errors() {
            let message = t!(
                "с --strict предупреждения считаются ошибками",
                "--strict treats warnings as errors"
            );
            report.line(&style.error(&message));
        }
        return report.failed();
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
    report.line(done.get(b.lang));
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::Status;

    #[test]
    fn check_returns_what_to_print_and_prints_nothing() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let opts = Options {
            root,
            purpose: site::Purpose::Check,
            lang: Some(crate::diag::Lang::En),
            ..Options::default()
        };
        let json = run(&opts, false, DiagFormat::Json);
        assert_eq!(json.status, Status::Success);
        let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON on stdout");
        assert!(doc.is_object(), "{doc}");
        assert_eq!(json.stderr, "ok: 3 reports and 119 pages checked\n");
        let human = run(&opts, true, DiagFormat::Human);
        assert_eq!(human.status, Status::Success, "{}", human.stderr);
        assert!(human.stdout.is_empty());
        assert!(
            human
                .stderr
                .ends_with("ok: 3 reports and 119 pages checked\n")
        );
    }
}
