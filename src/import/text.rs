//! The report file written from a spreadsheet: the file `vitrina new-month` writes (its layout,
//! and the indicator's number and official wording beside each key), with the counts filled in.
//!
//! The text comes from [`crate::report_file::template`], so that one writer lays out report
//! files; this module only fills its blanks and replaces its opening comment, which speaks of
//! new-month.

use crate::domain::{Channel, INDICATORS, Source, Treatment};
use crate::period::Period;
use crate::report_file::{Layout, template};
use chrono::NaiveDate;

/// The report's text, and the 1-based line of each indicator's count in it (to point from a
/// problem in the file back to the spreadsheet's cell). It walks the layout of `new-month`'s
/// file line by line, one arm a kind of line (section, count, comment).
pub fn report_text(
    period: Period,
    published: NaiveDate,
    values: &[u64; 28],
    source: &str,
) -> (String, Vec<(usize, u8)>) {
    let blank = template(period, &Layout::complete(), None);
    let body = blank
        .find("\nperiod:")
        .map_or(blank.as_str(), |at| &blank[at + 1..]);
    let title = crate::format::month(period.year, period.month);
    let mut out = format!(
        "# Отчёт МЦУ за {title} г. (форма по Приложению № 1)\n\
         #\n\
         # Файл создан командой `vitrina import` из таблицы {source}.\n\
         # Рядом с ключом — номер показателя формы и его официальная формулировка.\n\
         # Показатели 11 и 12 (решения, принятые через ПОС) здесь не пишутся: Vitrina считает их\n\
         # по файлам data/decisions/.\n"
    );
    let header_lines = out.lines().count();
    let value = |source: Source| {
        INDICATORS
            .iter()
            .find(|d| d.source == source)
            .map(|d| (d.number, values[usize::from(d.number) - 1]))
    };
    let mut lines = Vec::new();
    let mut section = "";
    let mut channel: Option<Channel> = None;
    for (i, line) in body.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let code = match line.find(" #") {
            Some(at) if !line.trim_start().starts_with('#') => &line[..at],
            _ if line.trim_start().starts_with('#') => "",
            _ => line,
        };
        let key = code.trim().strip_suffix(':');
        if indent == 0
            && let Some(k) = key
        {
            section = k;
            channel = None;
        }
        let filled = match (section, indent, key) {
            ("published", 0, Some(_)) => Some((None, published.to_string())),
            ("channels", 2, Some(k)) => {
                channel = Channel::ALL.into_iter().find(|c| c.key() == k);
                None
            }
            ("channels", 4, Some(k)) => channel.and_then(|c| {
                let source = if k == "total" {
                    Source::Received(c)
                } else {
                    Source::Treated(Treatment::ALL.into_iter().find(|t| t.key() == k)?, c)
                };
                value(source).map(|(n, v)| (Some(n), v.to_string()))
            }),
            ("recipients", 2, Some("total")) => {
                value(Source::RecipientsTotal).map(|(n, v)| (Some(n), v.to_string()))
            }
            ("recipients", 2, Some("informing")) => {
                value(Source::RecipientsInforming).map(|(n, v)| (Some(n), v.to_string()))
            }
            _ => None,
        };
        match filled {
            Some((number, v)) => {
                out.push_str(&filled_line(line, code, number, &v));
                if let Some(n) = number {
                    lines.push((header_lines + i + 1, n));
                }
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    (out, lines)
}

/// A blank line of the template (`code` is its part before the comment) with the value `v`
/// written after the key, the comment kept in its column: the indicator's wording, or, for the
/// publication date (`number` `None`), a word saying what the date is.
fn filled_line(line: &str, code: &str, number: Option<u8>, v: &str) -> String {
    let comment_at = line.find(" #").map_or(line.len(), |at| at + 1);
    let comment = match number {
        None => "# дата публикации",
        Some(_) => &line[comment_at..],
    };
    let head = format!("{} {v}", code.trim_end());
    let pad = line[..comment_at]
        .chars()
        .count()
        .saturating_sub(head.chars().count())
        .max(1);
    format!("{head}{}{comment}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::source::Sources;

    #[test]
    fn every_count_is_filled_and_the_file_reads_as_a_report() {
        let values: [u64; 28] = std::array::from_fn(|i| 100 + i as u64);
        let period = Period::new(2024, 3).unwrap();
        let published = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
        let (text, lines) = report_text(period, published, &values, "report.xlsx (лист «Отчёт»)");
        // 24 channel counts and 2 recipients' counts.
        assert_eq!(lines.len(), 26, "{text}");
        let numbers: Vec<u8> = {
            let mut n: Vec<u8> = lines.iter().map(|(_, n)| *n).collect();
            n.sort_unstable();
            n
        };
        let expected: Vec<u8> = (1..=28).filter(|n| ![11, 12].contains(n)).collect();
        assert_eq!(numbers, expected);
        for (line, n) in &lines {
            let l = text.lines().nth(line - 1).unwrap();
            assert!(
                l.contains(&format!(" {} ", values[usize::from(*n) - 1]))
                    && l.contains(&format!("# инд. {n}: ")),
                "line {line}: {l}"
            );
        }
        assert!(text.contains("\npublished: 2024-04-02 "), "{text}");
        assert!(!text.contains("new-month`"), "{text}");
        assert!(text.starts_with("# Отчёт МЦУ за март 2024 г."), "{text}");

        let mut sources = Sources::new();
        let file = sources.add(
            std::path::Path::new("/site"),
            std::path::Path::new("/site/data/reports/2024-03.yaml"),
            text.clone(),
        );
        let mut d = Diagnostics::new();
        let node = crate::yaml::parse(&text, file, 0, &mut d).unwrap();
        let report = crate::data::report::read_report(&node, file, &mut d);
        assert_eq!(d.iter().count(), 0, "{d:?}\n{text}");
        let report = report.unwrap();
        assert_eq!(report.channels[Channel::Pos.index()].total, values[25]);
        assert_eq!(
            report.channels[Channel::Hotline.index()].treated[Treatment::AutoControl.index()],
            values[23]
        );
        assert_eq!(report.recipients.total, values[9]);
        assert_eq!(report.recipients.informing, values[8]);
        assert!(report.themes.is_empty() && report.recipients_rating.is_empty());
        assert_eq!(report.summary, None);
    }
}
