//! A region's open data: the comparison table and the region's monthly trend as data sets, with
//! passports in the layout of `/opendata/` ([`super::opendata`]), the region's schemas and the
//! sitemap. Declared like a single site's sets ([`super::catalog`]): identifier, Russian title,
//! described columns, rows read off the figures.

use super::opendata::Registry;
use super::table::{Cell, Column, ColumnOf, DataSet, FIRST_LAYOUT, Format, tabulate};
use crate::data::region::Region;
use crate::domain::{Channel, TARGETS};
use crate::emit::Emitter;
use crate::metrics::publication::due_date;
use crate::metrics::region::RegionFigures;
use crate::metrics::region::{CompareRow, TrendPoint};
use crate::period::Period;
use crate::write::Output;
use chrono::NaiveDate;

/// The region's data sets, in the order `/data/` lists them.
pub fn datasets(rf: &RegionFigures) -> Vec<DataSet> {
    vec![compare(&rf.rows, rf), trend(&rf.trend)]
}

/// `region-compare`: a row per municipality, the columns of `/compare/`.
pub fn compare(rows: &[CompareRow], rf: &RegionFigures) -> DataSet {
    let (columns, rows) = tabulate(compare_columns(rf.latest), rows);
    DataSet {
        id: "region-compare",
        title: "Сравнение муниципалитетов региона",
        description: "Для каждого муниципалитета: поступившие обращения за последний месяц региона и с начала года, на 1000 жителей, прирост, целевые показатели с начала года и их планы, просроченные мероприятия дорожных карт, решения с учётом мнения жителей, дата публикации последнего отчёта и опоздание",
        subject: "Обращения граждан",
        structure: COMPARE_LAYOUT,
        columns,
        rows,
    }
}

/// A column of `region-compare`.
type CompareColumn = ColumnOf<CompareRow>;

/// A list: the columns of `region-compare` in their order, each with the cell it reads off a
/// municipality's row; `latest` is the region's latest month.
fn compare_columns(latest: Period) -> Vec<CompareColumn> {
    let mut columns = vec![
        CompareColumn::new(
            "municipality_id",
            Format::Code,
            "Municipality identifier (its pages are /ID/)",
            "Идентификатор муниципалитета (его страницы — /ID/)",
            |r| Cell::text(&r.id),
        ),
        CompareColumn::new(
            "municipality",
            Format::Text,
            "Municipality",
            "Муниципалитет",
            |r| Cell::text(&r.name),
        ),
        CompareColumn::new(
            "population",
            Format::Integer,
            "Inhabitants, as the municipality states; empty if not stated",
            "Численность населения по данным муниципалитета; пусто, если не указана",
            |r| Cell::from(r.population, Cell::Count),
        ),
        CompareColumn::new(
            "period",
            Format::Month,
            "The region's latest month",
            "Последний отчётный месяц региона",
            move |_| Cell::Month(latest),
        ),
        CompareColumn::new(
            "latest_reported",
            Format::Month,
            "The municipality's latest reported month",
            "Последний месяц, за который отчитался муниципалитет",
            |r| Cell::from(r.latest, Cell::Month),
        ),
        CompareColumn::new(
            "received",
            Format::Integer,
            "Appeals and messages received in the month (indicators 25-28); empty if not reported",
            "Поступило обращений и сообщений за месяц (показатели 25–28); пусто, если отчёта нет",
            |r| Cell::from(r.received, Cell::Count),
        ),
        CompareColumn::new(
            "received_per_1000",
            Format::Decimal,
            "Received in the month per 1,000 inhabitants",
            "Поступило за месяц на 1000 жителей",
            |r| Cell::from(r.received_per_1000, Cell::Tenths),
        ),
        CompareColumn::new(
            "growth_percent",
            Format::Decimal,
            "Growth of received against the month before, %",
            "Прирост поступивших к предыдущему месяцу, %",
            |r| Cell::from(r.growth.and_then(|g| g.percent), Cell::Tenths),
        ),
        CompareColumn::new(
            "received_ytd",
            Format::Integer,
            "Received from January to the latest month",
            "Поступило с начала года",
            |r| Cell::from(r.received_ytd, Cell::Count),
        ),
        CompareColumn::new(
            "received_ytd_per_1000",
            Format::Decimal,
            "Received from January per 1,000 inhabitants",
            "Поступило с начала года на 1000 жителей",
            |r| Cell::from(r.received_ytd_per_1000, Cell::Tenths),
        ),
    ];
    for (i, def) in TARGETS.iter().enumerate() {
        columns.push(CompareColumn::new(
            def.key,
            Format::Decimal,
            format!("Target {} year to date, %", def.number),
            format!("{}: значение с начала года, %", def.short),
            move |r| Cell::from(r.targets.get(i).and_then(|t| t.ytd_tenths), Cell::Tenths),
        ));
        columns.push(CompareColumn::new(
            plan_name(def.key),
            Format::Decimal,
            format!("Target {}: plan of the year, %", def.number),
            format!("{}: план года, %", def.short),
            move |r| Cell::from(r.targets.get(i).and_then(|t| t.plan), Cell::Tenths),
        ));
    }
    columns.extend([
        CompareColumn::new("overdue_measures",
            Format::Integer,
            "Road-map measures past their deadline on the region's data date",
            "Просроченные мероприятия дорожных карт на дату данных региона", |r| Cell::Count(r.overdue_measures)),
        CompareColumn::new("decisions_ytd",
            Format::Integer,
            "Decisions adopted with residents via the feedback platform, year to date (indicator 11)",
            "Решения, принятые с учётом мнения жителей через ПОС, с начала года (показатель 11)", |r| Cell::from(r.decisions, Cell::Count)),
        CompareColumn::new("decisions_informed_ytd",
            Format::Integer,
            "Of them, residents informed (indicator 12)",
            "Из них жители проинформированы (показатель 12)", |r| Cell::from(r.decisions_informed, Cell::Count)),
        CompareColumn::new("latest_published",
            Format::Date,
            "When the municipality's latest report was published",
            "Дата публикации последнего отчёта муниципалитета", |r| Cell::from(r.published, Cell::Date)),
        CompareColumn::new("days_late",
            Format::Integer,
            "Days the latest report was published after its due date (report_due_day of the next month, the 2nd by default); 0 on time",
            "На сколько дней позже срока опубликован последний отчёт (срок — report_due_day следующего месяца, по умолчанию 2-е число); 0 — в срок", |r| Cell::from(r.days_late, Cell::Count)),
    ]);
    columns
}

/// The layout of `region-compare` since the latest publication date and the lateness were
/// added at its end (issue 23): a consumer keyed on the first layout's date sees a new
/// structure version.
pub const COMPARE_LAYOUT: super::table::Layout = super::table::Layout {
    revision: 2,
    since: chrono::NaiveDate::from_ymd_opt(2026, 12, 7),
};

/// The column of a target's plan: `fast_track_plan`.
fn plan_name(key: &str) -> &'static str {
    match key {
        "fast_track" => "fast_track_plan",
        "auto_delivery" => "auto_delivery_plan",
        "social_recipients" => "social_recipients_plan",
        "pos_decisions_informed" => "pos_decisions_informed_plan",
        "roadmap" => "roadmap_plan",
        "info_systems" => "info_systems_plan",
        "auto_control" => "auto_control_plan",
        _ => "plan",
    }
}

/// `region-trend`: a row per month, the region's sums.
pub fn trend(points: &[TrendPoint]) -> DataSet {
    let mut columns = vec![
        Column::new("period", Format::Month, "Reporting month", "Отчётный месяц"),
        Column::new(
            "municipalities_reported",
            Format::Integer,
            "Municipalities that reported the month",
            "Муниципалитетов, отчитавшихся за месяц",
        ),
        Column::new(
            "received",
            Format::Integer,
            "Received over them (indicators 25-28)",
            "Поступило по ним обращений и сообщений (показатели 25–28)",
        ),
    ];
    for def in &TARGETS {
        columns.push(Column::new(
            def.key,
            Format::Decimal,
            format!(
                "Target {} over the region's summed counts of the month, %",
                def.number
            ),
            format!("{}: по сумме показателей региона за месяц, %", def.short),
        ));
    }
    let rows = points
        .iter()
        .map(|p| {
            let mut row = vec![
                Cell::Month(p.period),
                Cell::Count(p.reported as u64),
                Cell::Count(p.received),
            ];
            row.extend(p.targets.iter().map(|t| Cell::from(*t, Cell::Tenths)));
            row
        })
        .collect();
    DataSet {
        id: "region-trend",
        title: "Помесячная динамика по региону",
        description: "Сумма поступивших обращений по отчитавшимся муниципалитетам и целевые показатели по сумме их показателей, по месяцам",
        subject: "Обращения граждан",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// What the region's passports share: the data version the region's as-of date, created the
/// first report's publication in any municipality, valid until the next report is due, and the
/// region's centre as the publisher.
pub fn registry(region: &Region, rf: &RegionFigures) -> Registry {
    let mut published: Vec<NaiveDate> = region
        .municipalities
        .iter()
        .flat_map(|m| m.ds.reports.iter().map(|r| r.published))
        .collect();
    published.sort_unstable();
    // Current until the first municipality's report for the month after the region's latest is
    // due (each by its own `report_due_day`).
    let next = rf.latest.next();
    let due = region
        .municipalities
        .iter()
        .map(|m| due_date(next, m.ds.site.report_due_day))
        .min()
        .unwrap_or_else(|| due_date(next, crate::data::site::DEFAULT_DUE_DAY));
    let site = &region.site;
    Registry {
        data: rf.as_of,
        created: published.first().copied().unwrap_or(rf.as_of),
        valid: due,
        published,
        inn: site.inn.clone(),
        owner: site.title.clone(),
        responsible: site.title.clone(),
        phone: site.contacts.phone.clone().unwrap_or_default(),
        email: site.contacts.email.clone().unwrap_or_default(),
        base_url: site.base_url.clone(),
        first: rf.trend.first().map(|p| p.period),
        latest: Some(rf.latest),
        correction: None,
    }
}

/// The region's files that are not pages: its data sets as CSV and JSON, their passports, its
/// schemas (the municipalities' files are described in each municipality's `/ID/data/schema/`),
/// the feed of every municipality's reports and corrections, the sitemap of every page,
/// `robots.txt` and `/favicon.ico`.
pub fn emit<'m>(
    region: &Region,
    rf: &RegionFigures,
    municipalities: impl IntoIterator<Item = (&'m crate::data::Dataset, &'m crate::metrics::Figures)>,
    emitter: &Emitter,
) {
    let sets = datasets(rf);
    let reg = registry(region, rf);
    let mut out = Output::default();
    super::add_sets(&mut out, &sets, &reg, emitter.keeps_bytes());
    out.insert(
        crate::routes::FEED.into(),
        super::feed::region_feed(&region.site, municipalities, rf.as_of),
    );
    out.insert("favicon.ico".into(), super::favicon::ico());
    out.insert(
        "robots.txt".into(),
        super::sitemap::robots(&region.site.base_url).into_bytes(),
    );
    for (path, bytes) in super::schema::region_files(region.site.base_url.as_str()) {
        out.insert(path, bytes);
    }
    for (path, bytes) in out.into_files() {
        emitter.put(path, bytes);
    }
    let pages = emitter.html_paths();
    // Every page of the region and of its municipalities but their embedded versions, which
    // are for other sites' frames (the region's `/embed/`, a municipality's `/<id>/embed/`).
    let ids: std::collections::HashSet<&str> = region
        .municipalities
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    let embedded = |p: &str| {
        crate::routes::is_embed(p)
            || p.split_once('/')
                .is_some_and(|(first, rest)| ids.contains(first) && crate::routes::is_embed(rest))
    };
    emitter.put(
        "sitemap.xml".into(),
        super::sitemap::sitemap_with(
            pages.iter().map(String::as_str).filter(|p| !embedded(p)),
            &region.site.base_url,
            &Default::default(),
        ),
    );
}

/// The channel keys in the order of the form, for the region's pages.
pub fn channel_keys() -> Vec<&'static str> {
    Channel::ALL.iter().map(|c| c.key()).collect()
}
