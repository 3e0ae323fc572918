//! Helpers shared by the integration tests: copying a fixture site into a fresh directory,
//! editing it, and running the real binary on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture copied into a temporary directory that is removed when dropped.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` into a fresh directory.
    pub fn copy(name: &str) -> TestSite {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&src, dir.path());
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces `from` with `to` in a file; panics if `from` is not there, so that a test cannot
    /// silently stop testing what it names.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs `vitrina ARGS --root <site>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vitrina"));
        cmd.args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1");
        Run::from(cmd.output().unwrap())
    }
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs the binary with arbitrary arguments.
pub fn vitrina(args: &[&str]) -> Run {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .args(args)
            .output()
            .unwrap(),
    )
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// A page with each inline `<svg>` chart replaced by a placeholder: charts have tests of their
/// own, and page snapshots should not change with every chart tweak.
pub fn without_charts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        out.push_str(&rest[..i]);
        out.push_str("<svg><!-- chart --></svg>");
        rest = &rest[i + rest[i..].find("</svg>").expect("closed svg") + 6..];
    }
    out.push_str(rest);
    out
}

/// A small deterministic generator (xorshift64*) for tests that vary their input: no crate, no
/// clock, and a failure names the seed that made it.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The visible text of a page: tags dropped, no-break spaces read as spaces, white space collapsed.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace(['\u{202F}', '\u{A0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A YAML file as JSON, the way YAML 1.2's core schema types plain scalars; quoted ones are text.
pub fn yaml_to_json(text: &str) -> serde_json::Value {
    use serde_json::Value as J;
    use vitrina::yaml::{Node, Value};
    fn conv(n: &Node) -> J {
        match &n.value {
            Value::Scalar { text, quoted: true } => J::String(text.clone()),
            Value::Scalar {
                text,
                quoted: false,
            } => {
                if n.is_null() {
                    J::Null
                } else if text == "true" || text == "false" {
                    J::Bool(text == "true")
                } else if let Ok(i) = text.parse::<i64>() {
                    J::from(i)
                } else if let Some(f) = text.parse::<f64>().ok().filter(|_| text.contains('.')) {
                    J::from(f)
                } else {
                    J::String(text.clone())
                }
            }
            Value::Seq(items) => J::Array(items.iter().map(conv).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| {
                        (
                            e.key.scalar().unwrap_or_default().to_string(),
                            conv(&e.value),
                        )
                    })
                    .collect(),
            ),
        }
    }
    let mut d = vitrina::diag::Diagnostics::new();
    let node = vitrina::yaml::parse(text, vitrina::source::FileId(0), 0, &mut d).expect("YAML");
    conv(&node)
}

/// The diagnostic (a block of stderr) that mentions `needle`.
pub fn block<'a>(stderr: &'a str, needle: &str) -> &'a str {
    stderr
        .split("\n\n")
        .find(|b| b.contains(needle))
        .unwrap_or_else(|| panic!("no diagnostic mentions {needle:?}:\n{stderr}"))
}

/// The rows of a CSV with a header row, each as column name → value.
pub fn csv_rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The text of the first child element `tag` of an XML element (a feed entry's `id`, `title`…),
/// or an empty string.
pub fn child_text(e: &roxmltree::Node, tag: &str) -> String {
    e.children()
        .find(|c| c.has_tag_name(tag))
        .and_then(|c| c.text())
        .unwrap_or_default()
        .to_string()
}

/// Makes a named pipe (`mkfifo`, from coreutils).
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

impl TestSite {
    /// [`TestSite::run`], for a run that must end rather than block (on a named pipe, say):
    /// killed, and the test failed with `blocked`, once `seconds` pass.
    pub fn run_within(&self, args: &[&str], seconds: u64, blocked: &str) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed().as_secs() >= seconds {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{blocked}");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Run::from(child.wait_with_output().unwrap())
    }
}
