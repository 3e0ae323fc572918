//! The `vitrina` binary: parses arguments, calls the library, prints, and exits 0, 1 or 2.

use clap::Parser;
use std::process::ExitCode;
use vitrina::cli::{Cli, Command, Common};
use vitrina::cmd::{self, Status};
use vitrina::diag::Lang;
use vitrina::site::{Options, Purpose};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut err = std::io::stderr().lock();
    let status = match cli.command {
        Command::Build(a) => {
            let opts = Options {
                base_url: a.base_url,
                ..site_options(a.common, cli.lang)
            };
            cmd::build::run(&opts, a.out, a.verbose, &mut err)
        }
        Command::Check(a) => {
            let opts = Options {
                purpose: Purpose::Check,
                ..site_options(a.common, cli.lang)
            };
            cmd::check::run(
                &opts,
                a.strict,
                a.format,
                &mut std::io::stdout().lock(),
                &mut err,
            )
        }
        Command::NewMonth(a) => {
            let lang = vitrina::data::site::language_for(&a.root, cli.lang);
            cmd::new_month::run(
                &a.root,
                a.month,
                lang,
                &mut std::io::stdout().lock(),
                &mut err,
            )
        }
        Command::Init(a) => {
            cmd::init::run(&a.dir, a.region, cli.lang.unwrap_or_default(), &mut err)
        }
        Command::Import(a) => {
            let lang = vitrina::data::site::language_for(&a.root, cli.lang);
            let opts = cmd::import::Options {
                file: a.file,
                root: a.root,
                period: a.period,
                published: a.published,
                sheet: a.sheet,
                replace: a.replace,
                lang,
            };
            cmd::import::run(&opts, &mut std::io::stdout().lock(), &mut err)
        }
        Command::Serve(a) => {
            let opts = site_options(a.common, cli.lang);
            // The rebuilds print from their own thread, which a held lock would block forever.
            drop(err);
            cmd::serve::run(
                opts,
                a.port,
                &mut std::io::stdout(),
                Box::new(std::io::stderr()),
            )
        }
    };
    match status {
        Status::Success => ExitCode::SUCCESS,
        Status::Failure => ExitCode::from(1),
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
