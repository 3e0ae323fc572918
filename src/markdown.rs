//! Markdown from publishers, rendered safely: raw HTML is left out unless the site opts in with
//! `unsafe_html: true` (as Hugo does), and links keep only http(s), mailto, tel and relative
//! addresses, so that a `javascript:` link in a summary cannot run in a citizen's browser.
//! Site-absolute links (`/reports/2024-03/`) get the site's base path, so that they still work
//! when the site is served under a folder (`https://user.github.io/mcu/`).
//!
//! Shared vocabulary: the pages render it, the search index and the feed read its plain text.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::ops::Range;

/// The Markdown the site reads: GitHub's tables and strikethrough, and typographic quotes.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

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
    let mut dropped_links = Vec::new();
    let events = Parser::new_ext(markdown, OPTIONS).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) if !unsafe_html => None,
        Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = keep_link(url, base, &mut dropped_links)?;
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

/// Each link and image into the site that [`to_html`] makes of `markdown`: its address as the
/// page carries it and as the link check reads it back ([`crate::emit::local_links`]), with the
/// byte range in `markdown` where it is written (its destination, or the whole link where the
/// destination is not written out, as in a reference link). A broken one can then be reported
/// at the publisher's line rather than at the page's.
pub fn local_links(markdown: &str, unsafe_html: bool, base: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_safe_url(&dest_url) =>
            {
                dest_url
            }
            Event::Html(raw) | Event::InlineHtml(raw) if unsafe_html => {
                let written = range.clone();
                out.extend(
                    crate::emit::local_links(&raw, base).map(|(url, _)| (url, written.clone())),
                );
                continue;
            }
            _ => continue,
        };
        let written = match markdown[range.clone()].find(dest.as_ref()) {
            Some(at) if !dest.is_empty() => range.start + at..range.start + at + dest.len(),
            _ => range,
        };
        // The address as the page's HTML writes it, read back as the link check reads it.
        let link = [
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: with_base(dest, base),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }),
            Event::End(TagEnd::Link),
        ];
        let mut html = String::new();
        html::push_html(&mut html, link.into_iter());
        out.extend(crate::emit::local_links(&html, base).map(|(url, _)| (url, written.clone())));
    }
    out
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
    fn local_links_are_read_back_as_the_page_carries_them_with_where_they_are_written() {
        let md = "См. [отчёт](/reports/2099-01/), [внешнюю](https://x.ru/a), ![схема](</static/a b.png>)\n\n[нажми](javascript:x) и [ещё раз](/reports/2099-01/#top) и [карта][k]\n\n[k]: /roadmaps/\n";
        let links = local_links(md, false, "/mcu/");
        let shown: Vec<(&str, &str)> = links
            .iter()
            .map(|(url, at)| (url.as_str(), &md[at.clone()]))
            .collect();
        assert_eq!(
            shown,
            [
                ("/mcu/reports/2099-01/", "/reports/2099-01/"),
                ("/mcu/static/a%20b.png", "/static/a b.png"),
                ("/mcu/reports/2099-01/#top", "/reports/2099-01/#top"),
                ("/mcu/roadmaps/", "[карта][k]"),
            ]
        );
        // The same addresses the page's HTML holds.
        let html = to_html(md, false, "/mcu/");
        let on_page: Vec<String> = crate::emit::local_links(&html, "/mcu/")
            .map(|(u, _)| u)
            .collect();
        for (url, _) in &links {
            assert!(on_page.contains(url), "{url} not in {on_page:?}");
        }
        // Raw HTML only when the site lets it through.
        assert!(local_links("<a href=\"/x/\">x</a>", false, "/").is_empty());
        assert_eq!(local_links("<a href=\"/x/\">x</a>", true, "/")[0].0, "/x/");
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
