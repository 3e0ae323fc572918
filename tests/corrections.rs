//! Corrections made to a published report (issue 23): the notice on the report's page above the
//! form, the feed's entry dated the day it was made, the passports' last change, the annual
//! report's list and the sitemap's date; a correction dated before its report's publication, or
//! one that does not say what changed, refused at its line.

mod common;

use common::{TestSite, text};

/// The `small` fixture with its January 2024 report (published 2024-02-02) corrected on
/// 2024-03-10, after every other date of the fixture: the as-of date.
fn corrected() -> TestSite {
    let site = TestSite::copy("small");
    let path = "data/reports/2024-01.yaml";
    let report = site.read(path);
    site.write(
        path,
        &format!(
            "{report}corrections:\n  - {{date: 2024-03-10, text: \"Исправлено число обращений по 59-ФЗ: в первой редакции было 90\"}}\n"
        ),
    );
    site
}

fn build(site: &TestSite) {
    let run = site.run(&["build", "--out", site.path("public").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

const NOTICE: &str =
    "Исправлено 10 марта 2024 г.: число обращений по 59-ФЗ: в первой редакции было 90";

#[test]
fn the_notice_is_on_the_reports_page_above_the_form() {
    let site = corrected();
    build(&site);
    let page = site.read("public/reports/2024-01/index.html");
    let notice = page
        .find(r#"<li id="correction-1">"#)
        .expect("the notice, with its anchor");
    assert!(text(&page).contains(NOTICE), "{}", text(&page));
    let form = page.find(r#"id="form-h""#).expect("the form");
    assert!(notice < form, "the notice comes before the form");
    // The other months say nothing of it.
    let feb = site.read("public/reports/2024-02/index.html");
    assert!(!feb.contains("correction-1") && !feb.contains("Исправлено"));
    // The embedded form, shown on an official site, says it too, above the form, and when the
    // report came out, in the report page's words.
    let embed = site.read("public/embed/reports/2024-01/index.html");
    let notice = text(&embed).find(NOTICE).expect("the notice in the embed");
    let form = text(&embed)
        .find("Достигнутые значения индикаторов")
        .expect("the form in the embed");
    assert!(notice < form, "the notice comes before the form");
    assert!(
        text(&embed).contains("Опубликован 2 февраля 2024 г., в срок. Прочерк"),
        "{}",
        text(&embed)
    );
    let feb = site.read("public/embed/reports/2024-02/index.html");
    assert!(!feb.contains("Исправлено") && !feb.contains("г.. "));
}

#[test]
fn the_feed_has_an_entry_dated_the_day_of_the_correction() {
    let site = corrected();
    build(&site);
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let child = common::child_text;
    // Newest first: the correction is the latest date of the data.
    let first = &entries[0];
    assert_eq!(
        child(first, "id"),
        "https://mcu.test.example/reports/2024-01/#correction-1"
    );
    assert_eq!(child(first, "title"), "Исправлен отчёт за январь 2024 г.");
    assert_eq!(child(first, "published"), "2024-03-10T00:00:00Z");
    assert_eq!(
        child(first, "summary").replace('\u{A0}', " "),
        format!("{NOTICE}.")
    );
    let link = first
        .children()
        .find(|c| c.has_tag_name("link"))
        .and_then(|l| l.attribute("href"));
    assert_eq!(
        link,
        Some("https://mcu.test.example/reports/2024-01/#correction-1")
    );
    let updated = doc
        .root_element()
        .children()
        .find(|c| c.has_tag_name("updated"))
        .and_then(|c| c.text());
    assert_eq!(updated, Some("2024-03-10T00:00:00Z"));
    // The report's own entry stays, dated by its publication.
    assert!(entries.iter().any(|e| {
        child(e, "id") == "https://mcu.test.example/reports/2024-01/"
            && child(e, "published") == "2024-02-02T00:00:00Z"
    }));
}

#[test]
fn the_passports_take_the_correction_as_their_last_change() {
    let site = corrected();
    build(&site);
    let meta = site.read("public/opendata/9900000017-mcu-indicators/meta.csv");
    let row = |key: &str| {
        meta.lines()
            .find(|l| l.starts_with(&format!("{key},")))
            .unwrap_or_else(|| panic!("{key} in {meta}"))
            .to_string()
    };
    assert_eq!(row("modified"), "modified,20240310");
    let provenance = row("provenance").replace('\u{A0}', " ");
    assert!(
        provenance.contains(&format!(
            "последнее изменение — исправлен отчёт за январь 2024 г.: {NOTICE}"
        )),
        "{provenance}"
    );
    assert!(
        site.path("public/opendata/9900000017-mcu-indicators")
            .join("data-20240310-structure-20240103.csv")
            .is_file()
    );
    // Without the correction, the last change is the latest report's publication.
    let plain = TestSite::copy("small");
    build(&plain);
    let meta = plain.read("public/opendata/9900000017-mcu-indicators/meta.csv");
    assert!(meta.contains("modified,20240304"), "{meta}");
    assert!(!meta.contains("исправлен"), "{meta}");
}

#[test]
fn the_annual_report_lists_the_corrections_of_its_months() {
    let site = corrected();
    build(&site);
    let year = site.read("public/reports/2024/index.html");
    assert!(
        year.contains(r#"<a href="/reports/2024-01/#correction-1">Отчёт за январь 2024</a>"#),
        "{year}"
    );
    assert!(text(&year).contains(NOTICE));
    let before = site.read("public/reports/2023/index.html");
    assert!(!before.contains("correction-1"));
}

#[test]
fn the_sitemap_dates_a_corrected_month_by_its_correction() {
    let site = corrected();
    build(&site);
    let map = site.read("public/sitemap.xml");
    for page in ["reports/2024-01/", "reports/2024/"] {
        let at = map
            .find(&format!("<loc>https://mcu.test.example/{page}</loc>"))
            .unwrap_or_else(|| panic!("{page}"));
        assert!(
            map[at..].starts_with(&format!(
                "<loc>https://mcu.test.example/{page}</loc><lastmod>2024-03-10</lastmod>"
            )),
            "{}",
            &map[at..at + 120]
        );
    }
}

#[test]
fn a_correction_before_publication_is_refused_at_its_line() {
    let site = TestSite::copy("small");
    let path = "data/reports/2024-01.yaml";
    let report = site.read(path);
    let line = report.lines().count() + 2;
    site.write(
        path,
        &format!("{report}corrections:\n  - {{date: 2024-02-01, text: \"Исправлено\"}}\n"),
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[correction-before-published]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("data/reports/2024-01.yaml:{line}:12")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("before the report was published (2024-02-02)")
    );
}

#[test]
fn a_correction_without_text_is_refused_at_its_line() {
    let site = TestSite::copy("small");
    let path = "data/reports/2024-01.yaml";
    let report = site.read(path);
    let line = report.lines().count() + 3;
    site.write(
        path,
        &format!("{report}corrections:\n  - date: 2024-03-01\n    text: \"\"\n"),
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[correction-no-text]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("data/reports/2024-01.yaml:{line}:5")),
        "{}",
        run.stderr
    );
    // Nothing was built.
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!site.path("public/index.html").exists());
}

#[test]
fn the_demo_carries_a_correction_and_the_report_schema_describes_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = std::fs::read_to_string(root.join("data/reports/2025-08.yaml")).unwrap();
    assert!(demo.contains("corrections:"), "{demo}");
    let site = TestSite::copy("small");
    build(&site);
    let schema: serde_json::Value =
        serde_json::from_str(&site.read("public/data/schema/report.schema.json")).unwrap();
    let item = &schema["properties"]["corrections"]["items"];
    assert_eq!(item["required"], serde_json::json!(["date", "text"]));
    jsonschema::meta::validate(&schema).expect("a valid schema");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let report = common::yaml_to_json(&demo);
    assert!(validator.is_valid(&report));
    let mut bad = report.clone();
    bad["corrections"][0]
        .as_object_mut()
        .unwrap()
        .remove("text");
    assert!(!validator.is_valid(&bad));
}
