//! `vitrina check --format json|github`: the same diagnostics as the human output, for scripts and
//! for GitHub pull requests, with the same exit codes.

mod common;

use common::{Run, TestSite};
use std::path::Path;
use std::process::Command;

/// The small fixture with one count below zero, at `data/reports/2024-02.yaml:7:20`.
fn broken() -> TestSite {
    let site = TestSite::copy("small");
    site.edit(
        "data/reports/2024-02.yaml",
        "total: 50, fast_track: 25",
        "total: -50, fast_track: 25",
    );
    site
}

/// Runs the binary in `dir` with `args`, as CI does: no `--root` unless given.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap(),
    )
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", run.stdout))
}

#[test]
fn json_gives_a_known_error_with_its_position() {
    let site = broken();
    let run = site.run(&["check", "--lang", "en", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["errors"], 1, "{v:#}");
    assert_eq!(v["warnings"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "count-negative");
    assert_eq!(d["message"], "a count cannot be negative: -50");
    assert_eq!(d["file"], "data/reports/2024-02.yaml");
    assert_eq!(
        (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
        (&7.into(), &20.into(), &7.into(), &23.into())
    );
    assert_eq!(d["label"], "expected a whole number, 0 or more");
    assert!(d["help"].as_str().unwrap().contains("write 0"), "{d:#}");
    assert!(
        !run.stderr.contains("count-negative"),
        "json keeps the diagnostics off stderr:\n{}",
        run.stderr
    );
}

#[test]
fn json_lists_diagnostics_in_the_order_of_the_human_output() {
    let site = broken();
    site.edit(
        "data/reports/2023-12.yaml",
        "published: 2024-01-03",
        "published: 2024-01-32",
    );
    let v = json(&site.run(&["check", "--format", "json"]));
    let got: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    let human = site.run(&["check"]).stderr;
    let mut at = 0;
    for place in &got {
        let found = human[at..]
            .find(place.as_str())
            .unwrap_or_else(|| panic!("{place} out of order in:\n{human}"));
        at += found;
    }
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn json_of_a_good_site_has_no_diagnostics() {
    let site = TestSite::copy("small");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["diagnostics"], serde_json::json!([]));
    assert_eq!(
        (v["errors"].as_u64(), v["warnings"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn json_warnings_fail_only_with_strict() {
    let site = TestSite::copy("small");
    std::fs::remove_file(site.path("data/reports/2024-01.yaml")).unwrap();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["warnings"], 1, "{v:#}");
    assert_eq!(v["diagnostics"][0]["severity"], "warning");
    assert_eq!(v["diagnostics"][0]["code"], "missing-month");
    let run = site.run(&["check", "--format", "json", "--strict"]);
    assert_eq!(run.code, 1);
    assert_eq!(json(&run)["warnings"], 1);
}

#[test]
fn github_prints_one_annotation_per_diagnostic() {
    let site = broken();
    let run = run_in(
        site.root(),
        &["check", "--lang", "en", "--format", "github"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::error file=data/reports/2024-02.yaml,line=7,col=20,endLine=7,endColumn=23,\
         title=count-negative::a count cannot be negative: -50\
         %0Ahelp: counts are numbers of appeals, recipients or decisions: write 0 if there were none\n"
    );
    assert!(
        run.stderr.contains("data/reports/2024-02.yaml:7:20"),
        "the CI log keeps the human form:\n{}",
        run.stderr
    );
}

#[test]
fn github_names_files_from_the_working_folder() {
    let site = broken();
    let run = run_in(
        site.root().parent().unwrap(),
        &[
            "check",
            "--format",
            "github",
            "--root",
            site.root().file_name().unwrap().to_str().unwrap(),
        ],
    );
    let name = site.root().file_name().unwrap().to_str().unwrap();
    assert!(
        run.stdout.starts_with(&format!(
            "::error file={name}/data/reports/2024-02.yaml,line=7,col=20,"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn github_warnings_are_warning_annotations() {
    let site = TestSite::copy("small");
    std::fs::remove_file(site.path("data/reports/2024-01.yaml")).unwrap();
    let run = run_in(
        site.root(),
        &["check", "--lang", "en", "--strict", "--format", "github"],
    );
    assert_eq!(run.code, 1);
    let lines: Vec<_> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(
        lines[0].starts_with("::warning file=data/reports/2024-02.yaml,line=1,col=9,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(
        ",title=missing-month::no report for 2024-01 between 2023-12 and 2024-02%0Ahelp: "
    ));
}

#[test]
fn json_and_github_speak_russian_by_default() {
    let site = broken();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["errors"], 1, "{v:#}");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "count-negative", "codes are not translated");
    assert_eq!(d["severity"], "error", "severities are not translated");
    assert_eq!(d["message"], "число не может быть отрицательным: -50");
    assert_eq!(d["label"], "ожидается целое число, 0 или больше");
    assert_eq!(
        d["help"],
        "здесь считают обращения, получателей или решения: если их не было, запишите 0"
    );

    let run = run_in(site.root(), &["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::error file=data/reports/2024-02.yaml,line=7,col=20,endLine=7,endColumn=23,\
         title=count-negative::число не может быть отрицательным: -50\
         %0Aподсказка: здесь считают обращения, получателей или решения: если их не было, \
         запишите 0\n"
    );
    assert!(
        run.stderr.contains("ошибка[count-negative]"),
        "the CI log keeps the human form, in Russian too:\n{}",
        run.stderr
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let site = TestSite::copy("small");
    let run = site.run(&["check", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("human, json, github"), "{}", run.stderr);
}
