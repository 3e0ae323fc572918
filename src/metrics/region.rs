//! The figures of a region's pages, over its municipalities: the totals of the region's latest
//! month, who reported it and who has not, how many municipalities meet each target's plan, the
//! comparison table (latest month and year to date), its orders, the ranking per target and the
//! region's monthly trend.
//!
//! Plain functions over plain types ([`Input`]): [`figures`] makes one `Input` per municipality
//! from the figures already computed for that municipality's own pages, and the region's
//! [`RegionFigures`] from them.

use super::share::{Growth, Share, div_round, growth, share};
use super::{MonthValues, Parts, target_parts, year_to_date};
use crate::data::region::Municipality;
use crate::domain::{Channel, Source, TARGETS, TargetDef};
use crate::period::Period;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything computed for a region's own pages and files: the compute stage's result for the
/// region, beside each municipality's [`super::Figures`].
pub struct RegionFigures {
    pub as_of: chrono::NaiveDate,
    pub latest: Period,
    pub inputs: Vec<Input>,
    pub rows: Vec<CompareRow>,
    pub overview: Overview,
    pub trend: Vec<TrendPoint>,
}

/// The region's figures over its municipalities (each with its own figures), as of the latest
/// date any of them records; `None` without a municipality.
pub fn figures<'m>(
    municipalities: impl IntoIterator<Item = (&'m Municipality, &'m super::Figures)>,
) -> Option<RegionFigures> {
    let computed: Vec<_> = municipalities.into_iter().collect();
    let as_of = computed.iter().map(|(_, fig)| fig.as_of.date).max()?;
    let inputs: Vec<Input> = computed
        .iter()
        .map(|(m, fig)| input(m, fig, as_of))
        .collect();
    let latest = latest_period(&inputs)?;
    let rows = compare(&inputs, latest);
    let overview = overview(&inputs, &rows, latest);
    let trend = trend(&inputs);
    Some(RegionFigures {
        as_of,
        latest,
        inputs,
        rows,
        overview,
        trend,
    })
}

/// What the region's figures need of one municipality.
fn input(m: &Municipality, fig: &super::Figures, as_of: chrono::NaiveDate) -> Input {
    let mut plans = std::collections::BTreeMap::new();
    for year in m.ds.targets.plans.keys() {
        let mut row = [None; 7];
        for (i, def) in crate::domain::TARGETS.iter().enumerate() {
            row[i] = m.ds.targets.plan(*year, def.id).map(|p| p.tenths);
        }
        plans.insert(*year, row);
    }
    Input {
        id: m.id.clone(),
        name: m.ds.site.municipality.clone(),
        population: m.ds.site.population,
        months: fig.months.clone(),
        plans,
        overdue_measures: fig.overdue_measures_on(as_of),
        latest_publication: fig.publications.last().copied(),
    }
}

/// One municipality, as the region's figures need it.
#[derive(Debug, Clone)]
pub struct Input {
    pub id: String,
    pub name: String,
    /// Inhabitants, when its `site.yaml` gives `population:`.
    pub population: Option<u64>,
    /// Its months, sorted.
    pub months: Vec<MonthValues>,
    /// Plan of each target (in the order of [`TARGETS`]) by year, in tenths of a percent.
    pub plans: BTreeMap<i32, [Option<i64>; 7]>,
    /// Road-map measures past their deadline, neither done nor cancelled, on the region's
    /// as-of date.
    pub overdue_measures: u64,
    /// Its latest report against its own due date (`report_due_day` of its `site.yaml`).
    pub latest_publication: Option<super::publication::Publication>,
}

impl Input {
    fn month(&self, p: Period) -> Option<&MonthValues> {
        self.months
            .binary_search_by_key(&p, |m| m.period)
            .ok()
            .map(|i| &self.months[i])
    }

    fn latest(&self) -> Option<Period> {
        self.months.last().map(|m| m.period)
    }

    /// Year to date of `year` at its latest month no later than `upto`; `None` when the
    /// municipality has no month of that year up to then.
    fn ytd(&self, year: i32, upto: Period) -> Option<[u64; 28]> {
        let i = self.months.partition_point(|m| m.period <= upto);
        let last = i.checked_sub(1)?;
        (self.months[last].period.year == year).then(|| year_to_date(&self.months, last))
    }

    fn plan(&self, year: i32, t: usize) -> Option<i64> {
        self.plans.get(&year).and_then(|p| p[t])
    }
}

/// The value per 1,000 inhabitants, in tenths: `None` without a population (or with 0).
pub fn per_1000(count: u64, population: Option<u64>) -> Option<i64> {
    let pop = population.filter(|p| *p > 0)?;
    Some(div_round(i128::from(count) * 10_000, i128::from(pop)))
}

/// A target of one municipality against its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TargetCell {
    pub key: &'static str,
    /// On the year-to-date sums.
    pub ytd: Option<Share>,
    pub ytd_tenths: Option<i64>,
    pub parts: Parts,
    /// The year's plan, in tenths.
    pub plan: Option<i64>,
    /// `Some(true)` when the published (rounded) value is at or above plan.
    pub meets: Option<bool>,
}

/// One municipality's row of the comparison table.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub id: String,
    pub name: String,
    pub population: Option<u64>,
    /// Its latest reported month.
    pub latest: Option<Period>,
    /// Whether it reported the region's latest month.
    pub reported: bool,
    /// Received in the region's latest month (`None` when not reported).
    pub received: Option<u64>,
    /// Per 1,000 inhabitants, tenths.
    pub received_per_1000: Option<i64>,
    /// Against the month before, when both are reported.
    pub growth: Option<Growth>,
    /// Received from January to the region's latest month (or its own latest month of that
    /// year, if it lags).
    pub received_ytd: Option<u64>,
    pub received_ytd_per_1000: Option<i64>,
    pub targets: Vec<TargetCell>,
    /// How many targets meet their plan.
    pub targets_met: usize,
    pub overdue_measures: u64,
    /// Decisions adopted via ПОС, year to date (indicator 11).
    pub decisions: Option<u64>,
    /// Of them, residents informed (indicator 12).
    pub decisions_informed: Option<u64>,
    /// When its latest report was published.
    pub published: Option<chrono::NaiveDate>,
    /// Days its latest report came out after its due date; 0 on time.
    pub days_late: Option<u64>,
}

impl Serialize for Parts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Parts", 2)?;
        st.serialize_field("num", &self.num)?;
        st.serialize_field("den", &self.den)?;
        st.end()
    }
}

/// The region's latest month: the latest any municipality reported.
pub fn latest_period(inputs: &[Input]) -> Option<Period> {
    inputs.iter().filter_map(Input::latest).max()
}

/// The comparison table for the region's latest month `at`, in the order of `inputs`.
pub fn compare(inputs: &[Input], at: Period) -> Vec<CompareRow> {
    inputs.iter().map(|m| compare_row(m, at)).collect()
}

fn compare_row(m: &Input, at: Period) -> CompareRow {
    let month = m.month(at);
    let received = month.map(MonthValues::total_received);
    let prev = m.month(at.prev()).map(MonthValues::total_received);
    let ytd = m.ytd(at.year, at);
    let received_ytd = ytd.map(|v| {
        Channel::ALL
            .iter()
            .filter_map(|c| crate::domain::IndicatorDef::by_source(Source::Received(*c)))
            .map(|d| v[d.index()])
            .sum::<u64>()
    });
    let targets: Vec<TargetCell> = TARGETS
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let parts = ytd.map(|v| target_parts(def, &v)).unwrap_or_default();
            let s = ytd.and_then(|_| parts.share());
            let plan = m.plan(at.year, i);
            TargetCell {
                key: def.key,
                ytd: s,
                ytd_tenths: s.map(Share::tenths),
                parts,
                plan,
                meets: s.zip(plan).map(|(s, p)| s.tenths() >= p),
            }
        })
        .collect();
    let value = |src: Source| {
        ytd.and_then(|v| crate::domain::IndicatorDef::by_source(src).map(|d| v[d.index()]))
    };
    CompareRow {
        id: m.id.clone(),
        name: m.name.clone(),
        population: m.population,
        latest: m.latest(),
        reported: month.is_some(),
        received,
        received_per_1000: received.and_then(|r| per_1000(r, m.population)),
        growth: received.and_then(|r| growth(r, prev)),
        received_ytd,
        received_ytd_per_1000: received_ytd.and_then(|r| per_1000(r, m.population)),
        targets_met: targets.iter().filter(|t| t.meets == Some(true)).count(),
        targets,
        overdue_measures: m.overdue_measures,
        decisions: value(Source::DecisionsAdopted),
        decisions_informed: value(Source::DecisionsInformed),
        published: m.latest_publication.map(|p| p.published),
        days_late: m.latest_publication.map(|p| p.days_late),
    }
}

/// A column the comparison table can be ordered by: its key (the page `/compare/by/<key>/`),
/// its heading and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct SortKey {
    pub key: &'static str,
    pub title: &'static str,
    pub meaning: String,
}

/// Every order of the table, the name first.
pub fn sort_keys() -> Vec<SortKey> {
    let mut keys = vec![
        SortKey {
            key: "name",
            title: "Муниципалитет",
            meaning: "название муниципального образования (по алфавиту)".into(),
        },
        SortKey {
            key: "received",
            title: "Поступило за месяц",
            meaning: "обращений и сообщений поступило за последний месяц региона по всем каналам (показатели 25–28)".into(),
        },
        SortKey {
            key: "per-1000",
            title: "На 1000 жителей",
            meaning: "поступило за месяц на 1000 жителей; только где в site.yaml муниципалитета указана численность населения (population)".into(),
        },
        SortKey {
            key: "growth",
            title: "Прирост, %",
            meaning: "изменение числа поступивших обращений к предыдущему месяцу, в процентах; прочерк, если предыдущего месяца нет или в нём было 0".into(),
        },
        SortKey {
            key: "received-ytd",
            title: "С начала года",
            meaning: "поступило с января по последний месяц региона (у отстающего муниципалитета — по его последний месяц этого года)".into(),
        },
        SortKey {
            key: "per-1000-ytd",
            title: "С начала года на 1000 жителей",
            meaning: "поступило с начала года на 1000 жителей".into(),
        },
    ];
    for def in &TARGETS {
        keys.push(SortKey {
            key: def.key,
            title: def.short,
            meaning: format!(
                "«{}»: значение с начала года, %; «да» — не ниже плана года, «нет» — ниже плана",
                def.name
            ),
        });
    }
    keys.push(SortKey {
        key: "overdue",
        title: "Просрочено мероприятий",
        meaning: "мероприятия дорожных карт, срок которых прошёл, а они не выполнены и не отменены, на дату данных региона".into(),
    });
    keys.push(SortKey {
        key: "decisions",
        title: "Решений с начала года",
        meaning:
            "решения, принятые с учётом мнения жителей через ПОС с начала года (показатель 11)"
                .into(),
    });
    keys.push(SortKey {
        key: "informed",
        title: "Из них жители проинформированы",
        meaning:
            "из этих решений — о которых жителей проинформировали в месяце принятия (показатель 12)"
                .into(),
    });
    keys.push(SortKey {
        key: "published",
        title: "Опубликован",
        meaning: "когда опубликован последний отчёт муниципалитета (сначала самые свежие)".into(),
    });
    keys.push(SortKey {
        key: "late",
        title: "Опоздание",
        meaning: "на сколько дней позже срока опубликован последний отчёт; срок — число следующего месяца из report_due_day в site.yaml муниципалитета, по умолчанию 2-е".into(),
    });
    keys
}

/// The value of one column of a row, for ordering.
type ColumnValue = dyn Fn(&CompareRow) -> Option<i64>;

/// The table ordered by `key` ([`sort_keys`]): numbers largest first, "no data" last, the name
/// breaking ties; `None` for an unknown key.
pub fn sorted<'r>(rows: &'r [CompareRow], key: &str) -> Option<Vec<&'r CompareRow>> {
    let value: Box<ColumnValue> = match key {
        "name" => Box::new(|_| Some(0)),
        "received" => Box::new(|r| r.received.map(|v| v as i64)),
        "per-1000" => Box::new(|r| r.received_per_1000),
        "growth" => Box::new(|r| r.growth.and_then(|g| g.percent)),
        "received-ytd" => Box::new(|r| r.received_ytd.map(|v| v as i64)),
        "per-1000-ytd" => Box::new(|r| r.received_ytd_per_1000),
        "overdue" => Box::new(|r| Some(r.overdue_measures as i64)),
        "decisions" => Box::new(|r| r.decisions.map(|v| v as i64)),
        "informed" => Box::new(|r| r.decisions_informed.map(|v| v as i64)),
        "published" => Box::new(|r| {
            r.published
                .map(|d| i64::from(chrono::Datelike::num_days_from_ce(&d)))
        }),
        "late" => Box::new(|r| r.days_late.map(|v| v as i64)),
        other => {
            let i = TARGETS.iter().position(|t| t.key == other)?;
            Box::new(move |r| r.targets[i].ytd_tenths)
        }
    };
    let mut out: Vec<&CompareRow> = rows.iter().collect();
    out.sort_by(|a, b| {
        let (va, vb) = (value(a), value(b));
        vb.is_some()
            .cmp(&va.is_some())
            .then(vb.cmp(&va))
            .then_with(|| name_order(&a.name, &b.name))
    });
    Some(out)
}

/// Russian names in the order of the alphabet, `ё` beside `е`.
pub fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| s.to_lowercase().replace('ё', "е");
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// A municipality that has not reported the region's latest month.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    pub id: String,
    pub name: String,
    pub latest: Option<Period>,
}

/// A municipality whose latest report came out after its due date.
#[derive(Debug, Clone, Serialize)]
pub struct Late {
    pub id: String,
    pub name: String,
    pub period: Period,
    pub published: chrono::NaiveDate,
    pub due: chrono::NaiveDate,
    pub days_late: u64,
}

/// The municipalities whose latest report was published late, the most days late first, then
/// by name.
pub fn late(inputs: &[Input]) -> Vec<Late> {
    let mut out: Vec<Late> = inputs
        .iter()
        .filter_map(|m| {
            let p = m.latest_publication.filter(|p| p.late())?;
            Some(Late {
                id: m.id.clone(),
                name: m.name.clone(),
                period: p.period,
                published: p.published,
                due: p.due,
                days_late: p.days_late,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.days_late
            .cmp(&a.days_late)
            .then_with(|| name_order(&a.name, &b.name))
    });
    out
}

/// How many municipalities meet one target's plan this year.
#[derive(Debug, Clone, Serialize)]
pub struct TargetTally {
    pub key: &'static str,
    pub title: &'static str,
    pub meet: usize,
    pub below: usize,
    /// No value or no plan.
    pub unknown: usize,
    /// The region's value on the summed year-to-date parts of all municipalities.
    pub region: Option<i64>,
}

/// The region's latest month, for `/`.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub period: Period,
    pub municipalities: usize,
    pub reported: usize,
    /// Received in the month, by channel (in the order of [`Channel::ALL`]), over the
    /// municipalities that reported it.
    pub channels: Vec<(&'static str, u64)>,
    pub total: u64,
    pub missing: Vec<Missing>,
    /// Whose latest report came out after its due date ([`late`]).
    pub late: Vec<Late>,
    pub targets: Vec<TargetTally>,
}

/// The overview of month `at` from the table ([`compare`]) and the inputs.
pub fn overview(inputs: &[Input], rows: &[CompareRow], at: Period) -> Overview {
    let mut channels: Vec<(&'static str, u64)> =
        Channel::ALL.iter().map(|c| (c.key(), 0)).collect();
    for m in inputs {
        if let Some(v) = m.month(at) {
            for (i, c) in Channel::ALL.iter().enumerate() {
                channels[i].1 += v.of(Source::Received(*c));
            }
        }
    }
    let mut missing: Vec<Missing> = rows
        .iter()
        .filter(|r| !r.reported)
        .map(|r| Missing {
            id: r.id.clone(),
            name: r.name.clone(),
            latest: r.latest,
        })
        .collect();
    missing.sort_by(|a, b| name_order(&a.name, &b.name));
    let targets = TARGETS
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let cells = rows.iter().map(|r| &r.targets[i]);
            let parts = cells.clone().fold(Parts::default(), |acc, c| Parts {
                num: acc.num + c.parts.num,
                den: acc.den + c.parts.den,
            });
            TargetTally {
                key: def.key,
                title: def.short,
                meet: cells.clone().filter(|c| c.meets == Some(true)).count(),
                below: cells.clone().filter(|c| c.meets == Some(false)).count(),
                unknown: cells.filter(|c| c.meets.is_none()).count(),
                region: parts.share().map(Share::tenths),
            }
        })
        .collect();
    Overview {
        period: at,
        municipalities: inputs.len(),
        reported: rows.iter().filter(|r| r.reported).count(),
        total: channels.iter().map(|(_, v)| v).sum(),
        channels,
        missing,
        late: late(inputs),
        targets,
    }
}

/// One municipality on a target's ranking.
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    pub place: Option<usize>,
    pub id: String,
    pub name: String,
    pub value: Option<i64>,
    pub parts: Parts,
    pub plan: Option<i64>,
    pub meets: Option<bool>,
}

/// The municipalities ordered by a target's year-to-date value, highest first; those without a
/// value last, without a place. Equal values share a place.
pub fn ranking(rows: &[CompareRow], def: &TargetDef) -> Vec<RankRow> {
    let Some(i) = TARGETS.iter().position(|t| t.key == def.key) else {
        return Vec::new();
    };
    let ordered = sorted(rows, def.key).unwrap_or_default();
    let mut out: Vec<RankRow> = Vec::with_capacity(ordered.len());
    for (n, r) in ordered.iter().enumerate() {
        let c = &r.targets[i];
        let place = c.ytd_tenths.map(|v| match out.last() {
            Some(prev) if prev.value == Some(v) => prev.place.unwrap_or(n + 1),
            _ => n + 1,
        });
        out.push(RankRow {
            place,
            id: r.id.clone(),
            name: r.name.clone(),
            value: c.ytd_tenths,
            parts: c.parts,
            plan: c.plan,
            meets: c.meets,
        });
    }
    out
}

/// One month of the region's trend.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub period: Period,
    /// Municipalities that reported the month.
    pub reported: usize,
    /// Received over them.
    pub received: u64,
    /// Each target's value over them, on the month's summed parts, tenths.
    pub targets: Vec<Option<i64>>,
}

impl crate::calendar::Dated for TrendPoint {
    fn period(&self) -> Period {
        self.period
    }
}

/// Every month any municipality reported, in order, with the region's totals.
pub fn trend(inputs: &[Input]) -> Vec<TrendPoint> {
    let mut months: BTreeMap<Period, (usize, [u64; 28])> = BTreeMap::new();
    for m in inputs {
        for v in &m.months {
            let e = months.entry(v.period).or_insert((0, [0; 28]));
            e.0 += 1;
            for (sum, x) in e.1.iter_mut().zip(v.values) {
                *sum += x;
            }
        }
    }
    months
        .into_iter()
        .map(|(period, (reported, values))| {
            let sum = MonthValues { period, values };
            TrendPoint {
                period,
                reported,
                received: sum.total_received(),
                targets: TARGETS
                    .iter()
                    .map(|def| share_tenths(target_parts(def, &values)))
                    .collect(),
            }
        })
        .collect()
}

fn share_tenths(p: Parts) -> Option<i64> {
    share(p.num, p.den).map(Share::tenths)
}

/// The total `(published, summed)` where they differ, and each channel that differs with both.
pub type Differences = (Option<(u64, u64)>, Vec<(Channel, u64, u64)>);

/// A month the region publishes totals for, against the sum of its municipalities' `months` (each
/// one's values of that month): the total and each channel, `(published, summed)`, where they
/// differ.
pub fn total_differences(
    months: impl IntoIterator<Item = MonthValues>,
    total: Option<u64>,
    channels: [Option<u64>; 4],
) -> Differences {
    let mut sums = [0u64; 4];
    for v in months {
        for c in Channel::ALL {
            sums[c.index()] += v.of(Source::Received(c));
        }
    }
    let all: u64 = sums.iter().sum();
    let total = total.filter(|t| *t != all).map(|t| (t, all));
    let channels = Channel::ALL
        .iter()
        .filter_map(|c| {
            let given = channels[c.index()]?;
            (given != sums[c.index()]).then_some((*c, given, sums[c.index()]))
        })
        .collect();
    (total, channels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IndicatorDef, TargetId};

    fn p(y: i32, m: u32) -> Period {
        Period::new(y, m).unwrap()
    }

    /// A month whose channels received `r` = [appeals, pos, digital, hotline], with the
    /// fast-track count `fast` on the ПОС channel.
    fn month(period: Period, r: [u64; 4], fast: u64) -> MonthValues {
        let mut values = [0; 28];
        for c in Channel::ALL {
            let d = IndicatorDef::by_source(Source::Received(c)).unwrap();
            values[d.index()] = r[c.index()];
        }
        let d = IndicatorDef::by_source(Source::Treated(
            crate::domain::Treatment::FastTrack,
            Channel::Pos,
        ))
        .unwrap();
        values[d.index()] = fast;
        MonthValues { period, values }
    }

    fn input(id: &str, name: &str, pop: Option<u64>, months: Vec<MonthValues>) -> Input {
        let mut plans = BTreeMap::new();
        let mut plan = [None; 7];
        let ft = TARGETS
            .iter()
            .position(|t| t.id == TargetId::FastTrack)
            .unwrap();
        plan[ft] = Some(500);
        plans.insert(2025, plan);
        // Published on its due date, unless a test says otherwise.
        let latest_publication = months.last().map(|m| {
            let due = crate::metrics::publication::due_date(m.period, 2);
            crate::metrics::publication::Publication {
                period: m.period,
                published: due,
                due,
                days_late: 0,
            }
        });
        Input {
            id: id.into(),
            name: name.into(),
            population: pop,
            months,
            plans,
            overdue_measures: 0,
            latest_publication,
        }
    }

    /// `inputs` with the latest report of input `i` published on `published`.
    fn published_on(mut inputs: Vec<Input>, i: usize, published: &str) -> Vec<Input> {
        let p = inputs[i].latest_publication.as_mut().unwrap();
        p.published = published.parse().unwrap();
        p.days_late = crate::metrics::publication::days_late(p.published, p.due);
        inputs
    }

    #[test]
    fn the_lateness_column_holds_each_latest_report_against_its_due_date() {
        // Алексеевка's February report, due 2 March, published 9 March: 7 days late; Бирюч's
        // January report, due 2 February, on the 1st: on time; Валуйки's February on the 2nd.
        let inputs = published_on(published_on(region(), 0, "2025-03-09"), 1, "2025-02-01");
        let rows = compare(&inputs, latest_period(&inputs).unwrap());
        let column: Vec<(&str, Option<String>, Option<u64>)> = rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.published.map(|d| d.to_string()),
                    r.days_late,
                )
            })
            .collect();
        assert_eq!(
            column,
            [
                ("Алексеевка", Some("2025-03-09".into()), Some(7)),
                ("Бирюч", Some("2025-02-01".into()), Some(0)),
                ("Валуйки", Some("2025-03-02".into()), Some(0)),
            ]
        );
        let by_late: Vec<&str> = sorted(&rows, "late")
            .unwrap()
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(by_late, ["Алексеевка", "Бирюч", "Валуйки"]);
        let by_published: Vec<&str> = sorted(&rows, "published")
            .unwrap()
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(by_published, ["Алексеевка", "Валуйки", "Бирюч"]);
        let named: Vec<(String, u64)> = late(&inputs)
            .into_iter()
            .map(|l| (l.name, l.days_late))
            .collect();
        assert_eq!(named, [("Алексеевка".to_string(), 7)]);
    }

    fn region() -> Vec<Input> {
        vec![
            input(
                "a",
                "Алексеевка",
                Some(40_000),
                vec![
                    month(p(2025, 1), [10, 100, 20, 30], 60),
                    month(p(2025, 2), [10, 120, 20, 50], 50),
                ],
            ),
            input(
                "b",
                "Бирюч",
                None,
                vec![month(p(2025, 1), [5, 40, 0, 5], 10)],
            ),
            input(
                "v",
                "Валуйки",
                Some(1_000),
                vec![
                    month(p(2024, 12), [1, 1, 1, 1], 0),
                    month(p(2025, 2), [0, 10, 0, 0], 10),
                ],
            ),
        ]
    }

    #[test]
    fn the_table_holds_the_latest_month_and_the_year_to_date() {
        let inputs = region();
        let at = latest_period(&inputs).unwrap();
        assert_eq!(at, p(2025, 2));
        let rows = compare(&inputs, at);
        let a = &rows[0];
        // 10 + 120 + 20 + 50 = 200 in February; January 160.
        assert_eq!(a.received, Some(200));
        assert_eq!(a.received_ytd, Some(360));
        // 200 / 40 000 × 1000 = 5,0; 360 / 40 = 9,0.
        assert_eq!(a.received_per_1000, Some(50));
        assert_eq!(a.received_ytd_per_1000, Some(90));
        // 200 against 160: +40, +25,0 %.
        assert_eq!(a.growth.unwrap().units, 40);
        assert_eq!(a.growth.unwrap().percent, Some(250));
        // The municipality a month behind: nothing this month, its January as the year.
        let b = &rows[1];
        assert!(!b.reported);
        assert_eq!(b.received, None);
        assert_eq!(b.received_ytd, Some(50));
        assert_eq!(b.received_per_1000, None);
        // December is last year: February's growth has no month before it.
        let v = &rows[2];
        assert_eq!(v.received_ytd, Some(10));
        assert_eq!(v.growth, None);
        assert_eq!(v.received_per_1000, Some(100));
    }

    #[test]
    fn targets_against_plan_and_the_overview() {
        let inputs = region();
        let at = p(2025, 2);
        let rows = compare(&inputs, at);
        let ft = TARGETS
            .iter()
            .position(|t| t.id == TargetId::FastTrack)
            .unwrap();
        // Fast track over everything received: a (60+50)/(160+200) = 30,6 %, below 50 %.
        let a = &rows[0].targets[ft];
        assert_eq!(a.ytd_tenths, Some(306));
        assert_eq!(a.meets, Some(false));
        // b 10/50 = 20,0 %: below; v 10/10 = 100 %: meets.
        assert_eq!(rows[1].targets[ft].ytd_tenths, Some(200));
        assert_eq!(rows[1].targets[ft].meets, Some(false));
        assert_eq!(rows[2].targets[ft].ytd_tenths, Some(1000));
        assert_eq!(rows[2].targets[ft].meets, Some(true));
        let o = overview(&inputs, &rows, at);
        assert_eq!(o.reported, 2);
        assert_eq!(o.municipalities, 3);
        // February: a 200 + v 10.
        assert_eq!(o.total, 210);
        assert_eq!(o.channels[1], ("pos", 130));
        assert_eq!(o.missing.len(), 1);
        assert_eq!(o.missing[0].id, "b");
        assert_eq!(o.missing[0].latest, Some(p(2025, 1)));
        let t = &o.targets[ft];
        assert_eq!((t.meet, t.below, t.unknown), (1, 2, 0));
        // (110 + 10 + 10) / (360 + 50 + 10) = 130 / 420 = 31,0 %.
        assert_eq!(t.region, Some(310));
        // No plan for the other targets: neither met nor missed.
        assert_eq!(o.targets[(ft + 1) % 7].unknown, 3);
    }

    #[test]
    fn orders_put_no_data_last_and_rank_shares_places() {
        let inputs = region();
        let rows = compare(&inputs, p(2025, 2));
        let ids = |v: Vec<&CompareRow>| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(sorted(&rows, "received").unwrap()), ["a", "v", "b"]);
        assert_eq!(ids(sorted(&rows, "per-1000").unwrap()), ["v", "a", "b"]);
        assert_eq!(ids(sorted(&rows, "name").unwrap()), ["a", "b", "v"]);
        assert!(sorted(&rows, "nonsense").is_none());
        for k in sort_keys() {
            assert!(sorted(&rows, k.key).is_some(), "{}", k.key);
        }
        let def = TargetId::FastTrack.def();
        let r = ranking(&rows, def);
        assert_eq!(
            r.iter()
                .map(|x| (x.id.as_str(), x.place))
                .collect::<Vec<_>>(),
            [("v", Some(1)), ("a", Some(2)), ("b", Some(3))]
        );
    }

    #[test]
    fn the_trend_sums_every_reported_month() {
        let t = trend(&region());
        assert_eq!(t.len(), 3);
        assert_eq!(
            (t[0].period, t[0].reported, t[0].received),
            (p(2024, 12), 1, 4)
        );
        assert_eq!((t[1].reported, t[1].received), (2, 210));
        assert_eq!((t[2].reported, t[2].received), (2, 210));
    }

    #[test]
    fn published_totals_are_held_against_the_sum() {
        let inputs = region();
        let of_month = |at: Period| inputs.iter().filter_map(move |m| m.month(at).copied());
        let (total, channels) = total_differences(
            of_month(p(2025, 2)),
            Some(215),
            [None, Some(130), Some(5), None],
        );
        assert_eq!(total, Some((215, 210)));
        assert_eq!(channels, [(Channel::Digital, 5, 20)]);
        let (total, channels) = total_differences(of_month(p(2025, 2)), Some(210), [None; 4]);
        assert_eq!((total, channels.len()), (None, 0));
    }

    #[test]
    fn per_thousand_needs_a_population() {
        assert_eq!(per_1000(5, Some(3000)), Some(17));
        assert_eq!(per_1000(5, None), None);
        assert_eq!(per_1000(5, Some(0)), None);
    }
}
