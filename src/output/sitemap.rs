//! `/sitemap.xml`: every HTML page of the output except the not-found page, absolute URLs,
//! sorted. A `<lastmod>` is given only where the data dates the page (a report's publication or
//! its latest correction, a dated content page, the latest record of a decision or road map): a guessed date would
//! teach search engines to ignore them all.

use super::xml::escape;
use crate::data::Dataset;
use crate::routes::{BaseUrl, Route, SITEMAP, path_of};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::Write;

/// `/robots.txt`: every crawler may read everything (the reports, the data and the feed are
/// all for the public), and the sitemap is named by its absolute address. With a `base_url`
/// under a path (`https://user.github.io/mcu/`) the file lies under that path, where crawlers
/// do not look: it does no harm there, and the sitemap still works from the feed and pages.
pub fn robots(base: &BaseUrl) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", base.at(SITEMAP))
}

/// Dates the data gives pages, by site path (as [`path_of`] gives it).
fn lastmods(ds: &Dataset) -> BTreeMap<String, NaiveDate> {
    let mut dates: BTreeMap<String, NaiveDate> = BTreeMap::new();
    let mut later = |path: String, d: NaiveDate| {
        let e = dates.entry(path).or_insert(d);
        *e = (*e).max(d);
    };
    for r in &ds.reports {
        later(Route::Month(r.period).path(), r.published);
        later(Route::Year(r.period.year).path(), r.published);
        // A correction changes the month's page and the year's, which lists it.
        for c in &r.corrections {
            later(Route::Month(r.period).path(), c.date);
            later(Route::Year(r.period.year).path(), c.date);
        }
    }
    for p in ds.pages.iter().filter(|p| !p.draft) {
        if let Some(d) = p.date {
            later(Route::Content(&p.url).path(), d);
        }
    }
    for d in &ds.decisions {
        let path = Route::Decision(&d.id).path();
        later(path.clone(), d.adopted);
        for m in &d.milestones {
            later(path.clone(), m.date);
        }
        for p in &d.informing {
            later(path.clone(), p.date);
        }
    }
    for r in &ds.roadmaps {
        let path = Route::Roadmap(&r.id).path();
        later(path.clone(), r.approved);
        for m in &r.measures {
            if let Some(done) = m.done {
                later(path.clone(), done);
            }
        }
    }
    for c in &ds.clarifications {
        later(Route::Clarification(&c.id).path(), c.date);
    }
    dates
}

/// `/sitemap.xml` for the pages already in `out`.
pub fn sitemap<'p>(files: impl Iterator<Item = &'p str>, ds: &Dataset) -> Vec<u8> {
    sitemap_with(files, &ds.site.base_url, &lastmods(ds))
}

/// `/sitemap.xml` of `files` under `base`, with the dates known.
pub fn sitemap_with<'p>(
    files: impl Iterator<Item = &'p str>,
    base: &BaseUrl,
    dates: &BTreeMap<String, NaiveDate>,
) -> Vec<u8> {
    let not_found = Route::NotFound.file();
    let mut urls: Vec<(String, Option<NaiveDate>)> = files
        .filter(|f| f.ends_with(".html") && *f != not_found)
        .map(|f| {
            let path = path_of(f);
            (base.at(path), dates.get(path).copied())
        })
        .collect();
    urls.sort();
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, date) in &urls {
        let _ = write!(x, "  <url><loc>{}</loc>", escape(url));
        if let Some(d) = date {
            let _ = write!(x, "<lastmod>{}</lastmod>", d.format("%Y-%m-%d"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_names_the_sitemap_absolutely_and_blocks_nothing() {
        let base = crate::data::http_url::parse_base("https://x.example.ru/mcu/").unwrap();
        let robots = robots(&base);
        assert!(
            robots
                .lines()
                .any(|l| l == "Sitemap: https://x.example.ru/mcu/sitemap.xml")
        );
        assert!(robots.lines().any(|l| l == "User-agent: *"));
        for line in robots.lines() {
            let (key, value) = line.split_once(':').unwrap_or((line, ""));
            assert!(
                !key.eq_ignore_ascii_case("disallow") || value.trim().is_empty(),
                "{line}"
            );
        }
    }

    #[test]
    fn pages_are_listed_with_dates_only_from_the_data() {
        let ds = crate::output::tests::dataset();
        let files = [
            "index.html",
            "404.html",
            "reports/2024-02/index.html",
            "about/index.html",
            "static/style.css",
        ];
        let xml = String::from_utf8(sitemap(files.into_iter(), &ds)).unwrap();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  \
             <url><loc>https://mcu.test.example/</loc></url>\n  \
             <url><loc>https://mcu.test.example/about/</loc></url>\n  \
             <url><loc>https://mcu.test.example/reports/2024-02/</loc><lastmod>2024-03-04</lastmod></url>\n\
             </urlset>\n"
        );
    }
}
