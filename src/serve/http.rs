//! The HTTP side of the preview: every answer comes from the current [`Snapshot`] in memory.
//!
//! The listening thread accepts connections and gives each a thread of its own, at most
//! [`MAX_CONNECTIONS`] at once: one more gets 503 at once and is closed. A connection serves
//! its requests one after another ([`wire`]: GET and HEAD, no bodies, bounded heads, closed
//! after [`wire::IDLE`] without a request). The reload script's long polls, which wait up to
//! [`POLL`] for the next build, hold no thread: the connection is parked in [`Polls`] (at most
//! [`MAX_POLLS`]) and one thread answers every parked poll when a build ends or its wait is up.
//! So the threads stay a fixed few whatever clients do (issue 21: 1,000 idle connections made
//! 1,006 threads, 2,000 held polls 3,944).

use super::live::{Live, Snapshot};
use super::page::{self, EVENTS_PATH, OVERLAY_CSS_PATH, RELOAD_JS_PATH};
use super::wire::{self, Conn, Next};
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a long poll waits for a build before answering with the same generation.
pub const POLL: Duration = Duration::from_secs(25);
/// Connections served at once; a browser opens about six.
pub const MAX_CONNECTIONS: usize = 64;
/// Long polls waiting at once: one an open tab.
pub const MAX_POLLS: usize = 1000;
/// How often the parked polls are looked at when no build ends: for waits that are up and for
/// clients that left.
const SWEEP: Duration = Duration::from_millis(500);

/// Answers requests on `listener` until the process ends.
pub fn serve(listener: TcpListener, live: Arc<Live>) -> io::Result<()> {
    let polls = Arc::new(Polls::default());
    {
        let (live, polls) = (Arc::clone(&live), Arc::clone(&polls));
        std::thread::Builder::new()
            .name("vitrina-polls".into())
            .spawn(move || answer_polls(&live, &polls))?;
    }
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors, most likely: let some connections end first.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if open.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            busy(&mut stream);
            continue;
        }
        let slot = Slot::take(&open);
        let (live, polls) = (Arc::clone(&live), Arc::clone(&polls));
        let spawned = std::thread::Builder::new()
            .name("vitrina-http".into())
            .spawn(move || {
                let _slot = slot;
                connection(Conn::new(stream), &live, &polls);
            });
        if spawned.is_err() {
            // The closure, and with it the stream and the slot, is dropped.
            continue;
        }
    }
    Ok(())
}

/// One of the [`MAX_CONNECTIONS`], given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Slot {
        open.fetch_add(1, Ordering::AcqRel);
        Slot(Arc::clone(open))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The answer to a connection over [`MAX_CONNECTIONS`].
fn busy(stream: &mut TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    wire::refuse(
        stream,
        503,
        "the preview is busy: too many connections\n",
        &[("Retry-After", "1")],
    );
}

/// Serves one connection's requests until it closes, idles or breaks a rule.
fn connection(mut conn: Conn, live: &Live, polls: &Polls) {
    loop {
        let head = match conn.next(wire::IDLE) {
            Next::Request(head) => head,
            Next::Gone => return,
            Next::Slow => return wire::refuse(conn.stream(), 408, "request timeout\n", &[]),
            Next::TooLarge => {
                return wire::refuse(conn.stream(), 431, "request head too large\n", &[]);
            }
            Next::Bad => return wire::refuse(conn.stream(), 400, "bad request\n", &[]),
        };
        if head.has_body {
            // Never read: the preview takes no uploads, whatever length is announced.
            let text = "the preview takes no request bodies\n";
            return wire::refuse(conn.stream(), 413, text, &[]);
        }
        let head_only = match head.method.as_str() {
            "GET" => false,
            "HEAD" => true,
            _ => {
                let text = "method not allowed\n";
                return wire::refuse(conn.stream(), 405, text, &[("Allow", "GET, HEAD")]);
            }
        };
        let (path, query) = split_url(&head.target);
        let reply = if path == EVENTS_PATH {
            let snapshot = live.current();
            match since(query) {
                Some(seen) if seen == snapshot.generation => {
                    let until = Instant::now() + POLL;
                    if let Err(mut stream) = polls.park(conn.into_stream(), seen, until, head_only)
                    {
                        let text = "too many pages are waiting for the next build\n";
                        wire::refuse(&mut stream, 503, text, &[("Retry-After", "1")]);
                    }
                    return;
                }
                _ => events(&snapshot),
            }
        } else {
            answer(&live.current(), &head.target)
        };
        let bytes = send(&reply, head_only, !head.keep_alive);
        if conn.stream().write_all(&bytes).is_err() || !head.keep_alive {
            return;
        }
    }
}

/// `since=N` of the reload script's query.
fn since(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
}

/// A long poll waiting for the build after `since`, until `until`.
struct Parked {
    stream: TcpStream,
    since: u64,
    until: Instant,
    head_only: bool,
}

/// The long polls waiting, with no thread each.
#[derive(Default)]
struct Polls(Mutex<Vec<Parked>>);

impl Polls {
    /// Parks a poll; gives the stream back when [`MAX_POLLS`] are waiting already.
    fn park(
        &self,
        stream: TcpStream,
        since: u64,
        until: Instant,
        head_only: bool,
    ) -> Result<(), TcpStream> {
        let mut parked = crate::sync::lock(&self.0);
        // Non-blocking from here: the one thread that answers them must never wait on one.
        if parked.len() >= MAX_POLLS || stream.set_nonblocking(true).is_err() {
            return Err(stream);
        }
        parked.push(Parked {
            stream,
            since,
            until,
            head_only,
        });
        Ok(())
    }

    /// Takes out the polls to answer now (a build after theirs, or their wait up), and drops
    /// those whose client has closed the connection.
    fn due(&self, generation: u64, now: Instant) -> Vec<Parked> {
        let mut parked = crate::sync::lock(&self.0);
        let (due, waiting): (Vec<Parked>, Vec<Parked>) = std::mem::take(&mut *parked)
            .into_iter()
            .filter(|p| !closed(&p.stream))
            .partition(|p| p.since != generation || p.until <= now);
        *parked = waiting;
        due
    }
}

/// Whether the client has closed its side (a non-blocking read finds the end).
fn closed(stream: &TcpStream) -> bool {
    matches!((&*stream).read(&mut [0u8; 1]), Ok(0))
        || matches!(stream.take_error(), Ok(Some(_)) | Err(_))
}

/// Answers the parked polls for ever: each build that ends answers those waiting for it, and
/// every [`SWEEP`] those whose wait is up.
fn answer_polls(live: &Live, polls: &Polls) {
    let mut seen = live.current().generation;
    loop {
        let snapshot = live.wait_past(seen, SWEEP);
        seen = snapshot.generation;
        let due = polls.due(seen, Instant::now());
        if due.is_empty() {
            continue;
        }
        let reply = events(&snapshot);
        for mut p in due {
            // Small enough for the socket's buffer: a client that does not read loses it.
            let _ = p.stream.write_all(&send(&reply, p.head_only, true));
        }
    }
}

/// One answer, before it becomes an HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Where a redirect points.
    pub location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            body,
            location: None,
        }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }
}

/// The answer to a GET of `url` (path and query, as in the request line): the preview's own
/// script and styles, the file, `index.html` for a folder, a redirect to the folder for a path
/// missing its slash, or the site's 404 page.
pub fn answer(snapshot: &Snapshot, url: &str) -> Reply {
    let (raw, query) = split_url(url);
    match raw {
        RELOAD_JS_PATH => return Reply::new(200, content_type(".js"), page::RELOAD_JS.into()),
        OVERLAY_CSS_PATH => return Reply::new(200, content_type(".css"), page::OVERLAY_CSS.into()),
        _ => {}
    }
    let Some(site) = &snapshot.site else {
        return Reply::new(503, content_type(".html"), page::not_built(snapshot));
    };
    // Browsers send non-ASCII paths percent-encoded: `%D0%BE` is `о`.
    let path = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let path = path.trim_start_matches('/');
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(bytes) = site.get(&file) {
        return serve_file(&file, bytes, 200, snapshot);
    }
    if site.get(&format!("{path}/index.html")).is_some() {
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        return Reply {
            location: Some(format!("/{}/{query}", raw.trim_start_matches('/'))),
            ..Reply::text(302, "")
        };
    }
    match site.get("404.html") {
        Some(bytes) => serve_file("404.html", bytes, 404, snapshot),
        None => Reply::text(404, "not found\n"),
    }
}

/// The state of the latest build, for the reload script and for tools.
pub fn events(snapshot: &Snapshot) -> Reply {
    let body = serde_json::json!({
        "generation": snapshot.generation,
        "ok": snapshot.errors.is_none(),
        "errors": snapshot.errors,
    });
    Reply::new(200, "application/json", body.to_string().into_bytes())
}

fn serve_file(path: &str, bytes: &[u8], status: u16, snapshot: &Snapshot) -> Reply {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        page::inject(bytes, snapshot)
    } else {
        bytes.to_vec()
    };
    Reply::new(status, content_type, body)
}

/// The media type of a file of the site, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The bytes of `reply` on the wire.
fn send(reply: &Reply, head_only: bool, close: bool) -> Vec<u8> {
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        // A preview changes under the reader: never answer from the browser's cache.
        ("Cache-Control", "no-store"),
    ];
    if let Some(l) = &reply.location {
        headers.push(("Location", l));
    }
    wire::response(reply.status, &headers, &reply.body, head_only, close)
}

fn split_url(url: &str) -> (&str, &str) {
    let url = url.split('#').next().unwrap_or_default();
    url.split_once('?').unwrap_or((url, ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Output;

    fn snapshot() -> Snapshot {
        let mut site = Output::default();
        for (path, text) in [
            ("index.html", "<body>home</body>"),
            ("reports/2024-02/index.html", "<body>february</body>"),
            ("404.html", "<body>нет такой страницы</body>"),
            ("static/style.css", "body{}"),
            ("новости/index.html", "<body>news</body>"),
        ] {
            site.insert(path.into(), text.as_bytes().to_vec());
        }
        Snapshot {
            generation: 3,
            site: Some(Arc::new(site)),
            errors: None,
        }
    }

    fn body(r: &Reply) -> String {
        String::from_utf8(r.body.clone()).unwrap()
    }

    #[test]
    fn a_folder_serves_its_index() {
        let s = snapshot();
        let home = answer(&s, "/");
        assert_eq!(home.status, 200);
        assert_eq!(home.content_type, "text/html; charset=utf-8");
        assert!(body(&home).starts_with("<body>home<script"));
        assert!(body(&answer(&s, "/reports/2024-02/?x=1")).contains("february"));
        assert!(body(&answer(&s, "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/")).contains("news"));
    }

    #[test]
    fn the_previews_script_and_styles_are_files_even_before_a_build() {
        let never_built = Snapshot {
            generation: 1,
            site: None,
            errors: Some("data/site.yaml:1:1".into()),
        };
        for snap in [snapshot(), never_built] {
            let js = answer(&snap, RELOAD_JS_PATH);
            assert_eq!(
                (js.status, js.content_type),
                (200, "text/javascript; charset=utf-8")
            );
            assert!(body(&js).contains(EVENTS_PATH));
            let css = answer(&snap, OVERLAY_CSS_PATH);
            assert_eq!(
                (css.status, css.content_type),
                (200, "text/css; charset=utf-8")
            );
            assert!(body(&css).contains("#vitrina-errors"));
        }
    }

    #[test]
    fn a_folder_without_its_slash_redirects() {
        let r = answer(&snapshot(), "/reports/2024-02?x=1");
        assert_eq!(r.status, 302);
        assert_eq!(r.location.as_deref(), Some("/reports/2024-02/?x=1"));
    }

    #[test]
    fn an_unknown_path_is_the_sites_404_page() {
        let r = answer(&snapshot(), "/nope/");
        assert_eq!(r.status, 404);
        assert!(body(&r).contains("нет такой страницы"));
        assert!(body(&r).contains("vitrina-reload"));
    }

    #[test]
    fn files_other_than_pages_are_served_as_they_are() {
        let r = answer(&snapshot(), "/static/style.css");
        assert_eq!(r.content_type, "text/css; charset=utf-8");
        assert_eq!(r.body, b"body{}");
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (path, t) in [
            ("feed.xml", "application/xml"),
            ("data/all.json", "application/json"),
            ("charts/a.svg", "image/svg+xml"),
            ("card.png", "image/png"),
            ("static/fonts/PTSans-Regular.woff2", "font/woff2"),
            ("data/reports.csv", "text/csv; charset=utf-8"),
            ("static/search.js", "text/javascript; charset=utf-8"),
            ("unknown", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), t, "{path}");
        }
    }

    #[test]
    fn before_any_good_build_every_path_shows_the_errors() {
        let s = Snapshot {
            generation: 1,
            site: None,
            errors: Some("data/site.yaml:1:1".into()),
        };
        let r = answer(&s, "/reports/");
        assert_eq!(r.status, 503);
        assert!(body(&r).contains("data/site.yaml:1:1"));
    }

    #[test]
    fn events_report_the_generation_and_the_errors() {
        let mut s = snapshot();
        s.errors = Some("error: bad".into());
        let v: serde_json::Value = serde_json::from_slice(&events(&s).body).unwrap();
        assert_eq!(v["generation"], 3);
        assert_eq!(v["ok"], false);
        assert_eq!(v["errors"], "error: bad");
    }
}
