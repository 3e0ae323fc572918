//! A reporting month. Kept as a type, not a string, so that "the month before" and "the same
//! year" are arithmetic rather than string surgery.
//!
//! The months Vitrina accepts are bounded here, once: from [`Period::FIRST`] to [`Period::LAST`]
//! (a four-digit year), and no report more than [`FAR_MONTHS`] from the others ([`far_months`]).
//! A mistyped year (`9999-12`, `2205-03`, `0023-01`) would otherwise stretch every chart, table
//! and calendar over the centuries between (issue 21: a minute and 600 MB for one typo).

use chrono::NaiveDate;
use std::fmt;

/// One calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// The first month Vitrina accepts. The centres (МЦУ) and their platform date from 2020; a
    /// month before 2000 is a typo or an Excel date gone wrong (day 1 is 1900-01-01).
    pub const FIRST: Period = Period {
        year: 2000,
        month: 1,
    };
    /// The last month Vitrina accepts: the last of a four-digit year, as `YYYY-MM` writes it.
    pub const LAST: Period = Period {
        year: 9999,
        month: 12,
    };

    /// Whether the month is one Vitrina accepts: from [`Period::FIRST`] to [`Period::LAST`].
    pub fn in_range(self) -> bool {
        (Period::FIRST..=Period::LAST).contains(&self)
    }

    /// A period, if `month` is 1..=12.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Period { year, month })
    }

    /// Parses `YYYY-MM` exactly (four-digit year, two-digit month), within [`Period::in_range`].
    pub fn parse(s: &str) -> Option<Self> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Period::new(y.parse().ok()?, m.parse().ok()?).filter(|p| p.in_range())
    }

    /// Why `s` is not a month [`Period::parse`] takes, for a command line's error.
    pub fn parse_error(s: &str) -> String {
        let (first, last) = (Period::FIRST, Period::LAST);
        format!("`{s}` is not a month YYYY-MM from {first} to {last}")
    }

    pub fn of_date(d: NaiveDate) -> Self {
        use chrono::Datelike;
        Period {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month after, if it is still one Vitrina accepts.
    pub fn checked_next(self) -> Option<Self> {
        Some(self.next()).filter(|p| p.in_range())
    }

    /// How many months from `self` to `later` (negative when `later` is earlier).
    pub fn months_to(self, later: Period) -> i64 {
        later.index() - self.index()
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a period is a valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .expect("a month has a last day")
    }

    /// Months since year 0: makes gaps between periods a subtraction.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

/// How far apart two reports may lie before one of them is taken for a mistyped year: three
/// years, so that a centre that stopped publishing for a year or two is not refused.
pub const FAR_MONTHS: i64 = 36;

/// A month far from the site's reports: which, and the nearest report outside its own run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Far {
    /// Its index in the sorted months given.
    pub index: usize,
    pub nearest: Period,
}

/// The months of `sorted` that lie far from the site's reports. The months fall into runs, each
/// month at most [`FAR_MONTHS`] after the one before; the run with the most months is the site's,
/// and every month of another run is far. When two runs are the longest, which year is mistyped
/// cannot be told, and every month of every run is far from another. Once the far months are
/// refused, the months kept span at most [`FAR_MONTHS`] a report: the work of everything after
/// grows with the number of reports, never with the years between them.
pub fn far_months(sorted: &[Period]) -> Vec<Far> {
    // The runs, as ranges of indexes.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, p) in sorted.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if sorted[run.end - 1].months_to(*p) <= FAR_MONTHS => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    let longest = runs.iter().map(|r| r.len()).max().unwrap_or(0);
    let kept: Vec<&std::ops::Range<usize>> = runs.iter().filter(|r| r.len() == longest).collect();
    let keep_one = kept.len() == 1;
    let mut out = Vec::new();
    for run in &runs {
        if keep_one && run.len() == longest {
            continue;
        }
        for index in run.clone() {
            // The nearest month outside this run: the last before it or the first after it.
            let before = run.start.checked_sub(1).map(|j| sorted[j]);
            let after = sorted.get(run.end).copied();
            let p = sorted[index];
            let nearest = match (before, after) {
                (Some(b), Some(a)) if a.index() - p.index() < p.index() - b.index() => a,
                (Some(b), _) => b,
                (None, Some(a)) => a,
                (None, None) => continue,
            };
            out.push(Far { index, nearest });
        }
    }
    out
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_yyyy_mm() {
        assert_eq!(Period::parse("2024-03"), Period::new(2024, 3));
        assert_eq!(Period::parse("2024-13"), None);
        assert_eq!(Period::parse("2024-3"), None);
        assert_eq!(Period::parse("24-03"), None);
        assert_eq!(Period::parse("2024-03-01"), None);
    }

    #[test]
    fn january_follows_december() {
        let jan = Period::new(2024, 1).unwrap();
        assert_eq!(jan.prev(), Period::new(2023, 12).unwrap());
        assert_eq!(jan.prev().next(), jan);
        assert_eq!(jan.index() - jan.prev().index(), 1);
    }

    #[test]
    fn months_outside_the_accepted_range_do_not_parse() {
        assert_eq!(Period::parse("0000-01"), None);
        assert_eq!(Period::parse("1999-12"), None);
        assert_eq!(Period::parse("2000-01"), Some(Period::FIRST));
        assert_eq!(Period::parse("9999-12"), Some(Period::LAST));
        assert_eq!(Period::LAST.checked_next(), None);
        assert_eq!(Period::LAST.next().to_string(), "10000-01");
        assert_eq!(
            Period::new(2024, 12).unwrap().checked_next(),
            Period::new(2025, 1)
        );
    }

    fn months(list: &[&str]) -> Vec<Period> {
        list.iter().map(|s| Period::parse(s).unwrap()).collect()
    }

    fn far(list: &[&str]) -> Vec<(String, String)> {
        let sorted = months(list);
        far_months(&sorted)
            .into_iter()
            .map(|f| (sorted[f.index].to_string(), f.nearest.to_string()))
            .collect()
    }

    #[test]
    fn a_month_years_away_from_the_others_is_far() {
        let typo = far(&["2025-01", "2025-02", "2025-03", "9999-12"]);
        assert_eq!(typo, [("9999-12".into(), "2025-03".into())]);
        let early = far(&["2023-01", "2025-01", "2025-02", "2025-03"]);
        assert_eq!(early, []);
        let past = far(&["2002-03", "2025-01", "2025-02"]);
        assert_eq!(past, [("2002-03".into(), "2025-01".into())]);
        // Two typos near each other are still far from the site's reports.
        let two = far(&["2025-01", "2025-02", "2025-03", "2205-03", "2205-04"]);
        assert_eq!(two.len(), 2, "{two:?}");
    }

    #[test]
    fn a_pause_of_up_to_three_years_is_not_far() {
        assert_eq!(far(&["2021-01", "2024-01", "2024-02"]), []);
        assert_eq!(far(&["2021-01", "2024-02", "2024-03"]).len(), 1);
        // Each month within reach of the one before: a long history is one run.
        let history: Vec<String> = (2000..2030).map(|y| format!("{y}-06")).collect();
        let history: Vec<&str> = history.iter().map(String::as_str).collect();
        assert_eq!(far(&history), []);
    }

    #[test]
    fn when_two_runs_are_as_long_both_are_far() {
        let tie = far(&["2025-01", "9999-12"]);
        assert_eq!(
            tie,
            [
                ("2025-01".into(), "9999-12".into()),
                ("9999-12".into(), "2025-01".into())
            ]
        );
        assert_eq!(far(&["2025-01"]), []);
        assert_eq!(far(&[]), []);
    }

    #[test]
    fn last_day_knows_leap_years() {
        assert_eq!(
            Period::new(2024, 2).unwrap().last_day().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Period::new(2023, 2).unwrap().last_day().to_string(),
            "2023-02-28"
        );
    }
}
