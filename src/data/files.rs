//! Finding and reading a site's files: which files under `data/` and `content/` are read, and
//! each one read whole, within a size limit, and only when it is a regular file.
//!
//! Nothing is passed over in silence. A file is read when its extension is one its folder holds,
//! in any case (`2025-03.YAML`, `about.MD`, `news.markdown`); any other file is a warning naming
//! it (`file-ignored`), so that `check --strict` never passes while a month is left out for its
//! spelling. Anything that is not a regular file where a file is read — a folder named like a
//! report, a named pipe, a socket, a device — is an error (`not-a-file`), found from the
//! metadata before the file is opened, so that a named pipe never blocks a build. Hidden files
//! (`.gitkeep`, an editor's `.2025-03.yaml.swp`) are left alone.

use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::t;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// The largest file Vitrina reads from `data/` or `content/`. The biggest real files (a year of
/// decisions, a long page) are tens of kilobytes; the limit keeps a stray export or log file from
/// taking the machine's memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The files a folder holds: their extensions (compared without case) and how messages name them.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub exts: &'static [&'static str],
    ru: &'static str,
    en: &'static str,
}

/// The data files: `.yaml` or `.yml`.
pub const YAML: Kind = Kind {
    exts: &["yaml", "yml"],
    ru: "файлы YAML (.yaml или .yml)",
    en: "YAML files (.yaml or .yml)",
};

/// The pages of `content/`: `.md` or `.markdown`.
pub const MARKDOWN: Kind = Kind {
    exts: &["md", "markdown"],
    ru: "страницы Markdown (.md или .markdown)",
    en: "Markdown pages (.md or .markdown)",
};

impl Kind {
    /// Whether `path`'s extension is one of this kind's, in any case.
    pub fn holds(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| self.exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
    }

    /// `path` without its extension: `reports/2025-03.YAML` → `reports/2025-03`.
    pub fn stem<'a>(&self, path: &'a str) -> &'a str {
        match path.rsplit_once('.') {
            Some((stem, ext)) if self.exts.iter().any(|e| ext.eq_ignore_ascii_case(e)) => stem,
            _ => path,
        }
    }
}

/// What a thing that is not a regular file is, for messages: «папка», «именованный канал (FIFO)».
pub fn what_is(ft: FileType) -> Text {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return t!("именованный канал (FIFO)", "a named pipe (FIFO)");
        }
        if ft.is_socket() {
            return t!("сокет", "a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return t!("файл устройства", "a device");
        }
    }
    if ft.is_dir() {
        t!("папка", "a folder")
    } else if ft.is_symlink() {
        t!("символическая ссылка", "a symbolic link")
    } else {
        t!("не обычный файл", "not a regular file")
    }
}

/// The error for `shown`, which is `what` where a file is read.
pub fn not_a_file(shown: impl Into<String>, what: &Text) -> Diagnostic {
    let (ru, en) = (&what.ru, &what.en);
    Diagnostic::error(
        codes::NOT_A_FILE,
        t!(
            "это {ru}, а не файл: Витрина читает только обычные файлы",
            "this is {en}, not a file: Vitrina reads only regular files"
        ),
    )
    .in_path(shown)
    .help(t!(
        "замените его обычным файлом или уберите из папки сайта",
        "replace it with a regular file, or move it out of the site's folder"
    ))
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Unread {
    Io(std::io::Error),
    /// Over [`MAX_FILE_BYTES`]: its size.
    TooLarge(u64),
    /// Not a regular file: what it is.
    NotAFile(Text),
}

impl From<std::io::Error> for Unread {
    fn from(e: std::io::Error) -> Self {
        Unread::Io(e)
    }
}

/// The file's bytes, if it is a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Unread> {
    read_at_most(path, MAX_FILE_BYTES)
}

/// The file's bytes, if it is a regular file of at most `limit` bytes. A path that is not a
/// regular file (after symbolic links) is refused before it is opened, since opening a named
/// pipe waits for a writer. Reads at most one byte past the limit, so that a file that grows
/// while it is read cannot pass it either.
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Unread::NotAFile(what_is(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(Unread::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The diagnostic for a file that was not read, shown as `shown`.
pub fn unread(shown: String, why: Unread) -> Diagnostic {
    match why {
        Unread::Io(e) => Diagnostic::unreadable(shown, &e),
        Unread::NotAFile(what) => not_a_file(shown, &what),
        Unread::TooLarge(size) => {
            let (mib, max) = (size / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024));
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
            ))
        }
    }
}

/// `path` relative to `root`, with `/` separators, as messages show it.
pub fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The files of `kind` under `dir`, sorted, so that the order of diagnostics and pages does not
/// depend on the file system; every other entry is a diagnostic (see the module's header).
///
/// A symbolic link (to a file or a folder) is followed when it leads to a place inside the site
/// root, as a publisher who links a shared file expects; one that leads outside is refused with a
/// diagnostic, since the site would then publish whatever happens to lie there.
pub fn list(root: &Path, dir: &Path, kind: Kind, d: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Hidden entries are left alone, links or not.
    let mut walk = Walk::new(root, dir, 0)
        .passing_over(|e| e.depth() == 0 || e.file_name().to_string_lossy().starts_with('.'));
    while let Some(e) = walk.next_entry(d, |err| cannot_list(dir, err)) {
        let ft = e.file_type();
        if ft.is_file() && kind.holds(e.path()) {
            out.push(e.into_path());
        } else if ft.is_file() {
            d.push(ignored(root, dir, e.path(), kind));
        } else if ft.is_dir() && kind.holds(e.path()) {
            // `2025-03.yaml/`: a report that became a folder. Its contents are not read either.
            d.push(not_a_file(shown(root, e.path()), &what_is(ft)));
            walk.skip_current_dir();
        } else if !ft.is_dir() {
            d.push(not_a_file(shown(root, e.path()), &what_is(ft)));
        }
    }
    out
}

/// A folder under the site's root walked in name order, following symbolic links that lead
/// inside the root; one that leads outside is refused with a diagnostic ([`symlink_outside`]),
/// and nothing beneath it is read.
pub struct Walk {
    root: PathBuf,
    canonical_root: PathBuf,
    entries: walkdir::IntoIter,
    passes_over: fn(&walkdir::DirEntry) -> bool,
}

impl Walk {
    /// Walks `dir`, from entries `min_depth` below it (0: `dir` itself too).
    pub fn new(root: &Path, dir: &Path, min_depth: usize) -> Walk {
        Walk {
            root: root.to_path_buf(),
            canonical_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            entries: walkdir::WalkDir::new(dir)
                .min_depth(min_depth)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter(),
            passes_over: |_| false,
        }
    }

    /// Leaves out, unseen, the entries `passes_over` tells (before their links are followed).
    pub fn passing_over(self, passes_over: fn(&walkdir::DirEntry) -> bool) -> Walk {
        Walk {
            passes_over,
            ..self
        }
    }

    /// The next entry: a file, a folder or anything else. One that cannot be listed is reported
    /// as `unlisted` says, and the walk goes on.
    pub fn next_entry(
        &mut self,
        d: &mut Diagnostics,
        unlisted: impl Fn(&walkdir::Error) -> Diagnostic,
    ) -> Option<walkdir::DirEntry> {
        loop {
            let entry = match self.entries.next()? {
                Ok(e) => e,
                Err(err) => {
                    d.push(unlisted(&err));
                    continue;
                }
            };
            if (self.passes_over)(&entry) {
                continue;
            }
            if entry.path_is_symlink()
                && !std::fs::canonicalize(entry.path())
                    .is_ok_and(|target| target.starts_with(&self.canonical_root))
            {
                d.push(symlink_outside(&self.root, entry.path()));
                if entry.file_type().is_dir() {
                    self.entries.skip_current_dir();
                }
                continue;
            }
            return Some(entry);
        }
    }

    /// Reads nothing more under the folder of the entry last given.
    pub fn skip_current_dir(&mut self) {
        self.entries.skip_current_dir();
    }
}

/// The error for a folder (or an entry of it) that could not be listed.
pub fn cannot_list(dir: &Path, err: &walkdir::Error) -> Diagnostic {
    Diagnostic::error(
        codes::READ,
        t!(
            "не удаётся прочитать содержимое папки: {err}",
            "cannot list a folder: {err}"
        ),
    )
    .in_path(dir.display().to_string())
}

/// The warning for a file under `dir` that is not of `kind`.
fn ignored(root: &Path, dir: &Path, path: &Path, kind: Kind) -> Diagnostic {
    let folder = format!("{}/", shown(root, dir));
    let (ru, en) = (kind.ru, kind.en);
    Diagnostic::warning(
        codes::FILE_IGNORED,
        t!(
            "этот файл не читается: в {folder} читаются только {ru}",
            "this file is not read: {folder} holds only {en}"
        ),
    )
    .in_path(shown(root, path))
    .help(t!(
        "если это данные сайта, дайте файлу расширение .{}; иначе уберите его из {folder}",
        "if it belongs to the site, give it the extension .{}; otherwise move it out of {folder}",
        kind.exts[0]
    ))
}

/// The files and folders a site's `data/` holds (a municipality's folder in a region too).
const DATA_FILES: [&str; 3] = ["site.yaml", "structure.yaml", "targets.yaml"];
const DATA_FOLDERS: [&str; 4] = ["reports", "decisions", "roadmaps", "clarifications"];

/// The entries of `data` that are none of [`DATA_FILES`] and [`DATA_FOLDERS`]: each a warning
/// (`targets.yml`, `Site.yaml`, a folder `report/`), or an error when it is not a file at all.
/// The three files keep their exact names: commands read `site.yaml` before anything else.
pub fn check_data_folder(root: &Path, data: &Path, d: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(data) else {
        return;
    };
    let mut names: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    names.sort();
    for (name, path) in names {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let known = if meta.is_dir() {
            DATA_FOLDERS.contains(&name.as_str())
        } else {
            DATA_FILES.contains(&name.as_str())
        };
        // A known file that is not a file is read, and refused, as any other.
        if known || DATA_FILES.contains(&name.as_str()) {
            continue;
        }
        if !meta.is_dir() && !meta.is_file() {
            d.push(not_a_file(shown(root, &path), &what_is(meta.file_type())));
            continue;
        }
        let like = |known: &[&str]| {
            let stem = YAML.stem(&name).to_lowercase();
            known
                .iter()
                .find(|k| YAML.stem(k) == stem || k.trim_end_matches('s') == stem)
                .map(|k| k.to_string())
        };
        let rename = if meta.is_dir() {
            like(&DATA_FOLDERS).map(|k| format!("{k}/"))
        } else {
            like(&DATA_FILES)
        };
        let help = match rename {
            Some(k) => t!("переименуйте в {k}", "rename it to {k}"),
            None => t!(
                "в data/ Витрина читает site.yaml, structure.yaml, targets.yaml и папки reports/, decisions/, roadmaps/, clarifications/",
                "in data/ Vitrina reads site.yaml, structure.yaml, targets.yaml and the folders reports/, decisions/, roadmaps/, clarifications/"
            ),
        };
        let message = if meta.is_dir() {
            t!("эта папка не читается", "this folder is not read")
        } else {
            t!("этот файл не читается", "this file is not read")
        };
        d.push(
            Diagnostic::warning(codes::FILE_IGNORED, message)
                .in_path(shown(root, &path))
                .help(help),
        );
    }
}

/// The error for a symbolic link that leads outside the site's folder.
pub fn symlink_outside(root: &Path, link: &Path) -> Diagnostic {
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
    .in_path(shown(root, link))
    .help(t!(
        "скопируйте файл в папку сайта вместо ссылки: Витрина публикует только то, что лежит в ней",
        "copy the file into the site's folder instead of linking it: Vitrina publishes only what lies inside"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_compared_without_case() {
        for name in ["2025-03.yaml", "2025-03.YAML", "2025-03.yml", "2025-03.Yml"] {
            assert!(YAML.holds(Path::new(name)), "{name}");
        }
        for name in ["2025-03.yaml~", "2025-03.json", "2025-03", "yaml"] {
            assert!(!YAML.holds(Path::new(name)), "{name}");
        }
        assert!(MARKDOWN.holds(Path::new("about.MD")));
        assert!(MARKDOWN.holds(Path::new("news/x.markdown")));
        assert_eq!(YAML.stem("reports/2025-03.YAML"), "reports/2025-03");
        assert_eq!(MARKDOWN.stem("news/x.markdown"), "news/x");
        assert_eq!(MARKDOWN.stem("notes.txt"), "notes.txt");
    }
}
