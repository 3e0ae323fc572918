//! A region's site: `data/site.yaml` with `region_site: true`, one folder
//! `data/municipalities/<id>/` per municipality holding that municipality's files of
//! DATA-FORMAT.md, the optional totals the region publishes itself
//! (`data/region_reports/YYYY-MM.yaml`) and the region's own `content/` pages.
//!
//! Each municipality is read by the single site's loader ([`super::read_from`]) on a thread of its
//! own, into its own [`Sources`] and [`Diagnostics`], which are then taken in whole: a message
//! still names `data/municipalities/<id>/reports/2024-01.yaml` with its line and column. The pass
//! then validates each one as it validates a single site (`crate::site`), into a [`Region`] of
//! [`Valid`] datasets.

use super::decode::{self, Fields, fields};
use super::site::Site;
use super::{Dataset, Valid, content::Page};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::domain::Channel;
use crate::page_cache::PageCache;
use crate::period::Period;
use crate::source::{FileId, Sources, Span};
use crate::t;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Addresses at the top of a region's site that a municipality's id may not take.
pub const RESERVED_IDS: &[&str] = &[
    "compare",
    "data",
    "opendata",
    "static",
    "municipalities",
    "search",
    "reports",
    "indicators",
    "decisions",
    "roadmaps",
    "themes",
    "structure",
    "openness",
    "embed",
];

/// One municipality of the region: its data as read (`D` = [`Dataset`]), then validated.
#[derive(Debug, Clone)]
pub struct Municipality<D = Valid> {
    /// Its folder's name: the first part of its pages' addresses.
    pub id: String,
    /// Its folder as messages show it: `data/municipalities/<id>`.
    pub folder: String,
    pub ds: D,
    /// `municipality:` in its `site.yaml`, for the messages about names.
    pub name_span: Option<Span>,
    /// Whether reading its files found errors: a municipality without a single report is
    /// reported only when nothing else was.
    pub read_errors: bool,
}

/// The totals of one month as the region publishes them itself.
#[derive(Debug, Clone)]
pub struct RegionReport {
    pub file: FileId,
    pub period: Period,
    pub total: Option<(u64, Span)>,
    /// Indexed by [`Channel::index`].
    pub channels: [Option<(u64, Span)>; 4],
}

/// Everything a region's site is built from: its municipalities as read (`D` = [`Dataset`]), then
/// validated.
#[derive(Debug, Clone)]
pub struct Region<D = Valid> {
    pub site: Site,
    /// Sorted by id.
    pub municipalities: Vec<Municipality<D>>,
    /// Sorted by period.
    pub reports: Vec<RegionReport>,
    pub pages: Vec<Page>,
}

/// Whether the site at `root` is a region's: its `data/site.yaml` says `region_site: true`.
/// Read on its own, so that a broken file falls back to the single site's messages.
pub fn is_region_root(root: &Path) -> bool {
    let path = root.join("data").join("site.yaml");
    let Some(text) = super::read_limited(&path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return false;
    };
    let mut sources = Sources::new();
    let file = sources.add(root, &path, text);
    crate::yaml::parse(&sources.get(file).text, file, 0, &mut Diagnostics::new())
        .is_some_and(|n| super::site::is_region(&n))
}

/// Reads a region's root: its `site.yaml`, every municipality (in parallel), the region's
/// totals and content pages. `None` when the region's own `site.yaml` cannot be read. With
/// `memo` (`serve`), a municipality whose files are unchanged since the last reading is taken
/// from it instead of being parsed again.
pub fn read(
    root: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
    memo: Option<&PageCache>,
) -> Option<Region<Dataset>> {
    let data = root.join("data");
    let site = super::read_source(root, &data.join("site.yaml"), sources, d)
        .and_then(|f| super::parse(sources, f, d))
        .and_then(|n| super::site::read_region_site(&n, d));
    let municipalities = read_municipalities(root, &data.join("municipalities"), sources, d, memo);
    let mut reports = Vec::new();
    for path in super::yaml_files(root, &data.join("region_reports"), d) {
        let Some(file) = super::read_source(root, &path, sources, d) else {
            continue;
        };
        let Some(node) = super::parse(sources, file, d) else {
            continue;
        };
        reports.extend(read_region_report(&node, file, sources, d));
    }
    reports.sort_by_key(|r| r.period);
    let pages = super::read_pages(root, &root.join("content"), sources, d);
    Some(Region {
        site: site?,
        municipalities,
        reports,
        pages,
    })
}

/// Every folder under `data/municipalities/`, each read on its own thread.
fn read_municipalities(
    root: &Path,
    dir: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
    memo: Option<&PageCache>,
) -> Vec<Municipality<Dataset>> {
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut folders: Vec<(String, PathBuf)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(name, _)| !name.starts_with('.'))
            .collect(),
        Err(_) => Vec::new(),
    };
    folders.sort();
    if folders.is_empty() {
        d.push(
            Diagnostic::error(
                codes::NO_MUNICIPALITIES,
                t!(
                    "на сайте региона нет ни одного муниципалитета: папка data/municipalities/ пуста или её нет",
                    "the region's site has no municipality: data/municipalities/ is empty or missing"
                ),
            )
            .in_path("data/municipalities")
            .help(t!(
                "создайте папку data/municipalities/<id>/ с файлами муниципалитета (site.yaml, targets.yaml, reports/) — образец даёт `vitrina init --region`",
                "add a folder data/municipalities/<id>/ with a municipality's files (site.yaml, targets.yaml, reports/); `vitrina init --region` writes a sample"
            )),
        );
        return Vec::new();
    }
    folders.retain(|(id, path)| match id_problem(id) {
        None => true,
        Some(problem) => {
            let (ru, en) = (problem.ru, problem.en);
            d.push(
                Diagnostic::error(
                    codes::MUNICIPALITY_ID,
                    t!(
                        "имя папки муниципалитета `{id}` не годится для адреса: {ru}",
                        "the municipality folder name `{id}` cannot be an address: {en}"
                    ),
                )
                .in_path(shown(path))
                .help(t!(
                    "переименуйте папку: строчные латинские буквы, цифры, `-` и `_`, например `belgorod` или `stary-oskol`",
                    "rename the folder: lowercase latin letters, digits, `-` and `_`, such as `belgorod` or `stary-oskol`"
                )),
            );
            false
        }
    });
    use rayon::prelude::*;
    let read: Vec<Read> = folders
        .par_iter()
        .enumerate()
        .map(|(i, (id, path))| {
            let first = (i + 1) << 24;
            let Some(memo) = memo else {
                return read_municipality(root, id, path, &shown(path), first);
            };
            let key = {
                let mut h = std::hash::DefaultHasher::new();
                (crate::page_cache::files_key(path), first).hash(&mut h);
                h.finish()
            };
            if let Some(kept) = memo.read_of::<Read>(id, key) {
                return Read::clone(&kept);
            }
            let read = read_municipality(root, id, path, &shown(path), first);
            memo.put_read(id, key, read.clone());
            read
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for (m, src, diags) in read {
        sources.absorb(src);
        d.extend(diags);
        out.extend(m);
    }
    duplicate_names(&out, d);
    out
}

/// A municipality as its folder was read: the municipality (none when its `site.yaml` could not
/// be read), its files' texts, and what reading them found.
type Read = (Option<Municipality<Dataset>>, Sources, Diagnostics);

/// One municipality's folder, read and validated by the single site's loader into sources of
/// its own whose file ids start at `first_file` (so that many can be read at once).
fn read_municipality(root: &Path, id: &str, path: &Path, folder: &str, first_file: usize) -> Read {
    let mut src = Sources::starting_at(first_file);
    let mut diags = Diagnostics::new();
    let m = super::read_from(root, path, None, &mut src, &mut diags).map(|ds| Municipality {
        id: id.to_string(),
        folder: folder.to_string(),
        name_span: ds.site.municipality_span,
        read_errors: diags.has_errors(),
        ds,
    });
    (m, src, diags)
}

/// Why `id` cannot be a municipality's address, if it cannot.
fn id_problem(id: &str) -> Option<crate::diag::Text> {
    if id.len() > decode::MAX_ID_LEN {
        return Some(t!("длиннее 80 символов", "longer than 80 characters"));
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Some(t!(
            "допустимы только строчные латинские буквы, цифры, `-` и `_`",
            "only lowercase latin letters, digits, `-` and `_` are allowed"
        ));
    }
    if RESERVED_IDS.contains(&id) {
        return Some(t!(
            "этот адрес занят страницами региона",
            "the region's own pages have this address"
        ));
    }
    None
}

/// Two municipalities with one name (`municipality:`) would be told apart by nobody.
fn duplicate_names(list: &[Municipality<Dataset>], d: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<String, &Municipality<Dataset>> = Default::default();
    for m in list {
        let key = m.ds.site.municipality.trim().to_lowercase();
        match seen.get(&key) {
            Some(first) => {
                let (name, first_id, id) = (&m.ds.site.municipality, &first.id, &m.id);
                let mut diag = Diagnostic::error(
                    codes::MUNICIPALITY_DUPLICATE,
                    t!(
                        "муниципалитеты `{first_id}` и `{id}` названы одинаково: «{name}»",
                        "the municipalities `{first_id}` and `{id}` have the same name: «{name}»"
                    ),
                )
                .help(t!(
                    "у каждого муниципалитета своё название в `municipality:`; если это один муниципалитет, оставьте одну папку",
                    "give each municipality its own `municipality:`; if they are one, keep one folder"
                ));
                diag = match m.name_span {
                    Some(s) => diag.at(s, t!("второе такое название", "the second such name")),
                    None => diag.in_path(format!("{}/site.yaml", m.folder)),
                };
                if let Some(s) = first.name_span {
                    diag = diag.related(s, t!("первое", "the first"));
                }
                d.push(diag);
            }
            None => {
                seen.insert(key, m);
            }
        }
    }
}

/// The keys of `data/region_reports/YYYY-MM.yaml`.
pub const REGION_REPORT_KEYS: &[&str] = &["period", "total", "channels"];

fn read_region_report(
    node: &crate::yaml::Node,
    file: FileId,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Option<RegionReport> {
    let f = fields(
        node,
        Noun::new("итоги региона", "region totals"),
        REGION_REPORT_KEYS,
        d,
    )?;
    let period_node = f.required("period", d)?;
    let period = decode::period(period_node, d)?;
    let name = &sources.get(file).name;
    if super::validate::month_of_file_name(name, period, period_node.span, d) != Some(period) {
        return None;
    }
    let count = |f: &Fields, key: &str, d: &mut Diagnostics| {
        f.optional(key)
            .and_then(|n| decode::count(n, d).map(|v| (v, n.span)))
    };
    let total = count(&f, "total", d);
    let mut channels = [None; 4];
    if let Some(n) = f.optional("channels") {
        let keys: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
        if let Some(cf) = fields(n, Noun::new("каналы", "channels"), &keys, d) {
            for c in Channel::ALL {
                channels[c.index()] = count(&cf, c.key(), d);
            }
        }
    }
    Some(RegionReport {
        file,
        period,
        total,
        channels,
    })
}
