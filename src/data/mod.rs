//! The YAML contract of DATA-FORMAT.md: reading every file under `data/` and `content/` into
//! validated model types.
//!
//! Each file is parsed into a spanned tree ([`crate::yaml`]) and read by the module for its kind;
//! rules that span several files (two reports for one month, a duplicate decision id, a month
//! missing between two reports) are checked in [`validate`]. Nothing stops at the first problem:
//! every diagnostic goes into the collector and loading goes on, so that one run reports all.

pub mod decision;
pub mod decode;
pub mod http_url;
pub mod report;
pub mod site;
pub mod targets;
pub mod validate;

use crate::content::{self, Page};
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::source::{FileId, Sources};
use crate::t;
use decision::{Decision, Roadmap};
use report::Report;
use site::{Site, Structure};
use std::path::{Path, PathBuf};
use targets::Targets;

/// Everything a site is built from.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub site: Site,
    pub structure: Option<Structure>,
    pub targets: Targets,
    /// Sorted by period, one per month.
    pub reports: Vec<Report>,
    pub decisions: Vec<Decision>,
    pub roadmaps: Vec<Roadmap>,
    /// Drafts included; the renderer leaves them out.
    pub pages: Vec<Page>,
}

/// Reads and validates a site root. `None` when there is nothing to build from (no readable
/// `site.yaml`); otherwise the dataset holds what could be read, and `d` says what could not.
pub fn load(root: &Path, sources: &mut Sources, d: &mut Diagnostics) -> Option<Dataset> {
    let data = root.join("data");
    if !data.is_dir() {
        d.push(
            Diagnostic::error(
                "no-data",
                t!(
                    "в папке {} нет папки data/",
                    "there is no data/ folder in {}",
                    root.display()
                ),
            )
            .in_path(root.display().to_string())
            .help(t!(
                "запустите vitrina в корневой папке сайта или укажите её через --root",
                "run vitrina in a site's root folder, or name it with --root"
            )),
        );
        return None;
    }
    let site =
        read_yaml(root, &data.join("site.yaml"), sources, d).and_then(|n| site::read_site(&n, d));
    let structure = optional_file(&data.join("structure.yaml"))
        .and_then(|p| read_yaml(root, &p, sources, d))
        .and_then(|n| site::read_structure(&n, d));
    let targets = optional_file(&data.join("targets.yaml"))
        .and_then(|p| read_yaml(root, &p, sources, d))
        .and_then(|n| targets::read_targets(&n, d))
        .unwrap_or_default();

    let mut reports = Vec::new();
    for path in yaml_files(&data.join("reports"), d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let Some(node) = parse(sources, file, d) else {
            continue;
        };
        if let Some(r) = report::read_report(&node, file, d) {
            reports.push(r);
        }
    }
    let mut decisions = Vec::new();
    for path in yaml_files(&data.join("decisions"), d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let Some(node) = parse(sources, file, d) else {
            continue;
        };
        if let Some(items) = decode::seq(&node, Noun::new("решения", "decisions"), d) {
            decisions.extend(items.iter().filter_map(|n| decision::read_decision(n, d)));
        }
    }
    let mut roadmaps = Vec::new();
    for path in yaml_files(&data.join("roadmaps"), d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let Some(node) = parse(sources, file, d) else {
            continue;
        };
        roadmaps.extend(decision::read_roadmap(&node, d));
    }
    let mut pages = Vec::new();
    let content_dir = root.join("content");
    for path in files_with_ext(&content_dir, &["md"], d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let rel = path
            .strip_prefix(&content_dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        pages.extend(content::read_page(sources, file, &rel, d));
    }

    let mut dataset = Dataset {
        site: site?,
        structure,
        targets,
        reports,
        decisions,
        roadmaps,
        pages,
    };
    validate::check(&mut dataset, sources, d);
    Some(dataset)
}

fn optional_file(path: &Path) -> Option<PathBuf> {
    path.is_file().then(|| path.to_path_buf())
}

fn read_yaml(
    root: &Path,
    path: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Option<crate::yaml::Node> {
    let file = read_source(root, path, sources, d)?;
    parse(sources, file, d)
}

fn parse(sources: &Sources, file: FileId, d: &mut Diagnostics) -> Option<crate::yaml::Node> {
    let node = crate::yaml::parse(&sources.get(file).text, file, 0, d)?;
    if node.is_null() {
        d.push(
            Diagnostic::error("empty-file", t!("файл пустой", "this file is empty")).in_file(file),
        );
        return None;
    }
    Some(node)
}

/// Reads a file into `sources`; an unreadable or non-UTF-8 file is a diagnostic.
fn read_source(
    root: &Path,
    path: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Option<FileId> {
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(sources.add(root, path, text)),
            Err(_) => {
                d.push(
                    Diagnostic::error(
                        "encoding",
                        t!(
                            "файл сохранён не в кодировке UTF-8",
                            "this file is not UTF-8 text"
                        ),
                    )
                    .in_path(shown)
                    .help(t!(
                        "сохраните файл в кодировке UTF-8 (в большинстве редакторов: «Сохранить как» → UTF-8)",
                        "save the file in the UTF-8 encoding (in most editors: «Сохранить как» → UTF-8)"
                    )),
                );
                None
            }
        },
        Err(e) => {
            d.push(Diagnostic::unreadable(shown, &e));
            None
        }
    }
}

fn yaml_files(dir: &Path, d: &mut Diagnostics) -> Vec<PathBuf> {
    files_with_ext(dir, &["yaml", "yml"], d)
}

/// Files under `dir` with one of the extensions, sorted, so that the order of diagnostics and
/// pages does not depend on the file system.
fn files_with_ext(dir: &Path, exts: &[&str], d: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let hidden = e.file_name().to_string_lossy().starts_with('.');
                let ext = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .unwrap_or_default();
                if !hidden && exts.contains(&ext) {
                    out.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => d.push(
                Diagnostic::error(
                    "read",
                    t!(
                        "не удаётся прочитать содержимое папки: {err}",
                        "cannot list a folder: {err}"
                    ),
                )
                .in_path(dir.display().to_string()),
            ),
        }
    }
    out
}
