//! Where everything on a site lives: the site's address ([`BaseUrl`]) and the address of each of
//! its pages ([`Route`]), in one place.
//!
//! The pages are written to [`Route::file`], and the sitemap, the search index, the feed and the
//! link check name them by [`Route::path`] (relative to the base) or [`BaseUrl::url`] (absolute):
//! a page renamed here moves with its sitemap, search and feed entries. A new kind of page is a
//! new variant of [`Route`] and one arm of [`Route::path`].
//!
//! Shared vocabulary below the data: `data/site.yaml`'s `base_url` is read into a [`BaseUrl`],
//! and every later stage takes it from there.

use crate::period::Period;
use url::Url;

/// The address a site is published at: an absolute `http(s)` URL without a query or fragment,
/// its path ending in `/` (`https://mcu.example.ru/`, `https://user.github.io/mcu/`). Made once,
/// from `base_url` or `--base-url` ([`crate::data::http_url::parse_base`], which says what is
/// wrong with a refused one), and never re-read as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// `url` as a site's address, its path given a final `/`; `None` for a URL that cannot be
    /// one (not http(s), no host, a query or a fragment).
    pub fn new(mut url: Url) -> Option<BaseUrl> {
        let fits = matches!(url.scheme(), "http" | "https")
            && url.host().is_some()
            && url.query().is_none()
            && url.fragment().is_none();
        if !fits {
            return None;
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Some(BaseUrl(url))
    }

    /// The whole address, as the `url` crate writes it: `https://user.github.io/mcu/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The path the site is served under, which local links start with: `/` or `/mcu/`.
    pub fn path(&self) -> &str {
        self.0.path()
    }

    /// The address of the folder `name` under this one: a municipality's site inside a region's
    /// (`https://region.ru/` → `https://region.ru/belgorod/`).
    pub fn under(&self, name: &str) -> BaseUrl {
        let mut url = self.0.clone();
        url.set_path(&format!("{}{}/", url.path(), encode_path(name)));
        BaseUrl(url)
    }

    /// The absolute address of `page`.
    pub fn url(&self, page: &Route) -> String {
        self.at(&page.path())
    }

    /// The absolute address of a site path (`reports/2024-03/`, `feed.xml`), percent-encoded.
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.as_str(), encode_path(path))
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Templates read the site's address as text: `{{ site.base_url }}`.
impl serde::Serialize for BaseUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A page of a site or of a region's site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// `/`: the latest month (a region's: the region's latest month).
    Home,
    /// `/reports/`: every monthly and annual report.
    Reports,
    /// `/reports/2024-03/`: a monthly report.
    Month(Period),
    /// `/reports/2024/`: an annual report.
    Year(i32),
    /// `/indicators/`.
    Indicators,
    /// `/indicators/<id>/`: one of the 28 indicators (by its id) or the 7 targets (by its key).
    Indicator(&'a str),
    /// `/decisions/`.
    Decisions,
    /// `/decisions/<filter>`: the decisions of a year, a status or a kind (`year/2024/`).
    DecisionsOf(&'a str),
    /// `/decisions/<id>/`.
    Decision(&'a str),
    /// `/roadmaps/`.
    Roadmaps,
    /// `/roadmaps/<id>/`.
    Roadmap(&'a str),
    /// `/themes/`.
    Themes,
    /// `/themes/<slug>/`.
    Theme(&'a str),
    /// `/structure/`.
    Structure,
    /// `/openness/`.
    Openness,
    /// `/clarifications/`.
    Clarifications,
    /// `/clarifications/<filter>`: the answers of a year or a topic (`2024/`, `topic/<slug>/`).
    ClarificationsOf(&'a str),
    /// `/clarifications/<id>/`.
    Clarification(&'a str),
    /// `/search/`: every document, listed for a reader without a script.
    Search,
    /// `/data/`: the data sets, schemas, feed and sitemap.
    Data,
    /// `/opendata/`: the registry of the data sets.
    OpenData,
    /// A data set's passport page, in its folder (`opendata/mcu-indicators/`).
    Passport(&'a str),
    /// A content page at the address its front matter or file gives (`/news/x/`).
    Content(&'a str),
    /// `/404.html`.
    NotFound,
    /// `/compare/`: a region's comparison table in its first order.
    Compare,
    /// `/compare/by/<key>/`: the table in another order.
    CompareBy(&'a str),
    /// `/compare/<target>/`: one target across the municipalities.
    CompareTarget(&'a str),
    /// `/<id>/`: a municipality's site inside a region's.
    Municipality(&'a str),
}

impl Route<'_> {
    /// The page's address relative to the site's base: `reports/2024-03/`, `` for `/`.
    pub fn path(&self) -> String {
        match *self {
            Route::Home => String::new(),
            Route::Reports => "reports/".into(),
            Route::Month(p) => format!("reports/{p}/"),
            Route::Year(y) => format!("reports/{y}/"),
            Route::Indicators => "indicators/".into(),
            Route::Indicator(id) => format!("indicators/{id}/"),
            Route::Decisions => "decisions/".into(),
            Route::DecisionsOf(filter) => format!("decisions/{filter}"),
            Route::Decision(id) => format!("decisions/{id}/"),
            Route::Roadmaps => "roadmaps/".into(),
            Route::Roadmap(id) => format!("roadmaps/{id}/"),
            Route::Themes => "themes/".into(),
            Route::Theme(slug) => format!("themes/{slug}/"),
            Route::Structure => "structure/".into(),
            Route::Openness => "openness/".into(),
            Route::Clarifications => "clarifications/".into(),
            Route::ClarificationsOf(filter) => format!("clarifications/{filter}"),
            Route::Clarification(id) => format!("clarifications/{id}/"),
            Route::Search => "search/".into(),
            Route::Data => "data/".into(),
            Route::OpenData => "opendata/".into(),
            Route::Passport(folder) => folder.into(),
            Route::Content(url) => url.trim_start_matches('/').into(),
            Route::NotFound => "404.html".into(),
            Route::Compare => "compare/".into(),
            Route::CompareBy(key) => format!("compare/by/{key}/"),
            Route::CompareTarget(key) => format!("compare/{key}/"),
            Route::Municipality(id) => format!("{id}/"),
        }
    }

    /// The file the page is written to: its path's `index.html`.
    pub fn file(&self) -> String {
        let path = self.path();
        if path.ends_with(".html") {
            path
        } else {
            format!("{path}index.html")
        }
    }

    /// The address of the page's bare version for an `<iframe>` on another site: [`EMBED`]
    /// before its path, `embed/reports/2024-03/`.
    pub fn embed_path(&self) -> String {
        format!("{EMBED}{}", self.path())
    }

    /// The file of [`Route::embed_path`].
    pub fn embed_file(&self) -> String {
        format!("{EMBED}{}", self.file())
    }
}

/// The folder of the embedded versions of pages (an official form, a chart with its table), which
/// other sites show in an `<iframe>`: left out of the sitemap and the search, `noindex`.
pub const EMBED: &str = "embed/";

/// Whether a site path (or file) is an embedded version of a page ([`Route::embed_path`]).
pub fn is_embed(path: &str) -> bool {
    path.starts_with(EMBED)
}

/// The site path of an HTML file, the inverse of [`Route::file`]: `reports/2024-02/index.html` →
/// `reports/2024-02/`.
pub fn path_of(file: &str) -> &str {
    file.strip_suffix("index.html").unwrap_or(file)
}

/// A page that carries a share card of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    /// The home page's.
    Home,
    /// A month's report's (the latest months carry one).
    Month(Period),
    /// An annual report's, which the year's older months show too.
    Year(i32),
}

/// The file of a share card.
pub fn card(card: Card) -> String {
    match card {
        Card::Home => "card.png".into(),
        Card::Month(p) => format!("{}card.png", Route::Month(p).path()),
        Card::Year(y) => format!("{}card.png", Route::Year(y).path()),
    }
}

/// The search index the search page's script reads.
pub const SEARCH_INDEX: &str = "search/index.json";
/// The Atom feed.
pub const FEED: &str = "feed.xml";
/// The sitemap of every page.
pub const SITEMAP: &str = "sitemap.xml";

/// What [`encode_path`] encodes: everything but the unreserved characters of RFC 3986 and `/`.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a site path (`news/новость/`) for a URL; `/` and the unreserved characters of
/// RFC 3986 stay as they are.
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(text: &str) -> BaseUrl {
        BaseUrl::new(Url::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base("https://mcu.example.ru/").path(), "/");
        assert_eq!(base("https://user.github.io/mcu").path(), "/mcu/");
        assert_eq!(base("https://x.ru").path(), "/");
    }

    #[test]
    fn a_base_ends_in_a_slash_and_has_no_query_or_fragment() {
        assert_eq!(
            base("https://user.github.io/mcu").as_str(),
            "https://user.github.io/mcu/"
        );
        assert_eq!(
            base("http://127.0.0.1:1111/").as_str(),
            "http://127.0.0.1:1111/"
        );
        for refused in [
            "https://x.ru/?a=1",
            "https://x.ru/#top",
            "mailto:a@x.ru",
            "file:///tmp/",
        ] {
            assert!(
                BaseUrl::new(Url::parse(refused).unwrap()).is_none(),
                "{refused}"
            );
        }
    }

    #[test]
    fn a_municipality_lives_under_the_regions_address() {
        let region = base("https://region.example.ru/mcu/");
        let m = region.under("stary-oskol");
        assert_eq!(m.as_str(), "https://region.example.ru/mcu/stary-oskol/");
        assert_eq!(m.path(), "/mcu/stary-oskol/");
    }

    #[test]
    fn pages_have_one_address_written_to_one_file() {
        let month = Route::Month(Period::new(2024, 3).unwrap());
        assert_eq!(month.path(), "reports/2024-03/");
        assert_eq!(month.file(), "reports/2024-03/index.html");
        assert_eq!(Route::Home.path(), "");
        assert_eq!(Route::Home.file(), "index.html");
        assert_eq!(Route::NotFound.file(), "404.html");
        assert_eq!(Route::Content("/news/x/").file(), "news/x/index.html");
        assert_eq!(
            Route::DecisionsOf("year/2024/").path(),
            "decisions/year/2024/"
        );
        assert_eq!(path_of(&month.file()), month.path());
        assert_eq!(
            card(Card::Month(Period::new(2024, 3).unwrap())),
            "reports/2024-03/card.png"
        );
        assert_eq!(card(Card::Year(2024)), "reports/2024/card.png");
        assert_eq!(card(Card::Home), "card.png");
        assert_eq!(month.embed_path(), "embed/reports/2024-03/");
        assert_eq!(month.embed_file(), "embed/reports/2024-03/index.html");
        assert!(is_embed(&month.embed_file()) && !is_embed(&month.file()));
        assert_eq!(
            Route::CompareTarget("fast_track").embed_path(),
            "embed/compare/fast_track/"
        );
    }

    #[test]
    fn absolute_addresses_are_percent_encoded() {
        let b = base("https://x.ru/mcu/");
        assert_eq!(
            b.url(&Route::Content("/о нас/")),
            "https://x.ru/mcu/%D0%BE%20%D0%BD%D0%B0%D1%81/"
        );
        assert_eq!(b.url(&Route::Year(2024)), "https://x.ru/mcu/reports/2024/");
    }

    #[test]
    fn non_ascii_paths_are_percent_encoded() {
        assert_eq!(
            encode_path("news/2024-04-02-mart/"),
            "news/2024-04-02-mart/"
        );
        assert_eq!(encode_path("о нас/"), "%D0%BE%20%D0%BD%D0%B0%D1%81/");
    }
}
