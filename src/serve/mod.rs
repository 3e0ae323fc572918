//! `vitrina serve`: a local preview that answers from memory, rebuilds on every save and reloads
//! the open pages.
//!
//! Every change rebuilds the *whole* site with the same [`site::run`] as `vitrina build`: one
//! month's file feeds the home page, the annual form, every indicator's page, the feed and the open
//! data, and a partial rebuild that guessed which pages to redo would leave some of them stale
//! (Zola's serve has had such bugs, getzola/zola#3184, #1064). The demo site rebuilds in well under
//! a second, so there is nothing to win by guessing.
//!
//! A build that fails changes nothing that is served: the last good site stays, the errors are
//! printed in the terminal exactly as `vitrina check` prints them, and every page shows them at the
//! top until a save fixes them (see [`page`]). Nothing is written to disk.

pub mod http;
pub mod live;
pub mod page;
pub mod watch;
pub mod wire;

use crate::diag::Style;
use crate::site::{self, Options};
use crate::t;
use live::Live;
use std::io::{self, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use watch::Watch;

/// The port tried first, as Zola's.
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports after the asked one are tried when it is taken.
pub const MORE_PORTS: u16 = 10;

/// Listens on 127.0.0.1 (never another interface: the preview is for this machine only) at
/// `port`, or the first free one of the next [`MORE_PORTS`]; port 0 takes any free port.
pub fn bind(port: u16) -> io::Result<TcpListener> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(MORE_PORTS)
    };
    let mut first_error = None;
    for p in port..=last {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(first_error.unwrap_or_else(|| io::Error::from(io::ErrorKind::AddrInUse)))
}

/// The terminal, shared by the server and the rebuilds.
#[derive(Clone)]
pub struct Terminal(Arc<Mutex<Box<dyn Write + Send>>>);

impl Terminal {
    pub fn new(w: Box<dyn Write + Send>) -> Terminal {
        Terminal(Arc::new(Mutex::new(w)))
    }

    /// Prints `text` whole, never interleaved with another thread's.
    pub fn print(&self, text: &str) {
        let mut w = crate::sync::lock(&self.0);
        let _ = w.write_all(text.as_bytes());
        let _ = w.flush();
    }
}

/// Builds the whole site, publishes the result to `live` and prints what happened: the
/// diagnostics, then a one-line summary. `changed` names the files that caused it.
pub fn rebuild(opts: &Options, live: &Live, term: &Terminal, changed: &[PathBuf]) {
    rebuild_with(opts, live, term, changed, site::run);
}

/// [`rebuild`] with the build pass given, so that a test can make it fail in ways real data no
/// longer can.
fn rebuild_with(
    opts: &Options,
    live: &Live,
    term: &Terminal,
    changed: &[PathBuf],
    build: impl FnOnce(&Options) -> site::Build,
) {
    let start = Instant::now();
    // A panic is a bug in Vitrina, but it must not kill the rebuilding thread: the preview would
    // then serve the old site with no sign of trouble and never rebuild again. It becomes an
    // error on the pages and in the terminal, and the next save is rebuilt as usual.
    let b = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(opts))) {
        Ok(b) => b,
        Err(panic) => return report_panic(panic.as_ref(), opts, live, term),
    };
    let lang = b.lang;
    let pages = b.pages();
    let built = b.output.is_some();
    // The open pages reload first; what the terminal prints is rendered after. The page overlay
    // gets the diagnostics as plain text, and only when the build failed: a region's thousand
    // warnings take longer to render than the municipality that changed takes to build.
    live.publish(b.output.ok_or_else(|| {
        let report = b.diags.render(&b.sources, &Style::plain(lang));
        if report.trim().is_empty() {
            let message = t!("сайт не собран", "the site was not built");
            format!("{}\n", Style::plain(lang).error(&message))
        } else {
            report
        }
    }));
    let style = Style::for_stderr(lang);
    let mut text = String::new();
    if let Some(first) = changed.first() {
        let (first, more) = (first.display(), changed.len() - 1);
        let line = if more == 0 {
            t!("изменён файл {first}", "change: {first}")
        } else {
            t!(
                "изменён файл {first} и ещё {more}",
                "change: {first} and {more} more"
            )
        };
        text.push_str(line.get(lang));
        text.push('\n');
    }
    text.push_str(&b.diags.render(&b.sources, &style));
    text.push_str(&outcome(built, pages, start, &live.current(), lang));
    term.print(&text);
}

/// A panic in a rebuild, on the pages and in the terminal.
fn report_panic(panic: &(dyn std::any::Any + Send), opts: &Options, live: &Live, term: &Terminal) {
    let lang = opts.lang.unwrap_or_default();
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let message = t!(
        "внутренняя ошибка Витрины при сборке: {what}",
        "Vitrina failed while building (an internal error): {what}"
    );
    let help = t!(
        "это ошибка в самой Витрине, а не в ваших данных; сообщите о ней разработчикам, приложив изменённый файл. Следующее сохранение будет собрано заново",
        "this is a bug in Vitrina, not in your data: please report it with the file you changed. The next save is rebuilt as usual"
    );
    let text = Style::plain(lang).error_with_help(&message, &help);
    live.publish(Err(format!("{text}\n")));
    term.print(&format!(
        "{}\n",
        Style::for_stderr(lang).error_with_help(&message, &help)
    ));
}

/// The last line a rebuild prints: built, or what is served instead.
fn outcome(
    built: bool,
    pages: usize,
    start: Instant,
    now: &live::Snapshot,
    lang: crate::diag::Lang,
) -> String {
    let style = Style::for_stderr(lang);
    let mut text = String::new();
    if built {
        let line = crate::diag::built_summary(
            pages,
            start.elapsed().as_secs_f64(),
            crate::diag::Built::Served {
                generation: now.generation,
            },
        );
        text.push_str(line.get(lang));
        text.push('\n');
    } else if now.site.is_none() {
        let message = t!(
            "сайт не собран; страницы показывают ошибки, пока их не исправят",
            "the site was not built; the pages show the errors until they are fixed"
        );
        text.push_str(&style.error(&message));
        text.push('\n');
    } else {
        let message = t!(
            "сайт не пересобран; показывается последняя удачная сборка, \
             с ошибками вверху каждой страницы",
            "the site was not rebuilt; the last good build is still served, \
             with the errors at the top of every page"
        );
        text.push_str(&style.error(&message));
        text.push('\n');
    }
    text
}

/// Rebuilds after every change the watch reports, for as long as it runs.
pub fn rebuild_on_change(mut watch: Watch, opts: &Options, live: &Live, term: &Terminal) {
    while let Some(changed) = watch.next_change() {
        rebuild(opts, live, term, &changed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink for the terminal whose text the test can read afterwards.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_panicking_rebuild_shows_an_error_and_the_next_save_is_rebuilt() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let opts = Options {
            root,
            ..Options::default()
        };
        let (live, captured) = (Live::default(), Captured::default());
        let term = Terminal::new(Box::new(captured.clone()));
        rebuild(&opts, &live, &term, &[]);
        assert!(live.current().site.is_some(), "the fixture builds");
        let good = live.current().generation;

        rebuild_with(&opts, &live, &term, &[], |_| panic!("boom in a stage"));
        let now = live.current();
        assert!(now.generation > good, "the failure is published");
        let errors = now.errors.clone().unwrap_or_default();
        assert!(errors.contains("boom in a stage"), "{errors}");
        assert!(errors.contains("внутренняя ошибка"), "{errors}");
        assert!(now.site.is_some(), "the last good site is still served");
        let printed = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(printed.contains("boom in a stage"), "{printed}");

        rebuild(&opts, &live, &term, &[]);
        let after = live.current();
        assert!(after.generation > now.generation);
        assert!(after.errors.is_none(), "the next save builds cleanly again");
    }
}
