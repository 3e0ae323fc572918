//! `build --out` never loses a file Vitrina did not write: what it refuses (before writing
//! anything), what a killed build or two builds at once leave, and what a rebuild removes.
//! Each site lies in `BASE/site`, so that a test can also point `--out` above it and check that
//! nothing in `BASE` changed.

mod common;

use common::{Run, copy_dir, snapshot_dir};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The fixture copied into `BASE/site` of a fresh folder.
struct Base {
    dir: tempfile::TempDir,
}

impl Base {
    fn new() -> Base {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        copy_dir(&src, &dir.path().join("site"));
        Base { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn root(&self) -> PathBuf {
        self.path("site")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// `vitrina build --root BASE/site [--out OUT] EXTRA…`.
    fn command(&self, out: Option<&Path>, extra: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vitrina"));
        cmd.arg("build")
            .arg("--root")
            .arg(self.root())
            .args(extra)
            .env("NO_COLOR", "1");
        if let Some(out) = out {
            cmd.arg("--out").arg(out);
        }
        cmd
    }

    fn build(&self, out: Option<&Path>, extra: &[&str]) -> Run {
        Run::from(self.command(out, extra).output().unwrap())
    }

    /// Names in a folder of the base, sorted.
    fn names(&self, rel: &str) -> Vec<String> {
        let mut v: Vec<_> = std::fs::read_dir(self.path(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

/// Everything under `dir`, folders and links too: path, kind, and a file's bytes or a link's
/// target. Two equal trees mean nothing was added, removed or changed.
fn tree(dir: &Path) -> Vec<(String, &'static str, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let t = e.file_type();
            if t.is_symlink() {
                let target = std::fs::read_link(e.path()).unwrap();
                (rel, "link", target.display().to_string().into_bytes())
            } else if t.is_dir() {
                (rel, "dir", Vec::new())
            } else {
                (rel, "file", std::fs::read(e.path()).unwrap())
            }
        })
        .collect()
}

/// A `--out` that must be refused: how to make it, and what the refusal must say.
struct Refused {
    name: &'static str,
    out: fn(&Base) -> PathBuf,
    says: &'static [&'static str],
    says_en: &'static [&'static str],
}

const IS_ROOT: &[&str] = &["это сама папка сайта", "подсказка: не указывайте --out"];
const IS_ROOT_EN: &[&str] = &["is the site's own folder", "help: leave out --out"];

const REFUSED: &[Refused] = &[
    Refused {
        name: "the root",
        out: |b| b.root(),
        says: IS_ROOT,
        says_en: IS_ROOT_EN,
    },
    Refused {
        name: "the root through sub/..",
        out: |b| {
            std::fs::create_dir(b.path("site/sub")).unwrap();
            b.path("site/sub/..")
        },
        says: IS_ROOT,
        says_en: IS_ROOT_EN,
    },
    Refused {
        name: "the root with a trailing slash",
        out: |b| PathBuf::from(format!("{}/", b.root().display())),
        says: IS_ROOT,
        says_en: IS_ROOT_EN,
    },
    Refused {
        name: "the root through a symlink",
        out: |b| {
            std::os::unix::fs::symlink(b.root(), b.path("link")).unwrap();
            b.path("link")
        },
        says: IS_ROOT,
        says_en: IS_ROOT_EN,
    },
    Refused {
        name: "ROOT/data",
        out: |b| b.path("site/data"),
        says: &["лежит внутри data/ — папки исходных файлов сайта"],
        says_en: &["lies inside data/, a folder of the site's sources"],
    },
    Refused {
        name: "ROOT/content",
        out: |b| b.path("site/content"),
        says: &["лежит внутри content/"],
        says_en: &["lies inside content/"],
    },
    Refused {
        name: "ROOT/themes/x",
        out: |b| b.path("site/themes/x"),
        says: &["лежит внутри themes/"],
        says_en: &["lies inside themes/"],
    },
    Refused {
        name: "a parent of the root",
        out: |b| b.path(""),
        says: &["содержит папку сайта"],
        says_en: &["contains the site's folder"],
    },
    Refused {
        name: "a regular file",
        out: |b| {
            b.write("site/notes.txt", "my notes");
            b.path("site/notes.txt")
        },
        says: &["notes.txt — не папка"],
        says_en: &["notes.txt is not a folder"],
    },
    Refused {
        name: "a symlink to a regular file",
        out: |b| {
            b.write("notes.txt", "my notes");
            std::os::unix::fs::symlink(b.path("notes.txt"), b.path("site/public")).unwrap();
            b.path("site/public")
        },
        says: &["public — не папка"],
        says_en: &["public is not a folder"],
    },
    Refused {
        name: "a folder of the user's own",
        out: |b| {
            b.write("docs/letter.txt", "dear");
            b.path("docs")
        },
        says: &[
            "папка",
            "docs не пуста, и собрала её не Vitrina",
            "подсказка: укажите в --out новую или пустую папку",
        ],
        says_en: &["docs is not empty and was not made by Vitrina"],
    },
    Refused {
        name: "public/ after a build with a user's file added",
        out: |b| {
            let run = b.build(None, &[]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            b.write("site/public/CNAME", "mcu.example");
            b.path("site/public")
        },
        says: &[
            "есть файлы, которых Vitrina не записывала: CNAME;",
            "подсказка: чтобы опубликовать файл вместе с сайтом, положите его в папку static/ \
             в папке сайта (static/CNAME будет на сайте /CNAME)",
        ],
        says_en: &[
            "holds files Vitrina did not write: CNAME;",
            "help: to publish a file with the site, put it in the folder static/ of the site",
        ],
    },
    Refused {
        name: "a folder inside the site's own output",
        out: |b| {
            let run = b.build(None, &[]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            b.path("site/public/en")
        },
        says: &["public/en лежит внутри", "папки, которую ведёт Vitrina"],
        says_en: &["public/en lies inside", "a folder Vitrina keeps"],
    },
    Refused {
        name: "ROOT/static",
        out: |b| b.path("site/static/site"),
        says: &["лежит внутри static/"],
        says_en: &["lies inside static/"],
    },
];

/// What stands in the site's folder after builds into `public/`: the sources, the output, and
/// the one folder `build` keeps beside it.
const SITE_AFTER_BUILDS: [&str; 4] = [".public.vitrina", "content", "data", "public"];

/// What `build` keeps in that folder after two builds: its marker, the card cache, the lock, the
/// manifest and the previous site.
const STATE_AFTER_BUILDS: [&str; 5] = ["README.txt", "cache", "lock", "manifest", "spare"];

#[test]
fn every_dangerous_out_is_refused_in_both_languages_and_nothing_of_the_user_changes() {
    let mut failures = Vec::new();
    for case in REFUSED {
        let base = Base::new();
        let out = (case.out)(&base);
        let before = tree(base.path("").as_path());
        for (lang, head, says) in [
            (&[][..], "ошибка: ", case.says),
            (&["--lang", "en"][..], "error: ", case.says_en),
        ] {
            let run = base.build(Some(&out), lang);
            let said = run.stderr.contains(head) && says.iter().all(|s| run.stderr.contains(s));
            if run.code != 1 || !said || run.stderr.contains("panicked") {
                failures.push(format!(
                    "--- {} {lang:?} (exit {}): expected {says:?} in:\n{}",
                    case.name, run.code, run.stderr
                ));
            }
            // Refused before rendering: no lock file, no staging folder, not a byte changed.
            if tree(base.path("").as_path()) != before {
                failures.push(format!("--- {}: the files changed", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_empty_existing_folder_is_a_fine_out() {
    let base = Base::new();
    std::fs::create_dir(base.path("empty")).unwrap();
    let run = base.build(Some(&base.path("empty")), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(base.path("empty/index.html").is_file());
    assert_eq!(base.names(""), [".empty.vitrina", "empty", "site"]);
}

#[test]
fn a_rebuild_into_its_own_public_removes_the_files_it_wrote_before() {
    let base = Base::new();
    assert_eq!(base.build(None, &[]).code, 0);
    let page = base.path("site/public/news/2024-03-04-hostile/index.html");
    assert!(page.is_file());
    std::fs::remove_file(base.path("site/content/news/2024-03-04-hostile.md")).unwrap();
    let run = base.build(None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!page.exists(), "a page whose source is gone goes too");
    assert!(base.path("site/public/about/index.html").is_file());

    // The manifest, beside the output, lists exactly the files there, sorted.
    let files = snapshot_dir(&base.path("site/public"));
    let manifest = base.path("site/.public.vitrina/manifest");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("# vitrina-manifest 2"));
    let listed: Vec<&str> = lines.collect();
    let mut on_disk: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    on_disk.sort_unstable();
    assert_eq!(listed, on_disk);
}

#[test]
fn the_published_folder_holds_only_the_site() {
    let base = Base::new();
    for _ in 0..2 {
        let run = base.build(None, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    for (path, bytes) in snapshot_dir(&base.path("site/public")) {
        assert!(
            !path.contains("vitrina"),
            "{path} is Vitrina's, not the site's"
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("vitrina-manifest"),
            "{path} names the manifest"
        );
    }
    assert_eq!(base.names("site"), SITE_AFTER_BUILDS);
    assert_eq!(base.names("site/.public.vitrina"), STATE_AFTER_BUILDS);
}

#[test]
fn leftovers_of_killed_builds_go_and_outputs_named_like_them_stay() {
    let base = Base::new();
    assert_eq!(base.build(None, &[]).code, 0);
    base.write("site/.public.vitrina/staging-99999/index.html", "half");
    base.write("site/.public.vitrina-staging-12345/mine.txt", "keep me");
    // Another output that the user named as an older Vitrina named what it kept beside
    // `public`: building `public` deleted it.
    let other = base.path("site/.public.vitrina-old");
    assert_eq!(base.build(Some(&other), &[]).code, 0);
    let (foreign, other_site) = (
        tree(&base.path("site/.public.vitrina-staging-12345")),
        tree(&other),
    );
    let run = base.build(None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!base.path("site/.public.vitrina/staging-99999").exists());
    assert_eq!(
        tree(&base.path("site/.public.vitrina-staging-12345")),
        foreign
    );
    assert_eq!(tree(&other), other_site, "another output is not a leftover");
}

#[test]
fn two_builds_at_once_both_succeed_and_equal_one_build() {
    let base = Base::new();
    let single = base.path("single");
    assert_eq!(base.build(Some(&single), &[]).code, 0);
    let spawn = || {
        base.command(None, &[])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let run = Run::from(child.wait_with_output().unwrap());
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert!(snapshot_dir(&base.path("site/public")) == snapshot_dir(&single));
    assert_eq!(base.names("site"), SITE_AFTER_BUILDS);
    assert_eq!(base.names("site/.public.vitrina"), STATE_AFTER_BUILDS);
}

#[test]
fn a_build_waits_for_the_one_writing_and_says_so() {
    let base = Base::new();
    std::fs::create_dir(base.path("site/.public.vitrina")).unwrap();
    let lock = std::fs::File::create(base.path("site/.public.vitrina/lock")).unwrap();
    lock.lock().unwrap();
    let mut child = base
        .command(None, &[])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let said = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.contains("другая сборка пишет в") => break line,
            Ok(_) => {}
            Err(e) => panic!("no waiting line: {e}"),
        }
    };
    assert!(said.ends_with("public; жду"), "{said}");
    assert!(
        !base.path("site/public").exists(),
        "it waits before writing"
    );
    drop(lock);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    assert!(base.path("site/public/index.html").is_file());
}

#[test]
fn a_build_killed_while_writing_leaves_the_previous_site_and_the_next_build_cleans_up() {
    let base = Base::new();
    assert_eq!(base.build(None, &[]).code, 0);
    let mut previous = snapshot_dir(&base.path("site/public"));
    // Enough pages that writing them takes a while, small enough to render quickly.
    for i in 0..1200 {
        base.write(
            &format!("site/content/bulk/p{i}.md"),
            &format!("---\ntitle: \"Страница {i}\"\n---\nТекст страницы {i}.\n"),
        );
    }
    let mut killed_mid_write = false;
    for attempt in 0..3 {
        // Each attempt builds a site unlike the one in public/, so a swap would show.
        base.write(
            "site/content/attempt.md",
            &format!("---\ntitle: \"{attempt}\"\n---\n"),
        );
        let mut child = base
            .command(None, &[])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = base.path(&format!("site/.public.vitrina/staging-{}", child.id()));
        let writing = || std::fs::read_dir(&staging).is_ok_and(|d| d.count() > 2);
        while !writing() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill();
        if !child.wait().unwrap().success() {
            killed_mid_write = staging.exists();
            break;
        }
        // It finished before the kill: what it built is the previous site of the next attempt.
        previous = snapshot_dir(&base.path("site/public"));
    }
    assert!(killed_mid_write, "the build was never caught writing");
    assert!(
        snapshot_dir(&base.path("site/public")) == previous,
        "the previous site is whole"
    );
    let run = base.build(None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(base.path("site/public/bulk/p1199/index.html").is_file());
    assert_eq!(
        base.names("site"),
        SITE_AFTER_BUILDS,
        "nothing beside the output but its state folder"
    );
    assert_eq!(
        base.names("site/.public.vitrina"),
        STATE_AFTER_BUILDS,
        "the killed build's staging folder is gone; the old site is the spare"
    );
}

#[test]
fn a_wrong_out_is_refused_before_the_site_is_read() {
    let base = Base::new();
    base.write("site/data/reports/2024-02.yaml", "period: [broken");
    let run = base.build(Some(&base.root()), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("это сама папка сайта"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("2024-02.yaml"), "{}", run.stderr);
}

#[test]
fn a_cached_card_cut_short_is_drawn_again_not_published() {
    let base = Base::new();
    assert_eq!(base.build(None, &[]).code, 0);
    let cache = base.path("site/.public.vitrina/cache");
    let entries: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!entries.is_empty(), "the build kept its cards");
    // What a full disk or a kill in mid-write leaves: each cached card cut at 4 KiB.
    for entry in &entries {
        let file = std::fs::OpenOptions::new().write(true).open(entry).unwrap();
        file.set_len(4096).unwrap();
    }
    let run = base.build(None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fresh = base.path("fresh");
    assert_eq!(
        base.build(Some(&fresh), &[]).code,
        0,
        "a build with no cache"
    );
    let cards = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        snapshot_dir(dir)
            .into_iter()
            .filter(|(p, _)| p.ends_with(".png"))
            .collect()
    };
    let published = cards(&base.path("site/public"));
    assert!(!published.is_empty());
    assert!(
        published == cards(&fresh),
        "every published card is whole and the same as one drawn afresh"
    );
    for entry in &entries {
        assert!(
            std::fs::metadata(entry).unwrap().len() > 4096,
            "{} was replaced",
            entry.display()
        );
    }
}

#[test]
fn a_hard_linked_copy_of_the_output_is_never_written_through() {
    let base = Base::new();
    assert_eq!(base.build(None, &[]).code, 0);
    // `cp -al public backup`: every file of the backup is a second name of the output's.
    let public = base.path("site/public");
    let backup = base.path("backup");
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let to = backup.join(entry.path().strip_prefix(&public).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::hard_link(entry.path(), &to).unwrap();
        }
    }
    let before = snapshot_dir(&backup);
    for (n, title) in ["Первая правка", "Вторая правка"].iter().enumerate()
    {
        base.write(
            "site/content/about.md",
            &format!("---\ntitle: \"{title}\"\n---\nПравка {n}.\n"),
        );
        let run = base.build(None, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert!(
        snapshot_dir(&public) != before,
        "the edits changed the site, so the builds rewrote files"
    );
    assert!(
        snapshot_dir(&backup) == before,
        "the backup is unchanged byte for byte"
    );
}

#[cfg(unix)]
#[test]
fn an_empty_folder_at_out_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let base = Base::new();
    let out = base.path("www");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let mode = || std::fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(), 0o2770, "the file system keeps a setgid folder");
    for _ in 0..3 {
        let run = base.build(Some(&out), &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(mode(), 0o2770, "{:o}", mode());
    }
}

#[test]
fn an_output_inside_another_is_refused_and_the_outer_one_still_builds() {
    let base = Base::new();
    let outer = base.path("pub");
    assert_eq!(base.build(Some(&outer), &[]).code, 0);
    let before = tree(&base.path(""));
    let run = base.build(Some(&base.path("pub/sub")), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("pub/sub лежит внутри"),
        "{}",
        run.stderr
    );
    assert!(
        tree(&base.path("")) == before,
        "nothing was written into pub"
    );
    let run = base.build(Some(&outer), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn an_out_at_a_mount_point_is_refused_before_the_site_is_read() {
    let base = Base::new();
    base.write("site/data/reports/2024-02.yaml", "period: [broken");
    // `/proc` is a mount point on every Linux; its parent `/` another file system.
    let run = base.build(Some(Path::new("/proc")), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("/proc — точка монтирования"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--out /proc/site"), "{}", run.stderr);
    assert!(!run.stderr.contains("2024-02.yaml"), "{}", run.stderr);
    assert!(!Path::new("/.proc.vitrina").exists());
}
