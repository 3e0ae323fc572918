//! The annual report page: the annual form (Приложение № 2) of one year, plan against achieved,
//! and each target's months within the year as a trend chart.

use super::{ShareCtx, share_ctx, target_chart, tenths};
use crate::domain::TARGETS;
use crate::metrics::{AnnualForm, Figures, MonthlyForm};
use crate::period::Period;
use serde::Serialize;

/// One row of the annual form.
#[derive(Debug, Serialize)]
pub struct AnnualRowCtx {
    pub number: u8,
    pub key: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub plan: Option<i64>,
    pub achieved: Option<ShareCtx>,
    pub deviation: Option<i64>,
    pub below_plan: bool,
    pub reason: Option<String>,
}

/// A target's months within a year.
#[derive(Debug, Serialize)]
pub struct TrendCtx {
    pub key: &'static str,
    pub short: &'static str,
    pub chart: String,
    pub months: Vec<TrendMonth>,
}

#[derive(Debug, Serialize)]
pub struct TrendMonth {
    pub period: Period,
    pub month: Option<i64>,
    pub ytd: Option<i64>,
}

/// The annual report page.
#[derive(Debug, Serialize)]
pub struct YearCtx {
    pub year: i32,
    pub last: Period,
    pub complete: bool,
    pub months: usize,
    pub rows: Vec<AnnualRowCtx>,
    pub trends: Vec<TrendCtx>,
    pub missing_reasons: usize,
    /// The year in words ([`crate::render::words::year_lead`]).
    pub lead: String,
    /// The year's reports against their due dates ([`crate::render::words::late_in_year`]).
    pub schedule: String,
    /// How many of the year's reports came out late.
    pub late: usize,
    /// The corrections made to the reports of the year's months, oldest first.
    pub corrections: Vec<YearCorrectionCtx>,
}

/// A correction of one of the year's months, linked to its notice on the month's page.
#[derive(Debug, Serialize)]
pub struct YearCorrectionCtx {
    pub period: Period,
    pub anchor: String,
    pub notice: String,
}

/// The context of one year's report.
pub fn year(form: &AnnualForm, fig: &Figures, draw: crate::charts::Draw) -> YearCtx {
    let rows: Vec<AnnualRowCtx> = form
        .rows
        .iter()
        .map(|r| AnnualRowCtx {
            number: r.def.number,
            key: r.def.key,
            name: r.def.name,
            short: r.def.short,
            plan: r.plan,
            achieved: share_ctx(r.achieved),
            deviation: r.deviation,
            below_plan: r.below_plan(),
            reason: r.reason.clone(),
        })
        .collect();
    let forms: Vec<&MonthlyForm> = fig
        .monthly
        .iter()
        .filter(|m| m.period.year == form.year)
        .collect();
    let trends = TARGETS
        .iter()
        .map(|def| {
            let months: Vec<TrendMonth> = forms
                .iter()
                .map(|m| {
                    let t = m.target(def.id);
                    TrendMonth {
                        period: m.period,
                        month: tenths(t.and_then(|t| t.month)),
                        ytd: tenths(t.and_then(|t| t.ytd)),
                    }
                })
                .collect();
            let chart = target_chart(
                &format!("trend-{}-{}", def.key, form.year),
                def,
                &crate::metrics::calendar::over(fig.year_calendar(form.year), &fig.monthly),
                false,
                |c| draw.line_chart_one(c),
            );
            TrendCtx {
                key: def.key,
                short: def.short,
                chart,
                months,
            }
        })
        .collect();
    let late = fig.late_in_year(form.year);
    let corrections = fig
        .corrections_of_year(form.year)
        .into_iter()
        .map(|c| YearCorrectionCtx {
            period: c.period,
            anchor: super::month::correction_anchor(c.number),
            notice: crate::render::words::correction(c.date, &c.text),
        })
        .collect();
    YearCtx {
        schedule: crate::render::words::late_in_year(&late, form.months.len()),
        late: late.len(),
        corrections,
        year: form.year,
        last: form.last,
        complete: form.complete(),
        months: form.months.len(),
        missing_reasons: form.missing_reasons(),
        lead: crate::render::words::year_lead(form),
        rows,
        trends,
    }
}
