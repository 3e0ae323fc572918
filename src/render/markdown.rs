//! Markdown from publishers, rendered safely: raw HTML is left out unless the site opts in with
//! `unsafe_html: true` (as Hugo does), and links keep only http(s), mailto, tel and relative
//! addresses, so that a `javascript:` link in a summary cannot run in a citizen's browser.
//! Site-absolute links (`/reports/2024-03/`) get the site's base path, so that they still work
//! when the site is served under a folder (`https://user.github.io/mcu/`).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown to HTML; `base` is the site's base path, such as `/` or `/mcu/`.
pub fn to_html(markdown: &str, unsafe_html: bool, base: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut dropped_links = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) if !unsafe_html => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = keep_link(dest_url, base, &mut dropped_links)?;
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = keep_link(dest_url, base, &mut dropped_links)?;
            Some(Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            let dropped = dropped_links.pop().unwrap_or(false);
            (!dropped).then_some(event)
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    wrap_tables(&out)
}

/// A wide table scrolls inside its own box on a phone, and the box can take keyboard focus. The
/// box is a landmark named after its table's column heads, so that two tables on a page are
/// told apart (axe's `landmark-unique`).
fn wrap_tables(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    while let Some(at) = rest.find("<table>") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let heads = rest
            .find("</thead>")
            .map(|end| heads_text(&rest[..end]))
            .unwrap_or_default();
        let name = if heads.is_empty() {
            "Таблица (прокручивается)".to_string()
        } else {
            format!("Таблица: {heads} (прокручивается)")
        };
        // The heads' text is already escaped HTML, so it goes into the attribute as it is.
        out.push_str(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
            name.replace('"', "&quot;")
        ));
        let end = rest
            .find("</table>")
            .map_or(rest.len(), |e| e + "</table>".len());
        out.push_str(&rest[..end]);
        out.push_str("</div>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The text of a table's head cells, joined with commas, at most 80 characters.
fn heads_text(thead: &str) -> String {
    let mut cells = Vec::new();
    for cell in thead.split("<th").skip(1) {
        let Some(open) = cell.find('>') else { continue };
        let inner = &cell[open + 1..cell.find("</th>").unwrap_or(cell.len())];
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            cells.push(text);
        }
    }
    let joined = cells.join(", ");
    match joined.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

/// The address a link or image keeps, or `None` to drop it; remembers which, so that the closing
/// tag of a dropped link is dropped too.
fn keep_link<'a>(url: CowStr<'a>, base: &str, dropped: &mut Vec<bool>) -> Option<CowStr<'a>> {
    let keep = is_safe_url(&url);
    dropped.push(!keep);
    keep.then(|| with_base(url, base))
}

/// `/x/` → `{base}x/`; other links unchanged.
fn with_base<'a>(url: CowStr<'a>, base: &str) -> CowStr<'a> {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') && base != "/" => format!("{base}{rest}").into(),
        _ => url,
    }
}

/// True for http(s), mailto and tel links and for relative ones (no scheme at all).
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url.as_bytes()[i] == b':' => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => !url.chars().any(|c| c.is_control()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_left_out_by_default() {
        let html = to_html(
            "Текст <script>alert(1)</script>\n\n<div onclick=x>блок</div>\n",
            false,
            "/",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("Текст"));
    }

    #[test]
    fn raw_html_passes_when_the_site_opts_in() {
        assert!(to_html("<b>жирный</b>", true, "/").contains("<b>жирный</b>"));
    }

    #[test]
    fn unsafe_links_lose_their_address_but_keep_their_text() {
        let html = to_html(
            "[нажми](javascript:alert(1)) и [сайт](https://example.ru) и [тел](tel:+78160000000) и [о нас](/about/)",
            false,
            "/",
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("нажми"));
        assert!(html.contains("href=\"https://example.ru\""));
        assert!(html.contains("href=\"tel:+78160000000\""));
        assert!(html.contains("href=\"/about/\""));
    }

    #[test]
    fn site_links_follow_the_base_path() {
        let html = to_html(
            "[отчёт](/reports/2024-03/) и [внешняя](https://x.ru/a) и [рядом](../a/)",
            false,
            "/mcu/",
        );
        assert!(html.contains("href=\"/mcu/reports/2024-03/\""), "{html}");
        assert!(html.contains("href=\"https://x.ru/a\""));
        assert!(html.contains("href=\"../a/\""));
    }

    #[test]
    fn tables_scroll_inside_a_focusable_box() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n", false, "/");
        assert!(
            html.starts_with(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" \
                 aria-label=\"Таблица: a, b (прокручивается)\"><table>"
            ),
            "{html}"
        );
        assert!(html.trim_end().ends_with("</table></div>"), "{html}");
    }

    #[test]
    fn two_tables_are_two_landmarks_with_names_of_their_own() {
        let html = to_html(
            "| Год | Сумма |\n|---|---|\n| 1 | 2 |\n\n| Тема | *Число* |\n|---|---|\n| 1 | 2 |\n",
            false,
            "/",
        );
        let names: Vec<&str> = html
            .split("aria-label=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(
            names,
            [
                "Таблица: Год, Сумма (прокручивается)",
                "Таблица: Тема, Число (прокручивается)"
            ]
        );
        assert_eq!(html.matches("</table></div>").count(), 2, "{html}");
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://x.ru"));
        assert!(is_safe_url("mailto:a@b.ru"));
        assert!(is_safe_url("../x/"));
        assert!(is_safe_url("#top"));
        assert!(!is_safe_url("JavaScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(!is_safe_url("vbscript:x"));
    }
}
