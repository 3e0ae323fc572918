//! Diagnostics: what is wrong with the input, where, and how to fix it.
//!
//! Loaders never stop at the first problem. Each stage pushes [`Diagnostic`]s into a
//! [`Diagnostics`] collector and goes on with what it could read, so that one run of
//! `vitrina check` reports every error of every file. Whether the run fails is decided once, at the
//! end: any error fails it, and with `--strict` so does any warning.
//!
//! Positions are kept as byte [`Span`]s; the renderer turns them into `file:line:column` and shows
//! the offending line with a caret, the way rustc does (through `annotate-snippets`).
//!
//! A publisher reads them in Russian; `--lang en` or `language: en` in `site.yaml` switches to
//! English. Every text a diagnostic carries is a [`Text`] holding both, written side by side at the
//! place that finds the problem with [`t!`](crate::t), so that no message can exist in one language
//! only and the two never drift apart through a catalogue kept elsewhere.

pub mod codes;
pub mod machine;

use crate::source::{FileId, Sources, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// The language Vitrina speaks to the publisher in (the site itself is Russian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Text {
    pub ru: String,
    pub en: String,
}

impl Text {
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// A text that reads the same in both languages: a key, or a value quoted from the file.
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text {
            ru: s.clone(),
            en: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ru.is_empty() && self.en.is_empty()
    }
}

/// A name of a thing in both languages, for messages that say where something is ("в решении" /
/// "in the decision"): the noun in Russian's nominative, since messages quote it as a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    pub ru: &'static str,
    pub en: &'static str,
}

impl Noun {
    pub const fn new(ru: &'static str, en: &'static str) -> Self {
        Noun { ru, en }
    }
}

/// Builds a [`Text`] from a Russian and an English format string, each capturing variables by name
/// like `format!`, and sharing any further arguments: `t!("нет ключа `{key}`", "no `{key}`")`.
#[macro_export]
macro_rules! t {
    ($ru:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::diag::Text::new(format!($ru $(, $arg)*), format!($en $(, $arg)*))
    };
}

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

/// The longest message printed. Messages quote values from the files, shortened where they are
/// quoted; this is the last guard, so that no input (a pasted paragraph, a 1 MB key) can make a
/// message that floods the terminal or a CI log.
const MAX_MESSAGE_CHARS: usize = 400;

fn capped(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier (`count-negative`), for tests, JSON output and translations.
    pub code: &'static str,
    pub message: Text,
    pub location: Location,
    /// Shown under the span.
    pub label: Text,
    /// The likely fix.
    pub help: Option<Text>,
    /// A second place that explains the first (the first of two duplicate keys).
    pub related: Option<(Span, Text)>,
    /// A path to name when `location` is `None`.
    pub path: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: Text) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: Text) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: Text) -> Self {
        Diagnostic {
            severity,
            code,
            message: Text::new(
                capped(message.ru, MAX_MESSAGE_CHARS),
                capped(message.en, MAX_MESSAGE_CHARS),
            ),
            location: Location::None,
            label: Text::default(),
            help: None,
            related: None,
            path: None,
        }
    }

    /// A file that exists but could not be read (permissions, a folder in its place).
    pub fn unreadable(path: impl Into<String>, e: &std::io::Error) -> Self {
        Self::error(
            codes::READ,
            crate::t!(
                "не удаётся прочитать файл: {e}",
                "cannot read this file: {e}"
            ),
        )
        .in_path(path)
    }

    /// Points at a span with a label under it.
    pub fn at(mut self, span: Span, label: Text) -> Self {
        self.location = Location::Span(span);
        self.label = label;
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

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn related(mut self, span: Span, label: Text) -> Self {
        self.related = Some((span, label));
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
#[derive(Debug, Default, Clone)]
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

    /// Takes in what another collector found (a municipality's, read on another thread).
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
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
        v.sort_by_cached_key(|d| (d.position(sources), d.severity, d.message.en.clone()));
        v
    }

    /// Renders every diagnostic for a terminal, followed by a one-line summary.
    pub fn render(&self, sources: &Sources, style: &Style) -> String {
        let mut out = String::new();
        for d in self.sorted(sources) {
            out.push_str(&render_one(d, sources, style));
            out.push_str("\n\n");
        }
        let (e, w) = (self.errors(), self.warnings());
        if e + w > 0 {
            out.push_str(&summary(e, w, style.lang));
            out.push('\n');
        }
        out
    }
}

/// A value quoted in a message, shortened to 40 characters. It sits here, below the YAML tree and
/// the readers that all quote values, so that none of them imports another for it.
pub fn shorten(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// "2 ошибки, 1 предупреждение" / "2 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize, lang: Lang) -> String {
    let (e, w) = (errors as u64, warnings as u64);
    match lang {
        Lang::Ru => format!(
            "{e} {}, {w} {}",
            crate::format::plural(e, "ошибка", "ошибки", "ошибок"),
            crate::format::plural(w, "предупреждение", "предупреждения", "предупреждений")
        ),
        Lang::En => format!(
            "{e} {}, {w} {}",
            if e == 1 { "error" } else { "errors" },
            if w == 1 { "warning" } else { "warnings" }
        ),
    }
}

/// What a build's summary line says besides its pages and time.
#[derive(Debug, Clone, Copy)]
pub enum Built<'a> {
    /// `vitrina build`: how many files of how many bytes were written, and where.
    Written {
        files: usize,
        bytes: u64,
        out: &'a str,
    },
    /// `vitrina serve`: the build's number since the preview started.
    Served { generation: u64 },
}

/// The line a successful build ends with, the same words for `build` and `serve`: "собрано 137
/// страниц (244 файла, 4208 КиБ) в public за 0,32 с" / "собрано 137 страниц за 0,32 с (сборка № 3)".
pub fn built_summary(pages: usize, seconds: f64, built: Built) -> Text {
    let p = pages as u64;
    let secs_ru = format!("{seconds:.2}").replace('.', ",");
    let (done, pw) = (
        crate::format::plural(p, "собрана", "собраны", "собрано"),
        crate::format::plural(p, "страница", "страницы", "страниц"),
    );
    match built {
        Built::Written { files, bytes, out } => {
            let (f, kib) = (files as u64, bytes / 1024);
            let fw = crate::format::plural(f, "файл", "файла", "файлов");
            t!(
                "{done} {p} {pw} ({f} {fw}, {kib} КиБ) в {out} за {secs_ru} с",
                "built {p} pages ({f} files, {kib} KiB) into {out} in {seconds:.2} s"
            )
        }
        Built::Served { generation: n } => t!(
            "{done} {p} {pw} за {secs_ru} с (сборка № {n})",
            "built {p} pages in {seconds:.2} s (build {n})"
        ),
    }
}

/// How diagnostics are shown to a person: in which language, and whether in colour.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
}

impl Style {
    pub fn plain(lang: Lang) -> Self {
        Style { lang, color: false }
    }

    /// Colour only for a terminal, and never when `NO_COLOR` is set (https://no-color.org) or the
    /// terminal is `dumb`.
    pub fn for_stderr(lang: Lang) -> Self {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|v| v == "dumb");
        Style {
            lang,
            color: std::io::stderr().is_terminal() && !no_color && !dumb,
        }
    }

    /// A failure that is not about a place in a file, with its likely fix on a line of its own:
    /// "ошибка: …\n\nподсказка: …".
    pub fn error_with_help(&self, message: &Text, help: &Text) -> String {
        let head = match self.lang {
            Lang::Ru => "подсказка",
            Lang::En => "help",
        };
        format!("{}\n\n{head}: {}", self.error(message), help.get(self.lang))
    }

    /// "error: …" / "ошибка: …" for a message that is not about a place in a file.
    pub fn error(&self, message: &Text) -> String {
        let head = match self.lang {
            Lang::Ru => "ошибка",
            Lang::En => "error",
        };
        if self.color {
            format!("\x1b[1;31m{head}\x1b[0m: {}", message.get(self.lang))
        } else {
            format!("{head}: {}", message.get(self.lang))
        }
    }
}

/// Renders one diagnostic with the offending line and a caret under the span.
pub fn render_one(d: &Diagnostic, sources: &Sources, style: &Style) -> String {
    let lang = style.lang;
    let (level, head) = match (d.severity, lang) {
        (Severity::Error, Lang::Ru) => (Level::ERROR, Some("ошибка")),
        (Severity::Warning, Lang::Ru) => (Level::WARNING, Some("предупреждение")),
        (Severity::Error, Lang::En) => (Level::ERROR, None),
        (Severity::Warning, Lang::En) => (Level::WARNING, None),
    };
    let level = match head {
        Some(name) => level.with_name(Some(name)),
        None => level,
    };
    let title = level.primary_title(d.message.get(lang)).id(d.code);
    let mut group = match d.location {
        Location::Span(span) => {
            let span = sources.clamp(span);
            let file = sources.get(span.file);
            let mut snippet = Snippet::source(file.text.as_str())
                .path(file.name.as_str())
                .fold(true)
                .annotation(
                    AnnotationKind::Primary
                        .span(span.start..span.end)
                        .label(d.label.get(lang)),
                );
            if let Some((rel, label)) = &d.related
                && rel.file == span.file
            {
                let rel = sources.clamp(*rel);
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(rel.start..rel.end)
                        .label(label.get(lang)),
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
        let note = match lang {
            Lang::Ru => Level::NOTE.with_name(Some("примечание")),
            Lang::En => Level::NOTE,
        };
        group =
            group.element(note.message(format!("{}: {}:{line}:{col}", label.get(lang), file.name)));
    }
    if let Some(help) = &d.help {
        let level = match lang {
            Lang::Ru => Level::HELP.with_name(Some("подсказка")),
            Lang::En => Level::HELP,
        };
        group = group.element(level.message(help.get(lang)));
    }
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Suggests the candidate closest to a misspelt word, if one is close enough to be meant.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // Edit distance costs the product of the lengths in time and memory: a pasted paragraph is
    // no misspelt key.
    if word.len() > 64 {
        return None;
    }
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

    #[test]
    fn the_build_summary_agrees_in_number_and_writes_a_decimal_comma() {
        let written = |pages, files, bytes| {
            built_summary(
                pages,
                0.324,
                Built::Written {
                    files,
                    bytes,
                    out: "public",
                },
            )
        };
        let s = written(137, 244, 4_310_000);
        assert_eq!(
            s.ru,
            "собрано 137 страниц (244 файла, 4208 КиБ) в public за 0,32 с"
        );
        assert_eq!(
            s.en,
            "built 137 pages (244 files, 4208 KiB) into public in 0.32 s"
        );
        assert!(
            written(1, 1, 0)
                .ru
                .starts_with("собрана 1 страница (1 файл,")
        );
        assert!(
            written(22, 3, 0)
                .ru
                .starts_with("собраны 22 страницы (3 файла,")
        );
    }

    #[test]
    fn serve_says_the_same_with_the_build_number() {
        let s = built_summary(22, 0.5, Built::Served { generation: 3 });
        assert_eq!(s.ru, "собраны 22 страницы за 0,50 с (сборка № 3)");
        assert_eq!(s.en, "built 22 pages in 0.50 s (build 3)");
    }
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
        let d = Diagnostic::error(
            codes::COUNT_NEGATIVE,
            crate::t!(
                "число не может быть отрицательным",
                "a count cannot be negative"
            ),
        )
        .at(
            Span::new(file, at, at + 2),
            crate::t!(
                "ожидалось целое число, 0 или больше",
                "expected a whole number 0 or more"
            ),
        )
        .help(crate::t!(
            "запишите число обращений, например 5",
            "write the number of appeals, such as 5"
        ));
        let out = render_one(&d, &sources, &Style::plain(Lang::En));
        assert!(out.contains("data/reports/2024-03.yaml:3:16"), "{out}");
        assert!(out.contains("^^"), "{out}");
        assert!(
            out.contains("error[count-negative]: a count cannot"),
            "{out}"
        );
        assert!(out.contains("help: write the number"), "{out}");
        let out = render_one(&d, &sources, &Style::plain(Lang::Ru));
        assert!(out.contains("data/reports/2024-03.yaml:3:16"), "{out}");
        assert!(
            out.contains("ошибка[count-negative]: число не может быть отрицательным"),
            "{out}"
        );
        assert!(out.contains("ожидалось целое число"), "{out}");
        assert!(out.contains("подсказка: запишите число"), "{out}");
        assert!(
            !out.contains('\x1b'),
            "plain output has no colour codes: {out}"
        );
        let coloured = render_one(
            &d,
            &sources,
            &Style {
                lang: Lang::Ru,
                color: true,
            },
        );
        assert!(coloured.contains('\x1b'), "{coloured}");
    }

    #[test]
    fn the_summary_agrees_in_number() {
        assert_eq!(summary(1, 2, Lang::Ru), "1 ошибка, 2 предупреждения");
        assert_eq!(summary(5, 0, Lang::Ru), "5 ошибок, 0 предупреждений");
        assert_eq!(summary(1, 2, Lang::En), "1 error, 2 warnings");
    }
}
