//! Diagnostics for machines: one JSON document for scripts and editors, and GitHub Actions
//! workflow commands, so that a pull request shows each error on its line of the YAML.
//!
//! Both print the diagnostics in the order of the human output ([`Diagnostics::sorted`]), and both
//! take their positions from [`place`], so that the three forms never disagree on where a problem
//! is. Columns count characters from 1; an end position is the column just after the last character
//! of the span (a three-character value at column 12 ends at column 15).

use super::{Diagnostic, Diagnostics, Lang, Location, Severity};
use crate::source::Sources;
use serde::Serialize;
use std::path::{Component, Path};

/// Where a diagnostic points, in lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the human output names it (relative to the site root).
    pub file: Option<String>,
    /// Start and end `(line, column)`; `None` for a whole file or a path.
    pub range: Option<((usize, usize), (usize, usize))>,
}

/// The position of a diagnostic in lines and columns.
pub fn place(d: &Diagnostic, sources: &Sources) -> Place {
    match d.location {
        Location::Span(span) => {
            let span = sources.clamp(span);
            Place {
                file: Some(sources.get(span.file).name.clone()),
                range: Some((
                    sources.line_col(span.file, span.start),
                    sources.line_col(span.file, span.end),
                )),
            }
        }
        Location::File(file) => Place {
            file: Some(sources.get(file).name.clone()),
            range: None,
        },
        Location::None => Place {
            file: d.path.clone(),
            range: None,
        },
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    label: Option<&'a str>,
    help: Option<&'a str>,
    related: Option<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: String,
    line: usize,
    column: usize,
    label: &'a str,
}

/// Every diagnostic as one JSON document:
/// `{"diagnostics": [{"severity", "code", "message", "file", "line", "column", "end_line",
/// "end_column", "label", "help", "related"}…], "errors": N, "warnings": N}`. Positions are
/// `null` for a diagnostic about a whole file or a path.
pub fn json(diags: &Diagnostics, sources: &Sources, lang: Lang) -> String {
    let report = JsonReport {
        diagnostics: diags
            .sorted(sources)
            .into_iter()
            .map(|d| {
                let p = place(d, sources);
                let ((line, column), (end_line, end_column)) = match p.range {
                    Some(((l, c), (el, ec))) => ((Some(l), Some(c)), (Some(el), Some(ec))),
                    None => ((None, None), (None, None)),
                };
                JsonDiagnostic {
                    severity: d.severity,
                    code: d.code,
                    message: d.message.get(lang),
                    file: p.file,
                    line,
                    column,
                    end_line,
                    end_column,
                    label: Some(d.label.get(lang)).filter(|l| !l.is_empty()),
                    help: d.help.as_ref().map(|h| h.get(lang)),
                    related: d.related.as_ref().map(|(span, label)| {
                        let (line, column) = sources.line_col(span.file, span.start);
                        JsonRelated {
                            file: sources.get(span.file).name.clone(),
                            line,
                            column,
                            label: label.get(lang),
                        }
                    }),
                }
            })
            .collect(),
        errors: diags.errors(),
        warnings: diags.warnings(),
    };
    let mut out = serde_json::to_string_pretty(&report).expect("diagnostics serialize to JSON");
    out.push('\n');
    out
}

/// One GitHub Actions workflow command per diagnostic:
/// `::error file=data/reports/2024-03.yaml,line=5,col=12,endLine=5,endColumn=15,title=count-negative::message`.
///
/// GitHub resolves `file` against the checkout, so a file is named as it was read, relative to
/// `cwd` when it lies inside it (`--root site` gives `site/data/…`).
pub fn github(diags: &Diagnostics, sources: &Sources, cwd: Option<&Path>, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags.sorted(sources) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        let file = match d.location {
            Location::Span(span) => Some(shown_path(&sources.get(span.file).path, cwd)),
            Location::File(file) => Some(shown_path(&sources.get(file).path, cwd)),
            Location::None => d.path.clone(),
        };
        if let Some(file) = file {
            props.push(format!("file={}", escape_property(&file)));
        }
        if let Some(((line, col), (end_line, end_col))) = place(d, sources).range {
            props.push(format!(
                "line={line},col={col},endLine={end_line},endColumn={end_col}"
            ));
        }
        props.push(format!("title={}", escape_property(d.code)));
        let mut message = d.message.get(lang).to_string();
        if let Some(help) = &d.help {
            message.push_str(match lang {
                Lang::Ru => "\nподсказка: ",
                Lang::En => "\nhelp: ",
            });
            message.push_str(help.get(lang));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// A path relative to `cwd` when it lies inside it, with `/` separators and no `./`.
fn shown_path(path: &Path, cwd: Option<&Path>) -> String {
    let rel = match cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if rel.has_root() {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Escapes a workflow command's message (GitHub's `escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (GitHub's `escapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use std::path::PathBuf;

    fn one(d: Diagnostic, text: &str) -> (Diagnostics, Sources) {
        let mut sources = Sources::new();
        sources.add(
            Path::new("/site"),
            Path::new("/site/data/reports/2024-03.yaml"),
            text.to_string(),
        );
        let mut diags = Diagnostics::new();
        diags.push(d);
        (diags, sources)
    }

    #[test]
    fn github_escapes_message_and_properties() {
        assert_eq!(escape_data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn github_names_the_span_with_an_exclusive_end() {
        let text = "period: 2024-03\nchannels:\n  pos: {total: -50}\n";
        let at = text.find("-50").unwrap();
        let d = Diagnostic::error(
            crate::diag::codes::COUNT_NEGATIVE,
            crate::t!(
                "число не может быть отрицательным: -50",
                "a count cannot be negative: -50"
            ),
        )
        .at(
            Span::new(crate::source::FileId(0), at, at + 3),
            crate::t!("здесь", "here"),
        )
        .help(crate::t!("запишите 0, если их нет", "write 0, if none"));
        let (diags, sources) = one(d, text);
        let cwd = PathBuf::from("/site");
        assert_eq!(
            github(&diags, &sources, Some(&cwd), Lang::En),
            "::error file=data/reports/2024-03.yaml,line=3,col=16,endLine=3,endColumn=19,\
             title=count-negative::a count cannot be negative: -50%0Ahelp: write 0, if none\n"
        );
        assert_eq!(
            github(&diags, &sources, Some(&cwd), Lang::Ru),
            "::error file=data/reports/2024-03.yaml,line=3,col=16,endLine=3,endColumn=19,\
             title=count-negative::число не может быть отрицательным: -50%0A\
             подсказка: запишите 0, если их нет\n"
        );
    }

    #[test]
    fn json_gives_null_positions_for_a_path() {
        let d = Diagnostic::warning(
            crate::diag::codes::AS_OF_FAR_AHEAD,
            crate::t!("далеко", "far"),
        )
        .in_path("data");
        let (diags, sources) = one(d, "");
        let v: serde_json::Value = serde_json::from_str(&json(&diags, &sources, Lang::Ru)).unwrap();
        assert_eq!(v["diagnostics"][0]["message"], "далеко");
        assert_eq!(v["warnings"], 1);
        assert_eq!(v["diagnostics"][0]["file"], "data");
        assert!(v["diagnostics"][0]["line"].is_null());
        assert!(v["diagnostics"][0]["label"].is_null());
    }

    #[test]
    fn shown_paths_are_relative_to_the_working_folder() {
        let cwd = Path::new("/work/site");
        assert_eq!(
            shown_path(Path::new("/work/site/data/site.yaml"), Some(cwd)),
            "data/site.yaml"
        );
        assert_eq!(
            shown_path(Path::new("./data/site.yaml"), Some(cwd)),
            "data/site.yaml"
        );
        assert_eq!(
            shown_path(Path::new("/elsewhere/data/site.yaml"), Some(cwd)),
            "/elsewhere/data/site.yaml"
        );
    }
}
