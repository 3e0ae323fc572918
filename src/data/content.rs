//! Markdown pages under `content/`: front matter between `---` lines, then the body.
//!
//! The front matter is parsed in place, with its byte offset inside the `.md` file, so that an
//! error in it points at the right line of the page (Zola loses this offset: zola#1133).

use super::decode::{self, fields};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::source::{FileId, Sources, Span};
use crate::t;
use chrono::NaiveDate;
use serde::Serialize;

/// A content page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    #[serde(skip)]
    pub file: FileId,
    /// The site path, such as `/news/2024-04-02-mart/`.
    pub url: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub template: Option<String>,
    #[serde(skip)]
    pub template_span: Option<Span>,
    /// The Markdown body.
    #[serde(skip)]
    pub body: String,
    /// Where the body is written: the file after its front matter.
    #[serde(skip)]
    pub body_span: Span,
}

const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "date",
    "description",
    "weight",
    "draft",
    "template",
];

/// Reads one page; `rel` is its path under `content/` with `/` separators. It reads the front
/// matter's fields one after another, as `read_decision` does.
pub fn read_page(sources: &Sources, file: FileId, rel: &str, d: &mut Diagnostics) -> Option<Page> {
    let text = &sources.get(file).text;
    let Some((fm_start, fm_end, body_start)) = split_front_matter(text) else {
        d.push(no_front_matter(file, text));
        return None;
    };
    let node = crate::yaml::parse(&text[fm_start..fm_end], file, fm_start, d)?;
    if node.is_null() {
        d.push(
            Diagnostic::error(
                codes::MISSING_KEY,
                t!(
                    "в шапке страницы нет ключа `title`",
                    "the front matter has no `title`"
                ),
            )
            .at(
                Span::new(file, 0, 3),
                t!("здесь не хватает `title`", "`title` is missing"),
            ),
        );
        return None;
    }
    let f = fields(
        &node,
        Noun::new("шапка страницы", "front matter"),
        FRONT_MATTER_KEYS,
        d,
    )?;
    let errors = d.errors();
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let date = f.optional("date").and_then(|n| decode::date(n, d));
    let description = f.optional("description").and_then(|n| decode::text(n, d));
    let weight = f.optional("weight").and_then(|n| {
        match n.scalar().and_then(|t| t.trim().parse::<i64>().ok()) {
            Some(w) => Some(w),
            None => {
                d.push(decode::expected(n, t!("целое число", "a whole number")));
                None
            }
        }
    });
    let draft = f
        .optional("draft")
        .and_then(|n| decode::boolean(n, d))
        .unwrap_or(false);
    let template = f.optional("template").and_then(|n| decode::text(n, d));
    if d.errors() > errors {
        return None;
    }
    Some(Page {
        file,
        url: url_of(rel),
        title: title?,
        date,
        description,
        weight,
        draft,
        template,
        template_span: f.optional("template").map(|n| n.span),
        body: text[body_start..].to_string(),
        body_span: Span::new(file, body_start, text.len()),
    })
}

/// The error for a page that does not start with front matter.
fn no_front_matter(file: FileId, text: &str) -> Diagnostic {
    Diagnostic::error(
        codes::FRONT_MATTER_MISSING,
        t!(
            "страница должна начинаться с шапки между строками `---`",
            "a content page starts with front matter between `---` lines"
        ),
    )
    .at(
        Span::new(file, 0, text.find('\n').unwrap_or(text.len())),
        t!(
            "в первой строке ожидается `---`",
            "expected `---` on the first line"
        ),
    )
    .help(t!(
        "начните страницу так:\n---\ntitle: \"Заголовок\"\n---",
        "begin the page with:\n---\ntitle: \"Заголовок\"\n---"
    ))
}

/// Byte offsets of the front matter's text and of the body, when the file starts with `---`.
fn split_front_matter(text: &str) -> Option<(usize, usize, usize)> {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[text_start..];
    let first_len = rest.find('\n')? + 1;
    if rest[..first_len].trim_end() != "---" {
        return None;
    }
    let fm_start = text_start + first_len;
    let mut pos = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((fm_start, pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// `about.md` → `/about/`, `news/x.md` → `/news/x/`, `news/index.md` → `/news/`.
pub fn url_of(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = stem
        .strip_suffix("/index")
        .or_else(|| (stem == "index").then_some(""))
        .unwrap_or(stem);
    if stem.is_empty() {
        "/".to_string()
    } else {
        format!("/{stem}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn page(text: &str) -> (Option<Page>, Diagnostics, Sources) {
        let mut sources = Sources::new();
        let file = sources.add(
            Path::new("/s"),
            Path::new("/s/content/about.md"),
            text.to_string(),
        );
        let mut d = Diagnostics::new();
        let p = read_page(&sources, file, "about.md", &mut d);
        (p, d, sources)
    }

    #[test]
    fn reads_front_matter_and_body() {
        let (p, d, _) = page("---\ntitle: \"О центре\"\nweight: 10\n---\n# Текст\n");
        assert!(!d.has_errors());
        let p = p.unwrap();
        assert_eq!(p.title, "О центре");
        assert_eq!(p.weight, Some(10));
        assert_eq!(p.body, "# Текст\n");
        assert_eq!(p.url, "/about/");
    }

    #[test]
    fn front_matter_errors_point_at_the_line_in_the_page() {
        let (p, d, sources) = page("---\ntitle: \"x\"\ndate: 2024-02-30\n---\nbody\n");
        assert!(p.is_none());
        let diag = d.iter().next().unwrap();
        assert_eq!(diag.code, "date-invalid");
        assert_eq!(
            diag.position(&sources).unwrap(),
            ("content/about.md".to_string(), 3, 7)
        );
    }

    #[test]
    fn a_page_without_front_matter_is_an_error() {
        let (p, d, _) = page("# Заголовок\n");
        assert!(p.is_none());
        assert_eq!(d.iter().next().unwrap().code, "front-matter-missing");
    }

    #[test]
    fn urls_come_from_paths() {
        assert_eq!(url_of("about.md"), "/about/");
        assert_eq!(url_of("news/2024-04-02-mart.md"), "/news/2024-04-02-mart/");
        assert_eq!(url_of("news/index.md"), "/news/");
    }
}
