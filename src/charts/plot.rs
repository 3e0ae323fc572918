//! What the charts share around their drawings: the frame of a chart (its id, title and
//! description at a height), and the plot of a chart with a value axis — a vertical bar chart's
//! columns and a line chart's points — where slots and values map onto it and how its value
//! axis is drawn. Written once, so that a bar and a line over the same values put them at the
//! same heights with the same ticks.

use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::scale::Scale;
use super::svg::{Canvas, Frame, GRID, MUTED};

/// Axis tick labels.
pub(super) const TICK_SIZE: f64 = 12.0;

/// The frame of a chart's `variant` at a height, for charts that know their height only once laid out.
pub(super) fn frame<'a>(
    id: &'a str,
    title: &'a str,
    desc: &'a str,
    variant: super::Variant,
) -> impl Fn(f64) -> Frame<'a> {
    move |height| Frame {
        id,
        title,
        desc,
        width: variant.width(),
        height,
        variant,
    }
}

/// The plot of a chart whose values rise from `bottom`: `slot` wide per point or bar from
/// `left`, `height` tall for the scale's whole range.
pub(super) struct ValuePlot {
    pub left: f64,
    pub right: f64,
    pub bottom: f64,
    /// The width each point or bar has.
    pub slot: f64,
    pub height: f64,
    pub scale: Scale,
}

impl ValuePlot {
    /// The middle of slot `i`.
    pub fn x(&self, i: usize) -> f64 {
        self.left + self.slot * (i as f64 + 0.5)
    }

    /// The y of value `v`.
    pub fn y(&self, v: f64) -> f64 {
        self.bottom - self.scale.frac(v) * self.height
    }

    /// Draws the value axis: a grid line across the plot and a label left of it per tick, each
    /// line in the colour `colour` gives its tick.
    pub fn value_axis(
        &self,
        c: &Canvas,
        ticks: &[(f64, String)],
        colour: impl Fn(f64) -> RGBColor,
    ) {
        for (t, label) in ticks {
            let y = self.y(*t);
            c.path(&[(self.left, y), (self.right, y)], colour(*t), 1);
            c.text(
                label,
                (self.left - 8.0, y),
                TICK_SIZE,
                MUTED,
                (HPos::Right, VPos::Center),
            );
        }
    }
}

/// Every grid line alike.
pub(super) fn grid(_: f64) -> RGBColor {
    GRID
}
