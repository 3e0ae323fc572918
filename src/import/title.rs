//! The month and the date read off a form's title: «на «02» апреля 2024 г.» (the reporting date),
//! «за март 2024 г.» (the month itself).

use crate::format::{MONTHS_GENITIVE as GENITIVE, MONTHS_NOMINATIVE as NOMINATIVE};
use crate::period::Period;
use chrono::NaiveDate;

/// The words of a title, lower-cased, with quotes and commas as spaces: «на «02» апреля 2024 г.»
/// gives `на 02 апреля 2024 г.`.
fn words(text: &str) -> Vec<String> {
    text.chars()
        .map(|c| match c {
            '«' | '»' | '"' | '“' | '”' | '„' | '\'' | ',' | '(' | ')' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A year, allowing a glued «г.» or «года»: `2024`, `2024г.`.
fn year(word: &str) -> Option<i32> {
    let digits = word
        .trim_end_matches('.')
        .trim_end_matches("года")
        .trim_end_matches('г');
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn month_in(list: &[&str; 12], word: &str) -> Option<u32> {
    list.iter().position(|m| *m == word).map(|i| i as u32 + 1)
}

/// The first date in a text: `02 апреля 2024`, `02.04.2024` or `2024-04-02`.
pub fn date_in(text: &str) -> Option<NaiveDate> {
    let words = words(text);
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches("г.").trim_end_matches('г');
        if let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d") {
            return Some(d);
        }
        let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
        if let [d, m, y] = parts[..]
            && (1..=2).contains(&d.len())
            && (1..=2).contains(&m.len())
            && y.len() == 4
            && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some(date);
        }
        if let [day, month, y, ..] = &words[i..]
            && (1..=2).contains(&day.len())
            && let Ok(day) = day.parse()
            && let Some(month) = month_in(&GENITIVE, month)
            && let Some(y) = year(y)
            && let Some(date) = NaiveDate::from_ymd_opt(y, month, day)
        {
            return Some(date);
        }
    }
    None
}

/// The month named in a text as «за март 2024».
pub fn period_in(text: &str) -> Option<Period> {
    let words = words(text);
    words.windows(3).find_map(|w| {
        (w[0] == "за")
            .then(|| Period::new(year(&w[2])?, month_in(&NOMINATIVE, &w[1])?))
            .flatten()
    })
}

/// The month a report dated `date` is for: the month before, as a report is due by the 2nd of
/// the next month («на «02» апреля» is the report for March), unless the date is the last day of
/// its month («на 31 марта» is March's).
pub fn period_of_report_date(date: NaiveDate) -> Period {
    let month = Period::of_date(date);
    if date == month.last_day() {
        month
    } else {
        month.prev()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_as_the_forms_write_them() {
        assert_eq!(date_in("на «02» апреля 2024 г."), Some(date(2024, 4, 2)));
        assert_eq!(date_in("НА 2 АПРЕЛЯ 2024Г."), Some(date(2024, 4, 2)));
        assert_eq!(
            date_in("по состоянию на 02.04.2024 г."),
            Some(date(2024, 4, 2))
        );
        assert_eq!(date_in("на 2024-04-02"), Some(date(2024, 4, 2)));
        assert_eq!(date_in("на 1 мая 2024 года"), Some(date(2024, 5, 1)));
    }

    #[test]
    fn a_blank_or_impossible_date_is_no_date() {
        assert_eq!(date_in("на «___»________20___ г."), None);
        assert_eq!(date_in("на «30» февраля 2024 г."), None);
        assert_eq!(date_in("Периодичность: ежемесячная"), None);
        assert_eq!(date_in("на 2 апреля"), None);
    }

    #[test]
    fn the_month_named_after_za() {
        assert_eq!(period_in("Отчёт за март 2024 г."), Period::new(2024, 3));
        assert_eq!(period_in("ЗА ДЕКАБРЬ 2023 года"), Period::new(2023, 12));
        assert_eq!(period_in("за март"), None);
        assert_eq!(period_in("за 2024 год"), None);
    }

    #[test]
    fn a_report_dated_early_in_a_month_is_for_the_month_before() {
        assert_eq!(
            period_of_report_date(date(2024, 4, 2)),
            Period::new(2024, 3).unwrap()
        );
        assert_eq!(
            period_of_report_date(date(2024, 1, 1)),
            Period::new(2023, 12).unwrap()
        );
        assert_eq!(
            period_of_report_date(date(2024, 3, 31)),
            Period::new(2024, 3).unwrap()
        );
    }
}
