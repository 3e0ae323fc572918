//! Answers to information risks: how many the centre published each month and each year, and
//! the words the pages say about it.

use crate::data::clarification::Clarification;
use crate::format;
use crate::period::Period;
use chrono::Datelike;
use std::collections::BTreeMap;

/// Clarifications published in each month that has any, by the month of their date.
pub fn per_month(list: &[Clarification]) -> BTreeMap<Period, u64> {
    let mut out = BTreeMap::new();
    for c in list {
        *out.entry(Period::of_date(c.date)).or_insert(0) += 1;
    }
    out
}

/// Clarifications published in `period`.
pub fn in_month(list: &[Clarification], period: Period) -> u64 {
    per_month(list).get(&period).copied().unwrap_or(0)
}

/// What a month's report counts ([`Counts::month`]).
pub fn month_count(list: &[Clarification], period: Period) -> Option<u64> {
    counts(list).month(period)
}

/// What the pages count of the clarifications: per month, per year, per topic and in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Each month that has any ([`per_month`]).
    pub months: BTreeMap<Period, u64>,
    /// Newest year first ([`per_year`]).
    pub years: Vec<(i32, u64)>,
    pub topics: BTreeMap<String, u64>,
    pub total: u64,
}

impl Counts {
    /// What a month's report counts: `None` before the month of the first clarification (the
    /// site did not record them then, so "none" would be a claim it cannot make), else the
    /// month's count, 0 included.
    pub fn month(&self, period: Period) -> Option<u64> {
        let first = *self.months.keys().next()?;
        (period >= first).then(|| self.months.get(&period).copied().unwrap_or(0))
    }

    /// Clarifications on `topic`.
    pub fn topic(&self, topic: &str) -> u64 {
        self.topics.get(topic).copied().unwrap_or(0)
    }
}

/// The counts of `list`.
pub fn counts(list: &[Clarification]) -> Counts {
    let mut topics = BTreeMap::new();
    for c in list {
        *topics.entry(c.topic.clone()).or_insert(0) += 1;
    }
    Counts {
        months: per_month(list),
        years: per_year(list),
        topics,
        total: list.len() as u64,
    }
}

/// Clarifications per year, newest year first.
pub fn per_year(list: &[Clarification]) -> Vec<(i32, u64)> {
    let mut out: BTreeMap<i32, u64> = BTreeMap::new();
    for c in list {
        *out.entry(c.date.year()).or_insert(0) += 1;
    }
    out.into_iter().rev().collect()
}

/// `1 разъяснение`, `2 разъяснения`, `5 разъяснений`.
pub fn words(n: u64) -> String {
    format::count(n, "разъяснение", "разъяснения", "разъяснений")
}

/// What a month's report says about the month's clarifications: `В марте 2024 г. МЦУ
/// опубликовал 2 разъяснения по информационным рискам.`, or that there were none.
pub fn month_sentence(period: Period, n: u64) -> String {
    let when = format::in_month(period.year, period.month);
    if n == 0 {
        format::capitalize(&format!(
            "{when} разъяснений по информационным рискам МЦУ не публиковал."
        ))
    } else {
        format::capitalize(&format!(
            "{when} МЦУ опубликовал {} по информационным рискам.",
            words(n)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn c(id: &str, date: &str) -> Clarification {
        Clarification {
            id: id.into(),
            id_span: crate::source::Span::new(crate::source::FileId(0), 0, 0),
            date: date.parse::<NaiveDate>().unwrap(),
            topic: "ЖКХ".into(),
            claim: "claim".into(),
            answer: "answer".into(),
            answer_span: crate::source::Span::new(crate::source::FileId(0), 0, 0),
            links: vec!["https://example.ru/".into()],
            source: None,
        }
    }

    fn p(y: i32, m: u32) -> Period {
        Period::new(y, m).unwrap()
    }

    #[test]
    fn counts_each_month_by_the_date_of_the_clarification() {
        let list = [
            c("a", "2024-03-31"),
            c("b", "2024-03-01"),
            c("c", "2024-04-01"),
            c("d", "2023-12-15"),
        ];
        let m = per_month(&list);
        assert_eq!(
            m.into_iter().collect::<Vec<_>>(),
            [(p(2023, 12), 1), (p(2024, 3), 2), (p(2024, 4), 1)]
        );
        assert_eq!(in_month(&list, p(2024, 3)), 2);
        assert_eq!(in_month(&list, p(2024, 2)), 0);
        assert_eq!(per_year(&list), [(2024, 3), (2023, 1)]);
        assert_eq!(month_count(&list, p(2023, 11)), None, "before the first");
        assert_eq!(month_count(&list, p(2023, 12)), Some(1));
        assert_eq!(
            month_count(&list, p(2024, 2)),
            Some(0),
            "a month without any"
        );
        assert_eq!(month_count(&list, p(2024, 3)), Some(2));
        assert_eq!(month_count(&[], p(2024, 3)), None);
        assert!(per_month(&[]).is_empty());
    }

    #[test]
    fn words_take_the_plural_form_of_the_number() {
        let nb = '\u{00A0}';
        assert_eq!(words(1), format!("1{nb}разъяснение"));
        assert_eq!(words(2), format!("2{nb}разъяснения"));
        assert_eq!(words(5), format!("5{nb}разъяснений"));
        assert_eq!(words(11), format!("11{nb}разъяснений"));
        assert_eq!(words(21), format!("21{nb}разъяснение"));
        assert_eq!(words(104), format!("104{nb}разъяснения"));
    }

    #[test]
    fn a_month_says_how_many_or_that_there_were_none() {
        let nb = '\u{00A0}';
        assert_eq!(
            month_sentence(p(2024, 3), 2),
            format!("В марте 2024 г. МЦУ опубликовал 2{nb}разъяснения по информационным рискам.")
        );
        assert_eq!(
            month_sentence(p(2024, 5), 0),
            "В мае 2024 г. разъяснений по информационным рискам МЦУ не публиковал."
        );
    }

    #[test]
    fn the_counts_hold_each_month_year_and_topic() {
        let mut list = vec![
            c("a", "2024-03-31"),
            c("b", "2024-03-01"),
            c("d", "2023-12-15"),
        ];
        list[2].topic = "Дороги".into();
        let counts = counts(&list);
        assert_eq!(counts.total, 3);
        assert_eq!(
            (
                counts.topic("ЖКХ"),
                counts.topic("Дороги"),
                counts.topic("x")
            ),
            (2, 1, 0)
        );
        assert_eq!(counts.years, [(2024, 2), (2023, 1)]);
        assert_eq!(counts.month(p(2024, 3)), Some(2));
        assert_eq!(counts.month(p(2024, 1)), Some(0));
        assert_eq!(counts.month(p(2023, 11)), None);
        assert_eq!(Counts::default().month(p(2024, 3)), None);
    }
}
