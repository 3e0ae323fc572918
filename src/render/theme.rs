//! The theme: templates and static files. The default theme is compiled into the binary, so that
//! `cargo install` gives a working tool; a site's `themes/<name>/` replaces it file by file
//! (`templates/x.html` overrides the built-in `templates/x.html`, as in mdBook).
//!
//! The site's theme is read as `data/` is ([`crate::data::files`]): a symbolic link is followed
//! when it leads inside the site's folder and refused when it leads outside; a folder that cannot
//! be listed, a file that cannot be read and anything that is not a regular file are errors. None
//! of them is passed over for the built-in file of the same name, which would build a site
//! that looks right from a theme that is not what the publisher wrote.

use crate::data::files;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::t;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template's text and where it came from, for messages.
#[derive(Debug, Clone)]
pub struct Template {
    pub source: String,
    /// `built-in` or the path of the site's file.
    pub origin: String,
}

/// The templates and static files a build uses.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// By name relative to `templates/`, such as `report_month.html`.
    pub templates: BTreeMap<String, Template>,
    /// By path relative to `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Every template's name and source, for the keys of the page cache.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.templates
            .iter()
            .map(|(name, t)| (name.as_str(), t.source.as_str()))
    }

    /// Every static file's name and bytes, for the keys of the page cache.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.statics
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
    }
}

/// The built-in theme overlaid with the site's `themes/<name>/`, if it has one.
pub fn load(root: &Path, name: &str, d: &mut Diagnostics) -> Theme {
    let mut theme = Theme::default();
    collect_builtin(&DEFAULT_THEME, &mut theme);
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            d.push(
                Diagnostic::error(
                    codes::THEME_MISSING,
                    t!(
                        "для темы оформления `{name}` нет папки themes/{name}/",
                        "the theme `{name}` has no folder themes/{name}/"
                    ),
                )
                .in_path("data/site.yaml")
                .help(t!(
                    "удалите `theme:` из site.yaml, чтобы использовать встроенную тему оформления",
                    "remove `theme:` from site.yaml to use the built-in theme"
                )),
            );
        }
        return theme;
    }
    overlay(root, &dir, &mut theme, d);
    theme
}

/// Puts the files of the site's theme folder `dir` over the built-in ones.
fn overlay(root: &Path, dir: &Path, theme: &mut Theme, d: &mut Diagnostics) {
    let mut walk = files::Walk::new(root, dir, 0);
    while let Some(entry) = walk.next_entry(d, |err| files::cannot_list(dir, err)) {
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = files::shown(dir, entry.path());
        let shown = files::shown(root, entry.path());
        // Fonts and pictures may be larger than a data file: no limit but the file's own size.
        let bytes = match files::read_at_most(entry.path(), u64::MAX) {
            Ok(b) => b,
            Err(why) => {
                d.push(files::unread(shown, why));
                continue;
            }
        };
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(source) => {
                    theme.templates.insert(
                        name.to_string(),
                        Template {
                            source,
                            origin: shown,
                        },
                    );
                }
                Err(_) => d.push(
                    Diagnostic::error(
                        codes::TEMPLATE_ENCODING,
                        t!(
                            "шаблон сохранён не в кодировке UTF-8",
                            "this template is not UTF-8 text"
                        ),
                    )
                    .in_path(shown),
                ),
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            theme.statics.insert(name.to_string(), bytes);
        }
    }
}

fn collect_builtin(dir: &Dir<'static>, theme: &mut Theme) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            let source = String::from_utf8_lossy(file.contents()).into_owned();
            theme.templates.insert(
                name.to_string(),
                Template {
                    source,
                    origin: format!("built-in theme: templates/{name}"),
                },
            );
        } else if let Some(name) = path.strip_prefix("static/") {
            theme
                .statics
                .insert(name.to_string(), file.contents().to_vec());
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Tera tags of `source` (`{{ … }}` and `{% … %}`), string literals blanked out.
    fn tags(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = source;
        while let Some(start) = rest.find(['{']) {
            let after = &rest[start + 1..];
            let close = match after.chars().next() {
                Some('{') => "}}",
                Some('%') => "%}",
                _ => {
                    rest = after;
                    continue;
                }
            };
            let Some(end) = after.find(close) else { break };
            let mut tag = String::new();
            let mut quote = None;
            for c in after[1..end].chars() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == '"' || c == '\'' => quote = Some(c),
                    None => tag.push(c),
                }
            }
            out.push(tag.trim_matches('-').to_string());
            rest = &after[end + close.len()..];
        }
        out
    }

    #[test]
    fn built_in_templates_never_lower_case_a_whole_text() {
        // Tera's `lower` wrote «через пос» and «в гис/вис/спо»; `lower_first` keeps acronyms.
        let mut theme = Theme::default();
        collect_builtin(&DEFAULT_THEME, &mut theme);
        let mut found = Vec::new();
        for (name, t) in &theme.templates {
            for tag in tags(&t.source) {
                let filters = tag.split('|').skip(1).map(|f| f.trim());
                if filters
                    .clone()
                    .any(|f| f == "lower" || f.starts_with("lower "))
                {
                    found.push(format!("{name}: {{{tag}}}"));
                }
            }
        }
        assert!(found.is_empty(), "`lower` in templates: {found:#?}");
    }

    #[test]
    fn built_in_templates_do_no_arithmetic() {
        // Every figure is computed once in `metrics` and copied into the context; a template
        // that adds or subtracts makes a second calculation nobody tests.
        let mut theme = Theme::default();
        collect_builtin(&DEFAULT_THEME, &mut theme);
        assert!(theme.templates.len() > 10);
        let mut found = Vec::new();
        for (name, t) in &theme.templates {
            for tag in tags(&t.source) {
                let words: Vec<&str> = tag.split_whitespace().collect();
                if words
                    .iter()
                    .any(|w| ["+", "-", "*", "/", "%", "//", "**"].contains(w))
                {
                    found.push(format!("{name}: {{{tag}}}"));
                }
            }
        }
        assert!(found.is_empty(), "arithmetic in templates: {found:#?}");
        assert_eq!(
            tags("{{ a - b }} {% if x %}\"{{ y }}\"{% endif %} {{ 'a - b' }}"),
            [" a - b ", " if x ", " y ", " endif ", "  "]
        );
    }
}
