//! `vitrina new-month`: the next month's file, laid out like the latest report, every count blank;
//! `check` points at each blank by file and line, and once they are filled the site passes.

#[path = "common/blanks.rs"]
mod blanks;
mod common;

use common::TestSite;
use vitrina::diag::Diagnostics;
use vitrina::source::FileId;
use vitrina::yaml::{Node, Value};

const NEW: &str = "data/reports/2024-03.yaml";

fn parse(text: &str) -> Node {
    let mut d = Diagnostics::new();
    let node = vitrina::yaml::parse(text, FileId(0), 0, &mut d).expect("the new file is YAML");
    assert_eq!(d.iter().count(), 0, "{d:?}");
    node
}

fn keys(node: &Node) -> Vec<&str> {
    match &node.value {
        Value::Map(entries) => entries.iter().filter_map(|e| e.key.scalar()).collect(),
        _ => Vec::new(),
    }
}

/// The scalar `key` of every item of the list `list`.
fn names<'n>(node: &'n Node, list: &str, key: &str) -> Vec<&'n str> {
    match node.get(list).map(|n| &n.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|i| i.get(key).and_then(Node::scalar))
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn writes_the_month_after_the_latest_and_prints_its_path() {
    let site = TestSite::copy("small");
    let run = site.run(&["new-month"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), site.path(NEW).display().to_string());
    assert!(
        run.stderr.contains(
            "создан отчёт за март 2024 по образцу data/reports/2024-02.yaml: \
             заполните все пустые значения, затем запустите `vitrina check`"
        ),
        "{}",
        run.stderr
    );
    let text = site.read(NEW);
    assert!(text.contains("\nperiod: 2024-03\n"), "{text}");
    assert!(text.starts_with("# Отчёт МЦУ за март 2024 г."), "{text}");
}

#[test]
fn keeps_the_latest_reports_layout_with_every_count_blank() {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "  digital: {total: 0, fast_track: 0, auto_delivery: 0, roadmap: 0, info_systems: 0, auto_control: 0}\n",
        "",
    );
    assert_eq!(site.run(&["new-month"]).code, 0);
    let text = site.read(NEW);
    let report = parse(&text);
    let channels = report.get("channels").unwrap();
    assert_eq!(keys(channels), ["appeals", "pos", "hotline"]);
    for channel in keys(channels) {
        let counts = channels.get(channel).unwrap();
        assert_eq!(
            keys(counts),
            [
                "total",
                "fast_track",
                "auto_delivery",
                "roadmap",
                "info_systems",
                "auto_control"
            ]
        );
        assert!(
            keys(counts)
                .iter()
                .all(|k| counts.get(k).unwrap().is_null())
        );
    }
    assert_eq!(
        names(&report, "themes", "theme"),
        ["ЖКХ", "<script>alert(1)</script>", "Дороги"]
    );
    assert_eq!(
        names(&report, "recipients_rating", "name"),
        ["МКУ «Городское хозяйство»"]
    );
    assert_eq!(
        keys(report.get("satisfaction").unwrap()),
        ["responses", "satisfied"]
    );
    assert!(report.get("published").unwrap().is_null());
    assert_eq!(report.get("period").unwrap().scalar(), Some("2024-03"));
    // The official number and wording beside the keys, from the indicator table.
    assert!(
        text.contains("    fast_track:       # инд. 2: …и обработанных по фаст-треку\n"),
        "{text}"
    );
    assert!(text.contains("# инд. 10: Общее количество ответственных получателей"));
}

#[test]
fn check_points_at_each_blank_with_file_and_line() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["new-month"]).code, 0);
    let text = site.read(NEW);
    let required: Vec<_> = blanks::blanks(&text)
        .into_iter()
        .filter(|b| !b.optional)
        .collect();
    // published, 4 channels × 6 counts, 2 recipients, 3 themes, 1 recipient, 2 of satisfaction.
    assert_eq!(required.len(), 1 + 24 + 2 + 3 + 1 + 2, "{required:?}");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let reported = |b: &blanks::Blank, stderr: &str| {
        let at = format!("{NEW}:{}:{}", b.line, b.column);
        let says = format!("у `{}` нет значения", b.key);
        stderr
            .split("\n\n")
            .any(|d| d.contains(&at) && d.contains(&says))
    };
    for b in &required {
        assert!(
            reported(b, &run.stderr),
            "not reported: `{}` at line {}:\n{}",
            b.key,
            b.line,
            run.stderr
        );
    }
    // 33 errors, as counted above: "ошибки" is the form for 33.
    let expected = required.len();
    assert!(
        run.stderr
            .contains(&format!("{expected} ошибки, 0 предупреждений")),
        "{}",
        run.stderr
    );
}

#[test]
fn filled_in_it_passes_strict_check() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["new-month"]).code, 0);
    let filled = blanks::fill(&site.read(NEW), "2024-04-02");
    site.write(NEW, &filled);
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{filled}\n{}", run.stderr);
    assert!(
        run.stderr.contains("ошибок нет: проверено 4 отчёта"),
        "{}",
        run.stderr
    );
}

#[test]
fn refuses_to_overwrite_an_existing_report() {
    let site = TestSite::copy("small");
    let before = site.read("data/reports/2024-02.yaml");
    let run = site.run(&["new-month", "2024-02"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("ошибка: файл data/reports/2024-02.yaml уже есть"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("никогда не перезаписывает"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("data/reports/2024-02.yaml"), before);
}

#[test]
fn a_second_run_does_not_skip_past_the_blank_month() {
    let site = TestSite::copy("small");
    assert_eq!(site.run(&["new-month"]).code, 0);
    let run = site.run(&["new-month"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("в data/reports/2024-03.yaml ещё есть незаполненные значения"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("vitrina new-month 2024-04"));
    assert!(!site.path("data/reports/2024-04.yaml").exists());
    // Named, the month is written.
    assert_eq!(site.run(&["new-month", "2024-04"]).code, 0);
}

#[test]
fn refuses_a_month_that_has_a_report_under_another_name() {
    let site = TestSite::copy("small");
    let text = site.read("data/reports/2024-01.yaml");
    std::fs::remove_file(site.path("data/reports/2024-01.yaml")).unwrap();
    site.write("data/reports/archive/2024-01.yml", &text);
    let run = site.run(&["new-month", "2024-01"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("отчёт за январь 2024 уже есть: data/reports/archive/2024-01.yml"),
        "{}",
        run.stderr
    );
    assert!(!site.path("data/reports/2024-01.yaml").exists());
}

#[test]
fn reports_filed_by_year_get_the_new_one_filed_the_same_way() {
    let site = TestSite::copy("small");
    let text = site.read("data/reports/2024-02.yaml");
    std::fs::remove_file(site.path("data/reports/2024-02.yaml")).unwrap();
    site.write("data/reports/2024/2024-02.yaml", &text);
    let run = site.run(&["new-month"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("data/reports/2024/2024-03.yaml").is_file());
    assert!(!site.path(NEW).exists());
}

#[test]
fn without_reports_it_asks_for_the_month_then_writes_all_four_channels() {
    let site = TestSite::copy("small");
    std::fs::remove_dir_all(site.path("data/reports")).unwrap();
    let run = site.run(&["new-month"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("ещё нет отчётов"), "{}", run.stderr);
    assert!(run.stderr.contains("vitrina new-month 2025-01"));

    let run = site.run(&["new-month", "2024-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read(NEW);
    let report = parse(&text);
    assert_eq!(
        keys(report.get("channels").unwrap()),
        ["appeals", "pos", "digital", "hotline"]
    );
    assert!(report.get("themes").is_none());
    assert!(text.contains("\n#   - theme: \"ЖКХ\"\n"), "{text}");

    site.write(NEW, &blanks::fill(&text, "2024-04-02"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_folder_without_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::vitrina(&["new-month", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("нет папки data/"), "{}", run.stderr);
}

#[test]
fn a_month_that_is_not_yyyy_mm_is_a_usage_error() {
    let site = TestSite::copy("small");
    let run = site.run(&["new-month", "2024-3"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a month YYYY-MM"), "{}", run.stderr);
}
