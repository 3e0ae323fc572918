//! Decisions adopted with residents via ПОС: how long until residents were told, and per year the
//! share reported back in social networks.

use super::share::{Share, share};
use crate::data::decision::{Decision, DecisionStatus};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// The dates of the informing posts published by the as-of date, in the file's order.
pub fn posts_by(d: &Decision, as_of: NaiveDate) -> Vec<NaiveDate> {
    d.informing
        .iter()
        .map(|p| p.date)
        .filter(|date| *date <= as_of)
        .collect()
}

/// The first informing post by the as-of date.
pub fn first_post(d: &Decision, as_of: NaiveDate) -> Option<NaiveDate> {
    posts_by(d, as_of).into_iter().min()
}

/// Days from adoption to the first informing post, if there is one by the as-of date.
pub fn days_to_first_post(d: &Decision, as_of: NaiveDate) -> Option<i64> {
    first_post(d, as_of).map(|first| (first - d.adopted).num_days())
}

/// Done, and no post about it by the as-of date: residents were not told.
pub fn done_not_informed(d: &Decision, as_of: NaiveDate) -> bool {
    d.status == DecisionStatus::Done && !d.informed_by(as_of)
}

/// Indicator 12's rule, the one place it is written: a decision counts as informed when a post
/// about it is dated no later than the last day of the month it was adopted in.
pub fn informed_in_month(d: &Decision) -> bool {
    d.informed_by(crate::period::Period::of_date(d.adopted).last_day())
}

/// Decisions of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCounts {
    pub year: i32,
    pub adopted: u64,
    /// With an informing post by the end of the month of adoption: indicator 12's rule.
    pub informed_in_month: u64,
    /// With an informing post by the as-of date.
    pub informed_by_now: u64,
}

impl YearCounts {
    pub fn share_in_month(&self) -> Option<Share> {
        share(self.informed_in_month, self.adopted)
    }

    pub fn share_by_now(&self) -> Option<Share> {
        share(self.informed_by_now, self.adopted)
    }
}

/// Per year of adoption, oldest first.
pub fn per_year(decisions: &[Decision], as_of: NaiveDate) -> Vec<YearCounts> {
    let mut years: Vec<i32> = decisions.iter().map(|d| d.adopted.year()).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let of_year: Vec<&Decision> = decisions
                .iter()
                .filter(|d| d.adopted.year() == year)
                .collect();
            YearCounts {
                year,
                adopted: of_year.len() as u64,
                informed_in_month: of_year.iter().filter(|d| informed_in_month(d)).count() as u64,
                informed_by_now: of_year.iter().filter(|d| d.informed_by(as_of)).count() as u64,
            }
        })
        .collect()
}

/// Counts by status, in the order planned, in progress, done, cancelled.
pub fn status_counts(decisions: &[Decision]) -> [(DecisionStatus, usize); 4] {
    [
        DecisionStatus::Planned,
        DecisionStatus::InProgress,
        DecisionStatus::Done,
        DecisionStatus::Cancelled,
    ]
    .map(|s| (s, decisions.iter().filter(|d| d.status == s).count()))
}

/// What the pages and the open data show of one decision on the as-of date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DecisionFigures {
    /// Informing posts published by the as-of date.
    pub posts: usize,
    /// The first of them.
    pub first_post: Option<NaiveDate>,
    /// Days from adoption to the first of them.
    pub days_to_first_post: Option<i64>,
    /// Done, and nobody told yet.
    pub done_not_informed: bool,
    /// Told by the end of the month of adoption: indicator 12's rule.
    pub informed_in_month: bool,
}

/// The figures of decision `d` on the as-of date.
pub fn decision_figures(d: &Decision, as_of: NaiveDate) -> DecisionFigures {
    DecisionFigures {
        posts: posts_by(d, as_of).len(),
        first_post: first_post(d, as_of),
        days_to_first_post: days_to_first_post(d, as_of),
        done_not_informed: done_not_informed(d, as_of),
        informed_in_month: informed_in_month(d),
    }
}

/// Every decision's figures on the as-of date, and the decisions as a whole.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// By decision id (one decision an id, as validation leaves them).
    pub each: BTreeMap<String, DecisionFigures>,
    /// Counts by status, in the order planned, in progress, done, cancelled.
    pub statuses: Vec<(DecisionStatus, usize)>,
    /// Per year of adoption, oldest first.
    pub years: Vec<YearCounts>,
    /// How many are done with nobody told.
    pub done_not_informed: usize,
}

impl Decisions {
    /// The figures of decision `d`: compute saw every decision a page or a file shows.
    pub fn of(&self, d: &Decision) -> DecisionFigures {
        self.each.get(&d.id).copied().unwrap_or_default()
    }
}

/// The figures of every decision and of all of them, on the as-of date.
pub fn decisions(list: &[Decision], as_of: NaiveDate) -> Decisions {
    let each: BTreeMap<String, DecisionFigures> = list
        .iter()
        .map(|d| (d.id.clone(), decision_figures(d, as_of)))
        .collect();
    Decisions {
        done_not_informed: each.values().filter(|f| f.done_not_informed).count(),
        each,
        statuses: status_counts(list).to_vec(),
        years: per_year(list, as_of),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::decision::{DecisionKind, InformingPost};
    use crate::source::{FileId, Span};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn decision(adopted: &str, posts: &[&str], status: DecisionStatus) -> Decision {
        let span = Span {
            file: FileId(0),
            start: 0,
            end: 0,
        };
        Decision {
            id: adopted.into(),
            id_span: span,
            title: "t".into(),
            kind: DecisionKind::Vote,
            adopted: d(adopted),
            theme: None,
            participants: None,
            source_url: None,
            status,
            status_span: span,
            result: None,
            result_span: None,
            milestones: vec![],
            informing: posts
                .iter()
                .map(|p| InformingPost {
                    date: d(p),
                    network: "VK".into(),
                    url: "https://vk.com/x".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn days_to_the_first_post_count_from_adoption() {
        let dec = decision(
            "2024-03-15",
            &["2024-04-01", "2024-03-20"],
            DecisionStatus::Done,
        );
        assert_eq!(days_to_first_post(&dec, d("2024-12-31")), Some(5));
        assert_eq!(
            days_to_first_post(&dec, d("2024-03-19")),
            None,
            "a post after the as-of date does not count yet"
        );
        assert_eq!(
            days_to_first_post(
                &decision("2024-03-15", &[], DecisionStatus::Done),
                d("2024-12-31")
            ),
            None
        );
        assert_eq!(posts_by(&dec, d("2024-03-31")), [d("2024-03-20")]);
        assert_eq!(first_post(&dec, d("2024-12-31")), Some(d("2024-03-20")));
    }

    #[test]
    fn done_not_informed_counts_only_posts_by_the_as_of_date() {
        let dec = decision("2024-03-15", &["2024-04-01"], DecisionStatus::Done);
        assert!(done_not_informed(&dec, d("2024-03-31")));
        assert!(!done_not_informed(&dec, d("2024-04-01")));
        let planned = decision("2024-03-15", &[], DecisionStatus::Planned);
        assert!(
            !done_not_informed(&planned, d("2024-12-31")),
            "only a done decision"
        );
    }

    #[test]
    fn per_year_shares_follow_indicator_12_and_the_as_of_date() {
        let ds = [
            decision("2024-03-15", &["2024-03-31"], DecisionStatus::Done),
            decision("2024-03-20", &["2024-04-01"], DecisionStatus::InProgress),
            decision("2024-05-01", &[], DecisionStatus::Planned),
            decision("2023-01-01", &["2023-01-02"], DecisionStatus::Cancelled),
        ];
        let years = per_year(&ds, d("2024-12-31"));
        assert_eq!(years.len(), 2);
        assert_eq!(
            (years[0].year, years[0].adopted, years[0].informed_in_month),
            (2023, 1, 1)
        );
        let y = years[1];
        assert_eq!(
            (y.adopted, y.informed_in_month, y.informed_by_now),
            (3, 1, 2)
        );
        assert_eq!(y.share_in_month().unwrap().tenths(), 333);
        assert_eq!(y.share_by_now().unwrap().tenths(), 667);
        let counts = status_counts(&ds);
        assert_eq!(counts.map(|(_, n)| n), [1, 1, 1, 1]);
    }

    #[test]
    fn informed_in_month_means_a_post_by_the_last_day_of_the_month_of_adoption() {
        let on_last_day = decision("2024-02-10", &["2024-02-29"], DecisionStatus::Done);
        let next_month = decision("2024-02-10", &["2024-03-01"], DecisionStatus::Done);
        let none = decision("2024-02-10", &[], DecisionStatus::Done);
        let before_adoption = decision("2024-02-10", &["2024-01-31"], DecisionStatus::Done);
        assert!(
            informed_in_month(&on_last_day),
            "29 February of a leap year counts"
        );
        assert!(!informed_in_month(&next_month));
        assert!(!informed_in_month(&none));
        // The rule looks only at the month's end, so an earlier post counts too.
        assert!(informed_in_month(&before_adoption));
    }

    #[test]
    fn the_decisions_as_a_whole_count_each_decision_once() {
        let list = [
            decision("2024-03-15", &["2024-03-20"], DecisionStatus::Done),
            decision("2024-05-02", &[], DecisionStatus::Done),
            decision("2025-01-10", &["2025-03-01"], DecisionStatus::Planned),
        ];
        let all = decisions(&list, d("2025-02-01"));
        assert_eq!(all.done_not_informed, 1);
        assert_eq!(
            all.statuses,
            [
                (DecisionStatus::Planned, 1),
                (DecisionStatus::InProgress, 0),
                (DecisionStatus::Done, 2),
                (DecisionStatus::Cancelled, 0)
            ]
        );
        assert_eq!(
            all.years.iter().map(|y| y.adopted).collect::<Vec<_>>(),
            [2, 1]
        );
        let first = all.of(&list[0]);
        assert_eq!(
            (first.posts, first.first_post, first.days_to_first_post),
            (1, Some(d("2024-03-20")), Some(5))
        );
        assert!(first.informed_in_month && !first.done_not_informed);
        // A post after the as-of date is not counted yet.
        let later = all.of(&list[2]);
        assert_eq!((later.posts, later.first_post), (0, None));
        assert!(!later.informed_in_month);
    }
}
