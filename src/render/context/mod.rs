//! Page contexts: the computed figures laid out as the templates read them, one module per page
//! family. Values stay numbers (tenths of a percent, signed differences, `null` for no data); the
//! templates' filters print them. Nothing here computes a figure: each is copied from
//! [`crate::metrics`], so a page, its share card, the feed and the open data cannot disagree.
//! Charts are built here too, from the same values as the tables beside them.
//!
//! This module holds what several families share: a share with its parts, and a target's line
//! chart (on the year's page and on the target's own).

mod home;
mod indicator;
mod month;
mod year;

pub use home::{HomeCtx, home};
pub use indicator::{
    IndicatorCtx, TargetPageCtx, indicator, indicator_drawn, target, target_drawn,
};
pub use month::{MonthCtx, month};
pub use year::{YearCtx, year};

use crate::charts::{LineChart, Series};
use crate::domain::TargetDef;
use crate::format;
use crate::metrics::MonthlyForm;
use crate::metrics::calendar::{Month, coverage_words, missing_points};
use crate::metrics::share::Share;
use serde::Serialize;

/// A share with its parts, so a reader can check it.
#[derive(Debug, Serialize)]
pub struct ShareCtx {
    pub tenths: i64,
    pub num: u64,
    pub den: u64,
}

pub(super) fn share_ctx(s: Option<Share>) -> Option<ShareCtx> {
    s.map(|s| ShareCtx {
        tenths: s.tenths(),
        num: s.num,
        den: s.den,
    })
}

pub(super) fn tenths(s: Option<Share>) -> Option<i64> {
    s.map(Share::tenths)
}

/// A target's line chart over the calendar `months`: the month's share, the year to date and
/// the plan, drawn by `draw`. A year's months (`with_year` false: the annual report's small
/// multiples, labelled without the year) are drawn once, at the phone's width
/// ([`crate::charts::line_chart_one`]); a target's whole history has a drawing for each width
/// ([`crate::charts::line_chart`]), or one for an embedded page.
pub(super) fn target_chart(
    id: &str,
    def: &TargetDef,
    months: &[Month<'_, MonthlyForm>],
    with_year: bool,
    draw: impl FnOnce(&LineChart) -> String,
) -> String {
    // A month without a report is a gap in the lines, but not in the plan, which is the year's.
    let targets: Vec<Option<&crate::metrics::TargetValue>> = months
        .iter()
        .map(|m| m.reported().and_then(|f| f.target(def.id)))
        .collect();
    let month: Vec<Option<i64>> = targets
        .iter()
        .map(|t| tenths(t.and_then(|t| t.month)))
        .collect();
    let ytd: Vec<Option<i64>> = targets
        .iter()
        .map(|t| tenths(t.and_then(|t| t.ytd)))
        .collect();
    let mut plan: Vec<Option<i64>> = targets.iter().map(|t| t.and_then(|t| t.plan)).collect();
    for i in 1..plan.len() {
        if months[i].is_missing() {
            plan[i] = plan[i - 1];
        }
    }
    let plan = &plan;
    let as_f = |v: &[Option<i64>]| {
        v.iter()
            .map(|x| x.map(|t| t as f64 / 10.0))
            .collect::<Vec<_>>()
    };
    draw(&LineChart {
        id: id.to_string(),
        title: def.short.to_string(),
        desc: target_chart_desc(def, months, ytd.last().copied().flatten(), plan),
        x_labels: months
            .iter()
            .map(|m| m.period())
            .map(|p| {
                if with_year {
                    format::month_short(p.year, p.month)
                } else {
                    format::month_abbr(p.month).to_string()
                }
            })
            .collect(),
        series: vec![
            Series {
                name: "за месяц".into(),
                values: as_f(&month),
            },
            Series {
                name: "с начала года".into(),
                values: as_f(&ytd),
            },
        ],
        plan: plan.iter().any(Option::is_some).then(|| as_f(plan)),
        y_suffix: "%".into(),
        y_max: Some(100.0),
        events: Vec::new(),
        missing: missing_points(months),
    })
}

/// What a target's chart shows, in words: the months it covers, the latest year to date and
/// the plan.
fn target_chart_desc(
    def: &TargetDef,
    months: &[Month<'_, MonthlyForm>],
    last_ytd: Option<i64>,
    plan: &[Option<i64>],
) -> String {
    let last_words = match (months.last().map(Month::period), last_ytd) {
        (Some(p), Some(v)) => format!(
            " С начала года по {} — {}.",
            format::month(p.year, p.month),
            format::percent(v)
        ),
        _ => String::new(),
    };
    let plan_words = match plan.last().copied().flatten() {
        Some(p) => format!(" План — {}.", format::percent(p)),
        None => String::new(),
    };
    format!(
        "{} по месяцам {}, в процентах.{last_words}{plan_words}",
        def.short,
        coverage_words(months)
    )
}
