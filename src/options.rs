//! What a run of the pass is asked to do: the site, the overrides of the command line, whether
//! the output is wanted whole or only checked, and the caches kept between runs. Its own module,
//! below both the pass (`site`) and the stages that read it (`render`), so that neither imports
//! the other.

use crate::diag::Lang;
use chrono::NaiveDate;
use std::path::PathBuf;

/// What a run is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Overrides the as-of date found in the data.
    pub as_of: Option<NaiveDate>,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<crate::routes::BaseUrl>,
    /// Overrides `language` of `site.yaml` for the messages.
    pub lang: Option<Lang>,
    /// Whether the output is wanted whole, or only checked.
    pub purpose: Purpose,
    /// Share cards drawn by earlier builds.
    pub cards: std::sync::Arc<crate::charts::CardCache>,
    /// Pages rendered by earlier builds (`serve`): only pages whose inputs changed are rendered.
    pub pages: Option<std::sync::Arc<crate::page_cache::PageCache>>,
    /// What the last build made of each municipality of a region (`build`, `check`): one whose
    /// inputs are unchanged is taken as it is.
    pub records: Option<std::sync::Arc<crate::page_cache::Records>>,
}

impl Options {
    /// What of the options changes what is made, as text for the keys of the page cache
    /// ([`crate::page_cache::region_key`]). Not the purpose: only a build keeps what it made,
    /// and `check` reads the pages and links a build recorded.
    pub fn cache_text(&self) -> String {
        format!("{:?}|{:?}|{:?}", self.as_of, self.base_url, self.lang)
    }
}

/// What a run is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Purpose {
    /// Every file, to be written or served.
    #[default]
    Build,
    /// Everything that can fail, and nothing that cannot: neither the share-card PNGs nor the
    /// charts of a site's pages are drawn ([`crate::charts::Draw`]), since a drawing has no input
    /// of its own to reject and carries no link (`tests/check_draws_nothing.rs`).
    Check,
}
