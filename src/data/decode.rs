//! Typed reading of the spanned YAML tree: each function reads one kind of value, or pushes a
//! diagnostic that says what was expected and returns `None`, so that the caller can go on and
//! find the next problem.

use super::http_url;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun, Text, suggest};
use crate::period::Period;
use crate::source::Span;
use crate::t;
use crate::yaml::{Entry, Node, Value};
use chrono::NaiveDate;

/// The keys of one mapping, checked against the keys it may have.
pub struct Fields<'n> {
    node: &'n Node,
    entries: &'n [Entry],
    what: Noun,
    /// Keys the mapping may not have: a misspelt key is reported once, as unknown with its
    /// suggestion, not a second time as the right key missing.
    unknown: Vec<&'n str>,
}

/// Reads `node` as a mapping whose keys are among `allowed`; an unknown key is an error with the
/// nearest allowed key as a suggestion. `what` names the mapping in messages ("канал" /
/// "channel").
pub fn fields<'n>(
    node: &'n Node,
    what: Noun,
    allowed: &[&str],
    d: &mut Diagnostics,
) -> Option<Fields<'n>> {
    let Value::Map(entries) = &node.value else {
        let (ru, en) = (what.ru, what.en);
        d.push(expected(
            node,
            t!(
                "пары `ключ: значение` (раздел «{ru}»)",
                "a mapping of `key: value` pairs for the {en}"
            ),
        ));
        return None;
    };
    let mut unknown = Vec::new();
    for e in entries {
        match e.key.scalar() {
            Some(k) if allowed.contains(&k) => {}
            Some(k) => {
                unknown.push(k);
                d.push(unknown_key(&e.key, k, what, allowed));
            }
            None => d.push(expected(&e.key, t!("простой ключ", "a plain key"))),
        }
    }
    Some(Fields {
        node,
        entries,
        what,
        unknown,
    })
}

/// The diagnostic for a key that the mapping may not have.
pub fn unknown_key(key: &Node, k: &str, what: Noun, allowed: &[&str]) -> Diagnostic {
    let (ru, en) = (what.ru, what.en);
    let suggestion = suggest(k, allowed);
    let k = shorten(k);
    let d = Diagnostic::error(
        codes::UNKNOWN_KEY,
        t!(
            "неизвестный ключ `{k}` в разделе «{ru}»",
            "unknown key `{k}` in the {en}"
        ),
    )
    .at(
        key.span,
        t!(
            "здесь такого ключа быть не может",
            "not a key of this mapping"
        ),
    );
    match suggestion {
        Some(s) => d.help(t!(
            "Возможно, вы имели в виду `{s}`?",
            "did you mean `{s}`?"
        )),
        None => {
            let keys = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            d.help(t!("допустимые ключи: {keys}", "expected one of: {keys}"))
        }
    }
}

impl<'n> Fields<'n> {
    /// The value of `key`, if the key is there (even with an empty value).
    pub fn raw(&self, key: &str) -> Option<&'n Node> {
        self.node.get(key)
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
                    Diagnostic::error(
                        codes::MISSING_VALUE,
                        t!("у `{key}` нет значения", "`{key}` has no value"),
                    )
                    .at(
                        self.key_span(key).unwrap_or(n.span),
                        t!("впишите значение", "fill in this value"),
                    )
                    .help(t!(
                        "впишите значение после двоеточия; число обращений — 0, если их не было",
                        "write the value after the colon; a count is 0 if there were none"
                    )),
                );
                None
            }
            Some(n) => Some(n),
            None if self.unknown.iter().any(|u| suggest(u, &[key]).is_some()) => None,
            None => {
                let (ru, en) = (self.what.ru, self.what.en);
                d.push(
                    Diagnostic::error(
                        codes::MISSING_KEY,
                        t!(
                            "в разделе «{ru}» нет ключа `{key}`",
                            "the {en} has no `{key}`"
                        ),
                    )
                    .at(
                        self.head_span(),
                        t!("здесь не хватает `{key}`", "`{key}` is missing here"),
                    )
                    .help(t!(
                        "добавьте строку `{key}:` со значением",
                        "add `{key}:` with its value"
                    )),
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
    pub(crate) fn head_span(&self) -> Span {
        let first = self.entries.first().map_or(self.node.span, |e| e.key.span);
        let start = self.node.span.start.min(first.start);
        Span::new(self.node.span.file, start, first.end.max(start))
    }
}

/// A diagnostic for a value of the wrong shape; `what` is in Russian's nominative ("целое число").
pub fn expected(node: &Node, what: Text) -> Diagnostic {
    let found = match node.scalar() {
        Some(t) if !node.is_null() => Text::same(format!("`{}`", shorten(t))),
        _ => {
            let kind = node.kind_name();
            Text::new(kind.ru, kind.en)
        }
    };
    let (what_ru, what_en, found_ru, found_en) = (&what.ru, &what.en, &found.ru, &found.en);
    Diagnostic::error(
        codes::EXPECTED,
        t!(
            "ожидается {what_ru}, а записано {found_ru}",
            "expected {what_en}, found {found_en}"
        ),
    )
    .at(node.span, t!("ожидается {what_ru}", "expected {what_en}"))
}

pub use crate::diag::shorten;

/// The largest count accepted: a billion appeals a month is a typo in any municipality. With it,
/// every sum Vitrina makes (all counts of all months of a region) stays far inside `u64` and
/// `i64`, so no arithmetic on counts can overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// A non-negative whole number, at most [`MAX_COUNT`]. Each way a count is written wrong (too
/// large, negative, a fraction, digits with spaces, a word) gets its own message and fix.
pub fn count(node: &Node, d: &mut Diagnostics) -> Option<u64> {
    let Some(t) = node.scalar().filter(|_| !node.is_null()) else {
        d.push(expected(node, t!("целое число", "a whole number")));
        return None;
    };
    let t = t.trim();
    let digits = t.strip_prefix('+').unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        match digits.parse::<u64>() {
            Ok(n) if n <= MAX_COUNT => return Some(n),
            _ => {
                d.push(count_too_large(node, t));
                return None;
            }
        }
    }
    let diag = if t.starts_with('-') && t[1..].bytes().all(|b| b.is_ascii_digit()) && t.len() > 1 {
        Diagnostic::error(
            codes::COUNT_NEGATIVE,
            t!(
                "число не может быть отрицательным: {}",
                "a count cannot be negative: {}",
                shorten(t)
            ),
        )
        .at(
            node.span,
            t!(
                "ожидается целое число, 0 или больше",
                "expected a whole number, 0 or more"
            ),
        )
        .help(t!(
            "здесь считают обращения, получателей или решения: если их не было, запишите 0",
            "counts are numbers of appeals, recipients or decisions: write 0 if there were none"
        ))
    } else if t.replace(',', ".").parse::<f64>().is_ok() {
        Diagnostic::error(
            codes::COUNT_FRACTION,
            t!(
                "число должно быть целым: {}",
                "a count must be a whole number: {}",
                shorten(t)
            ),
        )
        .at(
            node.span,
            t!("ожидается целое число", "expected a whole number"),
        )
        .help(t!(
            "количества пишутся без дробей; доли Витрина вычисляет сама",
            "counts have no fractions; shares are computed by Vitrina"
        ))
    } else if let Some(joined) = without_digit_spaces(t) {
        expected(node, t!("целое число", "a whole number"))
            .with_code(codes::COUNT_INVALID)
            .help(t!(
                "пишите число без пробелов внутри: {joined}",
                "write the number without spaces: {joined}"
            ))
    } else {
        expected(node, t!("целое число", "a whole number")).with_code(codes::COUNT_INVALID)
    };
    d.push(diag);
    None
}

/// The error for a count over [`MAX_COUNT`], written `t`.
fn count_too_large(node: &Node, t: &str) -> Diagnostic {
    let shown = shorten(t);
    Diagnostic::error(
        codes::COUNT_TOO_LARGE,
        t!(
            "слишком большое число: {shown}",
            "this count is too large: {shown}"
        ),
    )
    .at(
        node.span,
        t!(
            "ожидается не больше 1 000 000 000",
            "expected at most 1,000,000,000"
        ),
    )
    .help(t!(
        "проверьте число: вероятно, в нём лишние цифры",
        "check the number: it probably has extra digits"
    ))
}

/// `1 300` (spaces, no-break spaces or thin spaces between digit groups, as Excel copies them)
/// → `1300`.
fn without_digit_spaces(t: &str) -> Option<String> {
    let joined: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    (joined.len() < t.len() && joined.parse::<u64>().is_ok()).then_some(joined)
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
            d.push(expected(node, t!("текст", "text")));
            None
        }
    }
}

/// A date `YYYY-MM-DD` that exists in the calendar.
pub fn date(node: &Node, d: &mut Diagnostics) -> Option<NaiveDate> {
    let Some(t) = node.scalar().filter(|_| !node.is_null()).map(str::trim) else {
        d.push(expected(node, t!("дата ГГГГ-ММ-ДД", "a date YYYY-MM-DD")));
        return None;
    };
    let parts: Vec<&str> = t.split('-').collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        let help = match dotted(t) {
            Some(iso) => t!(
                "даты пишутся в виде ГГГГ-ММ-ДД: {iso}",
                "write the date as YYYY-MM-DD: {iso}"
            ),
            None => t!(
                "пишите даты так: 2024-04-02 (год, месяц, день)",
                "write dates as 2024-04-02"
            ),
        };
        d.push(
            expected(node, t!("дата ГГГГ-ММ-ДД", "a date YYYY-MM-DD"))
                .with_code(codes::DATE_FORMAT)
                .help(help),
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
                Some(p) => {
                    let days: u64 = p.last_day().format("%d").to_string().parse().unwrap_or(31);
                    let in_month = crate::format::in_month(y, m);
                    let dw = crate::format::plural(days, "день", "дня", "дней");
                    t!("{in_month} {days} {dw}", "{p} has {days} days")
                }
                None => t!(
                    "месяц пишется числом от 01 до 12",
                    "the month must be 01 to 12"
                ),
            };
            d.push(
                Diagnostic::error(
                    codes::DATE_INVALID,
                    t!(
                        "даты {t} нет в календаре",
                        "{t} is not a date in the calendar"
                    ),
                )
                .at(node.span, t!("такого дня нет", "no such day"))
                .help(help),
            );
            None
        }
    }
}

/// `02.04.2024`, the way dates are written in Russian documents, → `2024-04-02`.
fn dotted(t: &str) -> Option<String> {
    let mut parts = t.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && digits(d, 2) && digits(m, 2) && digits(y, 4))
        .then(|| format!("{y}-{m}-{d}"))
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
                expected(node, t!("месяц ГГГГ-ММ", "a month YYYY-MM"))
                    .with_code(codes::PERIOD_FORMAT)
                    .help(t!(
                        "пишите месяц так: 2024-03 (от {} до {})",
                        "write the month as 2024-03 (from {} to {})",
                        Period::FIRST,
                        Period::LAST
                    )),
            );
            None
        }
    }
}

/// A link to a page on the web: an absolute `http(s)` address, as [`http_url::parse`] keeps it.
pub fn url(node: &Node, d: &mut Diagnostics) -> Option<String> {
    web_address(node, http_url::Use::Link, d)
}

/// The site's own address (`base_url`): as [`url`], without a query or fragment, ending in `/`.
pub fn base_url(node: &Node, d: &mut Diagnostics) -> Option<crate::routes::BaseUrl> {
    let t = text(node, d)?;
    http_url::parse_base(&t)
        .map_err(|refusal| d.push(refusal.at(node.span)))
        .ok()
}

fn web_address(node: &Node, usage: http_url::Use, d: &mut Diagnostics) -> Option<String> {
    let t = text(node, d)?;
    match http_url::parse(&t, usage) {
        Ok(url) => Some(url),
        Err(refusal) => {
            d.push(refusal.at(node.span));
            None
        }
    }
}

/// `true` or `false`.
pub fn boolean(node: &Node, d: &mut Diagnostics) -> Option<bool> {
    match node.scalar().map(str::trim) {
        Some("true" | "True" | "TRUE") => Some(true),
        Some("false" | "False" | "FALSE") => Some(false),
        _ => {
            d.push(expected(
                node,
                t!("`true` или `false`", "`true` or `false`"),
            ));
            None
        }
    }
}

/// A number with at most one decimal (`90`, `67.5`), kept in tenths, within `min..=max`.
pub fn tenths(node: &Node, min: i64, max: i64, what: Noun, d: &mut Diagnostics) -> Option<i64> {
    let (ru, en) = (what.ru, what.en);
    let parsed = node
        .scalar()
        .filter(|_| !node.is_null())
        .and_then(|t| parse_tenths(t.trim()));
    match parsed {
        Some(v) if (min * 10..=max * 10).contains(&v) => Some(v),
        Some(_) => {
            d.push(
                Diagnostic::error(
                    codes::OUT_OF_RANGE,
                    t!(
                        "{ru}: значение должно быть от {min} до {max}",
                        "{en} must be between {min} and {max}"
                    ),
                )
                .at(
                    node.span,
                    t!("ожидается от {min} до {max}", "expected {min} to {max}"),
                ),
            );
            None
        }
        None => {
            d.push(expected(
                node,
                t!(
                    "{ru} — число не более чем с одним знаком после запятой",
                    "{en}: a number with at most one decimal"
                ),
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
pub fn seq<'n>(node: &'n Node, what: Noun, d: &mut Diagnostics) -> Option<&'n [Node]> {
    let (ru, en) = (what.ru, what.en);
    match &node.value {
        Value::Seq(items) => Some(items),
        _ if node.is_null() => Some(&[]),
        _ => {
            d.push(expected(
                node,
                t!(
                    "список ({ru}): строки, начинающиеся с `- `",
                    "a list of {en} (lines starting with `- `)"
                ),
            ));
            None
        }
    }
}

/// The longest identifier accepted. It names a folder of the built site, and file systems allow
/// 255 bytes a name; an address this long is unreadable anyway.
pub const MAX_ID_LEN: usize = 80;

/// An identifier that can stand in a URL: latin letters, digits, `-` and `_`.
pub fn slug(node: &Node, d: &mut Diagnostics) -> Option<String> {
    let t = text(node, d)?;
    if t.len() > MAX_ID_LEN {
        let (len, shown) = (t.chars().count(), shorten(&t));
        d.push(
            Diagnostic::error(
                codes::ID_TOO_LONG,
                t!(
                    "`id` слишком длинный: {len} символов, а можно не больше {MAX_ID_LEN} (`{shown}`)",
                    "this id is too long: {len} characters, at most {MAX_ID_LEN} are allowed (`{shown}`)"
                ),
            )
            .at(node.span, t!("слишком длинный `id`", "too long an id"))
            .help(t!(
                "сократите `id`: он становится частью адреса страницы, например `skver-2025`",
                "shorten the id: it becomes part of the page's address, such as `skver-2025`"
            )),
        );
        return None;
    }
    if t.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        Some(t)
    } else {
        d.push(
            Diagnostic::error(
                codes::ID_FORMAT,
                t!(
                    "`{}` не подходит для `id`",
                    "`{}` cannot be used as an id",
                    shorten(&t)
                ),
            )
            .at(
                node.span,
                t!(
                    "допустимы только строчные латинские буквы, цифры, `-` и `_`",
                    "expected lowercase latin letters, digits, `-` or `_`"
                ),
            )
            .help(t!(
                "запишите `id` латиницей, например `skver-2025`: он становится частью адреса страницы",
                "the id becomes part of the page's address, such as `skver-2025`"
            )),
        );
        None
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
    fn counts_over_a_billion_are_refused_so_that_no_sum_can_overflow() {
        let mut d = Diagnostics::new();
        assert_eq!(count(&node("1000000000"), &mut d), Some(MAX_COUNT));
        assert_eq!(count(&node("1000000001"), &mut d), None);
        assert_eq!(count(&node("18446744073709551616"), &mut d), None);
        assert_eq!(count(&node(&"9".repeat(10_000)), &mut d), None);
        assert_eq!(codes(&d), ["count-too-large"; 3]);
        let long = &d.iter().last().unwrap().message.ru;
        assert!(
            long.chars().count() < 100,
            "the message quotes a shortened value: {long}"
        );
        // A century of a region's months at the largest count still fits every sum and cast.
        let months = 100 * 12 * 90 * 28;
        assert!(
            MAX_COUNT
                .checked_mul(months)
                .is_some_and(|s| s < i64::MAX as u64)
        );
    }

    #[test]
    fn counts_refuse_negatives_fractions_and_words() {
        let mut d = Diagnostics::new();
        assert_eq!(count(&node("12"), &mut d), Some(12));
        assert_eq!(count(&node("-5"), &mut d), None);
        assert_eq!(count(&node("3.5"), &mut d), None);
        assert_eq!(count(&node("много"), &mut d), None);
        assert_eq!(count(&node("1 300"), &mut d), None);
        assert_eq!(count(&node("1\u{a0}300"), &mut d), None);
        assert_eq!(
            codes(&d),
            [
                "count-negative",
                "count-fraction",
                "count-invalid",
                "count-invalid",
                "count-invalid"
            ]
        );
        let helps: Vec<_> = d.iter().map(|x| x.help.clone()).collect();
        assert_eq!(helps[2], None);
        assert_eq!(
            helps[3].as_ref().unwrap().ru,
            "пишите число без пробелов внутри: 1300"
        );
        assert_eq!(
            helps[4].as_ref().unwrap().en,
            "write the number without spaces: 1300"
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
        let help = d.iter().nth(1).unwrap().help.clone().unwrap();
        assert_eq!(help.ru, "даты пишутся в виде ГГГГ-ММ-ДД: 2024-04-02");
        assert!(
            d.iter()
                .next()
                .unwrap()
                .help
                .as_ref()
                .unwrap()
                .en
                .contains("29 days")
        );
    }

    #[test]
    fn urls_are_read_as_urls_at_the_values_position() {
        let mut d = Diagnostics::new();
        assert_eq!(
            url(&node("\"https://vk.com/x\""), &mut d),
            Some("https://vk.com/x".into())
        );
        assert_eq!(url(&node("javascript:alert(1)"), &mut d), None);
        assert_eq!(url(&node("\"https://x.ru/\\\"><script>\""), &mut d), None);
        assert_eq!(base_url(&node("https://x.ru/?a"), &mut d), None);
        assert_eq!(
            base_url(&node("https://x.ru/mcu"), &mut d).map(|b| b.to_string()),
            Some("https://x.ru/mcu/".into())
        );
        assert_eq!(codes(&d), ["url-scheme", "url-character", "base-url-query"]);
        assert!(
            d.iter()
                .all(|x| matches!(x.location, crate::diag::Location::Span(_)))
        );
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
        let what = Noun::new("канал", "channel");
        let f = fields(&n, what, &["total", "fast_track"], &mut d).unwrap();
        assert!(f.required("total", &mut d).is_none());
        let helps: Vec<_> = d.iter().filter_map(|x| x.help.clone()).collect();
        assert_eq!(helps[0].en, "did you mean `total`?");
        assert_eq!(helps[1].en, "did you mean `fast_track`?");
        assert_eq!(helps[1].ru, "Возможно, вы имели в виду `fast_track`?");
        let first = d.iter().next().unwrap();
        assert_eq!(
            first.message.ru,
            "неизвестный ключ `totl` в разделе «канал»"
        );
        // `total` is not reported missing: `totl` already says where it is.
        assert_eq!(codes(&d), ["unknown-key", "unknown-key"]);
        assert!(f.required("fast_track", &mut d).is_none());
        let g = fields(&n, what, &["total", "fast_track", "roadmap"], &mut d).unwrap();
        assert!(g.required("roadmap", &mut d).is_none());
        assert_eq!(codes(&d)[4..], ["missing-key"]);
    }
}
