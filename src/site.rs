//! The pass a build makes, each stage a function from one typed value to the next, each timed
//! for `--verbose` and the benchmark:
//!
//! 1. **load** — every file under `data/` and `content/` read with positions → a [`Dataset`];
//! 2. **validate** — the rules that span files → a [`data::Valid`] dataset;
//! 3. **compute** — the arithmetic of the forms → [`Figures`], and the warnings on them;
//! 4. **render** — every page, straight to the [`Emitter`] (staging folder, memory or nowhere);
//! 5. **output** — open data, feed, schemas, the sitemap of the pages;
//! 6. **links** — every local link of every page against the files made.
//!
//! `vitrina build` adds **prepare** (the output folder checked and locked) before and **publish**
//! (the atomic swap) after; `check` runs the same pass and keeps no bytes. A stage that finds
//! errors ends the pass.

use crate::data::{self, Dataset};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::emit::{Emitted, Emitter, Sink};
use crate::metrics::{self, Figures};
use crate::source::{Sources, Span};
use crate::t;
use crate::write::{Output, Staging};
use crate::{output, render};
use std::time::{Duration, Instant};

pub use crate::options::{Options, Purpose};

/// Everything a run produced, good or bad.
#[derive(Debug, Default)]
pub struct Build {
    pub sources: Sources,
    pub diags: Diagnostics,
    pub dataset: Option<data::Valid>,
    pub figures: Option<Figures>,
    /// The files, when they were kept in memory (`serve`, the tests); `None` when any stage
    /// failed, or when they went straight to a staging folder or nowhere (`check`).
    pub output: Option<Output>,
    /// The paths, sizes and links of every file made, however it was kept.
    pub emitted: Option<Emitted>,
    /// How long each stage took, for `--verbose` and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
    /// The language to report in: `--lang`, else `language` of `site.yaml`, else Russian.
    pub lang: Lang,
    /// Monthly reports read over all municipalities, on a region's site (`dataset` is `None`).
    pub region_reports: usize,
}

impl Build {
    /// Monthly reports read: the site's, or every municipality's of a region.
    pub fn reports(&self) -> usize {
        self.dataset
            .as_ref()
            .map_or(self.region_reports, |d| d.reports.len())
    }

    /// Pages (HTML files) made.
    pub fn pages(&self) -> usize {
        self.emitted.as_ref().map_or(0, Emitted::page_count)
    }

    /// Whether every stage succeeded.
    pub fn ok(&self) -> bool {
        self.emitted.is_some() && !self.diags.has_errors()
    }
}

/// Runs every stage, keeping the files in memory (or, for [`Purpose::Check`], only what the link
/// check needs). Stops after a stage that found errors.
pub fn run(opts: &Options) -> Build {
    let sink = match opts.purpose {
        Purpose::Build => Sink::Memory(Default::default()),
        Purpose::Check => Sink::Discard,
    };
    run_with(opts, sink)
}

/// Runs every stage, writing each file into `staging` as soon as it is made; the caller commits
/// the staging folder when the build succeeded.
pub fn run_into(opts: &Options, staging: &Staging) -> Build {
    run_with(opts, Sink::Staging(staging))
}

fn run_with(opts: &Options, sink: Sink) -> Build {
    if data::region::is_region_root(&opts.root) {
        return crate::region::run(opts, sink);
    }
    let mut b = Build::default();
    let raw = timed(&mut b.timings, "load", || {
        load(opts, &mut b.sources, &mut b.diags)
    });
    b.lang = opts
        .lang
        .or_else(|| data::site::language_of(&b.sources))
        .unwrap_or_default();
    let Some(raw) = raw else {
        return b;
    };
    let valid = timed(&mut b.timings, "validate", || {
        validate(raw, &b.sources, &mut b.diags)
    });
    let ds = &*b.dataset.insert(valid);
    if b.diags.has_errors() {
        return b;
    }
    let figures = timed(&mut b.timings, "compute", || {
        compute(ds, opts, &b.sources, &mut b.diags)
    });
    let Some(fig) = figures.map(|f| &*b.figures.insert(f)) else {
        return b;
    };
    let emitter = Emitter::new(sink, ds.site.base_url.path());
    let open_data = output::OpenData::new(ds, fig);
    let rendered = timed(&mut b.timings, "render", || {
        render::render(opts, ds, fig, &open_data.page(), &emitter, &mut b.diags)
    });
    if rendered.is_none() {
        return b;
    }
    timed(&mut b.timings, "output", || {
        output::emit(&open_data, &emitter)
    });
    let (emitted, output, failed) = emitter.finish();
    if let Some(pages) = &opts.pages {
        pages.keep_only(&emitted.files);
    }
    if let Some(e) = failed {
        b.diags.push(
            Diagnostic::error(e.code(), e.message())
                .in_path("--out")
                .help(e.help()),
        );
        return b;
    }
    timed(&mut b.timings, "links", || {
        check_links(&emitted, ds, &b.sources, &mut b.diags)
    });
    if !b.diags.has_errors() {
        b.output = output;
        b.emitted = Some(emitted);
    }
    b
}

/// Runs one stage and notes its time.
fn timed<T>(
    timings: &mut Vec<(&'static str, Duration)>,
    stage: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    let t = Instant::now();
    let value = f();
    timings.push((stage, t.elapsed()));
    value
}

/// Stage 1: the files of the site, with `--base-url` over `base_url`.
fn load(opts: &Options, sources: &mut Sources, d: &mut Diagnostics) -> Option<Dataset> {
    let mut raw = data::read(&opts.root, sources, d)?;
    if let Some(url) = &opts.base_url {
        raw.site.base_url = url.clone();
    }
    Some(raw)
}

/// Stage 2: the cross-file rules, and a site must have a report to build from.
fn validate(raw: Dataset, sources: &Sources, d: &mut Diagnostics) -> data::Valid {
    let ds = data::validate(raw, sources, d);
    if ds.reports.is_empty() && !d.has_errors() {
        d.push(
            Diagnostic::error(
                codes::NO_REPORTS,
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
    ds
}

/// Stage 3: the figures, and the warnings only they can raise (also each municipality's in a
/// region's site).
pub(crate) fn compute(
    ds: &Dataset,
    opts: &Options,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Option<Figures> {
    let fig = metrics::compute(ds, opts.as_of)?;
    figure_warnings(ds, &fig, d);
    flag_warnings(ds, &fig, sources, d);
    Some(fig)
}

/// The value at `path` (mapping keys, or a list index as a number) in a data file, found again
/// in its text: the typed data keeps no span for every count.
fn span_at(sources: &Sources, file: crate::source::FileId, path: &[&str]) -> Option<Span> {
    let text = &sources.get(file).text;
    let root = crate::yaml::parse(text, file, 0, &mut Diagnostics::new())?;
    let mut node = &root;
    for key in path {
        node = match (&node.value, key.parse::<usize>()) {
            (crate::yaml::Value::Seq(items), Ok(i)) => items.get(i)?,
            _ => node.get(key)?,
        };
    }
    Some(node.span)
}

/// Warnings for what the pages flag: a channel's 0 that looks like missing data
/// ([`metrics::month::zero_looks_missing`]) and a road-map measure done after its deadline
/// ([`metrics::roadmap::days_late`]).
fn flag_warnings(ds: &Dataset, fig: &Figures, sources: &Sources, d: &mut Diagnostics) {
    for (report, detail) in ds.reports.iter().zip(&fig.details) {
        for flag in detail.zero_flags.iter().filter(|f| !f.confirmed) {
            let (channel, period) = (flag.channel.key(), report.period);
            let (prev, prev_total) = (flag.previous, flag.previous_total);
            let diag = Diagnostic::warning(
                codes::ZERO_LOOKS_MISSING,
                t!(
                    "канал `{channel}` за {period}: поступило 0, а за {prev} — {prev_total}; данных нет или обращений действительно не было?",
                    "the channel `{channel}` received 0 in {period}, after {prev_total} in {prev}: are its figures missing, or were there really none?"
                ),
            )
            .help(t!(
                "если данные канала не получены, впишите их; если обращений действительно не было, добавьте в отчёт `zero_confirmed: [{channel}]` — иначе страница отчёта покажет этот 0 с вопросом",
                "if the channel's figures did not arrive, fill them in; if there were really none, add `zero_confirmed: [{channel}]` to the report — else its page shows the 0 with this question"
            ));
            d.push(
                match span_at(sources, report.file, &["channels", channel, "total"])
                    .or_else(|| span_at(sources, report.file, &["channels", channel]))
                {
                    Some(span) => diag.at(span, t!("0 после {prev_total}", "0 after {prev_total}")),
                    None => diag.in_file(report.file),
                },
            );
        }
    }
    for r in &ds.roadmaps {
        for (i, m) in r.measures.iter().enumerate() {
            let (Some(days), Some(done), None) =
                (metrics::roadmap::days_late(m), m.done, &m.late_reason)
            else {
                continue;
            };
            let (title, id, due) = (&m.title, &r.id, m.due);
            let dw = crate::format::plural(days.unsigned_abs(), "день", "дня", "дней");
            let index = i.to_string();
            let diag = Diagnostic::warning(
                codes::DONE_LATE,
                t!(
                    "мероприятие «{title}» дорожной карты `{id}` выполнено {done}, на {days} {dw} позже срока {due}",
                    "measure «{title}» of road map `{id}` was done on {done}, {days} days after its deadline {due}"
                ),
            )
            .help(t!(
                "на странице дорожной карты оно показано как «выполнено с опозданием»: укажите причину в `late_reason: \"…\"` этого мероприятия (она будет видна рядом), а если дата неверна, исправьте `done` или `due`",
                "the road map's page shows it as done late: give the reason in the measure's `late_reason: \"…\"` (shown beside it), or, if a date is wrong, correct `done` or `due`"
            ));
            d.push(
                match span_at(sources, r.id_span.file, &["measures", &index, "done"]) {
                    Some(span) => diag.at(span, t!("позже срока", "after the deadline")),
                    None => diag.in_file(r.id_span.file),
                },
            );
        }
    }
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
        for row in form.rows_missing_reason() {
            let (Some(achieved), Some(plan)) =
                (row.achieved, ds.targets.plan(form.year, row.def.id))
            else {
                continue;
            };
            let (key, year) = (row.def.key, form.year);
            let (achieved, plan_value) = (plain(achieved.tenths()), plain(plan.tenths));
            d.push(
                Diagnostic::warning(
                    codes::BELOW_PLAN_NO_REASON,
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
                    codes::AS_OF_FAR_AHEAD,
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
///
/// The links were gathered page by page as the pages were made ([`Emitter`]); this is one pass
/// over the distinct targets.
pub fn check_links(emitted: &Emitted, ds: &Dataset, sources: &Sources, d: &mut Diagnostics) {
    check_page_links(emitted, &ds.pages, sources, d);
}

/// [`check_links`], with the content pages `pages` (a region's).
pub fn check_page_links(
    emitted: &Emitted,
    pages: &[crate::data::content::Page],
    sources: &Sources,
    d: &mut Diagnostics,
) {
    use std::collections::HashMap;
    let broken = emitted.broken_links();
    if broken.is_empty() {
        return;
    }
    // Content pages by the output file they are written to.
    let pages: HashMap<String, &crate::data::content::Page> = pages
        .iter()
        .map(|p| (format!("{}index.html", p.url.trim_start_matches('/')), p))
        .collect();
    for (path, url) in broken {
        let message = t!(
            "на странице /{} есть ссылка на {url}, но такой страницы на сайте нет",
            "the page /{} links to {url}, which the site does not have",
            path.trim_end_matches("index.html")
        );
        d.push(match pages.get(path) {
            Some(p) => {
                let text = &sources.get(p.file).text;
                let diag = Diagnostic::warning(codes::BROKEN_LINK, message).help(t!(
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
            None => Diagnostic::error(codes::BROKEN_LINK, message)
                .in_path(format!("templates (page {path})")),
        });
    }
}
