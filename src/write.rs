//! The only module that writes the site to disk.
//!
//! A build renders everything into an [`Output`] in memory first. Writing then goes into a fresh
//! directory beside `--out`, and only when every file is written is it swapped in: a failed build,
//! or a crash halfway, leaves the previous site as it was.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The rendered site: relative path (with `/`) → file contents, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn insert(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, bytes);
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.files.iter()
    }

    /// Total size in bytes.
    pub fn bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// Writes `output` to `out`, replacing what was there only once everything is written.
pub fn write(output: &Output, out: &Path) -> io::Result<()> {
    let out = absolute(out)?;
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.vitrina-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.vitrina-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(e) = write_all(output, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_previous = out.exists();
    if had_previous {
        std::fs::rename(&out, &old).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&staging);
        })?;
    }
    if let Err(e) = std::fs::rename(&staging, &out) {
        if had_previous {
            let _ = std::fs::rename(&old, &out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_previous {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

fn write_all(output: &Output, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (path, bytes) in output.iter() {
        let target = dir.join(path);
        if let Some(p) = target.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(target, bytes)?;
    }
    Ok(())
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_previous_site_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("old")).unwrap();
        std::fs::write(out.join("old/stale.html"), "stale").unwrap();
        let mut o = Output::default();
        o.insert("index.html".into(), b"new".to_vec());
        o.insert("reports/2024-03/index.html".into(), b"march".to_vec());
        write(&o, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("old").exists(), "stale files go");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            leftovers,
            vec![std::ffi::OsString::from("public")],
            "no staging folders left"
        );
    }
}
