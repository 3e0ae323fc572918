//! The Atom feed (RFC 4287) at `/feed.xml`: one entry per monthly and annual report, per
//! correction made to a report after its publication, per dated content page and per answer to
//! an information risk, newest first, every URL absolute from `base_url`, every date from the
//! data. A region's `/feed.xml` holds every municipality's monthly reports and corrections.
//!
//! An entry's id is its page's address (a correction's: the address of its notice on the
//! report's page, `…/reports/2024-03/#correction-1`), so a reader that has seen an entry never
//! sees it again as new.

use super::xml::escape;
use crate::data::Dataset;
use crate::data::clarification::Clarification;
use crate::domain::TargetId;
use crate::format;
use crate::metrics::Figures;
use crate::routes::{BaseUrl, FEED, Route};
use chrono::NaiveDate;
use std::fmt::Write;

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub title: String,
    /// Absolute; also the entry's id.
    pub url: String,
    pub summary: Option<String>,
}

/// An Atom date-time for a day: the data has days, not hours.
fn timestamp(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// The entries, newest first; on one day, by address, so the order never depends on a hash.
pub fn entries(ds: &Dataset, fig: &Figures) -> Vec<Entry> {
    let base = &ds.site.base_url;
    let mut out = report_entries(ds, fig);
    for form in &fig.annual {
        // Dated by the publication of the report it rests on; the lead sentence of its page.
        let Some(report) = ds.reports.iter().find(|r| r.period == form.last) else {
            continue;
        };
        out.push(Entry {
            date: report.published,
            title: format!("Годовой отчёт за {} год", form.year),
            url: base.url(&Route::Year(form.year)),
            summary: Some(crate::words::year_lead(form)),
        });
    }
    for page in ds.pages.iter().filter(|p| !p.draft) {
        let Some(date) = page.date else { continue };
        out.push(Entry {
            date,
            title: page.title.clone(),
            url: base.url(&Route::Content(&page.url)),
            summary: page
                .description
                .clone()
                .or_else(|| excerpt(&crate::markdown::plain_text(&page.body))),
        });
    }
    for c in &ds.clarifications {
        out.push(clarification_entry(c, base));
    }
    newest_first(&mut out);
    out
}

/// Newest first; on one day, by address.
fn newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
}

/// The address of the `number`-th correction's notice on its report's page.
pub fn correction_url(base: &BaseUrl, period: crate::period::Period, number: usize) -> String {
    format!("{}#correction-{number}", base.url(&Route::Month(period)))
}

/// The monthly reports, each dated by its publication, and the corrections, each dated by the
/// day it was made; in the order of the reports.
fn report_entries(ds: &Dataset, fig: &Figures) -> Vec<Entry> {
    let base = &ds.site.base_url;
    let mut out = Vec::new();
    for ((form, detail), report) in fig.monthly.iter().zip(&fig.details).zip(&ds.reports) {
        let p = form.period;
        let total = detail.total;
        let mut summary = format!(
            "Поступило обращений и сообщений: {}",
            format::int(total as i64)
        );
        if let (Some(pp), Some(prev_total), Some(g)) =
            (form.previous, detail.previous_total, detail.total_growth)
        {
            let _ = write!(
                summary,
                "; {} — {}, прирост {}",
                format::in_month(pp.year, pp.month),
                format::int(prev_total as i64),
                format::signed_int(g.units)
            );
            if let Some(pct) = g.percent {
                let _ = write!(
                    summary,
                    " ({}{}%)",
                    format::signed_tenths(pct),
                    format::NNBSP
                );
            }
        }
        summary.push('.');
        if let Some(s) = form.target(TargetId::FastTrack).and_then(|t| t.month) {
            let _ = write!(
                summary,
                " По фаст-треку обработано {}.",
                format::percent(s.tenths())
            );
        }
        out.push(Entry {
            date: report.published,
            title: format!("Отчёт за {} г.", format::month(p.year, p.month)),
            url: base.url(&Route::Month(p)),
            summary: Some(summary),
        });
    }
    for c in &fig.corrections {
        out.push(Entry {
            date: c.date,
            title: format!(
                "Исправлен отчёт за {} г.",
                format::month(c.period.year, c.period.month)
            ),
            url: correction_url(base, c.period, c.number),
            summary: Some(end_sentence(crate::words::correction(c.date, &c.text))),
        });
    }
    out
}

/// `s` with a full stop unless it ends in one (or in another mark that ends a sentence).
fn end_sentence(mut s: String) -> String {
    if !s.ends_with(['.', '!', '?', '…']) {
        s.push('.');
    }
    s
}

/// A region's entries: every municipality's monthly reports and corrections, each title led by
/// the municipality's name, newest first.
pub fn region_entries<'m>(
    municipalities: impl IntoIterator<Item = (&'m Dataset, &'m Figures)>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for (ds, fig) in municipalities {
        out.extend(report_entries(ds, fig).into_iter().map(|e| Entry {
            title: format!(
                "{}: {}",
                ds.site.municipality,
                format::lower_first(&e.title)
            ),
            ..e
        }));
    }
    newest_first(&mut out);
    out
}

/// An answer to an information risk: the claim in the title, the topic and where it spread in
/// the summary.
fn clarification_entry(c: &Clarification, base: &BaseUrl) -> Entry {
    let mut summary = format!("Официальное разъяснение МЦУ по теме «{}»", c.topic);
    if let Some(source) = &c.source {
        let _ = write!(summary, "; слух распространялся: {source}");
    }
    summary.push('.');
    Entry {
        date: c.date,
        title: crate::words::clarification_title(c),
        url: base.url(&Route::Clarification(&c.id)),
        summary: Some(summary),
    }
}

/// The longest SUMMARY_CHARS of `text` (a page without a description) ending on a whole word,
/// with «…» when cut; `None` for a page without text.
pub fn excerpt(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if !out.is_empty() && out.chars().count() + 1 + w.chars().count() > SUMMARY_CHARS {
            out.push('…');
            return Some(out);
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

/// How long a summary made from a page's text may be, in characters.
const SUMMARY_CHARS: usize = 300;

/// `/feed.xml`.
pub fn feed(ds: &Dataset, fig: &Figures) -> Vec<u8> {
    let site = &ds.site;
    let head = Head {
        site,
        subtitle: format!(
            "Ежемесячные отчёты и новости: {}, {}",
            site.municipality, site.region
        ),
    };
    write(&head, &entries(ds, fig), fig.as_of.date)
}

/// A region's `/feed.xml`: every municipality's reports and corrections ([`region_entries`]).
pub fn region_feed<'m>(
    site: &crate::data::site::Site,
    municipalities: impl IntoIterator<Item = (&'m Dataset, &'m Figures)>,
    as_of: NaiveDate,
) -> Vec<u8> {
    let head = Head {
        site,
        subtitle: format!(
            "Ежемесячные отчёты муниципалитетов и исправления в них: {}",
            site.region
        ),
    };
    write(&head, &region_entries(municipalities), as_of)
}

/// What a feed says of itself: the site it is the feed of, and a line on what it holds.
struct Head<'a> {
    site: &'a crate::data::site::Site,
    subtitle: String,
}

/// The Atom document of `entries`; `updated` is the newest entry's date, else `as_of`.
fn write(head: &Head, entries: &[Entry], as_of: NaiveDate) -> Vec<u8> {
    let site = head.site;
    let base = &site.base_url;
    let updated = entries.iter().map(|e| e.date).max().unwrap_or(as_of);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n");
    let _ = writeln!(x, "  <id>{}</id>", escape(base.as_str()));
    let _ = writeln!(x, "  <title>{}</title>", escape(&site.title));
    let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(&head.subtitle));
    let _ = writeln!(x, "  <updated>{}</updated>", timestamp(updated));
    x.push_str("  <author>\n");
    let _ = writeln!(x, "    <name>{}</name>", escape(&site.title));
    let _ = writeln!(x, "    <uri>{}</uri>", escape(base.as_str()));
    if let Some(email) = &site.contacts.email {
        let _ = writeln!(x, "    <email>{}</email>", escape(email));
    }
    x.push_str("  </author>\n");
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&base.at(FEED))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&base.url(&Route::Home))
    );
    x.push_str("  <generator>Vitrina</generator>\n");
    for e in entries {
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <id>{}</id>", escape(&e.url));
        let _ = writeln!(x, "    <title type=\"text\">{}</title>", escape(&e.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&e.url)
        );
        let _ = writeln!(x, "    <published>{}</published>", timestamp(e.date));
        let _ = writeln!(x, "    <updated>{}</updated>", timestamp(e.date));
        if let Some(s) = &e.summary {
            let _ = writeln!(x, "    <summary type=\"text\">{}</summary>", escape(s));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_and_dated_pages_newest_first_with_growth_in_words() {
        let ds = crate::output::tests::dataset();
        let fig = crate::metrics::compute(&ds, None).unwrap();
        let e = entries(&ds, &fig);
        let titles: Vec<_> = e
            .iter()
            .map(|e| (e.date.to_string(), e.title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                (
                    "2024-03-04".to_string(),
                    "<script>alert(1)</script> Новость"
                ),
                ("2024-03-04".to_string(), "Отчёт за февраль 2024 г."),
                ("2024-03-04".to_string(), "Годовой отчёт за 2024 год"),
                ("2024-02-02".to_string(), "Отчёт за январь 2024 г."),
                ("2024-01-03".to_string(), "Отчёт за декабрь 2023 г."),
                ("2024-01-03".to_string(), "Годовой отчёт за 2023 год"),
            ]
        );
        assert_eq!(e[2].url, "https://mcu.test.example/reports/2024/");
        assert!(
            e[2].summary
                .as_deref()
                .unwrap()
                .ends_with("Итоги — по 2\u{A0}отчётам (январь 2024 — февраль 2024)."),
            "{:?}",
            e[2].summary
        );
        let news = e[0].summary.as_deref().unwrap_or_default();
        assert!(
            news.starts_with("Текст") && news.contains("ссылка") && !news.contains('<'),
            "a news item without a description is summed up by its text: {news}"
        );
        let feb = &e[1];
        assert_eq!(feb.url, "https://mcu.test.example/reports/2024-02/");
        assert_eq!(
            feb.summary.as_deref().unwrap(),
            "Поступило обращений и сообщений: 450; в январе 2024 г. — 350, прирост +100 (+28,6\u{202f}%). По фаст-треку обработано 68,9\u{202f}%."
        );
        assert_eq!(
            e[4].summary.as_deref().unwrap(),
            "Поступило обращений и сообщений: 350. По фаст-треку обработано 62,9\u{202f}%."
        );
    }

    #[test]
    fn an_excerpt_ends_on_a_whole_word() {
        assert_eq!(excerpt(""), None);
        assert_eq!(
            excerpt("  Коротко  и\nясно "),
            Some("Коротко и ясно".into())
        );
        let long = "слово ".repeat(100);
        let e = excerpt(&long).unwrap();
        assert!(e.ends_with("слово…"), "{e}");
        assert!(e.chars().count() <= SUMMARY_CHARS + 1, "{e}");
    }

    #[test]
    fn hostile_titles_come_out_escaped() {
        let ds = crate::output::tests::dataset();
        let fig = crate::metrics::compute(&ds, None).unwrap();
        let xml = String::from_utf8(feed(&ds, &fig)).unwrap();
        assert!(!xml.contains("<script>"));
        assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt; Новость"));
    }
}
