//! The command line: each flag's name and help sit together here, and clap generates `--help`
//! from these doc comments.

use crate::period::Period;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Vitrina builds the public report site of a municipal control centre (МЦУ) from YAML.
#[derive(Debug, Parser)]
#[command(name = "vitrina", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages: ru or en [default: `language` of data/site.yaml, else ru].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::diag::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder; a failed build leaves the previous output untouched.
    Build(BuildArgs),
    /// Validate data, content, templates and internal links; writes nothing.
    Check(CheckArgs),
    /// Write the next month's report file, laid out like the latest one, every count left blank.
    NewMonth(NewMonthArgs),
    /// Create a new site in DIR: sample data, a README for the publisher, CI workflows.
    Init(InitArgs),
    /// Read a month's form (Приложение № 1, 28 rows) from an XLSX or CSV spreadsheet into
    /// data/reports/YYYY-MM.yaml; never overwrites.
    Import(ImportArgs),
    /// Preview the site on 127.0.0.1: rebuilt on every saved file, open pages reload.
    Serve(ServeArgs),
    /// Print a ready post for social networks about a month's report (PERIOD, YYYY-MM) or a
    /// decision (--decision ID): its lead, key figures, the page's address and the site's
    /// hashtags (post_tags), within Telegram's 4,096 characters.
    Post(PostArgs),
}

#[derive(Debug, Args)]
pub struct Common {
    /// The site's root folder (the one holding data/ and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The date the site speaks as of (YYYY-MM-DD); by default the newest date in data/.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    /// The output folder [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The site's public address, overriding base_url of data/site.yaml.
    #[arg(long, value_parser = parse_base_url)]
    pub base_url: Option<crate::routes::BaseUrl>,
    /// Print how long each stage took.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    pub format: DiagFormat,
}

/// How `check` prints its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagFormat {
    /// For a terminal, on stderr: file:line:column, the line, a caret and a help.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions annotations on stdout (and the human form on stderr).
    Github,
}

#[derive(Debug, Args)]
pub struct NewMonthArgs {
    /// The month to write, YYYY-MM [default: the month after the latest report].
    #[arg(value_parser = parse_period)]
    pub month: Option<Period>,
    /// The site's root folder (the one holding data/ and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: Common,
    /// The port to listen on, or the next free one up to 10 above it; 0 takes any free port.
    #[arg(long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: .xlsx (or .xlsm, .xls, .ods) or .csv (UTF-8, `;` or `,` separated).
    pub file: PathBuf,
    /// The site's root folder (the one holding data/ and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The report's month, YYYY-MM [default: read off the title, «за март 2024» or «на «02» апреля 2024 г.»].
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
    /// The publication date, YYYY-MM-DD [default: the date in the title].
    #[arg(long, value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// The sheet holding the form or the export [default: the first sheet that has either].
    #[arg(long)]
    pub sheet: Option<String>,
    /// The platform's export into an existing report: change values already filled in with
    /// other numbers (without it, such a difference is listed and nothing is written).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["period", "decision"])))]
pub struct PostArgs {
    /// The month of the report, YYYY-MM.
    #[arg(value_parser = parse_period)]
    pub period: Option<Period>,
    /// The id of a decision in data/decisions/ (its `id:`) instead of a month.
    #[arg(long, value_name = "ID")]
    pub decision: Option<String>,
    /// The site's root folder (the one holding data/ and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// On a region's site: the municipality (its folder in data/municipalities/).
    #[arg(long, value_name = "ID")]
    pub municipality: Option<String>,
    /// How to print it: the post as text, or JSON with its text, address and share card.
    #[arg(long, value_enum, default_value_t = PostFormat::Text)]
    pub format: PostFormat,
}

/// How `post` prints the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PostFormat {
    /// The post as it is to be pasted.
    Text,
    /// `{"text", "url", "card"}`: the post, its page's address and its share card's address.
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in; it must be new or empty.
    pub dir: PathBuf,
    /// Create a region's site: three sample municipalities under data/municipalities/.
    #[arg(long)]
    pub region: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date YYYY-MM-DD"))
}

fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s).ok_or_else(|| Period::parse_error(s))
}

/// `--base-url` is refused here, as a usage error (exit 2) before any file is read, like every
/// other malformed flag; the message is in both languages, since `--lang` may come later.
/// It is parsed here once: every later stage takes the [`crate::routes::BaseUrl`].
fn parse_base_url(s: &str) -> Result<crate::routes::BaseUrl, String> {
    crate::data::http_url::parse_base(s).map_err(|r| r.both_languages())
}
