//! Road maps: the status of each measure on the as-of date, a road map's progress, and the
//! complaints on its theme before and after it was approved.

use super::share::{Share, div_round, share};
use crate::data::decision::{Measure, Roadmap};
use crate::data::report::Report;
use crate::period::Period;
use chrono::NaiveDate;
use serde::Serialize;

/// Where a measure stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Done,
    Cancelled,
    /// Neither done nor cancelled, and the deadline has passed.
    Overdue,
    InProgress,
}

impl MeasureStatus {
    /// The word the open data writes for it, as serde does (`in_progress`).
    pub fn key(self) -> &'static str {
        match self {
            MeasureStatus::Done => "done",
            MeasureStatus::Cancelled => "cancelled",
            MeasureStatus::Overdue => "overdue",
            MeasureStatus::InProgress => "in_progress",
        }
    }
}

/// The status of a measure as DATA-FORMAT.md defines it: done when `done` is set, cancelled
/// when `cancelled` is set, overdue when neither and `due` is before the as-of date.
pub fn measure_status(m: &Measure, as_of: NaiveDate) -> MeasureStatus {
    if m.done.is_some() {
        MeasureStatus::Done
    } else if m.cancelled.is_some() {
        MeasureStatus::Cancelled
    } else if m.due < as_of {
        MeasureStatus::Overdue
    } else {
        MeasureStatus::InProgress
    }
}

/// Days past the deadline of an overdue measure on the as-of date; `None` for any other status.
pub fn days_overdue(m: &Measure, as_of: NaiveDate) -> Option<i64> {
    (measure_status(m, as_of) == MeasureStatus::Overdue).then(|| (as_of - m.due).num_days())
}

/// Days a done measure was completed after its deadline; `None` when it is not done or was done
/// on time.
pub fn days_late(m: &Measure) -> Option<i64> {
    let days = (m.done? - m.due).num_days();
    (days > 0).then_some(days)
}

/// Counts of a road map's measures by status, and its progress.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    /// Of `done`, those completed after their deadline.
    pub done_late: usize,
    pub in_progress: usize,
    pub overdue: usize,
    pub cancelled: usize,
    pub total: usize,
}

impl Progress {
    /// The measures that still count: all but the cancelled ("done 3 of 5").
    pub fn active(&self) -> usize {
        self.total.saturating_sub(self.cancelled)
    }

    /// Done over measures not cancelled; `None` when every measure was cancelled or there are none.
    pub fn share(&self) -> Option<Share> {
        share(self.done as u64, self.active() as u64)
    }
}

/// The progress of a road map on the as-of date.
pub fn progress(r: &Roadmap, as_of: NaiveDate) -> Progress {
    let mut p = Progress {
        total: r.measures.len(),
        ..Progress::default()
    };
    for m in &r.measures {
        match measure_status(m, as_of) {
            MeasureStatus::Done => p.done += 1,
            MeasureStatus::Cancelled => p.cancelled += 1,
            MeasureStatus::Overdue => p.overdue += 1,
            MeasureStatus::InProgress => p.in_progress += 1,
        }
        if days_late(m).is_some() {
            p.done_late += 1;
        }
    }
    p
}

/// The complaints on one theme in each reported month; `None` where a report does not list it.
pub fn theme_series(reports: &[Report], theme: &str) -> Vec<(Period, Option<u64>)> {
    reports
        .iter()
        .map(|r| {
            (
                r.period,
                r.themes
                    .iter()
                    .find(|t| t.theme == theme)
                    .map(|t| t.received),
            )
        })
        .collect()
}

/// The average monthly count over some months, in tenths, with how many months it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Average {
    pub tenths: i64,
    pub months: usize,
    pub first: Period,
    pub last: Period,
}

fn average(points: &[(Period, Option<u64>)]) -> Option<Average> {
    let with_data: Vec<(Period, u64)> = points
        .iter()
        .filter_map(|(p, v)| v.map(|v| (*p, v)))
        .collect();
    let (first, last) = (with_data.first()?.0, with_data.last()?.0);
    let sum: u64 = with_data.iter().map(|(_, v)| v).sum();
    Some(Average {
        tenths: div_round(i128::from(sum) * 10, with_data.len() as i128),
        months: with_data.len(),
        first,
        last,
    })
}

/// Complaints before a road map and lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BeforeAfter {
    /// The six reported months before the month of approval.
    pub before: Option<Average>,
    /// The latest six reported months, when they all come after approval.
    pub after: Option<Average>,
    /// After minus before, in percent (tenths), when both exist and before is not zero.
    pub change_percent: Option<i64>,
}

/// The average monthly complaints on the theme in the six reported months before the month of
/// approval and in the latest six reported months after it. Months whose report does not list
/// the theme are left out of an average rather than counted as zero.
pub fn before_after(series: &[(Period, Option<u64>)], approved: NaiveDate) -> BeforeAfter {
    let approval = Period::of_date(approved);
    let before_all: Vec<_> = series
        .iter()
        .filter(|(p, _)| *p < approval)
        .copied()
        .collect();
    let before = average(&before_all[before_all.len().saturating_sub(6)..]);
    let after_all: Vec<_> = series
        .iter()
        .filter(|(p, _)| *p > approval)
        .copied()
        .collect();
    let after = average(&after_all[after_all.len().saturating_sub(6)..]);
    let change_percent = match (before, after) {
        (Some(b), Some(a)) if b.tenths > 0 => Some(div_round(
            i128::from(a.tenths - b.tenths) * 1000,
            i128::from(b.tenths),
        )),
        _ => None,
    };
    BeforeAfter {
        before,
        after,
        change_percent,
    }
}

/// A measure on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MeasureFigures {
    pub status: MeasureStatus,
    /// Days past the deadline, for an overdue measure ([`days_overdue`]).
    pub days_overdue: Option<i64>,
    /// Days after the deadline it was done ([`days_late`]).
    pub days_late: Option<i64>,
    /// Its deadline, and whether it is still open (neither done nor cancelled): what it takes to
    /// say whether it is overdue on another date ([`MeasureFigures::overdue_on`]).
    #[serde(skip)]
    due: NaiveDate,
    #[serde(skip)]
    open: bool,
}

impl MeasureFigures {
    /// Overdue on `date`, by [`measure_status`]'s rule: a region counts its municipalities'
    /// measures on the region's as-of date.
    pub fn overdue_on(&self, date: NaiveDate) -> bool {
        self.open && self.due < date
    }
}

/// The figures of measure `m` on the as-of date.
pub fn measure_figures(m: &Measure, as_of: NaiveDate) -> MeasureFigures {
    MeasureFigures {
        status: measure_status(m, as_of),
        days_overdue: days_overdue(m, as_of),
        days_late: days_late(m),
        due: m.due,
        open: m.done.is_none() && m.cancelled.is_none(),
    }
}

/// One calendar month of a road map's theme: its complaints, `None` where the month's report
/// does not list the theme, and `missing` where the month has no report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThemeMonth {
    pub period: Period,
    pub received: Option<u64>,
    pub missing: bool,
}

/// A road map on the as-of date: its progress, each measure, and the complaints on its theme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoadmapFigures {
    pub progress: Progress,
    /// In the order of the road map's measures.
    pub measures: Vec<MeasureFigures>,
    /// The complaints on its theme in each reported month ([`theme_series`]); empty without a
    /// theme.
    pub series: Vec<(Period, Option<u64>)>,
    /// The same over every calendar month from the first report to the last.
    pub months: Vec<ThemeMonth>,
    /// Before and after its approval, when it has a theme.
    pub before_after: Option<BeforeAfter>,
}

/// The figures of road map `r` over `reports` on the as-of date; `calendar` is the reports'
/// ([`super::calendar::slots`]).
pub fn roadmap_figures(
    r: &Roadmap,
    reports: &[Report],
    calendar: &[super::calendar::Slot],
    as_of: NaiveDate,
) -> RoadmapFigures {
    let series = r
        .theme
        .as_deref()
        .map(|t| theme_series(reports, t))
        .unwrap_or_default();
    let months = if series.is_empty() {
        Vec::new()
    } else {
        super::calendar::over(calendar, &series)
            .iter()
            .map(|m| ThemeMonth {
                period: m.period(),
                received: m.reported().and_then(|(_, v)| *v),
                missing: m.is_missing(),
            })
            .collect()
    };
    RoadmapFigures {
        progress: progress(r, as_of),
        measures: r
            .measures
            .iter()
            .map(|m| measure_figures(m, as_of))
            .collect(),
        before_after: r.theme.as_ref().map(|_| before_after(&series, r.approved)),
        series,
        months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn measure(due: &str, done: Option<&str>, cancelled: bool) -> Measure {
        Measure {
            title: "m".into(),
            responsible: None,
            due: d(due),
            done: done.map(d),
            done_span: None,
            progress: None,
            cancelled: cancelled.then(|| "причина".to_string()),
            late_reason: None,
        }
    }

    fn roadmap(measures: Vec<Measure>) -> Roadmap {
        let span = Span {
            file: FileId(0),
            start: 0,
            end: 0,
        };
        Roadmap {
            id: "r".into(),
            id_span: span,
            title: "r".into(),
            theme: Some("Дороги".into()),
            theme_span: None,
            root_cause: None,
            approved: d("2024-02-01"),
            owner: None,
            measures,
        }
    }

    #[test]
    fn a_measure_is_overdue_only_after_its_deadline() {
        let as_of = d("2024-05-01");
        assert_eq!(
            measure_status(&measure("2024-04-30", None, false), as_of),
            MeasureStatus::Overdue
        );
        assert_eq!(
            measure_status(&measure("2024-05-01", None, false), as_of),
            MeasureStatus::InProgress,
            "due today is not overdue yet"
        );
        assert_eq!(
            measure_status(&measure("2024-04-30", Some("2024-05-01"), false), as_of),
            MeasureStatus::Done,
            "done late is done"
        );
        assert_eq!(
            measure_status(&measure("2024-04-30", None, true), as_of),
            MeasureStatus::Cancelled
        );
    }

    #[test]
    fn days_overdue_only_for_an_overdue_measure() {
        let late = measure("2024-03-01", None, false);
        assert_eq!(days_overdue(&late, d("2024-03-11")), Some(10));
        assert_eq!(
            days_overdue(&late, d("2024-03-01")),
            None,
            "due today is not late"
        );
        assert_eq!(
            days_overdue(
                &measure("2024-03-01", Some("2024-03-05"), false),
                d("2024-04-01")
            ),
            None
        );
        assert_eq!(
            days_overdue(&measure("2024-03-01", None, true), d("2024-04-01")),
            None
        );
    }

    #[test]
    fn days_late_only_for_a_measure_done_after_its_deadline() {
        assert_eq!(
            days_late(&measure("2024-05-31", Some("2024-06-10"), false)),
            Some(10)
        );
        assert_eq!(
            days_late(&measure("2024-05-31", Some("2024-05-31"), false)),
            None,
            "done on the day is on time"
        );
        assert_eq!(
            days_late(&measure("2024-05-31", Some("2024-05-01"), false)),
            None
        );
        assert_eq!(days_late(&measure("2024-05-31", None, false)), None);
        let r = roadmap(vec![
            measure("2024-05-31", Some("2024-06-10"), false),
            measure("2024-05-31", Some("2024-05-10"), false),
        ]);
        let p = progress(&r, d("2024-07-01"));
        assert_eq!((p.done, p.done_late), (2, 1));
    }

    #[test]
    fn progress_is_done_over_measures_not_cancelled() {
        let r = roadmap(vec![
            measure("2024-03-01", Some("2024-02-20"), false),
            measure("2024-04-01", None, false),
            measure("2024-12-01", None, false),
            measure("2024-06-01", None, true),
        ]);
        let p = progress(&r, d("2024-05-01"));
        assert_eq!(
            (p.done, p.overdue, p.in_progress, p.cancelled, p.total),
            (1, 1, 1, 1, 4)
        );
        assert_eq!(p.share().unwrap().tenths(), 333);
        assert_eq!(p.active(), 3, "the page says «выполнено 1 из 3»");
    }

    #[test]
    fn progress_without_measures_or_all_cancelled_is_no_data() {
        assert_eq!(progress(&roadmap(vec![]), d("2024-05-01")).share(), None);
        let all_cancelled = roadmap(vec![
            measure("2024-03-01", None, true),
            measure("2024-04-01", None, true),
        ]);
        assert_eq!(progress(&all_cancelled, d("2024-05-01")).share(), None);
        assert_eq!(progress(&all_cancelled, d("2024-05-01")).active(), 0);
    }

    fn series(start: &str, values: &[Option<u64>]) -> Vec<(Period, Option<u64>)> {
        let mut p = Period::parse(start).unwrap();
        values
            .iter()
            .map(|v| {
                let out = (p, *v);
                p = p.next();
                out
            })
            .collect()
    }

    #[test]
    fn before_and_after_average_six_months_each() {
        // 2023-08 … 2024-01 before (100 each), approval 2024-02, then 2024-03 … 2024-10.
        let s = series(
            "2023-06",
            &[
                Some(500),
                Some(500),
                Some(100),
                Some(100),
                Some(100),
                Some(100),
                Some(100),
                Some(100),
                Some(90),
                Some(80),
                Some(70),
                Some(60),
                Some(60),
                Some(60),
                Some(60),
                Some(60),
                Some(60),
            ],
        );
        let ba = before_after(&s, d("2024-02-01"));
        let before = ba.before.unwrap();
        assert_eq!(
            (
                before.tenths,
                before.months,
                before.first.to_string(),
                before.last.to_string()
            ),
            (1000, 6, "2023-08".into(), "2024-01".into())
        );
        let after = ba.after.unwrap();
        assert_eq!(
            (after.tenths, after.months, after.last.to_string()),
            (600, 6, "2024-10".into())
        );
        assert_eq!(ba.change_percent, Some(-400));
    }

    #[test]
    fn approval_in_the_first_reported_month_has_no_before() {
        let s = series("2024-02", &[Some(10), Some(9), Some(8)]);
        let ba = before_after(&s, d("2024-02-15"));
        assert_eq!(ba.before, None);
        assert_eq!(ba.after.unwrap().tenths, 85);
        assert_eq!(ba.change_percent, None);
    }

    #[test]
    fn months_without_the_theme_are_left_out_not_zero() {
        let s = series("2023-12", &[Some(10), None, Some(20)]);
        let ba = before_after(&s, d("2024-03-01"));
        let before = ba.before.unwrap();
        assert_eq!((before.tenths, before.months), (150, 2));
        assert_eq!(ba.after, None, "no month after approval yet");
    }

    #[test]
    fn theme_series_marks_missing_months() {
        assert!(theme_series(&[], "Дороги").is_empty());
    }

    #[test]
    fn a_measure_is_overdue_on_a_later_date_by_the_same_rule_as_its_status() {
        let as_of = d("2024-05-01");
        let measures = [
            measure("2024-04-30", None, false),
            measure("2024-06-30", None, false),
            measure("2024-04-30", Some("2024-05-10"), false),
            measure("2024-04-30", None, true),
        ];
        for m in &measures {
            let f = measure_figures(m, as_of);
            assert_eq!(f.status, measure_status(m, as_of));
            for date in ["2024-04-30", "2024-05-01", "2024-07-01", "2025-01-01"] {
                assert_eq!(
                    f.overdue_on(d(date)),
                    measure_status(m, d(date)) == MeasureStatus::Overdue,
                    "{m:?} on {date}"
                );
            }
        }
        // In progress on its own date, overdue on a later one.
        let later = measure_figures(&measures[1], as_of);
        assert_eq!(later.status, MeasureStatus::InProgress);
        assert!(later.overdue_on(d("2024-07-01")));
    }

    #[test]
    fn a_road_map_keeps_its_theme_over_every_calendar_month() {
        let report = |period: &str, received: Option<u64>| {
            let mut r = Report::empty(Period::parse(period).unwrap());
            if let Some(n) = received {
                r.themes.push(crate::data::report::ThemeRow {
                    theme: "Дороги".into(),
                    received: n,
                    repeated: None,
                    overdue: None,
                    postponed: None,
                    solved: None,
                });
            }
            r
        };
        let reports = [
            report("2024-01", Some(10)),
            report("2024-03", None),
            report("2024-04", Some(4)),
        ];
        let calendar = super::super::calendar::slots(&reports, |r| r.period);
        let r = roadmap(vec![measure("2024-04-30", None, false)]);
        let f = roadmap_figures(&r, &reports, &calendar, d("2024-05-01"));
        let p = |s: &str| Period::parse(s).unwrap();
        assert_eq!(
            f.series,
            [
                (p("2024-01"), Some(10)),
                (p("2024-03"), None),
                (p("2024-04"), Some(4))
            ]
        );
        let months: Vec<(Period, Option<u64>, bool)> = f
            .months
            .iter()
            .map(|m| (m.period, m.received, m.missing))
            .collect();
        assert_eq!(
            months,
            [
                (p("2024-01"), Some(10), false),
                (p("2024-02"), None, true),
                (p("2024-03"), None, false),
                (p("2024-04"), Some(4), false)
            ]
        );
        assert_eq!(f.progress.overdue, 1);
        assert_eq!(f.measures[0].status, MeasureStatus::Overdue);
        assert!(f.before_after.is_some());
        // Without a theme: no series, no months, no comparison.
        let untitled = Roadmap { theme: None, ..r };
        let f = roadmap_figures(&untitled, &reports, &calendar, d("2024-05-01"));
        assert!(f.series.is_empty() && f.months.is_empty() && f.before_after.is_none());
    }
}
