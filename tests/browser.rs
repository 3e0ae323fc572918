//! Runs the browser tests (`tests/browser/smoke.mjs`, Playwright driving Debian's Chromium) on
//! a fresh build of the small fixture and of the gap fixture (a month without a report), and on `vitrina serve` previewing another copy of it (the
//! preview's additions must keep to the pages' Content-Security-Policy too). Without Chromium or the npm packages the test says so and
//! passes, so that `cargo test` works on a bare machine; under `CI=true` it fails instead, since
//! `.ci/run` installs both.

mod common;

use common::{TestSite, copy_dir};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `vitrina serve`, killed when dropped, pass or fail.
struct Preview(Child);

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `vitrina serve` on `root` and returns it with its address (`http://127.0.0.1:PORT`).
fn preview(root: &Path) -> (Preview, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Preview(child);
    let line = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("http://"))
        .expect("serve printed its address");
    let from = line.find("http://").unwrap();
    let url = line[from..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    (running, url)
}

#[test]
fn pages_in_a_real_browser() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("chromium (apt-get install chromium)"),
        (!dir.join("node_modules/playwright-core").exists())
            .then_some("npm packages (npm ci in tests/browser)"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "browser tests cannot run under CI: missing {}",
            missing.join(", ")
        );
        eprintln!("skipped: browser tests need {}", missing.join(", "));
        return;
    }
    let site = TestSite::copy("small");
    // An answer to an information risk, so that its two page types are built (smoke.mjs). Its
    // text avoids «на»: the search joins every indexed word of a query, and the fixture's other
    // pages never use it, which the search test's «ямы на дорогах» relies on.
    site.write(
        "data/clarifications/2024.yaml",
        "- id: voda\n  date: 2024-02-20\n  topic: \"ЖКХ\"\n  claim: \"Горячую воду отключат до осени\"\n  answer: \"Отключат **всего 3 дня**, по графику.\"\n  links: [\"https://t.me/test/10\", \"https://vk.com/wall-1_20\"]\n  source: \"паблик «Подслушано»\"\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A month without a report (July 2024), which pages must show as missing.
    let gap = TestSite::copy("gap");
    let run = gap.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A region's site beside it, under /region/: its own pages and a municipality's. Built
    // into a folder of its own (an output inside another is refused) and copied in.
    let region = TestSite::copy("region");
    let out = region.path("public");
    let run = region.run(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        "https://cur.example.ru/region/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    copy_dir(&out, &site.path("public/region"));
    let served = TestSite::copy("small");
    let (_preview, url) = preview(served.root());
    let out = Command::new("node")
        .arg(dir.join("smoke.mjs"))
        .arg(site.path("public"))
        .arg(&url)
        .arg(served.root())
        .env("CHROMIUM", &chromium)
        .env("GAP_SITE", gap.path("public"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
