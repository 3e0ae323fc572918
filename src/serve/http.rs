//! The HTTP side of the preview: every answer comes from the current [`Snapshot`] in memory.
//!
//! One thread takes the requests (`tiny_http` reads the connections on its own threads); pages
//! are answered at once, and only the reload script's long polls, which wait for the next build,
//! get a thread each.

use super::live::{Live, Snapshot};
use super::page::{self, EVENTS_PATH, OVERLAY_CSS_PATH, RELOAD_JS_PATH};
use std::io;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response};

/// How long a long poll waits for a build before answering with the same generation.
const POLL: Duration = Duration::from_secs(25);

/// Answers requests on `listener` until the process ends.
pub fn serve(listener: TcpListener, live: Arc<Live>) -> io::Result<()> {
    let server = tiny_http::Server::from_listener(listener, None).map_err(io::Error::other)?;
    for request in server.incoming_requests() {
        let (path, query) = split_url(request.url());
        let get = matches!(request.method(), Method::Get | Method::Head);
        if get && path == EVENTS_PATH {
            let seen = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|n| n.parse().ok());
            let live = Arc::clone(&live);
            std::thread::spawn(move || {
                let snapshot = match seen {
                    Some(seen) => live.wait_past(seen, POLL),
                    None => live.current(),
                };
                send(request, events(&snapshot));
            });
        } else if get {
            let reply = answer(&live.current(), request.url());
            send(request, reply);
        } else {
            send(request, Reply::text(405, "method not allowed\n"));
        }
    }
    Ok(())
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
    let path = percent_decode(raw);
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

fn send(request: Request, reply: Reply) {
    // The length is known: send it as Content-Length rather than in chunks.
    let mut response = Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    let headers = [
        Some(("Content-Type", reply.content_type)),
        // A preview changes under the reader: never answer from the browser's cache.
        Some(("Cache-Control", "no-store")),
        reply.location.as_deref().map(|l| ("Location", l)),
    ];
    for (name, value) in headers.into_iter().flatten() {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // A reader who closed the tab mid-answer is no error of ours.
    let _ = request.respond(response);
}

fn split_url(url: &str) -> (&str, &str) {
    let url = url.split('#').next().unwrap_or_default();
    url.split_once('?').unwrap_or((url, ""))
}

/// `%D0%BE` → `о`: browsers send non-ASCII paths percent-encoded.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
