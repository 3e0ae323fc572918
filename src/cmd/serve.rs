//! `vitrina serve`.

use super::Status;
use crate::serve::{self, Terminal, live::Live, watch::Watch};
use crate::site::Options;
use std::io::{ErrorKind, Write};
use std::sync::Arc;

/// Builds the site, serves it on 127.0.0.1 from memory, and rebuilds on every saved file until
/// the process is stopped. Prints the address on `out`, the builds' diagnostics on `err`; returns
/// only when it could not start or the server stopped.
pub fn run(opts: Options, port: u16, out: &mut dyn Write, err: Box<dyn Write + Send>) -> Status {
    let term = Terminal::new(err);
    let listener = match serve::bind(port) {
        Ok(l) => l,
        Err(e) => {
            let what = if e.kind() == ErrorKind::AddrInUse {
                format!(
                    "ports {port} to {} are all taken",
                    port.saturating_add(serve::MORE_PORTS)
                )
            } else {
                e.to_string()
            };
            term.print(&format!(
                "error: cannot listen on 127.0.0.1: {what}\n\n\
                 help: choose another port with --port, or --port 0 for any free one\n"
            ));
            return Status::Failure;
        }
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}/"),
        Err(e) => {
            term.print(&format!("error: cannot listen on 127.0.0.1: {e}\n"));
            return Status::Failure;
        }
    };
    // Every link then points at the preview, whatever base_url the site is published under.
    let opts = Options {
        base_url: crate::data::http_url::parse_base(&url).ok(),
        // Cards drawn once are reused by every rebuild.
        cards: std::sync::Arc::new(crate::charts::CardCache::Memory(Default::default())),
        // So are pages whose inputs did not change.
        pages: Some(Default::default()),
        ..opts
    };
    // Watching starts before the first build, so that a save during it is not missed.
    let watch = match Watch::start(&opts.root) {
        Ok(w) => w,
        Err(e) => {
            term.print(&format!(
                "error: cannot watch {} for changes: {e}\n",
                opts.root.display()
            ));
            if !opts.root.is_dir() {
                term.print("\nhelp: run vitrina in a site's root folder, or name it with --root\n");
            }
            return Status::Failure;
        }
    };
    let live = Arc::new(Live::default());
    serve::rebuild(&opts, &live, &term, &[]);
    let _ = writeln!(
        out,
        "serving the site at {url} (rebuilt on every save; Ctrl+C to stop)"
    );
    let _ = out.flush();
    {
        let (live, term) = (Arc::clone(&live), term.clone());
        std::thread::spawn(move || serve::rebuild_on_change(watch, &opts, &live, &term));
    }
    match serve::http::serve(listener, live) {
        Ok(()) => Status::Success,
        Err(e) => {
            term.print(&format!("error: the server stopped: {e}\n"));
            Status::Failure
        }
    }
}
