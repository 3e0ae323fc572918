//! When each report was due and published, and what was changed in it afterwards: the
//! publication schedule (a month's report is due on `report_due_day` of the next month), the
//! lateness of each report, the next report and its due date, and the corrections of every
//! report in the order they were made.
//!
//! Everything is relative to the as-of date, never to the clock: "the next report is overdue"
//! means overdue on the newest date the data records.

use crate::data::Dataset;
use crate::data::report::Report;
use crate::period::Period;
use chrono::NaiveDate;

/// The day a month's report is due: `due_day` of the month after `period` (a December report is
/// due in January of the next year). `site.yaml` holds `due_day` to 1–28, so the date exists in
/// every month.
pub fn due_date(period: Period, due_day: u32) -> NaiveDate {
    let next = period.next();
    let day = due_day.clamp(1, crate::data::site::LAST_DUE_DAY);
    NaiveDate::from_ymd_opt(next.year, next.month, day).unwrap_or_else(|| next.first_day())
}

/// Days from `due` to `published` when the report came out after its due date; 0 on time.
pub fn days_late(published: NaiveDate, due: NaiveDate) -> u64 {
    u64::try_from((published - due).num_days()).unwrap_or(0)
}

/// One report against its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publication {
    pub period: Period,
    pub published: NaiveDate,
    pub due: NaiveDate,
    /// Days after `due`; 0 when published on or before it.
    pub days_late: u64,
}

impl Publication {
    /// Whether the report came out after its due date.
    pub fn late(&self) -> bool {
        self.days_late > 0
    }
}

impl crate::calendar::Dated for Publication {
    fn period(&self) -> Period {
        self.period
    }
}

/// Each report against its due date, in the order of the reports.
pub fn publications(reports: &[Report], due_day: u32) -> Vec<Publication> {
    reports
        .iter()
        .map(|r| {
            let due = due_date(r.period, due_day);
            Publication {
                period: r.period,
                published: r.published,
                due,
                days_late: days_late(r.published, due),
            }
        })
        .collect()
}

/// The report after the latest one: its month, its due date and, when the as-of date is past
/// that date, by how many days it is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextReport {
    pub period: Period,
    pub due: NaiveDate,
    /// Days from `due` to the as-of date; 0 while it is not yet due.
    pub overdue_days: u64,
}

/// The report due after `latest`, on the as-of date `as_of`.
pub fn next_report(latest: Period, due_day: u32, as_of: NaiveDate) -> NextReport {
    let period = latest.next();
    let due = due_date(period, due_day);
    NextReport {
        period,
        due,
        overdue_days: days_late(as_of, due),
    }
}

/// A correction, with the month of the report it was made to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrected {
    pub period: Period,
    /// Its place in the report's `corrections:`, from 1: what the notice's anchor is named by.
    pub number: usize,
    pub date: NaiveDate,
    pub text: String,
}

/// Every correction of every report, oldest first; on one day, by the month corrected, then in
/// the order the report lists them.
pub fn corrections(reports: &[Report]) -> Vec<Corrected> {
    let mut out: Vec<Corrected> = reports
        .iter()
        .flat_map(|r| {
            r.corrections.iter().enumerate().map(|(i, c)| Corrected {
                period: r.period,
                number: i + 1,
                date: c.date,
                text: c.text.clone(),
            })
        })
        .collect();
    out.sort_by_key(|c| (c.date, c.period, c.number));
    out
}

/// The latest change to the reports' figures: a report published, or one corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Published(Period, NaiveDate),
    /// The correction, as [`corrections`] lists it.
    Corrected(Corrected),
}

impl Change {
    pub fn date(&self) -> NaiveDate {
        match self {
            Change::Published(_, d) => *d,
            Change::Corrected(c) => c.date,
        }
    }
}

/// The newest change to the reports' figures; a correction made on the day a report was
/// published is the later of the two (it is made to a report already out).
pub fn last_change(ds: &Dataset, corrected: &[Corrected]) -> Option<Change> {
    let published = ds
        .reports
        .iter()
        .max_by_key(|r| (r.published, r.period))
        .map(|r| Change::Published(r.period, r.published));
    let correction = corrected.last().cloned().map(Change::Corrected);
    match (published, correction) {
        (Some(p), Some(c)) if p.date() > c.date() => Some(p),
        (p, None) => p,
        (_, c) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_report_is_due_on_the_due_day_of_the_next_month() {
        assert_eq!(due_date(p("2025-03"), 2), d("2025-04-02"));
        assert_eq!(due_date(p("2025-03"), 1), d("2025-04-01"));
        assert_eq!(due_date(p("2025-01"), 28), d("2025-02-28"));
        assert_eq!(due_date(p("2024-01"), 28), d("2024-02-28"));
    }

    #[test]
    fn a_december_report_is_due_in_january_of_the_next_year() {
        assert_eq!(due_date(p("2024-12"), 2), d("2025-01-02"));
        assert_eq!(due_date(p("9999-11"), 2), d("9999-12-02"));
    }

    #[test]
    fn lateness_counts_days_after_the_due_date_and_none_before() {
        let due = d("2025-07-02");
        assert_eq!(days_late(d("2025-07-09"), due), 7);
        assert_eq!(days_late(d("2025-07-03"), due), 1);
        assert_eq!(days_late(due, due), 0);
        assert_eq!(days_late(d("2025-07-01"), due), 0);
        // Across a year's end and a leap day.
        assert_eq!(days_late(d("2025-01-05"), due_date(p("2024-12"), 2)), 3);
        assert_eq!(days_late(d("2024-03-02"), due_date(p("2024-01"), 28)), 3);
    }

    #[test]
    fn the_next_report_is_overdue_only_after_its_due_date() {
        let n = next_report(p("2025-02"), 2, d("2025-03-20"));
        assert_eq!(
            (n.period, n.due, n.overdue_days),
            (p("2025-03"), d("2025-04-02"), 0)
        );
        let n = next_report(p("2025-02"), 2, d("2025-04-12"));
        assert_eq!(n.overdue_days, 10);
        let n = next_report(p("2024-11"), 5, d("2024-12-01"));
        assert_eq!((n.period, n.due), (p("2024-12"), d("2025-01-05")));
    }
}
