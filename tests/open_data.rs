//! Open data, the feed, the sitemap and the schemas, read back the way their users read them: the
//! XML with an XML parser, the CSV with a CSV parser, the schemas with a JSON Schema validator,
//! and the numbers compared with the `small` fixture's YAML.

mod common;

use common::{TestSite, snapshot_dir, yaml_to_json};
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://mcu.test.example/";
/// The `inn` of the `small` fixture: the prefix of every open-data identifier.
const INN: &str = "9900000017";

fn built(site: &TestSite, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert_eq!(run.code, 0, "the build fails:\n{}", run.stderr);
}

fn small() -> TestSite {
    let site = TestSite::copy("small");
    built(&site, &[]);
    site
}

/// A CSV file of the output, parsed strictly (every record as long as the header).
fn csv_of(site: &TestSite, rel: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = std::fs::read(site.path(&format!("public/{rel}"))).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap_or_else(|e| panic!("{rel}: {e}"));
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn json_of(site: &TestSite, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(&format!("public/{rel}"))).unwrap()
}

/// The row whose fields have these values.
fn row<'a>(
    rows: &'a [BTreeMap<String, String>],
    keys: &[(&str, &str)],
) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| {
            keys.iter()
                .all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v))
        })
        .unwrap_or_else(|| panic!("no row with {keys:?}"))
}

/// A URL of the site as the path of its file in the output.
fn file_of(url: &str) -> String {
    let local = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    if local.is_empty() || local.ends_with('/') {
        format!("public/{local}index.html")
    } else {
        format!("public/{local}")
    }
}

#[test]
fn feed_is_atom_with_reports_and_dated_pages_newest_first() {
    let site = small();
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    assert_eq!(child(feed, "id").as_deref(), Some(BASE));
    assert_eq!(
        child(feed, "title").as_deref(),
        Some("МЦУ Тестового округа")
    );
    assert_eq!(
        child(feed, "updated").as_deref(),
        Some("2024-03-04T00:00:00Z")
    );
    let author = feed
        .children()
        .find(|c| c.has_tag_name((atom, "author")))
        .unwrap();
    assert_eq!(
        child(author, "name").as_deref(),
        Some("МЦУ Тестового округа")
    );
    let links: Vec<(&str, &str)> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "link")))
        .map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap()))
        .collect();
    assert!(links.contains(&("self", "https://mcu.test.example/feed.xml")));
    assert!(links.contains(&("alternate", BASE)));

    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    let seen: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                child(*e, "title").unwrap(),
                child(*e, "id").unwrap(),
                child(*e, "updated").unwrap(),
            )
        })
        .collect();
    let expect = |t: &str, path: &str, d: &str| {
        (
            t.to_string(),
            format!("{BASE}{path}"),
            format!("{d}T00:00:00Z"),
        )
    };
    assert_eq!(
        seen,
        [
            expect(
                "<script>alert(1)</script> Новость",
                "news/2024-03-04-hostile/",
                "2024-03-04"
            ),
            expect("Отчёт за февраль 2024 г.", "reports/2024-02/", "2024-03-04"),
            expect("Годовой отчёт за 2024 год", "reports/2024/", "2024-03-04"),
            expect("Отчёт за январь 2024 г.", "reports/2024-01/", "2024-02-02"),
            expect("Отчёт за декабрь 2023 г.", "reports/2023-12/", "2024-01-03"),
            expect("Годовой отчёт за 2023 год", "reports/2023/", "2024-01-03"),
        ],
        "an entry per monthly and annual report and dated page, newest first; no draft, no undated page"
    );
    for e in &entries {
        let href = e
            .children()
            .find(|c| c.has_tag_name((atom, "link")))
            .and_then(|l| l.attribute("href"))
            .unwrap();
        assert_eq!(Some(href.to_string()), child(*e, "id"));
        assert!(
            site.path(&file_of(href)).is_file(),
            "{href} is a page of the site"
        );
        assert_eq!(child(*e, "published"), child(*e, "updated"));
    }
    let feb = child(entries[1], "summary").unwrap();
    assert!(
        feb.contains("450") && feb.contains("+100") && feb.contains("+28,6"),
        "{feb}"
    );
    assert!(
        !xml.contains("<script>"),
        "the hostile title is escaped in the XML text"
    );
    assert!(!xml.contains("Черновик"));
}

#[test]
fn sitemap_lists_every_page_but_the_404_sorted_and_absolute() {
    let site = small();
    let xml = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let urls: Vec<(String, Option<String>)> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ns, "url")))
        .map(|u| {
            let text = |name: &str| {
                u.children()
                    .find(|c| c.has_tag_name((ns, name)))
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (text("loc").unwrap(), text("lastmod"))
        })
        .collect();
    let locs: Vec<&str> = urls.iter().map(|(l, _)| l.as_str()).collect();
    let mut sorted = locs.clone();
    sorted.sort_unstable();
    assert_eq!(locs, sorted, "sorted");

    let public = site.path("public");
    let mut pages: Vec<String> = snapshot_dir(&public)
        .into_iter()
        .map(|(p, _)| p)
        // The embedded versions (/embed/…) are noindex pages for other sites' frames.
        .filter(|p| p.ends_with(".html") && p != "404.html" && !p.starts_with("embed/"))
        .map(|p| format!("{BASE}{}", p.strip_suffix("index.html").unwrap_or(&p)))
        .collect();
    pages.sort_unstable();
    assert_eq!(
        locs, pages,
        "every HTML page but the 404 and the embeds, and nothing else"
    );

    let lastmod = |path: &str| {
        urls.iter()
            .find(|(l, _)| *l == format!("{BASE}{path}"))
            .unwrap_or_else(|| panic!("{path} is not in the sitemap"))
            .1
            .clone()
    };
    assert_eq!(lastmod("reports/2024-02/").as_deref(), Some("2024-03-04"));
    assert_eq!(lastmod("reports/2023/").as_deref(), Some("2024-01-03"));
    assert_eq!(
        lastmod("news/2024-03-04-hostile/").as_deref(),
        Some("2024-03-04")
    );
    assert_eq!(lastmod("about/"), None, "no date in the data: no lastmod");
    assert_eq!(lastmod("data/"), None);
    assert_eq!(lastmod("opendata/"), None);
    assert_eq!(lastmod(&format!("opendata/{INN}-mcu-themes/")), None);
}

#[test]
fn base_url_flag_moves_every_absolute_url() {
    let site = TestSite::copy("small");
    built(&site, &["--base-url", "https://example.org/mcu"]);
    let sitemap = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    assert!(!locs.is_empty());
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/mcu/")),
        "{locs:?}"
    );
    let feed = site.read("public/feed.xml");
    assert!(feed.contains("href=\"https://example.org/mcu/feed.xml\""));
    assert!(feed.contains("<id>https://example.org/mcu/reports/2024-02/</id>"));
    assert!(!feed.contains("mcu.test.example"));
    let list = site.read("public/opendata/list.csv");
    assert!(list.contains(&format!(
        "https://example.org/mcu/opendata/{INN}-mcu-themes/meta.csv"
    )));
    let robots = site.read("public/robots.txt");
    assert!(robots.contains("\nSitemap: https://example.org/mcu/sitemap.xml\n"));
}

#[test]
fn indicators_csv_has_the_numbers_of_the_yaml() {
    let site = small();
    let (header, rows) = csv_of(&site, "data/indicators.csv");
    assert_eq!(header.len(), 29, "period and the 28 indicators");
    assert_eq!(header[0], "period");
    assert_eq!(header[1], "fast_track_appeals");
    assert_eq!(header[28], "received_hotline");
    let periods: Vec<&str> = rows.iter().map(|r| r["period"].as_str()).collect();
    assert_eq!(periods, ["2023-12", "2024-01", "2024-02"]);
    // data/reports/2024-02.yaml
    let feb = row(&rows, &[("period", "2024-02")]);
    assert_eq!(feb["fast_track_appeals"], "45");
    assert_eq!(feb["fast_track_pos"], "240");
    assert_eq!(feb["received_pos"], "300");
    assert_eq!(feb["received_digital"], "0");
    assert_eq!(feb["recipients_total"], "42");
    assert_eq!(feb["recipients_informing"], "21");
    // data/decisions/2024.yaml: `fonari` adopted in February, nobody told yet.
    assert_eq!(feb["decisions_adopted"], "1");
    assert_eq!(feb["decisions_informed"], "0");
    // data/reports/2023-12.yaml has no `digital` channel: it counts zero.
    let dec = row(&rows, &[("period", "2023-12")]);
    assert_eq!(dec["received_digital"], "0");
    assert_eq!(dec["received_appeals"], "100");

    let (_, long) = csv_of(&site, "data/indicators-long.csv");
    assert_eq!(long.len(), 3 * 28);
    let r = row(
        &long,
        &[("period", "2024-02"), ("id", "fast_track_appeals")],
    );
    assert_eq!((r["number"].as_str(), r["value"].as_str()), ("1", "45"));
    assert_eq!(
        (r["growth_units"].as_str(), r["growth_percent"].as_str()),
        ("5", "12.5")
    );
    assert_eq!(r["ytd"], "85", "40 in January + 45 in February");
    let stock = row(&long, &[("period", "2024-02"), ("id", "recipients_total")]);
    assert_eq!(
        stock["ytd"], "42",
        "a stock's year to date is its latest value"
    );
    let first = row(
        &long,
        &[("period", "2023-12"), ("id", "fast_track_appeals")],
    );
    assert_eq!(
        (
            first["growth_units"].as_str(),
            first["growth_percent"].as_str()
        ),
        ("", "")
    );
    let from_zero = row(&long, &[("period", "2024-01"), ("id", "received_digital")]);
    assert_eq!(
        (
            from_zero["growth_units"].as_str(),
            from_zero["growth_percent"].as_str()
        ),
        ("10", ""),
        "growth in % over a previous 0 is undefined: empty, not infinite"
    );
    let down = row(&long, &[("period", "2024-01"), ("id", "received_appeals")]);
    assert_eq!(
        (
            down["growth_units"].as_str(),
            down["growth_percent"].as_str()
        ),
        ("-20", "-20.0")
    );
}

#[test]
fn targets_csv_has_the_annual_form_and_no_data_is_empty() {
    let site = small();
    let (_, annual) = csv_of(&site, "data/targets-annual.csv");
    let ft = row(&annual, &[("year", "2024"), ("key", "fast_track")]);
    // (40+176+5+20 + 45+240+0+25) / (350 + 450) = 551/800 = 68.875 % → 68.9
    assert_eq!(ft["achieved"], "68.9");
    assert_eq!(
        (ft["numerator"].as_str(), ft["denominator"].as_str()),
        ("551", "800")
    );
    assert_eq!(ft["plan"], "90.0");
    assert_eq!(ft["deviation"], "-21.1");
    assert_eq!(ft["complete"], "false");
    let reason = row(&annual, &[("year", "2023"), ("key", "auto_delivery")]);
    assert_eq!(reason["reason"], "Система доставки подключена в ноябре");
    assert_eq!(reason["complete"], "true");
    // No decision was adopted in 2023: the share has no denominator.
    let none = row(
        &annual,
        &[("year", "2023"), ("key", "pos_decisions_informed")],
    );
    assert_eq!(
        (none["achieved"].as_str(), none["deviation"].as_str()),
        ("", "")
    );
    assert_eq!(none["denominator"], "0");
    let json = json_of(&site, "data/targets-annual.json");
    let j = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 2023 && r["key"] == "pos_decisions_informed")
        .unwrap();
    assert!(j["achieved"].is_null(), "no data is null in JSON, never 0");
    assert_eq!(j["plan"], 80.0);

    let (_, monthly) = csv_of(&site, "data/targets-monthly.csv");
    let m = row(&monthly, &[("period", "2024-02"), ("key", "fast_track")]);
    assert_eq!(
        (
            m["month_numerator"].as_str(),
            m["month_denominator"].as_str()
        ),
        ("310", "450")
    );
    assert_eq!(m["month_percent"], "68.9");
    assert_eq!(m["ytd_percent"], "68.9");
    let empty = row(
        &monthly,
        &[("period", "2023-12"), ("key", "pos_decisions_informed")],
    );
    assert_eq!(
        (
            empty["month_percent"].as_str(),
            empty["ytd_percent"].as_str()
        ),
        ("", "")
    );
}

#[test]
fn every_csv_cell_is_its_json_value() {
    let site = small();
    for id in [
        "indicators",
        "indicators-long",
        "targets-monthly",
        "targets-annual",
        "themes",
        "recipients-rating",
        "satisfaction",
        "decisions",
        "roadmap-measures",
        "clarifications",
    ] {
        let (header, rows) = csv_of(&site, &format!("data/{id}.csv"));
        let json = json_of(&site, &format!("data/{id}.json"));
        let names: Vec<&str> = json["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, names, "{id}: the same columns in the same order");
        let jrows = json["rows"].as_array().unwrap();
        assert_eq!(rows.len(), jrows.len(), "{id}");
        for (c, j) in rows.iter().zip(jrows) {
            for name in &header {
                let as_csv = match &j[name] {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) if s.starts_with(['=', '+', '-', '@']) => {
                        format!("'{s}")
                    }
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(c[name], as_csv, "{id}.{name}");
            }
        }
    }
}

#[test]
fn themes_escape_in_xml_and_formulas_are_guarded_in_csv() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "  - {theme: \"Дороги\", received: 80",
        "  - {theme: \"=SUM(1)\", received: 3}\n  - {theme: \"Дороги\", received: 80",
    );
    built(&site, &[]);
    let (_, rows) = csv_of(&site, "data/themes.csv");
    let hostile = row(&rows, &[("period", "2024-02"), ("received", "50")]);
    assert_eq!(
        hostile["theme"], "<script>alert(1)</script>",
        "CSV is not HTML: kept as written"
    );
    row(&rows, &[("period", "2024-02"), ("theme", "'=SUM(1)")]);
    let raw = site.read("public/data/themes.csv");
    assert!(raw.contains("\r\n2024-02,'=SUM(1),3,"));
    let json = json_of(&site, "data/themes.json");
    assert!(
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["theme"] == "=SUM(1)"),
        "JSON keeps the text as it is"
    );
    for file in ["public/sitemap.xml", "public/feed.xml"] {
        let xml = site.read(file);
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!xml.contains("<script"), "{file}");
    }
    let page = site.read("public/data/index.html");
    assert!(
        !page.contains("<script"),
        "nothing unescaped on the data page"
    );
}

#[test]
fn csv_files_are_utf8_without_bom_with_crlf() {
    let site = small();
    let files: Vec<(String, Vec<u8>)> = snapshot_dir(&site.path("public"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".csv"))
        .collect();
    assert_eq!(
        files.len(),
        10 + 10 * 3 + 1,
        "data/, per set meta, data and structure, and list.csv"
    );
    for (path, bytes) in files {
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is UTF-8"));
        assert!(!text.starts_with('\u{feff}'), "{path} has no BOM");
        assert!(
            text.ends_with("\r\n"),
            "{path} ends its last record with CRLF"
        );
        assert!(!text.replace("\r\n", "").contains('\r'), "{path}");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "{path}: no bare LF in the fixture"
        );
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let a = small();
    let b = small();
    let first = snapshot_dir(&a.path("public"));
    built(&a, &[]);
    let second = snapshot_dir(&a.path("public"));
    assert!(first == second, "a rebuild changes nothing");
    let other = snapshot_dir(&b.path("public"));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&first), names(&other));
    for ((p, x), (_, y)) in first.iter().zip(&other) {
        assert!(x == y, "{p} differs between two copies of the site");
    }
}

#[test]
fn every_file_in_the_opendata_registry_and_passports_exists() {
    let site = small();
    let (header, list) = csv_of(&site, "opendata/list.csv");
    assert_eq!(header, ["property", "title", "value", "format"]);
    assert_eq!(list[0]["property"], "standardversion");
    assert_eq!(
        list[0]["value"],
        "http://opendata.gosmonitor.ru/standard/3.0"
    );
    assert_eq!(list.len(), 1 + 10);
    for set in &list[1..] {
        let id = &set["property"];
        assert!(id.starts_with(&format!("{INN}-mcu-")), "{id}");
        assert_eq!(set["format"], "csv");
        let meta_url = &set["value"];
        assert_eq!(*meta_url, format!("{BASE}opendata/{id}/meta.csv"));
        let meta_file = file_of(meta_url);
        let (mh, meta) = csv_of(&site, meta_file.trim_start_matches("public/"));
        assert_eq!(mh, ["property", "value"]);
        let props: Vec<&str> = meta.iter().map(|r| r["property"].as_str()).collect();
        assert_eq!(
            &props[..14],
            [
                "standardversion",
                "identifier",
                "title",
                "description",
                "creator",
                "created",
                "modified",
                "subject",
                "format",
                "provenance",
                "valid",
                "publishername",
                "publisherphone",
                "publishermbox"
            ],
            "{id}"
        );
        let value = |p: &str| meta.iter().find(|r| r["property"] == p).unwrap()["value"].clone();
        assert_eq!(value("identifier"), *id);
        assert_eq!(value("title"), set["title"]);
        assert_eq!(
            value("created"),
            "20240103",
            "the first report's publication"
        );
        assert_eq!(value("modified"), "20240304", "the as-of date");
        assert_eq!(value("valid"), "20240402", "the next report is due");
        assert_eq!(value("publishername"), "МЦУ Тестового округа");
        assert_eq!(value("publisherphone"), "+7 800 000-00-00");
        assert_eq!(value("publishermbox"), "mcu@test.example");
        let data: Vec<_> = meta
            .iter()
            .filter(|r| r["property"].starts_with("data-"))
            .collect();
        let structure: Vec<_> = meta
            .iter()
            .filter(|r| r["property"].starts_with("structure-"))
            .collect();
        assert_eq!((data.len(), structure.len()), (1, 1), "{id}");
        let version = structure[0]["property"]
            .trim_start_matches("structure-")
            .to_string();
        // The structure version is dated when data in it was first published (the first
        // report, 2024-01-03), never after the data it describes (2024-03-04).
        assert_eq!(version, "20240103", "{id}");
        assert!(version.as_str() <= "20240304", "{id}");
        assert_eq!(
            data[0]["property"],
            format!("data-20240304-structure-{version}")
        );
        for r in data.iter().chain(&structure) {
            assert_eq!(
                r["value"],
                format!("{BASE}opendata/{id}/{}.csv", r["property"])
            );
            assert!(site.path(&file_of(&r["value"])).is_file(), "{}", r["value"]);
        }
        let data_file = file_of(&data[0]["value"]);
        let short = id.trim_start_matches(&format!("{INN}-mcu-"));
        assert_eq!(
            std::fs::read(site.path(&data_file)).unwrap(),
            std::fs::read(site.path(&format!("public/data/{short}.csv"))).unwrap(),
            "the open-data file is the /data/ file"
        );
        let (sh, fields) = csv_of(
            &site,
            file_of(&structure[0]["value"]).trim_start_matches("public/"),
        );
        assert_eq!(
            sh,
            [
                "field name",
                "english description",
                "russian description",
                "format"
            ]
        );
        let (dh, _) = csv_of(&site, data_file.trim_start_matches("public/"));
        let names: Vec<&str> = fields.iter().map(|f| f["field name"].as_str()).collect();
        assert_eq!(
            names, dh,
            "{id}: the structure describes every column of the data"
        );
        for f in &fields {
            assert!(!f["english description"].is_empty() && !f["russian description"].is_empty());
            assert!(
                ["string", "integer", "float", "date", "boolean"].contains(&f["format"].as_str())
            );
        }
    }
}

#[test]
fn data_page_lists_every_set_with_its_columns_and_links() {
    let site = small();
    let page = site.read("public/data/index.html");
    let (_, list) = csv_of(&site, "opendata/list.csv");
    for set in &list[1..] {
        let id = set["property"].trim_start_matches(&format!("{INN}-mcu-"));
        assert!(page.contains(&format!("href=\"/data/{id}.csv\"")), "{id}");
        assert!(page.contains(&format!("href=\"/data/{id}.json\"")), "{id}");
        assert!(
            page.contains(&format!("href=\"/opendata/{INN}-mcu-{id}/meta.csv\"")),
            "{id}"
        );
        assert!(page.contains(&set["title"]), "{id}");
        let (header, _) = csv_of(&site, &format!("data/{id}.csv"));
        for col in header {
            assert!(page.contains(&format!("<code>{col}</code>")), "{id}.{col}");
        }
    }
    for kind in [
        "site",
        "structure",
        "targets",
        "report",
        "decisions",
        "roadmap",
        "clarifications",
    ] {
        assert!(
            page.contains(&format!("href=\"/data/schema/{kind}.schema.json\"")),
            "{kind}"
        );
    }
    assert!(page.contains("<caption>Столбцы набора «Обращения по темам»</caption>"));
}

fn validator(site: &TestSite, kind: &str) -> jsonschema::Validator {
    let schema = json_of(site, &format!("data/schema/{kind}.schema.json"));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{kind}: not a valid schema: {e}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{kind}: {e}"))
}

fn kind_of(rel: &str) -> &'static str {
    match rel {
        "site.yaml" => "site",
        "structure.yaml" => "structure",
        "targets.yaml" => "targets",
        r if r.starts_with("reports/") => "report",
        r if r.starts_with("decisions/") => "decisions",
        r if r.starts_with("roadmaps/") => "roadmap",
        r if r.starts_with("clarifications/") => "clarifications",
        other => panic!("unexpected data file {other}"),
    }
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn schemas_accept_the_demo_site_and_the_fixture() {
    let site = small();
    let validators: BTreeMap<&str, jsonschema::Validator> = [
        "site",
        "structure",
        "targets",
        "report",
        "decisions",
        "roadmap",
        "clarifications",
    ]
    .into_iter()
    .map(|k| (k, validator(&site, k)))
    .collect();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small/data");
    let mut checked = 0;
    for dir in [demo, fixture] {
        for (rel, bytes) in snapshot_dir(&dir) {
            if !(rel.ends_with(".yaml") || rel.ends_with(".yml")) {
                continue;
            }
            let doc = yaml_to_json(std::str::from_utf8(&bytes).unwrap());
            let errs = errors(&validators[kind_of(&rel)], &doc);
            assert!(errs.is_empty(), "{}/{rel}: {errs:#?}", dir.display());
            checked += 1;
        }
    }
    assert!(
        checked > 40,
        "the demo's reports were read ({checked} files)"
    );
}

#[test]
fn schemas_refuse_what_the_loader_refuses() {
    let site = small();
    let report = validator(&site, "report");
    let good = site.read("data/reports/2024-02.yaml");
    assert!(errors(&report, &yaml_to_json(&good)).is_empty());
    let bad = [
        (
            "unknown key",
            good.replace("recipients: {total", "recipents: {total"),
        ),
        (
            "missing published",
            good.replace("published: 2024-03-04\n", ""),
        ),
        (
            "negative count",
            good.replace(
                "{total: 100, fast_track: 45",
                "{total: -100, fast_track: 45",
            ),
        ),
        (
            "fraction",
            good.replace("fast_track: 45,", "fast_track: 4.5,"),
        ),
        ("a treatment missing", good.replace("fast_track: 45, ", "")),
        (
            "bad month",
            good.replace("period: 2024-02", "period: 2024-13"),
        ),
        ("unknown channel", good.replace("  hotline:", "  phone:")),
    ];
    for (what, text) in bad {
        assert_ne!(text, good, "{what}: the edit applies");
        assert!(
            !errors(&report, &yaml_to_json(&text)).is_empty(),
            "{what} passes the schema"
        );
        site.write("data/reports/2024-02.yaml", &text);
        assert_eq!(site.run(&["check"]).code, 1, "{what} passes the loader");
    }
    let roadmap = validator(&site, "roadmap");
    let rm = site.read("data/roadmaps/dorogi.yaml");
    let both = rm.replace(
        "due: 2024-05-31, cancelled",
        "due: 2024-05-31, done: 2024-05-01, cancelled",
    );
    assert!(
        !errors(&roadmap, &yaml_to_json(&both)).is_empty(),
        "done and cancelled"
    );
    let targets = validator(&site, "targets");
    let t = site.read("data/targets.yaml");
    assert!(
        !errors(
            &targets,
            &yaml_to_json(&t.replace("fast_track: 90", "fast_trak: 90"))
        )
        .is_empty()
    );
    assert!(
        !errors(
            &targets,
            &yaml_to_json(&t.replace("fast_track: 90", "fast_track: 190"))
        )
        .is_empty()
    );
    let decisions = validator(&site, "decisions");
    let d = site.read("data/decisions/2024.yaml");
    assert!(
        !errors(
            &decisions,
            &yaml_to_json(&d.replace("kind: vote", "kind: poll"))
        )
        .is_empty()
    );
    assert!(
        !errors(
            &decisions,
            &yaml_to_json(&d.replace(
                "url: \"https://vk.com",
                "url: \"javascript:alert(1)//vk.com"
            ))
        )
        .is_empty()
    );
    // The addresses of issue 10: refused by the loader, so by the schema too.
    let site_schema = validator(&site, "site");
    let s = site.read("data/site.yaml");
    assert!(errors(&site_schema, &yaml_to_json(&s)).is_empty());
    for bad in [
        r#"https://x.example/\"><script>alert(1)</script>/"#,
        r#"https://ci.example/x\"onfocus=\"alert(1)\"autofocus=\"/"#,
        "https://x.example/?page=1",
        "https://user:pass@x.example/",
        "https://x.example/a b",
    ] {
        let text = s.replace("https://mcu.test.example/", bad);
        assert!(
            !errors(&site_schema, &yaml_to_json(&text)).is_empty(),
            "base_url {bad} passes the schema"
        );
        site.write("data/site.yaml", &text);
        assert_eq!(site.run(&["check"]).code, 1, "{bad} passes the loader");
    }
    site.write("data/site.yaml", &s);
    for bad in [
        r#"https://t.me/test/2\"onmouseover=\"alert(1)"#,
        "https://user@t.me/test/2",
    ] {
        let text = d.replace("https://t.me/test/2", bad);
        assert!(
            !errors(&decisions, &yaml_to_json(&text)).is_empty(),
            "{bad} passes the schema"
        );
    }
    let query = d.replace("https://t.me/test/2", "https://vk.com/wall?w=1&z=2");
    assert!(errors(&decisions, &yaml_to_json(&query)).is_empty());
}

#[test]
fn robots_txt_names_the_absolute_sitemap_and_blocks_nothing() {
    let site = small();
    let robots = site.read("public/robots.txt");
    let lines: Vec<&str> = robots.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    let sitemaps: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .collect();
    assert_eq!(sitemaps, [format!("{BASE}sitemap.xml")]);
    assert!(site.path(&file_of(sitemaps[0])).is_file());
    for line in &lines {
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        assert!(
            !key.trim().eq_ignore_ascii_case("disallow") || value.trim().is_empty(),
            "robots.txt blocks something: {line}"
        );
    }
}

/// The `href` of every `<link rel="icon">` of a page.
fn icon_links(html: &str) -> Vec<String> {
    html.split("<link ")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| tag.contains("rel=\"icon\""))
        .filter_map(|tag| Some(tag.split("href=\"").nth(1)?.split('"').next()?.to_string()))
        .collect()
}

#[test]
fn the_site_has_a_favicon_ico_and_every_page_links_icons_that_exist() {
    let site = small();
    let ico = std::fs::read(site.path("public/favicon.ico")).expect("/favicon.ico is built");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    let images = u16::from_le_bytes([ico[4], ico[5]]);
    assert!(images >= 1);
    for i in 0..usize::from(images) {
        let entry = &ico[6 + 16 * i..6 + 16 * (i + 1)];
        let len = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
        let at = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
        assert_eq!(&ico[at..at + 8], b"\x89PNG\r\n\x1a\n", "image {i} is a PNG");
        assert!(at + len <= ico.len());
    }
    // An embedded page (/embed/…) is shown in another site's frame, under that site's icon.
    let pages: Vec<String> = snapshot_dir(&site.path("public"))
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".html") && !p.starts_with("embed/"))
        .collect();
    assert!(pages.len() > 20);
    for page in &pages {
        let icons = icon_links(&site.read(&format!("public/{page}")));
        assert!(
            icons.iter().any(|h| h == "/favicon.ico"),
            "{page} links /favicon.ico: {icons:?}"
        );
        for href in &icons {
            let file = site.path(&format!("public{href}"));
            assert!(
                file.is_file(),
                "{page} links the icon {href}, which is missing"
            );
        }
    }
}

#[test]
fn the_opendata_registry_page_lists_every_set_and_links_its_passport_page() {
    let site = small();
    let page = site.read("public/opendata/index.html");
    let (_, list) = csv_of(&site, "opendata/list.csv");
    assert_eq!(list.len(), 1 + 10);
    for set in &list[1..] {
        let id = &set["property"];
        let short = id.trim_start_matches(&format!("{INN}-mcu-"));
        assert!(page.contains(&format!("href=\"/opendata/{id}/\"")), "{id}");
        assert!(page.contains(&set["title"]), "{id}");
        assert!(
            page.contains(&format!("href=\"/data/{short}.csv\"")),
            "{id}"
        );
        assert!(
            page.contains(&format!("href=\"/data/{short}.json\"")),
            "{id}"
        );
        // The passport page, beside meta.csv, says what meta.csv says.
        let passport = site.read(&format!("public/opendata/{id}/index.html"));
        let (_, meta) = csv_of(&site, &format!("opendata/{id}/meta.csv"));
        for row in &meta {
            assert!(
                passport.contains(&format!("<code>{}</code>", row["property"])),
                "{id}: {}",
                row["property"]
            );
        }
        let value = |p: &str| meta.iter().find(|r| r["property"] == p).unwrap()["value"].clone();
        assert!(passport.contains(&value("identifier")));
        assert!(
            passport.contains("3 января 2024 г."),
            "{id}: first publication"
        );
        assert!(passport.contains("4 марта 2024 г."), "{id}: last change");
        assert!(passport.contains("2 апреля 2024 г."), "{id}: next update");
        assert!(passport.contains("Ответственное лицо"));
        assert!(passport.contains("mcu@test.example"));
        for r in meta.iter().filter(|r| {
            r["property"].starts_with("data-") || r["property"].starts_with("structure-")
        }) {
            let local = r["value"].strip_prefix(BASE.trim_end_matches('/')).unwrap();
            assert!(
                passport.contains(&format!("href=\"{local}\"")),
                "{id}: {local}"
            );
        }
    }
    assert!(page.contains("4 марта 2024 г."), "the last update");
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"/opendata/\""),
        "the footer links the registry"
    );
}

#[test]
fn the_data_page_folds_each_dictionary_under_a_summary() {
    let site = small();
    let page = site.read("public/data/index.html");
    let details = page.matches("<details class=\"dictionary\">").count();
    assert_eq!(details, 10, "one folded dictionary a set");
    assert_eq!(page.matches("<table>").count(), 10, "every table is folded");
    assert!(
        page.contains("<summary>Словарь данных: 29\u{a0}столбцов"),
        "indicators: period and 28"
    );
    assert!(
        page.contains("<summary>Словарь данных: 4\u{a0}столбца"),
        "satisfaction"
    );
    assert!(!page.contains("20261123") && !page.contains("23 ноября 2026"));
    assert!(page.contains("версия структуры от 3 января 2024 г."));
}

#[test]
fn without_an_inn_identifiers_stay_as_they_were_and_check_warns() {
    let site = TestSite::copy("small");
    site.edit("data/site.yaml", "inn: \"9900000017\"\n", "");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("предупреждение[inn-missing]"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("data/site.yaml:"), "{}", check.stderr);
    built(&site, &[]);
    let (_, list) = csv_of(&site, "opendata/list.csv");
    for set in &list[1..] {
        assert!(set["property"].starts_with("mcu-"), "{}", set["property"]);
        assert!(
            site.path(&format!("public/opendata/{}/index.html", set["property"]))
                .is_file()
        );
    }
}

#[test]
fn a_wrong_inn_is_an_error_at_its_place() {
    for (inn, says) in [
        ("\"9900000018\"", "контрольная цифра"),
        ("\"99000000\"", "нужно 10 цифр"),
        ("\"99000 00017\"", "одними цифрами"),
        ("9900000", "нужно 10 цифр, здесь 7"),
    ] {
        let site = TestSite::copy("small");
        site.edit(
            "data/site.yaml",
            "inn: \"9900000017\"",
            &format!("inn: {inn}"),
        );
        let check = site.run(&["check"]);
        assert_eq!(check.code, 1, "{inn}: {}", check.stderr);
        assert!(
            check.stderr.contains("ошибка[inn]"),
            "{inn}: {}",
            check.stderr
        );
        assert!(check.stderr.contains(says), "{inn}: {}", check.stderr);
        assert!(
            check.stderr.contains("data/site.yaml:13:6"),
            "{inn}: {}",
            check.stderr
        );
    }
}
