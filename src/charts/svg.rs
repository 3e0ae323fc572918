//! The drawing surface: plotters' SVG backend drawing in pixel coordinates, and the finishing
//! that turns its output into an accessible, scalable element to inline in a page.

use std::fmt::Write as _;

use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::compact::Element;
use super::font;
use crate::escape::html as escape;

/// Dark text: 17:1 against white.
pub(super) const TEXT: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
/// Tick labels: 7.5:1 against white.
pub(super) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grid lines: decoration only.
pub(super) const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
/// The axis line at zero.
pub(super) const AXIS: RGBColor = RGBColor(0x76, 0x76, 0x76);
/// The plan line. No other stroke uses this colour: finishing dashes every line drawn in it.
pub(super) const PLAN: RGBColor = RGBColor(0x3b, 0x3b, 0x3b);
/// The dash pattern of the plan line.
const PLAN_DASH: &str = "7 4";
/// Date marks: events on a line chart, «сегодня» on a timeline. A dark crimson (7.9:1 against
/// white) that no series uses; like the plan, every line drawn in it is dashed, more finely.
pub(super) const EVENT: RGBColor = RGBColor(0x9e, 0x18, 0x48);
/// The dash pattern of date marks.
const EVENT_DASH: &str = "3 3";
/// Lines dashed by finishing, by colour.
const DASHED: [(RGBColor, &str); 2] = [(PLAN, PLAN_DASH), (EVENT, EVENT_DASH)];

/// plotters writes `font-size` as its size divided by this, so sizes are given multiplied.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// A pixel coordinate for plotters (which draws on whole pixels).
fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Marker shapes, one per series, so that series differ without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

impl Marker {
    /// The marker of the `i`-th series.
    pub fn nth(i: usize) -> Marker {
        [
            Marker::Circle,
            Marker::Square,
            Marker::Triangle,
            Marker::Diamond,
        ][i % 4]
    }
}

/// The few primitives the charts use, in whole-pixel coordinates, each kept as the element
/// plotters' SVG backend wrote for it, less what restates a default or the root's font (which
/// [`finish`] used to strip from plotters' text): the same markup, made without writing and
/// reading it back. `tests::the_canvas_writes_what_plotters_wrote` holds the two together.
pub(super) struct Canvas {
    elements: std::cell::RefCell<Vec<Element>>,
    /// The drawing's width and height: plotters moved every point onto the drawing, and so does
    /// [`Canvas::clamp`].
    size: (i32, i32),
}

/// `#RRGGBB`, as plotters writes a colour.
fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// A list of points as plotters writes it: `x,y ` each, the last space included.
fn points(pts: &[(i32, i32)]) -> String {
    let mut s = String::with_capacity(pts.len() * 8);
    for (x, y) in pts {
        let _ = write!(s, "{x},{y} ");
    }
    s
}

/// A stroke width: plotters writes it always, finishing dropped the default 1.
fn stroke_width(attrs: &mut Vec<(&'static str, String)>, width: u32) {
    if width != 1 {
        attrs.push(("stroke-width", width.to_string()));
    }
}

impl Canvas {
    fn new((w, h): (u32, u32)) -> Canvas {
        Canvas {
            elements: std::cell::RefCell::new(Vec::new()),
            size: (w as i32, h as i32),
        }
    }

    /// A point moved onto the drawing, as plotters' drawing area moves every point it is given.
    fn clamp(&self, (x, y): (i32, i32)) -> (i32, i32) {
        (x.min(self.size.0).max(0), y.min(self.size.1).max(0))
    }

    fn push(&self, tag: &'static str, attrs: Vec<(&'static str, String)>, text: Option<String>) {
        self.elements
            .borrow_mut()
            .push(Element { tag, attrs, text });
    }

    /// A filled rectangle between two corners (in any order).
    pub fn rect(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), color: RGBColor) {
        let (l, r) = (px(x0.min(x1)), px(x0.max(x1)));
        let (t, b) = (px(y0.min(y1)), px(y0.max(y1)));
        if r > l && b > t {
            self.filled_rect((l, t), (r, b), color);
        }
    }

    fn filled_rect(&self, a: (i32, i32), b: (i32, i32), color: RGBColor) {
        let (a, b) = (self.clamp(a), self.clamp(b));
        let (l, t, r, b) = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
        let attrs = vec![
            ("x", l.to_string()),
            ("y", t.to_string()),
            ("width", (r - l).to_string()),
            ("height", (b - t).to_string()),
            ("fill", hex(color)),
        ];
        self.push("rect", attrs, None);
    }

    /// A polyline. Lines in the plan's or the date marks' colour are dashed ([`DASHED`]).
    pub fn path(&self, pts: &[(f64, f64)], color: RGBColor, width: u32) {
        let mut pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (px(x), px(y))).collect();
        pts.dedup();
        if pts.len() < 2 {
            return;
        }
        let mut attrs = vec![("fill", "none".to_string()), ("stroke", hex(color))];
        if let Some((_, dash)) = DASHED.iter().find(|(c, _)| *c == color) {
            attrs.push(("stroke-dasharray", dash.to_string()));
        }
        stroke_width(&mut attrs, width);
        let pts: Vec<(i32, i32)> = pts.into_iter().map(|p| self.clamp(p)).collect();
        attrs.push(("points", points(&pts)));
        self.push("polyline", attrs, None);
    }

    /// The outline of a rectangle between two corners (in any order), `width` pixels wide.
    /// (plotters' SVG backend writes no stroke width for rectangles, so this is a closed path.)
    pub fn outline(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), color: RGBColor, width: u32) {
        let (l, r) = (x0.min(x1), x0.max(x1));
        let (t, b) = (y0.min(y1), y0.max(y1));
        self.path(&[(l, t), (r, t), (r, b), (l, b), (l, t)], color, width);
    }

    /// A filled circle.
    pub fn dot(&self, (x, y): (f64, f64), radius: u32, color: RGBColor) {
        self.filled_circle((px(x), px(y)), radius, color);
    }

    fn filled_circle(&self, at: (i32, i32), radius: u32, color: RGBColor) {
        let (x, y) = self.clamp(at);
        let attrs = vec![
            ("cx", x.to_string()),
            ("cy", y.to_string()),
            ("r", radius.to_string()),
            ("fill", hex(color)),
        ];
        self.push("circle", attrs, None);
    }

    /// The outline of a circle, `width` pixels wide.
    pub fn ring(&self, (x, y): (f64, f64), radius: u32, color: RGBColor, width: u32) {
        let (x, y) = self.clamp((px(x), px(y)));
        let mut attrs = vec![
            ("cx", x.to_string()),
            ("cy", y.to_string()),
            ("r", radius.to_string()),
            ("fill", "none".to_string()),
            ("stroke", hex(color)),
        ];
        stroke_width(&mut attrs, width);
        self.push("circle", attrs, None);
    }

    /// A filled marker centred on a point.
    pub fn marker(&self, marker: Marker, (x, y): (f64, f64), color: RGBColor) {
        let (x, y) = (px(x), px(y));
        let polygon = |pts: &[(i32, i32)]| {
            let pts: Vec<(i32, i32)> = pts.iter().map(|&p| self.clamp(p)).collect();
            let attrs = vec![("fill", hex(color)), ("points", points(&pts))];
            self.push("polygon", attrs, None);
        };
        match marker {
            Marker::Circle => self.filled_circle((x, y), 4, color),
            Marker::Square => self.filled_rect((x - 3, y - 3), (x + 4, y + 4), color),
            Marker::Triangle => polygon(&[(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)]),
            Marker::Diamond => polygon(&[(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)]),
        }
    }

    /// One line of text anchored at a point.
    pub fn text(
        &self,
        text: &str,
        at: (f64, f64),
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
    ) {
        self.draw_text(text, at, size, color, anchor, false);
    }

    /// One line of text reading upwards (rotated a quarter turn), centred on the point across
    /// its line; `end` is in the text's own frame, so `HPos::Right` ends the text at the point and
    /// `HPos::Left` starts it there.
    pub fn text_up(&self, text: &str, at: (f64, f64), size: f64, color: RGBColor, end: HPos) {
        self.draw_text(text, at, size, color, (end, VPos::Center), true);
    }

    /// A `<text>` as plotters' SVG backend placed it: at the point, its vertical anchor a `dy`
    /// (folded into `y` by [`super::compact`]), its horizontal one a `text-anchor`; its size as
    /// plotters wrote it (the size it was given, divided back), rounded.
    fn draw_text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        color: RGBColor,
        (h, v): (HPos, VPos),
        up: bool,
    ) {
        if text.is_empty() {
            return;
        }
        let (x, y) = self.clamp((px(x), px(y)));
        let dy = match v {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let mut attrs = vec![
            ("x", x.to_string()),
            ("y", y.to_string()),
            ("dy", dy.to_string()),
        ];
        match h {
            HPos::Left => {}
            HPos::Center => attrs.push(("text-anchor", "middle".to_string())),
            HPos::Right => attrs.push(("text-anchor", "end".to_string())),
        }
        let size = size * PLOTTERS_FONT_SCALE / PLOTTERS_FONT_SCALE;
        attrs.push(("font-size", super::compact::number(size)));
        attrs.push(("fill", hex(color)));
        if up {
            attrs.push(("transform", format!("rotate(270, {x}, {y})")));
        }
        self.push("text", attrs, Some(text_content(text)));
    }
}

/// A text's content as plotters escaped it (`'` as `&apos;`), each line break a space (as
/// finishing joined the lines plotters wrote).
fn text_content(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        for c in line.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                other => out.push(other),
            }
        }
    }
    out
}

/// Accessible name and size of a chart.
pub(super) struct Frame<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub width: f64,
    pub height: f64,
    /// Which drawing of a chart this is: its class, and whether it carries its own words.
    pub variant: super::Variant,
}

/// Draws with `paint` on a white canvas and returns the finished `<svg>` element.
pub(super) fn render(frame: &Frame, paint: impl FnOnce(&Canvas)) -> String {
    let (w, h) = (
        frame.width.ceil().max(1.0) as u32,
        frame.height.ceil().max(1.0) as u32,
    );
    let canvas = Canvas::new((w, h));
    paint(&canvas);
    finish(frame, (w, h), canvas.elements.into_inner())
}

/// The root element with role, accessible name and description, then the shapes written
/// compactly ([`super::compact`]). No `xmlns`: the chart is inline in an HTML page, whose parser
/// puts it in the SVG namespace.
fn finish(frame: &Frame, (w, h): (u32, u32), elements: Vec<Element>) -> String {
    // Both variants of a pair are in the page, the phone one always after the wide one: it is
    // named by the wide one's title and description (an `aria-labelledby` reference reads them
    // although the stylesheet hides the wide drawing on a phone), so the words are in the page
    // once. One drawing (`line_chart_one`) has its own.
    let id = sanitize_id(frame.id);
    let variant = match frame.variant {
        super::Variant::Wide => "chart-wide",
        super::Variant::Narrow => "chart-narrow",
        super::Variant::One => "chart-one",
    };
    let mut out = String::with_capacity(elements.len() * 64 + 512);
    let _ = writeln!(
        out,
        "<svg class=\"chart {variant}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         font-family=\"{}\" stroke-linejoin=\"round\">",
        font::FONT_STACK,
    );
    if frame.variant != super::Variant::Narrow {
        let _ = writeln!(
            out,
            "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
            escape(&font::one_line(frame.title)),
            escape(&font::one_line(frame.desc)),
        );
    }
    super::compact::write_into(&mut out, elements, &[hex(GRID), hex(AXIS)]);
    out.push_str("</svg>");
    out
}

/// The element id prefix limited to `[A-Za-z0-9_-]`, so that it is a valid id and a single
/// token in `aria-labelledby`.
fn sanitize_id(id: &str) -> String {
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "chart".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::Shift;
    use plotters::prelude::*;
    use plotters::style::text_anchor::Pos;
    use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

    /// One call on a canvas.
    enum Op {
        Rect((f64, f64), (f64, f64), RGBColor),
        Path(Vec<(f64, f64)>, RGBColor, u32),
        Outline((f64, f64), (f64, f64), RGBColor, u32),
        Dot((f64, f64), u32, RGBColor),
        Ring((f64, f64), u32, RGBColor, u32),
        Marker(Marker, (f64, f64), RGBColor),
        Text(&'static str, (f64, f64), f64, RGBColor, (HPos, VPos), bool),
    }

    fn ours(ops: &[Op], size: (u32, u32)) -> Vec<Element> {
        let c = Canvas::new(size);
        for op in ops {
            match op {
                Op::Rect(a, b, col) => c.rect(*a, *b, *col),
                Op::Path(p, col, w) => c.path(p, *col, *w),
                Op::Outline(a, b, col, w) => c.outline(*a, *b, *col, *w),
                Op::Dot(at, r, col) => c.dot(*at, *r, *col),
                Op::Ring(at, r, col, w) => c.ring(*at, *r, *col, *w),
                Op::Marker(m, at, col) => c.marker(*m, *at, *col),
                Op::Text(t, at, size, col, anchor, false) => c.text(t, *at, *size, *col, *anchor),
                Op::Text(t, at, size, col, anchor, true) => {
                    c.draw_text(t, *at, *size, *col, *anchor, true)
                }
            }
        }
        c.elements.into_inner()
    }

    /// The calls as the charts made them on plotters' SVG backend, and its output tidied and
    /// read back as finishing did before the canvas wrote its elements itself.
    fn plotters_elements(ops: &[Op], (w, h): (u32, u32)) -> Vec<Element> {
        super::font::ensure_registered();
        let mut raw = String::new();
        {
            let area = SVGBackend::with_string(&mut raw, (w, h)).into_drawing_area();
            let _ = area.fill(&WHITE);
            for op in ops {
                draw(&area, op);
            }
            let _ = area.present();
        }
        let dashed: Vec<(String, &str)> = DASHED
            .iter()
            .map(|(c, dash)| (format!(" stroke=\"{}\"", hex(*c)), *dash))
            .collect();
        let mut elements = Vec::new();
        let mut lines = raw.lines();
        while let Some(line) = lines.next() {
            if line.starts_with("<?xml") || line.starts_with("<svg") || line.starts_with("</svg") {
                continue;
            }
            let mut tag = tidy_attributes(line);
            if line.starts_with("<text") {
                let content: Vec<&str> = lines.by_ref().take_while(|l| *l != "</text>").collect();
                tag.push_str(&content.join(" "));
                tag.push_str("</text>");
            } else if line.starts_with("<polyline")
                && let Some((stroke, dash)) = dashed.iter().find(|(s, _)| line.contains(s.as_str()))
            {
                tag = tag.replacen(
                    stroke.as_str(),
                    &format!("{stroke} stroke-dasharray=\"{dash}\""),
                    1,
                );
            }
            elements.push(Element::parse(&tag).unwrap_or_else(|| panic!("{tag}")));
        }
        // The background finishing dropped.
        assert_eq!(elements.remove(0).tag, "rect");
        elements
    }

    fn tidy_attributes(line: &str) -> String {
        let family = format!(" font-family=\"{}\"", font::FAMILY);
        let mut tag = line
            .replace(" opacity=\"1\"", "")
            .replace(" stroke=\"none\"", "")
            .replace(" stroke-width=\"1\"", "")
            .replace(" text-anchor=\"start\"", "")
            .replace(&family, "");
        const SIZE: &str = " font-size=\"";
        if let Some(start) = tag.find(SIZE).map(|i| i + SIZE.len())
            && let Some(len) = tag[start..].find('"')
            && let Ok(size) = tag[start..start + len].parse::<f64>()
        {
            tag.replace_range(start..start + len, &super::super::compact::number(size));
        }
        tag
    }

    fn draw(area: &DrawingArea<SVGBackend, Shift>, op: &Op) {
        let _ = match op {
            Op::Rect((x0, y0), (x1, y1), color) => {
                let (l, r) = (px(x0.min(*x1)), px(x0.max(*x1)));
                let (t, b) = (px(y0.min(*y1)), px(y0.max(*y1)));
                if r > l && b > t {
                    let _ = area.draw(&Rectangle::new([(l, t), (r, b)], color.filled()));
                }
                Ok(())
            }
            Op::Path(points, color, width) => {
                let mut pts: Vec<(i32, i32)> =
                    points.iter().map(|&(x, y)| (px(x), px(y))).collect();
                pts.dedup();
                if pts.len() >= 2 {
                    let _ = area.draw(&PathElement::new(pts, color.stroke_width(*width)));
                }
                Ok(())
            }
            Op::Outline((x0, y0), (x1, y1), color, width) => {
                let (l, r) = (x0.min(*x1), x0.max(*x1));
                let (t, b) = (y0.min(*y1), y0.max(*y1));
                let path = vec![(l, t), (r, t), (r, b), (l, b), (l, t)];
                draw(area, &Op::Path(path, *color, *width));
                Ok(())
            }
            Op::Dot((x, y), r, color) => {
                area.draw(&Circle::new((px(*x), px(*y)), *r, color.filled()))
            }
            Op::Ring((x, y), r, color, width) => area.draw(&Circle::new(
                (px(*x), px(*y)),
                *r,
                color.stroke_width(*width),
            )),
            Op::Marker(marker, (x, y), color) => {
                let (x, y) = (px(*x), px(*y));
                let style = color.filled();
                match marker {
                    Marker::Circle => area.draw(&Circle::new((x, y), 4, style)),
                    Marker::Square => {
                        area.draw(&Rectangle::new([(x - 3, y - 3), (x + 4, y + 4)], style))
                    }
                    Marker::Triangle => area.draw(&Polygon::new(
                        vec![(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)],
                        style,
                    )),
                    Marker::Diamond => area.draw(&Polygon::new(
                        vec![(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                        style,
                    )),
                }
            }
            Op::Text(text, (x, y), size, color, (h, v), up) => {
                if text.is_empty() {
                    return;
                }
                let font = FontDesc::new(
                    FontFamily::Name(font::FAMILY),
                    size * PLOTTERS_FONT_SCALE,
                    FontStyle::Normal,
                );
                let transform = if *up {
                    FontTransform::Rotate270
                } else {
                    FontTransform::None
                };
                let style = TextStyle::from(font)
                    .color(color)
                    .pos(Pos::new(*h, *v))
                    .transform(transform);
                area.draw(&Text::new(*text, (px(*x), px(*y)), style))
            }
        };
    }

    #[test]
    fn the_canvas_writes_what_plotters_wrote() {
        let colors = [
            TEXT,
            MUTED,
            GRID,
            AXIS,
            PLAN,
            EVENT,
            RGBColor(0x1f, 0x5f, 0xa8),
        ];
        let points = [
            (0.0, 0.0),
            (10.5, 3.49),
            (-2.5, 7.5),
            (439.6, 300.2),
            (12.0, 12.0),
            (460.0, 320.7),
        ];
        let mut ops = Vec::new();
        for (i, &color) in colors.iter().enumerate() {
            let (a, b) = (points[i % points.len()], points[(i + 2) % points.len()]);
            ops.push(Op::Rect(a, b, color));
            ops.push(Op::Rect(b, a, color));
            ops.push(Op::Rect(a, a, color));
            for width in [1, 2, 3] {
                ops.push(Op::Path(points.to_vec(), color, width));
                ops.push(Op::Path(vec![a, a], color, width));
                ops.push(Op::Path(vec![a, b], color, width));
                ops.push(Op::Outline(a, b, color, width));
                ops.push(Op::Ring(b, 3 + width, color, width));
            }
            ops.push(Op::Dot(a, 4, color));
            ops.push(Op::Dot(b, 1, color));
            for marker in [
                Marker::Circle,
                Marker::Square,
                Marker::Triangle,
                Marker::Diamond,
            ] {
                ops.push(Op::Marker(marker, a, color));
                ops.push(Op::Marker(marker, b, color));
            }
        }
        let texts = [
            "1 234,5 %",
            "Ж & <b> \"q\" 'x'",
            "два\nряда",
            "a\r\nb",
            "в конце\n",
            "r\rr",
            "",
            "\u{202F}",
        ];
        for (i, text) in texts.iter().enumerate() {
            for h in [HPos::Left, HPos::Center, HPos::Right] {
                for v in [VPos::Top, VPos::Center, VPos::Bottom] {
                    for size in [11.0, 12.0, 13.5, 14.0, 16.25] {
                        for up in [false, true] {
                            let at = points[i % points.len()];
                            ops.push(Op::Text(
                                text,
                                at,
                                size,
                                colors[i % colors.len()],
                                (h, v),
                                up,
                            ));
                        }
                    }
                }
            }
        }
        let theirs = plotters_elements(&ops, (440, 301));
        let mine = ours(&ops, (440, 301));
        assert!(mine.len() > 500, "{}", mine.len());
        assert_eq!(mine.len(), theirs.len());
        for (m, t) in mine.iter().zip(&theirs) {
            assert_eq!(m, t);
        }
    }
}
