//! The arithmetic of the official forms: the 28 indicators of each month, growth against the
//! previous month, year to date, the 7 target shares per month and per year, plan and deviation.
//!
//! Plain functions over plain types: nothing here reads a file, a template or the clock, so every
//! number on the site can be tested on its own.

pub mod clarifications;
pub mod decisions;
pub mod month;
pub mod publication;
pub mod region;
pub mod roadmap;
pub mod share;

/// The calendar of months moved below the data ([`crate::calendar`]); its old path still leads
/// there.
pub use crate::calendar;
use crate::data::Dataset;
use crate::data::decision::Decision;
use crate::data::report::Report;
use crate::data::targets::Targets;
use crate::domain::{
    Channel, INDICATORS, IndicatorDef, Kind, Source, TARGETS, TargetDef, TargetId,
};
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

impl calendar::Dated for MonthValues {
    fn period(&self) -> Period {
        self.period
    }
}

impl MonthValues {
    /// The value of indicator `number` (1..=28).
    pub fn get(&self, number: u8) -> u64 {
        self.values[usize::from(number) - 1]
    }

    /// The value of the indicator fed by `source`.
    pub fn of(&self, source: Source) -> u64 {
        IndicatorDef::by_source(source).map_or(0, |d| self.values[d.index()])
    }

    /// Appeals and messages received over all channels: indicators 25 to 28 together.
    pub fn total_received(&self) -> u64 {
        Channel::ALL
            .iter()
            .map(|c| self.of(Source::Received(*c)))
            .sum()
    }
}

/// Indicators 11 and 12 of a month: decisions adopted in it, and of them those informed by the
/// end of it ([`decisions::informed_in_month`]).
pub fn decision_counts(period: Period, decisions: &[Decision]) -> (u64, u64) {
    let adopted: Vec<&Decision> = decisions
        .iter()
        .filter(|d| Period::of_date(d.adopted) == period)
        .collect();
    let informed = adopted
        .iter()
        .filter(|d| decisions::informed_in_month(d))
        .count();
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

/// A target's numerator and denominator over a set of the 28 values, kept even when the
/// denominator is 0 and the share is "no data", so the open data can show both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parts {
    pub num: u64,
    pub den: u64,
}

impl Parts {
    /// The share these parts make; `None` over a zero denominator.
    pub fn share(self) -> Option<Share> {
        share(self.num, self.den)
    }
}

/// The sums a target divides, over a set of the 28 values.
pub fn target_parts(def: &TargetDef, values: &[u64; 28]) -> Parts {
    let sum = |nums: &[u8]| {
        nums.iter()
            .filter_map(|n| IndicatorDef::by_number(*n))
            .map(|d| values[d.index()])
            .sum::<u64>()
    };
    Parts {
        num: sum(def.numerator),
        den: sum(def.denominator),
    }
}

/// A target's share over a set of the 28 values.
pub fn target_share(def: &TargetDef, values: &[u64; 28]) -> Option<Share> {
    target_parts(def, values).share()
}

/// Achieved minus plan, in tenths of a percentage point, on the published (rounded) value;
/// `None` when either is missing. The monthly and the annual form both use this one rule.
pub fn deviation(achieved: Option<Share>, plan: Option<i64>) -> Option<i64> {
    Some(achieved?.tenths() - plan?)
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
    pub month_parts: Parts,
    /// On the year-to-date sums.
    pub ytd: Option<Share>,
    pub ytd_parts: Parts,
    /// This year's plan, in tenths of a percent.
    pub plan: Option<i64>,
    /// Year to date minus plan ([`deviation`]).
    pub ytd_deviation: Option<i64>,
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

impl calendar::Dated for MonthlyForm {
    fn period(&self) -> Period {
        self.period
    }
}

impl MonthlyForm {
    /// The row of indicator `def`.
    pub fn row(&self, def: &IndicatorDef) -> Option<&FormRow> {
        self.rows.iter().find(|r| r.def.number == def.number)
    }

    /// The value of the indicator fed by `source`; 0 if the form had no such row.
    pub fn value_of(&self, source: Source) -> u64 {
        IndicatorDef::by_source(source)
            .and_then(|d| self.row(d))
            .map_or(0, |r| r.value)
    }

    /// The target `id` in this month.
    pub fn target(&self, id: TargetId) -> Option<&TargetValue> {
        self.targets.iter().find(|t| t.def.id == id)
    }
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
                .map(|def| {
                    let (month_parts, ytd_parts) =
                        (target_parts(def, &m.values), target_parts(def, &ytd));
                    let plan = targets.plan(m.period.year, def.id).map(|p| p.tenths);
                    TargetValue {
                        def,
                        month: month_parts.share(),
                        month_parts,
                        ytd: ytd_parts.share(),
                        ytd_parts,
                        plan,
                        ytd_deviation: deviation(ytd_parts.share(), plan),
                    }
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
    /// The sums `achieved` divides: the year to date of the year's latest month.
    pub parts: Parts,
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
    /// Months of the year with no report between the first and the last report of the site
    /// ([`calendar::calendar`]).
    pub missing: Vec<Period>,
    pub rows: Vec<AnnualRow>,
}

impl AnnualForm {
    /// True when December is reported: the year's values are final.
    pub fn complete(&self) -> bool {
        self.last.month == 12
    }

    /// The row of target `id`.
    pub fn row(&self, id: TargetId) -> Option<&AnnualRow> {
        self.rows.iter().find(|r| r.def.id == id)
    }

    /// The targets below plan with no reason stated: the form's «причина отклонения» left blank.
    pub fn rows_missing_reason(&self) -> impl Iterator<Item = &AnnualRow> {
        self.rows
            .iter()
            .filter(|r| r.below_plan() && r.reason.is_none())
    }

    /// How many targets are below plan with no reason stated.
    pub fn missing_reasons(&self) -> usize {
        self.rows_missing_reason().count()
    }

    /// The targets with a plan this year, and of them those met, below plan and without data.
    pub fn plan_tally(&self) -> PlanTally {
        let planned: Vec<&AnnualRow> = self.rows.iter().filter(|r| r.plan.is_some()).collect();
        let count = |f: &dyn Fn(&AnnualRow) -> bool| planned.iter().filter(|r| f(r)).count() as u64;
        PlanTally {
            planned: planned.len() as u64,
            met: count(&|r| r.deviation.is_some_and(|d| d >= 0)),
            below: count(&AnnualRow::below_plan),
            no_data: count(&|r| r.achieved.is_none()),
        }
    }
}

/// How a year's targets stand against their plans ([`AnnualForm::plan_tally`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanTally {
    /// Targets with a plan for the year.
    pub planned: u64,
    /// Of them, achieved at or above plan as published.
    pub met: u64,
    pub below: u64,
    /// Without data: a zero denominator.
    pub no_data: u64,
}

/// The annual forms of every reported year, in order, on the year-to-date sums of each year's
/// latest month.
pub fn annual_forms(months: &[MonthValues], targets: &Targets) -> Vec<AnnualForm> {
    let mut out: Vec<AnnualForm> = Vec::new();
    let missing: Vec<Period> = calendar::calendar(months, |m| m.period)
        .into_iter()
        .filter_map(|m| match m {
            calendar::Month::Missing(p) => Some(p),
            calendar::Month::Reported(_) => None,
        })
        .collect();
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
                let parts = target_parts(def, &ytd);
                let plan = targets.plan(year, def.id).map(|p| p.tenths);
                AnnualRow {
                    def,
                    plan,
                    achieved: parts.share(),
                    parts,
                    deviation: deviation(parts.share(), plan),
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
            missing: missing.iter().copied().filter(|p| p.year == year).collect(),
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

/// The newest date recorded anywhere in the data: a report's publication or correction, a
/// decision's adoption, a milestone, an informing post, a road map's approval or a measure done.
/// Deadlines (`due`) are plans, not records, and do not count. A correction is a record: the
/// day a published figure changed, so the data as a whole changed then too.
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
        for c in &r.corrections {
            consider(c.date, &|| {
                t!(
                    "дата исправления отчёта за {p}",
                    "a correction of the report for {p}"
                )
            });
        }
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
    for c in &ds.clarifications {
        let id = &c.id;
        consider(c.date, &|| {
            t!(
                "дата разъяснения `{id}`",
                "the date of clarification `{id}`"
            )
        });
    }
    best
}

/// Everything computed from a dataset, ready to render: pages, share cards, the feed, the open
/// data and a region's tables only look these up.
#[derive(Debug, Clone)]
pub struct Figures {
    pub as_of: AsOf,
    pub months: Vec<MonthValues>,
    pub monthly: Vec<MonthlyForm>,
    /// What each report shows beyond the form (channels, themes, rating, survey), in the order
    /// of `monthly`.
    pub details: Vec<month::MonthDetail>,
    pub annual: Vec<AnnualForm>,
    /// Every month from the first report to the last, each with its report's position in
    /// `months`, `monthly`, `details` and the dataset's reports, or none ([`Figures::calendar_of`]).
    pub calendar: Vec<calendar::Slot>,
    /// Each decision on the as-of date, and the decisions as a whole.
    pub decisions: decisions::Decisions,
    /// Each road map on the as-of date, by id.
    pub roadmaps: std::collections::BTreeMap<String, roadmap::RoadmapFigures>,
    /// The clarifications per month, year and topic.
    pub clarifications: clarifications::Counts,
    /// Each report against its due date, in the order of `monthly`.
    pub publications: Vec<publication::Publication>,
    /// The report after the latest, and whether it is overdue on the as-of date.
    pub next_report: publication::NextReport,
    /// Every correction of every report, oldest first.
    pub corrections: Vec<publication::Corrected>,
    /// The newest change to the reports' figures: a publication or a correction.
    pub last_change: Option<publication::Change>,
}

impl Figures {
    /// The calendar over `items`, which are in the order of the reports (`months`, `monthly`,
    /// `details`, the dataset's reports or anything made from them).
    pub fn calendar_of<'a, T>(&self, items: &'a [T]) -> Vec<calendar::Month<'a, T>> {
        calendar::over(&self.calendar, items)
    }

    /// The calendar from the first report of `year` to its last: the months an annual report
    /// charts.
    pub fn year_calendar(&self, year: i32) -> &[calendar::Slot] {
        let of_year = |s: &calendar::Slot| s.report.is_some() && s.period.year == year;
        match (
            self.calendar.iter().position(of_year),
            self.calendar.iter().rposition(of_year),
        ) {
            (Some(first), Some(last)) => &self.calendar[first..=last],
            _ => &[],
        }
    }

    /// The figures of road map `r` (none for a road map compute did not see).
    pub fn roadmap(&self, r: &crate::data::decision::Roadmap) -> roadmap::RoadmapFigures {
        self.roadmaps.get(&r.id).cloned().unwrap_or_default()
    }

    /// The reports of `year` published after their due date, in the order of the months.
    pub fn late_in_year(&self, year: i32) -> Vec<&publication::Publication> {
        self.publications
            .iter()
            .filter(|p| p.period.year == year && p.late())
            .collect()
    }

    /// The corrections made to the reports of `year`'s months, oldest first.
    pub fn corrections_of_year(&self, year: i32) -> Vec<&publication::Corrected> {
        self.corrections
            .iter()
            .filter(|c| c.period.year == year)
            .collect()
    }

    /// The road-map measures overdue on `date`: a region counts each municipality's on the
    /// region's as-of date, which may be later than the municipality's own.
    pub fn overdue_measures_on(&self, date: NaiveDate) -> u64 {
        self.roadmaps
            .values()
            .flat_map(|r| &r.measures)
            .filter(|m| m.overdue_on(date))
            .count() as u64
    }
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
    let details = ds
        .reports
        .iter()
        .zip(&monthly)
        .enumerate()
        .map(|(i, (report, form))| {
            // Growth only against the calendar month before, as on the form.
            let prev = form
                .previous
                .and_then(|_| i.checked_sub(1))
                .map(|j| &ds.reports[j]);
            let mut d = month::detail(report, prev);
            // Zeros against the report before, even across a missing month.
            d.zero_flags =
                month::suspicious_zeros(report, i.checked_sub(1).map(|j| &ds.reports[j]));
            d
        })
        .collect();
    let calendar = calendar::slots(&ds.reports, |r| r.period);
    let roadmaps = ds
        .roadmaps
        .iter()
        .map(|r| {
            let figures = roadmap::roadmap_figures(r, &ds.reports, &calendar, as_of.date);
            (r.id.clone(), figures)
        })
        .collect();
    let due_day = ds.site.report_due_day;
    let latest = ds.reports.last()?.period;
    let corrections = publication::corrections(&ds.reports);
    Some(Figures {
        publications: publication::publications(&ds.reports, due_day),
        next_report: publication::next_report(latest, due_day, as_of.date),
        last_change: publication::last_change(ds, &corrections),
        corrections,
        decisions: decisions::decisions(&ds.decisions, as_of.date),
        clarifications: clarifications::counts(&ds.clarifications),
        as_of,
        months,
        monthly,
        details,
        annual,
        calendar,
        roadmaps,
    })
}

#[cfg(test)]
mod tests;
