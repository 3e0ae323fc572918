//! Web addresses from the data and the command line, read as URLs rather than as text.
//!
//! Every address Vitrina publishes (`base_url`, `--base-url`, the official pages, documents,
//! decisions' pages on ПОС and their informing posts) ends up inside an HTML attribute, the feed
//! and the sitemap. Checking only that the text starts with `https://` let a `"` or a `<` through,
//! and with it a script on every page. So each address is parsed by the `url` crate (the WHATWG
//! URL standard, as browsers read it), and kept as that crate writes it back out, which
//! percent-encodes what a path must not hold raw.
//!
//! Parsing alone would repair too much in silence: the standard turns `\` into `/`, drops tabs
//! and line breaks, and encodes a `"`. A publisher who pasted such an address made a mistake
//! worth hearing about, and a hostile one should be refused, not tidied. So characters that an
//! address as a browser shows it never holds are refused first, and any "syntax violation" the
//! parser reports after that is refused too, each with the fix in both languages.

use crate::diag::codes;
use crate::diag::{Diagnostic, Text};
use crate::routes::BaseUrl;
use crate::source::Span;
use crate::t;
use std::cell::RefCell;
use url::{Host, ParseError, SyntaxViolation, Url};

/// What an address is for: a link anywhere, or the site's own address, which page paths are
/// appended to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// A link to a page elsewhere: any path, query and fragment.
    Link,
    /// `base_url` or `--base-url`: no query or fragment, since page paths follow it.
    Base,
}

/// Why an address was refused: a diagnostic without a position yet (boxed: most addresses are
/// fine, and the `Ok` side should stay small), and the label for one.
#[derive(Debug, Clone)]
pub struct Refusal {
    diag: Box<Diagnostic>,
    label: Text,
}

impl Refusal {
    fn new(code: &'static str, message: Text, label: Text, help: Text) -> Self {
        Refusal {
            diag: Box::new(Diagnostic::error(code, message).help(help)),
            label,
        }
    }

    /// The stable code (`url-scheme`, `url-character`, …).
    pub fn code(&self) -> &'static str {
        self.diag.code
    }

    /// The diagnostic pointing at the value in a file.
    pub fn at(self, span: Span) -> Diagnostic {
        self.diag.at(span, self.label)
    }

    /// The diagnostic for a command-line flag such as `--base-url`.
    pub fn for_flag(self, flag: &str) -> Diagnostic {
        self.diag.in_path(flag)
    }

    /// Message and help in both languages, one per line: for clap, which refuses a flag's value
    /// before `--lang` is known.
    pub fn both_languages(&self) -> String {
        let help = self.diag.help.clone().unwrap_or_default();
        format!(
            "{}\n  подсказка: {}\n  ({}; help: {})",
            self.diag.message.ru, help.ru, self.diag.message.en, help.en
        )
    }
}

/// The address `text` as the `url` crate writes it (for [`Use::Base`] always ending in `/`), if it
/// is an absolute `http` or `https` address with a host and without a user name or password.
pub fn parse(text: &str, usage: Use) -> Result<String, Refusal> {
    let url = checked(text, usage)?;
    let mut out = url.to_string();
    if usage == Use::Base && !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

/// The site's own address (`base_url`, `--base-url`), read once into the [`BaseUrl`] every later
/// stage takes: [`parse`] with [`Use::Base`], kept as a URL rather than as text.
pub fn parse_base(text: &str) -> Result<BaseUrl, Refusal> {
    let url = checked(text, Use::Base)?;
    let short = crate::diag::shorten(text.trim());
    BaseUrl::new(url).ok_or_else(|| not_http(&short))
}

/// The address `text` as the `url` crate reads it, when it passes every check of [`parse`].
fn checked(text: &str, usage: Use) -> Result<Url, Refusal> {
    let text = text.trim();
    let short = crate::diag::shorten(text);
    let lower = text.to_ascii_lowercase();
    if !(lower.starts_with("http:") || lower.starts_with("https:")) {
        return Err(not_http(&short));
    }
    if let Some(c) = text.chars().find(|&c| refused_char(c)) {
        return Err(character(&short, c));
    }
    let violations = RefCell::new(Vec::new());
    let parsed = Url::options()
        .syntax_violation_callback(Some(&|v| violations.borrow_mut().push(v)))
        .parse(text);
    let url = match parsed {
        Ok(url) => url,
        Err(e) => return Err(unparsable(&short, e)),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(not_http(&short));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(userinfo(&short));
    }
    if let Some(v) = violations.into_inner().into_iter().next() {
        return Err(violation(&short, v));
    }
    match url.host() {
        Some(Host::Domain(d)) if d.bytes().all(domain_byte) && !d.is_empty() => {}
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {}
        _ => return Err(unparsable(&short, ParseError::InvalidDomainCharacter)),
    }
    if usage == Use::Base && (url.query().is_some() || url.fragment().is_some()) {
        return Err(Refusal::new(
            codes::BASE_URL_QUERY,
            t!(
                "в адресе сайта не может быть `?` или `#`: `{short}`",
                "the site's address cannot have a query (`?`) or a fragment (`#`): `{short}`"
            ),
            t!(
                "адрес сайта без `?` и `#`",
                "the site's address, without `?` or `#`"
            ),
            t!(
                "к адресу сайта приписываются адреса страниц: укажите только адрес главной страницы, например https://mcu.example.ru/",
                "page paths are appended to the site's address: give the home page's address only, such as https://mcu.example.ru/"
            ),
        ));
    }
    Ok(url)
}

/// An address with the path of a file in it (`source:` of `site.yaml`):
/// `https://github.com/org/site/blob/main/{path}`, where `{path}` stands for a data file's path
/// in the site's folder. Checked like every address, with `{path}` in its place; a file's
/// address is then the parts around it with the path percent-encoded between them, so that
/// no path (a space, Cyrillic letters, a `"`) can break out of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// The address as the `url` crate writes it back, split at each `{path}`.
    parts: Vec<String>,
}

/// What stands for `{path}` while the template is checked as an address: lower-case letters and
/// `-`, which the URL standard keeps as they are in a path, a query and a fragment.
const PATH_MARK: &str = "vitrina-path-mark";

impl PathTemplate {
    /// Reads a template: an http(s) address ([`parse`]) with `{path}` after its host.
    pub fn parse(text: &str) -> Result<PathTemplate, Refusal> {
        let short = crate::diag::shorten(text.trim());
        if !text.contains("{path}") {
            return Err(no_path(&short));
        }
        let url = checked(&text.replace("{path}", PATH_MARK), Use::Link)?;
        let written = url.to_string();
        let host_end = url[..url::Position::BeforePath].len();
        if written[..host_end].contains(PATH_MARK) {
            return Err(no_path(&short));
        }
        Ok(PathTemplate {
            parts: written.split(PATH_MARK).map(str::to_string).collect(),
        })
    }

    /// The address of the file at `path` (`data/reports/2024-03.yaml`), percent-encoded.
    pub fn url(&self, path: &str) -> String {
        self.parts.join(&crate::routes::encode_path(path))
    }
}

fn no_path(short: &str) -> Refusal {
    Refusal::new(
        codes::SOURCE_PATH,
        t!(
            "в адресе нет `{{path}}` — места, где стоит путь файла: `{short}`",
            "the address has no `{{path}}`, where the file's path goes: `{short}`"
        ),
        t!(
            "ожидается адрес с `{{path}}` после имени сайта",
            "expected an address with `{{path}}` after the host"
        ),
        t!(
            "впишите `{{path}}` туда, где в адресе файла стоит его путь в папке сайта, например https://github.com/org/site/blob/main/{{path}} или https://gitlab.com/org/site/-/commits/main/{{path}}",
            "put `{{path}}` where a file's address holds its path in the site's folder, such as https://github.com/org/site/blob/main/{{path}} or https://gitlab.com/org/site/-/commits/main/{{path}}"
        ),
    )
}

/// An address as a person reads it, for text rather than links (the share card's footer): no
/// scheme, no trailing `/`, the host in its own letters (`мцу.рф`, not `xn--l1aoi.xn--p1ai`) and
/// the path decoded.
pub fn readable(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, _) = idna::domain_to_unicode(host);
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    format!("{host}{}", path.trim_end_matches('/'))
}

/// Characters an address never holds as the browser's address bar shows it: spaces and control
/// characters, and the ASCII punctuation the URL standard does not allow unencoded (among them
/// `"`, `<` and `>`, which would end an HTML attribute or open a tag).
fn refused_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^')
}

/// A byte of a host name once the `url` crate has turned it into ASCII (Punycode for .рф).
fn domain_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'_')
}

fn not_http(short: &str) -> Refusal {
    Refusal::new(
        codes::URL_SCHEME,
        t!(
            "`{short}` — не адрес в интернете (http или https)",
            "`{short}` is not an http(s) address"
        ),
        t!(
            "ожидается ссылка, начинающаяся с https:// или http://",
            "expected a link starting with https:// or http://"
        ),
        t!(
            "скопируйте полный адрес из адресной строки браузера",
            "copy the full address from the browser's address bar"
        ),
    )
}

fn character(short: &str, c: char) -> Refusal {
    let name = if c == ' ' {
        t!("пробел", "a space")
    } else if c.is_whitespace() || c.is_control() {
        let code = format!("U+{:04X}", c as u32);
        t!("невидимый символ {code}", "the invisible character {code}")
    } else {
        Text::same(format!("`{c}`"))
    };
    let mut bytes = [0u8; 4];
    let encoded: String = c
        .encode_utf8(&mut bytes)
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect();
    let (name_ru, name_en) = (&name.ru, &name.en);
    Refusal::new(
        codes::URL_CHARACTER,
        t!(
            "в адресе `{short}` есть {name_ru}, а в ссылке его быть не может",
            "the address `{short}` holds {name_en}, which a link cannot hold"
        ),
        t!("здесь {name_ru}", "{name_en} here"),
        t!(
            "скопируйте адрес заново из адресной строки браузера; если этот символ и правда часть адреса, в ссылке он пишется как {encoded}",
            "copy the address again from the browser's address bar; if the character really is part of it, a link writes it as {encoded}"
        ),
    )
}

fn userinfo(short: &str) -> Refusal {
    Refusal::new(
        codes::URL_USERINFO,
        t!(
            "в адресе `{short}` указаны имя пользователя или пароль",
            "the address `{short}` holds a user name or a password"
        ),
        t!("здесь часть адреса до `@`", "the part before `@` is here"),
        t!(
            "уберите из адреса всё от `//` до `@` включительно: ссылку на сайте видят все",
            "remove everything from `//` up to and including `@`: everyone can read a link on the site"
        ),
    )
}

fn unparsable(short: &str, e: ParseError) -> Refusal {
    let (why, help) = match e {
        ParseError::EmptyHost => (
            t!(
                "после https:// нет имени сайта",
                "there is no host after https://"
            ),
            t!(
                "скопируйте полный адрес из адресной строки браузера",
                "copy the full address from the browser's address bar"
            ),
        ),
        ParseError::InvalidPort => (
            t!(
                "неверный номер порта после `:`",
                "the port after `:` is not a number from 0 to 65535"
            ),
            t!(
                "уберите `:` и число после имени сайта, если порт не нужен",
                "remove the `:` and the number after the host unless a port is needed"
            ),
        ),
        ParseError::InvalidIpv4Address | ParseError::InvalidIpv6Address => (
            t!("неверный IP-адрес", "an invalid IP address"),
            t!(
                "укажите имя сайта, например mcu.example.ru",
                "give the host's name, such as mcu.example.ru"
            ),
        ),
        _ => (
            t!(
                "в имени сайта недопустимые символы",
                "the host name holds characters a host cannot have"
            ),
            t!(
                "имя сайта состоит из букв, цифр, дефисов и точек, например mcu.example.ru или мцу.рф",
                "a host name is letters, digits, hyphens and dots, such as mcu.example.ru"
            ),
        ),
    };
    malformed(short, &why, help)
}

/// The refusal of a malformed address: what is wrong with it, and how to write it.
fn malformed(short: &str, why: &Text, help: Text) -> Refusal {
    let (why_ru, why_en) = (&why.ru, &why.en);
    Refusal::new(
        codes::URL_INVALID,
        t!(
            "адрес `{short}` записан с ошибкой: {why_ru}",
            "the address `{short}` is malformed: {why_en}"
        ),
        t!("ошибка в адресе", "a malformed address"),
        help,
    )
}

fn violation(short: &str, v: SyntaxViolation) -> Refusal {
    let (why, help) = match v {
        SyntaxViolation::ExpectedDoubleSlash => (
            t!(
                "после `https:` должно стоять `//`",
                "`https:` must be followed by `//`"
            ),
            t!(
                "пишите адрес полностью: https://имя-сайта/путь",
                "write the address in full: https://host/path"
            ),
        ),
        SyntaxViolation::PercentDecode => (
            t!(
                "после `%` должны стоять две шестнадцатеричные цифры",
                "a `%` must be followed by two hexadecimal digits"
            ),
            t!(
                "скопируйте адрес заново из адресной строки браузера; знак процента в ссылке пишется как %25",
                "copy the address again from the browser's address bar; a percent sign in a link is written %25"
            ),
        ),
        other => {
            let what = other.description();
            (
                t!("{what}", "{what}"),
                t!(
                    "скопируйте адрес заново из адресной строки браузера",
                    "copy the address again from the browser's address bar"
                ),
            )
        }
    };
    malformed(short, &why, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(t: &str) -> Result<String, &'static str> {
        parse(t, Use::Link).map_err(|r| r.code())
    }

    fn base(t: &str) -> Result<String, &'static str> {
        parse(t, Use::Base).map_err(|r| r.code())
    }

    #[test]
    fn http_and_https_addresses_are_kept_as_the_url_crate_writes_them() {
        assert_eq!(link("https://vk.com/x"), Ok("https://vk.com/x".into()));
        assert_eq!(link("HTTP://Example.RU"), Ok("http://example.ru/".into()));
        assert_eq!(
            link("https://vk.com/wall?w=1&z=2#c"),
            Ok("https://vk.com/wall?w=1&z=2#c".into())
        );
        assert_eq!(
            link("https://мцу.рф/о-нас"),
            Ok("https://xn--l1aoi.xn--p1ai/%D0%BE-%D0%BD%D0%B0%D1%81".into())
        );
        assert_eq!(
            link("https://1.2.3.4:8080/"),
            Ok("https://1.2.3.4:8080/".into())
        );
        assert_eq!(link("  https://t.me/x  "), Ok("https://t.me/x".into()));
    }

    #[test]
    fn other_schemes_and_relative_addresses_are_not_web_addresses() {
        for t in [
            "javascript:alert(1)",
            "JavaScript:alert(\"x\")",
            "data:text/html,<script>",
            "ftp://example.ru",
            "vk.com/x",
            "//vk.com/x",
            "mailto:a@b.ru",
            "https",
        ] {
            assert_eq!(link(t), Err("url-scheme"), "{t}");
        }
    }

    #[test]
    fn characters_that_break_out_of_an_attribute_are_refused() {
        for t in [
            "https://x.example/\"><script>alert(1)</script>/",
            "https://ci.example/x\"onfocus=\"alert(1)\"autofocus=\"/",
            "https://x.example/<b>",
            "https://x.example/a b",
            "https://x.example/a\tb",
            "https://x.example/a\nb",
            "https://x.example/a\u{a0}b",
            "https://x.example\\evil.example/",
            "https://x.example/`x`",
            "https://x\"y.example/",
        ] {
            assert_eq!(link(t), Err("url-character"), "{t:?}");
        }
    }

    #[test]
    fn the_refusal_names_the_character_and_its_code() {
        let r = parse("https://x.example/\"><script>", Use::Link).unwrap_err();
        let d = r.at(Span::new(crate::source::FileId(0), 0, 1));
        assert!(d.message.ru.contains("есть `\"`"), "{}", d.message.ru);
        assert!(d.message.en.contains("holds `\"`"), "{}", d.message.en);
        assert!(d.help.unwrap().en.contains("%22"));
    }

    #[test]
    fn a_user_name_or_password_is_refused() {
        assert_eq!(link("https://user:pass@vk.com/x"), Err("url-userinfo"));
        assert_eq!(link("https://user@vk.com/x"), Err("url-userinfo"));
    }

    #[test]
    fn malformed_hosts_and_repairs_are_refused() {
        assert_eq!(link("https://"), Err("url-invalid"));
        assert_eq!(link("https://x.ru:99999/"), Err("url-invalid"));
        assert_eq!(link("https:vk.com/x"), Err("url-invalid"));
        assert_eq!(link("https://vk.com/100%zz"), Err("url-invalid"));
        assert_eq!(link("https://x'y.example/"), Err("url-invalid"));
    }

    #[test]
    fn the_sites_address_ends_in_a_slash_and_has_no_query_or_fragment() {
        assert_eq!(
            base("https://mcu.example.ru"),
            Ok("https://mcu.example.ru/".into())
        );
        assert_eq!(
            base("https://user.github.io/mcu"),
            Ok("https://user.github.io/mcu/".into())
        );
        assert_eq!(base("https://x.ru/?a=1"), Err("base-url-query"));
        assert_eq!(base("https://x.ru/#top"), Err("base-url-query"));
        assert_eq!(base("https://x.ru/?"), Err("base-url-query"));
        assert_eq!(link("https://x.ru/?a=1"), Ok("https://x.ru/?a=1".into()));
    }

    #[test]
    fn a_readable_address_is_in_the_hosts_own_letters() {
        let stored = base("https://мцу.рф/отчёты").unwrap();
        assert!(stored.starts_with("https://xn--"), "{stored}");
        assert_eq!(readable(&stored), "мцу.рф/отчёты");
        assert_eq!(readable("https://mcu.example.ru/"), "mcu.example.ru");
    }

    #[test]
    fn a_refusal_for_clap_speaks_both_languages() {
        let text = parse("ftp://x", Use::Base).unwrap_err().both_languages();
        assert!(text.contains("не адрес в интернете"), "{text}");
        assert!(text.contains("is not an http(s) address"), "{text}");
    }

    #[test]
    fn a_path_template_puts_the_encoded_path_in_place_of_its_mark() {
        let t = PathTemplate::parse("https://github.com/org/site/blob/main/{path}").unwrap();
        assert_eq!(
            t.url("data/reports/2024-03.yaml"),
            "https://github.com/org/site/blob/main/data/reports/2024-03.yaml"
        );
        assert_eq!(
            t.url("data/новое \"имя\".yaml"),
            "https://github.com/org/site/blob/main/data/%D0%BD%D0%BE%D0%B2%D0%BE%D0%B5%20%22%D0%B8%D0%BC%D1%8F%22.yaml"
        );
        let q = PathTemplate::parse("https://git.example.ru/log?file={path}&branch=main").unwrap();
        assert_eq!(
            q.url("data/site.yaml"),
            "https://git.example.ru/log?file=data/site.yaml&branch=main"
        );
        for (bad, code) in [
            ("https://github.com/org/site/blob/main/", codes::SOURCE_PATH),
            ("https://{path}.example.ru/", codes::SOURCE_PATH),
            ("ftp://example.ru/{path}", codes::URL_SCHEME),
            ("https://example.ru/{path} x", codes::URL_CHARACTER),
            ("https://example.ru/\"{path}", codes::URL_CHARACTER),
        ] {
            assert_eq!(PathTemplate::parse(bad).unwrap_err().code(), code, "{bad}");
        }
    }
}
