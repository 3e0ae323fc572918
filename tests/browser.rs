//! Runs the browser tests (`tests/browser/smoke.mjs`, Playwright driving Debian's Chromium) on
//! a fresh build of the small fixture. Without Chromium or the npm packages the test says so and
//! passes, so that `cargo test` works on a bare machine; under `CI=true` it fails instead, since
//! `.ci/run` installs both.

mod common;

use common::TestSite;
use std::path::Path;
use std::process::Command;

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
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = Command::new("node")
        .arg(dir.join("smoke.mjs"))
        .arg(site.path("public"))
        .env("CHROMIUM", &chromium)
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
