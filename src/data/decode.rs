//! Typed reading of the spanned YAML tree: each function reads one kind of value, or pushes a
//! diagnostic that says what was expected and returns `None`, so that the caller can go on and
//! find the next problem.

use crate::diag::{Diagnostic, Diagnostics, suggest};
use crate::period::Period;
use crate::source::Span;
use crate::yaml::{Entry, Node, Value};
use chrono::NaiveDate;

/// The keys of one mapping, checked against the keys it may have.
pub struct Fields<'n> {
    node: &'n Node,
    entries: &'n [Entry],
    what: &'static str,
}

/// Reads `node` as a mapping whose keys are among `allowed`; an unknown key is an error with the
/// nearest allowed key as a suggestion. `what` names the mapping in messages ("channel").
pub fn fields<'n>(
    node: &'n Node,
    what: &'static str,
    allowed: &[&str],
    d: &mut Diagnostics,
) -> Option<Fields<'n>> {
    let Value::Map(entries) = &node.value else {
        d.push(expected(
            node,
            &format!("a mapping of `key: value` pairs for the {what}"),
        ));
        return None;
    };
    for e in entries {
        match e.key.scalar() {
            Some(k) if allowed.contains(&k) => {}
            Some(k) => d.push(unknown_key(&e.key, k, what, allowed)),
            None => d.push(expected(&e.key, "a plain key")),
        }
    }
    Some(Fields {
        node,
        entries,
        what,
    })
}

/// The diagnostic for a key that the mapping may not have.
pub fn unknown_key(key: &Node, k: &str, what: &str, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::error("unknown-key", format!("unknown key `{k}` in the {what}"))
        .at(key.span, "not a key of this mapping");
    match suggest(k, allowed) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!(
            "expected one of: {}",
            allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

impl<'n> Fields<'n> {
    /// The value of `key`, if the key is there (even with an empty value).
    pub fn raw(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|e| e.key.scalar() == Some(key))
            .map(|e| &e.value)
    }

    /// The value of `key`, if it is there and not empty.
    pub fn optional(&self, key: &str) -> Option<&'n Node> {
        self.raw(key).filter(|n| !n.is_null())
    }

    /// The value of `key`; a missing key or an empty value is an error.
    pub fn required(&self, key: &str, d: &mut Diagnostics) -> Option<&'n Node> {
        match self.raw(key) {
            Some(n) if n.is_null() => {
                d.push(
                    Diagnostic::error("missing-value", format!("`{key}` has no value"))
                        .at(self.key_span(key).unwrap_or(n.span), "fill in this value"),
                );
                None
            }
            Some(n) => Some(n),
            None => {
                d.push(
                    Diagnostic::error("missing-key", format!("the {} has no `{key}`", self.what))
                        .at(self.head_span(), format!("`{key}` is missing here"))
                        .help(format!("add `{key}:` with its value")),
                );
                None
            }
        }
    }

    /// The span of `key` itself.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|e| e.key.scalar() == Some(key))
            .map(|e| e.key.span)
    }

    /// The entries in source order.
    pub fn entries(&self) -> &'n [Entry] {
        self.entries
    }

    /// The mapping's span.
    pub fn span(&self) -> Span {
        self.node.span
    }

    /// The first line of the mapping: where a missing key is reported.
    fn head_span(&self) -> Span {
        let first = self.entries.first().map_or(self.node.span, |e| e.key.span);
        let start = self.node.span.start.min(first.start);
        Span::new(self.node.span.file, start, first.end.max(start))
    }
}

/// A diagnostic for a value of the wrong shape.
pub fn expected(node: &Node, what: &str) -> Diagnostic {
    let found = match node.scalar() {
        Some(t) if !node.is_null() => format!("`{}`", shorten(t)),
        _ => node.kind_name().to_string(),
    };
    Diagnostic::error("expected", format!("expected {what}, found {found}"))
        .at(node.span, format!("expected {what}"))
}

fn shorten(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// A non-negative whole number.
pub fn count(node: &Node, d: &mut Diagnostics) -> Option<u64> {
    let Some(t) = node.scalar().filter(|_| !node.is_null()) else {
        d.push(expected(node, "a whole number"));
        return None;
    };
    let t = t.trim();
    if let Ok(n) = t.parse::<u64>() {
        return Some(n);
    }
    let diag = if t.parse::<i64>().is_ok() {
        Diagnostic::error("count-negative", format!("a count cannot be negative: {t}"))
            .at(node.span, "expected a whole number, 0 or more")
            .help("counts are numbers of appeals, recipients or decisions: write 0 if there were none")
    } else if t.replace(',', ".").parse::<f64>().is_ok() {
        Diagnostic::error(
            "count-fraction",
            format!("a count must be a whole number: {t}"),
        )
        .at(node.span, "expected a whole number")
        .help("counts have no fractions; shares are computed by Vitrina")
    } else {
        expected(node, "a whole number").with_code("count-invalid")
    };
    d.push(diag);
    None
}

impl Diagnostic {
    /// Replaces the code, keeping the message.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }
}

/// A non-empty piece of text.
pub fn text(node: &Node, d: &mut Diagnostics) -> Option<String> {
    match node.scalar() {
        Some(t) if !node.is_null() && !t.trim().is_empty() => Some(t.to_string()),
        _ => {
            d.push(expected(node, "text"));
            None
        }
    }
}

/// A date `YYYY-MM-DD` that exists in the calendar.
pub fn date(node: &Node, d: &mut Diagnostics) -> Option<NaiveDate> {
    let Some(t) = node.scalar().filter(|_| !node.is_null()).map(str::trim) else {
        d.push(expected(node, "a date YYYY-MM-DD"));
        return None;
    };
    let parts: Vec<&str> = t.split('-').collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        d.push(
            expected(node, "a date YYYY-MM-DD")
                .with_code("date-format")
                .help("write dates as 2024-04-02"),
        );
        return None;
    }
    let (y, m, day): (i32, u32, u32) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    match NaiveDate::from_ymd_opt(y, m, day) {
        Some(date) => Some(date),
        None => {
            let help = match Period::new(y, m) {
                Some(p) => format!("{} has {} days", p, p.last_day().format("%d")),
                None => "the month must be 01 to 12".to_string(),
            };
            d.push(
                Diagnostic::error("date-invalid", format!("{t} is not a date in the calendar"))
                    .at(node.span, "no such day")
                    .help(help),
            );
            None
        }
    }
}

/// A month `YYYY-MM`.
pub fn period(node: &Node, d: &mut Diagnostics) -> Option<Period> {
    match node
        .scalar()
        .filter(|_| !node.is_null())
        .and_then(|t| Period::parse(t.trim()))
    {
        Some(p) => Some(p),
        None => {
            d.push(
                expected(node, "a month YYYY-MM")
                    .with_code("period-format")
                    .help("write the month as 2024-03"),
            );
            None
        }
    }
}

/// An absolute http(s) URL.
pub fn url(node: &Node, d: &mut Diagnostics) -> Option<String> {
    let t = text(node, d)?;
    if is_http_url(&t) {
        Some(t)
    } else {
        d.push(
            Diagnostic::error(
                "url-scheme",
                format!("`{}` is not an http(s) address", shorten(&t)),
            )
            .at(
                node.span,
                "expected a link starting with https:// or http://",
            )
            .help("copy the full address from the browser's address bar"),
        );
        None
    }
}

/// True for `http://host…` and `https://host…`.
pub fn is_http_url(t: &str) -> bool {
    let lower = t.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// `true` or `false`.
pub fn boolean(node: &Node, d: &mut Diagnostics) -> Option<bool> {
    match node.scalar().map(str::trim) {
        Some("true" | "True" | "TRUE") => Some(true),
        Some("false" | "False" | "FALSE") => Some(false),
        _ => {
            d.push(expected(node, "`true` or `false`"));
            None
        }
    }
}

/// A number with at most one decimal (`90`, `67.5`), kept in tenths, within `min..=max`.
pub fn tenths(node: &Node, min: i64, max: i64, what: &str, d: &mut Diagnostics) -> Option<i64> {
    let parsed = node
        .scalar()
        .filter(|_| !node.is_null())
        .and_then(|t| parse_tenths(t.trim()));
    match parsed {
        Some(v) if (min * 10..=max * 10).contains(&v) => Some(v),
        Some(_) => {
            d.push(
                Diagnostic::error(
                    "out-of-range",
                    format!("{what} must be between {min} and {max}"),
                )
                .at(node.span, format!("expected {min} to {max}")),
            );
            None
        }
        None => {
            d.push(expected(
                node,
                &format!("{what}: a number with at most one decimal"),
            ));
            None
        }
    }
}

/// `90` → 900, `67.5` → 675, `67,5` → 675; more than one decimal is refused.
pub fn parse_tenths(t: &str) -> Option<i64> {
    let t = t.replace(',', ".");
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t),
    };
    let (whole, frac) = t.split_once('.').unwrap_or((&t, "0"));
    if whole.is_empty()
        || frac.len() != 1
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let v = whole.parse::<i64>().ok()?.checked_mul(10)? + frac.parse::<i64>().ok()?;
    Some(if neg { -v } else { v })
}

/// A list.
pub fn seq<'n>(node: &'n Node, what: &str, d: &mut Diagnostics) -> Option<&'n [Node]> {
    match &node.value {
        Value::Seq(items) => Some(items),
        _ if node.is_null() => Some(&[]),
        _ => {
            d.push(expected(
                node,
                &format!("a list of {what} (lines starting with `- `)"),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn node(text: &str) -> Node {
        let mut d = Diagnostics::new();
        crate::yaml::parse(text, FileId(0), 0, &mut d).unwrap()
    }

    fn codes(d: &Diagnostics) -> Vec<&'static str> {
        d.iter().map(|x| x.code).collect()
    }

    #[test]
    fn counts_refuse_negatives_fractions_and_words() {
        let mut d = Diagnostics::new();
        assert_eq!(count(&node("12"), &mut d), Some(12));
        assert_eq!(count(&node("-5"), &mut d), None);
        assert_eq!(count(&node("3.5"), &mut d), None);
        assert_eq!(count(&node("много"), &mut d), None);
        assert_eq!(
            codes(&d),
            ["count-negative", "count-fraction", "count-invalid"]
        );
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        let mut d = Diagnostics::new();
        assert_eq!(
            date(&node("2024-02-29"), &mut d),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(date(&node("2024-02-30"), &mut d), None);
        assert_eq!(date(&node("02.04.2024"), &mut d), None);
        assert_eq!(codes(&d), ["date-invalid", "date-format"]);
        assert!(
            d.iter()
                .next()
                .unwrap()
                .help
                .as_deref()
                .unwrap()
                .contains("29 days")
        );
    }

    #[test]
    fn urls_must_be_http() {
        assert!(is_http_url("https://vk.com/x"));
        assert!(is_http_url("HTTP://example.ru"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("ftp://example.ru"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("vk.com/x"));
    }

    #[test]
    fn tenths_accept_one_decimal_with_point_or_comma() {
        assert_eq!(parse_tenths("90"), Some(900));
        assert_eq!(parse_tenths("67.5"), Some(675));
        assert_eq!(parse_tenths("67,5"), Some(675));
        assert_eq!(parse_tenths("67.55"), None);
        assert_eq!(parse_tenths("abc"), None);
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let mut d = Diagnostics::new();
        let n = node("totl: 5\nfast_trak: 1\n");
        let f = fields(&n, "channel", &["total", "fast_track"], &mut d).unwrap();
        assert!(f.required("total", &mut d).is_none());
        let helps: Vec<_> = d.iter().filter_map(|x| x.help.clone()).collect();
        assert_eq!(helps[0], "did you mean `total`?");
        assert_eq!(helps[1], "did you mean `fast_track`?");
        assert_eq!(codes(&d), ["unknown-key", "unknown-key", "missing-key"]);
    }
}
