//! Tera filters that print numbers, dates and plural forms the Russian way (see [`crate::format`]).
//! Every filter prints a dash for a missing value (`null`), so that "no data" needs no `if` in
//! the templates and never shows as 0.

use crate::format;
use std::collections::HashMap;
use tera::{Result, Tera, Value};

/// The dash printed for "no data".
pub const DASH: &str = "—";

/// Registers every filter.
pub fn register(tera: &mut Tera) {
    tera.register_filter("int", |v: &Value, _: &HashMap<String, Value>| {
        int_filter(v, format::int)
    });
    tera.register_filter("signed", |v: &Value, _: &HashMap<String, Value>| {
        int_filter(v, format::signed_int)
    });
    tera.register_filter("tenths", |v: &Value, _: &HashMap<String, Value>| {
        int_filter(v, format::tenths)
    });
    tera.register_filter("pct", |v: &Value, _: &HashMap<String, Value>| {
        int_filter(v, format::percent)
    });
    tera.register_filter("signed_pct", |v: &Value, _: &HashMap<String, Value>| {
        int_filter(v, |t| {
            format!("{}{}%", format::signed_tenths(t), format::NNBSP)
        })
    });
    tera.register_filter("pp", |v: &Value, _: &HashMap<String, Value>| {
        int_filter(v, |t| {
            format!(
                "{}{}п.{}п.",
                format::signed_tenths(t),
                format::NNBSP,
                format::NNBSP
            )
        })
    });
    tera.register_filter("date", |v: &Value, _: &HashMap<String, Value>| {
        str_filter(v, |s| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(format::date)
        })
    });
    tera.register_filter("month", |v: &Value, _: &HashMap<String, Value>| {
        str_filter(v, |s| {
            crate::period::Period::parse(s).map(|p| format::month(p.year, p.month))
        })
    });
    tera.register_filter("month_title", |v: &Value, _: &HashMap<String, Value>| {
        str_filter(v, |s| {
            crate::period::Period::parse(s).map(|p| format::month_title(p.year, p.month))
        })
    });
    tera.register_filter("plural", plural_filter);
    // Instead of Tera's `lower`, which lower-cases acronyms too («через пос»).
    tera.register_filter("lower_first", |v: &Value, _: &HashMap<String, Value>| {
        str_filter(v, |s| Some(format::lower_first(s)))
    });
}

fn int_filter(v: &Value, f: impl Fn(i64) -> String) -> Result<Value> {
    match v {
        Value::Null => Ok(Value::String(DASH.into())),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Ok(Value::String(f(i))),
            None => Err(tera::Error::msg(format!(
                "expected a whole number, got {n}"
            ))),
        },
        other => Err(tera::Error::msg(format!("expected a number, got {other}"))),
    }
}

fn str_filter(v: &Value, f: impl Fn(&str) -> Option<String>) -> Result<Value> {
    match v {
        Value::Null => Ok(Value::String(DASH.into())),
        Value::String(s) => f(s)
            .map(Value::String)
            .ok_or_else(|| tera::Error::msg(format!("cannot read `{s}` as a date or month"))),
        other => Err(tera::Error::msg(format!("expected a date, got {other}"))),
    }
}

/// `{{ n | plural(one="решение", few="решения", many="решений") }}` → `3 решения`.
fn plural_filter(v: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let n = v
        .as_u64()
        .ok_or_else(|| tera::Error::msg("plural needs a whole number"))?;
    let word = |k: &str| {
        args.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(format!("plural needs `{k}=`")))
    };
    Ok(Value::String(format::count(
        n,
        word("one")?,
        word("few")?,
        word("many")?,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Context;

    fn render(template: &str, ctx: serde_json::Value) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.render_str(template, &Context::from_value(ctx).unwrap())
            .unwrap()
    }

    #[test]
    fn missing_values_print_a_dash() {
        assert_eq!(
            render(
                "{{ x | pct }}|{{ x | int }}",
                serde_json::json!({"x": null})
            ),
            "—|—"
        );
    }

    #[test]
    fn numbers_and_dates_print_in_russian() {
        let out = render(
            "{{ a | int }}|{{ b | pct }}|{{ c | signed }}|{{ d | date }}|{{ e | month }}|{{ f | plural(one='решение', few='решения', many='решений') }}",
            serde_json::json!({"a": 1234, "b": 673, "c": -5, "d": "2024-04-02", "e": "2024-03", "f": 3}),
        );
        assert_eq!(
            out,
            "1\u{202F}234|67,3\u{202F}%|\u{2212}5|2 апреля 2024 г.|март 2024|3\u{A0}решения"
        );
    }
}
