//! The `vitrina` binary: parses arguments, calls the library, prints what the command reports,
//! and exits 0, 1 or 2. The only place that prints (the commands return a [`Report`]; `serve`
//! prints its rebuilds as they come, through the writer handed to it here).

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use vitrina::cli::{Cli, Command, Common};
use vitrina::cmd::{self, Report, Status};
use vitrina::diag::Lang;
use vitrina::site::{Options, Purpose};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let report = match cli.command {
        Command::Build(a) => {
            let opts = Options {
                base_url: a.base_url,
                ..site_options(a.common, cli.lang)
            };
            cmd::build::run(&opts, a.out, a.verbose, &mut |note| eprintln!("{note}"))
        }
        Command::Check(a) => {
            let opts = Options {
                purpose: Purpose::Check,
                ..site_options(a.common, cli.lang)
            };
            cmd::check::run(&opts, a.strict, a.format)
        }
        Command::NewMonth(a) => {
            let lang = vitrina::data::site::language_for(&a.root, cli.lang);
            let status = cmd::new_month::run(
                &a.root,
                a.month,
                lang,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            printed(status)
        }
        Command::Init(a) => cmd::init::run(&a.dir, a.region, cli.lang.unwrap_or_default()),
        Command::Import(a) => import(a, cli.lang),
        Command::Post(a) => post(a, cli.lang),
        Command::Serve(a) => {
            let opts = site_options(a.common, cli.lang);
            let mut announce = |line: &str| {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}");
                let _ = out.flush();
            };
            cmd::serve::run(opts, a.port, &mut announce, Box::new(std::io::stderr()))
        }
    };
    let _ = std::io::stdout().lock().write_all(report.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(report.stderr.as_bytes());
    match report.status {
        Status::Success => ExitCode::SUCCESS,
        Status::Failure => ExitCode::from(1),
    }
}

/// `vitrina import`: the file's figures written into the month's report, printing as it goes.
fn import(a: vitrina::cli::ImportArgs, lang: Option<Lang>) -> Report {
    let lang = vitrina::data::site::language_for(&a.root, lang);
    let opts = cmd::import::Options {
        file: a.file,
        root: a.root,
        period: a.period,
        published: a.published,
        sheet: a.sheet,
        replace: a.replace,
        lang,
    };
    let status = cmd::import::run(
        &opts,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    printed(status)
}

/// `vitrina post`: the subject from the arguments (a month or a decision), then the post.
fn post(a: vitrina::cli::PostArgs, lang: Option<Lang>) -> Report {
    let subject = match (a.period, a.decision) {
        (_, Some(id)) => cmd::post::Subject::Decision(id),
        (Some(p), None) => cmd::post::Subject::Month(p),
        // clap's group requires one of the two; should that ever change, still a usage error.
        (None, None) => <Cli as clap::CommandFactory>::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "post needs a month (YYYY-MM) or --decision ID",
            )
            .exit(),
    };
    let opts = Options {
        root: a.root,
        lang,
        ..Options::default()
    };
    cmd::post::run(&opts, &subject, a.municipality.as_deref(), a.format)
}

/// The report of a command that printed as it went (`new-month`, `import`).
fn printed(status: Status) -> Report {
    Report {
        stdout: String::new(),
        stderr: String::new(),
        status,
    }
}

/// The site options of `build`, `check` and `serve`, from the arguments they share.
fn site_options(common: Common, lang: Option<Lang>) -> Options {
    Options {
        root: common.root,
        as_of: common.as_of,
        lang,
        ..Options::default()
    }
}
