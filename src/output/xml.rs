//! Text for XML (the feed and the sitemap): the shared escaper. Addresses, percent-encoded, come
//! from [`crate::routes`].

/// The one escaper of HTML and XML text ([`crate::escape::html`]): it also drops the characters
/// XML 1.0 does not allow, which a YAML escape such as `"\x01"` could otherwise smuggle in and make
/// the whole feed unreadable.
pub use crate::escape::html as escape;

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
}
