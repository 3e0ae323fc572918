//! The pass of a region's site ([`crate::data::region`]): the same stages as a single site's
//! ([`crate::site`]), each over every municipality at once.
//!
//! 1. **load** — the region's `site.yaml`, every municipality read and validated on its own
//!    thread by the single site's loader, the region's totals and content pages;
//! 2. **validate** — the rules across the region: a municipality behind the region's latest
//!    month, published totals that differ from the sum;
//! 3. **compute** — each municipality's figures (in parallel), then the region's
//!    ([`crate::metrics::region`]);
//! 4. **render** — each municipality's whole site under `/<id>/` (in parallel, into the one
//!    emitter, with the region's bar), then the region's pages;
//! 5. **output** — the region's open data and schemas, the sitemap;
//! 6. **links** — every local link of every page, municipalities' included.

use crate::data::region::{Municipality, Region};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::emit::{Emitter, Sink};
use crate::metrics::{self, Figures, region as rm};
use crate::options::{Options, Purpose};
use crate::site::Build;
use crate::source::Sources;
use crate::t;
use crate::{output, render};
use std::time::Instant;

/// One municipality with its figures.
pub struct Computed<'a> {
    pub m: &'a Municipality,
    pub fig: Figures,
}

/// Everything computed for a region's own pages.
pub struct RegionFigures {
    pub as_of: chrono::NaiveDate,
    pub latest: crate::period::Period,
    pub inputs: Vec<rm::Input>,
    pub rows: Vec<rm::CompareRow>,
    pub overview: rm::Overview,
    pub trend: Vec<rm::TrendPoint>,
}

/// Runs the region's pass into `sink`.
pub fn run(opts: &Options, sink: Sink) -> Build {
    let mut b = Build::default();
    let t = Instant::now();
    let region = load(opts, &mut b.sources, &mut b.diags);
    b.timings.push(("load", t.elapsed()));
    b.lang = opts
        .lang
        .or_else(|| crate::data::site::language_of(&b.sources))
        .unwrap_or_default();
    let Some(region) = region else {
        return b;
    };
    b.region_reports = region
        .municipalities
        .iter()
        .map(|m| m.ds.reports.len())
        .sum();
    if b.diags.has_errors() {
        return b;
    }
    let t = Instant::now();
    let computed = compute_municipalities(&region, opts, &b.sources, &mut b.diags);
    let Some(rf) = compute_region(&region, &computed) else {
        return b;
    };
    check_region(&region, &rf, &b.sources, &mut b.diags);
    b.timings.push(("compute", t.elapsed()));
    if b.diags.has_errors() {
        return b;
    }
    let t = Instant::now();
    let emitter = Emitter::new(sink, &render::base_path(&region.site.base_url));
    let rendered = render_all(
        opts,
        &region,
        &computed,
        &rf,
        &emitter,
        &b.sources,
        &mut b.diags,
    );
    b.timings.push(("render", t.elapsed()));
    if rendered.is_none() {
        return b;
    }
    let t = Instant::now();
    output::region::emit(&region, &rf, &emitter);
    b.timings.push(("output", t.elapsed()));
    let (emitted, out, failed) = emitter.finish();
    if let Some(e) = failed {
        b.diags.push(
            Diagnostic::error(e.code(), e.message())
                .in_path("--out")
                .help(e.help()),
        );
        return b;
    }
    let t = Instant::now();
    crate::site::check_page_links(&emitted, &region.pages, &b.sources, &mut b.diags);
    b.timings.push(("links", t.elapsed()));
    if !b.diags.has_errors() {
        b.output = out;
        b.emitted = Some(emitted);
    }
    b
}

/// Stage 1, with `--base-url` over the region's `base_url`, and every municipality put under
/// the region's address.
fn load(opts: &Options, sources: &mut Sources, d: &mut Diagnostics) -> Option<Region> {
    let mut region = crate::data::region::read(&opts.root, sources, d)?;
    if let Some(given) = opts.base_url.as_deref() {
        match crate::data::http_url::parse(given, crate::data::http_url::Use::Base) {
            Ok(url) => region.site.base_url = url,
            Err(refusal) => d.push(refusal.for_flag("--base-url")),
        }
    }
    for m in &mut region.municipalities {
        let url = format!("{}{}/", region.site.base_url, m.id);
        m.ds.set_base_url(url);
    }
    Some(region)
}

/// Each municipality's figures, and the warnings only they raise, on every core.
fn compute_municipalities<'r>(
    region: &'r Region,
    opts: &Options,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Vec<Computed<'r>> {
    use rayon::prelude::*;
    let done: Vec<(Option<Computed>, Diagnostics)> = region
        .municipalities
        .par_iter()
        .map(|m| {
            let mut diags = Diagnostics::new();
            let fig = crate::site::compute(&m.ds, opts, sources, &mut diags)
                .map(|fig| Computed { m, fig });
            (fig, diags)
        })
        .collect();
    let mut out = Vec::with_capacity(done.len());
    for (c, diags) in done {
        d.extend(diags);
        out.extend(c);
    }
    out
}

/// The region's figures over its municipalities, as of the latest date any of them records.
fn compute_region(region: &Region, computed: &[Computed]) -> Option<RegionFigures> {
    let as_of = computed.iter().map(|c| c.fig.as_of.date).max()?;
    let inputs: Vec<rm::Input> = computed.iter().map(|c| input(c.m, &c.fig, as_of)).collect();
    let latest = rm::latest_period(&inputs)?;
    let rows = rm::compare(&inputs, latest);
    let overview = rm::overview(&inputs, &rows, latest);
    let trend = rm::trend(&inputs);
    let _ = region;
    Some(RegionFigures {
        as_of,
        latest,
        inputs,
        rows,
        overview,
        trend,
    })
}

/// What the region's figures need of one municipality.
fn input(m: &Municipality, fig: &Figures, as_of: chrono::NaiveDate) -> rm::Input {
    let mut plans = std::collections::BTreeMap::new();
    for year in m.ds.targets.plans.keys() {
        let mut row = [None; 7];
        for (i, def) in crate::domain::TARGETS.iter().enumerate() {
            row[i] = m.ds.targets.plan(*year, def.id).map(|p| p.tenths);
        }
        plans.insert(*year, row);
    }
    let overdue = m
        .ds
        .roadmaps
        .iter()
        .flat_map(|r| &r.measures)
        .filter(|x| {
            metrics::roadmap::measure_status(x, as_of) == metrics::roadmap::MeasureStatus::Overdue
        })
        .count() as u64;
    rm::Input {
        id: m.id.clone(),
        name: m.ds.site.municipality.clone(),
        population: m.ds.site.population,
        months: fig.months.clone(),
        plans,
        overdue_measures: overdue,
    }
}

/// Stage 2 for the region: a municipality behind the region's latest month, and the region's
/// published totals against the sum of its municipalities.
fn check_region(region: &Region, rf: &RegionFigures, sources: &Sources, d: &mut Diagnostics) {
    let latest = rf.latest;
    for m in &region.municipalities {
        let Some(last) = m.ds.reports.last() else {
            continue;
        };
        if last.period >= latest {
            continue;
        }
        let (id, name, period) = (&m.id, &m.ds.site.municipality, last.period);
        let behind = latest.index() - period.index();
        let mw = crate::format::plural(behind.unsigned_abs(), "месяц", "месяца", "месяцев");
        d.push(
            Diagnostic::warning(
                codes::MUNICIPALITY_LAGGING,
                t!(
                    "муниципалитет `{id}` ({name}) отчитался по {period}, а последний месяц региона — {latest}: отставание {behind} {mw}",
                    "the municipality `{id}` ({name}) has reported up to {period}, and the region's latest month is {latest}"
                ),
            )
            .at(
                last.period_span,
                t!("последний отчёт муниципалитета", "the municipality's latest report"),
            )
            .help(t!(
                "добавьте отчёт за {latest} в {}/reports/; до тех пор регион показывает муниципалитет как не отчитавшийся",
                "add the report for {latest} to {}/reports/; until then the region shows the municipality as not reported",
                m.folder
            )),
        );
    }
    for r in &region.reports {
        let channels = r.channels.map(|c| c.map(|(v, _)| v));
        let (total, by_channel) =
            rm::total_differences(&rf.inputs, r.period, r.total.map(|(v, _)| v), channels);
        let period = r.period;
        if let (Some((given, sum)), Some((_, span))) = (total, r.total) {
            d.push(differs(
                span,
                t!(
                    "итог региона за {period} — {given}, а отчёты муниципалитетов в сумме дают {sum}",
                    "the region's total for {period} is {given}, and its municipalities' reports add up to {sum}"
                ),
            ));
        }
        for (c, given, sum) in by_channel {
            let Some((_, span)) = r.channels[c.index()] else {
                continue;
            };
            let key = c.key();
            d.push(differs(
                span,
                t!(
                    "итог региона за {period} по каналу `{key}` — {given}, а отчёты муниципалитетов в сумме дают {sum}",
                    "the region's total for {period} on channel `{key}` is {given}, and its municipalities' reports add up to {sum}"
                ),
            ));
        }
        let _ = sources;
    }
}

fn differs(span: crate::source::Span, message: crate::diag::Text) -> Diagnostic {
    Diagnostic::warning(codes::REGION_TOTAL_DIFFERS, message)
        .at(
            span,
            t!("итог, опубликованный регионом", "the total the region publishes"),
        )
        .help(t!(
            "сверьте итог с отчётами муниципалитетов: опечатка в итоге или отчёт муниципалитета не тот",
            "check the total against the municipalities' reports: a typo in the total, or a municipality's report is not the one sent"
        ))
}

/// Stage 4: every municipality's site under `/<id>/` on every core, then the region's pages.
fn render_all(
    opts: &Options,
    region: &Region,
    computed: &[Computed],
    rf: &RegionFigures,
    emitter: &Emitter,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Option<()> {
    use rayon::prelude::*;
    let bar = render::RegionBar {
        title: region.site.title.clone(),
        url: render::base_path(&region.site.base_url),
    };
    let cards = std::sync::Mutex::new(Vec::new());
    let theme = render::theme::load(&opts.root, &region.site.theme, d);
    let tera = render::build_tera(&theme, d)?;
    // A municipality's pages are not kept in `serve`'s page cache: its paths are the region's.
    let m_opts = Options {
        pages: None,
        base_url: None,
        ..opts.clone()
    };
    // In `serve`, a municipality whose files, theme and options are what they were at the last
    // build hands on its last output again instead of being rendered: a save in one
    // municipality renders that one alone.
    let shared = opts.pages.as_ref().map(|_| {
        let mut parts: Vec<Vec<u8>> = vec![
            format!(
                "{:?}|{:?}|{:?}|{:?}",
                opts.as_of, opts.base_url, opts.lang, opts.purpose
            )
            .into_bytes(),
            serde_json::to_vec(&bar).unwrap_or_default(),
        ];
        for (name, t) in &theme.templates {
            parts.push(name.clone().into_bytes());
            parts.push(t.source.clone().into_bytes());
        }
        for (name, bytes) in &theme.statics {
            parts.push(name.clone().into_bytes());
            parts.push(bytes.clone());
        }
        crate::page_cache::key(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>())
    });
    let group_key = |m: &Municipality| -> Option<u64> {
        let shared = shared?.to_le_bytes();
        let folder = format!("{}/", m.folder);
        let mut parts: Vec<&[u8]> = vec![&shared, m.id.as_bytes()];
        for f in sources.files_under(&folder) {
            parts.push(f.name.as_bytes());
            parts.push(f.text.as_bytes());
        }
        Some(crate::page_cache::key(&parts))
    };
    let results: Vec<(Option<()>, Diagnostics)> = computed
        .par_iter()
        .map(|c| {
            let mut diags = Diagnostics::new();
            let prefix = format!("{}/", c.m.id);
            let key = group_key(c.m);
            if let (Some(cache), Some(key)) = (&opts.pages, key)
                && let Some(group) = cache.group(&c.m.id, key)
            {
                Emitter::under(emitter, &prefix).replay(&group.files);
                crate::sync::lock(&cards).extend(group.cards.iter().copied());
                return (Some(()), diags);
            }
            let child = match key {
                Some(_) => Emitter::under_recording(emitter, &prefix),
                None => Emitter::under(emitter, &prefix),
            };
            let own_cards = std::sync::Mutex::new(Vec::new());
            let mut open_data = output::OpenData::new(&c.m.ds, &c.fig);
            open_data.in_region = true;
            let in_region = render::InRegion {
                bar: &bar,
                theme: &theme,
                tera: &tera,
                cards: &own_cards,
            };
            let ok = render::render_in(
                &m_opts,
                &c.m.ds,
                &c.fig,
                &open_data.page(),
                &child,
                &mut diags,
                Some(&in_region),
            );
            if ok.is_some() {
                output::emit(&open_data, &child);
            }
            let own_cards = crate::sync::into_inner(own_cards);
            crate::sync::lock(&cards).extend(own_cards.iter().copied());
            // Only a clean render is kept: its messages would not be given again.
            if let (Some(cache), Some(key), Some(()), true) =
                (&opts.pages, key, ok, diags.iter().next().is_none())
            {
                let files = child.recorded();
                cache.put_group(
                    &c.m.id,
                    key,
                    crate::page_cache::Group {
                        files,
                        cards: own_cards,
                    },
                );
            }
            (ok, diags)
        })
        .collect();
    if let Some(cache) = &opts.pages {
        cache.keep_groups(&computed.iter().map(|c| c.m.id.as_str()).collect::<Vec<_>>());
    }
    let mut ok = true;
    for (r, diags) in results {
        ok &= r.is_some();
        d.extend(diags);
    }
    if opts.purpose == Purpose::Build {
        let keys = crate::sync::into_inner(cards).into_iter().collect();
        opts.cards.keep_only_keys(&keys);
    }
    if !ok {
        return None;
    }
    render::region::render(region, rf, (&theme, &tera), emitter, d)
}
