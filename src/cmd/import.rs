//! `vitrina import FILE`: a month's report read from a spreadsheet of the official form; the
//! work is in [`crate::import`].

pub use crate::import::{Options, run};
