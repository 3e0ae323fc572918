//! `data/clarifications/*.yaml`: the centre's answers to information risks — a rumour or a false
//! claim spreading in local public pages and chats, and the official clarification published in
//! reply, with links to the official posts. Each file is a list; ids are unique across files
//! (checked in [`super::validate`]).

use super::decode::{self, fields, slug};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::source::Span;
use crate::t;
use crate::yaml::Node;
use chrono::NaiveDate;
use serde::Serialize;

/// One answer to an information risk.
#[derive(Debug, Clone, Serialize)]
pub struct Clarification {
    pub id: String,
    #[serde(skip)]
    pub id_span: Span,
    pub date: NaiveDate,
    /// A theme, as the monthly reports name them («ЖКХ», «Образование»).
    pub topic: String,
    /// What was spreading, in a sentence: plain text.
    pub claim: String,
    /// The official clarification, Markdown.
    pub answer: String,
    #[serde(skip)]
    pub answer_span: Span,
    /// The official posts, absolute http(s) addresses; at least one.
    pub links: Vec<String>,
    /// Where the claim spread (a public page, a chat), never a person.
    pub source: Option<String>,
}

pub(crate) const CLARIFICATION_KEYS: &[&str] =
    &["id", "date", "topic", "claim", "answer", "links", "source"];

/// The longest claim that still reads as a headline in lists, the feed and the search results.
pub const CLAIM_MAX_CHARS: usize = 300;

/// The path segment under `/clarifications/` that the topic pages take; an id may not be it.
pub const TOPIC_SEGMENT: &str = "topic";

/// Reads one clarification, in the order of its keys.
pub fn read_clarification(node: &Node, d: &mut Diagnostics) -> Option<Clarification> {
    let f = fields(
        node,
        Noun::new("разъяснение", "clarification"),
        CLARIFICATION_KEYS,
        d,
    )?;
    let errors = d.errors();
    let id_node = f.required("id", d);
    let id = id_node.and_then(|n| slug(n, d));
    if let (Some(id), Some(n)) = (&id, id_node) {
        reserved_id(id, n, d);
    }
    let date = f.required("date", d).and_then(|n| decode::date(n, d));
    let topic = f.required("topic", d).and_then(|n| decode::text(n, d));
    let claim_node = f.required("claim", d);
    let claim = claim_node.and_then(|n| decode::text(n, d));
    if let (Some(c), Some(n)) = (&claim, claim_node) {
        long_claim(c, n, d);
    }
    let answer_node = f.required("answer", d);
    let answer = answer_node.and_then(|n| decode::text(n, d));
    let links_node = f.required("links", d);
    let links = links_node.and_then(|n| read_links(n, d));
    let source = f.optional("source").and_then(|n| decode::text(n, d));
    if d.errors() > errors {
        return None;
    }
    Some(Clarification {
        id: id?,
        id_span: id_node?.span,
        date: date?,
        topic: topic?,
        claim: claim?,
        answer: answer?,
        answer_span: answer_node?.span,
        links: links?,
        source,
    })
}

/// The official posts: a list of one or more addresses.
fn read_links(node: &Node, d: &mut Diagnostics) -> Option<Vec<String>> {
    let items = decode::seq(node, Noun::new("ссылки", "links"), d)?;
    if items.is_empty() {
        d.push(
            Diagnostic::error(
                codes::CLARIFICATION_NO_LINK,
                t!(
                    "у разъяснения нет ни одной ссылки на официальную публикацию",
                    "the clarification links to no official post"
                ),
            )
            .at(node.span, t!("пустой список", "an empty list"))
            .help(t!(
                "добавьте в `links` адрес публикации, где дано разъяснение (`- https://…`): жители должны найти первоисточник",
                "add the address of the post that gives the clarification under `links` (`- https://…`): residents need the original"
            )),
        );
        return None;
    }
    let links: Vec<Option<String>> = items.iter().map(|n| decode::url(n, d)).collect();
    links.into_iter().collect()
}

/// An id that would take the address of a year's or the topics' page under `/clarifications/`.
fn reserved_id(id: &str, node: &Node, d: &mut Diagnostics) {
    let digits = id.bytes().all(|b| b.is_ascii_digit());
    if !digits && id != TOPIC_SEGMENT {
        return;
    }
    d.push(
        Diagnostic::error(
            codes::CLARIFICATION_ID_RESERVED,
            t!(
                "`id` разъяснения не может быть `{id}`: этот адрес занят страницей-подборкой",
                "a clarification's id cannot be `{id}`: that address belongs to a list page"
            ),
        )
        .at(
            node.span,
            t!(
                "адрес /clarifications/{id}/ уже занят",
                "/clarifications/{id}/ is taken"
            ),
        )
        .help(t!(
            "назовите разъяснение по сути слуха, например `voda-2024`: адреса из одних цифр и `topic` отведены подборкам по году и по теме",
            "name the clarification after the rumour, such as `voda-2024`: addresses of digits only and `topic` belong to the lists by year and by topic"
        )),
    );
}

/// A claim too long for a headline (a warning: the page still builds).
fn long_claim(claim: &str, node: &Node, d: &mut Diagnostics) {
    let n = claim.chars().count();
    if n <= CLAIM_MAX_CHARS {
        return;
    }
    d.push(
        Diagnostic::warning(
            codes::CLAIM_TOO_LONG,
            t!(
                "формулировка слуха слишком длинная: {n} знаков, а читается как заголовок не больше {CLAIM_MAX_CHARS}",
                "the claim is {n} characters long; at most {CLAIM_MAX_CHARS} read as a headline"
            ),
        )
        .at(node.span, t!("слишком длинно", "too long"))
        .help(t!(
            "перескажите слух одной фразой в `claim`, а подробности и опровержение дайте в `answer`",
            "retell the rumour in one sentence in `claim`; give the details and the answer in `answer`"
        )),
    );
}
