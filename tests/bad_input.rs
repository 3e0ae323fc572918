//! Every "Bad input" example of DATA-FORMAT.md: the build exits 1, names the file, line and
//! column and what was expected, and leaves the previous site untouched.

mod common;

use common::{TestSite, snapshot_dir};

/// One broken site: the edit that breaks it, and what the error must say.
struct Case {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// The `file:line:col` the error must point at.
    at: &'static str,
    /// Words the message must contain, in Russian (the default language): each of them.
    says: &'static [&'static str],
    /// Words the message must contain with `--lang en`.
    says_en: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "count below zero",
        file: "data/reports/2024-02.yaml",
        from: "total: 50, fast_track: 25",
        to: "total: -50, fast_track: 25",
        at: "data/reports/2024-02.yaml:7:20",
        says: &["ошибка[count-negative]: число не может быть отрицательным: -50"],
        says_en: "a count cannot be negative: -50",
    },
    Case {
        name: "count not a whole number",
        file: "data/reports/2024-02.yaml",
        from: "roadmap: 60",
        to: "roadmap: 60.5",
        at: "data/reports/2024-02.yaml:5:71",
        says: &["ошибка[count-fraction]: число должно быть целым: 60.5"],
        says_en: "a count must be a whole number",
    },
    Case {
        name: "part greater than its total",
        file: "data/reports/2024-02.yaml",
        from: "appeals: {total: 100, fast_track: 45",
        to: "appeals: {total: 100, fast_track: 320",
        at: "data/reports/2024-02.yaml:4:37",
        says: &[
            "ошибка[part-over-total]: доля не может превышать общее число: 320 > 100",
            "`fast_track` больше, чем `total`",
        ],
        says_en: "`fast_track` (320) is greater than `total` (100)",
    },
    Case {
        name: "informing above total",
        file: "data/reports/2024-02.yaml",
        from: "informing: 21",
        to: "informing: 43",
        at: "data/reports/2024-02.yaml:8:36",
        says: &[
            "ошибка[part-over-total]: доля не может превышать общее число: 43 > 42",
            "`informing` больше, чем `total`",
        ],
        says_en: "`informing` (43) is greater than `total` (42)",
    },
    Case {
        name: "period does not match the file name",
        file: "data/reports/2024-02.yaml",
        from: "period: 2024-02",
        to: "period: 2024-03",
        at: "data/reports/2024-02.yaml:1:9",
        says: &["ошибка[period-mismatch]: период 2024-03 не совпадает с именем файла 2024-02"],
        says_en: "does not match the file name",
    },
    Case {
        name: "unknown channel",
        file: "data/reports/2024-02.yaml",
        from: "  hotline:",
        to: "  hotlines:",
        at: "data/reports/2024-02.yaml:7:3",
        says: &["ошибка[unknown-key]: неизвестный ключ `hotlines` в разделе «каналы поступления»"],
        says_en: "unknown key `hotlines` in the channels",
    },
    Case {
        name: "misspelt key suggests the right one",
        file: "data/reports/2024-02.yaml",
        from: "pos:     {total: 300, fast_track",
        to: "pos:     {total: 300, fasttrack",
        at: "data/reports/2024-02.yaml:5:25",
        says: &[
            "ошибка[unknown-key]: неизвестный ключ `fasttrack`",
            "подсказка: Возможно, вы имели в виду `fast_track`?",
        ],
        says_en: "did you mean `fast_track`?",
    },
    Case {
        name: "unknown target",
        file: "data/targets.yaml",
        from: "auto_control: 50}",
        to: "auto_controll: 50}",
        at: "data/targets.yaml:5:41",
        says: &["ошибка[unknown-target]: неизвестный целевой показатель `auto_controll`"],
        says_en: "unknown target `auto_controll`",
    },
    Case {
        name: "duplicate decision id",
        file: "data/decisions/2024.yaml",
        from: "- id: fonari",
        to: "- id: skver",
        at: "data/decisions/2024.yaml:15:7",
        says: &["ошибка[duplicate-id]: у двух решений одинаковый `id`: `skver`"],
        says_en: "two decisions have the id `skver`",
    },
    Case {
        name: "date that does not exist",
        file: "data/reports/2024-02.yaml",
        from: "published: 2024-03-04",
        to: "published: 2024-02-30",
        at: "data/reports/2024-02.yaml:2:12",
        says: &["ошибка[date-invalid]: даты 2024-02-30 нет в календаре"],
        says_en: "2024-02-30 is not a date",
    },
    Case {
        name: "measure done before its road map was approved",
        file: "data/roadmaps/dorogi.yaml",
        from: "done: 2024-01-25",
        to: "done: 2023-11-25",
        at: "data/roadmaps/dorogi.yaml:8:82",
        says: &[
            "ошибка[done-before-approved]: мероприятие выполнено (2023-11-25) раньше, чем утверждена дорожная карта (2023-12-01)",
        ],
        says_en: "before its road map was approved",
    },
    Case {
        name: "url that is not http(s)",
        file: "data/site.yaml",
        from: "url: \"https://vk.com/test_mcu\"",
        to: "url: \"javascript:alert(1)\"",
        at: "data/site.yaml:9:33",
        says: &[
            "ошибка[url-scheme]: `javascript:alert(1)` — не адрес в интернете (http или https)",
        ],
        says_en: "is not an http(s) address",
    },
    Case {
        name: "missing key",
        file: "data/reports/2024-02.yaml",
        from: "published: 2024-03-04\n",
        to: "",
        at: "data/reports/2024-02.yaml:1:1",
        says: &["ошибка[missing-key]: в разделе «отчёт за месяц» нет ключа `published`"],
        says_en: "the report has no `published`",
    },
    Case {
        name: "duplicate key",
        file: "data/reports/2024-02.yaml",
        from: "recipients: {total: 42, informing: 21}",
        to: "recipients: {total: 42, informing: 21, total: 43}",
        at: "data/reports/2024-02.yaml:8:40",
        says: &["ошибка[duplicate-key]: ключ `total` записан дважды в одном разделе"],
        says_en: "the key `total` appears twice",
    },
    Case {
        name: "yaml syntax error",
        file: "data/reports/2024-02.yaml",
        from: "recipients: {total: 42, informing: 21}",
        to: "recipients: {total: 42, informing: 21",
        at: "data/reports/2024-02.yaml:9:",
        says: &["ошибка[yaml-syntax]: ошибка в разметке YAML"],
        says_en: "not valid YAML",
    },
    Case {
        name: "front matter error in a page",
        file: "content/about.md",
        from: "weight: 10",
        to: "weight: 10\ndate: 2024-13-01",
        at: "content/about.md:4:7",
        says: &["ошибка[date-invalid]: даты 2024-13-01 нет в календаре"],
        says_en: "2024-13-01 is not a date",
    },
    Case {
        name: "unknown decision status",
        file: "data/decisions/2024.yaml",
        from: "status: planned",
        to: "status: planed",
        at: "data/decisions/2024.yaml:19:11",
        says: &[
            "ошибка[unknown-value]: неизвестное значение поля «статус»: `planed`",
            "подсказка: Возможно, вы имели в виду `planned`?",
        ],
        says_en: "did you mean `planned`?",
    },
    Case {
        name: "unknown decision kind",
        file: "data/decisions/2024.yaml",
        from: "kind: survey",
        to: "kind: poll",
        at: "data/decisions/2024.yaml:17:9",
        says: &["ошибка[unknown-value]: неизвестное значение поля «форма участия»: `poll`"],
        says_en: "unknown kind `poll`",
    },
    Case {
        name: "informing post url that is not http(s)",
        file: "data/decisions/2024.yaml",
        from: "url: \"https://t.me/test/2\"",
        to: "url: \"t.me/test/2\"",
        at: "data/decisions/2024.yaml:14:52",
        says: &["ошибка[url-scheme]: `t.me/test/2` — не адрес в интернете (http или https)"],
        says_en: "`t.me/test/2` is not an http(s) address",
    },
    Case {
        name: "informing post before adoption",
        file: "data/decisions/2024.yaml",
        from: "{date: 2024-02-05,",
        to: "{date: 2024-01-05,",
        at: "data/decisions/2024.yaml:14:7",
        says: &[
            "ошибка[informing-before-adoption]: публикация в социальных сетях датирована раньше, чем принято решение",
        ],
        says_en: "dated before the decision was adopted",
    },
    Case {
        name: "measure both done and cancelled",
        file: "data/roadmaps/dorogi.yaml",
        from: "due: 2024-05-31, cancelled",
        to: "due: 2024-05-31, done: 2024-02-01, cancelled",
        at: "data/roadmaps/dorogi.yaml:11:5",
        says: &[
            "ошибка[done-and-cancelled]: мероприятие не может быть одновременно выполнено и отменено",
        ],
        says_en: "both done and cancelled",
    },
];

/// Builds the good fixture and marks its home page by hand, so that a later build that touched
/// the folder would show. The mark goes into a file Vitrina wrote: a file of its own in `public/`
/// would make the build refuse the folder before it even reads the data.
fn with_previous_site(site: &TestSite, case_name: &str) {
    let run = site.run(&["build"]);
    assert_eq!(
        run.code, 0,
        "{case_name}: the fixture must build first\n{}",
        run.stderr
    );
    site.write("public/index.html", "previous site");
}

fn assert_fails_cleanly(site: &TestSite, case_name: &str) -> String {
    let before = snapshot_dir(&site.path("public"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{case_name}: expected exit 1\n{}", run.stderr);
    assert!(
        !run.stderr.contains("panicked"),
        "{case_name}: panic\n{}",
        run.stderr
    );
    assert_eq!(
        site.read("public/index.html"),
        "previous site",
        "{case_name}: the previous site was touched"
    );
    assert!(
        snapshot_dir(&site.path("public")) == before,
        "{case_name}: the previous site changed"
    );
    assert!(
        run.stderr
            .contains("ошибка: сайт не собран; прежняя версия в папке вывода не тронута"),
        "{case_name}: no closing line\n{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn each_bad_input_fails_with_its_position_and_leaves_the_previous_site() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = TestSite::copy("small");
        with_previous_site(&site, case.name);
        site.edit(case.file, case.from, case.to);
        let stderr = assert_fails_cleanly(&site, case.name);
        if !stderr.contains(case.at) || !case.says.iter().all(|s| stderr.contains(s)) {
            failures.push(format!(
                "--- {}: expected `{}` and {:?} in:\n{stderr}",
                case.name, case.at, case.says
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_bad_input_is_reported_in_english_with_lang_en() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = TestSite::copy("small");
        site.edit(case.file, case.from, case.to);
        let run = site.run(&["check", "--lang", "en"]);
        let ok = run.code == 1
            && !run.stderr.contains("panicked")
            && run.stderr.contains("error[")
            && run.stderr.contains(case.at)
            && run.stderr.contains(case.says_en)
            && !run.stderr.contains("ошибка")
            && !run.stderr.contains("подсказка:");
        if !ok {
            failures.push(format!(
                "--- {} (exit {}): expected `{}` and `{}` in English in:\n{}",
                case.name, run.code, case.at, case.says_en, run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The closing lines of a failed build are English too.
    let site = TestSite::copy("small");
    site.edit("data/reports/2024-02.yaml", "roadmap: 60", "roadmap: -60");
    let run = site.run(&["build", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[count-negative]: a count cannot be negative: -60"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the site was not built; the previous output is unchanged"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_reports_for_one_month_are_refused() {
    let site = TestSite::copy("small");
    with_previous_site(&site, "duplicate period");
    let copy = site.read("data/reports/2024-01.yaml");
    site.write("data/reports/archive/2024-01.yaml", &copy);
    let stderr = assert_fails_cleanly(&site, "duplicate period");
    assert!(
        stderr.contains("ошибка[duplicate-period]: два отчёта за 2024-01"),
        "{stderr}"
    );
    assert!(
        stderr.contains("data/reports/archive/2024-01.yaml:1:9"),
        "{stderr}"
    );
}

#[test]
fn one_run_reports_every_error_of_every_file() {
    let site = TestSite::copy("small");
    with_previous_site(&site, "many errors");
    site.edit("data/reports/2024-02.yaml", "roadmap: 60", "roadmap: -60");
    site.edit(
        "data/reports/2024-01.yaml",
        "published: 2024-02-02",
        "published: 2024-02-31",
    );
    site.edit("data/decisions/2024.yaml", "kind: survey", "kind: poll");
    site.edit(
        "data/site.yaml",
        "base_url: \"https://mcu.test.example/\"",
        "base_url: \"mcu.test.example\"",
    );
    site.edit("content/about.md", "title: \"О центре\"\n", "");
    let stderr = assert_fails_cleanly(&site, "many errors");
    for expected in [
        "data/reports/2024-02.yaml:5:",
        "data/reports/2024-01.yaml:2:",
        "data/decisions/2024.yaml:",
        "data/site.yaml:4:",
        "content/about.md:",
        "5 ошибок, 0 предупреждений",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected} in:\n{stderr}"
        );
    }
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_not_a_panic() {
    let site = TestSite::copy("small");
    std::fs::write(
        site.path("data/reports/2024-03.yaml"),
        b"period: 2024-03\n\xff\xfe",
    )
    .unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("ошибка[encoding]: файл сохранён не в кодировке UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_template_override_fails_the_build() {
    let site = TestSite::copy("small");
    with_previous_site(&site, "broken template");
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ page.title | nosuchfilter }}{% endblock content %}");
    let stderr = assert_fails_cleanly(&site, "broken template");
    assert!(stderr.contains("nosuchfilter"), "{stderr}");
}

/// `encoding` once named both a data file and a theme's template that is not UTF-8.
#[test]
fn a_theme_template_that_is_not_utf8_has_a_code_of_its_own() {
    let site = TestSite::copy("small");
    let dir = site.path("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("page.html"), b"<p>\xff\xfe</p>").unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("ошибка[template-encoding]: шаблон сохранён не в кодировке UTF-8"),
        "{}",
        run.stderr
    );
}

/// `no-data` once named both a site without `data/` and an import into one.
#[test]
fn an_import_into_a_folder_without_data_has_a_code_of_its_own() {
    let empty = tempfile::tempdir().unwrap();
    let root = empty.path().to_string_lossy().into_owned();
    let run = common::vitrina(&["import", "otchet.csv", "--root", &root]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("ошибка[import-no-data]: в папке"),
        "{}",
        run.stderr
    );
}
