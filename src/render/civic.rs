//! Contexts of the pages that answer a citizen's two other questions: what happened to what we
//! voted for (decisions via ПОС), and is the cause of our complaints being removed (road maps);
//! with the centre's structure, its openness page and the complaints by theme.

use crate::charts::{
    self, Bar, BarChart, Event, LineChart, Series, TimelineChart, TimelineRow, TimelineStatus,
};
use crate::data::Dataset;
use crate::data::decision::{Decision, DecisionKind, DecisionStatus, Roadmap};
use crate::format;
use crate::metrics::Figures;
use crate::metrics::decisions::YearCounts;
use crate::metrics::roadmap::{self, BeforeAfter, MeasureStatus, Progress, RoadmapFigures};
use crate::metrics::share::Share;
use crate::period::Period;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A decision as the list and its page show it.
#[derive(Debug, Serialize)]
pub struct DecisionCtx<'a> {
    #[serde(flatten)]
    pub decision: &'a Decision,
    pub kind_ru: &'static str,
    pub status_ru: &'static str,
    /// Informing posts published by the as-of date (the open data counts the same).
    pub posts: usize,
    pub days_to_first_post: Option<i64>,
    /// Done, and nobody told yet.
    pub done_not_informed: bool,
    pub result_html: Option<String>,
    /// Milestones and informing posts together, in date order.
    pub timeline: Vec<TimelineItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TimelineItem<'a> {
    pub date: NaiveDate,
    pub kind: &'static str,
    pub text: &'a str,
    pub url: Option<&'a str>,
}

/// The words of a decision's form and status live with the other sentences ([`crate::words`]), which
/// the pages, the feed and `vitrina post` share.
pub use crate::words::{decision_kind as kind_ru, decision_status as status_ru};

/// The context of one decision.
pub fn decision<'a>(
    d: &'a Decision,
    fig: &Figures,
    unsafe_html: bool,
    base: &str,
) -> DecisionCtx<'a> {
    let figures = fig.decisions.of(d);
    let mut timeline: Vec<TimelineItem> = vec![TimelineItem {
        date: d.adopted,
        kind: "adopted",
        text: "Решение принято",
        url: d.source_url.as_deref(),
    }];
    timeline.extend(d.milestones.iter().map(|m| TimelineItem {
        date: m.date,
        kind: "milestone",
        text: &m.text,
        url: None,
    }));
    timeline.extend(d.informing.iter().map(|p| TimelineItem {
        date: p.date,
        kind: "informing",
        text: &p.network,
        url: Some(&p.url),
    }));
    timeline.sort_by_key(|t| (t.date, t.kind != "adopted"));
    DecisionCtx {
        decision: d,
        kind_ru: kind_ru(d.kind),
        status_ru: status_ru(d.status),
        posts: figures.posts,
        days_to_first_post: figures.days_to_first_post,
        done_not_informed: figures.done_not_informed,
        result_html: d
            .result
            .as_deref()
            .map(|r| super::markdown::to_html(r, unsafe_html, base)),
        timeline,
    }
}

/// One way of filtering the list of decisions, with a page of its own.
#[derive(Debug, Serialize)]
pub struct Filter {
    pub group: &'static str,
    pub value: String,
    pub label: String,
    pub count: usize,
    /// The page's path under `decisions/`.
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct YearShare {
    #[serde(flatten)]
    pub counts: YearCounts,
    pub share_in_month: Option<i64>,
    pub share_by_now: Option<i64>,
}

/// The decisions overview: filters, counts per status and the per-year informing shares.
#[derive(Debug, Serialize)]
pub struct DecisionsOverview {
    pub filters: Vec<Filter>,
    pub statuses: Vec<Filter>,
    pub years: Vec<YearShare>,
    pub chart: String,
    pub done_not_informed: usize,
}

/// Every filter page: (path, heading, the decisions on it).
pub fn decision_filters(ds: &Dataset) -> Vec<(Filter, Vec<&Decision>)> {
    let mut out = Vec::new();
    let mut years: Vec<i32> = ds
        .decisions
        .iter()
        .map(|d| chrono::Datelike::year(&d.adopted))
        .collect();
    years.sort_unstable();
    years.dedup();
    for y in years.into_iter().rev() {
        let items: Vec<&Decision> = ds
            .decisions
            .iter()
            .filter(|d| chrono::Datelike::year(&d.adopted) == y)
            .collect();
        out.push((
            Filter {
                group: "year",
                value: y.to_string(),
                label: format!("{y} год"),
                count: items.len(),
                path: format!("year/{y}/"),
            },
            items,
        ));
    }
    for s in [
        DecisionStatus::Planned,
        DecisionStatus::InProgress,
        DecisionStatus::Done,
        DecisionStatus::Cancelled,
    ] {
        let items: Vec<&Decision> = ds.decisions.iter().filter(|d| d.status == s).collect();
        if !items.is_empty() {
            out.push((
                Filter {
                    group: "status",
                    value: s.key().into(),
                    label: format::capitalize(status_ru(s)),
                    count: items.len(),
                    path: format!("status/{}/", s.key()),
                },
                items,
            ));
        }
    }
    for k in [
        DecisionKind::Vote,
        DecisionKind::Survey,
        DecisionKind::Discussion,
    ] {
        let items: Vec<&Decision> = ds.decisions.iter().filter(|d| d.kind == k).collect();
        if !items.is_empty() {
            out.push((
                Filter {
                    group: "kind",
                    value: k.key().into(),
                    label: format::capitalize(kind_ru(k)),
                    count: items.len(),
                    path: format!("kind/{}/", k.key()),
                },
                items,
            ));
        }
    }
    out
}

/// The overview shown on every decisions page.
pub fn decisions_overview(ds: &Dataset, fig: &Figures, draw: charts::Draw) -> DecisionsOverview {
    let filters: Vec<Filter> = decision_filters(ds).into_iter().map(|(f, _)| f).collect();
    let statuses = fig
        .decisions
        .statuses
        .iter()
        .map(|&(s, n)| Filter {
            group: "status",
            value: s.key().into(),
            label: format::capitalize(status_ru(s)),
            count: n,
            path: format!("status/{}/", s.key()),
        })
        .collect();
    let years: Vec<YearShare> = fig
        .decisions
        .years
        .iter()
        .map(|&c| YearShare {
            counts: c,
            share_in_month: c.share_in_month().map(Share::tenths),
            share_by_now: c.share_by_now().map(Share::tenths),
        })
        .collect();
    let chart = draw.bar_chart(&BarChart {
        id: "decisions-informed".into(),
        title: "Доля решений через ПОС с информированием в соцсетях, по годам".into(),
        desc: years
            .iter()
            .map(|y| match y.share_in_month {
                Some(s) => format!(
                    "{}: {} ({} из {})",
                    y.counts.year,
                    format::percent(s),
                    y.counts.informed_in_month,
                    y.counts.adopted
                ),
                None => format!("{}: нет данных", y.counts.year),
            })
            .collect::<Vec<_>>()
            .join("; "),
        bars: years
            .iter()
            .map(|y| Bar {
                label: y.counts.year.to_string(),
                value: y.share_in_month.unwrap_or(0) as f64 / 10.0,
                value_label: y
                    .share_in_month
                    .map_or_else(|| "нет данных".into(), format::percent),
            })
            .collect(),
        horizontal: false,
        y_suffix: "%".into(),
    });
    DecisionsOverview {
        filters,
        statuses,
        years,
        chart,
        done_not_informed: fig.decisions.done_not_informed,
    }
}

/// A measure with its status on the as-of date.
#[derive(Debug, Serialize)]
pub struct MeasureCtx<'a> {
    #[serde(flatten)]
    pub measure: &'a crate::data::decision::Measure,
    pub status: MeasureStatus,
    pub status_ru: &'static str,
    /// Days past the deadline, for an overdue measure.
    pub days_overdue: Option<i64>,
    /// «выполнено с опозданием на 10 дней», for a measure done after its deadline.
    pub late_words: Option<String>,
}

pub fn measure_status_ru(s: MeasureStatus) -> &'static str {
    match s {
        MeasureStatus::Done => "выполнено",
        MeasureStatus::Cancelled => "отменено",
        MeasureStatus::Overdue => "просрочено",
        MeasureStatus::InProgress => "в работе",
    }
}

/// A road map as its list and page show it.
#[derive(Debug, Serialize)]
pub struct RoadmapCtx<'a> {
    #[serde(flatten)]
    pub roadmap: &'a Roadmap,
    pub progress: Progress,
    /// Measures not cancelled: the "of" in "done 3 of 5".
    pub progress_active: usize,
    pub progress_share: Option<i64>,
    pub measures: Vec<MeasureCtx<'a>>,
    pub theme_slug: Option<String>,
    pub before_after: Option<BeforeAfter>,
    /// The same in words, for the page and the chart's description.
    pub before_after_words: Option<String>,
    pub chart_before_after: Option<String>,
    pub chart_timeline: Option<String>,
    pub series: Vec<(Period, Option<u64>)>,
    /// Its progress in words ([`super::words::roadmap_lead`]).
    pub lead: String,
    /// The theme's table: every calendar month of `series`, a month without a report marked.
    pub months: Vec<roadmap::ThemeMonth>,
}

/// The context of one road map.
pub fn roadmap<'a>(
    r: &'a Roadmap,
    fig: &Figures,
    with_charts: bool,
    slugs: &BTreeMap<String, String>,
    draw: charts::Draw,
) -> RoadmapCtx<'a> {
    let RoadmapFigures {
        progress,
        measures,
        series,
        months,
        before_after,
    } = fig.roadmap(r);
    let measures: Vec<MeasureCtx> = r
        .measures
        .iter()
        .zip(measures)
        .map(|(m, f)| MeasureCtx {
            measure: m,
            status: f.status,
            status_ru: measure_status_ru(f.status),
            days_overdue: f.days_overdue,
            late_words: f.days_late.map(super::words::done_late),
        })
        .collect();
    let before_after_words = before_after
        .as_ref()
        .and_then(|ba| before_after_words(ba, r.theme.as_deref().unwrap_or_default()));
    let chart_before_after = (with_charts && series.iter().any(|(_, v)| v.is_some()))
        .then(|| chart_before_after(r, &months, before_after_words.as_deref(), draw));
    let chart_timeline = (with_charts && !r.measures.is_empty()).then(|| {
        chart_timeline(r, &measures, progress, fig.as_of.date, |c| {
            draw.timeline_chart(c)
        })
    });
    RoadmapCtx {
        roadmap: r,
        lead: super::words::roadmap_lead(&progress),
        progress,
        progress_active: progress.active(),
        progress_share: progress.share().map(Share::tenths),
        measures,
        theme_slug: r.theme.as_ref().and_then(|t| slugs.get(t).cloned()),
        before_after,
        before_after_words,
        chart_before_after,
        chart_timeline,
        months,
        series,
    }
}

/// Complaints on the road map's theme by month, with its approval and milestones marked.
fn chart_before_after(
    r: &Roadmap,
    months: &[roadmap::ThemeMonth],
    words: Option<&str>,
    draw: charts::Draw,
) -> String {
    let theme = r.theme.as_deref().unwrap_or_default();
    // Every calendar month: a month without a report is a gap, not a month the line skips.
    let series: &Vec<(Period, Option<u64>)> =
        &months.iter().map(|m| (m.period, m.received)).collect();
    draw.line_chart(&LineChart {
        id: format!("before-after-{}", r.id),
        title: format!("Обращения по теме «{theme}» по месяцам"),
        desc: format!(
            "Обращения по теме «{theme}» за каждый месяц; дорожная карта утверждена {} {}",
            format::date(r.approved),
            words.unwrap_or_default()
        ),
        x_labels: series
            .iter()
            .map(|(p, _)| format::month_short(p.year, p.month))
            .collect(),
        series: vec![Series {
            name: format!("«{theme}»"),
            values: series.iter().map(|(_, v)| v.map(|v| v as f64)).collect(),
        }],
        plan: None,
        y_suffix: String::new(),
        y_max: None,
        events: roadmap_events(r, series),
        missing: months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.missing.then_some(i))
            .collect(),
    })
}

/// The timeline of a road map's measures drawn once, for its embedded page
/// ([`charts::timeline_chart_one`]); `None` for a road map without measures.
pub fn timeline_one(ctx: &RoadmapCtx, as_of: NaiveDate, draw: charts::Draw) -> Option<String> {
    let r = ctx.roadmap;
    (!r.measures.is_empty()).then(|| {
        chart_timeline(r, &ctx.measures, ctx.progress, as_of, |c| {
            draw.timeline_chart_one(c)
        })
    })
}

/// The measures as bars from approval to deadline, coloured by status on the as-of date, drawn
/// by `draw`.
fn chart_timeline(
    r: &Roadmap,
    measures: &[MeasureCtx],
    progress: Progress,
    as_of: NaiveDate,
    draw: impl FnOnce(&TimelineChart) -> String,
) -> String {
    draw(&TimelineChart {
        id: format!("timeline-{}", r.id),
        title: format!("Мероприятия дорожной карты «{}» и их сроки", r.title),
        desc: format!(
            "{} {}: выполнено {}, в работе {}, просрочено {}, отменено {}.",
            progress.total,
            format::plural(
                progress.total as u64,
                "мероприятие",
                "мероприятия",
                "мероприятий"
            ),
            progress.done,
            progress.in_progress,
            progress.overdue,
            progress.cancelled
        ),
        rows: measures
            .iter()
            .map(|m| TimelineRow {
                label: m.measure.title.clone(),
                start: r.approved,
                due: m.measure.due,
                done: m.measure.done,
                status: match m.status {
                    MeasureStatus::Done => TimelineStatus::Done,
                    MeasureStatus::InProgress => TimelineStatus::InProgress,
                    MeasureStatus::Overdue => TimelineStatus::Overdue,
                    MeasureStatus::Cancelled => TimelineStatus::Cancelled,
                },
                // Short enough for the chart's label column at 360 px; the table has the days.
                status_label: if m.late_words.is_some() {
                    "с опозданием".to_string()
                } else {
                    m.status_ru.to_string()
                },
            })
            .collect(),
        today: as_of,
    })
}

/// The approval and each measure done, marked on the month series of the theme.
fn roadmap_events(r: &Roadmap, series: &[(Period, Option<u64>)]) -> Vec<Event> {
    let at = |date: NaiveDate| series.iter().position(|(p, _)| *p == Period::of_date(date));
    let mut events: Vec<Event> = at(r.approved)
        .map(|i| Event {
            at: i,
            label: "утверждена".into(),
        })
        .into_iter()
        .collect();
    for (n, m) in r.measures.iter().enumerate() {
        if let Some(i) = m.done.and_then(at) {
            events.push(Event {
                at: i,
                label: format!("мера {}", n + 1),
            });
        }
    }
    events
}

fn before_after_words(ba: &BeforeAfter, theme: &str) -> Option<String> {
    let avg = |t: i64| format::tenths(t);
    let range = |a: &roadmap::Average| {
        format!(
            "{} — {}",
            format::month(a.first.year, a.first.month),
            format::month(a.last.year, a.last.month)
        )
    };
    match (ba.before, ba.after) {
        (Some(b), Some(a)) => Some(format!(
            "Обращений по теме «{theme}» в среднем за месяц: {} за полгода до утверждения ({}) и {} за последние полгода ({}){}.",
            avg(b.tenths),
            range(&b),
            avg(a.tenths),
            range(&a),
            ba.change_percent.map_or(String::new(), |c| format!(
                " — {} на {}",
                if c < 0 {
                    "меньше"
                } else {
                    "больше"
                },
                format::percent(c.abs())
            ))
        )),
        (Some(b), None) => Some(format!(
            "Обращений по теме «{theme}» в среднем за месяц: {} за полгода до утверждения ({}); отчётов после утверждения ещё нет.",
            avg(b.tenths),
            range(&b)
        )),
        (None, Some(a)) => Some(format!(
            "Отчётов до утверждения нет; после него обращений по теме «{theme}» в среднем за месяц: {} ({}).",
            avg(a.tenths),
            range(&a)
        )),
        (None, None) => None,
    }
}

/// A theme over time.
#[derive(Debug, Serialize)]
pub struct ThemeCtx {
    pub name: String,
    pub slug: String,
    pub latest: Option<u64>,
    pub rows: Vec<ThemeMonth>,
    pub chart: String,
    pub roadmaps: Vec<(String, String)>,
    pub block: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ThemeMonth {
    pub period: Period,
    pub received: Option<u64>,
    pub repeated: Option<u64>,
    pub overdue: Option<u64>,
    pub postponed: Option<u64>,
    pub solved: Option<u64>,
    pub solved_share: Option<i64>,
}

/// Every theme named in any report, with a unique URL slug (`ЖКХ` → `zhkkh`; a second theme
/// with the same transliteration gets `-2`).
pub fn theme_slugs(ds: &Dataset) -> BTreeMap<String, String> {
    let names: Vec<&str> = ds
        .reports
        .iter()
        .flat_map(|r| r.themes.iter().map(|t| t.theme.as_str()))
        .collect();
    unique_slugs(names)
}

/// A slug for each name ([`format::slug`]), the second of two alike getting `-2`, and so on.
pub fn unique_slugs(mut names: Vec<&str>) -> BTreeMap<String, String> {
    names.sort_unstable();
    names.dedup();
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    names
        .into_iter()
        .map(|name| {
            let base = format::slug(name);
            let n = taken.entry(base.clone()).or_insert(0);
            *n += 1;
            (
                name.to_string(),
                if *n == 1 { base } else { format!("{base}-{n}") },
            )
        })
        .collect()
}

/// Every theme over time, in alphabetical order.
pub fn themes(
    ds: &Dataset,
    fig: &Figures,
    slugs: &BTreeMap<String, String>,
    draw: charts::Draw,
) -> Vec<ThemeCtx> {
    slugs
        .iter()
        .map(|(name, slug)| {
            let (name, slug) = (name.as_str(), slug.clone());
            let rows: Vec<ThemeMonth> = fig
                .details
                .iter()
                .map(|m| {
                    let t = m.themes.iter().find(|t| t.theme == name);
                    ThemeMonth {
                        period: m.period,
                        received: t.map(|t| t.received),
                        repeated: t.and_then(|t| t.repeated),
                        overdue: t.and_then(|t| t.overdue),
                        postponed: t.and_then(|t| t.postponed),
                        solved: t.and_then(|t| t.solved),
                        solved_share: t.and_then(|t| t.solved_share).map(Share::tenths),
                    }
                })
                .collect();
            let chart = draw.line_chart(&LineChart {
                id: format!("theme-{slug}"),
                title: format!("Обращения по теме «{name}»"),
                desc: format!(
                    "Поступило обращений по теме «{name}» по месяцам; в последнем месяце — {}.",
                    rows.last()
                        .and_then(|r| r.received)
                        .map_or_else(|| "нет данных".to_string(), |v| format::int(v as i64))
                ),
                x_labels: rows
                    .iter()
                    .map(|r| format::month_short(r.period.year, r.period.month))
                    .collect(),
                series: vec![
                    Series {
                        name: "поступило".into(),
                        values: rows.iter().map(|r| r.received.map(|v| v as f64)).collect(),
                    },
                    Series {
                        name: "повторных".into(),
                        values: rows.iter().map(|r| r.repeated.map(|v| v as f64)).collect(),
                    },
                ],
                plan: None,
                y_suffix: String::new(),
                y_max: None,
                events: Vec::new(),
                missing: Vec::new(),
            });
            let roadmaps = ds
                .roadmaps
                .iter()
                .filter(|r| r.theme.as_deref() == Some(name))
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect();
            let block = ds.structure.as_ref().and_then(|s| {
                s.blocks
                    .iter()
                    .find(|b| b.themes.iter().any(|t| t == name))
                    .map(|b| b.name.clone())
            });
            ThemeCtx {
                name: name.to_string(),
                slug,
                latest: rows.last().and_then(|r| r.received),
                rows,
                chart,
                roadmaps,
                block,
            }
        })
        .collect()
}
