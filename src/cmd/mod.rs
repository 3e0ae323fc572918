//! The commands, as thin wrappers over the library: each takes plain arguments and returns what
//! `main` should print and the exit status.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new_month;
pub mod serve;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// Invalid data or a failed build: exit 1.
    Failure,
}
