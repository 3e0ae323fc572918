//! The arithmetic of the forms, tested on hand-made months.

use super::*;
use crate::data::decision::{DecisionKind, DecisionStatus, InformingPost};
use crate::data::report::{ChannelCounts, Recipients};
use crate::data::targets::Plan;
use crate::domain::{Channel, TargetId, Treatment};
use crate::source::{FileId, Span};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

const SPAN: Span = Span {
    file: FileId(0),
    start: 0,
    end: 0,
};

/// A report where every channel received `total` and treated `part` each way.
fn report(period: &str, total: u64, part: u64, recipients: (u64, u64)) -> Report {
    let counts = ChannelCounts {
        total,
        treated: [part; 5],
    };
    Report {
        channels: [counts; 4],
        recipients: Recipients {
            total: recipients.0,
            informing: recipients.1,
        },
        ..Report::empty(p(period))
    }
}

fn decision(id: &str, adopted: &str, informed: &[&str]) -> Decision {
    Decision {
        id: id.into(),
        id_span: SPAN,
        title: id.into(),
        kind: DecisionKind::Vote,
        adopted: date(adopted),
        theme: None,
        participants: None,
        source_url: None,
        status: DecisionStatus::InProgress,
        status_span: SPAN,
        result: None,
        result_span: None,
        milestones: vec![],
        informing: informed
            .iter()
            .map(|d| InformingPost {
                date: date(d),
                network: "ВКонтакте".into(),
                url: "https://vk.com/x".into(),
            })
            .collect(),
    }
}

fn months(reports: &[Report], decisions: &[Decision]) -> Vec<MonthValues> {
    reports.iter().map(|r| month_values(r, decisions)).collect()
}

#[test]
fn values_follow_the_official_order() {
    let mut r = report("2024-03", 0, 0, (48, 31));
    r.channels[Channel::Appeals.index()] = ChannelCounts {
        total: 310,
        treated: [120, 40, 25, 200, 12],
    };
    r.channels[Channel::Pos.index()] = ChannelCounts {
        total: 540,
        treated: [410, 380, 60, 500, 90],
    };
    r.channels[Channel::Digital.index()] = ChannelCounts {
        total: 75,
        treated: [30, 10, 5, 60, 3],
    };
    r.channels[Channel::Hotline.index()] = ChannelCounts {
        total: 120,
        treated: [70, 0, 8, 90, 0],
    };
    let m = month_values(&r, &[]);
    assert_eq!(
        m.values,
        [
            120, 410, 30, 70, 40, 380, 10, 0, 31, 48, 0, 0, 25, 60, 5, 8, 200, 500, 60, 90, 12, 90,
            3, 0, 310, 540, 75, 120
        ]
    );
    let ft = target_share(TargetId::FastTrack.def(), &m.values).unwrap();
    assert_eq!((ft.num, ft.den), (630, 1045));
    assert_eq!(ft.tenths(), 603); // 60,287… % → 60,3 %
    assert_eq!(Treatment::ALL.len() * Channel::ALL.len() + 8, 28);
}

#[test]
fn decisions_are_counted_in_their_month_and_informed_by_its_end() {
    let decisions = [
        decision("a", "2024-03-01", &["2024-03-31"]),
        decision("b", "2024-03-15", &["2024-04-01"]),
        decision("c", "2024-03-31", &[]),
        decision("d", "2024-04-01", &["2024-04-02"]),
    ];
    assert_eq!(decision_counts(p("2024-03"), &decisions), (3, 1));
    assert_eq!(decision_counts(p("2024-04"), &decisions), (1, 1));
    assert_eq!(decision_counts(p("2024-05"), &decisions), (0, 0));
}

#[test]
fn pos_decisions_share_over_no_decisions_is_no_data() {
    let m = month_values(&report("2024-05", 10, 1, (5, 1)), &[]);
    assert_eq!(
        target_share(TargetId::PosDecisionsInformed.def(), &m.values),
        None
    );
}

#[test]
fn january_year_to_date_is_january_alone() {
    let reports = [
        report("2023-12", 100, 10, (40, 10)),
        report("2024-01", 50, 5, (41, 12)),
    ];
    let ms = months(&reports, &[]);
    let ytd = year_to_date(&ms, 1);
    assert_eq!(ytd[24], 50, "flows restart in January");
    assert_eq!(ytd[9], 41, "stocks are the latest value");
}

#[test]
fn flows_sum_and_stocks_take_the_latest() {
    let reports = [
        report("2024-01", 100, 10, (40, 10)),
        report("2024-02", 50, 5, (42, 15)),
        report("2024-03", 70, 7, (41, 20)),
    ];
    let ms = months(&reports, &[]);
    let ytd = year_to_date(&ms, 2);
    assert_eq!(ytd[0], 22);
    assert_eq!(ytd[24], 220);
    assert_eq!((ytd[8], ytd[9]), (20, 41));
}

#[test]
fn growth_is_against_the_previous_calendar_month_only() {
    let reports = [
        report("2024-01", 100, 10, (40, 10)),
        report("2024-03", 50, 0, (40, 10)),
        report("2024-04", 60, 5, (40, 10)),
    ];
    let forms = monthly_forms(&months(&reports, &[]), &Targets::default());
    assert!(
        forms[0].rows[24].growth.is_none(),
        "first month: no previous"
    );
    assert!(
        forms[1].rows[24].growth.is_none(),
        "February missing: no growth for March"
    );
    assert_eq!(forms[1].previous, None);
    let g = forms[2].rows[24].growth.unwrap();
    assert_eq!((g.units, g.percent), (10, Some(200)));
    let g0 = forms[2].rows[0].growth.unwrap();
    assert_eq!(
        (g0.units, g0.percent),
        (5, None),
        "growth over 0 has no percent"
    );
}

#[test]
fn growth_crosses_the_year_boundary() {
    let reports = [
        report("2023-12", 100, 10, (40, 10)),
        report("2024-01", 50, 5, (40, 10)),
    ];
    let forms = monthly_forms(&months(&reports, &[]), &Targets::default());
    assert_eq!(forms[1].rows[24].growth.unwrap().units, -50);
    assert_eq!(forms[1].rows[24].ytd, 50);
}

/// January 1 of 3 fast-tracked per channel, February 3 of 5 (50 % for the year), and a
/// fast-track plan of 55,0 % for 2024.
fn two_months_planned_at_55() -> ([Report; 2], Targets) {
    let reports = [
        report("2024-01", 3, 1, (10, 2)),
        report("2024-02", 5, 3, (10, 5)),
    ];
    let mut targets = Targets::default();
    targets.plans.entry(2024).or_default().insert(
        TargetId::FastTrack,
        Plan {
            tenths: 550,
            span: SPAN,
        },
    );
    (reports, targets)
}

#[test]
fn annual_values_are_shares_of_year_to_date_sums() {
    // January: 1 of 3 fast-tracked per channel; February: 3 of 5. Year: 4/8 = 50 %, not the
    // mean of 33,3 % and 60 %.
    let (reports, mut targets) = two_months_planned_at_55();
    targets
        .deviation_reasons
        .entry(2024)
        .or_default()
        .insert(TargetId::FastTrack, "причина".into());
    let annual = annual_forms(&months(&reports, &[]), &targets);
    assert_eq!(annual.len(), 1);
    let row = &annual[0].rows[0];
    assert_eq!(row.achieved.unwrap().tenths(), 500);
    assert_eq!(row.plan, Some(550));
    assert_eq!(row.deviation, Some(-50));
    assert!(row.below_plan());
    assert_eq!(row.reason.as_deref(), Some("причина"));
    assert_eq!(
        annual[0].missing_reasons(),
        0,
        "the one target below plan has its reason"
    );
    assert!(!annual[0].complete());
    let social = &annual[0].rows[2];
    assert_eq!(
        social.achieved.unwrap().tenths(),
        500,
        "stocks: February's 5 of 10"
    );
    assert_eq!(social.plan, None);
    assert_eq!(social.deviation, None);
}

#[test]
fn below_plan_is_judged_on_the_published_rounding() {
    // 8 999 / 10 000 = 89,99 % → published as 90,0 %: meets a plan of 90.
    let mut r = report("2024-12", 0, 0, (1, 1));
    r.channels[0] = ChannelCounts {
        total: 10_000,
        treated: [8_999, 0, 0, 0, 0],
    };
    let mut targets = Targets::default();
    targets.plans.entry(2024).or_default().insert(
        TargetId::FastTrack,
        Plan {
            tenths: 900,
            span: SPAN,
        },
    );
    let annual = annual_forms(&months(&[r], &[]), &targets);
    assert_eq!(annual[0].rows[0].deviation, Some(0));
    assert!(!annual[0].rows[0].below_plan());
    assert_eq!(annual[0].missing_reasons(), 0);
    assert!(annual[0].complete());
}

#[test]
fn annual_forms_split_by_year() {
    let reports = [
        report("2023-11", 3, 1, (10, 2)),
        report("2023-12", 3, 1, (10, 2)),
        report("2024-01", 5, 3, (10, 5)),
    ];
    let annual = annual_forms(&months(&reports, &[]), &Targets::default());
    assert_eq!(
        annual
            .iter()
            .map(|a| (a.year, a.last.to_string(), a.months.len()))
            .collect::<Vec<_>>(),
        [
            (2023, "2023-12".to_string(), 2),
            (2024, "2024-01".to_string(), 1)
        ]
    );
}

#[test]
fn total_received_is_indicators_25_to_28() {
    let mut r = report("2024-03", 0, 0, (1, 1));
    for (i, c) in Channel::ALL.iter().enumerate() {
        r.channels[c.index()].total = 10u64.pow(i as u32);
    }
    let m = month_values(&r, &[]);
    assert_eq!(m.total_received(), 1111);
    assert_eq!(m.total_received(), m.values[24..28].iter().sum::<u64>());
    assert_eq!(m.of(crate::domain::Source::RecipientsTotal), 1);
}

#[test]
fn target_parts_are_kept_when_the_share_is_no_data() {
    // No decisions adopted: target 4 is 0 of 0, "no data", and the open data still shows both.
    let forms = monthly_forms(
        &months(&[report("2024-03", 5, 1, (2, 1))], &[]),
        &Targets::default(),
    );
    let t = forms[0].target(TargetId::PosDecisionsInformed).unwrap();
    assert_eq!(t.month, None);
    assert_eq!(t.month_parts, Parts { num: 0, den: 0 });
    let fast = forms[0].target(TargetId::FastTrack).unwrap();
    assert_eq!(fast.month_parts, Parts { num: 4, den: 20 });
    assert_eq!(fast.month.map(share::Share::tenths), Some(200));
    assert_eq!(
        fast.ytd_parts, fast.month_parts,
        "January's year to date is January"
    );
}

#[test]
fn deviation_needs_both_values_and_keeps_its_sign() {
    let s = share(673, 1000);
    assert_eq!(deviation(s, Some(700)), Some(-27));
    assert_eq!(deviation(s, Some(600)), Some(73));
    assert_eq!(deviation(s, None), None);
    assert_eq!(deviation(None, Some(700)), None);
    assert_eq!(deviation(share(0, 5), Some(0)), Some(0));
}

#[test]
fn the_monthly_form_deviation_is_the_annual_rule() {
    let (reports, targets) = two_months_planned_at_55();
    let m = months(&reports, &[]);
    let monthly = monthly_forms(&m, &targets);
    let annual = annual_forms(&m, &targets);
    let last = monthly[1].target(TargetId::FastTrack).unwrap();
    let row = annual[0].row(TargetId::FastTrack).unwrap();
    assert_eq!(last.ytd_deviation, Some(-50));
    assert_eq!(last.ytd_deviation, row.deviation);
    assert_eq!(last.ytd_parts, row.parts);
}

#[test]
fn named_lookups_find_the_decision_rows() {
    let forms = monthly_forms(
        &months(
            &[report("2024-03", 5, 1, (2, 1))],
            &[
                decision("a", "2024-03-05", &["2024-03-31"]),
                decision("b", "2024-03-06", &["2024-04-01"]),
            ],
        ),
        &Targets::default(),
    );
    assert_eq!(
        forms[0].value_of(crate::domain::Source::DecisionsAdopted),
        2
    );
    assert_eq!(
        forms[0].value_of(crate::domain::Source::DecisionsInformed),
        1
    );
}

/// The figures of the `gap` fixture: 2024-01 to 2024-09 without 2024-07, with road maps.
fn gap_figures() -> Figures {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gap");
    let mut sources = crate::source::Sources::new();
    let mut diags = crate::diag::Diagnostics::new();
    let ds = crate::data::load(&root, &mut sources, &mut diags).expect("the fixture loads");
    compute(&ds, None).expect("the fixture has reports")
}

#[test]
fn a_year_charts_from_its_first_report_to_its_last() {
    let mut fig = gap_figures();
    let shape = |slots: &[calendar::Slot]| -> Vec<String> {
        slots
            .iter()
            .map(|s| match s.report {
                Some(_) => s.period.to_string(),
                None => format!("({})", s.period),
            })
            .collect()
    };
    assert_eq!(
        shape(fig.year_calendar(2024)),
        [
            "2024-01",
            "2024-02",
            "2024-03",
            "2024-04",
            "2024-05",
            "2024-06",
            "(2024-07)",
            "2024-08",
            "2024-09"
        ]
    );
    assert!(fig.year_calendar(2023).is_empty());
    // A year whose January and December have no report starts and ends at its reports.
    let periods: Vec<Period> = ["2023-11", "2024-02", "2024-03", "2024-05", "2025-01"]
        .iter()
        .map(|s| p(s))
        .collect();
    fig.calendar = calendar::slots(&periods, |p| *p);
    assert_eq!(
        shape(fig.year_calendar(2024)),
        ["2024-02", "2024-03", "(2024-04)", "2024-05"]
    );
    assert_eq!(fig.calendar_of(&periods).len(), 15);
}

#[test]
fn overdue_measures_are_counted_on_the_date_asked() {
    let fig = gap_figures();
    let on_own_date = fig
        .roadmaps
        .values()
        .flat_map(|r| &r.measures)
        .filter(|m| m.status == roadmap::MeasureStatus::Overdue)
        .count() as u64;
    assert_eq!(fig.overdue_measures_on(fig.as_of.date), on_own_date);
    let open = fig
        .roadmaps
        .values()
        .flat_map(|r| &r.measures)
        .filter(|m| {
            matches!(
                m.status,
                roadmap::MeasureStatus::Overdue | roadmap::MeasureStatus::InProgress
            )
        })
        .count() as u64;
    assert!(open > on_own_date, "the fixture has a measure not yet due");
    assert_eq!(fig.overdue_measures_on(date("2100-01-01")), open);
}

#[test]
fn a_years_tally_counts_only_the_targets_with_a_plan() {
    let (reports, mut targets) = two_months_planned_at_55();
    // A second plan, met: decisions informed (no decisions, so no data) and the social share.
    for (id, tenths) in [
        (TargetId::PosDecisionsInformed, 100),
        (TargetId::SocialRecipients, 400),
    ] {
        targets
            .plans
            .entry(2024)
            .or_default()
            .insert(id, Plan { tenths, span: SPAN });
    }
    let annual = annual_forms(&months(&reports, &[]), &targets);
    assert_eq!(
        annual[0].plan_tally(),
        PlanTally {
            planned: 3,
            met: 1,
            below: 1,
            no_data: 1
        }
    );
    assert_eq!(
        annual_forms(&months(&reports, &[]), &Targets::default())[0].plan_tally(),
        PlanTally {
            planned: 0,
            met: 0,
            below: 0,
            no_data: 0
        }
    );
}

#[test]
fn a_correction_is_a_date_the_data_records_and_the_latest_change() {
    let mut ds: crate::data::Dataset = (*crate::output::tests::dataset()).clone();
    let before = as_of(&ds).unwrap().date;
    assert_eq!(before, date("2024-03-04"));
    let jan = ds
        .reports
        .iter_mut()
        .find(|r| r.period == p("2024-01"))
        .unwrap();
    jan.corrections.push(crate::data::report::Correction {
        date: date("2024-03-10"),
        text: "Исправлено число обращений по 59-ФЗ: в первой редакции было 90".into(),
        date_span: jan.period_span,
    });
    let found = as_of(&ds).unwrap();
    assert_eq!(found.date, date("2024-03-10"));
    assert_eq!(found.source.en, "a correction of the report for 2024-01");
    let fig = compute(&ds, None).unwrap();
    assert_eq!(fig.corrections.len(), 1);
    assert_eq!(
        (fig.corrections[0].period, fig.corrections[0].number),
        (p("2024-01"), 1)
    );
    assert_eq!(
        fig.last_change,
        Some(publication::Change::Corrected(fig.corrections[0].clone()))
    );
    // A report published after the correction is the latest change again.
    let feb = ds
        .reports
        .iter_mut()
        .find(|r| r.period == p("2024-02"))
        .unwrap();
    feb.published = date("2024-03-11");
    let fig = compute(&ds, None).unwrap();
    assert_eq!(
        fig.last_change,
        Some(publication::Change::Published(
            p("2024-02"),
            date("2024-03-11")
        ))
    );
}

#[test]
fn each_report_is_held_to_the_due_day_of_its_site() {
    let mut ds: crate::data::Dataset = (*crate::output::tests::dataset()).clone();
    // 2023-12 published 2024-01-03, 2024-01 on 2024-02-02, 2024-02 on 2024-03-04.
    let late = |fig: &Figures| -> Vec<(String, u64)> {
        fig.publications
            .iter()
            .map(|p| (p.period.to_string(), p.days_late))
            .collect()
    };
    let fig = compute(&ds, None).unwrap();
    assert_eq!(
        late(&fig),
        [
            ("2023-12".into(), 1),
            ("2024-01".into(), 0),
            ("2024-02".into(), 2)
        ]
    );
    assert_eq!(fig.next_report.due, date("2024-04-02"));
    assert_eq!(fig.late_in_year(2024).len(), 1);
    ds.site.report_due_day = 5;
    let fig = compute(&ds, None).unwrap();
    assert_eq!(
        late(&fig),
        [
            ("2023-12".into(), 0),
            ("2024-01".into(), 0),
            ("2024-02".into(), 0)
        ]
    );
    assert_eq!(fig.next_report.due, date("2024-04-05"));
}
