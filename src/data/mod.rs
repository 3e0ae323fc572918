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
pub mod http_url;
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
pub fn validate(mut ds: Dataset, sources: &Sources, d: &mut Diagnostics) -> Valid {
    validate::check(&mut ds, sources, d);
    Valid(ds)
}

/// Reads and validates a site root: [`read`], then [`validate`].
pub fn load(root: &Path, sources: &mut Sources, d: &mut Diagnostics) -> Option<Valid> {
    let ds = read(root, sources, d)?;
    Some(validate(ds, sources, d))
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
/// otherwise the dataset holds what could be read, and `d` says what could not. Long because it
/// is the list of the files of DATA-FORMAT.md, one short block a kind.
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
/// are named relative to `root` in messages.
pub fn read_from(
    root: &Path,
    data: &Path,
    content: Option<&Path>,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Option<Dataset> {
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
    for path in yaml_files(root, &data.join("reports"), d) {
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
    for path in yaml_files(root, &data.join("decisions"), d) {
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
    for path in yaml_files(root, &data.join("roadmaps"), d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let Some(node) = parse(sources, file, d) else {
            continue;
        };
        roadmaps.extend(decision::read_roadmap(&node, d));
    }
    let mut clarifications = Vec::new();
    for path in yaml_files(root, &data.join("clarifications"), d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let Some(node) = parse(sources, file, d) else {
            continue;
        };
        if let Some(items) = decode::seq(&node, Noun::new("разъяснения", "clarifications"), d)
        {
            clarifications.extend(
                items
                    .iter()
                    .filter_map(|n| clarification::read_clarification(n, d)),
            );
        }
    }
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
    })
}

/// The Markdown pages under `content_dir`.
pub fn read_pages(
    root: &Path,
    content_dir: &Path,
    sources: &mut Sources,
    d: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for path in files_with_ext(root, content_dir, &["md"], d) {
        let Some(file) = read_source(root, &path, sources, d) else {
            continue;
        };
        let rel = path
            .strip_prefix(content_dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        pages.extend(content::read_page(sources, file, &rel, d));
    }
    pages
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

/// The largest file Vitrina reads from `data/` or `content/`. The biggest real files (a year of
/// decisions, a long page) are tens of kilobytes; the limit keeps a stray export or log file from
/// taking the machine's memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file into `sources`; an unreadable, oversized or non-UTF-8 file is a diagnostic.
pub(crate) fn read_source(
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
    let bytes = match read_limited(path) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            let (mib, max) = (size / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024));
            d.push(
                Diagnostic::error(
                    codes::FILE_TOO_LARGE,
                    t!(
                        "файл слишком большой: {mib} МиБ, а Витрина читает файлы не больше {max} МиБ",
                        "this file is too large: {mib} MiB, and Vitrina reads files of at most {max} MiB"
                    ),
                )
                .in_path(shown)
                .help(t!(
                    "проверьте, что это нужный файл; большие данные разделите на несколько файлов",
                    "check that this is the right file; split large data into several files"
                )),
            );
            return None;
        }
        Err(e) => {
            d.push(Diagnostic::unreadable(shown, &e));
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

/// The file's bytes, or its size when it is over [`MAX_FILE_BYTES`]. Reads at most one byte past
/// the limit, so that a file that grows while it is read cannot pass it either.
pub(crate) fn read_limited(path: &Path) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

fn yaml_files(root: &Path, dir: &Path, d: &mut Diagnostics) -> Vec<PathBuf> {
    files_with_ext(root, dir, &["yaml", "yml"], d)
}

/// Files under `dir` with one of the extensions, sorted, so that the order of diagnostics and
/// pages does not depend on the file system.
///
/// A symbolic link (to a file or a folder) is followed when it leads to a place inside the site
/// root, as a publisher who links a shared file expects; one that leads outside is refused with a
/// diagnostic, since the site would then publish whatever happens to lie there. Hidden files and
/// files with other extensions are left alone, as they always were.
fn files_with_ext(root: &Path, dir: &Path, exts: &[&str], d: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        match entry {
            Ok(e) => {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                if e.path_is_symlink() && !hidden {
                    let inside = std::fs::canonicalize(e.path())
                        .is_ok_and(|target| target.starts_with(&canonical_root));
                    if !inside {
                        d.push(symlink_outside(root, e.path()));
                        if e.file_type().is_dir() {
                            walk.skip_current_dir();
                        }
                        continue;
                    }
                }
                if !e.file_type().is_file() {
                    continue;
                }
                let ext = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .unwrap_or_default();
                if !hidden && exts.contains(&ext) {
                    out.push(e.into_path());
                }
            }
            Err(err) => d.push(
                Diagnostic::error(
                    codes::READ,
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

fn symlink_outside(root: &Path, link: &Path) -> Diagnostic {
    let shown = link
        .strip_prefix(root)
        .unwrap_or(link)
        .display()
        .to_string();
    let target = std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    Diagnostic::error(
        codes::SYMLINK_OUTSIDE,
        t!(
            "символическая ссылка ведёт за пределы папки сайта: {target}",
            "this symbolic link leads outside the site's folder: {target}"
        ),
    )
    .in_path(shown)
    .help(t!(
        "скопируйте файл в папку сайта вместо ссылки: Витрина публикует только то, что лежит в ней",
        "copy the file into the site's folder instead of linking it: Vitrina publishes only what lies inside"
    ))
}
