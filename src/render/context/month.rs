//! The monthly report page (and the home page's latest month): the form's 28 rows, the targets
//! of the month, the channels, themes, problem areas, rating and survey, and the two bar charts.

use super::{ShareCtx, share_ctx, tenths};
use crate::charts::{self, Bar, BarChart};
use crate::data::report::Report;
use crate::domain::{Channel, Kind, Source};
use crate::format;
use crate::metrics::Figures;
use crate::metrics::MonthlyForm;
use crate::metrics::month::{MonthDetail, problem_repeated_share};
use crate::period::Period;
use crate::render::words;
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

/// The problem areas of a month, in the order [`crate::metrics::month::problem_areas`] ranks them, each
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
            if let (Some(r), Some(share)) = (t.repeated, problem_repeated_share(t)) {
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
    /// What happened, in one sentence ([`words::month_lead`]).
    pub lead: String,
    /// «932 обращения и сообщения», for descriptions.
    pub total_words: String,
    /// «обращения и сообщения поступило», under the total on a card.
    pub total_label: String,
    /// Channels whose 0 looks like missing data, each in words ([`words::zero_flag`]).
    pub zero_flags: Vec<String>,
    /// When it was published against its due date, in words ([`words::publication`]).
    pub publication: String,
    /// Whether it came out after its due date.
    pub late: bool,
    /// The notices of changes made after publication, oldest first.
    pub corrections: Vec<CorrectionCtx>,
}

/// A correction's notice on the report's page, with the anchor the feed and the annual report
/// link to.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionCtx {
    /// `correction-1`: the notice's place in the report's list, which publishers extend at the
    /// end (oldest first), so an anchor once published keeps pointing at its notice.
    pub anchor: String,
    pub date: chrono::NaiveDate,
    /// «Исправлено 15 апреля 2024 г.: …» ([`words::correction`]).
    pub notice: String,
}

/// The anchor of the `n`-th correction (from 1) of a report's page.
pub fn correction_anchor(n: usize) -> String {
    format!("correction-{n}")
}

/// The notices of a report's corrections, in the order the report lists them.
pub fn corrections(report: &Report) -> Vec<CorrectionCtx> {
    report
        .corrections
        .iter()
        .enumerate()
        .map(|(i, c)| CorrectionCtx {
            anchor: correction_anchor(i + 1),
            date: c.date,
            notice: words::correction(c.date, &c.text),
        })
        .collect()
}

/// The context of the report of `fig.monthly[i]` (`report` its data file).
pub fn month(
    fig: &Figures,
    i: usize,
    report: &Report,
    unsafe_html: bool,
    base: &str,
    draw: charts::Draw,
) -> MonthCtx {
    let (form, detail, publication) = (&fig.monthly[i], &fig.details[i], &fig.publications[i]);
    let neighbours = (
        i.checked_sub(1).map(|j| fig.monthly[j].period),
        fig.monthly.get(i + 1).map(|m| m.period),
    );
    let channels = channels(detail);
    let themes = themes(detail);
    let before = words::Before::of(form.period, detail.total_growth, neighbours.0.is_some());
    MonthCtx {
        publication: words::publication(publication),
        late: publication.late(),
        corrections: corrections(report),
        lead: words::month_lead(detail, before),
        total_words: words::appeals(detail.total),
        total_label: format!("{} поступило", words::appeals_noun(detail.total)),
        zero_flags: detail
            .zero_flags
            .iter()
            .filter(|f| !f.confirmed)
            .map(|f| words::zero_flag(f, form.period))
            .collect(),
        period: form.period,
        year: form.period.year,
        published: report.published,
        previous: form.previous,
        prev_report: neighbours.0,
        next_report: neighbours.1,
        total: detail.total,
        total_growth_units: detail.total_growth.map(|g| g.units),
        total_growth_percent: detail.total_growth.and_then(|g| g.percent),
        decisions_adopted: form.value_of(Source::DecisionsAdopted),
        decisions_informed: form.value_of(Source::DecisionsInformed),
        rows: rows(form),
        targets: targets(form),
        chart_channels: chart_channels(form.period, detail.total, &channels, draw),
        chart_themes: chart_themes(form.period, &themes, draw),
        channels,
        themes_total: detail.themes_total,
        problem_areas: problem_areas(detail),
        themes,
        rating: rating(detail),
        satisfaction: detail.satisfaction.map(|s| SatisfactionCtx {
            responses: s.responses,
            satisfied: s.satisfied,
            share: tenths(s.share),
        }),
        summary_html: report
            .summary
            .as_deref()
            .map(|s| crate::render::markdown::to_html(s, unsafe_html, base)),
    }
}

/// The 28 rows of the form.
fn rows(form: &MonthlyForm) -> Vec<RowCtx> {
    form.rows
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
        .collect()
}

/// The 7 targets in the month and year to date.
fn targets(form: &MonthlyForm) -> Vec<TargetCtx> {
    form.targets
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
        .collect()
}

fn channels(detail: &MonthDetail) -> Vec<ChannelCtx> {
    detail
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
        .collect()
}

/// The themes, most received first.
fn themes(detail: &MonthDetail) -> Vec<ThemeCtx> {
    detail
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
        .collect()
}

fn rating(detail: &MonthDetail) -> Vec<RecipientCtx> {
    detail
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
        .collect()
}

/// Received by channel: a bar per channel, the same numbers as the table beside it.
fn chart_channels(
    period: Period,
    total: u64,
    channels: &[ChannelCtx],
    draw: charts::Draw,
) -> String {
    draw.bar_chart(&BarChart {
        id: format!("channels-{period}"),
        title: format!(
            "Поступило обращений по каналам, {}",
            format::month(period.year, period.month)
        ),
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
            .zip(channels)
            .map(|(c, ctx)| Bar {
                label: c.label_ru().to_string(),
                value: ctx.total as f64,
                value_label: format::int(ctx.total as i64),
            })
            .collect(),
        horizontal: false,
        y_suffix: String::new(),
    })
}

/// Received by theme, most first; none when the report lists no themes.
fn chart_themes(period: Period, themes: &[ThemeCtx], draw: charts::Draw) -> Option<String> {
    (!themes.is_empty()).then(|| {
        draw.bar_chart(&BarChart {
            id: format!("themes-{period}"),
            title: format!(
                "Обращения по темам, {}",
                format::month(period.year, period.month)
            ),
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
    })
}
