//! Line charts of monthly series: up to four lines told apart by colour and marker shape, an
//! optional dashed plan step line, gaps where a month has no data, and month labels thinned
//! out so that they never collide.

use plotters::style::text_anchor::{HPos, VPos};

use super::font::{fit, line_height, one_line, width};
use super::scale::{Scale, tick_label};
use super::svg::{AXIS, Canvas, Frame, GRID, MUTED, Marker, PLAN, TEXT, render};
use super::{LineChart, PAD, PALETTE, WIDTH, no_data};

/// Height of the plot area.
const PLOT_HEIGHT: f64 = 230.0;
/// Axis tick labels, both axes.
const TICK_SIZE: f64 = 12.0;
/// Legend entries.
const LEGEND_SIZE: f64 = 13.0;
/// Length of the line sample in a legend entry, and the gaps around its name.
const SAMPLE: f64 = 26.0;
const SAMPLE_GAP: f64 = 6.0;
const ENTRY_GAP: f64 = 20.0;
/// Pitch of legend rows.
const LEGEND_ROW: f64 = 20.0;
/// How many points apart labelled x positions may be: months, quarters, half-years, years.
const LABEL_STEPS: [usize; 12] = [1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120, 240];
/// Longest x label: longer ones are shortened with «…».
const X_LABEL_MAX: f64 = 120.0;
/// Minimum room between two x labels.
const LABEL_GAP: f64 = 10.0;
/// Points closer than this get a marker only every few points.
const MARKER_PITCH: f64 = 8.0;
/// The legend name of the plan line.
const PLAN_NAME: &str = "план";

/// Renders a line chart (see [`super::line_chart`]).
pub(super) fn render_line_chart(chart: &LineChart) -> String {
    let longest = chart
        .series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(0);
    let n = chart
        .x_labels
        .len()
        .max(longest)
        .max(chart.plan.as_ref().map_or(0, Vec::len));
    let frame = |height| Frame {
        id: &chart.id,
        title: &chart.title,
        desc: &chart.desc,
        width: WIDTH,
        height,
    };
    if n == 0 || (chart.series.is_empty() && chart.plan.is_none()) {
        return no_data(&frame(0.0));
    }
    // Every series as long as the axis; NaN and infinities are gaps like `None`.
    let points = |values: &[Option<f64>]| -> Vec<Option<f64>> {
        (0..n)
            .map(|i| values.get(i).copied().flatten().filter(|v| v.is_finite()))
            .collect()
    };
    let series: Vec<Vec<Option<f64>>> = chart.series.iter().map(|s| points(&s.values)).collect();
    let plan: Option<Vec<Option<f64>>> = chart.plan.as_deref().map(points);

    // The value axis and the plot's left and right edges.
    let all = series
        .iter()
        .chain(plan.iter())
        .flatten()
        .flatten()
        .copied();
    let scale = Scale::new(all, chart.y_max, 5);
    let ticks: Vec<(f64, String)> = scale
        .ticks()
        .into_iter()
        .map(|t| (t, tick_label(t, &chart.y_suffix)))
        .collect();
    let tick_w = ticks
        .iter()
        .map(|(_, l)| width(l, TICK_SIZE))
        .fold(0.0, f64::max);
    // x labels are short («янв 2024»); anything longer is shortened.
    let x_texts: Vec<String> = (0..n)
        .map(|i| one_line(chart.x_labels.get(i).map_or("", String::as_str)))
        .map(|t| fit(&t, TICK_SIZE, X_LABEL_MAX))
        .collect();
    let widest = x_texts
        .iter()
        .map(|t| width(t, TICK_SIZE))
        .fold(0.0, f64::max);
    let min_left = PAD + tick_w + 8.0;
    let (mut left, mut right) = (min_left, WIDTH - PAD);
    for _ in 0..2 {
        // A label centred on the first or last point must stay inside the picture.
        let slot = (right - left) / n as f64;
        let overhang = (widest - slot) / 2.0;
        left = min_left.max(PAD + overhang);
        right = (WIDTH - PAD).min(WIDTH - PAD - overhang);
    }
    let slot = (right - left) / n as f64;
    let step = LABEL_STEPS
        .into_iter()
        .find(|s| *s as f64 * slot >= widest + LABEL_GAP)
        .unwrap_or(n)
        .max(1);
    let first_label = label_offset(&x_texts, step);

    // The legend, above the plot, wrapped into rows.
    let mut entries: Vec<Entry> = Vec::new();
    if series.len() >= 2 || plan.is_some() {
        let name_max = WIDTH - PAD - left - SAMPLE - SAMPLE_GAP;
        for (i, s) in chart.series.iter().enumerate() {
            let name = fit(&one_line(&s.name), LEGEND_SIZE, name_max);
            entries.push(Entry {
                name,
                series: Some(i),
                x: 0.0,
                row: 0,
            });
        }
        if plan.is_some() {
            let name = PLAN_NAME.to_string();
            entries.push(Entry {
                name,
                series: None,
                x: 0.0,
                row: 0,
            });
        }
        let (mut x, mut row) = (left, 0);
        for e in &mut entries {
            let w = SAMPLE + SAMPLE_GAP + width(&e.name, LEGEND_SIZE);
            if x > left && x + w > WIDTH - PAD {
                x = left;
                row += 1;
            }
            (e.x, e.row) = (x, row);
            x += w + ENTRY_GAP;
        }
    }
    let legend_h = entries
        .last()
        .map_or(0.0, |e| (e.row + 1) as f64 * LEGEND_ROW + 6.0);

    let top = PAD + legend_h + line_height(TICK_SIZE) / 2.0;
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 6.0 + line_height(TICK_SIZE) + PAD;
    let x = |i: usize| left + slot * (i as f64 + 0.5);
    let y = |v: f64| bottom - scale.frac(v) * PLOT_HEIGHT;
    render(&frame(height), |c: &Canvas| {
        for (t, label) in &ticks {
            let colour = if *t == 0.0 || *t == scale.lo {
                AXIS
            } else {
                GRID
            };
            c.path(&[(left, y(*t)), (right, y(*t))], colour, 1);
            c.text(
                label,
                (left - 8.0, y(*t)),
                TICK_SIZE,
                MUTED,
                (HPos::Right, VPos::Center),
            );
        }
        for i in (first_label..n).step_by(step) {
            c.path(&[(x(i), bottom), (x(i), bottom + 4.0)], AXIS, 1);
            c.text(
                &x_texts[i],
                (x(i), bottom + 6.0),
                TICK_SIZE,
                MUTED,
                (HPos::Center, VPos::Top),
            );
        }
        if let Some(plan) = &plan {
            for run in runs(plan) {
                c.path(&plan_steps(plan, run, |i| x(i) - slot / 2.0, y), PLAN, 2);
            }
        }
        let every = (MARKER_PITCH / slot).ceil().max(1.0) as usize;
        for (k, values) in series.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            for run in runs(values) {
                let line: Vec<(f64, f64)> = run
                    .clone()
                    .filter_map(|i| values[i].map(|v| (x(i), y(v))))
                    .collect();
                c.path(&line, colour, 2);
                for i in run.clone() {
                    let lone = run.len() == 1;
                    if let Some(v) = values[i]
                        && (lone || i.is_multiple_of(every))
                    {
                        c.marker(Marker::nth(k), (x(i), y(v)), colour);
                    }
                }
            }
        }
        if series
            .iter()
            .chain(plan.iter())
            .flatten()
            .all(Option::is_none)
        {
            let at = ((left + right) / 2.0, (top + bottom) / 2.0);
            c.text(
                "Нет данных",
                at,
                LEGEND_SIZE,
                MUTED,
                (HPos::Center, VPos::Center),
            );
        }
        for e in &entries {
            let mid = PAD + LEGEND_ROW * (e.row as f64 + 0.5);
            let colour = e.series.map_or(PLAN, |k| PALETTE[k % PALETTE.len()]);
            c.path(&[(e.x, mid), (e.x + SAMPLE, mid)], colour, 2);
            if let Some(k) = e.series {
                c.marker(Marker::nth(k), (e.x + SAMPLE / 2.0, mid), colour);
            }
            c.text(
                &e.name,
                (e.x + SAMPLE + SAMPLE_GAP, mid),
                LEGEND_SIZE,
                TEXT,
                (HPos::Left, VPos::Center),
            );
        }
    })
}

/// A legend entry: a series (`None` for the plan) and where it goes.
struct Entry {
    name: String,
    series: Option<usize>,
    x: f64,
    row: usize,
}

/// The index ranges of consecutive points that have values.
fn runs(values: &[Option<f64>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().enumerate() {
        match (v.is_some(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..values.len());
    }
    out
}

/// The corners of a step line over one run: level across each point's slot, vertical where the
/// value changes (between slots); `edge(i)` is the left edge of slot `i`.
fn plan_steps(
    values: &[Option<f64>],
    run: std::ops::Range<usize>,
    edge: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    let mut corners = Vec::new();
    let mut level = None;
    for i in run.clone() {
        let Some(v) = values[i] else { continue };
        match level {
            None => corners.push((edge(i), y(v))),
            Some(prev) if prev != v => {
                corners.push((edge(i), y(prev)));
                corners.push((edge(i), y(v)));
            }
            _ => {}
        }
        level = Some(v);
    }
    if let Some(v) = level {
        corners.push((edge(run.end), y(v)));
    }
    corners
}

/// The first labelled point: the first January when labels go by quarters, half-years or
/// years (and look like «янв 2024»), else the first point.
fn label_offset(labels: &[String], step: usize) -> usize {
    if step <= 1 || !(12usize.is_multiple_of(step) || step.is_multiple_of(12)) {
        return 0;
    }
    labels
        .iter()
        .position(|l| l.starts_with("янв"))
        .map_or(0, |i| i % step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_gaps() {
        let v = [
            Some(1.0),
            Some(2.0),
            None,
            Some(3.0),
            None,
            None,
            Some(4.0),
            Some(5.0),
        ];
        assert_eq!(runs(&v), vec![0..2, 3..4, 6..8]);
        assert!(runs(&[None, None]).is_empty());
    }

    #[test]
    fn plan_is_a_step_line() {
        let v = [Some(80.0), Some(80.0), Some(85.0), Some(85.0)];
        let corners = plan_steps(&v, 0..4, |i| i as f64 * 10.0, |v| v);
        assert_eq!(
            corners,
            vec![(0.0, 80.0), (20.0, 80.0), (20.0, 85.0), (40.0, 85.0)]
        );
    }

    #[test]
    fn labels_start_at_a_january() {
        let labels: Vec<String> = ["окт 2023", "ноя 2023", "дек 2023", "янв 2024", "фев 2024"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(label_offset(&labels, 6), 3);
        assert_eq!(label_offset(&labels, 12), 3);
        assert_eq!(label_offset(&labels, 2), 1);
        assert_eq!(label_offset(&labels, 5), 0);
        assert_eq!(label_offset(&labels, 1), 0);
    }
}
