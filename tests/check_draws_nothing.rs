//! `check` draws no chart and no share card (`charts::Draw`): a drawing is made from figures
//! already computed and checked, has no input of its own to reject and carries no link. So
//! `check` must say exactly what a build that draws everything says. Here both run, in-process,
//! on every site of the repository and on variants of the fixture broken in the ways a drawing
//! could conceivably notice (a broken link in a report's commentary and in a template, a zero that
//! looks like missing data, a template that fails); their diagnostics, in both languages, and
//! the pages and links the link check reads must be the same, and the only files `check` does not
//! make are the cards.

mod common;

use common::TestSite;
use std::path::{Path, PathBuf};
use vitrina::diag::{Lang, Style};
use vitrina::site::{self, Options, Purpose};

/// What a run says and what its link check sees (pages in order of path: a region's are made on
/// several threads at once).
#[derive(Debug, PartialEq)]
struct Said {
    diagnostics: [String; 2],
    pages: Vec<String>,
    links: Vec<(String, String, Vec<String>)>,
    files: Vec<String>,
}

fn run(root: &Path, purpose: Purpose) -> Said {
    let b = site::run(&Options {
        root: root.to_path_buf(),
        purpose,
        ..Options::default()
    });
    let diagnostics =
        [Lang::Ru, Lang::En].map(|lang| b.diags.render(&b.sources, &Style::plain(lang)));
    let emitted = b.emitted.unwrap_or_default();
    let mut links: Vec<(String, String, Vec<String>)> = emitted
        .links
        .iter()
        .map(|(target, (url, pages))| {
            let mut on: Vec<String> = pages
                .iter()
                .map(|&p| emitted.pages[p as usize].clone())
                .collect();
            on.sort();
            (target.clone(), url.clone(), on)
        })
        .collect();
    links.sort();
    let mut pages = emitted.pages.clone();
    pages.sort();
    Said {
        diagnostics,
        pages,
        links,
        files: emitted.files.into_keys().collect(),
    }
}

/// `check` and a build agree on `root`: same words, same pages and links, and the build's extra
/// files are its share cards. Returns what they said.
fn agree(root: &Path, what: &str) -> [String; 2] {
    let built = run(root, Purpose::Build);
    let checked = run(root, Purpose::Check);
    assert_eq!(
        checked.diagnostics, built.diagnostics,
        "{what}: diagnostics"
    );
    assert_eq!(checked.pages, built.pages, "{what}: pages");
    assert_eq!(checked.links, built.links, "{what}: links");
    let extra: Vec<&String> = built
        .files
        .iter()
        .filter(|f| !checked.files.contains(f))
        .collect();
    assert!(
        extra.iter().all(|f| f.ends_with("card.png")),
        "{what}: {extra:?}"
    );
    assert!(
        checked.files.iter().all(|f| built.files.contains(f)),
        "{what}: check made a file the build did not"
    );
    if built.files.iter().any(|f| f.ends_with(".html")) {
        assert!(!extra.is_empty(), "{what}: the build drew no card");
    }
    built.diagnostics
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn check_says_what_a_build_that_draws_says_on_every_site() {
    for rel in [
        "",
        "examples/region",
        "tests/fixtures/small",
        "tests/fixtures/gap",
        "tests/fixtures/region",
    ] {
        let _ = agree(&repo(rel), if rel.is_empty() { "demo" } else { rel });
    }
}

/// The fixture's report the variants break.
const REPORT: &str = "data/reports/2024-02.yaml";

/// What breaks a copy of the fixture.
type Breakage = fn(&TestSite);

#[test]
fn check_says_what_a_build_that_draws_says_on_broken_sites() {
    let variants: [(&str, Breakage); 4] = [
        ("a broken link in a report's commentary", |s| {
            s.edit(
                REPORT,
                "summary: \"Февраль: 450 обращений.\"",
                "summary: \"Февраль: [подробнее](/reports/1999-01/).\"",
            )
        }),
        ("a broken link in a template", |s| {
            s.write(
                "themes/default/templates/404.html",
                "{% extends \"base.html\" %}{% block content %}<a href=\"{{ base }}nowhere/\">x</a>{% endblock content %}",
            )
        }),
        ("a template that fails", |s| {
            s.write(
                "themes/default/templates/404.html",
                "{% extends \"base.html\" %}{% block content %}{{ no_such_value }}{% endblock content %}",
            )
        }),
        ("a zero that looks like missing data", |s| {
            s.edit(
                REPORT,
                "pos:     {total: 300, fast_track: 240, auto_delivery: 150, roadmap: 60, info_systems: 240, auto_control: 45}",
                "pos:     {total: 0, fast_track: 0, auto_delivery: 0, roadmap: 0, info_systems: 0, auto_control: 0}",
            )
        }),
    ];
    for (what, break_it) in variants {
        let site = TestSite::copy("small");
        break_it(&site);
        let [ru, _] = agree(site.root(), what);
        assert!(!ru.trim().is_empty(), "{what}: the variant is reported");
    }
}
