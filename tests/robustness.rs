//! Regression tests for issue 10 («Nothing lost, nothing injected, never a panic»), the loading
//! half: each names the defect it keeps away. They run the real binary on a copy of the fixture,
//! as a publisher would meet the problem; the in-process mutation and property tests
//! (`tests/mutation.rs`, `tests/properties.rs`) cover the classes, these the reported cases.

mod common;

use common::{Run, TestSite};

/// `check` failed with exit 1, named `at` (`file:line:col`), gave code `code`, and did not panic.
fn refused(run: &Run, code: &str, at: &str) {
    assert_eq!(run.code, 1, "exit 1 expected:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("[{code}]")),
        "code {code} expected:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains(at), "{at} expected:\n{}", run.stderr);
}

#[test]
fn a_yaml_error_next_to_a_cyrillic_letter_is_reported_not_a_panic() {
    let site = TestSite::copy("small");
    site.write(
        "data/structure.yaml",
        "curator: {name: \"Орлова\" Е.П., position: \"x\"}\n",
    );
    refused(
        &site.run(&["check"]),
        "yaml-syntax",
        "data/structure.yaml:1:26",
    );
    let github = site.run(&["check", "--format", "github"]);
    assert_eq!(github.code, 1, "{}", github.stderr);
    assert!(github.stdout.contains("line=1,col=26"), "{}", github.stdout);
    assert!(!github.stderr.contains("panicked"), "{}", github.stderr);

    let site = TestSite::copy("small");
    site.edit("content/about.md", "title: \"О центре\"", "title: \"x\" я");
    refused(
        &site.run(&["check"]),
        "yaml-syntax",
        "content/about.md:2:12",
    );
}

#[test]
fn a_byte_order_mark_inside_a_file_is_named_in_the_help() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "published:",
        "\u{feff}published:",
    );
    let run = site.run(&["check"]);
    refused(&run, "yaml-syntax", "data/reports/2024-02.yaml:2:1");
    assert!(run.stderr.contains("BOM"), "{}", run.stderr);
}

#[test]
fn an_empty_trailing_document_is_an_error_at_its_line() {
    let site = TestSite::copy("small");
    let text = site.read("data/site.yaml");
    let line = text.lines().count() + 1;
    site.write("data/site.yaml", &format!("{text}---\n"));
    refused(
        &site.run(&["check"]),
        "yaml-documents",
        &format!("data/site.yaml:{line}:1"),
    );
}

#[test]
fn an_empty_report_file_is_an_error_not_skipped() {
    let site = TestSite::copy("small");
    site.write("data/reports/2024-03.yaml", "");
    let run = site.run(&["check"]);
    refused(&run, "empty-file", "data/reports/2024-03.yaml");
    site.write("data/reports/2024-03.yaml", "# заполню завтра\n");
    refused(
        &site.run(&["check"]),
        "empty-file",
        "data/reports/2024-03.yaml",
    );
}

#[test]
fn an_empty_or_comment_only_front_matter_is_an_error_not_an_unpublished_page() {
    for front in ["", "# черновик\n"] {
        let site = TestSite::copy("small");
        site.write("content/contacts.md", &format!("---\n{front}---\nТекст\n"));
        refused(
            &site.run(&["check"]),
            "missing-key",
            "content/contacts.md:1:1",
        );
    }
}

#[test]
#[cfg(unix)]
fn a_symlinked_report_inside_the_root_is_read_and_one_leading_outside_is_refused() {
    let site = TestSite::copy("small");
    let shared = site.path("shared/2024-03.yaml");
    std::fs::create_dir_all(shared.parent().unwrap()).unwrap();
    let march = site
        .read("data/reports/2024-02.yaml")
        .replace("period: 2024-02", "period: 2024-03")
        .replace("published: 2024-03-04", "published: 2024-04-02");
    std::fs::write(&shared, march).unwrap();
    std::os::unix::fs::symlink(&shared, site.path("data/reports/2024-03.yaml")).unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("4 отчёта"),
        "the linked month counts: {}",
        run.stderr
    );

    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("notes.md");
    std::fs::write(&secret, "---\ntitle: \"Не для сайта\"\n---\nсекрет\n").unwrap();
    std::os::unix::fs::symlink(&secret, site.path("content/notes.md")).unwrap();
    let run = site.run(&["check"]);
    refused(&run, "symlink-outside", "content/notes.md");
    let out = site.path("public");
    let build = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!out.join("notes/index.html").exists());
}

#[test]
fn two_pages_whose_addresses_differ_only_in_case_are_an_error() {
    let site = TestSite::copy("small");
    site.write(
        "content/About.md",
        "---\ntitle: \"Ещё о центре\"\n---\nТекст\n",
    );
    let run = site.run(&["check"]);
    refused(&run, "page-url-duplicate", "content/");
    assert!(
        run.stderr.contains("/about/") && run.stderr.contains("/About/"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_yaml_tag_is_refused_not_ignored() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "recipients: {total: 42",
        "recipients: {total: !!str 42",
    );
    refused(
        &site.run(&["check"]),
        "yaml-tag",
        "data/reports/2024-02.yaml:8:21",
    );
}

#[test]
fn an_alias_bomb_is_refused_at_the_alias_that_passes_the_limit() {
    let site = TestSite::copy("small");
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    site.write("data/structure.yaml", &bomb);
    refused(
        &site.run(&["check"]),
        "yaml-alias-limit",
        "data/structure.yaml:",
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let site = TestSite::copy("small");
    let mut text = site.read("data/reports/2024-02.yaml");
    text.push_str(&format!("# {}\n", "ж".repeat(3 * 1024 * 1024)));
    site.write("data/reports/2024-02.yaml", &text);
    refused(
        &site.run(&["check"]),
        "file-too-large",
        "data/reports/2024-02.yaml",
    );
}

#[test]
fn a_long_decision_id_fails_check_as_it_would_fail_build() {
    let site = TestSite::copy("small");
    let long = "a".repeat(300);
    site.edit(
        "data/decisions/2024.yaml",
        "id: skver",
        &format!("id: {long}"),
    );
    refused(
        &site.run(&["check"]),
        "id-too-long",
        "data/decisions/2024.yaml:1:7",
    );
}

#[test]
fn a_theme_named_by_a_whole_paragraph_still_builds() {
    let site = TestSite::copy("small");
    let long = "Очень длинное название темы обращений ".repeat(30);
    site.edit(
        "data/reports/2024-02.yaml",
        "theme: \"Дороги\"",
        &format!("theme: \"{long}\""),
    );
    let out = site.path("public");
    let run = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let themes: Vec<String> = std::fs::read_dir(out.join("themes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        themes.iter().any(|t| t.starts_with("ochen-dlinnoe")),
        "{themes:?}"
    );
    assert!(themes.iter().all(|t| t.len() <= 60), "{themes:?}");
}

#[test]
fn an_encoding_error_points_at_the_line_and_column_of_the_first_bad_byte() {
    let site = TestSite::copy("small");
    let mut bytes = site.read("data/reports/2024-02.yaml").into_bytes();
    let at = bytes.windows(7).position(|w| w == b"summary").unwrap();
    // "Февраль" in Windows-1251, as an old editor saves it.
    bytes.splice(at..at, b"# \xd4\xe5\xe2\xf0\xe0\xeb\xfc\n".iter().copied());
    std::fs::write(site.path("data/reports/2024-02.yaml"), bytes).unwrap();
    refused(
        &site.run(&["check"]),
        "encoding",
        "data/reports/2024-02.yaml:16:3",
    );
}

#[test]
fn a_count_too_large_to_sum_is_refused_at_its_position() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "hotline: {total: 50",
        "hotline: {total: 18446744073709551615",
    );
    refused(
        &site.run(&["check"]),
        "count-too-large",
        "data/reports/2024-02.yaml:7:20",
    );
}

#[test]
fn a_huge_unknown_key_is_quoted_short() {
    let site = TestSite::copy("small");
    let mut text = site.read("data/site.yaml");
    // An explicit key (`? …`): YAML limits implicit keys to 1024 characters.
    text.push_str(&format!("? \"{}\"\n: 1\n", "к".repeat(400_000)));
    site.write("data/site.yaml", &text);
    let run = site.run(&["check"]);
    refused(&run, "unknown-key", "data/site.yaml:");
    assert!(
        run.stderr.len() < 4_000,
        "{} bytes of messages",
        run.stderr.len()
    );
}
