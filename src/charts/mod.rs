//! Charts for the report pages: bar and line charts as self-contained `<svg>` elements.
//!
//! The site is static and must work without JavaScript, on a 360 px phone and with a screen
//! reader, so each chart is an inline SVG that scales with its `viewBox`, is named by its
//! `<title>` and described in words by its `<desc>`. plotters' SVG backend draws the shapes;
//! the layout is done here, with every label measured in the embedded PT Sans (the font the
//! site serves as a web font), so that no label overflows or collides whatever fonts the
//! reader or the build machine has. The output is deterministic: the same report rebuilds to
//! the same bytes.

mod bar;
mod card;
mod compact;
mod font;
mod line;
mod plot;
mod scale;
mod svg;
mod timeline;

pub use card::{CARD_SIZE, Card, CardCache, card_key, card_png};

use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// One bar: its category, its value and the value as printed at the end of the bar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_label: String,
}

/// A bar chart of one series over categories.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarChart {
    /// Unique within a page, `[a-z0-9-]`: prefix of the element ids.
    pub id: String,
    /// Short: goes into `<title>`.
    pub title: String,
    /// One or two sentences in words with the numbers: goes into `<desc>`.
    pub desc: String,
    pub bars: Vec<Bar>,
    /// Horizontal bars (for long labels such as theme names) rather than vertical.
    pub horizontal: bool,
    /// `""` for counts, `"%"` for shares: added to the axis tick labels.
    pub y_suffix: String,
}

/// One line of a line chart; `None` is a month without data (a gap in the line).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A line chart of one to four series over months, with an optional plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineChart {
    /// Unique within a page, `[a-z0-9-]`: prefix of the element ids.
    pub id: String,
    /// Short: goes into `<title>`.
    pub title: String,
    /// One or two sentences in words with the numbers: goes into `<desc>`.
    pub desc: String,
    /// One per point, already formatted, e.g. «янв 2024».
    pub x_labels: Vec<String>,
    /// One to four series, as long as `x_labels`.
    pub series: Vec<Series>,
    /// The plan, one value per point (a step per year): a dashed line labelled «план».
    pub plan: Option<Vec<Option<f64>>>,
    /// `""` for counts, `"%"` for shares: added to the axis tick labels.
    pub y_suffix: String,
    /// The top of the value axis, e.g. `Some(100.0)` for shares; else a round number above
    /// the data (at least 1).
    pub y_max: Option<f64>,
    /// Dates to mark, e.g. a road map's approval and its completed measures: a thin dashed
    /// vertical line each, with its label above the plot.
    pub events: Vec<Event>,
    /// Points (indices into `x_labels`) of months without a report: a shaded band labelled
    /// «нет отчёта», so that a missing month reads as missing, not as a month the line skips.
    /// The series should have `None` there.
    pub missing: Vec<usize>,
}

/// A marked point of a line chart: a thin dashed vertical line with a short label («утверждена»,
/// «мера 1»). Events at the same point share one line and their labels are joined; labels go in
/// staggered rows above the plot, or, when they would not fit, as numbers in small circles with
/// the full labels listed in the legend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    /// The point: an index into `x_labels`. An event beyond the axis is left out.
    pub at: usize,
    pub label: String,
}

/// The state of a measure on a timeline, each drawn differently (and named by the row's
/// `status_label`, so that nothing is told by colour alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimelineStatus {
    /// A solid bar.
    Done,
    /// A light bar with an outline.
    InProgress,
    /// A heavy dark-orange outline, and a zigzag from the deadline to today.
    Overdue,
    /// A grey bar struck through.
    Cancelled,
}

/// One measure of a timeline: a bar from `start` to `due`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    /// Usually the road map's approval.
    pub start: chrono::NaiveDate,
    /// The deadline.
    pub due: chrono::NaiveDate,
    /// When it was done: a dot; after `due`, the overrun is drawn as a zigzag.
    pub done: Option<chrono::NaiveDate>,
    pub status: TimelineStatus,
    /// The status in words, e.g. «выполнено», «в работе», «просрочено», «отменено»: printed at
    /// the right end of the row.
    pub status_label: String,
}

/// A timeline (Gantt-like) chart of measures against their deadlines, with a «сегодня» line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimelineChart {
    /// Unique within a page, `[a-z0-9-]`: prefix of the element ids.
    pub id: String,
    /// Short: goes into `<title>`.
    pub title: String,
    /// One or two sentences in words with the dates: goes into `<desc>`.
    pub desc: String,
    /// One row per measure, top to bottom.
    pub rows: Vec<TimelineRow>,
    /// The as-of date: a dashed vertical line labelled «сегодня» and the date. The time axis
    /// always covers it.
    pub today: chrono::NaiveDate,
}

/// Renders a bar chart as a complete `<svg>` element.
pub fn bar_chart(chart: &BarChart) -> String {
    both_widths(|w| bar::render_bar_chart(chart, w))
}

/// Renders a horizontal bar chart with a dashed plan line at `plan` (in the bars' units), whose
/// value axis always reaches the plan: a region's ranking of its municipalities on a target.
pub fn bar_chart_with_plan(chart: &BarChart, plan: Option<f64>) -> String {
    both_widths(|w| bar::render_bar_chart_with_plan(chart, plan, w))
}

/// Renders a line chart as a complete `<svg>` element.
pub fn line_chart(chart: &LineChart) -> String {
    both_widths(|w| line::render_line_chart(chart, w))
}

/// Renders a line chart as one `<svg>` drawn at the phone's width and shown at every width (up
/// to `svg.chart-one`'s width in the stylesheet, where its text is the size of a wide drawing's):
/// for small multiples, such as a year's twelve months of each target in the annual report, whose
/// two drawings were most of the page.
pub fn line_chart_one(chart: &LineChart) -> String {
    line::render_line_chart(chart, Variant::One)
}

/// Renders a timeline of measures as a complete `<svg>` element.
pub fn timeline_chart(chart: &TimelineChart) -> String {
    both_widths(|w| timeline::render_timeline_chart(chart, w))
}

/// A timeline drawn once at the phone's width and shown at every width, as [`line_chart_one`]:
/// for a page embedded in another site, which one drawing serves from 300 to 1,000 px.
pub fn timeline_chart_one(chart: &TimelineChart) -> String {
    timeline::render_timeline_chart(chart, Variant::One)
}

/// [`bar_chart_with_plan`] drawn once at the phone's width, as [`line_chart_one`]: for an
/// embedded page.
pub fn bar_chart_with_plan_one(chart: &BarChart, plan: Option<f64>) -> String {
    bar::render_bar_chart_with_plan(chart, plan, Variant::One)
}

/// Whether a run draws a site's charts. `check` does not: a chart is drawn from figures already
/// computed and checked, has no input of its own to reject and carries no link, so drawing it
/// cannot change what `check` reports (`tests/check_draws_nothing.rs` compares the two). In its
/// place goes [`Draw::PLACEHOLDER`], so that a template that tests for a chart takes the same
/// branch. The municipality's pages ask through this; the region's own dozen charts are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draw {
    Charts,
    Nothing,
}

impl Draw {
    /// What stands for a chart that is not drawn: an empty drawing, never shown to anyone.
    pub const PLACEHOLDER: &'static str = "<svg class=\"chart\"></svg>";

    /// The drawing `draw` makes, or the placeholder.
    fn or_placeholder(self, draw: impl FnOnce() -> String) -> String {
        match self {
            Draw::Charts => draw(),
            Draw::Nothing => Draw::PLACEHOLDER.to_string(),
        }
    }

    /// [`bar_chart`], or the placeholder.
    pub fn bar_chart(self, chart: &BarChart) -> String {
        self.or_placeholder(|| bar_chart(chart))
    }

    /// [`line_chart`], or the placeholder.
    pub fn line_chart(self, chart: &LineChart) -> String {
        self.or_placeholder(|| line_chart(chart))
    }

    /// [`line_chart_one`], or the placeholder.
    pub fn line_chart_one(self, chart: &LineChart) -> String {
        self.or_placeholder(|| line_chart_one(chart))
    }

    /// [`timeline_chart`], or the placeholder.
    pub fn timeline_chart(self, chart: &TimelineChart) -> String {
        self.or_placeholder(|| timeline_chart(chart))
    }

    /// [`timeline_chart_one`], or the placeholder.
    pub fn timeline_chart_one(self, chart: &TimelineChart) -> String {
        self.or_placeholder(|| timeline_chart_one(chart))
    }
}

/// Width of a chart's `viewBox` on screens wider than a phone; the chart scales to its
/// container, which is at least this wide there, so no text is drawn smaller than its size.
const WIDE: f64 = 440.0;
/// Width of the phone variant's `viewBox`: a 360 px phone's column is 328 px wide, so the
/// phone variant is shown at its own size or larger, and its 12 px text stays 12 px or more.
const NARROW: f64 = 320.0;

/// What is being drawn: the wide variant or the phone variant of a pair, or the one drawing of
/// [`line_chart_one`] (at the phone's width). Handed to each drawing: no state is kept between
/// drawings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Variant {
    Wide,
    Narrow,
    One,
}

impl Variant {
    /// The width of the drawing's `viewBox`: [`WIDE`], or [`NARROW`] for a phone's.
    pub(super) fn width(self) -> f64 {
        match self {
            Variant::Wide => WIDE,
            Variant::Narrow | Variant::One => NARROW,
        }
    }
}

/// Draws a chart twice, for wide screens and for phones, each drawing handed its variant
/// ([`Variant::Wide`], [`Variant::Narrow`]); the stylesheet shows one of the two (`.chart-wide`,
/// `.chart-narrow`), the other is `display: none` and so out of the accessibility tree too. No
/// script is needed and each variant is drawn for the width it is shown at, instead of one
/// drawing shrunk to a phone's width.
fn both_widths(draw: impl Fn(Variant) -> String) -> String {
    let mut out = draw(Variant::Wide);
    out.push('\n');
    out.push_str(&draw(Variant::Narrow));
    out
}
/// Margin around the drawing.
const PAD: f64 = 8.0;
/// Series colours, each at least 4.5:1 against white.
const PALETTE: [RGBColor; 4] = [
    RGBColor(0x1f, 0x5f, 0xa8),
    RGBColor(0xb3, 0x47, 0x0b),
    RGBColor(0x2e, 0x7d, 0x32),
    RGBColor(0x6a, 0x3d, 0x9a),
];

/// A chart with nothing to plot: says so instead of drawing empty axes.
fn no_data(frame: &svg::Frame) -> String {
    let frame = svg::Frame {
        height: 64.0,
        ..*frame
    };
    svg::render(&frame, |c| {
        let at = (frame.width / 2.0, frame.height / 2.0);
        c.text(
            "Нет данных",
            at,
            14.0,
            svg::MUTED,
            (HPos::Center, VPos::Center),
        );
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Most tests look at the wide variant alone; `both_variants_*` look at the pair that the
    // public functions return.
    fn line_chart(chart: &LineChart) -> String {
        line::render_line_chart(chart, Variant::Wide)
    }

    fn bar_chart(chart: &BarChart) -> String {
        bar::render_bar_chart(chart, Variant::Wide)
    }

    fn timeline_chart(chart: &TimelineChart) -> String {
        timeline::render_timeline_chart(chart, Variant::Wide)
    }

    /// The drawing with each group's attributes written onto its elements, one element a line:
    /// what each element is drawn with, for tests that look at elements one by one.
    fn flat(svg: &str) -> String {
        let mut groups: Vec<String> = Vec::new();
        let mut out = String::new();
        for line in svg.lines() {
            if let Some(attrs) = line.strip_prefix("<g").and_then(|r| r.strip_suffix('>')) {
                groups.push(attrs.to_string());
                continue;
            }
            if line == "</g>" {
                groups.pop();
                continue;
            }
            // A path of zero-length strokes stands for the discs or squares its caps draw.
            if let Some(dots) = dots_of(line) {
                for d in dots {
                    out.push_str(&d);
                    out.push('\n');
                }
                continue;
            }
            let inherited = groups.concat();
            let at = if line.starts_with("<text") {
                line.find('>')
            } else {
                line.rfind("/>")
            };
            match at {
                Some(at)
                    if !inherited.is_empty()
                        && line.starts_with('<')
                        && !line.starts_with("</") =>
                {
                    out.push_str(&line[..at]);
                    out.push_str(&inherited);
                    out.push_str(&line[at..]);
                }
                _ => out.push_str(line),
            }
            out.push('\n');
        }
        out
    }

    /// The `<circle>`s or `<rect>`s that a path of zero-length round (square) strokes draws.
    fn dots_of(line: &str) -> Option<Vec<String>> {
        let attr = |name: &str| {
            line.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
        };
        let cap = attr("stroke-linecap")?;
        if !line.starts_with("<path ") {
            return None;
        }
        let (colour, width) = (attr("stroke")?, attr("stroke-width")?.parse::<f64>().ok()?);
        // `M x y h0` once, then `m dx dy h0` from the last point.
        let d = attr("d")?;
        let mut at = (0.0, 0.0);
        d.split_inclusive("h0")
            .map(|piece| {
                let moved = piece.strip_suffix("h0")?;
                let (relative, xy) = match moved.strip_prefix('m') {
                    Some(xy) => (true, xy),
                    None => (false, moved.strip_prefix('M')?),
                };
                // The second number starts at a space or at its minus sign.
                let split = xy[1..].find([' ', '-']).map(|i| i + 1)?;
                let (x, y) = (
                    xy[..split].parse::<f64>().ok()?,
                    xy[split..].trim_start().parse::<f64>().ok()?,
                );
                at = if relative { (at.0 + x, at.1 + y) } else { (x, y) };
                let (x, y) = at;
                Some(match cap {
                    "round" => format!(
                        "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"{colour}\"/>",
                        width / 2.0
                    ),
                    _ => format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"{width}\" height=\"{width}\" fill=\"{colour}\"/>",
                        x - width / 2.0,
                        y - width / 2.0
                    ),
                })
            })
            .collect()
    }

    #[test]
    fn one_drawing_is_at_the_phones_width_with_its_own_words() {
        let svg = super::line_chart_one(&monthly_shares());
        assert_eq!(svg.matches("<svg ").count(), 1, "one drawing");
        assert!(svg.contains(r#"class="chart chart-one""#), "{svg:.200}");
        assert!(svg.contains(&format!("viewBox=\"0 0 {NARROW} ")));
        assert!(
            svg.contains("<title id=\"on-time-title\">")
                && svg.contains("<desc id=\"on-time-desc\">")
        );
        // The same drawing as a pair's phone variant, but for its words.
        let drawing = |s: &str| {
            s.lines()
                .filter(|l| !l.starts_with("<title") && !l.starts_with("<desc"))
                .collect::<Vec<_>>()
                .join("\n")
                .replace("chart-one", "chart-narrow")
        };
        let pair = super::line_chart(&monthly_shares());
        assert_eq!(drawing(&svg), drawing(&variants(&pair).1));
        // The next drawing is a pair again.
        assert!(super::line_chart(&monthly_shares()).contains("chart-wide"));
    }

    #[test]
    fn flat_reads_groups_and_marker_paths_back_as_elements() {
        let svg = "<g fill=\"#1F5FA8\">\n<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\"/>\n</g>\n\
                   <path d=\"M64 116h0m32-65h0m-0.5 1.5h0\" stroke=\"#B3470B\" stroke-width=\"8\" stroke-linecap=\"round\"/>\n";
        assert_eq!(
            flat(svg),
            "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#1F5FA8\"/>\n\
             <circle cx=\"64\" cy=\"116\" r=\"4\" fill=\"#B3470B\"/>\n\
             <circle cx=\"96\" cy=\"51\" r=\"4\" fill=\"#B3470B\"/>\n\
             <circle cx=\"95.5\" cy=\"52.5\" r=\"4\" fill=\"#B3470B\"/>\n"
        );
    }

    /// The wide and the phone variant of a chart as the public functions return them.
    fn variants(pair: &str) -> (String, String) {
        let at = pair.find("</svg>\n<svg ").expect("two charts") + "</svg>".len();
        (pair[..at].to_string(), pair[at + 1..].to_string())
    }

    #[test]
    fn both_variants_are_drawn_with_their_own_ids_and_width() {
        let pairs = [
            super::line_chart(&monthly_shares()),
            super::line_chart(&before_after()),
            super::bar_chart(&theme_bars()),
            super::timeline_chart(&road_map_timeline()),
        ];
        for pair in &pairs {
            let (wide, narrow) = variants(pair);
            assert!(wide.contains(r#"class="chart chart-wide""#), "{wide:.200}");
            assert!(
                narrow.contains(r#"class="chart chart-narrow""#),
                "{narrow:.200}"
            );
            assert!(wide.contains(&format!("viewBox=\"0 0 {WIDE} ")));
            assert!(narrow.contains(&format!("viewBox=\"0 0 {NARROW} ")));
            // The phone variant is named by the wide one's title and description, which are in
            // the page once.
            let labels = |svg: &str| {
                svg.split("aria-labelledby=\"")
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap()
                    .to_string()
            };
            assert_eq!(labels(&wide), labels(&narrow));
            for id in labels(&wide).split(' ') {
                assert_eq!(pair.matches(&format!(" id=\"{id}\"")).count(), 1, "{id}");
                assert!(wide.contains(&format!(" id=\"{id}\">")), "{id}");
            }
            assert!(!narrow.contains("<title") && !narrow.contains("<desc"));
            // Every text of the phone variant stays inside it.
            for b in text_boxes(&narrow) {
                assert!(
                    b.x0 >= -0.5 && b.x1 <= NARROW + 0.5,
                    "{} at {}–{}",
                    b.text,
                    b.x0,
                    b.x1
                );
            }
        }
        // Drawing the phone variant leaves the next drawing wide.
        let next = super::bar_chart_with_plan(&theme_bars(), None);
        assert!(
            next.contains(&format!("viewBox=\"0 0 {WIDE} ")),
            "{next:.200}"
        );
    }

    #[test]
    fn no_chart_text_is_under_12_px_at_either_width() {
        // A 360 px phone shows the phone variant 328 px wide, wider screens the wide one at
        // least 449 px wide: text drawn at 12 or more stays 12 px or more on screen.
        let pairs = [
            super::line_chart(&monthly_shares()),
            super::line_chart(&before_after()),
            super::bar_chart(&theme_bars()),
            super::timeline_chart(&road_map_timeline()),
        ];
        for pair in &pairs {
            for line in flat(pair).lines().filter(|l| l.starts_with("<text")) {
                let size: f64 = line
                    .split(" font-size=\"")
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .and_then(|v| v.parse().ok())
                    .expect("a font size");
                assert!(size >= 11.99, "{line}");
            }
        }
        const { assert!(328.0 / NARROW >= 1.0 && 449.0 / WIDE >= 1.0) };
    }

    #[test]
    fn a_missing_month_is_a_labelled_gap() {
        let chart = LineChart {
            id: "gap".into(),
            title: "Поступило".into(),
            desc: "Поступило по месяцам.".into(),
            x_labels: ["май 2024", "июн 2024", "июл 2024", "авг 2024"]
                .map(String::from)
                .to_vec(),
            series: vec![Series {
                name: "всего".into(),
                values: vec![Some(10.0), Some(12.0), None, Some(11.0)],
            }],
            missing: vec![2],
            ..Default::default()
        };
        for svg in [line_chart(&chart), variants(&super::line_chart(&chart)).1] {
            assert_eq!(
                texts(&svg).iter().filter(|t| *t == "нет отчёта").count(),
                1,
                "{svg}"
            );
            let series = flat(&svg)
                .lines()
                .filter(|l| l.starts_with("<polyline") && l.contains("stroke=\"#1F5FA8\""))
                .count();
            assert_eq!(
                series, 1,
                "one piece of line before the gap; the last point alone"
            );
        }
        let without = line_chart(&LineChart {
            missing: Vec::new(),
            ..chart
        });
        assert!(!texts(&without).iter().any(|t| t == "нет отчёта"));
    }

    fn theme_bars() -> BarChart {
        let themes = [
            ("ЖКХ", 1843.0),
            ("Дороги", 1210.0),
            ("Благоустройство", 964.0),
            ("ТКО", 512.0),
            ("Транспорт", 388.0),
            ("Образование", 207.0),
            ("Здравоохранение", 143.0),
            ("Социальная защита", 61.0),
        ];
        BarChart {
            id: "themes".into(),
            title: "Сообщения по темам".into(),
            desc: "Больше всего сообщений о ЖКХ: 1 843; меньше всего о социальной защите: 61."
                .into(),
            bars: themes
                .iter()
                .map(|(label, v)| Bar {
                    label: label.to_string(),
                    value: *v,
                    value_label: crate::format::int(*v as i64),
                })
                .collect(),
            horizontal: true,
            y_suffix: String::new(),
        }
    }

    /// 45 months from January 2022 (September 2025 back), two shares with gaps and a plan.
    fn monthly_shares() -> LineChart {
        let months: Vec<(i32, u32)> = (0..45)
            .map(|i| (2022 + i / 12, (i % 12 + 1) as u32))
            .collect();
        let on_time = (0..45)
            .map(|i| {
                if i == 7 || i == 8 {
                    None
                } else {
                    Some(70.0 + (i as f64 * 0.7).sin() * 8.0 + i as f64 * 0.3)
                }
            })
            .collect();
        let first = (0..45)
            .map(|i| {
                if i < 3 {
                    None
                } else {
                    Some(40.0 + (i as f64 * 0.4).cos() * 10.0)
                }
            })
            .collect();
        LineChart {
            id: "on-time".into(),
            title: "Доля ответов в срок".into(),
            desc: "Доля ответов в срок выросла с 70 % до 83 %.".into(),
            x_labels: months
                .iter()
                .map(|&(y, m)| crate::format::month_short(y, m))
                .collect(),
            series: vec![
                Series {
                    name: "Ответы в срок".into(),
                    values: on_time,
                },
                Series {
                    name: "Решено с первого раза".into(),
                    values: first,
                },
            ],
            plan: Some(
                (0..45)
                    .map(|i| Some([75.0, 80.0, 85.0, 90.0][i / 12]))
                    .collect(),
            ),
            y_suffix: "%".into(),
            y_max: Some(100.0),
            events: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// A road map's before/after chart: 45 monthly counts of complaints on its theme (from
    /// January 2022) falling after the approval in March 2023, with four measures done, two of
    /// them in the same month.
    fn before_after() -> LineChart {
        LineChart {
            id: "before-after-dorogi".into(),
            title: "Обращения по теме «Дороги» по месяцам".into(),
            desc: "Дорожная карта утверждена 14 марта 2023 г.; в среднем 52 обращения в месяц \
                   за полгода до неё и 21 — за последние полгода."
                .into(),
            x_labels: (0..45)
                .map(|i| crate::format::month_short(2022 + i / 12, (i % 12 + 1) as u32))
                .collect(),
            series: vec![Series {
                name: "«Дороги»".into(),
                values: (0..45)
                    .map(|i| {
                        let base = if i < 14 {
                            50.0
                        } else {
                            50.0 - (i - 14) as f64 * 1.1
                        };
                        (i != 30).then_some((base + (i as f64 * 1.3).sin() * 6.0).max(12.0).round())
                    })
                    .collect(),
            }],
            events: [
                (14, "утверждена"),
                (19, "мера 1"),
                (25, "мера 2"),
                (25, "мера 3"),
                (33, "мера 4"),
            ]
            .iter()
            .map(|&(at, label)| Event {
                at,
                label: label.into(),
            })
            .collect(),
            ..LineChart::default()
        }
    }

    fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A road map's six measures as of 1 October 2024: three done (one late), one in progress,
    /// one overdue and one cancelled.
    fn road_map_timeline() -> TimelineChart {
        let row = |label: &str, start, due, done, status, status_label: &str| TimelineRow {
            label: label.into(),
            start,
            due,
            done,
            status,
            status_label: status_label.into(),
        };
        let approved = date(2023, 3, 14);
        TimelineChart {
            id: "timeline-dorogi".into(),
            title: "Меры дорожной карты «Дороги» и их сроки".into(),
            desc: "Из шести мер выполнены три (одна с опозданием), одна в работе, одна \
                   просрочена, одна отменена."
                .into(),
            rows: vec![
                row(
                    "Ямочный ремонт на ул. Ленина",
                    approved,
                    date(2023, 8, 31),
                    Some(date(2023, 8, 10)),
                    TimelineStatus::Done,
                    "выполнено",
                ),
                row(
                    "Обследование дворовых проездов",
                    approved,
                    date(2023, 6, 30),
                    Some(date(2023, 6, 20)),
                    TimelineStatus::Done,
                    "выполнено",
                ),
                row(
                    "Ремонт тротуаров у школ № 3 и № 7",
                    approved,
                    date(2023, 12, 31),
                    Some(date(2024, 4, 12)),
                    TimelineStatus::Done,
                    "выполнено",
                ),
                row(
                    "Капитальный ремонт моста через реку Вологду",
                    date(2023, 9, 1),
                    date(2025, 6, 30),
                    None,
                    TimelineStatus::InProgress,
                    "в работе",
                ),
                row(
                    "Ливнёвка на Окружном шоссе",
                    approved,
                    date(2024, 5, 31),
                    None,
                    TimelineStatus::Overdue,
                    "просрочено",
                ),
                row(
                    "Платные парковки в центре",
                    approved,
                    date(2024, 3, 1),
                    None,
                    TimelineStatus::Cancelled,
                    "отменено",
                ),
            ],
            today: date(2024, 10, 1),
        }
    }

    /// A small XML check: tags balance, attributes are quoted, every `&` starts an entity, and
    /// no raw `<` or `>` appears in text.
    fn assert_well_formed(svg: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            assert!(!text.contains('>'), "raw > in text: {text:?}");
            assert_entities(text);
            let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
            let tag = &rest[lt + 1..gt];
            assert!(!tag.contains('<'), "< inside a tag: {tag:?}");
            assert_eq!(
                tag.matches('"').count() % 2,
                0,
                "unbalanced quotes: {tag:?}"
            );
            assert_entities(tag);
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                stack.push(
                    tag.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                );
            }
            rest = &rest[gt + 1..];
        }
        assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    fn assert_entities(s: &str) {
        for (i, _) in s.match_indices('&') {
            let entity = &s[i..];
            assert!(
                // `&apos;` from plotters' own escaping, `&#x27;` from ours.
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#x27;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare &: {entity:.20}"
            );
        }
    }

    /// The `<text>` contents, unescaped.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let start = t.find('>')? + 1;
                let end = t.find("</text>")?;
                Some(
                    t[start..end]
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&#x27;", "'")
                        .replace("&amp;", "&"),
                )
            })
            .collect()
    }

    fn assert_root(svg: &str, id: &str) {
        assert!(svg.starts_with("<svg "), "{svg:.80}");
        assert!(!svg.contains("<?xml"));
        let root = &svg[..svg.find('>').unwrap()];
        assert!(root.contains(r#"role="img""#));
        assert!(root.contains(&format!(r#"aria-labelledby="{id}-title {id}-desc""#)));
        assert!(root.contains(r#"class="chart chart-wide""#) && root.contains(r#"width="100%""#));
        assert!(root.contains(&format!("viewBox=\"0 0 {WIDE} ")));
        assert!(!root.contains("height="));
        let after = &svg[root.len() + 1..].trim_start();
        assert!(
            after.starts_with(&format!(r#"<title id="{id}-title">"#)),
            "{after:.80}"
        );
        let desc_at = after.find("</title>").unwrap() + "</title>".len();
        assert!(
            after[desc_at..]
                .trim_start()
                .starts_with(&format!(r#"<desc id="{id}-desc">"#))
        );
        assert!(svg.ends_with("</svg>"));
        assert_well_formed(svg);
    }

    #[test]
    fn root_has_role_title_desc_and_ids() {
        let bars = theme_bars();
        let svg = bar_chart(&bars);
        assert_root(&svg, "themes");
        assert!(svg.contains("<title id=\"themes-title\">Сообщения по темам</title>"));
        assert!(svg.contains("меньше всего о социальной защите: 61.</desc>"));
        let lines = monthly_shares();
        assert_root(&line_chart(&lines), "on-time");
        let svg = line_chart(&before_after());
        assert_root(&svg, "before-after-dorogi");
        assert!(svg.contains(
            "<title id=\"before-after-dorogi-title\">Обращения по теме «Дороги» по месяцам</title>"
        ));
        let svg = timeline_chart(&road_map_timeline());
        assert_root(&svg, "timeline-dorogi");
        assert!(svg.contains(
            "<title id=\"timeline-dorogi-title\">Меры дорожной карты «Дороги» и их сроки</title>"
        ));
        assert!(svg.contains("одна отменена.</desc>"));
        assert_root(
            &bar_chart(&BarChart {
                horizontal: false,
                ..bars
            }),
            "themes",
        );
    }

    #[test]
    fn text_uses_pt_sans_and_russian_numbers() {
        let svg = bar_chart(&theme_bars());
        assert!(svg.contains("font-family=\"'Vitrina Sans', 'PT Sans', Arial, sans-serif\""));
        let bar_texts = texts(&svg);
        assert!(
            bar_texts.contains(&"1\u{202F}843".to_string()),
            "{bar_texts:?}"
        );
        assert!(bar_texts.contains(&"Социальная защита".to_string()));
        let line_texts = texts(&line_chart(&monthly_shares()));
        assert!(
            line_texts.contains(&"100\u{202F}%".to_string()),
            "{line_texts:?}"
        );
        assert!(
            line_texts.contains(&"янв 2023".to_string()),
            "{line_texts:?}"
        );
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(bar_chart(&theme_bars()), bar_chart(&theme_bars()));
        assert_eq!(line_chart(&monthly_shares()), line_chart(&monthly_shares()));
        let svg = line_chart(&monthly_shares());
        let again = std::thread::spawn(|| line_chart(&monthly_shares()))
            .join()
            .unwrap();
        assert_eq!(svg, again);
        assert_eq!(line_chart(&before_after()), line_chart(&before_after()));
        let svg = timeline_chart(&road_map_timeline());
        let again = std::thread::spawn(|| timeline_chart(&road_map_timeline()))
            .join()
            .unwrap();
        assert_eq!(svg, again);
    }

    #[test]
    fn control_characters_xml_forbids_never_reach_an_svg() {
        let mut bars = theme_bars();
        bars.title = "ЖКХ\u{1}\u{8}".into();
        bars.desc = "описание\u{1F}".into();
        let svg = bar_chart(&bars);
        assert!(!svg.contains(['\u{1}', '\u{8}', '\u{1F}']), "{svg}");
        assert!(svg.contains("ЖКХ</title>"));
        assert_well_formed(&svg);
    }

    #[test]
    fn caller_text_is_escaped_once() {
        let evil = "<script>alert(1)</script> & «ЖКХ»";
        let mut bars = theme_bars();
        bars.title = evil.into();
        bars.desc = format!("{evil} \"quoted\" 'single'");
        bars.bars[0].label = evil.into();
        bars.bars[0].value_label = evil.into();
        bars.id = "x\" onload=\"alert(1)".into();
        let mut lines = monthly_shares();
        lines.title = evil.into();
        lines.series[0].name = evil.into();
        lines.x_labels[0] = evil.into();
        for horizontal in [true, false] {
            let svg = bar_chart(&BarChart {
                horizontal,
                ..bars.clone()
            });
            check_escaped(&svg, evil);
            assert!(svg.contains("&quot;quoted&quot; &#x27;single&#x27;"));
            assert!(!svg.contains("onload=\""));
        }
        let svg = line_chart(&lines);
        check_escaped(&svg, evil);
        // The legend has room for the whole name.
        assert!(texts(&svg).iter().any(|t| t == evil));

        // Event labels, worded and numbered (the key has room for the whole label).
        let mut events = before_after();
        events.title = evil.into();
        events.events[0].label = "<b>&</b>".into();
        let svg = line_chart(&events);
        assert_well_formed(&svg);
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; «ЖКХ»</title>"));
        assert!(texts(&svg).contains(&"<b>&</b>".to_string()));
        assert!(svg.contains(">&lt;b&gt;&amp;&lt;/b&gt;</text>"));
        events.events[0].label = evil.into();
        let svg = line_chart(&events);
        check_escaped(&svg, evil);
        assert!(texts(&svg).iter().any(|t| t == evil));

        let mut timeline = road_map_timeline();
        timeline.title = evil.into();
        timeline.desc = format!("{evil} \"quoted\" 'single'");
        timeline.id = "x\" onload=\"alert(1)".into();
        timeline.rows[0].label = evil.into();
        timeline.rows[1].status_label = "<i>&</i>".into();
        let svg = timeline_chart(&timeline);
        check_escaped(&svg, evil);
        assert!(svg.contains("&quot;quoted&quot; &#x27;single&#x27;"));
        assert!(!svg.contains("onload=\""));
        assert!(texts(&svg).contains(&"<i>&</i>".to_string()));
    }

    fn check_escaped(svg: &str, evil: &str) {
        assert!(!svg.contains("<script"), "raw script tag");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(
            !svg.contains("&amp;lt;") && !svg.contains("&amp;amp;"),
            "double escaping"
        );
        assert_well_formed(svg);
        // The title holds it whole, escaped once.
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; «ЖКХ»</title>"));
        // Drawn text unescapes to the caller's text (whole, or shortened with «…»).
        let prefix: String = evil.chars().take(8).collect();
        assert!(texts(svg).iter().any(|t| t.starts_with(&prefix)), "{evil}");
    }

    #[test]
    fn gaps_break_the_line() {
        let chart = LineChart {
            id: "gaps".into(),
            x_labels: (1..=6)
                .map(|m| crate::format::month_short(2024, m))
                .collect(),
            series: vec![Series {
                name: "Обращения".into(),
                values: vec![Some(10.0), Some(12.0), None, Some(14.0), None, Some(0.0)],
            }],
            ..LineChart::default()
        };
        let svg = line_chart(&chart);
        assert_well_formed(&svg);
        // One polyline for the first run; the lone points are markers only; no legend.
        let flat_svg = flat(&svg);
        let lines: Vec<&str> = flat_svg
            .lines()
            .filter(|l| l.contains("<polyline") && l.contains("#1F5FA8"))
            .collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        let points = lines[0]
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), 2, "{points}");
        // A marker for each of the four values, the zero included; none for the gaps.
        assert_eq!(flat(&svg).matches("<circle").count(), 4);
        assert!(!svg.contains(">план<"));
    }

    #[test]
    fn plan_line_is_dashed_and_in_the_legend() {
        let svg = line_chart(&monthly_shares());
        assert!(texts(&svg).contains(&"план".to_string()));
        let flat_svg = flat(&svg);
        let dashed: Vec<&str> = flat_svg
            .lines()
            .filter(|l| l.contains("stroke-dasharray"))
            .collect();
        // The plan's step line and its legend sample.
        assert_eq!(dashed.len(), 2, "{dashed:?}");
        assert!(
            dashed
                .iter()
                .all(|l| l.starts_with("<polyline") && l.contains("#3B3B3B"))
        );
        assert!(texts(&svg).contains(&"Ответы в срок".to_string()));
        let mut no_plan = monthly_shares();
        no_plan.plan = None;
        let svg = line_chart(&no_plan);
        assert!(!svg.contains("stroke-dasharray") && !svg.contains(">план<"));
    }

    #[test]
    fn series_differ_by_marker_shape() {
        let mut chart = monthly_shares();
        chart.series.push(Series {
            name: "Третий".into(),
            values: vec![Some(20.0); 45],
        });
        chart.series.push(Series {
            name: "Четвёртый".into(),
            values: vec![Some(30.0); 45],
        });
        let svg = line_chart(&chart);
        let drawn = flat(&svg);
        assert!(drawn.contains("<circle") && drawn.contains("<rect") && drawn.contains("<polygon"));
        for colour in ["#1F5FA8", "#B3470B", "#2E7D32", "#6A3D9A"] {
            assert!(svg.contains(colour), "{colour}");
        }
    }

    #[test]
    fn many_months_get_thinned_labels() {
        let svg = line_chart(&monthly_shares());
        let months: Vec<String> = texts(&svg)
            .into_iter()
            .filter(|t| t.contains(" 20"))
            .collect();
        assert!(months.len() >= 4 && months.len() <= 12, "{months:?}");
        assert!(
            months
                .iter()
                .all(|m| m.starts_with("янв") || m.starts_with("июл")),
            "{months:?}"
        );
    }

    #[test]
    fn empty_and_degenerate_input_does_not_panic() {
        let empty_bars = bar_chart(&BarChart {
            id: "e".into(),
            ..BarChart::default()
        });
        assert_root(&empty_bars, "e");
        assert!(empty_bars.contains("Нет данных"));
        assert_root(
            &line_chart(&LineChart {
                id: "e".into(),
                ..LineChart::default()
            }),
            "e",
        );
        let cases = [
            vec![],
            vec![Series::default()],
            vec![Series {
                name: "нули".into(),
                values: vec![Some(0.0); 12],
            }],
            vec![Series {
                name: "пусто".into(),
                values: vec![None; 12],
            }],
            vec![Series {
                name: "одна".into(),
                values: vec![Some(5.0)],
            }],
            vec![Series {
                name: "странные".into(),
                values: vec![Some(f64::NAN), Some(-3.0), Some(f64::INFINITY), Some(1e15)],
            }],
            (0..7)
                .map(|i| Series {
                    name: format!("ряд {i}"),
                    values: vec![Some(i as f64); 3],
                })
                .collect(),
        ];
        for series in cases {
            for x_labels in [
                vec![],
                vec!["янв 2024".to_string()],
                vec!["x".to_string(); 500],
            ] {
                for y_max in [None, Some(0.0), Some(100.0), Some(f64::NAN), Some(-5.0)] {
                    let chart = LineChart {
                        id: "d".into(),
                        x_labels: x_labels.clone(),
                        series: series.clone(),
                        plan: Some(vec![None, Some(3.0)]),
                        y_max,
                        ..LineChart::default()
                    };
                    assert_root(&line_chart(&chart), "d");
                }
            }
        }
        let values = [0.0, -5.0, f64::NAN, f64::NEG_INFINITY, 1e18, 0.001];
        for n in [1, 2, 7, 300] {
            for horizontal in [true, false] {
                let bars = (0..n)
                    .map(|i| Bar {
                        label: format!("№{i}"),
                        value: values[i % values.len()],
                        value_label: String::new(),
                    })
                    .collect();
                let chart = BarChart {
                    id: "b".into(),
                    bars,
                    horizontal,
                    ..BarChart::default()
                };
                assert_root(&bar_chart(&chart), "b");
            }
        }
    }

    #[test]
    fn zero_values_get_an_axis_up_to_one() {
        let chart = BarChart {
            id: "z".into(),
            bars: vec![Bar {
                label: "ЖКХ".into(),
                value: 0.0,
                value_label: "0".into(),
            }],
            horizontal: true,
            ..BarChart::default()
        };
        let texts = texts(&bar_chart(&chart));
        assert!(
            texts.contains(&"1".to_string()) && texts.contains(&"0,2".to_string()),
            "{texts:?}"
        );
    }

    #[test]
    fn long_labels_are_shortened() {
        let long = "Жилищно-коммунальное хозяйство, капитальный ремонт многоквартирных домов и \
                    содержание общего имущества собственников помещений";
        let mut chart = theme_bars();
        chart.bars[0].label = long.into();
        for horizontal in [true, false] {
            let svg = bar_chart(&BarChart {
                horizontal,
                ..chart.clone()
            });
            assert!(!svg.contains(long));
            assert!(
                texts(&svg)
                    .iter()
                    .any(|t| t.starts_with("Жилищно") && t.ends_with('…')),
                "{horizontal}"
            );
        }
        let mut lines = monthly_shares();
        lines.series[1].name = long.into();
        lines.x_labels = vec![long.to_string(); 45];
        let svg = line_chart(&lines);
        assert!(!svg.contains(long));
        assert!(
            texts(&svg)
                .iter()
                .any(|t| t.starts_with("Жилищно") && t.ends_with('…'))
        );
    }

    /// The event lines of a chart: the x of each.
    fn event_lines(svg: &str) -> Vec<String> {
        flat(svg)
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains("stroke=\"#9E1848\""))
            .map(|l| {
                assert!(l.contains("stroke-dasharray=\"3 3\""), "{l}");
                let points = l.split("points=\"").nth(1).unwrap();
                points.split(',').next().unwrap().to_string()
            })
            .collect()
    }

    #[test]
    fn events_are_dashed_lines_with_their_labels() {
        let chart = before_after();
        let svg = line_chart(&chart);
        // Five events at four points: four lines, each at its own x.
        let xs = event_lines(&svg);
        assert_eq!(xs.len(), 4, "{xs:?}");
        let mut distinct = xs.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "{xs:?}");
        // Labelled in words, the two of one month together.
        let texts = texts(&svg);
        for label in ["утверждена", "мера 1", "мера 2, мера 3", "мера 4"]
        {
            assert!(texts.contains(&label.to_string()), "{label}: {texts:?}");
        }
        // No numbers, no key, no legend: the one series is named by the title.
        assert!(
            !flat(&svg)
                .lines()
                .any(|l| l.starts_with("<circle") && l.contains("#9E1848"))
        );
        assert!(!texts.contains(&"1".to_string()));

        // Events beyond the axis are left out; an event on the last point is kept.
        let mut more = chart.clone();
        more.events.push(Event {
            at: 45,
            label: "за осью".into(),
        });
        more.events.push(Event {
            at: usize::MAX,
            label: "далеко".into(),
        });
        more.events.push(Event {
            at: 44,
            label: "итог".into(),
        });
        let svg = line_chart(&more);
        assert_eq!(event_lines(&svg).len(), 5);
        let texts = self::texts(&svg);
        assert!(texts.contains(&"итог".to_string()));
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("за осью") || t.contains("далеко"))
        );

        // Without events nothing is dashed but the plan.
        let mut none = chart;
        none.events.clear();
        assert!(event_lines(&line_chart(&none)).is_empty());
        none.events = vec![Event {
            at: 99,
            label: "вне".into(),
        }];
        let svg = line_chart(&none);
        assert!(event_lines(&svg).is_empty() && !svg.contains("вне"));
    }

    #[test]
    fn event_labels_stay_clear_of_each_other_and_the_legend() {
        let mut chart = monthly_shares();
        chart.events = before_after().events;
        let svg = line_chart(&chart);
        let boxes = text_boxes(&svg);
        // The legend (series names, «план») sits above every event label.
        let legend_bottom = boxes
            .iter()
            .filter(|b| {
                ["Ответы в срок", "Решено с первого раза", "план"].contains(&b.text.as_str())
            })
            .map(|b| b.y + 8.0)
            .fold(0.0, f64::max);
        let events: Vec<&TextBox> = boxes
            .iter()
            .filter(|b| b.text.starts_with("мера") || b.text == "утверждена")
            .collect();
        assert_eq!(events.len(), 4);
        for (i, a) in events.iter().enumerate() {
            assert!(a.y - 7.0 > legend_bottom, "{} under the legend", a.text);
            assert!(a.x0 >= 0.0 && a.x1 <= WIDE, "{} inside", a.text);
            for b in &events[i + 1..] {
                let apart = a.x1 <= b.x0 || b.x1 <= a.x0 || (a.y - b.y).abs() >= 14.0;
                assert!(apart, "{} and {} overlap", a.text, b.text);
            }
        }
    }

    #[test]
    fn crowded_events_are_numbered_with_a_key() {
        let mut chart = before_after();
        chart.events = (0..12)
            .map(|i| Event {
                at: 10 + i * 3,
                label: format!("мера {}: ремонт покрытия", i + 1),
            })
            .chain([
                Event {
                    at: 10,
                    label: "утверждена".into(),
                },
                Event {
                    at: 44,
                    label: String::new(),
                },
            ])
            .collect();
        let svg = line_chart(&chart);
        assert_root(&svg, "before-after-dorogi");
        // One line per point, the unlabelled one included.
        assert_eq!(event_lines(&svg).len(), 13);
        let texts = texts(&svg);
        // Numbers 1 to 12 twice each (on the chart and in the key), the labels in the key.
        for k in 1..=12 {
            let n = texts.iter().filter(|t| **t == k.to_string()).count();
            assert_eq!(n, 2, "{k}: {texts:?}");
        }
        assert!(!texts.contains(&"13".to_string()));
        assert!(texts.contains(&"мера 1: ремонт покрытия, утверждена".to_string()));
        assert!(texts.contains(&"мера 12: ремонт покрытия".to_string()));
        // Badges: a white circle with a crimson ring, all of one size.
        let flat_svg = flat(&svg);
        let rings: Vec<&str> = flat_svg
            .lines()
            .filter(|l| l.starts_with("<circle") && l.contains("stroke=\"#9E1848\""))
            .collect();
        assert_eq!(rings.len(), 24);
        let radius = |l: &str| {
            l.split(" r=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        assert!(rings.iter().all(|l| radius(l) == radius(rings[0])));
        // Every number stays inside the picture.
        for b in text_boxes(&svg) {
            assert!(b.x0 >= 0.0 && b.x1 <= WIDE, "{}", b.text);
        }
    }

    /// A `<text>`'s content, its left and right edge (measured) and its y.
    struct TextBox {
        text: String,
        x0: f64,
        x1: f64,
        y: f64,
    }

    fn text_boxes(svg: &str) -> Vec<TextBox> {
        flat(svg)
            .lines()
            .filter(|l| l.starts_with("<text"))
            .map(|l| {
                let attr = |name: &str| -> f64 {
                    l.split(&format!(" {name}=\""))
                        .nth(1)
                        .and_then(|v| v.split('"').next())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0.0)
                };
                let text = texts(l).pop().unwrap_or_default();
                let w = font::width(&text, attr("font-size"));
                let x = attr("x");
                let x0 = if l.contains("text-anchor=\"end\"") {
                    x - w
                } else if l.contains("text-anchor=\"middle\"") {
                    x - w / 2.0
                } else {
                    x
                };
                TextBox {
                    text,
                    x0,
                    x1: x0 + w,
                    y: attr("y"),
                }
            })
            .collect()
    }

    /// A region's ranking on a target: every municipality at or below 50 %, the plan at 92 %.
    fn ranking_below_plan() -> BarChart {
        BarChart {
            id: "rank-fast-track".into(),
            title: "Фаст-трек по муниципалитетам".into(),
            desc: "Выше всех — Алексеевка (50,0 %); план — 92,0 %.".into(),
            bars: [("Алексеевка", 50.0), ("Борисовка", 31.5), ("Валуйки", 12.0)]
                .iter()
                .map(|(label, v)| Bar {
                    label: label.to_string(),
                    value: *v,
                    value_label: crate::format::percent((*v * 10.0) as i64),
                })
                .collect(),
            horizontal: true,
            y_suffix: "%".into(),
        }
    }

    #[test]
    fn a_ranking_axis_reaches_the_plan_above_every_bar_at_both_widths() {
        let pair = super::bar_chart_with_plan(&ranking_below_plan(), Some(92.0));
        let (wide, narrow) = variants(&pair);
        for (svg, width) in [(&wide, WIDE), (&narrow, NARROW)] {
            assert_well_formed(svg);
            let boxes = text_boxes(svg);
            let plan = boxes
                .iter()
                .find(|b| b.text == "план")
                .expect("«план» drawn");
            // The axis's ticks reach the plan: the last tick is 92 % or more.
            let ticks: Vec<f64> = boxes
                .iter()
                .filter_map(|b| b.text.strip_suffix(&format!("{}%", crate::format::NNBSP)))
                .filter_map(|t| t.replace(',', ".").parse().ok())
                .collect();
            let top = ticks.iter().copied().fold(0.0, f64::max);
            assert!(top >= 92.0, "ticks {ticks:?}");
            // The plan's dashed line is inside the drawing, right of the longest bar's label.
            let flat_svg = flat(svg);
            let dashed: Vec<&str> = flat_svg
                .lines()
                .filter(|l| l.contains("stroke-dasharray") && l.contains("#3B3B3B"))
                .collect();
            assert_eq!(dashed.len(), 1, "{dashed:?}");
            let mid = (plan.x0 + plan.x1) / 2.0;
            assert!(
                mid > width / 2.0 && plan.x1 <= width + 0.5,
                "{mid} in {width}"
            );
        }
        // Without a plan nothing dashed is drawn and the axis stops near the highest bar.
        let svg = bar_chart(&ranking_below_plan());
        assert!(!svg.contains("stroke-dasharray") && !svg.contains(">план<"));
    }

    #[test]
    fn timeline_shows_rows_statuses_and_today() {
        let chart = road_map_timeline();
        let svg = timeline_chart(&chart);
        let texts = texts(&svg);
        let all = texts.join(" ");
        for row in &chart.rows {
            let label: String = row.label.chars().take(12).collect();
            assert!(all.contains(&label), "{label}: {texts:?}");
        }
        for status in ["выполнено", "в работе", "просрочено", "отменено"]
        {
            assert!(texts.contains(&status.to_string()), "{status}");
        }
        assert_eq!(texts.iter().filter(|t| *t == "выполнено").count(), 3);
        assert!(texts.contains(&"сегодня, 1 октября 2024 г.".to_string()));
        assert!(texts.contains(&"2024".to_string()) && texts.contains(&"янв".to_string()));
        assert!(texts.contains(&"день выполнения".to_string()));
        assert!(texts.contains(&"после срока".to_string()));
        // Today: one dashed line.
        assert_eq!(event_lines(&svg).len(), 1);
        // Done: solid bars; in progress: light with an outline; overdue: heavy dark orange;
        // cancelled: grey struck through; three dots on the done days; two zigzags past the
        // deadline (the late measure and the overdue one).
        let svg = flat(&svg);
        assert_eq!(svg.matches("fill=\"#1F5FA8\"").count(), 3);
        assert!(
            svg.contains("fill=\"#D5E3F4\"")
                && svg.contains("stroke=\"#1F5FA8\" stroke-width=\"2\"")
        );
        assert!(
            svg.contains("fill=\"#FBE4D6\"")
                && svg.contains("stroke=\"#B3470B\" stroke-width=\"3\"")
        );
        assert!(
            svg.contains("fill=\"#E6E6E6\"")
                && svg.contains("stroke=\"#555555\" stroke-width=\"2\"")
        );
        // Three done days, and the legend's sample.
        assert_eq!(svg.matches("r=\"5\" fill=\"#1A1A1A\"").count(), 4);
        // (A zigzag is an open line, unlike the outlines.)
        let zigzags = flat(&svg)
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains("#B3470B"))
            .filter(|l| {
                let points: Vec<&str> = l
                    .split('"')
                    .nth_back(1)
                    .unwrap()
                    .split_whitespace()
                    .collect();
                points.first() != points.last()
            })
            .count();
        assert_eq!(zigzags, 3, "two rows and the legend");
        // Nothing drawn outside the picture.
        for b in text_boxes(&svg) {
            assert!(b.x0 >= 0.0 && b.x1 <= WIDE, "{}", b.text);
        }
    }

    #[test]
    fn timeline_edge_cases_do_not_panic() {
        let empty = timeline_chart(&TimelineChart {
            id: "t".into(),
            ..TimelineChart::default()
        });
        assert_root(&empty, "t");
        assert!(empty.contains("Нет данных"));
        let base = road_map_timeline();
        let one_row = |f: &dyn Fn(&mut TimelineRow, &mut chrono::NaiveDate)| {
            let mut chart = base.clone();
            chart.rows.truncate(1);
            f(&mut chart.rows[0], &mut chart.today);
            let svg = timeline_chart(&chart);
            assert_root(&svg, "timeline-dorogi");
            svg
        };
        one_row(&|_, _| {});
        // Start after due, due on the start day, done before the start.
        one_row(&|r, _| std::mem::swap(&mut r.start, &mut r.due));
        one_row(&|r, _| r.due = r.start);
        one_row(&|r, _| r.done = Some(date(2001, 1, 1)));
        // Today long before or after everything; one day for everything.
        one_row(&|_, t| *t = date(1990, 5, 5));
        one_row(&|_, t| *t = date(2090, 5, 5));
        one_row(&|r, t| {
            (r.start, r.due, r.done) = (*t, *t, Some(*t));
        });
        // The ends of the calendar.
        let min = chrono::NaiveDate::MIN;
        let max = chrono::NaiveDate::MAX;
        one_row(&|r, t| (r.start, r.due, r.done, *t) = (min, max, Some(max), min));
        one_row(&|r, t| (r.start, r.due, r.done, *t) = (max, max, None, max));
        one_row(&|r, t| (r.start, r.due, r.done, *t) = (min, min, None, min));
        // Empty and hostile texts.
        one_row(&|r, _| {
            r.label = String::new();
            r.status_label = String::new();
        });
        one_row(&|r, _| {
            r.label = "\u{0}\n\t\u{FFFF}".into();
            r.status_label = "очень длинное описание статуса меры, которое не помещается".into();
        });
        for status in [
            TimelineStatus::Done,
            TimelineStatus::InProgress,
            TimelineStatus::Overdue,
            TimelineStatus::Cancelled,
        ] {
            one_row(&|r, _| r.status = status);
        }
        // Several years, and 20 rows.
        let mut years = base.clone();
        years.rows[3].due = date(2031, 12, 31);
        years.today = date(2027, 2, 1);
        let svg = timeline_chart(&years);
        assert_root(&svg, "timeline-dorogi");
        let texts = texts(&svg);
        assert!(texts.contains(&"2030".to_string()) || texts.contains(&"2028".to_string()));
        let mut twenty = base.clone();
        twenty.rows = (0..20).map(|i| base.rows[i % 6].clone()).collect();
        let svg = timeline_chart(&twenty);
        assert_root(&svg, "timeline-dorogi");
        assert_eq!(
            self::texts(&svg)
                .iter()
                .filter(|t| *t == "отменено")
                .count(),
            3
        );
    }

    #[test]
    fn lines_with_events_survive_degenerate_input() {
        let labels = [
            "",
            "утверждена",
            "очень длинная подпись события, которая в строку над графиком не помещается никак",
        ];
        for n in [0, 1, 2, 45, 500] {
            for count in [0, 1, 3, 40] {
                let chart = LineChart {
                    id: "e".into(),
                    x_labels: vec!["янв 2024".into(); n],
                    series: vec![Series {
                        name: "ряд".into(),
                        values: vec![Some(1.0); n],
                    }],
                    events: (0..count)
                        .map(|i| Event {
                            at: i * 7 % (n + 2),
                            label: labels[i % 3].into(),
                        })
                        .collect(),
                    ..LineChart::default()
                };
                let svg = line_chart(&chart);
                assert_root(&svg, "e");
                for b in text_boxes(&svg) {
                    assert!(
                        b.x0 >= -0.5 && b.x1 <= WIDE + 0.5,
                        "{n} {count}: {}",
                        b.text
                    );
                }
            }
        }
    }

    #[test]
    fn samples_stay_compact() {
        let svg = line_chart(&monthly_shares());
        assert!(svg.len() < 60_000, "{} bytes", svg.len());
        assert!(bar_chart(&theme_bars()).len() < 10_000);
        let svg = line_chart(&before_after());
        assert!(svg.len() < 10_000, "{} bytes", svg.len());
        let svg = timeline_chart(&road_map_timeline());
        assert!(svg.len() < 10_000, "{} bytes", svg.len());
    }

    /// Writes the sample charts for a look: `VITRINA_CHART_SAMPLES=dir cargo test`.
    #[test]
    fn write_samples() {
        let Some(dir) = std::env::var_os("VITRINA_CHART_SAMPLES") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut vertical = theme_bars();
        vertical.horizontal = false;
        let mut months = theme_bars();
        months.horizontal = false;
        months.y_suffix = "%".into();
        months.bars = (1..=12)
            .map(|m| Bar {
                label: crate::format::month_abbr(m).to_string(),
                value: 60.0 + m as f64 * 2.5,
                value_label: crate::format::percent(600 + m as i64 * 25),
            })
            .collect();
        let mut wrapped = vertical.clone();
        wrapped.bars = [
            "Социальная защита",
            "Дороги и транспорт",
            "ЖКХ",
            "Благоустройство дворов",
        ]
        .iter()
        .zip([61.0, 1210.0, 1843.0, 964.0])
        .map(|(l, v)| Bar {
            label: l.to_string(),
            value: v,
            value_label: crate::format::int(v as i64),
        })
        .collect();
        let mut long = theme_bars();
        long.bars[2].label = "Благоустройство дворовых территорий, парков и скверов".into();
        long.bars[5].value_label = "<script>alert(1)</script> & «ЖКХ»".into();
        let four = LineChart {
            id: "four".into(),
            x_labels: (1..=12)
                .map(|m| crate::format::month_short(2024, m))
                .collect(),
            series: (0..4)
                .map(|k| Series {
                    name: format!("Район № {}", k + 1),
                    values: (0..12)
                        .map(|i| {
                            (i != 4 + k).then_some(
                                1000.0 + 300.0 * k as f64 + 150.0 * ((i + k) as f64).sin(),
                            )
                        })
                        .collect(),
                })
                .collect(),
            ..LineChart::default()
        };
        let edge_bars = |bars: Vec<Bar>, horizontal| BarChart {
            id: "edge".into(),
            bars,
            horizontal,
            ..BarChart::default()
        };
        let many: Vec<Bar> = (0..300)
            .map(|i| Bar {
                label: format!("Категория {i}"),
                value: (i % 17) as f64,
                value_label: format!("{}", i % 17),
            })
            .collect();
        let mixed: Vec<Bar> = [("Рост", 12.0), ("Падение", -7.5), ("Ноль", 0.0)]
            .iter()
            .map(|(l, v)| Bar {
                label: l.to_string(),
                value: *v,
                value_label: crate::format::decimal(*v),
            })
            .collect();
        let zeros = vec![
            Bar {
                label: "ЖКХ".into(),
                value: 0.0,
                value_label: "0".into()
            };
            3
        ];
        let single = LineChart {
            id: "one".into(),
            x_labels: vec!["сен 2025".into()],
            series: vec![Series {
                name: "Доля".into(),
                values: vec![Some(42.0)],
            }],
            plan: Some(vec![Some(50.0)]),
            y_suffix: "%".into(),
            ..LineChart::default()
        };
        let nones = LineChart {
            id: "none".into(),
            x_labels: (1..=12)
                .map(|m| crate::format::month_short(2025, m))
                .collect(),
            series: vec![Series {
                name: "Пусто".into(),
                values: vec![None; 12],
            }],
            ..LineChart::default()
        };
        let samples = [
            ("edge-empty", bar_chart(&edge_bars(vec![], true))),
            ("edge-many-vertical", bar_chart(&edge_bars(many, false))),
            (
                "edge-mixed-vertical",
                bar_chart(&edge_bars(mixed.clone(), false)),
            ),
            ("edge-mixed-horizontal", bar_chart(&edge_bars(mixed, true))),
            ("edge-zeros", bar_chart(&edge_bars(zeros, false))),
            ("edge-single-point", line_chart(&single)),
            ("edge-all-none", line_chart(&nones)),
            ("bars-wrapped", bar_chart(&wrapped)),
            ("bars-long", bar_chart(&long)),
            ("line-four", line_chart(&four)),
            ("bars-horizontal", bar_chart(&theme_bars())),
            ("bars-vertical", bar_chart(&vertical)),
            ("bars-months", bar_chart(&months)),
            ("line-45-months", line_chart(&monthly_shares())),
            ("before-after", line_chart(&before_after())),
            ("timeline", timeline_chart(&road_map_timeline())),
        ];
        let mut crowded = before_after();
        crowded.id = "crowded".into();
        crowded.events = (0..12)
            .map(|i| Event {
                at: 10 + i * 3,
                label: format!("мера {}: ремонт дорог", i + 1),
            })
            .chain([Event {
                at: 44,
                label: "последняя".into(),
            }])
            .collect();
        let mut legend_and_events = monthly_shares();
        legend_and_events.events = before_after().events;
        legend_and_events.events.push(Event {
            at: 44,
            label: "итог".into(),
        });
        let mut one = road_map_timeline();
        one.rows.truncate(1);
        let mut odd = road_map_timeline();
        odd.rows[0].start = date(2024, 2, 1);
        odd.rows[0].due = date(2023, 9, 1);
        odd.rows[1].due = odd.rows[1].start;
        odd.rows[2].label = String::new();
        odd.rows[2].status_label = String::new();
        let mut years = road_map_timeline();
        years.rows[3].due = date(2029, 12, 31);
        years.today = date(2026, 11, 23);
        let mut twenty = road_map_timeline();
        twenty.rows = (0..20)
            .map(|i| {
                let mut r = road_map_timeline().rows[i % 6].clone();
                r.label = format!("{} {}", i + 1, r.label);
                r
            })
            .collect();
        let mut short = road_map_timeline();
        for r in &mut short.rows {
            r.start = date(2024, 6, 1);
            r.due = date(2024, 8, 15);
            r.done = r.done.map(|_| date(2024, 8, 1));
        }
        short.today = date(2024, 7, 20);
        let more = [
            ("events-crowded", line_chart(&crowded)),
            ("events-legend", line_chart(&legend_and_events)),
            ("timeline-one", timeline_chart(&one)),
            ("timeline-odd", timeline_chart(&odd)),
            ("timeline-years", timeline_chart(&years)),
            ("timeline-twenty", timeline_chart(&twenty)),
            ("timeline-short", timeline_chart(&short)),
            ("timeline-empty", timeline_chart(&TimelineChart::default())),
        ];
        let samples = samples.into_iter().chain(more);
        for (name, svg) in samples {
            // A file of its own needs the namespace that an HTML page gives an inline chart.
            let svg = svg.replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
            std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
        }
    }
}
