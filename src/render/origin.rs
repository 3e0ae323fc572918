//! Where a page's figures come from: with `source:` in `site.yaml`, each page made from one data
//! file (a monthly report, a decision, a road map, a clarification) links that YAML file and its
//! history on the host that keeps the site's folder, so that a reader can check a figure against
//! the file and see who changed it and when. Without `source:`, no links.

use crate::data::Dataset;
use crate::source::FileId;
use serde::Serialize;

/// The «Исходные данные» and «История изменений» links of a page (`source_links.html`).
#[derive(Debug, Serialize)]
pub struct SourceLinks {
    /// The file's path in the site's folder, shown beside the link.
    pub path: String,
    /// The file's address on its host.
    pub file: String,
    /// The address of its history, when `source:` gives a template for it.
    pub history: Option<String>,
}

/// The links of the page made from the data file `file`; `None` without `source:`.
pub fn of(ds: &Dataset, file: FileId) -> Option<SourceLinks> {
    let source = ds.site.source.as_ref()?;
    let path = ds.path_of(file)?;
    Some(SourceLinks {
        path: path.to_string(),
        file: source.file.url(path),
        history: source.history.as_ref().map(|h| h.url(path)),
    })
}
