//! Regression tests for issue 21 («Bad input, round two»), the loading half: files that vanished
//! without a word, and a mistyped year that stretched the site over centuries. Each test names
//! what it protects and runs the real binary on a copy of the fixture, as a publisher would meet
//! the problem.

mod common;

#[cfg(unix)]
use common::mkfifo;
use common::{Run, TestSite};

/// `check` failed with exit 1, named `at`, gave code `code`, and did not panic.
fn refused(run: &Run, code: &str, at: &str) {
    assert_eq!(run.code, 1, "exit 1 expected:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let block = common::block(&run.stderr, &format!("[{code}]"));
    assert!(block.contains(at), "{at} expected in:\n{}", run.stderr);
}

/// `check --strict` failed on a warning `code` that names `at`, while plain `check` passes.
fn warned(site: &TestSite, code: &str, at: &str) {
    let plain = site.run(&["check"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "--strict must fail:\n{}", strict.stderr);
    let block = common::block(&strict.stderr, &format!("[{code}]"));
    assert!(block.contains(at), "{at} expected in:\n{}", strict.stderr);
}

/// The small fixture's February report as the report for `period`, published `published`.
fn copy_of_february(site: &TestSite, period: &str, published: &str) -> String {
    site.read("data/reports/2024-02.yaml")
        .replace("period: 2024-02", &format!("period: {period}"))
        .replace("published: 2024-03-04", &format!("published: {published}"))
}

// Item 1: a mistyped year.

#[test]
fn a_report_years_away_from_the_others_is_an_error_at_its_period() {
    let site = TestSite::copy("small");
    // The case: a copy whose year and publication were both changed to 9999.
    site.write(
        "data/reports/9999-12.yaml",
        &copy_of_february(&site, "9999-12", "9999-12-31"),
    );
    let run = site.run(&["check"]);
    refused(&run, "period-far", "data/reports/9999-12.yaml:1:9");
    assert!(run.stderr.contains("(февраль 2024)"), "{}", run.stderr);
    // No month is «missing» between: the far report was dropped before the calendar.
    assert!(!run.stderr.contains("missing-month"), "{}", run.stderr);
    let out = site.path("public");
    let build = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!out.exists(), "nothing is written");

    // A year in the past, in English.
    std::fs::remove_file(site.path("data/reports/9999-12.yaml")).unwrap();
    site.write(
        "data/reports/2014-02.yaml",
        &copy_of_february(&site, "2014-02", "2014-03-04"),
    );
    let run = site.run(&["check", "--lang", "en"]);
    refused(&run, "period-far", "data/reports/2014-02.yaml:1:9");
    assert!(
        run.stderr.contains(
            "the report for 2014-02 is 118 months from the nearest other report (2023-12)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pause_of_two_years_between_reports_is_only_a_missing_month_warning() {
    let site = TestSite::copy("small");
    site.write(
        "data/reports/2026-02.yaml",
        &copy_of_february(&site, "2026-02", "2026-03-04"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("[missing-month]"), "{}", run.stderr);
    assert!(!run.stderr.contains("period-far"), "{}", run.stderr);
}

#[test]
fn a_report_after_the_as_of_date_given_is_an_error_at_its_period() {
    let site = TestSite::copy("small");
    let run = site.run(&["check", "--as-of", "2024-01-31"]);
    refused(&run, "period-after-as-of", "data/reports/2024-02.yaml:1:9");
    let run = site.run(&["check", "--as-of", "2024-02-01"]);
    assert_eq!(
        run.code, 0,
        "the month's first day is not after it:\n{}",
        run.stderr
    );
}

#[test]
fn a_month_outside_2000_to_9999_is_refused_at_its_period() {
    let site = TestSite::copy("small");
    site.write(
        "data/reports/1999-12.yaml",
        &copy_of_february(&site, "1999-12", "2000-01-04"),
    );
    let run = site.run(&["check"]);
    refused(&run, "period-format", "data/reports/1999-12.yaml:1:9");
    assert!(
        run.stderr.contains("от 2000-01 до 9999-12"),
        "{}",
        run.stderr
    );
}

// Item 3: new-month writes only what check takes.

#[test]
fn new_month_writes_no_month_that_check_refuses() {
    let site = TestSite::copy("small");
    // After 9999-12 there is no month with a four-digit year.
    let last = copy_of_february(&site, "9999-12", "9999-12-31");
    for f in ["2023-12", "2024-01", "2024-02"] {
        std::fs::remove_file(site.path(&format!("data/reports/{f}.yaml"))).unwrap();
    }
    site.write("data/reports/9999-12.yaml", &last);
    let run = site.run(&["new-month"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("10000-01"), "{}", run.stderr);
    assert!(!site.path("data/reports/10000-01.yaml").exists());

    let site = TestSite::copy("small");
    for (month, why) in [
        ("0000-01", "from 2000-01 to 9999-12"),
        ("2099-01", "отстоит на 899 месяцев"),
    ] {
        let run = site.run(&["new-month", month]);
        assert_ne!(run.code, 0, "{month}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{month}: {}", run.stderr);
        assert!(!site.path(&format!("data/reports/{month}.yaml")).exists());
    }
    // A month a year after the latest is written, and check finds only its blanks.
    let run = site.run(&["new-month", "2025-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = site.run(&["check"]);
    assert!(check.stderr.contains("[missing-value]"), "{}", check.stderr);
    assert!(!check.stderr.contains("period-far"), "{}", check.stderr);
}

// Item 4: file spellings.

#[test]
fn reports_and_pages_spelled_in_capitals_or_yml_are_read() {
    let site = TestSite::copy("small");
    site.write(
        "data/reports/2024-03.YAML",
        &copy_of_february(&site, "2024-03", "2024-04-02"),
    );
    site.write(
        "data/reports/2024-04.yml",
        &copy_of_february(&site, "2024-04", "2024-05-02"),
    );
    let decisions = site.read("data/decisions/2024.yaml");
    std::fs::remove_file(site.path("data/decisions/2024.yaml")).unwrap();
    site.write("data/decisions/all.YAML", &decisions);
    let about = site.read("content/about.md");
    std::fs::remove_file(site.path("content/about.md")).unwrap();
    site.write("content/About.MD", &about);
    site.write(
        "content/history.markdown",
        "---\ntitle: \"История центра\"\n---\nТекст.\n",
    );
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("5 отчётов"), "{}", run.stderr);
    let out = site.path("public");
    let build = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for page in [
        "reports/2024-03/index.html",
        "reports/2024-04/index.html",
        "About/index.html",
        "history/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} not built");
    }
    let decisions_page = std::fs::read_to_string(out.join("decisions/index.html")).unwrap();
    assert!(
        decisions_page.contains("Выбор сквера для благоустройства"),
        "the decisions of all.YAML are missing"
    );
}

#[test]
fn a_file_that_is_not_read_is_a_warning_naming_it() {
    for (file, at) in [
        (
            "data/reports/2024-03.yaml.bak",
            "data/reports/2024-03.yaml.bak",
        ),
        ("data/reports/notes.txt", "data/reports/notes.txt"),
        ("content/photo.jpg", "content/photo.jpg"),
        ("data/targets.yml", "data/targets.yml"),
    ] {
        let site = TestSite::copy("small");
        site.write(file, "x: 1\n");
        warned(&site, "file-ignored", at);
    }
    // A folder misspelt at the top of data/: its reports would all be left out.
    let site = TestSite::copy("small");
    site.write(
        "data/report/2024-03.yaml",
        &copy_of_february(&site, "2024-03", "2024-04-02"),
    );
    warned(&site, "file-ignored", "data/report");
    let strict = site.run(&["check", "--strict"]);
    assert!(strict.stderr.contains("reports/"), "{}", strict.stderr);
}

// Item 5: what is not a regular file.

#[test]
fn a_report_that_became_a_folder_is_an_error_naming_it() {
    let site = TestSite::copy("small");
    let february = site.read("data/reports/2024-02.yaml");
    std::fs::remove_file(site.path("data/reports/2024-02.yaml")).unwrap();
    // A folder named like the report, holding the report: neither is read.
    site.write("data/reports/2024-02.yaml/2024-02.yaml", &february);
    let run = site.run(&["check"]);
    refused(&run, "not-a-file", "data/reports/2024-02.yaml");
    assert!(run.stderr.contains("это папка"), "{}", run.stderr);
    assert!(!run.stderr.contains("duplicate-period"), "{}", run.stderr);
}

#[test]
#[cfg(unix)]
fn a_named_pipe_or_socket_in_data_or_content_is_an_error_and_never_blocks() {
    for path in [
        "data/reports/2024-03.yaml",
        "data/site.yaml",
        "data/structure.yaml",
        "content/news.md",
        "data/reports/notes",
    ] {
        let site = TestSite::copy("small");
        if site.path(path).exists() {
            std::fs::remove_file(site.path(path)).unwrap();
        }
        mkfifo(&site.path(path));
        let run = check_within_20_s(&site);
        refused(&run, "not-a-file", path);
        assert!(run.stderr.contains("FIFO"), "{path}: {}", run.stderr);
    }
    let site = TestSite::copy("small");
    let _socket =
        std::os::unix::net::UnixListener::bind(site.path("data/reports/2024-03.yaml")).unwrap();
    let run = site.run(&["check"]);
    refused(&run, "not-a-file", "data/reports/2024-03.yaml");
    assert!(run.stderr.contains("сокет"), "{}", run.stderr);
}

/// `check` on `site`, killed (and the test failed) if it takes 20 s: reading a named pipe waits
/// for a writer that never comes.
fn check_within_20_s(site: &TestSite) -> Run {
    site.run_within(&["check"], 20, "check blocked for 20 s")
}

// Item 6: the theme's files.

#[test]
#[cfg(unix)]
fn a_theme_file_linked_inside_the_site_is_used_and_one_linked_outside_is_refused() {
    let site = TestSite::copy("small");
    site.write(
        "shared/footer.html",
        "{% extends \"base.html\" %}{% block content %}СВОЙ ШАБЛОН{% endblock %}",
    );
    site.write("shared/extra.css", "body { color: #123456 }\n");
    std::fs::create_dir_all(site.path("themes/default/templates")).unwrap();
    std::fs::create_dir_all(site.path("themes/default/static")).unwrap();
    std::os::unix::fs::symlink(
        site.path("shared/footer.html"),
        site.path("themes/default/templates/page.html"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.path("shared/extra.css"),
        site.path("themes/default/static/extra.css"),
    )
    .unwrap();
    let out = site.path("public");
    let build = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let about = std::fs::read_to_string(out.join("about/index.html")).unwrap();
    assert!(
        about.contains("СВОЙ ШАБЛОН"),
        "the linked template was not used"
    );
    let css = std::fs::read_to_string(out.join("static/extra.css")).unwrap();
    assert!(css.contains("#123456"));

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.css"), "body{}").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.css"),
        site.path("themes/default/static/x.css"),
    )
    .unwrap();
    let run = site.run(&["check"]);
    refused(&run, "symlink-outside", "themes/default/static/x.css");
}

#[test]
#[cfg(unix)]
fn a_theme_folder_that_cannot_be_read_is_an_error_not_the_built_in_theme() {
    let site = TestSite::copy("small");
    std::fs::create_dir_all(site.path("themes/default/templates")).unwrap();
    // A link that leads back up: the walk cannot list it (a loop), as with a folder it may not
    // read (which the test cannot make when it runs as root).
    std::os::unix::fs::symlink(
        site.path("themes/default"),
        site.path("themes/default/templates/loop"),
    )
    .unwrap();
    let run = site.run(&["check"]);
    refused(&run, "read", "themes/default");
    mkfifo(&site.path("themes/default/templates/page.html"));
    std::fs::remove_file(site.path("themes/default/templates/loop")).unwrap();
    let run = check_within_20_s(&site);
    refused(&run, "not-a-file", "themes/default/templates/page.html");
    // A folder it may not read, where the permission holds (not as root).
    let locked = site.path("themes/default/templates");
    std::fs::remove_file(locked.join("page.html")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_err() {
        let run = site.run(&["check"]);
        refused(&run, "read", "themes/default");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}
