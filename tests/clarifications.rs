//! Answers to information risks (`data/clarifications/`): bad input with its position, the pages,
//! the month's count on its report, the feed, the sitemap, the search index and the data set,
//! read back the way their users read them.

mod common;

use common::{TestSite, text};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const FILE: &str = "data/clarifications/2024.yaml";

/// Three clarifications on the small fixture: two in February 2024, one in January, one with
/// hostile text. Line numbers matter to the bad-input cases below.
const CLARIFICATIONS: &str = r#"# Ответы на информационные риски
- id: voda-fevral
  date: 2024-02-20
  topic: "ЖКХ"
  claim: "Горячую воду отключат на месяц"
  answer: |
    Воду отключат **на 3 дня**, график — на [сайте](https://mcu.test.example/grafik/).

    Справки по телефону МЦУ.
  links:
    - "https://t.me/test/10"
    - "https://vk.com/wall-1_20"
  source: "паблик «Подслушано»"

- id: shkola
  date: 2024-02-05
  topic: "Образование"
  claim: "Школу № 1 закроют <script>alert(1)</script>"
  answer: "Школа работает. <script>alert(2)</script> [ссылка](javascript:alert(3))"
  links: ["https://mcu.test.example/news/shkola/"]

- id: avtobus-yanvar
  date: 2024-01-10
  topic: "Транспорт"
  claim: "=Автобус отменят"
  answer: "Нет, не отменят."
  links: ["https://t.me/test/5"]
"#;

fn with_clarifications() -> TestSite {
    let site = TestSite::copy("small");
    site.write(FILE, CLARIFICATIONS);
    site
}

fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = with_clarifications();
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

/// One broken input: the edit, where the error must point and what it must say.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    at: &'static str,
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "misspelt key",
        from: "  source: \"паблик",
        to: "  sourse: \"паблик",
        at: "data/clarifications/2024.yaml:13:3",
        says: &[
            "ошибка[unknown-key]: неизвестный ключ `sourse` в разделе «разъяснение»",
            "Возможно, вы имели в виду `source`?",
        ],
    },
    Case {
        name: "no link",
        from: "  links: [\"https://t.me/test/5\"]",
        to: "  links: []",
        at: "data/clarifications/2024.yaml:27:10",
        says: &["ошибка[clarification-no-link]"],
    },
    Case {
        name: "a link that is not http(s)",
        from: "\"https://t.me/test/5\"",
        to: "\"javascript:alert(1)\"",
        at: "data/clarifications/2024.yaml:27:11",
        says: &["ошибка[url-scheme]"],
    },
    Case {
        name: "a date not in the calendar",
        from: "date: 2024-01-10",
        to: "date: 2024-02-30",
        at: "data/clarifications/2024.yaml:23:9",
        says: &["ошибка[date-invalid]"],
    },
    Case {
        name: "an id that is a year",
        from: "id: avtobus-yanvar",
        to: "id: 2024",
        at: "data/clarifications/2024.yaml:22:7",
        says: &["ошибка[clarification-id-reserved]", "/clarifications/2024/"],
    },
    Case {
        name: "an id that is the topics' folder",
        from: "id: avtobus-yanvar",
        to: "id: topic",
        at: "data/clarifications/2024.yaml:22:7",
        says: &["ошибка[clarification-id-reserved]"],
    },
    Case {
        name: "an id with Cyrillic letters",
        from: "id: avtobus-yanvar",
        to: "id: автобус",
        at: "data/clarifications/2024.yaml:22:7",
        says: &["ошибка[id-format]"],
    },
    Case {
        name: "no answer",
        from: "  answer: \"Нет, не отменят.\"\n",
        to: "",
        at: "data/clarifications/2024.yaml:22:3",
        says: &["ошибка[missing-key]: в разделе «разъяснение» нет ключа `answer`"],
    },
    Case {
        name: "links as one address instead of a list",
        from: "  links: [\"https://t.me/test/5\"]",
        to: "  links: \"https://t.me/test/5\"",
        at: "data/clarifications/2024.yaml:27:10",
        says: &["ошибка[expected]"],
    },
];

#[test]
fn each_bad_clarification_fails_with_its_position() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = with_clarifications();
        site.edit(FILE, case.from, case.to);
        let run = site.run(&["check"]);
        let ok = run.code == 1
            && !run.stderr.contains("panicked")
            && run.stderr.contains(case.at)
            && case.says.iter().all(|s| run.stderr.contains(s));
        if !ok {
            failures.push(format!(
                "--- {}: expected exit 1, `{}` and {:?} in:\n{}",
                case.name, case.at, case.says, run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_bad_clarification_is_reported_in_english_with_lang_en() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = with_clarifications();
        site.edit(FILE, case.from, case.to);
        let run = site.run(&["check", "--lang", "en"]);
        // The code is the same in both languages: `ошибка[code]` becomes `error[code]`.
        let code = case.says[0]
            .trim_start_matches("ошибка[")
            .split(']')
            .next()
            .unwrap_or_default();
        let ok = run.code == 1
            && run.stderr.contains(&format!("error[{code}]"))
            && run.stderr.contains(case.at)
            && !run.stderr.contains("ошибка")
            && !run.stderr.contains("подсказка:");
        if !ok {
            failures.push(format!("--- {}:\n{}", case.name, run.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_that_is_not_a_list_is_refused_with_its_position() {
    let site = TestSite::copy("small");
    site.write(FILE, "id: voda\ndate: 2024-02-20\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("ошибка[expected]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("data/clarifications/2024.yaml:1:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_duplicate_id_in_another_file_names_both_places() {
    let site = with_clarifications();
    site.write(
        "data/clarifications/more/2024-b.yaml",
        "- id: shkola\n  date: 2024-02-06\n  topic: \"Образование\"\n  claim: \"Ещё раз\"\n  answer: \"Нет.\"\n  links: [\"https://t.me/test/6\"]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    assert!(
        e.contains("ошибка[duplicate-id]: у двух разъяснений одинаковый `id`: `shkola`"),
        "{e}"
    );
    assert!(
        e.contains("data/clarifications/more/2024-b.yaml:1:7"),
        "{e}"
    );
    assert!(e.contains("data/clarifications/2024.yaml:15:7"), "{e}");
}

#[test]
fn a_long_claim_is_a_warning_that_strict_check_fails_on() {
    let site = with_clarifications();
    let long = "слух ".repeat(70);
    site.edit(
        FILE,
        "claim: \"=Автобус",
        &format!("claim: \"{long}Автобус"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("предупреждение[claim-too-long]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("data/clarifications/2024.yaml:25:10"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn the_list_is_newest_first_with_filters_by_year_and_topic() {
    let site = built();
    let list = site.read("public/clarifications/index.html");
    let order: Vec<usize> = [
        "clarifications/voda-fevral/",
        "clarifications/shkola/",
        "clarifications/avtobus-yanvar/",
    ]
    .iter()
    .map(|href| list.find(href).unwrap_or_else(|| panic!("{href}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!list.contains("<script>alert"), "escaped");
    assert!(
        list.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || list.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let t = text(&list);
    assert!(t.contains("По году: 2024 год (3)"), "{t}");
    assert!(
        t.contains("По теме: ЖКХ (1) Образование (1) Транспорт (1)"),
        "{t}"
    );
    assert!(t.contains("Опубликовано 3 разъяснения"), "{t}");
    let year = text(&site.read("public/clarifications/2024/index.html"));
    assert!(year.contains("2024 год: 3 разъяснения"), "{year}");
    let topic = site.read("public/clarifications/topic/zhkkh/index.html");
    assert!(topic.contains("clarifications/voda-fevral/"));
    assert!(!topic.contains("clarifications/shkola/"));
    assert!(text(&topic).contains("ЖКХ: 1 разъяснение"));
    assert!(topic.contains("aria-current=\"page\">ЖКХ (1)"));
}

#[test]
fn an_entry_shows_claim_answer_links_date_topic_and_source() {
    let html = built().read("public/clarifications/voda-fevral/index.html");
    let t = text(&html);
    assert!(t.contains("Разъяснение от 20 февраля 2024 г."), "{t}");
    assert!(t.contains("Что распространялось Горячую воду отключат на месяц"));
    assert!(
        html.contains("<strong>на 3 дня</strong>"),
        "Markdown rendered"
    );
    assert!(html.contains("href=\"https://t.me/test/10\" rel=\"external\""));
    assert!(html.contains("href=\"https://vk.com/wall-1_20\" rel=\"external\""));
    assert!(
        t.contains("Где распространялось: паблик «Подслушано»"),
        "{t}"
    );
    assert!(
        html.contains("href=\"/themes/zhkkh/\""),
        "the topic is a report theme: its complaints are linked"
    );
    let hostile = built().read("public/clarifications/shkola/index.html");
    assert!(!hostile.contains("<script>"), "{hostile}");
    assert!(!hostile.contains("javascript:"), "{hostile}");
}

#[test]
fn the_menu_links_clarifications_only_on_a_site_that_has_them() {
    let with = built().read("public/index.html");
    assert!(with.contains("href=\"/clarifications/\""));
    let plain = TestSite::copy("small");
    assert_eq!(plain.run(&["build"]).code, 0);
    let without = plain.read("public/index.html");
    assert!(!without.contains("clarifications/"), "no menu entry");
    assert!(!plain.path("public/clarifications").exists());
    assert!(
        !plain
            .read("public/reports/2024-02/index.html")
            .contains("информационным рискам")
    );
}

#[test]
fn each_month_counts_its_clarifications_and_the_home_page_shows_the_latest() {
    let feb = text(&built().read("public/reports/2024-02/index.html"));
    assert!(
        feb.contains("В феврале 2024 г. МЦУ опубликовал 2 разъяснения по информационным рискам."),
        "{feb}"
    );
    let jan = text(&built().read("public/reports/2024-01/index.html"));
    assert!(
        jan.contains("В январе 2024 г. МЦУ опубликовал 1 разъяснение"),
        "{jan}"
    );
    let dec = text(&built().read("public/reports/2023-12/index.html"));
    assert!(
        !dec.contains("информационным рискам"),
        "no count before the first clarification: {dec}"
    );
    let home = built().read("public/index.html");
    assert!(text(&home).contains("Ответы на информационные риски"));
    assert!(text(&home).contains("опубликовано 3 разъяснения"));
    for id in ["voda-fevral", "shkola", "avtobus-yanvar"] {
        assert!(home.contains(&format!("clarifications/{id}/")), "{id}");
    }
}

#[test]
fn the_feed_has_an_entry_for_each_clarification() {
    let xml = built().read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entries: Vec<BTreeMap<&str, String>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .filter(|c| c.is_element())
                .map(|c| {
                    (
                        c.tag_name().name(),
                        c.text().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .collect();
    let voda = entries
        .iter()
        .find(|e| e["id"] == "https://mcu.test.example/clarifications/voda-fevral/")
        .expect("an entry for voda-fevral");
    assert_eq!(voda["title"], "Разъяснение: Горячую воду отключат на месяц");
    assert_eq!(voda["published"], "2024-02-20T00:00:00Z");
    assert_eq!(
        voda["summary"],
        "Официальное разъяснение МЦУ по теме «ЖКХ»; слух распространялся: паблик «Подслушано»."
    );
    let hostile = entries
        .iter()
        .find(|e| e["id"].ends_with("/clarifications/shkola/"))
        .unwrap();
    assert_eq!(
        hostile["title"], "Разъяснение: Школу № 1 закроют <script>alert(1)</script>",
        "text, escaped in the XML and read back"
    );
    let dates: Vec<&str> = entries.iter().map(|e| e["published"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[test]
fn sitemap_and_search_index_list_the_pages() {
    let sitemap = built().read("public/sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://mcu.test.example/clarifications/voda-fevral/</loc>\n    <lastmod>2024-02-20</lastmod>"
    ) || sitemap.contains("clarifications/voda-fevral/</loc><lastmod>2024-02-20"), "{sitemap}");
    for page in [
        "clarifications/",
        "clarifications/2024/",
        "clarifications/topic/zhkkh/",
    ] {
        assert!(
            sitemap.contains(&format!("https://mcu.test.example/{page}</loc>")),
            "{page}"
        );
    }
    let index: serde_json::Value =
        serde_json::from_str(&built().read("public/search/index.json")).unwrap();
    let docs = index["docs"].as_array().unwrap();
    assert!(docs.iter().any(|d| d[0] == "clarifications/voda-fevral/"
        && d[1] == "Разъяснение: Горячую воду отключат на месяц"
        && d[2] == "Разъяснения"));
}

#[test]
fn the_data_set_reads_back_with_a_csv_reader() {
    let bytes = std::fs::read(built().path("public/data/clarifications.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        ["id", "date", "topic", "claim", "answer", "source", "links"]
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        [
            "avtobus-yanvar",
            "2024-01-10",
            "Транспорт",
            "'=Автобус отменят",
            "Нет, не отменят.",
            "",
            "https://t.me/test/5"
        ],
        "oldest first; a formula-looking claim guarded, no source is empty"
    );
    assert_eq!(rows[2][0], "voda-fevral");
    assert_eq!(rows[2][5], "паблик «Подслушано»");
    assert_eq!(rows[2][6], "https://t.me/test/10 https://vk.com/wall-1_20");
    assert!(
        rows[2][4].contains("**на 3 дня**") && rows[2][4].contains("\n\nСправки"),
        "the answer's Markdown kept with its paragraphs: {:?}",
        rows[2][4]
    );
    let json: serde_json::Value =
        serde_json::from_str(&built().read("public/data/clarifications.json")).unwrap();
    assert_eq!(json.to_string().matches("\"voda-fevral\"").count(), 1);
    let list = built().read("public/opendata/list.csv");
    assert!(list.contains("clarifications"), "{list}");
}

#[test]
fn the_schema_accepts_the_fixture_and_refuses_what_the_loader_refuses() {
    let schema: serde_json::Value =
        serde_json::from_str(&built().read("public/data/schema/clarifications.schema.json"))
            .unwrap();
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let good = serde_json::json!([{
        "id": "voda", "date": "2024-02-20", "topic": "ЖКХ", "claim": "Слух",
        "answer": "Ответ", "links": ["https://t.me/x/1"], "source": null
    }]);
    assert!(v.is_valid(&good));
    let with = |key: &str, value: serde_json::Value| {
        let mut d = good.clone();
        d[0][key] = value;
        d
    };
    for (what, doc) in [
        ("no link", with("links", serde_json::json!([]))),
        ("a year as id", with("id", serde_json::json!("2024"))),
        ("topic as id", with("id", serde_json::json!("topic"))),
        (
            "not http",
            with("links", serde_json::json!(["ftp://x.ru/"])),
        ),
        ("unknown key", with("claims", serde_json::json!("x"))),
    ] {
        assert!(!v.is_valid(&doc), "{what} passes the schema");
    }
}

#[test]
fn clarifications_list_snapshot() {
    insta::assert_snapshot!(built().read("public/clarifications/index.html"));
}

#[test]
fn clarification_page_snapshot() {
    insta::assert_snapshot!(built().read("public/clarifications/voda-fevral/index.html"));
}
