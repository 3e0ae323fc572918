//! What the preview adds to a page as it serves it: the reload script, the build errors over the
//! last good page, and the stand-in page shown while the site has never built.
//!
//! These are added on the way out and never stored in the [`Output`](crate::write::Output), so
//! that `vitrina build` can never publish them. The additions keep the pages accessible: the
//! errors sit at the top of the page in the normal flow (nothing covers the content), in a
//! `role="alert"` region that screen readers announce, and nothing takes the focus.
//!
//! They also keep to the pages' Content-Security-Policy (`script-src 'self'; style-src 'self'`,
//! in `base.html`), so that the preview shows what the published site will do: the script and
//! the errors' styles are files the preview serves under [`RELOAD_JS_PATH`] and
//! [`OVERLAY_CSS_PATH`], never inline code or `style=` attributes. The page tells the script its
//! build in a `data-generation` attribute.

use super::live::Snapshot;
use crate::escape;

/// The path the reload script polls; outside any path a site can have.
pub const EVENTS_PATH: &str = "/__vitrina/events";
/// The reload script, as a file of the preview.
pub const RELOAD_JS_PATH: &str = "/__vitrina/reload.js";
/// The styles of the errors shown over a page.
pub const OVERLAY_CSS_PATH: &str = "/__vitrina/overlay.css";

/// `html` with the errors (if the latest build failed) after `<body>` and the reload script
/// before `</body>`.
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let top = snapshot.errors.as_deref().map(overlay).unwrap_or_default();
    let bottom = format!(
        "<script id=\"vitrina-reload\" src=\"{RELOAD_JS_PATH}\" data-generation=\"{}\"></script>\n",
        snapshot.generation
    );
    let body_open = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let body_close = html.rfind("</body>").unwrap_or(html.len()).max(body_open);
    let mut out = String::with_capacity(html.len() + top.len() + bottom.len());
    out.push_str(&html[..body_open]);
    out.push_str(&top);
    out.push_str(&html[body_open..body_close]);
    out.push_str(&bottom);
    out.push_str(&html[body_close..]);
    out.into_bytes()
}

/// The page served for every address while no build has succeeded yet.
pub fn not_built(snapshot: &Snapshot) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
        <title>Сайт не собран — Vitrina</title>\n</head>\n<body>\n<main>\n\
        <h1>Сайт ещё не собран</h1>\n</main>\n</body>\n</html>\n";
    inject(page.as_bytes(), snapshot)
}

/// The errors of the latest build, escaped, in an alert at the top of the page. Its stylesheet
/// is linked from inside it (a `<link rel="stylesheet">` may stand in the body), so that the
/// alert comes and goes as one piece.
fn overlay(errors: &str) -> String {
    format!(
        "<div role=\"alert\" id=\"vitrina-errors\" lang=\"ru\">\
         <link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\">\
         <p class=\"vitrina-errors-title\">Сайт не собран: в данных ошибки</p>\
         <p class=\"vitrina-errors-note\">Пока они не исправлены, \
         показана последняя удачная сборка. Страница обновится сама, когда файл будет сохранён \
         без ошибок.</p>\
         <pre>{}</pre></div>",
        escape::html(errors.trim_end())
    )
}

/// The styles of [`overlay`], under ids and classes no theme uses. The errors wrap rather than
/// scroll sideways: a scrolling box would need its own tab stop.
pub const OVERLAY_CSS: &str = "#vitrina-errors{margin:0;padding:1rem;border-bottom:4px solid #a00;\
background:#fff4f4;color:#1a1a1a;text-align:left}\n\
#vitrina-errors .vitrina-errors-title{margin:0 0 .5em;font:bold 1.1rem/1.4 system-ui,sans-serif}\n\
#vitrina-errors .vitrina-errors-note{margin:0 0 .75em;font:1rem/1.4 system-ui,sans-serif}\n\
#vitrina-errors pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;\
font:.9rem/1.35 ui-monospace,monospace;color:#1a1a1a;background:none;border:0;padding:0}\n";

/// Long-polls the events path and reloads once the generation differs from the page's own (its
/// script element's `data-generation`). A hidden tab lets go of its connection (browsers allow
/// only a few per host) and asks again when shown; a stopped server is asked again every
/// second. The browser keeps the reader's place over a reload, which would leave new errors out
/// of sight above: a reload for a failed build opens the page at the top.
pub const RELOAD_JS: &str = r#"(function () {
  var me = document.currentScript;
  var generation = Number(me && me.getAttribute("data-generation")), pending = null;
  function poll() {
    if (document.hidden || pending) return;
    var mine = new AbortController();
    pending = mine;
    fetch("/__vitrina/events?since=" + generation, {cache: "no-store", signal: mine.signal})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (pending !== mine) return;
        pending = null;
        if (s.generation === generation) { poll(); return; }
        // Errors open the page at the top, where they are; a good build keeps the place.
        if (!s.ok) history.scrollRestoration = "manual";
        location.reload();
      }, function () {
        if (pending !== mine) return;
        pending = null;
        setTimeout(poll, 1000);
      });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { poll(); return; }
    var mine = pending;
    pending = null;
    if (mine) mine.abort();
  });
  addEventListener("load", function () {
    setTimeout(function () { history.scrollRestoration = "auto"; }, 0);
  });
  poll();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(errors: Option<&str>) -> Snapshot {
        Snapshot {
            generation: 7,
            site: None,
            errors: errors.map(str::to_string),
        }
    }

    #[test]
    fn the_errors_open_the_body_and_the_script_closes_it() {
        let html = b"<html><body class=\"x\"><a class=\"skip\">skip</a></body></html>";
        let out = String::from_utf8(inject(html, &snapshot(Some("error: bad")))).unwrap();
        assert!(
            out.starts_with("<html><body class=\"x\"><div role=\"alert\""),
            "{out}"
        );
        assert!(out.contains("</div><a class=\"skip\">"), "{out}");
        assert!(out.ends_with("</script>\n</body></html>"), "{out}");
        assert!(out.contains("data-generation=\"7\""), "{out}");
    }

    #[test]
    fn a_good_build_adds_only_the_script() {
        let out = String::from_utf8(inject(b"<body>hi</body>", &snapshot(None))).unwrap();
        assert!(!out.contains("role=\"alert\""));
        assert!(
            out.starts_with("<body>hi<script id=\"vitrina-reload\" src=\"/__vitrina/reload.js\""),
            "{out}"
        );
    }

    #[test]
    fn the_errors_are_escaped() {
        let errors = "error: theme `<script>alert(1)</script>` & more";
        let out = String::from_utf8(inject(b"<body></body>", &snapshot(Some(errors)))).unwrap();
        assert!(!out.contains("<script>alert"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;` &amp; more"),
            "{out}"
        );
    }

    #[test]
    fn a_page_without_a_body_still_gets_both() {
        let out = String::from_utf8(inject(b"plain", &snapshot(Some("e")))).unwrap();
        assert!(out.starts_with("<div role=\"alert\""), "{out}");
        assert!(out.contains("plain<script"), "{out}");
    }

    #[test]
    fn nothing_added_is_inline_script_or_style_which_the_pages_policy_forbids() {
        let out = String::from_utf8(inject(b"<body></body>", &snapshot(Some("e")))).unwrap();
        assert!(!out.contains(" style="), "{out}");
        let scripts: Vec<&str> = out
            .match_indices("<script")
            .map(|(i, _)| &out[i..])
            .collect();
        assert_eq!(scripts.len(), 1, "{out}");
        assert!(
            scripts[0].starts_with("<script id=\"vitrina-reload\" src=\"/__vitrina/reload.js\" data-generation=\"7\"></script>"),
            "{out}"
        );
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/__vitrina/overlay.css\">"));
        assert!(RELOAD_JS.contains(EVENTS_PATH));
    }

    #[test]
    fn the_page_before_any_build_shows_the_errors() {
        let out = String::from_utf8(not_built(&snapshot(Some("data/x.yaml:3:5")))).unwrap();
        assert!(out.contains("<html lang=\"ru\">"));
        assert!(out.contains("data/x.yaml:3:5"));
        assert!(out.contains("vitrina-reload"));
    }
}
