//! The whole `check` pass, in-process, on thousands of broken variants of the fixture site: byte
//! flips, truncation, inserted Cyrillic, byte order marks, CRLF, tabs, `---`, anchors and aliases,
//! tags, huge numbers, deep nesting, long lines, and more. Whatever a publisher or a bad merge
//! makes of a file, Vitrina must answer with diagnostics, never a panic, and every error must say
//! where it is.
//!
//! Beside the damage to a file's text, the file itself is damaged (issue 21): a report moved to a
//! year centuries away, a file renamed to another extension or spelling, a file replaced by a
//! folder, a named pipe or a socket. Then no file may vanish without a word (it is read, or a
//! diagnostic names it), what is not a file is an error naming it, and no variant may take long:
//! the work grows with the files, never with the years between two reports.
//!
//! The variants are made by a seeded generator, so a failure names a variant that can be made
//! again (`MUTATION_ONLY=<name>` runs just that one and prints its diagnostics;
//! `MUTATION_KIND=<kind>` runs one kind of damage).

mod common;

use common::{Rng, copy_dir};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use vitrina::diag::{Lang, Location, Severity, Style, machine};
use vitrina::site::{self, Options, Purpose};

/// Seeds per file and kind of mutation.
const SEEDS: u64 = 16;

/// The longest one variant's `check` may take (a debug build, two at a time on a loaded
/// machine; the fixture takes a fraction of a second). A typo that stretched the calendar over
/// 8,000 years took a minute in a release build.
const SLOW: std::time::Duration = std::time::Duration::from_secs(30);

/// A position in `text` on a character boundary.
fn char_pos(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of a random line.
fn line_start(text: &str, rng: &mut Rng) -> usize {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect();
    starts[rng.below(starts.len())]
}

fn insert(text: &[u8], at: usize, what: &[u8]) -> Vec<u8> {
    let mut v = text[..at].to_vec();
    v.extend_from_slice(what);
    v.extend_from_slice(&text[at..]);
    v
}

/// Damage done to a file's text, with a generator for where and what.
type Mutation = fn(&str, &mut Rng) -> Vec<u8>;

/// The kinds of damage.
const KINDS: &[(&str, Mutation)] = &[
    ("byte-flip", |t, r| {
        let mut v = t.as_bytes().to_vec();
        if !v.is_empty() {
            let i = r.below(v.len());
            v[i] ^= 1 << r.below(8);
        }
        v
    }),
    ("random-byte", |t, r| {
        let mut v = t.as_bytes().to_vec();
        if !v.is_empty() {
            let i = r.below(v.len());
            v[i] = r.below(256) as u8;
        }
        v
    }),
    ("truncate", |t, r| {
        t.as_bytes()[..r.below(t.len() + 1)].to_vec()
    }),
    ("cyrillic", |t, r| {
        let at = char_pos(t, r);
        let what = r.pick(&["я", "Ё", "\"Орлова\" Е.П.", "ъ: ж", "№"]);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("bom", |t, r| {
        let at = if r.below(3) == 0 { 0 } else { line_start(t, r) };
        insert(t.as_bytes(), at, "\u{feff}".as_bytes())
    }),
    ("crlf", |t, _| t.replace('\n', "\r\n").into_bytes()),
    ("lone-cr", |t, r| {
        let at = char_pos(t, r);
        insert(t.as_bytes(), at, b"\r")
    }),
    ("tab", |t, r| {
        let at = line_start(t, r);
        insert(t.as_bytes(), at, b"\t")
    }),
    ("document", |t, r| {
        let what: &[u8] = match r.below(3) {
            0 => b"---\n",
            1 => b"...\n",
            _ => b"--- x\n",
        };
        let at = if r.below(2) == 0 {
            t.len()
        } else {
            line_start(t, r)
        };
        insert(t.as_bytes(), at, what)
    }),
    ("anchor-alias", |t, r| {
        let at = char_pos(t, r);
        let what = r.pick(&[
            "&a ",
            "*a",
            "*nowhere",
            "&a [1, 2] *a",
            "\nbomb: &b0 [x, x, x, x, x, x, x, x]\nb1: &b1 [*b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0]\nb2: &b2 [*b1, *b1, *b1, *b1, *b1, *b1, *b1, *b1]\nb3: &b3 [*b2, *b2, *b2, *b2, *b2, *b2, *b2, *b2]\nb4: [*b3, *b3, *b3, *b3, *b3, *b3, *b3, *b3]\n",
        ]);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("tag", |t, r| {
        let at = char_pos(t, r);
        let what = r.pick(&[
            "!!str ",
            "!!int ",
            "!custom ",
            "!<tag:yaml.org,2002:str> ",
            "!!binary ",
        ]);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("huge-number", |t, r| {
        let digits: Vec<(usize, usize)> = digit_runs(t);
        let what = r.pick(&[
            "99999999999999999999999999",
            "18446744073709551615",
            "9223372036854775808",
            "-9223372036854775809",
            "1000000001",
            "1e30",
            "0x10",
            "00000000000000000000000000000000000000000000000000000000000000000000000001",
        ]);
        match digits.get(r.below(digits.len().max(1))) {
            Some(&(s, e)) => [&t.as_bytes()[..s], what.as_bytes(), &t.as_bytes()[e..]].concat(),
            None => insert(t.as_bytes(), 0, what.as_bytes()),
        }
    }),
    ("deep-nesting", |t, r| {
        let depth = 40 + r.below(300);
        let what = format!("\nnest: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let at = line_start(t, r);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("long-line", |t, r| {
        let len = [200, 5_000, 900_000][r.below(3)];
        let what = match r.below(3) {
            0 => format!("\"{}\": 1\n", "к".repeat(len / 2)),
            1 => format!("x: {}\n", "y".repeat(len)),
            _ => format!("title: \"{}\"\n", "Й".repeat(len / 2)),
        };
        let at = line_start(t, r);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("ten-megabytes", |t, _| {
        let mut v = t.as_bytes().to_vec();
        v.extend(std::iter::repeat_n(b'z', 10 * 1024 * 1024));
        v
    }),
    ("delete-line", |t, r| {
        let lines: Vec<&str> = t.split_inclusive('\n').collect();
        let skip = r.below(lines.len());
        lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect::<String>()
            .into_bytes()
    }),
    ("duplicate-line", |t, r| {
        let lines: Vec<&str> = t.split_inclusive('\n').collect();
        let twice = r.below(lines.len());
        let mut out = String::new();
        for (i, l) in lines.iter().enumerate() {
            out.push_str(l);
            if i == twice {
                out.push_str(l);
            }
        }
        out.into_bytes()
    }),
    ("punctuation", |t, r| {
        let at = char_pos(t, r);
        let what = r.pick(&[
            "\"", "'", ": ", "#", "{", "]", "- ", "? ", "|", ">", "%", "@", "`", "&", "*",
        ]);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("odd-characters", |t, r| {
        let at = char_pos(t, r);
        let what = r.pick(&[
            "\0", "\u{7}", "\u{200b}", "\u{202e}", "😀", "\u{fffd}", "\u{2028}", "\u{85}",
        ]);
        insert(t.as_bytes(), at, what.as_bytes())
    }),
    ("empty", |_, r| match r.below(3) {
        0 => Vec::new(),
        1 => b"# only a comment\n".to_vec(),
        _ => b"---\n---\n".to_vec(),
    }),
    ("far-year", |t, r| {
        // A mistyped year: `2024` becomes `9999`, `2204`, `0024`…
        let years: Vec<(usize, usize)> = digit_runs(t)
            .into_iter()
            .filter(|&(s, e)| e - s == 4 && t[s..e].starts_with("20"))
            .collect();
        let what = r.pick(&["9999", "2204", "0024", "1999", "2099", "2000", "2060"]);
        match years.get(r.below(years.len().max(1))) {
            Some(&(s, e)) => [&t.as_bytes()[..s], what.as_bytes(), &t.as_bytes()[e..]].concat(),
            None => t.as_bytes().to_vec(),
        }
    }),
    ("swap-values", |t, r| {
        // Two values of the file trade places: a date where a count stood, a list where text was.
        let values: Vec<&str> = t
            .lines()
            .filter_map(|l| l.split_once(": ").map(|(_, v)| v))
            .filter(|v| !v.is_empty())
            .collect();
        if values.len() < 2 {
            return t.as_bytes().to_vec();
        }
        let (a, b) = (r.pick(&values), r.pick(&values));
        t.replacen(&format!(": {a}"), &format!(": {b}"), 1)
            .into_bytes()
    }),
];

/// Damage to the file itself rather than to its text.
#[derive(Debug, Clone)]
enum Damage {
    /// The file's text replaced.
    Bytes(Vec<u8>),
    /// The file moved to another path (relative to the root), with this text.
    Move { to: PathBuf, bytes: Vec<u8> },
    /// The file replaced by something that is not a file.
    NotAFile(NotAFile),
}

#[derive(Debug, Clone, Copy)]
enum NotAFile {
    Folder,
    Fifo,
    Socket,
}

/// The damage done to files as files: `(kind, variant name, damage)` for the file `rel`.
fn file_damage(rel: &Path, text: &str) -> Vec<(&'static str, String, Damage)> {
    let name = rel.to_string_lossy().replace('\\', "/");
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    let mut out = Vec::new();
    let spellings: &[&str] = match ext {
        "yaml" => &[".YAML", ".yml", ".Yml", ".yaml.bak", ".yaml~", ".txt", ""],
        "md" => &[".MD", ".markdown", ".Markdown", ".md.orig", ".txt", ""],
        _ => &[],
    };
    for spelling in spellings {
        out.push((
            "extension",
            format!("{name}:extension:{spelling}"),
            Damage::Move {
                to: PathBuf::from(format!("{stem}{spelling}")),
                bytes: text.as_bytes().to_vec(),
            },
        ));
    }
    for (what, damage) in [
        ("folder", NotAFile::Folder),
        ("fifo", NotAFile::Fifo),
        ("socket", NotAFile::Socket),
    ] {
        out.push((
            "not-a-file",
            format!("{name}:not-a-file:{what}"),
            Damage::NotAFile(damage),
        ));
    }
    // A report copied to a year far away, its name, month and dates all changed to match.
    if let Some(stem) = name
        .strip_prefix("data/reports/")
        .and_then(|n| n.strip_suffix(".yaml"))
        && stem.len() == 7
    {
        let (year, month) = stem.split_at(4);
        for far in ["9999", "2205", "0023", "2000", "2050"] {
            out.push((
                "far-report",
                format!("{name}:far-report:{far}"),
                Damage::Move {
                    to: PathBuf::from(format!("data/reports/{far}{month}.yaml")),
                    bytes: text.replace(year, far).into_bytes(),
                },
            ));
        }
    }
    out
}

fn digit_runs(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

fn files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(root, &p, out);
        } else {
            out.push(p.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// What went wrong with one variant, if anything. `moved` is the path a damaged file now has
/// (relative to the root), which the pass must read or name.
fn check_variant(root: &Path, damage: &Damage, rel: &Path) -> Result<usize, String> {
    let start = std::time::Instant::now();
    let opts = Options {
        root: root.to_path_buf(),
        purpose: Purpose::Check,
        ..Options::default()
    };
    let b = catch_unwind(AssertUnwindSafe(|| site::run(&opts)))
        .map_err(|p| format!("site::run panicked: {}", panic_text(&p)))?;
    // Printing must not panic either, in any of the forms a publisher or CI sees.
    catch_unwind(AssertUnwindSafe(|| {
        for lang in [Lang::Ru, Lang::En] {
            let _ = b.diags.render(&b.sources, &Style::plain(lang));
            let _ = machine::json(&b.diags, &b.sources, lang);
            let _ = machine::github(&b.diags, &b.sources, None, lang);
        }
    }))
    .map_err(|p| format!("printing the diagnostics panicked: {}", panic_text(&p)))?;
    let mut problems = Vec::new();
    for d in b.diags.iter().filter(|d| d.severity == Severity::Error) {
        let placed = match d.location {
            Location::Span(_) | Location::File(_) => true,
            Location::None => d.path.is_some(),
        };
        if !placed {
            problems.push(format!(
                "error [{}] without a position: {}",
                d.code, d.message.en
            ));
        }
    }
    match (&b.emitted, b.diags.has_errors()) {
        (None, false) if b.dataset.is_some() => {
            problems.push("no output and no error".to_string());
        }
        (Some(emitted), _) => {
            // What check passes, build must be able to write: every name fits a file system.
            for path in emitted.files.keys() {
                if let Some(long) = path.split('/').find(|c| c.len() > 255) {
                    problems.push(format!("an output name longer than 255 bytes: {long}"));
                }
            }
        }
        _ => {}
    }
    if start.elapsed() > SLOW {
        problems.push(format!("check took {:.1} s", start.elapsed().as_secs_f64()));
    }
    let shown = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let named = |path: &str, errors_only: bool| {
        b.diags.iter().any(|d| {
            (!errors_only || d.severity == Severity::Error)
                && match d.location {
                    Location::Span(span) => b.sources.get(span.file).name == path,
                    Location::File(file) => b.sources.get(file).name == path,
                    Location::None => d.path.as_deref().is_some_and(|p| p.starts_with(path)),
                }
        })
    };
    match damage {
        Damage::Bytes(_) => {}
        Damage::Move { to, .. } => {
            let to = shown(to);
            if b.sources.find(&to).is_none() && !named(&to, false) {
                problems.push(format!("{to} was neither read nor named"));
            }
        }
        Damage::NotAFile(_) => {
            let at = shown(rel);
            if !named(&at, true) {
                problems.push(format!("no error names {at}, which is not a file"));
            }
        }
    }
    if problems.is_empty() {
        Ok(b.diags.iter().count())
    } else {
        Err(problems.join("; "))
    }
}

/// What a damage left to clean up: the path it put in the file's place or beside it, and the
/// socket listening there.
struct Undo {
    made: PathBuf,
    _socket: Option<Box<dyn std::any::Any>>,
}

impl Undo {
    /// Removes what the damage made and puts the fixture's file back.
    fn restore(self, original: &Path, path: &Path) {
        if self.made.is_dir() {
            std::fs::remove_dir_all(&self.made).unwrap();
        } else if std::fs::symlink_metadata(&self.made).is_ok() {
            std::fs::remove_file(&self.made).unwrap();
        }
        std::fs::copy(original, path).unwrap();
    }
}

/// Does `damage` to the file `rel` of the site at `root`.
fn apply(root: &Path, rel: &Path, damage: &Damage) -> Undo {
    let path = root.join(rel);
    let mut socket = None;
    let made = match damage {
        Damage::Bytes(bytes) => {
            std::fs::write(&path, bytes).unwrap();
            path
        }
        Damage::Move { to, bytes } => {
            std::fs::remove_file(&path).unwrap();
            std::fs::write(root.join(to), bytes).unwrap();
            root.join(to)
        }
        Damage::NotAFile(what) => {
            std::fs::remove_file(&path).unwrap();
            match what {
                NotAFile::Folder => std::fs::create_dir(&path).unwrap(),
                // A named pipe and a socket are Unix's; elsewhere, a second folder.
                #[cfg(unix)]
                NotAFile::Fifo => {
                    let made = std::process::Command::new("mkfifo").arg(&path).status();
                    assert!(made.unwrap().success(), "mkfifo {}", path.display());
                }
                #[cfg(unix)]
                NotAFile::Socket => {
                    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
                    socket = Some(Box::new(listener) as Box<dyn std::any::Any>);
                }
                #[cfg(not(unix))]
                NotAFile::Fifo | NotAFile::Socket => std::fs::create_dir(&path).unwrap(),
            }
            path
        }
    };
    Undo {
        made,
        _socket: socket,
    }
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[test]
fn no_broken_file_makes_check_panic_and_every_error_has_a_position() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    let mut rel_files = Vec::new();
    files(&fixture, &fixture, &mut rel_files);
    let only = std::env::var("MUTATION_ONLY").ok();
    let kind_only = std::env::var("MUTATION_KIND").ok();
    // Variants are spread over two workers, each with its own copy of the site.
    let mut jobs: Vec<(String, PathBuf, Damage)> = Vec::new();
    // Kinds that use no randomness are made once per file, not once per seed.
    const FIXED: [&str; 2] = ["crlf", "ten-megabytes"];
    // The same damage twice is tested once (known by a hash of its bytes).
    let mut seen = std::collections::HashSet::new();
    for rel in &rel_files {
        let text = std::fs::read_to_string(fixture.join(rel)).unwrap();
        for (kind, mutate) in KINDS {
            if kind_only.as_ref().is_some_and(|k| k != kind) {
                continue;
            }
            let seeds = if FIXED.contains(kind) { 1 } else { SEEDS };
            for seed in 0..seeds {
                let name = format!("{}:{kind}:{seed}", rel.display());
                if only.as_ref().is_some_and(|o| *o != name) {
                    continue;
                }
                let mut rng = Rng::new(seed + 1);
                let bytes = mutate(&text, &mut rng);
                let digest = {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    (rel, &bytes).hash(&mut h);
                    h.finish()
                };
                if seen.insert(digest) {
                    jobs.push((name, rel.clone(), Damage::Bytes(bytes)));
                }
            }
        }
        for (kind, name, damage) in file_damage(rel, &text) {
            let wanted = kind_only.as_ref().is_none_or(|k| k == kind)
                && only.as_ref().is_none_or(|o| *o == name);
            if wanted {
                jobs.push((name, rel.clone(), damage));
            }
        }
    }
    let total = jobs.len();
    assert!(
        only.is_some() || kind_only.is_some() || total > 2000,
        "only {total} distinct variants"
    );

    let start = std::time::Instant::now();
    let workers = 2;
    let failures: Vec<(String, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let jobs = &jobs;
                let (fixture, only) = (&fixture, &only);
                s.spawn(move || {
                    let dir = tempfile::tempdir().unwrap();
                    copy_dir(fixture, dir.path());
                    let mut failures = Vec::new();
                    for (name, rel, damage) in jobs.iter().skip(w).step_by(workers) {
                        let undo = apply(dir.path(), rel, damage);
                        match check_variant(dir.path(), damage, rel) {
                            Ok(n) if only.is_some() => eprintln!("{name}: {n} diagnostics"),
                            Ok(_) => {}
                            Err(e) => failures.push((name.clone(), e)),
                        }
                        undo.restore(&fixture.join(rel), &dir.path().join(rel));
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    eprintln!(
        "mutation test: {total} variants of {} files in {:.1} s",
        rel_files.len(),
        start.elapsed().as_secs_f64()
    );
    let by_kind: BTreeMap<&str, usize> = failures.iter().fold(BTreeMap::new(), |mut m, (n, _)| {
        *m.entry(n.split(':').nth(1).unwrap_or("")).or_default() += 1;
        m
    });
    assert!(
        failures.is_empty(),
        "{} of {total} variants failed (by kind: {by_kind:?}); the first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(15)
            .map(|(n, e)| format!("  {n}: {e}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
