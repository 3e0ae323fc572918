//! Rules that involve more than one value or file: a report's file name and period, two reports
//! for one month, a duplicate decision id, a month missing between reports, a decision marked done
//! with nobody told, themes adding up to more than the month's total, a duplicate clarification id.

use super::Dataset;
use super::decision::DecisionStatus;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::format;
use crate::period::Period;
use crate::source::{Sources, Span};
use crate::t;
use std::collections::{BTreeMap, BTreeSet};

/// Generated sections that a content page may not take the address of.
pub const RESERVED: &[&str] = &[
    "reports",
    "indicators",
    "decisions",
    "roadmaps",
    "clarifications",
    "themes",
    "search",
    "structure",
    "openness",
    "data",
    "opendata",
    "static",
    "embed",
    "404.html",
    "robots.txt",
    "favicon.ico",
];

/// Checks the cross-file rules, dropping the duplicates it reports so that later stages see one
/// report per month and one decision per id.
pub fn check(ds: &mut Dataset, sources: &Sources, d: &mut Diagnostics) {
    reports(ds, sources, d);
    decisions(ds, d);
    roadmaps(ds, d);
    clarifications(ds, d);
    pages(ds, d);
}

fn reports(ds: &mut Dataset, sources: &Sources, d: &mut Diagnostics) {
    months_from_file_names(ds, sources, d);
    ds.reports.sort_by_key(|r| r.period);
    drop_second_reports(ds, d);
    super::months::far_reports(ds, d);
    missing_months(ds, d);
    themes_over_total(ds, d);
}

/// A report's file is named after its month; where the two disagree the file name wins, so that
/// one mistake gives one message, not a second about a month "missing" between.
fn months_from_file_names(ds: &mut Dataset, sources: &Sources, d: &mut Diagnostics) {
    for r in &mut ds.reports {
        let name = &sources.get(r.file).name;
        if let Some(p) = month_of_file_name(name, r.period, r.period_span, d) {
            r.period = p;
        }
    }
}

/// The month a monthly file's name gives (`2024-03` of `data/reports/2024-03.yaml`), checked
/// against the `period` written in it at `span`: a `period-mismatch` error where the two differ,
/// a `report-file-name` error where the name is no month. A municipality's reports and a
/// region's totals are named the same way, and both are checked here.
pub(crate) fn month_of_file_name(
    name: &str,
    period: Period,
    span: Span,
    d: &mut Diagnostics,
) -> Option<Period> {
    let stem = crate::data::files::YAML.stem(name.rsplit('/').next().unwrap_or(name));
    match Period::parse(stem) {
        Some(p) if p == period => {}
        Some(p) => d.push(
            Diagnostic::error(
                codes::PERIOD_MISMATCH,
                t!(
                    "период {period} не совпадает с именем файла {stem}",
                    "the period {period} does not match the file name {stem}"
                ),
            )
            .at(span, t!("по имени файла ожидается {p}", "expected {p}"))
            .help(t!(
                "впишите `period: {p}` или переименуйте файл в {period}.yaml",
                "either write `period: {p}` or rename the file to {period}.yaml"
            )),
        ),
        None => d.push(
            Diagnostic::error(
                codes::REPORT_FILE_NAME,
                t!(
                    "файл отчёта называется по месяцу отчёта, а не `{stem}`",
                    "a report file is named after its month, not `{stem}`"
                ),
            )
            .at(span, t!("месяц этого отчёта", "the month of this report"))
            .help(t!(
                "переименуйте файл в {period}.yaml",
                "rename the file to {period}.yaml"
            )),
        ),
    }
    Period::parse(stem)
}

/// Two reports for one month: the second is an error and is dropped, so that later stages see
/// one report a month. `ds.reports` is sorted by month.
fn drop_second_reports(ds: &mut Dataset, d: &mut Diagnostics) {
    let mut seen: BTreeMap<Period, usize> = BTreeMap::new();
    let mut keep = Vec::with_capacity(ds.reports.len());
    for (i, r) in ds.reports.iter().enumerate() {
        if let Some(&first) = seen.get(&r.period) {
            let period = r.period;
            d.push(
                Diagnostic::error(
                    codes::DUPLICATE_PERIOD,
                    t!("два отчёта за {period}", "two reports for {period}"),
                )
                .at(
                    r.period_span,
                    t!("второй отчёт за этот месяц", "second report for this month"),
                )
                .related(
                    ds.reports[first].period_span,
                    t!("первый отчёт за этот месяц", "first report for this month"),
                )
                .help(t!(
                    "удалите или переименуйте один из файлов: за каждый месяц публикуется один отчёт",
                    "keep one report per month: remove or rename one of the files"
                )),
            );
        } else {
            seen.insert(r.period, i);
            keep.push(i);
        }
    }
    let keep: std::collections::HashSet<usize> = keep.into_iter().collect();
    let reports = std::mem::take(&mut ds.reports);
    ds.reports = reports
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, r)| r)
        .collect();
}

/// A month without a report between two that have one (a warning: growth is then a dash).
fn missing_months(ds: &Dataset, d: &mut Diagnostics) {
    for gap in crate::calendar::gaps(&ds.reports, |r| r.period) {
        let (a, b) = (gap.before.period, gap.after.period);
        let missing: Vec<String> = gap.missing.iter().map(|p| p.to_string()).collect();
        let months = missing.join(", ");
        let reports_ru = if missing.len() == 1 {
            "отчёта"
        } else {
            "отчётов"
        };
        d.push(
            Diagnostic::warning(
                codes::MISSING_MONTH,
                t!(
                    "нет {reports_ru} за {months} между {a} и {b}",
                    "no report for {months} between {a} and {b}"
                ),
            )
            .at(
                gap.after.period_span,
                t!("отчёт после пропуска", "the report after the gap"),
            )
            .help(t!(
                "добавьте пропущенный отчёт, если он есть: после пропуска рост к предыдущему месяцу показывается прочерком",
                "growth against the previous month is shown as a dash after a gap; add the missing report if it exists"
            )),
        );
    }
}

/// Themes that add up to more than the month's total (a warning: published reports have it).
fn themes_over_total(ds: &Dataset, d: &mut Diagnostics) {
    for r in &ds.reports {
        let themes: u64 = r.themes.iter().map(|t| t.received).sum();
        let total = r.total_received();
        if themes > total {
            let span = r.themes_span.unwrap_or(r.period_span);
            let (themes, total) = (plain(themes), plain(total));
            d.push(
                Diagnostic::warning(
                    codes::THEMES_OVER_TOTAL,
                    t!(
                        "сумма обращений по темам больше общего числа обращений за месяц по всем каналам: {themes} > {total}",
                        "the themes add up to {themes} received, more than the month's total over all channels ({total})"
                    ),
                )
                .at(span, Text::same(format!("{themes} > {total}")))
                .help(t!(
                    "проверьте `received` в темах и `total` в каналах поступления; такие расхождения встречаются и в опубликованных отчётах",
                    "published reports do contain such mismatches; check the themes' `received` and the channels' `total`"
                )),
            );
        }
    }
}

/// A number as digits with no separators, for messages read in a terminal.
fn plain(n: u64) -> String {
    format::int(n as i64).replace(format::NNBSP, " ")
}

/// How a second item with an id already taken is told: the message, the labels at the second
/// and the first, and what to do.
struct IdWords {
    message: Text,
    second: Text,
    first: Text,
    help: Option<Text>,
}

/// Keeps the first item of each id and drops every later one with a `duplicate-id` error at its
/// id, pointing back at the first: an id names a page, so two items cannot share one.
fn drop_duplicate_ids<T>(
    items: &mut Vec<T>,
    id_of: impl Fn(&T) -> (&str, Span),
    words: impl Fn(&str) -> IdWords,
    d: &mut Diagnostics,
) {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    items.retain(|item| {
        let (id, span) = id_of(item);
        let Some(first) = seen.get(id) else {
            seen.insert(id.to_string(), span);
            return true;
        };
        let w = words(id);
        let diag = Diagnostic::error(codes::DUPLICATE_ID, w.message)
            .at(span, w.second)
            .related(*first, w.first);
        d.push(match w.help {
            Some(help) => diag.help(help),
            None => diag,
        });
        false
    });
}

fn decisions(ds: &mut Dataset, d: &mut Diagnostics) {
    drop_duplicate_ids(
        &mut ds.decisions,
        |dec| (&dec.id, dec.id_span),
        |id| IdWords {
            message: t!(
                "у двух решений одинаковый `id`: `{id}`",
                "two decisions have the id `{id}`"
            ),
            second: t!("второе решение с этим `id`", "second decision with this id"),
            first: t!("первое решение с этим `id`", "first decision with this id"),
            help: Some(t!(
                "дайте каждому решению свой `id`: по нему строится адрес страницы решения",
                "an id names the decision's page: give each decision its own"
            )),
        },
        d,
    );
    for dec in &ds.decisions {
        if dec.status == DecisionStatus::Done && dec.informing.is_empty() {
            let id = &dec.id;
            d.push(
                Diagnostic::warning(
                    codes::DONE_NOT_INFORMED,
                    t!(
                        "решение `{id}` выполнено, но не указана публикация в социальных сетях о его выполнении",
                        "decision `{id}` is done but no informing post is listed"
                    ),
                )
                .at(
                    dec.status_span,
                    t!(
                        "выполнено, но в `informing` нет публикаций",
                        "done, with no post in `informing`"
                    ),
                )
                .help(t!(
                    "добавьте публикацию в `informing`: о выполнении решения жителей информируют в социальных сетях",
                    "residents are to be told in social networks how the decision was carried out: add the post under `informing`"
                )),
            );
        }
    }
    ds.decisions
        .sort_by(|a, b| b.adopted.cmp(&a.adopted).then_with(|| a.id.cmp(&b.id)));
}

fn roadmaps(ds: &mut Dataset, d: &mut Diagnostics) {
    drop_duplicate_ids(
        &mut ds.roadmaps,
        |r| (&r.id, r.id_span),
        |id| IdWords {
            message: t!(
                "у двух дорожных карт одинаковый `id`: `{id}`",
                "two road maps have the id `{id}`"
            ),
            second: t!(
                "вторая дорожная карта с этим `id`",
                "second road map with this id"
            ),
            first: t!(
                "первая дорожная карта с этим `id`",
                "first road map with this id"
            ),
            help: None,
        },
        d,
    );
    let themes: BTreeSet<&str> = ds
        .reports
        .iter()
        .flat_map(|r| r.themes.iter().map(|t| t.theme.as_str()))
        .collect();
    for r in &ds.roadmaps {
        if let (Some(theme), Some(span)) = (&r.theme, r.theme_span)
            && !themes.contains(theme.as_str())
        {
            let names: Vec<&str> = themes.iter().copied().collect();
            let mut diag = Diagnostic::warning(
                codes::ROADMAP_THEME_UNKNOWN,
                t!(
                    "тема «{theme}» не встречается ни в одном отчёте за месяц",
                    "no monthly report mentions the theme «{theme}»"
                ),
            )
            .at(
                span,
                t!(
                    "ни в одном отчёте нет обращений на эту тему",
                    "no complaints on this theme in any report"
                ),
            );
            diag = match crate::diag::suggest(theme, &names) {
                Some(s) => diag.help(t!(
                    "Возможно, вы имели в виду «{s}»? Тема связывает дорожную карту с обращениями, число которых она должна сократить",
                    "did you mean «{s}»? The theme links the road map to the complaints it should reduce"
                )),
                None => diag.help(t!(
                    "укажите тему из раздела `themes` отчётов: тема связывает дорожную карту с обращениями, число которых она должна сократить",
                    "the theme links the road map to the complaints it should reduce: use a theme named in the reports' `themes`"
                )),
            };
            d.push(diag);
        }
    }
    ds.roadmaps
        .sort_by(|a, b| b.approved.cmp(&a.approved).then_with(|| a.id.cmp(&b.id)));
}

/// One clarification an id, across files (the id names its page), newest first.
fn clarifications(ds: &mut Dataset, d: &mut Diagnostics) {
    drop_duplicate_ids(
        &mut ds.clarifications,
        |c| (&c.id, c.id_span),
        |id| IdWords {
            message: t!(
                "у двух разъяснений одинаковый `id`: `{id}`",
                "two clarifications have the id `{id}`"
            ),
            second: t!(
                "второе разъяснение с этим `id`",
                "second clarification with this id"
            ),
            first: t!(
                "первое разъяснение с этим `id`",
                "first clarification with this id"
            ),
            help: Some(t!(
                "дайте каждому разъяснению свой `id`: по нему строится адрес страницы /clarifications/ID/",
                "an id names the clarification's page /clarifications/ID/: give each its own"
            )),
        },
        d,
    );
    ds.clarifications
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
}

fn pages(ds: &mut Dataset, d: &mut Diagnostics) {
    let mut seen: BTreeMap<String, (crate::source::FileId, String)> = BTreeMap::new();
    ds.pages.retain(|p| {
        let first_segment = p
            .url
            .trim_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        // Compared without case: on the file systems of Windows and macOS, and on many static
        // hosts, `About/` and `about/` are one folder, and one page would silently replace the other.
        if p.url == "/" || RESERVED.contains(&first_segment.to_lowercase().as_str()) {
            d.push(
                Diagnostic::error(
                    codes::PAGE_URL_RESERVED,
                    t!(
                        "адрес страницы {} занят страницей, которую создаёт Витрина",
                        "the page's address {} belongs to a page Vitrina generates",
                        p.url
                    ),
                )
                .in_file(p.file)
                .help(t!(
                    "перенесите страницу в другую папку или переименуйте её в content/",
                    "move the page to another folder or name under content/"
                )),
            );
            return false;
        }
        if let Some(&(first, ref first_url)) = seen.get(&p.url.to_lowercase()) {
            let message = if *first_url == p.url {
                t!(
                    "у двух страниц одинаковый адрес: {}",
                    "two pages have the address {}",
                    p.url
                )
            } else {
                t!(
                    "адреса двух страниц различаются только заглавными буквами: {first_url} и {}",
                    "the addresses of two pages differ only in case: {first_url} and {}",
                    p.url
                )
            };
            d.push(
                Diagnostic::error(codes::PAGE_URL_DUPLICATE, message)
                    .in_file(p.file)
                    .related(
                        crate::source::Span::new(first, 0, 0),
                        t!("первая страница с этим адресом", "the first page with this address"),
                    )
                    .help(t!(
                        "переименуйте один из файлов: на многих серверах и компьютерах такие адреса совпадают",
                        "rename one of the files: many servers and computers take both for one address"
                    )),
            );
            return false;
        }
        seen.insert(p.url.to_lowercase(), (p.file, p.url.clone()));
        true
    });
}
