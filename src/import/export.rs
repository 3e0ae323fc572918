//! `vitrina import` of the feedback platform's export ([`super::pos`]): the month's messages
//! counted and written into its report, a new file laid out as `new-month` lays it out, or the
//! month's existing file edited in place ([`super::edit`]).
//!
//! What is written: `channels.pos.total` (rows of the month), `channels.pos.fast_track`, the
//! `themes` rows (`received`, `repeated`, `overdue`, `solved`) and `satisfaction` (`responses`,
//! `satisfied`), each only when the export has its column; `published` only with `--published`.
//! A theme of the file without messages this month gets 0. A value already filled in with another
//! number is a conflict: listed, and nothing written, unless `--replace`.

use super::edit::{Change, Editor};
use super::pos::{self, Counts, Header, ThemeCount};
use super::sheet::Sheet;
use super::{Imported, Options, Place, cannot_write, file_name, report_of, shown};
use crate::data::pos_export::PosExport;
use crate::data::report::{CHANNEL_KEYS, REPORT_KEYS, SATISFACTION_KEYS, THEME_KEYS};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Lang, Location, Text};
use crate::domain::Channel;
use crate::period::Period;
use crate::report_file::quoted;
use crate::source::{FileId, Sources};
use crate::t;
use crate::yaml::{Node, Value};
use std::path::{Path, PathBuf};

/// Imports the export in `sheet`, whose header is `header`: the month's counts, written into its
/// report. `None` (and the reasons in `d`) when anything is wrong; nothing is written then.
pub fn import(
    opts: &Options,
    sheet: &Sheet,
    header: &Header,
    site: &PosExport,
    place: &Place,
    d: &mut Diagnostics,
) -> Option<Imported> {
    pos::missing_renamed(
        sheet.rows.get(header.row).map(Vec::as_slice),
        site,
        place,
        d,
    );
    pos::ambiguous(header, place, d);
    if d.has_errors() {
        return None;
    }
    let messages = pos::read_messages(sheet, header, site, place, d);
    if d.has_errors() {
        return None;
    }
    pos::short_years(&messages, header, place, d);
    let (period, notes) = choose_period(opts.period, &pos::months(&messages.list), place, d)?;
    let reports = opts.root.join("data").join("reports");
    super::month_fits(&reports, period, place, d);
    if let Some(date) = opts.published {
        super::published_after_month(period, date, "--published", d);
    }
    if d.has_errors() {
        return None;
    }
    let counts = pos::count(&messages.list, period, header);
    uncategorised(&counts, period, place, d);
    let target = Target::of(opts, &reports, period, &counts, d)?;
    let (new, changes) = target.edit(opts, &counts, d)?;
    if !verify(&new, &target.path, &opts.root, &target.rel, &counts, d) {
        return None;
    }
    let written = if target.fresh {
        super::write_new(&reports, &target.path, &new)
    } else {
        write_over(&target.path, &new)
    };
    if let Err(e) = written {
        d.push(cannot_write(&target.rel, &e));
        return None;
    }
    Some(Imported {
        period,
        // Not shown: an export's summary says what was done instead.
        published: opts.published.unwrap_or(period.first_day()),
        rel: target
            .path
            .strip_prefix(&opts.root)
            .unwrap_or(&target.path)
            .to_path_buf(),
        source: Text::new(String::new(), String::new()),
        lines: change_lines(&changes, &new, opts.lang),
        summary: summary(opts, target.fresh, period, &counts, &notes),
        read: Text::default(),
    })
}

/// A warning for the month's rows without a category: counted in the total, in no theme.
fn uncategorised(counts: &Counts, period: Period, place: &Place, d: &mut Diagnostics) {
    let n = counts.uncategorised;
    if n == 0 {
        return;
    }
    let word = crate::format::plural(n, "сообщения", "сообщений", "сообщений");
    d.push(
        Diagnostic::warning(
            codes::IMPORT_POS_NO_CATEGORY,
            t!(
                "у {n} {word} за {period} не указана категория: они входят в общее число, но ни в одну тему",
                "{n} messages of {period} have no category: counted in the total, in no theme"
            ),
        )
        .in_path(place.file())
        .help(t!(
            "проверьте выгрузку: у каждого сообщения ПОС обычно есть категория",
            "check the export: a message of the platform usually has a category"
        )),
    );
}

/// The report file the month's counts go into: the month's report, or a new file laid out as
/// `new-month` lays it out.
struct Target {
    path: PathBuf,
    /// The path as shown, relative to the site's root.
    rel: String,
    text: String,
    /// A new file, not yet written.
    fresh: bool,
}

impl Target {
    fn of(
        opts: &Options,
        reports: &Path,
        period: Period,
        counts: &Counts,
        d: &mut Diagnostics,
    ) -> Option<Target> {
        let (path, text, fresh) = match report_of(reports, period) {
            Some(path) => match std::fs::read_to_string(&path) {
                Ok(text) => (path, text, false),
                Err(e) => {
                    d.push(cannot_read(&shown(&opts.root, &path), &e));
                    return None;
                }
            },
            None => {
                let plan = crate::report_file::plan(&opts.root, period);
                let text = new_text(period, &plan, counts, &file_name(&opts.file));
                (plan.path, text, true)
            }
        };
        let rel = shown(&opts.root, &path);
        Some(Target {
            path,
            rel,
            text,
            fresh,
        })
    }

    /// The file's text with the export's values set, and each value set or found different.
    /// A different value already filled in is an error each (`import-pos-conflict`), and nothing
    /// is given back, unless `--replace`.
    fn edit(
        &self,
        opts: &Options,
        counts: &Counts,
        d: &mut Diagnostics,
    ) -> Option<(String, Vec<Change>)> {
        let mut sources = Sources::new();
        let file = sources.add(&opts.root, &self.path, self.text.clone());
        let tree = crate::yaml::parse(&self.text, file, 0, &mut Diagnostics::new());
        let mut editor = Editor::new(&self.text, opts.replace);
        let published = opts.published.map(|p| p.to_string());
        if !tree.is_some_and(|t| apply(&mut editor, &t, counts, published.as_deref())) {
            d.push(unreadable_report(&self.rel));
            return None;
        }
        let (new, changes) = editor.finish();
        if opts.replace {
            return Some((new, changes));
        }
        let conflicts: Vec<&Change> = changes.iter().filter(|c| c.conflict).collect();
        for c in &conflicts {
            let (line, col) = crate::source::line_col(&self.text, c.at);
            let (what, old, value) = (&c.what, c.old.as_deref().unwrap_or(""), &c.new);
            d.push(
                Diagnostic::error(
                    codes::IMPORT_POS_CONFLICT,
                    t!(
                        "{what}: в отчёте {old}, а по выгрузке {value}",
                        "{what} is {old} in the report, the export gives {value}"
                    ),
                )
                .in_path(format!("{}:{line}:{col}", self.rel))
                .help(t!(
                    "импорт не меняет уже заполненные значения: проверьте выгрузку; чтобы записать числа из неё, добавьте --replace",
                    "import does not change values already filled in: check the export; to write its numbers, add --replace"
                )),
            );
        }
        conflicts.is_empty().then_some((new, changes))
    }
}

/// What is said after the import, on stderr: the rows of other months left out, the messages
/// handled under 59-ФЗ (counted, not written), and what was done.
fn summary(
    opts: &Options,
    fresh: bool,
    period: Period,
    counts: &Counts,
    notes: &[Text],
) -> Vec<String> {
    let month = crate::format::month(period.year, period.month);
    let source = file_name(&opts.file);
    let (n, word) = (
        counts.total,
        crate::format::plural(counts.total, "сообщение", "сообщения", "сообщений"),
    );
    let done = match (fresh, opts.lang) {
        (true, Lang::Ru) => format!(
            "из выгрузки ПОС {source} ({n} {word} за {month}) создан отчёт: заполните остальные значения и запустите `vitrina check`"
        ),
        (true, Lang::En) => format!(
            "wrote a new report for {period} from the platform's export {source} ({n} messages): fill in the other values and run `vitrina check`"
        ),
        (false, Lang::Ru) => format!(
            "из выгрузки ПОС {source} ({n} {word} за {month}) обновлён отчёт: запустите `vitrina check`"
        ),
        (false, Lang::En) => format!(
            "updated the report for {period} from the platform's export {source} ({n} messages): run `vitrina check`"
        ),
    };
    let mut out: Vec<String> = notes.iter().map(|t| t.get(opts.lang).to_string()).collect();
    if let Some(fz) = counts.fz {
        out.push(match opts.lang {
            Lang::Ru => format!(
                "из них по 59-ФЗ: {fz} — это число в отчёт не пишется (показатели обращений по 59-ФЗ заполняются отдельно)"
            ),
            Lang::En => format!(
                "of them handled under 59-ФЗ: {fz}; not written (the 59-ФЗ appeals are filled in separately)"
            ),
        });
    }
    out.push(done);
    out
}

/// The month: `--period`, else the only month of the rows, else the month most rows fall in
/// (a warning listing them all); a tie is an error. Also notes on rows left out.
fn choose_period(
    given: Option<Period>,
    months: &[(Period, usize)],
    place: &Place,
    d: &mut Diagnostics,
) -> Option<(Period, Vec<Text>)> {
    let all = months
        .iter()
        .map(|(p, n)| format!("{p} ({n})"))
        .collect::<Vec<_>>()
        .join(", ");
    let period = match (given.as_ref(), months) {
        (_, []) => {
            d.push(no_rows(place));
            return None;
        }
        (Some(&p), _) if !months.iter().any(|(m, _)| *m == p) => {
            d.push(
                Diagnostic::error(
                    codes::IMPORT_POS_NO_ROWS,
                    t!(
                        "в выгрузке нет сообщений за {p}; в ней есть: {all}",
                        "the export holds no message of {p}: it has {all}"
                    ),
                )
                .in_path(place.file())
                .help(t!(
                    "проверьте --period или выгрузите из ПОС нужный месяц",
                    "check --period, or export that month from the platform"
                )),
            );
            return None;
        }
        (Some(p), _) | (None, [(p, _)]) => *p,
        (None, [(a, na), (b, nb), ..]) if na == nb => {
            d.push(
                Diagnostic::error(
                    codes::IMPORT_POS_MONTHS_TIE,
                    t!(
                        "в выгрузке поровну сообщений за {a} и за {b} ({na}): неясно, какой это месяц; все месяцы: {all}",
                        "the export holds as many messages of {a} as of {b} ({na} each); all its months: {all}"
                    ),
                )
                .in_path(place.file())
                .help(t!(
                    "укажите месяц: `--period {a}`",
                    "name the month: `--period {a}`"
                )),
            );
            return None;
        }
        (None, [(p, _), ..]) => {
            d.push(several_months(*p, months.len(), &all, place));
            *p
        }
    };
    let other: usize = months
        .iter()
        .filter(|(m, _)| *m != period)
        .map(|(_, n)| n)
        .sum();
    let notes = (other > 0)
        .then(|| {
            t!(
                "строк других месяцев пропущено: {other}",
                "rows of other months left out: {other}"
            )
        })
        .into_iter()
        .collect();
    Some((period, notes))
}

/// The error for an export without a message.
fn no_rows(place: &Place) -> Diagnostic {
    Diagnostic::error(
        codes::IMPORT_POS_NO_ROWS,
        t!(
            "в выгрузке нет ни одного сообщения под строкой заголовков",
            "the export has no message below its header row"
        ),
    )
    .in_path(place.file())
    .help(t!(
        "выгрузите сообщения за месяц из ПОС ещё раз",
        "export the month's messages from the platform again"
    ))
}

/// The warning that the export holds `count` months (`all`) and `p`, where most rows fall, is
/// taken.
fn several_months(p: Period, count: usize, all: &str, place: &Place) -> Diagnostic {
    Diagnostic::warning(
        codes::IMPORT_POS_MONTHS,
        t!(
            "в выгрузке сообщения за несколько месяцев ({count}): {all}; заполняется отчёт за {p} — месяц, на который их приходится больше всего",
            "the export holds messages of {count} months: {all}; the report for {p} is filled in, the month most of them fall in"
        ),
    )
    .in_path(place.file())
    .help(t!(
        "чтобы взять другой месяц, укажите его: `--period ГГГГ-ММ`",
        "to take another month, name it: `--period YYYY-MM`"
    ))
}

/// The new month's text: `new-month`'s file, with the pos channel, the export's themes and the
/// survey in its layout, and its opening comment telling where the numbers come from.
fn new_text(
    period: Period,
    plan: &crate::report_file::Planned,
    counts: &Counts,
    source: &str,
) -> String {
    let mut layout = plan.layout.clone();
    if !layout.channels.contains(&Channel::Pos) {
        layout.channels.push(Channel::Pos);
        layout.channels.sort_by_key(|c| c.index());
    }
    if let Some(themes) = &counts.themes {
        for t in themes {
            let key = pos::theme_key(&t.theme);
            if !layout.themes.iter().any(|n| pos::theme_key(n) == key) {
                layout.themes.push(t.theme.clone());
            }
        }
        for (part, present) in [
            ("repeated", themes.iter().any(|t| t.repeated.is_some())),
            ("overdue", themes.iter().any(|t| t.overdue.is_some())),
            ("solved", themes.iter().any(|t| t.solved.is_some())),
        ] {
            if present && !layout.theme_parts.contains(&part) {
                layout.theme_parts.push(part);
            }
        }
    }
    if counts.satisfaction.is_some() {
        layout.satisfaction = true;
    }
    layout.from_model = true;
    let model = plan.model.as_ref().map(|(p, s)| (*p, s.as_str()));
    crate::report_file::template(period, &layout, model)
        .replacen(
            "командой `vitrina new-month`",
            &format!("командой `vitrina import` из выгрузки ПОС {source}"),
            1,
        )
        .replacen(
            "все числа пустые.",
            "числа из выгрузки вписаны, остальные пустые.",
            1,
        )
}

/// The flow mapping of a new theme row.
fn theme_item(t: &ThemeCount) -> String {
    let mut s = format!("{{theme: {}, received: {}", quoted(&t.theme), t.received);
    for (k, v) in [
        ("repeated", t.repeated),
        ("overdue", t.overdue),
        ("solved", t.solved),
    ] {
        if let Some(v) = v {
            s.push_str(&format!(", {k}: {v}"));
        }
    }
    s.push('}');
    s
}

/// The theme's counts as (key, value) in the data format's order.
/// Records each value of a theme row the import added whole, all at the row's place `at`.
fn record_new_theme(e: &mut Editor, t: &ThemeCount, at: usize, edit: usize) {
    for (k, v) in theme_values(t) {
        e.changes.push(Change {
            what: format!("themes «{}».{k}", t.theme),
            old: None,
            new: v.to_string(),
            at,
            conflict: false,
            written: 0,
            edit,
        });
    }
}

fn theme_values(t: &ThemeCount) -> Vec<(&'static str, u64)> {
    let mut v = vec![("received", t.received)];
    for (k, x) in [
        ("repeated", t.repeated),
        ("overdue", t.overdue),
        ("solved", t.solved),
    ] {
        if let Some(x) = x {
            v.push((k, x));
        }
    }
    v
}

/// Records the edits of every value the export gives; false when the file is not shaped like a
/// report (then `check` says why).
fn apply(e: &mut Editor, tree: &Node, counts: &Counts, published: Option<&str>) -> bool {
    if !matches!(tree.value, Value::Map(_)) {
        return false;
    }
    if let Some(p) = published {
        e.set(tree, "published", p, REPORT_KEYS, "published".into());
    }
    let mut pos = vec![("total", counts.total)];
    pos.extend(counts.fast_track.map(|f| ("fast_track", f)));
    let channel_keys: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
    let channels = Section {
        key: "channels",
        order: REPORT_KEYS,
        what: "channels.pos",
        values: &pos,
    };
    let in_channels = Section {
        key: "pos",
        order: &channel_keys,
        ..channels
    };
    let mut ok = channels.set(
        e,
        tree,
        &|_| format!("{{pos: {}}}", channel_text(&pos, None)),
        &mut |e, ch| {
            let indent = e.block_indent(ch).map(|i| i + 2);
            in_channels.set(e, ch, &|_| channel_text(&pos, indent), &mut |e, p| {
                leaves_in(e, p, CHANNEL_KEYS, "channels.pos", &pos)
            })
        },
    );
    if let Some(themes) = &counts.themes {
        ok &= set_themes(e, tree, themes);
    }
    if let Some((responses, satisfied)) = counts.satisfaction {
        let values = [("responses", responses), ("satisfied", satisfied)];
        let satisfaction = Section {
            key: "satisfaction",
            order: REPORT_KEYS,
            what: "satisfaction",
            values: &values,
        };
        ok &= satisfaction.set(e, tree, &|_| flow(&values), &mut |e, s| {
            leaves_in(e, s, SATISFACTION_KEYS, "satisfaction", &values)
        });
    }
    ok
}

/// A mapping of counts the export fills in (`channels.pos`, `satisfaction`), under `key` of a
/// parent mapping whose keys go in `order`.
#[derive(Clone, Copy)]
struct Section<'a> {
    key: &'a str,
    order: &'a [&'a str],
    /// The mapping's name in the printed changes.
    what: &'a str,
    values: &'a [(&'a str, u64)],
}

impl Section<'_> {
    /// Sets the values under `parent`: inside the mapping at `key` (`inside`), or, where there
    /// is none, the mapping written whole (`whole`), each of its values then printed as a change
    /// of its own. False when `key` holds something other than a mapping.
    fn set(
        &self,
        e: &mut Editor,
        parent: &Node,
        whole: &dyn Fn(&Editor) -> String,
        inside: &mut dyn FnMut(&mut Editor, &Node) -> bool,
    ) -> bool {
        match parent.get(self.key) {
            Some(m) if matches!(m.value, Value::Map(_)) => inside(e, m),
            Some(m) if !m.is_null() => false,
            _ => {
                let text = whole(e);
                e.set(parent, self.key, &text, self.order, self.what.into());
                leaves(e, self.what, self.values);
                true
            }
        }
    }
}

/// Sets each of `values` in the mapping `map`, whose keys go in `order`.
fn leaves_in(
    e: &mut Editor,
    map: &Node,
    order: &[&str],
    what: &str,
    values: &[(&str, u64)],
) -> bool {
    for (k, v) in values {
        e.set(map, k, &v.to_string(), order, format!("{what}.{k}"));
    }
    true
}

/// `{responses: 3, satisfied: 2}`.
fn flow(values: &[(&str, u64)]) -> String {
    let inner: Vec<String> = values.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", inner.join(", "))
}

/// The `themes` rows: each theme of the file set from the export (0 for one without messages),
/// each theme of the export the file lacks appended as a row, or the whole list written where
/// the file has none. False when `themes` is not a list.
fn set_themes(e: &mut Editor, tree: &Node, themes: &[ThemeCount]) -> bool {
    match tree.get("themes") {
        Some(seq) if matches!(seq.value, Value::Seq(_)) => {
            let Value::Seq(rows) = &seq.value else {
                return false;
            };
            let mut matched = vec![false; themes.len()];
            for row in rows {
                let Some(name) = row.get("theme").and_then(Node::scalar) else {
                    continue;
                };
                if !matches!(row.value, Value::Map(_)) {
                    continue;
                }
                let key = pos::theme_key(name);
                let zero = ThemeCount {
                    theme: name.to_string(),
                    received: 0,
                    repeated: themes.iter().find_map(|t| t.repeated).map(|_| 0),
                    overdue: themes.iter().find_map(|t| t.overdue).map(|_| 0),
                    solved: themes.iter().find_map(|t| t.solved).map(|_| 0),
                };
                let count = match themes.iter().position(|t| pos::theme_key(&t.theme) == key) {
                    Some(i) => {
                        matched[i] = true;
                        &themes[i]
                    }
                    None => &zero,
                };
                for (k, v) in theme_values(count) {
                    e.set(
                        row,
                        k,
                        &v.to_string(),
                        THEME_KEYS,
                        format!("themes «{name}».{k}"),
                    );
                }
            }
            for (t, _) in themes.iter().zip(&matched).filter(|(_, m)| !**m) {
                let at = e.append(seq, &theme_item(t));
                let edit = e.edit_count() - 1;
                record_new_theme(e, t, at, edit);
            }
            true
        }
        Some(seq) if !seq.is_null() => false,
        _ if themes.is_empty() => true,
        _ => {
            let items: Vec<String> = themes
                .iter()
                .map(|t| format!("\n  - {}", theme_item(t)))
                .collect();
            let before = e.changes.len();
            e.set(tree, "themes", &items.concat(), REPORT_KEYS, String::new());
            let (at, edit) = e.changes.get(before).map_or((0, 0), |c| (c.at, c.edit));
            e.changes.truncate(before);
            for t in themes {
                record_new_theme(e, t, at, edit);
            }
            true
        }
    }
}

/// A new pos channel: every key of a channel (a channel needs all six), the export's values
/// and the others blank for the press officer, as lines indented by `indent`, or as a flow
/// mapping (blanks `~`) when the channels are written that way.
fn channel_text(values: &[(&str, u64)], indent: Option<usize>) -> String {
    let value = |k: &str| values.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    match indent {
        Some(n) => CHANNEL_KEYS
            .iter()
            .map(|k| match value(k) {
                Some(v) => format!("\n{}{k}: {v}", " ".repeat(n)),
                None => format!("\n{}{k}:", " ".repeat(n)),
            })
            .collect(),
        None => {
            let inner: Vec<String> = CHANNEL_KEYS
                .iter()
                .map(|k| match value(k) {
                    Some(v) => format!("{k}: {v}"),
                    None => format!("{k}: ~"),
                })
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// The last change, when it wrote a whole mapping where there was none, as one change a value
/// (`satisfaction.responses`, `satisfaction.satisfied`), so that each value is printed.
fn leaves(e: &mut Editor, prefix: &str, values: &[(&str, u64)]) {
    let Some(last) = e.changes.last() else { return };
    if last.what != prefix || last.old.is_some() {
        return;
    }
    let last = e.changes.pop().expect("there is a last change");
    for (k, v) in values {
        e.changes.push(Change {
            what: format!("{prefix}.{k}"),
            new: v.to_string(),
            ..last.clone()
        });
    }
}

/// Reads the edited text back: it must be YAML, hold the values written, and raise nothing in
/// `check` but the blanks a new month still has. A guard on the editor, which should leave
/// nothing for it to find.
fn verify(
    text: &str,
    path: &Path,
    root: &Path,
    rel: &str,
    counts: &Counts,
    d: &mut Diagnostics,
) -> bool {
    let mut sources = Sources::new();
    let file: FileId = sources.add(root, path, text.to_string());
    let mut found = Diagnostics::new();
    let node = crate::yaml::parse(text, file, 0, &mut found);
    let holds = node.as_ref().is_some_and(|n| {
        let pos = n.get("channels").and_then(|c| c.get("pos"));
        let total = pos.and_then(|p| p.get("total")).and_then(Node::scalar);
        total.and_then(|t| t.parse::<u64>().ok()) == Some(counts.total)
    });
    if let Some(n) = &node {
        crate::data::report::read_report(n, file, &mut found);
    }
    let mut ok = holds;
    for diag in found.iter() {
        if diag.code == codes::MISSING_VALUE || diag.severity != crate::diag::Severity::Error {
            continue;
        }
        ok = false;
        let mut moved = diag.clone();
        let (ru, en) = (&diag.message.ru, &diag.message.en);
        moved.message = t!(
            "отчёт после импорта не пройдёт проверку `vitrina check`: {ru}",
            "the report would not pass `vitrina check` after the import: {en}"
        );
        moved.code = codes::IMPORT_POS_REPORT;
        if let Location::Span(span) = diag.location {
            let (line, col) = sources.line_col(file, span.start);
            moved.location = Location::None;
            moved.path = Some(format!("{rel}:{line}:{col}"));
        }
        moved.related = None;
        d.push(moved);
    }
    if !ok && !d.has_errors() {
        d.push(unreadable_report(rel));
    }
    ok
}

fn unreadable_report(rel: &str) -> Diagnostic {
    Diagnostic::error(
        codes::IMPORT_POS_REPORT,
        t!(
            "{rel} не удаётся дополнить: это не отчёт, который читает Витрина",
            "{rel} cannot be filled in: it is not a report Vitrina reads"
        ),
    )
    .in_path(rel.to_string())
    .help(t!(
        "запустите `vitrina check` и исправьте файл, затем повторите импорт",
        "run `vitrina check` and fix the file, then import again"
    ))
}

fn cannot_read(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        codes::IMPORT_POS_REPORT,
        t!("не удалось прочитать {rel}: {e}", "cannot read {rel}: {e}"),
    )
    .in_path(rel.to_string())
    .help(t!(
        "проверьте, что файл можно читать",
        "check that the file can be read"
    ))
}

/// Writes `text` over `path` through a file beside it and a rename, so that a failure leaves
/// the report as it was.
fn write_over(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.vitrina-import"));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// `  channels.pos.total: — → 42 (line 7)`, one a value, in the file's order.
fn change_lines(changes: &[Change], text: &str, lang: Lang) -> Vec<String> {
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| c.written);
    sorted
        .iter()
        .map(|c| {
            let (line, _) = crate::source::line_col(text, c.written);
            let old = c.old.clone().unwrap_or_else(|| "—".to_string());
            match lang {
                Lang::Ru => format!("  {}: {old} → {} (строка {line})", c.what, c.new),
                Lang::En => format!("  {}: {old} → {} (line {line})", c.what, c.new),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    /// The export's counts that a report already holds.
    fn counts_of(report: &crate::data::report::Report) -> Counts {
        let pos = report.channels[Channel::Pos.index()];
        Counts {
            total: pos.total,
            fast_track: Some(pos.treated[0]),
            fz: None,
            themes: Some(
                report
                    .themes
                    .iter()
                    .map(|t| ThemeCount {
                        theme: t.theme.clone(),
                        received: t.received,
                        repeated: t.repeated,
                        overdue: t.overdue,
                        solved: t.solved,
                    })
                    .collect(),
            ),
            uncategorised: 0,
            satisfaction: report.satisfaction.map(|s| (s.responses, s.satisfied)),
        }
    }

    fn edited(text: &str, counts: &Counts, replace: bool) -> (String, Vec<Change>) {
        let tree = crate::yaml::parse(text, FileId(0), 0, &mut Diagnostics::new()).unwrap();
        let mut e = Editor::new(text, replace);
        assert!(apply(&mut e, &tree, counts, None));
        e.finish()
    }

    /// Every report of the demo: the counts it holds change nothing; one count changed with
    /// `--replace` changes one line and nothing else.
    #[test]
    fn on_every_demo_report_only_the_values_asked_for_change() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let mut d = Diagnostics::new();
            let tree = crate::yaml::parse(&text, FileId(0), 0, &mut d).unwrap();
            let report = crate::data::report::read_report(&tree, FileId(0), &mut d).unwrap();
            let mut counts = counts_of(&report);
            let (same, changes) = edited(&text, &counts, false);
            assert_eq!(same, text, "{}", path.display());
            assert!(changes.is_empty(), "{}: {changes:?}", path.display());

            counts.total += 1;
            if let Some(t) = counts.themes.as_mut().and_then(|t| t.first_mut()) {
                t.received += 1;
            }
            let (refused, changes) = edited(&text, &counts, false);
            assert_eq!(refused, text);
            assert!(changes.iter().all(|c| c.conflict));
            let (out, changes) = edited(&text, &counts, true);
            assert_eq!(changes.len(), 1 + usize::from(!report.themes.is_empty()));
            let differ: Vec<(&str, &str)> = text
                .lines()
                .zip(out.lines())
                .filter(|(a, b)| a != b)
                .collect();
            assert_eq!(out.lines().count(), text.lines().count());
            assert_eq!(differ.len(), changes.len(), "{differ:?}");
            let pos = report.channels[Channel::Pos.index()].total;
            assert!(
                differ[0].1.contains(&format!("total: {}", pos + 1)),
                "{differ:?}"
            );
            seen += 1;
        }
        assert!(seen > 40, "{seen}");
    }
}
