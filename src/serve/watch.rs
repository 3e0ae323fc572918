//! Watching the site's sources: `data/`, `content/`, `themes/` and `static/` under the root,
//! recursively, with the bursts of events one save makes (write, rename, chmod) gathered into one
//! change.
//!
//! The debouncing is the dozen lines of [`Watch::next_change`] rather than a debouncer crate:
//! `notify-debouncer-mini` drops the kind of each event, and on Linux notify reports every
//! opening of a file, so the build's own reading would start the next build forever.
//!
//! The root itself is watched too, but only for those folders appearing: a site that had
//! no `themes/` when the preview started gets one watched as soon as it is created, and so does a
//! `data/` that a `git checkout` removed and wrote back.

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// The folders of a site whose files go into a build.
pub const SOURCES: [&str; 4] = ["data", "content", "themes", "static"];

/// How long the files must be quiet before a change counts: one save is often several events
/// (write, rename, chmod), which an editor makes within a few milliseconds; a `git checkout` of
/// many files keeps the events coming, and is gathered whole all the same.
const QUIET: Duration = Duration::from_millis(40);

/// A running watch on a site's sources.
pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Watch {
    /// Starts watching the sources under `root`.
    pub fn start(root: &Path) -> notify::Result<Watch> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            root,
            watcher,
            events,
        };
        for dir in SOURCES {
            watch.watch_source(dir)?;
        }
        Ok(watch)
    }

    /// Blocks until files of the sources change and then stay quiet for a moment; returns them
    /// relative to the root, or `None` when the watch has stopped. Changes made during a build
    /// wait here and come out together: one build follows, not one per change.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.take(event, &mut changed);
        }
        let mut quiet_from = Instant::now() + QUIET;
        loop {
            let left = quiet_from.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    if self.take(event, &mut changed) {
                        quiet_from = Instant::now() + QUIET;
                    }
                }
                Err(RecvTimeoutError::Timeout) => return Some(changed.into_iter().collect()),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Adds the event's files that should rebuild the site; tells whether there were any.
    fn take(&mut self, event: notify::Result<Event>, changed: &mut BTreeSet<PathBuf>) -> bool {
        let event = match event {
            // Reading a file is no change, and the build itself reads every source: without
            // this, each build would set off the next (inotify reports opens).
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => return false,
            Ok(e) => e,
            // The watcher lost track (its queue overflowed): rebuild to be sure.
            Err(_) => return changed.insert(PathBuf::from("data")),
        };
        let mut any = false;
        for path in &event.paths {
            if let Some(rel) = self.relevant(path) {
                changed.insert(rel);
                any = true;
            }
        }
        any
    }

    /// The path relative to the root when a change there should rebuild the site.
    fn relevant(&mut self, path: &Path) -> Option<PathBuf> {
        let rel = path.strip_prefix(&self.root).ok()?.to_path_buf();
        let top = rel.components().next()?.as_os_str().to_str()?.to_string();
        if !SOURCES.contains(&top.as_str()) {
            return None;
        }
        if rel.components().count() == 1 {
            // One of the folders appeared or went: watch it afresh (watching what is not
            // there fails, and then there is nothing to watch).
            let _ = self.watch_source(&top);
        }
        let name = rel.file_name()?.to_str()?;
        (!is_scratch(name)).then_some(rel)
    }

    fn watch_source(&mut self, dir: &str) -> notify::Result<()> {
        let path = self.root.join(dir);
        if !path.is_dir() {
            return Ok(());
        }
        self.watcher.watch(&path, RecursiveMode::Recursive)
    }
}

/// Editors' swap, backup and lock files, which come and go around every save.
fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext))
        // Vim's test of whether it may write in the folder.
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_scratch_files_are_not_changes() {
        for name in [
            ".2024-02.yaml.swp",
            "2024-02.yaml~",
            "#about.md#",
            "4913",
            ".#about.md",
        ] {
            assert!(is_scratch(name), "{name}");
        }
        for name in ["2024-02.yaml", "about.md", "base.html", "style.css", "2024"] {
            assert!(!is_scratch(name), "{name}");
        }
    }
}
