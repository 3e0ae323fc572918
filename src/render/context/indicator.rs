//! The pages of the 28 indicators and of the 7 targets: each one's history over every reported
//! month (and, for a target, every year's plan and result) with its chart.

use super::{ShareCtx, share_ctx, target_chart, tenths};
use crate::charts::{self, LineChart, Series};
use crate::domain::{IndicatorDef, Kind, TargetDef};
use crate::format;
use crate::metrics::{Figures, calendar};
use crate::period::Period;
use serde::Serialize;

/// One month of an indicator's history; a month without a report has no values and `missing`.
#[derive(Debug, Serialize)]
pub struct HistoryRow {
    pub period: Period,
    pub missing: bool,
    pub value: Option<u64>,
    pub growth_units: Option<i64>,
    pub growth_percent: Option<i64>,
    pub ytd: Option<u64>,
}

/// The page of one of the 28 indicators.
#[derive(Debug, Serialize)]
pub struct IndicatorCtx {
    pub number: u8,
    pub id: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub kind: Kind,
    pub rows: Vec<HistoryRow>,
    pub chart: String,
    /// The latest value and its change, in words ([`crate::render::words::indicator_lead`]).
    pub lead: Option<String>,
}

/// The context of an indicator's page.
pub fn indicator(def: &'static IndicatorDef, fig: &Figures, draw: charts::Draw) -> IndicatorCtx {
    indicator_drawn(def, fig, |c| draw.line_chart(c))
}

/// [`indicator`] with its chart drawn by `draw`: both widths for its page, one drawing
/// ([`charts::line_chart_one`]) for its embedded version.
pub fn indicator_drawn(
    def: &'static IndicatorDef,
    fig: &Figures,
    draw: impl FnOnce(&LineChart) -> String,
) -> IndicatorCtx {
    let months = fig.calendar_of(&fig.monthly);
    let rows: Vec<HistoryRow> = months
        .iter()
        .map(|m| {
            let row = m.reported().and_then(|f| f.row(def));
            HistoryRow {
                period: m.period(),
                missing: m.is_missing(),
                value: row.map(|r| r.value),
                growth_units: row.and_then(|r| r.growth.map(|g| g.units)),
                growth_percent: row.and_then(|r| r.growth.and_then(|g| g.percent)),
                ytd: row.map(|r| r.ytd),
            }
        })
        .collect();
    let values = || rows.iter().filter_map(|r| r.value);
    let chart = draw(&LineChart {
        id: format!("indicator-{}", def.id),
        title: def.short.to_string(),
        desc: format!(
            "Индикатор № {} по месяцам {}: от {} до {}, в последнем месяце — {}.",
            def.number,
            calendar::coverage_words(&months),
            format::int(values().min().unwrap_or(0) as i64),
            format::int(values().max().unwrap_or(0) as i64),
            format::int(values().next_back().unwrap_or(0) as i64)
        ),
        x_labels: rows
            .iter()
            .map(|r| format::month_short(r.period.year, r.period.month))
            .collect(),
        series: vec![Series {
            name: "за месяц".into(),
            values: rows.iter().map(|r| r.value.map(|v| v as f64)).collect(),
        }],
        plan: None,
        y_suffix: String::new(),
        y_max: None,
        events: Vec::new(),
        missing: calendar::missing_points(&months),
    });
    let lead = fig.monthly.last().and_then(|m| {
        let row = m.row(def)?;
        Some(crate::render::words::indicator_lead(
            m.period,
            row.value,
            crate::render::words::Before::of(m.period, row.growth, fig.monthly.len() > 1),
        ))
    });
    IndicatorCtx {
        lead,
        number: def.number,
        id: def.id,
        name: def.name,
        short: def.short,
        kind: def.kind,
        rows,
        chart,
    }
}

/// One month of a target's history; a month without a report has no values and `missing`.
#[derive(Debug, Serialize)]
pub struct TargetHistoryRow {
    pub period: Period,
    pub missing: bool,
    pub month: Option<ShareCtx>,
    pub ytd: Option<ShareCtx>,
    pub plan: Option<i64>,
}

/// One year of a target.
#[derive(Debug, Serialize)]
pub struct TargetYear {
    pub year: i32,
    pub plan: Option<i64>,
    pub achieved: Option<i64>,
    pub deviation: Option<i64>,
    pub complete: bool,
}

/// The page of one of the 7 targets.
#[derive(Debug, Serialize)]
pub struct TargetPageCtx {
    pub number: u8,
    pub key: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub numerator: Vec<IndicatorRef>,
    pub denominator: Vec<IndicatorRef>,
    pub rows: Vec<TargetHistoryRow>,
    pub years: Vec<TargetYear>,
    pub chart: String,
    /// The latest month and year to date against plan, in words.
    pub lead: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorRef {
    pub number: u8,
    pub id: &'static str,
    pub short: &'static str,
}

fn refs(numbers: &[u8]) -> Vec<IndicatorRef> {
    numbers
        .iter()
        .filter_map(|n| IndicatorDef::by_number(*n))
        .map(|d| IndicatorRef {
            number: d.number,
            id: d.id,
            short: d.short,
        })
        .collect()
}

/// The context of a target's page.
pub fn target(def: &'static TargetDef, fig: &Figures, draw: charts::Draw) -> TargetPageCtx {
    target_drawn(def, fig, |c| draw.line_chart(c))
}

/// [`target`] with its chart drawn by `draw`, as [`indicator_drawn`].
pub fn target_drawn(
    def: &'static TargetDef,
    fig: &Figures,
    draw: impl FnOnce(&LineChart) -> String,
) -> TargetPageCtx {
    let rows: Vec<TargetHistoryRow> = fig
        .calendar_of(&fig.monthly)
        .iter()
        .map(|m| {
            let t = m.reported().and_then(|f| f.target(def.id));
            TargetHistoryRow {
                period: m.period(),
                missing: m.is_missing(),
                month: t.and_then(|t| share_ctx(t.month)),
                ytd: t.and_then(|t| share_ctx(t.ytd)),
                plan: t.and_then(|t| t.plan),
            }
        })
        .collect();
    let years = fig
        .annual
        .iter()
        .filter_map(|a| a.row(def.id).map(|r| (a, r)))
        .map(|(a, r)| TargetYear {
            year: a.year,
            plan: r.plan,
            achieved: tenths(r.achieved),
            deviation: r.deviation,
            complete: a.complete(),
        })
        .collect();
    let chart = target_chart(
        &format!("target-{}", def.key),
        def,
        &fig.calendar_of(&fig.monthly),
        true,
        draw,
    );
    let lead = rows.last().map(|r| {
        crate::render::words::target_lead(
            r.period,
            r.month.as_ref().map(|s| s.tenths),
            r.ytd.as_ref().map(|s| s.tenths),
            r.plan,
        )
    });
    TargetPageCtx {
        lead,
        number: def.number,
        key: def.key,
        name: def.name,
        short: def.short,
        numerator: refs(def.numerator),
        denominator: refs(def.denominator),
        rows,
        years,
        chart,
    }
}
