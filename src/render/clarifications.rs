//! Contexts of the answers to information risks: `/clarifications/` (newest first), its static
//! filter pages by year (`/clarifications/2024/`) and by topic (`/clarifications/topic/SLUG/`),
//! and a page per clarification (`/clarifications/ID/`).

use super::civic::unique_slugs;
use crate::data::Dataset;
use crate::data::clarification::{Clarification, TOPIC_SEGMENT};
use crate::data::http_url;
use crate::format;
use crate::metrics::clarifications as count;
use serde::Serialize;
use std::collections::BTreeMap;

/// One clarification as the lists and its page show it.
#[derive(Debug, Serialize)]
pub struct ClarificationCtx<'a> {
    #[serde(flatten)]
    pub clarification: &'a Clarification,
    pub title: String,
    /// The answer, Markdown rendered by [`super::markdown`].
    pub answer_html: String,
    /// The page of its topic under `/clarifications/topic/`.
    pub topic_slug: String,
    /// The page of the complaint theme of the same name under `/themes/`, if the reports have it.
    pub theme_slug: Option<String>,
    pub links: Vec<LinkCtx>,
}

/// An official post: its address and the host to show as its text.
#[derive(Debug, Serialize)]
pub struct LinkCtx {
    pub url: String,
    pub host: String,
}

/// One filter page: a year or a topic.
#[derive(Debug, Serialize)]
pub struct Filter {
    pub group: &'static str,
    pub label: String,
    pub count: u64,
    /// «3 разъяснения».
    pub words: String,
    /// The page's path under `clarifications/`.
    pub path: String,
}

/// What the list pages share: the filters and the total.
#[derive(Debug, Serialize)]
pub struct Overview {
    pub years: Vec<Filter>,
    pub topics: Vec<Filter>,
    pub total_words: String,
}

/// The page's title: what a search result or the feed shows.
pub use crate::words::clarification_title as title;

/// Every topic with a slug, as theme pages get theirs.
pub fn topic_slugs(ds: &Dataset) -> BTreeMap<String, String> {
    unique_slugs(ds.clarifications.iter().map(|c| c.topic.as_str()).collect())
}

/// The context of one clarification.
pub fn clarification<'a>(
    c: &'a Clarification,
    topics: &BTreeMap<String, String>,
    themes: &BTreeMap<String, String>,
    unsafe_html: bool,
    base: &str,
) -> ClarificationCtx<'a> {
    ClarificationCtx {
        clarification: c,
        title: title(c),
        answer_html: super::markdown::to_html(&c.answer, unsafe_html, base),
        topic_slug: topics
            .get(&c.topic)
            .cloned()
            .unwrap_or_else(|| format::slug(&c.topic)),
        theme_slug: themes.get(&c.topic).cloned(),
        links: c
            .links
            .iter()
            .map(|url| LinkCtx {
                url: url.clone(),
                host: http_url::readable(url)
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect(),
    }
}

/// The filters by year (newest first) and by topic (alphabetical), with their counts.
pub fn overview(counts: &count::Counts, topics: &BTreeMap<String, String>) -> Overview {
    let years = counts
        .years
        .iter()
        .map(|&(y, n)| Filter {
            group: "year",
            label: format!("{y} год"),
            count: n,
            words: count::words(n),
            path: format!("{y}/"),
        })
        .collect();
    let topics = topics
        .iter()
        .map(|(name, slug)| {
            let n = counts.topic(name);
            Filter {
                group: "topic",
                label: name.clone(),
                count: n,
                words: count::words(n),
                path: format!("{TOPIC_SEGMENT}/{slug}/"),
            }
        })
        .collect();
    Overview {
        years,
        topics,
        total_words: count::words(counts.total),
    }
}

/// The clarifications on a filter page, newest first as `ds.clarifications` is.
pub fn filtered<'d>(ds: &'d Dataset, f: &Filter) -> Vec<&'d Clarification> {
    ds.clarifications
        .iter()
        .filter(|c| match f.group {
            "year" => f.path == format!("{}/", chrono::Datelike::year(&c.date)),
            _ => f.label == c.topic,
        })
        .collect()
}

/// What a month's report says about the month's clarifications, when the site publishes any.
#[derive(Debug, Serialize)]
pub struct MonthNote {
    pub count: u64,
    pub sentence: String,
    /// The year's page under `clarifications/`.
    pub path: String,
}

/// The note of the month `period`; `None` on a site without clarifications or before the first.
pub fn month_note(counts: &count::Counts, period: crate::period::Period) -> Option<MonthNote> {
    let n = counts.month(period)?;
    Some(MonthNote {
        count: n,
        sentence: count::month_sentence(period, n),
        path: if n > 0 {
            format!("{}/", period.year)
        } else {
            String::new()
        },
    })
}
