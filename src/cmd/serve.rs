//! `vitrina serve`.

use super::Report;
use crate::diag::codes;
use crate::diag::{Diagnostic, Style, render_one};
use crate::serve::{self, Terminal, live::Live, watch::Watch};
use crate::site::Options;
use crate::source::Sources;
use crate::t;
use std::io::{ErrorKind, Write};
use std::sync::Arc;

/// Builds the site, serves it on 127.0.0.1 from memory, and rebuilds on every saved file until
/// the process is stopped. `announce` is handed the line with the address once the site is
/// served; the builds' diagnostics go to `err` as they come. Returns only when it could not
/// start or the server stopped, with what went wrong.
pub fn run(
    opts: Options,
    port: u16,
    announce: &mut dyn FnMut(&str),
    err: Box<dyn Write + Send>,
) -> Report {
    let lang = crate::data::site::language_for(&opts.root, opts.lang);
    let failed = |d: Diagnostic| {
        let mut report = Report::new();
        report.stderr = render_one(&d, &Sources::new(), &Style::for_stderr(lang));
        report.failed()
    };
    let term = Terminal::new(err);
    let listener = match serve::bind(port) {
        Ok(l) => l,
        Err(e) => return failed(cannot_listen(port, &e)),
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}/"),
        Err(e) => return failed(cannot_listen(port, &e)),
    };
    // Every link then points at the preview, whatever base_url the site is published under.
    let base_url = match crate::data::http_url::parse_base(&url) {
        Ok(base) => base,
        Err(refusal) => return failed(refusal.for_flag("--port")),
    };
    let opts = Options {
        base_url: Some(base_url),
        // Cards drawn once are reused by every rebuild.
        cards: std::sync::Arc::new(crate::charts::CardCache::Memory(Default::default())),
        // So are pages whose inputs did not change.
        pages: Some(Default::default()),
        ..opts
    };
    // Watching starts before the first build, so that a save during it is not missed.
    let watch = match Watch::start(&opts.root) {
        Ok(w) => w,
        Err(e) => return failed(cannot_watch(&opts.root, &e)),
    };
    let live = Arc::new(Live::default());
    serve::rebuild(&opts, &live, &term, &[]);
    announce(
        t!(
            "сайт открыт по адресу {url} (пересобирается при каждом сохранении; Ctrl+C — остановить)",
            "serving the site at {url} (rebuilt on every save; Ctrl+C to stop)"
        )
        .get(lang),
    );
    {
        let (live, term) = (Arc::clone(&live), term.clone());
        std::thread::spawn(move || serve::rebuild_on_change(watch, &opts, &live, &term));
    }
    match serve::http::serve(listener, live) {
        Ok(()) => Report::new(),
        Err(e) => failed(
            Diagnostic::error(
                codes::SERVE_STOPPED,
                t!("веб-сервер остановился: {e}", "the server stopped: {e}"),
            )
            .in_path(url),
        ),
    }
}

/// No port to listen on: the one asked and the next ones taken, or the system refused.
fn cannot_listen(port: u16, e: &std::io::Error) -> Diagnostic {
    let message = if e.kind() == ErrorKind::AddrInUse {
        let last = port.saturating_add(serve::MORE_PORTS);
        t!(
            "не удаётся принять соединения на 127.0.0.1: порты с {port} по {last} заняты",
            "cannot listen on 127.0.0.1: ports {port} to {last} are all taken"
        )
    } else {
        t!(
            "не удаётся принять соединения на 127.0.0.1: {e}",
            "cannot listen on 127.0.0.1: {e}"
        )
    };
    Diagnostic::error(codes::SERVE_LISTEN, message)
        .in_path("--port")
        .help(t!(
            "укажите другой порт в --port или --port 0 — тогда подойдёт любой свободный",
            "choose another port with --port, or --port 0 for any free one"
        ))
}

/// The site's folder cannot be watched for saves: most often, it is not there.
fn cannot_watch(root: &std::path::Path, e: &dyn std::fmt::Display) -> Diagnostic {
    let shown = root.display();
    let d = Diagnostic::error(
        codes::SERVE_WATCH,
        t!(
            "не удаётся следить за изменениями в {shown}: {e}",
            "cannot watch {shown} for changes: {e}"
        ),
    )
    .in_path(shown.to_string());
    if root.is_dir() {
        return d;
    }
    d.help(t!(
        "запустите vitrina в корневой папке сайта или укажите её через --root",
        "run vitrina in a site's root folder, or name it with --root"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_ports_are_a_coded_error_with_the_fix_in_both_languages() {
        let d = cannot_listen(1111, &std::io::Error::from(ErrorKind::AddrInUse));
        assert_eq!(d.code, codes::SERVE_LISTEN);
        assert!(d.message.en.contains("ports 1111 to 1121 are all taken"));
        assert!(d.message.ru.contains("порты с 1111 по 1121 заняты"));
        let help = d.help.expect("a fix");
        assert!(help.en.contains("--port 0") && help.ru.contains("--port 0"));
    }
}
