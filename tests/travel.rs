//! Where the numbers travel (issue 22), on built copies of the fixtures: the embedded pages an
//! official site frames and the `<iframe>` code the full pages offer; the Excel twin of every
//! CSV, read back with calamine and compared cell by cell; the «Исходные данные» and «История
//! изменений» links of `source:`; and the schema.org `Dataset` of each open-data passport.

mod common;

use common::TestSite;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SOURCE: &str = "source:\n  file: \"https://github.com/org/site/blob/main/{path}\"\n  history: \"https://github.com/org/site/commits/main/{path}\"\n";

/// The small fixture with an answer to an information risk (so that each page kind a source
/// link goes on is built) and with `source:`, built once into `public/`.
fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::copy("small");
        site.write(
            "data/clarifications/2024.yaml",
            "- id: voda\n  date: 2024-02-20\n  topic: \"ЖКХ\"\n  claim: \"Воду отключат до осени\"\n  answer: \"Отключат на 3 дня.\"\n  links: [\"https://t.me/test/10\"]\n",
        );
        let text = site.read("data/site.yaml");
        site.write("data/site.yaml", &format!("{text}{SOURCE}"));
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

/// The region fixture built once.
fn region() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::copy("region");
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

/// Every file under `dir` ending in `suffix`, as paths relative to it.
fn files_under(dir: &Path, suffix: &str) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p.ends_with(suffix))
        .collect();
    out.sort();
    out
}

/// The value of the first `attr="…"` after `after` in `html`.
fn attr_after<'h>(html: &'h str, after: &str, attr: &str) -> Option<&'h str> {
    let rest = &html[html.find(after)?..];
    let start = rest.find(&format!("{attr}=\""))? + attr.len() + 2;
    Some(&rest[start..start + rest[start..].find('"')?])
}

/// The file a local absolute address of the site names: `https://mcu.test.example/x/` → `x/index.html`.
fn file_of(public: &Path, url: &str, base: &str) -> PathBuf {
    let path = url.strip_prefix(base).unwrap_or_else(|| panic!("{url}"));
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    public.join(path)
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[test]
fn every_form_and_chart_page_has_a_bare_embedded_version() {
    let site = built();
    let public = site.path("public");
    let embeds = files_under(&public.join("embed"), "index.html");
    let mut expected: Vec<String> = ["2023-12", "2024-01", "2024-02", "2023", "2024"]
        .iter()
        .map(|p| format!("reports/{p}/index.html"))
        .collect();
    let indicators = files_under(&public.join("indicators"), "/index.html");
    assert_eq!(indicators.len(), 35, "{indicators:?}");
    expected.extend(indicators.iter().map(|p| format!("indicators/{p}")));
    expected.push("roadmaps/dorogi/index.html".into());
    expected.sort();
    assert_eq!(embeds, expected);
    for rel in &embeds {
        let html = std::fs::read_to_string(public.join("embed").join(rel)).unwrap();
        assert!(html.len() <= 40 * 1024, "{rel}: {} bytes", html.len());
        assert!(
            !html.contains("<nav") && !html.contains("<header"),
            "{rel}: a menu"
        );
        assert!(!html.contains("<script"), "{rel}: a script");
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{rel}"
        );
        assert!(html.contains("script-src 'none'"), "{rel}");
        let full = rel.strip_suffix("index.html").unwrap();
        let canonical = attr_after(&html, "<link rel=\"canonical\"", "href").unwrap();
        assert_eq!(
            canonical,
            format!("https://mcu.test.example/{full}"),
            "{rel}"
        );
        assert!(public.join(full).join("index.html").is_file(), "{rel}");
        let back = attr_after(&html, "<p class=\"embed-full\">", "href").unwrap();
        assert_eq!(back, format!("/{full}"), "{rel}");
        assert!(html.contains(">Полная версия на сайте МЦУ</a>"), "{rel}");
        // The municipality and the date.
        let text = common::text(&html);
        assert!(
            text.contains(
                "Тестовый муниципальный округ, Тестовая область. Данные на 4 марта 2024 г."
            ),
            "{rel}: {text:.300}"
        );
        // A chart is drawn once, and its table is there.
        assert!(html.matches("<svg").count() <= 1, "{rel}");
        assert!(
            !html.contains("chart-wide") && !html.contains("chart-narrow"),
            "{rel}"
        );
        assert!(html.contains("<table"), "{rel}");
    }
    let month = std::fs::read_to_string(public.join("embed/reports/2024-02/index.html")).unwrap();
    assert_eq!(month.matches("<tr><td class=\"rownum\">").count(), 28);
    let target =
        std::fs::read_to_string(public.join("embed/indicators/fast_track/index.html")).unwrap();
    assert!(target.contains("class=\"chart chart-one\""));
}

#[test]
fn every_full_page_with_an_embed_offers_iframe_code_pointing_at_it() {
    let site = built();
    let public = site.path("public");
    for rel in files_under(&public.join("embed"), "index.html") {
        let full = std::fs::read_to_string(public.join(&rel)).unwrap();
        let offer = full
            .split("<details class=\"embed-offer\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{rel}: no «Встроить на сайт»"));
        assert!(
            offer.starts_with("\n<summary>Встроить на сайт</summary>"),
            "{rel}"
        );
        let code = unescape(
            &offer[offer.find("<pre><code>").unwrap() + 11..offer.find("</code></pre>").unwrap()],
        );
        assert!(code.starts_with("<iframe src=\""), "{rel}: {code}");
        assert!(code.ends_with("></iframe>"), "{rel}: {code}");
        let src = attr_after(&code, "<iframe", "src").unwrap();
        assert_eq!(
            src,
            format!(
                "https://mcu.test.example/embed/{}",
                rel.strip_suffix("index.html").unwrap()
            )
        );
        assert!(
            file_of(&public, src, "https://mcu.test.example/").is_file(),
            "{src}"
        );
        let height: u32 = attr_after(&code, "<iframe", "height")
            .unwrap()
            .parse()
            .unwrap();
        assert!((300..=6000).contains(&height), "{rel}: {height}");
        assert!(!attr_after(&code, "<iframe", "title").unwrap().is_empty());
    }
}

#[test]
fn embeds_are_left_out_of_the_sitemap_and_the_search() {
    let site = built();
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://mcu.test.example/reports/2024-02/</loc>"));
    assert!(!sitemap.contains("/embed/"), "{sitemap}");
    let index = site.read("public/search/index.json");
    assert!(!index.contains("embed/"));
    let search = site.read("public/search/index.html");
    assert!(!search.contains("embed/"));
    // In a region, neither the region's nor a municipality's embeds.
    let region = region();
    let sitemap = region.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://cur.example.ru/alekseevka/reports/2025-03/</loc>"));
    assert!(!sitemap.contains("embed/"), "{sitemap}");
    assert!(
        region
            .path("public/embed/compare/fast_track/index.html")
            .is_file()
    );
    assert!(
        region
            .path("public/alekseevka/embed/reports/2025-03/index.html")
            .is_file()
    );
}

#[test]
fn a_regions_ranking_embed_has_its_chart_once_with_the_plan_and_its_table() {
    let region = region();
    let html = region.read("public/embed/compare/fast_track/index.html");
    assert_eq!(html.matches("<svg").count(), 1);
    assert!(html.contains(">план</text>"), "{html:.3000}");
    for name in [
        "Алексеевский городской округ",
        "Бирючанский муниципальный округ",
    ] {
        assert!(html.contains(name), "{name}");
    }
    assert!(html.contains("Примерная область. Данные на"));
    let full = region.read("public/compare/fast_track/index.html");
    assert!(full.contains("https://cur.example.ru/embed/compare/fast_track/"));
    let municipal = region.read("public/alekseevka/reports/2025-03/index.html");
    assert!(municipal.contains("https://cur.example.ru/alekseevka/embed/reports/2025-03/"));
}

/// A CSV as rows of fields.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Days since 1899-12-30, Excel's day zero, of a `YYYY-MM-DD` date.
fn serial(date: &str) -> f64 {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let zero = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (d - zero).num_days() as f64
}

#[test]
fn every_csv_has_an_excel_twin_with_the_same_cells() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let site = built();
    let data = site.path("public/data");
    let csvs = files_under(&data, ".csv");
    assert!(csvs.len() >= 10, "{csvs:?}");
    for name in &csvs {
        let xlsx = data.join(name.replace(".csv", ".xlsx"));
        let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap_or_else(|e| panic!("{name}: {e}"));
        let range = book.worksheet_range("Данные").unwrap();
        let sheet: Vec<&[Data]> = range.rows().collect();
        let rows = csv_rows(&std::fs::read(data.join(name)).unwrap());
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(data.join(name.replace(".csv", ".json"))).unwrap(),
        )
        .unwrap();
        // The header: a Russian title per column, the start of its description.
        assert_eq!(sheet.len(), rows.len(), "{name}: rows");
        for (c, column) in json["columns"].as_array().unwrap().iter().enumerate() {
            let Data::String(title) = &sheet[0][c] else {
                panic!("{name}: header {c} is {:?}", sheet[0][c]);
            };
            let description = column["description"].as_str().unwrap();
            assert!(
                title.starts_with("№ ") || description.starts_with(title.as_str()),
                "{name}: «{title}» for «{description}»"
            );
            assert!(
                title
                    .chars()
                    .any(|ch| ('а'..='я').contains(&ch.to_lowercase().next().unwrap())),
                "{name}: {title}"
            );
        }
        for (r, (row, cells)) in rows.iter().zip(&sheet).enumerate().skip(1) {
            assert_eq!(row.len(), json["columns"].as_array().unwrap().len());
            for (c, field) in row.iter().enumerate() {
                let cell = cells.get(c).unwrap_or(&Data::Empty);
                let at = format!("{name} row {r} column {c}: «{field}» against {cell:?}");
                match cell {
                    Data::Empty => assert!(field.is_empty(), "{at}"),
                    Data::Float(x) => assert_eq!(*x, field.parse::<f64>().unwrap(), "{at}"),
                    Data::Int(x) => assert_eq!(*x, field.parse::<i64>().unwrap(), "{at}"),
                    Data::Bool(b) => assert_eq!(b.to_string(), *field, "{at}"),
                    Data::DateTime(d) => {
                        // A date, or a month as the date of its first day.
                        let day = if field.len() == 7 {
                            format!("{field}-01")
                        } else {
                            field.clone()
                        };
                        assert_eq!(d.as_f64(), serial(&day), "{at}");
                    }
                    Data::String(s) => {
                        // The CSV guards a formula-like text with a `'`; a text cell needs none.
                        let raw = json["rows"][r - 1][json["columns"][c]["name"].as_str().unwrap()]
                            .as_str()
                            .unwrap();
                        assert_eq!(s, raw, "{at}");
                        assert!(field == raw || *field == format!("'{raw}"), "{at}");
                    }
                    other => panic!("{at}: {other:?}"),
                }
            }
        }
        // Numbers are numbers: every integer column of the JSON reads back as a number.
        for (c, column) in json["columns"].as_array().unwrap().iter().enumerate() {
            if column["format"] == "integer" || column["format"] == "float" {
                assert!(
                    sheet[1..].iter().all(|row| matches!(
                        row.get(c),
                        Some(Data::Float(_) | Data::Int(_) | Data::Empty) | None
                    )),
                    "{name}: column {c} holds text"
                );
            }
        }
    }
}

#[test]
fn the_excel_twins_are_byte_identical_across_builds_and_linked_beside_the_csv() {
    let site = built();
    let again = TestSite::copy("small");
    std::fs::remove_dir_all(again.path("data")).unwrap();
    common::copy_dir(&site.path("data"), &again.path("data"));
    // A second later, so that a clock read anywhere would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let run = again.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let twins = files_under(&site.path("public/data"), ".xlsx");
    assert!(twins.len() >= 11, "{twins:?}");
    for name in &twins {
        let a = std::fs::read(site.path(&format!("public/data/{name}"))).unwrap();
        let b = std::fs::read(again.path(&format!("public/data/{name}"))).unwrap();
        assert!(a == b, "{name} differs between two builds");
    }
    let page = site.read("public/data/index.html");
    for name in files_under(&site.path("public/data"), ".csv") {
        let set = name.strip_suffix(".csv").unwrap();
        assert!(
            page.contains(&format!("<a href=\"/data/{set}.csv\" download>CSV</a> · <a href=\"/data/{set}.xlsx\" download>Excel</a>")),
            "{set}"
        );
    }
    let passport = site.read("public/opendata/9900000017-mcu-indicators/index.html");
    assert!(passport.contains("<a href=\"/data/indicators.xlsx\" download>Excel</a>"));
}

/// The «Исходные данные» and «История изменений» links of a built page, if any.
fn source_links(html: &str) -> Option<(String, String)> {
    let p = &html[html.find("<p class=\"source-links\">")?..];
    let p = &p[..p.find("</p>").unwrap()];
    let file = attr_after(p, "<a", "href")?.to_string();
    let history = attr_after(p, "· <a", "href")?.to_string();
    assert!(p.contains(">Исходные данные</a>") && p.contains(">История изменений</a>"));
    Some((file, history))
}

#[test]
fn with_source_each_page_made_from_one_file_links_it_and_its_history() {
    let site = built();
    let github = "https://github.com/org/site";
    for (page, file) in [
        ("reports/2024-02/index.html", "data/reports/2024-02.yaml"),
        ("decisions/avtobus/index.html", "data/decisions/2024.yaml"),
        ("roadmaps/dorogi/index.html", "data/roadmaps/dorogi.yaml"),
        (
            "clarifications/voda/index.html",
            "data/clarifications/2024.yaml",
        ),
    ] {
        let html = site.read(&format!("public/{page}"));
        assert_eq!(
            source_links(&html),
            Some((
                format!("{github}/blob/main/{file}"),
                format!("{github}/commits/main/{file}")
            )),
            "{page}"
        );
        assert!(html.contains(&format!("<code>{file}</code>")), "{page}");
    }
    // Pages made from many files have none.
    for page in [
        "index.html",
        "reports/2024/index.html",
        "indicators/fast_track/index.html",
    ] {
        assert_eq!(
            source_links(&site.read(&format!("public/{page}"))),
            None,
            "{page}"
        );
    }
}

#[test]
fn without_source_no_page_links_a_source() {
    let site = TestSite::copy("small");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in files_under(&site.path("public"), ".html") {
        let html = site.read(&format!("public/{page}"));
        assert!(
            !html.contains("source-links") && !html.contains("Исходные данные"),
            "{page}"
        );
    }
}

#[test]
fn in_a_region_the_regions_source_links_each_municipalitys_files_from_the_regions_folder() {
    let site = TestSite::copy("region");
    let text = site.read("data/site.yaml");
    site.write("data/site.yaml", &format!("{text}{SOURCE}"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/biryuch/reports/2025-02/index.html");
    let file = "data/municipalities/biryuch/reports/2025-02.yaml";
    assert_eq!(
        source_links(&html),
        Some((
            format!("https://github.com/org/site/blob/main/{file}"),
            format!("https://github.com/org/site/commits/main/{file}")
        ))
    );
}

#[test]
fn a_malformed_source_is_refused_with_its_position_and_code() {
    for (source, code, line, column) in [
        (
            "source:\n  file: \"https://github.com/org/site/blob/main/\"\n",
            "source-path",
            15,
            9,
        ),
        (
            "source:\n  file: \"ftp://example.ru/{path}\"\n",
            "url-scheme",
            15,
            9,
        ),
        (
            "source:\n  file: \"https://example.ru/{path}\"\n  history: \"javascript:alert(1)//{path}\"\n",
            "url-scheme",
            16,
            12,
        ),
        (
            "source:\n  history: \"https://example.ru/{path}\"\n",
            "missing-key",
            15,
            3,
        ),
        (
            "source:\n  file: \"https://example.ru/{path}\"\n  blame: \"https://example.ru/{path}\"\n",
            "unknown-key",
            16,
            3,
        ),
    ] {
        let site = TestSite::copy("small");
        let text = site.read("data/site.yaml");
        assert_eq!(text.lines().count(), 13);
        site.write("data/site.yaml", &format!("{text}{source}"));
        let run = site.run(&["check", "--format", "json"]);
        assert_ne!(run.code, 0, "{source}");
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let found = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["severity"] == "error")
            .unwrap_or_else(|| panic!("{source}: {}", run.stdout));
        assert_eq!(found["code"], code, "{source}: {found}");
        assert_eq!(found["file"], "data/site.yaml", "{source}");
        assert_eq!(
            (found["line"].as_u64(), found["column"].as_u64()),
            (Some(line), Some(column)),
            "{source}: {found}"
        );
    }
}

#[test]
fn init_writes_a_commented_source_that_builds_once_uncommented() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let run = common::vitrina(&["init", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = std::fs::read_to_string(root.join("data/site.yaml")).unwrap();
    assert!(
        yaml.contains("\n# source:\n#   file: \"https://github.com/"),
        "{yaml}"
    );
    let open = yaml
        .replace("# source:", "source:")
        .replace("#   file:", "  file:")
        .replace("#   history:", "  history:");
    std::fs::write(root.join("data/site.yaml"), open).unwrap();
    let out = tmp.path().join("out");
    let run = common::vitrina(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out.join("reports/2025-03/index.html")).unwrap();
    assert!(
        source_links(&html)
            .is_some_and(|(f, _)| f.ends_with("/blob/main/data/reports/2025-03.yaml"))
    );
}

/// The JSON-LD of a page: the text of its `<script type="application/ld+json">`.
fn json_ld(html: &str) -> Option<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some(serde_json::from_str(&html[start..end]).unwrap())
}

#[test]
fn each_passport_page_carries_a_schema_org_dataset_whose_files_exist() {
    let site = built();
    let public = site.path("public");
    let base = "https://mcu.test.example/";
    let passports: Vec<String> = files_under(&public.join("opendata"), "/index.html");
    assert!(passports.len() >= 10, "{passports:?}");
    let meta = |dir: &str| -> BTreeMap<String, String> {
        csv_rows(&std::fs::read(public.join("opendata").join(dir).join("meta.csv")).unwrap())
            .into_iter()
            .skip(1)
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect()
    };
    for rel in &passports {
        let dir = rel.strip_suffix("/index.html").unwrap();
        let html = std::fs::read_to_string(public.join("opendata").join(rel)).unwrap();
        let ld = json_ld(&html).unwrap_or_else(|| panic!("{rel}: no JSON-LD"));
        let m = meta(dir);
        assert_eq!(ld["@context"], "https://schema.org", "{rel}");
        assert_eq!(ld["@type"], "Dataset", "{rel}");
        assert_eq!(ld["name"], m["title"].as_str(), "{rel}");
        assert_eq!(ld["description"], m["description"].as_str(), "{rel}");
        assert_eq!(ld["identifier"], m["identifier"].as_str(), "{rel}");
        assert_eq!(ld["creator"]["name"], m["creator"].as_str(), "{rel}");
        assert_eq!(ld["creator"]["telephone"], "+7 800 000-00-00");
        let ymd = |s: &str| format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]);
        assert_eq!(ld["dateModified"], ymd(&m["modified"]), "{rel}");
        assert_eq!(ld["dateCreated"], ymd(&m["created"]), "{rel}");
        assert_eq!(ld["temporalCoverage"], "2023-12/2024-02", "{rel}");
        assert_eq!(ld["url"], format!("{base}opendata/{dir}/"));
        let formats: Vec<&str> = ld["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                assert_eq!(d["@type"], "DataDownload");
                let url = d["contentUrl"].as_str().unwrap();
                assert!(file_of(&public, url, base).is_file(), "{rel}: {url}");
                d["encodingFormat"].as_str().unwrap()
            })
            .collect();
        assert_eq!(
            formats,
            [
                "text/csv",
                "application/json",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ]
        );
    }
}
