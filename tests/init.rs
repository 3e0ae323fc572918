//! `vitrina init DIR`: a new site that builds and passes `check --strict` at once, refuses a folder
//! that is not empty, and ships CI workflows that are valid YAML and call commands that exist.

#[path = "common/blanks.rs"]
mod blanks;
mod common;

use clap::Parser;
use common::vitrina;
use std::path::{Path, PathBuf};
use vitrina::cli::Cli;
use vitrina::diag::Diagnostics;
use vitrina::source::FileId;
use vitrina::yaml::{Node, Value};

/// A new site in a fresh temporary folder.
struct NewSite {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl NewSite {
    fn create() -> NewSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("mcu");
        let run = vitrina(&["init", root.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr.contains("новый сайт создан в папке "),
            "{}",
            run.stderr
        );
        NewSite { _tmp: tmp, root }
    }

    fn run(&self, args: &[&str]) -> common::Run {
        let mut all = args.to_vec();
        all.extend(["--root", self.root.to_str().unwrap()]);
        vitrina(&all)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

fn parse_yaml(text: &str, name: &str) -> Node {
    let mut d = Diagnostics::new();
    let node = vitrina::yaml::parse(text, FileId(0), 0, &mut d);
    assert_eq!(d.iter().count(), 0, "{name}: {d:?}");
    node.unwrap_or_else(|| panic!("{name} is empty"))
}

/// Every scalar in the tree.
fn scalars<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    match &node.value {
        Value::Scalar { text, .. } => out.push(text),
        Value::Seq(items) => items.iter().for_each(|n| scalars(n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| {
            scalars(&e.key, out);
            scalars(&e.value, out);
        }),
    }
}

/// The `vitrina …` command lines inside some text, split into arguments. An argument that is a
/// CI variable (`"$CI_PAGES_URL"`, `"${{ … }}"`) stands for a URL.
fn vitrina_commands(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.trim().trim_start_matches("- ").trim())
        .filter(|l| l.starts_with("vitrina "))
        .map(|l| {
            let mut args = Vec::new();
            let mut rest = l;
            while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
                rest = &rest[start..];
                let (arg, tail) = match rest.strip_prefix('"') {
                    Some(r) => {
                        let end = r.find('"').expect("a closing quote");
                        (&r[..end], &r[end + 1..])
                    }
                    None => {
                        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        (&rest[..end], &rest[end..])
                    }
                };
                args.push(if arg.contains('$') {
                    "https://example.org/site".to_string()
                } else {
                    arg.to_string()
                });
                rest = tail;
            }
            args
        })
        .collect()
}

/// Checks each command against the real command line definition: a subcommand or a flag that
/// does not exist, or a value it refuses, fails the parse.
fn assert_commands_exist(commands: &[Vec<String>], source: &str) {
    for args in commands {
        if let Err(e) = Cli::try_parse_from(args) {
            panic!(
                "{source}: `{}` is not a valid command:\n{e}",
                args.join(" ")
            );
        }
    }
}

#[test]
fn a_new_site_builds_and_passes_strict_check() {
    let site = NewSite::create();
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ошибок нет: проверено 3 отчёта"),
        "{}",
        run.stderr
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "reports/2025-03/index.html",
        "reports/2025/index.html",
        "about/index.html",
        "decisions/blagoustroistvo-2025/index.html",
        "roadmaps/yamochnyi-remont/index.html",
        "clarifications/voda-na-mesyats/index.html",
    ] {
        assert!(
            site.root.join("public").join(page).is_file(),
            "missing {page}"
        );
    }
    for file in [
        "README.md",
        "data/site.yaml",
        "data/targets.yaml",
        "docs/rukovodstvo.md",
        ".github/workflows/vitrina.yml",
        ".gitlab-ci.yml",
        ".gitignore",
    ] {
        assert!(site.root.join(file).is_file(), "missing {file}");
    }
    assert_eq!(
        site.read("docs/rukovodstvo.md"),
        include_str!("../docs/rukovodstvo.md"),
        "the publisher's guide is the one of this repository"
    );
}

#[test]
fn the_monthly_routine_of_the_readme_works_on_a_new_site() {
    let site = NewSite::create();
    let run = site.run(&["new-month"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rel = "data/reports/2025-04.yaml";
    assert_eq!(run.stdout.trim(), site.root.join(rel).display().to_string());
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!("{rel}:")) && run.stderr.contains("` нет значения"),
        "{}",
        run.stderr
    );
    std::fs::write(
        site.root.join(rel),
        blanks::fill(&site.read(rel), "2025-05-02"),
    )
    .unwrap();
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(
        site.root
            .join("public/reports/2025-04/index.html")
            .is_file()
    );
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "мои заметки").unwrap();
    let run = vitrina(&["init", tmp.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("не пуста"), "{}", run.stderr);
    assert!(run.stderr.contains("подсказка: "), "{}", run.stderr);
    assert!(!tmp.path().join("data").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "мои заметки"
    );
}

#[test]
fn an_empty_folder_or_a_fresh_git_repository_is_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let run = vitrina(&["init", tmp.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(tmp.path().join("data/site.yaml").is_file());
}

#[test]
fn workflow_files_are_valid_yaml_with_the_expected_jobs() {
    let site = NewSite::create();
    let github = parse_yaml(
        &site.read(".github/workflows/vitrina.yml"),
        "the GitHub workflow",
    );
    let jobs = github.get("jobs").expect("jobs");
    assert!(jobs.get("build").is_some() && jobs.get("deploy").is_some());
    let mut texts = Vec::new();
    scalars(&github, &mut texts);
    for action in [
        "actions/checkout@v5",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    ] {
        assert!(texts.contains(&action), "the GitHub workflow uses {action}");
    }
    assert!(texts.contains(&"vitrina check --strict --format github"));
    let on = github.get("on").expect("on");
    let push = on.get("push").expect("on: push");
    let mut branches = Vec::new();
    scalars(push.get("branches").expect("branches"), &mut branches);
    assert_eq!(branches, ["main"]);

    let gitlab = parse_yaml(&site.read(".gitlab-ci.yml"), "the GitLab CI file");
    let pages = gitlab.get("pages").expect("a `pages` job");
    let mut script = Vec::new();
    scalars(pages.get("script").expect("script"), &mut script);
    assert_eq!(script[0], "vitrina check --strict", "checks first");
    assert!(script[1].starts_with("vitrina build --out public"));
    let mut paths = Vec::new();
    scalars(
        pages
            .get("artifacts")
            .expect("artifacts")
            .get("paths")
            .expect("paths"),
        &mut paths,
    );
    assert_eq!(paths, ["public"]);
}

#[test]
fn every_vitrina_command_in_the_workflows_and_readme_exists() {
    let site = NewSite::create();
    for rel in [".github/workflows/vitrina.yml", ".gitlab-ci.yml"] {
        let mut texts = Vec::new();
        let tree = parse_yaml(&site.read(rel), rel);
        scalars(&tree, &mut texts);
        let commands: Vec<_> = texts.iter().flat_map(|t| vitrina_commands(t)).collect();
        assert!(commands.len() >= 2, "{rel}: {commands:?}");
        assert!(
            commands.iter().any(|c| c[1] == "check") && commands.iter().any(|c| c[1] == "build"),
            "{rel}: {commands:?}"
        );
        assert_commands_exist(&commands, rel);
    }
    let readme = site.read("README.md");
    let commands = vitrina_commands(&readme);
    assert!(commands.len() >= 4, "{commands:?}");
    assert_commands_exist(&commands, "README.md");
}

#[test]
fn the_command_checker_catches_a_command_that_does_not_exist() {
    for line in [
        "vitrina check --strict --format gitlab",
        "vitrina publish",
        "vitrina build --out public --base-url \"$CI_PAGES_URL\" --fast",
    ] {
        let args = &vitrina_commands(line)[0];
        assert!(Cli::try_parse_from(args).is_err(), "{line}");
    }
}

#[test]
fn the_install_source_is_written_into_the_workflows() {
    let site = NewSite::create();
    let version = env!("CARGO_PKG_VERSION");
    for rel in [
        ".github/workflows/vitrina.yml",
        ".gitlab-ci.yml",
        "README.md",
        "ci/install-vitrina.sh",
    ] {
        let text = site.read(rel);
        assert!(!text.contains("__VITRINA_"), "{rel}: a marker is left");
    }
    for rel in [".github/workflows/vitrina.yml", ".gitlab-ci.yml"] {
        let text = site.read(rel);
        assert!(
            text.contains(&format!("VITRINA_VERSION: \"{version}\"")),
            "{rel}"
        );
        assert!(text.contains("sh ci/install-vitrina.sh"), "{rel}");
    }
    let readme = site.read("README.md");
    assert!(readme.contains("cargo install --locked vitrina"));
    assert!(readme.contains(&format!(
        "{}/releases/download/v{version}/vitrina-{version}-x86_64-unknown-linux-musl.tar.gz",
        env!("CARGO_PKG_REPOSITORY")
    )));
    assert!(Path::new(&site.root).join(".gitignore").is_file());
}

/// The scalar at `key` of a mapping, if it is one.
fn text_at<'n>(node: &'n Node, key: &str) -> Option<&'n str> {
    match &node.get(key)?.value {
        Value::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

#[test]
fn both_workflows_keep_the_cards_build_draws_between_runs_keyed_on_the_version() {
    let site = NewSite::create();
    // What the workflows keep is where `vitrina build --out public` keeps its cards.
    let out = site.root.join("public");
    let run = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cards = std::fs::read_dir(site.root.join(".public.vitrina/cache")).unwrap();
    assert!(cards.count() > 0, "the build kept its cards there");
    assert!(site.read(".gitignore").lines().any(|l| l == "/.*.vitrina/"));

    let github = parse_yaml(&site.read(".github/workflows/vitrina.yml"), "GitHub");
    let Value::Seq(steps) = &github
        .get("jobs")
        .unwrap()
        .get("build")
        .unwrap()
        .get("steps")
        .unwrap()
        .value
    else {
        panic!("the build job's steps are a list")
    };
    let cache = steps
        .iter()
        .find(|s| text_at(s, "uses") == Some("actions/cache@v5"))
        .expect("a step with actions/cache");
    let with = cache.get("with").expect("with:");
    assert_eq!(text_at(with, "path"), Some(".public.vitrina/cache"));
    for key in ["key", "restore-keys"] {
        let value = text_at(with, key).unwrap();
        assert!(
            value.starts_with("vitrina-cards-${{ env.VITRINA_VERSION }}-"),
            "{key}: {value}"
        );
    }
    let build_step = steps
        .iter()
        .position(|s| text_at(s, "run").is_some_and(|r| r.starts_with("vitrina build")))
        .unwrap();
    let cache_step = steps.iter().position(|s| std::ptr::eq(s, cache)).unwrap();
    assert!(
        cache_step < build_step,
        "the cache is restored before the build"
    );

    let gitlab = parse_yaml(&site.read(".gitlab-ci.yml"), "GitLab");
    let Value::Seq(caches) = &gitlab.get("pages").unwrap().get("cache").unwrap().value else {
        panic!("the pages job's caches are a list")
    };
    let kept: Vec<(&str, Vec<&str>)> = caches
        .iter()
        .map(|c| {
            let mut paths = Vec::new();
            scalars(c.get("paths").unwrap(), &mut paths);
            (text_at(c, "key").unwrap(), paths)
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("vitrina-$VITRINA_VERSION", vec![".vitrina/"]),
            (
                "vitrina-cards-$VITRINA_VERSION",
                vec![".public.vitrina/cache/"]
            ),
        ]
    );
}
