//! Vitrina: a static-site generator for the public transparency reports of a municipal control
//! centre (МЦУ). A build is one pass: load → validate → compute → render → write.

pub mod content;
pub mod data;
pub mod diag;
pub mod domain;
pub mod format;
pub mod metrics;
pub mod period;
pub mod source;
pub mod yaml;
