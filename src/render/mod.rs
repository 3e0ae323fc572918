//! Rendering: the dataset and its figures become pages, in memory, as `path → bytes`.
//!
//! Tera templates come from the theme ([`theme`]); contexts from [`context`]; numbers and dates
//! are printed by the filters in [`filters`]; every printed value is escaped by [`escape`], and
//! templates mark as `| safe` only HTML that Vitrina made itself. Nothing here touches the disk
//! except reading a site's theme overrides: writing is [`crate::write`]'s job.

pub mod civic;
pub mod clarifications;
pub mod context;
pub mod embed;
pub use crate::escape;
pub mod filters;
pub mod origin;
pub mod region;
pub mod search;
pub mod theme;
/// Markdown and the sentences about the figures sit below both the pages and the feed
/// ([`crate::markdown`], [`crate::words`]); their old paths still lead there.
pub use crate::{markdown, words};

use crate::charts;
use crate::data::Dataset;
use crate::data::content::Page;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::domain::{INDICATORS, TARGETS};
use crate::emit::Emitter;
use crate::metrics::Figures;
use crate::page_cache as cache;
use crate::routes::{self, Card, Route};
use crate::t;
use serde::Serialize;
use tera::{Context, Tera};

/// A link in the main menu.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
}

/// What every page shares.
#[derive(Debug, Serialize)]
struct Common<'a> {
    site: &'a crate::data::site::Site,
    /// The path the site is served under, such as `/` or `/mcu/`.
    base: String,
    /// The path the theme's static files and `/favicon.ico` are served under: the site's own
    /// base, or inside a region the region's, which publishes them once for every municipality.
    assets: String,
    as_of: chrono::NaiveDate,
    menu: Vec<MenuItem>,
    latest_period: crate::period::Period,
    years: Vec<i32>,
    /// Whether the site publishes answers to information risks: the menu links them then.
    has_clarifications: bool,
    /// The signature block of the printed forms ([`words::signature`]).
    signature: words::Signature,
}

/// A municipality's site rendered inside a region's: the region's bar on every page, and the
/// share cards drawn gathered for the region to prune the cache once.
pub struct InRegion<'a> {
    pub bar: &'a RegionBar,
    /// The region's theme and its templates, compiled once for every municipality: a
    /// municipality's own `theme:` is for its site built alone.
    pub theme: &'a theme::Theme,
    pub tera: &'a Tera,
    /// The keys of the share cards drawn ([`charts::card_key`]).
    pub cards: &'a std::sync::Mutex<Vec<u64>>,
}

/// What `base.html` shows of the region on a municipality's pages.
#[derive(Debug, Clone, Serialize)]
pub struct RegionBar {
    /// The region's site title.
    pub title: String,
    /// The region's base path (`/`).
    pub url: String,
}

/// Renders every page of the site, in the order a reader meets them: the home page, the
/// reports and their share cards, the indicators, decisions and road maps, search, the centre's
/// own pages, then the 404 and open-data pages and the theme's static files (but inside a region,
/// whose site publishes them). Inside a region's site when `region` is given (a municipality's
/// pages, with the region's bar).
pub fn render_in(
    opts: &crate::options::Options,
    ds: &Dataset,
    fig: &Figures,
    data_page: &crate::output::DataPage,
    emitter: &Emitter,
    d: &mut Diagnostics,
    region: Option<&InRegion>,
) -> Option<()> {
    let own;
    let (theme, tera) = match region {
        Some(r) => (r.theme, r.tera),
        None => {
            let theme = theme::load(&opts.root, &ds.site.theme, d);
            let tera = build_tera(&theme, d)?;
            own = (theme, tera);
            (&own.0, &own.1)
        }
    };
    check_page_templates(ds, tera, d);
    if d.has_errors() {
        return None;
    }
    let mut common = common_context(ds, fig)?;
    if let Some(r) = region {
        common.insert("region", r.bar);
        common.insert("assets", &r.bar.url);
    }
    let base = ds.site.base_url.path().to_string();
    let shared_key = opts.pages.as_ref().map(|_| shared_key(theme, &common));
    let draw = draw_for(opts.purpose);
    let mut r = Renderer {
        tera,
        common,
        out: emitter,
        cache: opts.pages.as_deref().zip(shared_key),
        diags: d,
        draw,
    };
    let slugs = civic::theme_slugs(ds);
    let months = month_contexts(ds, fig, &base, draw, &slugs);
    let home = context::home(fig, months.last()?, draw);
    home_page(&mut r, ds, fig, &home, &base, &slugs);
    if opts.purpose == crate::options::Purpose::Build {
        share_cards(&r, ds, fig, &home, &months, &opts.cards, region);
    }
    report_pages(&mut r, ds, fig, &months);
    indicator_pages(&mut r, ds, fig, &home);
    civic_pages(&mut r, ds, fig, &base, &slugs);
    clarification_pages(&mut r, ds, fig, &base, &slugs);
    search_pages(&mut r, ds, fig, &slugs);
    content_pages(&mut r, ds, &base);
    r.page(&Route::NotFound.file(), "404.html", |_| {});
    data_pages(&mut r, data_page);
    // Inside a region the region's site publishes the static files, once for all.
    if region.is_none() {
        for (path, bytes) in &theme.statics {
            r.out.put(format!("static/{path}"), bytes.clone());
        }
    }
    (!r.diags.has_errors()).then_some(())
}

/// Whether the pages draw their charts: `check` draws none (see [`charts::Draw`]).
fn draw_for(purpose: crate::options::Purpose) -> charts::Draw {
    match purpose {
        crate::options::Purpose::Build => charts::Draw::Charts,
        crate::options::Purpose::Check => charts::Draw::Nothing,
    }
}

/// Each month's page context, its themes linked to their civic pages by `slugs`. The month
/// pages and their share cards (a PNG each) are most of a small site's work: both are made on
/// every core.
fn month_contexts(
    ds: &Dataset,
    fig: &Figures,
    base: &str,
    draw: charts::Draw,
    slugs: &std::collections::BTreeMap<String, String>,
) -> Vec<context::MonthCtx> {
    use rayon::prelude::*;
    let month_ctx = |i: usize| {
        let mut ctx = context::month(fig, i, &ds.reports[i], ds.site.unsafe_html, base, draw);
        for t in &mut ctx.themes {
            t.slug = slugs.get(&t.theme).cloned();
        }
        ctx
    };
    (0..fig.monthly.len())
        .into_par_iter()
        .map(month_ctx)
        .collect()
}

/// `/data/`, with the Excel form's template, and the open-data pages of its sets.
fn data_pages(r: &mut Renderer, data_page: &crate::output::DataPage) {
    r.page(&Route::Data.file(), "data.html", |c| {
        c.insert("data", data_page);
        c.insert("xlsx_template", crate::output::XLSX_TEMPLATE)
    });
    opendata_pages(r, data_page);
}

/// What every page's context holds: the site, its base path, the as-of date, the menu, the
/// latest month and the years.
fn common_context(ds: &Dataset, fig: &Figures) -> Option<Context> {
    let common = Common {
        site: &ds.site,
        base: ds.site.base_url.path().to_string(),
        assets: ds.site.base_url.path().to_string(),
        as_of: fig.as_of.date,
        menu: menu(&ds.pages),
        latest_period: fig.monthly.last()?.period,
        years: fig.annual.iter().map(|a| a.year).collect(),
        has_clarifications: !ds.clarifications.is_empty(),
        signature: words::signature(&ds.site, ds.structure.as_ref()),
    };
    Context::from_serialize(&common).ok()
}

/// What every page shares, for the keys of the page cache ([`cache::site_key`]): the templates and
/// the common part of the context.
fn shared_key(theme: &theme::Theme, common: &Context) -> u64 {
    let common_json = serde_json::to_vec(&common.clone().into_json()).unwrap_or_default();
    cache::site_key(theme.sources(), &common_json)
}

/// `/`: the latest month, the year's targets, news, recent decisions and every road map.
fn home_page(
    r: &mut Renderer,
    ds: &Dataset,
    fig: &Figures,
    home: &context::HomeCtx<'_>,
    base: &str,
    slugs: &std::collections::BTreeMap<String, String>,
) {
    let news = news(&ds.pages);
    let decisions: Vec<_> = ds
        .decisions
        .iter()
        .take(3)
        .map(|d| civic::decision(d, fig, ds.site.unsafe_html, base))
        .collect();
    let roadmaps: Vec<_> = ds
        .roadmaps
        .iter()
        .map(|rm| civic::roadmap(rm, fig, false, slugs, r.draw))
        .collect();
    let topics = clarifications::topic_slugs(ds);
    let latest_clarifications: Vec<_> = ds
        .clarifications
        .iter()
        .take(3)
        .map(|c| clarifications::clarification(c, &topics, slugs, ds.site.unsafe_html, base))
        .collect();
    let clarifications_total = crate::metrics::clarifications::words(fig.clarifications.total);
    r.page(&Route::Home.file(), "index.html", |c| {
        c.insert("home", home);
        c.insert("news", &news);
        c.insert("decisions", &decisions);
        c.insert("roadmaps", &roadmaps);
        c.insert("clarifications", &latest_clarifications);
        c.insert("clarifications_total", &clarifications_total);
    });
}

/// How many of the latest months carry a card of their own: a year of posts. An older month is
/// rarely shared any more; its `og:image` is its year's card ([`card_of_month`]).
pub const OWN_CARD_MONTHS: usize = 12;

/// The share card a month's page shows: its own among the latest [`OWN_CARD_MONTHS`], else its
/// year's.
fn card_of_month(months: &[context::MonthCtx], i: usize) -> String {
    card_of_report(months[i].period, i, months.len())
}

/// The share card of the `i`-th of `reports` monthly reports (in order), for `period`: its own
/// among the latest [`OWN_CARD_MONTHS`], else its year's. `vitrina post` names the same card.
pub fn card_of_report(period: crate::period::Period, i: usize, reports: usize) -> String {
    if i + OWN_CARD_MONTHS >= reports {
        routes::card(Card::Month(period))
    } else {
        routes::card(Card::Year(period.year))
    }
}

/// The share cards, drawn on every core (or taken from the cache): the home page's, the latest
/// months' and every year's (README, «Карточки для соцсетей»); the cache then forgets the cards
/// the site no longer shows.
fn share_cards(
    r: &Renderer,
    ds: &Dataset,
    fig: &Figures,
    home: &context::HomeCtx<'_>,
    months: &[context::MonthCtx],
    cards: &charts::CardCache,
    region: Option<&InRegion>,
) {
    use rayon::prelude::*;
    let latest = months.len().saturating_sub(OWN_CARD_MONTHS);
    let list: Vec<(String, charts::Card)> =
        std::iter::once((routes::card(Card::Home), share_card(ds, fig, home.latest)))
            .chain(
                months[latest..]
                    .iter()
                    .map(|m| (routes::card(Card::Month(m.period)), share_card(ds, fig, m))),
            )
            .chain((fig.annual.iter()).map(|form| {
                (
                    routes::card(Card::Year(form.year)),
                    year_card(ds, fig, form),
                )
            }))
            .collect();
    let out = r.out;
    list.par_iter()
        .for_each(|(path, card)| out.put(path.clone(), cards.png(card)));
    match region {
        None => cards.keep_only(&list.iter().map(|(_, c)| c).collect::<Vec<_>>()),
        Some(r) => crate::sync::lock(r.cards).extend(list.iter().map(|(_, c)| charts::card_key(c))),
    }
}

/// A month in the list of reports: a link, or a placeholder saying there is no report.
#[derive(serde::Serialize)]
struct ListedMonth {
    period: String,
    missing: bool,
    /// «опубликован в срок», «опубликован на 7 дней позже срока» ([`words::lateness`]).
    lateness: Option<String>,
    late: bool,
}

/// `/reports/`: every monthly form, every annual form, and the list of both.
fn report_pages(r: &mut Renderer, ds: &Dataset, fig: &Figures, months: &[context::MonthCtx]) {
    let base = &ds.site.base_url;
    let whose = &ds.site.municipality;
    for (i, ctx) in months.iter().enumerate() {
        let note = clarifications::month_note(&fig.clarifications, ctx.period);
        let source = origin::of(ds, ds.reports[i].file);
        let route = Route::Month(ctx.period);
        let (year, month) = (ctx.period.year, ctx.period.month);
        let title = format!(
            "Отчёт МЦУ за {} г.: {whose}",
            crate::format::month(year, month)
        );
        let offer = embed::offer(base, &route, &title, embed::Kind::Month);
        r.page(&route.file(), "report_month.html", |c| {
            c.insert("report", ctx);
            c.insert("card", &card_of_month(months, i));
            c.insert("clarifications", &note);
            c.insert("source", &source);
            c.insert("embed_offer", &offer);
        });
        embed::page(r, base, &route, "embed_month.html", |c| {
            c.insert("report", ctx)
        });
    }
    for form in &fig.annual {
        let ctx = context::year(form, fig, r.draw);
        let route = Route::Year(form.year);
        let title = format!("Годовой отчёт МЦУ за {} год: {whose}", form.year);
        let offer = embed::offer(base, &route, &title, embed::Kind::Year);
        r.page(&route.file(), "report_year.html", |c| {
            c.insert("report", &ctx);
            c.insert("card", &routes::card(Card::Year(form.year)));
            c.insert("embed_offer", &offer);
        });
        embed::page(r, base, &route, "embed_year.html", |c| {
            c.insert("report", &ctx)
        });
    }
    // Each year's months, newest first, a month without a report among them as a placeholder.
    let months = fig.calendar_of(&fig.publications);
    let list: Vec<_> = fig
        .annual
        .iter()
        .rev()
        .map(|a| {
            (
                a.year,
                months
                    .iter()
                    .rev()
                    .filter(|m| m.period().year == a.year)
                    .map(|m| ListedMonth {
                        period: m.period().to_string(),
                        missing: m.is_missing(),
                        lateness: m.reported().map(words::lateness),
                        late: m.reported().is_some_and(|p| p.late()),
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    r.page(&Route::Reports.file(), "reports.html", |c| {
        c.insert("years", &list)
    });
}

/// `/indicators/`: a page for each of the 28 indicators and the 7 targets, their embedded
/// versions, and their list.
fn indicator_pages(r: &mut Renderer, ds: &Dataset, fig: &Figures, home: &context::HomeCtx<'_>) {
    let base = &ds.site.base_url;
    let whose = &ds.site.municipality;
    for def in &INDICATORS {
        let ctx = context::indicator(def, fig, r.draw);
        let route = Route::Indicator(def.id);
        let kind = embed::Kind::History {
            rows: ctx.rows.len(),
            years: 0,
        };
        let offer = embed::offer(base, &route, &format!("{}: {whose}", def.short), kind);
        r.page(&route.file(), "indicator.html", |c| {
            c.insert("indicator", &ctx);
            c.insert("embed_offer", &offer);
        });
        let draw = r.draw;
        let one = context::indicator_drawn(def, fig, |c| draw.line_chart_one(c));
        embed::page(r, base, &route, "embed_indicator.html", |c| {
            c.insert("indicator", &one)
        });
    }
    for def in &TARGETS {
        let ctx = context::target(def, fig, r.draw);
        let route = Route::Indicator(def.key);
        let kind = embed::Kind::History {
            rows: ctx.rows.len(),
            years: ctx.years.len(),
        };
        let offer = embed::offer(base, &route, &format!("{}: {whose}", def.short), kind);
        r.page(&route.file(), "target.html", |c| {
            c.insert("target", &ctx);
            c.insert("embed_offer", &offer);
        });
        let draw = r.draw;
        let one = context::target_drawn(def, fig, |c| draw.line_chart_one(c));
        embed::page(r, base, &route, "embed_target.html", |c| {
            c.insert("target", &one)
        });
    }
    r.page(&Route::Indicators.file(), "indicators.html", |c| {
        c.insert("indicators", &home.latest.rows);
        c.insert("targets", &home.latest.targets);
    });
}

/// `/search/`: the index for the script, and the page that lists every document without it.
fn search_pages(
    r: &mut Renderer,
    ds: &Dataset,
    fig: &Figures,
    slugs: &std::collections::BTreeMap<String, String>,
) {
    let docs = search::docs(ds, fig, slugs);
    match serde_json::to_vec(&search::index(&docs)) {
        Ok(json) => r.out.put(crate::routes::SEARCH_INDEX.into(), json),
        Err(e) => r.diags.push(Diagnostic::error(
            codes::RENDER,
            t!(
                "не удалось записать поисковый индекс: {e}",
                "the search index could not be written: {e}"
            ),
        )),
    }
    let mut groups: Vec<(&str, Vec<&search::Doc>)> = Vec::new();
    for doc in &docs {
        match groups.iter_mut().find(|(k, _)| *k == doc.kind) {
            Some((_, list)) => list.push(doc),
            None => groups.push((doc.kind, vec![doc])),
        }
    }
    r.page(&Route::Search.file(), "search.html", |c| {
        c.insert("groups", &groups)
    });
}

/// The centre's own Markdown pages. They are most of a large site: rendered on every core, each
/// written out (or kept) as soon as it is made, and taken from the page cache when neither their
/// Markdown nor their front matter nor anything all pages share has changed.
fn content_pages(r: &mut Renderer, ds: &Dataset, base: &str) {
    use rayon::prelude::*;
    let failures: Vec<Box<Diagnostic>> = {
        let r = &*r;
        ds.pages
            .par_iter()
            .filter(|p| !p.draft)
            .filter_map(|page| {
                let template = page.template.as_deref().unwrap_or("page.html");
                let path = Route::Content(&page.url).file();
                let key = r.cache.and_then(|_| {
                    let front = serde_json::to_vec(page).unwrap_or_default();
                    r.source_key(template, &[path.as_bytes(), &front, page.body.as_bytes()])
                });
                if r.emit_cached(&path, key) {
                    return None;
                }
                let html = markdown::to_html(&page.body, ds.site.unsafe_html, base);
                let rendered = r.emit_keyed(&path, template, key, |c| {
                    c.insert("page", page);
                    c.insert("content", &html);
                });
                rendered.err()
            })
            .collect()
    };
    for f in failures {
        r.diags.push(*f);
    }
}

/// The share card of a month: the total received, the ПОС share and the fast-track share.
fn share_card(ds: &Dataset, fig: &Figures, month: &context::MonthCtx) -> charts::Card {
    use crate::format;
    let pos = month
        .channels
        .iter()
        .find(|c| c.key == crate::domain::Channel::Pos.key());
    let fast_track = month
        .targets
        .iter()
        .find(|t| t.key == crate::domain::TargetId::FastTrack.def().key)
        .and_then(|t| t.month.as_ref());
    let host = crate::data::http_url::readable(ds.site.base_url.as_str());
    charts::Card {
        municipality: ds.site.municipality.clone(),
        title: format!(
            "Отчёт МЦУ за {} г.",
            format::month(month.period.year, month.period.month)
        ),
        figures: vec![
            (
                format::int(month.total as i64),
                format!("{} поступило", words::appeals_noun(month.total)),
            ),
            (
                pos.and_then(|c| c.share)
                    .map_or_else(|| "—".into(), format::percent),
                "через Платформу обратной связи".into(),
            ),
            (
                fast_track.map_or_else(|| "—".into(), |s| format::percent(s.tenths)),
                "обработано по фаст-треку".into(),
            ),
        ],
        footer: format!("Данные на {} · {host}", format::date(fig.as_of.date)),
    }
}

/// The share card of a year: the appeals received, the fast-track share and the targets met,
/// all from the year's annual form and its latest month.
fn year_card(ds: &Dataset, fig: &Figures, form: &crate::metrics::AnnualForm) -> charts::Card {
    use crate::format;
    let last = fig.monthly.iter().find(|m| m.period == form.last);
    let received: u64 = last.map_or(0, |m| {
        m.rows
            .iter()
            .filter(|r| matches!(r.def.source, crate::domain::Source::Received(_)))
            .map(|r| r.ytd)
            .sum()
    });
    let so_far = if form.complete() {
        "за год"
    } else {
        "с\u{a0}начала года"
    };
    let fast_track = form
        .row(crate::domain::TargetId::FastTrack)
        .and_then(|r| r.achieved);
    let planned: Vec<_> = form.rows.iter().filter(|r| r.plan.is_some()).collect();
    let met = planned
        .iter()
        .filter(|r| r.deviation.is_some_and(|d| d >= 0))
        .count();
    let mut figures = vec![
        (
            format::int(received as i64),
            format!("{} {so_far}", words::appeals_noun(received)),
        ),
        (
            fast_track.map_or_else(|| "—".into(), |s| format::percent(s.tenths())),
            "обработано по фаст-треку".into(),
        ),
    ];
    if !planned.is_empty() {
        figures.push((
            format!(
                "{} из {}",
                format::int(met as i64),
                format::int(planned.len() as i64)
            ),
            format!(
                "{} {}",
                format::plural(
                    planned.len() as u64,
                    "целевого показателя",
                    "целевых показателей",
                    "целевых показателей"
                ),
                if form.complete() {
                    "выполнено"
                } else {
                    "выполняется"
                }
            ),
        ));
    }
    let host = crate::data::http_url::readable(ds.site.base_url.as_str());
    charts::Card {
        municipality: ds.site.municipality.clone(),
        title: format!("Годовой отчёт МЦУ за {} год", form.year),
        figures,
        footer: format!("Данные на {} · {host}", format::date(fig.as_of.date)),
    }
}

/// Decisions, road maps, themes, the structure and the openness page.
fn civic_pages(
    r: &mut Renderer,
    ds: &Dataset,
    fig: &Figures,
    base: &str,
    slugs: &std::collections::BTreeMap<String, String>,
) {
    decision_pages(r, ds, fig, base);
    roadmap_pages(r, ds, fig, slugs);
    theme_pages(r, ds, fig, slugs);
    r.page(&Route::Structure.file(), "structure.html", |c| {
        c.insert("structure", &ds.structure)
    });
    r.page(&Route::Openness.file(), "openness.html", |_| {});
}

/// `/decisions/`: the decisions adopted with residents, the filter pages and a page each.
fn decision_pages(r: &mut Renderer, ds: &Dataset, fig: &Figures, base: &str) {
    let overview = civic::decisions_overview(ds, fig, r.draw);
    let all: Vec<_> = ds
        .decisions
        .iter()
        .map(|d| civic::decision(d, fig, ds.site.unsafe_html, base))
        .collect();
    r.page(&Route::Decisions.file(), "decisions.html", |c| {
        c.insert("overview", &overview);
        c.insert("decisions", &all);
        c.insert("filter", &None::<civic::Filter>);
    });
    for (filter, items) in civic::decision_filters(ds) {
        let items: Vec<_> = items
            .into_iter()
            .map(|d| civic::decision(d, fig, ds.site.unsafe_html, base))
            .collect();
        r.page(
            &Route::DecisionsOf(&filter.path).file(),
            "decisions.html",
            |c| {
                c.insert("overview", &overview);
                c.insert("decisions", &items);
                c.insert("filter", &Some(&filter));
            },
        );
    }
    for (d, data) in all.iter().zip(&ds.decisions) {
        let source = origin::of(ds, data.id_span.file);
        r.page(
            &Route::Decision(&d.decision.id).file(),
            "decision.html",
            |c| {
                c.insert("decision", d);
                c.insert("source", &source);
            },
        );
    }
}

/// `/roadmaps/`, and a page each with its embeddable timeline.
fn roadmap_pages(
    r: &mut Renderer,
    ds: &Dataset,
    fig: &Figures,
    slugs: &std::collections::BTreeMap<String, String>,
) {
    let roadmaps: Vec<_> = ds
        .roadmaps
        .iter()
        .map(|rm| civic::roadmap(rm, fig, true, slugs, r.draw))
        .collect();
    r.page(&Route::Roadmaps.file(), "roadmaps.html", |c| {
        c.insert("roadmaps", &roadmaps)
    });
    for (rm, data) in roadmaps.iter().zip(&ds.roadmaps) {
        let source = origin::of(ds, data.id_span.file);
        let route = Route::Roadmap(&rm.roadmap.id);
        let title = format!(
            "Дорожная карта «{}»: {}",
            rm.roadmap.title, ds.site.municipality
        );
        let kind = embed::Kind::Roadmap {
            measures: rm.measures.len(),
        };
        let offer = embed::offer(&ds.site.base_url, &route, &title, kind);
        r.page(&route.file(), "roadmap.html", |c| {
            c.insert("roadmap", rm);
            c.insert("source", &source);
            c.insert("embed_offer", &offer);
        });
        let chart = civic::timeline_one(rm, fig.as_of.date, r.draw);
        embed::page(r, &ds.site.base_url, &route, "embed_roadmap.html", |c| {
            c.insert("roadmap", rm);
            c.insert("chart", &chart);
        });
    }
}

/// `/themes/`, and a page each.
fn theme_pages(
    r: &mut Renderer,
    ds: &Dataset,
    fig: &Figures,
    slugs: &std::collections::BTreeMap<String, String>,
) {
    let themes = civic::themes(ds, fig, slugs, r.draw);
    r.page(&Route::Themes.file(), "themes.html", |c| {
        c.insert("themes", &themes)
    });
    for t in &themes {
        r.page(&Route::Theme(&t.slug).file(), "theme.html", |c| {
            c.insert("theme", t)
        });
    }
}

/// `/clarifications/`: the answers to information risks, newest first, the static filter pages
/// by year and by topic, and a page each. Nothing on a site that has none.
fn clarification_pages(
    r: &mut Renderer,
    ds: &Dataset,
    fig: &Figures,
    base: &str,
    themes: &std::collections::BTreeMap<String, String>,
) {
    if ds.clarifications.is_empty() {
        return;
    }
    let topics = clarifications::topic_slugs(ds);
    let ctx = |c| clarifications::clarification(c, &topics, themes, ds.site.unsafe_html, base);
    let overview = clarifications::overview(&fig.clarifications, &topics);
    let all: Vec<_> = ds.clarifications.iter().map(ctx).collect();
    r.page(&Route::Clarifications.file(), "clarifications.html", |c| {
        c.insert("overview", &overview);
        c.insert("clarifications", &all);
        c.insert("filter", &None::<clarifications::Filter>);
    });
    for filter in overview.years.iter().chain(&overview.topics) {
        let items: Vec<_> = clarifications::filtered(ds, filter)
            .into_iter()
            .map(ctx)
            .collect();
        r.page(
            &Route::ClarificationsOf(&filter.path).file(),
            "clarifications.html",
            |c| {
                c.insert("overview", &overview);
                c.insert("clarifications", &items);
                c.insert("filter", &Some(filter));
            },
        );
    }
    for (c, data) in all.iter().zip(&ds.clarifications) {
        let source = origin::of(ds, data.id_span.file);
        r.page(
            &Route::Clarification(&c.clarification.id).file(),
            "clarification.html",
            |x| {
                x.insert("clarification", c);
                x.insert("source", &source);
            },
        );
    }
}

/// `/opendata/`: the registry of the data sets, and a passport page for each in its folder
/// beside `meta.csv` (`/opendata/mcu-indicators/`).
fn opendata_pages(r: &mut Renderer, data_page: &crate::output::DataPage) {
    r.page(&Route::OpenData.file(), "opendata.html", |c| {
        c.insert("data", data_page)
    });
    for set in &data_page.sets {
        r.page(&Route::Passport(&set.page).file(), "passport.html", |c| {
            c.insert("set", set);
            c.insert("modified", &data_page.modified)
        });
    }
}

struct Renderer<'a> {
    tera: &'a Tera,
    common: Context,
    out: &'a Emitter<'a>,
    /// The pages of the last build (serve), with the key of what all pages share.
    cache: Option<(&'a cache::PageCache, u64)>,
    diags: &'a mut Diagnostics,
    /// Whether the charts are drawn (not in `check`).
    draw: charts::Draw,
}

impl Renderer<'_> {
    /// Renders one page into `path`, reporting a template error with the page it was for.
    fn page(&mut self, path: &str, template: &str, fill: impl FnOnce(&mut Context)) {
        if let Err(d) = self.emit(path, template, fill) {
            self.diags.push(*d);
        }
    }

    /// The key of a page whose context is made from `source` (its Markdown and front matter):
    /// known before the costly part, the Markdown, is done. `None` without a cache.
    fn source_key(&self, template: &str, source: &[&[u8]]) -> Option<u64> {
        Some(cache::page_key(self.cache?.1, template, source))
    }

    /// Hands the cached page at `path` to the emitter when the cache holds it for `key`.
    fn emit_cached(&self, path: &str, key: Option<u64>) -> bool {
        let (Some((cache, _)), Some(key)) = (self.cache, key) else {
            return false;
        };
        match cache.get(path, key) {
            Some(bytes) => {
                self.out.put(path.to_string(), bytes);
                true
            }
            None => false,
        }
    }

    /// Renders one page and hands it to the emitter; callable from several threads.
    fn emit(
        &self,
        path: &str,
        template: &str,
        fill: impl FnOnce(&mut Context),
    ) -> Result<(), Box<Diagnostic>> {
        self.emit_keyed(path, template, None, fill)
    }

    /// [`Renderer::emit`] with the page's cache key given (see [`Renderer::source_key`]), or
    /// made from the page's whole context when `None`.
    fn emit_keyed(
        &self,
        path: &str,
        template: &str,
        key: Option<u64>,
        fill: impl FnOnce(&mut Context),
    ) -> Result<(), Box<Diagnostic>> {
        let mut ctx = self.common.clone();
        ctx.insert("path", &format!("/{}", crate::routes::path_of(path)));
        fill(&mut ctx);
        // Without a cache (build, check) no key is made: serialising every page's context
        // would cost as much as rendering it.
        let key = key.or_else(|| {
            self.cache?;
            let json = serde_json::to_vec(&ctx.clone().into_json()).ok()?;
            self.source_key(template, &[&json])
        });
        if self.emit_cached(path, key) {
            return Ok(());
        }
        match self.tera.render(template, &ctx) {
            Ok(html) => {
                if let (Some((cache, _)), Some(key)) = (self.cache, key) {
                    cache.put(path, key, html.as_bytes());
                }
                self.out.put_page(path.to_string(), html);
                Ok(())
            }
            Err(e) => Err(Box::new(
                Diagnostic::error(
                    codes::RENDER,
                    t!(
                        "не удалось собрать страницу {path} по шаблону {template}: {}",
                        "the page {path} could not be rendered with the template {template}: {}",
                        error_chain(&e)
                    ),
                )
                .in_path(format!("templates/{template}")),
            )),
        }
    }
}

/// Tera's error and its causes in one line: the cause names the variable or filter at fault.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

pub(crate) fn build_tera(theme: &theme::Theme, d: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape::html);
    filters::register(&mut tera);
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.source.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(templates) {
        let origin = theme
            .templates
            .iter()
            .find(|(n, _)| e.to_string().contains(n.as_str()))
            .map(|(_, t)| t.origin.clone());
        let mut diag = Diagnostic::error(
            codes::TEMPLATE,
            t!(
                "ошибка в шаблоне: {}",
                "a template does not compile: {}",
                error_chain(&e)
            ),
        );
        if let Some(o) = origin {
            diag = diag.in_path(o);
        }
        d.push(diag);
        return None;
    }
    Some(tera)
}

fn check_page_templates(ds: &Dataset, tera: &Tera, d: &mut Diagnostics) {
    let names: Vec<&str> = tera.get_template_names().collect();
    for p in &ds.pages {
        if let (Some(t), Some(span)) = (&p.template, p.template_span)
            && !names.contains(&t.as_str())
        {
            let mut sorted: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| !n.starts_with("macros"))
                .collect();
            sorted.sort_unstable();
            let list = sorted.join(", ");
            d.push(
                Diagnostic::error(
                    codes::TEMPLATE_MISSING,
                    t!("нет шаблона `{t}`", "there is no template `{t}`"),
                )
                .at(
                    span,
                    t!(
                        "такого шаблона нет в теме оформления",
                        "no such template in the theme"
                    ),
                )
                .help(t!(
                    "укажите один из шаблонов темы оформления: {list}",
                    "the theme has: {list}"
                )),
            );
        }
    }
}

/// Pages with a `weight` go into the menu, lightest first.
fn menu(pages: &[Page]) -> Vec<MenuItem> {
    let mut items: Vec<&Page> = pages
        .iter()
        .filter(|p| !p.draft && p.weight.is_some())
        .collect();
    items.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
    items
        .into_iter()
        .map(|p| MenuItem {
            title: p.title.clone(),
            url: p.url.trim_start_matches('/').to_string(),
        })
        .collect()
}

/// Dated pages, newest first: the news on the home page.
fn news(pages: &[Page]) -> Vec<&Page> {
    let mut items: Vec<&Page> = pages
        .iter()
        .filter(|p| !p.draft && p.date.is_some())
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    items.truncate(5);
    items
}
