//! The reports' months held within reach of each other and of the as-of date.
//!
//! A mistyped year in a copied report (`period: 9999-12`, its `published` edited to match) once
//! passed `check` with a warning and made every chart, table and calendar run over the 95,000
//! months between: a minute of work and 600 MB written (issue 21). A report more than
//! [`FAR_MONTHS`](crate::period::FAR_MONTHS) months from the site's other reports
//! ([`crate::period::far_months`]) is an error at its `period:`, and so is a report for a month
//! after the as-of date given on the command line. Both are dropped, as a second report for a
//! month is, so that nothing after validation spans the years a typo put between them.

use super::Dataset;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::period::{FAR_MONTHS, far_months};
use crate::t;
use chrono::NaiveDate;

/// Refuses and drops the reports far from the others. `ds.reports` is sorted by month.
pub fn far_reports(ds: &mut Dataset, d: &mut Diagnostics) {
    let periods: Vec<_> = ds.reports.iter().map(|r| r.period).collect();
    let far = far_months(&periods);
    if far.is_empty() {
        return;
    }
    for f in &far {
        let r = &ds.reports[f.index];
        let (p, nearest) = (r.period, f.nearest);
        let n = p.months_to(nearest).unsigned_abs();
        let (month, near) = (
            crate::format::month(p.year, p.month),
            crate::format::month(nearest.year, nearest.month),
        );
        let word = crate::format::plural(n, "месяц", "месяца", "месяцев");
        d.push(
            Diagnostic::error(
                codes::PERIOD_FAR,
                t!(
                    "отчёт за {month} отстоит на {n} {word} от ближайшего другого отчёта ({near}): похоже на опечатку в годе",
                    "the report for {p} is {n} months from the nearest other report ({nearest}): a mistyped year, most likely"
                ),
            )
            .at(
                r.period_span,
                t!("месяц этого отчёта", "the month of this report"),
            )
            .help(t!(
                "проверьте год в `period:`, в `published:` и в имени файла: отчёт дальше {FAR_MONTHS} месяцев от остальных Витрина не принимает",
                "check the year in `period:`, in `published:` and in the file's name: Vitrina takes no report more than {FAR_MONTHS} months from the others"
            )),
        );
    }
    let dropped: std::collections::HashSet<usize> = far.iter().map(|f| f.index).collect();
    let reports = std::mem::take(&mut ds.reports);
    ds.reports = reports
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, r)| r)
        .collect();
}

/// Refuses and drops the reports for a month that begins after `as_of`, the as-of date given on
/// the command line (`--as-of`). The as-of date found in the data is never before a report's
/// month, whose publication comes after the month began (`published-before-period`).
pub fn after_as_of(ds: &mut Dataset, as_of: NaiveDate, d: &mut Diagnostics) {
    let (after, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut ds.reports)
        .into_iter()
        .partition(|r| r.period.first_day() > as_of);
    ds.reports = kept;
    for r in after {
        let p = r.period;
        let month = crate::format::month(p.year, p.month);
        let date = crate::format::date(as_of);
        d.push(
            Diagnostic::error(
                codes::PERIOD_AFTER_AS_OF,
                t!(
                    "отчёт за {month} — месяц позже даты, на которую собирается сайт ({date}, --as-of)",
                    "the report for {p} is for a month after the as-of date ({as_of}, --as-of)"
                ),
            )
            .at(
                r.period_span,
                t!("месяц этого отчёта", "the month of this report"),
            )
            .help(t!(
                "укажите в --as-of дату не раньше начала этого месяца или соберите сайт без --as-of",
                "give --as-of a date no earlier than the month's first day, or build without --as-of"
            )),
        );
    }
}
