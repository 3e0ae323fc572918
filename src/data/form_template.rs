//! The monthly form (Приложение № 1) as an Excel template: the title, the header and the 28
//! official names, the values blank. It belongs with the data a site is made from: `init` puts it
//! in a new site's `templates/`, the build publishes it on `/data/` beside the figures it becomes,
//! and `vitrina import` reads it back filled in. Made once from [`crate::domain`] by
//! `cargo run --example xlsx_template` and kept byte for byte in the repository (a test holds it to
//! what the example makes).

/// The template's file name, in a new site's `templates/` and on the built site's `/data/`.
pub const TEMPLATE_NAME: &str = "otchet-mcu.xlsx";

/// The template's bytes.
pub fn xlsx_template() -> &'static [u8] {
    include_bytes!("otchet-mcu.xlsx")
}
