//! HTTP/1.1 on one TCP connection, as much of it as the preview needs, with every resource a
//! client can make it hold bounded.
//!
//! The preview answers GET and HEAD only, so it never reads a request's body: a request that
//! announces one (`Content-Length` above 0, or `Transfer-Encoding`) gets 413 and the connection
//! is closed. (The HTTP library used before read whatever `Content-Length` said into one buffer:
//! `Content-Length: 99999999999` aborted the process.) A request's head must arrive whole within
//! [`HEAD_TIME`] of its first byte and be at most [`HEAD_LIMIT`] bytes; a connection waits
//! [`IDLE`] for its next (or first) request, and is then closed.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The longest request head (request line and headers) read. Browsers send 1–2 KiB.
pub const HEAD_LIMIT: usize = 16 * 1024;
/// How long a request's head may take to arrive, from its first byte.
pub const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long a connection waits for its next request (or its first).
pub const IDLE: Duration = Duration::from_secs(5);
/// How long writing an answer may stall on a reader who does not read.
pub const WRITE_TIME: Duration = Duration::from_secs(10);

/// A request's head: what the preview looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    /// Whether the client keeps the connection open for another request.
    pub keep_alive: bool,
    /// Whether a body follows the head (which the preview never reads).
    pub has_body: bool,
}

/// What reading a request's head gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Request(Head),
    /// The client closed the connection, or sent nothing in time: close it without a word.
    Gone,
    /// A head begun but not finished in time: 408.
    Slow,
    /// A head over [`HEAD_LIMIT`]: 431.
    TooLarge,
    /// Not an HTTP/1.x request: 400.
    Bad,
}

/// One client's connection and the bytes read from it past the last head.
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub fn new(stream: TcpStream) -> Conn {
        let _ = stream.set_write_timeout(Some(WRITE_TIME));
        Conn {
            stream,
            buf: Vec::new(),
        }
    }

    pub fn stream(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    pub fn into_stream(self) -> TcpStream {
        self.stream
    }

    /// Reads the next request's head, waiting at most `idle` for its first byte and
    /// [`HEAD_TIME`] from there for the rest.
    pub fn next(&mut self, idle: Duration) -> Next {
        let mut begun = (!self.buf.is_empty()).then(Instant::now);
        let waiting = Instant::now();
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(end) = head_end(&self.buf) {
                if end > HEAD_LIMIT {
                    return Next::TooLarge;
                }
                let head: Vec<u8> = self.buf.drain(..end).collect();
                return parse(&head).map_or(Next::Bad, Next::Request);
            }
            if self.buf.len() > HEAD_LIMIT {
                return Next::TooLarge;
            }
            let deadline = match begun {
                Some(t) => t + HEAD_TIME,
                None => waiting + idle,
            };
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                return if begun.is_some() {
                    Next::Slow
                } else {
                    Next::Gone
                };
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Next::Gone,
                Ok(n) => {
                    begun.get_or_insert_with(Instant::now);
                    self.buf.extend_from_slice(&chunk[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if timed_out(&e) && begun.is_some() => return Next::Slow,
                Err(_) => return Next::Gone,
            }
        }
    }
}

fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// The length of the head at the start of `buf` (through its empty line), once it is all there.
fn head_end(buf: &[u8]) -> Option<usize> {
    // Lines end in CRLF; a bare LF is taken too, as most servers do.
    buf.windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| i + 2)
        .into_iter()
        .chain(buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4))
        .min()
}

/// A request's head: `METHOD TARGET HTTP/1.x`, then its headers.
pub fn parse(head: &[u8]) -> Option<Head> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.lines();
    let mut words = lines.next()?.split(' ');
    let (method, target, version) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || method.is_empty() || !target.starts_with('/') {
        return None;
    }
    let mut keep_alive = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return None,
    };
    let mut has_body = false;
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            // Digits only: `+5`, `-1` and `5, 5` are not a length.
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            has_body |= value.bytes().any(|b| b != b'0');
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            has_body = true;
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                if token.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if token.eq_ignore_ascii_case("keep-alive") && version == "HTTP/1.0" {
                    keep_alive = true;
                }
            }
        }
    }
    Some(Head {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
        has_body,
    })
}

/// An answer's status, headers and body as bytes on the wire; `head_only` (a HEAD request)
/// leaves the body out but keeps its length. `close` tells the client the connection ends.
pub fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
    close: bool,
) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    if close {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(body);
    }
    bytes
}

/// Writes a short plain-text answer and closes the connection: the answer to a request the
/// preview does not serve, or to a client over a limit.
pub fn refuse(stream: &mut TcpStream, status: u16, text: &str, extra: &[(&str, &str)]) {
    let mut headers = vec![
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Cache-Control", "no-store"),
    ];
    headers.extend_from_slice(extra);
    let _ = stream.write_all(&response(status, &headers, text.as_bytes(), false, true));
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_gives_its_method_target_and_whether_the_connection_stays() {
        let h = parse(b"GET /a/?b=1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!((h.method.as_str(), h.target.as_str()), ("GET", "/a/?b=1"));
        assert!(h.keep_alive && !h.has_body);
        assert!(
            !parse(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(!parse(b"GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        let kept = parse(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
        assert!(kept.keep_alive);
    }

    #[test]
    fn a_body_is_seen_from_the_head_and_never_sized() {
        let huge = parse(b"GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n");
        assert!(huge.unwrap().has_body);
        assert!(
            !parse(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                .unwrap()
                .has_body
        );
        let chunked = parse(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        assert!(chunked.unwrap().has_body);
        assert_eq!(parse(b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), None);
    }

    #[test]
    fn what_is_not_http_is_refused() {
        for bad in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/2\r\n\r\n",
            b"GET http://x/ HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"\xff / HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(parse(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn the_head_ends_at_the_first_empty_line() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\nGET"), Some(18));
        assert_eq!(head_end(b"GET / HTTP/1.1\n\nX"), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
    }

    #[test]
    fn a_head_request_gets_the_length_without_the_body() {
        let r = response(
            200,
            &[("Content-Type", "text/plain")],
            b"hello",
            true,
            false,
        );
        assert_eq!(
            String::from_utf8(r).unwrap(),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
        );
    }
}
