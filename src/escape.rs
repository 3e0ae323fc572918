//! The one escaper of text for HTML and XML (every value a template prints, the SVG charts, the
//! feed and the sitemap), and its inverse for reading our own pages.
//!
//! It lives below `render`, `charts` and `output` so that all three call it without one layer
//! reaching into another; `render::escape` is the same module, kept under that name for the
//! templates' code. There used to be three escapers, and only the feed's dropped the control
//! characters XML forbids: a YAML escape such as `"\x01"` in a theme's name made its chart an
//! SVG no browser would draw.
//!
//! Tera's own escaper also turns `/` into `&#x2F;`, which made every address unreadable in the
//! page source, and so the templates printed addresses with `| safe`, unescaped: a `"` in
//! `base_url` then ended the attribute and put a script on every page. Escaping only the five
//! characters that can end an attribute or open markup (`& < > " '`) keeps addresses legible, so
//! that URLs go through the same escaping as any other text and `| safe` is left for HTML that
//! Vitrina made itself.

/// Escapes `&`, `<`, `>`, `"` and `'`: safe in element content and in attribute values quoted
/// with either quote, in HTML and in XML. Drops the characters XML 1.0 does not allow at all (the
/// C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF), which would make a feed or
/// an SVG unreadable and are parse errors in HTML. Tera calls it for every `{{ … }}` in an
/// `.html` template.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // `&#x27;`, not `&apos;`: one spelling that every HTML and XML reader knows.
            '\'' => out.push_str("&#x27;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An attribute value as the browser reads it: the character references [`html`] writes, those
/// pulldown-cmark writes in links (`&amp;`, `&#x27;`…), and any numeric reference, decoded. An
/// unknown or unterminated reference stays as it is, as browsers keep it.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&end| end <= 8)
            .and_then(|end| Some((reference(&rest[1..=end])?, end + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of a reference's name (`amp`, `#x27`, `#39`).
fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped_and_slashes_are_not() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            html("https://vk.com/wall?w=1&z=2"),
            "https://vk.com/wall?w=1&amp;z=2"
        );
        assert_eq!(html("Отчёт за март"), "Отчёт за март");
    }

    #[test]
    fn characters_xml_forbids_are_dropped_and_whitespace_kept() {
        assert_eq!(html("a\u{1}b\u{8}c\td\n\r\u{1F}e\u{FFFF}"), "abc\td\n\re");
        assert_eq!(html("\u{FFFE}\u{7F}"), "\u{7F}");
    }

    #[test]
    fn escaped_text_cannot_leave_an_attribute_or_open_a_tag() {
        for hostile in [
            "x\"onfocus=\"alert(1)\"autofocus=\"",
            "x'onfocus='alert(1)",
            "\"><script>alert(1)</script>",
            "javascript:alert(1)//<img src=x onerror=alert(1)>",
        ] {
            let out = html(hostile);
            assert!(!out.contains(['"', '\'', '<', '>']), "{out}");
        }
    }

    #[test]
    fn unescape_undoes_html_and_reads_other_references() {
        for text in [
            "https://vk.com/wall?w=1&z=2",
            "a & b < c > d \"e\" 'f'",
            "&amp; written literally",
            "",
        ] {
            assert_eq!(unescape(&html(text)), text);
        }
        assert_eq!(unescape("/a&#x2F;b&#47;c&apos;"), "/a/b/c'");
        assert_eq!(
            unescape("AT&T &unknown; &#xZZ; & end &"),
            "AT&T &unknown; &#xZZ; & end &"
        );
    }
}
