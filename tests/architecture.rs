//! The layers of the code, and the test that holds `src/` to them.
//!
//! Every file under `src/` is read as Rust tokens (comments and string literals left out), and
//! each reference to another module is resolved to the file it names: a `use` tree, a path in
//! the code (`crate::x::y`, `super::y`, a child module `y::f`, an alias a `use` made), and the
//! crate's macros (`t!`, at the crate's root, is `src/diag.rs`'s). A `pub use` is followed to
//! the module it re-exports. Code under `#[cfg(test)]`, and a file declared only under it
//! (`#[cfg(test)] mod tests;`), is left out: a test may reach anywhere to set up its case.
//!
//! Two rules are then checked, each failing with the files and the references at fault:
//!
//! 1. **No circle between files**: the graph of file → file references has no strongly
//!    connected component of more than one file. A module's `mod.rs` and its children count as
//!    files like any other: a child that needs its parent's type while the parent calls the
//!    child is a circle, mended by moving the type into a file both use.
//! 2. **Layers one way**: [`LAYERS`] lists every top-level module, lowest first. A module may use
//!    the modules listed before it, never one listed after it. So `data` never reaches `metrics`,
//!    `output` never reaches `render` or `import`, and only the commands use the pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of `src/` in its layer, lowest first; a module may use only the
/// modules listed before it. The README's "Map of the code" draws the same list.
const LAYERS: &[(&str, &[&str])] = &[
    // Words and values every layer speaks, knowing nothing of a site: positions in the
    // sources, escaping, months, the 28 indicators, Russian number and date words, the
    // calendar of months, Markdown, diagnostics, the YAML reader, charts, addresses.
    (
        "vocabulary",
        &[
            "sync", "source", "escape", "period", "domain", "format", "calendar", "diag", "yaml",
            "charts", "routes",
        ],
    ),
    // Where the files of a build go, and what a run of the pass is asked to do.
    ("plumbing", &["write", "emit", "page_cache", "options"]),
    // Publishers' Markdown rendered safely, and its links as the pages carry them (which the
    // link check reads back with `emit`'s reader).
    ("markup", &["markdown"]),
    // The site's files as typed values (and the writer of a report's YAML).
    ("data", &["data", "report_file"]),
    // The arithmetic of the forms.
    ("metrics", &["metrics"]),
    // Sentences about the figures, shared by the pages and the feed.
    ("words", &["words"]),
    // Open data, schemas, feed and sitemap; then the pages, which link the open data.
    ("output", &["output", "static_files"]),
    ("render", &["render"]),
    // Spreadsheets into YAML: beside the pass, never read by it.
    ("import", &["import"]),
    // The pass: a region's parts, then the stages of every kind of site.
    ("pass", &["region", "site"]),
    // What a person runs.
    ("commands", &["serve", "cli", "cmd", "main"]),
];

#[test]
fn no_circle_between_files_and_no_import_against_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tree = Tree::read(&src);
    let mut problems = tree.circles();
    problems.extend(tree.against_layers(LAYERS));
    assert!(
        problems.is_empty(),
        "{} problem(s) with the layers of src/ (see tests/architecture.rs):\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_module_has_a_layer_and_every_layer_names_a_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tree = Tree::read(&src);
    let listed: Vec<&str> = LAYERS.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    let have: BTreeSet<String> = tree.files.values().map(|f| f.top().to_string()).collect();
    for m in &have {
        assert!(
            m.is_empty() || listed.contains(&m.as_str()),
            "src/ has the module `{m}`, which LAYERS in tests/architecture.rs does not place"
        );
    }
    for m in &listed {
        assert!(
            have.contains(*m),
            "LAYERS names `{m}`, which src/ does not have"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The checker itself, and tests that it finds what it is for.

/// One source file: its module path (`["render", "context", "month"]`) and what it refers to.
struct File {
    module: Vec<String>,
    tokens: Vec<Tok>,
    /// Names this file re-exports (`pub use crate::escape;` → `escape` → `["escape"]`).
    reexports: BTreeMap<String, Vec<String>>,
    /// Child modules declared only under `#[cfg(test)]`.
    test_children: Vec<String>,
}

impl File {
    fn top(&self) -> &str {
        self.module.first().map_or("", String::as_str)
    }
}

struct Tree {
    /// By the file's path relative to `src/`.
    files: BTreeMap<String, File>,
    /// Module path → file.
    modules: BTreeMap<Vec<String>, String>,
    /// The crate's exported macros → the file that defines them.
    macros: BTreeMap<String, String>,
}

/// A reference from one file to another, with the path as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    path: String,
}

impl Tree {
    fn read(src: &Path) -> Tree {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        let texts = paths.into_iter().map(|p| {
            let rel = p
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("a source is UTF-8");
            (rel, text)
        });
        Tree::of(texts)
    }

    /// The tree of `(path relative to src/, text)` pairs.
    fn of(texts: impl IntoIterator<Item = (String, String)>) -> Tree {
        let mut files = BTreeMap::new();
        let mut macros = BTreeMap::new();
        for (rel, text) in texts {
            let tokens = lex(&text);
            for m in exported_macros(&tokens) {
                macros.insert(m, rel.clone());
            }
            let (tokens, test_children) = without_tests(tokens);
            files.insert(
                rel.clone(),
                File {
                    module: module_of(&rel),
                    tokens,
                    reexports: BTreeMap::new(),
                    test_children,
                },
            );
        }
        // Files declared only for tests are left out whole.
        let test_only: Vec<String> = files
            .values()
            .flat_map(|f| {
                f.test_children.iter().map(|c| {
                    let mut m = f.module.clone();
                    m.push(c.clone());
                    m
                })
            })
            .filter_map(|m| {
                files
                    .iter()
                    .find(|(_, f)| f.module == m)
                    .map(|(k, _)| k.clone())
            })
            .collect();
        for t in test_only {
            files.remove(&t);
        }
        let modules = files
            .iter()
            .map(|(k, f)| (f.module.clone(), k.clone()))
            .collect();
        let mut tree = Tree {
            files,
            modules,
            macros,
        };
        let reexports: Vec<(String, BTreeMap<String, Vec<String>>)> = tree
            .files
            .iter()
            .map(|(k, f)| (k.clone(), tree.reexports_of(f)))
            .collect();
        for (k, r) in reexports {
            tree.files.get_mut(&k).unwrap().reexports = r;
        }
        tree
    }

    /// The modules a file re-exports by a `pub use` of a whole module.
    fn reexports_of(&self, f: &File) -> BTreeMap<String, Vec<String>> {
        let mut out = BTreeMap::new();
        for (public, paths) in use_trees(&f.tokens) {
            if !public {
                continue;
            }
            for (path, alias) in paths {
                let Some(abs) = self.absolute(f, &path) else {
                    continue;
                };
                if self.modules.contains_key(&abs) {
                    out.insert(alias, abs);
                }
            }
        }
        out
    }

    /// A path as written in `f`, made absolute from the crate's root; `None` for a path into
    /// another crate.
    fn absolute(&self, f: &File, path: &[String]) -> Option<Vec<String>> {
        let first = path.first()?;
        let mut here = f.module.clone();
        let rest = match first.as_str() {
            "crate" | "$crate" | "vitrina" => {
                here.clear();
                &path[1..]
            }
            "self" => &path[1..],
            "super" => {
                let mut i = 0;
                while path.get(i).is_some_and(|s| s == "super") {
                    here.pop();
                    i += 1;
                }
                &path[i..]
            }
            _ => {
                // A child module, or an item of this file: relative to this module.
                let mut child = f.module.clone();
                child.push(first.clone());
                if !self.modules.contains_key(&child) && !f.reexports.contains_key(first) {
                    return None;
                }
                path
            }
        };
        here.extend(rest.iter().cloned());
        Some(here)
    }

    /// The file an absolute path leads to: the deepest module it names, following re-exports;
    /// an exported macro leads to the file that defines it.
    fn resolve(&self, abs: &[String]) -> Option<String> {
        if abs.len() == 1
            && let Some(file) = self.macros.get(&abs[0])
        {
            return Some(file.clone());
        }
        let mut module: Vec<String> = Vec::new();
        for seg in abs {
            let mut next = module.clone();
            next.push(seg.clone());
            if self.modules.contains_key(&next) {
                module = next;
                continue;
            }
            let file = &self.files[self.modules.get(&module)?];
            match file.reexports.get(seg) {
                Some(target) => module = target.clone(),
                None => break,
            }
        }
        if module.is_empty() {
            // The crate's root only declares the modules.
            return None;
        }
        self.modules.get(&module).cloned()
    }

    /// Every reference between two different files.
    fn edges(&self) -> Vec<Edge> {
        let mut out = BTreeSet::new();
        for (name, f) in &self.files {
            let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut paths: Vec<Vec<String>> = Vec::new();
            for (_, tree) in use_trees(&f.tokens) {
                for (path, alias) in tree {
                    if let Some(abs) = self.absolute(f, &path) {
                        if self.modules.contains_key(&abs) {
                            aliases.insert(alias, abs.clone());
                        }
                        paths.push(abs);
                    }
                }
            }
            for path in code_paths(&f.tokens) {
                let abs = match aliases.get(&path[0]) {
                    Some(m) if !["crate", "super", "self"].contains(&path[0].as_str()) => {
                        let mut abs = m.clone();
                        abs.extend(path[1..].iter().cloned());
                        Some(abs)
                    }
                    _ => self.absolute(f, &path),
                };
                paths.extend(abs);
            }
            for abs in paths {
                if let Some(to) = self.resolve(&abs)
                    && to != *name
                {
                    out.insert(Edge {
                        from: name.clone(),
                        to,
                        path: abs.join("::"),
                    });
                }
            }
        }
        out.into_iter().collect()
    }

    /// Rule 1: each strongly connected component of more than one file, with its references.
    fn circles(&self) -> Vec<String> {
        let edges = self.edges();
        let names: Vec<&String> = self.files.keys().collect();
        let index: BTreeMap<&String, usize> =
            names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut next = vec![Vec::new(); names.len()];
        for e in edges.iter().filter(|e| !upward(e)) {
            next[index[&e.from]].push(index[&e.to]);
        }
        let mut out = Vec::new();
        for scc in strongly_connected(&next) {
            if scc.len() < 2 {
                continue;
            }
            let members: BTreeSet<&String> = scc.iter().map(|&i| names[i]).collect();
            let mut text = format!(
                "a circle between files: {}",
                members
                    .iter()
                    .map(|m| format!("src/{m}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for e in edges
                .iter()
                .filter(|e| !upward(e) && members.contains(&e.from) && members.contains(&e.to))
            {
                text.push_str(&format!(
                    "\n    src/{} uses {} (src/{})",
                    e.from, e.path, e.to
                ));
            }
            out.push(text);
        }
        out
    }

    /// Rule 2: each reference from a module to one listed after it in `layers`.
    fn against_layers(&self, layers: &[(&str, &[&str])]) -> Vec<String> {
        let rank: BTreeMap<&str, (usize, &str)> = layers
            .iter()
            .flat_map(|(layer, ms)| ms.iter().map(move |m| (*m, *layer)))
            .enumerate()
            .map(|(i, (m, layer))| (m, (i, layer)))
            .collect();
        let mut out = Vec::new();
        for e in self.edges() {
            let (from, to) = (self.files[&e.from].top(), self.files[&e.to].top());
            if from == to {
                continue;
            }
            let (Some(&(a, la)), Some(&(b, lb))) = (rank.get(from), rank.get(to)) else {
                continue;
            };
            if b > a {
                out.push(format!(
                    "an import against the layers: src/{} uses {} (src/{}): `{from}` ({la}) may not use `{to}` ({lb}), which is listed after it",
                    e.from, e.path, e.to
                ));
            }
        }
        out
    }
}

/// A reference from a file to the `mod.rs` of a module it lies in (`render/context/month.rs` →
/// `render/context/mod.rs` or `render/mod.rs`): the module's own types and helpers, which its
/// files share. The parent names its children and they use what it declares; that is how a
/// module is built, and it is not a circle between files.
fn upward(e: &Edge) -> bool {
    e.to.strip_suffix("mod.rs")
        .is_some_and(|dir| e.from.starts_with(dir))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `render/context/mod.rs` → `["render", "context"]`; `lib.rs` → `[]`; `main.rs` → `["main"]`.
fn module_of(rel: &str) -> Vec<String> {
    let stem = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") || stem == "lib" {
        parts.pop();
    }
    parts
}

/// Tarjan's strongly connected components of the graph `next` (node → successors).
fn strongly_connected(next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        next: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        counter: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        s.index[v] = Some(s.counter);
        s.low[v] = s.counter;
        s.counter += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for i in 0..s.next[v].len() {
            let w = s.next[v][i];
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                scc.push(w);
                if w == v {
                    break;
                }
            }
            s.out.push(scc);
        }
    }
    let n = next.len();
    let mut s = State {
        next,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        counter: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

// ---------------------------------------------------------------------------------------------
// Reading Rust: just enough of it to find paths.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// The tokens of `text` that matter for paths: identifiers, `::` and punctuation; comments,
/// string and character literals, lifetimes and numbers are dropped.
fn lex(text: &str) -> Vec<Tok> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let ident_start = |ch: char| ch.is_alphabetic() || ch == '_';
    let ident_char = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < c.len() {
        let ch = c[i];
        let at = |k: usize| c.get(i + k).copied().unwrap_or('\0');
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i + 1);
        } else if (ch == 'r' || (ch == 'b' && at(1) == 'r')) && {
            let j = if ch == 'b' { i + 2 } else { i + 1 };
            let mut k = j;
            while c.get(k) == Some(&'#') {
                k += 1;
            }
            c.get(k) == Some(&'"') && (k > j || c.get(j) == Some(&'"'))
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = if ch == 'b' { i + 2 } else { i + 1 };
            let mut hashes = 0;
            while c[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if ch == 'b' && at(1) == '"' {
            i = skip_string(&c, i + 2);
        } else if ch == 'b' && at(1) == '\'' {
            i = skip_char(&c, i + 2);
        } else if ch == '\'' {
            if at(1) == '\\' || (at(1) != '\0' && at(2) == '\'') {
                i = skip_char(&c, i + 1);
            } else {
                // A lifetime or a label: its name is not a path.
                i += 1;
                while i < c.len() && ident_char(c[i]) {
                    i += 1;
                }
            }
        } else if ch == 'r' && at(1) == '#' && ident_start(at(2)) {
            let start = i + 2;
            i = start;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ident_start(ch) {
            let start = i;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ch.is_ascii_digit() {
            while i < c.len()
                && (ident_char(c[i])
                    || c[i] == '.' && c.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                i += 1;
            }
        } else if ch == ':' && at(1) == ':' {
            out.push(Tok::Path);
            i += 2;
        } else if ch == '$' && at(1) == 'c' {
            // `$crate` in a macro.
            let start = i;
            i += 1;
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// Past the closing `"` of a string whose text starts at `i`.
fn skip_string(c: &[char], mut i: usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Past the closing `'` of a character literal whose text starts at `i`.
fn skip_char(c: &[char], mut i: usize) -> usize {
    if c.get(i) == Some(&'\\') {
        i += 2;
    } else {
        i += 1;
    }
    while i < c.len() && c[i] != '\'' {
        i += 1;
    }
    i + 1
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// The names of `#[macro_export] macro_rules! name`.
fn exported_macros(tokens: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if *t == Tok::Ident("macro_export".into())
            && let Some(j) =
                (i..tokens.len()).find(|&j| ident(tokens.get(j)) == Some("macro_rules"))
            && let Some(name) = ident(tokens.get(j + 2))
        {
            out.push(name.to_string());
        }
    }
    out
}

/// The tokens without the items under `#[cfg(test)]`, and the child modules declared there
/// (`#[cfg(test)] mod tests;`).
fn without_tests(tokens: Vec<Tok>) -> (Vec<Tok>, Vec<String>) {
    let cfg_test: Vec<Tok> = ["#", "[", "cfg", "(", "test", ")", "]"]
        .iter()
        .map(|s| match *s {
            "cfg" | "test" => Tok::Ident(s.to_string()),
            p => Tok::Punct(p.chars().next().unwrap()),
        })
        .collect();
    let mut out = Vec::new();
    let mut children = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i..].starts_with(&cfg_test) {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        i += cfg_test.len();
        // Further attributes of the same item, then the item: up to its `;`, or its `{ … }`.
        while tokens.get(i) == Some(&Tok::Punct('#')) {
            i = past_group(&tokens, i, ('[', ']'), None);
        }
        let start = i;
        i = past_group(&tokens, i, ('{', '}'), Some(';'));
        if let [Tok::Ident(m), Tok::Ident(name), Tok::Punct(';')] =
            &tokens[start.max(i.saturating_sub(3))..i]
            && m == "mod"
        {
            children.push(name.clone());
        }
    }
    (out, children)
}

/// The index past the group that opens at or after `i` with `open` and ends at its matching
/// `close`; with `stop`, past a `stop` met before any group opens.
fn past_group(
    tokens: &[Tok],
    mut i: usize,
    (open, close): (char, char),
    stop: Option<char>,
) -> usize {
    let mut depth = 0;
    while i < tokens.len() {
        match tokens[i] {
            Tok::Punct(c) if depth == 0 && Some(c) == stop => return i + 1,
            Tok::Punct(c) if c == open => depth += 1,
            Tok::Punct(c) if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Every `use` declaration: whether it is public, and each path it names with the name it
/// brings in (`use a::b as c` → `(["a", "b"], "c")`; `use a::{self}` → `(["a"], "a")`).
/// One `use` declaration: whether it is public, and each path with the name it brings in.
type Use = (bool, Vec<(Vec<String>, String)>);

fn use_trees(tokens: &[Tok]) -> Vec<Use> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if ident(Some(t)) != Some("use") {
            continue;
        }
        // `pub use`, `pub(crate) use`.
        let public = match i.checked_sub(1).map(|j| &tokens[j]) {
            Some(Tok::Ident(s)) => s == "pub",
            Some(Tok::Punct(')')) => i >= 4 && ident(tokens.get(i - 4)) == Some("pub"),
            _ => false,
        };
        let mut paths = Vec::new();
        let mut j = i + 1;
        use_tree(tokens, &mut j, &[], &mut paths);
        out.push((public, paths));
    }
    out
}

fn use_tree(
    tokens: &[Tok],
    j: &mut usize,
    prefix: &[String],
    out: &mut Vec<(Vec<String>, String)>,
) {
    let mut path: Vec<String> = prefix.to_vec();
    loop {
        match tokens.get(*j) {
            Some(Tok::Ident(s)) if s == "as" => {
                *j += 1;
                if let Some(alias) = ident(tokens.get(*j)) {
                    out.push((path.clone(), alias.to_string()));
                    *j += 1;
                }
                return;
            }
            Some(Tok::Ident(s)) if s == "self" && !path.is_empty() => {
                let alias = path.last().cloned().unwrap_or_default();
                out.push((path.clone(), alias));
                *j += 1;
                return;
            }
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *j += 1;
            }
            Some(Tok::Path) => *j += 1,
            Some(Tok::Punct('{')) => {
                *j += 1;
                loop {
                    use_tree(tokens, j, &path, out);
                    match tokens.get(*j) {
                        Some(Tok::Punct(',')) => *j += 1,
                        Some(Tok::Punct('}')) => {
                            *j += 1;
                            return;
                        }
                        _ => return,
                    }
                    if tokens.get(*j) == Some(&Tok::Punct('}')) {
                        *j += 1;
                        return;
                    }
                }
            }
            Some(Tok::Punct('*')) => {
                out.push((path.clone(), String::new()));
                *j += 1;
                return;
            }
            _ => {
                if path.len() > prefix.len() {
                    let alias = path.last().cloned().unwrap_or_default();
                    out.push((path, alias));
                }
                return;
            }
        }
    }
}

/// Every path in the code outside `use` declarations: `a::b::c` as `["a", "b", "c"]`, taken
/// whole (not `b::c` again), each at least two segments long.
fn code_paths(tokens: &[Tok]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_use = false;
    while i < tokens.len() {
        match &tokens[i] {
            Tok::Ident(s) if s == "use" => in_use = true,
            Tok::Punct(';') => in_use = false,
            Tok::Ident(s)
                if !in_use
                    && tokens.get(i + 1) == Some(&Tok::Path)
                    && (i == 0 || tokens[i - 1] != Tok::Path) =>
            {
                let mut path = vec![s.clone()];
                let mut k = i + 1;
                while tokens.get(k) == Some(&Tok::Path)
                    && let Some(next) = ident(tokens.get(k + 1))
                {
                    path.push(next.to_string());
                    k += 2;
                }
                if path.len() > 1 {
                    out.push(path);
                }
                i = k;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[test]
fn the_reader_sees_paths_and_not_comments_strings_or_tests() {
    let text = r##"
        //! A doc with crate::render::x in it.
        use crate::{data::{self, Dataset}, metrics as m};
        use super::table::Cell;
        pub use crate::escape;
        /* crate::site::run() in a comment */
        fn f() { let s = "crate::site::run"; let r = r#"crate::site"#; let c = '"'; crate::format::int(1); m::compute(); data::load(); }
        fn g<'a>(x: &'a str) -> &'a str { crate::t!("x"); x }
        #[cfg(test)]
        mod tests { use crate::render::words; }
        #[cfg(test)]
        mod more;
    "##;
    let tokens = lex(text);
    let (tokens, children) = without_tests(tokens);
    assert_eq!(children, ["more"]);
    let uses: Vec<Use> = use_trees(&tokens);
    let names: Vec<String> = uses
        .iter()
        .flat_map(|(_, ps)| ps.iter().map(|(p, a)| format!("{}={a}", p.join("::"))))
        .collect();
    assert_eq!(
        names,
        [
            "crate::data=data",
            "crate::data::Dataset=Dataset",
            "crate::metrics=m",
            "super::table::Cell=Cell",
            "crate::escape=escape"
        ]
    );
    assert_eq!(
        uses.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        [false, false, true]
    );
    let code: Vec<String> = code_paths(&tokens).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        code,
        ["crate::format::int", "m::compute", "data::load", "crate::t"]
    );
}

/// A small tree with a circle (`a` ↔ `b`, through a child's `super::`), a re-export, a macro
/// and an import against the layers (`low` uses `high`).
fn sample() -> Tree {
    let files = [
        ("lib.rs", "pub mod a; pub mod low; pub mod high;"),
        (
            "a/mod.rs",
            "pub mod b; pub use crate::low; fn f() { b::g(); }",
        ),
        ("a/b.rs", "use super::f; fn g() { super::low::h(); }"),
        (
            "low.rs",
            "#[macro_export] macro_rules! say { () => {} } pub fn h() { crate::high::k(); }",
        ),
        (
            "high.rs",
            "use crate::say; pub fn k() { say!(); crate::a::b::g(); }",
        ),
    ];
    Tree::of(files.iter().map(|(p, t)| (p.to_string(), t.to_string())))
}

#[test]
fn a_circle_between_files_is_found_and_named() {
    let circles = sample().circles();
    assert_eq!(circles.len(), 1, "{circles:#?}");
    assert!(
        circles[0].starts_with("a circle between files: src/a/b.rs, src/high.rs, src/low.rs\n"),
        "{}",
        circles[0]
    );
    // `a/b.rs` uses its parent's `f` while the parent calls it: a module's own make-up.
    assert!(!circles[0].contains("src/a/mod.rs"), "{}", circles[0]);
    assert!(
        circles[0].contains("src/a/b.rs uses a::low::h (src/low.rs)"),
        "{}",
        circles[0]
    );
    assert!(
        circles[0].contains("src/high.rs uses say (src/low.rs)"),
        "{}",
        circles[0]
    );
}

#[test]
fn an_import_against_the_layers_is_found_and_the_other_way_passes() {
    let tree = sample();
    let wrong = tree.against_layers(&[("low", &["low"]), ("a", &["a"]), ("high", &["high"])]);
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert!(
        wrong[0].contains(
            "src/low.rs uses high::k (src/high.rs): `low` (low) may not use `high` (high)"
        ),
        "{}",
        wrong[0]
    );
    let other = tree.against_layers(&[("high", &["high"]), ("a", &["a"]), ("low", &["low"])]);
    assert_eq!(other.len(), 4, "{other:#?}");
}
