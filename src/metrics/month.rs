//! What a monthly report shows beyond the 28 rows of the form: the total received and its growth,
//! each channel's share and growth, each theme's share of the month and its repeated and solved
//! shares, the recipients' rating, the satisfaction survey, and the problem areas ranked.
//!
//! The month page, its share card, the feed and the open data all copy these figures, so that
//! "the same numbers as the pages" holds by construction rather than by two calculations agreeing.

use super::share::{Growth, Share, growth, share};
use crate::data::report::Report;
use crate::domain::Channel;
use crate::period::Period;

/// One channel in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelFigures {
    pub channel: Channel,
    pub total: u64,
    /// Of the month's total over all channels.
    pub share: Option<Share>,
    /// Against the previous calendar month, when it has a report.
    pub growth: Option<Growth>,
}

/// One theme in a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFigures {
    pub theme: String,
    pub received: u64,
    /// Of the month's total over all channels.
    pub share: Option<Share>,
    pub repeated: Option<u64>,
    /// Repeated among received.
    pub repeated_share: Option<Share>,
    pub overdue: Option<u64>,
    pub postponed: Option<u64>,
    pub solved: Option<u64>,
    /// Solved among received.
    pub solved_share: Option<Share>,
}

impl ThemeFigures {
    /// Overdue and postponed together: what the Регламент ranks problem areas by first.
    pub fn late(&self) -> u64 {
        self.overdue.unwrap_or(0) + self.postponed.unwrap_or(0)
    }
}

/// One responsible recipient in a month's rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientFigures {
    pub name: String,
    pub received: u64,
    pub on_time: Option<u64>,
    pub on_time_share: Option<Share>,
    pub solved: Option<u64>,
    pub solved_share: Option<Share>,
    /// The average mark, in tenths (4,3 → 43).
    pub satisfaction: Option<i64>,
}

/// The month's satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SatisfactionFigures {
    pub responses: u64,
    pub satisfied: u64,
    pub share: Option<Share>,
}

/// Everything a month's report shows beyond the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthDetail {
    pub period: Period,
    /// Received over all channels.
    pub total: u64,
    /// The previous calendar month's total, when that month has a report.
    pub previous_total: Option<u64>,
    pub total_growth: Option<Growth>,
    /// In the order of [`Channel::ALL`].
    pub channels: Vec<ChannelFigures>,
    /// In the report's own order.
    pub themes: Vec<ThemeFigures>,
    /// The themes' received added up (may differ from `total`: a warning, not an error).
    pub themes_total: u64,
    /// In the report's own order.
    pub rating: Vec<RecipientFigures>,
    pub satisfaction: Option<SatisfactionFigures>,
    /// Channels whose 0 this month looks like missing data ([`suspicious_zeros`]).
    pub zero_flags: Vec<ZeroFlag>,
}

/// A channel that reported 0 after a month with appeals: perhaps nothing came, perhaps the
/// channel's figures never reached the report. The page asks, `check` warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZeroFlag {
    pub channel: Channel,
    /// The previous reported month (the calendar month before, or the last one before a gap).
    pub previous: Period,
    pub previous_total: u64,
    /// The report says nothing came through the channel (`zero_confirmed`): not a question.
    pub confirmed: bool,
}

/// A channel at 0 is flagged only after at least this many appeals through it in the previous
/// reported month. A small channel has quiet months (at 3 a month on average, one month in
/// twenty brings none), and a flag on each of them would teach readers to skip flags; at 20 a
/// month, a month with none by chance is about one in 500 million.
pub const ZERO_FLAG_MIN_PREVIOUS: u64 = 20;

/// The rule for a zero that looks like missing data: a channel's total is 0 this month while
/// the previous reported month had [`ZERO_FLAG_MIN_PREVIOUS`] or more appeals through it. A
/// channel that stays at 0 is left alone (a municipality without a hot line), and so is a first
/// report, which has nothing to compare.
pub fn zero_looks_missing(total: u64, previous_total: Option<u64>) -> bool {
    total == 0 && previous_total.is_some_and(|p| p >= ZERO_FLAG_MIN_PREVIOUS)
}

/// The channels of `report` whose 0 looks like missing data, against `previous`: the report
/// before it, whether or not that is the calendar month before.
pub fn suspicious_zeros(report: &Report, previous: Option<&Report>) -> Vec<ZeroFlag> {
    let Some(prev) = previous else {
        return Vec::new();
    };
    Channel::ALL
        .iter()
        .filter(|c| {
            zero_looks_missing(
                report.channels[c.index()].total,
                Some(prev.channels[c.index()].total),
            )
        })
        .map(|c| ZeroFlag {
            channel: *c,
            previous: prev.period,
            previous_total: prev.channels[c.index()].total,
            confirmed: report.zero_confirmed.contains(c),
        })
        .collect()
}

impl MonthDetail {
    /// The themes, most received first; equal counts by name, so the order never depends on
    /// the file's.
    pub fn themes_by_received(&self) -> Vec<&ThemeFigures> {
        let mut themes: Vec<&ThemeFigures> = self.themes.iter().collect();
        themes.sort_by(|a, b| {
            b.received
                .cmp(&a.received)
                .then_with(|| a.theme.cmp(&b.theme))
        });
        themes
    }

    /// The problem areas of the month, worst first ([`problem_areas`]).
    pub fn problem_areas(&self) -> Vec<&ThemeFigures> {
        problem_areas(&self.themes_by_received())
    }
}

/// The figures of `report`; `previous` is the report of the calendar month before, if any.
pub fn detail(report: &Report, previous: Option<&Report>) -> MonthDetail {
    let total = report.total_received();
    let previous_total = previous.map(Report::total_received);
    let channels = Channel::ALL
        .iter()
        .map(|c| {
            let v = report.channels[c.index()].total;
            ChannelFigures {
                channel: *c,
                total: v,
                share: share(v, total),
                growth: growth(v, previous.map(|p| p.channels[c.index()].total)),
            }
        })
        .collect();
    let themes = report
        .themes
        .iter()
        .map(|t| ThemeFigures {
            theme: t.theme.clone(),
            received: t.received,
            share: share(t.received, total),
            repeated: t.repeated,
            repeated_share: t.repeated.and_then(|r| share(r, t.received)),
            overdue: t.overdue,
            postponed: t.postponed,
            solved: t.solved,
            solved_share: t.solved.and_then(|s| share(s, t.received)),
        })
        .collect();
    let rating = report
        .recipients_rating
        .iter()
        .map(|r| RecipientFigures {
            name: r.name.clone(),
            received: r.received,
            on_time: r.on_time,
            on_time_share: r.on_time.and_then(|v| share(v, r.received)),
            solved: r.solved,
            solved_share: r.solved.and_then(|v| share(v, r.received)),
            satisfaction: r.satisfaction,
        })
        .collect();
    MonthDetail {
        period: report.period,
        total,
        previous_total,
        total_growth: growth(total, previous_total),
        channels,
        themes,
        themes_total: report.themes.iter().map(|t| t.received).sum(),
        rating,
        satisfaction: report.satisfaction.map(|s| SatisfactionFigures {
            responses: s.responses,
            satisfied: s.satisfied,
            share: share(s.satisfied, s.responses),
        }),
        zero_flags: Vec::new(),
    }
}

/// Repeated appeals make a theme a problem area from this share on (10 %).
pub const REPEATED_PROBLEM_TENTHS: i64 = 100;

/// The repeated share of a theme when it is high enough to make it a problem area.
pub fn problem_repeated_share(t: &ThemeFigures) -> Option<Share> {
    t.repeated_share
        .filter(|s| s.tenths() >= REPEATED_PROBLEM_TENTHS)
}

/// Ranks the problem areas among `themes`, as the Регламент asks: a theme with overdue or
/// postponed appeals, or with 10 % or more repeated ones; the most overdue and postponed first,
/// then the higher repeated share, then by name. Equal themes keep the order they came in.
pub fn problem_areas<'a>(themes: &[&'a ThemeFigures]) -> Vec<&'a ThemeFigures> {
    let repeated = |t: &ThemeFigures| t.repeated_share.map(Share::tenths);
    let mut ranked: Vec<&ThemeFigures> = themes
        .iter()
        .copied()
        .filter(|t| t.late() > 0 || problem_repeated_share(t).is_some())
        .collect();
    ranked.sort_by(|a, b| {
        b.late()
            .cmp(&a.late())
            .then(repeated(b).cmp(&repeated(a)))
            .then(a.theme.cmp(&b.theme))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::report::{ChannelCounts, RecipientRow, Satisfaction, ThemeRow};

    /// A report whose channels received `totals`, in the order of [`Channel::ALL`].
    fn report(period: &str, totals: [u64; 4]) -> Report {
        Report {
            channels: totals.map(|total| ChannelCounts {
                total,
                treated: [0; 5],
            }),
            ..Report::empty(Period::parse(period).unwrap())
        }
    }

    fn theme(
        name: &str,
        received: u64,
        late: (Option<u64>, Option<u64>),
        repeated: Option<u64>,
    ) -> ThemeRow {
        ThemeRow {
            theme: name.into(),
            received,
            repeated,
            overdue: late.0,
            postponed: late.1,
            solved: None,
        }
    }

    fn tenths(s: Option<Share>) -> Option<i64> {
        s.map(Share::tenths)
    }

    #[test]
    fn channel_shares_are_of_the_month_total_and_growth_of_the_previous_month() {
        let prev = report("2024-02", [50, 0, 30, 20]);
        let d = detail(&report("2024-03", [60, 10, 30, 0]), Some(&prev));
        assert_eq!(d.total, 100);
        assert_eq!(d.previous_total, Some(100));
        assert_eq!(
            d.total_growth,
            Some(Growth {
                units: 0,
                percent: Some(0)
            })
        );
        let shares: Vec<_> = d.channels.iter().map(|c| tenths(c.share)).collect();
        assert_eq!(shares, [Some(600), Some(100), Some(300), Some(0)]);
        // From 0 the growth has units but no percent; down to 0 it is −100 %.
        assert_eq!(
            d.channels[1].growth,
            Some(Growth {
                units: 10,
                percent: None
            })
        );
        assert_eq!(
            d.channels[3].growth,
            Some(Growth {
                units: -20,
                percent: Some(-1000)
            })
        );
    }

    #[test]
    fn a_month_with_nothing_received_has_no_shares_and_no_growth_without_a_previous_month() {
        let mut r = report("2024-03", [0; 4]);
        r.themes = vec![theme("Дороги", 0, (None, None), Some(0))];
        r.satisfaction = Some(Satisfaction {
            responses: 0,
            satisfied: 0,
        });
        let d = detail(&r, None);
        assert_eq!((d.total, d.previous_total, d.total_growth), (0, None, None));
        assert!(
            d.channels
                .iter()
                .all(|c| c.share.is_none() && c.growth.is_none())
        );
        assert_eq!(d.themes[0].share, None);
        assert_eq!(
            d.themes[0].repeated_share, None,
            "0 of 0 is no data, not 0 %"
        );
        assert_eq!(d.satisfaction.and_then(|s| s.share), None);
        assert!(d.problem_areas().is_empty());
    }

    #[test]
    fn a_fall_in_the_total_is_negative_growth_rounded_away_from_zero() {
        let prev = report("2024-02", [16, 0, 0, 0]);
        let d = detail(&report("2024-03", [15, 0, 0, 0]), Some(&prev));
        assert_eq!(
            d.total_growth,
            Some(Growth {
                units: -1,
                percent: Some(-63)
            })
        );
    }

    #[test]
    fn missing_counts_give_missing_shares_not_zero() {
        let mut r = report("2024-03", [200, 0, 0, 0]);
        r.themes = vec![theme("Дороги", 50, (None, None), None)];
        r.recipients_rating = vec![RecipientRow {
            name: "ЖКХ".into(),
            received: 40,
            on_time: Some(30),
            solved: None,
            satisfaction: Some(43),
        }];
        let d = detail(&r, None);
        assert_eq!(tenths(d.themes[0].share), Some(250));
        assert_eq!(d.themes[0].repeated_share, None);
        assert_eq!(d.themes[0].solved_share, None);
        assert_eq!(tenths(d.rating[0].on_time_share), Some(750));
        assert_eq!(d.rating[0].solved_share, None);
        assert_eq!(d.themes_total, 50);
    }

    #[test]
    fn a_zero_after_a_month_with_appeals_looks_like_missing_data() {
        assert!(zero_looks_missing(0, Some(25)));
        assert!(zero_looks_missing(0, Some(20)));
        assert!(
            !zero_looks_missing(0, Some(19)),
            "a small channel's quiet month"
        );
        assert!(!zero_looks_missing(0, Some(0)), "a channel that stays at 0");
        assert!(!zero_looks_missing(0, None), "a first report");
        assert!(!zero_looks_missing(3, Some(25)), "a fall, not a zero");
        let aug = report("2024-08", [150, 380, 20, 25]);
        // Under the threshold: no flag.
        assert!(
            suspicious_zeros(
                &report("2024-09", [0, 0, 0, 0]),
                Some(&report("2024-08", [19, 0, 5, 1]))
            )
            .is_empty()
        );
        let sep = report("2024-09", [149, 377, 0, 0]);
        let mut aug_no_digital = aug.clone();
        aug_no_digital.channels[2].total = 0;
        let flags = suspicious_zeros(&sep, Some(&aug_no_digital));
        assert_eq!(
            flags,
            [ZeroFlag {
                channel: Channel::Hotline,
                previous: Period::parse("2024-08").unwrap(),
                previous_total: 25,
                confirmed: false
            }]
        );
        assert_eq!(suspicious_zeros(&sep, Some(&aug)).len(), 2);
        assert!(suspicious_zeros(&sep, None).is_empty());
    }

    #[test]
    fn problem_areas_rank_late_appeals_first_then_repeated_share_then_name() {
        let mut r = report("2024-03", [1000, 0, 0, 0]);
        r.themes = vec![
            theme("Тихо", 300, (Some(0), Some(0)), Some(29)),
            theme("Повторы", 100, (None, None), Some(10)),
            theme("Вывоз", 50, (Some(1), Some(1)), None),
            theme("Дороги", 200, (Some(2), None), Some(40)),
            theme("Ямы", 100, (None, None), Some(30)),
        ];
        let d = detail(&r, None);
        let names: Vec<&str> = d.problem_areas().iter().map(|t| t.theme.as_str()).collect();
        // 9,7 % repeated is not a problem area; 10,0 % is.
        assert_eq!(names, ["Дороги", "Вывоз", "Ямы", "Повторы"]);
        let themes: Vec<&str> = d
            .themes_by_received()
            .iter()
            .map(|t| t.theme.as_str())
            .collect();
        assert_eq!(themes, ["Тихо", "Дороги", "Повторы", "Ямы", "Вывоз"]);
    }
}
