//! Embedded versions of the pages an official site shows: the monthly and annual forms, each
//! indicator's and target's chart with its table, each road map, and a region's ranking on a
//! target. Each lies at `/embed/<the page's path>` ([`Route::embed_path`]) as a bare page for an
//! `<iframe>`: its heading, the municipality and the date, the form or the chart with its table,
//! and a link to the full page — no menu, no script, `noindex`, its canonical address the full
//! page's. Its chart is drawn once ([`crate::charts::line_chart_one`]): the one drawing serves
//! every width from 300 to 1,000 px, and a region of 60 municipalities has ten thousand embeds.
//!
//! The full page offers the ready `<iframe>` code under «Встроить на сайт» ([`Offer`],
//! `embed_offer.html`), with a height that holds the embed at the width of an official site's
//! text column.

use super::Renderer;
use crate::escape;
use crate::routes::{BaseUrl, Route};
use serde::Serialize;

/// What an embedded page knows of its full page.
#[derive(Debug, Serialize)]
pub struct EmbedCtx {
    /// The full page's absolute address: the embed's canonical one.
    pub canonical: String,
    /// The full page's path under the site's base, for the link to it.
    pub full: String,
}

/// The «Встроить на сайт» block of a full page.
#[derive(Debug, Serialize)]
pub struct Offer {
    /// What the embed shows, in the accusative: «форму отчёта», «график и таблицу».
    pub what: &'static str,
    /// The embed's path under the site's base, to preview it.
    pub path: String,
    /// The `<iframe>` element to paste into another site, as text.
    pub code: String,
}

/// What a page's embed holds, which sets the iframe's height.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// The monthly form: 28 rows.
    Month,
    /// The annual form: 7 rows.
    Year,
    /// A chart and a table of up to 36 months (`rows`), and for a target its years' table.
    History { rows: usize, years: usize },
    /// A road map: its timeline and a table of `measures`.
    Roadmap { measures: usize },
    /// A region's ranking: a bar and a row per municipality.
    Ranking { municipalities: usize },
}

impl Kind {
    /// The iframe's height in CSS pixels: about the embed's height in a frame 800 px wide (an
    /// official site's text column; measured in Chromium by the browser tests), rounded up to 50.
    /// A narrower frame scrolls inside; the site may change the height in the code.
    pub fn height(self) -> u32 {
        let px = match self {
            Kind::Month => 5000,
            Kind::Year => 1650,
            Kind::History { rows, years } => {
                let years = if years > 0 { 150 + 35 * years } else { 0 };
                560 + 37 * rows.min(36) + years
            }
            Kind::Roadmap { measures } => 300 + 160 * measures,
            Kind::Ranking { municipalities } => 480 + 75 * municipalities,
        };
        (px as u32).div_ceil(50) * 50
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Month | Kind::Year => "форму отчёта",
            Kind::History { .. } | Kind::Ranking { .. } => "график и таблицу",
            Kind::Roadmap { .. } => "дорожную карту",
        }
    }
}

/// The embed's context for the embedded version of `page`.
pub fn ctx(base: &BaseUrl, page: &Route) -> EmbedCtx {
    EmbedCtx {
        canonical: base.url(page),
        full: page.path(),
    }
}

/// The «Встроить на сайт» block of `page`: the `<iframe>` of its embed, titled `title` (what a
/// screen reader announces on the other site).
pub fn offer(base: &BaseUrl, page: &Route, title: &str, kind: Kind) -> Offer {
    let path = page.embed_path();
    let code = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        base.at(&path),
        escape::html(title),
        kind.height()
    );
    Offer {
        what: kind.what(),
        path,
        code,
    }
}

/// Renders the embedded version of `page` with `template`, its context filled by `fill`.
pub(super) fn page(
    r: &mut Renderer,
    base: &BaseUrl,
    page: &Route,
    template: &str,
    fill: impl FnOnce(&mut tera::Context),
) {
    let embed = ctx(base, page);
    r.page(&page.embed_file(), template, |c| {
        c.insert("embed", &embed);
        fill(c);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iframe_code_points_at_the_embed_and_escapes_its_title() {
        let base = crate::data::http_url::parse_base("https://mcu.example.ru/").unwrap();
        let month = Route::Month(crate::period::Period::new(2024, 3).unwrap());
        let offer = offer(&base, &month, "Отчёт «МЦУ» \"за\" март", Kind::Month);
        assert_eq!(offer.path, "embed/reports/2024-03/");
        assert!(
            offer.code.starts_with(
                "<iframe src=\"https://mcu.example.ru/embed/reports/2024-03/\" title=\"Отчёт «МЦУ» &quot;за&quot; март\""
            ),
            "{}",
            offer.code
        );
        assert!(offer.code.contains(" height=\"5000\" "));
        let e = ctx(&base, &month);
        assert_eq!(e.canonical, "https://mcu.example.ru/reports/2024-03/");
        assert_eq!(e.full, "reports/2024-03/");
    }

    #[test]
    fn heights_grow_with_the_rows_and_are_round() {
        let short = Kind::History { rows: 3, years: 0 }.height();
        let long = Kind::History { rows: 36, years: 4 }.height();
        assert!(short < long && short.is_multiple_of(50) && long.is_multiple_of(50));
        // A table holds at most 36 months, so does the frame.
        assert_eq!(
            long,
            Kind::History {
                rows: 120,
                years: 4
            }
            .height()
        );
        assert!(
            Kind::Ranking { municipalities: 3 }.height()
                < Kind::Ranking { municipalities: 60 }.height()
        );
    }
}
