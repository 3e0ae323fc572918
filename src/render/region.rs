//! A region's own pages: `/` (the region's latest month), `/compare/` and one page per order
//! of the table (`/compare/by/<key>/`, sortable without a script), `/compare/<target>/` (the
//! ranking per target and the region's trend), the region's content pages, `/data/` and the 404
//! page. Figures come from [`crate::metrics::region`]; this only lays them out and draws the
//! charts.

use super::{Renderer, embed, markdown, menu, theme};
use crate::charts::{self, Bar, BarChart, LineChart, Series};
use crate::data::region::Region;
use crate::diag::Diagnostics;
use crate::domain::{Channel, TARGETS, TargetDef};
use crate::emit::Emitter;
use crate::metrics::calendar::{self, Month};
use crate::metrics::region::RegionFigures;
use crate::metrics::region::{self as rm, CompareRow, SortKey, TrendPoint};
use crate::routes::Route;
use serde::Serialize;
use tera::Context;

/// What every region page shares.
#[derive(Serialize)]
struct Common<'a> {
    site: &'a crate::data::site::Site,
    base: String,
    /// Where the static files are: the region's own base, as for any site.
    assets: String,
    as_of: chrono::NaiveDate,
    menu: Vec<super::MenuItem>,
    latest_period: crate::period::Period,
    years: Vec<i32>,
    region_site: bool,
    /// The year of the region's latest month: the year of "с начала года".
    year: i32,
}

/// A channel's total on `/`.
#[derive(Serialize)]
struct ChannelCtx {
    name: &'static str,
    value: u64,
}

/// A target on `/`: its tally and its page.
#[derive(Serialize)]
struct TallyCtx<'a> {
    tally: &'a rm::TargetTally,
    url: String,
}

/// An order of the table: its page, whether it is the current one.
#[derive(Serialize)]
struct OrderCtx<'a> {
    key: &'a SortKey,
    url: String,
    current: bool,
}

/// Renders the region's own pages into `emitter`.
pub fn render(
    region: &Region,
    rf: &RegionFigures,
    (theme, tera): (&theme::Theme, &tera::Tera),
    emitter: &Emitter,
    d: &mut Diagnostics,
) -> Option<()> {
    let base = region.site.base_url.path().to_string();
    let common = Common {
        site: &region.site,
        base: base.clone(),
        assets: base.clone(),
        as_of: rf.as_of,
        menu: menu(&region.pages),
        latest_period: rf.latest,
        years: Vec::new(),
        region_site: true,
        year: rf.latest.year,
    };
    let mut r = Renderer {
        tera,
        common: Context::from_serialize(&common).ok()?,
        out: emitter,
        cache: None,
        diags: d,
        // The region's own dozen charts are drawn even in `check`: too few to matter.
        draw: crate::charts::Draw::Charts,
    };
    home_page(&mut r, rf);
    compare_pages(&mut r, rf);
    target_pages(&mut r, region, rf);
    content_pages(&mut r, region, &base);
    data_pages(&mut r, region, rf);
    for (path, bytes) in &theme.statics {
        r.out.put(format!("static/{path}"), bytes.clone());
    }
    (!r.diags.has_errors()).then_some(())
}

/// The region's home page: its overview, channels, targets' tallies, trend and municipalities.
fn home_page(r: &mut Renderer, rf: &RegionFigures) {
    let o = &rf.overview;
    let channels: Vec<ChannelCtx> = Channel::ALL
        .iter()
        .zip(&o.channels)
        .map(|(c, (_, v))| ChannelCtx {
            name: c.name_ru(),
            value: *v,
        })
        .collect();
    let tallies: Vec<TallyCtx> = o
        .targets
        .iter()
        .map(|t| TallyCtx {
            tally: t,
            url: Route::CompareTarget(t.key).path(),
        })
        .collect();
    let trend_chart = trend_chart(rf);
    r.page(&Route::Home.file(), "region_home.html", |c| {
        c.insert("overview", o);
        c.insert("channels", &channels);
        c.insert("tallies", &tallies);
        c.insert("trend_chart", &trend_chart);
        c.insert("municipalities", &rm_links(&rf.rows));
    });
}

/// The comparison table, a page for each order it can be sorted in.
fn compare_pages(r: &mut Renderer, rf: &RegionFigures) {
    let keys = rm::sort_keys();
    for (i, key) in keys.iter().enumerate() {
        let Some(rows) = rm::sorted(&rf.rows, key.key) else {
            continue;
        };
        let path = order_page(i, key).file();
        let orders: Vec<OrderCtx> = keys
            .iter()
            .enumerate()
            .map(|(j, k)| OrderCtx {
                key: k,
                url: order_page(j, k).path(),
                current: i == j,
            })
            .collect();
        r.page(&path, "region_compare.html", |c| {
            c.insert("rows", &rows);
            c.insert("orders", &orders);
            c.insert("order", key);
            c.insert("targets", &target_heads());
            c.insert("period", &rf.latest);
        });
    }
}

/// A page per target ranking the municipalities, and its embeddable twin.
fn target_pages(r: &mut Renderer, region: &Region, rf: &RegionFigures) {
    let site_base = &region.site.base_url;
    for def in &TARGETS {
        let ranking = rm::ranking(&rf.rows, def);
        let chart = ranking_chart(def, &ranking, rf, charts::bar_chart_with_plan);
        let trend = target_trend_chart(def, rf);
        let route = Route::CompareTarget(def.key);
        let title = format!("{}: муниципалитеты, {}", def.short, region.site.region);
        let kind = embed::Kind::Ranking {
            municipalities: ranking.len(),
        };
        let offer = embed::offer(site_base, &route, &title, kind);
        let head = TargetHead::of(def);
        r.page(&route.file(), "region_target.html", |c| {
            c.insert("target", &head);
            c.insert("ranking", &ranking);
            c.insert("chart", &chart);
            c.insert("trend_chart", &trend);
            c.insert("period", &rf.latest);
            c.insert("embed_offer", &offer);
        });
        let one = ranking_chart(def, &ranking, rf, charts::bar_chart_with_plan_one);
        embed::page(r, site_base, &route, "embed_ranking.html", |c| {
            c.insert("target", &head);
            c.insert("ranking", &ranking);
            c.insert("chart", &one);
            c.insert("period", &rf.latest);
        });
    }
}

/// The region's own Markdown pages, and the page for a missing address.
fn content_pages(r: &mut Renderer, region: &Region, base: &str) {
    let unsafe_html = region.site.unsafe_html;
    for page in region.pages.iter().filter(|p| !p.draft) {
        let template = page.template.as_deref().unwrap_or("page.html");
        let path = Route::Content(&page.url).file();
        let html = markdown::to_html(&page.body, unsafe_html, base);
        r.page(&path, template, |c| {
            c.insert("page", page);
            c.insert("content", &html);
        });
    }
    r.page(&Route::NotFound.file(), "404.html", |_| {});
}

/// The region's open data: `/data/` and the open-data pages of its sets.
fn data_pages(r: &mut Renderer, region: &Region, rf: &RegionFigures) {
    let sets = crate::output::region::datasets(rf);
    let reg = crate::output::region::registry(region, rf);
    let data_page = crate::output::data_page(&sets, &reg, &crate::output::schema::REGION_KINDS);
    r.page(&Route::Data.file(), "data.html", |c| {
        c.insert("data", &data_page);
        c.insert("xlsx_template", &None::<String>);
    });
    super::opendata_pages(r, &data_page);
}

/// The page of the table in its `i`-th order: the first is `/compare/`.
fn order_page<'k>(i: usize, key: &'k SortKey) -> Route<'k> {
    match i {
        0 => Route::Compare,
        _ => Route::CompareBy(key.key),
    }
}

/// A municipality's link on `/`.
#[derive(Serialize)]
struct MunicipalityLink<'a> {
    id: &'a str,
    name: &'a str,
}

fn rm_links(rows: &[CompareRow]) -> Vec<MunicipalityLink<'_>> {
    let mut v: Vec<MunicipalityLink> = rows
        .iter()
        .map(|r| MunicipalityLink {
            id: &r.id,
            name: &r.name,
        })
        .collect();
    v.sort_by(|a, b| rm::name_order(a.name, b.name));
    v
}

/// A target's heading in the table and on its page.
#[derive(Serialize)]
struct TargetHead {
    key: &'static str,
    short: &'static str,
    name: &'static str,
    number: u8,
}

impl TargetHead {
    fn of(def: &TargetDef) -> TargetHead {
        TargetHead {
            key: def.key,
            short: def.short,
            name: def.name,
            number: def.number,
        }
    }
}

fn target_heads() -> Vec<TargetHead> {
    TARGETS.iter().map(TargetHead::of).collect()
}

fn pct(tenths: i64) -> String {
    crate::format::percent(tenths)
}

/// The ranking of the municipalities on one target, year to date, with the plan line where all
/// who have a plan share one, drawn by `draw` (both widths for the page, once for its embed).
fn ranking_chart(
    def: &TargetDef,
    ranking: &[rm::RankRow],
    rf: &RegionFigures,
    draw: fn(&BarChart, Option<f64>) -> String,
) -> String {
    let bars: Vec<Bar> = ranking
        .iter()
        .filter_map(|r| {
            let v = r.value?;
            Some(Bar {
                label: r.name.clone(),
                value: v as f64 / 10.0,
                value_label: pct(v),
            })
        })
        .collect();
    let plans: std::collections::BTreeSet<i64> = ranking.iter().filter_map(|r| r.plan).collect();
    let plan = (plans.len() == 1)
        .then(|| plans.iter().next().copied())
        .flatten();
    let best = ranking.first().filter(|r| r.value.is_some());
    let desc = match best {
        Some(b) => format!(
            "{}, с начала {} года, по муниципалитетам: выше всех — {} ({}){}.",
            def.short,
            rf.latest.year,
            b.name,
            b.value.map(pct).unwrap_or_default(),
            plan.map(|p| format!("; план — {}", pct(p)))
                .unwrap_or_default()
        ),
        None => format!("{}: нет данных ни по одному муниципалитету.", def.short),
    };
    draw(
        &BarChart {
            id: format!("rank-{}", def.key.replace('_', "-")),
            title: format!("{} по муниципалитетам", def.short),
            desc,
            bars,
            horizontal: true,
            y_suffix: "%".into(),
        },
        plan.map(|p| p as f64 / 10.0),
    )
}

/// The region's months from the first to the last any municipality reported, a month that
/// none reported kept in its place as missing (a gap on the charts, not a month the line skips).
fn trend_months(rf: &RegionFigures) -> Vec<Month<'_, TrendPoint>> {
    calendar::calendar(&rf.trend, |p| p.period)
}

fn x_labels(months: &[Month<'_, TrendPoint>]) -> Vec<String> {
    months
        .iter()
        .map(|m| {
            let p = m.period();
            crate::format::month_short(p.year, p.month)
        })
        .collect()
}

/// The region's received appeals, month by month.
fn trend_chart(rf: &RegionFigures) -> String {
    let last = rf.trend.last();
    let months = trend_months(rf);
    charts::line_chart(&LineChart {
        id: "region-trend".into(),
        title: "Поступило обращений по региону".into(),
        desc: match last {
            Some(p) => format!(
                "Обращения и сообщения, поступившие во все муниципалитеты региона, по месяцам; за {} г. — {}.",
                crate::format::month(p.period.year, p.period.month),
                crate::format::int(p.received as i64)
            ),
            None => "Нет данных.".into(),
        },
        x_labels: x_labels(&months),
        series: vec![Series {
            name: "Поступило".into(),
            values: months
                .iter()
                .map(|m| m.reported().map(|p| p.received as f64))
                .collect(),
        }],
        missing: calendar::missing_points(&months),
        plan: None,
        y_suffix: String::new(),
        y_max: None,
        events: Vec::new(),
    })
}

/// The region's value of one target, month by month.
fn target_trend_chart(def: &TargetDef, rf: &RegionFigures) -> String {
    let i = TARGETS.iter().position(|t| t.key == def.key).unwrap_or(0);
    let months = trend_months(rf);
    charts::line_chart(&LineChart {
        id: format!("trend-{}", def.key.replace('_', "-")),
        title: format!("{} по региону", def.short),
        desc: format!(
            "{} по сумме показателей всех отчитавшихся муниципалитетов региона, по месяцам.",
            def.short
        ),
        x_labels: x_labels(&months),
        series: vec![Series {
            name: "Регион".into(),
            values: months
                .iter()
                .map(|m| {
                    m.reported()
                        .and_then(|p| p.targets[i])
                        .map(|v| v as f64 / 10.0)
                })
                .collect(),
        }],
        missing: calendar::missing_points(&months),
        plan: None,
        y_suffix: "%".into(),
        y_max: Some(100.0),
        events: Vec::new(),
    })
}
