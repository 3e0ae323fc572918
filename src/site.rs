//! The pass a build makes, each stage a function from one typed value to the next, each timed
//! for `--verbose` and the benchmark:
//!
//! 1. **load** — every file under `data/` and `content/` read with positions → a [`Dataset`];
//! 2. **validate** — the rules that span files → a [`data::Valid`] dataset;
//! 3. **compute** — the arithmetic of the forms → [`Figures`], and the warnings on them;
//! 4. **render** — every page, straight to the [`Emitter`] (staging folder, memory or nowhere);
//! 5. **output** — open data, feed, schemas, the sitemap of the pages;
//! 6. **links** — every local link of every page against the files made.
//!
//! A region's site ([`data::region`]) goes through the same stages, each one the single site's
//! stage function run for every municipality (on every core, its pages under `/<id>/`), then the
//! region's own part: its rules across municipalities ([`crate::region::check`]), its figures
//! ([`metrics::region`]), its pages ([`render::region`]) and files ([`output::region`]). So
//! `--verbose` lists the same stages for both, and a municipality's warnings are a site's.
//!
//! `vitrina build` adds **prepare** (the output folder checked and locked) before and **publish**
//! (the atomic swap) after; `check` runs the same pass and keeps no bytes. A stage that finds
//! errors ends the pass.

use crate::data::region::{Municipality, Region};
use crate::data::{self, Dataset};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::emit::{Emitted, Emitter, Sink};
use crate::metrics::region::RegionFigures;
use crate::metrics::{self, Figures};
use crate::source::{Sources, Span};
use crate::t;
use crate::write::{Output, Staging};
use crate::{output, page_cache, render};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

pub use crate::options::{Options, Purpose};

/// Everything a run produced, good or bad.
#[derive(Debug, Default)]
pub struct Build {
    pub sources: Sources,
    pub diags: Diagnostics,
    /// A single site's data, once validated; `None` for a region's site (see `region`).
    pub dataset: Option<data::Valid>,
    /// A region's data, every municipality's validated, once validated.
    pub region: Option<Region>,
    /// A single site's figures.
    pub figures: Option<Figures>,
    /// The files, when they were kept in memory (`serve`, the tests); `None` when any stage
    /// failed, or when they went straight to a staging folder or nowhere (`check`).
    pub output: Option<Output>,
    /// The paths, sizes and links of every file made, however it was kept.
    pub emitted: Option<Emitted>,
    /// How long each stage took, for `--verbose` and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
    /// The language to report in: `--lang`, else `language` of `site.yaml`, else Russian.
    pub lang: Lang,
}

impl Build {
    /// Monthly reports read: the site's, or every municipality's of a region.
    pub fn reports(&self) -> usize {
        match (&self.dataset, &self.region) {
            (Some(ds), _) => ds.reports.len(),
            (None, Some(r)) => r.municipalities.iter().map(|m| m.ds.reports.len()).sum(),
            (None, None) => 0,
        }
    }

    /// Pages (HTML files) made.
    pub fn pages(&self) -> usize {
        self.emitted.as_ref().map_or(0, Emitted::page_count)
    }

    /// Whether every stage succeeded.
    pub fn ok(&self) -> bool {
        self.emitted.is_some() && !self.diags.has_errors()
    }
}

/// Runs every stage, keeping the files in memory (or, for [`Purpose::Check`], only what the link
/// check needs). Stops after a stage that found errors.
pub fn run(opts: &Options) -> Build {
    let sink = match opts.purpose {
        Purpose::Build => Sink::Memory(Default::default()),
        Purpose::Check => Sink::Discard,
    };
    run_with(opts, sink)
}

/// Runs every stage, writing each file into `staging` as soon as it is made; the caller commits
/// the staging folder when the build succeeded.
pub fn run_into(opts: &Options, staging: &Staging) -> Build {
    run_with(opts, Sink::Staging(staging))
}

/// A stage's value for a single site, or for a region's site.
enum Kind<S, R> {
    Site(S),
    Region(R),
}

/// A region's figures: each municipality's, in the region's order (`None` where there are none),
/// and the region's own.
struct RegionComputed {
    municipalities: Vec<Option<Figures>>,
    region: RegionFigures,
}

/// What the compute stage makes: the data with its figures.
type Figured<'a> = Kind<(&'a data::Valid, Figures), (&'a Region, RegionComputed)>;

/// The data and figures the later stages read.
type Computed<'a> = Kind<(&'a data::Valid, &'a Figures), (&'a Region, &'a RegionComputed)>;

/// What the render stage leaves to the output stage: a site's open data, or each municipality's
/// and the region's figures.
type Rendered<'a> = Kind<output::OpenData<'a>, (Vec<Made<'a>>, &'a Region, &'a RegionComputed)>;

fn run_with(opts: &Options, sink: Sink) -> Build {
    let mut b = Build::default();
    let loaded = timed(&mut b.timings, "load", || {
        load(opts, &mut b.sources, &mut b.diags)
    });
    b.lang = opts
        .lang
        .or_else(|| data::site::language_of(&b.sources))
        .unwrap_or_default();
    let Some(loaded) = loaded else {
        return b;
    };
    let valid = timed(&mut b.timings, "validate", || {
        validate(loaded, opts.as_of, &b.sources, &mut b.diags)
    });
    let valid = match valid {
        Kind::Site(ds) => Kind::Site(&*b.dataset.insert(ds)),
        Kind::Region(region) => Kind::Region(&*b.region.insert(region)),
    };
    if b.diags.has_errors() {
        return b;
    }
    let computed = timed(&mut b.timings, "compute", || {
        compute(valid, opts, &mut b.diags)
    });
    let mut region_figures = None;
    let computed: Computed = match computed {
        None => return b,
        Some(Kind::Site((ds, fig))) => Kind::Site((ds, &*b.figures.insert(fig))),
        Some(Kind::Region((region, fig))) => Kind::Region((region, &*region_figures.insert(fig))),
    };
    let base = match computed {
        Kind::Site((ds, _)) => &ds.site.base_url,
        Kind::Region((region, _)) => &region.site.base_url,
    };
    let emitter = Emitter::new(sink, base.path());
    let rendered = timed(&mut b.timings, "render", || {
        render(opts, &computed, &emitter, &b.sources, &mut b.diags)
    });
    let Some(rendered) = rendered else {
        return b;
    };
    timed(&mut b.timings, "output", || {
        output(opts, rendered, &emitter);
        crate::static_files::emit(&opts.root, &emitter, &mut b.diags);
    });
    let (emitted, output, failed) = emitter.finish();
    if let Some(pages) = &opts.pages {
        pages.keep_only(&emitted.files);
    }
    if let Some(e) = failed {
        b.diags.push(
            Diagnostic::error(e.code(), e.message())
                .in_path("--out")
                .help(e.help()),
        );
        return b;
    }
    timed(&mut b.timings, "links", || {
        links(&emitted, &computed, &b.sources, &mut b.diags)
    });
    if !b.diags.has_errors() {
        b.output = output;
        b.emitted = Some(emitted);
    }
    b
}

/// Runs one stage and notes its time.
fn timed<T>(
    timings: &mut Vec<(&'static str, Duration)>,
    stage: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    let t = Instant::now();
    let value = f();
    timings.push((stage, t.elapsed()));
    value
}

// The stages, each for a single site and for a region's.

/// Stage 1: the files of the site, with `--base-url` over `base_url`; a region's, with every
/// municipality put under the region's address and given the region's `source:`.
fn load(
    opts: &Options,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Option<Kind<Dataset, Region<Dataset>>> {
    if data::region::is_region_root(&opts.root) {
        let mut region = data::region::read(&opts.root, sources, d, opts.pages.as_deref())?;
        if let Some(url) = &opts.base_url {
            region.site.base_url = url.clone();
        }
        for m in &mut region.municipalities {
            m.ds.site.base_url = region.site.base_url.under(&m.id);
            // The region's folder holds the municipalities' files: their links are the region's.
            m.ds.site.source = region.site.source.clone();
        }
        return Some(Kind::Region(region));
    }
    let mut raw = data::read(&opts.root, sources, d)?;
    if let Some(url) = &opts.base_url {
        raw.site.base_url = url.clone();
    }
    Some(Kind::Site(raw))
}

/// Stage 2: the cross-file rules of a site; of a region, each municipality's as a site's (on
/// every core), then the rules across them.
fn validate(
    loaded: Kind<Dataset, Region<Dataset>>,
    as_of: Option<chrono::NaiveDate>,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Kind<data::Valid, Region> {
    let raw = match loaded {
        Kind::Site(raw) => return Kind::Site(validate_site(raw, &Place::Site, as_of, sources, d)),
        Kind::Region(raw) => raw,
    };
    let done: Vec<(Municipality, Diagnostics)> = raw
        .municipalities
        .into_par_iter()
        .map(|m| {
            let mut diags = Diagnostics::new();
            let place = Place::Municipality {
                id: &m.id,
                folder: &m.folder,
                read_errors: m.read_errors,
            };
            let ds = validate_site(m.ds, &place, as_of, sources, &mut diags);
            let m = Municipality {
                id: m.id,
                folder: m.folder,
                ds,
                name_span: m.name_span,
                read_errors: m.read_errors,
            };
            (m, diags)
        })
        .collect();
    let mut municipalities = Vec::with_capacity(done.len());
    for (m, diags) in done {
        d.extend(diags);
        municipalities.push(m);
    }
    let region = Region {
        site: raw.site,
        municipalities,
        reports: raw.reports,
        pages: raw.pages,
    };
    // The rules across municipalities compare their data: only once each one is sound.
    if !d.has_errors() {
        crate::region::check(&region, d);
    }
    Kind::Region(region)
}

/// Stage 3: a site's figures and the warnings only they raise; a region's, each municipality's
/// (on every core), then the region's over them.
fn compute<'a>(
    valid: Kind<&'a data::Valid, &'a Region>,
    opts: &Options,
    d: &mut Diagnostics,
) -> Option<Figured<'a>> {
    let region = match valid {
        Kind::Site(ds) => return compute_site(ds, opts, d).map(|f| Kind::Site((ds, f))),
        Kind::Region(region) => region,
    };
    let done: Vec<(Option<Figures>, Diagnostics)> = region
        .municipalities
        .par_iter()
        .map(|m| {
            let mut diags = Diagnostics::new();
            (compute_site(&m.ds, opts, &mut diags), diags)
        })
        .collect();
    let mut municipalities = Vec::with_capacity(done.len());
    for (fig, diags) in done {
        d.extend(diags);
        municipalities.push(fig);
    }
    let own = metrics::region::figures(
        region
            .municipalities
            .iter()
            .zip(&municipalities)
            .filter_map(|(m, fig)| Some((m, fig.as_ref()?))),
    )?;
    Some(Kind::Region((
        region,
        RegionComputed {
            municipalities,
            region: own,
        },
    )))
}

/// Stage 4: a site's pages; a region's, each municipality's site under `/<id>/` (on every core,
/// with the region's bar), then the region's own pages.
fn render<'a>(
    opts: &Options,
    computed: &Computed<'a>,
    emitter: &'a Emitter<'a>,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Option<Rendered<'a>> {
    match *computed {
        Kind::Site((ds, fig)) => render_site(opts, ds, fig, emitter, d, None).map(Kind::Site),
        Kind::Region((region, fig)) => {
            let made = render_municipalities(opts, region, fig, emitter, sources, d)?;
            Some(Kind::Region((made, region, fig)))
        }
    }
}

/// Stage 5: a site's files that are not pages; a region's, each municipality's (on every core),
/// then the region's own.
fn output(opts: &Options, rendered: Rendered, emitter: &Emitter) {
    match rendered {
        Kind::Site(open_data) => output::emit(&open_data, emitter),
        Kind::Region((made, region, fig)) => {
            made.into_par_iter().for_each(|m| m.output(opts));
            let figured = region
                .municipalities
                .iter()
                .zip(&fig.municipalities)
                .filter_map(|(m, f)| Some((&*m.ds, f.as_ref()?)));
            output::region::emit(region, &fig.region, figured, emitter);
        }
    }
}

/// Stage 6: every local link of every page against the files made.
fn links(emitted: &Emitted, computed: &Computed, sources: &Sources, d: &mut Diagnostics) {
    match *computed {
        Kind::Site((ds, _)) => check_links(emitted, ds, sources, d),
        Kind::Region((region, _)) => {
            let written: Vec<Written> =
                std::iter::once(Written::pages(&region.site, &region.pages))
                    .chain(
                        (region.municipalities.iter())
                            .map(|m| Written::site(&format!("{}/", m.id), &m.ds)),
                    )
                    .collect();
            check_page_links(emitted, &written, sources, d)
        }
    }
}

// A single site's stages, which a region runs for each of its municipalities.

/// Where a site's data lies, for the message when it has no report: a site of its own, or a
/// municipality of a region (whose files may have failed to read already).
enum Place<'a> {
    Site,
    Municipality {
        id: &'a str,
        folder: &'a str,
        read_errors: bool,
    },
}

/// Stage 2 of one site: the cross-file rules, and a site must have a report to build from.
fn validate_site(
    raw: Dataset,
    place: &Place,
    as_of: Option<chrono::NaiveDate>,
    sources: &Sources,
    d: &mut Diagnostics,
) -> data::Valid {
    let ds = data::validate_as_of(raw, as_of, sources, d);
    let read_errors = matches!(
        place,
        Place::Municipality {
            read_errors: true,
            ..
        }
    );
    if ds.reports.is_empty() && !read_errors && !d.has_errors() {
        d.push(no_reports(place));
    }
    ds
}

/// A site, or a municipality, without a single monthly report.
fn no_reports(place: &Place) -> Diagnostic {
    match *place {
        Place::Site => Diagnostic::error(
            codes::NO_REPORTS,
            t!(
                "в папке data/reports/ нет ни одного отчёта за месяц",
                "there are no monthly reports in data/reports/"
            ),
        )
        .in_path("data/reports")
        .help(t!(
            "добавьте отчёт за первый месяц в файл data/reports/ГГГГ-ММ.yaml",
            "add the first month as data/reports/YYYY-MM.yaml"
        )),
        Place::Municipality { id, folder, .. } => Diagnostic::error(
            codes::MUNICIPALITY_NO_REPORTS,
            t!(
                "у муниципалитета `{id}` нет ни одного отчёта за месяц в папке {folder}/reports/",
                "the municipality `{id}` has no monthly report in {folder}/reports/"
            ),
        )
        .in_path(format!("{folder}/reports"))
        .help(t!(
            "добавьте отчёт за месяц в файл {folder}/reports/ГГГГ-ММ.yaml или уберите папку муниципалитета",
            "add a month as {folder}/reports/YYYY-MM.yaml, or remove the municipality's folder"
        )),
    }
}

/// Stage 3 of one site: the figures, and the warnings only they can raise.
fn compute_site(ds: &Dataset, opts: &Options, d: &mut Diagnostics) -> Option<Figures> {
    let fig = metrics::compute(ds, opts.as_of)?;
    figure_warnings(ds, &fig, d);
    flag_warnings(ds, &fig, d);
    Some(fig)
}

/// Stage 4 of one site: its open data's registry (which the `/data/` pages list), then its pages;
/// inside a region's site when `region` is given. The open data is left to stage 5.
fn render_site<'a>(
    opts: &Options,
    ds: &'a Dataset,
    fig: &'a Figures,
    emitter: &Emitter,
    d: &mut Diagnostics,
    region: Option<&render::InRegion>,
) -> Option<output::OpenData<'a>> {
    let mut open_data = output::OpenData::new(ds, fig);
    // Inside a region, the region's site publishes the theme's files and the icon once.
    open_data.in_region = region.is_some();
    render::render_in(opts, ds, fig, &open_data.page(), emitter, d, region)?;
    Some(open_data)
}

// A region's part of the render and output stages.

/// One municipality after stage 4: its files' emitter and its open data, for stage 5 — or nothing
/// left to do when its whole output of the last build was handed on again.
struct Made<'a> {
    id: &'a str,
    made: Option<(Emitter<'a>, output::OpenData<'a>)>,
    /// The key its output is kept under in the page cache or the records, with its share cards:
    /// only a clean render is kept, since its messages would not be given again.
    keep: Option<(u64, Vec<u64>)>,
}

impl Made<'_> {
    /// Stage 5 of the municipality, and its whole output kept for the next build: in `serve`'s
    /// page cache, or as a record beside the output.
    fn output(self, opts: &Options) {
        let Some((emitter, open_data)) = self.made else {
            return;
        };
        output::emit(&open_data, &emitter);
        let Some((key, cards)) = self.keep else {
            return;
        };
        let files = emitter.take_recorded();
        if let Some(records) = &opts.records
            && let Some(record) =
                page_cache::Record::of(key, &files, cards.clone(), |p| emitter.written_stamp(p))
        {
            records.put(self.id, &record);
        }
        if let Some(cache) = &opts.pages {
            cache.put_group(self.id, key, page_cache::Group { files, cards });
        }
    }
}

/// Stage 4 of a region: each municipality's site under `/<id>/` on every core, then the region's
/// pages.
fn render_municipalities<'a>(
    opts: &Options,
    region: &'a Region,
    fig: &'a RegionComputed,
    emitter: &'a Emitter<'a>,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Option<Vec<Made<'a>>> {
    let bar = render::RegionBar {
        title: region.site.title.clone(),
        url: region.site.base_url.path().to_string(),
    };
    let theme = render::theme::load(&opts.root, &region.site.theme, d);
    let tera = render::build_tera(&theme, d)?;
    let shared = Shared {
        opts,
        // A municipality's pages are not kept in `serve`'s page cache, nor recorded on their
        // own: the region keeps each municipality's whole output.
        own: Options {
            pages: None,
            records: None,
            base_url: None,
            ..opts.clone()
        },
        key: (opts.pages.is_some() || opts.records.is_some()).then(|| {
            let bar = serde_json::to_vec(&bar).unwrap_or_default();
            let site = sources
                .find("data/site.yaml")
                .map(|f| sources.get(f).text.as_str());
            page_cache::region_key(
                &opts.cache_text(),
                site.unwrap_or_default(),
                &bar,
                theme.sources(),
                theme.static_files(),
            )
        }),
        in_region: (&bar, &theme, &tera),
        cards: std::sync::Mutex::new(Vec::new()),
        sources,
    };
    let results: Vec<(Option<Made>, Diagnostics)> = region
        .municipalities
        .par_iter()
        .zip(&fig.municipalities)
        .filter_map(|(m, fig)| Some((m, fig.as_ref()?)))
        .map(|(m, fig)| shared.render(m, fig, emitter))
        .collect();
    let ids: Vec<&str> = region
        .municipalities
        .iter()
        .zip(&fig.municipalities)
        .filter(|(_, fig)| fig.is_some())
        .map(|(m, _)| m.id.as_str())
        .collect();
    if let Some(cache) = &opts.pages {
        cache.keep_groups(&ids);
    }
    if let Some(records) = &opts.records {
        records.keep_only(&ids);
    }
    let mut ok = true;
    let mut made = Vec::with_capacity(results.len());
    for (m, diags) in results {
        ok &= m.is_some();
        d.extend(diags);
        made.extend(m);
    }
    if opts.purpose == Purpose::Build {
        let keys = crate::sync::into_inner(shared.cards).into_iter().collect();
        opts.cards.keep_only_keys(&keys);
    }
    if !ok {
        return None;
    }
    render::region::render(region, &fig.region, (&theme, &tera), emitter, d)?;
    Some(made)
}

/// What every municipality of a region is rendered with.
struct Shared<'s> {
    opts: &'s Options,
    /// The options of a municipality's own render.
    own: Options,
    /// The key of what every municipality shares ([`page_cache::region_key`]), when there is a
    /// page cache or records.
    key: Option<u64>,
    in_region: (
        &'s render::RegionBar,
        &'s render::theme::Theme,
        &'s tera::Tera,
    ),
    /// The keys of every share card drawn or taken from the cache, for the card cache to keep.
    cards: std::sync::Mutex<Vec<u64>>,
    sources: &'s Sources,
}

impl Shared<'_> {
    /// Stage 4 of one municipality, into `emitter` under `<id>/`. A municipality whose files,
    /// theme and options are what they were at the last build hands on its last output again
    /// instead of being rendered: in `serve` from the page cache (a save in one municipality
    /// renders that one alone), in `build` and `check` from its record ([`Shared::adopt`]).
    fn render<'a>(
        &self,
        m: &'a Municipality,
        fig: &'a Figures,
        emitter: &'a Emitter<'a>,
    ) -> (Option<Made<'a>>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let prefix = format!("{}/", m.id);
        let folder = format!("{}/", m.folder);
        let files = self
            .sources
            .files_under(&folder)
            .map(|f| (f.name.as_str(), f.text.as_str()));
        let key = self
            .key
            .map(|shared| page_cache::municipality_key(shared, &m.id, files));
        if let (Some(cache), Some(key)) = (&self.opts.pages, key)
            && let Some(group) = cache.group(&m.id, key)
        {
            Emitter::under(emitter, &prefix).replay(&group.files);
            crate::sync::lock(&self.cards).extend(group.cards.iter().copied());
            let made = Made {
                id: &m.id,
                made: None,
                keep: None,
            };
            return (Some(made), diags);
        }
        if let Some(key) = key
            && let Some(made) = self.adopt(m, key, emitter, &prefix)
        {
            return (Some(made), diags);
        }
        let child = match (key, &self.opts.pages, &self.opts.records) {
            (Some(_), Some(_), _) => Emitter::under_recording(emitter, &prefix),
            (Some(_), None, Some(_)) => Emitter::under_listing(emitter, &prefix),
            _ => Emitter::under(emitter, &prefix),
        };
        let own_cards = std::sync::Mutex::new(Vec::new());
        let (bar, theme, tera) = self.in_region;
        let in_region = render::InRegion {
            bar,
            theme,
            tera,
            cards: &own_cards,
        };
        let open_data = render_site(&self.own, &m.ds, fig, &child, &mut diags, Some(&in_region));
        let own_cards = crate::sync::into_inner(own_cards);
        crate::sync::lock(&self.cards).extend(own_cards.iter().copied());
        let keep = key
            .filter(|_| diags.iter().next().is_none())
            .map(|key| (key, own_cards));
        let made = open_data.map(|open_data| Made {
            id: &m.id,
            made: Some((child, open_data)),
            keep,
        });
        (made, diags)
    }

    /// The municipality's files as its record of the last build names them, when there is one
    /// for `key` and every file it names is still published as the build stamped it: taken into
    /// this build as they are (or, in `check`, only their paths and links).
    fn adopt<'a>(
        &self,
        m: &'a Municipality,
        key: u64,
        emitter: &'a Emitter<'a>,
        prefix: &str,
    ) -> Option<Made<'a>> {
        let records = self.opts.records.as_ref()?;
        let child = Emitter::under(emitter, prefix);
        if !child.can_adopt() {
            return None;
        }
        let record = records.get(&m.id, key)?;
        if !(record.files.iter()).all(|f| child.published_is(&f.path, &f.stamp)) {
            return None;
        }
        for f in &record.files {
            child.adopt(f.path.clone(), f.size, record.links_of(f), &f.stamp);
        }
        crate::sync::lock(&self.cards).extend(record.cards.iter().copied());
        Some(Made {
            id: &m.id,
            made: None,
            keep: None,
        })
    }
}

/// Warnings for what the pages flag: a channel's 0 that looks like missing data
/// ([`metrics::month::zero_looks_missing`]) and a road-map measure done after its deadline
/// ([`metrics::roadmap::days_late`]).
fn flag_warnings(ds: &Dataset, fig: &Figures, d: &mut Diagnostics) {
    for (report, detail) in ds.reports.iter().zip(&fig.details) {
        for flag in detail.zero_flags.iter().filter(|f| !f.confirmed) {
            let (channel, period) = (flag.channel.key(), report.period);
            let (prev, prev_total) = (flag.previous, flag.previous_total);
            let diag = Diagnostic::warning(
                codes::ZERO_LOOKS_MISSING,
                t!(
                    "канал `{channel}` за {period}: поступило 0, а за {prev} — {prev_total}; данных нет или обращений действительно не было?",
                    "the channel `{channel}` received 0 in {period}, after {prev_total} in {prev}: are its figures missing, or were there really none?"
                ),
            )
            .help(t!(
                "если данные канала не получены, впишите их; если обращений действительно не было, добавьте в отчёт `zero_confirmed: [{channel}]` — иначе страница отчёта покажет этот 0 с вопросом",
                "if the channel's figures did not arrive, fill them in; if there were really none, add `zero_confirmed: [{channel}]` to the report — else its page shows the 0 with this question"
            ));
            d.push(match report.channel_spans[flag.channel.index()] {
                Some(span) => diag.at(span, t!("0 после {prev_total}", "0 after {prev_total}")),
                None => diag.in_file(report.file),
            });
        }
    }
    for r in &ds.roadmaps {
        for m in &r.measures {
            let (Some(days), Some(done), None) =
                (metrics::roadmap::days_late(m), m.done, &m.late_reason)
            else {
                continue;
            };
            let (title, id, due) = (&m.title, &r.id, m.due);
            let dw = crate::format::plural(days.unsigned_abs(), "день", "дня", "дней");
            let diag = Diagnostic::warning(
                codes::DONE_LATE,
                t!(
                    "мероприятие «{title}» дорожной карты `{id}` выполнено {done}, на {days} {dw} позже срока {due}",
                    "measure «{title}» of road map `{id}` was done on {done}, {days} days after its deadline {due}"
                ),
            )
            .help(t!(
                "на странице дорожной карты оно показано как «выполнено с опозданием»: укажите причину в `late_reason: \"…\"` этого мероприятия (она будет видна рядом), а если дата неверна, исправьте `done` или `due`",
                "the road map's page shows it as done late: give the reason in the measure's `late_reason: \"…\"` (shown beside it), or, if a date is wrong, correct `done` or `due`"
            ));
            d.push(match m.done_span {
                Some(span) => diag.at(span, t!("позже срока", "after the deadline")),
                None => diag.in_file(r.id_span.file),
            });
        }
    }
}

/// Warnings that need the computed figures: a target below plan with no stated reason, and an
/// as-of date long after the latest report (a mistyped year, most likely).
fn figure_warnings(ds: &Dataset, fig: &Figures, d: &mut Diagnostics) {
    for form in &fig.annual {
        let year_over = form.complete()
            || fig.as_of.date
                > crate::period::Period::new(form.year, 12)
                    .map_or(fig.as_of.date, |p| p.last_day());
        if !year_over {
            continue;
        }
        for row in form.rows_missing_reason() {
            let (Some(achieved), Some(plan)) =
                (row.achieved, ds.targets.plan(form.year, row.def.id))
            else {
                continue;
            };
            let (key, year) = (row.def.key, form.year);
            let (achieved, plan_value) = (plain(achieved.tenths()), plain(plan.tenths));
            d.push(
                Diagnostic::warning(
                    codes::BELOW_PLAN_NO_REASON,
                    t!(
                        "показатель `{key}` за {year} год ниже плана ({achieved} % при плане {plan_value} %), а причина отклонения не указана",
                        "`{key}` in {year} is below plan ({achieved} % against {plan_value} %) and no reason is given"
                    ),
                )
                .at(plan.span, t!("план", "the plan"))
                .help(t!(
                    "в годовой форме есть графа «причина отклонения»: впишите причину в `deviation_reasons:` → `{year}:` → `{key}: \"…\"`",
                    "the annual form has a column «причина отклонения»: add it under `deviation_reasons:` → `{year}:` → `{key}: \"…\"`"
                )),
            );
        }
    }
    if let Some(latest) = ds.reports.last() {
        let end = latest.period.last_day();
        let days = (fig.as_of.date - end).num_days();
        if days > 62 {
            let (date, period) = (fig.as_of.date, latest.period);
            let (source_ru, source_en) = (&fig.as_of.source.ru, &fig.as_of.source.en);
            let dw = crate::format::plural(days.unsigned_abs(), "день", "дня", "дней");
            d.push(
                Diagnostic::warning(
                    codes::AS_OF_FAR_AHEAD,
                    t!(
                        "данные указаны по состоянию на {date}, а это на {days} {dw} позже последнего отчёта ({period})",
                        "the as-of date {date} is {days} days after the latest report ({period})"
                    ),
                )
                .in_path("data")
                .help(t!(
                    "проверьте год в этой дате; она взята отсюда: {source_ru}",
                    "it comes from {source_en}: check the year of that date"
                )),
            );
        }
    }
}

fn plain(tenths: i64) -> String {
    crate::format::tenths(tenths).replace(crate::format::NNBSP, " ")
}

/// Every link and asset a page references inside the site must exist in the output. A broken
/// link in a template is an error (the theme is wrong); one the publisher wrote — in a content
/// page, or in the data's Markdown — is a warning at the link in its file, since the page it
/// names may simply not be written yet.
///
/// The links were gathered page by page as the pages were made ([`Emitter`]); this is one pass
/// over the distinct targets.
pub fn check_links(emitted: &Emitted, ds: &Dataset, sources: &Sources, d: &mut Diagnostics) {
    check_page_links(emitted, &[Written::site("", ds)], sources, d);
}

/// What one site's publisher wrote that its pages link from: its content pages and, for a site
/// with data, the Markdown in it — a report's `summary`, a decision's `result`, a
/// clarification's `answer`.
pub struct Written<'a> {
    /// Where the site's files lie in the output: `""`, or `id/` for a municipality in a region.
    folder: String,
    site: &'a crate::data::site::Site,
    pages: &'a [crate::data::content::Page],
    data: Option<&'a Dataset>,
}

impl<'a> Written<'a> {
    /// A site with its data, its files under `folder`.
    pub fn site(folder: &str, ds: &'a Dataset) -> Written<'a> {
        Written {
            folder: folder.to_string(),
            site: &ds.site,
            pages: &ds.pages,
            data: Some(ds),
        }
    }

    /// Content pages alone (a region's own).
    pub fn pages(
        site: &'a crate::data::site::Site,
        pages: &'a [crate::data::content::Page],
    ) -> Written<'a> {
        Written {
            folder: String::new(),
            site,
            pages,
            data: None,
        }
    }

    /// Each Markdown text of this site with where it is written and, for a content page, the
    /// output file it makes.
    fn markdown(&self) -> impl Iterator<Item = (&'a str, Span, Option<String>)> + '_ {
        let pages = self.pages.iter().map(|p| {
            let path = format!("{}{}index.html", self.folder, p.url.trim_start_matches('/'));
            (p.body.as_str(), p.body_span, Some(path))
        });
        let data = self.data.into_iter().flat_map(|ds| {
            let summaries = ds
                .reports
                .iter()
                .filter_map(|r| Some((r.summary.as_deref()?, r.summary_span?, None)));
            let results = ds
                .decisions
                .iter()
                .filter_map(|x| Some((x.result.as_deref()?, x.result_span?, None)));
            let answers = ds
                .clarifications
                .iter()
                .map(|c| (c.answer.as_str(), c.answer_span, None));
            summaries.chain(results).chain(answers)
        });
        pages.chain(data)
    }
}

/// Where the publishers wrote the local links the pages carry, so that a broken one is reported
/// at its line.
#[derive(Default)]
struct LinkOrigins {
    /// A content page's output file: its source file, and where each address it links to is
    /// first written.
    pages: HashMap<String, (crate::source::FileId, HashMap<String, Span>)>,
    /// An address a link in the data's Markdown becomes: everywhere it is written.
    data: HashMap<String, Vec<Span>>,
}

impl LinkOrigins {
    fn of(written: &[Written], sources: &Sources) -> LinkOrigins {
        let mut origins = LinkOrigins::default();
        for site in written {
            let base = site.site.base_url.path();
            for (text, span, page) in site.markdown() {
                let links = crate::markdown::local_links(text, site.site.unsafe_html, base);
                let at = links.into_iter().map(|(url, at)| {
                    let part = &text[at.clone()];
                    let nth = text[..at.start].matches(part).count();
                    (url, written_at(sources, span, part, nth))
                });
                match page {
                    Some(path) => {
                        let mut first = HashMap::new();
                        for (url, span) in at {
                            first.entry(url).or_insert(span);
                        }
                        origins.pages.insert(path, (span.file, first));
                    }
                    None => {
                        for (url, span) in at {
                            origins.data.entry(url).or_default().push(span);
                        }
                    }
                }
            }
        }
        origins
    }
}

/// Where the `nth` occurrence (from 0) of `part` of a Markdown text stands in its file, within
/// the text's `span`; the whole text where `part` is not written out as it reads (a line folded
/// inside a YAML value, an escape in a quoted string).
fn written_at(sources: &Sources, span: Span, part: &str, nth: usize) -> Span {
    let raw = sources
        .get(span.file)
        .text
        .get(span.start..span.end)
        .unwrap_or_default();
    match raw.match_indices(part).nth(nth) {
        Some((at, _)) if !part.is_empty() => {
            Span::new(span.file, span.start + at, span.start + at + part.len())
        }
        _ => span,
    }
}

/// [`check_links`] over several sites' pages in one output: a region's own and each
/// municipality's under its folder.
pub fn check_page_links(
    emitted: &Emitted,
    written: &[Written],
    sources: &Sources,
    d: &mut Diagnostics,
) {
    let broken = emitted.broken_links();
    if broken.is_empty() {
        return;
    }
    let origins = LinkOrigins::of(written, sources);
    let help = || {
        t!(
            "проверьте адрес или создайте страницу, на которую ведёт ссылка",
            "check the address, or write the page it names"
        )
    };
    let no_such_page = || t!("такой страницы на сайте нет", "no such page on the site");
    // A link in the data shows on several pages (a month's summary on its report and on `/`):
    // it is told once.
    let mut told: HashSet<(Span, &str)> = HashSet::new();
    for (path, url) in broken {
        let message = t!(
            "на странице /{} есть ссылка на {url}, но такой страницы на сайте нет",
            "the page /{} links to {url}, which the site does not have",
            path.trim_end_matches("index.html")
        );
        if let Some((file, links)) = origins.pages.get(path) {
            let diag = Diagnostic::warning(codes::BROKEN_LINK, message).help(help());
            d.push(match links.get(url) {
                Some(span) => diag.at(*span, no_such_page()),
                None => diag.in_file(*file),
            });
        } else if let Some(spans) = origins.data.get(url) {
            for span in spans {
                if told.insert((*span, url)) {
                    d.push(
                        Diagnostic::warning(
                            codes::BROKEN_LINK,
                            t!(
                                "ссылка на {url} ведёт на страницу, которой на сайте нет",
                                "the link to {url} names a page the site does not have"
                            ),
                        )
                        .at(*span, no_such_page())
                        .help(help()),
                    );
                }
            }
        } else {
            d.push(
                Diagnostic::error(codes::BROKEN_LINK, message)
                    .in_path(format!("templates (page {path})")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages of the demo site made for `purpose`, kept in memory.
    fn pages(purpose: Purpose) -> Vec<(String, String)> {
        let opts = Options {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            purpose,
            ..Options::default()
        };
        let b = run_with(&opts, Sink::Memory(Default::default()));
        b.output
            .expect("the demo builds")
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, bytes)| (p.clone(), String::from_utf8_lossy(bytes).into_owned()))
            .collect()
    }

    #[test]
    fn check_draws_no_chart_and_a_build_draws_them_all() {
        let drawn = |pages: &[(String, String)]| {
            pages
                .iter()
                .filter(|(_, html)| {
                    ["chart-wide", "chart-narrow", "chart-one"]
                        .iter()
                        .any(|class| html.contains(class))
                })
                .count()
        };
        let placeholders = |pages: &[(String, String)]| {
            pages
                .iter()
                .filter(|(_, html)| html.contains(crate::charts::Draw::PLACEHOLDER))
                .count()
        };
        let built = pages(Purpose::Build);
        let checked = pages(Purpose::Check);
        assert_eq!(built.len(), checked.len());
        assert!(drawn(&built) > 20, "{}", drawn(&built));
        assert_eq!(placeholders(&built), 0);
        assert_eq!(drawn(&checked), 0);
        assert_eq!(placeholders(&checked), drawn(&built));
    }
}
