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
    // Every page's text passes here: runs of bytes that need nothing are copied whole, and only
    // the five characters, the control characters and U+FFFE, U+FFFF (in UTF-8 `EF BF BE`,
    // `EF BF BF`) stop the copy. Each of them starts at a character boundary.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            // `&#x27;`, not `&apos;`: one spelling that every HTML and XML reader knows.
            b'\'' => ("&#x27;", 1),
            b'\t' | b'\n' | b'\r' => ("", 0),
            0..=0x1f => ("", 1),
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                ("", 3)
            }
            _ => ("", 0),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
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
    fn the_byte_scan_escapes_as_one_character_at_a_time_would() {
        let by_chars = |text: &str| -> String {
            text.chars()
                .filter_map(|c| match c {
                    '&' => Some("&amp;".to_string()),
                    '<' => Some("&lt;".into()),
                    '>' => Some("&gt;".into()),
                    '"' => Some("&quot;".into()),
                    '\'' => Some("&#x27;".into()),
                    '\t' | '\n' | '\r' => Some(c.to_string()),
                    c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
                    c => Some(c.to_string()),
                })
                .collect()
        };
        // Neighbours of every special case, those sharing U+FFFE's first bytes among them.
        let alphabet: Vec<char> =
            "&<>\"'\t\n\r\u{0}\u{1F} a€ёЯ\u{7F}\u{FFFD}\u{FFFE}\u{FFFF}\u{FFEF}\u{EFFF}\u{10FFFF}"
                .chars()
                .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            assert_eq!(html(&text), by_chars(&text), "{text:?}");
        }
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
