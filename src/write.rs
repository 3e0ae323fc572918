//! The only module that writes the site to disk, and the only one that deletes anything.
//!
//! **The published folder holds only the site.** What a build needs for itself lives beside
//! `--out`, in one hidden folder `.NAME.vitrina`, the *state folder*: the manifest, the lock, the
//! card cache, the spare tree and the staging folder of a build under way. A host given `--out`
//! publishes nothing of Vitrina's own.
//!
//! **The output folder belongs to Vitrina.** Publishing replaces `--out` whole, so Vitrina must be
//! sure that everything in it is its own before it does. Every build leaves `manifest` in the
//! state folder: a first line that says what it is, then every file the build wrote, sorted (the
//! same input gives the same bytes). A build refuses, before it writes anything, an `--out` that
//! is the site's folder, holds it, or lies in its `data/`, `content/`, `themes/` or `static/`;
//! that lies inside another output or a state folder (that output's next build would find this
//! one's files in it and refuse); that is a mount point (the swap renames it, which a mount point
//! does not allow); that is a file; that is a non-empty folder without a manifest; or that holds
//! a file its manifest does not list (a file a person put there, which a build would delete).
//! Paths are compared after resolving symlinks and `..`, so no spelling of a path gets around it.
//! An output of an older Vitrina, whose manifest [`INNER_MANIFEST`] lay inside it, is known by
//! that manifest once; what that Vitrina kept beside it (`.NAME.vitrina-cache`, `-spare`, `-lock`)
//! moves into the state folder or goes ([`migrate_flat_layout`]).
//!
//! **One atomic swap.** A staging folder inside the state folder (so in the same parent, on the
//! same file system) receives the files; [`Staging::commit`] exchanges it with `--out` in one
//! `renameat2(RENAME_EXCHANGE)` on Linux. At every instant `--out` is either the old site or the
//! new one. The manifest is replaced by a rename just before the swap, listing the files of both
//! sites, and just after it, listing the new site's: a build killed between the two leaves a
//! manifest that covers whichever site stands. Elsewhere, and on file systems without
//! `renameat2`, the swap takes two renames (`out` → `old` in the state folder, staging → `out`); a
//! build killed between them leaves no `out`, and the next build puts the old one back.
//!
//! **The old tree is kept as a spare and reused.** Creating ten thousand folders and files is
//! most of a large build's time on some file systems, and removing them as much again; rewriting
//! a file with the bytes it already holds costs a read. So the tree that the swap moves out
//! becomes `spare` in the state folder instead of being deleted, and the next build adopts it as
//! its staging folder: a file whose bytes are unchanged is left alone, a changed one is replaced,
//! a file the new build does not make is removed, and the swap follows as before. A file is never
//! written into: a changed one is unlinked and written anew, so that a hard link to it elsewhere
//! (a `cp -al` copy of the site, an `rsync --link-dest` history) keeps its old bytes. The staging
//! folder takes the permissions and group of the folder it replaces, so that a `chmod 2770` on
//! `--out` lasts. The spare costs the disk a second copy of the site.
//!
//! **One build at a time.** `lock` in the state folder is locked for the whole write; a second
//! build waits for the first. It is an empty file and stays: removing it race-free would need
//! every waiter to re-check it after locking, which buys nothing but a tidier folder.
//!
//! **Only what is provably this output's is removed.** The state folder carries a `README.txt`
//! whose first line says what it is; a folder of that name without it, holding anything but what
//! a build makes before writing it (the lock) or a card cache a CI restored, is refused. Holding
//! the lock, a build removes in its state folder the trees `staging-PID` and `old` that killed
//! builds left; beside `--out` it touches nothing but the exact names an older Vitrina made.
//!
//! [`Staging::write_file`] takes `&self` and may be called from several threads, so that pages can
//! be streamed into the staging folder as they are rendered; [`write`] writes a whole [`Output`].

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;

use crate::diag::{Text, codes};
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

/// `cache/pages/` in the state folder beside `out`, for a run that only reads the records there
/// (`check`); `None` for an `out` without a name.
pub fn records_dir_beside(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?;
    Some(
        out.parent()?
            .join(state_name(name))
            .join(CACHE)
            .join(RECORDS),
    )
}

/// The state folder's name beside the output `NAME`: `.NAME.vitrina`.
fn state_name(name: &OsStr) -> OsString {
    let mut s = OsString::from(".");
    s.push(name);
    s.push(".vitrina");
    s
}

/// The state folder's marker, the first line of its [`README`].
const STATE_HEAD: &str =
    "# vitrina-state 1: what vitrina build keeps for itself beside the output folder";

/// What a person who opens the state folder reads.
const STATE_README: &str = "\
# vitrina-state 1: what vitrina build keeps for itself beside the output folder

Здесь vitrina build хранит то, что нужно ей самой, а не сайту: manifest — список файлов, которые
она записала в папку сайта рядом; lock — замок, чтобы две сборки не писали сразу; cache/ — уже
нарисованные карточки для соцсетей и (cache/pages/) записи о том, что сборка сделала из каждого
муниципалитета региона; spare/ — прежнюю версию сайта, которую следующая сборка обновляет на
месте. Всё здесь принадлежит Vitrina: не кладите сюда своих файлов. Папки cache/ и
spare/ можно удалить — следующая сборка лишь пойдёт дольше; без manifest Vitrina не узнает папку
сайта своей и откажется в неё собирать, пока вы не удалите и ту.

Here vitrina build keeps what it needs for itself, not for the site: manifest, the files it
wrote into the site's folder beside this one; lock, so that two builds do not write at once;
cache/, share cards already drawn and (cache/pages/) the records of what the build made of each
municipality of a region; spare/, the previous site, which the next build updates in place. Everything here is Vitrina's: keep no files of your own here. Deleting cache/ or spare/
only makes the next build slower; without manifest Vitrina no longer knows the site's folder for
its own and refuses to build into it until you delete that too.
";

/// What lies in the state folder: its marker, the lock, the manifest (and the next one while it
/// is written), the card cache, the previous site, the portable swap's old site and the staging
/// folders, `staging-PID`.
const README: &str = "README.txt";
const README_NEW: &str = "README.txt.new";
const LOCK: &str = "lock";
const MANIFEST: &str = "manifest";
const MANIFEST_NEW: &str = "manifest.new";
const CACHE: &str = "cache";
const RECORDS: &str = "pages";
const SPARE: &str = "spare";
const OLD: &str = "old";
const STAGING: &str = "staging-";

/// The manifest's first line, by which Vitrina knows an output folder for its own.
const MANIFEST_HEAD: &str = "# vitrina-manifest 2: the files vitrina build wrote into the output \
     folder beside this folder; the next build replaces them";

/// The manifest an older Vitrina wrote inside the output, and its first line.
pub const INNER_MANIFEST: &str = ".vitrina-manifest";
const INNER_MANIFEST_HEAD: &str =
    "# vitrina-manifest 1: the files vitrina build wrote here; the next build replaces them";

/// The site's folders of sources, which no output may lie in.
const SOURCES: [&str; 4] = ["data", "content", "themes", "static"];

/// Why the site was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the output folder {} is the site's own folder", out.display())]
    IsRoot { out: PathBuf },
    #[error("the output folder {} contains the site's folder {}", out.display(), root.display())]
    ContainsRoot { out: PathBuf, root: PathBuf },
    #[error("the output folder {} lies inside {folder}/ of the site", out.display())]
    InsideSources { out: PathBuf, folder: &'static str },
    #[error("the output folder {} lies inside {}, which Vitrina keeps", out.display(), output.display())]
    InsideOutput { out: PathBuf, output: PathBuf },
    #[error("the output folder {} is a mount point", out.display())]
    MountPoint { out: PathBuf },
    #[error("{} is not a folder", out.display())]
    NotAFolder { out: PathBuf },
    #[error("{} is not empty and was not made by Vitrina", out.display())]
    NotVitrinas { out: PathBuf },
    #[error("{} holds files Vitrina did not write: {}", out.display(), files.join(", "))]
    Foreign { out: PathBuf, files: Vec<String> },
    #[error("{} is not the folder Vitrina keeps beside the output", state.display())]
    StateNotVitrinas { state: PathBuf },
    #[error("a file of the site has a path that cannot be written: {rel:?}")]
    BadPath { rel: String },
    #[error("cannot write the site: {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl WriteError {
    /// A stable identifier, for tests and machine-readable output.
    pub fn code(&self) -> &'static str {
        match self {
            WriteError::IsRoot { .. } => codes::OUT_IS_ROOT,
            WriteError::ContainsRoot { .. } => codes::OUT_CONTAINS_ROOT,
            WriteError::InsideSources { .. } => codes::OUT_INSIDE_SOURCES,
            WriteError::InsideOutput { .. } => codes::OUT_INSIDE_OUTPUT,
            WriteError::MountPoint { .. } => codes::OUT_MOUNT_POINT,
            WriteError::NotAFolder { .. } => codes::OUT_NOT_A_FOLDER,
            WriteError::NotVitrinas { .. } => codes::OUT_NOT_VITRINAS,
            WriteError::Foreign { .. } => codes::OUT_FOREIGN_FILES,
            WriteError::StateNotVitrinas { .. } => codes::OUT_STATE_NOT_VITRINAS,
            WriteError::BadPath { .. } => codes::OUT_BAD_PATH,
            WriteError::Io { .. } => codes::WRITE,
        }
    }

    /// What went wrong, in both languages (`Display` gives a shorter English). A list: one
    /// message per kind of error.
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
            WriteError::InsideOutput { out, output } => {
                let (out, output) = (out.display(), output.display());
                t!(
                    "папка вывода {out} лежит внутри {output} — папки, которую ведёт Vitrina: \
                     следующая сборка в {output} нашла бы там чужие файлы и отказалась бы \
                     собирать",
                    "the output folder {out} lies inside {output}, a folder Vitrina keeps: the \
                     next build into {output} would find files it did not write and refuse"
                )
            }
            WriteError::MountPoint { out } => {
                let out = out.display();
                t!(
                    "папка вывода {out} — точка монтирования (в ней смонтирована другая файловая \
                     система): Vitrina публикует сайт, переименовывая новую папку на место \
                     прежней, а точку монтирования переименовать нельзя",
                    "the output folder {out} is a mount point (another file system is mounted \
                     there): Vitrina publishes a site by renaming the new folder into the old \
                     one's place, and a mount point cannot be renamed"
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
                    "папка {out} не пуста, и собрала её не Vitrina (рядом нет её списка \
                     записанных файлов); Vitrina не удаляет чужие файлы",
                    "{out} is not empty and was not made by Vitrina (there is no list of the \
                     files it wrote beside it); Vitrina does not delete files it did not write"
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
            WriteError::StateNotVitrinas { state } => {
                let state = state.display();
                t!(
                    "рядом с папкой вывода лежит {state}, и это не папка Vitrina: под этим \
                     именем Vitrina хранит список записанных файлов, замок и карточки",
                    "{state} beside the output folder is not Vitrina's: under that name Vitrina \
                     keeps the list of the files it wrote, its lock and its cards"
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
            WriteError::InsideOutput { output, .. } => {
                let output = output.display();
                t!(
                    "укажите в --out папку вне {output}, например рядом с ней",
                    "name in --out a folder outside {output}, beside it for instance"
                )
            }
            WriteError::MountPoint { out } => {
                let out = out.display();
                t!(
                    "укажите папку внутри неё, например --out {out}/site, и публикуйте эту \
                     папку; или соберите сайт в другую папку и скопируйте его сюда",
                    "name a folder inside it, such as --out {out}/site, and publish that one; or \
                     build the site elsewhere and copy it here"
                )
            }
            WriteError::NotAFolder { .. } => t!(
                "укажите в --out новую или пустую папку или папку, куда Vitrina уже собирала сайт",
                "name in --out a new or empty folder, or one Vitrina built the site into before"
            ),
            WriteError::NotVitrinas { .. } => t!(
                "укажите в --out новую или пустую папку; если в этой папке сайт, собранный \
                 Vitrina, а папку рядом с её списком удалили, удалите и эту папку один раз сами",
                "name a new or empty folder in --out; if this one holds a site Vitrina built and \
                 the folder beside it with its list was deleted, delete this one yourself once"
            ),
            WriteError::Foreign { out, .. } => {
                let out = out.display();
                t!(
                    "чтобы опубликовать файл вместе с сайтом, положите его в папку static/ \
                     в папке сайта (static/CNAME будет на сайте /CNAME), уберите его из {out} \
                     и соберите сайт снова",
                    "to publish a file with the site, put it in the folder static/ of the site \
                     (static/CNAME is served as /CNAME), move it out of {out} and build again"
                )
            }
            WriteError::StateNotVitrinas { .. } => t!(
                "переименуйте эту папку или укажите в --out папку с другим именем",
                "rename that folder, or name a folder of another name in --out"
            ),
            WriteError::BadPath { .. } => t!(
                "переименуйте файл в content/, static/ или themes/: без переводов строки, \
                 обратной косой черты и `..` в имени",
                "rename the file in content/, static/ or themes/: no line breaks, backslashes or \
                 `..` in its name"
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

/// An output folder that passed the checks, and its state folder.
#[derive(Debug)]
struct Place {
    /// `--out` as the user gave it, for messages.
    shown: PathBuf,
    /// `--out` resolved: absolute, without symlinks or `..`.
    out: PathBuf,
    parent: PathBuf,
    name: OsString,
    /// `.NAME.vitrina` beside `out`.
    state: PathBuf,
}

impl Place {
    /// Resolves `out`, checks it against `root` and against what it holds; returns what the
    /// manifest lists.
    fn inspect(out: &Path, root: &Path) -> Result<(Place, BTreeSet<String>), WriteError> {
        let place = Place::locate(out, root)?;
        let listed = place.check_contents()?;
        Ok((place, listed))
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
        if let Some(output) = resolved.ancestors().skip(1).find(|a| is_kept_by_vitrina(a)) {
            return Err(WriteError::InsideOutput {
                out: shown,
                output: output.to_path_buf(),
            });
        }
        let (Some(parent), Some(name)) = (resolved.parent(), resolved.file_name()) else {
            return Err(contains_root());
        };
        let place = Place {
            parent: parent.to_path_buf(),
            name: name.to_os_string(),
            state: parent.join(state_name(name)),
            out: resolved.clone(),
            shown,
        };
        place.check_owner()?;
        place.check_state()?;
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
        if is_mount_point(&self.out, &self.parent) {
            return Err(WriteError::MountPoint {
                out: self.shown.clone(),
            });
        }
        let mut entries = fs::read_dir(&self.out).map_err(io_at(&self.out))?;
        if entries.next().is_none() {
            return Ok(None);
        }
        if let Some(listed) = read_listing(&self.state.join(MANIFEST), MANIFEST_HEAD) {
            return Ok(Some(listed));
        }
        // An output of an older Vitrina: its manifest, inside, is one of its files.
        if let Some(mut listed) = read_listing(&self.out.join(INNER_MANIFEST), INNER_MANIFEST_HEAD)
        {
            listed.insert(INNER_MANIFEST.to_string());
            return Ok(Some(listed));
        }
        Err(WriteError::NotVitrinas {
            out: self.shown.clone(),
        })
    }

    /// What the manifest lists (nothing for a missing or empty folder), when the folder holds
    /// nothing else.
    fn check_contents(&self) -> Result<BTreeSet<String>, WriteError> {
        let Some(listed) = self.check_owner()? else {
            return Ok(BTreeSet::new());
        };
        let files = foreign_files(&self.out, &listed)?;
        if files.is_empty() {
            Ok(listed)
        } else {
            Err(WriteError::Foreign {
                out: self.shown.clone(),
                files,
            })
        }
    }

    /// The state folder is missing, carries its marker, or holds only what a build makes before
    /// the marker and a card cache a CI put back: anything else there is someone else's.
    fn check_state(&self) -> Result<(), WriteError> {
        let refused = || WriteError::StateNotVitrinas {
            state: self.state.clone(),
        };
        match fs::symlink_metadata(&self.state) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_at(&self.state)(e)),
            Ok(m) if !m.is_dir() => return Err(refused()),
            Ok(_) => {}
        }
        if first_line_is(&self.state.join(README), STATE_HEAD) {
            return Ok(());
        }
        for entry in fs::read_dir(&self.state).map_err(io_at(&self.state))? {
            let name = entry.map_err(io_at(&self.state))?.file_name();
            // A build that has just made the folder may have marked it since we looked.
            let unknown = ![README, README_NEW, LOCK, CACHE].iter().any(|n| name == *n);
            if unknown && !first_line_is(&self.state.join(README), STATE_HEAD) {
                return Err(refused());
            }
        }
        Ok(())
    }

    /// Writes the state folder's marker, unless it is there already (under the lock).
    fn mark_state(&self) -> Result<(), WriteError> {
        let readme = self.state.join(README);
        if fs::read(&readme).is_ok_and(|b| b == STATE_README.as_bytes()) {
            return Ok(());
        }
        replace_by_rename(
            &readme,
            STATE_README.as_bytes(),
            &self.state.join(README_NEW),
        )
    }

    /// Replaces the manifest by a rename, so that it is always whole.
    fn write_manifest(&self, files: &BTreeSet<String>) -> Result<(), WriteError> {
        let mut text = String::from(MANIFEST_HEAD);
        text.push('\n');
        for f in files {
            text.push_str(f);
            text.push('\n');
        }
        replace_by_rename(
            &self.state.join(MANIFEST),
            text.as_bytes(),
            &self.state.join(MANIFEST_NEW),
        )
    }

    /// `.NAME.vitrina-SUFFIX` beside `out`: where an older Vitrina kept what is now in the state
    /// folder.
    fn flat(&self, suffix: &str) -> PathBuf {
        let mut s = OsString::from(".");
        s.push(&self.name);
        s.push(".vitrina-");
        s.push(suffix);
        self.parent.join(s)
    }
}

/// Whether `dir` is an output folder of Vitrina's (its manifest beside it, or an older one's
/// inside) or a state folder: no output may lie inside either.
fn is_kept_by_vitrina(dir: &Path) -> bool {
    let has_manifest_beside = || {
        let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
            return false;
        };
        first_line_is(&parent.join(state_name(name)).join(MANIFEST), MANIFEST_HEAD)
    };
    first_line_is(&dir.join(README), STATE_HEAD)
        || first_line_is(&dir.join(INNER_MANIFEST), INNER_MANIFEST_HEAD)
        || has_manifest_beside()
}

/// Whether the regular file at `path` begins with the line `head`; reads no more than that line.
fn first_line_is(path: &Path, head: &str) -> bool {
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut start = vec![0; head.len() + 1];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok()
        && start[..head.len()] == *head.as_bytes()
        && start[head.len()] == b'\n'
}

/// The lines after `head` in the regular file at `path`, or `None` when it does not begin with
/// `head`.
fn read_listing(path: &Path, head: &str) -> Option<BTreeSet<String>> {
    if !fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != head {
        return None;
    }
    Some(
        lines
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Writes `bytes` to `temp` and renames it to `path`: `path` is never seen half written, and a
/// file linked to the old `path` keeps its bytes.
fn replace_by_rename(path: &Path, bytes: &[u8], temp: &Path) -> Result<(), WriteError> {
    let _ = fs::remove_file(temp);
    fs::write(temp, bytes).map_err(io_at(temp))?;
    fs::rename(temp, path).map_err(io_at(path))
}

/// Whether the folder `dir` is where another file system is mounted: the swap would have to
/// rename it. Linux says so of bind mounts too; elsewhere, a device other than the parent's.
#[cfg(unix)]
fn is_mount_point(dir: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, StatxAttributes, StatxFlags, statx};
        if let Ok(st) = statx(CWD, dir, AtFlags::empty(), StatxFlags::BASIC_STATS)
            && st.stx_attributes_mask.contains(StatxAttributes::MOUNT_ROOT)
        {
            return st.stx_attributes.contains(StatxAttributes::MOUNT_ROOT);
        }
    }
    match (fs::metadata(dir), fs::metadata(parent)) {
        (Ok(d), Ok(p)) => d.dev() != p.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_dir: &Path, _parent: &Path) -> bool {
    false
}

/// Gives the folder `dir` the permissions and group of `like` (the folder it will replace), so
/// that a `chmod 2770` or `chgrp www` on `--out` outlives the swap. The group is changed where
/// the user may; the permissions always.
#[cfg(unix)]
fn take_permissions(dir: &Path, like: &fs::Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let _ = std::os::unix::fs::chown(dir, None, Some(like.gid()));
    fs::set_permissions(dir, fs::Permissions::from_mode(like.mode() & 0o7777)).map_err(io_at(dir))
}

#[cfg(not(unix))]
fn take_permissions(dir: &Path, like: &fs::Metadata) -> Result<(), WriteError> {
    fs::set_permissions(dir, like.permissions()).map_err(io_at(dir))
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

/// `path` under `dir` as a path of the site: relative, with `/`.
fn site_path(dir: &Path, path: &Path) -> String {
    let inside = path.strip_prefix(dir).unwrap_or(path);
    match inside.to_str() {
        Some(r) if std::path::MAIN_SEPARATOR == '/' => r.to_string(),
        _ => inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    }
}

fn walk_error(dir: &Path) -> impl FnOnce(walkdir::Error) -> WriteError + '_ {
    move |e| {
        let path = e.path().unwrap_or(dir).to_path_buf();
        io_at(&path)(e.into())
    }
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
        let entry = entry.map_err(walk_error(dir))?;
        let rel = site_path(dir, entry.path());
        let kind = entry.file_type();
        if kind.is_dir() {
            if !folders.contains(rel.as_str()) {
                foreign.push(format!("{rel}/"));
                walk.skip_current_dir();
            }
        } else if !(kind.is_file() && listed.contains(&rel)) {
            foreign.push(rel);
        }
    }
    Ok(foreign)
}

/// Every file (anything but a folder) under `dir`, as paths of the site.
fn files_under(dir: &Path) -> Result<BTreeSet<String>, WriteError> {
    let mut files = BTreeSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(walk_error(dir))?;
        if !entry.file_type().is_dir() {
            files.insert(site_path(dir, entry.path()));
        }
    }
    Ok(files)
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn is_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Puts back the last good site when a build died between the two renames of the portable swap:
/// `out` gone and `old` in the state folder.
fn restore_old(place: &Place) -> Result<(), WriteError> {
    let old = place.state.join(OLD);
    if !exists(&place.out) && is_folder(&old) {
        fs::rename(&old, &place.out).map_err(io_at(&place.out))?;
    }
    Ok(())
}

/// `staging-` and a process id: a staging folder's name.
fn is_staging(name: &[u8]) -> bool {
    let pid = name.strip_prefix(STAGING.as_bytes());
    pid.is_some_and(|pid| !pid.is_empty() && pid.iter().all(u8::is_ascii_digit))
}

/// Removes, in the state folder, what builds that died left: their staging folders and the
/// portable swap's old site (no live build can own them while we hold the lock), and a manifest
/// or marker half written. Names of other kinds are left alone.
fn remove_leftovers(place: &Place) -> Result<(), WriteError> {
    for entry in fs::read_dir(&place.state).map_err(io_at(&place.state))? {
        let entry = entry.map_err(io_at(&place.state))?;
        let name = entry.file_name();
        let path = entry.path();
        // One that cannot be removed harms no build; the next run tries again.
        if is_staging(name.as_encoded_bytes()) || name == OLD {
            let _ = fs::remove_dir_all(&path);
        } else if name == MANIFEST_NEW || name == README_NEW {
            let _ = fs::remove_file(&path);
        }
    }
    Ok(())
}

/// Moves what an older Vitrina kept beside the output as `.NAME.vitrina-*` into the state folder
/// (the card cache, the spare when it holds nothing but what its manifest lists), puts back an
/// old site a killed portable swap left, and removes its killed builds' staging folders and its
/// empty lock file. Only those exact names, and only folders carrying that Vitrina's manifest:
/// another output named like them is not touched. What cannot be moved stays.
fn migrate_flat_layout(place: &Place) {
    let theirs = |p: &Path| read_listing(&p.join(INNER_MANIFEST), INNER_MANIFEST_HEAD);
    let cache = place.flat("cache");
    if is_folder(&cache) && !exists(&place.state.join(CACHE)) {
        let _ = fs::rename(&cache, place.state.join(CACHE));
    }
    let old = place.flat("old");
    if !exists(&place.out) && is_folder(&old) && theirs(&old).is_some() {
        let _ = fs::rename(&old, &place.out);
    }
    let spare = place.flat("spare");
    let whole = |p: &Path, mut listed: BTreeSet<String>| {
        listed.insert(INNER_MANIFEST.to_string());
        foreign_files(p, &listed).is_ok_and(|f| f.is_empty())
    };
    if is_folder(&spare)
        && !exists(&place.state.join(SPARE))
        && theirs(&spare).is_some_and(|listed| whole(&spare, listed))
    {
        let _ = fs::rename(&spare, place.state.join(SPARE));
    }
    let Ok(entries) = fs::read_dir(&place.parent) else {
        return;
    };
    let flat = place.flat("");
    let flat = flat.file_name().unwrap_or_default().as_encoded_bytes();
    for entry in entries.flatten() {
        let name = entry.file_name();
        // `.NAME.vitrina-` then what a staging folder in the state folder is called.
        let killed = name
            .as_encoded_bytes()
            .strip_prefix(flat)
            .is_some_and(is_staging);
        if (killed || entry.path() == old)
            && is_folder(&entry.path())
            && theirs(&entry.path()).is_some()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    let lock = place.flat("lock");
    if fs::symlink_metadata(&lock).is_ok_and(|m| m.is_file() && m.len() == 0) {
        let _ = fs::remove_file(&lock);
    }
}

/// The spare moved to `dir` with the files it holds, or `dir` new and empty. The spare lies in
/// the state folder, where everything is Vitrina's; one that cannot be listed or moved goes.
fn adopt_spare(place: &Place, dir: &Path) -> Result<BTreeSet<String>, WriteError> {
    let spare = place.state.join(SPARE);
    if is_folder(&spare) {
        if let Ok(files) = files_under(&spare)
            && fs::rename(&spare, dir).is_ok()
        {
            return Ok(files);
        }
        let _ = fs::remove_dir_all(&spare);
    }
    fs::create_dir(dir).map_err(io_at(dir))?;
    Ok(BTreeSet::new())
}

/// Writes `bytes` at `path`, making its folder first unless `made` says it exists: on some file
/// systems even a `mkdir` that finds the folder there costs as much as creating a file.
fn put(path: &Path, bytes: &[u8], made: &Mutex<BTreeSet<PathBuf>>) -> io::Result<()> {
    make_parent(path, made)?;
    fs::write(path, bytes)
}

/// Makes the folder of `path` unless `made` says it exists.
fn make_parent(path: &Path, made: &Mutex<BTreeSet<PathBuf>>) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        let known = crate::sync::lock(made).contains(parent);
        if !known {
            fs::create_dir_all(parent)?;
            crate::sync::lock(made).insert(parent.to_path_buf());
        }
    }
    Ok(())
}

/// What a file of the site is known by between two builds without reading it: its size, the
/// time it was last written and (on Unix) its device and inode. A build records the stamp of each
/// file it makes; a later build takes the published file as it is only while its stamp is
/// unchanged, so a file edited, replaced or restored by hand since is made again. (A file
/// rewritten with its old time and inode forged would pass: as with `make`, the times are
/// trusted.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub len: u64,
    pub secs: i64,
    pub nanos: u32,
}

impl Stamp {
    fn of(m: &fs::Metadata) -> Stamp {
        let (secs, nanos) = match m
            .modified()
            .map(|t| t.duration_since(std::time::UNIX_EPOCH))
        {
            Ok(Ok(d)) => (d.as_secs() as i64, d.subsec_nanos()),
            Ok(Err(before)) => (-(before.duration().as_secs() as i64), 0),
            Err(_) => (0, 0),
        };
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Stamp {
            dev,
            ino,
            len: m.len(),
            secs,
            nanos,
        }
    }

    /// Whether both stamps are one file (its hard links): the same inode on the same device.
    fn same_file(&self, other: &Stamp) -> bool {
        self.ino != 0 && (self.dev, self.ino) == (other.dev, other.ino)
    }
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

/// Removes the files `stale` names under `dir` (the spare's, which this build did not make), and
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

/// Takes the lock in the state folder, waiting (and saying so through `on_wait`) while another
/// build holds it. The lock goes with the returned file.
fn lock(place: &Place, on_wait: impl FnOnce(&Path)) -> Result<Option<File>, WriteError> {
    let path = place.state.join(LOCK);
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

/// A folder in the state folder that a build writes into, and swaps in by [`Staging::commit`].
/// Dropped without a commit, it becomes the spare (or is removed) and `--out` stays as it was.
#[derive(Debug)]
pub struct Staging {
    place: Place,
    root: PathBuf,
    dir: PathBuf,
    /// The files the adopted spare held, which may be kept when unchanged.
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
    /// Checks `out`, takes the lock in its state folder (calling `on_wait` once if another build
    /// has it), clears what killed builds left and makes the staging folder, the spare if there
    /// is one.
    pub fn begin(
        out: &Path,
        root: &Path,
        on_wait: impl FnOnce(&Path),
    ) -> Result<Staging, WriteError> {
        // Checked first so that a refused `--out` gets not even a lock file beside it.
        let place = Place::locate(out, root)?;
        fs::create_dir_all(&place.state).map_err(io_at(&place.state))?;
        let lock = lock(&place, on_wait)?;
        // Again, now that no other build can change them.
        place.check_state()?;
        place.mark_state()?;
        migrate_flat_layout(&place);
        restore_old(&place)?;
        place.check_contents()?;
        remove_leftovers(&place)?;
        let dir = place.state.join(format!("{STAGING}{}", std::process::id()));
        let reused = adopt_spare(&place, &dir)?;
        let staging = Staging {
            root: root.to_path_buf(),
            dir,
            reused,
            written: Mutex::new(BTreeSet::new()),
            unchanged: std::sync::atomic::AtomicUsize::new(0),
            made: Mutex::new(BTreeSet::new()),
            committed: false,
            _lock: lock,
            place,
        };
        if let Ok(meta) = fs::metadata(&staging.place.out) {
            take_permissions(&staging.dir, &meta)?;
        }
        Ok(staging)
    }

    /// `cache/` in the state folder: what builds keep between them that is no part of the site
    /// (drawn share cards, and in `pages/` the records of a region's municipalities).
    pub fn cache_dir(&self) -> PathBuf {
        self.place.state.join(CACHE)
    }

    /// `cache/pages/` in the state folder: the records of what the last build made of each of a
    /// region's municipalities ([`crate::page_cache::Records`]).
    pub fn records_dir(&self) -> PathBuf {
        self.cache_dir().join(RECORDS)
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
        let kept = self.reused.contains(rel) && holds(&path, bytes);
        if kept {
            self.unchanged
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        } else {
            if self.reused.contains(rel) {
                // Never written into: a hard link to the file elsewhere keeps its bytes.
                let _ = fs::remove_file(&path);
            }
            if put(&path, bytes, &self.made).is_err() {
                // In an adopted spare a page may have become a folder or the other way round:
                // what is in the way is Vitrina's (the spare held nothing else), so it goes.
                clear_way(&self.dir, rel);
                crate::sync::lock(&self.made).clear();
                put(&path, bytes, &self.made).map_err(io_at(&path))?;
            }
        }
        crate::sync::lock(&self.written).insert(rel.to_string());
        Ok(())
    }

    /// The stamp of `rel` as this build wrote it into the staging folder, which it keeps once
    /// swapped in: for the record of what the build made ([`crate::page_cache::Record`]).
    pub fn written_stamp(&self, rel: &str) -> Option<Stamp> {
        fs::symlink_metadata(self.dir.join(rel))
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|m| Stamp::of(&m))
    }

    /// Whether the published `rel` (in `--out`) is still the file whose stamp a build recorded.
    pub fn published_is(&self, rel: &str, stamp: &Stamp) -> bool {
        is_plain_relative(rel)
            && fs::symlink_metadata(self.place.out.join(rel))
                .is_ok_and(|m| m.is_file() && Stamp::of(&m) == *stamp)
    }

    /// Takes the published `rel`, whose stamp is `stamp` ([`Staging::published_is`]), into the
    /// new site as it is: the staging folder's file becomes a hard link to it (nothing to do when
    /// it is one already, as after an earlier build that took it), or, where the file system
    /// has no hard links, a copy. The new site then holds the same bytes without their being
    /// made again, and neither file is ever written into.
    pub fn adopt(&self, rel: &str, stamp: &Stamp) -> Result<(), WriteError> {
        if !is_plain_relative(rel) {
            return Err(WriteError::BadPath { rel: rel.into() });
        }
        let path = self.dir.join(rel);
        let from = self.place.out.join(rel);
        let same = self.reused.contains(rel)
            && fs::symlink_metadata(&path).is_ok_and(|m| Stamp::of(&m).same_file(stamp));
        if same {
            self.unchanged
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        } else {
            if self.reused.contains(rel) {
                let _ = fs::remove_file(&path);
            }
            let link = |path: &Path| {
                make_parent(path, &self.made)?;
                fs::hard_link(&from, path).or_else(|_| fs::copy(&from, path).map(|_| ()))
            };
            if link(&path).is_err() {
                clear_way(&self.dir, rel);
                crate::sync::lock(&self.made).clear();
                link(&path).map_err(io_at(&path))?;
            }
        }
        crate::sync::lock(&self.written).insert(rel.to_string());
        Ok(())
    }

    /// How many files already held the bytes they were given (in an adopted spare).
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Removes what the spare held and this build did not write, swaps the staging folder in for
    /// `--out` with the manifest covering both sites, lists the new one's alone, and keeps the old
    /// site as the next build's spare.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let written = std::mem::take(&mut *crate::sync::lock(&self.written));
        remove_stale(&self.dir, self.reused.difference(&written))?;
        // Once more just before the swap: a file put into `--out` while we wrote would be lost.
        let (place, before) = Place::inspect(&self.place.out, &self.root)?;
        let both: BTreeSet<String> = before.union(&written).cloned().collect();
        place.write_manifest(&both)?;
        let old = swap(&self.dir, &place)?;
        self.committed = true;
        if both.len() != written.len() {
            // Failing, the manifest still lists every file of the site and some it no longer
            // has, which costs nothing.
            let _ = place.write_manifest(&written);
        }
        if let Some(old) = old {
            // The site is published. The old tree becomes the spare; if it cannot, it goes.
            if fs::rename(&old, place.state.join(SPARE)).is_err() {
                let _ = fs::remove_dir_all(&old);
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that failed leaves `--out` as it was. Its staging folder holds only Vitrina's
    /// files (the spare it adopted, some of them rewritten), so it becomes the spare again;
    /// failing that, it is removed.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let spare = self.place.state.join(SPARE);
        if exists(&spare) || fs::rename(&self.dir, &spare).is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A path of the site that stays inside the output folder, fits on a line of the manifest, and
/// is not the manifest an older Vitrina kept inside.
pub(crate) fn is_plain_relative(rel: &str) -> bool {
    rel != INNER_MANIFEST
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

/// Puts `staging` in the place of `out`; returns where the old site now is.
#[cfg(target_os = "linux")]
fn swap(staging: &Path, place: &Place) -> Result<Option<PathBuf>, WriteError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    let there = exists(&place.out);
    let flags = if there {
        RenameFlags::EXCHANGE
    } else {
        RenameFlags::NOREPLACE
    };
    match renameat_with(CWD, staging, CWD, &place.out, flags) {
        Ok(()) => Ok(there.then(|| staging.to_path_buf())),
        // A file system without renameat2 (some network and FUSE ones): the portable way.
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => swap_by_renames(staging, place),
        Err(e) => Err(io_at(&place.out)(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(staging: &Path, place: &Place) -> Result<Option<PathBuf>, WriteError> {
    swap_by_renames(staging, place)
}

/// `out` → `old` in the state folder, staging → `out`. Killed between the two, there is no `out`
/// for a moment; [`restore_old`] in the next build puts the old site back.
fn swap_by_renames(staging: &Path, place: &Place) -> Result<Option<PathBuf>, WriteError> {
    let old = place.state.join(OLD);
    let there = exists(&place.out);
    if there {
        fs::rename(&place.out, &old).map_err(io_at(&place.out))?;
    }
    if let Err(e) = fs::rename(staging, &place.out) {
        if there {
            let _ = fs::rename(&old, &place.out);
        }
        return Err(io_at(&place.out)(e));
    }
    Ok(there.then_some(old))
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

    /// The manifest of the output `NAME` in the scratch folder, from `.NAME.vitrina/`.
    fn manifest(s: &Scratch, name: &str) -> String {
        fs::read_to_string(s.path(&format!(".{name}.vitrina/{MANIFEST}"))).unwrap()
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
            [".public.vitrina", "content", "data", "public", "themes"],
            "one folder beside the output"
        );
        assert_eq!(
            s.names("site/.public.vitrina"),
            [README, LOCK, MANIFEST, SPARE],
            "no staging folder left; the old site is the spare"
        );
        assert!(
            first_line_is(&s.path("site/.public.vitrina").join(README), STATE_HEAD),
            "the state folder carries its marker"
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
            fs::read_to_string(s.path("site/.public.vitrina").join(MANIFEST)).unwrap(),
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
    #[cfg(unix)]
    fn a_changed_file_of_the_spare_is_replaced_so_a_hard_link_to_it_keeps_its_bytes() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1"), ("a.css", "a")]).unwrap();
        fs::create_dir(s.path("backup")).unwrap();
        for f in ["index.html", "a.css"] {
            fs::hard_link(out.join(f), s.path("backup").join(f)).unwrap();
        }
        build(&s, &out, &[("index.html", "2"), ("a.css", "a")]).unwrap();
        // The third build adopts the first one's tree, whose files the backup shares.
        build(&s, &out, &[("index.html", "3"), ("a.css", "a, changed")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "3");
        assert_eq!(
            fs::read_to_string(s.path("backup/index.html")).unwrap(),
            "1"
        );
        assert_eq!(fs::read_to_string(s.path("backup/a.css")).unwrap(), "a");
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
            manifest(&s, "public"),
            format!("{MANIFEST_HEAD}\n404.html\na.css\nb/index.html\n")
        );
        assert_eq!(
            s.names("public"),
            ["404.html", "a.css", "b"],
            "the published folder holds only the site"
        );
    }

    #[test]
    fn a_staging_folder_dropped_without_commit_is_removed_and_out_is_unchanged() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "old")]).unwrap();
        let before = manifest(&s, "public");
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        staging.write_file("index.html", b"half").unwrap();
        let dir = staging.path().to_path_buf();
        assert!(dir.join("index.html").is_file());
        drop(staging);
        assert!(!dir.exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(manifest(&s, "public"), before);
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
        let spare = s.path(".public.vitrina/spare");
        assert!(spare.join("new.html").is_file() && spare.join("a.css").is_file());
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
            (root.join("static/site"), "out-inside-sources"),
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
        assert!(err.help().ru.contains("static/CNAME"));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "x");
        assert!(out.join("static/mine/deep/photo.jpg").is_file());
    }

    #[test]
    fn a_manifest_that_is_not_vitrinas_does_not_make_a_folder_its_own() {
        let s = Scratch::new();
        fs::create_dir(s.path("docs")).unwrap();
        fs::write(
            s.path("docs").join(INNER_MANIFEST),
            "my notes\nletter.txt\n",
        )
        .unwrap();
        fs::create_dir(s.path(".docs.vitrina")).unwrap();
        fs::write(s.path(".docs.vitrina/manifest"), "my notes\nletter.txt\n").unwrap();
        fs::write(s.path("docs/letter.txt"), "dear").unwrap();
        let err = build(&s, &s.path("docs"), &[("index.html", "x")]).unwrap_err();
        assert_eq!(err.code(), "out-not-vitrinas");
    }

    #[test]
    fn an_empty_folder_and_a_new_one_are_fine() {
        let s = Scratch::new();
        fs::create_dir(s.path("empty")).unwrap();
        build(&s, &s.path("empty"), &[("index.html", "x")]).unwrap();
        assert_eq!(s.names("empty"), ["index.html"]);
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
    fn leftovers_in_the_state_folder_go_and_nothing_beside_it_is_touched() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "1")]).unwrap();
        let dead = s.path(".public.vitrina/staging-99999");
        fs::create_dir_all(dead.join("reports")).unwrap();
        fs::write(dead.join("reports/index.html"), "half").unwrap();
        fs::write(s.path(".public.vitrina/manifest.new"), "half").unwrap();
        // Outputs a user named like what an older Vitrina kept beside `public`, built by this
        // one, and a folder of the user's own.
        build(&s, &s.path(".public.vitrina-old"), &[("index.html", "x")]).unwrap();
        build(&s, &s.path(".public.vitrina-spare"), &[("index.html", "y")]).unwrap();
        fs::create_dir(s.path(".public.vitrina-staging-12345")).unwrap();
        fs::write(s.path(".public.vitrina-staging-12345/keep.txt"), "mine").unwrap();
        let names = s.names("");
        build(&s, &out, &[("index.html", "2")]).unwrap();
        assert!(!dead.exists());
        assert_eq!(s.names(".public.vitrina"), [README, LOCK, MANIFEST, SPARE]);
        assert_eq!(s.names(""), names, "nothing beside the output came or went");
        assert_eq!(
            fs::read_to_string(s.path(".public.vitrina-old/index.html")).unwrap(),
            "x"
        );
        assert_eq!(
            fs::read_to_string(s.path(".public.vitrina-spare/index.html")).unwrap(),
            "y"
        );
        assert_eq!(
            fs::read_to_string(s.path(".public.vitrina-staging-12345/keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_folder_named_like_the_state_folder_that_is_not_vitrinas_is_refused() {
        let s = Scratch::new();
        fs::create_dir(s.path(".public.vitrina")).unwrap();
        fs::write(s.path(".public.vitrina/notes.txt"), "mine").unwrap();
        let err = build(&s, &s.path("public"), &[("index.html", "x")]).unwrap_err();
        assert_eq!(err.code(), "out-state-not-vitrinas");
        assert_eq!(s.names(".public.vitrina"), ["notes.txt"]);
        assert!(!s.path("public").exists());
        // A card cache a CI put back before the first build is no obstacle.
        fs::remove_file(s.path(".public.vitrina/notes.txt")).unwrap();
        fs::create_dir(s.path(".public.vitrina/cache")).unwrap();
        build(&s, &s.path("public"), &[("index.html", "x")]).unwrap();
    }

    #[test]
    fn an_output_inside_another_output_or_its_state_folder_is_refused() {
        let s = Scratch::new();
        build(&s, &s.path("pub"), &[("index.html", "x")]).unwrap();
        for inside in ["pub/sub", "pub/a/b", ".pub.vitrina/x"] {
            let err = build(&s, &s.path(inside), &[("index.html", "y")]).unwrap_err();
            assert_eq!(err.code(), "out-inside-output", "{inside}");
        }
        assert_eq!(s.names("pub"), ["index.html"]);
        build(&s, &s.path("pub"), &[("index.html", "z")]).unwrap();
    }

    #[test]
    fn an_output_of_the_older_layout_is_adopted_once_and_its_leftovers_move_in() {
        let s = Scratch::new();
        let out = s.path("public");
        let head = INNER_MANIFEST_HEAD;
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        fs::write(out.join("a/b.html"), "old").unwrap();
        fs::write(
            out.join(INNER_MANIFEST),
            format!("{head}\na/b.html\nindex.html\n"),
        )
        .unwrap();
        let spare = s.path(".public.vitrina-spare");
        fs::create_dir(&spare).unwrap();
        fs::write(spare.join("index.html"), "older").unwrap();
        fs::write(spare.join(INNER_MANIFEST), format!("{head}\nindex.html\n")).unwrap();
        let dead = s.path(".public.vitrina-staging-4242");
        fs::create_dir(&dead).unwrap();
        fs::write(dead.join(INNER_MANIFEST), format!("{head}\n")).unwrap();
        fs::create_dir(s.path(".public.vitrina-cache")).unwrap();
        fs::write(s.path(".public.vitrina-cache/0123456789abcdef.png"), "card").unwrap();
        fs::write(s.path(".public.vitrina-lock"), "").unwrap();

        build(&s, &out, &[("index.html", "new")]).unwrap();
        assert_eq!(s.names("public"), ["index.html"]);
        assert_eq!(
            manifest(&s, "public"),
            format!("{MANIFEST_HEAD}\nindex.html\n")
        );
        assert_eq!(s.names(""), [".public.vitrina", "public", "site"]);
        assert_eq!(
            s.names(".public.vitrina/cache"),
            ["0123456789abcdef.png"],
            "the card cache moved in"
        );
        // The older Vitrina's output is now the spare, its inner manifest among its files.
        build(&s, &out, &[("index.html", "newer")]).unwrap();
        assert_eq!(s.names("public"), ["index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "newer");
    }

    #[test]
    fn a_build_killed_between_the_two_renames_gets_its_old_site_back() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "good")]).unwrap();
        fs::rename(&out, s.path(".public.vitrina/old")).unwrap();
        check_out(&out, &s.root()).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert!(!s.path(".public.vitrina/old").exists());
        drop(staging);
    }

    #[test]
    fn the_portable_swap_replaces_the_site_too() {
        let s = Scratch::new();
        let out = s.path("public");
        build(&s, &out, &[("index.html", "old")]).unwrap();
        let staging = Staging::begin(&out, &s.root(), |_| {}).unwrap();
        staging.write_file("index.html", b"new").unwrap();
        let (place, _) = Place::inspect(&out, &s.root()).unwrap();
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
        assert_eq!(s.names(""), [".public.vitrina", "public", "site"]);
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
            INNER_MANIFEST,
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
