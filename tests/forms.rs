//! The official forms of the small fixture against a hand computation from its YAML, and golden
//! snapshots of the two form pages (charts left out: they have tests of their own).

mod common;

use common::{TestSite, without_charts};
use std::sync::OnceLock;

/// The fixture built once for all tests here.
fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::copy("small");
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

/// The text of each cell of each body row of the first `<table class="form">`.
fn form_rows(html: &str) -> Vec<Vec<String>> {
    let start = html.find("<table class=\"form").expect("a form table");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody").unwrap()..];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<t")
                .skip(1)
                .filter(|c| c.starts_with('d') || c.starts_with('h'))
                .map(|c| text_of(&c[c.find('>').unwrap() + 1..]))
                .collect()
        })
        .collect()
}

fn text_of(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in fragment.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace('\u{202F}', " ")
        .replace('\u{2212}', "-")
        .trim()
        .to_string()
}

#[test]
fn monthly_form_matches_a_hand_computation() {
    let html = built().read("public/reports/2024-02/index.html");
    let rows = form_rows(&html);
    assert_eq!(rows.len(), 28, "28 indicators");
    // № · value · growth in units · growth in % · year to date (January + February 2024).
    let expect: &[(usize, &str, &str, &str, &str)] = &[
        (1, "45", "+5", "+12,5 %", "85"),
        (2, "240", "+64", "+36,4 %", "416"),
        (3, "0", "-5", "-100,0 %", "5"),
        (4, "25", "+5", "+25,0 %", "45"),
        (8, "0", "0", "—", "0"),
        (9, "21", "-1", "-4,5 %", "21"),
        (10, "42", "+2", "+5,0 %", "42"),
        (11, "1", "-1", "-50,0 %", "3"),
        (12, "0", "-1", "-100,0 %", "1"),
        (13, "20", "+4", "+25,0 %", "36"),
        (25, "100", "+20", "+25,0 %", "180"),
        (26, "300", "+80", "+36,4 %", "520"),
        (27, "0", "-10", "-100,0 %", "10"),
        (28, "50", "+10", "+25,0 %", "90"),
    ];
    for (n, value, units, pct, ytd) in expect {
        let row = &rows[n - 1];
        assert_eq!(row[0], format!("{n}."));
        assert_eq!(
            (&row[2][..], &row[3][..], &row[4][..], &row[5][..]),
            (*value, *units, *pct, *ytd),
            "row {n}"
        );
    }
    assert!(rows[0][1].starts_with("Количество обращений и сообщений по социально-значимым тематикам, поступивших ответственным получателям в порядке, установленном 59-ФЗ, и обработанных по фаст-треку"));
}

#[test]
fn first_month_has_no_growth() {
    let rows = form_rows(&built().read("public/reports/2023-12/index.html"));
    assert!(
        rows.iter().all(|r| r[3] == "—" && r[4] == "—"),
        "no previous month: dashes"
    );
    assert_eq!(rows[24][5], "100", "December's year to date is December");
}

#[test]
fn january_growth_is_against_december_and_ytd_restarts() {
    let rows = form_rows(&built().read("public/reports/2024-01/index.html"));
    assert_eq!(
        (&rows[24][2][..], &rows[24][3][..], &rows[24][5][..]),
        ("80", "-20", "80")
    );
    assert_eq!(
        (&rows[26][3][..], &rows[26][4][..]),
        ("+10", "—"),
        "growth over 0 has no percent"
    );
}

#[test]
fn annual_form_matches_a_hand_computation() {
    let rows = form_rows(&built().read("public/reports/2024/index.html"));
    assert_eq!(rows.len(), 7);
    // № · target · unit · plan · achieved (on January + February sums) · deviation.
    let expect = [
        ("1.", "90,0", "68,9", "-21,1 п. п."),  // 551 / 800
        ("2.", "50,0", "34,9", "-15,1 п. п."),  // 279 / 800
        ("3.", "60,0", "50,0", "-10,0 п. п."),  // 21 / 42, the latest month
        ("4.", "100,0", "33,3", "-66,7 п. п."), // 1 / 3 decisions informed by the end of their month
        ("5.", "70,0", "18,8", "-51,2 п. п."),  // 150 / 800 = 18,75 → 18,8
        ("6.", "80,0", "71,8", "-8,2 п. п."),   // 574 / 800 = 71,75 → 71,8
        ("7.", "50,0", "10,9", "-39,1 п. п."),  // 87 / 800
    ];
    for (row, (n, plan, achieved, deviation)) in rows.iter().zip(expect) {
        assert_eq!(row[0], n);
        assert_eq!(row[2], "Процент");
        assert_eq!((&row[3][..], &row[4][..]), (plan, achieved), "target {n}");
        assert!(row[5].starts_with(deviation), "target {n}: {}", row[5]);
    }
    assert!(rows[0][1].starts_with("Доля обращений и сообщений, поступивших ответственным получателям и обработанных с использованием механизма ускоренного решения (фаст-трек)"));
}

#[test]
fn annual_form_states_reasons_and_no_data() {
    let rows = form_rows(&built().read("public/reports/2023/index.html"));
    assert_eq!(
        (&rows[0][4][..], &rows[0][5][..]),
        ("62,9", "+2,9 п. п."),
        "220 / 350, above plan"
    );
    assert!(rows[1][6].contains("Система доставки подключена в ноябре"));
    assert_eq!(
        rows[3][4], "нет данных",
        "no decisions in December 2023: no data, not 0 %"
    );
    assert_eq!(rows[3][5], "—");
    assert_eq!(
        (&rows[6][4][..], &rows[6][5][..]),
        ("10,0", "0,0 п. п."),
        "35 / 350 meets a plan of 10"
    );
}

#[test]
fn monthly_form_page_snapshot() {
    insta::assert_snapshot!(without_charts(
        &built().read("public/reports/2024-02/index.html")
    ));
}

#[test]
fn annual_form_page_snapshot() {
    insta::assert_snapshot!(without_charts(
        &built().read("public/reports/2024/index.html")
    ));
}
