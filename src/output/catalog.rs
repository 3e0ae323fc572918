//! The catalogue of open data: every data set's identifier, Russian title and description, its
//! columns with their descriptions, and the rows, read off the dataset and its figures. The CSV
//! and JSON files, the `/data/` page, the open-data passports and structure files are all written
//! from this one list, so that a column cannot be described in one place and missing in another.
//!
//! **Structure versions.** The Russian open-data guidelines version a data set's column layout
//! by date (`structure-YYYYMMDD.csv`), and a consumer keys its parser on that date. A structure
//! version is dated the day the publisher first published data in it, which the data tells
//! ([`super::table::Layout::date`]): never the day Vitrina's code was written, which lies after the data of
//! every site built before it (a version «от 23 ноября 2026 г.» on data of March 2025). So when
//! a data set's columns change (added, removed, renamed, reordered, or a new format), give it a
//! new [`super::table::Layout`]: the next revision, `since` the date the change is made. The unit test
//! `column_layouts_match_their_structure_version` keeps a fingerprint of each layout and fails
//! until the revision is bumped and the fingerprint updated.

use super::table::{Cell, Column, DataSet, FIRST_LAYOUT, Format};
use crate::data::Dataset;
use crate::domain::{Channel, INDICATORS, IndicatorDef, Source, TARGETS, Treatment};
use crate::format;
use crate::metrics::Figures;

/// Every data set, in the order the `/data/` page lists them.
pub fn datasets(ds: &Dataset, fig: &Figures) -> Vec<DataSet> {
    vec![
        indicators(fig),
        indicators_long(fig),
        targets_monthly(fig),
        targets_annual(fig),
        themes(fig),
        recipients_rating(fig),
        satisfaction(fig),
        decisions(ds, fig),
        roadmap_measures(ds, fig),
        clarifications(ds),
    ]
}

fn period_column() -> Column {
    Column::new("period", Format::Month, "Reporting month", "Отчётный месяц")
}

fn channel_en(c: Channel) -> &'static str {
    match c {
        Channel::Appeals => "under Federal Law 59-FZ",
        Channel::Pos => "via the feedback platform (POS)",
        Channel::Digital => "via digital feedback systems",
        Channel::Hotline => "via hotlines",
    }
}

fn treatment_en(t: Treatment) -> &'static str {
    match t {
        Treatment::FastTrack => "processed by fast track",
        Treatment::AutoDelivery => {
            "processed with automated delivery of the problem to the final executor"
        }
        Treatment::Roadmap => "for which road-map measures were implemented",
        Treatment::InfoSystems => {
            "processed with state or departmental information systems or special software"
        }
        Treatment::AutoControl => {
            "whose solution was checked by automated control (GLONASS, photo and video)"
        }
    }
}

/// An indicator in English, for the structure files.
fn indicator_en(def: &IndicatorDef) -> String {
    let what = match def.source {
        Source::Treated(t, c) => format!(
            "appeals and messages received {}, {}",
            channel_en(c),
            treatment_en(t)
        ),
        Source::Received(c) => format!("appeals and messages received {}, total", channel_en(c)),
        Source::RecipientsInforming => {
            "responsible recipients informing citizens in social networks".into()
        }
        Source::RecipientsTotal => "responsible recipients, total".into(),
        Source::DecisionsAdopted => "decisions adopted with residents via POS".into(),
        Source::DecisionsInformed => {
            "decisions adopted via POS with informing in social networks by the end of the month"
                .into()
        }
    };
    format!("Indicator {}: {what}", def.number)
}

fn indicator_ru(def: &IndicatorDef) -> String {
    format!("№ {}. {}", def.number, def.name)
}

/// The 28 values of each month: one row per month, one column per indicator.
fn indicators(fig: &Figures) -> DataSet {
    let mut columns = vec![period_column()];
    columns.extend(INDICATORS.iter().map(|def| {
        Column::new(
            def.id,
            Format::Integer,
            indicator_en(def),
            indicator_ru(def),
        )
    }));
    let rows = fig
        .monthly
        .iter()
        .map(|form| {
            let mut row = vec![Cell::Month(form.period)];
            row.extend(form.rows.iter().map(|r| Cell::Count(r.value)));
            row
        })
        .collect();
    DataSet {
        id: "indicators",
        title: "Индикаторы результативности по месяцам",
        description: "Достигнутые значения 28 индикаторов результативности работы МЦУ (форма по Приложению № 1 к Положению): одна строка на месяц, один столбец на индикатор. Столбцы названы идентификаторами индикаторов; номер и официальное наименование — в описании столбца.",
        subject: "МЦУ, обращения граждан, индикаторы результативности, платформа обратной связи, фаст-трек",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// The monthly form in long format: value, growth and year to date per month and indicator.
fn indicators_long(fig: &Figures) -> DataSet {
    let columns = vec![
        period_column(),
        Column::new(
            "number",
            Format::Integer,
            "Row number on the official form, 1 to 28",
            "Номер строки в форме по Приложению № 1, от 1 до 28",
        ),
        Column::new(
            "id",
            Format::Code,
            "Indicator identifier (the column name in the indicators data set)",
            "Идентификатор индикатора (имя столбца в наборе «Индикаторы результативности по месяцам»)",
        ),
        Column::new(
            "value",
            Format::Integer,
            "Value at the reporting date, units",
            "Достигнутое значение на отчётную дату, единиц",
        ),
        Column::new(
            "growth_units",
            Format::Integer,
            "Growth against the previous month, units; empty when the previous month has no report",
            "Прирост по сравнению с предыдущим месяцем, единиц; пусто, если отчёта за предыдущий месяц нет",
        ),
        Column::new(
            "growth_percent",
            Format::Decimal,
            "Growth against the previous month, percent; empty when the previous value is 0 or the previous month has no report",
            "Прирост по сравнению с предыдущим месяцем, %; пусто, если предыдущее значение равно нулю или отчёта за предыдущий месяц нет",
        ),
        Column::new(
            "ytd",
            Format::Integer,
            "Year to date: the sum of the year's months for counts of appeals and decisions, the latest value for recipients (indicators 9 and 10)",
            "Нарастающим итогом с начала года: сумма за месяцы года для обращений и решений, последнее значение для получателей (индикаторы 9 и 10)",
        ),
    ];
    let rows = fig
        .monthly
        .iter()
        .flat_map(|form| {
            form.rows.iter().map(|r| {
                vec![
                    Cell::Month(form.period),
                    Cell::Count(u64::from(r.def.number)),
                    Cell::text(r.def.id),
                    Cell::Count(r.value),
                    Cell::from(r.growth, |g| Cell::Int(g.units)),
                    Cell::from(r.growth.and_then(|g| g.percent), Cell::Tenths),
                    Cell::Count(r.ytd),
                ]
            })
        })
        .collect();
    DataSet {
        id: "indicators-long",
        title: "Индикаторы: значение, прирост и итог с начала года",
        description: "Та же форма по Приложению № 1 в «длинном» виде: одна строка на месяц и индикатор, со всеми графами формы — значение, прирост в единицах и процентах, нарастающий итог с начала года.",
        subject: "МЦУ, обращения граждан, индикаторы результативности, прирост, нарастающий итог",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

fn target_key_column() -> Column {
    Column::new(
        "key",
        Format::Code,
        format!(
            "Target identifier: {}",
            TARGETS.iter().map(|t| t.key).collect::<Vec<_>>().join(", ")
        ),
        format!(
            "Идентификатор целевого показателя: {}",
            TARGETS
                .iter()
                .map(|t| format!("{} — {}", t.key, format::lower_first(t.short)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    )
}

/// The 7 targets of each month, on the month's counts and on the year-to-date sums.
fn targets_monthly(fig: &Figures) -> DataSet {
    let columns = vec![
        period_column(),
        Column::new(
            "number",
            Format::Integer,
            "Row number on the annual form, 1 to 7",
            "Номер целевого показателя в форме по Приложению № 2, от 1 до 7",
        ),
        target_key_column(),
        Column::new(
            "month_percent",
            Format::Decimal,
            "Share on the month's counts, percent; empty when the denominator is 0 (no data)",
            "Значение за месяц, %; пусто, если знаменатель равен нулю (нет данных)",
        ),
        Column::new(
            "month_numerator",
            Format::Integer,
            "Numerator of the month's share",
            "Числитель доли за месяц",
        ),
        Column::new(
            "month_denominator",
            Format::Integer,
            "Denominator of the month's share",
            "Знаменатель доли за месяц",
        ),
        Column::new(
            "ytd_percent",
            Format::Decimal,
            "Share on the year-to-date sums, percent; empty when the denominator is 0 (no data)",
            "Значение с начала года, %; пусто, если знаменатель равен нулю (нет данных)",
        ),
        Column::new(
            "ytd_numerator",
            Format::Integer,
            "Numerator of the year-to-date share",
            "Числитель доли с начала года",
        ),
        Column::new(
            "ytd_denominator",
            Format::Integer,
            "Denominator of the year-to-date share",
            "Знаменатель доли с начала года",
        ),
        Column::new(
            "plan_percent",
            Format::Decimal,
            "Plan value for the year, percent; empty when no plan is set",
            "Плановое значение на год, %; пусто, если план не установлен",
        ),
    ];
    let mut rows = Vec::new();
    for form in &fig.monthly {
        for t in &form.targets {
            rows.push(vec![
                Cell::Month(form.period),
                Cell::Count(u64::from(t.def.number)),
                Cell::text(t.def.key),
                Cell::from(t.month, |s| Cell::Tenths(s.tenths())),
                Cell::Count(t.month_parts.num),
                Cell::Count(t.month_parts.den),
                Cell::from(t.ytd, |s| Cell::Tenths(s.tenths())),
                Cell::Count(t.ytd_parts.num),
                Cell::Count(t.ytd_parts.den),
                Cell::from(t.plan, Cell::Tenths),
            ]);
        }
    }
    DataSet {
        id: "targets-monthly",
        title: "Целевые показатели по месяцам",
        description: "Семь целевых показателей (долей, %) за каждый месяц и с начала года, с числителем и знаменателем каждой доли и плановым значением на год. Доли посчитаны из точных чисел и округлены до десятых, половина — от нуля.",
        subject: "МЦУ, целевые показатели, доля, план, фаст-трек, дорожные карты",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// The columns of the annual form's set, each with its Russian title and description.
fn targets_annual_columns() -> Vec<Column> {
    vec![
        Column::new("year", Format::Year, "Year", "Год"),
        Column::new(
            "number",
            Format::Integer,
            "Row number on the annual form, 1 to 7",
            "Номер целевого показателя в форме по Приложению № 2, от 1 до 7",
        ),
        target_key_column(),
        Column::new(
            "name",
            Format::Text,
            "Official wording of the target",
            "Наименование целевого показателя (официальная формулировка)",
        ),
        Column::new(
            "plan",
            Format::Decimal,
            "Plan value, percent; empty when no plan is set",
            "Плановое значение, %; пусто, если план не установлен",
        ),
        Column::new(
            "achieved",
            Format::Decimal,
            "Achieved value on the year-to-date sums of the year's latest reported month, percent; empty when the denominator is 0 (no data)",
            "Достигнутое значение по суммам с начала года на последний отчётный месяц года, %; пусто, если знаменатель равен нулю (нет данных)",
        ),
        Column::new(
            "numerator",
            Format::Integer,
            "Numerator of the achieved share",
            "Числитель достигнутой доли",
        ),
        Column::new(
            "denominator",
            Format::Integer,
            "Denominator of the achieved share",
            "Знаменатель достигнутой доли",
        ),
        Column::new(
            "deviation",
            Format::Decimal,
            "Achieved minus plan, percentage points (on the rounded achieved value)",
            "Отклонение от плана, процентных пунктов (по округлённому достигнутому значению)",
        ),
        Column::new(
            "reason",
            Format::Text,
            "Reason for the deviation, as the publisher states it",
            "Причина отклонения, как её указал МЦУ",
        ),
        Column::new(
            "complete",
            Format::Boolean,
            "true when December is reported and the year's values are final",
            "true, если отчёт за декабрь опубликован и значения за год окончательные",
        ),
    ]
}

/// The annual form: plan against achieved for every reported year.
fn targets_annual(fig: &Figures) -> DataSet {
    let columns = targets_annual_columns();
    let mut rows = Vec::new();
    for form in &fig.annual {
        for r in &form.rows {
            rows.push(vec![
                Cell::Int(i64::from(form.year)),
                Cell::Count(u64::from(r.def.number)),
                Cell::text(r.def.key),
                Cell::text(r.def.name),
                Cell::from(r.plan, Cell::Tenths),
                Cell::from(r.achieved, |s| Cell::Tenths(s.tenths())),
                Cell::Count(r.parts.num),
                Cell::Count(r.parts.den),
                Cell::from(r.deviation, Cell::Tenths),
                Cell::opt_text(r.reason.as_deref()),
                Cell::Bool(form.complete()),
            ]);
        }
    }
    DataSet {
        id: "targets-annual",
        title: "Целевые показатели за год: план и факт",
        description: "Годовая форма по Приложению № 2: плановое и достигнутое значение каждого из семи целевых показателей, отклонение и его причина. Для текущего года — по данным на последний опубликованный месяц.",
        subject: "МЦУ, целевые показатели, план, факт, отклонение, годовой отчёт",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// Complaints by theme in each month, all channels together.
fn themes(fig: &Figures) -> DataSet {
    let columns = vec![
        period_column(),
        Column::new(
            "theme",
            Format::Text,
            "Theme, as the publisher names it",
            "Тема обращений, как её называет МЦУ",
        ),
        Column::new(
            "received",
            Format::Integer,
            "Appeals and messages received on the theme, all channels",
            "Поступило обращений и сообщений по теме, по всем каналам",
        ),
        Column::new(
            "share_percent",
            Format::Decimal,
            "Share of the month's total received over all channels, percent",
            "Доля от всех поступивших за месяц по всем каналам, %",
        ),
        Column::new(
            "repeated",
            Format::Integer,
            "Of them repeated; empty when not reported",
            "Из них повторных; пусто, если не указано",
        ),
        Column::new(
            "overdue",
            Format::Integer,
            "Of them overdue; empty when not reported",
            "Из них с нарушением срока; пусто, если не указано",
        ),
        Column::new(
            "postponed",
            Format::Integer,
            "Of them postponed; empty when not reported",
            "Из них отложенных; пусто, если не указано",
        ),
        Column::new(
            "solved",
            Format::Integer,
            "Of them solved; empty when not reported",
            "Из них решённых; пусто, если не указано",
        ),
    ];
    let mut rows = Vec::new();
    for month in &fig.details {
        for t in &month.themes {
            rows.push(vec![
                Cell::Month(month.period),
                Cell::text(&t.theme),
                Cell::Count(t.received),
                Cell::from(t.share, |s| Cell::Tenths(s.tenths())),
                Cell::from(t.repeated, Cell::Count),
                Cell::from(t.overdue, Cell::Count),
                Cell::from(t.postponed, Cell::Count),
                Cell::from(t.solved, Cell::Count),
            ]);
        }
    }
    DataSet {
        id: "themes",
        title: "Обращения по темам",
        description: "Число обращений и сообщений по темам за каждый месяц, по всем каналам вместе: поступило, повторных, с нарушением срока, отложенных, решённых. Темы — как в отчётах МЦУ.",
        subject: "МЦУ, обращения граждан, темы обращений, повторные обращения, просроченные обращения",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// The rating of responsible recipients in each month that has one.
fn recipients_rating(fig: &Figures) -> DataSet {
    let columns = vec![
        period_column(),
        Column::new(
            "name",
            Format::Text,
            "Responsible recipient",
            "Ответственный получатель",
        ),
        Column::new(
            "received",
            Format::Integer,
            "Appeals and messages received",
            "Поступило обращений и сообщений",
        ),
        Column::new(
            "on_time",
            Format::Integer,
            "Of them answered on time; empty when not reported",
            "Из них рассмотрено в срок; пусто, если не указано",
        ),
        Column::new(
            "on_time_percent",
            Format::Decimal,
            "Share answered on time, percent",
            "Доля рассмотренных в срок, %",
        ),
        Column::new(
            "solved",
            Format::Integer,
            "Of them solved; empty when not reported",
            "Из них решено; пусто, если не указано",
        ),
        Column::new(
            "solved_percent",
            Format::Decimal,
            "Share solved, percent",
            "Доля решённых, %",
        ),
        Column::new(
            "satisfaction",
            Format::Decimal,
            "Average mark given by the applicants, 1 to 5",
            "Средняя оценка ответа заявителями, от 1 до 5",
        ),
    ];
    let mut rows = Vec::new();
    let pct = |s: Option<crate::metrics::share::Share>| Cell::from(s, |s| Cell::Tenths(s.tenths()));
    for month in &fig.details {
        for p in &month.rating {
            rows.push(vec![
                Cell::Month(month.period),
                Cell::text(&p.name),
                Cell::Count(p.received),
                Cell::from(p.on_time, Cell::Count),
                pct(p.on_time_share),
                Cell::from(p.solved, Cell::Count),
                pct(p.solved_share),
                Cell::from(p.satisfaction, Cell::Tenths),
            ]);
        }
    }
    DataSet {
        id: "recipients-rating",
        title: "Рейтинг ответственных получателей",
        description: "Ответственные получатели обращений по месяцам: сколько поступило, сколько рассмотрено в срок и решено, средняя оценка ответа заявителями.",
        subject: "МЦУ, ответственные получатели, рейтинг, сроки рассмотрения, удовлетворённость",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// Answers to the satisfaction survey in each month that reports one.
fn satisfaction(fig: &Figures) -> DataSet {
    let columns = vec![
        period_column(),
        Column::new(
            "responses",
            Format::Integer,
            "Applicants who answered the survey",
            "Заявителей ответили на опрос",
        ),
        Column::new(
            "satisfied",
            Format::Integer,
            "Of them satisfied with the answer",
            "Из них удовлетворены ответом",
        ),
        Column::new(
            "satisfied_percent",
            Format::Decimal,
            "Share satisfied, percent; empty when nobody answered",
            "Доля удовлетворённых, %; пусто, если ответов не было",
        ),
    ];
    let rows = fig
        .details
        .iter()
        .filter_map(|m| m.satisfaction.map(|s| (m.period, s)))
        .map(|(period, s)| {
            vec![
                Cell::Month(period),
                Cell::Count(s.responses),
                Cell::Count(s.satisfied),
                Cell::from(s.share, |x| Cell::Tenths(x.tenths())),
            ]
        })
        .collect();
    DataSet {
        id: "satisfaction",
        title: "Удовлетворённость ответами",
        description: "Результаты опроса заявителей об удовлетворённости ответами на обращения, по месяцам.",
        subject: "МЦУ, удовлетворённость, опрос заявителей, обращения граждан",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// The columns of the decisions' set, each with its Russian title and description.
fn decision_columns() -> Vec<Column> {
    vec![
        Column::new(
            "id",
            Format::Code,
            "Decision identifier (its page is /decisions/ID/)",
            "Идентификатор решения (страница решения — /decisions/ID/)",
        ),
        Column::new("title", Format::Text, "Decision", "Решение"),
        Column::new(
            "kind",
            Format::Code,
            "How residents took part: vote, survey or discussion",
            "Форма участия жителей: vote — голосование, survey — опрос, discussion — обсуждение",
        ),
        Column::new("adopted", Format::Date, "Date of adoption", "Дата принятия"),
        Column::new(
            "status",
            Format::Code,
            "Status: planned, in_progress, done or cancelled",
            "Статус: planned — запланировано, in_progress — выполняется, done — выполнено, cancelled — отменено",
        ),
        Column::new("theme", Format::Text, "Theme", "Тема"),
        Column::new(
            "participants",
            Format::Integer,
            "Residents who took part",
            "Число участников",
        ),
        Column::new(
            "source_url",
            Format::Url,
            "The vote, survey or discussion on the feedback platform",
            "Голосование, опрос или обсуждение на платформе обратной связи",
        ),
        Column::new(
            "first_informing",
            Format::Date,
            "Date of the first post about the implementation in social networks; empty if none yet",
            "Дата первой публикации о реализации решения в социальных сетях; пусто, если публикаций ещё нет",
        ),
        Column::new(
            "informing_count",
            Format::Integer,
            "Posts about the implementation in social networks",
            "Число публикаций о реализации решения в социальных сетях",
        ),
        Column::new(
            "informed_in_month",
            Format::Boolean,
            "true when a post is dated no later than the end of the month of adoption (counted in indicator 12)",
            "true, если публикация сделана не позднее конца месяца принятия решения (учтено в индикаторе 12)",
        ),
    ]
}

/// Decisions adopted with residents via ПОС.
fn decisions(ds: &Dataset, fig: &Figures) -> DataSet {
    let columns = decision_columns();
    let mut in_order: Vec<_> = ds.decisions.iter().collect();
    in_order.sort_by(|a, b| a.adopted.cmp(&b.adopted).then_with(|| a.id.cmp(&b.id)));
    let rows = in_order
        .into_iter()
        .map(|d| {
            let figures = fig.decisions.of(d);
            vec![
                Cell::text(&d.id),
                Cell::text(&d.title),
                Cell::text(d.kind.key()),
                Cell::Date(d.adopted),
                Cell::text(d.status.key()),
                Cell::opt_text(d.theme.as_deref()),
                Cell::from(d.participants, Cell::Count),
                Cell::opt_text(d.source_url.as_deref()),
                Cell::from(figures.first_post, Cell::Date),
                Cell::Count(figures.posts as u64),
                Cell::Bool(figures.informed_in_month),
            ]
        })
        .collect();
    DataSet {
        id: "decisions",
        title: "Решения, принятые с участием жителей через ПОС",
        description: "Решения, принятые по итогам голосований, опросов и обсуждений на платформе обратной связи (ПОС), их статус и публикации о реализации в социальных сетях.",
        subject: "МЦУ, платформа обратной связи, голосования, решения жителей, информирование в социальных сетях",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// The answers to information risks, oldest first.
fn clarifications(ds: &Dataset) -> DataSet {
    let columns = vec![
        Column::new(
            "id",
            Format::Code,
            "Clarification identifier (its page is /clarifications/ID/)",
            "Идентификатор разъяснения (страница разъяснения — /clarifications/ID/)",
        ),
        Column::new(
            "date",
            Format::Date,
            "Date the clarification was published",
            "Дата публикации разъяснения",
        ),
        Column::new(
            "topic",
            Format::Text,
            "Topic, as the themes of the monthly reports",
            "Тема (как темы обращений в ежемесячных отчётах)",
        ),
        Column::new(
            "claim",
            Format::Text,
            "The rumour or false claim that was spreading",
            "Слух или недостоверное сообщение, которое распространялось",
        ),
        Column::new(
            "answer",
            Format::Text,
            "The official clarification (Markdown)",
            "Официальное разъяснение (разметка Markdown)",
        ),
        Column::new(
            "source",
            Format::Text,
            "Where the claim spread (a public page or chat); empty if not given",
            "Где распространялся слух (паблик, чат); пусто, если не указано",
        ),
        Column::new(
            "links",
            Format::Text,
            "Addresses of the official posts, separated by a space",
            "Адреса официальных публикаций с разъяснением, через пробел",
        ),
    ];
    let mut in_order: Vec<_> = ds.clarifications.iter().collect();
    in_order.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let rows = in_order
        .into_iter()
        .map(|c| {
            vec![
                Cell::text(&c.id),
                Cell::Date(c.date),
                Cell::text(&c.topic),
                Cell::text(&c.claim),
                Cell::text(&c.answer),
                Cell::opt_text(c.source.as_deref()),
                Cell::Text(c.links.join(" ")),
            ]
        })
        .collect();
    DataSet {
        id: "clarifications",
        title: "Разъяснения по информационным рискам",
        description: "Официальные разъяснения МЦУ в ответ на слухи и недостоверные сообщения, распространявшиеся в местных пабликах и чатах: что говорили, что ответил МЦУ и где опубликован ответ.",
        subject: "МЦУ, информационные риски, разъяснения, опровержения, слухи, социальные сети",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

/// The measures of every road map.
fn roadmap_measures(ds: &Dataset, fig: &Figures) -> DataSet {
    let columns = vec![
        Column::new(
            "roadmap_id",
            Format::Code,
            "Road map identifier (its page is /roadmaps/ID/)",
            "Идентификатор дорожной карты (страница — /roadmaps/ID/)",
        ),
        Column::new("roadmap_title", Format::Text, "Road map", "Дорожная карта"),
        Column::new("measure", Format::Text, "Measure", "Мероприятие"),
        Column::new("responsible", Format::Text, "Responsible", "Ответственный"),
        Column::new("due", Format::Date, "Deadline", "Срок"),
        Column::new(
            "done",
            Format::Date,
            "Date done; empty if not done",
            "Дата выполнения; пусто, если не выполнено",
        ),
        Column::new(
            "cancelled",
            Format::Text,
            "Reason the measure was cancelled; empty if not cancelled",
            "Причина отмены мероприятия; пусто, если не отменено",
        ),
        Column::new(
            "progress",
            Format::Integer,
            "Percent complete, as the publisher estimates it",
            "Процент выполнения по оценке МЦУ",
        ),
        Column::new(
            "status",
            Format::Code,
            "Status at the data date: done, cancelled, overdue (deadline passed) or in_progress",
            "Статус на дату данных: done — выполнено, cancelled — отменено, overdue — просрочено, in_progress — выполняется",
        ),
    ];
    let rows = ds
        .roadmaps
        .iter()
        .flat_map(|rm| {
            let figures = fig.roadmap(rm).measures;
            rm.measures.iter().zip(figures).map(move |(m, f)| {
                vec![
                    Cell::text(&rm.id),
                    Cell::text(&rm.title),
                    Cell::text(&m.title),
                    Cell::opt_text(m.responsible.as_deref()),
                    Cell::Date(m.due),
                    Cell::from(m.done, Cell::Date),
                    Cell::opt_text(m.cancelled.as_deref()),
                    Cell::from(m.progress, Cell::Count),
                    Cell::text(f.status.key()),
                ]
            })
        })
        .collect();
    DataSet {
        id: "roadmap-measures",
        title: "Мероприятия дорожных карт",
        description: "Мероприятия дорожных карт по устранению причин повторяющихся обращений: ответственный, срок, дата выполнения или причина отмены, статус на дату данных.",
        subject: "МЦУ, дорожные карты, мероприятия, сроки, устранение причин обращений",
        structure: FIRST_LAYOUT,
        columns,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table::Layout;
    use chrono::NaiveDate;

    /// FNV-1a over the names and formats of the columns: a fingerprint of the layout.
    fn fingerprint(set: &DataSet) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in &set.columns {
            for b in format!("{}:{};", c.name, c.format.code()).bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    fn sets() -> Vec<DataSet> {
        let ds = crate::output::tests::dataset();
        let fig = crate::metrics::compute(&ds, None).unwrap();
        datasets(&ds, &fig)
    }

    #[test]
    fn column_layouts_match_their_structure_version() {
        // When this fails, a data set's columns changed: give it a new `structure` layout (the
        // next revision, `since` the date of the change; see the module's doc) and put the new
        // revision and fingerprint here.
        let expected = [
            ("indicators", 1, 1493025943682943486),
            ("indicators-long", 1, 1985051357827177583),
            ("targets-monthly", 1, 8186697264170768884),
            ("targets-annual", 1, 11696130980966323210),
            ("themes", 1, 8689405574784641304),
            ("recipients-rating", 1, 15203928239845837550),
            ("satisfaction", 1, 8803976867827943263),
            ("decisions", 1, 710246846685007256),
            ("roadmap-measures", 1, 9782614834406551563),
            ("clarifications", 1, 16421930936610448734),
        ];
        let found: Vec<(&str, u32, u64)> = sets()
            .iter()
            .map(|s| (s.id, s.structure.revision, fingerprint(s)))
            .collect();
        assert_eq!(
            found.len(),
            expected.len(),
            "a data set was added or removed"
        );
        for ((id, version, print), (eid, eversion, eprint)) in found.iter().zip(expected) {
            assert_eq!(*id, eid);
            assert!(
                *print == eprint && *version == eversion,
                "the columns of `{id}` changed (fingerprint {print}): give it a new layout \
                 (revision {version} + 1) and put ({id:?}, {version}, {print}) in this test"
            );
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_first_layout_is_dated_by_the_first_report_published_in_it() {
        let published = [d("2024-02-02"), d("2024-01-03"), d("2024-03-04")];
        assert_eq!(
            FIRST_LAYOUT.date(&published, d("2024-03-04")),
            d("2024-01-03")
        );
        // The order of the reports does not matter, and the date is the same every build.
        assert_eq!(
            FIRST_LAYOUT.date(&[d("2024-03-04"), d("2024-01-03")], d("2024-03-04")),
            d("2024-01-03")
        );
    }

    #[test]
    fn a_structure_version_is_never_dated_after_its_data() {
        // A data date before the first publication (`--as-of` set early): the data's date.
        assert_eq!(
            FIRST_LAYOUT.date(&[d("2024-01-03")], d("2023-12-31")),
            d("2023-12-31")
        );
        // No report at all: this build is the first publication.
        assert_eq!(FIRST_LAYOUT.date(&[], d("2024-03-04")), d("2024-03-04"));
        // A later layout, made after every report of the site: first published with this data.
        let second = Layout {
            revision: 2,
            since: Some(d("2026-11-23")),
        };
        let published = [d("2025-02-03"), d("2025-03-02")];
        assert_eq!(second.date(&published, d("2025-03-02")), d("2025-03-02"));
    }

    #[test]
    fn a_later_layout_is_dated_by_the_first_report_published_after_it_was_made() {
        let second = Layout {
            revision: 2,
            since: Some(d("2024-02-10")),
        };
        let published = [
            d("2024-01-03"),
            d("2024-02-02"),
            d("2024-03-04"),
            d("2024-04-02"),
        ];
        assert_eq!(second.date(&published, d("2024-04-02")), d("2024-03-04"));
        assert_eq!(
            FIRST_LAYOUT.date(&published, d("2024-04-02")),
            d("2024-01-03")
        );
    }

    #[test]
    fn every_set_of_the_fixture_is_dated_by_its_first_report() {
        // The `small` fixture's first report was published on 2024-01-03, its data is of
        // 2024-03-04: no structure version may be dated after that (it was 2026-11-23).
        let ds = crate::output::tests::dataset();
        let fig = crate::metrics::compute(&ds, None).unwrap();
        let registry = crate::output::opendata::Registry::of(&ds, &fig);
        for set in datasets(&ds, &fig) {
            let date = registry.structure(&set);
            assert_eq!(date, d("2024-01-03"), "{}", set.id);
            assert!(date <= fig.as_of.date, "{}", set.id);
        }
    }

    #[test]
    fn every_cell_fits_its_column() {
        for set in sets() {
            let mut names: Vec<_> = set.columns.iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(
                names.len(),
                set.columns.len(),
                "{}: column names are unique",
                set.id
            );
            for row in &set.rows {
                assert_eq!(row.len(), set.columns.len(), "{}", set.id);
                for (cell, col) in row.iter().zip(&set.columns) {
                    assert!(cell.fits(col.format), "{}.{}: {cell:?}", set.id, col.name);
                }
            }
        }
    }
}
