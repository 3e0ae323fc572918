//! The only module that writes the site to disk, and the only one that deletes anything.
//!
//! **The output folder belongs to Vitrina.** Publishing replaces `--out` whole, so Vitrina must be
//! sure that everything in it is its own before it does. Every build leaves a manifest,
//! [`MANIFEST`], in the folder: a first line that says what it is, then every file the build
//! wrote, sorted (the same input gives the same bytes). A build refuses, before it writes
//! anything, an `--out` that is the site's folder, holds it, or lies in its `data/`, `content/`
//! or `themes/`; that is a file; that is a non-empty folder without a manifest; or that holds a
//! file its manifest does not list (a file a person put there, which a build would delete).
//! Paths are compared after resolving symlinks and `..`, so no spelling of a path gets around it.
//!
//! **One atomic swap.** A [`Staging`] folder beside `--out` (same parent, so the same file
//! system) receives the files; [`Staging::commit`] writes the manifest and exchanges the two
//! folders in one `renameat2(RENAME_EXCHANGE)` on Linux. At every instant `--out` is either the
//! old site or the new one.
//!
//! **The old tree is kept as a spare and reused.** Creating ten thousand folders and files is
//! most of a large build's time on some file systems, and removing them as much again; rewriting
//! a file with the bytes it already holds costs a read. So the tree that the swap moves out is
//! renamed `.NAME.vitrina-spare` instead of deleted, and the next build adopts it as its staging
//! folder: a file whose bytes are unchanged is left alone, a changed one is rewritten, a file the
//! new build does not make is removed, and the swap follows as before. The spare costs the disk a
//! second copy of the site. It is adopted only when its manifest lists everything in it; a spare
//! holding anything else is left alone, never deleted. Elsewhere, and on
//! file systems without `renameat2`, it takes two renames (`out` → `.NAME.vitrina-old`, staging →
//! `out`); a build killed between them leaves no `out`, and the next build puts the old one back.
//!
//! **One build at a time.** `.NAME.vitrina-lock` beside `--out` is locked for the whole write; a
//! second build waits for the first. It is an empty file and stays: removing it race-free would
//! need every waiter to re-check it after locking, which buys nothing but a tidier folder (the
//! `.gitignore` of `init` ignores it). Holding the lock, a build removes what killed builds left
//! beside `--out`: any `.NAME.vitrina-*` folder, but only one that carries the manifest's first
//! line, so that nothing foreign is deleted.
//!
//! [`Staging::write_file`] takes `&self` and may be called from several threads, so that pages can
//! be streamed into the staging folder as they are rendered; [`write`] writes a whole [`Output`].

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;

use crate::diag::Text;
use crate::t;

/// The rendered site: relative path (with `/`) → file contents, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    /// Shared, so that `serve` can hand on a region's unchanged files to the next snapshot
    /// without copying them.
    files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl Output {
    pub fn insert(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, Arc::new(bytes));
    }

    /// [`Output::insert`] for bytes another holder keeps too.
    pub fn insert_shared(&mut self, path: String, bytes: Arc<Vec<u8>>) {
        self.files.insert(path, bytes);
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| b.as_slice())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.files.iter().map(|(p, b)| (p, &**b))
    }

    /// The files, by value.
    pub fn into_files(self) -> impl Iterator<Item = (String, Vec<u8>)> {
        self.files
            .into_iter()
            .map(|(p, b)| (p, Arc::unwrap_or_clone(b)))
    }

    /// Total size in bytes.
    pub fn bytes(&self) -> usize {
        self.files.values().map(|b| b.len()).sum()
    }
}

/// The file in every output folder that lists what Vitrina wrote there.
pub const MANIFEST: &str = ".vitrina-manifest";

/// The manifest's first line, by which Vitrina knows a folder for its own.
const MANIFEST_HEAD: &str =
    "# vitrina-manifest 1: the files vitrina build wrote here; the next build replaces them";

/// The site's folders of sources, which no output may lie in.
const SOURCES: [&str; 3] = ["data", "content", "themes"];

/// Why the site was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the output folder {} is the site's own folder", out.display())]
    IsRoot { out: PathBuf },
    #[error("the output folder {} contains the site's folder {}", out.display(), root.display())]
    ContainsRoot { out: PathBuf, root: PathBuf },
    #[error("the output folder {} lies inside {folder}/ of the site", out.display())]
    InsideSources { out: PathBuf, folder: &'static str },
    #[error("{} is not a folder", out.display())]
    NotAFolder { out: PathBuf },
    #[error("{} is not empty and was not made by Vitrina", out.display())]
    NotVitrinas { out: PathBuf },
    #[error("{} holds files Vitrina did not write: {}", out.display(), files.join(", "))]
    Foreign { out: PathBuf, files: Vec<String> },
    #[error("a file of the site has a path that cannot be written: {rel:?}")]
    BadPath { rel: String },
    #[error("cannot write the site: {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl WriteError {
    /// A stable identifier, for tests and machine-readable output.
    pub fn code(&self) -> &'static str {
        match self {
            WriteError::IsRoot { .. } => "out-is-root",
            WriteError::ContainsRoot { .. } => "out-contains-root",
            WriteError::InsideSources { .. } => "out-inside-sources",
            WriteError::NotAFolder { .. } => "out-not-a-folder",
            WriteError::NotVitrinas { .. } => "out-not-vitrinas",
            WriteError::Foreign { .. } => "out-foreign-files",
            WriteError::BadPath { .. } => "out-bad-path",
            WriteError::Io { .. } => "write",
        }
    }

    /// What went wrong, in both languages (`Display` gives a shorter English).
    pub fn message(&self) -> Text {
        match self {
            WriteError::IsRoot { out } => {
                let out = out.display();
                t!(
                    "папка вывода {out} — это сама папка сайта: сборка заменила бы её целиком, \
                     вместе с data/ и content/",
                    "the output folder {out} is the site's own folder: a build would replace it \
                     whole, data/ and content/ included"
                )
            }
            WriteError::ContainsRoot { out, root } => {
                let (out, root) = (out.display(), root.display());
                t!(
                    "папка вывода {out} содержит папку сайта {root}: сборка заменила бы её \
                     целиком, вместе с исходными файлами",
                    "the output folder {out} contains the site's folder {root}: a build would \
                     replace it whole, the sources included"
                )
            }
            WriteError::InsideSources { out, folder } => {
                let out = out.display();
                t!(
                    "папка вывода {out} лежит внутри {folder}/ — папки исходных файлов сайта",
                    "the output folder {out} lies inside {folder}/, a folder of the site's sources"
                )
            }
            WriteError::NotAFolder { out } => {
                let out = out.display();
                t!(
                    "{out} — не папка: Vitrina собирает сайт в папку и не заменяет файлы",
                    "{out} is not a folder: Vitrina builds the site into a folder and does not \
                     replace files"
                )
            }
            WriteError::NotVitrinas { out } => {
                let out = out.display();
                t!(
                    "папка {out} не пуста, и собрала её не Vitrina (в ней нет файла \
                     {MANIFEST}); Vitrina не удаляет чужие файлы",
                    "{out} is not empty and was not made by Vitrina (it has no {MANIFEST} file); \
                     Vitrina does not delete files it did not write"
                )
            }
            WriteError::Foreign { out, files } => {
                let out = out.display();
                let list = shorten(files);
                t!(
                    "в папке вывода {out} есть файлы, которых Vitrina не записывала: {list}; \
                     сборка заменила бы папку целиком и удалила бы их",
                    "the output folder {out} holds files Vitrina did not write: {list}; a build \
                     would replace the folder whole and delete them"
                )
            }
            WriteError::BadPath { rel } => t!(
                "у файла сайта недопустимый путь: {rel:?}",
                "a file of the site has a path that cannot be written: {rel:?}"
            ),
            WriteError::Io { path, source } => {
                let path = path.display();
                t!(
                    "не удалось записать сайт: {path}: {source}",
                    "cannot write the site: {path}: {source}"
                )
            }
        }
    }

    /// The likely fix.
    pub fn help(&self) -> Text {
        match self {
            WriteError::IsRoot { .. }
            | WriteError::ContainsRoot { .. }
            | WriteError::InsideSources { .. } => t!(
                "не указывайте --out, и сайт соберётся в папку public/ внутри папки сайта; \
                 или укажите в --out отдельную новую папку",
                "leave out --out, and the site goes to public/ in the site's folder; or name a \
                 new folder of its own in --out"
            ),
            WriteError::NotAFolder { .. } => t!(
                "укажите в --out новую или пустую папку или папку, куда Vitrina уже собирала сайт",
                "name in --out a new or empty folder, or one Vitrina built the site into before"
            ),
            WriteError::NotVitrinas { .. } => t!(
                "укажите в --out новую или пустую папку; если в этой папке сайт, собранный \
                 прежней версией Vitrina, удалите её один раз сами",
                "name a new or empty folder in --out; if this one holds a site built by an older \
                 Vitrina, delete it yourself once"
            ),
            WriteError::Foreign { out, .. } => {
                let out = out.display();
                t!(
                    "чтобы опубликовать файл вместе с сайтом, положите его в \
                     themes/default/static/ (на сайте он будет в /static/), уберите его из {out} \
                     и соберите сайт снова",
                    "to publish a file with the site, put it in themes/default/static/ (the site \
                     serves it under /static/), move it out of {out} and build again"
                )
            }
            WriteError::BadPath { .. } => t!(
                "переименуйте файл в content/ или themes/: без переводов строки, обратной косой \
                 черты и `..` в имени",
                "rename the file in content/ or themes/: no line breaks, backslashes or `..` in \
                 its name"
            ),
            WriteError::Io { .. } => t!(
                "проверьте, что папку можно создать и в неё можно писать и что на диске есть место",
                "check that the folder can be created and written to, and that the disk has room"
            ),
        }
    }
}

/// The first few names of a long list, and how many more there are.
fn shorten(files: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = files
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > SHOWN {
        s.push_str(&format!(" (+{})", files.len() - SHOWN));
    }
    s
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Refuses an `--out` that a build must not replace (see the module's documentation); writes
/// nothing. A new folder or an empty one is fine.
pub fn check_out(out: &Path, root: &Path) -> Result<(), WriteError> {
    Place::inspect(out, root).map(|_| ())
}

/// Writes a whole rendered site to `out`; `on_wait` is called once if another build holds it.
pub fn write(
    output: &Output,
    out: &Path,
    root: &Path,
    on_wait: impl FnOnce(&Path),
) -> Result<(), WriteError> {
    let staging = Staging::begin(out, root, on_wait)?;
    output
        .files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.write_file(rel, bytes))?;
    staging.commit()
}

/// An output folder that passed the checks, and the names beside it.
#[derive(Debug)]
struct Place {
    /// `--out` as the user gave it, for messages.
    shown: PathBuf,
    /// `--out` resolved: absolute, without symlinks or `..`.
    out: PathBuf,
    parent: PathBuf,
    name: OsString,
}

impl Place {
    /// Resolves `out` and checks it against `root` and against what it holds.
    fn inspect(out: &Path, root: &Path) -> Result<Place, WriteError> {
        let place = Place::locate(out, root)?;
        place.check_contents()?;
        Ok(place)
    }

    /// [`Place::inspect`] without reading the whole tree: what a folder holds beyond its manifest
    /// is checked once, under the lock.
    fn locate(out: &Path, root: &Path) -> Result<Place, WriteError> {
        let shown = out.to_path_buf();
        let resolved = resolve(out)?;
        let root = resolve(root)?;
        if resolved == root {
            return Err(WriteError::IsRoot { out: shown });
        }
        let contains_root = || WriteError::ContainsRoot {
            out: shown.clone(),
            root: root.clone(),
        };
        if root.starts_with(&resolved) {
            return Err(contains_root());
        }
        for folder in SOURCES {
            if resolved.starts_with(resolve(&root.join(folder))?) {
                return Err(WriteError::InsideSources { out: shown, folder });
            }
        }
        let (Some(parent), Some(name)) = (resolved.parent(), resolved.file_name()) else {
            return Err(contains_root());
        };
        let place = Place {
            parent: parent.to_path_buf(),
            name: name.to_os_string(),
            out: resolved.clone(),
            shown,
        };
        place.check_owner()?;
        Ok(place)
    }

    /// Missing, an empty folder, or a folder with Vitrina's manifest: what the manifest says the
    /// folder holds, the files listed, `None` for nothing to check.
    fn check_owner(&self) -> Result<Option<BTreeSet<String>>, WriteError> {
        let meta = match fs::symlink_metadata(&self.out) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_at(&self.out)(e)),
        };
        if !meta.is_dir() {
            return Err(WriteError::NotAFolder {
                out: self.shown.clone(),
            });
        }
        let mut entries = fs::read_dir(&self.out).map_err(io_at(&self.out))?;
        if entries.next().is_none() {
            return Ok(None);
        }
        match read_manifest(&self.out) {
            Some(listed) => Ok(Some(listed)),
            None => Err(WriteError::NotVitrinas {
                out: self.shown.clone(),
            }),
        }
    }

    /// Missing, an empty folder, or a folder whose every file its manifest lists.
    fn check_contents(&self) -> Result<(), WriteError> {
        let Some(listed) = self.check_owner()? else {
            return Ok(());
        };
        let files = foreign_files(&self.out, &listed)?;
        if files.is_empty() {
            Ok(())
        } else {
            Err(WriteError::Foreign {
                out: self.shown.clone(),
                files,
            })
        }
    }

    /// `.NAME.vitrina-SUFFIX` in the same parent.
    fn beside(&self, suffix: &str) -> PathBuf {
        self.parent.join(self.beside_name(suffix))
    }

    fn beside_name(&self, suffix: &str) -> OsString {
        let mut s = OsString::from(".");
        s.push(&self.name);
        s.push(".vitrina-");
        s.push(suffix);
        s
    }
}

/// `p` as the kernel would resolve it: absolute, every symlink of the part that exists followed,
/// `.` and `..` gone. The part that does not exist yet is taken as written.
fn resolve(p: &Path) -> Result<PathBuf, WriteError> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_err(io_at(p))?.join(p)
    };
    let mut acc = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => acc.push(c),
            Component::CurDir => {}
            // `acc` has no symlinks left in it, so going up by name is going up for real.
            Component::ParentDir => {
                acc.pop();
            }
            Component::Normal(n) => {
                acc.push(n);
                if let Ok(real) = fs::canonicalize(&acc) {
                    acc = real;
                }
            }
        }
    }
    Ok(acc)
}

/// The files the manifest in `dir` lists, or `None` when `dir` has no manifest of Vitrina's.
fn read_manifest(dir: &Path) -> Option<BTreeSet<String>> {
    let path = dir.join(MANIFEST);
    if !fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MANIFEST_HEAD {
        return None;
    }
    Some(
        lines
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Everything under `dir` that neither its manifest lists nor holds a listed file: a foreign
/// folder is named once, with a `/`, and not gone into.
fn foreign_files(dir: &Path, listed: &BTreeSet<String>) -> Result<Vec<String>, WriteError> {
    let folders: BTreeSet<&str> = listed
        .iter()
        .flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i]))
        .collect();
    let mut foreign = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            io_at(&path)(e.into())
        })?;
        let inside = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = match inside.to_str() {
            Some(r) if std::path::MAIN_SEPARATOR == '/' => r.to_string(),
            _ => inside
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            if !folders.contains(rel.as_str()) {
                foreign.push(format!("{rel}/"));
                walk.skip_current_dir();
            }
        } else if !(kind.is_file() && (listed.contains(&rel) || rel == MANIFEST)) {
            foreign.push(rel);
        }
    }
    Ok(foreign)
}

/// Puts back the last good site when a build died between the two renames of the portable swap:
/// `out` gone and `.NAME.vitrina-old` there.
fn restore_old(place: &Place) -> Result<(), WriteError> {
    let old = place.beside("old");
    let out_missing =
        matches!(fs::symlink_metadata(&place.out), Err(e) if e.kind() == io::ErrorKind::NotFound);
    if out_missing && is_vitrinas_folder(&old) {
        fs::rename(&old, &place.out).map_err(io_at(&place.out))?;
    }
    Ok(())
}

fn is_vitrinas_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) && read_manifest(path).is_some()
}

/// Removes the staging and old folders of builds that died, which no live build can own while we
/// hold the lock. Only folders with a manifest: a folder of the same name that Vitrina did not
/// make stays.
fn remove_leftovers(place: &Place) -> Result<(), WriteError> {
    let prefix = place.beside_name("");
    let lock = place.beside_name("lock");
    for entry in fs::read_dir(&place.parent).map_err(io_at(&place.parent))? {
        let entry = entry.map_err(io_at(&place.parent))?;
        let name = entry.file_name();
        if name == lock || name == place.beside_name("spare") || !starts_with(&name, &prefix) {
            continue;
        }
        let path = entry.path();
        if is_vitrinas_folder(&path) {
            // One that cannot be removed harms no build; the next run tries again.
            let _ = fs::remove_dir_all(&path);
        }
    }
    Ok(())
}

/// The spare tree beside `out` with the files its manifest lists, when it is Vitrina's and holds
/// nothing else. A spare with anything foreign in it is left where it is.
fn adopt_spare(place: &Place) -> Result<Option<(PathBuf, BTreeSet<String>)>, WriteError> {
    let spare = place.beside("spare");
    if !fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir()) {
        return Ok(None);
    }
    let Some(listed) = read_manifest(&spare) else {
        return Ok(None);
    };
    if !foreign_files(&spare, &listed)?.is_empty() {
        return Ok(None);
    }
    Ok(Some((spare, listed)))
}

/// Writes `bytes` at `path`, making its folder first unless `made` says it exists: on some file
/// systems even a `mkdir` that finds the folder there costs as much as creating a file.
fn put(path: &Path, bytes: &[u8], made: &Mutex<BTreeSet<PathBuf>>) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        let known = crate::sync::lock(made).contains(parent);
        if !known {
            fs::create_dir_all(parent)?;
            crate::sync::lock(made).insert(parent.to_path_buf());
        }
    }
    fs::write(path, bytes)
}

/// Removes, inside the staging folder `dir`, a file where a folder of `rel` must go and a folder
/// where `rel` itself must go.
fn clear_way(dir: &Path, rel: &str) {
    let mut at = dir.to_path_buf();
    for part in rel.split('/') {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() && at == dir.join(rel) => {
                let _ = fs::remove_dir_all(&at);
            }
            Ok(m) if !m.is_dir() && at != dir.join(rel) => {
                let _ = fs::remove_file(&at);
                return;
            }
            _ => {}
        }
    }
}

/// True when the file at `path` holds exactly `bytes` (compared only when the sizes agree).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// Removes the files `stale` names under `dir` (Vitrina's, from the manifest of the spare), and
/// the folders they leave empty.
fn remove_stale<'a>(dir: &Path, stale: impl Iterator<Item = &'a String>) -> Result<(), WriteError> {
    let mut folders = BTreeSet::new();
    for rel in stale {
        let path = dir.join(rel);
        // A stale name that is now a folder (or lies under a file) was taken over by this build.
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&path).map_err(io_at(&path))?;
        }
        let mut parent = Path::new(rel).parent();
        while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
            folders.insert(p.to_path_buf());
            parent = p.parent();
        }
    }
    // Deepest first; a folder that still holds files stays.
    for folder in folders.iter().rev() {
        let _ = fs::remove_dir(dir.join(folder));
    }
    Ok(())
}

fn starts_with(name: &OsStr, prefix: &OsStr) -> bool {
    name.as_encoded_bytes()
        .starts_with(prefix.as_encoded_bytes())
}

/// Takes the lock beside `out`, waiting (and saying so through `on_wait`) while another build
/// holds it. The lock goes with the returned file.
fn lock(place: &Place, on_wait: impl FnOnce(&Path)) -> Result<Option<File>, WriteError> {
    let path = place.beside("lock");
    let file = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(&path)
        .map_err(io_at(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => {
            on_wait(&place.shown);
            file.lock().map_err(io_at(&path))?;
            Ok(Some(file))
        }
        // A file system without locks (some network shares) should not stop a build that is
        // almost always the only one.
        Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(io_at(&path)(e)),
    }
}

/// A folder beside `--out` that a build writes into, and swaps in by [`Staging::commit`]. Dropped
/// without a commit, it is removed and `--out` stays as it was.
#[derive(Debug)]
pub struct Staging {
    place: Place,
    root: PathBuf,
    dir: PathBuf,
    /// The files the adopted spare held (its manifest), which may be kept when unchanged.
    reused: BTreeSet<String>,
    written: Mutex<BTreeSet<String>>,
    /// Files that held the same bytes already, for the summary of `--verbose`.
    unchanged: std::sync::atomic::AtomicUsize,
    /// Folders made (or found) by this build.
    made: Mutex<BTreeSet<PathBuf>>,
    /// Set once the folder has been swapped in, when nothing is left to remove on drop.
    committed: bool,
    /// Held until the staging folder is gone, dropped after it (fields drop after `Drop::drop`).
    _lock: Option<File>,
}

impl Staging {
    /// Checks `out`, takes the lock beside it (calling `on_wait` once if another build has it),
    /// clears what killed builds left and creates the staging folder.
    pub fn begin(
        out: &Path,
        root: &Path,
        on_wait: impl FnOnce(&Path),
    ) -> Result<Staging, WriteError> {
        // Checked first so that a refused `--out` gets not even a lock file beside it.
        let place = Place::locate(out, root)?;
        fs::create_dir_all(&place.parent).map_err(io_at(&place.parent))?;
        let lock = lock(&place, on_wait)?;
        restore_old(&place)?;
        // Again, now that no other build can change it.
        place.check_contents()?;
        let spare = adopt_spare(&place)?;
        remove_leftovers(&place)?;
        let dir = place.beside(&format!("staging-{}", std::process::id()));
        let reused = match spare {
            Some((path, listed)) if fs::rename(&path, &dir).is_ok() => listed,
            _ => {
                fs::create_dir(&dir).map_err(io_at(&dir))?;
                BTreeSet::new()
            }
        };
        let staging = Staging {
            place,
            root: root.to_path_buf(),
            dir,
            reused,
            written: Mutex::new(BTreeSet::new()),
            unchanged: std::sync::atomic::AtomicUsize::new(0),
            made: Mutex::new(BTreeSet::new()),
            committed: false,
            _lock: lock,
        };
        // The head alone marks the folder as Vitrina's, so that a build killed while writing
        // leaves a folder the next one knows it may remove.
        staging.write_manifest(&BTreeSet::new())?;
        Ok(staging)
    }

    /// `.NAME.vitrina-cache` beside `--out`: what builds keep between them that is no part of
    /// the site (drawn share cards).
    pub fn cache_dir(&self) -> PathBuf {
        self.place.beside("cache")
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes one file of the site, `rel` a relative path with `/`. Safe from several threads.
    pub fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        if !is_plain_relative(rel) {
            return Err(WriteError::BadPath { rel: rel.into() });
        }
        let path = self.dir.join(rel);
        if self.reused.contains(rel) && holds(&path, bytes) {
            self.unchanged
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        } else if put(&path, bytes, &self.made).is_err() {
            // In an adopted spare a page may have become a folder or the other way round: what
            // is in the way is Vitrina's (the spare held nothing else), so it goes.
            clear_way(&self.dir, rel);
            crate::sync::lock(&self.made).clear();
            put(&path, bytes, &self.made).map_err(io_at(&path))?;
        }
        crate::sync::lock(&self.written).insert(rel.to_string());
        Ok(())
    }

    /// How many files already held the bytes they were given (in an adopted spare).
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Removes what the spare held and this build did not write, writes the manifest, swaps the
    /// staging folder in for `--out` and keeps the old site as the next build's spare.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let written = std::mem::take(&mut *crate::sync::lock(&self.written));
        remove_stale(&self.dir, self.reused.difference(&written))?;
        self.write_manifest(&written)?;
        // Once more just before the swap: a file put into `--out` while we wrote would be lost.
        let place = Place::inspect(&self.place.out, &self.root)?;
        let old = swap(&self.dir, &place)?;
        self.committed = true;
        if let Some(old) = old {
            // The site is published. The old tree becomes the spare (if it cannot, it is a
            // leftover that the next build removes); an empty folder that stood at `--out`
            // before the first build was nobody's site and is simply removed.
            if is_vitrinas_folder(&old) {
                let _ = fs::rename(&old, place.beside("spare"));
            } else {
                let _ = fs::remove_dir(&old);
            }
        }
        Ok(())
    }

    fn write_manifest(&self, files: &BTreeSet<String>) -> Result<(), WriteError> {
        let mut text = String::from(MANIFEST_HEAD);
        text.push('\n');
        for f in files {
            text.push_str(f);
            text.push('\n');
        }
        let path = self.dir.join(MANIFEST);
        fs::write(&path, text).map_err(io_at(&path))
    }
}

impl Drop for Staging {
    /// A build that failed leaves `--out` as it was. Its staging folder holds only Vitrina's
    /// files (the spare it adopted, some of them rewritten), so it becomes the spare again, its
    /// manifest naming all of them; failing that, it is removed.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let written = crate::sync::lock(&self.written);
        let all: BTreeSet<String> = self.reused.union(&written).cloned().collect();
        let spare = self.place.beside("spare");
        let kept = !self.reused.is_empty()
            && fs::symlink_metadata(&spare).is_err()
            && self.write_manifest(&all).is_ok()
            && fs::rename(&self.dir, &spare).is_ok();
        if !kept {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A path of the site that stays inside the output folder and fits on a line of the manifest.
fn is_plain_relative(rel: &str) -> bool {
    rel != MANIFEST
        && !rel.contains(['\n', '\r', '\\', '\0'])
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && !Path::new(rel).has_root()
        && !matches!(
            Path::new(rel).components().next(),
            Some(Component::Prefix(_))
        )
}

/// Puts `staging` in the place of `out`; returns where the old site now is, to be removed.
#[cfg(target_os = "linux")]
fn swap(staging: &Path, place: &Place) -> Result<Option<PathBuf>, WriteError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    let exists = fs::symlink_metadata(&place.out).is_ok();
    let flags = if exists {
        RenameFlags::EXCHANGE
    } else {
        RenameFlags::NOREPLACE
    };
    match renameat_with(CWD, staging, CWD, &place.out, flags) {
        Ok(()) => Ok(exists.then(|| staging.to_path_buf())),
        // A file system without renameat2 (some network and FUSE ones): the portable way.
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => swap_by_renames(staging, place),
        Err(e) => Err(io_at(&place.out)(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(staging: &Path, place: &Place) -> Result<Option<PathBuf>, WriteError> {
    swap_by_renames(staging, place)
}

/// `out` → `.NAME.vitrina-old`, staging → `out`. Killed between the two, there is no `out` for a
/// moment; [`restore_old`] in the next build puts the old site back.
fn swap_by_renames(staging: &Path, place: &Place) -> Result<Option<PathBuf>, WriteError> {
    let old = place.beside("old");
    let exists = fs::symlink_metadata(&place.out).is_ok();
    if exists {
        fs::rename(&place.out, &old).map_err(io_at(&place.out))?;
    }
    if let Err(e) = fs::rename(staging, &place.out) {
        if exists {
            let _ = fs::rename(&old, &place.out);
        }
        return Err(io_at(&place.out)(e));
    }
    Ok(exists.then_some(old))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder with the three source folders, inside a scratch folder.
    struct Scratch {
        dir: tempfile::TempDir,
    }

    impl Scratch {
        fn new() -> Scratch {
            let dir = tempfile::tempdir().unwrap();
            for d in ["site/data", "site/content", "site/themes"] {
                fs::create_dir_all(dir.path().join(d)).unwrap();
            }
            fs::write(dir.path().join("site/data/site.yaml"), "title: x\n").unwrap();
            Scratch { dir }
        }

        fn root(&self) -> PathBuf {
            self.dir.path().join("site")
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.dir.path().join(rel)
        }

        /// Names in a folder, sorted.
        fn names(&self, rel: &str) -> Vec<String> {
            let mut v: Vec<_> = fs::read_dir(self.path(rel))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }
    }

    fn site(files: &[(&str, &str)]) -> Output {
        let mut o = Output::default();
        for (p, b) in files {
            o.insert(p.to_string(), b.as_bytes().to_vec());
        }
        o
    }

    fn build(s: &Scratch, out: &Path, files: &[(&str, &str)]) -> Result<(), WriteError> {
        write(&site(files), out, &s.root(), |_| {
            panic!("nobody else builds")
        })
    }

    #[test]
    fn commit_puts_the_new_site_in_place_and_removes_the_old_and_the_staging_folder() {
        let s = Scratch::new();
        let out = s.path("site/public");
        build(
            &s,
            &out,
            &[("index.html", "old"), ("old/stale.html", "stale")],
        )
        .unwrap();
        build(
            &s,
            &out,
            &[
                ("index.html", "new"),
                ("reports/2024-03/index.html", "march"),
            ],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(out.join("reports/2024-03/index.html")).unwrap(),
            "march"
        );
        assert!(!out.join("old").exists(), "stale files go");
        assert_eq!(
            s.names("site"),
            [
                ".public.vitrina-lock",
                ".public.vitrina-spare",
                "content",
                "data",
                "public",
                "themes"
            ],
            "no staging folder left; the old site is the spare"
        );
    }

    #[cfg(unix)]
    fn inode(p: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(p).unwrap().ino()
    }

    #[test]
    #[cfg(unix)]
    fn the_spare_is_reused_unchanged_files_kept_changed_rewritten_stale_removed() {
        let s = Scratch::new();
        let out = s.path("site/public");
        let first = [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("gone/deep/index.html", "gone"),
        ];
        build(&s, &out, &first).unwrap();
        let (home, a) = (
            inode(&out.join("index.html")),
            inode(&out.join("a/index.html")),
        );
        build(&s, &out, &first).unwrap();
        // The third build adopts the first one's tree: unchanged files are the same files.
        let staging = Staging::begin(&out, &s.root(), |_| panic!()).unwrap();
        staging.write_file("index.html", b"home").unwrap();
        staging.write_file("a/index.html", b"a, changed").unwrap();
        staging.write_file("new/index.html", b"new").unwrap();
        assert_eq!(staging.unchanged(), 1);
        staging.commit().unwrap();
        assert_eq!(
            inode(&out.join("index.html")),
            home,
            "an unchanged file is not rewritten"
        );
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "a, changed"
        );
        let _ = a;
        assert_eq!(
            fs::read_to_string(out.join("new/index.html")).unwrap(),
            "new"
        );
        assert!(
            !out.join("gone").exists(),
            "a stale file and its empty folders go"
        );
        assert_eq!(
            fs::read_to_string(out.join(MANIFEST)).unwrap(),
            format!("{MANIFEST_HEAD}\na/index.html\nindex.html\nnew/index.html\n")
        );
    }

    #[test]
    fn a_page_that_became_a_folder_and_back_is_written_over_the_spare() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("x", "file"), ("y/index.html", "y")]).unwrap();
        build(&s, &out, &[("x", "file"), ("y/index.html", "y")]).unwrap();
        build(&s, &out, &[("x/index.html", "folder"), ("y", "file")]).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("x/index.html")).unwrap(),
            "folder"
        );
        assert_eq!(fs::read_to_string(out.join("y")).unwrap(), "file");
        build(&s, &out, &[("x", "file again")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("x")).unwrap(), "file again");
    }

    #[test]
    fn a_spare_holding_a_foreign_file_is_neither_reused_nor_deleted() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1")]).unwrap();
        build(&s, &out, &[("index.html", "2")]).unwrap();
        let spare = s.path(".public.vitrina-spare");
        fs::write(spare.join("notes.txt"), "mine").unwrap();
        build(&s, &out, &[("index.html", "3")]).unwrap();
        assert_eq!(fs::read_to_string(spare.join("notes.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "3");
    }

    #[test]
    fn the_manifest_lists_every_file_sorted_after_its_head_and_not_itself() {
        let s = Scratch::new();
        let out = s.path("public");
        build(
            &s,
            &out,
            &[("b/index.html", "b"), ("a.css", "a"), ("404.html", "x")],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join(MANIFEST)).unwrap(),
            format!("{MANIFEST_HEAD}\n404.html\na.css\nb/index.html\n")
        );
    }

    #[test]
    fn a_staging_folder_dropped_without_commit_is_removed_and_out_is_unchanged() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "old")]).unwrap();
        let before = fs::read(out.join(MANIFEST)).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        staging.write_file("index.html", b"half").unwrap();
        let dir = staging.path().to_path_buf();
        assert!(dir.join("index.html").is_file());
        drop(staging);
        assert!(!dir.exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read(out.join(MANIFEST)).unwrap(), before);
    }

    #[test]
    fn a_failed_build_gives_back_the_spare_it_adopted_and_the_next_one_is_right() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1"), ("a.css", "a")]).unwrap();
        build(&s, &out, &[("index.html", "2"), ("a.css", "a")]).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        staging.write_file("index.html", b"half").unwrap();
        staging.write_file("new.html", b"new").unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "2");
        let spare = s.path(".public.vitrina-spare");
        assert!(read_manifest(&spare).is_some_and(|m| m.contains("new.html")));
        build(&s, &out, &[("index.html", "3")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "3");
        assert!(!out.join("new.html").exists() && !out.join("a.css").exists());
    }

    #[test]
    fn refuses_the_root_and_its_source_folders_however_spelled() {
        let s = Scratch::new();
        let root = s.root();
        fs::create_dir_all(root.join("sub")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("data"), s.path("data-link")).unwrap();
        let mut cases: Vec<(PathBuf, &str)> = vec![
            (root.clone(), "out-is-root"),
            (root.join("sub/.."), "out-is-root"),
            (root.join("./"), "out-is-root"),
            (s.path("missing/../site"), "out-is-root"),
            (s.path(""), "out-contains-root"),
            (PathBuf::from("/"), "out-contains-root"),
            (root.join("data"), "out-inside-sources"),
            (root.join("content/news"), "out-inside-sources"),
            (root.join("themes/x"), "out-inside-sources"),
        ];
        if cfg!(unix) {
            cases.push((s.path("data-link/x"), "out-inside-sources"));
        }
        for (out, code) in cases {
            let err = check_out(&out, &root).expect_err(&out.display().to_string());
            assert_eq!(err.code(), code, "{}", out.display());
            let err = build(&s, &out, &[("index.html", "x")]).unwrap_err();
            assert_eq!(err.code(), code, "{}", out.display());
        }
        assert!(!root.join("themes/x").exists());
        assert_eq!(s.names("site"), ["content", "data", "sub", "themes"]);
    }

    #[test]
    fn refuses_a_file_and_a_symlink_to_one() {
        let s = Scratch::new();
        fs::write(s.path("notes.txt"), "mine").unwrap();
        let mut cases = vec![s.path("notes.txt")];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(s.path("notes.txt"), s.path("link")).unwrap();
            std::os::unix::fs::symlink(s.path("nowhere"), s.path("dangling")).unwrap();
            cases.extend([s.path("link"), s.path("dangling")]);
        }
        for out in cases {
            let err = build(&s, &out, &[("index.html", "x")]).unwrap_err();
            assert_eq!(err.code(), "out-not-a-folder", "{}", out.display());
        }
        assert_eq!(fs::read_to_string(s.path("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn refuses_a_folder_of_someone_elses() {
        let s = Scratch::new();
        fs::create_dir(s.path("docs")).unwrap();
        fs::write(s.path("docs/letter.txt"), "dear").unwrap();
        let err = build(&s, &s.path("docs"), &[("index.html", "x")]).unwrap_err();
        assert_eq!(err.code(), "out-not-vitrinas");
        assert_eq!(s.names("docs"), ["letter.txt"]);
        assert_eq!(s.names(""), ["docs", "site"], "not even a lock file");
    }

    #[test]
    fn refuses_its_own_folder_once_someone_adds_a_file_and_names_it() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "x"), ("static/a.css", "a")]).unwrap();
        fs::write(out.join("CNAME"), "mcu.example").unwrap();
        fs::create_dir_all(out.join("static/mine/deep")).unwrap();
        fs::write(out.join("static/mine/deep/photo.jpg"), "jpg").unwrap();
        let err = build(&s, &out, &[("index.html", "y")]).unwrap_err();
        let WriteError::Foreign { files, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(files, &["CNAME", "static/mine/"]);
        assert!(err.help().ru.contains("themes/default/static/"));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "x");
        assert!(out.join("static/mine/deep/photo.jpg").is_file());
    }

    #[test]
    fn a_manifest_that_is_not_vitrinas_does_not_make_a_folder_its_own() {
        let s = Scratch::new();
        fs::create_dir(s.path("docs")).unwrap();
        fs::write(s.path("docs").join(MANIFEST), "my notes\nletter.txt\n").unwrap();
        fs::write(s.path("docs/letter.txt"), "dear").unwrap();
        let err = build(&s, &s.path("docs"), &[("index.html", "x")]).unwrap_err();
        assert_eq!(err.code(), "out-not-vitrinas");
    }

    #[test]
    fn an_empty_folder_and_a_new_one_are_fine() {
        let s = Scratch::new();
        fs::create_dir(s.path("empty")).unwrap();
        build(&s, &s.path("empty"), &[("index.html", "x")]).unwrap();
        assert_eq!(s.names("empty"), [MANIFEST, "index.html"]);
        build(&s, &s.path("new/deeper/site"), &[("index.html", "x")]).unwrap();
        assert!(s.path("new/deeper/site/index.html").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_its_own_folder_stays_a_symlink() {
        let s = Scratch::new();
        build(&s, &s.path("real"), &[("index.html", "1")]).unwrap();
        std::os::unix::fs::symlink(s.path("real"), s.path("public")).unwrap();
        build(&s, &s.path("public"), &[("index.html", "2")]).unwrap();
        assert!(fs::symlink_metadata(s.path("public")).unwrap().is_symlink());
        assert_eq!(fs::read_to_string(s.path("real/index.html")).unwrap(), "2");
    }

    #[test]
    fn leftovers_with_the_marker_go_and_others_stay() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1")]).unwrap();
        let dead = s.path(".public.vitrina-staging-99999");
        fs::create_dir_all(dead.join("reports")).unwrap();
        fs::write(dead.join(MANIFEST), format!("{MANIFEST_HEAD}\n")).unwrap();
        fs::write(dead.join("reports/index.html"), "half").unwrap();
        let foreign = s.path(".public.vitrina-staging-12345");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        let other_site = s.path(".docs.vitrina-old");
        fs::create_dir(&other_site).unwrap();
        fs::write(other_site.join(MANIFEST), format!("{MANIFEST_HEAD}\n")).unwrap();
        build(&s, &out, &[("index.html", "2")]).unwrap();
        assert!(!dead.exists());
        assert_eq!(
            fs::read_to_string(foreign.join("keep.txt")).unwrap(),
            "mine"
        );
        assert!(
            other_site.exists(),
            "another output's folders are not ours to clear"
        );
    }

    #[test]
    fn a_build_killed_between_the_two_renames_gets_its_old_site_back() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "good")]).unwrap();
        fs::rename(&out, s.path(".public.vitrina-old")).unwrap();
        check_out(&out, &s.root()).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert!(!s.path(".public.vitrina-old").exists());
        drop(staging);
    }

    #[test]
    fn the_portable_swap_replaces_the_site_too() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "old")]).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        staging.write_file("index.html", b"new").unwrap();
        staging
            .write_manifest(&BTreeSet::from(["index.html".to_string()]))
            .unwrap();
        let place = Place::inspect(&out, &s.root()).unwrap();
        let old = swap_by_renames(staging.path(), &place).unwrap().unwrap();
        assert_eq!(fs::read_to_string(old.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        drop(staging);
        // The next build clears the old tree as a leftover.
        build(&s, &out, &[("index.html", "newer")]).unwrap();
        assert!(!old.exists());
    }

    #[test]
    fn a_second_build_waits_for_the_first_and_says_so() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1")]).unwrap();
        let first = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        first.write_file("index.html", b"2").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let (out2, root) = (out.clone(), s.root());
        let second = std::thread::spawn(move || {
            write(&site(&[("index.html", "3")]), &out2, &root, |p| {
                tx.send(p.to_path_buf()).unwrap()
            })
        });
        let waited_for = rx.recv_timeout(std::time::Duration::from_secs(20)).unwrap();
        assert_eq!(waited_for, out);
        first.commit().unwrap();
        second.join().unwrap().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "3");
    }

    #[test]
    fn a_file_put_into_out_while_writing_stops_the_swap() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1")]).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        staging.write_file("index.html", b"2").unwrap();
        fs::write(out.join("CNAME"), "mcu.example").unwrap();
        assert_eq!(staging.commit().unwrap_err().code(), "out-foreign-files");
        assert_eq!(
            fs::read_to_string(out.join("CNAME")).unwrap(),
            "mcu.example"
        );
        assert_eq!(s.names(""), [".public.vitrina-lock", "public", "site"]);
    }

    #[test]
    fn paths_that_would_leave_the_folder_or_break_the_manifest_are_refused() {
        let s = Scratch::new();
        let staging = Staging::begin(&s.path("public"), &s.root(), |_| {}).unwrap();
        for rel in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a\nb",
            "a\\b",
            MANIFEST,
        ] {
            assert_eq!(
                staging.write_file(rel, b"x").unwrap_err().code(),
                "out-bad-path",
                "{rel:?}"
            );
        }
        staging.write_file("a/.well-known/b", b"x").unwrap();
    }
}
