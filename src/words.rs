//! The site's sentences made from figures: the lead of a monthly report, of an annual report, of
//! an indicator's page and of a road map, the flags for a zero that looks like missing data and
//! for a measure done late, the signature line of the printed forms and what search says of a
//! month without a report.
//!
//! The figures come from [`crate::metrics`]; this module only words them, so that each sentence
//! can be tested on zero, missing and negative cases. Templates print the strings as they are.
//! Every count that meets a noun goes through [`format::count`] or [`format::plural`].
//!
//! Below both the pages and the feed, which say the same sentences: it words figures and data,
//! and renders nothing. [`post`] puts the same sentences into a ready post for social networks.

pub mod post;

use crate::data::site::{Site, Structure};
use crate::domain::Channel;
use crate::format;
use crate::metrics::AnnualForm;
use crate::metrics::month::{MonthDetail, ZeroFlag};
use crate::metrics::publication::{NextReport, Publication};
use crate::metrics::roadmap::Progress;
use crate::metrics::share::Growth;
use crate::period::Period;
use serde::Serialize;

/// `932 обращения и сообщения`: the total received over all channels.
pub fn appeals(n: u64) -> String {
    format!("{}\u{A0}{}", format::int(n as i64), appeals_noun(n))
}

/// The noun of [`appeals`] alone, for a label under a number: `обращения и сообщения` after 932.
pub fn appeals_noun(n: u64) -> &'static str {
    format::plural(
        n,
        "обращение и сообщение",
        "обращения и сообщения",
        "обращений и сообщений",
    )
}

/// `s` with a full stop, unless it already ends in one («… в декабре 2024 г.»).
fn end_sentence(mut s: String) -> String {
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// `за июль 2024 г.`
fn for_month(p: Period) -> String {
    format!("за {} г.", format::month(p.year, p.month))
}

/// `в феврале` within the same year as `now`, `в декабре 2024 г.` across a new year.
fn in_other_month(p: Period, now: Period) -> String {
    if p.year == now.year {
        format::in_month_name(p.month)
    } else {
        format::in_month(p.year, p.month)
    }
}

/// What came before a month: the month before with the growth since it, a month without a
/// report, or nothing at all (the first report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Before {
    Reported(Period, Growth),
    Missing(Period),
    First,
}

impl Before {
    /// What came before `period`, given the growth over the calendar month before when it has a
    /// report ([`crate::metrics::share::growth`]) and whether any report is older.
    pub fn of(period: Period, growth: Option<Growth>, any_older: bool) -> Before {
        match (growth, any_older) {
            (Some(g), _) => Before::Reported(period.prev(), g),
            (None, true) => Before::Missing(period.prev()),
            (None, false) => Before::First,
        }
    }
}

/// `— на 375 меньше, чем в феврале`, or what stands in for a comparison; empty for a first report.
fn comparison(now: Period, before: Before) -> String {
    match before {
        Before::Reported(p, growth) => {
            let when = in_other_month(p, now);
            let n = format::int(i64::try_from(growth.units.unsigned_abs()).unwrap_or(i64::MAX));
            match growth.units.signum() {
                1 => format!(" — на {n} больше, чем {when}"),
                -1 => format!(" — на {n} меньше, чем {when}"),
                _ => format!(" — столько же, сколько {when}"),
            }
        }
        Before::Missing(p) => format!("; {} отчёта нет — сравнить не с чем", for_month(p)),
        Before::First => String::new(),
    }
}

/// A channel's name inside a sentence: «горячие линии», «ПОС».
fn channel_in_text(c: Channel) -> String {
    format::lower_first(c.label_ru())
}

/// The lead of a monthly report: «В марте 2025 г. поступило 774 обращения и сообщения — на 375
/// меньше, чем в феврале; горячие линии: ни одного (в феврале — 25).»
pub fn month_lead(detail: &MonthDetail, before: Before) -> String {
    let p = detail.period;
    let received = if detail.total == 0 {
        "не поступило ни одного обращения".to_string()
    } else {
        format!("поступило {}", appeals(detail.total))
    };
    let mut s = format!(
        "{} {received}{}",
        format::capitalize(&format::in_month(p.year, p.month)),
        comparison(p, before)
    );
    if !detail.zero_flags.is_empty() && detail.total > 0 {
        let zeros: Vec<String> = detail
            .zero_flags
            .iter()
            .map(|f| {
                format!(
                    "{}: {} ({} — {})",
                    channel_in_text(f.channel),
                    if f.confirmed {
                        "обращений не было"
                    } else {
                        "ни одного"
                    },
                    in_other_month(f.previous, p),
                    format::int(f.previous_total as i64)
                )
            })
            .collect();
        s.push_str("; ");
        s.push_str(&zeros.join("; "));
    }
    end_sentence(s)
}

/// The flag beside the channels of a month whose 0 looks like missing data.
pub fn zero_flag(flag: &ZeroFlag, period: Period) -> String {
    let growth = if flag.previous == period.prev() {
        ", поэтому в строках этого канала прирост −100\u{202F}%"
    } else {
        ""
    };
    format!(
        "{}: 0 — данных нет или обращений не было? {} было {}{growth}.",
        format::capitalize(&channel_in_text(flag.channel)),
        format::capitalize(&in_other_month(flag.previous, period)),
        format::int(flag.previous_total as i64)
    )
}

/// `за июль отчёта нет`, `за июль и август отчётов нет`: the months of one year without a report.
fn missing_in_year(missing: &[Period]) -> String {
    let names: Vec<String> = missing
        .iter()
        .map(|p| format::MONTHS_NOMINATIVE[(p.month - 1) as usize].to_string())
        .collect();
    let noun = if missing.len() == 1 {
        "отчёта"
    } else {
        "отчётов"
    };
    format!("за {} {noun} нет", format::join_and(&names))
}

/// The lead of an annual report: «Выполнено 2 из 7 целевых показателей; ниже плана — 5. Итоги —
/// по 11 отчётам: за июль отчёта нет.»
pub fn year_lead(form: &AnnualForm) -> String {
    let crate::metrics::PlanTally {
        planned: total,
        met,
        below,
        no_data,
    } = form.plan_tally();
    let mut s = if total == 0 {
        format!("Плановые значения на {} год не заданы", form.year)
    } else {
        let verb = if form.complete() {
            "Выполнено"
        } else {
            "С начала года выполняется"
        };
        let mut s = format!(
            "{verb} {} из {}",
            format::int(met as i64),
            format::count(
                total,
                "целевого показателя",
                "целевых показателей",
                "целевых показателей"
            )
        );
        if (total as usize) < form.rows.len() {
            s.push_str(", для которых задан план");
        }
        if below > 0 {
            s.push_str(&format!("; ниже плана — {}", format::int(below as i64)));
        }
        if no_data > 0 {
            s.push_str(&format!("; нет данных — {}", format::int(no_data as i64)));
        }
        s
    };
    s.push('.');
    let n = form.months.len() as u64;
    if n < 12 {
        s.push_str(&format!(
            " Итоги — по {}",
            format::count(n, "отчёту", "отчётам", "отчётам")
        ));
        if form.missing.is_empty() {
            let first = form.months.first().copied().unwrap_or(form.last);
            s.push_str(&format!(
                " ({} — {})",
                format::month(first.year, first.month),
                format::month(form.last.year, form.last.month)
            ));
        } else {
            s.push_str(": ");
            s.push_str(&missing_in_year(&form.missing));
        }
        s.push('.');
    }
    s
}

/// The lead of an indicator's page: its latest value and the change in words: «В сентябре
/// 2024 г. — 0, на 25 меньше, чем в августе (−100,0 %).»
pub fn indicator_lead(period: Period, value: u64, before: Before) -> String {
    let mut s = format!(
        "{} — {}",
        format::capitalize(&format::in_month(period.year, period.month)),
        format::int(value as i64)
    );
    match before {
        Before::Reported(_, growth) => {
            s.push_str(&comparison(period, before).replacen(" —", ",", 1));
            if let Some(pct) = growth.percent
                && growth.units != 0
            {
                s.push_str(&format!(
                    " ({}{}%)",
                    format::signed_tenths(pct),
                    format::NNBSP
                ));
            }
        }
        _ => s.push_str(&comparison(period, before)),
    }
    end_sentence(s)
}

/// The lead of a target's page: «В сентябре 2024 г. — 68,9 %; с начала года — 70,1 % при плане
/// 70,0 %.» `None` shares are «нет данных» (a zero denominator).
pub fn target_lead(
    period: Period,
    month: Option<i64>,
    ytd: Option<i64>,
    plan: Option<i64>,
) -> String {
    let pct = |v: Option<i64>| v.map_or_else(|| "нет данных".to_string(), format::percent);
    let mut s = format!(
        "{} — {}; с начала года — {}",
        format::capitalize(&format::in_month(period.year, period.month)),
        pct(month),
        pct(ytd)
    );
    match (ytd, plan) {
        (Some(y), Some(p)) => {
            let verdict = if y >= p {
                "план достигнут"
            } else {
                "ниже плана"
            };
            s.push_str(&format!(" при плане {}: {verdict}", format::percent(p)));
        }
        (None, Some(p)) => s.push_str(&format!(" при плане {}", format::percent(p))),
        (_, None) => s.push_str(&format!(", план на {} год не задан", period.year)),
    }
    end_sentence(s)
}

/// The lead of a road map: «Выполнено 3 из 5 мероприятий, 1 просрочено, 1 выполнено с
/// опозданием.»
pub fn roadmap_lead(p: &Progress) -> String {
    if p.total == 0 {
        return "Мероприятий пока нет.".into();
    }
    if p.active() == 0 {
        return "Все мероприятия отменены.".into();
    }
    let active = p.active() as u64;
    let mut parts = vec![format!(
        "Выполнено {} из {}",
        format::int(p.done as i64),
        format::count(active, "мероприятия", "мероприятий", "мероприятий")
    )];
    if p.overdue > 0 {
        parts.push(format!("{} просрочено", format::int(p.overdue as i64)));
    }
    if p.done_late > 0 {
        parts.push(format!(
            "{} выполнено с опозданием",
            format::int(p.done_late as i64)
        ));
    }
    if p.cancelled > 0 {
        parts.push(format!("{} отменено", format::int(p.cancelled as i64)));
    }
    format!("{}.", parts.join(", "))
}

/// `выполнено с опозданием на 10 дней`.
pub fn done_late(days: i64) -> String {
    format!(
        "выполнено с опозданием на {}",
        format::count(days.unsigned_abs(), "день", "дня", "дней")
    )
}

/// What search and the annual form say of a month without a report.
pub fn no_report(p: Period) -> String {
    format!("Отчёта {} нет", for_month(p))
}

/// The signature block of the printed forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// The position, then, on lines of their own, what it needs no declension for.
    pub lines: Vec<String>,
    /// The head's name for «(расшифровка подписи)», when `structure.yaml` gives it.
    pub name: Option<String>,
}

/// The signature: `signature:` of `site.yaml` as written; else the position of the head of
/// `structure.yaml`; else «Руководитель МЦУ». The municipality, in the nominative as
/// `site.yaml` gives it, goes on a line of its own instead of after the position, where it
/// would need the genitive («Руководитель МЦУ Заречный муниципальный округ» was wrong).
pub fn signature(site: &Site, structure: Option<&Structure>) -> Signature {
    let head = structure.and_then(|s| s.head.as_ref());
    let name = head.map(|h| h.name.clone());
    if let Some(s) = &site.signature {
        return Signature {
            lines: vec![s.clone()],
            name,
        };
    }
    let position = head
        .and_then(|h| h.position.as_deref())
        .map_or_else(|| "Руководитель МЦУ".to_string(), format::capitalize);
    Signature {
        lines: vec![position, site.municipality.clone()],
        name,
    }
}

/// `голосование`: the form of residents' participation in a decision.
pub fn decision_kind(k: crate::data::decision::DecisionKind) -> &'static str {
    use crate::data::decision::DecisionKind;
    match k {
        DecisionKind::Vote => "голосование",
        DecisionKind::Survey => "опрос",
        DecisionKind::Discussion => "обсуждение",
    }
}

/// `выполняется`: where a decision stands.
pub fn decision_status(s: crate::data::decision::DecisionStatus) -> &'static str {
    use crate::data::decision::DecisionStatus;
    match s {
        DecisionStatus::Planned => "запланировано",
        DecisionStatus::InProgress => "выполняется",
        DecisionStatus::Done => "выполнено",
        DecisionStatus::Cancelled => "отменено",
    }
}

/// `опубликован в срок`, `опубликован на 7 дней позже срока`: a report against its due date.
pub fn lateness(p: &Publication) -> String {
    if p.late() {
        format!(
            "опубликован на {} позже срока",
            format::count(p.days_late, "день", "дня", "дней")
        )
    } else {
        "опубликован в срок".to_string()
    }
}

/// What a report's page says of its publication: «Опубликован 2 апреля 2024 г., в срок.», or
/// «Опубликован 9 июля 2025 г. — на 7 дней позже срока (срок — 2 июля 2025 г.).»
pub fn publication(p: &Publication) -> String {
    let published = format::date(p.published);
    if p.late() {
        format!(
            "Опубликован {published} — на {} позже срока (срок — {}).",
            format::count(p.days_late, "день", "дня", "дней"),
            format::date(p.due)
        )
    } else {
        format!("Опубликован {published}, в срок.")
    }
}

/// The home page's line on the next report, on the as-of date: «Следующий отчёт — за март
/// 2025 г., до 2 апреля 2025 г.», or, past its due date, how long it is overdue.
pub fn next_report(n: &NextReport, as_of: chrono::NaiveDate) -> String {
    let month = for_month(n.period);
    if n.overdue_days == 0 {
        format!("Следующий отчёт — {month}, до {}", format::date(n.due))
    } else {
        format!(
            "Следующий отчёт — {month} — ожидался до {}: на {} он опаздывает на {}.",
            format::date(n.due),
            format::date(as_of),
            format::count(n.overdue_days, "день", "дня", "дней")
        )
    }
}

/// The annual report's count of the year's late reports: «Позже срока опубликован 1 отчёт из
/// 12: за июнь — на 7 дней.», or «Все 12 отчётов года опубликованы в срок.»
pub fn late_in_year(late: &[&Publication], reports: usize) -> String {
    let n = late.len() as u64;
    if n == 0 {
        return match reports {
            1 => "Отчёт года опубликован в срок.".to_string(),
            2 => "Оба отчёта года опубликованы в срок.".to_string(),
            r => format!(
                "Все {} года опубликованы в срок.",
                format::count(r as u64, "отчёт", "отчёта", "отчётов")
            ),
        };
    }
    let each: Vec<String> = late
        .iter()
        .map(|p| {
            format!(
                "за {} — на {}",
                format::MONTHS_NOMINATIVE[(p.period.month - 1) as usize],
                format::count(p.days_late, "день", "дня", "дней")
            )
        })
        .collect();
    format!(
        "Позже срока {} {} из {}: {}.",
        format::plural(n, "опубликован", "опубликованы", "опубликовано"),
        format::count(n, "отчёт", "отчёта", "отчётов"),
        format::int(reports as i64),
        each.join(", ")
    )
}

/// The notice of a correction: «Исправлено 15 апреля 2024 г.: число обращений по 59-ФЗ, в
/// первой редакции было 240». A text that itself begins with «Исправлено» (as DATA-FORMAT.md's
/// example does) loses that word, so the notice does not say it twice.
pub fn correction(date: chrono::NaiveDate, text: &str) -> String {
    let text = text.trim();
    let rest = ["Исправлено", "Исправлена", "Исправлены", "Исправлен"]
        .iter()
        .find_map(|w| text.strip_prefix(w))
        .filter(|r| r.starts_with([' ', ':']))
        .map(|r| r.trim_start_matches([' ', ':']).trim_start())
        .filter(|r| !r.is_empty())
        .unwrap_or(text);
    format!("Исправлено {}: {rest}", format::date(date))
}

/// The title of an answer to an information risk: what its page, a search result and the feed
/// show.
pub fn clarification_title(c: &crate::data::clarification::Clarification) -> String {
    format!("Разъяснение: {}", c.claim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::share::share;
    use crate::metrics::{AnnualRow, Parts};

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    /// `now` after `prev` in the month `period`.
    fn after(period: &str, now: u64, prev: u64) -> Before {
        Before::Reported(
            p(period),
            crate::metrics::share::growth(now, Some(prev)).unwrap(),
        )
    }

    fn detail(period: &str, total: u64, flags: Vec<ZeroFlag>) -> MonthDetail {
        MonthDetail {
            period: p(period),
            total,
            previous_total: None,
            total_growth: None,
            channels: vec![],
            themes: vec![],
            themes_total: 0,
            rating: vec![],
            satisfaction: None,
            zero_flags: flags,
        }
    }

    #[test]
    fn a_month_compared_with_the_month_before() {
        let d = detail("2025-03", 774, vec![]);
        assert_eq!(
            month_lead(&d, after("2025-02", 774, 1149)),
            "В марте 2025 г. поступило 774\u{A0}обращения и сообщения — на 375 меньше, чем в феврале."
        );
        assert_eq!(
            month_lead(&d, after("2025-02", 774, 700)),
            "В марте 2025 г. поступило 774\u{A0}обращения и сообщения — на 74 больше, чем в феврале."
        );
        assert_eq!(
            month_lead(&d, after("2025-02", 774, 774)),
            "В марте 2025 г. поступило 774\u{A0}обращения и сообщения — столько же, сколько в феврале."
        );
        let jan = detail("2025-01", 21, vec![]);
        assert_eq!(
            month_lead(&jan, after("2024-12", 21, 30)),
            "В январе 2025 г. поступило 21\u{A0}обращение и сообщение — на 9 меньше, чем в декабре 2024 г."
        );
    }

    #[test]
    fn a_month_after_a_missing_one_says_so_instead_of_comparing() {
        let d = detail("2024-08", 1005, vec![]);
        assert_eq!(
            month_lead(&d, Before::Missing(p("2024-07"))),
            "В августе 2024 г. поступило 1\u{202F}005\u{A0}обращений и сообщений; за июль 2024 г. отчёта нет — сравнить не с чем."
        );
        assert_eq!(
            month_lead(&d, Before::First),
            "В августе 2024 г. поступило 1\u{202F}005\u{A0}обращений и сообщений."
        );
        assert_eq!(
            Before::of(p("2024-08"), None, true),
            Before::Missing(p("2024-07"))
        );
        assert_eq!(Before::of(p("2024-08"), None, false), Before::First);
        assert_eq!(
            Before::of(
                p("2024-08"),
                crate::metrics::share::growth(8, Some(5)),
                true
            ),
            after("2024-07", 8, 5)
        );
    }

    #[test]
    fn a_month_with_nothing_received_and_a_suspicious_zero() {
        let zero = detail("2024-03", 0, vec![]);
        assert_eq!(
            month_lead(&zero, after("2024-02", 0, 100)),
            "В марте 2024 г. не поступило ни одного обращения — на 100 меньше, чем в феврале."
        );
        let flag = ZeroFlag {
            channel: Channel::Hotline,
            previous: p("2024-08"),
            previous_total: 25,
            confirmed: false,
        };
        let sep = detail("2024-09", 543, vec![flag]);
        assert_eq!(
            month_lead(&sep, after("2024-08", 543, 583)),
            "В сентябре 2024 г. поступило 543\u{A0}обращения и сообщения — на 40 меньше, чем в августе; горячие линии: ни одного (в августе — 25)."
        );
        assert_eq!(
            zero_flag(&flag, p("2024-09")),
            "Горячие линии: 0 — данных нет или обращений не было? В августе было 25, поэтому в строках этого канала прирост −100\u{202F}%."
        );
        let after_gap = ZeroFlag {
            channel: Channel::Pos,
            previous: p("2024-06"),
            previous_total: 1,
            confirmed: false,
        };
        assert_eq!(
            zero_flag(&after_gap, p("2024-08")),
            "ПОС: 0 — данных нет или обращений не было? В июне было 1."
        );
    }

    fn row(plan: Option<i64>, num: u64, den: u64) -> AnnualRow {
        let achieved = share(num, den);
        AnnualRow {
            def: &crate::domain::TARGETS[0],
            plan,
            achieved,
            parts: Parts { num, den },
            deviation: crate::metrics::deviation(achieved, plan),
            reason: None,
        }
    }

    fn form(rows: Vec<AnnualRow>, months: &[&str], missing: &[&str]) -> AnnualForm {
        let months: Vec<Period> = months.iter().map(|m| p(m)).collect();
        AnnualForm {
            year: 2024,
            last: *months.last().unwrap(),
            months,
            missing: missing.iter().map(|m| p(m)).collect(),
            rows,
        }
    }

    fn year_months(except: &[u32]) -> Vec<String> {
        (1..=12)
            .filter(|m| !except.contains(m))
            .map(|m| format!("2024-{m:02}"))
            .collect()
    }

    #[test]
    fn a_year_counts_targets_met_and_names_its_missing_months() {
        let all = year_months(&[]);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let rows = || {
            vec![
                row(Some(500), 60, 100),
                row(Some(500), 50, 100),
                row(Some(500), 40, 100),
                row(Some(500), 0, 0),
                row(None, 1, 2),
            ]
        };
        assert_eq!(
            year_lead(&form(rows(), &all, &[])),
            "Выполнено 2 из 4\u{A0}целевых показателей, для которых задан план; ниже плана — 1; нет данных — 1."
        );
        let eleven = year_months(&[7]);
        let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
        assert_eq!(
            year_lead(&form(vec![row(Some(500), 60, 100)], &eleven, &["2024-07"])),
            "Выполнено 1 из 1\u{A0}целевого показателя. Итоги — по 11\u{A0}отчётам: за июль отчёта нет."
        );
        let ten = year_months(&[7, 8]);
        let ten: Vec<&str> = ten.iter().map(String::as_str).collect();
        assert_eq!(
            year_lead(&form(vec![], &ten, &["2024-07", "2024-08"])),
            "Плановые значения на 2024 год не заданы. Итоги — по 10\u{A0}отчётам: за июль и август отчётов нет."
        );
        assert_eq!(
            year_lead(&form(
                vec![row(Some(500), 40, 100)],
                &["2024-01", "2024-02"],
                &[]
            )),
            "С начала года выполняется 0 из 1\u{A0}целевого показателя; ниже плана — 1. Итоги — по 2\u{A0}отчётам (январь 2024 — февраль 2024)."
        );
    }

    #[test]
    fn an_indicator_in_words() {
        assert_eq!(
            indicator_lead(p("2024-09"), 0, after("2024-08", 0, 25)),
            "В сентябре 2024 г. — 0, на 25 меньше, чем в августе (−100,0\u{202F}%)."
        );
        assert_eq!(
            indicator_lead(p("2024-09"), 30, after("2024-08", 30, 0)),
            "В сентябре 2024 г. — 30, на 30 больше, чем в августе."
        );
        assert_eq!(
            indicator_lead(p("2024-09"), 7, after("2024-08", 7, 7)),
            "В сентябре 2024 г. — 7, столько же, сколько в августе."
        );
        assert_eq!(
            indicator_lead(p("2024-08"), 120, Before::Missing(p("2024-07"))),
            "В августе 2024 г. — 120; за июль 2024 г. отчёта нет — сравнить не с чем."
        );
        assert_eq!(
            indicator_lead(p("2024-01"), 1234, Before::First),
            "В январе 2024 г. — 1\u{202F}234."
        );
    }

    #[test]
    fn a_target_in_words() {
        assert_eq!(
            target_lead(p("2024-09"), Some(689), Some(701), Some(700)),
            "В сентябре 2024 г. — 68,9\u{202F}%; с начала года — 70,1\u{202F}% при плане 70,0\u{202F}%: план достигнут."
        );
        assert_eq!(
            target_lead(p("2024-09"), None, Some(0), Some(50)),
            "В сентябре 2024 г. — нет данных; с начала года — 0,0\u{202F}% при плане 5,0\u{202F}%: ниже плана."
        );
        assert_eq!(
            target_lead(p("2024-09"), Some(10), None, None),
            "В сентябре 2024 г. — 1,0\u{202F}%; с начала года — нет данных, план на 2024 год не задан."
        );
    }

    #[test]
    fn a_road_map_in_words() {
        let p = Progress {
            done: 3,
            done_late: 1,
            in_progress: 0,
            overdue: 1,
            cancelled: 0,
            total: 4,
        };
        assert_eq!(
            roadmap_lead(&Progress { total: 5, ..p }),
            "Выполнено 3 из 5\u{A0}мероприятий, 1 просрочено, 1 выполнено с опозданием."
        );
        assert_eq!(
            roadmap_lead(&Progress {
                done: 0,
                done_late: 0,
                overdue: 0,
                cancelled: 1,
                total: 2,
                in_progress: 0
            }),
            "Выполнено 0 из 1\u{A0}мероприятия, 1 отменено."
        );
        assert_eq!(roadmap_lead(&Progress::default()), "Мероприятий пока нет.");
        assert_eq!(
            roadmap_lead(&Progress {
                cancelled: 2,
                total: 2,
                ..Progress::default()
            }),
            "Все мероприятия отменены."
        );
        assert_eq!(done_late(10), "выполнено с опозданием на 10\u{A0}дней");
        assert_eq!(done_late(1), "выполнено с опозданием на 1\u{A0}день");
        assert_eq!(done_late(22), "выполнено с опозданием на 22\u{A0}дня");
    }

    #[test]
    fn totals_agree_with_their_noun() {
        assert_eq!(appeals(932), "932\u{A0}обращения и сообщения");
        assert_eq!(appeals(911), "911\u{A0}обращений и сообщений");
        assert_eq!(appeals(1), "1\u{A0}обращение и сообщение");
        assert_eq!(no_report(p("2024-07")), "Отчёта за июль 2024 г. нет");
    }

    fn published(period: &str, on: &str) -> Publication {
        let due = crate::metrics::publication::due_date(p(period), 2);
        let published: chrono::NaiveDate = on.parse().unwrap();
        Publication {
            period: p(period),
            published,
            due,
            days_late: crate::metrics::publication::days_late(published, due),
        }
    }

    #[test]
    fn a_report_is_published_on_time_or_so_many_days_late() {
        let late = published("2025-06", "2025-07-09");
        assert_eq!(lateness(&late), "опубликован на 7\u{A0}дней позже срока");
        assert_eq!(
            publication(&late),
            "Опубликован 9 июля 2025 г. — на 7\u{A0}дней позже срока (срок — 2 июля 2025 г.)."
        );
        let on_time = published("2025-06", "2025-07-02");
        assert_eq!(lateness(&on_time), "опубликован в срок");
        assert_eq!(publication(&on_time), "Опубликован 2 июля 2025 г., в срок.");
        assert_eq!(
            lateness(&published("2024-12", "2025-01-03")),
            "опубликован на 1\u{A0}день позже срока"
        );
        assert_eq!(
            lateness(&published("2024-12", "2025-01-04")),
            "опубликован на 2\u{A0}дня позже срока"
        );
        assert_eq!(
            lateness(&published("2024-12", "2025-01-23")),
            "опубликован на 21\u{A0}день позже срока"
        );
    }

    #[test]
    fn the_next_report_is_named_with_its_due_date_or_how_late_it_is() {
        use crate::metrics::publication::next_report as next;
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(
            next_report(&next(p("2025-02"), 2, d("2025-03-02")), d("2025-03-02")),
            "Следующий отчёт — за март 2025 г., до 2 апреля 2025 г."
        );
        assert_eq!(
            next_report(&next(p("2024-11"), 2, d("2024-12-02")), d("2024-12-02")),
            "Следующий отчёт — за декабрь 2024 г., до 2 января 2025 г."
        );
        assert_eq!(
            next_report(&next(p("2025-02"), 2, d("2025-04-05")), d("2025-04-05")),
            "Следующий отчёт — за март 2025 г. — ожидался до 2 апреля 2025 г.: на 5 апреля 2025 г. он опаздывает на 3\u{A0}дня."
        );
    }

    #[test]
    fn the_year_counts_its_late_reports_in_agreement() {
        let jun = published("2025-06", "2025-07-09");
        let dec = published("2025-12", "2026-01-03");
        let mar = published("2025-03", "2025-04-04");
        assert_eq!(
            late_in_year(&[&jun], 12),
            "Позже срока опубликован 1\u{A0}отчёт из 12: за июнь — на 7\u{A0}дней."
        );
        assert_eq!(
            late_in_year(&[&mar, &jun], 9),
            "Позже срока опубликованы 2\u{A0}отчёта из 9: за март — на 2\u{A0}дня, за июнь — на 7\u{A0}дней."
        );
        assert_eq!(
            late_in_year(&[&mar, &jun, &dec, &mar, &jun], 12),
            "Позже срока опубликовано 5\u{A0}отчётов из 12: за март — на 2\u{A0}дня, за июнь — на 7\u{A0}дней, за декабрь — на 1\u{A0}день, за март — на 2\u{A0}дня, за июнь — на 7\u{A0}дней."
        );
        assert_eq!(late_in_year(&[], 1), "Отчёт года опубликован в срок.");
        assert_eq!(late_in_year(&[], 2), "Оба отчёта года опубликованы в срок.");
        assert_eq!(
            late_in_year(&[], 12),
            "Все 12\u{A0}отчётов года опубликованы в срок."
        );
    }

    #[test]
    fn a_correction_notice_says_corrected_once() {
        let d: chrono::NaiveDate = "2024-04-15".parse().unwrap();
        assert_eq!(
            correction(
                d,
                "Исправлено число обращений по 59-ФЗ: в первой редакции было 240"
            ),
            "Исправлено 15 апреля 2024 г.: число обращений по 59-ФЗ: в первой редакции было 240"
        );
        assert_eq!(
            correction(d, "Число обращений на горячие линии — 107, а не 119"),
            "Исправлено 15 апреля 2024 г.: Число обращений на горячие линии — 107, а не 119"
        );
        assert_eq!(
            correction(d, "Исправлена опечатка в названии темы"),
            "Исправлено 15 апреля 2024 г.: опечатка в названии темы"
        );
        // Only a whole word: «Исправленное» is kept.
        assert_eq!(
            correction(d, "Исправленное значение — 12"),
            "Исправлено 15 апреля 2024 г.: Исправленное значение — 12"
        );
    }
}
