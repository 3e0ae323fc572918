//! The publisher's guide (`docs/rukovodstvo.md`) against the program: every field of the form it
//! lists is the official one, and every mistake it lists gets, from `vitrina check`, exactly the
//! message and the help the guide quotes.

mod common;

use common::TestSite;
use vitrina::domain::{INDICATORS, Source};

fn guide() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rukovodstvo.md")).unwrap()
}

/// The key of the report file that holds an indicator, as the guide's table names it.
fn key(source: Source) -> String {
    match source {
        Source::Treated(t, c) => format!("`channels.{}.{}`", c.key(), t.key()),
        Source::Received(c) => format!("`channels.{}.total`", c.key()),
        Source::RecipientsInforming => "`recipients.informing`".into(),
        Source::RecipientsTotal => "`recipients.total`".into(),
        Source::DecisionsAdopted | Source::DecisionsInformed => {
            "— (считается по `data/decisions/`)".into()
        }
    }
}

#[test]
fn the_guide_lists_every_indicator_with_its_key_and_official_wording() {
    let guide = guide();
    for def in &INDICATORS {
        let row = format!("| {} | {} | {} |", def.number, key(def.source), def.name);
        assert!(guide.contains(&row), "the guide lacks the row {row}");
    }
}

/// How to make each mistake the guide lists on the small fixture.
struct Mistake {
    code: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// Run `check --strict`: the mistake is a warning, which CI refuses.
    strict: bool,
}

const REPORT: &str = "data/reports/2024-02.yaml";

const MISTAKES: &[Mistake] = &[
    Mistake {
        code: "missing-value",
        file: REPORT,
        from: "appeals: {total: 100,",
        to: "appeals: {total: ,",
        strict: false,
    },
    Mistake {
        code: "unknown-key",
        file: REPORT,
        from: "appeals: {total: 100, fast_track: 45",
        to: "appeals: {total: 100, fasttrack: 45",
        strict: false,
    },
    Mistake {
        code: "part-over-total",
        file: REPORT,
        from: "appeals: {total: 100, fast_track: 45",
        to: "appeals: {total: 100, fast_track: 320",
        strict: false,
    },
    Mistake {
        code: "count-invalid",
        file: REPORT,
        from: "pos:     {total: 300,",
        to: "pos:     {total: 1 300,",
        strict: false,
    },
    Mistake {
        code: "date-format",
        file: REPORT,
        from: "published: 2024-03-04",
        to: "published: 04.03.2024",
        strict: false,
    },
    Mistake {
        code: "date-invalid",
        file: REPORT,
        from: "published: 2024-03-04",
        to: "published: 2024-04-31",
        strict: false,
    },
    Mistake {
        code: "period-mismatch",
        file: REPORT,
        from: "period: 2024-02",
        to: "period: 2024-03",
        strict: false,
    },
    Mistake {
        code: "duplicate-key",
        file: REPORT,
        from: "published: 2024-03-04\n",
        to: "published: 2024-03-04\npublished: 2024-03-05\n",
        strict: false,
    },
    Mistake {
        code: "yaml-syntax",
        file: REPORT,
        from: "  pos:     {total: 300,",
        to: "\tpos:     {total: 300,",
        strict: false,
    },
    Mistake {
        code: "done-not-informed",
        file: "data/decisions/2024.yaml",
        from: "  status: planned",
        to: "  status: done",
        strict: true,
    },
];

/// The guide's mistakes: each section's code and the lines of its ```text block.
fn listed() -> Vec<(String, Vec<String>)> {
    let guide = guide();
    let part = guide
        .split_once("## Десять частых ошибок")
        .expect("the guide has its list of mistakes")
        .1;
    let mut out = Vec::new();
    for section in part.split("\n### ").skip(1) {
        let heading = section.lines().next().unwrap();
        let code = heading
            .rsplit_once("(`")
            .and_then(|(_, c)| c.strip_suffix("`)"))
            .unwrap_or_else(|| panic!("no (`code`) at the end of the heading {heading:?}"));
        let block = section
            .split_once("```text\n")
            .and_then(|(_, b)| b.split_once("```"))
            .unwrap_or_else(|| panic!("{code}: no ```text block"))
            .0;
        out.push((
            code.to_string(),
            block.lines().map(str::to_string).collect(),
        ));
    }
    out
}

#[test]
fn every_mistake_the_guide_lists_gets_the_message_and_help_it_quotes() {
    let listed = listed();
    assert_eq!(listed.len(), 10, "the guide lists ten mistakes");
    for (code, lines) in &listed {
        let m = MISTAKES
            .iter()
            .find(|m| m.code == code)
            .unwrap_or_else(|| panic!("the test has no way to make the mistake {code}"));
        let site = TestSite::copy("small");
        site.edit(m.file, m.from, m.to);
        let mut args = vec!["check"];
        if m.strict {
            args.push("--strict");
        }
        let run = site.run(&args);
        assert_eq!(run.code, 1, "{code}: check must fail\n{}", run.stderr);
        let printed: Vec<&str> = run
            .stderr
            .lines()
            .map(|l| l.trim_start_matches([' ', '=', '|']).trim())
            .collect();
        assert!(
            lines.iter().any(|l| l.starts_with("подсказка: ")),
            "{code}: the guide quotes no help line"
        );
        for line in lines {
            assert!(
                printed.contains(&line.trim()),
                "{code}: check does not print the guide's line {line:?}:\n{}",
                run.stderr
            );
        }
    }
}
