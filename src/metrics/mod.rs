//! The arithmetic of the official forms: the 28 indicators of each month, growth against the
//! previous month, year to date, the 7 target shares per month and per year, plan and deviation.
//!
//! Plain functions over plain types: nothing here reads a file, a template or the clock, so every
//! number on the site can be tested on its own.

pub mod decisions;
pub mod roadmap;
pub mod share;

use crate::data::Dataset;
use crate::data::decision::Decision;
use crate::data::report::Report;
use crate::data::targets::Targets;
use crate::domain::{INDICATORS, IndicatorDef, Kind, Source, TARGETS, TargetDef};
use crate::period::Period;
use crate::t;
use chrono::NaiveDate;
use share::{Growth, Share, growth, share};

/// The 28 indicator values of one month, indexed by number − 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthValues {
    pub period: Period,
    pub values: [u64; 28],
}

impl MonthValues {
    /// The value of indicator `number` (1..=28).
    pub fn get(&self, number: u8) -> u64 {
        self.values[usize::from(number) - 1]
    }
}

/// Indicators 11 and 12 of a month: decisions adopted in it, and of them those with an informing
/// post dated no later than the month's last day.
pub fn decision_counts(period: Period, decisions: &[Decision]) -> (u64, u64) {
    let last = period.last_day();
    let adopted: Vec<&Decision> = decisions
        .iter()
        .filter(|d| Period::of_date(d.adopted) == period)
        .collect();
    let informed = adopted.iter().filter(|d| d.informed_by(last)).count();
    (adopted.len() as u64, informed as u64)
}

/// The 28 values of one report.
pub fn month_values(report: &Report, decisions: &[Decision]) -> MonthValues {
    let (adopted, informed) = decision_counts(report.period, decisions);
    let mut values = [0; 28];
    for def in &INDICATORS {
        values[usize::from(def.number) - 1] = match def.source {
            Source::Treated(t, c) => report.channels[c.index()].treated[t.index()],
            Source::Received(c) => report.channels[c.index()].total,
            Source::RecipientsInforming => report.recipients.informing,
            Source::RecipientsTotal => report.recipients.total,
            Source::DecisionsAdopted => adopted,
            Source::DecisionsInformed => informed,
        };
    }
    MonthValues {
        period: report.period,
        values,
    }
}

/// Year to date at `months.last()`: flows summed over the months of its year, stocks the latest.
/// `months` is sorted by period.
pub fn year_to_date(months: &[MonthValues], upto: usize) -> [u64; 28] {
    let current = months[upto];
    let mut ytd = [0; 28];
    for def in &INDICATORS {
        let i = usize::from(def.number) - 1;
        ytd[i] = match def.kind {
            Kind::Stock => current.values[i],
            Kind::Flow => months[..=upto]
                .iter()
                .filter(|m| m.period.year == current.period.year)
                .map(|m| m.values[i])
                .sum(),
        };
    }
    ytd
}

/// A target's share over a set of the 28 values.
pub fn target_share(def: &TargetDef, values: &[u64; 28]) -> Option<Share> {
    let sum = |nums: &[u8]| {
        nums.iter()
            .map(|n| values[usize::from(*n) - 1])
            .sum::<u64>()
    };
    share(sum(def.numerator), sum(def.denominator))
}

/// One row of the monthly form.
#[derive(Debug, Clone, Copy)]
pub struct FormRow {
    pub def: &'static IndicatorDef,
    pub value: u64,
    /// `None` when the previous month has no report.
    pub growth: Option<Growth>,
    pub ytd: u64,
}

/// A target's value in one month.
#[derive(Debug, Clone, Copy)]
pub struct TargetValue {
    pub def: &'static TargetDef,
    /// On the month's own counts.
    pub month: Option<Share>,
    /// On the year-to-date sums.
    pub ytd: Option<Share>,
    /// This year's plan, in tenths of a percent.
    pub plan: Option<i64>,
}

/// The monthly form (Приложение № 1) of one month, with the targets of that month.
#[derive(Debug, Clone)]
pub struct MonthlyForm {
    pub period: Period,
    pub rows: Vec<FormRow>,
    pub targets: Vec<TargetValue>,
    /// The previous calendar month, when it has a report.
    pub previous: Option<Period>,
}

/// The monthly forms of every month, in order.
pub fn monthly_forms(months: &[MonthValues], targets: &Targets) -> Vec<MonthlyForm> {
    (0..months.len())
        .map(|i| {
            let m = months[i];
            let prev = i
                .checked_sub(1)
                .map(|j| months[j])
                .filter(|p| p.period == m.period.prev());
            let ytd = year_to_date(months, i);
            let rows = INDICATORS
                .iter()
                .map(|def| {
                    let n = usize::from(def.number) - 1;
                    FormRow {
                        def,
                        value: m.values[n],
                        growth: growth(m.values[n], prev.map(|p| p.values[n])),
                        ytd: ytd[n],
                    }
                })
                .collect();
            let targets = TARGETS
                .iter()
                .map(|def| TargetValue {
                    def,
                    month: target_share(def, &m.values),
                    ytd: target_share(def, &ytd),
                    plan: targets.plan(m.period.year, def.id).map(|p| p.tenths),
                })
                .collect();
            MonthlyForm {
                period: m.period,
                rows,
                targets,
                previous: prev.map(|p| p.period),
            }
        })
        .collect()
}

/// One row of the annual form (Приложение № 2).
#[derive(Debug, Clone)]
pub struct AnnualRow {
    pub def: &'static TargetDef,
    /// Plan in tenths of a percent.
    pub plan: Option<i64>,
    pub achieved: Option<Share>,
    /// Achieved minus plan, in tenths of a percentage point, on the published (rounded) value.
    pub deviation: Option<i64>,
    pub reason: Option<String>,
}

impl AnnualRow {
    /// Below plan as published: the rounded achieved value is less than the plan.
    pub fn below_plan(&self) -> bool {
        self.deviation.is_some_and(|d| d < 0)
    }
}

/// The annual form of one year.
#[derive(Debug, Clone)]
pub struct AnnualForm {
    pub year: i32,
    /// The latest reported month of the year: the form's "as at" month.
    pub last: Period,
    /// Months of the year that have a report.
    pub months: Vec<Period>,
    pub rows: Vec<AnnualRow>,
}

impl AnnualForm {
    /// True when December is reported: the year's values are final.
    pub fn complete(&self) -> bool {
        self.last.month == 12
    }
}

/// The annual forms of every reported year, in order, on the year-to-date sums of each year's
/// latest month.
pub fn annual_forms(months: &[MonthValues], targets: &Targets) -> Vec<AnnualForm> {
    let mut out: Vec<AnnualForm> = Vec::new();
    for (i, m) in months.iter().enumerate() {
        let last_of_year = months
            .get(i + 1)
            .is_none_or(|n| n.period.year != m.period.year);
        if !last_of_year {
            continue;
        }
        let ytd = year_to_date(months, i);
        let year = m.period.year;
        let rows = TARGETS
            .iter()
            .map(|def| {
                let achieved = target_share(def, &ytd);
                let plan = targets.plan(year, def.id).map(|p| p.tenths);
                let deviation = match (achieved, plan) {
                    (Some(a), Some(p)) => Some(a.tenths() - p),
                    _ => None,
                };
                AnnualRow {
                    def,
                    plan,
                    achieved,
                    deviation,
                    reason: targets.reason(year, def.id).map(str::to_string),
                }
            })
            .collect();
        let months_of_year = months[..=i]
            .iter()
            .filter(|x| x.period.year == year)
            .map(|x| x.period)
            .collect();
        out.push(AnnualForm {
            year,
            last: m.period,
            months: months_of_year,
            rows,
        });
    }
    out
}

/// The as-of date and what it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    pub date: NaiveDate,
    /// Where the date was found, for messages ("дата публикации отчёта за 2024-03").
    pub source: crate::diag::Text,
}

/// The newest date recorded anywhere in the data: a report's publication, a decision's adoption,
/// a milestone, an informing post, a road map's approval or a measure done. Deadlines (`due`) are
/// plans, not records, and do not count.
pub fn as_of(ds: &Dataset) -> Option<AsOf> {
    let mut best: Option<AsOf> = None;
    let mut consider = |date: NaiveDate, source: &dyn Fn() -> crate::diag::Text| {
        if best.as_ref().is_none_or(|b| date > b.date) {
            best = Some(AsOf {
                date,
                source: source(),
            });
        }
    };
    for r in &ds.reports {
        let p = r.period;
        consider(r.published, &|| {
            t!(
                "дата публикации отчёта за {p}",
                "the publication date of the report for {p}"
            )
        });
    }
    for d in &ds.decisions {
        let id = &d.id;
        consider(d.adopted, &|| {
            t!(
                "дата принятия решения `{id}`",
                "the adoption of decision `{id}`"
            )
        });
        for m in &d.milestones {
            consider(m.date, &|| {
                t!("этап решения `{id}`", "a milestone of decision `{id}`")
            });
        }
        for p in &d.informing {
            consider(p.date, &|| {
                t!(
                    "публикация о решении `{id}`",
                    "an informing post of decision `{id}`"
                )
            });
        }
    }
    for r in &ds.roadmaps {
        let id = &r.id;
        consider(r.approved, &|| {
            t!(
                "дата утверждения дорожной карты `{id}`",
                "the approval of road map `{id}`"
            )
        });
        for m in &r.measures {
            if let Some(done) = m.done {
                consider(done, &|| {
                    t!(
                        "выполненное мероприятие дорожной карты `{id}`",
                        "a measure done in road map `{id}`"
                    )
                });
            }
        }
    }
    best
}

/// Everything computed from a dataset, ready to render.
#[derive(Debug, Clone)]
pub struct Figures {
    pub as_of: AsOf,
    pub months: Vec<MonthValues>,
    pub monthly: Vec<MonthlyForm>,
    pub annual: Vec<AnnualForm>,
}

/// Computes every figure; `as_of` overrides the date found in the data. `None` when the data has
/// no date at all (no reports).
pub fn compute(ds: &Dataset, as_of_override: Option<NaiveDate>) -> Option<Figures> {
    let as_of = match as_of_override {
        Some(date) => AsOf {
            date,
            source: crate::diag::Text::same("--as-of"),
        },
        None => as_of(ds)?,
    };
    let months: Vec<MonthValues> = ds
        .reports
        .iter()
        .map(|r| month_values(r, &ds.decisions))
        .collect();
    let monthly = monthly_forms(&months, &ds.targets);
    let annual = annual_forms(&months, &ds.targets);
    Some(Figures {
        as_of,
        months,
        monthly,
        annual,
    })
}

#[cfg(test)]
mod tests;
