//! Markdown from publishers, rendered safely: raw HTML is left out unless the site opts in with
//! `unsafe_html: true` (as Hugo does), and links keep only http(s), mailto, tel and relative
//! addresses, so that a `javascript:` link in a summary cannot run in a citizen's browser.
//! Site-absolute links (`/reports/2024-03/`) get the site's base path, so that they still work
//! when the site is served under a folder (`https://user.github.io/mcu/`).
//!
//! Shared vocabulary: the pages render it, the search index and the feed read its plain text.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The plain text of Markdown: the search index's words, the feed's summary of a page.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(&t);
            out.push(' ');
        }
    }
    out
}

/// Renders Markdown to HTML; `base` is the site's base path, such as `/` or `/mcu/`.
pub fn to_html(markdown: &str, unsafe_html: bool, base: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut dropped_links = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) if !unsafe_html => None,
        Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                *dest_url = keep_link(
                    std::mem::replace(dest_url, CowStr::Borrowed("")),
                    base,
                    &mut dropped_links,
                )?;
            }
            Some(Event::Start(tag))
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            let dropped = dropped_links.pop().unwrap_or(false);
            (!dropped).then_some(event)
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    // A wide table scrolls inside its own box on a phone, and the box can take keyboard focus.
    out.replace("<table>", TABLE_WRAP_OPEN)
        .replace("</table>", "</table></div>")
}

const TABLE_WRAP_OPEN: &str = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Таблица (прокручивается)\"><table>";

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
        assert!(html.starts_with(TABLE_WRAP_OPEN), "{html}");
        assert!(html.trim_end().ends_with("</table></div>"), "{html}");
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
