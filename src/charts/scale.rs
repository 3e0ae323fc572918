//! The value axis: a range from zero to a round maximum with round steps, and its tick labels
//! in Russian number format, so that every chart reads the same way.

use crate::format;

/// A linear value axis from `lo` to `hi` with ticks every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

/// The most ticks an axis gets, whatever the caller's range.
const MAX_TICKS: usize = 12;

impl Scale {
    /// An axis that starts at zero (or below, for negative data), covers `values` and
    /// `fixed_max` when given, ends on a round number at least 1 and has about `ticks` steps.
    pub fn new(
        values: impl IntoIterator<Item = f64>,
        fixed_max: Option<f64>,
        ticks: usize,
    ) -> Self {
        let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
        for v in values.into_iter().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let fixed = fixed_max.filter(|m| m.is_finite() && *m > lo);
        let top = fixed.map_or(hi, |m| m.max(hi)).max(lo + 1.0);
        let step = nice_step((top - lo) / ticks.clamp(1, MAX_TICKS) as f64);
        let lo = (lo / step).floor() * step;
        let hi = match fixed {
            Some(m) if m >= hi => m,
            _ => (top / step).ceil() * step,
        };
        Scale { lo, hi, step }
    }

    /// The tick values from `lo` to `hi`, multiples of `step`.
    pub fn ticks(&self) -> Vec<f64> {
        let first = (self.lo / self.step - 1e-9).ceil() as i64;
        let last = (self.hi / self.step + 1e-9).floor() as i64;
        (first..=last)
            .take(MAX_TICKS * 2)
            .map(|i| round_off(i as f64 * self.step))
            .collect()
    }

    /// Where `v` falls on the axis: 0 at `lo`, 1 at `hi` (values outside are clamped).
    pub fn frac(&self, v: f64) -> f64 {
        let span = self.hi - self.lo;
        if !v.is_finite() || span <= 0.0 {
            return 0.0;
        }
        ((v - self.lo) / span).clamp(0.0, 1.0)
    }
}

/// Each tick of `scale` with its label, and the width of the widest label at font `size`: what a
/// chart needs to leave room for its value axis.
pub(super) fn labelled_ticks(scale: &Scale, suffix: &str, size: f64) -> (Vec<(f64, String)>, f64) {
    let labels: Vec<(f64, String)> = scale
        .ticks()
        .into_iter()
        .map(|t| (t, tick_label(t, suffix)))
        .collect();
    let widest = labels
        .iter()
        .map(|(_, l)| super::font::width(l, size))
        .fold(0.0, f64::max);
    (labels, widest)
}

/// A tick label: `1 200`, `12,5 %`.
pub(super) fn tick_label(v: f64, suffix: &str) -> String {
    let suffix = suffix.trim();
    if suffix.is_empty() {
        format::decimal(v)
    } else {
        format!("{}{}{suffix}", format::decimal(v), format::NNBSP)
    }
}

/// The round step (1, 2, 2.5 or 5 times a power of ten) nearest above `raw`; never below 0.1,
/// and 2.5 only from 2.5 up, so that every tick has at most one decimal.
fn nice_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.1 {
        raw
    } else {
        0.1
    };
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let m = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .filter(|m| *m != 2.5 || magnitude >= 1.0)
        .find(|m| *m >= norm - 1e-9)
        .unwrap_or(10.0);
    round_off(m * magnitude)
}

/// Drops floating-point noise such as 0.30000000000000004.
fn round_off(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_the_maximum_up() {
        let s = Scale::new([0.0, 37.0, 12.0], None, 5);
        assert_eq!((s.lo, s.hi, s.step), (0.0, 40.0, 10.0));
        assert_eq!(s.ticks(), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        let s = Scale::new([1234.0], None, 5);
        assert_eq!((s.hi, s.step), (1250.0, 250.0));
    }

    #[test]
    fn keeps_a_fixed_maximum_and_a_minimum_of_one() {
        let s = Scale::new([42.0], Some(100.0), 5);
        assert_eq!((s.lo, s.hi, s.step), (0.0, 100.0, 20.0));
        let s = Scale::new([0.0, 0.0], None, 5);
        assert_eq!((s.lo, s.hi), (0.0, 1.0));
        assert_eq!(s.ticks(), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let s = Scale::new([f64::NAN, f64::INFINITY], Some(f64::NAN), 5);
        assert_eq!((s.lo, s.hi), (0.0, 1.0));
        // Data above the fixed maximum stretch the axis rather than leave it.
        assert_eq!(Scale::new([130.0], Some(100.0), 5).hi, 150.0);
    }

    #[test]
    fn covers_negative_values() {
        let s = Scale::new([-3.0, 8.0], None, 5);
        assert!(s.lo <= -3.0 && s.hi >= 8.0 && s.ticks().contains(&0.0));
    }

    #[test]
    fn labels_ticks_in_russian() {
        assert_eq!(tick_label(1500.0, ""), "1\u{202F}500");
        assert_eq!(tick_label(12.5, "%"), "12,5\u{202F}%");
        assert_eq!(tick_label(0.2, ""), "0,2");
    }
}
