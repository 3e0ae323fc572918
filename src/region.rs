//! What a region's site adds to the pass ([`crate::site`]), which runs the single site's stages for
//! each municipality and then the region's own: the rules across its municipalities, checked in
//! the validate stage once each municipality is valid on its own.
//!
//! - **lagging** — a municipality behind the region's latest month;
//! - **totals** — the region's published totals against the sum of its municipalities' reports.
//!
//! The region's figures are [`crate::metrics::region`]'s, its pages [`crate::render::region`]'s,
//! its files [`crate::output::region`]'s. Nothing here calls back into the pass.

use crate::data::region::Region;
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::metrics::region as rm;
use crate::t;

/// The region's rules over its validated municipalities: a municipality behind the region's
/// latest month (the latest any municipality reported), and the region's published totals
/// against the sum of its municipalities' reports of that month.
pub fn check(region: &Region, d: &mut Diagnostics) {
    let Some(latest) = region
        .municipalities
        .iter()
        .filter_map(|m| m.ds.reports.last())
        .map(|r| r.period)
        .max()
    else {
        return;
    };
    for m in &region.municipalities {
        let Some(last) = m.ds.reports.last() else {
            continue;
        };
        if last.period >= latest {
            continue;
        }
        let (id, name, period) = (&m.id, &m.ds.site.municipality, last.period);
        let behind = latest.index() - period.index();
        let mw = crate::format::plural(behind.unsigned_abs(), "месяц", "месяца", "месяцев");
        d.push(
            Diagnostic::warning(
                codes::MUNICIPALITY_LAGGING,
                t!(
                    "муниципалитет `{id}` ({name}) отчитался по {period}, а последний месяц региона — {latest}: отставание {behind} {mw}",
                    "the municipality `{id}` ({name}) has reported up to {period}, and the region's latest month is {latest}"
                ),
            )
            .at(
                last.period_span,
                t!("последний отчёт муниципалитета", "the municipality's latest report"),
            )
            .help(t!(
                "добавьте отчёт за {latest} в {}/reports/; до тех пор регион показывает муниципалитет как не отчитавшийся",
                "add the report for {latest} to {}/reports/; until then the region shows the municipality as not reported",
                m.folder
            )),
        );
    }
    for r in &region.reports {
        let months = region.municipalities.iter().filter_map(|m| {
            let report = m.ds.reports.iter().find(|x| x.period == r.period)?;
            Some(crate::metrics::month_values(report, &m.ds.decisions))
        });
        let channels = r.channels.map(|c| c.map(|(v, _)| v));
        let (total, by_channel) = rm::total_differences(months, r.total.map(|(v, _)| v), channels);
        let period = r.period;
        if let (Some((given, sum)), Some((_, span))) = (total, r.total) {
            d.push(differs(
                span,
                t!(
                    "итог региона за {period} — {given}, а отчёты муниципалитетов в сумме дают {sum}",
                    "the region's total for {period} is {given}, and its municipalities' reports add up to {sum}"
                ),
            ));
        }
        for (c, given, sum) in by_channel {
            let Some((_, span)) = r.channels[c.index()] else {
                continue;
            };
            let key = c.key();
            d.push(differs(
                span,
                t!(
                    "итог региона за {period} по каналу `{key}` — {given}, а отчёты муниципалитетов в сумме дают {sum}",
                    "the region's total for {period} on channel `{key}` is {given}, and its municipalities' reports add up to {sum}"
                ),
            ));
        }
    }
}

fn differs(span: crate::source::Span, message: crate::diag::Text) -> Diagnostic {
    Diagnostic::warning(codes::REGION_TOTAL_DIFFERS, message)
        .at(
            span,
            t!("итог, опубликованный регионом", "the total the region publishes"),
        )
        .help(t!(
            "сверьте итог с отчётами муниципалитетов: опечатка в итоге или отчёт муниципалитета не тот",
            "check the total against the municipalities' reports: a typo in the total, or a municipality's report is not the one sent"
        ))
}
