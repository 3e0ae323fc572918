//! Writing a drawing's shapes compactly: a report page carries a dozen charts twice (wide and
//! phone), so what each shape repeats is most of a page's weight. The picture does not change:
//! only markup that the SVG rules make redundant goes.
//!
//! - No background rectangle: the page under the chart is white.
//! - A text's vertical anchor (`dy` in `ex` or `em`) is folded into its `y`, with PT Sans's
//!   metrics (x-height 500/1000 em), which is the font the chart is set in.
//! - Grid lines and axis ticks (two-point lines in the grid or axis colour) become one `<path>`
//!   per colour, in relative moves; within a run of such lines and texts they are drawn first, which changes nothing
//!   since a label never crosses a grid line.
//! - Runs of filled circles (or squares) of one colour and size, the markers of a series, become
//!   one path of zero-length strokes with round (or square) caps: the same discs and squares.
//! - Consecutive texts and markers that share their colour, size and anchor share them through a
//!   `<g>`; the data lines stay elements of their own.
//!
//! One element per line, as before, so that the output stays readable and diffable.

use std::fmt::Write as _;

/// One element of a drawing: its tag, its attributes in order, and the (escaped) text of a
/// `<text>`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub text: Option<String>,
}

/// The names of the tags and attributes a drawing uses, for [`Element::parse`].
#[cfg(test)]
const NAMES: [&str; 27] = [
    "rect",
    "polyline",
    "polygon",
    "circle",
    "text",
    "path",
    "x",
    "y",
    "dy",
    "width",
    "height",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "points",
    "cx",
    "cy",
    "r",
    "d",
    "text-anchor",
    "font-size",
    "transform",
    "opacity",
    "font-family",
    "g",
];

impl Element {
    /// Reads one element as [`Element::write`] writes it: `<tag a="v" …/>` or
    /// `<text …>escaped text</text>`. `None` for anything else (or a name a drawing never uses).
    #[cfg(test)]
    pub fn parse(line: &str) -> Option<Element> {
        let name = |n: &str| NAMES.iter().find(|k| **k == n).copied();
        let rest = line.strip_prefix('<')?;
        let name_end = rest.find([' ', '/', '>'])?;
        let tag = name(&rest[..name_end])?;
        let mut rest = &rest[name_end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>") {
                return after.is_empty().then_some(Element {
                    tag,
                    attrs,
                    text: None,
                });
            }
            if let Some(after) = rest.strip_prefix('>') {
                let close = format!("</{tag}>");
                let text = after.strip_suffix(close.as_str())?.to_string();
                return Some(Element {
                    tag,
                    attrs,
                    text: Some(text),
                });
            }
            let eq = rest.find("=\"")?;
            let attr = name(&rest[..eq])?;
            let value_start = eq + 2;
            let value_len = rest[value_start..].find('"')?;
            attrs.push((attr, rest[value_start..value_start + value_len].to_string()));
            rest = &rest[value_start + value_len + 1..];
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn set(&mut self, name: &'static str, value: String) {
        match self.attrs.iter_mut().find(|(n, _)| *n == name) {
            Some(a) => a.1 = value,
            None => self.attrs.push((name, value)),
        }
    }

    fn remove(&mut self, name: &str) {
        self.attrs.retain(|(n, _)| *n != name);
    }

    /// Writes the element without the attributes in `skip` (those its group carries).
    fn write(&self, out: &mut String, skip: &[(&'static str, String)]) {
        let _ = write!(out, "<{}", self.tag);
        for (n, v) in &self.attrs {
            if !skip.iter().any(|(s, _)| s == n) {
                let _ = write!(out, " {n}=\"{v}\"");
            }
        }
        match &self.text {
            Some(t) => {
                let _ = write!(out, ">{t}</{}>", self.tag);
            }
            None => out.push_str("/>"),
        }
    }
}

/// Presentation attributes that an element inherits from its `<g>`.
const INHERITED: [&str; 6] = [
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "font-size",
    "text-anchor",
];

/// The attributes an element could take from a group: its inherited presentation attributes.
/// Data lines (`<polyline>`) are never grouped, so that each stays a whole element.
fn shared(e: &Element) -> Option<Vec<(&'static str, String)>> {
    if !matches!(e.tag, "text" | "circle" | "rect" | "polygon") {
        return None;
    }
    Some(
        e.attrs
            .iter()
            .filter(|(n, _)| INHERITED.contains(n))
            .cloned()
            .collect(),
    )
}

/// A number for an attribute: at most two decimals, no trailing zeros.
pub(super) fn number(v: f64) -> String {
    // Most are whole pixels: written as an integer, as the general case would write them.
    if v.trunc() == v && v.abs() < 1e15 {
        return (v as i64).to_string();
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// PT Sans's x-height in ems (500 of 1000 units): `1ex` at a font size of 1.
const X_HEIGHT: f64 = 0.5;

/// Folds a text's `dy` into its `y` where the shift is known: `0.5ex`, `-0.5ex` and `0.76em`,
/// the three plotters writes. A rotated text keeps its `dy`, which acts along its own axis.
fn fold_dy(e: &mut Element) {
    if e.tag != "text" || e.get("transform").is_some() {
        return;
    }
    let (Some(dy), Some(y), Some(size)) = (
        e.get("dy"),
        e.get("y").and_then(|v| v.parse::<f64>().ok()),
        e.get("font-size").and_then(|v| v.parse::<f64>().ok()),
    ) else {
        return;
    };
    let shift = if let Some(ex) = dy.strip_suffix("ex") {
        ex.parse::<f64>().ok().map(|k| k * X_HEIGHT * size)
    } else if let Some(em) = dy.strip_suffix("em") {
        em.parse::<f64>().ok().map(|k| k * size)
    } else {
        None
    };
    if let Some(shift) = shift {
        e.set("y", number(y + shift));
        e.remove("dy");
    }
}

/// A straight two-point line in one of the `decoration` strokes (grid, axis): its two ends.
/// `None` for any other element.
fn decoration_segment(e: &Element, decoration: &[String]) -> Option<[(f64, f64); 2]> {
    if e.tag != "polyline" || e.get("fill") != Some("none") {
        return None;
    }
    if !decoration
        .iter()
        .any(|d| e.get("stroke") == Some(d.as_str()))
    {
        return None;
    }
    let points: Vec<(f64, f64)> = e
        .get("points")?
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect::<Option<_>>()?;
    let [a, b] = points[..] else {
        return None;
    };
    Some([a, b])
}

/// Path data in relative moves: `M` to the first start, then each piece from where the last
/// ended (`m dx dy`), drawn by `draw` (which returns the command and the point it ends at).
struct RelativePath {
    d: String,
    at: Option<(f64, f64)>,
}

impl RelativePath {
    fn new() -> Self {
        RelativePath {
            d: String::new(),
            at: None,
        }
    }

    /// Moves to `to` and writes `then`, which ends at `end`.
    fn piece(&mut self, to: (f64, f64), then: &str, end: (f64, f64)) {
        match self.at {
            None => {
                let _ = write!(self.d, "M{} {}", number(to.0), number(to.1));
            }
            Some(at) => {
                let dy = number(to.1 - at.1);
                let sep = if dy.starts_with('-') { "" } else { " " };
                let _ = write!(self.d, "m{}{sep}{dy}", number(to.0 - at.0));
            }
        }
        self.d.push_str(then);
        self.at = Some(end);
    }

    /// A straight line from `a` to `b`: `h`, `v` or `l`, relative.
    fn line(&mut self, a: (f64, f64), b: (f64, f64)) {
        let then = if a.1 == b.1 {
            format!("h{}", number(b.0 - a.0))
        } else if a.0 == b.0 {
            format!("v{}", number(b.1 - a.1))
        } else {
            let dy = number(b.1 - a.1);
            let sep = if dy.starts_with('-') { "" } else { " " };
            format!("l{}{sep}{dy}", number(b.0 - a.0))
        };
        self.piece(a, &then, b);
    }
}

/// The attributes of a decoration line but its points: what its merged path keeps.
fn line_style(e: &Element) -> Vec<(&'static str, String)> {
    e.attrs
        .iter()
        .filter(|(n, _)| *n != "points")
        .cloned()
        .collect()
}

/// The shapes of a drawing written compactly (see the module's comment) onto `out`.
/// `decoration` holds the strokes of grid and axis lines (`#RRGGBB`).
pub(super) fn write_into(out: &mut String, elements: Vec<Element>, decoration: &[String]) {
    let mut elements = elements;
    for e in &mut elements {
        fold_dy(e);
    }
    let elements = merge_dots(merge_decoration(elements, decoration));
    let keys: Vec<Option<Vec<(&'static str, String)>>> = elements.iter().map(shared).collect();
    let mut i = 0;
    while i < elements.len() {
        let key = &keys[i];
        let mut end = i + 1;
        if let Some(k) = key
            && !k.is_empty()
        {
            while end < elements.len() && keys[end].as_ref() == Some(k) {
                end += 1;
            }
        }
        match key {
            Some(k) if end - i >= 2 && !k.is_empty() => {
                out.push_str("<g");
                for (n, v) in k {
                    let _ = write!(out, " {n}=\"{v}\"");
                }
                out.push_str(">\n");
                for e in &elements[i..end] {
                    e.write(out, k);
                    out.push('\n');
                }
                out.push_str("</g>\n");
            }
            _ => {
                elements[i].write(out, &[]);
                out.push('\n');
            }
        }
        i = end;
    }
}

/// [`write_into`] a new string.
#[cfg(test)]
fn write(elements: Vec<Element>, decoration: &[String]) -> String {
    let mut out = String::new();
    write_into(&mut out, elements, decoration);
    out
}

/// Within each run of decoration lines and texts, the lines become one path per style, drawn
/// where the run starts; the texts follow in their order.
fn merge_decoration(elements: Vec<Element>, decoration: &[String]) -> Vec<Element> {
    let segments: Vec<Option<[(f64, f64); 2]>> = elements
        .iter()
        .map(|e| decoration_segment(e, decoration))
        .collect();
    let mut elements: Vec<Option<Element>> = elements.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(elements.len());
    let mut i = 0;
    while i < elements.len() {
        if segments[i].is_none() {
            out.extend(elements[i].take());
            i += 1;
            continue;
        }
        let in_run = |j: usize| {
            segments[j].is_some() || elements[j].as_ref().is_some_and(|e| e.tag == "text")
        };
        let mut end = i;
        while end < elements.len() && in_run(end) {
            end += 1;
        }
        let mut paths: Vec<(Vec<(&'static str, String)>, RelativePath)> = Vec::new();
        let mut texts = Vec::new();
        for j in i..end {
            let Some(e) = elements[j].take() else {
                continue;
            };
            match segments[j] {
                Some([a, b]) => {
                    let style = line_style(&e);
                    let at = match paths.iter().position(|(s, _)| *s == style) {
                        Some(at) => at,
                        None => {
                            paths.push((style, RelativePath::new()));
                            paths.len() - 1
                        }
                    };
                    paths[at].1.line(a, b);
                }
                None => texts.push(e),
            }
        }
        for (style, path) in paths {
            let mut attrs = vec![("d", path.d)];
            attrs.extend(style);
            out.push(Element {
                tag: "path",
                attrs,
                text: None,
            });
        }
        out.extend(texts);
        i = end;
    }
    out
}

/// A filled disc or square, as the caps of a zero-length stroke: its centre, its cap, its
/// width and its colour. `None` for anything else.
fn as_dot(e: &Element) -> Option<((f64, f64), &'static str, String, String)> {
    let names: Vec<&str> = e.attrs.iter().map(|(n, _)| *n).collect();
    let num = |n: &str| e.get(n).and_then(|v| v.parse::<f64>().ok());
    let fill = e.get("fill").filter(|f| *f != "none")?.to_string();
    match e.tag {
        "circle" if names == ["cx", "cy", "r", "fill"] => Some((
            (num("cx")?, num("cy")?),
            "round",
            number(num("r")? * 2.0),
            fill,
        )),
        "rect"
            if names == ["x", "y", "width", "height", "fill"]
                && e.get("width") == e.get("height") =>
        {
            let side = num("width")?;
            Some((
                (num("x")? + side / 2.0, num("y")? + side / 2.0),
                "square",
                number(side),
                fill,
            ))
        }
        _ => None,
    }
}

/// Runs of two or more discs (or squares) of one colour and size become one path.
fn merge_dots(elements: Vec<Element>) -> Vec<Element> {
    let dots: Vec<_> = elements.iter().map(as_dot).collect();
    let mut elements: Vec<Option<Element>> = elements.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(elements.len());
    let mut i = 0;
    while i < elements.len() {
        let Some((_, cap, width, fill)) = &dots[i] else {
            out.extend(elements[i].take());
            i += 1;
            continue;
        };
        let mut d = RelativePath::new();
        let mut end = i;
        while let Some(Some((centre, c, w, f))) = dots.get(end) {
            if c != cap || w != width || f != fill {
                break;
            }
            d.piece(*centre, "h0", *centre);
            end += 1;
        }
        if end - i < 2 {
            out.extend(elements[i].take());
            i += 1;
            continue;
        }
        out.push(Element {
            tag: "path",
            attrs: vec![
                ("d", d.d),
                ("stroke", fill.clone()),
                ("stroke-width", width.clone()),
                ("stroke-linecap", (*cap).into()),
            ],
            text: None,
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(lines: &[&str]) -> Vec<Element> {
        lines.iter().map(|l| Element::parse(l).unwrap()).collect()
    }

    #[test]
    fn elements_are_read_back_as_written() {
        for line in [
            r##"<rect x="0" y="0" width="440" height="301" fill="#FFFFFF"/>"##,
            r##"<text x="40" y="272" dy="0.5ex" text-anchor="end" font-size="12" fill="#555555">0 &amp; «1»</text>"##,
            r##"<polyline fill="none" stroke="#767676" points="48,272 432,272 "/>"##,
        ] {
            let e = Element::parse(line).unwrap();
            let mut out = String::new();
            e.write(&mut out, &[]);
            assert_eq!(out, line);
        }
        assert_eq!(Element::parse("<g>"), None);
    }

    #[test]
    fn the_anchors_fold_and_grid_lines_merge() {
        let els = parse_all(&[
            r##"<polyline fill="none" stroke="#767676" points="48,272 432,272 "/>"##,
            r##"<text x="40" y="272" dy="0.5ex" text-anchor="end" font-size="12" fill="#555555">0 %</text>"##,
            r##"<polyline fill="none" stroke="#DDDDDD" points="48,226 432,226 "/>"##,
            r##"<text x="40" y="226" dy="0.5ex" text-anchor="end" font-size="12" fill="#555555">20 %</text>"##,
            r##"<polyline fill="none" stroke="#767676" points="64,272 64,276 "/>"##,
            r##"<text x="64" y="278" dy="0.76em" text-anchor="middle" font-size="12" fill="#555555">янв</text>"##,
            r##"<text x="64" y="20" dy="-0.5ex" text-anchor="middle" font-size="13" fill="#1A1A1A">204</text>"##,
            r##"<polyline fill="none" stroke="#1F5FA8" stroke-width="2" points="64,116 96,181 "/>"##,
            r##"<circle cx="64" cy="116" r="4" fill="#1F5FA8"/>"##,
            r##"<circle cx="96" cy="181" r="4" fill="#1F5FA8"/>"##,
            r##"<rect x="61" y="113" width="7" height="7" fill="#B3470B"/>"##,
            r##"<rect x="93" y="150" width="9" height="7" fill="#B3470B"/>"##,
            r##"<rect x="61" y="113" width="7" height="7" fill="#B3470B"/>"##,
            r##"<rect x="93" y="150" width="7" height="7" fill="#B3470B"/>"##,
            r##"<circle cx="140" cy="63" r="7" fill="#FFFFFF"/>"##,
            r##"<circle cx="140" cy="63" r="5" fill="#1A1A1A"/>"##,
        ]);
        let out = write(els, &["#767676".into(), "#DDDDDD".into()]);
        assert_eq!(
            out,
            r##"<path d="M48 272h384m-368 0v4" fill="none" stroke="#767676"/>
<path d="M48 226h384" fill="none" stroke="#DDDDDD"/>
<g text-anchor="end" font-size="12" fill="#555555">
<text x="40" y="275">0 %</text>
<text x="40" y="229">20 %</text>
</g>
<text x="64" y="287.12" text-anchor="middle" font-size="12" fill="#555555">янв</text>
<text x="64" y="16.75" text-anchor="middle" font-size="13" fill="#1A1A1A">204</text>
<polyline fill="none" stroke="#1F5FA8" stroke-width="2" points="64,116 96,181 "/>
<path d="M64 116h0m32 65h0" stroke="#1F5FA8" stroke-width="8" stroke-linecap="round"/>
<g fill="#B3470B">
<rect x="61" y="113" width="7" height="7"/>
<rect x="93" y="150" width="9" height="7"/>
</g>
<path d="M64.5 116.5h0m32 37h0" stroke="#B3470B" stroke-width="7" stroke-linecap="square"/>
<circle cx="140" cy="63" r="7" fill="#FFFFFF"/>
<circle cx="140" cy="63" r="5" fill="#1A1A1A"/>
"##
        );
    }

    #[test]
    fn rotated_text_keeps_its_shift_and_a_lone_element_its_attributes() {
        let els = parse_all(&[
            r##"<text x="70" y="270" dy="0.5ex" text-anchor="end" font-size="14" fill="#1A1A1A" transform="rotate(270, 70, 270)">59-ФЗ</text>"##,
            r##"<polyline fill="none" stroke="#3B3B3B" stroke-dasharray="7 4" stroke-width="2" points="48,219 432,219 "/>"##,
        ]);
        let out = write(els.clone(), &["#DDDDDD".into()]);
        let mut expected = String::new();
        for e in &els {
            e.write(&mut expected, &[]);
            expected.push('\n');
        }
        assert_eq!(out, expected);
    }
}
