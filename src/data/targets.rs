//! `data/targets.yaml`: the plan value of each target for each year, and the publisher's reasons
//! for falling short.

use super::decode::{self, fields};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun, suggest};
use crate::domain::{TargetId, target_keys};
use crate::source::Span;
use crate::t;
use crate::yaml::{Node, Value};
use std::collections::BTreeMap;

/// A plan value in tenths of a percent, with where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub tenths: i64,
    pub span: Span,
}

/// `data/targets.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub plans: BTreeMap<i32, BTreeMap<TargetId, Plan>>,
    pub deviation_reasons: BTreeMap<i32, BTreeMap<TargetId, String>>,
}

impl Targets {
    pub fn plan(&self, year: i32, id: TargetId) -> Option<Plan> {
        self.plans.get(&year)?.get(&id).copied()
    }

    pub fn reason(&self, year: i32, id: TargetId) -> Option<&str> {
        self.deviation_reasons
            .get(&year)?
            .get(&id)
            .map(String::as_str)
    }
}

/// Reads `targets.yaml`.
pub fn read_targets(node: &Node, d: &mut Diagnostics) -> Option<Targets> {
    let f = fields(
        node,
        Noun::new("целевые показатели", "targets"),
        &["plans", "deviation_reasons"],
        d,
    )?;
    let mut targets = Targets::default();
    if let Some(plans) = f.optional("plans") {
        for_each_year_target(plans, d, |year, id, value, d| {
            if let Some(t) = decode::tenths(
                value,
                0,
                100,
                Noun::new("плановое значение в процентах", "a plan value in percent"),
                d,
            ) {
                targets.plans.entry(year).or_default().insert(
                    id,
                    Plan {
                        tenths: t,
                        span: value.span,
                    },
                );
            }
        });
    }
    if let Some(reasons) = f.optional("deviation_reasons") {
        for_each_year_target(reasons, d, |year, id, value, d| {
            if let Some(t) = decode::text(value, d) {
                targets
                    .deviation_reasons
                    .entry(year)
                    .or_default()
                    .insert(id, t);
            }
        });
    }
    Some(targets)
}

/// Walks `{year: {target: value}}`, reporting bad years and unknown targets.
/// The error for a key that is none of the 7 targets, with the likeliest one or the list.
fn unknown_target(key: &str, span: crate::source::Span) -> Diagnostic {
    let keys = target_keys();
    let shown = super::decode::shorten(key);
    let diag = Diagnostic::error(
        codes::UNKNOWN_TARGET,
        t!(
            "неизвестный целевой показатель `{shown}`",
            "unknown target `{shown}`"
        ),
    )
    .at(
        span,
        t!(
            "такого нет среди 7 целевых показателей",
            "not one of the 7 targets"
        ),
    );
    match suggest(key, &keys) {
        Some(s) => diag.help(t!(
            "Возможно, вы имели в виду `{s}`?",
            "did you mean `{s}`?"
        )),
        None => {
            let list_ru = keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let list_en = keys.join(", ");
            diag.help(t!(
                "целевые показатели: {list_ru}",
                "the targets are: {list_en}"
            ))
        }
    }
}

fn for_each_year_target(
    node: &Node,
    d: &mut Diagnostics,
    mut each: impl FnMut(i32, TargetId, &Node, &mut Diagnostics),
) {
    let Value::Map(years) = &node.value else {
        d.push(decode::expected(
            node,
            t!(
                "набор пар по годам, например `2024: {{fast_track: 90}}`",
                "a mapping of years, such as `2024: {{fast_track: 90}}`"
            ),
        ));
        return;
    };
    for y in years {
        let year = y
            .key
            .scalar()
            .and_then(|t| (t.len() == 4).then(|| t.parse::<i32>().ok()).flatten());
        let Some(year) = year else {
            d.push(
                decode::expected(&y.key, t!("год, например 2024", "a year such as 2024"))
                    .with_code(codes::YEAR),
            );
            continue;
        };
        let Value::Map(entries) = &y.value.value else {
            d.push(decode::expected(
                &y.value,
                t!(
                    "набор пар по целевым показателям, например `{{fast_track: 90}}`",
                    "a mapping of targets, such as `{{fast_track: 90}}`"
                ),
            ));
            continue;
        };
        for e in entries {
            let key = e.key.scalar().unwrap_or_default();
            match TargetId::from_key(key) {
                Some(id) => each(year, id, &e.value, d),
                None => d.push(unknown_target(key, e.key.span)),
            }
        }
    }
}
