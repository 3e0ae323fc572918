//! `vitrina post`: prints a ready post for social networks about a month's report or a decision
//! ([`crate::words::post`]). The site is read and checked as `check` does, so a post never states
//! a figure the site would refuse to publish; with `--format json` a script gets the text, the
//! page's address and its share card's address.

use super::Report;
use crate::cli::PostFormat;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Style};
use crate::period::Period;
use crate::routes::{self, Card};
use crate::site::{self, Options, Purpose};
use crate::t;
use crate::words::post;

/// What to write a post about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Month(Period),
    Decision(String),
}

/// What `--format json` prints, in this order.
#[derive(serde::Serialize)]
struct PostJson<'a> {
    text: &'a str,
    url: &'a str,
    /// The absolute address of the share card the page shows.
    card: String,
}

/// Reads and checks the site, then prints the post about `subject` on standard output.
pub fn run(opts: &Options, subject: &Subject, format: PostFormat) -> Report {
    let mut report = Report::new();
    let opts = Options {
        purpose: Purpose::Check,
        ..opts.clone()
    };
    let b = site::run(&opts);
    let style = Style::for_stderr(b.lang);
    if b.diags.has_errors() {
        report.stderr = b.diags.render(&b.sources, &style);
        return report.failed();
    }
    let (Some(ds), Some(fig)) = (&b.dataset, &b.figures) else {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::error(
                codes::POST_NO_REPORT,
                t!(
                    "это сайт региона: у него нет своих отчётов и решений",
                    "this is a region's site: it has no reports or decisions of its own"
                ),
            )
            .help(t!(
                "запустите `vitrina post` для сайта муниципалитета: `--root data/municipalities/<id>`",
                "run `vitrina post` on a municipality's site: `--root data/municipalities/<id>`"
            )),
        );
        report.stderr = d.render(&b.sources, &style);
        return report.failed();
    };
    let made = match subject {
        Subject::Month(p) => post::month(ds, fig, *p).map(|post| {
            let i = fig.monthly.iter().position(|m| m.period == *p).unwrap_or(0);
            let card = crate::render::card_of_report(*p, i, fig.monthly.len());
            (post, card)
        }),
        Subject::Decision(id) => {
            post::decision(ds, fig, id).map(|post| (post, routes::card(Card::Home)))
        }
    };
    let Some((post, card)) = made else {
        let mut d = Diagnostics::new();
        d.push(missing(ds, subject));
        report.stderr = d.render(&b.sources, &style);
        return report.failed();
    };
    report.stdout = match format {
        PostFormat::Text => format!("{}\n", post.text),
        PostFormat::Json => {
            let doc = PostJson {
                text: &post.text,
                url: &post.url,
                card: ds.site.base_url.at(&card),
            };
            let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
            format!("{json}\n")
        }
    };
    report
}

/// The error for a month without a report or an unknown decision, with the nearest there are.
fn missing(ds: &crate::data::Dataset, subject: &Subject) -> Diagnostic {
    match subject {
        Subject::Month(p) => {
            let mut near: Vec<Period> = ds.reports.iter().map(|r| r.period).collect();
            near.sort_by_key(|q| (p.months_to(*q).abs(), *q));
            near.truncate(3);
            near.sort();
            let list = near
                .iter()
                .map(|q| q.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let first = near
                .iter()
                .min_by_key(|q| p.months_to(**q).abs())
                .map_or_else(String::new, |q| q.to_string());
            Diagnostic::error(
                codes::POST_NO_REPORT,
                t!("нет отчёта за {p}", "there is no report for {p}"),
            )
            .in_path("data/reports")
            .help(t!(
                "ближайшие отчёты: {list}; например, `vitrina post {first}`",
                "the nearest reports: {list}; for example, `vitrina post {first}`"
            ))
        }
        Subject::Decision(id) => {
            let ids: Vec<&str> = ds.decisions.iter().map(|d| d.id.as_str()).collect();
            let shown = if id.chars().count() > 60 {
                format!("{}…", id.chars().take(60).collect::<String>())
            } else {
                id.clone()
            };
            let help = match crate::diag::suggest(id, &ids) {
                Some(s) => t!(
                    "возможно, вы имели в виду `{s}`: `vitrina post --decision {s}`",
                    "did you mean `{s}`? `vitrina post --decision {s}`"
                ),
                None if ids.is_empty() => t!(
                    "на сайте нет решений: они записываются в data/decisions/*.yaml",
                    "the site has no decisions: they are written in data/decisions/*.yaml"
                ),
                None => {
                    let list = ids
                        .iter()
                        .take(5)
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    t!(
                        "id решения — как в `id:` в data/decisions/; первые на сайте: {list}",
                        "a decision's id is its `id:` in data/decisions/; the site's first: {list}"
                    )
                }
            };
            Diagnostic::error(
                codes::POST_NO_DECISION,
                t!("нет решения `{shown}`", "there is no decision `{shown}`"),
            )
            .in_path("data/decisions")
            .help(help)
        }
    }
}
