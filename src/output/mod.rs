//! What the site publishes besides its pages: the open data (CSV and JSON under `/data/`, the
//! Russian open-data layout under `/opendata/`), the JSON Schemas of the YAML contract, the Atom
//! feed, the sitemap, `robots.txt` and `/favicon.ico`.
//!
//! Like rendering, this only fills the in-memory [`Output`]: nothing here touches the disk or
//! reads the clock. Every date in these files comes from the data (the as-of date, a report's
//! publication), so that the same data gives the same bytes. The data sets themselves, with
//! their titles and column descriptions, are listed once, in [`catalog`]; the files and the
//! `/data/` page are all written from that list.

pub mod catalog;
pub mod csv;
pub mod favicon;
pub mod feed;
pub mod opendata;
pub mod region;
pub mod schema;
pub mod sitemap;
pub mod table;
pub mod xlsx;
pub mod xml;

use crate::data::Dataset;
use crate::metrics::Figures;
use crate::write::Output;
use serde::Serialize;
use table::DataSet;

/// The open data of one build: the data sets, computed once, and what they are written from.
pub struct OpenData<'a> {
    ds: &'a Dataset,
    fig: &'a Figures,
    pub sets: Vec<DataSet>,
    /// What every passport shares (dates, publisher, INN), for the files and the pages alike.
    registry: opendata::Registry,
    /// A municipality inside a region's site: its pages show the region's `/favicon.ico`, so
    /// it publishes none of its own (like the theme's static files, published once), nor a
    /// `robots.txt`, which crawlers never read below a host's root.
    pub in_region: bool,
}

/// The name of the blank monthly form (XLSX) published beside the data it becomes.
pub const XLSX_TEMPLATE: &str = crate::data::form_template::TEMPLATE_NAME;

/// The output stage: every file that is not a page — each data set as CSV and JSON, the
/// `/opendata/` registry and passports, the schemas, the feed, the blank XLSX form — and, once
/// the pages exist, the sitemap of them.
pub fn emit(open_data: &OpenData, emitter: &crate::emit::Emitter) {
    let mut files = Output::default();
    open_data.add_files(&mut files, emitter.keeps_bytes());
    files.insert(
        format!("data/{XLSX_TEMPLATE}"),
        crate::data::form_template::xlsx_template().to_vec(),
    );
    for (path, bytes) in files.into_files() {
        emitter.put(path, bytes);
    }
    let pages = emitter.html_paths();
    // The embedded versions of pages are for other sites' frames, not for search engines.
    let listed = pages
        .iter()
        .map(String::as_str)
        .filter(|p| !crate::routes::is_embed(p));
    emitter.put("sitemap.xml".into(), sitemap::sitemap(listed, open_data.ds));
}

impl<'a> OpenData<'a> {
    pub fn new(ds: &'a Dataset, fig: &'a Figures) -> OpenData<'a> {
        OpenData {
            ds,
            fig,
            sets: catalog::datasets(ds, fig),
            registry: opendata::Registry::of(ds, fig),
            in_region: false,
        }
    }

    /// Adds every data set as CSV and JSON, the `/opendata/` registry and passports, the
    /// schemas and the feed to `out`; the Excel workbooks too, or with `workbooks` false (in
    /// `check`) their names alone ([`add_sets`]).
    pub fn add_files(&self, out: &mut Output, workbooks: bool) {
        add_sets(out, &self.sets, &self.registry, workbooks);
        for (path, bytes) in schema::files(self.ds.site.base_url.as_str()) {
            out.insert(path, bytes);
        }
        out.insert("feed.xml".into(), feed::feed(self.ds, self.fig));
        // Inside a region the region's root publishes the icon, and `robots.txt`, which crawlers
        // read only at a host's root: the region's names its sitemap, which lists every
        // municipality's pages too.
        if !self.in_region {
            out.insert("favicon.ico".into(), favicon::ico());
            out.insert(
                "robots.txt".into(),
                sitemap::robots(&self.ds.site.base_url).into_bytes(),
            );
        }
    }

    /// The context of the `/data/` page, of the `/opendata/` registry page and of every set's
    /// passport page.
    pub fn page(&self) -> DataPage {
        data_page(&self.sets, &self.registry, &schema::KINDS)
    }
}

/// Every set of `sets` as `/data/<set>.csv`, `.xlsx` and `.json`, and the `/opendata/` registry,
/// passports, data and structure files: a site's sets, or a region's. Without `workbooks`
/// (`check`, which keeps no bytes) an Excel file is named, empty, where a build would make it: a
/// workbook has no link to check and holds the CSV's rows, but zipping them was a sixth of
/// `check`'s time.
pub fn add_sets(out: &mut Output, sets: &[DataSet], reg: &opendata::Registry, workbooks: bool) {
    for set in sets {
        out.insert(format!("data/{}.csv", set.id), set.to_csv());
        // Only past Excel's limits (a million rows) is there no workbook: the link check then
        // names the pages that link it.
        let workbook = if workbooks {
            xlsx::workbook(set, reg.data, &reg.owner).ok()
        } else {
            xlsx::fits(set).then(Vec::new)
        };
        if let Some(bytes) = workbook {
            out.insert(format!("data/{}.xlsx", set.id), bytes);
        }
        out.insert(
            format!("data/{}.json", set.id),
            set.to_json(reg.data, reg.structure(set)),
        );
    }
    opendata::add(out, sets, reg);
}

/// The context of the `/data/` and `/opendata/` pages listing `sets` and the schemas of
/// `kinds`: a site's, or a region's.
pub fn data_page(
    sets: &[DataSet],
    reg: &opendata::Registry,
    kinds: &[(&'static str, &'static str, &'static str)],
) -> DataPage {
    DataPage {
        modified: reg.data,
        sets: sets
            .iter()
            .map(|s| {
                let folder = reg.folder(s);
                SetCtx {
                    id: s.id,
                    identifier: reg.identifier(s),
                    title: s.title,
                    description: s.description,
                    rows: s.rows.len(),
                    csv: format!("data/{}.csv", s.id),
                    xlsx: format!("data/{}.xlsx", s.id),
                    json: format!("data/{}.json", s.id),
                    passport: format!("{folder}meta.csv"),
                    data_file: format!("{folder}{}.csv", reg.data_name(s)),
                    structure_file: format!("{folder}{}.csv", reg.structure_name(s)),
                    page: folder,
                    structure: reg.structure(s),
                    fields: opendata::passport(s, reg),
                    json_ld: opendata::json_ld(s, reg),
                    columns: s
                        .columns
                        .iter()
                        .map(|c| ColumnCtx {
                            name: c.name,
                            description: c.ru.clone(),
                            format: c.format.ru(),
                        })
                        .collect(),
                }
            })
            .collect(),
        schemas: kinds
            .iter()
            .map(|(kind, file, title)| SchemaCtx {
                kind,
                file,
                title,
                url: format!("data/schema/{kind}.schema.json"),
            })
            .collect(),
    }
}

/// What the `/data/` and `/opendata/` pages show.
#[derive(Debug, Serialize)]
pub struct DataPage {
    /// When the data was last changed: the as-of date, the `modified` of every passport.
    pub modified: chrono::NaiveDate,
    pub sets: Vec<SetCtx>,
    pub schemas: Vec<SchemaCtx>,
}

/// One data set on the `/data/` page, the registry and its passport page; paths are relative
/// to the site's base.
#[derive(Debug, Serialize)]
pub struct SetCtx {
    pub id: &'static str,
    pub identifier: String,
    pub title: &'static str,
    pub description: &'static str,
    pub rows: usize,
    pub csv: String,
    /// The same rows as an Excel workbook ([`xlsx`]).
    pub xlsx: String,
    pub json: String,
    /// The passport as the guidelines publish it, `meta.csv`.
    pub passport: String,
    pub data_file: String,
    pub structure_file: String,
    /// The passport page: `opendata/mcu-indicators/`.
    pub page: String,
    /// The date of the structure version.
    pub structure: chrono::NaiveDate,
    /// The passport's lines, as `meta.csv` holds them.
    pub fields: Vec<opendata::PassportField>,
    /// The passport as schema.org JSON-LD, safe inside a `<script>` ([`opendata::json_ld`]).
    pub json_ld: String,
    pub columns: Vec<ColumnCtx>,
}

#[derive(Debug, Serialize)]
pub struct ColumnCtx {
    pub name: &'static str,
    pub description: String,
    pub format: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SchemaCtx {
    pub kind: &'static str,
    pub file: &'static str,
    pub title: &'static str,
    pub url: String,
}

#[cfg(test)]
pub(crate) mod tests {
    /// The dataset of the `small` fixture site.
    pub fn dataset() -> crate::data::Valid {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let mut sources = crate::source::Sources::new();
        let mut diags = crate::diag::Diagnostics::new();
        let ds = crate::data::load(&root, &mut sources, &mut diags).expect("the fixture loads");
        assert!(!diags.has_errors(), "the fixture is valid");
        ds
    }
}
