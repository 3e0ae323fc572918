//! `data/decisions/*.yaml` and `data/roadmaps/*.yaml`: what residents decided via ПОС, and the
//! plans that remove the causes of complaints.

use super::decode::{self, fields, slug};
use super::site::{Person, list};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::source::Span;
use crate::t;
use crate::yaml::Node;
use chrono::NaiveDate;
use serde::Serialize;

/// How residents took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Vote,
    Survey,
    Discussion,
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

// The YAML key of each value, written once: the reader, the pages' addresses and the JSON
// Schema all take it from here (serde's `snake_case` gives the same, which a test holds).
impl DecisionKind {
    /// Every kind, in the order of DATA-FORMAT.md.
    pub const ALL: [DecisionKind; 3] = [
        DecisionKind::Vote,
        DecisionKind::Survey,
        DecisionKind::Discussion,
    ];

    /// The value as written in `kind:`.
    pub fn key(self) -> &'static str {
        match self {
            DecisionKind::Vote => "vote",
            DecisionKind::Survey => "survey",
            DecisionKind::Discussion => "discussion",
        }
    }

    /// The kind written `key` in YAML.
    pub fn from_key(key: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl DecisionStatus {
    /// Every status, in the order of DATA-FORMAT.md.
    pub const ALL: [DecisionStatus; 4] = [
        DecisionStatus::Planned,
        DecisionStatus::InProgress,
        DecisionStatus::Done,
        DecisionStatus::Cancelled,
    ];

    /// The value as written in `status:`.
    pub fn key(self) -> &'static str {
        match self {
            DecisionStatus::Planned => "planned",
            DecisionStatus::InProgress => "in_progress",
            DecisionStatus::Done => "done",
            DecisionStatus::Cancelled => "cancelled",
        }
    }

    /// The status written `key` in YAML.
    pub fn from_key(key: &str) -> Option<DecisionStatus> {
        DecisionStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub date: NaiveDate,
    pub text: String,
}

/// A post in a social network that reports the decision's implementation.
#[derive(Debug, Clone, Serialize)]
pub struct InformingPost {
    pub date: NaiveDate,
    pub network: String,
    pub url: String,
}

/// A decision adopted with residents via ПОС.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub id: String,
    #[serde(skip)]
    pub id_span: Span,
    pub title: String,
    pub kind: DecisionKind,
    pub adopted: NaiveDate,
    pub theme: Option<String>,
    pub participants: Option<u64>,
    pub source_url: Option<String>,
    pub status: DecisionStatus,
    #[serde(skip)]
    pub status_span: Span,
    /// What came of it, Markdown.
    pub result: Option<String>,
    #[serde(skip)]
    pub result_span: Option<Span>,
    pub milestones: Vec<Milestone>,
    pub informing: Vec<InformingPost>,
}

impl Decision {
    /// True when an informing post is dated on or before `date`.
    pub fn informed_by(&self, date: NaiveDate) -> bool {
        self.informing.iter().any(|p| p.date <= date)
    }
}

pub(crate) const DECISION_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "adopted",
    "theme",
    "participants",
    "source_url",
    "status",
    "result",
    "milestones",
    "informing",
];

/// Reads one decision. Long because it reads the fields one after another, in the order of
/// DATA-FORMAT.md, so that the reader and the format can be compared line by line.
pub fn read_decision(node: &Node, d: &mut Diagnostics) -> Option<Decision> {
    let f = fields(node, Noun::new("решение", "decision"), DECISION_KEYS, d)?;
    let errors = d.errors();
    let id_node = f.required("id", d);
    let id = id_node.and_then(|n| slug(n, d));
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let kind = f.required("kind", d).and_then(|n| {
        let options = DecisionKind::ALL.map(|k| (k.key(), k));
        choice(n, &options, Noun::new("форма участия", "kind"), d)
    });
    let adopted_node = f.required("adopted", d);
    let adopted = adopted_node.and_then(|n| decode::date(n, d));
    let theme = f.optional("theme").and_then(|n| decode::text(n, d));
    let participants = f.optional("participants").and_then(|n| decode::count(n, d));
    let source_url = f.optional("source_url").and_then(|n| decode::url(n, d));
    let status_node = f.required("status", d);
    let status = status_node.and_then(|n| {
        let options = DecisionStatus::ALL.map(|s| (s.key(), s));
        choice(n, &options, Noun::new("статус", "status"), d)
    });
    let result_node = f.optional("result");
    let result = result_node.and_then(|n| decode::text(n, d));
    let milestones = list(
        &f,
        "milestones",
        Noun::new("этапы", "milestones"),
        d,
        read_milestone,
    );
    let informing = read_informing(&f, adopted.zip(adopted_node), d);
    if d.errors() > errors {
        return None;
    }
    Some(Decision {
        id: id?,
        id_span: id_node?.span,
        title: title?,
        kind: kind?,
        adopted: adopted?,
        theme,
        participants,
        source_url,
        status: status?,
        status_span: status_node?.span,
        result,
        result_span: result_node.map(|n| n.span),
        milestones,
        informing,
    })
}

/// The informing posts of a decision, each dated no earlier than its adoption (`adopted`: the
/// date and where it is written).
fn read_informing(
    f: &decode::Fields,
    adopted: Option<(NaiveDate, &Node)>,
    d: &mut Diagnostics,
) -> Vec<InformingPost> {
    let nodes = f
        .optional("informing")
        .and_then(|n| decode::seq(n, Noun::new("публикации в социальных сетях", "posts"), d))
        .unwrap_or_default();
    let mut informing = Vec::new();
    for n in nodes {
        let Some(post) = read_post(n, d) else {
            continue;
        };
        if let Some((adopted, adopted_node)) = adopted
            && post.date < adopted
        {
            let date = post.date;
            d.push(
                Diagnostic::error(
                    codes::INFORMING_BEFORE_ADOPTION,
                    t!(
                        "публикация в социальных сетях датирована раньше, чем принято решение",
                        "an informing post is dated before the decision was adopted"
                    ),
                )
                .at(n.span, t!("дата публикации: {date}", "dated {date}"))
                .related(
                    adopted_node.span,
                    t!("дата принятия решения", "adopted here"),
                )
                .help(t!(
                    "проверьте обе даты: публикация рассказывает жителям, как выполнено решение, поэтому она выходит после даты `adopted`",
                    "a post reports how the decision was carried out, so it comes after `adopted`: check both dates"
                )),
            );
        }
        informing.push(post);
    }
    informing
}

/// One of a fixed set of words.
fn choice<T: Copy>(
    node: &Node,
    options: &[(&str, T)],
    what: Noun,
    d: &mut Diagnostics,
) -> Option<T> {
    let t = node.scalar().unwrap_or_default();
    if let Some((_, v)) = options.iter().find(|(k, _)| *k == t) {
        return Some(*v);
    }
    let keys: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
    let (ru, en) = (what.ru, what.en);
    let suggestion = crate::diag::suggest(t, &keys);
    let t = decode::shorten(t);
    let diag = Diagnostic::error(
        codes::UNKNOWN_VALUE,
        t!(
            "неизвестное значение поля «{ru}»: `{t}`",
            "unknown {en} `{t}`"
        ),
    )
    .at(node.span, t!("не подходит для поля «{ru}»", "not a {en}"));
    d.push(match suggestion {
        Some(s) => diag.help(t!(
            "Возможно, вы имели в виду `{s}`?",
            "did you mean `{s}`?"
        )),
        None => {
            let (list_ru, list_en) = (
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                keys.join(", "),
            );
            diag.help(t!(
                "допустимые значения: {list_ru}",
                "expected one of: {list_en}"
            ))
        }
    });
    None
}

fn read_milestone(node: &Node, d: &mut Diagnostics) -> Option<Milestone> {
    let f = fields(node, Noun::new("этап", "milestone"), &["date", "text"], d)?;
    let date = f.required("date", d).and_then(|n| decode::date(n, d));
    let text = f.required("text", d).and_then(|n| decode::text(n, d));
    Some(Milestone {
        date: date?,
        text: text?,
    })
}

fn read_post(node: &Node, d: &mut Diagnostics) -> Option<InformingPost> {
    let f = fields(
        node,
        Noun::new("публикация в социальных сетях", "informing post"),
        &["date", "network", "url"],
        d,
    )?;
    let date = f.required("date", d).and_then(|n| decode::date(n, d));
    let network = f.required("network", d).and_then(|n| decode::text(n, d));
    let url = f.required("url", d).and_then(|n| decode::url(n, d));
    Some(InformingPost {
        date: date?,
        network: network?,
        url: url?,
    })
}

/// One measure of a road map.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub title: String,
    pub responsible: Option<String>,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    /// Where `done` is written, for the warning about a measure done late.
    #[serde(skip)]
    pub done_span: Option<Span>,
    /// Percent complete, as the publisher estimates it.
    pub progress: Option<u64>,
    /// The reason it was cancelled.
    pub cancelled: Option<String>,
    /// Why it was done after its deadline, shown beside «выполнено с опозданием».
    pub late_reason: Option<String>,
}

/// A road map that removes the root cause of recurring complaints.
#[derive(Debug, Clone, Serialize)]
pub struct Roadmap {
    pub id: String,
    #[serde(skip)]
    pub id_span: Span,
    pub title: String,
    pub theme: Option<String>,
    #[serde(skip)]
    pub theme_span: Option<Span>,
    pub root_cause: Option<String>,
    pub approved: NaiveDate,
    pub owner: Option<Person>,
    pub measures: Vec<Measure>,
}

pub(crate) const ROADMAP_KEYS: &[&str] = &[
    "id",
    "title",
    "theme",
    "root_cause",
    "approved",
    "owner",
    "measures",
];

/// Reads one road map.
pub fn read_roadmap(node: &Node, d: &mut Diagnostics) -> Option<Roadmap> {
    let f = fields(
        node,
        Noun::new("дорожная карта", "road map"),
        ROADMAP_KEYS,
        d,
    )?;
    let errors = d.errors();
    let id_node = f.required("id", d);
    let id = id_node.and_then(|n| slug(n, d));
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let theme = f.optional("theme").and_then(|n| decode::text(n, d));
    let root_cause = f.optional("root_cause").and_then(|n| decode::text(n, d));
    let approved_node = f.required("approved", d);
    let approved = approved_node.and_then(|n| decode::date(n, d));
    let owner = f.optional("owner").and_then(|n| read_owner(n, d));
    let mut measures = Vec::new();
    for n in f
        .optional("measures")
        .and_then(|n| decode::seq(n, Noun::new("мероприятия", "measures"), d))
        .unwrap_or_default()
    {
        if let Some(m) = read_measure(n, approved, approved_node.map(|a| a.span), d) {
            measures.push(m);
        }
    }
    if d.errors() > errors {
        return None;
    }
    Some(Roadmap {
        id: id?,
        id_span: id_node?.span,
        title: title?,
        theme,
        theme_span: f.optional("theme").map(|n| n.span),
        root_cause,
        approved: approved?,
        owner,
        measures,
    })
}

fn read_owner(node: &Node, d: &mut Diagnostics) -> Option<Person> {
    super::site::read_person_as(node, Noun::new("ответственный", "owner"), d)
}

/// Reads one measure of a road map. Long because it reads the fields one after another, as
/// [`read_decision`] does.
fn read_measure(
    node: &Node,
    approved: Option<NaiveDate>,
    approved_span: Option<Span>,
    d: &mut Diagnostics,
) -> Option<Measure> {
    let f = fields(
        node,
        Noun::new("мероприятие", "measure"),
        &[
            "title",
            "responsible",
            "due",
            "done",
            "progress",
            "cancelled",
            "late_reason",
        ],
        d,
    )?;
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let responsible = f.optional("responsible").and_then(|n| decode::text(n, d));
    let due = f.required("due", d).and_then(|n| decode::date(n, d));
    let done_node = f.optional("done");
    let done = done_node.and_then(|n| decode::date(n, d));
    let progress = f.optional("progress").and_then(|n| decode::count(n, d));
    let cancelled = f.optional("cancelled").and_then(|n| decode::text(n, d));
    let late_reason = f.optional("late_reason").and_then(|n| decode::text(n, d));
    if let (Some(done), Some(n)) = (done, done_node) {
        done_after_approval(done, n, approved.zip(approved_span), d);
    }
    if let (Some(p), Some(n)) = (progress, f.optional("progress"))
        && p > 100
    {
        d.push(
            Diagnostic::error(
                codes::OUT_OF_RANGE,
                t!(
                    "процент выполнения не может превышать 100: {p}",
                    "progress is a percentage, {p} is over 100"
                ),
            )
            .at(n.span, t!("ожидается от 0 до 100", "expected 0 to 100")),
        );
    }
    if done.is_some() && cancelled.is_some() {
        done_and_cancelled(f.span(), d);
    }
    Some(Measure {
        title: title?,
        responsible,
        due: due?,
        done,
        done_span: done_node.map(|n| n.span),
        progress,
        cancelled,
        late_reason,
    })
}

/// A measure is done after its road map was approved (`approved`: the date and where it is
/// written).
fn done_after_approval(
    done: NaiveDate,
    done_node: &Node,
    approved: Option<(NaiveDate, Span)>,
    d: &mut Diagnostics,
) {
    let Some((approved, approved_span)) = approved else {
        return;
    };
    if done >= approved {
        return;
    }
    d.push(
        Diagnostic::error(
            codes::DONE_BEFORE_APPROVED,
            t!(
                "мероприятие выполнено ({done}) раньше, чем утверждена дорожная карта ({approved})",
                "this measure is done ({done}) before its road map was approved ({approved})"
            ),
        )
        .at(
            done_node.span,
            t!("выполнено до утверждения", "done before approval"),
        )
        .help(t!(
            "проверьте `done` и `approved`: мероприятия дорожной карты выполняют после её утверждения",
            "a road map's measures are carried out after it is approved: check `done` and `approved`"
        ))
        .related(
            approved_span,
            t!("дата утверждения дорожной карты", "approved here"),
        ),
    );
}

/// A measure cannot be both done and cancelled.
fn done_and_cancelled(measure: Span, d: &mut Diagnostics) {
    d.push(
        Diagnostic::error(
            codes::DONE_AND_CANCELLED,
            t!(
                "мероприятие не может быть одновременно выполнено и отменено",
                "a measure cannot be both done and cancelled"
            ),
        )
        .at(
            measure,
            t!(
                "заполнены и `done`, и `cancelled`",
                "both `done` and `cancelled` are set"
            ),
        )
        .help(t!(
            "оставьте `done`, если мероприятие выполнено, или `cancelled` с причиной отмены, если нет",
            "keep `done` if the work was carried out, or `cancelled` with the reason if it was not"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_keeps_where_it_was_done_and_a_decision_its_result() {
        let text = "id: r\ntitle: t\napproved: 2024-01-10\nmeasures:\n  - {title: m, due: 2024-02-01, done: 2024-03-05}\n  - {title: n, due: 2024-02-01}\n";
        let mut d = Diagnostics::new();
        let node = crate::yaml::parse(text, crate::source::FileId(0), 0, &mut d).unwrap();
        let r = read_roadmap(&node, &mut d).expect("a valid road map");
        let done = r.measures[0].done_span.unwrap();
        assert_eq!(&text[done.start..done.end], "2024-03-05");
        assert_eq!(r.measures[1].done_span, None);
        let text = "id: d\ntitle: t\nkind: vote\nadopted: 2024-01-10\nstatus: planned\nresult: \"[x](/y/)\"\n";
        let node = crate::yaml::parse(text, crate::source::FileId(0), 0, &mut d).unwrap();
        let dec = read_decision(&node, &mut d).expect("a valid decision");
        let result = dec.result_span.unwrap();
        assert!(text[result.start..result.end].contains("[x](/y/)"));
        assert!(!d.has_errors());
    }

    #[test]
    fn each_kind_and_status_reads_back_from_its_key_and_serialises_as_it() {
        for k in DecisionKind::ALL {
            assert_eq!(DecisionKind::from_key(k.key()), Some(k));
            assert_eq!(serde_json::to_value(k).ok(), Some(k.key().into()));
        }
        for s in DecisionStatus::ALL {
            assert_eq!(DecisionStatus::from_key(s.key()), Some(s));
            assert_eq!(serde_json::to_value(s).ok(), Some(s.key().into()));
        }
        assert_eq!(DecisionStatus::from_key("in-progress"), None);
    }
}
