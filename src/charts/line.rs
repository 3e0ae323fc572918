//! Line charts of monthly series: up to four lines told apart by colour and marker shape, an
//! optional dashed plan step line, gaps where a month has no data, month labels thinned out so
//! that they never collide, and events marked by thin dashed lines with their labels in
//! staggered rows above the plot (or numbered, with the labels in the legend).

use std::collections::BTreeMap;

use plotters::style::text_anchor::{HPos, VPos};

use super::font::{fit, line_height, one_line, width};
use super::plot::{TICK_SIZE, ValuePlot, frame};
use super::scale::{Scale, labelled_ticks};
use super::svg::{AXIS, Canvas, EVENT, GRID, MUTED, Marker, PLAN, TEXT, render};
use super::{Event, LineChart, PAD, PALETTE, Variant, no_data};

/// Height of the plot area.
const PLOT_HEIGHT: f64 = 230.0;
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
/// Event labels, and the pitch of their rows above the plot.
const EVENT_SIZE: f64 = 12.0;
const EVENT_ROW: f64 = 17.0;
/// The most rows of worded event labels; events that need more are numbered instead.
const EVENT_ROWS: usize = 3;
/// The longest worded event label; events with a longer one are numbered instead.
const EVENT_LABEL_MAX: f64 = 150.0;
/// Room between an event's line and its label, between labels in a row, and between a label
/// and another event's line passing by.
const FLAG_GAP: f64 = 3.0;
const FLAG_SPACE: f64 = 8.0;
const LINE_CLEAR: f64 = 3.0;
/// The numbers of numbered events, in small circles: no text of a chart is smaller than 12 px.
const BADGE_SIZE: f64 = 12.0;
/// The band over a month without a report, and its label.
const MISSING_BAND: plotters::style::RGBColor = plotters::style::RGBColor(0xee, 0xee, 0xee);
const MISSING_LABEL: &str = "нет отчёта";

/// Renders a line chart (see [`super::line_chart`]).
pub(super) fn render_line_chart(chart: &LineChart, variant: Variant) -> String {
    let canvas_w = variant.width();
    let n = axis_length(chart);
    let frame = frame(&chart.id, &chart.title, &chart.desc, variant);
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
    let (ticks, tick_w) = labelled_ticks(&scale, &chart.y_suffix, TICK_SIZE);
    let x_texts = x_label_texts(&chart.x_labels, n);
    let widest = x_texts
        .iter()
        .map(|t| width(t, TICK_SIZE))
        .fold(0.0, f64::max);
    let min_left = PAD + tick_w + 8.0;
    let right_edge = canvas_w - PAD;
    let span = plot_span(min_left, right_edge, widest, n, right_edge);
    let (marks, radius, (left, right)) =
        place_events(&chart.events, n, (min_left, right_edge), widest, span);
    let slot = (right - left) / n as f64;
    let step = label_step(slot, widest, n);
    let first_label = label_offset(&x_texts, step);

    let entries = legend(chart, plan.is_some(), &marks, (left, right_edge), radius);
    let top = plot_top(&entries, &marks);
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 6.0 + line_height(TICK_SIZE) + PAD;
    let plot = Plot {
        values: ValuePlot {
            left,
            right,
            bottom,
            slot,
            height: PLOT_HEIGHT,
            scale,
        },
        top,
        radius,
    };
    render(&frame(height), |c: &Canvas| {
        plot.missing_months(c, &chart.missing, n);
        plot.value_axis(c, &ticks);
        plot.month_axis(c, &x_texts, (first_label..n).step_by(step));
        plot.event_lines(c, &marks);
        if let Some(plan) = &plan {
            plot.plan_line(c, plan);
        }
        plot.series_lines(c, &series);
        if series
            .iter()
            .chain(plan.iter())
            .flatten()
            .all(Option::is_none)
        {
            plot.no_values(c);
        }
        plot.event_labels(c, &marks);
        draw_legend(c, &entries, radius);
    })
}

/// The number of points on the x axis: the most of the labels, any series and the plan.
fn axis_length(chart: &LineChart) -> usize {
    let longest = chart
        .series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(0);
    chart
        .x_labels
        .len()
        .max(longest)
        .max(chart.plan.as_ref().map_or(0, Vec::len))
}

/// How many points apart the x labels go: the first of [`LABEL_STEPS`] that leaves the widest
/// label room at a `slot` per point.
fn label_step(slot: f64, widest: f64, n: usize) -> usize {
    LABEL_STEPS
        .into_iter()
        .find(|s| *s as f64 * slot >= widest + LABEL_GAP)
        .unwrap_or(n)
        .max(1)
}

/// The top of the plot: below the legend and the rows of event labels.
fn plot_top(entries: &[Entry], marks: &[Mark]) -> f64 {
    let event_rows = marks
        .iter()
        .filter_map(|m| m.flag.map(|f| f.row + 1))
        .max()
        .unwrap_or(0);
    let legend_h = entries
        .last()
        .map_or(0.0, |e| (e.row + 1) as f64 * LEGEND_ROW + 6.0);
    let events_h = if event_rows > 0 {
        event_rows as f64 * EVENT_ROW + 2.0
    } else {
        0.0
    };
    PAD + legend_h + events_h + line_height(TICK_SIZE) / 2.0
}

/// The text under each of the `n` points: x labels are short («янв 2024»); anything longer is
/// shortened.
fn x_label_texts(labels: &[String], n: usize) -> Vec<String> {
    (0..n)
        .map(|i| one_line(labels.get(i).map_or("", String::as_str)))
        .map(|t| fit(&t, TICK_SIZE, X_LABEL_MAX))
        .collect()
}

/// The event lines, one per point, with their labels placed in rows above the plot between
/// the edges `span`, else numbered. Numbers never flip to the left of their line, so they always
/// find a row; the plot narrows when the last one would pass the picture's right `edge`. Gives
/// the marks, the radius of the circles around the numbers and the plot's edges afterwards.
fn place_events(
    events: &[Event],
    n: usize,
    (min_left, edge): (f64, f64),
    widest: f64,
    (mut left, mut right): (f64, f64),
) -> (Vec<Mark>, u32, (f64, f64)) {
    let mut marks: Vec<Mark> = event_groups(events, n)
        .into_iter()
        .map(|(at, text)| Mark {
            at,
            text,
            number: None,
            flag: None,
        })
        .collect();
    let labelled: Vec<usize> = (0..marks.len())
        .filter(|&k| !marks[k].text.is_empty())
        .collect();
    let point =
        |left: f64, right: f64, i: usize| left + (right - left) / n as f64 * (i as f64 + 0.5);
    let worded_widths: Vec<f64> = labelled
        .iter()
        .map(|&k| width(&marks[k].text, EVENT_SIZE))
        .collect();
    // One size of circle for all numbers: the one the largest needs.
    let radius = badge_radius(&labelled.len().to_string());
    let worded = if worded_widths.iter().all(|w| *w <= EVENT_LABEL_MAX) {
        let xs: Vec<f64> = labelled
            .iter()
            .map(|&k| point(left, right, marks[k].at))
            .collect();
        place_flags(&xs, &worded_widths, EVENT_ROWS, true, edge)
    } else {
        None
    };
    let flags = match worded {
        Some(flags) => flags,
        None => {
            for (number, &k) in labelled.iter().enumerate() {
                marks[k].number = Some((number + 1).to_string());
            }
            let diameters = vec![2.0 * f64::from(radius); labelled.len()];
            let mut flags = Vec::new();
            for _ in 0..3 {
                let xs: Vec<f64> = labelled
                    .iter()
                    .map(|&k| point(left, right, marks[k].at))
                    .collect();
                flags = place_flags(&xs, &diameters, xs.len(), false, edge).unwrap_or_default();
                let overflow = flags.iter().map(|f| f.to).fold(0.0, f64::max) - edge;
                if overflow <= 0.0 {
                    break;
                }
                (left, right) = plot_span(min_left, right - overflow.ceil(), widest, n, edge);
            }
            flags
        }
    };
    for (&k, flag) in labelled.iter().zip(flags) {
        marks[k].flag = Some(flag);
    }
    (marks, radius, (left, right))
}

/// The legend, above the plot from `left` to the picture's right `edge`, wrapped into rows: the
/// series and the plan when there are two lines or more, then the key to numbered events on rows
/// of its own.
fn legend(
    chart: &LineChart,
    has_plan: bool,
    marks: &[Mark],
    (left, edge): (f64, f64),
    radius: u32,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    if chart.series.len() >= 2 || has_plan {
        let name_max = edge - left - SAMPLE - SAMPLE_GAP;
        for (i, s) in chart.series.iter().enumerate() {
            let name = fit(&one_line(&s.name), LEGEND_SIZE, name_max);
            entries.push(Entry {
                name,
                kind: EntryKind::Series(i),
                x: 0.0,
                row: 0,
            });
        }
        if has_plan {
            let name = PLAN_NAME.to_string();
            entries.push(Entry {
                name,
                kind: EntryKind::Plan,
                x: 0.0,
                row: 0,
            });
        }
    }
    let key_from = entries.len();
    for m in marks {
        if let Some(number) = &m.number {
            let name_max = edge - left - 2.0 * f64::from(radius) - SAMPLE_GAP;
            entries.push(Entry {
                name: fit(&m.text, LEGEND_SIZE, name_max),
                kind: EntryKind::Event(number.clone()),
                x: 0.0,
                row: 0,
            });
        }
    }
    let (mut x, mut row) = (left, 0);
    for (k, e) in entries.iter_mut().enumerate() {
        let w = e.kind.sample_width(radius) + SAMPLE_GAP + width(&e.name, LEGEND_SIZE);
        if x > left && (x + w > edge || k == key_from) {
            x = left;
            row += 1;
        }
        (e.x, e.row) = (x, row);
        x += w + ENTRY_GAP;
    }
    entries
}

/// Draws the legend entries: each one's sample (line, dashed plan or numbered circle) and name.
fn draw_legend(c: &Canvas, entries: &[Entry], radius: u32) {
    for e in entries {
        let mid = PAD + LEGEND_ROW * (e.row as f64 + 0.5);
        match &e.kind {
            EntryKind::Series(k) => {
                let colour = PALETTE[k % PALETTE.len()];
                c.path(&[(e.x, mid), (e.x + SAMPLE, mid)], colour, 2);
                c.marker(Marker::nth(*k), (e.x + SAMPLE / 2.0, mid), colour);
            }
            EntryKind::Plan => c.path(&[(e.x, mid), (e.x + SAMPLE, mid)], PLAN, 2),
            EntryKind::Event(number) => badge(c, number, (e.x, mid), radius),
        }
        c.text(
            &e.name,
            (e.x + e.kind.sample_width(radius) + SAMPLE_GAP, mid),
            LEGEND_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
    }
}

/// Where the plot sits in the picture, and how points and values map onto it.
struct Plot {
    values: ValuePlot,
    /// The top of the plot, under the legend and the event labels.
    top: f64,
    /// The radius of the circles around event numbers.
    radius: u32,
}

impl Plot {
    /// The middle of a row of event labels (row 0 is next to the plot).
    fn flag_mid(&self, row: usize) -> f64 {
        self.top - line_height(TICK_SIZE) / 2.0 - 2.0 - EVENT_ROW * (row as f64 + 0.5)
    }

    /// Draws the value axis: a grid line and a label per tick, the zero or lowest one darker.
    fn value_axis(&self, c: &Canvas, ticks: &[(f64, String)]) {
        let lo = self.values.scale.lo;
        let colour = |t: f64| if t == 0.0 || t == lo { AXIS } else { GRID };
        self.values.value_axis(c, ticks, colour);
    }

    /// Draws the x axis: a tick and a label under each labelled point `at`.
    fn month_axis(&self, c: &Canvas, texts: &[String], at: impl Iterator<Item = usize>) {
        let bottom = self.values.bottom;
        for i in at {
            c.path(
                &[(self.values.x(i), bottom), (self.values.x(i), bottom + 4.0)],
                AXIS,
                1,
            );
            c.text(
                &texts[i],
                (self.values.x(i), bottom + 6.0),
                TICK_SIZE,
                MUTED,
                (HPos::Center, VPos::Top),
            );
        }
    }

    /// Shades each run of months without a report and labels it «нет отчёта», reading
    /// upwards from the bottom of the plot, so that the break in the line has a reason.
    fn missing_months(&self, c: &Canvas, missing: &[usize], n: usize) {
        let mut points: Vec<usize> = missing.iter().copied().filter(|&i| i < n).collect();
        points.sort_unstable();
        points.dedup();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for i in points {
            match runs.last_mut() {
                Some((_, to)) if *to + 1 == i => *to = i,
                _ => runs.push((i, i)),
            }
        }
        for (from, to) in runs {
            let (l, r) = (
                self.values.x(from) - self.values.slot / 2.0,
                self.values.x(to) + self.values.slot / 2.0,
            );
            c.rect((l, self.top), (r, self.values.bottom), MISSING_BAND);
            c.text_up(
                MISSING_LABEL,
                ((l + r) / 2.0, self.values.bottom - 4.0),
                TICK_SIZE,
                TEXT,
                HPos::Left,
            );
        }
    }

    /// Draws the thin dashed event lines, up from the bottom of the plot.
    fn event_lines(&self, c: &Canvas, marks: &[Mark]) {
        for m in marks {
            // The line reaches up to the top of its label, or the middle of its number.
            let end = match (m.flag, &m.number) {
                (None, _) => self.top,
                (Some(f), None) => self.flag_mid(f.row) - EVENT_SIZE / 2.0,
                (Some(f), Some(_)) => self.flag_mid(f.row) - f64::from(self.radius) / 2.0,
            };
            c.path(
                &[
                    (self.values.x(m.at), self.values.bottom),
                    (self.values.x(m.at), end),
                ],
                EVENT,
                1,
            );
        }
    }

    /// Draws the plan as a dashed step line, broken where the plan has gaps.
    fn plan_line(&self, c: &Canvas, plan: &[Option<f64>]) {
        for run in runs(plan) {
            let edge = |i| self.values.x(i) - self.values.slot / 2.0;
            c.path(&plan_steps(plan, run, edge, |v| self.values.y(v)), PLAN, 2);
        }
    }

    /// Draws each series as lines broken at gaps, with its markers (thinned out when points
    /// are close; a lone point always gets one).
    fn series_lines(&self, c: &Canvas, series: &[Vec<Option<f64>>]) {
        let every = (MARKER_PITCH / self.values.slot).ceil().max(1.0) as usize;
        for (k, values) in series.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            for run in runs(values) {
                let line: Vec<(f64, f64)> = run
                    .clone()
                    .filter_map(|i| values[i].map(|v| (self.values.x(i), self.values.y(v))))
                    .collect();
                c.path(&line, colour, 2);
                for i in run.clone() {
                    let lone = run.len() == 1;
                    if let Some(v) = values[i]
                        && (lone || i.is_multiple_of(every))
                    {
                        c.marker(Marker::nth(k), (self.values.x(i), self.values.y(v)), colour);
                    }
                }
            }
        }
    }

    /// Draws «Нет данных» in the middle of a plot whose lines have no values at all.
    fn no_values(&self, c: &Canvas) {
        let at = (
            (self.values.left + self.values.right) / 2.0,
            (self.top + self.values.bottom) / 2.0,
        );
        c.text(
            "Нет данных",
            at,
            LEGEND_SIZE,
            MUTED,
            (HPos::Center, VPos::Center),
        );
    }

    /// Draws the event labels in their rows: words beside their line, or numbers in circles.
    fn event_labels(&self, c: &Canvas, marks: &[Mark]) {
        for m in marks {
            let Some(f) = m.flag else { continue };
            let mid = self.flag_mid(f.row);
            match &m.number {
                Some(number) => badge(c, number, (f.from, mid), self.radius),
                None if f.from > self.values.x(m.at) => c.text(
                    &m.text,
                    (f.from, mid),
                    EVENT_SIZE,
                    EVENT,
                    (HPos::Left, VPos::Center),
                ),
                None => c.text(
                    &m.text,
                    (f.to, mid),
                    EVENT_SIZE,
                    EVENT,
                    (HPos::Right, VPos::Center),
                ),
            }
        }
    }
}

/// The left and right edges of the plot between `min_left` and `max_right`, leaving room for an
/// x label centred on the first or last of `n` points to stay inside the picture (up to its right
/// `edge`).
fn plot_span(min_left: f64, max_right: f64, widest: f64, n: usize, edge: f64) -> (f64, f64) {
    let (mut left, mut right) = (min_left, max_right);
    for _ in 0..2 {
        let slot = (right - left) / n as f64;
        let overhang = (widest - slot) / 2.0;
        left = min_left.max(PAD + overhang);
        right = max_right.min(edge - overhang);
    }
    (left, right)
}

/// A legend entry and where it goes.
struct Entry {
    name: String,
    kind: EntryKind,
    x: f64,
    row: usize,
}

/// What a legend entry stands for, shown by its sample.
enum EntryKind {
    /// A series: a line with its marker.
    Series(usize),
    /// The plan: a dashed line.
    Plan,
    /// A numbered event: its number in a circle.
    Event(String),
}

impl EntryKind {
    /// The width of the sample, with numbers in circles of `radius`.
    fn sample_width(&self, radius: u32) -> f64 {
        match self {
            EntryKind::Series(_) | EntryKind::Plan => SAMPLE,
            EntryKind::Event(_) => 2.0 * f64::from(radius),
        }
    }
}

/// An event line: its point, its label (the labels of the events there, joined), its number
/// when events are numbered, and where its label goes (none for an unlabelled event).
struct Mark {
    at: usize,
    text: String,
    number: Option<String>,
    flag: Option<Flag>,
}

/// Where an event's label goes: its row above the plot (0 next to the plot) and its extent,
/// beside the event's line at `x`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Flag {
    x: f64,
    row: usize,
    from: f64,
    to: f64,
}

/// The events on the axis (`at < n`) by point, left to right, with their labels (on one line,
/// without repeats) joined.
fn event_groups(events: &[Event], n: usize) -> Vec<(usize, String)> {
    let mut points: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.at < n) {
        let labels = points.entry(e.at).or_default();
        let label = one_line(&e.label);
        if !label.is_empty() && !labels.contains(&label) {
            labels.push(label);
        }
    }
    points
        .into_iter()
        .map(|(at, labels)| (at, labels.join(", ")))
        .collect()
}

/// Whether two labels collide: side by side in a row, or one across the other's line (a line
/// runs from the plot up through the rows below its label).
fn clashes(a: &Flag, b: &Flag) -> bool {
    let crosses = |line: f64, f: &Flag| line > f.from - LINE_CLEAR && line < f.to + LINE_CLEAR;
    match a.row.cmp(&b.row) {
        std::cmp::Ordering::Equal => a.from < b.to + FLAG_SPACE && b.from < a.to + FLAG_SPACE,
        std::cmp::Ordering::Less => crosses(b.x, a),
        std::cmp::Ordering::Greater => crosses(a.x, b),
    }
}

/// Places labels `widths` wide beside lines at `xs` (left to right) in rows, right to left,
/// each in the lowest row where it clashes with none placed: right of its line, or, when `flip`
/// and no row has room there (or it would pass the picture's right `edge`), left of it. `None`
/// when one finds no row below `max_rows`.
///
/// Without `flip` every label finds a row: a label placed right of its line can only clash with
/// the labels of lines it covers, which are further right, placed before it and lower.
fn place_flags(
    xs: &[f64],
    widths: &[f64],
    max_rows: usize,
    flip: bool,
    edge: f64,
) -> Option<Vec<Flag>> {
    let mut placed: Vec<Flag> = Vec::with_capacity(xs.len());
    for (&x, &w) in xs.iter().zip(widths).rev() {
        let mut sides = Vec::with_capacity(2);
        if !flip || x + FLAG_GAP + w <= edge {
            sides.push((x + FLAG_GAP, x + FLAG_GAP + w));
        }
        if flip && x - FLAG_GAP - w >= PAD {
            sides.push((x - FLAG_GAP - w, x - FLAG_GAP));
        }
        let flag = sides.iter().find_map(|&(from, to)| {
            (0..max_rows)
                .map(|row| Flag { x, row, from, to })
                .find(|f| placed.iter().all(|p| !clashes(f, p)))
        })?;
        placed.push(flag);
    }
    placed.reverse();
    Some(placed)
}

/// The radius of the circle around an event's number.
fn badge_radius(number: &str) -> u32 {
    ((width(number, BADGE_SIZE) / 2.0 + 2.0).ceil() as u32).max(8)
}

/// An event's number in a small circle of `radius` whose left edge is at `from`.
fn badge(c: &Canvas, number: &str, (from, mid): (f64, f64), radius: u32) {
    let centre = (from + f64::from(radius), mid);
    c.dot(centre, radius, plotters::style::WHITE);
    c.ring(centre, radius, EVENT, 1);
    c.text(
        number,
        centre,
        BADGE_SIZE,
        EVENT,
        (HPos::Center, VPos::Center),
    );
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
    fn events_at_one_point_share_a_label() {
        let event = |at, label: &str| Event {
            at,
            label: label.into(),
        };
        let events = [
            event(5, "мера 2"),
            event(1, "утверждена"),
            event(5, "мера\n3"),
            event(5, "мера 2"),
            event(7, ""),
            event(9, "за осью"),
        ];
        assert_eq!(
            event_groups(&events, 9),
            vec![
                (1, "утверждена".to_string()),
                (5, "мера 2, мера 3".to_string()),
                (7, String::new()),
            ]
        );
        assert!(event_groups(&events, 0).is_empty());
    }

    #[test]
    fn flags_stagger_without_clashing() {
        // The before/after sample: «утверждена» covers the line of «мера 1», and «мера 2,
        // мера 3» the line of «мера 4», so those two go up a row.
        let texts = ["утверждена", "мера 1", "мера 2, мера 3", "мера 4"];
        let widths: Vec<f64> = texts.iter().map(|t| width(t, EVENT_SIZE)).collect();
        let edge = super::super::WIDE - PAD;
        let flags = place_flags(
            &[168.0, 210.0, 260.0, 326.0],
            &widths,
            EVENT_ROWS,
            true,
            edge,
        )
        .unwrap();
        let rows: Vec<usize> = flags.iter().map(|f| f.row).collect();
        assert_eq!(rows, vec![1, 0, 1, 0]);
        // Near the right edge a label goes left of its line.
        let flags = place_flags(&[420.0], &[60.0], EVENT_ROWS, true, edge).unwrap();
        assert!(flags[0].to < 420.0);

        for pitch in [1.0, 4.0, 9.0, 25.0, 60.0] {
            for w in [10.0, 40.0, 90.0, 150.0] {
                let xs: Vec<f64> = (0..14)
                    .map(|i| 40.0 + i as f64 * pitch)
                    .filter(|x| *x < edge)
                    .collect();
                let widths = vec![w; xs.len()];
                if let Some(flags) = place_flags(&xs, &widths, EVENT_ROWS, true, edge) {
                    assert_clear(&flags);
                    assert!(flags.iter().all(|f| f.from >= PAD && f.to <= edge));
                    assert!(flags.iter().all(|f| f.row < EVENT_ROWS));
                }
                // Numbers always find a row.
                let flags = place_flags(&xs, &widths, xs.len(), false, edge).unwrap();
                assert_clear(&flags);
            }
        }
    }

    fn assert_clear(flags: &[Flag]) {
        for (i, a) in flags.iter().enumerate() {
            for b in &flags[i + 1..] {
                assert!(!clashes(a, b) && !clashes(b, a), "{a:?} {b:?}");
            }
        }
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
