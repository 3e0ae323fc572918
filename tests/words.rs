//! Issue 13's words on the `gap` fixture (July 2024 missing, the hot lines at 0 in September, a
//! measure done 10 days late): the lead sentences, the flags and their `check` warnings, the
//! missing month in the annual form and in search, the signature line, the breadcrumbs and the
//! feed, as a citizen reads them on the built pages.

mod common;

use common::TestSite;
use std::sync::OnceLock;

/// The `gap` fixture, built once; the build's stderr beside it.
fn built() -> &'static (TestSite, String) {
    static SITE: OnceLock<(TestSite, String)> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::copy("gap");
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (site, run.stderr)
    })
}

fn page(rel: &str) -> String {
    built().0.read(&format!("public/{rel}"))
}

/// The text of the first `<p class="lead">` of a page.
fn lead(html: &str) -> String {
    let start = html.find("<p class=\"lead\">").expect("a lead sentence") + 16;
    let end = start + html[start..].find("</p>").unwrap();
    html[start..end].replace(['\u{A0}', '\u{202F}'], " ")
}

#[test]
fn a_month_after_the_missing_one_says_there_is_nothing_to_compare_with() {
    assert_eq!(
        lead(&page("reports/2024-08/index.html")),
        "В августе 2024 г. поступило 582 обращения и сообщения; за июль 2024 г. отчёта нет — сравнить не с чем."
    );
}

#[test]
fn a_month_compares_with_the_month_before_and_names_the_suspicious_zero() {
    let html = page("reports/2024-09/index.html");
    assert_eq!(
        lead(&html),
        "В сентябре 2024 г. поступило 543 обращения и сообщения — на 39 меньше, чем в августе; горячие линии: ни одного (в августе — 58)."
    );
    assert!(
        html.contains("<p class=\"warning-note\">Горячие линии: 0 — данных нет или обращений не было? В августе было 58, поэтому в строках этого канала прирост −100\u{202F}%.</p>"),
        "the flag beside the channels"
    );
    // The month before has no flag: its hot lines had appeals.
    assert!(!page("reports/2024-08/index.html").contains("данных нет или обращений не было"));
}

#[test]
fn descriptions_agree_in_number() {
    let html = page("reports/2024-09/index.html");
    assert!(
        html.contains("<meta name=\"description\" content=\"Достигнутые значения индикаторов результативности работы МЦУ за сентябрь 2024: 543\u{A0}обращения и сообщения.\">"),
        "{}",
        &html[..html.find("<body").unwrap_or(0)]
    );
    assert!(html.contains("543\u{A0}обращения и сообщения за сентябрь 2024 г."));
    assert!(!html.contains("543 обращений"));
}

#[test]
fn the_annual_form_rests_on_its_reports_and_names_the_missing_month() {
    let html = page("reports/2024/index.html");
    let l = lead(&html);
    assert!(
        l.ends_with("Итоги — по 8 отчётам: за июль отчёта нет."),
        "{l}"
    );
    assert!(
        l.starts_with("С начала года выполняется ") && l.contains(" из 7 целевых показателей"),
        "{l}"
    );
    // January to September with July missing is 8 reports over 9 months, not «8 месяцев».
    assert!(html.contains("значения — с начала года, по 8\u{A0}отчётам"));
    assert!(!html.contains("месяцев)"));
}

#[test]
fn the_home_page_leads_with_the_latest_month_and_the_year() {
    let html = page("index.html");
    assert!(
        html.contains(
            "<p class=\"lead\">В сентябре 2024 г. поступило 543\u{A0}обращения и сообщения"
        )
    );
    assert!(html.contains("Итоги — по 8\u{A0}отчётам: за июль отчёта нет.</p>"));
    assert!(html.contains("<span class=\"card-label\">обращения и сообщения поступило</span>"));
}

#[test]
fn an_indicator_page_says_its_latest_value_and_change() {
    // Indicator 28: received through the hot lines.
    assert_eq!(
        lead(&page("indicators/received_hotline/index.html")),
        "В сентябре 2024 г. — 0, на 58 меньше, чем в августе (−100,0 %)."
    );
}

#[test]
fn a_road_map_says_what_was_done_and_what_was_late() {
    let html = page("roadmaps/dorogi/index.html");
    assert_eq!(
        lead(&html),
        "Выполнено 2 из 4 мероприятий, 1 просрочено, 1 выполнено с опозданием."
    );
    assert!(html.contains("выполнено с опозданием на 10\u{A0}дней"));
    assert!(
        html.contains(
            "<a href=\"/roadmaps/\">Дорожные карты</a> › Устранение причин обращений о ямах</nav>"
        ),
        "the breadcrumb names the road map, not its date"
    );
}

#[test]
fn the_printed_form_is_signed_without_a_wrong_genitive() {
    let html = page("reports/2024-09/index.html");
    assert!(
        !html.contains("Руководитель МЦУ Заречный"),
        "no wrong genitive"
    );
    assert!(
        html.contains(
            "<span class=\"sign-who\">Руководитель МЦУ<br>Заречный муниципальный округ</span>"
        ),
        "without structure.yaml: the position, then the municipality on its own line"
    );
}

#[test]
fn an_explicit_signature_and_a_head_from_structure_yaml() {
    let site = TestSite::copy("gap");
    site.write(
        "data/structure.yaml",
        "head: {name: \"Кравцова Е.Н.\", position: \"начальник отдела, руководитель МЦУ\"}\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let html = site.read("public/reports/2024/index.html");
    assert!(
        html.contains("<span class=\"sign-who\">Начальник отдела, руководитель МЦУ<br>Заречный муниципальный округ</span><span class=\"sign-line\">(подпись)</span><span class=\"sign-line\">Кравцова Е.Н.</span>"),
        "the head's position and name"
    );
    site.edit(
        "data/site.yaml",
        "language: ru\n",
        "language: ru\nsignature: \"Руководитель МЦУ Заречного муниципального округа\"\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/reports/2024-09/index.html");
    assert!(html.contains(
        "<span class=\"sign-who\">Руководитель МЦУ Заречного муниципального округа</span>"
    ));
}

#[test]
fn searching_july_2024_finds_that_there_is_no_report() {
    let index: serde_json::Value =
        serde_json::from_str(&page("search/index.json")).expect("the index is JSON");
    let docs = index["docs"].as_array().unwrap();
    let terms = &index["terms"];
    let with = |stem: &str| -> Vec<u64> {
        terms[stem]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_u64()).collect())
            .unwrap_or_default()
    };
    let both: Vec<u64> = with("июл")
        .into_iter()
        .filter(|i| with("2024").contains(i))
        .collect();
    let titles: Vec<&str> = both
        .iter()
        .map(|i| docs[*i as usize][1].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Отчёта за июль 2024 г. нет"]);
    assert_eq!(docs[both[0] as usize][0], "reports/2024/");
    // The page without JavaScript lists it among the reports.
    assert!(page("search/index.html").contains("Отчёта за июль 2024 г. нет"));
}

#[test]
fn the_feed_has_annual_reports() {
    let feed = page("feed.xml");
    assert!(feed.contains("<title type=\"text\">Годовой отчёт за 2024 год</title>"));
    assert!(feed.contains("<id>https://mcu.zarechny.example/reports/2024/</id>"));
    assert!(feed.contains("Итоги — по 8\u{A0}отчётам: за июль отчёта нет."));
}

#[test]
fn check_warns_at_the_zero_and_at_the_late_measure() {
    let site = TestSite::copy("gap");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("предупреждение[zero-looks-missing]: канал `hotline` за 2024-09: поступило 0, а за 2024-08 — 58; данных нет или обращений действительно не было?"),
        "{err}"
    );
    assert!(err.contains("data/reports/2024-09.yaml:7:"), "{err}");
    assert!(
        err.contains("предупреждение[done-late]: мероприятие «Ремонт ул. Ленина» дорожной карты `dorogi` выполнено 2024-06-10, на 10 дней позже срока 2024-05-31"),
        "{err}"
    );
    assert!(err.contains("data/roadmaps/dorogi.yaml:9:"), "{err}");
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1);
}

/// The form a noun takes after `n`: 0 for 1, 21…; 1 for 2–4, 22–24…; 2 for the rest.
fn plural_class(n: u64) -> usize {
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        0
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        1
    } else {
        2
    }
}

/// Every built page of the gap fixture, text only: a number followed by a noun it counts is in
/// the form the number asks for («932 обращения», never «932 обращений»).
#[test]
fn every_count_on_every_page_agrees_with_its_noun() {
    const NOUNS: &[[&str; 3]] = &[
        ["обращение", "обращения", "обращений"],
        ["решение", "решения", "решений"],
        ["мероприятие", "мероприятия", "мероприятий"],
        ["месяц", "месяца", "месяцев"],
        ["день", "дня", "дней"],
        ["отчёт", "отчёта", "отчётов"],
        ["получатель", "получателя", "получателей"],
        ["публикация", "публикации", "публикаций"],
        ["человек", "человека", "человек"],
    ];
    let root = built().0.path("public");
    let mut pages = vec![root.clone()];
    let mut bad = Vec::new();
    let mut checked = 0;
    while let Some(p) = pages.pop() {
        if p.is_dir() {
            pages.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if !matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "xml")) {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        // Tags out, so that «3</span> обращения» is read as the text it shows.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    plain.push(' ');
                }
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        // And the attributes a reader or a search engine reads: meta and Open Graph
        // descriptions, titles, labels.
        for attr in ["content=\"", "title=\"", "aria-label=\"", "alt=\""] {
            for (at, _) in text.match_indices(attr) {
                let value = &text[at + attr.len()..];
                plain.push_str(" | ");
                plain.push_str(&value[..value.find('"').unwrap_or(0)]);
            }
        }
        let words: Vec<&str> = plain
            .split(|c: char| c.is_whitespace() || c == '\u{A0}')
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(3) {
            let (before, number, noun) = (pair[0], pair[1], pair[2]);
            // «из 7 целевых показателей» takes the genitive; «5–8 обращения» is a range of rows.
            if before == "из" || !number.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let noun = noun.trim_end_matches(|c: char| !c.is_alphabetic());
            let Some(forms) = NOUNS.iter().find(|f| f.contains(&noun)) else {
                continue;
            };
            let n: u64 = number.parse().unwrap();
            checked += 1;
            if forms[plural_class(n)] != noun && !(forms[1] == noun && forms[1] == forms[0]) {
                bad.push(format!("{}: {number} {noun}", p.display()));
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} counts found: is the text read at all?"
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn a_late_measure_with_its_reason_shows_the_reason_and_check_is_content() {
    let site = TestSite::copy("gap");
    site.edit(
        "data/roadmaps/dorogi.yaml",
        "due: 2024-05-31, done: 2024-06-10}",
        "due: 2024-05-31, done: 2024-06-10, late_reason: \"Подрядчик сорвал поставку асфальта\"}",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("done-late"), "{}", run.stderr);
    assert!(site.read("public/roadmaps/dorogi/index.html").contains(
        "выполнено с опозданием на 10\u{A0}дней</strong>: Подрядчик сорвал поставку асфальта"
    ));
}

#[test]
fn a_confirmed_zero_is_stated_not_questioned() {
    let site = TestSite::copy("gap");
    site.edit(
        "data/reports/2024-09.yaml",
        "satisfaction:",
        "zero_confirmed: [hotline]\nsatisfaction:",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("zero-looks-missing"), "{}", run.stderr);
    let html = site.read("public/reports/2024-09/index.html");
    assert!(!html.contains("данных нет или обращений не было"));
    assert!(lead(&html).ends_with("горячие линии: обращений не было (в августе — 58)."));
    site.edit(
        "data/reports/2024-09.yaml",
        "zero_confirmed: [hotline]",
        "zero_confirmed: [hotlines]",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("[unknown-value]"), "{}", run.stderr);
}
