//! A report file edited in place: only the values asked for change, every other byte (comments,
//! layout, the order of keys, other values) stays.
//!
//! The file is never re-serialised. Its tree from [`crate::yaml`] keeps the span of every key and
//! value, and each change is a replacement of a span of the text: a blank value filled in after
//! its key's colon (keeping a comment beside it in its column), a value replaced, a key added to
//! a mapping (block or flow style) after the key that precedes it in the data format's order, a
//! row appended to a list. [`Editor::finish`] applies them from the end of the text backwards.

use crate::yaml::{Entry, Node, Value};

/// One value the editor set, or found different.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `channels.pos.total`, `themes «ЖКХ».received`.
    pub what: String,
    /// The value before, as written; `None` when blank or absent.
    pub old: Option<String>,
    pub new: String,
    /// Byte offset of the old value (or of where the new one goes), for its line.
    pub at: usize,
    /// A filled-in value that differs: changed only with `--replace`.
    pub conflict: bool,
    /// Where the value stands in the text [`Editor::finish`] gives (lines added above move it).
    pub written: usize,
    /// The edit that writes it (edits are numbered in the order made).
    pub edit: usize,
}

/// The edits of one file.
pub struct Editor<'t> {
    text: &'t str,
    replace: bool,
    edits: Vec<(usize, usize, String)>,
    pub changes: Vec<Change>,
}

/// A value to write: a count or a date, compared with what the file has by its text.
pub fn same(old: &str, new: &str) -> bool {
    let old = old.trim();
    old == new || (old.parse::<u64>().ok().is_some() && old.parse::<u64>().ok() == new.parse().ok())
}

impl<'t> Editor<'t> {
    pub fn new(text: &'t str, replace: bool) -> Self {
        Editor {
            text,
            replace,
            edits: Vec::new(),
            changes: Vec::new(),
        }
    }

    /// Whether the node is written in flow style (`{…}`, `[…]`).
    fn is_flow(&self, node: &Node) -> bool {
        matches!(self.text.as_bytes().get(node.span.start), Some(b'{' | b'['))
    }

    /// The byte after the end of the line holding `at` (or the text's end).
    fn line_end(&self, at: usize) -> usize {
        self.text[at.min(self.text.len())..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i + 1)
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1)
    }

    /// The column of a block mapping's keys; `None` for a flow mapping (`{…}`).
    pub fn block_indent(&self, map: &Node) -> Option<usize> {
        if self.is_flow(map) {
            return None;
        }
        match &map.value {
            Value::Map(entries) => Some(
                entries
                    .first()
                    .map_or(0, |e| e.key.span.start - self.line_start(e.key.span.start)),
            ),
            _ => None,
        }
    }

    /// Where the last character of an entry's value stands (a blank value: its key's end).
    fn content_end(&self, e: &Entry) -> usize {
        if e.value.is_null() {
            return e.key.span.end;
        }
        self.node_end(&e.value).max(e.key.span.end)
    }

    fn node_end(&self, n: &Node) -> usize {
        if self.is_flow(n) {
            return n.span.end;
        }
        match &n.value {
            Value::Scalar { .. } => n.span.end,
            Value::Map(entries) => entries.last().map_or(n.span.start, |e| self.content_end(e)),
            Value::Seq(items) => items.last().map_or(n.span.start, |i| self.node_end(i)),
        }
    }

    /// Sets `key` of `map` to `new`: fills a blank, leaves an equal value, replaces a different
    /// one only with `--replace` (a conflict either way), or adds the key after the key that
    /// precedes it in `order`.
    pub fn set(&mut self, map: &Node, key: &str, new: &str, order: &[&str], what: String) {
        let Value::Map(entries) = &map.value else {
            return;
        };
        let edit = self.edits.len();
        // A blank filled or a key added is new; a different value is a conflict.
        let (old, at) = match entries.iter().find(|e| e.key.scalar() == Some(key)) {
            Some(e) if e.value.is_null() => {
                let at = e.key.span.end;
                self.fill(e, new);
                (None, at)
            }
            Some(e) => {
                let old = match &e.value.value {
                    Value::Scalar { text, .. } => text.clone(),
                    _ => self.text[e.value.span.start..self.node_end(&e.value)].to_string(),
                };
                if same(&old, new) {
                    return;
                }
                if self.replace {
                    self.replace_value(&e.value, new);
                }
                (Some(old), e.value.span.start)
            }
            None => (None, self.insert(map, key, new, order)),
        };
        self.changes.push(Change {
            what,
            conflict: old.is_some(),
            old,
            new: new.to_string(),
            at,
            written: 0,
            edit,
        });
    }

    /// Writes `new` after the colon of a blank value, keeping a comment beside it in its column.
    fn fill(&mut self, e: &Entry, new: &str) {
        let text = self.text;
        let key_end = e.key.span.end;
        let Some(colon) = text[key_end..].find(':').map(|i| key_end + i) else {
            return;
        };
        // An explicit `~` or `null` is replaced where it stands.
        if matches!(e.value.scalar(), Some(s) if !s.is_empty()) {
            self.replace_value(&e.value, new);
            return;
        }
        let after = colon + 1;
        let line_end = self.line_end(after);
        // A block value (lines of its own) goes after the key's line, comment and all.
        if new.starts_with('\n') {
            let at = if text[..line_end].ends_with('\n') {
                line_end - 1 - usize::from(text[..line_end - 1].ends_with('\r'))
            } else {
                line_end
            };
            self.edits.push((at, at, new.to_string()));
            return;
        }
        let rest = &text[after..line_end];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let next = rest[spaces..].chars().next();
        match next {
            Some('#') => {
                let pad = spaces.saturating_sub(new.len() + 1).max(1);
                self.edits
                    .push((after, after + spaces, format!(" {new}{}", " ".repeat(pad))));
            }
            _ => self.edits.push((after, after, format!(" {new}"))),
        }
    }

    /// Replaces a value, keeping a comment after it in its column where the line allows.
    fn replace_value(&mut self, v: &Node, new: &str) {
        let (start, end) = (v.span.start, self.node_end(v));
        let line_end = self.line_end(end);
        let rest = &self.text[end..line_end];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if rest[spaces..].starts_with('#') && !self.text[start..end].contains('\n') {
            let width = end - start + spaces;
            let pad = width.saturating_sub(new.len()).max(1);
            self.edits
                .push((start, end + spaces, format!("{new}{}", " ".repeat(pad))));
        } else {
            self.edits.push((start, end, new.to_string()));
        }
    }

    /// Adds `key: value` to a mapping after the key that precedes it in `order` (or before the
    /// first key); returns where.
    pub fn insert(&mut self, map: &Node, key: &str, value: &str, order: &[&str]) -> usize {
        let Value::Map(entries) = &map.value else {
            return map.span.start;
        };
        let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
        let mine = rank(key);
        let prev = entries
            .iter()
            .filter(|e| e.key.scalar().is_some_and(|k| rank(k) < mine))
            .max_by_key(|e| e.key.span.start);
        if self.is_flow(map) {
            match (prev, entries.first()) {
                (Some(p), _) => {
                    let at = self.content_end(p);
                    self.edits.push((at, at, format!(", {key}: {value}")));
                    at
                }
                (None, Some(first)) => {
                    let at = first.key.span.start;
                    self.edits.push((at, at, format!("{key}: {value}, ")));
                    at
                }
                (None, None) => {
                    let at = map.span.start + 1;
                    self.edits.push((at, at, format!("{key}: {value}")));
                    at
                }
            }
        } else {
            let indent = entries
                .first()
                .map_or(0, |e| e.key.span.start - self.line_start(e.key.span.start));
            let line = |v: &str| {
                let sep = if v.starts_with('\n') { "" } else { " " };
                format!("{}{key}:{sep}{v}\n", " ".repeat(indent))
            };
            match (prev, entries.first()) {
                (Some(p), _) => {
                    let at = self.line_end(self.content_end(p));
                    let nl = if at == self.text.len() && !self.text.ends_with('\n') {
                        "\n"
                    } else {
                        ""
                    };
                    self.edits.push((at, at, format!("{nl}{}", line(value))));
                    at
                }
                (None, Some(first)) => {
                    let at = self.line_start(first.key.span.start);
                    self.edits.push((at, at, line(value)));
                    at
                }
                (None, None) => {
                    let at = self.text.len();
                    self.edits.push((at, at, line(value)));
                    at
                }
            }
        }
    }

    /// Appends an item, given as a flow mapping `{…}`, to a list.
    pub fn append(&mut self, seq: &Node, item: &str) -> usize {
        let Value::Seq(items) = &seq.value else {
            return seq.span.start;
        };
        if self.is_flow(seq) {
            let at = items
                .last()
                .map_or(seq.span.start + 1, |i| self.node_end(i));
            let sep = if items.is_empty() { "" } else { ", " };
            self.edits.push((at, at, format!("{sep}{item}")));
            return at;
        }
        let Some(last) = items.last() else {
            return seq.span.start;
        };
        // The dash stands before the item's first character, on its line.
        let ls = self.line_start(last.span.start);
        let dash = self.text[ls..last.span.start].rfind('-').map_or(0, |i| i);
        let at = self.line_end(self.node_end(last));
        let nl = if at == self.text.len() && !self.text.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        self.edits
            .push((at, at, format!("{nl}{}- {item}\n", " ".repeat(dash))));
        at
    }

    /// How many edits were made: the number the next one gets.
    pub fn edit_count(&self) -> usize {
        self.edits.len()
    }

    /// The text with every edit applied.
    pub fn finish(mut self) -> (String, Vec<Change>) {
        // A file written with Windows line endings keeps them in the lines added.
        let crlf = self.text.contains("\r\n");
        // Several insertions at one place keep the order they were made in.
        let mut edits: Vec<(usize, (usize, usize, String))> = std::mem::take(&mut self.edits)
            .into_iter()
            .map(|(start, end, with)| {
                let with = if crlf {
                    with.replace('\n', "\r\n")
                } else {
                    with
                };
                (start, end, with)
            })
            .enumerate()
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse((e.1.0, e.0)));
        for c in &mut self.changes {
            let shift: isize = edits
                .iter()
                .filter(|(i, (start, _, _))| *start < c.at || (*start == c.at && *i < c.edit))
                .map(|(_, (start, end, with))| with.len() as isize - (end - start) as isize)
                .sum();
            c.written = c.at.saturating_add_signed(shift);
        }
        let mut out = self.text.to_string();
        for (_, (start, end, with)) in edits {
            out.replace_range(start..end, &with);
        }
        (out, self.changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::source::FileId;

    fn tree(text: &str) -> Node {
        crate::yaml::parse(text, FileId(0), 0, &mut Diagnostics::new()).unwrap()
    }

    fn edit(text: &str, replace: bool, f: impl Fn(&mut Editor, &Node)) -> (String, Vec<Change>) {
        let node = tree(text);
        let mut e = Editor::new(text, replace);
        f(&mut e, &node);
        e.finish()
    }

    const ORDER: &[&str] = &["total", "fast_track", "auto_delivery"];

    /// `text` with `key: value` set under `pos:`, keys in [`ORDER`].
    fn set_in_pos(text: &str, key: &str, value: &str) -> String {
        edit(text, false, |e, n| {
            e.set(n.get("pos").unwrap(), key, value, ORDER, String::new());
        })
        .0
    }

    #[test]
    fn a_blank_is_filled_and_its_comment_stays_in_its_column() {
        let text = "pos:\n  total:              # инд. 26\n  fast_track:\n";
        let (out, changes) = edit(text, false, |e, n| {
            let pos = n.get("pos").unwrap();
            e.set(pos, "total", "540", ORDER, "total".into());
            e.set(pos, "fast_track", "7", ORDER, "fast_track".into());
        });
        assert_eq!(
            out,
            "pos:\n  total: 540          # инд. 26\n  fast_track: 7\n"
        );
        assert_eq!(changes.len(), 2);
        assert!(changes.iter().all(|c| c.old.is_none() && !c.conflict));
    }

    #[test]
    fn a_different_value_is_a_conflict_replaced_only_when_asked() {
        let text = "pos: {total: 540, fast_track: 410}   # март\n";
        let set = |e: &mut Editor, n: &Node| {
            let pos = n.get("pos").unwrap();
            e.set(pos, "total", "1000", ORDER, "total".into());
            e.set(pos, "fast_track", "410", ORDER, "fast_track".into());
        };
        let (out, changes) = edit(text, false, set);
        assert_eq!(out, text);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].old.as_deref(), Some("540"));
        assert!(changes[0].conflict);
        let (out, _) = edit(text, true, set);
        assert_eq!(out, "pos: {total: 1000, fast_track: 410}   # март\n");
    }

    #[test]
    fn keys_are_added_in_the_formats_order_in_flow_and_block_style() {
        let out = set_in_pos("pos: {fast_track: 1, auto_delivery: 2}\n", "total", "3");
        assert_eq!(out, "pos: {total: 3, fast_track: 1, auto_delivery: 2}\n");
        let out = set_in_pos("pos: {total: 1}\n", "fast_track", "0");
        assert_eq!(out, "pos: {total: 1, fast_track: 0}\n");
        let text = "pos:\n  total: 5 # a\n  auto_delivery: 2\nnext: 1\n";
        let out = set_in_pos(text, "fast_track", "4");
        assert_eq!(
            out,
            "pos:\n  total: 5 # a\n  fast_track: 4\n  auto_delivery: 2\nnext: 1\n"
        );
    }

    #[test]
    fn a_blank_gets_a_block_value_after_its_comment() {
        let text = "channels:\n  pos:   # ПОС\n  hotline: 1\n";
        let (out, _) = edit(text, false, |e, n| {
            let ch = n.get("channels").unwrap();
            e.set(
                ch,
                "pos",
                "\n    total: 3",
                &["pos", "hotline"],
                String::new(),
            );
        });
        assert_eq!(
            out,
            "channels:\n  pos:   # ПОС\n    total: 3\n  hotline: 1\n"
        );
    }

    #[test]
    fn windows_line_endings_stay_in_added_lines() {
        let text = "pos:\r\n  total: 5\r\nnext: 1\r\n";
        let out = set_in_pos(text, "fast_track", "4");
        assert_eq!(out, "pos:\r\n  total: 5\r\n  fast_track: 4\r\nnext: 1\r\n");
    }

    #[test]
    fn rows_are_appended_to_block_and_flow_lists() {
        let text = "themes:\n  - {theme: a, received: 1}\n  - theme: b\n    received: 2\n# end\n";
        let (out, _) = edit(text, false, |e, n| {
            e.append(n.get("themes").unwrap(), "{theme: c, received: 3}");
        });
        assert_eq!(
            out,
            "themes:\n  - {theme: a, received: 1}\n  - theme: b\n    received: 2\n  - {theme: c, received: 3}\n# end\n"
        );
        let (out, _) = edit("themes: [{theme: a}]\n", false, |e, n| {
            e.append(n.get("themes").unwrap(), "{theme: c}");
        });
        assert_eq!(out, "themes: [{theme: a}, {theme: c}]\n");
    }
}
