//! Timelines of measures against their deadlines: a row per measure with its label on the left
//! and its status in words on the right, a bar from the start to the deadline drawn according to
//! the status, a dot on the day it was done, a zigzag past the deadline, a dashed «сегодня» line
//! and a time axis of months and years in Russian, thinned out so that its labels never collide.

use chrono::{Datelike, NaiveDate};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::font::{fit, line_height, one_line, width, wrap};
use super::svg::{AXIS, Canvas, EVENT, GRID, MUTED, TEXT, render};
use super::{PAD, PALETTE, TimelineChart, TimelineStatus, Variant, no_data};
use crate::format;

/// Measure labels, on at most two lines.
const LABEL_SIZE: f64 = 13.0;
/// The widest the label column gets in a picture `canvas_w` wide.
fn label_col_max(canvas_w: f64) -> f64 {
    canvas_w * 0.3
}
/// Status words at the right end of each row.
const STATUS_SIZE: f64 = 12.0;
/// The widest the status column gets.
const STATUS_MAX: f64 = 110.0;
/// Axis labels, the «сегодня» label and the legend.
const TICK_SIZE: f64 = 12.0;
/// Room between the columns and the bars.
const GUTTER: f64 = 10.0;
/// Room around a row's label lines, and the thickness of a bar.
const ROW_PAD: f64 = 10.0;
const THICKNESS: f64 = 14.0;
/// The shortest bar drawn, for a measure due the day it starts.
const MIN_BAR: f64 = 3.0;
/// Pitch of the zigzag drawn past a deadline.
const ZIGZAG: f64 = 5.0;
/// Room between neighbouring axis labels.
const LABEL_GAP: f64 = 6.0;
/// Month label steps tried, in months: every month, every other, quarters, half-years.
const MONTH_STEPS: [i64; 4] = [1, 2, 3, 6];
/// Legend: the row's height, the sample's width and the gaps around the name.
const LEGEND_ROW: f64 = 20.0;
const SAMPLE: f64 = 18.0;
const SAMPLE_GAP: f64 = 6.0;
const ENTRY_GAP: f64 = 20.0;

/// Done: a solid bar.
const DONE: RGBColor = PALETTE[0];
/// In progress: a light fill (decoration) inside an outline in `DONE`.
const PROGRESS_FILL: RGBColor = RGBColor(0xd5, 0xe3, 0xf4);
/// Overdue and past the deadline: dark orange (5.2:1 against white) with a light fill.
const LATE: RGBColor = RGBColor(0xb3, 0x47, 0x0b);
const LATE_FILL: RGBColor = RGBColor(0xfb, 0xe4, 0xd6);
/// Cancelled: grey, struck through.
const CANCELLED_FILL: RGBColor = RGBColor(0xe6, 0xe6, 0xe6);
/// The day a measure was done.
const DOT: RGBColor = TEXT;
/// Year boundaries: a little darker than the month grid.
const YEAR_GRID: RGBColor = RGBColor(0xb8, 0xb8, 0xb8);

/// Renders a timeline chart (see [`super::timeline_chart`]).
pub(super) fn render_timeline_chart(chart: &TimelineChart, variant: Variant) -> String {
    let canvas_w = variant.width();
    let frame = super::plot::frame(&chart.id, &chart.title, &chart.desc, variant);
    if chart.rows.is_empty() {
        return no_data(&frame(0.0));
    }
    let cols = columns(chart, canvas_w);
    let (axis, months, years) = time_axis(chart, cols.x0, cols.x1, canvas_w);

    // Rows: as tall as their labels.
    let label_lh = line_height(LABEL_SIZE);
    let pitches: Vec<f64> = cols
        .labels
        .iter()
        .map(|l| l.len().max(1) as f64 * label_lh + ROW_PAD)
        .map(|h| h.max(THICKNESS + ROW_PAD + 4.0))
        .collect();

    let bars = row_marks(chart, &axis);
    let legend = legend_samples(&bars);
    let legend_h = if legend.is_empty() { 0.0 } else { LEGEND_ROW };
    let bands = Bands::new(legend_h, pitches.iter().sum::<f64>(), months.is_some());

    render(&frame(bands.height), |c: &Canvas| {
        draw_grid(c, months.as_deref(), &years, &cols, &bands);
        draw_rows(c, &cols, &pitches, &bars, bands.rows_top);
        draw_today(c, axis.x(chart.today), chart.today, &bands, canvas_w);
        draw_legend(c, &legend);
    })
}

/// The columns: labels on the left, status words on the right, bars between `x0` and `x1`, in
/// a picture `canvas_w` wide.
struct Columns {
    canvas_w: f64,
    /// Each row's label, on at most two lines.
    labels: Vec<Vec<String>>,
    statuses: Vec<String>,
    status_col: f64,
    x0: f64,
    x1: f64,
}

/// Sizes the columns to the widest label (up to [`label_col_max()`]) and status.
fn columns(chart: &TimelineChart, canvas_w: f64) -> Columns {
    let label_col = chart
        .rows
        .iter()
        .map(|r| width(&one_line(&r.label), LABEL_SIZE))
        .fold(0.0, f64::max)
        .min(label_col_max(canvas_w));
    let labels: Vec<Vec<String>> = chart
        .rows
        .iter()
        .map(|r| wrap(&one_line(&r.label), LABEL_SIZE, label_col, 2))
        .collect();
    let statuses: Vec<String> = chart
        .rows
        .iter()
        .map(|r| fit(&one_line(&r.status_label), STATUS_SIZE, STATUS_MAX))
        .collect();
    let status_col = statuses
        .iter()
        .map(|s| width(s, STATUS_SIZE))
        .fold(0.0, f64::max);
    let x0 = PAD
        + if label_col > 0.0 {
            label_col + GUTTER
        } else {
            0.0
        };
    let x1 = canvas_w
        - PAD
        - if status_col > 0.0 {
            status_col + GUTTER
        } else {
            0.0
        };
    Columns {
        canvas_w,
        labels,
        statuses,
        status_col,
        x0,
        x1,
    }
}

/// The time axis between `x0` and `x1` of a picture `canvas_w` wide: whole months from the
/// earliest date to the latest, today included, with its month labels (none when there are too
/// many months) and years.
fn time_axis(
    chart: &TimelineChart,
    x0: f64,
    x1: f64,
    canvas_w: f64,
) -> (Axis, Option<Vec<MonthLabel>>, Vec<YearLabel>) {
    let dates = chart
        .rows
        .iter()
        .flat_map(|r| [Some(r.start), Some(r.due), r.done])
        .flatten()
        .chain([chart.today]);
    let (first, last) = dates.fold((chart.today, chart.today), |(lo, hi), d| {
        (lo.min(d), hi.max(d))
    });
    let (m_lo, m_hi) = (month_index(first), month_index(last) + 1);
    let axis = Axis {
        lo: month_start(m_lo).unwrap_or(first),
        hi: month_start(m_hi).unwrap_or(NaiveDate::MAX),
        x0,
        x1,
        canvas_w,
    };
    let months = month_labels(&axis, m_lo, m_hi);
    let years = year_labels(&axis);
    (axis, months, years)
}

/// Each row's bar and marks in pixels: the bar at least [`MIN_BAR`] wide, the stretch past the
/// deadline up to the day it was done (or today, while overdue), and the dot on that day.
fn row_marks(chart: &TimelineChart, axis: &Axis) -> Vec<RowMarks> {
    chart
        .rows
        .iter()
        .map(|r| {
            let (a, b) = (axis.x(r.start.min(r.due)), axis.x(r.start.max(r.due)));
            let (a, b) = if b - a < MIN_BAR {
                let mid = (a + b) / 2.0;
                (mid - MIN_BAR / 2.0, mid + MIN_BAR / 2.0)
            } else {
                (a, b)
            };
            let late_until = match (r.done, r.status) {
                (Some(done), _) if done > r.due => Some(done),
                (None, TimelineStatus::Overdue) if chart.today > r.due => Some(chart.today),
                _ => None,
            };
            RowMarks {
                bar: (a, b),
                status: r.status,
                overrun: late_until.map(|d| (axis.x(r.due), axis.x(d))),
                dot: r.done.map(|d| axis.x(d)),
            }
        })
        .collect()
}

/// The legend: only the marks that some row shows and that need explaining.
fn legend_samples(bars: &[RowMarks]) -> Vec<(Sample, &'static str)> {
    let mut legend: Vec<(Sample, &str)> = Vec::new();
    if bars.iter().any(|b| b.dot.is_some()) {
        legend.push((Sample::Dot, "день выполнения"));
    }
    if bars.iter().any(|b| b.overrun.is_some()) {
        legend.push((Sample::Zigzag, "после срока"));
    }
    legend
}

/// The heights down the picture: the legend, the «сегодня» label, the rows, the month and year
/// labels.
struct Bands {
    today_y: f64,
    rows_top: f64,
    rows_bottom: f64,
    month_y: f64,
    year_y: f64,
    height: f64,
}

impl Bands {
    /// Stacks the bands under a legend `legend_h` high, for rows `rows_h` high in all, with a
    /// line of month labels when `has_months`.
    fn new(legend_h: f64, rows_h: f64, has_months: bool) -> Self {
        let tick_lh = line_height(TICK_SIZE);
        let today_y = PAD + legend_h + tick_lh / 2.0;
        let rows_top = PAD + legend_h + tick_lh + 4.0;
        let rows_bottom = rows_top + rows_h;
        let month_y = rows_bottom + 5.0;
        let year_y = month_y + if has_months { tick_lh } else { 0.0 };
        let height = year_y + tick_lh + PAD;
        Bands {
            today_y,
            rows_top,
            rows_bottom,
            month_y,
            year_y,
            height,
        }
    }
}

/// Draws the grid and the time axis: month boundaries faint, year boundaries darker and down
/// to their labels.
fn draw_grid(
    c: &Canvas,
    months: Option<&[MonthLabel]>,
    years: &[YearLabel],
    cols: &Columns,
    bands: &Bands,
) {
    let (rows_top, rows_bottom) = (bands.rows_top, bands.rows_bottom);
    if let Some(months) = months {
        for m in months {
            c.path(&[(m.tick, rows_top), (m.tick, rows_bottom)], GRID, 1);
            c.path(
                &[(m.tick, rows_bottom), (m.tick, rows_bottom + 4.0)],
                AXIS,
                1,
            );
            let at = (m.mid, bands.month_y);
            c.text(&m.label, at, TICK_SIZE, MUTED, (HPos::Center, VPos::Top));
        }
    }
    let tick_lh = line_height(TICK_SIZE);
    for y in years {
        if y.tick > cols.x0 {
            c.path(
                &[(y.tick, rows_top), (y.tick, bands.year_y + tick_lh)],
                YEAR_GRID,
                1,
            );
        }
        let at = (y.tick + 3.0, bands.year_y);
        c.text(&y.label, at, TICK_SIZE, TEXT, (HPos::Left, VPos::Top));
    }
    c.path(&[(cols.x0, rows_bottom), (cols.x1, rows_bottom)], AXIS, 1);
}

/// Draws the rows from `rows_top` down, each `pitches[i]` high: a rule between rows, the label,
/// the status words and the bar with its marks.
fn draw_rows(c: &Canvas, cols: &Columns, pitches: &[f64], bars: &[RowMarks], rows_top: f64) {
    let label_lh = line_height(LABEL_SIZE);
    let mut top = rows_top;
    for (i, pitch) in pitches.iter().enumerate() {
        let mid = top + pitch / 2.0;
        if i > 0 {
            c.path(&[(PAD, top), (cols.canvas_w - PAD, top)], GRID, 1);
        }
        let lines = &cols.labels[i];
        let first = mid - (lines.len() as f64 - 1.0) * label_lh / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let at = (PAD, first + k as f64 * label_lh);
            c.text(line, at, LABEL_SIZE, TEXT, (HPos::Left, VPos::Center));
        }
        let at = (cols.canvas_w - PAD - cols.status_col, mid);
        c.text(
            &cols.statuses[i],
            at,
            STATUS_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
        draw_row(c, &bars[i], mid);
        top += pitch;
    }
}

/// Draws today at `x`: a dashed line across the rows, labelled above them and kept inside the
/// picture (`canvas_w` wide).
fn draw_today(c: &Canvas, x: f64, today: NaiveDate, bands: &Bands, canvas_w: f64) {
    let tick_lh = line_height(TICK_SIZE);
    let today_label = format!("сегодня, {}", format::date(today));
    let today_y = bands.today_y;
    c.path(
        &[(x, today_y + tick_lh / 2.0), (x, bands.rows_bottom)],
        EVENT,
        1,
    );
    let w = width(&today_label, TICK_SIZE);
    let centre = x.clamp(PAD + w / 2.0, (canvas_w - PAD - w / 2.0).max(PAD + w / 2.0));
    let at = (centre, today_y);
    c.text(
        &today_label,
        at,
        TICK_SIZE,
        EVENT,
        (HPos::Center, VPos::Center),
    );
}

/// Draws the legend in one row at the top: each sample and its name.
fn draw_legend(c: &Canvas, legend: &[(Sample, &str)]) {
    let mut x = PAD;
    for (sample, name) in legend {
        let mid = PAD + LEGEND_ROW / 2.0;
        match sample {
            Sample::Dot => dot(c, (x + SAMPLE / 2.0, mid)),
            Sample::Zigzag => {
                let h = THICKNESS / 2.0;
                zigzag(c, (x, x + SAMPLE), (mid - h, mid + h));
            }
        }
        c.text(
            name,
            (x + SAMPLE + SAMPLE_GAP, mid),
            TICK_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
        x += SAMPLE + SAMPLE_GAP + width(name, TICK_SIZE) + ENTRY_GAP;
    }
}

/// A row's shapes, in pixels: the bar, the stretch past the deadline, the day it was done.
struct RowMarks {
    bar: (f64, f64),
    status: TimelineStatus,
    overrun: Option<(f64, f64)>,
    dot: Option<f64>,
}

/// A legend sample.
enum Sample {
    Dot,
    Zigzag,
}

/// Draws a row's bar by its status, then the overrun and the dot, centred on `mid`.
fn draw_row(c: &Canvas, row: &RowMarks, mid: f64) {
    let (a, b) = row.bar;
    let (top, bottom) = (mid - THICKNESS / 2.0, mid + THICKNESS / 2.0);
    match row.status {
        TimelineStatus::Done => c.rect((a, top), (b, bottom), DONE),
        TimelineStatus::InProgress => {
            c.rect((a, top), (b, bottom), PROGRESS_FILL);
            c.outline((a, top), (b, bottom), DONE, 2);
        }
        TimelineStatus::Overdue => {
            c.rect((a, top), (b, bottom), LATE_FILL);
            c.outline((a, top), (b, bottom), LATE, 3);
        }
        TimelineStatus::Cancelled => {
            c.rect((a, top), (b, bottom), CANCELLED_FILL);
            c.outline((a, top), (b, bottom), AXIS, 1);
            c.path(&[(a - 4.0, mid), (b + 4.0, mid)], MUTED, 2);
        }
    }
    if let Some((from, to)) = row.overrun
        && to - from >= 1.0
    {
        zigzag(c, (from, to), (top + 2.0, bottom - 2.0));
    }
    if let Some(x) = row.dot {
        dot(c, (x, mid));
    }
}

/// The stretch past a deadline: an outlined box with a zigzag inside, in dark orange.
fn zigzag(c: &Canvas, (from, to): (f64, f64), (top, bottom): (f64, f64)) {
    c.outline((from, top), (to, bottom), LATE, 1);
    let mut points = vec![(from, bottom)];
    let mut x = from;
    let mut up = true;
    while x < to {
        let next = (x + ZIGZAG).min(to);
        let (y0, y1) = if up { (bottom, top) } else { (top, bottom) };
        let y = y0 + (y1 - y0) * (next - x) / ZIGZAG;
        points.push((next, y));
        x = next;
        up = !up;
    }
    c.path(&points, LATE, 1);
}

/// The day a measure was done: a dark dot with a white rim, visible on any bar.
fn dot(c: &Canvas, at: (f64, f64)) {
    c.dot(at, 7, plotters::style::WHITE);
    c.dot(at, 5, DOT);
}

/// The time axis: dates from `lo` (included) to `hi` (excluded) between `x0` and `x1`.
struct Axis {
    lo: NaiveDate,
    hi: NaiveDate,
    x0: f64,
    x1: f64,
    /// The picture's width: labels stay inside it.
    canvas_w: f64,
}

impl Axis {
    fn x(&self, d: NaiveDate) -> f64 {
        let span = self.hi.signed_duration_since(self.lo).num_days().max(1) as f64;
        let at = d.signed_duration_since(self.lo).num_days() as f64;
        self.x0 + (at / span).clamp(0.0, 1.0) * (self.x1 - self.x0)
    }
}

/// A month label: the month's first day on the axis and its middle, where the label goes.
struct MonthLabel {
    tick: f64,
    mid: f64,
    label: String,
}

/// A year label, set right of the year's first day (or of the axis start, for the first year).
struct YearLabel {
    tick: f64,
    label: String,
}

/// Months counted from the year 0: `year * 12 + month - 1`.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The first day of a month counted by [`month_index`].
fn month_start(k: i64) -> Option<NaiveDate> {
    let year = i32::try_from(k.div_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, k.rem_euclid(12) as u32 + 1, 1)
}

/// The month labels («янв», «апр»…) of months `m_lo..m_hi` every one, two, three or six months:
/// the fewest-step labels that do not collide. `None` when even half-years collide.
fn month_labels(axis: &Axis, m_lo: i64, m_hi: i64) -> Option<Vec<MonthLabel>> {
    if m_hi - m_lo > 240 {
        return None;
    }
    MONTH_STEPS.into_iter().find_map(|step| {
        let labels: Vec<(MonthLabel, f64)> = (m_lo..m_hi)
            .filter(|k| k.rem_euclid(step) == 0)
            .filter_map(|k| {
                let start = month_start(k)?;
                let end = month_start(k + 1).unwrap_or(axis.hi);
                let label = format::month_abbr(start.month()).to_string();
                let w = width(&label, TICK_SIZE);
                let (tick, mid) = (axis.x(start), (axis.x(start) + axis.x(end)) / 2.0);
                let inside = mid - w / 2.0 >= PAD && mid + w / 2.0 <= axis.canvas_w - PAD;
                inside.then_some((MonthLabel { tick, mid, label }, w))
            })
            .collect();
        let apart = labels
            .windows(2)
            .all(|p| p[0].0.mid + p[0].1 / 2.0 + LABEL_GAP <= p[1].0.mid - p[1].1 / 2.0);
        (apart && !labels.is_empty()).then(|| labels.into_iter().map(|(m, _)| m).collect())
    })
}

/// The year labels: right of each year's first day every 1, 2, 5, 10… years, the fewest that
/// do not collide. The first year, often partial, is labelled at the axis start when every year
/// is (and there is room) or when no year starts on the axis.
fn year_labels(axis: &Axis) -> Vec<YearLabel> {
    let (y_lo, y_hi) = (
        i64::from(axis.lo.year()),
        i64::from(axis.hi.pred_opt().unwrap_or(axis.hi).year()),
    );
    let label = |tick: f64, year: i64| {
        let label = year.to_string();
        let w = width(&label, TICK_SIZE);
        (YearLabel { tick, label }, w)
    };
    let mut labels: Vec<(YearLabel, f64)> = Vec::new();
    for step in (0..18).map(|i| [1, 2, 5][i % 3] * 10_i64.pow(i as u32 / 3)) {
        if (y_hi - y_lo) / step > 60 {
            continue;
        }
        labels = (y_lo + 1..=y_hi)
            .filter(|y| y.rem_euclid(step) == 0)
            .filter_map(|y| {
                let start = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, 1, 1)?;
                let (l, w) = label(axis.x(start), y);
                (l.tick + 3.0 + w <= axis.canvas_w - PAD).then_some((l, w))
            })
            .collect();
        let first = label(axis.x0, y_lo);
        match labels.first() {
            None => labels.push(first),
            Some((next, _))
                if step == 1 && first.0.tick + 3.0 + first.1 + LABEL_GAP <= next.tick =>
            {
                labels.insert(0, first)
            }
            _ => {}
        }
        if labels
            .windows(2)
            .all(|p| p[0].0.tick + 3.0 + p[0].1 + LABEL_GAP <= p[1].0.tick)
        {
            break;
        }
    }
    labels.into_iter().map(|(y, _)| y).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::WIDE;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_are_counted_across_years() {
        assert_eq!(
            month_index(date(2024, 1, 15)) - month_index(date(2023, 12, 31)),
            1
        );
        assert_eq!(
            month_start(month_index(date(2024, 3, 14))),
            Some(date(2024, 3, 1))
        );
        assert_eq!(
            month_start(month_index(date(-5, 12, 2)) + 1),
            Some(date(-4, 1, 1))
        );
        assert_eq!(month_start(month_index(NaiveDate::MAX) + 1), None);
        assert_eq!(month_start(i64::MAX), None);
    }

    #[test]
    fn axis_labels_never_collide() {
        let start = date(2023, 3, 14);
        for months in [1, 2, 5, 12, 28, 40, 80, 150, 400, 5000] {
            for x1 in [200.0, 280.0, 420.0] {
                let end = start
                    .checked_add_months(chrono::Months::new(months))
                    .unwrap();
                let (m_lo, m_hi) = (month_index(start), month_index(end) + 1);
                let axis = Axis {
                    lo: month_start(m_lo).unwrap(),
                    hi: month_start(m_hi).unwrap(),
                    x0: 150.0,
                    x1,
                    canvas_w: WIDE,
                };
                let widths = |l: &str| width(l, TICK_SIZE);
                if let Some(labels) = month_labels(&axis, m_lo, m_hi) {
                    assert!(months <= 240);
                    for m in &labels {
                        assert!(m.mid - widths(&m.label) / 2.0 >= PAD);
                        assert!(m.mid + widths(&m.label) / 2.0 <= WIDE - PAD);
                    }
                    for p in labels.windows(2) {
                        let gap = (p[1].mid - widths(&p[1].label) / 2.0)
                            - (p[0].mid + widths(&p[0].label) / 2.0);
                        assert!(gap >= LABEL_GAP, "{months} months: {gap}");
                    }
                } else {
                    assert!(months >= 12, "{months} months, {x1}: no month labels");
                }
                let years = year_labels(&axis);
                assert!(!years.is_empty(), "{months} months");
                for y in &years {
                    assert!(y.tick + 3.0 + widths(&y.label) <= WIDE - PAD);
                }
                for p in years.windows(2) {
                    assert!(p[0].tick + 3.0 + widths(&p[0].label) + LABEL_GAP <= p[1].tick);
                }
            }
        }
    }

    #[test]
    fn months_thin_out_with_less_room() {
        let (m_lo, m_hi) = (
            month_index(date(2023, 1, 1)),
            month_index(date(2024, 12, 1)) + 1,
        );
        let labels = |x1| {
            let axis = Axis {
                lo: date(2023, 1, 1),
                hi: date(2025, 1, 1),
                x0: 40.0,
                x1,
                canvas_w: WIDE,
            };
            let months: Vec<String> = month_labels(&axis, m_lo, m_hi)
                .unwrap_or_default()
                .into_iter()
                .map(|m| m.label)
                .collect();
            let years: Vec<String> = year_labels(&axis).into_iter().map(|y| y.label).collect();
            (months, years)
        };
        let (months, years) = labels(420.0);
        assert_eq!(months[..4], ["янв", "мар", "май", "июл"]);
        assert_eq!(years, ["2023", "2024"]);
        let (months, _) = labels(270.0);
        assert_eq!(months[..4], ["янв", "апр", "июл", "окт"]);
        let (months, years) = labels(60.0);
        assert!(months.is_empty());
        assert_eq!(years, ["2024"]);
    }
}
