//! Page contexts: the computed figures laid out as the templates read them. Values stay numbers
//! (tenths of a percent, signed differences, `null` for no data); the templates' filters print
//! them. Charts are built here too, from the same values as the tables beside them.

use crate::charts::{self, Bar, BarChart, LineChart, Series};
use crate::data::Dataset;
use crate::data::report::Report;
use crate::domain::{Channel, IndicatorDef, Kind, Source, TARGETS, TargetDef};
use crate::format;
use crate::metrics::month::{self, MonthDetail};
use crate::metrics::share::Share;
use crate::metrics::{AnnualForm, Figures, MonthlyForm};
use crate::period::Period;
use serde::Serialize;

/// One row of the monthly form.
#[derive(Debug, Serialize)]
pub struct RowCtx {
    pub number: u8,
    pub id: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub kind: Kind,
    pub value: u64,
    pub growth_units: Option<i64>,
    pub growth_percent: Option<i64>,
    pub ytd: u64,
}

/// A share with its parts, so a reader can check it.
#[derive(Debug, Serialize)]
pub struct ShareCtx {
    pub tenths: i64,
    pub num: u64,
    pub den: u64,
}

fn share_ctx(s: Option<Share>) -> Option<ShareCtx> {
    s.map(|s| ShareCtx {
        tenths: s.tenths(),
        num: s.num,
        den: s.den,
    })
}

/// A target in one month.
#[derive(Debug, Serialize)]
pub struct TargetCtx {
    pub number: u8,
    pub key: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub month: Option<ShareCtx>,
    pub ytd: Option<ShareCtx>,
    pub plan: Option<i64>,
    /// Year to date minus plan, in tenths of a percentage point.
    pub ytd_deviation: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct ChannelCtx {
    pub key: &'static str,
    pub name: &'static str,
    pub total: u64,
    pub share: Option<i64>,
    pub growth_units: Option<i64>,
    pub growth_percent: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct ThemeCtx {
    pub theme: String,
    /// The theme's page, set by the renderer.
    pub slug: Option<String>,
    pub received: u64,
    pub share: Option<i64>,
    /// Repeated among received, in tenths of a percent.
    pub repeated_share: Option<i64>,
    pub repeated: Option<u64>,
    pub overdue: Option<u64>,
    pub postponed: Option<u64>,
    pub solved: Option<u64>,
}

#[derive(Debug, Serialize)]
pub struct RecipientCtx {
    pub name: String,
    pub received: u64,
    pub on_time: Option<u64>,
    pub on_time_share: Option<i64>,
    pub solved: Option<u64>,
    pub solved_share: Option<i64>,
    pub satisfaction: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SatisfactionCtx {
    pub responses: u64,
    pub satisfied: u64,
    pub share: Option<i64>,
}

/// A theme singled out as a problem area, with the reason in words.
#[derive(Debug, Serialize)]
pub struct ProblemArea {
    pub theme: String,
    pub reasons: Vec<String>,
}

/// The problem areas of a month, in the order [`metrics::month::problem_areas`] ranks them, each
/// with its reasons in words.
fn problem_areas(detail: &MonthDetail) -> Vec<ProblemArea> {
    detail
        .problem_areas()
        .into_iter()
        .map(|t| {
            let mut reasons = Vec::new();
            if let Some(o) = t.overdue.filter(|o| *o > 0) {
                reasons.push(format!("просрочено: {}", format::int(o as i64)));
            }
            if let Some(p) = t.postponed.filter(|p| *p > 0) {
                reasons.push(format!("отложено: {}", format::int(p as i64)));
            }
            if let (Some(r), Some(share)) = (t.repeated, month::problem_repeated_share(t)) {
                reasons.push(format!(
                    "повторных: {} ({})",
                    format::int(r as i64),
                    format::percent(share.tenths())
                ));
            }
            ProblemArea {
                theme: t.theme.clone(),
                reasons,
            }
        })
        .collect()
}

/// The monthly report page.
#[derive(Debug, Serialize)]
pub struct MonthCtx {
    pub period: Period,
    pub year: i32,
    pub published: chrono::NaiveDate,
    pub previous: Option<Period>,
    pub prev_report: Option<Period>,
    pub next_report: Option<Period>,
    pub total: u64,
    pub total_growth_units: Option<i64>,
    pub total_growth_percent: Option<i64>,
    pub rows: Vec<RowCtx>,
    pub targets: Vec<TargetCtx>,
    pub channels: Vec<ChannelCtx>,
    pub themes: Vec<ThemeCtx>,
    pub themes_total: u64,
    /// Themes with overdue or postponed appeals or many repeated ones, worst first.
    pub problem_areas: Vec<ProblemArea>,
    pub rating: Vec<RecipientCtx>,
    pub satisfaction: Option<SatisfactionCtx>,
    pub summary_html: Option<String>,
    pub decisions_adopted: u64,
    pub decisions_informed: u64,
    pub chart_channels: String,
    pub chart_themes: Option<String>,
}

fn tenths(s: Option<Share>) -> Option<i64> {
    s.map(Share::tenths)
}

/// The context of one month's report.
pub fn month(
    form: &MonthlyForm,
    detail: &MonthDetail,
    report: &Report,
    neighbours: (Option<Period>, Option<Period>),
    unsafe_html: bool,
    base: &str,
) -> MonthCtx {
    let rows: Vec<RowCtx> = form
        .rows
        .iter()
        .map(|r| RowCtx {
            number: r.def.number,
            id: r.def.id,
            name: r.def.name,
            short: r.def.short,
            kind: r.def.kind,
            value: r.value,
            growth_units: r.growth.map(|g| g.units),
            growth_percent: r.growth.and_then(|g| g.percent),
            ytd: r.ytd,
        })
        .collect();
    let targets = form
        .targets
        .iter()
        .map(|t| TargetCtx {
            number: t.def.number,
            key: t.def.key,
            name: t.def.name,
            short: t.def.short,
            month: share_ctx(t.month),
            ytd: share_ctx(t.ytd),
            plan: t.plan,
            ytd_deviation: t.ytd_deviation,
        })
        .collect();
    let total = detail.total;
    let channels: Vec<ChannelCtx> = detail
        .channels
        .iter()
        .map(|c| ChannelCtx {
            key: c.channel.key(),
            name: c.channel.name_ru(),
            total: c.total,
            share: tenths(c.share),
            growth_units: c.growth.map(|g| g.units),
            growth_percent: c.growth.and_then(|g| g.percent),
        })
        .collect();
    let themes: Vec<ThemeCtx> = detail
        .themes_by_received()
        .into_iter()
        .map(|t| ThemeCtx {
            theme: t.theme.clone(),
            slug: None,
            received: t.received,
            share: tenths(t.share),
            repeated_share: tenths(t.repeated_share),
            repeated: t.repeated,
            overdue: t.overdue,
            postponed: t.postponed,
            solved: t.solved,
        })
        .collect();
    let rating = detail
        .rating
        .iter()
        .map(|r| RecipientCtx {
            name: r.name.clone(),
            received: r.received,
            on_time: r.on_time,
            on_time_share: tenths(r.on_time_share),
            solved: r.solved,
            solved_share: tenths(r.solved_share),
            satisfaction: r.satisfaction.map(format::tenths),
        })
        .collect();
    let period_words = format::month(form.period.year, form.period.month);
    let chart_channels = charts::bar_chart(&BarChart {
        id: format!("channels-{}", form.period),
        title: format!("Поступило обращений по каналам, {period_words}"),
        desc: format!(
            "Всего {}. {}.",
            format::int(total as i64),
            channels
                .iter()
                .map(|c| format!("{}: {}", c.name, format::int(c.total as i64)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        bars: Channel::ALL
            .iter()
            .zip(&channels)
            .map(|(c, ctx)| Bar {
                label: c.label_ru().to_string(),
                value: ctx.total as f64,
                value_label: format::int(ctx.total as i64),
            })
            .collect(),
        horizontal: false,
        y_suffix: String::new(),
    });
    let chart_themes = (!themes.is_empty()).then(|| {
        charts::bar_chart(&BarChart {
            id: format!("themes-{}", form.period),
            title: format!("Обращения по темам, {period_words}"),
            desc: format!(
                "Больше всего обращений по темам: {}.",
                themes
                    .iter()
                    .map(|t| format!("«{}» — {}", t.theme, format::int(t.received as i64)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            bars: themes
                .iter()
                .map(|t| Bar {
                    label: t.theme.clone(),
                    value: t.received as f64,
                    value_label: format::int(t.received as i64),
                })
                .collect(),
            horizontal: true,
            y_suffix: String::new(),
        })
    });
    MonthCtx {
        period: form.period,
        year: form.period.year,
        published: report.published,
        previous: form.previous,
        prev_report: neighbours.0,
        next_report: neighbours.1,
        total,
        total_growth_units: detail.total_growth.map(|g| g.units),
        total_growth_percent: detail.total_growth.and_then(|g| g.percent),
        decisions_adopted: form.value_of(Source::DecisionsAdopted),
        decisions_informed: form.value_of(Source::DecisionsInformed),
        rows,
        targets,
        channels,
        themes_total: detail.themes_total,
        problem_areas: problem_areas(detail),
        themes,
        rating,
        satisfaction: detail.satisfaction.map(|s| SatisfactionCtx {
            responses: s.responses,
            satisfied: s.satisfied,
            share: tenths(s.share),
        }),
        summary_html: report
            .summary
            .as_deref()
            .map(|s| super::markdown::to_html(s, unsafe_html, base)),
        chart_channels,
        chart_themes,
    }
}

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
}

/// The context of one year's report.
pub fn year(form: &AnnualForm, fig: &Figures) -> YearCtx {
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
            let plan = form.row(def.id).and_then(|r| r.plan);
            let chart = target_chart(
                &format!("trend-{}-{}", def.key, form.year),
                def,
                &forms.iter().map(|m| m.period).collect::<Vec<_>>(),
                &months.iter().map(|m| m.month).collect::<Vec<_>>(),
                &months.iter().map(|m| m.ytd).collect::<Vec<_>>(),
                &forms.iter().map(|_| plan).collect::<Vec<_>>(),
                false,
            );
            TrendCtx {
                key: def.key,
                short: def.short,
                chart,
                months,
            }
        })
        .collect();
    YearCtx {
        year: form.year,
        last: form.last,
        complete: form.complete(),
        months: form.months.len(),
        missing_reasons: rows
            .iter()
            .filter(|r| r.below_plan && r.reason.is_none())
            .count(),
        rows,
        trends,
    }
}

/// A target's line chart: the month's share, the year to date and the plan.
fn target_chart(
    id: &str,
    def: &TargetDef,
    periods: &[Period],
    month: &[Option<i64>],
    ytd: &[Option<i64>],
    plan: &[Option<i64>],
    with_year: bool,
) -> String {
    let as_f = |v: &[Option<i64>]| {
        v.iter()
            .map(|x| x.map(|t| t as f64 / 10.0))
            .collect::<Vec<_>>()
    };
    let last_words = match (periods.last(), ytd.last().copied().flatten()) {
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
    charts::line_chart(&LineChart {
        id: id.to_string(),
        title: def.short.to_string(),
        desc: format!(
            "{} по месяцам, в процентах.{last_words}{plan_words}",
            def.short
        ),
        x_labels: periods
            .iter()
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
                values: as_f(month),
            },
            Series {
                name: "с начала года".into(),
                values: as_f(ytd),
            },
        ],
        plan: plan.iter().any(Option::is_some).then(|| as_f(plan)),
        y_suffix: "%".into(),
        y_max: Some(100.0),
        events: Vec::new(),
    })
}

/// One month of an indicator's history.
#[derive(Debug, Serialize)]
pub struct HistoryRow {
    pub period: Period,
    pub value: u64,
    pub growth_units: Option<i64>,
    pub growth_percent: Option<i64>,
    pub ytd: u64,
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
}

/// The context of an indicator's page.
pub fn indicator(def: &'static IndicatorDef, fig: &Figures) -> IndicatorCtx {
    let rows: Vec<HistoryRow> = fig
        .monthly
        .iter()
        .filter_map(|m| m.row(def).map(|r| (m, r)))
        .map(|(m, r)| HistoryRow {
            period: m.period,
            value: r.value,
            growth_units: r.growth.map(|g| g.units),
            growth_percent: r.growth.and_then(|g| g.percent),
            ytd: r.ytd,
        })
        .collect();
    let (min, max) = (
        rows.iter().map(|r| r.value).min().unwrap_or(0),
        rows.iter().map(|r| r.value).max().unwrap_or(0),
    );
    let chart = charts::line_chart(&LineChart {
        id: format!("indicator-{}", def.id),
        title: def.short.to_string(),
        desc: format!(
            "Индикатор № {} по месяцам: от {} до {}, в последнем месяце — {}.",
            def.number,
            format::int(min as i64),
            format::int(max as i64),
            format::int(rows.last().map_or(0, |r| r.value) as i64)
        ),
        x_labels: rows
            .iter()
            .map(|r| format::month_short(r.period.year, r.period.month))
            .collect(),
        series: vec![Series {
            name: "за месяц".into(),
            values: rows.iter().map(|r| Some(r.value as f64)).collect(),
        }],
        plan: None,
        y_suffix: String::new(),
        y_max: None,
        events: Vec::new(),
    });
    IndicatorCtx {
        number: def.number,
        id: def.id,
        name: def.name,
        short: def.short,
        kind: def.kind,
        rows,
        chart,
    }
}

/// One month of a target's history.
#[derive(Debug, Serialize)]
pub struct TargetHistoryRow {
    pub period: Period,
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
pub fn target(def: &'static TargetDef, fig: &Figures) -> TargetPageCtx {
    let rows: Vec<TargetHistoryRow> = fig
        .monthly
        .iter()
        .filter_map(|m| m.target(def.id).map(|t| (m, t)))
        .map(|(m, t)| TargetHistoryRow {
            period: m.period,
            month: share_ctx(t.month),
            ytd: share_ctx(t.ytd),
            plan: t.plan,
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
    let periods: Vec<Period> = rows.iter().map(|r| r.period).collect();
    let chart = target_chart(
        &format!("target-{}", def.key),
        def,
        &periods,
        &rows
            .iter()
            .map(|r| r.month.as_ref().map(|s| s.tenths))
            .collect::<Vec<_>>(),
        &rows
            .iter()
            .map(|r| r.ytd.as_ref().map(|s| s.tenths))
            .collect::<Vec<_>>(),
        &rows.iter().map(|r| r.plan).collect::<Vec<_>>(),
        true,
    );
    TargetPageCtx {
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

/// The home page: the latest month and this year's targets.
#[derive(Debug, Serialize)]
pub struct HomeCtx {
    pub latest: MonthCtx,
    pub year: YearCtx,
    pub chart_totals: String,
    pub reports: usize,
}

/// The context of the home page.
pub fn home(ds: &Dataset, fig: &Figures, latest: MonthCtx) -> HomeCtx {
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
