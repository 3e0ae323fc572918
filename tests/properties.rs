//! Properties of the loaders over generated input (proptest): whatever text a file holds, the
//! YAML tree and the readers built on it answer with values or diagnostics, never a panic; every
//! span they produce lies inside the text; and printing any diagnostic never panics.

use proptest::prelude::*;
use std::path::Path;
use vitrina::diag::{Diagnostics, Lang, Location, Style, machine};
use vitrina::source::{Sources, Span};
use vitrina::yaml::{self, Node, Value};

/// Text built from the pieces YAML is made of, Cyrillic, a BOM and odd whitespace included, so
/// that generated files reach deep into the parser rather than failing on the first byte.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("  ".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("---\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!str ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(", ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("# ".to_string()),
        Just("|\n".to_string()),
        Just("? ".to_string()),
        "[a-z_]{1,8}",
        "[а-яё]{1,6}",
        "[0-9]{1,25}",
        "-?[0-9]{1,3}[.,][0-9]{1,2}",
        "20[0-9]{2}-[0-9]{2}(-[0-9]{2})?",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Every span of the tree, keys included.
fn spans(node: &Node, out: &mut Vec<Span>) {
    out.push(node.span);
    match &node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter().for_each(|n| spans(n, out)),
        Value::Map(entries) => {
            for e in entries {
                spans(&e.key, out);
                spans(&e.value, out);
            }
        }
    }
}

fn sources_with(text: &str) -> Sources {
    let mut sources = Sources::new();
    sources.add(
        Path::new("/site"),
        Path::new("/site/data/reports/2024-03.yaml"),
        text.to_string(),
    );
    sources
}

/// Prints every diagnostic in every form, and checks that each span lies in its file.
fn print_all(d: &Diagnostics, sources: &Sources) -> Result<(), TestCaseError> {
    for lang in [Lang::Ru, Lang::En] {
        let _ = d.render(sources, &Style::plain(lang));
        let _ = machine::json(d, sources, lang);
        let _ = machine::github(d, sources, None, lang);
    }
    for diag in d.iter() {
        if let Location::Span(s) = diag.location {
            let len = sources.get(s.file).text.len();
            prop_assert!(s.start <= len, "{} starts past the end", diag.code);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_yaml_tree_never_panics_and_keeps_every_span_inside_the_text(text in yamlish()) {
        let sources = sources_with(&text);
        let file = vitrina::source::FileId(0);
        let mut d = Diagnostics::new();
        if let Some(node) = yaml::parse(&text, file, 0, &mut d) {
            let mut all = Vec::new();
            spans(&node, &mut all);
            for s in all {
                prop_assert!(s.start <= s.end && s.end <= text.len(), "{s:?} outside {} bytes", text.len());
            }
        }
        print_all(&d, &sources)?;
    }

    #[test]
    fn a_front_matter_offset_shifts_every_span_by_exactly_that_much(text in yamlish(), pad in 0usize..40) {
        let padded = format!("{}{text}", "x".repeat(pad));
        let file = vitrina::source::FileId(0);
        let (mut d0, mut d1) = (Diagnostics::new(), Diagnostics::new());
        let (a, b) = (yaml::parse(&text, file, 0, &mut d0), yaml::parse(&padded[pad..], file, pad, &mut d1));
        prop_assert_eq!(a.is_some(), b.is_some());
        if let (Some(a), Some(b)) = (a, b) {
            let (mut sa, mut sb) = (Vec::new(), Vec::new());
            spans(&a, &mut sa);
            spans(&b, &mut sb);
            let shifted: Vec<Span> = sa.iter().map(|s| Span::new(s.file, s.start + pad, s.end + pad)).collect();
            prop_assert_eq!(shifted, sb);
        }
    }

    #[test]
    fn every_reader_answers_any_tree_with_values_or_diagnostics(text in yamlish()) {
        let sources = sources_with(&text);
        let file = vitrina::source::FileId(0);
        let mut d = Diagnostics::new();
        if let Some(node) = yaml::parse(&text, file, 0, &mut d) {
            let _ = vitrina::data::report::read_report(&node, file, &mut d);
            let _ = vitrina::data::decision::read_decision(&node, &mut d);
            let _ = vitrina::data::decision::read_roadmap(&node, &mut d);
            let _ = vitrina::data::site::read_site(&node, &mut d);
            let _ = vitrina::data::targets::read_targets(&node, &mut d);
        }
        print_all(&d, &sources)?;
    }

    #[test]
    fn a_report_with_any_values_in_its_places_is_read_or_refused_with_positions(
        values in prop::collection::vec(prop_oneof![
            "[0-9]{1,22}", "-[0-9]{1,4}", "[0-9]{1,3},[0-9]", "[а-я ]{0,5}", Just("".to_string()),
            Just("~".to_string()), Just("[1, 2]".to_string()), Just("{a: 1}".to_string()),
        ], 12)
    ) {
        let v = |i: usize| values[i].clone();
        let text = format!(
            "period: 2024-03\npublished: 2024-04-0{}\nchannels:\n  pos: {{total: {}, fast_track: {}, roadmap: {}, info_systems: {}, auto_control: {}}}\n  appeals: {{total: {}, fast_track: {}}}\n  hotline: {{total: {}, fast_track: {}}}\nthemes:\n  - {{theme: \"Дороги\", received: {}, repeated: {}}}\n",
            (v(0).len() % 9) + 1, v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9), v(10), v(11)
        );
        let sources = sources_with(&text);
        let file = vitrina::source::FileId(0);
        let mut d = Diagnostics::new();
        if let Some(node) = yaml::parse(&text, file, 0, &mut d) {
            let report = vitrina::data::report::read_report(&node, file, &mut d);
            prop_assert!(report.is_some() || d.has_errors(), "a report refused without a word");
        }
        for diag in d.iter() {
            prop_assert!(matches!(diag.location, Location::Span(_) | Location::File(_)), "{} has no position", diag.code);
        }
        print_all(&d, &sources)?;
    }

    #[test]
    fn clamped_spans_always_slice_the_text(text in "\\PC{0,40}", start in 0usize..200, len in 0usize..20) {
        let sources = sources_with(&text);
        let s = sources.clamp(Span::new(vitrina::source::FileId(0), start, start + len));
        prop_assert!(s.start <= s.end && s.end <= text.len());
        prop_assert!(text.get(s.start..s.end).is_some());
    }
}
