//! The YAML contract of DATA-FORMAT.md: reading every file under `data/` and `content/` into
//! validated model types.
//!
//! Each file is parsed into a spanned tree ([`crate::yaml`]) and read by the module for its kind;
//! rules that span several files (two reports for one month, a duplicate decision id, a month
//! missing between two reports) are checked in [`validate`]. Nothing stops at the first problem:
//! every diagnostic goes into the collector and loading goes on, so that one run reports all.

pub mod clarification;
pub mod content;
pub mod decision;
pub mod decode;
pub mod files;
pub mod form_template;
pub mod http_url;
pub mod months;
pub mod pos_export;
pub mod region;
pub mod report;
pub mod site;
pub mod targets;
pub mod validate;

use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::source::{FileId, Sources, Span};
use crate::t;
use clarification::Clarification;
use content::Page;
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
    /// Answers to information risks, newest first once validated (`data/clarifications/`,
    /// optional).
    pub clarifications: Vec<Clarification>,
    /// Drafts included; the renderer leaves them out.
    pub pages: Vec<Page>,
    /// The path of each report, decision, road-map and clarification file, as `source:` names it:
    /// from the site's folder (a region's, for a municipality), with `/` between folders.
    pub paths: std::collections::BTreeMap<FileId, String>,
}

impl Dataset {
    /// The path of the data file `file` in the site's folder (`data/reports/2024-03.yaml`).
    pub fn path_of(&self, file: FileId) -> Option<&str> {
        self.paths.get(&file).map(String::as_str)
    }
}

/// A dataset that has been through the cross-file rules ([`validate`]): one report a month, in
/// order, one decision an id, no two pages at one address. Later stages take this type, so none
/// can be handed a dataset that skipped them.
#[derive(Debug, Clone)]
pub struct Valid(Dataset);

impl std::ops::Deref for Valid {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        &self.0
    }
}

/// Checks the rules that span several files, dropping the duplicates it reports.
pub fn validate(ds: Dataset, sources: &Sources, d: &mut Diagnostics) -> Valid {
    validate_as_of(ds, None, sources, d)
}

/// [`validate`], and with an as-of date given on the command line, no report for a month after
/// it ([`months::after_as_of`]).
pub fn validate_as_of(
    mut ds: Dataset,
    as_of: Option<chrono::NaiveDate>,
    sources: &Sources,
    d: &mut Diagnostics,
) -> Valid {
    validate::check(&mut ds, sources, d);
    if let Some(as_of) = as_of {
        months::after_as_of(&mut ds, as_of, d);
    }
    Valid(ds)
}

/// Reads and validates a site root: [`read`], then [`validate`].
pub fn load(root: &Path, sources: &mut Sources, d: &mut Diagnostics) -> Option<Valid> {
    let ds = read(root, sources, d)?;
    Some(validate(ds, sources, d))
}

/// `pos_export:` of the site at `root`, for `vitrina import`: `data/site.yaml` read into
/// `sources`, so that its problems, in `d`, point at its lines. Only that key is read: the rest of
/// the file is `check`'s to judge. Empty when the file cannot be read or parsed.
pub fn pos_export(
    root: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> pos_export::PosExport {
    let mut elsewhere = Diagnostics::new();
    let node = read_source(
        root,
        &root.join("data").join("site.yaml"),
        sources,
        &mut elsewhere,
    )
    .and_then(|file| crate::yaml::parse(&sources.get(file).text, file, 0, &mut elsewhere));
    match node.as_ref().and_then(|n| n.get("pos_export")) {
        Some(n) => pos_export::PosExport::read(n, d),
        None => pos_export::PosExport::default(),
    }
}

/// `root` has no `data/` folder: not a site's root, most likely. `code` says which command asked.
pub fn no_data_folder(code: &'static str, root: &Path) -> Diagnostic {
    Diagnostic::error(
        code,
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
    ))
}

/// Reads a site root. `None` when there is nothing to build from (no readable `site.yaml`);
/// otherwise the dataset holds what could be read, and `d` says what could not.
pub fn read(root: &Path, sources: &mut Sources, d: &mut Diagnostics) -> Option<Dataset> {
    let data = root.join("data");
    if !data.is_dir() {
        d.push(no_data_folder(codes::NO_DATA, root));
        return None;
    }
    read_from(root, &data, Some(&root.join("content")), sources, d)
}

/// Reads the data files of DATA-FORMAT.md from the folder `data` (a site's `data/`, or a
/// region's `data/municipalities/<id>/`), and the Markdown pages of `content` when given. Files
/// are named relative to `root` in messages. One short block a kind of file.
pub fn read_from(
    root: &Path,
    data: &Path,
    content: Option<&Path>,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Option<Dataset> {
    files::check_data_folder(root, data, d);
    let site =
        read_yaml(root, &data.join("site.yaml"), sources, d).and_then(|n| site::read_site(&n, d));
    let structure = optional_file(&data.join("structure.yaml"))
        .and_then(|p| read_yaml(root, &p, sources, d))
        .and_then(|n| site::read_structure(&n, d));
    let targets = optional_file(&data.join("targets.yaml"))
        .and_then(|p| read_yaml(root, &p, sources, d))
        .and_then(|n| targets::read_targets(&n, d))
        .unwrap_or_default();

    let mut paths = std::collections::BTreeMap::new();
    let reports = read_each(
        root,
        &data.join("reports"),
        (sources, &mut paths),
        d,
        |node, file, d| report::read_report(node, file, d).into_iter().collect(),
    );
    let decisions = read_each(
        root,
        &data.join("decisions"),
        (sources, &mut paths),
        d,
        |node, _, d| {
            list_of(
                node,
                Noun::new("решения", "decisions"),
                d,
                decision::read_decision,
            )
        },
    );
    let roadmaps = read_each(
        root,
        &data.join("roadmaps"),
        (sources, &mut paths),
        d,
        |node, _, d| decision::read_roadmap(node, d).into_iter().collect(),
    );
    let clarifications = read_each(
        root,
        &data.join("clarifications"),
        (sources, &mut paths),
        d,
        |node, _, d| {
            let noun = Noun::new("разъяснения", "clarifications");
            list_of(node, noun, d, clarification::read_clarification)
        },
    );
    let pages = content.map_or_else(Vec::new, |dir| read_pages(root, dir, sources, d));

    Some(Dataset {
        site: site?,
        structure,
        targets,
        reports,
        decisions,
        roadmaps,
        clarifications,
        pages,
        paths,
    })
}

/// What `read` makes of each YAML file under `dir`, in the files' order; each file's path is
/// kept in `paths` for its pages' source links.
fn read_each<T>(
    root: &Path,
    dir: &Path,
    (sources, paths): (
        &mut Sources,
        &mut std::collections::BTreeMap<FileId, String>,
    ),
    d: &mut Diagnostics,
    read: impl Fn(&crate::yaml::Node, FileId, &mut Diagnostics) -> Vec<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for path in yaml_files(root, dir, d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        paths.insert(file, sources.get(file).name.replace('\\', "/"));
        if let Some(node) = parse(sources, file, d) {
            out.extend(read(&node, file, d));
        }
    }
    out
}

/// The items of a file that holds a list (`decisions/`, `clarifications/`), each read by `item`.
fn list_of<T>(
    node: &crate::yaml::Node,
    noun: Noun,
    d: &mut Diagnostics,
    item: impl Fn(&crate::yaml::Node, &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    decode::seq(node, noun, d)
        .map(|items| items.iter().filter_map(|n| item(n, d)).collect())
        .unwrap_or_default()
}

/// The Markdown pages under `content_dir`.
pub fn read_pages(
    root: &Path,
    content_dir: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for path in files::list(root, content_dir, files::MARKDOWN, d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        // The address comes from the path: `news/x.markdown` and `About.MD` as `….md`.
        let rel = format!(
            "{}.md",
            files::MARKDOWN.stem(&files::shown(content_dir, &path))
        );
        pages.extend(content::read_page(sources, file, &rel, d));
    }
    pages
}

/// `path` when something is there (a folder or a named pipe too: reading it says what it is).
fn optional_file(path: &Path) -> Option<PathBuf> {
    std::fs::symlink_metadata(path)
        .is_ok()
        .then(|| path.to_path_buf())
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
            Diagnostic::error(codes::EMPTY_FILE, t!("файл пустой", "this file is empty"))
                .in_file(file)
                .help(t!(
                    "впишите данные или удалите файл; заготовку отчёта за месяц даёт `vitrina new-month`",
                    "fill in the data or delete the file; `vitrina new-month` writes a month's report to fill in"
                )),
        );
        return None;
    }
    Some(node)
}

pub use files::MAX_FILE_BYTES;

/// Reads a file into `sources`; an unreadable, oversized or non-UTF-8 file, or one that is not a
/// regular file, is a diagnostic.
pub(crate) fn read_source(
    root: &Path,
    path: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Option<FileId> {
    let bytes = match files::read_limited(path) {
        Ok(bytes) => bytes,
        Err(why) => {
            d.push(files::unread(files::shown(root, path), why));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(sources.add(root, path, text)),
        Err(e) => {
            // Keep the file with its bad bytes replaced, so that the message can show the line:
            // the text before the first bad byte is the same in both, so is its offset.
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = sources.add(root, path, text);
            d.push(
                Diagnostic::error(
                    codes::ENCODING,
                    t!(
                        "файл сохранён не в кодировке UTF-8",
                        "this file is not UTF-8 text"
                    ),
                )
                .at(
                    Span::new(file, at, at + 1),
                    t!(
                        "первый символ не в UTF-8",
                        "the first character that is not UTF-8"
                    ),
                )
                .help(t!(
                    "сохраните файл в кодировке UTF-8 (в большинстве редакторов: «Сохранить как» → UTF-8)",
                    "save the file in the UTF-8 encoding (in most editors: «Сохранить как» → UTF-8)"
                )),
            );
            None
        }
    }
}

/// The file's bytes, if it is a regular file of at most [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, files::Unread> {
    files::read_limited(path)
}

/// The YAML files under `dir` (see [`files::list`]).
fn yaml_files(root: &Path, dir: &Path, d: &mut Diagnostics) -> Vec<PathBuf> {
    files::list(root, dir, files::YAML, d)
}
