//! A YAML tree that remembers where every key and value stands.
//!
//! serde's derive gives neither the position of a missing key nor of a duplicate one, and stops at
//! the first error; the publisher needs all errors with a line and column. So the data files are
//! parsed with `saphyr-parser` (a maintained, pure-Rust YAML 1.2 parser with positions on every
//! event) into this small tree, and `data::decode` reads typed values out of it, collecting
//! diagnostics as it goes.
//!
//! Scalars stay text: whether `2024` is a number, a year or a title is decided by the key that
//! holds it, not by YAML's type guessing (the "Norway problem").

use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{FileId, Span};
use crate::t;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use std::collections::HashMap;

/// The most text parsed as one YAML document (a file, or a page's front matter). A month's report
/// is a few kilobytes and a year of decisions well under this; the limit keeps the tree, which
/// takes some tens of bytes per value, within memory for any file that is accepted.
pub const MAX_YAML_BYTES: usize = 1024 * 1024;

/// The most values that aliases (`*name`) may add to one file by copying what an anchor
/// (`&name`) marks. Each alias copies a whole subtree, so a few lines of nested aliases ("billion
/// laughs") would otherwise expand to gigabytes.
pub const MAX_ALIAS_NODES: usize = 10_000;

/// The deepest nesting of lists and mappings accepted. Vitrina's files nest four levels; the
/// limit keeps every recursive walk of the tree (and its drop) far from the stack's end.
pub const MAX_DEPTH: usize = 64;

/// A node with its span in the source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// The shape of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar's text; `quoted` is true for '…' and "…" and block scalars.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One key with its value, in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

impl Node {
    /// The value of `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|e| e.key.scalar() == Some(key))
                .map(|e| &e.value),
            _ => None,
        }
    }

    /// The scalar text, if this is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// True for an empty value, `~` and `null` (unquoted).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, quoted: false } if text.is_empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// A word for the node's shape, for messages: "список" / "a list".
    pub fn kind_name(&self) -> crate::diag::Noun {
        use crate::diag::Noun;
        match &self.value {
            Value::Scalar { .. } if self.is_null() => Noun::new("пустое значение", "nothing"),
            Value::Scalar { .. } => Noun::new("одно значение", "a single value"),
            Value::Seq(_) => Noun::new("список", "a list"),
            Value::Map(_) => Noun::new("набор пар `ключ: значение`", "a mapping"),
        }
    }
}

/// Parses one YAML document. `text` is the part of the file `file` that starts at byte `base`
/// (the front matter of a Markdown page starts after its `---` line). Syntax errors and duplicate
/// keys go to `diags`; `None` means nothing usable was read.
pub fn parse(text: &str, file: FileId, base: usize, diags: &mut Diagnostics) -> Option<Node> {
    if text.len() > MAX_YAML_BYTES {
        let (kib, max) = (text.len() / 1024, MAX_YAML_BYTES / 1024);
        diags.push(
            Diagnostic::error(
                codes::YAML_TOO_LARGE,
                t!(
                    "слишком большой текст YAML: {kib} КиБ, а Витрина читает не больше {max} КиБ",
                    "this YAML is too large: {kib} KiB, and Vitrina reads at most {max} KiB"
                ),
            )
            .at(
                Span::new(file, base, base),
                t!("здесь начинается текст YAML", "the YAML starts here"),
            )
            .help(t!(
                "разделите данные на несколько файлов (например, решения — по файлу на год)",
                "split the data into several files (decisions, for instance, one file a year)"
            )),
        );
        return None;
    }
    let mut builder = Builder::new(text, file, base);
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                let start = builder.byte(span.start.index());
                let end = builder.byte(span.end.index());
                if let Err(d) = builder.event(event, start, end, diags) {
                    diags.push(*d);
                    return None;
                }
                if builder.done {
                    break;
                }
            }
            Err(e) => {
                diags.push(syntax_error(&builder, &e));
                return None;
            }
        }
    }
    // An empty document (nothing, or only comments) is an empty value, which each caller
    // reports in its own words: an empty report file, a page without a title.
    Some(builder.root.unwrap_or(Node {
        value: Value::Scalar {
            text: String::new(),
            quoted: false,
        },
        span: Span::new(file, base, base + text.len()),
    }))
}

fn syntax_error(builder: &Builder, e: &ScanError) -> Diagnostic {
    let at = builder.byte(e.marker().index());
    let span = Span::new(
        builder.file,
        at,
        (at + 1).min(builder.base + builder.text.len()).max(at),
    );
    Diagnostic::error(
        codes::YAML_SYNTAX,
        t!(
            "ошибка в разметке YAML: {}",
            "this is not valid YAML: {}",
            e.info()
        ),
    )
    .at(
        span,
        t!(
            "здесь чтение файла остановилось",
            "the YAML parser stopped here"
        ),
    )
    .help(if builder.text[(at - builder.base).min(builder.text.len())..].starts_with('\u{feff}') {
        t!(
            "в начале строки стоит невидимый символ BOM (U+FEFF): удалите его — обычно он попадает при склейке файлов",
            "an invisible byte order mark (U+FEFF) starts this line: delete it (it usually comes from joining files)"
        )
    } else if line_has_tab(builder.text, at - builder.base) {
        t!(
            "замените табуляцию на пробелы: отступы в YAML делаются только пробелами",
            "replace the tab with spaces: YAML indents with spaces only"
        )
    } else {
        t!(
            "проверьте отступы и то, что в каждой паре `ключ: значение` после двоеточия стоит пробел; текст с `:` или `#` возьмите в кавычки",
            "check the indentation and that every `key: value` pair has a colon and a space; text with `:` or `#` needs quotes"
        )
    })
}

/// True when the line holding byte `at` of `text` has a tab in its indentation: the most common
/// YAML mistake of a text editor, and one the parser's own message does not name plainly.
fn line_has_tab(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .chars()
        .take_while(|c| c.is_whitespace() && *c != '\n')
        .any(|c| c == '\t')
}

enum Frame {
    Seq {
        start: usize,
        items: Vec<Node>,
        anchor: usize,
        /// `Builder::nodes` when the list began: what it holds is the difference at its end.
        nodes_before: usize,
    },
    Map {
        start: usize,
        entries: Vec<Entry>,
        pending_key: Option<Node>,
        anchor: usize,
        nodes_before: usize,
    },
}

struct Builder<'t> {
    text: &'t str,
    file: FileId,
    base: usize,
    /// Byte offset of each character, when the text is not pure ASCII.
    char_bytes: Option<Vec<usize>>,
    stack: Vec<Frame>,
    /// Each anchored node with the number of values it holds (itself included).
    anchors: HashMap<usize, (Node, usize)>,
    /// Values made so far, copies made by aliases included.
    nodes: usize,
    /// Values made by aliases so far.
    alias_nodes: usize,
    root: Option<Node>,
    documents: usize,
    done: bool,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, file: FileId, base: usize) -> Self {
        let char_bytes = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        Builder {
            text,
            file,
            base,
            char_bytes,
            stack: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            alias_nodes: 0,
            root: None,
            documents: 0,
            done: false,
        }
    }

    /// The file byte offset of a character index in `text`.
    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.char_bytes {
            Some(v) => v.get(char_index).copied().unwrap_or(self.text.len()),
            None => char_index.min(self.text.len()),
        };
        self.base + local
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn event(
        &mut self,
        event: Event<'_>,
        start: usize,
        end: usize,
        diags: &mut Diagnostics,
    ) -> Result<(), Box<Diagnostic>> {
        match event {
            Event::DocumentStart(_) => self.document_start(start, end)?,
            Event::Scalar(text, style, anchor, tag) => {
                self.refuse_tag(tag.as_deref(), start, end)?;
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        quoted: !matches!(style, ScalarStyle::Plain),
                    },
                    span: self.span(start, end),
                };
                self.nodes += 1;
                self.remember(anchor, &node, 1);
                self.add(node, diags);
            }
            Event::Alias(id) => {
                let node = self.alias(id, start, end)?;
                self.add(node, diags);
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                self.refuse_tag(tag.as_deref(), start, end)?;
                self.refuse_depth(start, end)?;
                let nodes_before = self.nodes;
                self.stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq {
                        start,
                        items: Vec::new(),
                        anchor,
                        nodes_before,
                    },
                    _ => Frame::Map {
                        start,
                        entries: Vec::new(),
                        pending_key: None,
                        anchor,
                        nodes_before,
                    },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.collection_end(end) {
                    self.add(node, diags);
                }
            }
            Event::DocumentEnd | Event::StreamEnd => {
                if self.documents > 0 && self.stack.is_empty() && matches!(event, Event::StreamEnd)
                {
                    self.done = true;
                }
            }
            Event::StreamStart | Event::Nothing => {}
        }
        Ok(())
    }

    /// A data file holds one document: a second `---` is an error at its line.
    fn document_start(&mut self, start: usize, end: usize) -> Result<(), Box<Diagnostic>> {
        self.documents += 1;
        if self.documents == 1 {
            return Ok(());
        }
        Err(Box::new(
            Diagnostic::error(
                codes::YAML_DOCUMENTS,
                t!(
                    "в файле данных должен быть только один документ YAML",
                    "a data file holds one YAML document"
                ),
            )
            .at(
                self.span(start, end + 3),
                t!(
                    "здесь начинается второй документ",
                    "a second document starts here"
                ),
            )
            .help(t!(
                "удалите эту строку `---` или перенесите всё, что ниже, в отдельный файл",
                "remove this `---` line, or move what follows into its own file"
            )),
        ))
    }

    /// A copy of the anchored value `id`, counted against [`MAX_ALIAS_NODES`].
    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<Node, Box<Diagnostic>> {
        let Some((anchored, size)) = self.anchors.get(&id) else {
            return Err(Box::new(
                Diagnostic::error(
                    codes::YAML_ALIAS,
                    t!(
                        "ссылка `*…` не ведёт ни к одной метке `&…`",
                        "this alias refers to no anchor"
                    ),
                )
                .at(
                    self.span(start, end),
                    t!("неизвестная ссылка", "unknown alias"),
                ),
            ));
        };
        self.alias_nodes += size;
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(Box::new(self.alias_limit(start, end)));
        }
        self.nodes += size;
        Ok(Node {
            value: anchored.value.clone(),
            span: self.span(start, end),
        })
    }

    /// The list or mapping that ends at `end`, remembered if it was anchored.
    fn collection_end(&mut self, end: usize) -> Option<Node> {
        let (start, value, anchor, nodes_before) = match self.stack.pop()? {
            Frame::Seq {
                start,
                items,
                anchor,
                nodes_before,
            } => (start, Value::Seq(items), anchor, nodes_before),
            Frame::Map {
                start,
                entries,
                anchor,
                nodes_before,
                ..
            } => (start, Value::Map(entries), anchor, nodes_before),
        };
        let node = Node {
            value,
            span: self.span(start, end.max(start)),
        };
        self.nodes += 1;
        self.remember(anchor, &node, self.nodes - nodes_before);
        Some(node)
    }

    fn remember(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
    }

    /// Vitrina reads every value as text and decides its type by the key that holds it, so a
    /// tag (`!!str 5`, `!!int`, `!custom`) would be silently ignored: it is refused instead.
    fn refuse_tag(
        &self,
        tag: Option<&saphyr_parser::Tag>,
        start: usize,
        end: usize,
    ) -> Result<(), Box<Diagnostic>> {
        let Some(tag) = tag else { return Ok(()) };
        let shown = crate::diag::shorten(&format!("{}{}", tag.handle, tag.suffix));
        Err(Box::new(
            Diagnostic::error(
                codes::YAML_TAG,
                t!(
                    "теги YAML (`{shown}`) в данных Витрины не используются",
                    "YAML tags (`{shown}`) are not used in Vitrina's data"
                ),
            )
            .at(
                self.span(start, end),
                t!("значение с тегом", "a tagged value"),
            )
            .help(t!(
                "уберите тег `{shown}`: тип значения Витрина определяет по ключу",
                "remove the tag `{shown}`: Vitrina knows each value's type from its key"
            )),
        ))
    }

    fn refuse_depth(&self, start: usize, end: usize) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() < MAX_DEPTH {
            return Ok(());
        }
        Err(Box::new(
            Diagnostic::error(
                codes::YAML_TOO_DEEP,
                t!(
                    "слишком глубокая вложенность: больше {MAX_DEPTH} уровней списков и разделов",
                    "nested too deep: more than {MAX_DEPTH} levels of lists and mappings"
                ),
            )
            .at(self.span(start, end), t!("слишком глубоко", "too deep")),
        ))
    }

    fn alias_limit(&self, start: usize, end: usize) -> Diagnostic {
        Diagnostic::error(
            codes::YAML_ALIAS_LIMIT,
            t!(
                "ссылки `*…` разворачиваются в слишком много значений (больше {MAX_ALIAS_NODES})",
                "aliases (`*…`) expand to too many values (more than {MAX_ALIAS_NODES})"
            ),
        )
        .at(
            self.span(start, end),
            t!("здесь предел превышен", "the limit is passed here"),
        )
        .help(t!(
            "запишите значения прямо, без меток `&…` и ссылок `*…`",
            "write the values out instead of anchors `&…` and aliases `*…`"
        ))
    }

    fn add(&mut self, node: Node, diags: &mut Diagnostics) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => {
                    if let Some(first) = entries
                        .iter()
                        .find(|e| e.key.scalar().is_some() && e.key.scalar() == key.scalar())
                    {
                        diags.push(
                            Diagnostic::error(
                                codes::DUPLICATE_KEY,
                                t!(
                                    "ключ `{}` записан дважды в одном разделе",
                                    "the key `{}` appears twice in one mapping",
                                    key.scalar().unwrap_or_default()
                                ),
                            )
                            .at(key.span, t!("второй раз", "second occurrence"))
                            .related(first.key.span, t!("первый раз", "first occurrence"))
                            .help(t!(
                                "оставьте только один: иначе из двух значений молча будет взято одно",
                                "keep one of them: YAML would silently use only one value"
                            )),
                        );
                        return;
                    }
                    entries.push(Entry { key, value: node });
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Node>, Diagnostics) {
        let mut d = Diagnostics::new();
        let n = parse(text, FileId(0), 0, &mut d);
        (n, d)
    }

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let text = "title: \"Привет\"\nchannels:\n  pos: {total: 5}\n";
        let (node, d) = parse_str(text);
        assert!(!d.has_errors());
        let Value::Map(entries) = node.unwrap().value else {
            panic!()
        };
        assert_eq!(entries[0].key.span.start, 0);
        let v = &entries[0].value;
        assert_eq!(&text[v.span.start..v.span.end], "\"Привет\"");
        let Value::Map(ch) = &entries[1].value.value else {
            panic!()
        };
        let Value::Map(pos) = &ch[0].value.value else {
            panic!()
        };
        assert_eq!(&text[pos[0].value.span.start..pos[0].value.span.end], "5");
    }

    #[test]
    fn duplicate_key_is_an_error_at_the_second_key() {
        let text = "a: 1\nb: 2\na: 3\n";
        let (_, d) = parse_str(text);
        let e: Vec<_> = d.iter().collect();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, "duplicate-key");
        let crate::diag::Location::Span(s) = e[0].location else {
            panic!()
        };
        assert_eq!(s.start, text.rfind('a').unwrap());
    }

    #[test]
    fn syntax_error_has_a_position() {
        let (n, d) = parse_str("a: [1, 2\nb: 3\n");
        assert!(n.is_none());
        assert_eq!(d.iter().next().unwrap().code, "yaml-syntax");
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_in_the_help() {
        let (_, d) = parse_str("a:\n\tb: 1\n");
        let e = d.iter().next().unwrap();
        assert_eq!(e.code, "yaml-syntax");
        assert!(e.help.as_ref().unwrap().ru.contains("табуляцию"), "{e:?}");
        let (_, d) = parse_str("a: [1, 2\nb: 3\n");
        let e = d.iter().next().unwrap();
        assert!(!e.help.as_ref().unwrap().ru.contains("табуляцию"), "{e:?}");
    }

    #[test]
    fn base_offset_shifts_spans() {
        let mut d = Diagnostics::new();
        let n = parse("title: x\n", FileId(0), 4, &mut d).unwrap();
        let Value::Map(e) = n.value else { panic!() };
        assert_eq!(e[0].key.span.start, 4);
    }

    #[test]
    fn aliases_copy_the_anchored_value() {
        let (n, d) = parse_str("a: &x {total: 1}\nb: *x\n");
        assert!(!d.has_errors());
        let Value::Map(e) = n.unwrap().value else {
            panic!()
        };
        assert_eq!(e[0].value.value, e[1].value.value);
    }
}
