//! The site's `static/` folder: files published as they are, at the same path at the root of the
//! output (`static/CNAME` → `/CNAME`, `static/.well-known/security.txt` →
//! `/.well-known/security.txt`), as Hugo and Zola do. It is what a host asks for at the root — a
//! custom domain's `CNAME`, `.well-known/`, a search engine's verification file — which a
//! theme's `static/` (served under `/static/`) cannot give, and which Vitrina does not let a
//! person put into the output folder by hand (a build would replace it).
//!
//! They are handed to the emitter after everything Vitrina makes, so that a file taking the path
//! of one of those (or of a folder of them, or lying under one) is an error naming both, never a
//! page silently replaced; compared without case, as a host on Windows or macOS would. Symbolic
//! links are followed inside the site's folder and refused outside it, as under `data/`; hidden
//! files are published (that is what `.well-known/` is); anything that is not a regular file (a
//! named pipe, a socket) is an error rather than a read that would block. The files are not read
//! for links: they are published as they are.

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::emit::Emitter;
use crate::t;
use std::collections::BTreeSet;
use std::path::Path;

/// The folder, relative to the site's root.
pub const FOLDER: &str = "static";

/// Hands every file under `root/static/` to `emitter` at its path inside that folder; reports
/// what cannot be published.
pub fn emit(root: &Path, emitter: &Emitter, d: &mut Diagnostics) {
    let dir = root.join(FOLDER);
    if !dir.is_dir() {
        return;
    }
    let made = Made::new(emitter.paths());
    let mut walk = crate::data::files::Walk::new(root, &dir, 1);
    let unlisted = |e: &walkdir::Error| {
        let shown = shown(root, e.path().unwrap_or(&dir));
        not_publishable(shown, t!("{e}", "{e}"))
    };
    while let Some(entry) = walk.next_entry(d, unlisted) {
        let shown = shown(root, entry.path());
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let Some(rel) = rel
            .to_str()
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            d.push(not_publishable(
                shown,
                t!(
                    "имя файла не в кодировке UTF-8",
                    "the file's name is not UTF-8"
                ),
            ));
            continue;
        };
        if !kind.is_file() {
            d.push(not_publishable(
                shown,
                t!(
                    "это не обычный файл (именованный канал, сокет или устройство)",
                    "this is not a regular file (a named pipe, a socket or a device)"
                ),
            ));
            continue;
        }
        if !crate::write::is_plain_relative(&rel) {
            d.push(not_publishable(
                shown,
                t!(
                    "в имени файла перевод строки или обратная косая черта",
                    "the file's name holds a line break or a backslash"
                ),
            ));
            continue;
        }
        if let Some(theirs) = made.collision(&rel) {
            d.push(collides(shown, theirs));
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => emitter.put_verbatim(rel, bytes),
            Err(e) => d.push(Diagnostic::unreadable(shown, &e)),
        }
    }
}

/// A path under the root as messages show it, with `/`.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn not_publishable(shown: String, why: crate::diag::Text) -> Diagnostic {
    Diagnostic::error(
        codes::STATIC_NOT_PUBLISHABLE,
        crate::diag::Text::new(
            format!("файл из static/ нельзя опубликовать: {}", why.ru),
            format!("a file of static/ cannot be published: {}", why.en),
        ),
    )
    .in_path(shown)
    .help(t!(
        "положите на его место обычный файл с именем без переводов строки и обратной косой черты \
         или уберите его из static/",
        "put a regular file with a plain name in its place, or move it out of static/"
    ))
}

fn collides(shown: String, theirs: String) -> Diagnostic {
    Diagnostic::error(
        codes::STATIC_COLLIDES,
        t!(
            "файл {shown} занял бы на сайте адрес /{theirs}, по которому уже публикует сама \
             Vitrina",
            "{shown} would take the address /{theirs} on the site, which Vitrina itself \
             already publishes"
        ),
    )
    .in_path(shown.clone())
    .help(t!(
        "переименуйте файл или перенесите его в другую папку внутри static/; чтобы заменить файл \
         темы оформления (/static/…), положите его в themes/default/static/",
        "rename the file or move it to another folder inside static/; to replace a file of the \
         theme (/static/…), put it in themes/default/static/"
    ))
}

/// What Vitrina made, for the collisions: its files and their folders, without case.
struct Made {
    files: BTreeSet<String>,
    /// Each folder with `/` at the end.
    folders: BTreeSet<String>,
    /// By their lower case, the paths as Vitrina wrote them.
    shown: std::collections::HashMap<String, String>,
}

impl Made {
    fn new(paths: Vec<String>) -> Made {
        let mut made = Made {
            files: BTreeSet::new(),
            folders: BTreeSet::new(),
            shown: Default::default(),
        };
        for path in paths {
            let lower = path.to_lowercase();
            for (i, _) in lower.match_indices('/') {
                made.folders.insert(lower[..=i].to_string());
                made.shown
                    .entry(lower[..=i].to_string())
                    .or_insert_with(|| path[..=i].to_string());
            }
            made.files.insert(lower.clone());
            made.shown.insert(lower, path);
        }
        made
    }

    /// The path Vitrina made that `rel` would take the place of: the same file, a folder of
    /// Vitrina's files, or a file of Vitrina's where `rel` needs a folder.
    fn collision(&self, rel: &str) -> Option<String> {
        let lower = rel.to_lowercase();
        let folder = format!("{lower}/");
        let clash = if self.files.contains(&lower) {
            Some(lower)
        } else if self.folders.contains(&folder) {
            Some(folder)
        } else {
            lower
                .match_indices('/')
                .map(|(i, _)| &lower[..i])
                .find(|parent| self.files.contains(*parent))
                .map(str::to_string)
        };
        clash.and_then(|c| self.shown.get(&c).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collision_is_a_file_a_folder_or_a_file_in_the_way_without_case() {
        let made = Made::new(vec![
            "index.html".into(),
            "reports/2024-03/index.html".into(),
            "feed.xml".into(),
        ]);
        assert_eq!(made.collision("CNAME"), None);
        assert_eq!(made.collision(".well-known/security.txt"), None);
        assert_eq!(made.collision("reports2/x"), None);
        assert_eq!(made.collision("index.html").as_deref(), Some("index.html"));
        assert_eq!(made.collision("Index.HTML").as_deref(), Some("index.html"));
        assert_eq!(made.collision("reports").as_deref(), Some("reports/"));
        assert_eq!(
            made.collision("reports/2024-03").as_deref(),
            Some("reports/2024-03/")
        );
        assert_eq!(made.collision("feed.xml/x").as_deref(), Some("feed.xml"));
    }
}
