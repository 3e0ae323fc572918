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
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should see it: relative to the site root when it lies inside it.
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// All files read by one run.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
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
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The file shown as `name` (`data/site.yaml`), if it was read.
    pub fn find(&self, name: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.name == name).map(FileId)
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
}
