//! Pages already rendered, for the rebuilds of `vitrina serve`, and a region's municipalities as
//! the last build made them, for the next `build` and `check` ([`Records`]).
//!
//! A page is the work of its template on its context, and nothing else: the same templates and
//! the same context give the same bytes. So each page is known by a hash of every template's
//! source and of its whole context (for a content page: of its Markdown and front matter, which
//! the context is made from, and of what all pages share). After a save, a page whose key is
//! unchanged is taken from the cache; only pages whose inputs changed are rendered again. The
//! dependencies are never guessed — a key covers everything a page is made from, so a rebuild
//! through the cache gives the bytes a full build gives (`tests/incremental.rs` edits files at
//! random and compares).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// The rendered pages of the last build, by path, each with the key it was rendered for.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, (u64, Vec<u8>)>>,
    /// A region's municipalities: each one's whole output of the last build, by its id, with the
    /// key of everything it was made from (its files, the theme, the options). A save in one
    /// municipality then renders that one alone.
    groups: Mutex<HashMap<String, (u64, std::sync::Arc<Group>)>>,
    /// A region's municipalities as read from their folders, by id, each with the key of its
    /// files' names and bytes ([`files_key`]): a save in one municipality reads and parses that
    /// one alone. Kept as any type, since the data layer that reads them lies above this one.
    read: Mutex<HashMap<String, (u64, ReadMunicipality)>>,
    hits: std::sync::atomic::AtomicUsize,
    read_hits: std::sync::atomic::AtomicUsize,
}

/// What [`PageCache`] keeps of a municipality as read: whatever the reader put in.
type ReadMunicipality = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl PageCache {
    /// The municipality `id` as it was read when its files had the key `key`.
    pub fn read_of<T: std::any::Any + Send + Sync>(
        &self,
        id: &str,
        key: u64,
    ) -> Option<std::sync::Arc<T>> {
        let read = crate::sync::lock(&self.read);
        let (k, value) = read.get(id)?;
        let found: std::sync::Arc<T> =
            (*k == key).then(|| std::sync::Arc::clone(value).downcast().ok())??;
        self.read_hits
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(found)
    }

    /// How many municipalities were taken as read instead of being read again, since the start.
    pub fn read_hits(&self) -> usize {
        self.read_hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Keeps the municipality `id` as read from files with the key `key`, in place of any
    /// earlier reading; [`PageCache::keep_groups`] forgets the municipalities that are gone.
    pub fn put_read<T: std::any::Any + Send + Sync>(&self, id: &str, key: u64, value: T) {
        crate::sync::lock(&self.read).insert(id.to_string(), (key, std::sync::Arc::new(value)));
    }

    /// The page at `path` when it was last rendered for `key`.
    pub fn get(&self, path: &str, key: u64) -> Option<Vec<u8>> {
        let found = self
            .lock()
            .get(path)
            .filter(|(k, _)| *k == key)
            .map(|(_, bytes)| bytes.clone());
        if found.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        found
    }

    /// Pages taken from the cache so far, over all builds.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn put(&self, path: &str, key: u64, bytes: &[u8]) {
        self.lock().insert(path.to_string(), (key, bytes.to_vec()));
    }

    /// Forgets the pages the last build did not make.
    pub fn keep_only(&self, paths: &std::collections::BTreeMap<String, u64>) {
        self.lock().retain(|p, _| paths.contains_key(p));
    }

    /// The output of the municipality `id` when it was last built for `key`.
    pub fn group(&self, id: &str, key: u64) -> Option<std::sync::Arc<Group>> {
        let found = crate::sync::lock(&self.groups)
            .get(id)
            .filter(|(k, _)| *k == key)
            .map(|(_, g)| g.clone());
        if found.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        found
    }

    pub fn put_group(&self, id: &str, key: u64, group: Group) {
        crate::sync::lock(&self.groups).insert(id.to_string(), (key, std::sync::Arc::new(group)));
    }

    /// Forgets the municipalities the last build did not have.
    pub fn keep_groups(&self, ids: &[&str]) {
        crate::sync::lock(&self.groups).retain(|id, _| ids.contains(&id.as_str()));
        crate::sync::lock(&self.read).retain(|id, _| ids.contains(&id.as_str()));
    }

    /// Pages held.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, Vec<u8>)>> {
        crate::sync::lock(&self.pages)
    }
}

/// The key of every file under `folder` as it is on disk now: each one's path and bytes, in
/// name order, symbolic links followed (a target that changes changes the key). What cannot
/// be read goes in as its error's kind, and a file larger than any the reader accepts as its
/// size and time (the reader refuses it either way). Reading a municipality's files again costs
/// a few milliseconds; parsing them is what the key saves.
pub fn files_key(folder: &std::path::Path) -> u64 {
    const BIG: u64 = 16 << 20;
    let mut h = std::hash::DefaultHasher::new();
    for entry in walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) => {
                e.path().hash(&mut h);
                let size = e.metadata().map(|m| (m.len(), m.modified().ok()));
                if e.file_type().is_file() && size.as_ref().is_ok_and(|(len, _)| *len > BIG) {
                    size.ok().hash(&mut h);
                } else if e.file_type().is_file() {
                    match std::fs::read(e.path()) {
                        Ok(bytes) => bytes.hash(&mut h),
                        Err(err) => format!("{:?}", err.kind()).hash(&mut h),
                    }
                } else {
                    e.file_type().is_dir().hash(&mut h);
                }
            }
            Err(err) => err.to_string().hash(&mut h),
        }
    }
    h.finish()
}

/// One municipality's output: its files as its emitter handed them on, and the keys of its share
/// cards (which the card cache keeps).
#[derive(Debug, Default)]
pub struct Group {
    pub files: Vec<crate::emit::Recorded>,
    pub cards: Vec<u64>,
}

// The keys, for both kinds of site: each covers everything its entry is made from.

/// What every page of a site shares: every template's source (by name) and the part of the
/// context all pages share, as JSON.
pub fn site_key<'t>(templates: impl IntoIterator<Item = (&'t str, &'t str)>, common: &[u8]) -> u64 {
    let sources: Vec<&[u8]> = templates
        .into_iter()
        .flat_map(|(name, source)| [name.as_bytes(), source.as_bytes()])
        .collect();
    key(&[&key(&sources).to_le_bytes(), common])
}

/// One page: what all pages of its site share ([`site_key`]), its template, and what its context
/// is made from — a content page's front matter and Markdown, known before the costly part is
/// done, or else the whole context as JSON.
pub fn page_key(site: u64, template: &str, source: &[&[u8]]) -> u64 {
    let site = site.to_le_bytes();
    let mut parts: Vec<&[u8]> = vec![&site, template.as_bytes()];
    parts.extend_from_slice(source);
    key(&parts)
}

/// What every municipality of a region shares: the Vitrina that renders ([`build_id`]), the
/// options of the run (as text), the region's `site.yaml` (its address, title and theme), the
/// region's bar (as JSON), and the theme's templates and static files, by name.
pub fn region_key<'t>(
    options: &str,
    region_site: &str,
    bar: &[u8],
    templates: impl IntoIterator<Item = (&'t str, &'t str)>,
    statics: impl IntoIterator<Item = (&'t str, &'t [u8])>,
) -> u64 {
    let build = build_id().to_le_bytes();
    let mut parts: Vec<&[u8]> = vec![&build, options.as_bytes(), region_site.as_bytes(), bar];
    for (name, source) in templates {
        parts.extend([name.as_bytes(), source.as_bytes()]);
    }
    for (name, bytes) in statics {
        parts.extend([name.as_bytes(), bytes]);
    }
    key(&parts)
}

/// One municipality's whole output ([`Group`]): what all municipalities share ([`region_key`]),
/// its id, and every file under its folder with its text.
pub fn municipality_key<'f>(
    region: u64,
    id: &str,
    files: impl IntoIterator<Item = (&'f str, &'f str)>,
) -> u64 {
    let region = region.to_le_bytes();
    let mut parts: Vec<&[u8]> = vec![&region, id.as_bytes()];
    for (name, text) in files {
        parts.extend([name.as_bytes(), text.as_bytes()]);
    }
    key(&parts)
}

/// A hash of `parts`, for cache keys: the same for the same parts in every run of one Vitrina
/// binary (std's SipHash with fixed keys), which a key kept on disk gets by holding the binary's
/// own hash ([`build_id`]).
pub fn key(parts: &[&[u8]]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// A hash of the running Vitrina's executable, read once: a record made by another build of
/// Vitrina, whose pages may differ, is never taken for this one's (0 if it cannot be read, which
/// [`Records::at`] refuses).
pub fn build_id() -> u64 {
    static ID: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *ID.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::read)
            .map_or(0, |bytes| {
                key(&[env!("CARGO_PKG_VERSION").as_bytes(), &bytes])
            })
    })
}

/// What the last build made of one municipality ([`Records`]): the key of everything it was made
/// from ([`municipality_key`]), then each file with its size, its local links (indices into
/// `links`) and its stamp as written, and the keys of its share cards.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub format: u32,
    pub key: u64,
    /// The distinct local links of its pages, as (URL as written, file it names).
    pub links: Vec<(String, String)>,
    pub files: Vec<RecordedFile>,
    pub cards: Vec<u64>,
}

/// One file of a [`Record`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecordedFile {
    pub path: String,
    pub size: u64,
    pub links: Vec<u32>,
    pub stamp: crate::write::Stamp,
}

impl Record {
    /// The layout of a record: raised when it changes, so that an older record is not read.
    pub const FORMAT: u32 = 1;

    /// A record of the files `recorded` (paths inside the municipality's folder), each with the
    /// stamp `stamp` gives it; `None` if one has none.
    pub fn of(
        key: u64,
        recorded: &[crate::emit::Recorded],
        cards: Vec<u64>,
        stamp: impl Fn(&str) -> Option<crate::write::Stamp>,
    ) -> Option<Record> {
        let mut links: Vec<(String, String)> = Vec::new();
        let mut index: HashMap<&(String, String), u32> = HashMap::new();
        let mut files = Vec::with_capacity(recorded.len());
        for f in recorded {
            let mut mine = Vec::with_capacity(f.links.len());
            for l in &f.links {
                let i = *index.entry(l).or_insert_with(|| {
                    links.push(l.clone());
                    links.len() as u32 - 1
                });
                mine.push(i);
            }
            files.push(RecordedFile {
                path: f.path.clone(),
                size: f.size,
                links: mine,
                stamp: stamp(&f.path)?,
            });
        }
        Some(Record {
            format: Record::FORMAT,
            key,
            links,
            files,
            cards,
        })
    }

    /// A file's links as (URL, file).
    pub fn links_of(&self, f: &RecordedFile) -> Vec<(String, String)> {
        f.links
            .iter()
            .filter_map(|&i| self.links.get(i as usize).cloned())
            .collect()
    }
}

/// The records of a region's municipalities, one file each (`<id>.json`) in `cache/pages/` of
/// the state folder beside the output. A build that finds a municipality's record for the key of
/// its inputs, and every file the record names still published as the record stamped it, takes
/// those files into the new site as they are instead of rendering the municipality again; `check`,
/// which keeps no bytes, takes the record's pages and links for the link check. A record is
/// written, by a rename, only for a render without messages (which would not be given again) and
/// only by `build`; one that cannot be read is a miss. So a record can cost a render, never a
/// wrong page: its key covers everything the municipality's files are made from.
#[derive(Debug)]
pub struct Records {
    dir: std::path::PathBuf,
    /// Whether this run writes records (`build`) or only reads them (`check`).
    writes: bool,
}

impl Records {
    /// The records in `dir` (`None` when this Vitrina cannot know itself, [`build_id`]).
    pub fn at(dir: std::path::PathBuf, writes: bool) -> Option<Records> {
        (build_id() != 0).then_some(Records { dir, writes })
    }

    fn path(&self, id: &str) -> std::path::PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// The record of the municipality `id`, when it was made for `key`.
    pub fn get(&self, id: &str, key: u64) -> Option<Record> {
        let bytes = std::fs::read(self.path(id)).ok()?;
        let record: Record = serde_json::from_slice(&bytes).ok()?;
        (record.format == Record::FORMAT && record.key == key).then_some(record)
    }

    /// Keeps `record` as the municipality `id`'s (when this run writes records). A record that
    /// cannot be written only costs the next build a render.
    pub fn put(&self, id: &str, record: &Record) {
        if !self.writes {
            return;
        }
        let Ok(json) = serde_json::to_vec(record) else {
            return;
        };
        let temp = self.dir.join(format!(".{id}.json.tmp"));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&temp, json))
            .and_then(|()| std::fs::rename(&temp, self.path(id)));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// Forgets the records of municipalities the region no longer has (when this run writes).
    pub fn keep_only(&self, ids: &[&str]) {
        if !self.writes {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let kept = name
                .strip_suffix(".json")
                .is_some_and(|id| ids.contains(&id));
            if !kept {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_comes_back_only_for_its_key_and_stale_paths_go() {
        let cache = PageCache::default();
        let k = key(&[b"report.html", b"{\"total\":5}"]);
        cache.put("reports/2024-03/index.html", k, b"<p>5</p>");
        assert_eq!(
            cache.get("reports/2024-03/index.html", k).unwrap(),
            b"<p>5</p>"
        );
        let other = key(&[b"report.html", b"{\"total\":6}"]);
        assert_ne!(k, other);
        assert!(cache.get("reports/2024-03/index.html", other).is_none());
        cache.keep_only(&Default::default());
        assert!(cache.is_empty());
    }
}
