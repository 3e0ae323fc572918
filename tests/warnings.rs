//! Warnings of DATA-FORMAT.md: the build goes on, `check --strict` fails, and the message names
//! the place and both numbers.

mod common;

use common::TestSite;

/// Builds (must succeed), then checks strictly (must fail); returns the build's stderr.
fn warns(site: &TestSite) -> String {
    let build = site.run(&["build"]);
    assert_eq!(
        build.code, 0,
        "a warning does not stop the build:\n{}",
        build.stderr
    );
    assert_eq!(
        site.run(&["check", "--strict"]).code,
        1,
        "--strict fails on a warning"
    );
    build.stderr
}

#[test]
fn a_month_missing_between_reports() {
    let site = TestSite::copy("small");
    std::fs::remove_file(site.path("data/reports/2024-01.yaml")).unwrap();
    let err = warns(&site);
    assert!(
        err.contains("warning[missing-month]: no report for 2024-01 between 2023-12 and 2024-02"),
        "{err}"
    );
    assert!(err.contains("data/reports/2024-02.yaml:1:9"), "{err}");
}

#[test]
fn a_target_below_plan_without_a_reason_in_a_finished_year() {
    let site = TestSite::copy("small");
    site.edit(
        "data/targets.yaml",
        "    info_systems: \"Две службы работали без ведомственной системы\"\n",
        "",
    );
    let err = warns(&site);
    assert!(
        err.contains("`info_systems` in 2023 is below plan (68,6 % against 70,0 %)"),
        "{err}"
    );
    assert!(err.contains("data/targets.yaml:3:"), "{err}");
}

#[test]
fn an_unfinished_year_below_plan_does_not_warn_yet() {
    let site = TestSite::copy("small");
    let run = site.run(&["check", "--strict"]);
    assert_eq!(
        run.code, 0,
        "2024 is below plan in February with no reasons: not a warning yet\n{}",
        run.stderr
    );
}

#[test]
fn a_decision_done_with_no_informing_post() {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "status: planned",
        "status: done",
    );
    let err = warns(&site);
    assert!(
        err.contains("decision `fonari` is done but no informing post is listed"),
        "{err}"
    );
}

#[test]
fn an_as_of_date_long_after_the_latest_report() {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "{date: 2024-02-05,",
        "{date: 2025-02-05,",
    );
    let err = warns(&site);
    assert!(
        err.contains("the as-of date 2025-02-05 is 342 days after the latest report (2024-02)"),
        "{err}"
    );
    assert!(
        err.contains("an informing post of decision `avtobus`"),
        "{err}"
    );
}

#[test]
fn themes_adding_up_to_more_than_the_total() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "{theme: \"ЖКХ\", received: 200",
        "{theme: \"ЖКХ\", received: 400",
    );
    let err = warns(&site);
    assert!(
        err.contains(
            "the themes add up to 530 received, more than the month's total over all channels (450)"
        ),
        "{err}"
    );
    assert!(err.contains("data/reports/2024-02.yaml:9:1"), "{err}");
}

#[test]
fn a_road_map_theme_no_report_mentions() {
    let site = TestSite::copy("small");
    site.edit(
        "data/roadmaps/dorogi.yaml",
        "theme: \"Дороги\"",
        "theme: \"Дорги\"",
    );
    let err = warns(&site);
    assert!(
        err.contains("no monthly report mentions the theme «Дорги»"),
        "{err}"
    );
    assert!(err.contains("did you mean «Дороги»?"), "{err}");
}

#[test]
fn a_content_link_to_a_missing_page() {
    let site = TestSite::copy("small");
    site.edit(
        "content/about.md",
        "[отчёты](/reports/)",
        "[отчёты](/reportz/)",
    );
    let err = warns(&site);
    assert!(err.contains("content/about.md:6:51"), "{err}");
    assert!(err.contains("links to /reportz/"), "{err}");
}
