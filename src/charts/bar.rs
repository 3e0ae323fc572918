//! Bar charts: horizontal for long category names (themes, districts), vertical for short
//! ones; each bar carries its value label, and the value axis its ticks.

use plotters::style::text_anchor::{HPos, VPos};

use super::font::{fit, line_height, one_line, width, wrap};
use super::plot::{TICK_SIZE, ValuePlot, frame, grid};
use super::scale::{Scale, labelled_ticks};
use super::svg::{AXIS, Canvas, Frame, GRID, MUTED, TEXT, render};
use super::{BarChart, PAD, PALETTE, Variant, no_data};

/// Category labels.
const LABEL_SIZE: f64 = 14.0;
/// Value labels at the ends of the bars.
const VALUE_SIZE: f64 = 13.0;
/// The colour of every bar: one series, one colour.
const BAR: plotters::style::RGBColor = PALETTE[0];

/// Renders a bar chart (see [`super::bar_chart`]).
pub(super) fn render_bar_chart(chart: &BarChart, variant: Variant) -> String {
    render_bar_chart_with_plan(chart, None, variant)
}

/// Renders a bar chart with a dashed vertical plan line at `plan` (horizontal bars only), labelled
/// «план» above the bars: a region's ranking of its municipalities on a target.
pub(super) fn render_bar_chart_with_plan(
    chart: &BarChart,
    plan: Option<f64>,
    variant: Variant,
) -> String {
    let canvas_w = variant.width();
    let frame = frame(&chart.id, &chart.title, &chart.desc, variant);
    if chart.bars.is_empty() {
        return no_data(&frame(0.0));
    }
    let bars: Vec<Prepared> = chart
        .bars
        .iter()
        .map(|b| Prepared {
            label: one_line(&b.label),
            value: if b.value.is_finite() { b.value } else { 0.0 },
            value_label: one_line(&b.value_label),
        })
        .collect();
    if chart.horizontal {
        horizontal(&bars, chart, (frame, canvas_w), plan)
    } else {
        vertical(&bars, chart, (frame, canvas_w))
    }
}

/// A bar with its texts on one line and a finite value.
struct Prepared {
    label: String,
    value: f64,
    value_label: String,
}

/// Tick values with their labels.
type Ticks = Vec<(f64, String)>;

/// Row pitch and bar thickness of a horizontal bar chart.
const ROW: f64 = 30.0;
const THICKNESS: f64 = 20.0;

/// A horizontal bar chart: a row per bar with its label on the left, its value at its end.
fn horizontal<'a>(
    bars: &[Prepared],
    chart: &BarChart,
    (frame, canvas_w): (impl Fn(f64) -> Frame<'a>, f64),
    plan: Option<f64>,
) -> String {
    let label_col = bars
        .iter()
        .map(|b| width(&b.label, LABEL_SIZE))
        .fold(0.0, f64::max)
        .min(canvas_w * 0.42);
    let labels: Vec<String> = bars
        .iter()
        .map(|b| fit(&b.label, LABEL_SIZE, label_col))
        .collect();
    let values: Vec<String> = bars
        .iter()
        .map(|b| fit(&b.value_label, VALUE_SIZE, canvas_w * 0.2))
        .collect();
    let value_w = values
        .iter()
        .map(|v| width(v, VALUE_SIZE))
        .fold(0.0, f64::max);
    let negative = bars.iter().any(|b| b.value < 0.0);

    let axis_left = PAD + label_col + 10.0 + if negative { value_w + 6.0 } else { 0.0 };
    let plan = plan.filter(|p| p.is_finite());
    let Some((scale, tick_labels, axis_right)) =
        horizontal_scale(bars, plan, &chart.y_suffix, (axis_left, canvas_w), value_w)
    else {
        return no_data(&frame(0.0));
    };
    let x = |v: f64| axis_left + scale.frac(v) * (axis_right - axis_left);

    let top = PAD + plan.map_or(0.0, |_| line_height(TICK_SIZE) + 4.0);
    let bottom = top + ROW * bars.len() as f64;
    let height = bottom + 6.0 + line_height(TICK_SIZE) + PAD;
    render(&frame(height), |c: &Canvas| {
        for (t, label) in &tick_labels {
            c.path(&[(x(*t), top), (x(*t), bottom)], GRID, 1);
            c.text(
                label,
                (x(*t), bottom + 6.0),
                TICK_SIZE,
                MUTED,
                (HPos::Center, VPos::Top),
            );
        }
        for (i, bar) in bars.iter().enumerate() {
            let mid = top + ROW * (i as f64 + 0.5);
            let texts = (labels[i].as_str(), values[i].as_str());
            draw_row(c, bar.value, texts, mid, (PAD + label_col, &x));
        }
        c.path(&[(x(0.0), top), (x(0.0), bottom)], AXIS, 1);
        if let Some(p) = plan {
            c.path(&[(x(p), top - 2.0), (x(p), bottom)], super::svg::PLAN, 2);
            c.text(
                "план",
                (x(p), PAD),
                TICK_SIZE,
                TEXT,
                (HPos::Center, VPos::Top),
            );
        }
    })
}

/// The value axis of a horizontal bar chart from `axis_left`, leaving room at the right of the
/// picture (`canvas_w` wide) for a value label `value_w` wide and the last tick label: the fewest
/// ticks down to two that leave room between the tick labels. The axis covers the plan too, so
/// that a plan above every bar (92 % against bars up to 50 %) is drawn, not left off the axis.
/// Gives the scale, its tick labels and the axis's right end.
fn horizontal_scale(
    bars: &[Prepared],
    plan: Option<f64>,
    suffix: &str,
    (axis_left, canvas_w): (f64, f64),
    value_w: f64,
) -> Option<(Scale, Ticks, f64)> {
    let mut layout = None;
    for ticks in (2..=6).rev() {
        let scale = Scale::new(bars.iter().map(|b| b.value).chain(plan), None, ticks);
        let (tick_labels, widest) = labelled_ticks(&scale, suffix, TICK_SIZE);
        let last = tick_labels.last().map_or(0.0, |(_, l)| width(l, TICK_SIZE));
        let right = canvas_w - PAD - (value_w + 6.0).max(last / 2.0);
        let pitch = (right - axis_left) * scale.step / (scale.hi - scale.lo);
        let fits = pitch >= widest + 12.0;
        layout = Some((scale, tick_labels, right));
        if fits {
            break;
        }
    }
    layout
}

/// Draws one row of a horizontal bar chart centred on `mid`: the bar from zero to `value`, the
/// category label ending at `label_end` and the value label past the bar's end (left of it for
/// a negative value); `x` maps values to pixels.
fn draw_row(
    c: &Canvas,
    value: f64,
    (label, value_label): (&str, &str),
    mid: f64,
    (label_end, x): (f64, &dyn Fn(f64) -> f64),
) {
    let (zero, end) = (x(0.0), x(value));
    c.rect(
        (zero, mid - THICKNESS / 2.0),
        (end, mid + THICKNESS / 2.0),
        BAR,
    );
    c.text(
        label,
        (label_end, mid),
        LABEL_SIZE,
        TEXT,
        (HPos::Right, VPos::Center),
    );
    if value < 0.0 {
        c.text(
            value_label,
            (end - 5.0, mid),
            VALUE_SIZE,
            TEXT,
            (HPos::Right, VPos::Center),
        );
    } else {
        c.text(
            value_label,
            (end + 5.0, mid),
            VALUE_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
    }
}

/// Height of the plot area of a vertical bar chart.
const PLOT_HEIGHT: f64 = 240.0;
/// Longest rotated category label.
const ROTATED_MAX: f64 = 140.0;

/// A vertical bar chart: a column per bar, its value above it and its label below.
fn vertical<'a>(
    bars: &[Prepared],
    chart: &BarChart,
    (frame, canvas_w): (impl Fn(f64) -> Frame<'a>, f64),
) -> String {
    let n = bars.len() as f64;
    let scale = Scale::new(bars.iter().map(|b| b.value), None, 5);
    let (tick_labels, tick_w) = labelled_ticks(&scale, &chart.y_suffix, TICK_SIZE);
    let left = PAD + tick_w + 8.0;
    let slot = (canvas_w - PAD - left) / n;
    let (labels, label_area) = category_labels(bars, slot);
    let values = value_labels(bars, slot);
    let negative = bars.iter().any(|b| b.value < 0.0);

    let top = PAD + values.room.max(line_height(TICK_SIZE) / 2.0);
    let bottom = top + PLOT_HEIGHT;
    let foot = if negative { values.room } else { 0.0 };
    let height = bottom + foot + 6.0 + label_area + PAD;
    let plot = ValuePlot {
        left,
        right: canvas_w - PAD,
        bottom,
        slot,
        height: PLOT_HEIGHT,
        scale,
    };
    render(&frame(height), |c: &Canvas| {
        plot.value_axis(c, &tick_labels, grid);
        bars_from_zero(&plot, c, bars, &values);
        category_labels_under(&plot, c, &labels, bottom + foot + 6.0);
        let y0 = plot.y(0.0);
        c.path(&[(plot.left, y0), (plot.right, y0)], AXIS, 1);
    })
}

/// Category labels: one line, else two lines when a slot is wide, else rotated. Gives the
/// labels and the height they take under the plot.
fn category_labels(bars: &[Prepared], slot: f64) -> (Labels, f64) {
    let label_w = bars
        .iter()
        .map(|b| width(&b.label, LABEL_SIZE))
        .fold(0.0, f64::max);
    let label_lh = line_height(LABEL_SIZE);
    // Two lines only when that shortens no label: a long single word reads better rotated.
    let wrapped: Vec<Vec<String>> = bars
        .iter()
        .map(|b| wrap(&b.label, LABEL_SIZE, slot - 8.0, 2))
        .collect();
    let whole = |lines: &Vec<String>, label: &str| {
        lines.join(" ") == label.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let labels = if label_w <= slot - 8.0 {
        Labels::Flat(bars.iter().map(|b| vec![b.label.clone()]).collect())
    } else if wrapped
        .iter()
        .zip(bars)
        .all(|(lines, b)| whole(lines, &b.label))
    {
        Labels::Flat(wrapped)
    } else {
        let every = (label_lh / slot).ceil().max(1.0) as usize;
        Labels::Rotated(
            bars.iter()
                .map(|b| fit(&b.label, LABEL_SIZE, ROTATED_MAX))
                .collect(),
            every,
        )
    };
    let label_area = match &labels {
        Labels::Flat(lines) => lines.iter().map(Vec::len).max().unwrap_or(1) as f64 * label_lh,
        Labels::Rotated(texts, _) => texts
            .iter()
            .map(|t| width(t, LABEL_SIZE))
            .fold(0.0, f64::max),
    };
    (labels, label_area)
}

/// The value labels of a vertical bar chart and how they are set.
struct ValueLabels {
    texts: Vec<String>,
    rotate: bool,
    size: f64,
    /// The room they take above the bars (and below, for negative bars); none when they are
    /// left out.
    room: f64,
}

/// Value labels: above the bars, rotated when wider than a slot, left out when a slot is
/// narrower than a line. Level labels may shrink a little to stay level.
fn value_labels(bars: &[Prepared], slot: f64) -> ValueLabels {
    let texts: Vec<String> = bars
        .iter()
        .map(|b| fit(&b.value_label, VALUE_SIZE, ROTATED_MAX))
        .collect();
    let widest_value = |size| texts.iter().map(|v| width(v, size)).fold(0.0, f64::max);
    let level = [VALUE_SIZE, VALUE_SIZE - 1.0, VALUE_SIZE - 2.0]
        .into_iter()
        .find(|&size| widest_value(size) <= slot - 6.0);
    let (rotate, size, room) = match level {
        Some(size) => (false, size, line_height(size)),
        None if slot >= line_height(VALUE_SIZE) => {
            (true, VALUE_SIZE, widest_value(VALUE_SIZE) + 6.0)
        }
        None => (false, VALUE_SIZE, 0.0),
    };
    ValueLabels {
        texts,
        rotate,
        size,
        room,
    }
}

/// Draws the bars from zero, each with its value label beyond its end (when shown).
fn bars_from_zero(plot: &ValuePlot, c: &Canvas, bars: &[Prepared], values: &ValueLabels) {
    let (rotate_values, value_size) = (values.rotate, values.size);
    for (i, bar) in bars.iter().enumerate() {
        let cx = plot.x(i);
        let half = (plot.slot * 0.31).max(0.5);
        let (zero, end) = (plot.y(0.0), plot.y(bar.value));
        c.rect((cx - half, zero), (cx + half, end), BAR);
        if values.room <= 0.0 {
            continue;
        }
        let text = &values.texts[i];
        let below = bar.value < 0.0;
        let at = (cx, if below { end + 4.0 } else { end - 4.0 });
        match (rotate_values, below) {
            (false, false) => c.text(text, at, value_size, TEXT, (HPos::Center, VPos::Bottom)),
            (false, true) => c.text(text, at, value_size, TEXT, (HPos::Center, VPos::Top)),
            (true, false) => c.text_up(text, at, value_size, TEXT, HPos::Left),
            (true, true) => c.text_up(text, at, value_size, TEXT, HPos::Right),
        }
    }
}

/// Draws the category labels from `label_top` down: level lines, or every n-th reading upwards.
fn category_labels_under(plot: &ValuePlot, c: &Canvas, labels: &Labels, label_top: f64) {
    let label_lh = line_height(LABEL_SIZE);
    match labels {
        Labels::Flat(lines) => {
            for (i, lines) in lines.iter().enumerate() {
                for (k, line) in lines.iter().enumerate() {
                    let at = (plot.x(i), label_top + k as f64 * label_lh);
                    c.text(line, at, LABEL_SIZE, TEXT, (HPos::Center, VPos::Top));
                }
            }
        }
        Labels::Rotated(texts, every) => {
            for (i, text) in texts.iter().enumerate().step_by(*every) {
                c.text_up(text, (plot.x(i), label_top), LABEL_SIZE, TEXT, HPos::Right);
            }
        }
    }
}

/// Category labels under vertical bars.
enum Labels {
    /// Lines of each label, set level under its bar.
    Flat(Vec<Vec<String>>),
    /// Labels reading upwards, every n-th shown.
    Rotated(Vec<String>, usize),
}
