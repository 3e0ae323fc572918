//! Decisions via ПОС, road maps, themes, structure and openness: the pages a citizen follows
//! from a vote to its report, and from a complaint theme to its road map.

mod common;

use common::{TestSite, text, without_charts};
use std::sync::OnceLock;

fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::copy("small");
        let run = site.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    })
}

#[test]
fn a_vote_can_be_followed_to_its_report_in_a_social_network() {
    let page = text(&built().read("public/decisions/avtobus/index.html"));
    assert!(page.contains("Состояние выполнено"), "{page}");
    assert!(page.contains("Принято 20 января 2024 г."));
    assert!(
        page.contains("Сообщили жителям через 16 дней после принятия"),
        "{page}"
    );
    assert!(page.contains("5 февраля 2024 г. Публикация о выполнении: Telegram"));
    assert!(
        built()
            .read("public/decisions/avtobus/index.html")
            .contains("href=\"https://t.me/test/2\"")
    );
}

#[test]
fn the_decisions_page_counts_statuses_and_yearly_shares() {
    let page = text(&built().read("public/decisions/index.html"));
    assert!(
        page.contains("2024 3 1 (33,3 %) 2 (66,7 %)"),
        "adopted, informed by month end, informed by now:\n{page}"
    );
    for filter in [
        "year/2024",
        "status/done",
        "status/planned",
        "status/in_progress",
        "kind/vote",
        "kind/survey",
        "kind/discussion",
    ] {
        assert!(
            built()
                .path(&format!("public/decisions/{filter}/index.html"))
                .is_file(),
            "{filter}"
        );
    }
    let done = text(&built().read("public/decisions/status/done/index.html"));
    assert!(
        done.contains("Новый маршрут автобуса") && !done.contains("Где поставить фонари"),
        "{done}"
    );
}

#[test]
fn a_done_decision_with_no_post_is_marked() {
    let site = TestSite::copy("small");
    site.edit(
        "data/decisions/2024.yaml",
        "status: planned",
        "status: done",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let page = text(&site.read("public/decisions/fonari/index.html"));
    assert!(
        page.contains("нет: решение выполнено, но публикации о выполнении нет"),
        "{page}"
    );
    let home = text(&site.read("public/index.html"));
    assert!(home.contains("жителям ещё не сообщили"), "{home}");
}

#[test]
fn a_post_after_the_as_of_date_is_not_counted_on_the_page_nor_in_the_csv() {
    // `avtobus` is done and its only post is dated 2024-02-05: as of 1 February nobody was told
    // yet. The list used to count every post in the file while the CSV counted those by the
    // as-of date.
    let site = TestSite::copy("small");
    let run = site.run(&["build", "--as-of", "2024-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = text(&site.read("public/decisions/index.html"));
    let item = page
        .split("Новый маршрут автобуса")
        .nth(1)
        .and_then(|rest| rest.split(" принято ").nth(1))
        .unwrap_or_default();
    assert!(
        item.contains("Выполнено, но жителям ещё не сообщили"),
        "{item}"
    );
    assert!(!item.starts_with("20 января 2024 г. Сообщили"), "{item}");
    let csv = site.read("public/data/decisions.csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("avtobus,"))
        .unwrap_or_default();
    assert!(row.ends_with(",,0,false"), "{row}");
}

#[test]
fn a_road_map_shows_its_measures_on_the_as_of_date() {
    let page = text(&built().read("public/roadmaps/dorogi/index.html"));
    assert!(
        page.contains("Выполнено 1 из 3 (33,3 %); в работе — 1, просрочено — 1 , отменено — 1"),
        "{page}"
    );
    assert!(
        page.contains(
            "Ямочный ремонт ул. Мира МКУ «ГХ» 15 февраля 2024 г. — просрочено на 18 дней"
        ),
        "{page}"
    );
    assert!(page.contains("отменено: Улица передана области"));
    assert!(page.contains("Отчётов до утверждения нет; после него обращений по теме «Дороги» в среднем за месяц: 85,0 (январь 2024 — февраль 2024)"), "{page}");
    let home = text(&built().read("public/index.html"));
    assert!(
        home.contains("Просрочено: Ямочный ремонт ул. Мира — срок был 15 февраля 2024 г."),
        "overdue measures stand out on the home page:\n{home}"
    );
}

#[test]
fn themes_have_pages_linked_from_reports_and_road_maps() {
    let feb = built().read("public/reports/2024-02/index.html");
    assert!(
        feb.contains("href=\"/themes/zhkkh/\""),
        "theme links in the monthly report"
    );
    let roads = text(&built().read("public/themes/dorogi/index.html"));
    assert!(
        roads.contains("февраль 2024 80 2 — — 65 (81,3 %)"),
        "{roads}"
    );
    assert!(roads.contains("Устранение причин обращений о ямах"));
    assert!(
        text(&feb).contains("Проблемные зоны ЖКХ : просрочено: 3; отложено: 1"),
        "{}",
        text(&feb)
    );
}

#[test]
fn structure_and_openness() {
    let open = text(&built().read("public/openness/index.html"));
    assert!(
        open.contains("Постановление № 1 «О создании МЦУ» (№ 1 от 10 января 2023 г.)"),
        "{open}"
    );
    assert!(
        built()
            .read("public/openness/index.html")
            .contains("href=\"tel:+78000000000\"")
    );
    assert!(
        built()
            .read("public/openness/index.html")
            .contains("href=\"mailto:mcu@test.example\"")
    );
    assert!(built().path("public/structure/index.html").is_file());
}

#[test]
fn decision_page_snapshot() {
    insta::assert_snapshot!(without_charts(
        &built().read("public/decisions/avtobus/index.html")
    ));
}

#[test]
fn roadmap_page_snapshot() {
    insta::assert_snapshot!(without_charts(
        &built().read("public/roadmaps/dorogi/index.html")
    ));
}
