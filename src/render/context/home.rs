//! The home page: the latest month, this year's targets and the totals of the last two years.

use super::{MonthCtx, YearCtx, year};
use crate::charts::{self, LineChart, Series};
use crate::data::Dataset;
use crate::format;
use crate::metrics::Figures;
use serde::Serialize;

/// The home page: the latest month and this year's targets.
#[derive(Debug, Serialize)]
pub struct HomeCtx<'m> {
    /// The latest month, as its own report page has it.
    pub latest: &'m MonthCtx,
    pub year: YearCtx,
    pub chart_totals: String,
    pub reports: usize,
}

/// The context of the home page.
pub fn home<'m>(ds: &Dataset, fig: &Figures, latest: &'m MonthCtx) -> HomeCtx<'m> {
    let last_year = fig.annual.last().expect("a site with reports has a year");
    let recent: Vec<_> = fig.months.iter().rev().take(24).rev().collect();
    let totals: Vec<u64> = recent.iter().map(|m| m.total_received()).collect();
    let chart_totals = charts::line_chart(&LineChart {
        id: "totals".into(),
        title: "Поступило обращений по месяцам".into(),
        desc: format!(
            "Обращения и сообщения по всем каналам за последние {} мес.: от {} до {}, в последнем месяце — {}.",
            recent.len(),
            format::int(totals.iter().copied().min().unwrap_or(0) as i64),
            format::int(totals.iter().copied().max().unwrap_or(0) as i64),
            format::int(totals.last().copied().unwrap_or(0) as i64)
        ),
        x_labels: recent
            .iter()
            .map(|m| format::month_short(m.period.year, m.period.month))
            .collect(),
        series: vec![Series {
            name: "всего".into(),
            values: totals.iter().map(|v| Some(*v as f64)).collect(),
        }],
        plan: None,
        y_suffix: String::new(),
        y_max: None,
        events: Vec::new(),
    });
    HomeCtx {
        year: year(last_year, fig),
        latest,
        chart_totals,
        reports: ds.reports.len(),
    }
}
