//! `vitrina serve` as a publisher meets it: the real binary on a copy of a fixture site, asked
//! over loopback with a plain `TcpStream`. Every wait polls against a deadline, and the server is
//! killed when a test ends, passed or failed.

mod common;

use common::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long anything may take before the test fails: generous for a loaded CI machine, and only
/// ever spent when something is wrong.
const DEADLINE: Duration = Duration::from_secs(20);

const MONTH: &str = "data/reports/2024-02.yaml";
const PAGE: &str = "/reports/2024-02/";

/// A running `vitrina serve`, killed when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`, as the server printed it.
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path, args: &[&str]) -> Server {
        Server::start_within(root, args, DEADLINE)
    }

    fn start_within(root: &Path, args: &[&str], deadline: Duration) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vitrina"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let lines = read_lines(stdout);
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let mut pipe = child.stderr.take().unwrap();
            let stderr = Arc::clone(&stderr);
            std::thread::spawn(move || {
                let mut buf = [0; 4096];
                while let Ok(n @ 1..) = pipe.read(&mut buf) {
                    stderr
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let mut server = Server {
            child,
            addr: String::new(),
            stderr,
        };
        let start = Instant::now();
        let line = loop {
            let left = deadline.saturating_sub(start.elapsed());
            match lines.recv_timeout(left) {
                Ok(line) if line.contains("http://") => break line,
                Ok(_) => {}
                Err(_) => panic!(
                    "the server printed no address within {deadline:?}; stderr:\n{}",
                    server.stderr()
                ),
            }
        };
        let url = &line[line.find("http://").unwrap() + "http://".len()..];
        server.addr = url.split('/').next().unwrap().to_string();
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Reply {
        get(&self.addr, path)
    }

    /// The latest build's state, as the reload script sees it.
    fn events(&self) -> serde_json::Value {
        let r = self.get("/__vitrina/events");
        assert_eq!(r.status, 200);
        serde_json::from_str(&r.body).unwrap()
    }

    /// Polls `what` until it gives `Some`, failing the test after the deadline.
    fn wait_for<T>(&self, what: &str, mut f: impl FnMut(&Server) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(t) = f(self) {
                return t;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "waited {DEADLINE:?} for {what}; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until a build newer than `generation` has finished, and returns its state.
    fn wait_build_after(&self, generation: u64) -> serde_json::Value {
        self.wait_for("a rebuild", |s| {
            let e = s.events();
            (e["generation"].as_u64() > Some(generation)).then_some(e)
        })
    }

    fn generation(&self) -> u64 {
        self.events()["generation"].as_u64().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_lines(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// An HTTP answer.
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    /// The page as the site built it: without what the preview adds (the errors, and the reload
    /// script, which names the build).
    fn page(&self) -> String {
        let mut page = self.body.clone();
        for (start, end) in [
            ("<div role=\"alert\" id=\"vitrina-errors\"", "</div>"),
            ("<script id=\"vitrina-reload\"", "</script>\n"),
        ] {
            if let Some(i) = page.find(start) {
                let j = page[i..].find(end).unwrap() + i + end.len();
                page.replace_range(i..j, "");
            }
        }
        page
    }

    /// The errors shown at the top of the page.
    fn overlay(&self) -> Option<&str> {
        let i = self
            .body
            .find("<div role=\"alert\" id=\"vitrina-errors\"")?;
        let len = self.body[i..].find("</div>")?;
        Some(&self.body[i..i + len])
    }

    fn has_overlay(&self) -> bool {
        self.overlay().is_some()
    }
}

/// A GET over a fresh connection, closed by the server after the answer.
fn get(addr: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    Reply {
        status: status_line.split(' ').nth(1).unwrap().parse().unwrap(),
        headers: headers.to_string(),
        body: body.to_string(),
    }
}

#[test]
fn answers_on_loopback_with_the_home_page() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("МЦУ Тестового округа"), "{}", home.body);
    assert!(
        home.body
            .contains("<script id=\"vitrina-reload\" src=\"/__vitrina/reload.js\"")
    );
    assert!(!home.has_overlay());
    // Links point at the preview, not at the site's public address.
    assert!(
        home.body
            .contains(&format!("href=\"http://{}/", server.addr)),
        "canonical link not rewritten"
    );
    assert!(!home.body.contains("mcu.test.example/"));
    assert!(!site.path("public").exists(), "serve writes nothing");
}

#[test]
fn serves_reports_files_redirects_and_404() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let page = server.get(PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("2024"), "{}", page.body);
    let css = server.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("vitrina-reload"));
    let font = server.get("/static/fonts/VitrinaSans-Regular.woff2");
    assert_eq!(font.header("Content-Type"), Some("font/woff2"));
    let redirect = server.get("/reports/2024-02");
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("Location"), Some(PAGE));
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let not_found = server.get("/404.html");
    assert_eq!(missing.page(), not_found.page(), "the site's own 404 page");
}

#[test]
fn a_saved_month_is_served_after_the_rebuild() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let before = server.get(PAGE).page();
    site.edit(
        MONTH,
        "appeals: {total: 100, fast_track: 45,",
        "appeals: {total: 100, fast_track: 46,",
    );
    let after = server.wait_for("the page to change", |s| {
        let page = s.get(PAGE).page();
        (page != before).then_some(page)
    });
    let cell = "</a></th><td>46</td>";
    assert!(!before.contains(cell) && after.contains(cell), "{after}");
    // The terminal's line is printed just after the new site is served: wait for it too.
    server.wait_for("the terminal to name the saved file", |s| {
        s.stderr()
            .contains(&format!("изменён файл {MONTH}"))
            .then_some(())
    });
}

#[test]
fn broken_data_keeps_the_last_good_site_with_the_errors_on_it() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let good = server.get(PAGE).page();
    let generation = server.generation();

    site.edit(MONTH, "fast_track: 45,", "fast_track: -45,");
    let state = server.wait_build_after(generation);
    assert_eq!(state["ok"], false, "{state}");
    let errors = state["errors"].as_str().unwrap();
    assert!(errors.contains(&format!("{MONTH}:4:")), "{errors}");

    let page = server.get(PAGE);
    assert_eq!(page.status, 200, "the last good page is still served");
    let overlay = page.overlay().expect("the errors are shown");
    assert!(overlay.contains(&format!("{MONTH}:4:")), "{overlay}");
    assert!(
        overlay.contains("-45"),
        "the offending line is shown: {overlay}"
    );
    assert_eq!(
        page.page(),
        good,
        "under the errors, the page is the last good one"
    );
    assert!(server.get("/").has_overlay(), "every page shows the errors");
    assert!(
        server.stderr().contains(&format!("{MONTH}:4:")),
        "the terminal shows them too: {}",
        server.stderr()
    );

    let generation = state["generation"].as_u64().unwrap();
    site.edit(MONTH, "fast_track: -45,", "fast_track: 45,");
    let state = server.wait_build_after(generation);
    assert_eq!(state["ok"], true, "{state}");
    let page = server.get(PAGE);
    assert!(!page.has_overlay());
    assert_eq!(page.page(), good);
}

#[test]
fn a_site_that_never_built_shows_its_errors_until_fixed() {
    let site = TestSite::copy("small");
    site.edit(MONTH, "fast_track: 45,", "fast_track: -45,");
    let server = Server::start(site.root(), &["--port", "0"]);
    let page = server.get("/reports/");
    assert_eq!(page.status, 503);
    assert!(page.has_overlay());
    assert!(page.body.contains(&format!("{MONTH}:4:")), "{}", page.body);
    assert!(
        page.body.contains("vitrina-reload"),
        "it reloads when fixed"
    );

    let generation = server.generation();
    site.edit(MONTH, "fast_track: -45,", "fast_track: 45,");
    assert_eq!(server.wait_build_after(generation)["ok"], true);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(!home.has_overlay());
    assert!(home.body.contains("МЦУ Тестового округа"));
}

#[test]
fn the_events_endpoint_waits_for_the_next_build() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let generation = server.generation();
    let addr = server.addr.clone();
    let poll =
        std::thread::spawn(move || get(&addr, &format!("/__vitrina/events?since={generation}")));
    site.edit(MONTH, "summary: \"Февраль", "summary: \"Итоги февраля");
    let reply = poll.join().unwrap();
    let state: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert!(state["generation"].as_u64() > Some(generation), "{state}");
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    if port > u16::MAX - 10 {
        return;
    }
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", &port.to_string()]);
    let got: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!(got > port && got <= port + 10, "{got} after {port}");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn what_the_preview_adds_keeps_to_the_pages_content_security_policy() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let generation = server.generation();
    site.edit(MONTH, "fast_track: 45,", "fast_track: -45,");
    server.wait_build_after(generation);
    let page = server.get(PAGE);
    assert!(page.has_overlay());
    assert!(
        page.body.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self';"),
        "served pages keep the published policy, not a relaxed one"
    );
    // No inline script, no `style=`: the policy would refuse both.
    assert!(!page.body.contains(" style=\""), "{}", page.body);
    for (i, _) in page.body.match_indices("<script") {
        let tag = &page.body[i..i + page.body[i..].find('>').unwrap()];
        assert!(tag.contains(" src=\""), "inline script: {tag}");
    }
    let js = server.get("/__vitrina/reload.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.body.contains("/__vitrina/events"));
    let css = server.get("/__vitrina/overlay.css");
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(css.body.contains("#vitrina-errors"));
}

#[test]
fn build_output_has_no_reload_script_or_overlay() {
    let site = TestSite::copy("small");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, bytes) in common::snapshot_dir(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__vitrina"), "{path}");
        assert!(!text.contains("vitrina-errors"), "{path}");
    }
}

/// Issue 10: a YAML error next to a Cyrillic letter panicked while its diagnostic was printed,
/// which killed the rebuilding thread: the preview went on serving the old site with no banner
/// and never rebuilt again.
#[test]
fn a_yaml_error_next_to_cyrillic_shows_on_the_pages_and_the_next_save_rebuilds() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let generation = server.generation();

    site.write(
        "data/structure.yaml",
        "curator: {name: \"Орлова\" Е.П., position: \"x\"}\n",
    );
    let state = server.wait_build_after(generation);
    assert_eq!(state["ok"], false, "{state}");
    let overlay = server.get(PAGE).overlay().map(str::to_string);
    let overlay = overlay.expect("the error is shown on the page");
    assert!(overlay.contains("data/structure.yaml:1:26"), "{overlay}");

    let generation = state["generation"].as_u64().unwrap();
    site.write(
        "data/structure.yaml",
        "curator: {name: \"Орлова Е.П.\", position: \"x\"}\n",
    );
    let state = server.wait_build_after(generation);
    assert!(
        state["generation"].as_u64().unwrap() > generation,
        "the next save is rebuilt: {state}"
    );
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
}

#[test]
fn a_static_file_is_served_at_the_root_and_a_change_to_it_rebuilds() {
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    assert_eq!(server.get("/CNAME").status, 404);
    // static/ did not exist when the preview started: it is watched once it appears.
    site.write("static/CNAME", "a.example.ru\n");
    server.wait_for("/CNAME to appear", |s| {
        let r = s.get("/CNAME");
        (r.status == 200 && r.body == "a.example.ru\n").then_some(())
    });
    site.write("static/CNAME", "b.example.ru\n");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:a@b.ru\n",
    );
    server.wait_for("the change to be served", |s| {
        let ok = s.get("/CNAME").body == "b.example.ru\n"
            && s.get("/.well-known/security.txt").status == 200;
        ok.then_some(())
    });
}

/// The server's threads now (Linux: `/proc/PID/task`).
#[cfg(target_os = "linux")]
fn threads(server: &Server) -> usize {
    std::fs::read_dir(format!("/proc/{}/task", server.child.id()))
        .unwrap()
        .count()
}

/// Sends `raw` on a fresh connection and returns the status of the answer, `None` if the server
/// closed the connection without one.
fn status_of_raw(addr: &str, raw: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    answer.split(' ').nth(1)?.parse().ok()
}

#[test]
fn a_request_announcing_a_huge_body_is_refused_and_the_server_lives_on() {
    // Issue 21: `Content-Length: 99999999999` aborted the process (an allocation of that size
    // in the HTTP library). The preview reads no bodies: it refuses them from the head.
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    for raw in [
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
    ] {
        assert_eq!(status_of_raw(&server.addr, raw), Some(413), "{raw}");
    }
    let head = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nCookie: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    assert_eq!(status_of_raw(&server.addr, &head), Some(431));
    assert_eq!(
        status_of_raw(&server.addr, "BREW / HTTP/1.1\r\n\r\n"),
        Some(405)
    );
    assert_eq!(status_of_raw(&server.addr, "hello\r\n\r\n"), Some(400));
    // A HEAD request gets the page's length and no page.
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(stream, "HEAD / HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "a body after HEAD: {answer}");
    assert_eq!(server.get("/").status, 200, "the server died");
}

#[test]
fn idle_connections_are_capped_and_closed() {
    // Issue 21: 1,000 idle connections held 1,006 threads, for ever. Now at most 64 connections
    // are served at once (one more gets 503), and one that sends nothing is closed after 5 s.
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    #[cfg(target_os = "linux")]
    let at_rest = threads(&server);
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    let over = server.wait_for("a connection over the cap to be refused", |s| {
        let r = status_of_raw(&s.addr, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        (r == Some(503)).then_some(r)
    });
    assert_eq!(over, Some(503));
    #[cfg(target_os = "linux")]
    {
        // A few more than the cap: a thread that gave its slot back may not have ended yet.
        let now = threads(&server);
        assert!(now <= at_rest + 64 + 10, "{now} threads, {at_rest} at rest");
    }
    // The server closes the idle ones (a read finds the end) and serves again.
    let mut first = &idle[0];
    first.set_read_timeout(Some(DEADLINE)).unwrap();
    let start = Instant::now();
    assert_eq!(
        first.read(&mut [0; 16]).unwrap(),
        0,
        "an idle connection was kept"
    );
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    server.wait_for("the preview to answer again", |s| {
        (s.get("/").status == 200).then_some(())
    });
    drop(idle);
}

#[test]
fn held_long_polls_hold_no_thread_and_all_hear_the_next_build() {
    // Issue 21: 2,000 held long polls made 3,944 threads. A poll now waits parked (at most 1,000), without a
    // thread, and one thread answers them all when the build ends.
    let site = TestSite::copy("small");
    let server = Server::start(site.root(), &["--port", "0"]);
    let generation = server.generation();
    #[cfg(target_os = "linux")]
    let at_rest = threads(&server);
    // Fewer than the 64 connections served at once, so that none is refused while its thread
    // is still reading the request.
    let polls: Vec<TcpStream> = (0..60)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            write!(
                s,
                "GET /__vitrina/events?since={generation} HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            .unwrap();
            s
        })
        .collect();
    // Pages are served meanwhile.
    assert_eq!(server.get(PAGE).status, 200);
    #[cfg(target_os = "linux")]
    server.wait_for("the polls' threads to end", |s| {
        (threads(s) <= at_rest + 2).then_some(())
    });
    site.edit(MONTH, "summary: \"Февраль", "summary: \"Итоги февраля");
    for mut poll in polls {
        poll.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut answer = String::new();
        poll.read_to_string(&mut answer).unwrap();
        let body = answer.split_once("\r\n\r\n").unwrap().1;
        let state: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(state["generation"].as_u64() > Some(generation), "{state}");
    }
}

#[test]
fn a_folder_that_cannot_be_watched_is_a_coded_error_in_both_languages() {
    let missing = tempfile::tempdir().unwrap().path().join("no-such-site");
    let root = missing.to_str().unwrap();
    for (lang, words, help) in [
        (
            "ru",
            "не удаётся следить за изменениями",
            "подсказка: запустите vitrina в корневой папке сайта",
        ),
        (
            "en",
            "cannot watch",
            "help: run vitrina in a site's root folder",
        ),
    ] {
        let run = common::vitrina(&["serve", "--root", root, "--port", "0", "--lang", lang]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("[serve-watch]"), "{}", run.stderr);
        assert!(run.stderr.contains(words), "{}", run.stderr);
        assert!(run.stderr.contains(help), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "nothing is served: {}", run.stdout);
    }
}
