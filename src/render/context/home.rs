//! The home page: the latest month, this year's targets and the totals of the last two years.

use super::{MonthCtx, YearCtx, year};
use crate::charts::{self, LineChart, Series};
use crate::format;
use crate::metrics::Figures;
use crate::metrics::calendar::{coverage_words, missing_points};
use serde::Serialize;

/// The home page: the latest month and this year's targets.
#[derive(Debug, Serialize)]
pub struct HomeCtx<'m> {
    /// The latest month, as its own report page has it.
    pub latest: &'m MonthCtx,
    pub year: YearCtx,
    pub chart_totals: String,
    pub reports: usize,
    /// Which report is next and by when, on the as-of date ([`crate::words::next_report`]).
    pub next_report: String,
}

/// The context of the home page.
pub fn home<'m>(fig: &Figures, latest: &'m MonthCtx, draw: charts::Draw) -> HomeCtx<'m> {
    let last_year = fig.annual.last().expect("a site with reports has a year");
    // The last 24 calendar months, a month without a report among them as a gap.
    let calendar = fig.calendar_of(&fig.months);
    let recent = &calendar[calendar.len().saturating_sub(24)..];
    let totals: Vec<Option<u64>> = recent
        .iter()
        .map(|m| m.reported().map(|m| m.total_received()))
        .collect();
    let reported = || totals.iter().flatten().copied();
    let chart_totals = draw.line_chart(&LineChart {
        id: "totals".into(),
        title: "Поступило обращений по месяцам".into(),
        desc: format!(
            "Обращения и сообщения по всем каналам {}: от {} до {}, в последнем месяце — {}.",
            coverage_words(recent),
            format::int(reported().min().unwrap_or(0) as i64),
            format::int(reported().max().unwrap_or(0) as i64),
            format::int(reported().next_back().unwrap_or(0) as i64)
        ),
        x_labels: recent
            .iter()
            .map(|m| {
                let p = m.period();
                format::month_short(p.year, p.month)
            })
            .collect(),
        series: vec![Series {
            name: "всего".into(),
            values: totals.iter().map(|v| v.map(|v| v as f64)).collect(),
        }],
        plan: None,
        y_suffix: String::new(),
        y_max: None,
        events: Vec::new(),
        missing: missing_points(recent),
    });
    HomeCtx {
        year: year(last_year, fig, draw),
        latest,
        chart_totals,
        reports: fig.months.len(),
        next_report: crate::words::next_report(&fig.next_report, fig.as_of.date),
    }
}
