//! A site any static host accepts: the demo and the example region built as a user would, and
//! held to the weights of issue 20 — no page over 60 KB, no share card over 30 KB — with cards
//! only where a page is shared, the theme's files once in a region, and the web font cut to the
//! characters the pages use.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const PAGE_LIMIT: usize = 60 * 1024;
const CARD_LIMIT: usize = 30 * 1024;

/// The demo (the repository's own site) and the example region, each built once into a
/// temporary folder.
fn built() -> &'static [(String, PathBuf)] {
    static BUILT: OnceLock<(tempfile::TempDir, Vec<(String, PathBuf)>)> = OnceLock::new();
    &BUILT
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut sites = Vec::new();
            for (name, root) in [
                ("demo", repo.to_path_buf()),
                ("region", repo.join("examples/region")),
            ] {
                let out = tmp.path().join(name).join("public");
                let run = common::vitrina(&[
                    "build",
                    "--root",
                    root.to_str().unwrap(),
                    "--out",
                    out.to_str().unwrap(),
                ]);
                assert_eq!(run.code, 0, "{name}: {}", run.stderr);
                sites.push((name.to_string(), out));
            }
            (tmp, sites)
        })
        .1
}

/// Every file of a built site: its path inside the site and its size.
fn files(out: &Path) -> Vec<(String, usize)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, e.metadata().unwrap().len() as usize)
        })
        .collect()
}

#[test]
fn no_page_is_over_60_kb_and_no_card_over_30_kb() {
    for (name, out) in built() {
        let all = files(out);
        let pages: Vec<_> = all.iter().filter(|(p, _)| p.ends_with(".html")).collect();
        let cards: Vec<_> = all.iter().filter(|(p, _)| p.ends_with(".png")).collect();
        assert!(
            pages.len() > 100 && !cards.is_empty(),
            "{name}: {} pages",
            pages.len()
        );
        let heavy: Vec<_> = pages.iter().filter(|(_, s)| *s > PAGE_LIMIT).collect();
        assert!(heavy.is_empty(), "{name}: pages over 60 KB: {heavy:?}");
        let heavy: Vec<_> = cards.iter().filter(|(_, s)| *s > CARD_LIMIT).collect();
        assert!(heavy.is_empty(), "{name}: cards over 30 KB: {heavy:?}");
    }
}

/// What an official site frames: an embedded page (issue 22) stays under 40 KB.
const EMBED_LIMIT: usize = 40 * 1024;

#[test]
fn no_embedded_page_is_over_40_kb() {
    for (name, out) in built() {
        let embeds: Vec<_> = files(out)
            .into_iter()
            .filter(|(p, _)| {
                p.ends_with(".html") && (p.starts_with("embed/") || p.contains("/embed/"))
            })
            .collect();
        // The demo: 45 months, 4 years, 35 indicators and targets, 2 road maps.
        assert!(
            embeds.len() >= 80,
            "{name}: {} embedded pages",
            embeds.len()
        );
        let heavy: Vec<_> = embeds.iter().filter(|(_, s)| *s > EMBED_LIMIT).collect();
        assert!(
            heavy.is_empty(),
            "{name}: embedded pages over 40 KB: {heavy:?}"
        );
    }
}

#[test]
fn cards_are_drawn_for_the_home_page_the_latest_12_months_and_every_year() {
    let (_, out) = &built()[0];
    let all = files(out);
    let cards: BTreeSet<&str> = all
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.ends_with("card.png"))
        .collect();
    let mut months: Vec<&str> = all
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("reports/")?.strip_suffix("/index.html"))
        .filter(|p| p.len() == 7)
        .collect();
    let mut years: Vec<&str> = all
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("reports/")?.strip_suffix("/index.html"))
        .filter(|p| p.len() == 4)
        .collect();
    months.sort();
    years.sort();
    assert!(
        months.len() > 12 && years.len() > 1,
        "the demo has more than a year"
    );
    let (older, latest) = months.split_at(months.len() - 12);
    let mut expected: BTreeSet<String> = ["card.png".to_string()].into();
    expected.extend(latest.iter().map(|m| format!("reports/{m}/card.png")));
    expected.extend(years.iter().map(|y| format!("reports/{y}/card.png")));
    assert_eq!(
        cards,
        expected.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    let og = |page: &str| {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let at = html.find("<meta property=\"og:image\" content=\"").unwrap() + 35;
        let url = &html[at..at + html[at..].find('"').unwrap()];
        url[url.find(".ru/").unwrap() + 4..].to_string()
    };
    // An older month shows its year's card, which exists; a year and a latest month their own.
    for m in older {
        let card = og(&format!("reports/{m}/index.html"));
        assert_eq!(card, format!("reports/{}/card.png", &m[..4]));
        assert!(cards.contains(card.as_str()), "{card}");
    }
    for m in latest {
        assert_eq!(
            og(&format!("reports/{m}/index.html")),
            format!("reports/{m}/card.png")
        );
    }
    for y in &years {
        assert_eq!(
            og(&format!("reports/{y}/index.html")),
            format!("reports/{y}/card.png")
        );
    }
    assert_eq!(og("decisions/index.html"), "card.png");
}

#[test]
fn a_region_publishes_the_theme_files_once() {
    let (_, out) = &built()[1];
    let all = files(out);
    let statics: Vec<&str> = all
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.contains("static/") || p.ends_with("favicon.ico"))
        .collect();
    assert!(
        statics
            .iter()
            .all(|p| p.starts_with("static/") || *p == "favicon.ico"),
        "{statics:?}"
    );
    assert!(statics.contains(&"static/fonts/VitrinaSans-Regular.woff2"));
    let page = std::fs::read_to_string(out.join("primersk/reports/2025-03/index.html")).unwrap();
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/static/style.css\">"),
        "{page:.2000}"
    );
    assert!(page.contains("<link rel=\"icon\" href=\"/favicon.ico\""));
}

/// The characters PT Sans itself has no glyph for: browsers take them from a fallback font,
/// with the whole font as with its subset.
const NOT_IN_PT_SANS: [char; 4] = ['\u{202F}', '←', '→', '↑'];

#[test]
fn the_web_font_has_every_character_the_pages_use() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kept: BTreeSet<char> = std::fs::read_to_string(repo.join("tools/subset-fonts.txt"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            u32::from_str_radix(l.trim(), 16)
                .ok()
                .and_then(char::from_u32)
        })
        .collect();
    assert!(
        kept.contains(&'ё')
            && kept.contains(&'№')
            && kept.contains(&'«')
            && kept.contains(&'\u{A0}')
    );
    let mut missing = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for (_, out) in built() {
        for (path, _) in files(out).iter().filter(|(p, _)| p.ends_with(".html")) {
            let html = std::fs::read_to_string(out.join(path)).unwrap();
            for c in common::text(&html).chars() {
                seen.insert(c);
                if !c.is_control() && !kept.contains(&c) && !NOT_IN_PT_SANS.contains(&c) {
                    missing.insert(c);
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "characters the pages use but the subset lacks (add them to tools/subset-fonts.py): {missing:?}"
    );
    for face in ["Regular", "Bold"] {
        let font = repo.join(format!(
            "themes/default/static/fonts/VitrinaSans-{face}.woff2"
        ));
        let size = std::fs::metadata(&font).unwrap().len();
        assert!(size < 30_000, "{face}: {size} bytes");
    }
}
