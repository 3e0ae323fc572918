//! Rules that involve more than one value or file: a report's file name and period, two reports
//! for one month, a duplicate decision id, a month missing between reports, a decision marked done
//! with nobody told, themes adding up to more than the month's total.

use super::Dataset;
use super::decision::DecisionStatus;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format;
use crate::period::Period;
use crate::source::Sources;
use std::collections::{BTreeMap, BTreeSet};

/// Generated sections that a content page may not take the address of.
pub const RESERVED: &[&str] = &[
    "reports",
    "indicators",
    "decisions",
    "roadmaps",
    "themes",
    "search",
    "structure",
    "openness",
    "data",
    "opendata",
    "static",
    "404.html",
];

/// Checks the cross-file rules, dropping the duplicates it reports so that later stages see one
/// report per month and one decision per id.
pub fn check(ds: &mut Dataset, sources: &Sources, d: &mut Diagnostics) {
    reports(ds, sources, d);
    decisions(ds, d);
    roadmaps(ds, d);
    pages(ds, d);
}

fn reports(ds: &mut Dataset, sources: &Sources, d: &mut Diagnostics) {
    for r in &ds.reports {
        let name = &sources.get(r.file).name;
        let stem = name
            .rsplit('/')
            .next()
            .unwrap_or(name)
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml");
        match Period::parse(stem) {
            Some(p) if p == r.period => {}
            Some(p) => d.push(
                Diagnostic::error(
                    "period-mismatch",
                    format!(
                        "the period {} does not match the file name {stem}",
                        r.period
                    ),
                )
                .at(r.period_span, format!("expected {p}"))
                .help(format!(
                    "either write `period: {p}` or rename the file to {}.yaml",
                    r.period
                )),
            ),
            None => d.push(
                Diagnostic::error(
                    "report-file-name",
                    format!("a report file is named after its month, not `{stem}`"),
                )
                .at(r.period_span, "the month of this report")
                .help(format!("rename the file to {}.yaml", r.period)),
            ),
        }
    }
    ds.reports.sort_by_key(|r| r.period);
    let mut seen: BTreeMap<Period, usize> = BTreeMap::new();
    let mut keep = Vec::with_capacity(ds.reports.len());
    for (i, r) in ds.reports.iter().enumerate() {
        if let Some(&first) = seen.get(&r.period) {
            d.push(
                Diagnostic::error("duplicate-period", format!("two reports for {}", r.period))
                    .at(r.period_span, "second report for this month")
                    .related(ds.reports[first].period_span, "first report for this month")
                    .help("keep one report per month: remove or rename one of the files"),
            );
        } else {
            seen.insert(r.period, i);
            keep.push(i);
        }
    }
    let reports = std::mem::take(&mut ds.reports);
    ds.reports = reports
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, r)| r)
        .collect();

    for pair in ds.reports.windows(2) {
        let (a, b) = (pair[0].period, pair[1].period);
        if b.index() - a.index() > 1 {
            let missing: Vec<String> = std::iter::successors(Some(a.next()), |p| Some(p.next()))
                .take_while(|p| *p < b)
                .map(|p| p.to_string())
                .collect();
            d.push(
                Diagnostic::warning("missing-month", format!("no report for {} between {a} and {b}", missing.join(", ")))
                    .at(pair[1].period_span, "the report after the gap")
                    .help("growth against the previous month is shown as a dash after a gap; add the missing report if it exists"),
            );
        }
    }
    for r in &ds.reports {
        let themes: u64 = r.themes.iter().map(|t| t.received).sum();
        let total = r.total_received();
        if themes > total {
            let span = r.themes_span.unwrap_or(r.period_span);
            d.push(
                Diagnostic::warning("themes-over-total", format!("the themes add up to {} received, more than the month's total over all channels ({})", plain(themes), plain(total)))
                    .at(span, format!("{} > {}", plain(themes), plain(total)))
                    .help("published reports do contain such mismatches; check the themes' `received` and the channels' `total`"),
            );
        }
    }
}

/// A number as digits with no separators, for messages read in a terminal.
fn plain(n: u64) -> String {
    format::int(n as i64).replace(format::NNBSP, " ")
}

fn decisions(ds: &mut Dataset, d: &mut Diagnostics) {
    let mut seen = BTreeMap::new();
    ds.decisions.retain(|dec| {
        if let Some(first) = seen.get(&dec.id) {
            d.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("two decisions have the id `{}`", dec.id),
                )
                .at(dec.id_span, "second decision with this id")
                .related(*first, "first decision with this id")
                .help("an id names the decision's page: give each decision its own"),
            );
            false
        } else {
            seen.insert(dec.id.clone(), dec.id_span);
            true
        }
    });
    for dec in &ds.decisions {
        if dec.status == DecisionStatus::Done && dec.informing.is_empty() {
            d.push(
                Diagnostic::warning("done-not-informed", format!("decision `{}` is done but no informing post is listed", dec.id))
                    .at(dec.status_span, "done, with no post in `informing`")
                    .help("residents are to be told in social networks how the decision was carried out: add the post under `informing`"),
            );
        }
    }
    ds.decisions
        .sort_by(|a, b| b.adopted.cmp(&a.adopted).then_with(|| a.id.cmp(&b.id)));
}

fn roadmaps(ds: &mut Dataset, d: &mut Diagnostics) {
    let mut seen = BTreeMap::new();
    ds.roadmaps.retain(|r| {
        if let Some(first) = seen.get(&r.id) {
            d.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("two road maps have the id `{}`", r.id),
                )
                .at(r.id_span, "second road map with this id")
                .related(*first, "first road map with this id"),
            );
            false
        } else {
            seen.insert(r.id.clone(), r.id_span);
            true
        }
    });
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
                "roadmap-theme-unknown",
                format!("no monthly report mentions the theme «{theme}»"),
            )
            .at(span, "no complaints on this theme in any report");
            diag = match crate::diag::suggest(theme, &names) {
                Some(s) => diag.help(format!("did you mean «{s}»? The theme links the road map to the complaints it should reduce")),
                None => diag.help("the theme links the road map to the complaints it should reduce: use a theme named in the reports' `themes`"),
            };
            d.push(diag);
        }
    }
    ds.roadmaps
        .sort_by(|a, b| b.approved.cmp(&a.approved).then_with(|| a.id.cmp(&b.id)));
}

fn pages(ds: &mut Dataset, d: &mut Diagnostics) {
    let mut seen: BTreeMap<String, crate::source::FileId> = BTreeMap::new();
    ds.pages.retain(|p| {
        let first_segment = p
            .url
            .trim_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        if p.url == "/" || RESERVED.contains(&first_segment) {
            d.push(
                Diagnostic::error(
                    "page-url-reserved",
                    format!(
                        "the page's address {} belongs to a page Vitrina generates",
                        p.url
                    ),
                )
                .in_file(p.file)
                .help("move the page to another folder or name under content/"),
            );
            return false;
        }
        if seen.insert(p.url.clone(), p.file).is_some() {
            d.push(
                Diagnostic::error(
                    "page-url-duplicate",
                    format!("two pages have the address {}", p.url),
                )
                .in_file(p.file),
            );
            return false;
        }
        true
    });
}
