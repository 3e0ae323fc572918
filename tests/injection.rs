//! Nothing the publisher writes, nor anything passed on the command line, becomes markup or
//! script on the site (issue 10): hostile addresses are refused with their position before
//! anything is written, legitimate ones are written escaped, and hundreds of hostile strings in
//! every text field that reaches a page come out as text.

mod common;

use common::TestSite;
use std::collections::BTreeSet;

/// The two addresses of the report: one closes the attribute and opens a script, the other adds
/// event handlers to every link that starts with the base URL.
const HOSTILE_BASES: [&str; 2] = [
    r#"https://x.example/"><script>alert(1)</script>/"#,
    r#"https://ci.example/x"onfocus="alert(1)"autofocus="/"#,
];

/// A YAML double-quoted scalar holding `s`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Asserts the run failed with exit 1, printed `at` and `code`, and wrote no site.
fn assert_refused(site: &TestSite, args: &[&str], at: &str, code: &str) {
    let run = site.run(args);
    assert_eq!(run.code, 1, "{args:?} must fail:\n{}", run.stderr);
    assert!(
        run.stderr.contains(at),
        "{args:?}: no {at} in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("ошибка[{code}]")),
        "{args:?}: no {code} in:\n{}",
        run.stderr
    );
    assert!(!site.path("public").exists(), "{args:?} wrote a site");
}

#[test]
fn hostile_base_url_in_site_yaml_fails_check_and_build_at_its_position() {
    for hostile in HOSTILE_BASES {
        let site = TestSite::copy("small");
        site.edit(
            "data/site.yaml",
            "base_url: \"https://mcu.test.example/\"",
            &format!("base_url: {}", quoted(hostile)),
        );
        for command in ["check", "build"] {
            assert_refused(&site, &[command], "data/site.yaml:4:11", "url-character");
        }
        let run = site.run(&["--lang", "en", "check"]);
        assert!(
            run.stderr.contains("holds `\"`, which a link cannot hold"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("%22"), "the help gives the encoding");
    }
}

#[test]
fn hostile_base_url_flag_is_a_usage_error_naming_the_flag() {
    for hostile in HOSTILE_BASES {
        let site = TestSite::copy("small");
        let run = site.run(&["build", "--base-url", hostile]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("'--base-url <BASE_URL>'"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("а в ссылке его быть не может")
                && run.stderr.contains("which a link cannot hold"),
            "both languages, since --lang may come later:\n{}",
            run.stderr
        );
        assert!(!site.path("public").exists(), "nothing is written");
    }
}

#[test]
fn a_base_url_flag_with_a_query_or_a_password_is_refused_too() {
    let site = TestSite::copy("small");
    for bad in [
        "https://x.example/?page=1",
        "https://x.example/#top",
        "https://user:secret@x.example/",
        "javascript:alert(1)",
    ] {
        let run = site.run(&["build", "--base-url", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{bad}: {}", run.stderr);
    }
    assert!(!site.path("public").exists());
}

#[test]
fn a_base_url_in_site_yaml_with_a_query_or_a_password_is_refused_at_its_position() {
    for (bad, code) in [
        ("https://mcu.test.example/?a=1", "base-url-query"),
        ("https://user:pass@mcu.test.example/", "url-userinfo"),
    ] {
        let site = TestSite::copy("small");
        site.edit(
            "data/site.yaml",
            "base_url: \"https://mcu.test.example/\"",
            &format!("base_url: {}", quoted(bad)),
        );
        assert_refused(&site, &["check"], "data/site.yaml:4:11", code);
    }
}

#[test]
fn hostile_link_in_an_informing_post_is_refused_at_its_position() {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "url: \"https://t.me/test/2\"",
        r#"url: 'https://t.me/test/2"onmouseover="alert(1)'"#,
    );
    for command in ["check", "build"] {
        assert_refused(
            &site,
            &[command],
            "data/decisions/2024.yaml:14:52",
            "url-character",
        );
    }
}

#[test]
fn hostile_links_of_the_openness_page_are_refused_at_their_positions() {
    let site = TestSite::copy("small");
    site.edit(
        "data/site.yaml",
        "url: \"https://vk.com/test_mcu\"",
        "url: \"https://vk.com/<script>\"",
    );
    site.edit(
        "data/site.yaml",
        "url: \"https://test.example/doc/1\"",
        "url: \"https://x:y@test.example/doc/1\"",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "data/site.yaml:9:33",
        "ошибка[url-character]",
        "data/site.yaml:11:",
        "ошибка[url-userinfo]",
    ] {
        assert!(
            run.stderr.contains(expected),
            "no {expected}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_link_with_an_ampersand_in_its_query_is_written_as_amp_and_reads_back_whole() {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "url: \"https://t.me/test/2\"",
        "url: \"https://vk.com/wall?w=1&z=2\"",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/decisions/avtobus/index.html");
    assert!(
        page.contains("href=\"https://vk.com/wall?w=1&amp;z=2\""),
        "{page}"
    );
    assert!(!page.contains("w=1&z=2"), "a raw & in the page");
    // What a browser reads from the attribute is the address as written.
    let start = page.find("href=\"https://vk.com/wall").unwrap() + "href=\"".len();
    let value = &page[start..start + page[start..].find('"').unwrap()];
    assert_eq!(
        vitrina::render::escape::unescape(value),
        "https://vk.com/wall?w=1&z=2"
    );
}

#[test]
fn the_link_check_reads_an_ampersand_in_an_internal_link() {
    let site = TestSite::copy("small");
    site.edit(
        "content/about.md",
        "Смотрите [отчёты](/reports/).",
        "Смотрите [отчёты](/reports/?a=1&b=2) и [старое](/old/?a=1&b=2).",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The existing page is found; the missing one is named as written, at its place in the file.
    assert!(
        run.stderr
            .contains("на странице /about/ есть ссылка на /old/?a=1&b=2"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("[broken-link]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/about.md:6:81"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile text in every field that reaches a page.

/// Pieces the hostile strings are made of: markup, quotes of both kinds, entities, script
/// addresses, template syntax, and plain Russian words around them.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x27;",
    "<script>alert(1)</script>",
    "</title><script>alert(2)</script>",
    "\" onmouseover=\"alert(3)",
    "' onfocus='alert(4)' autofocus='",
    "\"><img src=x onerror=alert(5)>",
    "<svg onload=alert(6)>",
    "javascript:alert(7)",
    " JaVaScRiPt:alert(8)",
    "data:text/html,<script>alert(9)</script>",
    "vbscript:msgbox(10)",
    "--><!--",
    "]]>",
    "{{ site.title }}",
    "{% raw %}",
    "Дороги",
    "обращение",
    " ",
    "/",
    "`",
];

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One to four pieces, with a number that makes each string unique (names must differ).
    fn hostile(&mut self, n: usize) -> String {
        let count = 1 + (self.next() % 4) as usize;
        let mut s = format!("Т{n} ");
        for _ in 0..count {
            s.push_str(PIECES[(self.next() % PIECES.len() as u64) as usize]);
        }
        s
    }
}

/// Where the strings go: `(file, text in the fixture, the same with `{}` for a quoted string)`.
/// Each of these fields is printed on some page.
const FIELDS: &[(&str, &str, &str)] = &[
    (
        "data/site.yaml",
        "title: \"МЦУ Тестового округа\"",
        "title: {}",
    ),
    (
        "data/site.yaml",
        "municipality: \"Тестовый муниципальный округ\"",
        "municipality: {}",
    ),
    (
        "data/site.yaml",
        "region: \"Тестовая область\"",
        "region: {}",
    ),
    (
        "data/site.yaml",
        "address: \"г. Тестовск, ул. Центральная, 1\"",
        "address: {}",
    ),
    ("data/site.yaml", "phone: \"+7 800 000-00-00\"", "phone: {}"),
    ("data/site.yaml", "{network: \"ВКонтакте\"", "{network: {}"),
    (
        "data/site.yaml",
        "{title: \"Постановление № 1 «О создании МЦУ»\"",
        "{title: {}",
    ),
    ("data/site.yaml", "number: \"1\"", "number: {}"),
    (
        "data/decisions/2024.yaml",
        "title: \"Выбор сквера для благоустройства\"",
        "title: {}",
    ),
    (
        "data/decisions/2024.yaml",
        "title: \"Новый маршрут автобуса\"",
        "title: {}",
    ),
    (
        "data/decisions/2024.yaml",
        "title: \"Где поставить фонари\"",
        "title: {}",
    ),
    (
        "data/decisions/2024.yaml",
        "network: \"Telegram\"",
        "network: {}",
    ),
    (
        "data/decisions/2024.yaml",
        "network: \"ВКонтакте\"",
        "network: {}",
    ),
    (
        "data/decisions/2024.yaml",
        "  status: done\n",
        "  status: done\n  result: {}\n  milestones:\n    - {date: 2024-01-30, text: {}}\n",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "title: \"Устранение причин обращений о ямах\"",
        "title: {}",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "root_cause: \"Износ покрытия\"",
        "root_cause: {}",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "name: \"Иванов И.И.\"",
        "name: {}",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "position: \"заместитель главы\"",
        "position: {}",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "{title: \"Обследование улиц\"",
        "{title: {}",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "{title: \"Ремонт ул. Ленина\", responsible: \"МКУ «ГХ»\"",
        "{title: \"Ремонт ул. Ленина\", responsible: {}",
    ),
    (
        "data/roadmaps/dorogi.yaml",
        "cancelled: \"Улица передана области\"",
        "cancelled: {}",
    ),
    (
        "data/targets.yaml",
        "auto_delivery: \"Система доставки подключена в ноябре\"",
        "auto_delivery: {}",
    ),
    (
        "data/reports/2024-02.yaml",
        "{theme: \"<script>alert(1)</script>\"",
        "{theme: {}",
    ),
    (
        "data/reports/2024-02.yaml",
        "{name: \"МКУ «Городское хозяйство»\"",
        "{name: {}",
    ),
    (
        "data/reports/2024-02.yaml",
        "summary: \"Февраль: 450 обращений.\"",
        "summary: {}",
    ),
    ("content/about.md", "title: \"О центре\"", "title: {}"),
    (
        "content/about.md",
        "description: \"Что такое МЦУ\"",
        "description: {}",
    ),
    (
        "content/news/2024-03-04-hostile.md",
        "title: \"<script>alert(1)</script> Новость\"",
        "title: {}",
    ),
    (
        "data/structure.yaml",
        "curator: {name: \"Куратор\"}",
        "curator: {name: {}, position: {}}\nroles:\n  - {role: {}, name: {}}\nblocks:\n  - {name: {}, themes: [\"ЖКХ\"], lead: {name: {}}, members: [{name: {}, position: {}}]}",
    ),
];

/// Every tag of an HTML page: its name and its attributes (name, value as written). Text never
/// holds a raw `<` in Vitrina's output, so every `<` opens a tag, a comment or the doctype.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i += html[i..].find("-->").map_or(html.len() - i, |e| e + 3);
            continue;
        }
        if html[i..].starts_with('!') || html[i..].starts_with('/') {
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| i + e);
        let name = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let an_end = html[i..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(html.len(), |e| i + e);
            let attr = html[i..an_end].to_ascii_lowercase();
            i = an_end;
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        value = html[i + 1..end].to_string();
                        i = (end + 1).min(html.len());
                    }
                    _ => {
                        let end = html[i..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(html.len(), |e| i + e);
                        value = html[i..end].to_string();
                        i = end;
                    }
                }
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

/// The tag names and `tag attribute` pairs of every page of a build.
fn vocabulary(pages: &[(String, String)]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut names = BTreeSet::new();
    let mut attrs = BTreeSet::new();
    for (_, html) in pages {
        for (name, list) in tags(html) {
            for (a, _) in &list {
                attrs.insert(format!("{name} {a}"));
            }
            names.insert(name);
        }
    }
    (names, attrs)
}

/// Builds the site in `root` in memory, through the library: no process, no disk writes.
fn pages_of(root: &std::path::Path) -> Vec<(String, String)> {
    let b = vitrina::site::run(&vitrina::site::Options {
        root: root.to_path_buf(),
        ..Default::default()
    });
    let errors: Vec<String> = b
        .diags
        .iter()
        .filter(|d| d.severity == vitrina::diag::Severity::Error)
        .map(|d| format!("{}: {} ({:?})", d.code, d.message.en, d.location))
        .collect();
    assert!(errors.is_empty(), "the build failed: {errors:#?}");
    b.output
        .expect("rendered")
        .iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".xml"))
        .map(|(p, bytes)| (p.clone(), String::from_utf8_lossy(bytes).into_owned()))
        .collect()
}

/// The fixture with a `data/structure.yaml`, so that the structure page has names too.
fn fixture() -> TestSite {
    let site = TestSite::copy("small");
    site.write("data/structure.yaml", "curator: {name: \"Куратор\"}\n");
    site
}

#[test]
fn hostile_text_in_every_field_stays_text_on_every_page() {
    let clean = fixture();
    let (known_tags, known_attrs) = vocabulary(&pages_of(clean.root()));
    let slots: usize = FIELDS
        .iter()
        .map(|(_, _, to)| to.matches("{}").count())
        .sum();
    let mut generator = Gen(0x5EED_1234_ABCD_0042);
    let mut tried = 0;
    // Eleven builds of the whole site, each with a fresh string in every slot: a few hundred
    // strings in all, in well under a minute.
    for _ in 0..11 {
        let site = fixture();
        let mut strings = Vec::new();
        for (file, from, to) in FIELDS {
            let mut filled = String::new();
            for (k, part) in to.split("{}").enumerate() {
                if k > 0 {
                    let s = generator.hostile(tried);
                    tried += 1;
                    filled.push_str(&quoted(&s));
                    strings.push(s);
                }
                filled.push_str(part);
            }
            site.edit(file, from, &filled);
        }
        let pages = pages_of(site.root());
        for (path, html) in &pages {
            if path.ends_with(".html") {
                for (name, attrs) in tags(html) {
                    assert!(known_tags.contains(&name), "{path}: a <{name}> got in");
                    if name == "script" {
                        let src = attrs.iter().find(|(a, _)| a == "src");
                        // An open-data passport's schema.org JSON-LD: a data block, never run,
                        // which must stay one JSON value whatever the text in it.
                        let data_block = attrs
                            == [("type".to_string(), "application/ld+json".to_string())]
                            && path.starts_with("opendata/")
                            && json_ld_parses(html);
                        assert!(
                            src.is_some_and(|(_, v)| v.ends_with("static/search.js")) || data_block,
                            "{path}: a script other than search.js: {attrs:?}"
                        );
                    }
                    for (a, v) in &attrs {
                        assert!(
                            known_attrs.contains(&format!("{name} {a}")) && !a.starts_with("on"),
                            "{path}: <{name} {a}=…> got in (an attribute broke out)"
                        );
                        let v = vitrina::render::escape::unescape(v)
                            .trim()
                            .to_ascii_lowercase();
                        if matches!(a.as_str(), "href" | "src" | "action") {
                            for scheme in ["javascript:", "data:", "vbscript:"] {
                                assert!(!v.starts_with(scheme), "{path}: {a}={v}");
                            }
                        }
                    }
                }
            }
            for s in strings.iter().filter(|s| s.contains(['<', '>', '"'])) {
                assert!(!html.contains(s.as_str()), "{path} holds unescaped {s:?}");
            }
            assert!(!html.contains("<script>alert"), "{path}");
        }
    }
    assert_eq!(tried, 11 * slots);
    assert!(tried >= 300, "only {tried} strings");
}

/// Whether the page's one `<script type="application/ld+json">` holds one JSON object, ended
/// where the element ends: no text broke out of it.
fn json_ld_parses(html: &str) -> bool {
    let open = "<script type=\"application/ld+json\">";
    let Some(start) = html.find(open).map(|i| i + open.len()) else {
        return false;
    };
    let Some(end) = html[start..].find("</script>").map(|i| start + i) else {
        return false;
    };
    html.matches(open).count() == 1
        && serde_json::from_str::<serde_json::Value>(&html[start..end]).is_ok_and(|v| v.is_object())
}
