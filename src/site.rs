//! The pass a build makes: load → validate → compute → render, each stage timed. `build` and
//! `check` share it; `check` stops before writing.

use crate::data::{self, Dataset};
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::metrics::{self, Figures};
use crate::render;
use crate::source::{Sources, Span};
use crate::t;
use crate::write::Output;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a run is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Overrides the as-of date found in the data.
    pub as_of: Option<NaiveDate>,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Overrides `language` of `site.yaml` for the messages.
    pub lang: Option<Lang>,
}

/// Everything a run produced, good or bad.
#[derive(Debug, Default)]
pub struct Build {
    pub sources: Sources,
    pub diags: Diagnostics,
    pub dataset: Option<Dataset>,
    pub figures: Option<Figures>,
    /// `None` when any stage failed.
    pub output: Option<Output>,
    /// How long each stage took, for `--verbose` and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
    /// The language to report in: `--lang`, else `language` of `site.yaml`, else Russian.
    pub lang: Lang,
}

impl Build {
    /// Pages (HTML files) in the output.
    pub fn pages(&self) -> usize {
        self.output.as_ref().map_or(0, |o| {
            o.iter().filter(|(p, _)| p.ends_with(".html")).count()
        })
    }
}

/// Runs every stage up to rendering in memory. Stops after a stage that found errors.
pub fn run(opts: &Options) -> Build {
    let mut b = Build::default();
    let t = Instant::now();
    b.dataset = data::load(&opts.root, &mut b.sources, &mut b.diags);
    b.timings.push(("load", t.elapsed()));
    b.lang = opts
        .lang
        .or_else(|| data::site::language_of(&b.sources))
        .unwrap_or_default();
    // The command line has checked `--base-url` already; a library caller (`serve`, tests) has
    // not, and an address is never used as it was given.
    let base_url = opts.base_url.as_deref().and_then(|given| {
        data::http_url::parse(given, data::http_url::Use::Base)
            .map_err(|refusal| b.diags.push(refusal.for_flag("--base-url")))
            .ok()
    });
    let Some(ds) = b.dataset.as_mut() else {
        return b;
    };
    if let Some(url) = base_url {
        ds.site.base_url = url;
    }
    if ds.reports.is_empty() && !b.diags.has_errors() {
        b.diags.push(
            Diagnostic::error(
                "no-reports",
                t!(
                    "в папке data/reports/ нет ни одного отчёта за месяц",
                    "there are no monthly reports in data/reports/"
                ),
            )
            .in_path("data/reports")
            .help(t!(
                "добавьте отчёт за первый месяц в файл data/reports/ГГГГ-ММ.yaml",
                "add the first month as data/reports/YYYY-MM.yaml"
            )),
        );
    }
    if b.diags.has_errors() {
        return b;
    }
    let t = Instant::now();
    b.figures = metrics::compute(ds, opts.as_of);
    b.timings.push(("compute", t.elapsed()));
    let Some(fig) = b.figures.as_ref() else {
        return b;
    };
    figure_warnings(ds, fig, &mut b.diags);
    let t = Instant::now();
    b.output = render::render(&opts.root, ds, fig, &mut b.diags);
    b.timings.push(("render", t.elapsed()));
    if let Some(out) = &b.output {
        check_links(
            out,
            &render::base_path(&ds.site.base_url),
            ds,
            &b.sources,
            &mut b.diags,
        );
        if b.diags.has_errors() {
            b.output = None;
        }
    }
    b
}

/// Warnings that need the computed figures: a target below plan with no stated reason, and an
/// as-of date long after the latest report (a mistyped year, most likely).
fn figure_warnings(ds: &Dataset, fig: &Figures, d: &mut Diagnostics) {
    for form in &fig.annual {
        let year_over = form.complete()
            || fig.as_of.date
                > crate::period::Period::new(form.year, 12)
                    .map_or(fig.as_of.date, |p| p.last_day());
        if !year_over {
            continue;
        }
        for row in form
            .rows
            .iter()
            .filter(|r| r.below_plan() && r.reason.is_none())
        {
            let (Some(achieved), Some(plan)) =
                (row.achieved, ds.targets.plan(form.year, row.def.id))
            else {
                continue;
            };
            let (key, year) = (row.def.key, form.year);
            let (achieved, plan_value) = (plain(achieved.tenths()), plain(plan.tenths));
            d.push(
                Diagnostic::warning(
                    "below-plan-no-reason",
                    t!(
                        "показатель `{key}` за {year} год ниже плана ({achieved} % при плане {plan_value} %), а причина отклонения не указана",
                        "`{key}` in {year} is below plan ({achieved} % against {plan_value} %) and no reason is given"
                    ),
                )
                .at(plan.span, t!("план", "the plan"))
                .help(t!(
                    "в годовой форме есть графа «причина отклонения»: впишите причину в `deviation_reasons:` → `{year}:` → `{key}: \"…\"`",
                    "the annual form has a column «причина отклонения»: add it under `deviation_reasons:` → `{year}:` → `{key}: \"…\"`"
                )),
            );
        }
    }
    if let Some(latest) = ds.reports.last() {
        let end = latest.period.last_day();
        let days = (fig.as_of.date - end).num_days();
        if days > 62 {
            let (date, period) = (fig.as_of.date, latest.period);
            let (source_ru, source_en) = (&fig.as_of.source.ru, &fig.as_of.source.en);
            let dw = crate::format::plural(days.unsigned_abs(), "день", "дня", "дней");
            d.push(
                Diagnostic::warning(
                    "as-of-far-ahead",
                    t!(
                        "данные указаны по состоянию на {date}, а это на {days} {dw} позже последнего отчёта ({period})",
                        "the as-of date {date} is {days} days after the latest report ({period})"
                    ),
                )
                .in_path("data")
                .help(t!(
                    "проверьте год в этой дате; она взята отсюда: {source_ru}",
                    "it comes from {source_en}: check the year of that date"
                )),
            );
        }
    }
}

fn plain(tenths: i64) -> String {
    crate::format::tenths(tenths).replace(crate::format::NNBSP, " ")
}

/// Every link and asset a page references inside the site must exist in the output. A broken
/// link in a template is an error (the theme is wrong); in a content page it is a warning at the
/// link in the Markdown, since the page it names may simply not be written yet.
pub fn check_links(out: &Output, base: &str, ds: &Dataset, sources: &Sources, d: &mut Diagnostics) {
    for (path, bytes) in out.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = ds
            .pages
            .iter()
            .find(|p| format!("{}index.html", p.url.trim_start_matches('/')) == *path);
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"", "src=\""] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                let Some(end) = rest.find('"') else { continue };
                let url = render::escape::unescape(&rest[..end]);
                let Some(local) = url.strip_prefix(base) else {
                    continue;
                };
                let local = local.split(['#', '?']).next().unwrap_or_default();
                let target = if local.is_empty() || local.ends_with('/') {
                    format!("{local}index.html")
                } else {
                    local.to_string()
                };
                if out.get(&target).is_some() {
                    continue;
                }
                let message = t!(
                    "на странице /{} есть ссылка на {url}, но такой страницы на сайте нет",
                    "the page /{} links to {url}, which the site does not have",
                    path.trim_end_matches("index.html")
                );
                d.push(match page {
                    Some(p) => {
                        let text = &sources.get(p.file).text;
                        let diag = Diagnostic::warning("broken-link", message).help(t!(
                            "проверьте адрес или создайте страницу, на которую ведёт ссылка",
                            "check the address, or write the page it names"
                        ));
                        match text.find(&format!("({url}")) {
                            Some(at) => diag.at(
                                Span::new(p.file, at + 1, at + 1 + url.len()),
                                t!("такой страницы на сайте нет", "no such page on the site"),
                            ),
                            None => diag.in_file(p.file),
                        }
                    }
                    None => Diagnostic::error("broken-link", message)
                        .in_path(format!("templates (page {path})")),
                });
            }
        }
    }
}
