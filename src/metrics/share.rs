//! Shares and growth rates, exactly: kept as whole numbers until the one rounding to tenths of a
//! percent, half away from zero, so that 0,05 rounds to 0,1 however it was reached.

use serde::Serialize;

/// `num / den` with `den > 0`: a share that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub num: u64,
    pub den: u64,
}

/// The share `num / den`, or `None` ("no data") when there is nothing to divide by.
pub fn share(num: u64, den: u64) -> Option<Share> {
    (den > 0).then_some(Share { num, den })
}

impl Share {
    /// The percentage in tenths, rounded half away from zero: 2/3 → 667 (66,7 %).
    pub fn tenths(self) -> i64 {
        div_round(i128::from(self.num) * 1000, i128::from(self.den))
    }

    /// The percentage as a float, for charts only.
    pub fn percent(self) -> f64 {
        self.num as f64 * 100.0 / self.den as f64
    }
}

/// `num / den` rounded half away from zero; `den` must not be zero.
pub fn div_round(num: i128, den: i128) -> i64 {
    debug_assert!(den != 0);
    let (n, d) = (num.abs(), den.abs());
    let q = (2 * n + d) / (2 * d);
    let signed = if (num < 0) != (den < 0) { -q } else { q };
    signed as i64
}

/// Growth against the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Growth {
    /// Signed difference in units.
    pub units: i64,
    /// Percent in tenths; `None` when the previous value is 0 (undefined, shown as a dash).
    pub percent: Option<i64>,
}

/// Growth of `current` over `previous`; `None` when there is no previous period.
pub fn growth(current: u64, previous: Option<u64>) -> Option<Growth> {
    let prev = previous?;
    let units = current as i64 - prev as i64;
    let percent = (prev > 0).then(|| div_round(i128::from(units) * 1000, i128::from(prev)));
    Some(Growth { units, percent })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_over_zero_total_is_no_data() {
        assert_eq!(share(0, 0), None);
        assert_eq!(share(5, 0), None);
        assert_eq!(share(0, 5).map(Share::tenths), Some(0));
    }

    #[test]
    fn shares_round_half_away_from_zero() {
        // 1/2000 = 0,05 % exactly: rounds up to 0,1 %.
        assert_eq!(share(1, 2000).unwrap().tenths(), 1);
        // 1/2001 = 0,04997… %: rounds down to 0,0 %.
        assert_eq!(share(1, 2001).unwrap().tenths(), 0);
        // 673/1000 = 67,3 %.
        assert_eq!(share(673, 1000).unwrap().tenths(), 673);
        // 2/3 = 66,666… % → 66,7 %.
        assert_eq!(share(2, 3).unwrap().tenths(), 667);
        // 1/8 = 12,5 % exactly.
        assert_eq!(share(1, 8).unwrap().tenths(), 125);
        // 1/16 = 6,25 % → 6,3 % (the float 6.25 would go to even in some libraries).
        assert_eq!(share(1, 16).unwrap().tenths(), 63);
        assert_eq!(share(7, 7).unwrap().tenths(), 1000);
    }

    #[test]
    fn negative_growth_rounds_away_from_zero_too() {
        // 100 → 99.95 cannot happen with counts, but −1/16 of 100 % can: −6,25 % → −6,3 %.
        assert_eq!(
            growth(15, Some(16)),
            Some(Growth {
                units: -1,
                percent: Some(-63)
            })
        );
        assert_eq!(div_round(-1, 2), -1);
        assert_eq!(div_round(1, 2), 1);
        assert_eq!(div_round(-5, 100), 0);
        assert_eq!(div_round(-50, 1000), 0);
        assert_eq!(div_round(-500, 1000), -1);
    }

    #[test]
    fn growth_over_zero_has_units_but_no_percent() {
        assert_eq!(
            growth(7, Some(0)),
            Some(Growth {
                units: 7,
                percent: None
            })
        );
        assert_eq!(
            growth(0, Some(0)),
            Some(Growth {
                units: 0,
                percent: None
            })
        );
    }

    #[test]
    fn growth_without_a_previous_month_is_none() {
        assert_eq!(growth(7, None), None);
    }

    #[test]
    fn growth_in_percent() {
        assert_eq!(
            growth(120, Some(100)),
            Some(Growth {
                units: 20,
                percent: Some(200)
            })
        );
        assert_eq!(
            growth(50, Some(100)),
            Some(Growth {
                units: -50,
                percent: Some(-500)
            })
        );
        // 1/3 = 33,33… % → 33,3 %.
        assert_eq!(growth(4, Some(3)).unwrap().percent, Some(333));
    }
}
