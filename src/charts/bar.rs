//! Bar charts: horizontal for long category names (themes, districts), vertical for short
//! ones; each bar carries its value label, and the value axis its ticks.

use plotters::style::text_anchor::{HPos, VPos};

use super::font::{fit, line_height, one_line, width, wrap};
use super::scale::{Scale, labelled_ticks};
use super::svg::{AXIS, Canvas, Frame, GRID, MUTED, TEXT, render};
use super::{BarChart, PAD, PALETTE, WIDTH, no_data};

/// Category labels.
const LABEL_SIZE: f64 = 14.0;
/// Value labels at the ends of the bars.
const VALUE_SIZE: f64 = 13.0;
/// Axis tick labels.
const TICK_SIZE: f64 = 12.0;
/// The colour of every bar: one series, one colour.
const BAR: plotters::style::RGBColor = PALETTE[0];

/// Renders a bar chart (see [`super::bar_chart`]).
pub(super) fn render_bar_chart(chart: &BarChart) -> String {
    let frame = |height| Frame {
        id: &chart.id,
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height,
    };
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
        horizontal(&bars, chart, frame)
    } else {
        vertical(&bars, chart, frame)
    }
}

/// A bar with its texts on one line and a finite value.
struct Prepared {
    label: String,
    value: f64,
    value_label: String,
}

/// Row pitch and bar thickness of a horizontal bar chart.
const ROW: f64 = 30.0;
const THICKNESS: f64 = 20.0;

fn horizontal<'a>(bars: &[Prepared], chart: &BarChart, frame: impl Fn(f64) -> Frame<'a>) -> String {
    let label_col = bars
        .iter()
        .map(|b| width(&b.label, LABEL_SIZE))
        .fold(0.0, f64::max)
        .min(WIDTH * 0.42);
    let labels: Vec<String> = bars
        .iter()
        .map(|b| fit(&b.label, LABEL_SIZE, label_col))
        .collect();
    let values: Vec<String> = bars
        .iter()
        .map(|b| fit(&b.value_label, VALUE_SIZE, WIDTH * 0.2))
        .collect();
    let value_w = values
        .iter()
        .map(|v| width(v, VALUE_SIZE))
        .fold(0.0, f64::max);
    let negative = bars.iter().any(|b| b.value < 0.0);

    let axis_left = PAD + label_col + 10.0 + if negative { value_w + 6.0 } else { 0.0 };
    // The fewest ticks down to two that leave room between the tick labels.
    let mut layout = None;
    for ticks in (2..=6).rev() {
        let scale = Scale::new(bars.iter().map(|b| b.value), None, ticks);
        let (tick_labels, widest) = labelled_ticks(&scale, &chart.y_suffix, TICK_SIZE);
        let last = tick_labels.last().map_or(0.0, |(_, l)| width(l, TICK_SIZE));
        let right = WIDTH - PAD - (value_w + 6.0).max(last / 2.0);
        let pitch = (right - axis_left) * scale.step / (scale.hi - scale.lo);
        let fits = pitch >= widest + 12.0;
        layout = Some((scale, tick_labels, right));
        if fits {
            break;
        }
    }
    let Some((scale, tick_labels, axis_right)) = layout else {
        return no_data(&frame(0.0));
    };
    let x = |v: f64| axis_left + scale.frac(v) * (axis_right - axis_left);

    let top = PAD;
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
            let (zero, end) = (x(0.0), x(bar.value));
            c.rect(
                (zero, mid - THICKNESS / 2.0),
                (end, mid + THICKNESS / 2.0),
                BAR,
            );
            c.text(
                &labels[i],
                (PAD + label_col, mid),
                LABEL_SIZE,
                TEXT,
                (HPos::Right, VPos::Center),
            );
            if bar.value < 0.0 {
                c.text(
                    &values[i],
                    (end - 5.0, mid),
                    VALUE_SIZE,
                    TEXT,
                    (HPos::Right, VPos::Center),
                );
            } else {
                c.text(
                    &values[i],
                    (end + 5.0, mid),
                    VALUE_SIZE,
                    TEXT,
                    (HPos::Left, VPos::Center),
                );
            }
        }
        c.path(&[(x(0.0), top), (x(0.0), bottom)], AXIS, 1);
    })
}

/// Height of the plot area of a vertical bar chart.
const PLOT_HEIGHT: f64 = 240.0;
/// Longest rotated category label.
const ROTATED_MAX: f64 = 140.0;

fn vertical<'a>(bars: &[Prepared], chart: &BarChart, frame: impl Fn(f64) -> Frame<'a>) -> String {
    let n = bars.len() as f64;
    let scale = Scale::new(bars.iter().map(|b| b.value), None, 5);
    let (tick_labels, tick_w) = labelled_ticks(&scale, &chart.y_suffix, TICK_SIZE);
    let left = PAD + tick_w + 8.0;
    let slot = (WIDTH - PAD - left) / n;

    // Category labels: one line, else two lines when a slot is wide, else rotated.
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

    // Value labels: above the bars, rotated when wider than a slot, left out when a slot is
    // narrower than a line. Level labels may shrink a little to stay level.
    let values: Vec<String> = bars
        .iter()
        .map(|b| fit(&b.value_label, VALUE_SIZE, ROTATED_MAX))
        .collect();
    let widest_value = |size| values.iter().map(|v| width(v, size)).fold(0.0, f64::max);
    let level = [VALUE_SIZE, VALUE_SIZE - 1.0, VALUE_SIZE - 2.0]
        .into_iter()
        .find(|&size| widest_value(size) <= slot - 6.0);
    let (rotate_values, value_size, value_room) = match level {
        Some(size) => (false, size, line_height(size)),
        None if slot >= line_height(VALUE_SIZE) => {
            (true, VALUE_SIZE, widest_value(VALUE_SIZE) + 6.0)
        }
        None => (false, VALUE_SIZE, 0.0),
    };
    let show_values = value_room > 0.0;
    let negative = bars.iter().any(|b| b.value < 0.0);

    let top = PAD + value_room.max(line_height(TICK_SIZE) / 2.0);
    let bottom = top + PLOT_HEIGHT;
    let foot = if negative { value_room } else { 0.0 };
    let height = bottom + foot + 6.0 + label_area + PAD;
    let y = |v: f64| bottom - scale.frac(v) * PLOT_HEIGHT;
    let right = WIDTH - PAD;
    render(&frame(height), |c: &Canvas| {
        for (t, label) in &tick_labels {
            c.path(&[(left, y(*t)), (right, y(*t))], GRID, 1);
            c.text(
                label,
                (left - 8.0, y(*t)),
                TICK_SIZE,
                MUTED,
                (HPos::Right, VPos::Center),
            );
        }
        for (i, bar) in bars.iter().enumerate() {
            let cx = left + slot * (i as f64 + 0.5);
            let half = (slot * 0.31).max(0.5);
            let (zero, end) = (y(0.0), y(bar.value));
            c.rect((cx - half, zero), (cx + half, end), BAR);
            if show_values {
                let below = bar.value < 0.0;
                let at = (cx, if below { end + 4.0 } else { end - 4.0 });
                match (rotate_values, below) {
                    (false, false) => c.text(
                        &values[i],
                        at,
                        value_size,
                        TEXT,
                        (HPos::Center, VPos::Bottom),
                    ),
                    (false, true) => {
                        c.text(&values[i], at, value_size, TEXT, (HPos::Center, VPos::Top))
                    }
                    (true, false) => {
                        c.text_up(&values[i], at, value_size, TEXT, (HPos::Left, VPos::Center))
                    }
                    (true, true) => c.text_up(
                        &values[i],
                        at,
                        value_size,
                        TEXT,
                        (HPos::Right, VPos::Center),
                    ),
                }
            }
        }
        let label_top = bottom + foot + 6.0;
        match &labels {
            Labels::Flat(lines) => {
                for (i, lines) in lines.iter().enumerate() {
                    let cx = left + slot * (i as f64 + 0.5);
                    for (k, line) in lines.iter().enumerate() {
                        let at = (cx, label_top + k as f64 * label_lh);
                        c.text(line, at, LABEL_SIZE, TEXT, (HPos::Center, VPos::Top));
                    }
                }
            }
            Labels::Rotated(texts, every) => {
                for (i, text) in texts.iter().enumerate().step_by(*every) {
                    let cx = left + slot * (i as f64 + 0.5);
                    c.text_up(
                        text,
                        (cx, label_top),
                        LABEL_SIZE,
                        TEXT,
                        (HPos::Right, VPos::Center),
                    );
                }
            }
        }
        c.path(&[(left, y(0.0)), (right, y(0.0))], AXIS, 1);
    })
}

/// Category labels under vertical bars.
enum Labels {
    /// Lines of each label, set level under its bar.
    Flat(Vec<Vec<String>>),
    /// Labels reading upwards, every n-th shown.
    Rotated(Vec<String>, usize),
}
