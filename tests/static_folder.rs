//! The site's `static/` folder (issue 21 item 14): its files published as they are at the root of
//! the output, listed in the manifest like every file a build writes, and refused with both paths
//! named when one would take the place of a file Vitrina makes. Each test runs the real binary.

mod common;

use common::{Run, TestSite};

/// `check` or `build` failed with exit 1, gave `code`, said every one of `says`, and did not panic.
fn refused(run: &Run, code: &str, says: &[&str]) {
    assert_eq!(run.code, 1, "exit 1 expected:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("[{code}]")), "{}", run.stderr);
    for s in says {
        assert!(run.stderr.contains(s), "{s:?} expected:\n{}", run.stderr);
    }
}

#[test]
fn cname_and_well_known_are_published_at_the_root_and_rebuilt_without_a_complaint() {
    let site = TestSite::copy("small");
    site.write("static/CNAME", "mcu.example.ru\n");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:mcu@example.ru\n",
    );
    site.write("static/docs/polozhenie.pdf", "%PDF-1.4");
    for _ in 0..2 {
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(site.read("public/CNAME"), "mcu.example.ru\n");
    assert_eq!(
        site.read("public/.well-known/security.txt"),
        "Contact: mailto:mcu@example.ru\n"
    );
    assert_eq!(site.read("public/docs/polozhenie.pdf"), "%PDF-1.4");
    let manifest = site.read(".public.vitrina/manifest");
    for listed in ["CNAME", ".well-known/security.txt", "docs/polozhenie.pdf"] {
        assert!(
            manifest.lines().any(|l| l == listed),
            "{listed}:\n{manifest}"
        );
    }
    // A file taken out of static/ leaves the site with the next build.
    std::fs::remove_file(site.path("static/CNAME")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("public/CNAME").exists());
}

#[test]
fn a_page_may_link_to_a_static_file() {
    let site = TestSite::copy("small");
    site.write("static/docs/polozhenie.pdf", "%PDF-1.4");
    site.write(
        "content/documents.md",
        "---\ntitle: \"Документы\"\n---\n[Положение](/docs/polozhenie.pdf)\n",
    );
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_static_file_in_the_place_of_a_page_vitrina_makes_is_an_error_naming_both() {
    for (file, theirs) in [
        ("static/index.html", "/index.html"),
        ("static/Feed.XML", "/feed.xml"),
        ("static/reports", "/reports/"),
        ("static/static/style.css", "/static/style.css"),
    ] {
        let site = TestSite::copy("small");
        site.write(file, "mine");
        let says = [file, theirs];
        refused(&site.run(&["check"]), "static-collides", &says);
        refused(&site.run(&["build"]), "static-collides", &says);
        assert!(!site.path("public").exists(), "{file}: nothing published");
        assert_eq!(site.read(file), "mine");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_in_static_is_followed_inside_the_site_and_refused_outside() {
    let site = TestSite::copy("small");
    site.write("files/logo.svg", "<svg/>");
    std::fs::create_dir(site.path("static")).unwrap();
    std::os::unix::fs::symlink(site.path("files/logo.svg"), site.path("static/logo.svg")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/logo.svg"), "<svg/>");

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/elsewhere")).unwrap();
    refused(
        &site.run(&["build"]),
        "symlink-outside",
        &["static/elsewhere"],
    );
    assert!(!site.path("public/elsewhere").exists());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_static_is_an_error_not_a_build_that_hangs() {
    let site = TestSite::copy("small");
    std::fs::create_dir(site.path("static")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(site.path("static/pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    refused(
        &site.run(&["check"]),
        "static-not-publishable",
        &["static/pipe", "не обычный файл"],
    );
}

#[test]
fn a_region_publishes_its_static_folder_at_its_root() {
    let site = TestSite::copy("region");
    site.write("static/CNAME", "region.example.ru\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/CNAME"), "region.example.ru\n");
}
