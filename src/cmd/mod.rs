//! The commands, as thin wrappers over the library: each takes plain arguments and returns a
//! [`Report`] — what to print on standard output and on standard error, and how it ended. Only
//! `main` prints and sets the exit code (as in Zola), so a command can be run and read whole by a
//! test. (`new-month` and `import` still print through the writers they are given.)

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new_month;
pub mod post;
pub mod serve;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// Invalid data or a failed build: exit 1.
    Failure,
}

/// What a command has to say, and how it ended.
#[derive(Debug)]
pub struct Report {
    pub stdout: String,
    pub stderr: String,
    pub status: Status,
}

impl Report {
    fn new() -> Report {
        Report {
            stdout: String::new(),
            stderr: String::new(),
            status: Status::Success,
        }
    }

    /// Adds `text` and a line break to what goes to standard error.
    fn line(&mut self, text: &str) {
        self.stderr.push_str(text);
        self.stderr.push('\n');
    }

    /// The report as a failure.
    fn failed(mut self) -> Report {
        self.status = Status::Failure;
        self
    }
}
