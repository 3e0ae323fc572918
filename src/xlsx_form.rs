//! The blank monthly form as a spreadsheet (Приложение № 1, `otchet-mcu.xlsx`): `init` puts it in
//! a new site, the build publishes it on `/data/`, and `import` reads it back once filled in.
//!
//! Shared vocabulary below the output and the import, which both need it and neither owns it.
//! The file is made by `cargo run --example xlsx_template` from [`crate::domain`] and committed
//! beside the importer that reads it (`src/import/otchet-mcu.xlsx`).

/// The template's file name, in a new site's `templates/` and on the built site's `/data/`.
pub const TEMPLATE_NAME: &str = "otchet-mcu.xlsx";

/// The XLSX template of the monthly form: the title, the header and the 28 official names,
/// values blank. Made once by `cargo run --example xlsx_template`, kept byte for byte in the repo.
pub fn xlsx_template() -> &'static [u8] {
    include_bytes!("import/otchet-mcu.xlsx")
}
