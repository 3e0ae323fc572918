//! Every file a build reads, kept whole with its name, so that a diagnostic can point at any byte of
//! it long after the stage that read it has finished.
//!
//! Spans are byte ranges into a file's text; line and column are derived only when a diagnostic is
//! printed, so the loaders never have to carry them around.

use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// A byte range inside one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }
}

/// One file as it was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it: relative to the site root when it lies inside it.
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// All files read by one run.
///
/// A region's municipalities are read on several threads at once, each into its own `Sources`
/// whose ids start at a number of its own ([`Sources::starting_at`]); [`Sources::absorb`] then
/// takes them in whole, so that no span has to be renumbered.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// The id of `files[0]`.
    first: usize,
    /// Collections read apart and taken in, by their first id.
    parts: Vec<Sources>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty collection whose first file gets the id `first`: far enough from every other
    /// collection's ids that no two files share one (`first` a multiple of 2^24, say).
    pub fn starting_at(first: usize) -> Self {
        Sources {
            first,
            ..Self::default()
        }
    }

    /// Takes in the files of a collection read apart ([`Sources::starting_at`]), keeping their
    /// ids.
    pub fn absorb(&mut self, other: Sources) {
        let at = self.parts.partition_point(|p| p.first < other.first);
        self.parts.insert(at, other);
    }

    fn all(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        let own = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(self.first + i), f));
        let parts: Box<dyn Iterator<Item = (FileId, &SourceFile)>> =
            Box::new(self.parts.iter().flat_map(|p| p.all()));
        own.chain(parts)
    }

    /// The files whose displayed name begins with `folder` (`data/municipalities/belgorod/`), in
    /// the order they were read.
    pub fn files_under<'s>(&'s self, folder: &'s str) -> impl Iterator<Item = &'s SourceFile> + 's {
        self.all()
            .map(|(_, f)| f)
            .filter(move |f| f.name.starts_with(folder))
    }

    /// Adds a file's text; `root` shortens the displayed name.
    pub fn add(&mut self, root: &Path, path: &Path, text: String) -> FileId {
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        self.files.push(SourceFile {
            name,
            path: path.to_path_buf(),
            text,
        });
        FileId(self.first + self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        if let Some(f) = id.0.checked_sub(self.first).and_then(|i| self.files.get(i)) {
            return f;
        }
        let at = self.parts.partition_point(|p| p.first <= id.0);
        match at.checked_sub(1) {
            Some(i) => self.parts[i].get(id),
            None => &self.files[id.0 - self.first],
        }
    }

    /// The file shown as `name` (`data/site.yaml`), if it was read.
    pub fn find(&self, name: &str) -> Option<FileId> {
        self.all().find(|(_, f)| f.name == name).map(|(id, _)| id)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        line_col(&self.get(file).text, offset)
    }

    /// `span` made safe to slice the file with: inside the text, both ends on character
    /// boundaries, and at least one character wide where the file has one to show. A loader may
    /// compute a span one byte past a multi-byte character or past the end of the file (a YAML
    /// syntax error's "1-byte" span next to a Cyrillic letter); printing must never panic on it.
    pub fn clamp(&self, span: Span) -> Span {
        let text = &self.get(span.file).text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let mut end = ceil_char_boundary(text, span.end.clamp(start, text.len()));
        if end == start {
            end = text[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
        }
        Span::new(span.file, start, end)
    }
}

/// 1-based line and column (in characters) of `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "а: 1\nбв: x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 5));
    }

    #[test]
    fn clamp_keeps_spans_on_character_boundaries_and_inside_the_file() {
        let mut sources = Sources::new();
        let text = "ая\u{feff}б".to_string();
        let len = text.len();
        let f = sources.add(Path::new("/"), Path::new("/x.yaml"), text);
        // One byte into "а": widened to the whole letter.
        assert_eq!(sources.clamp(Span::new(f, 0, 1)), Span::new(f, 0, 2));
        // Starting inside "я": moved back to its start.
        assert_eq!(sources.clamp(Span::new(f, 3, 4)), Span::new(f, 2, 4));
        // Inside the BOM (3 bytes).
        assert_eq!(sources.clamp(Span::new(f, 5, 6)), Span::new(f, 4, 7));
        // Past the end: an empty span at the end.
        assert_eq!(
            sources.clamp(Span::new(f, len + 5, len + 9)),
            Span::new(f, len, len)
        );
        // An empty span gets one character to point at.
        assert_eq!(sources.clamp(Span::new(f, 2, 2)), Span::new(f, 2, 4));
    }

    #[test]
    fn collections_read_apart_keep_their_ids_when_taken_in() {
        let mut all = Sources::new();
        let a = all.add(Path::new("/"), Path::new("/a.yaml"), "a".into());
        let mut second = Sources::starting_at(2 << 24);
        let c = second.add(Path::new("/"), Path::new("/c.yaml"), "c".into());
        let mut first = Sources::starting_at(1 << 24);
        let b = first.add(Path::new("/"), Path::new("/b.yaml"), "b".into());
        all.absorb(second);
        all.absorb(first);
        assert_eq!(all.get(a).text, "a");
        assert_eq!(all.get(b).text, "b");
        assert_eq!(all.get(c).text, "c");
        assert_eq!(all.find("c.yaml"), Some(c));
        assert_eq!(all.find("b.yaml"), Some(b));
    }
}
