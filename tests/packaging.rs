//! The crate as `cargo package` makes it (what `cargo install --locked vitrina` builds from):
//! it carries every file the build embeds (each `include_str!`, `include_bytes!` and
//! `include_dir!` path in src/), and no demo output, test snapshots, browser packages or build
//! output. The file list is Cargo.toml's `include`; .ci/run also runs `cargo package` itself.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files `cargo package --list` puts in the crate, as paths relative to the crate's root.
fn package_list() -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--quiet", "--offline"])
        .current_dir(manifest_dir())
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim().replace('\\', "/"))
        .filter(|l| !l.is_empty())
        .collect()
}

/// What a package must not carry, and why: the paths of `list` that match.
fn forbidden(list: &BTreeSet<String>) -> Vec<String> {
    const PREFIXES: &[(&str, &str)] = &[
        ("public/", "the demo site's build output"),
        ("target/", "build output"),
        ("tests/snapshots/", "test snapshots"),
        (
            "tests/browser/node_modules/",
            "the browser tests' npm packages",
        ),
        ("tests/fixtures/", "test fixtures"),
        ("data/", "the demo site's data"),
        ("content/", "the demo site's pages"),
        (".github/", "the project's own workflows"),
    ];
    list.iter()
        .filter_map(|path| {
            let why = PREFIXES
                .iter()
                .find(|(prefix, _)| path.starts_with(prefix))
                .map(|(_, why)| *why)
                .or_else(|| {
                    (path.ends_with(".snap")
                        || path.ends_with(".snap.new")
                        || path.contains("/snapshots/"))
                    .then_some("a test snapshot")
                })
                .or_else(|| path.contains("/.vitrina-").then_some("a build's staging"))?;
            Some(format!("{path} ({why})"))
        })
        .collect()
}

/// `path` with `.` and `..` resolved without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Every file (relative to the crate's root) that a `include_str!`, `include_bytes!` or
/// `include_dir!` in `text`, the source of `file` (relative too), pulls into the build. For
/// `include_dir!` that is every file under the folder, as found under `root`.
fn embedded_by(root: &Path, file: &Path, text: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for mac in ["include_str!(", "include_bytes!(", "include_dir!("] {
            let mut rest = code;
            while let Some(at) = rest.find(mac) {
                rest = &rest[at + mac.len()..];
                let Some(lit) = rest.trim_start().strip_prefix('"') else {
                    continue;
                };
                let Some(end) = lit.find('"') else { continue };
                let arg = &lit[..end];
                let path = match arg.strip_prefix("$CARGO_MANIFEST_DIR/") {
                    Some(rel) => PathBuf::from(rel),
                    None => file.parent().unwrap_or(Path::new("")).join(arg),
                };
                let path = normalize(&path);
                if mac == "include_dir!(" {
                    for entry in walkdir::WalkDir::new(root.join(&path)) {
                        let entry = entry.unwrap();
                        if entry.file_type().is_file() {
                            let rel = entry.path().strip_prefix(root).unwrap();
                            out.push(rel.to_path_buf());
                        }
                    }
                } else {
                    out.push(path);
                }
            }
        }
    }
    out
}

/// Every file the crate's sources embed.
fn embedded_files() -> BTreeSet<String> {
    let root = manifest_dir();
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let rel = entry.path().strip_prefix(root).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for path in embedded_by(root, rel, &text) {
                out.insert(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// The files of `needed` that `list` lacks.
fn missing<'a>(list: &BTreeSet<String>, needed: &'a BTreeSet<String>) -> Vec<&'a String> {
    needed.iter().filter(|p| !list.contains(*p)).collect()
}

#[test]
fn the_package_carries_no_demo_output_snapshots_or_test_files() {
    let list = package_list();
    let bad = forbidden(&list);
    assert!(
        bad.is_empty(),
        "the crate would carry files it does not need (fix `include` in Cargo.toml):\n{}",
        bad.join("\n")
    );
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "LICENSE",
        "README.md",
        "src/main.rs",
        "src/lib.rs",
    ] {
        assert!(list.contains(file), "the crate lacks {file}");
    }
}

#[test]
fn the_package_carries_every_file_the_build_embeds() {
    let needed = embedded_files();
    // The scan finds what is known to be embedded, so that it cannot pass by finding nothing.
    for known in [
        "themes/default/templates/base.html",
        "src/charts/fonts/PTSans-Regular.ttf",
        "src/data/otchet-mcu.xlsx",
        "src/cmd/init/github-workflow.yml",
        "src/cmd/init/install-vitrina.sh",
        "docs/rukovodstvo.md",
    ] {
        assert!(
            needed.contains(known),
            "the scan missed {known}: {needed:?}"
        );
    }
    let list = package_list();
    let lacking = missing(&list, &needed);
    assert!(
        lacking.is_empty(),
        "the crate lacks files the build embeds (fix `include` in Cargo.toml): {lacking:?}"
    );
}

#[test]
fn the_checks_catch_what_they_guard() {
    let list: BTreeSet<String> = [
        "src/main.rs",
        "public/index.html",
        "tests/snapshots/forms__home.snap",
        "src/render/snapshots/x.snap.new",
        "tests/browser/node_modules/axe-core/axe.js",
        "target/debug/vitrina",
        "data/site.yaml",
    ]
    .map(String::from)
    .into();
    let bad = forbidden(&list);
    assert_eq!(bad.len(), 6, "{bad:?}");
    assert!(!bad.iter().any(|b| b.starts_with("src/main.rs")));

    let root = manifest_dir();
    let source = "static D: Dir = include_dir!(\"$CARGO_MANIFEST_DIR/themes/default\");\n\
                  // include_str!(\"not/a/file\")\n\
                  const F: &[u8] = include_bytes!(\"fonts/PTSans-Regular.ttf\");\n\
                  const G: &str = include_str!(\"../../docs/codes.md\");";
    let found: BTreeSet<String> = embedded_by(root, Path::new("src/charts/font.rs"), source)
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    assert!(
        found.contains("src/charts/fonts/PTSans-Regular.ttf"),
        "{found:?}"
    );
    assert!(found.contains("docs/codes.md"), "{found:?}");
    assert!(
        found.contains("themes/default/templates/base.html"),
        "{found:?}"
    );
    assert!(!found.iter().any(|p| p.contains("not/a/file")));
    let mut partial = found.clone();
    partial.remove("docs/codes.md");
    assert_eq!(missing(&partial, &found), [&"docs/codes.md".to_string()]);
}

#[test]
fn the_manifest_has_what_crates_io_shows() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(manifest_dir())
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let package = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "vitrina")
        .expect("the vitrina package");
    for key in ["description", "license", "repository", "homepage", "readme"] {
        let value = package[key].as_str().unwrap_or("");
        assert!(!value.is_empty(), "Cargo.toml lacks `{key}`");
    }
    assert!(
        package["repository"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let keywords = package["keywords"].as_array().unwrap();
    assert!(
        (1..=5).contains(&keywords.len()),
        "crates.io takes 5 keywords"
    );
    for k in keywords {
        let k = k.as_str().unwrap();
        assert!(
            k.len() <= 20
                && k.starts_with(|c: char| c.is_ascii_alphabetic())
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_+".contains(c)),
            "crates.io refuses the keyword {k:?}"
        );
    }
    assert!(!package["categories"].as_array().unwrap().is_empty());
}
