//! `data/reports/YYYY-MM.yaml`: one month's counts, as the press officer writes them.

use super::decode::{self, Fields, fields};
use super::site::list;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun, Text};
use crate::domain::{Channel, Treatment};
use crate::period::Period;
use crate::source::{FileId, Span};
use crate::t;
use crate::yaml::Node;
use chrono::NaiveDate;
use serde::Serialize;

/// One channel's counts: received, and of them treated each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChannelCounts {
    pub total: u64,
    /// Indexed by [`Treatment::index`].
    pub treated: [u64; 5],
}

/// Indicators 10 and 9: stocks at the reporting date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recipients {
    pub total: u64,
    pub informing: u64,
}

/// Complaints on one theme, all channels together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeRow {
    pub theme: String,
    pub received: u64,
    pub repeated: Option<u64>,
    pub overdue: Option<u64>,
    pub postponed: Option<u64>,
    pub solved: Option<u64>,
}

/// One responsible recipient in the rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientRow {
    pub name: String,
    pub received: u64,
    pub on_time: Option<u64>,
    pub solved: Option<u64>,
    /// Average mark, 1 to 5, in tenths.
    pub satisfaction: Option<i64>,
}

/// Answers to the satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Satisfaction {
    pub responses: u64,
    pub satisfied: u64,
}

/// A notice that a figure of the report was changed after publication: when, and what changed
/// («Исправлено число обращений по 59-ФЗ: в первой редакции было 240»). The report's figures are
/// the corrected ones; the notice is what keeps the change from being silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub date: NaiveDate,
    pub text: String,
    /// Where its `date` is written, for messages.
    #[serde(skip)]
    pub date_span: Span,
}

/// One monthly report, validated.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: FileId,
    pub period: Period,
    pub period_span: Span,
    pub published: NaiveDate,
    /// Indexed by [`Channel::index`]; an absent channel counts zero.
    pub channels: [ChannelCounts; 4],
    /// Where each channel's `total` is written, indexed the same; `None` for an absent channel.
    pub channel_spans: [Option<Span>; 4],
    pub recipients: Recipients,
    pub themes: Vec<ThemeRow>,
    pub themes_span: Option<Span>,
    pub recipients_rating: Vec<RecipientRow>,
    pub satisfaction: Option<Satisfaction>,
    /// The month in the publisher's words, Markdown.
    pub summary: Option<String>,
    pub summary_span: Option<Span>,
    /// Channels whose 0 this month the publisher confirms: nothing came through them, the figures
    /// are not missing. Their 0 is not flagged ([`crate::metrics::month::suspicious_zeros`]).
    pub zero_confirmed: Vec<Channel>,
    /// Changes made after publication, oldest first (`corrections:`).
    pub corrections: Vec<Correction>,
}

impl crate::calendar::Dated for Report {
    fn period(&self) -> Period {
        self.period
    }
}

impl Report {
    /// A report of `period` with every count zero and nothing else, published on the 1st of
    /// the next month: what the tests of the figures start from.
    #[cfg(test)]
    pub(crate) fn empty(period: Period) -> Report {
        let nowhere = Span::new(FileId(0), 0, 0);
        Report {
            file: FileId(0),
            period,
            period_span: nowhere,
            published: period.next().first_day(),
            channels: Default::default(),
            channel_spans: [None; 4],
            recipients: Recipients::default(),
            themes: vec![],
            themes_span: None,
            recipients_rating: vec![],
            satisfaction: None,
            summary: None,
            summary_span: None,
            zero_confirmed: vec![],
            corrections: vec![],
        }
    }

    /// Received over all channels.
    pub fn total_received(&self) -> u64 {
        self.channels.iter().map(|c| c.total).sum()
    }
}

pub(crate) const REPORT_KEYS: &[&str] = &[
    "period",
    "published",
    "channels",
    "recipients",
    "themes",
    "recipients_rating",
    "satisfaction",
    "summary",
    "zero_confirmed",
    "corrections",
];
pub(crate) const CHANNEL_KEYS: &[&str] = &[
    "total",
    "fast_track",
    "auto_delivery",
    "roadmap",
    "info_systems",
    "auto_control",
];

/// Reads one report; `None` if anything in it is wrong (every problem is reported).
pub fn read_report(node: &Node, file: FileId, d: &mut Diagnostics) -> Option<Report> {
    let f = fields(node, Noun::new("отчёт за месяц", "report"), REPORT_KEYS, d)?;
    let errors = d.errors();
    let period_node = f.required("period", d);
    let period = period_node.and_then(|n| decode::period(n, d));
    let published = f.required("published", d).and_then(|n| decode::date(n, d));
    let channels = f.required("channels", d).and_then(|n| read_channels(n, d));
    let recipients = f
        .required("recipients", d)
        .and_then(|n| read_recipients(n, d));
    let themes = list(&f, "themes", Noun::new("темы", "themes"), d, read_theme);
    let recipients_rating = list(
        &f,
        "recipients_rating",
        Noun::new("получатели", "recipients"),
        d,
        read_recipient_row,
    );
    let satisfaction = f
        .optional("satisfaction")
        .and_then(|n| read_satisfaction(n, d));
    let summary_node = f.optional("summary");
    let summary = summary_node.and_then(|n| decode::text(n, d));
    let zero_confirmed = list(
        &f,
        "zero_confirmed",
        Noun::new("каналы без обращений", "channels with none"),
        d,
        read_channel_key,
    );
    let corrections = list(
        &f,
        "corrections",
        Noun::new("исправления", "corrections"),
        d,
        read_correction,
    );
    if let Some(pub_date) = published {
        for c in &corrections {
            correction_after_publication(c, pub_date, d);
        }
    }
    if let (Some(p), Some(pub_date), Some(n)) = (period, published, f.optional("published"))
        && pub_date < p.first_day()
    {
        d.push(published_before_period(p, n.span));
    }
    if d.errors() > errors {
        return None;
    }
    Some(Report {
        file,
        period: period?,
        period_span: period_node?.span,
        published: published?,
        channels: channels?.map(|(counts, _)| counts),
        channel_spans: channels?.map(|(_, span)| span),
        recipients: recipients?,
        themes,
        themes_span: f
            .optional("themes")
            .map(|n| f.key_span("themes").unwrap_or(n.span)),
        recipients_rating,
        satisfaction,
        summary,
        summary_span: summary_node.map(|n| n.span),
        zero_confirmed,
        corrections,
    })
}

/// The error for a report published (at `span`) before its month `p` began.
fn published_before_period(p: Period, span: Span) -> Diagnostic {
    let month = crate::format::month(p.year, p.month);
    Diagnostic::error(
        codes::PUBLISHED_BEFORE_PERIOD,
        t!(
            "дата публикации отчёта за {month} г. раньше начала этого месяца",
            "the report for {p} is dated before the month began"
        ),
    )
    .at(
        span,
        t!(
            "опубликован до начала отчётного месяца",
            "published before the reporting month"
        ),
    )
    .help(t!(
        "исправьте дату публикации: отчёт за месяц публикуют после его окончания, обычно до 2-го числа следующего месяца",
        "a monthly report is published after its month, usually by the 2nd of the next month"
    ))
}

/// The keys of an item of `corrections`.
pub(crate) const CORRECTION_KEYS: &[&str] = &["date", "text"];

/// One item of `corrections:`. A notice without its text says nothing of what changed, which
/// is the whole point of it: a missing or blank `text` is an error of its own, at the item.
fn read_correction(node: &Node, d: &mut Diagnostics) -> Option<Correction> {
    let f = fields(
        node,
        Noun::new("исправление", "correction"),
        CORRECTION_KEYS,
        d,
    )?;
    let date_node = f.required("date", d);
    let date = date_node.and_then(|n| decode::date(n, d));
    let text = f
        .raw("text")
        .and_then(|n| n.scalar().filter(|_| !n.is_null()))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if text.is_none() {
        let at = f.key_span("text").unwrap_or_else(|| f.head_span());
        d.push(
            Diagnostic::error(
                codes::CORRECTION_NO_TEXT,
                t!(
                    "в исправлении не сказано, что изменилось",
                    "the correction does not say what changed"
                ),
            )
            .at(
                at,
                t!("нет текста исправления", "the correction has no text"),
            )
            .help(t!(
                "добавьте `text: \"…\"`: какое число исправлено и каким оно было в первой редакции, например `text: \"Исправлено число обращений по 59-ФЗ: в первой редакции было 240\"`",
                "add `text: \"…\"` saying which figure was corrected and what it was first, such as `text: \"Corrected the 59-FZ appeals: the first version said 240\"`"
            )),
        );
    }
    Some(Correction {
        date: date?,
        text: text?.to_string(),
        date_span: date_node?.span,
    })
}

/// A correction is made to a published report: one dated before the report's publication is a
/// typo in one of the two dates.
fn correction_after_publication(c: &Correction, published: NaiveDate, d: &mut Diagnostics) {
    if c.date >= published {
        return;
    }
    let (date, published) = (c.date, published);
    let (date_ru, published_ru) = (crate::format::date(date), crate::format::date(published));
    d.push(
        Diagnostic::error(
            codes::CORRECTION_BEFORE_PUBLISHED,
            t!(
                "исправление датировано {date_ru}, раньше публикации отчёта ({published_ru})",
                "the correction is dated {date}, before the report was published ({published})"
            ),
        )
        .at(
            c.date_span,
            t!(
                "исправление раньше публикации",
                "corrected before it was published"
            ),
        )
        .help(t!(
            "исправляют уже опубликованный отчёт: дата исправления — не раньше `published`; проверьте обе даты",
            "a correction is made to a published report, on or after `published`: check both dates"
        )),
    );
}

/// A channel's key in `zero_confirmed`.
fn read_channel_key(node: &Node, d: &mut Diagnostics) -> Option<Channel> {
    let found = Channel::ALL
        .into_iter()
        .find(|c| node.scalar() == Some(c.key()));
    if found.is_none() {
        d.push(
            decode::expected(
                node,
                t!(
                    "канал: `appeals`, `pos`, `digital` или `hotline`",
                    "a channel: `appeals`, `pos`, `digital` or `hotline`"
                ),
            )
            .with_code(codes::UNKNOWN_VALUE),
        );
    }
    found
}

/// Each channel's counts with where its `total` is written.
type Channels = [(ChannelCounts, Option<Span>); 4];

fn read_channels(node: &Node, d: &mut Diagnostics) -> Option<Channels> {
    let keys: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
    let f = fields(node, Noun::new("каналы поступления", "channels"), &keys, d)?;
    let mut out = [(ChannelCounts::default(), None); 4];
    let mut ok = true;
    for c in Channel::ALL {
        if let Some(n) = f.optional(c.key()) {
            match read_channel(n, c, d) {
                Some((counts, span)) => out[c.index()] = (counts, Some(span)),
                None => ok = false,
            }
        }
    }
    ok.then_some(out)
}

/// One channel's counts, with the span of its `total`.
fn read_channel(
    node: &Node,
    channel: Channel,
    d: &mut Diagnostics,
) -> Option<(ChannelCounts, Span)> {
    let f = fields(
        node,
        Noun::new("канал поступления", "channel"),
        CHANNEL_KEYS,
        d,
    )?;
    let total_node = f.required("total", d);
    let total = total_node.and_then(|n| decode::count(n, d));
    let mut treated = [0; 5];
    let mut ok = total.is_some();
    for t in Treatment::ALL {
        match f.required(t.key(), d).and_then(|n| decode::count(n, d)) {
            Some(v) => {
                treated[t.index()] = v;
                if let Some(total) = total
                    && v > total
                {
                    let key = channel.key();
                    part_over_total(
                        &f,
                        t.key(),
                        v,
                        "total",
                        total,
                        &t!("в канале поступления `{key}`", "channel `{key}`"),
                        d,
                    );
                    ok = false;
                }
            }
            None => ok = false,
        }
    }
    let counts = ChannelCounts {
        total: total.unwrap_or(0),
        treated,
    };
    ok.then_some((counts, total_node?.span))
}

/// The error for a part greater than its whole, at the part.
fn part_over_total(
    f: &Fields,
    part: &str,
    value: u64,
    whole: &str,
    total: u64,
    owner: &Text,
    d: &mut Diagnostics,
) {
    let span = f.optional(part).map_or(f.span(), |n| n.span);
    let (owner_ru, owner_en) = (&owner.ru, &owner.en);
    d.push(
        Diagnostic::error(
            codes::PART_OVER_TOTAL,
            t!(
                "доля не может превышать общее число: {value} > {total}",
                "`{part}` ({value}) is greater than `{whole}` ({total}) in the {owner_en}"
            ),
        )
        .at(
            span,
            t!("`{part}` больше, чем `{whole}`", "{value} > {total}"),
        )
        .help(t!(
            "проверьте `{part}` и `{whole}` {owner_ru}: часть не может быть больше целого",
            "a part cannot exceed its whole: check `{part}` and `{whole}`"
        )),
    );
}

fn read_recipients(node: &Node, d: &mut Diagnostics) -> Option<Recipients> {
    let f = fields(
        node,
        Noun::new("получатели", "recipients"),
        RECIPIENTS_KEYS,
        d,
    )?;
    // Both values are read before either can stop the reading, so that every blank is reported.
    let total = f.required("total", d).and_then(|n| decode::count(n, d));
    let informing = f.required("informing", d).and_then(|n| decode::count(n, d));
    let (total, informing) = (total?, informing?);
    if informing > total {
        part_over_total(
            &f,
            "informing",
            informing,
            "total",
            total,
            &t!("в разделе `recipients`", "recipients"),
            d,
        );
        return None;
    }
    Some(Recipients { total, informing })
}

/// Reads an optional count no greater than `whole`.
fn part(
    f: &Fields,
    key: &str,
    whole: Option<u64>,
    whole_key: &str,
    owner: &Text,
    d: &mut Diagnostics,
) -> Option<u64> {
    let v = f.optional(key).and_then(|n| decode::count(n, d))?;
    if let Some(w) = whole
        && v > w
    {
        part_over_total(f, key, v, whole_key, w, owner, d);
    }
    Some(v)
}

/// The keys of a row of `themes`, in the data format's order (`import` writes them in it too).
pub(crate) const THEME_KEYS: &[&str] = &[
    "theme",
    "received",
    "repeated",
    "overdue",
    "postponed",
    "solved",
];

/// The keys of `satisfaction`, in the data format's order.
pub(crate) const SATISFACTION_KEYS: &[&str] = &["responses", "satisfied"];

/// The keys of `recipients`.
pub(crate) const RECIPIENTS_KEYS: &[&str] = &["total", "informing"];

/// The keys of a row of `recipients_rating`.
pub(crate) const RECIPIENT_ROW_KEYS: &[&str] =
    &["name", "received", "on_time", "solved", "satisfaction"];

/// Every key of a report whose value is a count, each once, from the key lists above: not a
/// name, a month, a date or the rating's average mark (`init --region` scales these).
pub(crate) fn count_keys() -> Vec<&'static str> {
    const NOT_COUNTS: [&str; 3] = ["theme", "name", "satisfaction"];
    let mut keys: Vec<&'static str> = Vec::new();
    for key in [
        CHANNEL_KEYS,
        RECIPIENTS_KEYS,
        THEME_KEYS,
        RECIPIENT_ROW_KEYS,
        SATISFACTION_KEYS,
    ]
    .concat()
    {
        if !NOT_COUNTS.contains(&key) && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

fn read_theme(node: &Node, d: &mut Diagnostics) -> Option<ThemeRow> {
    let f = fields(node, Noun::new("тема", "theme"), THEME_KEYS, d)?;
    let theme = f.required("theme", d).and_then(|n| decode::text(n, d));
    let received = f.required("received", d).and_then(|n| decode::count(n, d));
    let name = theme.as_deref().unwrap_or("?");
    let owner = t!("в теме «{name}»", "theme «{name}»");
    let repeated = part(&f, "repeated", received, "received", &owner, d);
    let overdue = part(&f, "overdue", received, "received", &owner, d);
    let postponed = part(&f, "postponed", received, "received", &owner, d);
    let solved = part(&f, "solved", received, "received", &owner, d);
    Some(ThemeRow {
        theme: theme?,
        received: received?,
        repeated,
        overdue,
        postponed,
        solved,
    })
}

fn read_recipient_row(node: &Node, d: &mut Diagnostics) -> Option<RecipientRow> {
    let f = fields(
        node,
        Noun::new("получатель", "recipient"),
        RECIPIENT_ROW_KEYS,
        d,
    )?;
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let received = f.required("received", d).and_then(|n| decode::count(n, d));
    let who = name.as_deref().unwrap_or("?");
    let owner = t!("у получателя «{who}»", "recipient «{who}»");
    let on_time = part(&f, "on_time", received, "received", &owner, d);
    let solved = part(&f, "solved", received, "received", &owner, d);
    let satisfaction = f
        .optional("satisfaction")
        .and_then(|n| decode::tenths(n, 1, 5, Noun::new("средняя оценка", "an average mark"), d));
    Some(RecipientRow {
        name: name?,
        received: received?,
        on_time,
        solved,
        satisfaction,
    })
}

fn read_satisfaction(node: &Node, d: &mut Diagnostics) -> Option<Satisfaction> {
    let f = fields(
        node,
        Noun::new("удовлетворённость", "satisfaction"),
        SATISFACTION_KEYS,
        d,
    )?;
    let responses = f.required("responses", d).and_then(|n| decode::count(n, d));
    let satisfied = f.required("satisfied", d).and_then(|n| decode::count(n, d));
    let (responses, satisfied) = (responses?, satisfied?);
    if satisfied > responses {
        part_over_total(
            &f,
            "satisfied",
            satisfied,
            "responses",
            responses,
            &t!("в опросе об удовлетворённости", "satisfaction survey"),
            d,
        );
        return None;
    }
    Some(Satisfaction {
        responses,
        satisfied,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_keeps_where_each_channel_total_and_its_summary_are_written() {
        let text = "period: 2024-03\npublished: 2024-04-02\nchannels:\n  pos: {total: 57, fast_track: 0, auto_delivery: 0, roadmap: 0, info_systems: 0, auto_control: 0}\nrecipients: {total: 1, informing: 1}\nsummary: |\n  See [the list](/roadmaps/).\n";
        let mut d = Diagnostics::new();
        let node = crate::yaml::parse(text, FileId(0), 0, &mut d).unwrap();
        let r = read_report(&node, FileId(0), &mut d).expect("a valid report");
        let at = |s: Option<Span>| s.map(|s| &text[s.start..s.end]);
        assert_eq!(at(r.channel_spans[Channel::Pos.index()]), Some("57"));
        assert_eq!(r.channel_spans[Channel::Hotline.index()], None);
        let summary = at(r.summary_span).unwrap();
        assert!(summary.contains("[the list](/roadmaps/)"), "{summary:?}");
    }

    #[test]
    fn the_count_keys_are_every_count_of_a_report_once() {
        let keys = count_keys();
        for key in CHANNEL_KEYS.iter().chain(SATISFACTION_KEYS) {
            assert!(keys.contains(key), "{key}");
        }
        for key in ["informing", "received", "repeated", "solved", "on_time"] {
            assert!(keys.contains(&key), "{key}");
        }
        for not_a_count in ["theme", "name", "satisfaction", "period", "published"] {
            assert!(!keys.contains(&not_a_count), "{not_a_count}");
        }
        let mut once = keys.clone();
        once.sort_unstable();
        once.dedup();
        assert_eq!(once.len(), keys.len());
    }

    /// The report read from `text`, and where each diagnostic points (code, line, column).
    fn read(text: &str) -> (Option<Report>, Vec<(&'static str, usize, usize)>) {
        let mut d = Diagnostics::new();
        let node = crate::yaml::parse(text, FileId(0), 0, &mut d).unwrap();
        let r = read_report(&node, FileId(0), &mut d);
        let at = d
            .iter()
            .map(|x| match x.location {
                crate::diag::Location::Span(s) => {
                    let (line, col) = crate::source::line_col(text, s.start);
                    (x.code, line, col)
                }
                _ => (x.code, 0, 0),
            })
            .collect();
        (r, at)
    }

    const HEAD: &str = "period: 2024-03\npublished: 2024-04-02\nchannels: {}\nrecipients: {total: 1, informing: 1}\n";

    #[test]
    fn corrections_are_read_oldest_first_with_their_date_and_text() {
        let text = format!(
            "{HEAD}corrections:\n  - {{date: 2024-04-02, text: \"Исправлено в тот же день\"}}\n  - date: 2024-04-15\n    text: \"Исправлено число обращений по 59-ФЗ: в первой редакции было 240\"\n"
        );
        let (r, diags) = read(&text);
        assert!(diags.is_empty(), "{diags:?}");
        let r = r.unwrap();
        let got: Vec<(String, &str)> = r
            .corrections
            .iter()
            .map(|c| (c.date.to_string(), c.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2024-04-02".into(), "Исправлено в тот же день"),
                (
                    "2024-04-15".into(),
                    "Исправлено число обращений по 59-ФЗ: в первой редакции было 240"
                )
            ]
        );
    }

    #[test]
    fn a_correction_before_publication_is_an_error_at_its_date() {
        let text = format!("{HEAD}corrections:\n  - {{date: 2024-03-30, text: \"Исправлено\"}}\n");
        let (r, diags) = read(&text);
        assert!(r.is_none());
        assert_eq!(diags, [(codes::CORRECTION_BEFORE_PUBLISHED, 6, 12)]);
    }

    #[test]
    fn a_correction_without_text_is_an_error_at_its_line() {
        for item in [
            "{date: 2024-04-15}",
            "{date: 2024-04-15, text: }",
            "{date: 2024-04-15, text: \"  \"}",
        ] {
            let text = format!("{HEAD}corrections:\n  - {item}\n");
            let (r, diags) = read(&text);
            assert!(r.is_none(), "{item}");
            assert_eq!(diags.len(), 1, "{item}: {diags:?}");
            assert_eq!(
                (diags[0].0, diags[0].1),
                (codes::CORRECTION_NO_TEXT, 6),
                "{item}"
            );
        }
    }
}
