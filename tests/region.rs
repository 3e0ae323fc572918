//! A region's site (tests/fixtures/region): three municipalities, `biryuch` a month behind,
//! `alekseevka` and `valuyki` with a population. The comparison table against sums made here
//! from the report files, the ranking per target, the checks across the region, each
//! municipality's pages against its own build, the region's data sets read back as CSV, and
//! golden snapshots of `/` and `/compare/`.

mod common;

use common::{TestSite, copy_dir, csv_rows, snapshot_dir, without_charts, yaml_to_json};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// The fixture built once into `public/`.
fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::copy("region");
        let run = site.run(&["build", "--out", site.path("public").to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

/// `key: N` in a line of YAML flow mapping.
fn number_after(line: &str, key: &str) -> Option<u64> {
    let at = line.find(&format!("{key}: "))? + key.len() + 2;
    line[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// Received and fast-tracked over all channels in one report, read off the file.
fn counts(site: &TestSite, id: &str, month: &str) -> Option<(u64, u64)> {
    let path = site.path(&format!("data/municipalities/{id}/reports/{month}.yaml"));
    let text = std::fs::read_to_string(path).ok()?;
    let channels = text.lines().filter(|l| {
        ["appeals:", "pos:", "digital:", "hotline:"]
            .iter()
            .any(|c| l.trim_start().starts_with(c))
    });
    let (mut total, mut fast) = (0, 0);
    for l in channels {
        total += number_after(l, "total").unwrap();
        fast += number_after(l, "fast_track").unwrap();
    }
    Some((total, fast))
}

/// `num / den` in tenths, rounded half up, written as the open data writes it (`14.5`).
fn tenths(num: u64, den: u64) -> String {
    let t = (num * 20 + den) / (2 * den);
    format!("{}.{}", t / 10, t % 10)
}

#[test]
fn the_comparison_table_matches_sums_made_from_the_reports() {
    let site = built();
    let rows = csv_rows(&site.read("public/data/region-compare.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r["municipality_id"].as_str()).collect();
    assert_eq!(ids, ["alekseevka", "biryuch", "valuyki"]);
    let months = ["2025-01", "2025-02", "2025-03"];
    for (row, population) in rows.iter().zip([Some(38_000u64), None, Some(60_000)]) {
        let id = &row["municipality_id"];
        assert_eq!(row["period"], "2025-03");
        let march = counts(site, id, "2025-03").map(|c| c.0);
        let ytd: u64 = months
            .iter()
            .filter_map(|m| counts(site, id, m))
            .map(|c| c.0)
            .sum();
        assert_eq!(
            row["received"],
            march.map(|v| v.to_string()).unwrap_or_default(),
            "{id}"
        );
        assert_eq!(row["received_ytd"], ytd.to_string(), "{id}");
        let per_1000 = march.zip(population).map(|(v, p)| tenths(v * 1000, p));
        assert_eq!(
            row["received_per_1000"],
            per_1000.unwrap_or_default(),
            "{id}"
        );
        let ytd_per_1000 = population.map(|p| tenths(ytd * 1000, p));
        assert_eq!(
            row["received_ytd_per_1000"],
            ytd_per_1000.unwrap_or_default(),
            "{id}"
        );
        let growth = march.map(|m| {
            let feb = counts(site, id, "2025-02").unwrap().0;
            let diff = m as i64 - feb as i64;
            let (n, d) = (diff.unsigned_abs() * 1000, feb);
            let t = (n * 2 + d) / (2 * d);
            format!("{}{}.{}", if diff < 0 { "-" } else { "" }, t / 10, t % 10)
        });
        assert_eq!(row["growth_percent"], growth.unwrap_or_default(), "{id}");
        let (fast, total) = months
            .iter()
            .filter_map(|m| counts(site, id, m))
            .fold((0, 0), |(f, t), c| (f + c.1, t + c.0));
        assert_eq!(row["fast_track"], tenths(fast * 100, total), "{id}");
        assert_eq!(row["fast_track_plan"], "90.0");
    }
    // The road map of the sample has measures past their deadline only in alekseevka.
    assert_eq!(rows[1]["overdue_measures"], "0");
    assert_eq!(rows[2]["overdue_measures"], "0");
    // The same table in JSON.
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/region-compare.json")).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 3);
    assert_eq!(json["rows"][1]["received"], serde_json::Value::Null);
}

#[test]
fn the_region_data_sets_have_passports_and_read_back_as_csv() {
    let site = built();
    let trend = csv_rows(&site.read("public/data/region-trend.csv"));
    assert_eq!(trend.len(), 3);
    let march: u64 = ["alekseevka", "valuyki"]
        .iter()
        .map(|id| counts(site, id, "2025-03").unwrap().0)
        .sum();
    assert_eq!(trend[2]["period"], "2025-03");
    assert_eq!(trend[2]["municipalities_reported"], "2");
    assert_eq!(trend[2]["received"], march.to_string());
    assert_eq!(trend[0]["municipalities_reported"], "3");
    let list = csv_rows(&site.read("public/opendata/list.csv"));
    let sets: Vec<&str> = list.iter().map(|r| r["property"].as_str()).collect();
    // The region's INN (tests/fixtures/region/data/site.yaml) begins every identifier.
    assert!(sets.contains(&"9900101079-mcu-region-compare"), "{sets:?}");
    let meta = site.read("public/opendata/9900101079-mcu-region-compare/meta.csv");
    assert!(meta.contains("Региональный центр управления Примерной области"));
    assert!(
        site.path("public/data/schema/region-site.schema.json")
            .is_file()
    );
    // Each municipality keeps its own open data under its folder.
    assert!(site.path("public/valuyki/data/indicators.csv").is_file());
}

#[test]
fn the_ranking_per_target_orders_and_places_the_municipalities() {
    let site = built();
    let page = site.read("public/compare/fast_track/index.html");
    let table = &page[page.find("<tbody").unwrap()..];
    let order: Vec<&str> = ["Алексеевский", "Бирючанский", "Валуйский"]
        .into_iter()
        .map(|n| (table.find(n).unwrap(), n))
        .collect::<BTreeMap<_, _>>()
        .into_values()
        .collect();
    // valuyki's counts are alekseevka's doubled: the same share, the same place, the name
    // breaking the tie; biryuch (January and February only) is computed by hand.
    let share = |id: &str| {
        let (f, t) = ["2025-01", "2025-02", "2025-03"]
            .iter()
            .filter_map(|m| counts(site, id, m))
            .fold((0, 0), |(f, t), c| (f + c.1, t + c.0));
        f as f64 / t as f64
    };
    assert_eq!(share("alekseevka"), share("valuyki"));
    let expected: Vec<&str> = if share("biryuch") > share("alekseevka") {
        vec!["Бирючанский", "Алексеевский", "Валуйский"]
    } else {
        vec!["Алексеевский", "Валуйский", "Бирючанский"]
    };
    assert_eq!(order, expected);
    let places: Vec<&str> = table
        .match_indices("<tr><td>")
        .map(|(i, m)| &table[i + m.len()..i + m.len() + 1])
        .collect();
    assert!(
        places == ["1", "1", "3"] || places == ["1", "2", "2"],
        "{places:?}"
    );
    // The chart draws the plan.
    assert!(page.contains(">план<"), "no plan line on the ranking chart");
}

#[test]
fn sorted_pages_exist_for_every_column_and_order_the_rows() {
    let site = built();
    let page = site.read("public/compare/by/received/index.html");
    let body = &page[page.find("<tbody").unwrap()..];
    let v = body.find("Валуйский").unwrap();
    let a = body.find("Алексеевский").unwrap();
    let b = body.find("Бирючанский").unwrap();
    assert!(v < a && a < b, "largest first, no data last");
    for key in [
        "per-1000",
        "growth",
        "received-ytd",
        "overdue",
        "informed",
        "fast_track",
    ] {
        assert!(
            site.path(&format!("public/compare/by/{key}/index.html"))
                .is_file(),
            "{key}"
        );
    }
}

#[test]
fn a_municipalitys_figures_raise_the_warnings_its_own_site_would() {
    // A zero after 114 appeals: the single site's `zero-looks-missing`, in the municipality's file.
    let site = TestSite::copy("region");
    let report = "data/municipalities/valuyki/reports/2025-03.yaml";
    site.edit(
        report,
        "hotline: {total: 120,  fast_track: 100,  auto_delivery: 12,   roadmap: 16,  info_systems: 80,  auto_control: 8}",
        "hotline: {total: 0,  fast_track: 0,  auto_delivery: 0,   roadmap: 0,  info_systems: 0,  auto_control: 0}",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let zero: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "zero-looks-missing")
        .collect();
    assert_eq!(zero.len(), 1, "{}", run.stdout);
    assert_eq!(zero[0]["file"], report);
    assert_eq!(zero[0]["line"], 8);
}

#[test]
fn a_municipality_without_a_phone_is_warned_at_its_own_site_file() {
    let site = TestSite::copy("region");
    let file = "data/municipalities/biryuch/site.yaml";
    let text = site.read(file);
    let line = text.lines().find(|l| l.starts_with("contacts:")).unwrap();
    site.edit(file, line, "contacts: {email: \"mcu@biryuch.example.ru\"}");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let phone: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "phone-missing")
        .collect();
    assert_eq!(phone.len(), 1, "{}", run.stdout);
    assert_eq!(phone[0]["severity"], "warning");
    assert_eq!(phone[0]["file"], file);
    // With its phone, every municipality's passports name it, and nothing is warned.
    let built = built();
    let check = built.run(&["check", "--format", "json"]);
    assert!(!check.stdout.contains("phone-missing"), "{}", check.stdout);
    for (id, phone) in [
        ("alekseevka", "+7 800 000-01-01"),
        ("biryuch", "+7 800 000-01-02"),
    ] {
        let folder = std::fs::read_dir(built.path(&format!("public/{id}/opendata")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.join("meta.csv").is_file())
            .unwrap();
        let meta = std::fs::read_to_string(folder.join("meta.csv")).unwrap();
        assert!(
            meta.lines()
                .any(|l| l.starts_with("publisherphone,") && l.contains(phone)),
            "{id}: {meta}"
        );
    }
}

#[test]
fn crawlers_find_every_page_from_the_regions_root_robots_txt() {
    let site = built();
    let robots = site.read("public/robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://cur.example.ru/sitemap.xml"),
        "{robots}"
    );
    let sitemap = site.read("public/sitemap.xml");
    for id in ["alekseevka", "biryuch", "valuyki"] {
        // No robots.txt below the root, where no crawler reads it.
        assert!(
            !site.path(&format!("public/{id}/robots.txt")).exists(),
            "{id}"
        );
        for page in ["", "reports/2025-01/", "indicators/fast_track/"] {
            let url = format!("<loc>https://cur.example.ru/{id}/{page}</loc>");
            assert!(sitemap.contains(&url), "{url} not in the region's sitemap");
        }
    }
}

#[test]
fn a_municipality_behind_the_region_is_a_warning_naming_it() {
    let site = TestSite::copy("region");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lagging: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "municipality-lagging")
        .collect();
    assert_eq!(lagging.len(), 1, "{}", run.stdout);
    let d = lagging[0];
    assert_eq!(
        d["file"],
        "data/municipalities/biryuch/reports/2025-02.yaml"
    );
    assert_eq!(d["line"], 2);
    assert!(d["message"].as_str().unwrap().contains("biryuch"));
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1);
    // The summary counts every municipality's reports: 3 + 2 + 3.
    let plain = site.run(&["check"]);
    assert!(
        plain.stderr.contains("проверено 8 отчётов"),
        "{}",
        plain.stderr
    );
}

#[test]
fn published_region_totals_that_differ_are_warned_with_both_numbers() {
    let site = TestSite::copy("region");
    let march: u64 = ["alekseevka", "valuyki"]
        .iter()
        .map(|id| counts(&site, id, "2025-03").unwrap().0)
        .sum();
    site.write(
        "data/region_reports/2025-03.yaml",
        &format!("period: 2025-03\ntotal: {}\n", march + 7),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("region-total-differs"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{}", march + 7)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&march.to_string()), "{}", run.stderr);
    assert!(
        run.stderr.contains("data/region_reports/2025-03.yaml:2:8"),
        "{}",
        run.stderr
    );
    // The right total: no warning.
    site.write(
        "data/region_reports/2025-03.yaml",
        &format!("period: 2025-03\ntotal: {march}\n"),
    );
    assert!(!site.run(&["check"]).stderr.contains("region-total-differs"));
}

#[test]
fn a_region_totals_file_not_named_after_its_month_is_refused_as_a_report_file_is() {
    let site = TestSite::copy("region");
    site.write(
        "data/region_reports/march.yaml",
        "period: 2025-03\ntotal: 10\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = common::block(&run.stderr, "report-file-name");
    assert!(e.contains("data/region_reports/march.yaml:1:9"), "{e}");
    assert!(e.contains("2025-03.yaml"), "{e}");
    assert!(!run.stderr.contains("period-mismatch"), "{}", run.stderr);
    // A month other than the one written: the same code as a report's.
    std::fs::remove_file(site.path("data/region_reports/march.yaml")).unwrap();
    site.write(
        "data/region_reports/2025-02.yaml",
        "period: 2025-03\ntotal: 10\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("ошибка[period-mismatch]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_link_in_a_municipalitys_data_or_page_is_a_warning_in_its_file() {
    let site = TestSite::copy("region");
    let report = "data/municipalities/valuyki/reports/2025-03.yaml";
    site.edit(
        report,
        "обследование улиц завершено.",
        "обследование улиц [завершено](/akt/).",
    );
    site.write(
        "content/o-regione.md",
        "---\ntitle: \"О регионе\"\n---\n\nСм. [архив](/arhiv/).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    assert!(!run.stderr.contains("templates (page"), "{}", run.stderr);
    // The link is on the municipality's pages under /valuyki/, written in its report.
    let block = common::block(&run.stderr, "/valuyki/akt/");
    assert!(block.contains("предупреждение[broken-link]"), "{block}");
    assert!(block.contains(&format!("{report}:20:")), "{block}");
    // The region's own page: at the link in its file.
    let block = common::block(&run.stderr, "/arhiv/");
    assert!(block.contains("предупреждение[broken-link]"), "{block}");
    assert!(block.contains("content/o-regione.md:5:"), "{block}");
}

#[test]
fn errors_across_the_region_name_the_municipality_file() {
    let site = TestSite::copy("region");
    // A report error: reported in the municipality's own file.
    site.edit(
        "data/municipalities/valuyki/reports/2025-02.yaml",
        "published:",
        "publishd:",
    );
    // Two municipalities with one name.
    site.edit(
        "data/municipalities/biryuch/site.yaml",
        "municipality: \"Бирючанский муниципальный округ",
        "municipality: \"Алексеевский городской округ",
    );
    // A municipality without reports.
    site.write("data/municipalities/empty/site.yaml", "title: \"МЦУ\"\nmunicipality: \"Пустой округ\"\nregion: \"Примерная область\"\nbase_url: \"https://e.example.ru/\"\n");
    // A folder whose name cannot be an address.
    site.write("data/municipalities/Bad Name/site.yaml", "title: x\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let e = &run.stderr;
    assert!(
        e.contains("data/municipalities/valuyki/reports/2025-02.yaml:3:1"),
        "{e}"
    );
    assert!(e.contains("municipality-duplicate"), "{e}");
    assert!(
        e.contains("data/municipalities/biryuch/site.yaml:2:15"),
        "{e}"
    );
    assert!(e.contains("municipality-no-reports"), "{e}");
    assert!(e.contains("data/municipalities/empty/reports"), "{e}");
    assert!(e.contains("municipality-id"), "{e}");
}

/// A page without the region's bar (`<nav class="region-bar" …>…</nav>` after the skip link).
fn without_region_bar(html: &str) -> String {
    let Some(start) = html.find("\n<nav class=\"region-bar\"") else {
        return html.to_string();
    };
    let end = start + html[start..].find("</nav>").unwrap() + "</nav>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn a_municipalitys_pages_equal_its_own_build() {
    let region = built();
    for id in ["alekseevka", "biryuch"] {
        let alone = tempfile::tempdir().unwrap();
        copy_dir(
            &region.path(&format!("data/municipalities/{id}")),
            &alone.path().join("data"),
        );
        let out = alone.path().join("public");
        let run = common::vitrina(&[
            "build",
            "--root",
            alone.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            &format!("https://cur.example.ru/{id}/"),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The one difference but the region's bar: the theme's static files and the icon are
        // the region's, published once at its root, so a municipality has none of its own and
        // its pages link the region's.
        // `robots.txt` is the region's alone: crawlers read it only at the host's root.
        let shared = |p: &str| p.starts_with("static/") || p == "favicon.ico" || p == "robots.txt";
        let single: Vec<(String, Vec<u8>)> = snapshot_dir(&out)
            .into_iter()
            .filter(|(p, _)| p != ".vitrina-manifest" && !shared(p))
            .collect();
        let inside = snapshot_dir(&region.path(&format!("public/{id}")));
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(names(&inside), names(&single), "{id}: the same files");
        assert!(region.path("public/static/style.css").is_file());
        assert!(region.path("public/favicon.ico").is_file());
        let region_assets = |html: String| {
            html.replace(&format!("\"/{id}/static/"), "\"/static/")
                .replace(&format!("\"/{id}/favicon.ico\""), "\"/favicon.ico\"")
        };
        let mut pages = 0;
        for ((path, a), (_, b)) in inside.iter().zip(single.iter()) {
            if path.ends_with(".html") {
                let a = String::from_utf8(a.clone()).unwrap();
                // An embedded page, framed by another site, has no bar: it is the same alone.
                assert!(
                    a.contains("class=\"region-bar\"") || path.starts_with("embed/"),
                    "{id}/{path}: no region bar"
                );
                assert_eq!(
                    without_region_bar(&a),
                    region_assets(String::from_utf8(b.clone()).unwrap()),
                    "{id}/{path}"
                );
                pages += 1;
            } else {
                assert!(a == b, "{id}/{path} differs");
            }
        }
        assert!(pages > 20, "{id}: {pages} pages compared");
    }
}

#[test]
fn region_home_page_snapshot() {
    insta::assert_snapshot!(without_charts(&built().read("public/index.html")));
}

#[test]
fn region_compare_page_snapshot() {
    insta::assert_snapshot!(without_charts(&built().read("public/compare/index.html")));
}

#[test]
fn a_single_site_is_not_a_region() {
    let site = TestSite::copy("small");
    let run = site.run(&["build", "--out", site.path("public").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.read("public/index.html").contains("region-bar"));
    assert!(!site.path("public/compare").exists());
}

#[test]
fn init_region_makes_a_region_that_builds_and_passes_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cur");
    let run = common::vitrina(&["init", "--region", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root_s = root.to_str().unwrap();
    let check = common::vitrina(&["check", "--strict", "--root", root_s]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let out = root.join("public");
    let build = common::vitrina(&["build", "--root", root_s, "--out", out.to_str().unwrap()]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for page in [
        "index.html",
        "compare/index.html",
        "primersk/index.html",
        "yuzhny/reports/2025-03/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
}

#[test]
fn the_example_region_builds_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/region");
    let check = common::vitrina(&["check", "--strict", "--root", root.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn the_example_region_is_what_init_region_writes_and_its_municipalities_differ() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/region");
    let tmp = tempfile::tempdir().unwrap();
    let made = tmp.path().join("r");
    let run = common::vitrina(&["init", "--region", made.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for folder in ["data", "content"] {
        let (a, b) = (
            common::snapshot_dir(&example.join(folder)),
            common::snapshot_dir(&made.join(folder)),
        );
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&a),
            names(&b),
            "{folder}/: regenerate examples/region with `vitrina init --region`"
        );
        assert!(
            a == b,
            "{folder}/ differs from what `vitrina init --region` writes"
        );
    }
    // The sample municipalities' counts are scaled apart, so the comparison compares something.
    let month = |id: &str| {
        std::fs::read_to_string(
            example.join(format!("data/municipalities/{id}/reports/2025-03.yaml")),
        )
        .unwrap()
    };
    assert_ne!(month("primersk"), month("severny"));
    assert_ne!(month("severny"), month("yuzhny"));
}

#[test]
fn the_region_files_pass_the_schemas_the_region_publishes() {
    let site = built();
    let schema = |rel: &str| {
        let v: serde_json::Value = serde_json::from_str(&site.read(rel)).unwrap();
        jsonschema::meta::validate(&v).unwrap_or_else(|e| panic!("{rel}: {e}"));
        jsonschema::validator_for(&v).unwrap()
    };
    let region_site = schema("public/data/schema/region-site.schema.json");
    let doc = yaml_to_json(&site.read("data/site.yaml"));
    assert!(region_site.is_valid(&doc), "data/site.yaml");
    // A single site's site.yaml is not a region's, nor the other way round.
    let municipal = yaml_to_json(&site.read("data/municipalities/valuyki/site.yaml"));
    assert!(!region_site.is_valid(&municipal));
    let site_schema = schema("public/valuyki/data/schema/site.schema.json");
    assert!(
        site_schema.is_valid(&municipal),
        "population: is in the site schema"
    );
    assert!(!site_schema.is_valid(&doc));
    let totals = schema("public/data/schema/region-report.schema.json");
    let good = yaml_to_json("period: 2025-03\ntotal: 10\nchannels: {pos: 4}\n");
    assert!(totals.is_valid(&good));
    let bad = yaml_to_json("period: 2025-03\ntotl: 10\n");
    assert!(!totals.is_valid(&bad));
}
