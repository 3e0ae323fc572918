//! The publication schedule (issue 23): a month's report is due on `report_due_day` (2 by
//! default) of the next month. On the `small` fixture with one late report — December 2023,
//! due on 2 January 2024 across the year's end, published on the 3rd — the report pages,
//! `/reports/`, the home page's next report and the annual reports; a region's lateness column
//! against a hand computation, its order, its data set and its home page; the region's feed.

mod common;

use common::{TestSite, csv_rows, text};

/// `small` with February 2024 published on 1 March instead of the 4th: December 2023 is then
/// its one late report.
fn one_late() -> TestSite {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "published: 2024-03-04",
        "published: 2024-03-01",
    );
    site
}

fn build(site: &TestSite, extra: &[&str]) {
    let out = site.path("public");
    let mut args = vec!["build", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = site.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn each_report_page_says_whether_it_came_out_on_time() {
    let site = one_late();
    build(&site, &[]);
    let dec = text(&site.read("public/reports/2023-12/index.html"));
    assert!(
        dec.contains(
            "Опубликован 3 января 2024 г. — на 1 день позже срока (срок — 2 января 2024 г.)."
        ),
        "{dec}"
    );
    for (month, published) in [
        ("2024-01", "2 февраля 2024 г."),
        ("2024-02", "1 марта 2024 г."),
    ] {
        let page = text(&site.read(&format!("public/reports/{month}/index.html")));
        assert!(
            page.contains(&format!("Опубликован {published}, в срок.")),
            "{month}: {page}"
        );
    }
}

#[test]
fn the_list_of_reports_marks_each_month() {
    let site = one_late();
    build(&site, &[]);
    let list = text(&site.read("public/reports/index.html"));
    assert!(
        list.contains("Декабрь 2023 опубликован на 1 день позже срока"),
        "{list}"
    );
    assert!(list.contains("Январь 2024 опубликован в срок"), "{list}");
    assert!(list.contains("Февраль 2024 опубликован в срок"), "{list}");
    assert_eq!(list.matches("позже срока").count(), 1, "{list}");
}

#[test]
fn the_home_page_names_the_next_report_and_its_due_date() {
    let site = one_late();
    build(&site, &[]);
    let home = text(&site.read("public/index.html"));
    assert!(
        home.contains("Следующий отчёт — за март 2024 г., до 2 апреля 2024 г."),
        "{home}"
    );
    // On a later as-of date, past the due date, the page says how late it is; no clock is read.
    let later = one_late();
    build(&later, &["--as-of", "2024-04-12"]);
    let home = text(&later.read("public/index.html"));
    assert!(
        home.contains(
            "Следующий отчёт — за март 2024 г. — ожидался до 2 апреля 2024 г.: на 12 апреля 2024 г. он опаздывает на 10 дней."
        ),
        "{home}"
    );
}

#[test]
fn the_annual_report_counts_the_years_late_reports() {
    let site = one_late();
    build(&site, &[]);
    let y2023 = text(&site.read("public/reports/2023/index.html"));
    assert!(
        y2023.contains("Позже срока опубликован 1 отчёт из 1: за декабрь — на 1 день."),
        "{y2023}"
    );
    let y2024 = text(&site.read("public/reports/2024/index.html"));
    assert!(
        y2024.contains("Оба отчёта года опубликованы в срок."),
        "{y2024}"
    );
}

#[test]
fn report_due_day_moves_every_due_date() {
    let site = one_late();
    site.edit(
        "data/site.yaml",
        "language: ru\n",
        "language: ru\nreport_due_day: 3\n",
    );
    build(&site, &[]);
    let dec = text(&site.read("public/reports/2023-12/index.html"));
    assert!(
        dec.contains("Опубликован 3 января 2024 г., в срок."),
        "{dec}"
    );
    let home = text(&site.read("public/index.html"));
    assert!(
        home.contains("Следующий отчёт — за март 2024 г., до 3 апреля 2024 г."),
        "{home}"
    );
    // The open data is current until the next report is due.
    let meta = site.read("public/opendata/9900000017-mcu-indicators/meta.csv");
    assert!(meta.contains("valid,20240403"), "{meta}");
}

#[test]
fn a_due_day_that_not_every_month_has_is_refused_at_its_line() {
    let site = TestSite::copy("small");
    site.edit(
        "data/site.yaml",
        "language: ru\n",
        "language: ru\nreport_due_day: 31\n",
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[report-due-day]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("data/site.yaml:6:17"), "{}", run.stderr);
}

/// The `region` fixture with Валуйки due on the 5th and its March report out on 12 April, and a
/// correction to Алексеевка's February report on 10 April.
fn late_region() -> TestSite {
    let site = TestSite::copy("region");
    let m = "data/municipalities";
    site.edit(
        &format!("{m}/valuyki/site.yaml"),
        "population: 60000\n",
        "population: 60000\nreport_due_day: 5\n",
    );
    site.edit(
        &format!("{m}/valuyki/reports/2025-03.yaml"),
        "published: 2025-04-02",
        "published: 2025-04-12",
    );
    let feb = format!("{m}/alekseevka/reports/2025-02.yaml");
    let text = site.read(&feb);
    site.write(
        &feb,
        &format!("{text}corrections:\n  - {{date: 2025-04-10, text: \"Исправлено число обращений на горячие линии: в первой редакции было 30\"}}\n"),
    );
    build(&site, &[]);
    site
}

#[test]
fn the_regions_lateness_column_is_each_latest_report_against_its_own_due_date() {
    let site = late_region();
    // By hand: Алексеевка's March report, due 2 April (the default day), out on 2 April: on
    // time. Бирюч's latest is February's, due 2 March, out on 3 March: 1 day late. Валуйки's
    // March report, due on its own day, 5 April, out on 12 April: 7 days late.
    let expected = [
        ("alekseevka", "2025-04-02", "0"),
        ("biryuch", "2025-03-03", "1"),
        ("valuyki", "2025-04-12", "7"),
    ];
    let rows = csv_rows(&site.read("public/data/region-compare.csv"));
    let found: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["municipality_id"].as_str(),
                r["latest_published"].as_str(),
                r["days_late"].as_str(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    // The page ordered by lateness: most days first.
    let page = site.read("public/compare/by/late/index.html");
    let at = |name: &str| page.find(name).unwrap_or_else(|| panic!("{name}"));
    assert!(at(">Валуйский") < at(">Бирючанский") && at(">Бирючанский") < at(">Алексеевский"));
    let words = text(&page);
    assert!(words.contains("12 апреля 2025 г. 7 дней"), "{words}");
    assert!(words.contains("3 марта 2025 г. 1 день"), "{words}");
    assert!(words.contains("2 апреля 2025 г. в срок"), "{words}");
    // Ordered by the publication date: newest first.
    let by_date = site.read("public/compare/by/published/index.html");
    let at = |name: &str| by_date.find(name).unwrap();
    assert!(at(">Валуйский") < at(">Алексеевский") && at(">Алексеевский") < at(">Бирючанский"));
    // The JSON twin holds the same.
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/region-compare.json")).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"days_late\""), "{text}");
}

#[test]
fn the_region_home_names_who_published_late() {
    let site = late_region();
    let home = text(&site.read("public/index.html"));
    assert!(
        home.contains("Последний отчёт опубликован позже срока Валуйский муниципальный округ : отчёт за март 2025 опубликован 12 апреля 2025 г. — на 7 дней позже срока (срок — 5 апреля 2025 г.) Бирючанский муниципальный округ : отчёт за февраль 2025 опубликован 3 марта 2025 г. — на 1 день позже срока (срок — 2 марта 2025 г.)"),
        "{home}"
    );
    assert!(
        !home.contains("Алексеевский городской округ : отчёт за"),
        "{home}"
    );
}

#[test]
fn the_regions_feed_holds_every_municipalitys_reports_and_corrections_newest_first() {
    let site = late_region();
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let child = common::child_text;
    let entries: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| (child(&e, "published"), child(&e, "id"), child(&e, "title")))
        .collect();
    // 3 + 2 + 3 reports and one correction.
    assert_eq!(entries.len(), 9, "{entries:#?}");
    let dates: Vec<&str> = entries.iter().map(|e| &e.0[..10]).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(
        entries[0],
        (
            "2025-04-12T00:00:00Z".into(),
            "https://cur.example.ru/valuyki/reports/2025-03/".into(),
            "Валуйский муниципальный округ: отчёт за март 2025 г.".into()
        )
    );
    assert_eq!(
        entries[1],
        (
            "2025-04-10T00:00:00Z".into(),
            "https://cur.example.ru/alekseevka/reports/2025-02/#correction-1".into(),
            "Алексеевский городской округ: исправлен отчёт за февраль 2025 г.".into()
        )
    );
    for (_, id, _) in &entries {
        assert!(id.starts_with("https://cur.example.ru/"), "{id}");
        // The same id as in the municipality's own feed: a reader of both sees one entry.
        let muni = id.trim_start_matches("https://cur.example.ru/");
        let muni = &muni[..muni.find('/').unwrap()];
        let own = site.read(&format!("public/{muni}/feed.xml"));
        assert!(own.contains(&format!("<id>{id}</id>")), "{id}");
    }
    // The region's pages and its /data/ page link it.
    for page in ["index.html", "compare/index.html", "data/index.html"] {
        let html = site.read(&format!("public/{page}"));
        assert!(
            html.contains(r#"<link rel="alternate" type="application/atom+xml" title="Отчёты муниципалитетов региона" href="/feed.xml">"#),
            "{page}"
        );
    }
    let data = site.read("public/data/index.html");
    assert!(data.contains(r#"<a href="/feed.xml" type="application/atom+xml">"#));
    // A municipality's pages keep linking its own feed.
    let muni = site.read("public/biryuch/index.html");
    assert!(muni.contains(r#"href="/biryuch/feed.xml""#));
}
