//! Vitrina: a static-site generator for the public transparency reports of a municipal control
//! centre (МЦУ). A build is one pass: load → validate → compute → render → write, with typed
//! values between the stages and diagnostics collected rather than thrown.

pub mod calendar;
pub mod charts;
pub mod cli;
pub mod cmd;
pub mod data;
pub mod diag;
pub mod domain;
pub mod emit;
pub mod escape;
pub mod format;
pub mod import;
pub mod markdown;
pub mod metrics;
pub mod options;
pub mod output;
pub mod page_cache;
pub mod period;
pub mod region;
pub mod render;
pub mod report_file;
pub mod routes;
pub mod serve;
pub mod site;
pub mod source;
pub mod static_files;
pub mod sync;
pub mod words;
pub mod write;
pub mod yaml;
