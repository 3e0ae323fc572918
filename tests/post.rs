//! `vitrina post` (issue 23): a month's post and a decision's state the figures of their pages
//! (read off the built pages), with the page's absolute address and the site's hashtags, within
//! Telegram's 4,096 characters; golden snapshots of both texts; the JSON form with the share
//! card; a missing month or decision, and broken data, exit 1 with what to do.

mod common;

use common::{TestSite, text};

/// `small` with hashtags, and its decision `skver` with participants, a result and milestones.
fn site() -> TestSite {
    let site = TestSite::copy("small");
    site.write(
        "data/site.yaml",
        &format!(
            "{}post_tags: [\"#МЦУ\", \"#Тестовск\"]\n",
            site.read("data/site.yaml")
        ),
    );
    site.edit(
        "data/decisions/2024.yaml",
        "  adopted: 2024-01-10\n  status: in_progress\n",
        "  adopted: 2024-01-10\n  participants: 1840\n  status: in_progress\n  result: \"Жители выбрали **сквер на ул. Ленина**: 1 210 голосов из 1 840.\"\n  milestones:\n    - {date: 2024-02-20, text: \"Заключён контракт на проектирование\"}\n",
    );
    site
}

fn post(site: &TestSite, args: &[&str]) -> String {
    let mut all = vec!["post"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

fn build(site: &TestSite) {
    let run = site.run(&["build", "--out", site.path("public").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The cells of the table row headed `name` on `page`, as text.
fn row(page: &str, name: &str) -> Vec<String> {
    let head = format!("<th scope=\"row\">{name}</th>");
    let at = page.find(&head).unwrap_or_else(|| panic!("no row {name}"));
    let end = at + page[at..].find("</tr>").unwrap();
    page[at + head.len()..end]
        .split("<td")
        .skip(1)
        .map(|cell| text(&format!("<td{cell}")))
        .collect()
}

#[test]
fn a_months_post_states_the_figures_of_its_page() {
    let site = site();
    let out = post(&site, &["2024-02"]);
    build(&site);
    let page = site.read("public/reports/2024-02/index.html");
    let words = text(&out);
    // The lead sentence, word for word.
    let lead_at = page.find("<p class=\"lead\">").unwrap();
    let lead = text(&page[lead_at..lead_at + page[lead_at..].find("</p>").unwrap()]);
    assert!(words.contains(&lead), "{lead}\n{words}");
    // Each channel's count and share, as the page's table has them.
    for channel in [
        "Обращения по 59-ФЗ",
        "Платформа обратной связи (ПОС)",
        "Цифровые системы обратной связи",
        "Горячие линии",
    ] {
        let cells = row(&page, channel);
        let line = format!("• {channel}: {} ({})", cells[0], cells[1]);
        assert!(words.contains(&line), "{line}\n{words}");
    }
    // The month's fast-track share, as the targets' table has it.
    let ft_at = page.find("indicators/fast_track/\">").unwrap();
    let ft_row = &page[ft_at..ft_at + page[ft_at..].find("</tr>").unwrap()];
    let month_share = text(
        ft_row
            .split("<td")
            .nth(1)
            .unwrap()
            .split("</td>")
            .next()
            .unwrap(),
    );
    let month_share = month_share.trim_start_matches('>').trim();
    assert!(
        words.contains(&format!("По фаст-треку обработано {month_share}")),
        "{month_share}\n{words}"
    );
    // The survey, as its section says it.
    assert!(
        text(&page).contains("удовлетворены ответом: 150 (75,0 %)")
            && words.contains("Довольны ответом 75,0 % ответивших на опрос (150 из 200)"),
        "{words}"
    );
    // The page's absolute address, and the hashtags last.
    let url = "https://mcu.test.example/reports/2024-02/";
    assert!(out.contains(&format!("Полный отчёт: {url}\n")), "{out}");
    assert!(out.ends_with("\n\n#МЦУ #Тестовск\n"), "{out}");
    assert!(out.trim_end().encode_utf16().count() <= 4096);
    insta::assert_snapshot!("month_post", out);
}

#[test]
fn a_decisions_post_states_what_was_decided_and_done() {
    let site = site();
    let out = post(&site, &["--decision", "skver"]);
    build(&site);
    let page = text(&site.read("public/decisions/skver/index.html"));
    // The participants as the page counts them, the result, the milestone, the status.
    assert!(page.contains("Участников 1 840"), "{page}");
    let words = text(&out);
    assert!(words.contains("Участников: 1 840."), "{words}");
    // (The page's text, read off its tags, has a space where `**…**` ends.)
    assert!(
        page.contains("Жители выбрали сквер на ул. Ленина : 1 210 голосов из 1 840."),
        "{page}"
    );
    assert!(
        words.contains("Итог: Жители выбрали сквер на ул. Ленина: 1 210 голосов из 1 840."),
        "{words}"
    );
    assert!(words.contains("20 февраля 2024 г. — Заключён контракт на проектирование"));
    assert!(page.contains("выполняется") && words.contains("Сейчас: выполняется."));
    assert!(out.contains("Подробнее: https://mcu.test.example/decisions/skver/\n"));
    assert!(out.ends_with("\n\n#МЦУ #Тестовск\n"), "{out}");
    insta::assert_snapshot!("decision_post", out);
}

#[test]
fn a_long_decision_is_cut_at_a_sentence_and_keeps_its_address_and_tags() {
    let site = site();
    let long =
        "Жители выбрали сквер на улице Ленина, площадку у школы и аллею вдоль реки. ".repeat(120);
    site.edit(
        "data/decisions/2024.yaml",
        "  result: \"Жители выбрали **сквер на ул. Ленина**: 1 210 голосов из 1 840.\"\n",
        &format!("  result: \"{long}\"\n"),
    );
    let out = post(&site, &["--decision", "skver"]);
    let text = out.trim_end_matches('\n');
    assert!(text.encode_utf16().count() <= 4096, "{}", text.len());
    assert!(
        text.ends_with(
            "вдоль реки…\n\nПодробнее: https://mcu.test.example/decisions/skver/\n\n#МЦУ #Тестовск"
        ),
        "{}",
        &text[text.len() - 300..]
    );
}

#[test]
fn json_gives_the_text_the_address_and_the_share_card() {
    let site = site();
    let plain = post(&site, &["2024-02"]);
    let printed = post(&site, &["2024-02", "--format", "json"]);
    assert!(printed.starts_with("{\n  \"text\": "), "{printed}");
    let json: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(json["text"].as_str().unwrap(), plain.trim_end_matches('\n'));
    assert_eq!(json["url"], "https://mcu.test.example/reports/2024-02/");
    // Among the latest 12 months: the month's own card, which the build draws.
    assert_eq!(
        json["card"],
        "https://mcu.test.example/reports/2024-02/card.png"
    );
    build(&site);
    assert!(site.path("public/reports/2024-02/card.png").is_file());
    let page = site.read("public/reports/2024-02/index.html");
    assert!(page.contains("https://mcu.test.example/reports/2024-02/card.png"));
    // A decision carries the site's card.
    let json: serde_json::Value =
        serde_json::from_str(&post(&site, &["--decision", "avtobus", "--format", "json"])).unwrap();
    assert_eq!(json["card"], "https://mcu.test.example/card.png");
    assert_eq!(json["url"], "https://mcu.test.example/decisions/avtobus/");
}

#[test]
fn a_month_without_a_report_is_exit_1_with_the_nearest_months() {
    let site = site();
    let run = site.run(&["post", "2024-05", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("error[post-no-report]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "the nearest reports: 2023-12, 2024-01, 2024-02; for example, `vitrina post 2024-02`"
        ),
        "{}",
        run.stderr
    );
    // A month that is not a month is a usage error.
    assert_eq!(site.run(&["post", "2024-13"]).code, 2);
    assert_eq!(site.run(&["post"]).code, 2);
    assert_eq!(
        site.run(&["post", "2024-02", "--decision", "skver"]).code,
        2
    );
}

#[test]
fn an_unknown_decision_is_exit_1_with_the_nearest_id() {
    let site = site();
    let run = site.run(&["post", "--decision", "skvr", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[post-no-decision]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `skver`? `vitrina post --decision skver`"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_data_is_reported_as_check_reports_it() {
    let site = site();
    site.edit(
        "data/reports/2024-02.yaml",
        "appeals: {total: 100, fast_track: 45,",
        "appeals: {total: 100, fast_track: 145,",
    );
    let run = site.run(&["post", "2024-02", "--lang", "en"]);
    let check = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("error[part-over-total]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("data/reports/2024-02.yaml:4:"),
        "{}",
        run.stderr
    );
    assert!(
        check.stderr.starts_with(&run.stderr),
        "{}\n---\n{}",
        run.stderr,
        check.stderr
    );
}

#[test]
fn a_hashtag_that_is_not_one_word_is_refused_at_its_place() {
    let site = TestSite::copy("small");
    site.write(
        "data/site.yaml",
        &format!(
            "{}post_tags:\n  - \"#МЦУ\"\n  - \"#Тестовый округ\"\n",
            site.read("data/site.yaml")
        ),
    );
    let line = site.read("data/site.yaml").lines().count();
    let run = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[post-tag]"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("data/site.yaml:{line}:5")),
        "{}",
        run.stderr
    );
}

#[test]
fn the_demos_latest_month_and_a_decision_fit_in_a_telegram_message() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for args in [
        vec!["post", "2025-09"],
        vec!["post", "--decision", "territorii-2026"],
    ] {
        let mut args = args;
        args.extend(["--root", root.to_str().unwrap()]);
        let run = common::vitrina(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = run.stdout.trim_end();
        assert!(text.encode_utf16().count() <= 4096);
        assert!(text.contains("https://mcu-zarechny.example.ru/"), "{text}");
        assert!(text.ends_with("#МЦУ #Заречный #обращения"), "{text}");
    }
}

#[test]
fn a_corrected_months_post_carries_its_notice() {
    let site = site();
    let path = "data/reports/2024-01.yaml";
    site.write(
        path,
        &format!(
            "{}corrections:\n  - {{date: 2024-03-10, text: \"Исправлено число обращений по 59-ФЗ: в первой редакции было 90\"}}\n",
            site.read(path)
        ),
    );
    let out = post(&site, &["2024-01"]);
    assert!(
        out.contains(
            "\n\nИсправлено 10 марта 2024 г.: число обращений по 59-ФЗ: в первой редакции было 90\n\nПолный отчёт: https://mcu.test.example/reports/2024-01/\n"
        ),
        "{out}"
    );
}

#[test]
fn on_a_regions_site_the_municipality_is_named() {
    let site = TestSite::copy("region");
    let run = site.run(&["post", "2025-03", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("error[post-municipality]")
            && run
                .stderr
                .contains("add `--municipality ID`, ID being its folder in data/municipalities/: `alekseevka`, `biryuch`, `valuyki`"),
        "{}",
        run.stderr
    );
    let typo = site.run(&[
        "post",
        "2025-03",
        "--municipality",
        "alekseevk",
        "--lang",
        "en",
    ]);
    assert_eq!(typo.code, 1);
    assert!(
        typo.stderr
            .contains("did you mean `--municipality alekseevka`?"),
        "{}",
        typo.stderr
    );
    // The municipality's post: its figures, its page's address under the region's.
    let run = site.run(&["post", "2025-03", "--municipality", "alekseevka"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Отчёт МЦУ за март 2025 г. — Алексеевский городской округ\n")
    );
    assert!(
        run.stdout
            .contains("Полный отчёт: https://cur.example.ru/alekseevka/reports/2025-03/\n"),
        "{}",
        run.stdout
    );
    let json = site.run(&[
        "post",
        "2025-03",
        "--municipality",
        "alekseevka",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        json["card"],
        "https://cur.example.ru/alekseevka/reports/2025-03/card.png"
    );
    // A single site has no municipalities to name.
    let single = TestSite::copy("small");
    let run = single.run(&["post", "2024-02", "--municipality", "x"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("post-municipality"), "{}", run.stderr);
}
