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
/// On a region's site, `municipality` names whose report or decision (its folder's name under
/// `data/municipalities/`); the address is then the municipality's page under the region's.
pub fn run(
    opts: &Options,
    subject: &Subject,
    municipality: Option<&str>,
    format: PostFormat,
) -> Report {
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
    let own;
    let (ds, fig): (&crate::data::Dataset, &crate::metrics::Figures) =
        match (&b.dataset, &b.figures, &b.region, municipality) {
            (Some(ds), Some(fig), _, None) => (ds, fig),
            (_, _, Some(region), Some(id)) => {
                let Some(m) = region.municipalities.iter().find(|m| m.id == id) else {
                    return refused(report, &b, &style, unknown_municipality(region, id));
                };
                // Its figures as the region's build computes them for its pages.
                own = crate::metrics::compute(&m.ds, opts.as_of);
                let Some(fig) = own.as_ref() else {
                    return refused(report, &b, &style, unknown_municipality(region, id));
                };
                (&*m.ds, fig)
            }
            (_, _, Some(region), None) => {
                return refused(report, &b, &style, unknown_municipality(region, ""));
            }
            (Some(_), Some(_), _, Some(_)) => {
                let d = Diagnostic::error(
                    codes::POST_MUNICIPALITY,
                    t!(
                        "`--municipality` — для сайта региона, а это сайт одного МЦУ",
                        "`--municipality` is for a region's site, and this is a single site"
                    ),
                )
                .help(t!("уберите `--municipality`", "leave `--municipality` out"));
                return refused(report, &b, &style, d);
            }
            // Whatever the pass kept nothing of (it reports why, as an error, first).
            _ => {
                let d = Diagnostic::error(
                    codes::POST_NO_REPORT,
                    t!("на сайте нет отчётов", "the site has no reports"),
                );
                return refused(report, &b, &style, d);
            }
        };
    let Some((post, card)) = written(ds, fig, subject) else {
        let mut d = Diagnostics::new();
        d.push(missing(ds, subject));
        report.stderr = d.render(&b.sources, &style);
        return report.failed();
    };
    report.stdout = printed(&post, &card, ds, format);
    report
}

/// The post about `subject`, with the address of its page's share card; `None` when the site
/// has no such month or decision.
fn written(
    ds: &crate::data::Dataset,
    fig: &crate::metrics::Figures,
    subject: &Subject,
) -> Option<(post::Post, String)> {
    match subject {
        Subject::Month(p) => post::month(ds, fig, *p).map(|post| {
            let i = fig.monthly.iter().position(|m| m.period == *p).unwrap_or(0);
            let card = crate::render::card_of_report(*p, i, fig.monthly.len());
            (post, card)
        }),
        Subject::Decision(id) => {
            post::decision(ds, fig, id).map(|post| (post, routes::card(Card::Home)))
        }
    }
}

/// The post as `--format` asks: its text, or the JSON of [`PostJson`].
fn printed(post: &post::Post, card: &str, ds: &crate::data::Dataset, format: PostFormat) -> String {
    match format {
        PostFormat::Text => format!("{}\n", post.text),
        PostFormat::Json => {
            let doc = PostJson {
                text: &post.text,
                url: &post.url,
                card: ds.site.base_url.at(card),
            };
            let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
            format!("{json}\n")
        }
    }
}

/// The report of a post refused for `d`.
fn refused(mut report: Report, b: &site::Build, style: &Style, d: Diagnostic) -> Report {
    let mut diags = Diagnostics::new();
    diags.push(d);
    report.stderr = diags.render(&b.sources, style);
    report.failed()
}

/// The error for a region's site without `--municipality`, or with one it does not have.
fn unknown_municipality(region: &crate::data::region::Region, id: &str) -> Diagnostic {
    let ids: Vec<&str> = region
        .municipalities
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    let list = ids
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let shown: String = id.chars().take(60).collect();
    let message = if id.is_empty() {
        t!(
            "это сайт региона: назовите муниципалитет, о чьём отчёте или решении пост",
            "this is a region's site: name the municipality whose report or decision the post is about"
        )
    } else {
        t!(
            "в регионе нет муниципалитета `{shown}` с отчётами",
            "the region has no municipality `{shown}` with reports"
        )
    };
    let help = match crate::diag::suggest(id, &ids).filter(|_| !id.is_empty()) {
        Some(s) => t!(
            "возможно, вы имели в виду `--municipality {s}`",
            "did you mean `--municipality {s}`?"
        ),
        None => t!(
            "добавьте `--municipality ID`, где ID — папка в data/municipalities/: {list}",
            "add `--municipality ID`, ID being its folder in data/municipalities/: {list}"
        ),
    };
    Diagnostic::error(codes::POST_MUNICIPALITY, message)
        .in_path("data/municipalities")
        .help(help)
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
