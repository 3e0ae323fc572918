//! The binary on real site folders: a good site builds, bad input fails with positions and
//! leaves the previous site untouched, builds are byte-identical, and publisher text is escaped.

mod common;

use common::{TestSite, snapshot_dir, vitrina};

#[test]
fn a_good_site_builds_every_page() {
    let site = TestSite::copy("small");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "404.html",
        "reports/index.html",
        "reports/2023-12/index.html",
        "reports/2024-01/index.html",
        "reports/2024-02/index.html",
        "reports/2023/index.html",
        "reports/2024/index.html",
        "indicators/index.html",
        "indicators/fast_track_appeals/index.html",
        "indicators/received_hotline/index.html",
        "indicators/fast_track/index.html",
        "indicators/pos_decisions_informed/index.html",
        "about/index.html",
        "news/2024-03-04-hostile/index.html",
        "static/style.css",
        "static/fonts/VitrinaSans-Regular.woff2",
    ] {
        assert!(site.path("public").join(page).is_file(), "missing {page}");
    }
    assert!(run.stderr.contains("собрано "), "{}", run.stderr);
}

#[test]
fn out_flag_chooses_the_folder() {
    let site = TestSite::copy("small");
    let out = site.path("elsewhere/site");
    let run = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("index.html").is_file());
    assert!(!site.path("public").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::copy("small");
    assert_eq!(
        site.run(&["build", "--out", site.path("a").to_str().unwrap()])
            .code,
        0
    );
    assert_eq!(
        site.run(&["build", "--out", site.path("b").to_str().unwrap()])
            .code,
        0
    );
    let (a, b) = (snapshot_dir(&site.path("a")), snapshot_dir(&site.path("b")));
    assert!(a.len() > 40);
    assert!(a == b, "the two builds differ");
}

#[test]
fn a_copy_of_the_site_elsewhere_builds_the_same_bytes() {
    let one = TestSite::copy("small");
    let two = TestSite::copy("small");
    assert_eq!(one.run(&["build"]).code, 0);
    assert_eq!(two.run(&["build"]).code, 0);
    assert!(snapshot_dir(&one.path("public")) == snapshot_dir(&two.path("public")));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["build"]).code, 0);
    for (path, bytes) in snapshot_dir(&site.path("public")) {
        if !(path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for raw in ["<script>alert", "onerror=alert", "javascript:alert"] {
            assert!(!text.contains(raw), "{path} contains raw {raw}");
        }
    }
    let news = site.read("public/news/2024-03-04-hostile/index.html");
    assert!(
        news.contains("&lt;script&gt;alert(1)&lt;/script&gt; Новость"),
        "the title is shown, escaped"
    );
    let feb = site.read("public/reports/2024-02/index.html");
    assert!(
        feb.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the theme is shown, escaped"
    );
}

#[test]
fn drafts_are_not_published() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path("public/draft").exists());
    for (path, bytes) in snapshot_dir(&site.path("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Черновик-секрет"),
            "{path} mentions the draft"
        );
    }
}

#[test]
fn every_page_says_the_as_of_date() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["build"]).code, 0);
    for (path, bytes) in snapshot_dir(&site.path("public"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        assert!(
            String::from_utf8_lossy(&bytes).contains("Данные на 4 марта 2024 г."),
            "{path}"
        );
    }
}

#[test]
fn as_of_flag_overrides_the_data() {
    let site = TestSite::copy("small");
    let run = site.run(&["build", "--as-of", "2024-03-10"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("public/index.html")
            .contains("Данные на 10 марта 2024 г.")
    );
}

#[test]
fn base_url_flag_overrides_links() {
    let site = TestSite::copy("small");
    let run = site.run(&["build", "--base-url", "https://example.github.io/mcu/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"/mcu/static/style.css\""),
        "asset paths follow the base path"
    );
    assert!(home.contains("https://example.github.io/mcu/"));
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::copy("small");
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("public").exists());
}

#[test]
fn check_strict_fails_on_a_warning() {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "status: planned",
        "status: done",
    );
    let lenient = site.run(&["check"]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(
        lenient.stderr.contains("предупреждение[done-not-informed]"),
        "{}",
        lenient.stderr
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vitrina(&[]).code, 2);
    assert_eq!(vitrina(&["publish"]).code, 2);
    assert_eq!(vitrina(&["build", "--as-of", "2024-02-30"]).code, 2);
    assert_eq!(vitrina(&["build", "--base-url", "ftp://x"]).code, 2);
    let help = vitrina(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("build") && help.stdout.contains("check"));
}

#[test]
fn a_folder_without_data_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = vitrina(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("нет папки data/"), "{}", run.stderr);
}

#[test]
fn each_monthly_report_and_the_home_page_have_a_share_card() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["build"]).code, 0);
    for (page, card) in [
        ("index.html", "card.png"),
        ("reports/2024-02/index.html", "reports/2024-02/card.png"),
    ] {
        let png = std::fs::read(site.path("public").join(card)).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{card}");
        let html = site.read(&format!("public/{page}"));
        let meta =
            format!("<meta property=\"og:image\" content=\"https://mcu.test.example/{card}\">");
        assert!(html.contains(&meta), "{page} lacks og:image {card}");
        assert!(html.contains("name=\"twitter:card\" content=\"summary_large_image\""));
    }
    let feb = site.read("public/reports/2024-02/index.html");
    assert!(feb.contains("<meta property=\"og:title\" content=\"Отчёт МЦУ за февраль 2024 г.\">"));
}

/// The small site with a decision done but not told about: one warning, whose message, label and
/// help all depend on the language.
fn site_with_a_warning() -> TestSite {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "status: planned",
        "status: done",
    );
    site
}

const WARNING_RU: &str = "предупреждение[done-not-informed]: решение `fonari` выполнено, но не указана публикация в социальных сетях о его выполнении";
const WARNING_EN: &str =
    "warning[done-not-informed]: decision `fonari` is done but no informing post is listed";

fn assert_russian(stderr: &str) {
    assert!(stderr.contains(WARNING_RU), "{stderr}");
    assert!(
        stderr.contains("= подсказка: добавьте публикацию в `informing`"),
        "{stderr}"
    );
    assert!(stderr.contains("0 ошибок, 1 предупреждение"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!stderr.contains("help:"), "{stderr}");
}

fn assert_english(stderr: &str) {
    assert!(stderr.contains(WARNING_EN), "{stderr}");
    assert!(
        stderr.contains("= help: residents are to be told in social networks"),
        "{stderr}"
    );
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");
    assert!(!stderr.contains("предупреждение"), "{stderr}");
    assert!(!stderr.contains("подсказка"), "{stderr}");
}

#[test]
fn messages_are_russian_by_default_and_english_on_request() {
    let site = site_with_a_warning();
    let cases: [(&[&str], bool, &str); 4] = [
        (
            &["check"],
            true,
            "ошибок нет: проверено 3 отчёта и 118 страниц",
        ),
        (
            &["--lang", "en", "check"],
            false,
            "ok: 3 reports and 118 pages checked",
        ),
        (&["--lang", "en", "build"], false, "built 118 pages ("),
        (&["build"], true, "собрано 118 страниц ("),
    ];
    for (args, russian, says) in cases {
        let run = site.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        if russian {
            assert_russian(&run.stderr);
        } else {
            assert_english(&run.stderr);
        }
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn language_en_in_site_yaml_gives_english_and_the_flag_overrides_it() {
    let site = site_with_a_warning();
    site.edit("data/site.yaml", "language: ru", "language: en");
    let en = site.run(&["check"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert_english(&en.stderr);
    assert!(
        en.stderr.contains("ok: 3 reports and 118 pages checked"),
        "{}",
        en.stderr
    );

    let ru = site.run(&["--lang", "ru", "check"]);
    assert_eq!(ru.code, 0, "{}", ru.stderr);
    assert_russian(&ru.stderr);
}

#[test]
fn lang_is_accepted_before_and_after_the_subcommand() {
    let site = site_with_a_warning();
    for args in [["--lang", "en", "check"], ["check", "--lang", "en"]] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_english(&run.stderr);
    }
    for args in [["--lang", "en", "build"], ["build", "--lang", "en"]] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("built 118 pages ("),
            "{args:?}: {}",
            run.stderr
        );
    }
    // An unknown language is a usage error, wherever the flag stands.
    assert_eq!(site.run(&["--lang", "de", "check"]).code, 2);
    assert_eq!(site.run(&["check", "--lang", "de"]).code, 2);
}

#[test]
fn no_colour_when_stderr_is_not_a_terminal() {
    let site = site_with_a_warning();
    // A warning, a summary and a success line; then an error and the failure line.
    let warned = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["check", "--root"])
        .arg(site.root())
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(warned.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&warned.stderr);
    assert!(stderr.contains(WARNING_RU), "{stderr}");
    assert!(!stderr.contains("\x1b["), "{stderr:?}");

    let empty = tempfile::tempdir().unwrap();
    let failed = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["build", "--root"])
        .arg(empty.path())
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("ошибка[no-data]"), "{stderr}");
    assert!(
        stderr.contains("ошибка: сайт не собран; прежняя версия в папке вывода не тронута"),
        "{stderr}"
    );
    assert!(!stderr.contains("\x1b["), "{stderr:?}");
}

#[test]
fn verbose_lists_the_same_stages_for_a_site_and_a_region() {
    let stages = |fixture: &str| -> Vec<String> {
        let site = TestSite::copy(fixture);
        let run = site.run(&["build", "--verbose", "--lang", "en"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stderr
            .lines()
            .filter(|l| l.ends_with(" ms"))
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_string)
            .collect()
    };
    let site = stages("small");
    assert_eq!(
        site,
        [
            "prepare", "load", "validate", "compute", "render", "output", "links", "publish"
        ]
    );
    assert_eq!(
        stages("region"),
        site,
        "a region goes through the same stages"
    );
}
