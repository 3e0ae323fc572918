//! The drawing surface: plotters' SVG backend drawing in pixel coordinates, and the finishing
//! that turns its output into an accessible, scalable element to inline in a page.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

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

/// A plotters drawing area with the few primitives the charts use, in pixel coordinates.
pub(super) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
}

impl Canvas<'_> {
    /// A filled rectangle between two corners (in any order).
    pub fn rect(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), color: RGBColor) {
        let (l, r) = (px(x0.min(x1)), px(x0.max(x1)));
        let (t, b) = (px(y0.min(y1)), px(y0.max(y1)));
        if r > l && b > t {
            let _ = self
                .area
                .draw(&Rectangle::new([(l, t), (r, b)], color.filled()));
        }
    }

    /// A polyline.
    pub fn path(&self, points: &[(f64, f64)], color: RGBColor, width: u32) {
        let mut pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        pts.dedup();
        if pts.len() >= 2 {
            let _ = self
                .area
                .draw(&PathElement::new(pts, color.stroke_width(width)));
        }
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
        let _ = self
            .area
            .draw(&Circle::new((px(x), px(y)), radius, color.filled()));
    }

    /// The outline of a circle, `width` pixels wide.
    pub fn ring(&self, (x, y): (f64, f64), radius: u32, color: RGBColor, width: u32) {
        let _ = self.area.draw(&Circle::new(
            (px(x), px(y)),
            radius,
            color.stroke_width(width),
        ));
    }

    /// A filled marker centred on a point.
    pub fn marker(&self, marker: Marker, (x, y): (f64, f64), color: RGBColor) {
        let (x, y) = (px(x), px(y));
        let style = color.filled();
        let _ = match marker {
            Marker::Circle => self.area.draw(&Circle::new((x, y), 4, style)),
            Marker::Square => self
                .area
                .draw(&Rectangle::new([(x - 3, y - 3), (x + 4, y + 4)], style)),
            Marker::Triangle => self.area.draw(&Polygon::new(
                vec![(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)],
                style,
            )),
            Marker::Diamond => self.area.draw(&Polygon::new(
                vec![(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                style,
            )),
        };
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
        self.draw_text(text, at, size, color, anchor, FontTransform::None);
    }

    /// One line of text reading upwards (rotated a quarter turn); `anchor` is in the text's own
    /// frame, so `HPos::Right` ends the text at the point and `HPos::Left` starts it there.
    pub fn text_up(
        &self,
        text: &str,
        at: (f64, f64),
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
    ) {
        self.draw_text(text, at, size, color, anchor, FontTransform::Rotate270);
    }

    fn draw_text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        color: RGBColor,
        (h, v): (HPos, VPos),
        transform: FontTransform,
    ) {
        if text.is_empty() {
            return;
        }
        let font = FontDesc::new(
            FontFamily::Name(font::FAMILY),
            size * PLOTTERS_FONT_SCALE,
            FontStyle::Normal,
        );
        let style = TextStyle::from(font)
            .color(&color)
            .pos(Pos::new(h, v))
            .transform(transform);
        // plotters' SVG backend escapes the text (& < > " ') itself: pass it raw.
        let _ = self.area.draw(&Text::new(text, (px(x), px(y)), style));
    }
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
    font::ensure_registered();
    let (w, h) = (
        frame.width.ceil().max(1.0) as u32,
        frame.height.ceil().max(1.0) as u32,
    );
    let mut raw = String::new();
    {
        let canvas = Canvas {
            area: SVGBackend::with_string(&mut raw, (w, h)).into_drawing_area(),
        };
        let _ = canvas.area.fill(&WHITE);
        paint(&canvas);
        let _ = canvas.area.present();
    }
    finish(frame, (w, h), &raw)
}

/// The root element with role, accessible name and description, then plotters' shapes tidied
/// (default attributes dropped, one `<text>` per line, plan lines and date marks dashed) and
/// written compactly ([`super::compact`]). No `xmlns`: the chart is inline in an HTML page,
/// whose parser puts it in the SVG namespace.
fn finish(frame: &Frame, (w, h): (u32, u32), raw: &str) -> String {
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
    let mut out = String::with_capacity(raw.len() / 2 + 512);
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
    let hex = |c: &RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let dashed: Vec<(String, &str)> = DASHED
        .iter()
        .map(|(c, dash)| (format!(" stroke=\"{}\"", hex(c)), *dash))
        .collect();
    let mut elements = Vec::new();
    let mut lines = raw.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("<?xml") || line.starts_with("<svg") || line.starts_with("</svg") {
            continue;
        }
        let mut tag = tidy_attributes(line);
        if line.starts_with("<text") {
            // plotters writes `<text …>`, the escaped text and `</text>` on separate lines
            // (`font::one_line` keeps line breaks out of the text; were one left, it would
            // become a space).
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
        // Every line plotters writes is an element of the forms `compact` reads; one it could
        // not read would be a bug there, and is left out rather than written half-understood.
        if let Some(e) = super::compact::Element::parse(&tag) {
            elements.push(e);
        }
    }
    out.push_str(&super::compact::write(
        elements,
        (w, h),
        &[hex(&GRID), hex(&AXIS)],
    ));
    out.push_str("</svg>");
    out
}

/// Drops attributes that restate SVG defaults or the root's font, and rounds font sizes.
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
        tag.replace_range(start..start + len, &super::compact::number(size));
    }
    tag
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
