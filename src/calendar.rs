//! The calendar between the first and the last report: every month in order, each either reported
//! or missing. One function answers «which months have no report», for the `missing-month`
//! warning, the charts' time axis, the indicator tables, `/reports/`, search and the annual form,
//! so that none of them keeps its own copy of the rule.
//!
//! Shared vocabulary below the data: validation (a missing month) and the figures both use it,
//! and it knows nothing of a report but its month ([`Dated`]).

use crate::period::Period;

/// One calendar month between the first and the last report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Month<'a, T> {
    /// The month has a report (or whatever was computed from it).
    Reported(&'a T),
    /// No report for this month, though reports exist before and after it.
    Missing(Period),
}

impl<T> Month<'_, T> {
    /// The reported value, `None` for a missing month.
    pub fn reported(&self) -> Option<&T> {
        match self {
            Month::Reported(r) => Some(r),
            Month::Missing(_) => None,
        }
    }

    pub fn is_missing(&self) -> bool {
        matches!(self, Month::Missing(_))
    }
}

/// Anything that belongs to one month: a report and what is computed from it.
pub trait Dated {
    fn period(&self) -> Period;
}

impl<V> Dated for (Period, V) {
    fn period(&self) -> Period {
        self.0
    }
}

impl Dated for Period {
    fn period(&self) -> Period {
        *self
    }
}

impl<T: Dated> Month<'_, T> {
    /// The month itself, reported or not.
    pub fn period(&self) -> Period {
        match self {
            Month::Reported(r) => r.period(),
            Month::Missing(p) => *p,
        }
    }
}

/// The positions of the missing months in `months` (for a chart's «нет отчёта» bands).
pub fn missing_points<T>(months: &[Month<'_, T>]) -> Vec<usize> {
    months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.is_missing().then_some(i))
        .collect()
}

/// Every month from the first report to the last, in order, with the months that have no report
/// in between as [`Month::Missing`]. `reports` must be sorted by period with one report a month
/// (as validation leaves them).
pub fn months_with_gaps<T: Dated>(reports: &[T]) -> Vec<Month<'_, T>> {
    calendar(reports, T::period)
}

/// [`months_with_gaps`] over anything that has a month (a report, its computed values, its form).
/// `items` must be sorted by `period_of`, one item a month.
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

/// One month of a site's calendar as compute keeps it: the month, and the position of its report
/// among the reports, and so among everything computed from them in the same order (the
/// values, forms and details of [`super::Figures`]); `None` for a month without a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub period: Period,
    pub report: Option<usize>,
}

/// The [`calendar`] of `items` by position, to be laid over anything in their order ([`over`]).
pub fn slots<T>(items: &[T], period_of: impl Fn(&T) -> Period) -> Vec<Slot> {
    let mut next = 0;
    calendar(items, &period_of)
        .iter()
        .map(|m| match m {
            Month::Reported(item) => {
                next += 1;
                Slot {
                    period: period_of(item),
                    report: Some(next - 1),
                }
            }
            Month::Missing(p) => Slot {
                period: *p,
                report: None,
            },
        })
        .collect()
}

/// The calendar `slots` over `items`, which are in the order the slots count.
pub fn over<'a, T>(slots: &[Slot], items: &'a [T]) -> Vec<Month<'a, T>> {
    slots
        .iter()
        .map(|s| match s.report.and_then(|i| items.get(i)) {
            Some(item) => Month::Reported(item),
            None => Month::Missing(s.period),
        })
        .collect()
}

/// The months without a report between the first and the last report, in order.
pub fn missing_months<T: Dated>(reports: &[T]) -> Vec<Period> {
    months_with_gaps(reports)
        .into_iter()
        .filter_map(|m| match m {
            Month::Missing(p) => Some(p),
            Month::Reported(_) => None,
        })
        .collect()
}

/// One run of consecutive missing months, with the reports on either side of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap<'a, T> {
    pub before: &'a T,
    pub missing: Vec<Period>,
    pub after: &'a T,
}

/// The runs of missing months of [`calendar`], each with the item before and after it.
pub fn gaps<T>(items: &[T], period_of: impl Fn(&T) -> Period) -> Vec<Gap<'_, T>> {
    let mut out = Vec::new();
    let mut before: Option<&T> = None;
    let mut missing = Vec::new();
    for m in calendar(items, period_of) {
        match m {
            Month::Missing(p) => missing.push(p),
            Month::Reported(r) => {
                if let (Some(b), false) = (before, missing.is_empty()) {
                    out.push(Gap {
                        before: b,
                        missing: std::mem::take(&mut missing),
                        after: r,
                    });
                }
                before = Some(r);
            }
        }
    }
    out
}

/// How a stretch of the calendar is covered, in words for a chart's description: «за 25 месяцев
/// (24 отчёта; нет отчёта за июль 2024)», or «за 12 месяцев» when no month is missing.
pub fn coverage_words<T>(months: &[Month<'_, T>]) -> String {
    use crate::format::{int, month, plural};
    let n = months.len() as u64;
    let missing: Vec<String> = months
        .iter()
        .filter_map(|m| match m {
            Month::Missing(p) => Some(month(p.year, p.month)),
            Month::Reported(_) => None,
        })
        .collect();
    let span = format!(
        "за {} {}",
        int(n as i64),
        plural(n, "месяц", "месяца", "месяцев")
    );
    if missing.is_empty() {
        return span;
    }
    let reports = n - missing.len() as u64;
    format!(
        "{span} ({} {}; нет {} за {})",
        int(reports as i64),
        plural(reports, "отчёт", "отчёта", "отчётов"),
        if missing.len() == 1 {
            "отчёта"
        } else {
            "отчётов"
        },
        missing.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn periods(list: &[&str]) -> Vec<Period> {
        list.iter().map(|s| p(s)).collect()
    }

    fn shape(items: &[Period]) -> Vec<String> {
        calendar(items, |p| *p)
            .iter()
            .map(|m| match m {
                Month::Reported(p) => p.to_string(),
                Month::Missing(p) => format!("({p})"),
            })
            .collect()
    }

    #[test]
    fn no_reports_no_months() {
        assert!(shape(&[]).is_empty());
        assert!(gaps(&[] as &[Period], |p| *p).is_empty());
    }

    #[test]
    fn one_report_is_one_month() {
        assert_eq!(shape(&periods(&["2024-07"])), ["2024-07"]);
    }

    #[test]
    fn consecutive_months_have_no_gap() {
        let items = periods(&["2023-11", "2023-12", "2024-01"]);
        assert_eq!(shape(&items), ["2023-11", "2023-12", "2024-01"]);
        assert!(gaps(&items, |p| *p).is_empty());
    }

    #[test]
    fn a_missing_month_sits_in_its_place() {
        let items = periods(&["2024-05", "2024-06", "2024-08", "2024-09"]);
        assert_eq!(
            shape(&items),
            ["2024-05", "2024-06", "(2024-07)", "2024-08", "2024-09"]
        );
    }

    #[test]
    fn gaps_cross_the_new_year_and_group_in_runs() {
        let items = periods(&["2023-10", "2024-02", "2024-03", "2024-05"]);
        assert_eq!(
            shape(&items),
            [
                "2023-10",
                "(2023-11)",
                "(2023-12)",
                "(2024-01)",
                "2024-02",
                "2024-03",
                "(2024-04)",
                "2024-05"
            ]
        );
        let runs = gaps(&items, |p| *p);
        assert_eq!(runs.len(), 2);
        assert_eq!(
            (*runs[0].before, runs[0].missing.clone(), *runs[0].after),
            (
                p("2023-10"),
                periods(&["2023-11", "2023-12", "2024-01"]),
                p("2024-02")
            )
        );
        assert_eq!(
            (*runs[1].before, runs[1].missing.clone(), *runs[1].after),
            (p("2024-03"), periods(&["2024-04"]), p("2024-05"))
        );
    }

    #[test]
    fn coverage_counts_months_and_reports_apart() {
        let whole = periods(&["2024-01", "2024-02"]);
        assert_eq!(coverage_words(&calendar(&whole, |p| *p)), "за 2 месяца");
        let one = periods(&["2024-01"]);
        assert_eq!(coverage_words(&calendar(&one, |p| *p)), "за 1 месяц");
        let gap = periods(&["2024-05", "2024-06", "2024-08", "2024-09"]);
        assert_eq!(
            coverage_words(&calendar(&gap, |p| *p)),
            "за 5 месяцев (4 отчёта; нет отчёта за июль 2024)"
        );
        let two = periods(&["2024-05", "2024-08"]);
        assert_eq!(
            coverage_words(&calendar(&two, |p| *p)),
            "за 4 месяца (2 отчёта; нет отчётов за июнь 2024, июль 2024)"
        );
        assert_eq!(coverage_words::<Period>(&[]), "за 0 месяцев");
    }

    #[test]
    fn the_span_counts_months_not_reports() {
        // 24 reports over 25 months: the calendar has 25 entries, one of them missing.
        let mut items: Vec<Period> = std::iter::successors(Some(p("2023-01")), |m| Some(m.next()))
            .take(25)
            .collect();
        items.remove(18);
        let months = calendar(&items, |p| *p);
        assert_eq!(months.len(), 25);
        assert_eq!(months.iter().filter(|m| m.is_missing()).count(), 1);
        assert_eq!(months[18], Month::Missing(p("2024-07")));
        assert_eq!(months[17].reported(), Some(&p("2024-06")));
    }

    #[test]
    fn slots_lay_the_calendar_over_anything_in_the_reports_order() {
        let items = periods(&["2023-11", "2024-01", "2024-02"]);
        let slots = slots(&items, |p| *p);
        assert_eq!(over(&slots, &items), calendar(&items, |p| *p));
        assert_eq!(
            over(&slots, &["a", "b", "c"]),
            [
                Month::Reported(&"a"),
                Month::Missing(p("2023-12")),
                Month::Reported(&"b"),
                Month::Reported(&"c")
            ]
        );
        assert_eq!(
            slots[1],
            Slot {
                period: p("2023-12"),
                report: None
            }
        );
        assert_eq!(
            slots[3],
            Slot {
                period: p("2024-02"),
                report: Some(2)
            }
        );
        assert!(super::slots::<Period>(&[], |p| *p).is_empty());
    }
}
