//! Text for XML (the feed and the sitemap): the shared escaper, and page paths made safe in a URL.

/// The one escaper of HTML and XML text ([`crate::escape::html`]): it also drops the characters
/// XML 1.0 does not allow, which a YAML escape such as `"\x01"` could otherwise smuggle in and make
/// the whole feed unreadable.
pub use crate::escape::html as escape;

/// What [`encode_path`] encodes: everything but the unreserved characters of RFC 3986 and `/`.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a site path (`news/новость/`) for a URL; `/` and the unreserved characters of
/// RFC 3986 stay as they are.
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script> & \"q\" 'a'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#x27;a&#x27;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(escape("a\u{1}b\u{8}c\td\n"), "abc\td\n");
    }

    #[test]
    fn non_ascii_paths_are_percent_encoded() {
        assert_eq!(
            encode_path("news/2024-04-02-mart/"),
            "news/2024-04-02-mart/"
        );
        assert_eq!(encode_path("о нас/"), "%D0%BE%20%D0%BD%D0%B0%D1%81/");
    }
}
