//! A reporting month. Kept as a type, not a string, so that "the month before" and "the same
//! year" are arithmetic rather than string surgery.

use chrono::NaiveDate;
use std::fmt;

/// One calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// A period, if `month` is 1..=12.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Period { year, month })
    }

    /// Parses `YYYY-MM` exactly (four-digit year, two-digit month).
    pub fn parse(s: &str) -> Option<Self> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Period::new(y.parse().ok()?, m.parse().ok()?)
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
