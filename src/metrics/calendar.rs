//! The calendar between the first and the last report: every month in order, each either reported
//! or missing. One function answers «which months have no report», so that the annual form, the
//! lead sentences and search do not each keep their own copy of the rule.
//!
//! The same shape as the `phone` branch's `calendar` (written there for the charts and tables);
//! when the two branches meet, one of them is kept.

use crate::period::Period;

/// One calendar month between the first and the last report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Month<'a, T> {
    /// The month has a report (or whatever was computed from it).
    Reported(&'a T),
    /// No report for this month, though reports exist before and after it.
    Missing(Period),
}

/// Every month from the first item to the last, in order, with the months that have no item in
/// between as [`Month::Missing`]. `items` must be sorted by `period_of`, one item a month.
pub fn calendar<T>(items: &[T], period_of: impl Fn(&T) -> Period) -> Vec<Month<'_, T>> {
    let mut out = Vec::with_capacity(items.len());
    let mut expected: Option<Period> = None;
    for item in items {
        let p = period_of(item);
        if let Some(mut m) = expected {
            while m < p {
                out.push(Month::Missing(m));
                m = m.next();
            }
        }
        out.push(Month::Reported(item));
        expected = Some(p.next());
    }
    out
}

/// The months without an item between the first and the last, in order.
pub fn missing<T>(items: &[T], period_of: impl Fn(&T) -> Period) -> Vec<Period> {
    calendar(items, period_of)
        .into_iter()
        .filter_map(|m| match m {
            Month::Missing(p) => Some(p),
            Month::Reported(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    #[test]
    fn months_between_reports_without_one_are_missing() {
        let items = [p("2024-05"), p("2024-06"), p("2024-08"), p("2024-11")];
        let cal = calendar(&items, |x| *x);
        assert_eq!(cal.len(), 7);
        assert_eq!(cal[2], Month::Missing(p("2024-07")));
        assert_eq!(cal[3], Month::Reported(&items[2]));
        assert_eq!(
            missing(&items, |x| *x),
            [p("2024-07"), p("2024-09"), p("2024-10")]
        );
    }

    #[test]
    fn across_a_new_year_and_without_reports() {
        let items = [p("2023-11"), p("2024-02")];
        assert_eq!(missing(&items, |x| *x), [p("2023-12"), p("2024-01")]);
        assert!(missing::<Period>(&[], |x| *x).is_empty());
        assert!(missing(&[p("2024-01")], |x| *x).is_empty());
    }
}
