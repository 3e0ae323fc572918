//! Where the files of a build go as they are made, and what is kept of them.
//!
//! Rendering hands each file to an [`Emitter`] the moment it exists, from any thread. The emitter
//! passes the bytes on to its [`Sink`] — the staging folder of `vitrina build`, memory for
//! `vitrina serve` and the tests, or nowhere for `vitrina check` — and keeps only what the later
//! stages need: every path with its size (for the sitemap and the summary) and the local links
//! of each HTML page (for the link check). So a build's memory does not grow with the bytes of
//! its pages, and links are read from each page once, while it is fresh.

use crate::sync::lock;
use crate::write::{Output, Staging, Stamp, WriteError};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// What becomes of the bytes.
pub enum Sink<'a> {
    /// Kept whole in memory.
    Memory(Mutex<Output>),
    /// Written into a staging folder, to be swapped in when the build succeeded.
    Staging(&'a Staging),
    /// Dropped: `check` needs only what the emitter keeps.
    Discard,
    /// Handed to another emitter under a folder: a municipality's pages in a region's site,
    /// `index.html` becoming `<id>/index.html`. The other emitter keeps what is kept.
    Under(&'a Emitter<'a>, String),
}

/// Everything emitted so far, minus the bytes.
#[derive(Debug, Default)]
pub struct Emitted {
    /// Path → size in bytes.
    pub files: BTreeMap<String, u64>,
    /// Target file of a local link → the URL as written and the pages (indexes into `pages`)
    /// that carry it.
    pub links: HashMap<String, (String, Vec<u32>)>,
    /// The HTML pages, in the order they were emitted.
    pub pages: Vec<String>,
}

impl Emitted {
    /// HTML pages emitted.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Total size in bytes.
    pub fn bytes(&self) -> u64 {
        self.files.values().sum()
    }

    /// Every broken local link: the page, the URL as written, in a stable order.
    pub fn broken_links(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .links
            .iter()
            .filter(|(target, _)| !self.files.contains_key(*target))
            .flat_map(|(_, (url, pages))| {
                pages
                    .iter()
                    .map(move |&p| (self.pages[p as usize].as_str(), url.as_str()))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Receives the files of one build.
pub struct Emitter<'a> {
    sink: Sink<'a>,
    /// The site's base path (`/` or `/folder/`), which local links start with.
    base: String,
    kept: Mutex<Emitted>,
    /// The first write that failed; later files are dropped, and the build fails with it.
    failed: Mutex<Option<WriteError>>,
    /// What an emitter under a folder handed on, when it records ([`Emitter::under_recording`]),
    /// and whether with the bytes.
    recorded: Option<(Mutex<Vec<Recorded>>, bool)>,
}

/// One file as an emitter under a folder handed it on: its path inside the folder, its size, its
/// bytes when they are kept and its local links, so that it can be handed on again without being
/// made or read again ([`Emitter::replay`], [`Emitter::adopt`]).
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub size: u64,
    /// Shared with the output that holds the file, not copied; `None` when only the list of the
    /// files is recorded ([`Emitter::under_listing`]).
    pub bytes: Option<Arc<Vec<u8>>>,
    pub links: Vec<(String, String)>,
}

impl<'a> Emitter<'a> {
    pub fn new(sink: Sink<'a>, base: &str) -> Emitter<'a> {
        Emitter {
            sink,
            base: base.to_string(),
            kept: Mutex::new(Emitted::default()),
            failed: Mutex::new(None),
            recorded: None,
        }
    }

    /// An emitter whose files go into `parent` under the folder `prefix` (`"belgorod/"`).
    pub fn under(parent: &'a Emitter<'a>, prefix: &str) -> Emitter<'a> {
        Emitter::new(Sink::Under(parent, prefix.to_string()), &parent.base)
    }

    /// [`Emitter::under`], keeping a copy of every file it hands on ([`Emitter::recorded`]).
    pub fn under_recording(parent: &'a Emitter<'a>, prefix: &str) -> Emitter<'a> {
        Emitter {
            recorded: Some((Mutex::new(Vec::new()), true)),
            ..Emitter::under(parent, prefix)
        }
    }

    /// [`Emitter::under`], keeping the path, size and links of every file it hands on, not its
    /// bytes.
    pub fn under_listing(parent: &'a Emitter<'a>, prefix: &str) -> Emitter<'a> {
        Emitter {
            recorded: Some((Mutex::new(Vec::new()), false)),
            ..Emitter::under(parent, prefix)
        }
    }

    /// Takes one rendered page (its text needs no checking to be read for links).
    pub fn put_page(&self, path: String, html: String) {
        let links = self.links(&html);
        self.keep(path, html.into_bytes(), links);
    }

    /// Takes one file of the site. Safe from several threads.
    pub fn put(&self, path: String, bytes: Vec<u8>) {
        let links = if path.ends_with(".html") {
            self.links(&String::from_utf8_lossy(&bytes))
        } else {
            Vec::new()
        };
        self.keep(path, bytes, links);
    }

    /// Takes one file published as it is: not read for links, even when it is HTML (the site's
    /// `static/` files).
    pub fn put_verbatim(&self, path: String, bytes: Vec<u8>) {
        self.keep(path, bytes, Vec::new());
    }

    /// Hands on again the files an emitter under the same folder recorded, with their bytes, in
    /// an earlier build; a file recorded without its bytes is not handed on.
    pub fn replay(&self, files: &[Recorded]) {
        for f in files {
            if let Some(bytes) = &f.bytes {
                self.keep_shared(f.path.clone(), Arc::clone(bytes), f.links.clone());
            }
        }
    }

    /// What this emitter recorded so far ([`Emitter::under_recording`]), taken out of it; empty
    /// when it does not record.
    pub fn take_recorded(&self) -> Vec<Recorded> {
        self.recorded
            .as_ref()
            .map(|(r, _)| std::mem::take(&mut *lock(r)))
            .unwrap_or_default()
    }

    /// Whether the bytes of what is put are kept: not in `check` ([`Sink::Discard`]), which keeps
    /// the paths and the pages' links alone, so that a file with no link of its own need not be
    /// made there, only named.
    pub fn keeps_bytes(&self) -> bool {
        match &self.sink {
            Sink::Under(parent, _) => parent.keeps_bytes(),
            Sink::Discard => false,
            Sink::Staging(_) | Sink::Memory(_) => true,
        }
    }

    /// Whether the files of the last build can be taken as they are ([`Emitter::adopt`]): into
    /// a staging folder, from the published site beside it, or where no bytes are kept.
    pub fn can_adopt(&self) -> bool {
        match &self.sink {
            Sink::Under(parent, _) => parent.can_adopt(),
            Sink::Staging(_) | Sink::Discard => true,
            Sink::Memory(_) => false,
        }
    }

    /// Whether the published file at `path` is the one whose stamp a build recorded (always, where
    /// no bytes are kept).
    pub fn published_is(&self, path: &str, stamp: &Stamp) -> bool {
        match &self.sink {
            Sink::Under(parent, prefix) => parent.published_is(&format!("{prefix}{path}"), stamp),
            Sink::Staging(staging) => staging.published_is(path, stamp),
            Sink::Discard => true,
            Sink::Memory(_) => false,
        }
    }

    /// The stamp of `path` as this build wrote it, where it wrote it into a staging folder.
    pub fn written_stamp(&self, path: &str) -> Option<Stamp> {
        match &self.sink {
            Sink::Under(parent, prefix) => parent.written_stamp(&format!("{prefix}{path}")),
            Sink::Staging(staging) => staging.written_stamp(path),
            Sink::Discard | Sink::Memory(_) => None,
        }
    }

    /// Takes the published file at `path` (of `size` bytes, with `links`, stamped `stamp`) into
    /// this build as it is, as though it had been made again ([`Staging::adopt`]); only where
    /// [`Emitter::can_adopt`].
    pub fn adopt(&self, path: String, size: u64, links: Vec<(String, String)>, stamp: &Stamp) {
        if let Sink::Under(parent, prefix) = &self.sink {
            self.record(&path, size, None, &links);
            return parent.adopt(format!("{prefix}{path}"), size, links, stamp);
        }
        if let Sink::Staging(staging) = &self.sink
            && let Err(e) = staging.adopt(&path, stamp)
        {
            lock(&self.failed).get_or_insert(e);
        }
        self.note(path, size, links);
    }

    /// Notes a file handed on, when this emitter records.
    fn record(
        &self,
        path: &str,
        size: u64,
        bytes: Option<&Arc<Vec<u8>>>,
        links: &[(String, String)],
    ) {
        if let Some((recorded, with_bytes)) = &self.recorded {
            lock(recorded).push(Recorded {
                path: path.to_string(),
                size,
                bytes: bytes.filter(|_| *with_bytes).cloned(),
                links: links.to_vec(),
            });
        }
    }

    /// The distinct local links of a page.
    fn links(&self, html: &str) -> Vec<(String, String)> {
        let mut links: Vec<_> = local_links(html, &self.base).collect();
        links.sort_unstable_by(|a, b| a.1.cmp(&b.1));
        links.dedup_by(|a, b| a.1 == b.1);
        links
    }

    fn keep(&self, path: String, bytes: Vec<u8>, links: Vec<(String, String)>) {
        self.keep_shared(path, Arc::new(bytes), links);
    }

    fn keep_shared(&self, path: String, bytes: Arc<Vec<u8>>, links: Vec<(String, String)>) {
        let size = bytes.len() as u64;
        if let Sink::Under(parent, prefix) = &self.sink {
            self.record(&path, size, Some(&bytes), &links);
            return parent.keep_shared(format!("{prefix}{path}"), bytes, links);
        }
        match &self.sink {
            Sink::Memory(out) => lock(out).insert_shared(path.clone(), bytes),
            Sink::Staging(staging) => {
                if let Err(e) = staging.write_file(&path, &bytes) {
                    lock(&self.failed).get_or_insert(e);
                }
            }
            Sink::Discard | Sink::Under(..) => {}
        }
        self.note(path, size, links);
    }

    /// Keeps what the later stages need of a file: its path and size, and a page's links.
    fn note(&self, path: String, size: u64, links: Vec<(String, String)>) {
        let mut kept = lock(&self.kept);
        if path.ends_with(".html") {
            let page = kept.pages.len() as u32;
            kept.pages.push(path.clone());
            for (url, target) in links {
                kept.links
                    .entry(target)
                    .or_insert_with(|| (url, Vec::new()))
                    .1
                    .push(page);
            }
        }
        kept.files.insert(path, size);
    }

    /// The paths emitted so far that end in `.html`, sorted.
    pub fn html_paths(&self) -> Vec<String> {
        if let Sink::Under(parent, prefix) = &self.sink {
            let kept = lock(&parent.kept);
            return kept
                .files
                .range::<str, _>((
                    std::ops::Bound::Included(prefix.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .map(|(p, _)| p)
                .take_while(|p| p.starts_with(prefix.as_str()))
                .filter(|p| p.ends_with(".html"))
                .map(|p| p[prefix.len()..].to_string())
                .collect();
        }
        lock(&self.kept)
            .files
            .keys()
            .filter(|p| p.ends_with(".html"))
            .cloned()
            .collect()
    }

    /// Every path emitted so far, sorted (in an emitter under a folder, the whole site's).
    pub fn paths(&self) -> Vec<String> {
        match &self.sink {
            Sink::Under(parent, _) => parent.paths(),
            _ => lock(&self.kept).files.keys().cloned().collect(),
        }
    }

    /// What was kept, the bytes if the sink held them, and the first write error.
    pub fn finish(self) -> (Emitted, Option<Output>, Option<WriteError>) {
        let kept = crate::sync::into_inner(self.kept);
        let failed = crate::sync::into_inner(self.failed);
        let output = match self.sink {
            Sink::Memory(out) => Some(crate::sync::into_inner(out)),
            _ => None,
        };
        (kept, output, failed)
    }
}

/// The links of `html` (`href` and `src` values) that point inside the site: each as the URL
/// written and the output file it names, without the base path, query and fragment.
pub fn local_links<'h>(
    html: &'h str,
    base: &'h str,
) -> impl Iterator<Item = (String, String)> + 'h {
    ["href=\"", "src=\""].into_iter().flat_map(move |attr| {
        html.match_indices(attr).filter_map(move |(i, _)| {
            let rest = &html[i + attr.len()..];
            let raw = &rest[..rest.find('"')?];
            let url = if raw.contains('&') {
                crate::escape::unescape(raw)
            } else {
                raw.to_string()
            };
            let local = url.strip_prefix(base)?;
            let local = local.split(['#', '?']).next().unwrap_or_default();
            let target = if local.is_empty() || local.ends_with('/') {
                format!("{local}index.html")
            } else {
                local.to_string()
            };
            Some((url, target))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_links_are_the_site_files_they_name() {
        let html = r#"<a href="/b/reports/">r</a><img src="/b/static/x.png"><a href="https://x.org/">x</a>
<a href="/b/news/a/#top">n</a><a href="/b/data/x.csv?v=1">d</a><a href="/b/q?a=1&amp;b=2">q</a>"#;
        let links: Vec<String> = local_links(html, "/b/").map(|(_, t)| t).collect();
        assert_eq!(
            links,
            [
                "reports/index.html",
                "news/a/index.html",
                "data/x.csv",
                "q",
                "static/x.png"
            ]
        );
    }

    #[test]
    fn keeps_paths_sizes_and_links_and_finds_the_broken_ones() {
        let e = Emitter::new(Sink::Memory(Mutex::new(Output::default())), "/b/");
        e.put(
            "index.html".into(),
            br#"<a href="/b/reports/">r</a><a href="/b/nope/">n</a><a href="https://x.org/">x</a>"#
                .to_vec(),
        );
        e.put(
            "reports/index.html".into(),
            br#"<a href="/b/">home</a>"#.to_vec(),
        );
        e.put("style.css".into(), b"body{}".to_vec());
        let (kept, output, failed) = e.finish();
        assert!(failed.is_none());
        assert_eq!(kept.page_count(), 2);
        assert_eq!(kept.files["style.css"], 6);
        assert_eq!(kept.broken_links(), [("index.html", "/b/nope/")]);
        assert_eq!(output.unwrap().len(), 3);
    }

    #[test]
    fn an_emitter_under_a_folder_hands_its_files_to_the_parent() {
        let parent = Emitter::new(Sink::Memory(Mutex::new(Output::default())), "/");
        {
            let child = Emitter::under(&parent, "a/");
            child.put_page("index.html".into(), r#"<a href="/a/x/">x</a>"#.into());
            child.put("x/index.html".into(), b"<p>".to_vec());
            parent.put("index.html".into(), b"<p>".to_vec());
            parent.put("b/index.html".into(), b"<p>".to_vec());
            assert_eq!(child.html_paths(), ["index.html", "x/index.html"]);
        }
        let (kept, output, _) = parent.finish();
        assert_eq!(kept.page_count(), 4);
        assert!(kept.broken_links().is_empty());
        assert!(output.unwrap().len() == 4);
    }

    #[test]
    fn discarding_keeps_what_the_later_stages_need() {
        let e = Emitter::new(Sink::Discard, "/");
        e.put(
            "a/index.html".into(),
            br#"<img src="/missing.png">"#.to_vec(),
        );
        let (kept, output, _) = e.finish();
        assert!(output.is_none());
        assert_eq!(kept.broken_links(), [("a/index.html", "/missing.png")]);
    }
}
