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
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "--strict fails on a warning");
    assert!(
        strict
            .stderr
            .contains("ошибка: с --strict предупреждения считаются ошибками"),
        "{}",
        strict.stderr
    );
    build.stderr
}

#[test]
fn a_month_missing_between_reports() {
    let site = TestSite::copy("small");
    std::fs::remove_file(site.path("data/reports/2024-01.yaml")).unwrap();
    let err = warns(&site);
    assert!(
        err.contains(
            "предупреждение[missing-month]: нет отчёта за 2024-01 между 2023-12 и 2024-02"
        ),
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
        err.contains("показатель `info_systems` за 2023 год ниже плана (68,6 % при плане 70,0 %)"),
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
        err.contains("решение `fonari` выполнено, но не указана публикация в социальных сетях о его выполнении"),
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
        err.contains("данные указаны по состоянию на 2025-02-05, а это на 342 дня позже последнего отчёта (2024-02)"),
        "{err}"
    );
    assert!(
        err.contains("она взята отсюда: публикация о решении `avtobus`"),
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
            "сумма обращений по темам больше общего числа обращений за месяц по всем каналам: 530 > 450"
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
        err.contains("тема «Дорги» не встречается ни в одном отчёте за месяц"),
        "{err}"
    );
    assert!(
        err.contains("подсказка: Возможно, вы имели в виду «Дороги»?"),
        "{err}"
    );
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
    assert!(
        err.contains("есть ссылка на /reportz/, но такой страницы на сайте нет"),
        "{err}"
    );
}

#[test]
fn a_broken_link_in_the_datas_markdown_is_a_warning_at_its_yaml_line() {
    let site = TestSite::copy("small");
    // A report's summary (shown on its page and, as the latest month, on `/`), a decision's
    // result and a clarification's answer: each links to a page the site does not have.
    site.edit(
        "data/reports/2024-02.yaml",
        "summary: \"Февраль: 450 обращений.\"",
        "summary: |\n  Февраль: 450 обращений, см. [план](/plans/2024/).",
    );
    site.edit(
        "data/decisions/2024.yaml",
        "  status: in_progress\n",
        "  status: in_progress\n  result: \"Итоги — в [отчёте](/reports/2099-01/).\"\n",
    );
    site.write(
        "data/clarifications/2024.yaml",
        "- id: voda\n  date: 2024-02-10\n  topic: \"ЖКХ\"\n  claim: \"Воду отключат на месяц\"\n  answer: |\n    Нет: график — на [странице](/grafik/).\n  links: [\"https://vk.com/wall-1_2\"]\n",
    );
    let err = warns(&site);
    assert!(!err.contains("templates (page"), "{err}");
    assert_eq!(err.matches("[broken-link]").count(), 3, "{err}");
    for (file_line_col, url) in [
        ("data/reports/2024-02.yaml:17:38", "/plans/2024/"),
        ("data/decisions/2024.yaml:6:31", "/reports/2099-01/"),
        ("data/clarifications/2024.yaml:6:33", "/grafik/"),
    ] {
        let block = common::block(&err, url);
        assert!(block.contains("предупреждение[broken-link]"), "{block}");
        assert!(block.contains(file_line_col), "{file_line_col}:\n{block}");
    }
    // As JSON: a warning with the file, line and column of the link.
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "data/reports/2024-02.yaml")
        .expect("the summary's link");
    assert_eq!(summary["code"], "broken-link");
    assert_eq!(summary["severity"], "warning");
    assert_eq!(
        (summary["line"].as_u64(), summary["column"].as_u64()),
        (Some(17), Some(38))
    );
}

#[test]
fn warnings_are_reported_in_english_with_lang_en() {
    let site = TestSite::copy("small");
    std::fs::remove_file(site.path("data/reports/2024-01.yaml")).unwrap();
    let build = site.run(&["build", "--lang", "en"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let err = &build.stderr;
    assert!(
        err.contains("warning[missing-month]: no report for 2024-01 between 2023-12 and 2024-02"),
        "{err}"
    );
    assert!(err.contains("data/reports/2024-02.yaml:1:9"), "{err}");
    assert!(err.contains("help: "), "{err}");
    assert!(err.contains("0 errors, 1 warning"), "{err}");
    assert!(
        !err.contains("предупреждение") && !err.contains("подсказка:"),
        "{err}"
    );
    let strict = site.run(&["check", "--strict", "--lang", "en"]);
    assert_eq!(strict.code, 1, "--strict fails on a warning");
    assert!(
        strict
            .stderr
            .contains("warning[missing-month]: no report for 2024-01"),
        "{}",
        strict.stderr
    );
    assert!(
        strict
            .stderr
            .contains("error: --strict treats warnings as errors"),
        "{}",
        strict.stderr
    );
}

#[test]
fn a_period_that_does_not_match_its_file_is_one_error_not_also_a_missing_month() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "period: 2024-02",
        "period: 2024-03",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("ошибка[period-mismatch]"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("missing-month"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 ошибка, 0 предупреждений"),
        "{}",
        run.stderr
    );
}
