//! Diagnostics: what is wrong with the input, where, and how to fix it.
//!
//! Loaders never stop at the first problem. Each stage pushes [`Diagnostic`]s into a
//! [`Diagnostics`] collector and goes on with what it could read, so that one run of
//! `vitrina check` reports every error of every file. Whether the run fails is decided once, at the
//! end: any error fails it, and with `--strict` so does any warning.
//!
//! Positions are kept as byte [`Span`]s; the renderer turns them into `file:line:column` and shows
//! the offending line with a caret, the way rustc does (through `annotate-snippets`).

pub mod machine;

use crate::source::{FileId, Sources, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// The build goes on; `check --strict` fails.
    Warning,
}

/// Where a diagnostic points: a span, or a whole file when nothing narrower exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    Span(Span),
    File(FileId),
    /// A path that could not be read into [`Sources`] (an unreadable file, a missing folder).
    None,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier (`count-negative`), for tests, JSON output and translations.
    pub code: &'static str,
    pub message: String,
    pub location: Location,
    /// Shown under the span.
    pub label: String,
    /// The likely fix.
    pub help: Option<String>,
    /// A second place that explains the first (the first of two duplicate keys).
    pub related: Option<(Span, String)>,
    /// A path to name when `location` is `None`.
    pub path: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: Location::None,
            label: String::new(),
            help: None,
            related: None,
            path: None,
        }
    }

    /// Points at a span with a label under it.
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.location = Location::Span(span);
        self.label = label.into();
        self
    }

    /// Points at a whole file.
    pub fn in_file(mut self, file: FileId) -> Self {
        self.location = Location::File(file);
        self
    }

    /// Names a path that is not a loaded source.
    pub fn in_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related = Some((span, label.into()));
        self
    }

    /// The position to sort and print by: file, line, column.
    pub fn position(&self, sources: &Sources) -> Option<(String, usize, usize)> {
        match self.location {
            Location::Span(span) => {
                let (line, col) = sources.line_col(span.file, span.start);
                Some((sources.get(span.file).name.clone(), line, col))
            }
            Location::File(file) => Some((sources.get(file).name.clone(), 1, 1)),
            Location::None => self.path.clone().map(|p| (p, 0, 0)),
        }
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file and position, errors before warnings at one place: the order a reader fixes
    /// them in, independent of the order the loaders ran.
    pub fn sorted(&self, sources: &Sources) -> Vec<&Diagnostic> {
        let mut v: Vec<_> = self.items.iter().collect();
        v.sort_by_cached_key(|d| (d.position(sources), d.severity, d.message.clone()));
        v
    }

    /// Renders every diagnostic for a terminal, followed by a one-line summary.
    pub fn render(&self, sources: &Sources) -> String {
        let mut out = String::new();
        for d in self.sorted(sources) {
            out.push_str(&render_one(d, sources));
            out.push_str("\n\n");
        }
        let (e, w) = (self.errors(), self.warnings());
        if e + w > 0 {
            out.push_str(&format!(
                "{e} {}, {w} {}\n",
                if e == 1 { "error" } else { "errors" },
                if w == 1 { "warning" } else { "warnings" }
            ));
        }
        out
    }
}

/// Renders one diagnostic with the offending line and a caret under the span.
pub fn render_one(d: &Diagnostic, sources: &Sources) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code);
    let mut group = match d.location {
        Location::Span(span) => {
            let file = sources.get(span.file);
            let mut snippet = Snippet::source(file.text.as_str())
                .path(file.name.as_str())
                .fold(true)
                .annotation(
                    AnnotationKind::Primary
                        .span(span.start..span.end)
                        .label(d.label.as_str()),
                );
            if let Some((rel, label)) = &d.related
                && rel.file == span.file
            {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(rel.start..rel.end)
                        .label(label.as_str()),
                );
            }
            Group::with_title(title).element(snippet)
        }
        Location::File(file) => {
            Group::with_title(title).element(Origin::path(sources.get(file).name.as_str()))
        }
        Location::None => match &d.path {
            Some(p) => Group::with_title(title).element(Origin::path(p.as_str())),
            None => Group::with_title(title),
        },
    };
    if let Some((rel, label)) = &d.related
        && !matches!(d.location, Location::Span(s) if s.file == rel.file)
    {
        let file = sources.get(rel.file);
        let (line, col) = sources.line_col(rel.file, rel.start);
        group = group.element(Level::NOTE.message(format!("{label}: {}:{line}:{col}", file.name)));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    Renderer::plain().render(&[group])
}

/// Suggests the candidate closest to a misspelt word, if one is close enough to be meant.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(dist, c)| {
            *dist <= (c.chars().count() / 3).max(1) || c.starts_with(word) && word.len() >= 3
        })
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn suggests_the_nearest_key() {
        let keys = [
            "fast_track",
            "auto_delivery",
            "roadmap",
            "info_systems",
            "auto_control",
            "total",
        ];
        assert_eq!(suggest("fasttrack", &keys), Some("fast_track"));
        assert_eq!(suggest("fast_trak", &keys), Some("fast_track"));
        assert_eq!(suggest("totl", &keys), Some("total"));
        assert_eq!(suggest("colour", &keys), None);
    }

    #[test]
    fn renders_file_line_column_and_caret() {
        let mut sources = Sources::new();
        let text = "period: 2024-03\nchannels:\n  pos: {total: -5}\n".to_string();
        let at = text.find("-5").unwrap();
        let file = sources.add(
            Path::new("/site"),
            Path::new("/site/data/reports/2024-03.yaml"),
            text,
        );
        let d = Diagnostic::error("count-negative", "a count cannot be negative")
            .at(
                Span::new(file, at, at + 2),
                "expected a whole number 0 or more",
            )
            .help("write the number of appeals, such as 5");
        let out = render_one(&d, &sources);
        assert!(out.contains("data/reports/2024-03.yaml:3:16"), "{out}");
        assert!(out.contains("^^"), "{out}");
        assert!(out.contains("help: write the number"), "{out}");
    }
}
