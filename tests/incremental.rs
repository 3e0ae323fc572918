//! The preview's rebuild through its caches (pages and share cards kept between builds) gives the
//! bytes a full build gives. Files of the fixture are edited at random, one edit a step — counts,
//! texts, front matter, new and removed pages, the site's title, a template override — and after
//! each step the cached rebuild is compared, file by file, with a build from nothing.

mod common;

use common::{Rng, TestSite};
use std::sync::Arc;
use vitrina::charts::CardCache;
use vitrina::page_cache::PageCache;
use vitrina::site::{self, Options};

/// One edit of the site, chosen by `pick`; `step` makes each edit's text new.
fn edit(site: &TestSite, pick: u64, step: u64, rng: &mut Rng) -> String {
    let report = "data/reports/2024-02.yaml";
    match pick {
        0 => {
            let text = site.read(report);
            let n = 150 + rng.below(150);
            let old = text
                .lines()
                .find(|l| l.contains("theme: \"ЖКХ\""))
                .unwrap()
                .to_string();
            let new = regex_free_replace(&old, "received: ", &n.to_string());
            site.write(report, &text.replace(&old, &new));
            format!("ЖКХ received {n}")
        }
        1 => {
            let line = format!("summary: \"Итог шага {step}.\"");
            replace_line(site, report, "summary:", &line);
            "the month's commentary".into()
        }
        2 => {
            let mut text = site.read("content/about.md");
            text.push_str(&format!("\nАбзац {step} о работе центра.\n"));
            site.write("content/about.md", &text);
            "the body of a page".into()
        }
        3 => {
            let line = format!("title: \"О центре ({step})\"");
            replace_line(site, "content/about.md", "title:", &line);
            "the title of a page (and the menu of every page)".into()
        }
        4 => {
            let path = format!("content/news/2024-04-0{}-step.md", 1 + step % 9);
            if site.path(&path).exists() {
                std::fs::remove_file(site.path(&path)).unwrap();
                format!("{path} removed")
            } else {
                site.write(
                    &path,
                    &format!(
                        "---\ntitle: \"Новость {step}\"\ndate: 2024-04-0{}\n---\nТекст.\n",
                        1 + step % 9
                    ),
                );
                format!("{path} added")
            }
        }
        5 => {
            let line = format!("title: \"МЦУ, версия {step}\"");
            replace_line(site, "data/site.yaml", "title:", &line);
            "the site's title".into()
        }
        6 => {
            let line = format!("title: \"Ямы, шаг {step}\"");
            replace_line(site, "data/roadmaps/dorogi.yaml", "title:", &line);
            "a road map's title".into()
        }
        _ => {
            let builtin = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/default/templates/404.html"),
            )
            .unwrap();
            site.write(
                "themes/default/templates/404.html",
                &format!("{builtin}\n{{# шаг {step} #}}<!-- {step} -->\n"),
            );
            "a template override".into()
        }
    }
}

/// Replaces the first line of `file` that starts with `start` by `new`.
fn replace_line(site: &TestSite, file: &str, start: &str, new: &str) {
    let text = site.read(file);
    let old = text
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap()
        .to_string();
    site.write(file, &text.replacen(&old, new, 1));
}

/// `line` with the number after `key` replaced by `value`.
fn regex_free_replace(line: &str, key: &str, value: &str) -> String {
    let at = line.find(key).unwrap() + key.len();
    let end = line[at..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(line.len(), |e| at + e);
    format!("{}{value}{}", &line[..at], &line[end..])
}

/// Options for `site` with the preview's caches (`pages`), or without any (a build from nothing).
fn options(site: &TestSite, pages: Option<&Arc<PageCache>>) -> Options {
    match pages {
        Some(pages) => Options {
            root: site.root().to_path_buf(),
            cards: Arc::new(CardCache::Memory(Default::default())),
            pages: Some(Arc::clone(pages)),
            ..Options::default()
        },
        None => Options {
            root: site.root().to_path_buf(),
            ..Options::default()
        },
    }
}

/// The paths whose bytes differ between `a` and `b`, or that only one of them has.
fn differing<'o>(a: &'o vitrina::write::Output, b: &'o vitrina::write::Output) -> Vec<&'o String> {
    b.iter()
        .filter(|(p, bytes)| a.get(p) != Some(bytes.as_slice()))
        .map(|(p, _)| p)
        .chain(a.iter().filter(|(p, _)| b.get(p).is_none()).map(|(p, _)| p))
        .collect()
}

#[test]
fn a_rebuild_through_the_caches_equals_a_full_build_after_every_edit() {
    let site = TestSite::copy("small");
    let pages = Arc::new(PageCache::default());
    let (cached, full) = (options(&site, Some(&pages)), options(&site, None));
    let first = site::run(&cached);
    assert!(first.output.is_some(), "the fixture builds");
    let mut rng = Rng::new(0x5eed);
    for step in 0..16 {
        let hits = pages.hits();
        let what = edit(&site, rng.below(8) as u64, step, &mut rng);
        let (a, b) = (site::run(&cached), site::run(&full));
        let (a, b) = (a.output.expect(&what), b.output.expect(&what));
        let differ = differing(&a, &b);
        assert!(
            differ.is_empty(),
            "step {step} ({what}): {differ:?} differ from a full build"
        );
        // Unless the edit touched what every page shows, most pages came from the cache.
        if !what.contains("template") && !what.contains("site's title") && !what.contains("menu") {
            assert!(
                pages.hits() > hits,
                "step {step} ({what}): nothing was reused"
            );
        }
    }
}

/// The files of a region's output whose path starts with `prefix`.
fn under<'o>(out: &'o vitrina::write::Output, prefix: &str) -> Vec<(&'o String, &'o Vec<u8>)> {
    out.iter().filter(|(p, _)| p.starts_with(prefix)).collect()
}

#[test]
fn a_region_rebuilt_through_the_caches_renders_only_the_municipality_that_changed() {
    let site = TestSite::copy("region");
    let pages = Arc::new(PageCache::default());
    let (cached, full) = (options(&site, Some(&pages)), options(&site, None));
    let first = site::run(&cached).output.expect("the region builds");
    assert_eq!(pages.hits(), 0, "nothing to reuse at the first build");
    let report = "data/municipalities/valuyki/reports/2025-03.yaml";
    let text = site.read(report);
    let edited = text.replacen("total: ", "total: 1", 1);
    assert_ne!(text, edited);
    site.write(report, &edited);
    let hits = pages.hits();
    let (a, b) = (site::run(&cached), site::run(&full));
    let (a, b) = (a.output.expect("cached"), b.output.expect("full"));
    let differ = differing(&a, &b);
    assert!(differ.is_empty(), "{differ:?} differ from a full build");
    // The two other municipalities were handed on whole, the edited one made anew; and neither
    // of the two was read again.
    assert_eq!(pages.hits() - hits, 2);
    assert_eq!(
        pages.read_hits(),
        2,
        "read again: only the edited municipality"
    );
    assert_eq!(under(&a, "alekseevka/"), under(&first, "alekseevka/"));
    assert_ne!(under(&a, "valuyki/"), under(&first, "valuyki/"));
    // A change to what every municipality shares (the theme) renders them all again.
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Нет такой страницы</h1>{% endblock content %}",
    );
    let hits = pages.hits();
    let again = site::run(&cached).output.expect("with a theme");
    assert_eq!(pages.hits(), hits, "a theme change reuses no municipality");
    let full_site = site::run(&full).output.expect("full with a theme");
    assert!(
        again.iter().eq(full_site.iter()),
        "the theme's rebuild equals a full build"
    );
    // A file added to a municipality, then one taken away, is read: each rebuild equals a
    // build from nothing.
    let added = "data/municipalities/biryuch/reports/2025-03.yaml";
    let february = site.read("data/municipalities/biryuch/reports/2025-02.yaml");
    site.write(
        added,
        &february
            .replace("period: 2025-02", "period: 2025-03")
            .replace("published: 2025-03-03", "published: 2025-04-03"),
    );
    for step in ["added", "removed"] {
        let a = site::run(&cached).output.expect(step);
        let b = site::run(&full).output.expect(step);
        let differ = differing(&a, &b);
        assert!(
            differ.is_empty(),
            "{step}: {differ:?} differ from a full build"
        );
        assert_eq!(
            a.get("biryuch/reports/2025-03/index.html").is_some(),
            step == "added",
            "{step}"
        );
        if step == "added" {
            std::fs::remove_file(site.path(added)).unwrap();
        }
    }
}

/// The published folder `dir`: every file with its bytes.
fn published(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    common::snapshot_dir(dir).into_iter().collect()
}

/// The inode of a file, to tell a file taken as it is from one written anew.
#[cfg(unix)]
fn inode(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

/// One edit of the region or of its published folder, chosen by `pick`.
fn edit_region(site: &TestSite, pick: u64, step: u64, rng: &mut Rng) -> String {
    let ids = ["alekseevka", "biryuch", "valuyki"];
    let id = ids[rng.below(ids.len())];
    match pick {
        0 => {
            let report = format!("data/municipalities/{id}/reports/2025-02.yaml");
            let text = site.read(&report);
            let old = text
                .lines()
                .find(|l| l.contains("hotline:"))
                .unwrap()
                .to_string();
            let n = 100 + rng.below(100);
            let new = regex_free_replace(&old, "{total: ", &n.to_string());
            site.write(&report, &text.replace(&old, &new));
            format!("{id}'s hotline total {n}")
        }
        1 => {
            let line = format!("title: \"Региональный центр, шаг {step}\"");
            replace_line(site, "data/site.yaml", "title:", &line);
            "the region's title (every municipality's bar)".into()
        }
        2 => {
            site.write(
                "themes/default/templates/404.html",
                &format!(
                    "{{% extends \"base.html\" %}}{{% block content %}}<h1>Нет страницы ({step})</h1>{{% endblock content %}}"
                ),
            );
            "a template override".into()
        }
        3 => {
            let page = site.path(&format!("public/{id}/index.html"));
            let mut text = std::fs::read_to_string(&page).unwrap();
            text.push_str("<!-- edited by hand -->");
            std::fs::write(&page, text).unwrap();
            format!("public/{id}/index.html edited by hand")
        }
        4 => {
            std::fs::remove_file(site.path(&format!("public/{id}/reports/2025-01/index.html")))
                .unwrap();
            format!("public/{id}/reports/2025-01/index.html removed by hand")
        }
        _ => "nothing".into(),
    }
}

#[test]
fn a_region_rebuilt_through_its_records_equals_a_build_from_nothing_after_every_edit() {
    let site = TestSite::copy("region");
    let fresh = tempfile::tempdir().unwrap();
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let records = site.path(".public.vitrina/cache/pages");
    for id in ["alekseevka", "biryuch", "valuyki"] {
        assert!(
            records.join(format!("{id}.json")).is_file(),
            "{id} recorded"
        );
    }
    let mut rng = Rng::new(0x7ec0);
    for step in 0..12 {
        let what = edit_region(&site, step % 6, step, &mut rng);
        let cached = site.run(&["build"]);
        assert_eq!(cached.code, 0, "step {step} ({what}): {}", cached.stderr);
        let out = fresh.path().join(format!("from-nothing-{step}"));
        let full = site.run(&["build", "--out", out.to_str().unwrap()]);
        assert_eq!(full.code, 0, "step {step} ({what}): {}", full.stderr);
        // The same messages, but for the last line, which names the output folder.
        let said = |stderr: &str| {
            let lines: Vec<&str> = stderr.lines().collect();
            lines[..lines.len().saturating_sub(1)].join("\n")
        };
        assert_eq!(
            said(&cached.stderr),
            said(&full.stderr),
            "step {step} ({what})"
        );
        let (a, b) = (published(&site.path("public")), published(&out));
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|p| a.get(*p) != b.get(*p))
            .collect();
        assert!(
            differ.is_empty(),
            "step {step} ({what}): {differ:?} differ from a build from nothing"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unchanged_municipality_is_taken_as_it_is_and_check_reads_its_record() {
    let site = TestSite::copy("region");
    assert_eq!(site.run(&["build"]).code, 0);
    // The second build adopts the first's spare; from the third on, each file of an unchanged
    // municipality is the very file published before.
    assert_eq!(site.run(&["build"]).code, 0);
    let page = |id: &str| site.path(&format!("public/{id}/index.html"));
    let before = (inode(&page("alekseevka")), inode(&page("valuyki")));
    let report = "data/municipalities/valuyki/reports/2025-03.yaml";
    site.edit(report, "hotline: {total: 120,", "hotline: {total: 121,");
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(
        inode(&page("alekseevka")),
        before.0,
        "alekseevka is taken as it is"
    );
    assert_ne!(inode(&page("valuyki")), before.1, "valuyki is made anew");
    // `check` through the records says what it says without them.
    let bare = tempfile::tempdir().unwrap();
    common::copy_dir(&site.path("data"), &bare.path().join("data"));
    let with_records = site.run(&["check", "--format", "json"]);
    let without = common::vitrina(&[
        "check",
        "--format",
        "json",
        "--root",
        bare.path().to_str().unwrap(),
    ]);
    assert_eq!(with_records.stdout, without.stdout);
    assert_eq!(with_records.stderr, without.stderr);
    // A record for other inputs is not read: after another edit `check` renders valuyki again
    // and still agrees.
    site.edit(report, "hotline: {total: 121,", "hotline: {total: 0,");
    common::copy_dir(&site.path("data"), &bare.path().join("data"));
    let with_records = site.run(&["check", "--format", "json"]);
    let without = common::vitrina(&[
        "check",
        "--format",
        "json",
        "--root",
        bare.path().to_str().unwrap(),
    ]);
    assert_eq!(with_records.stdout, without.stdout);
    assert!(
        with_records.stdout.contains("valuyki"),
        "{}",
        with_records.stdout
    );
}
