//! JSON Schemas (draft 2020-12) of the YAML contract, one per kind of file, published at
//! `/data/schema/<kind>.schema.json` so that other tools (an editor, a CI pipeline that writes
//! the reports) can check a file before Vitrina reads it.
//!
//! They are written by hand from the same key lists the loaders use (`REPORT_KEYS`,
//! `CHANNEL_KEYS`, the channels and treatments of `domain`, the target keys); the unit tests hold
//! the schema's keys against those lists, and the integration tests validate the demo site's and
//! the fixture's data against the schemas. The loaders stay the authority: they also check what a
//! schema cannot say (a part above its total, `period` matching the file name, dates in order).
//!
//! The schemas read YAML as YAML 1.2 does: `2024-04-02` is a string (a date), `45` a number.
//! As in the loader, an optional key with an empty value is the same as no key, so optional
//! properties also accept `null`.

use crate::data::clarification::CLARIFICATION_KEYS;
use crate::data::decision::{DECISION_KEYS, DecisionKind, DecisionStatus, ROADMAP_KEYS};
use crate::data::report::{CHANNEL_KEYS, REPORT_KEYS};
use crate::data::site::{REGION_SITE_KEYS, SITE_KEYS};
use crate::domain::{Channel, TARGETS, Treatment};
use serde_json::{Map, Value, json};

/// The kinds of data file, with the path each one describes and a Russian title.
pub const KINDS: [(&str, &str, &str); 7] = [
    ("site", "data/site.yaml", "Сайт: название, адрес, контакты"),
    (
        "structure",
        "data/structure.yaml",
        "Состав центра управления",
    ),
    (
        "targets",
        "data/targets.yaml",
        "Плановые значения целевых показателей и причины отклонений",
    ),
    (
        "report",
        "data/reports/ГГГГ-ММ.yaml",
        "Ежемесячный отчёт (28 индикаторов)",
    ),
    (
        "decisions",
        "data/decisions/*.yaml",
        "Решения, принятые через ПОС",
    ),
    ("roadmap", "data/roadmaps/*.yaml", "Дорожная карта"),
    (
        "clarifications",
        "data/clarifications/*.yaml",
        "Разъяснения по информационным рискам",
    ),
];

/// The kinds of file only a region's site has (published by region sites only).
pub const REGION_KINDS: [(&str, &str, &str); 2] = [
    (
        "region-site",
        "data/site.yaml",
        "Сайт региона: название, регион, адрес, контакты",
    ),
    (
        "region-report",
        "data/region_reports/ГГГГ-ММ.yaml",
        "Итоги месяца по региону, опубликованные регионом",
    ),
];

fn text(desc: &str) -> Value {
    json!({"type": "string", "minLength": 1, "description": desc})
}

fn count(desc: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "description": desc})
}

fn date(desc: &str) -> Value {
    json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": desc})
}

/// An `http(s)` address as `data::http_url` accepts it, as near as a pattern gets: a host without
/// `user@`, and none of the characters that are refused (spaces, `"`, `<`, `>`, …).
fn url(desc: &str) -> Value {
    json!({"type": "string", "pattern": r#"^[Hh][Tt][Tt][Pp][Ss]?://[^\s"<>`{}|\\^/?#@]+([/?#][^\s"<>`{}|\\^]*)?$"#, "description": desc})
}

/// The site's address: as [`url`], without a query or fragment.
fn base_url(desc: &str) -> Value {
    json!({"type": "string", "pattern": r#"^[Hh][Tt][Tt][Pp][Ss]?://[^\s"<>`{}|\\^/?#@]+(/[^\s"<>`{}|\\^?#]*)?$"#, "description": desc})
}

fn slug(desc: &str) -> Value {
    json!({"type": "string", "pattern": "^[a-z0-9_-]+$", "description": desc})
}

fn one_of(values: &[&str], desc: &str) -> Value {
    json!({"enum": values, "description": desc})
}

fn list(items: Value, desc: &str) -> Value {
    json!({"type": "array", "items": items, "description": desc})
}

/// An optional property: also `null`, as the loader takes an empty value for no value.
fn nullable(mut v: Value) -> Value {
    if let Some(t) = v.get("type").and_then(Value::as_str).map(str::to_string) {
        v["type"] = json!([t, "null"]);
    }
    if let Some(values) = v.get_mut("enum").and_then(Value::as_array_mut) {
        values.push(Value::Null);
    }
    v
}

/// A mapping with exactly these keys, as `data::decode::fields` reads one: unknown keys are
/// refused. Each property is `(key, schema, required)`.
fn object(desc: &str, props: Vec<(&str, Value, bool)>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (key, schema, req) in props {
        if req {
            required.push(key.to_string());
            properties.insert(key.into(), schema);
        } else {
            properties.insert(key.into(), nullable(schema));
        }
    }
    json!({
        "type": "object",
        "description": desc,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn person(desc: &str) -> Value {
    object(
        desc,
        vec![
            ("name", text("Фамилия и инициалы"), true),
            ("position", text("Должность"), false),
        ],
    )
}

fn document(kind: &str, base_url: &str, root: Value) -> Value {
    let (_, path, title) = KINDS
        .iter()
        .chain(&REGION_KINDS)
        .find(|(k, _, _)| *k == kind)
        .copied()
        .unwrap_or((kind, "", ""));
    let mut v = root;
    v["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    v["$id"] = json!(format!("{base_url}data/schema/{kind}.schema.json"));
    v["title"] = json!(format!("{title} ({path})"));
    v
}

/// Every schema: `(kind, schema)`.
pub fn schemas(base_url: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("site", document("site", base_url, site())),
        ("structure", document("structure", base_url, structure())),
        ("targets", document("targets", base_url, targets())),
        ("report", document("report", base_url, report())),
        ("decisions", document("decisions", base_url, decisions())),
        ("roadmap", document("roadmap", base_url, roadmap())),
        (
            "clarifications",
            document("clarifications", base_url, clarifications()),
        ),
    ]
}

/// `/data/schema/<kind>.schema.json`, pretty, keys sorted.
pub fn files(base_url: &str) -> Vec<(String, Vec<u8>)> {
    schemas(base_url).into_iter().map(schema_file).collect()
}

/// One schema as its file: `data/schema/<kind>.schema.json`, pretty, with a final newline.
fn schema_file((kind, v): (&str, Value)) -> (String, Vec<u8>) {
    let mut bytes = serde_json::to_vec_pretty(&v).expect("a JSON value always serializes");
    bytes.push(b'\n');
    (format!("data/schema/{kind}.schema.json"), bytes)
}

fn site() -> Value {
    site_of(SITE_KEYS, "Файл data/site.yaml: сайт центра управления")
}

/// A region's `data/site.yaml` (`region_site: true`).
fn region_site() -> Value {
    site_of(
        REGION_SITE_KEYS,
        "Файл data/site.yaml сайта региона: сайт регионального центра управления; муниципалитеты — в data/municipalities/<id>/",
    )
}

/// The JSON Schemas a region's site publishes besides a municipality's: its own `site.yaml`
/// and its optional totals `data/region_reports/ГГГГ-ММ.yaml`.
pub fn region_files(base_url: &str) -> Vec<(String, Vec<u8>)> {
    [
        (
            "region-site",
            document("region-site", base_url, region_site()),
        ),
        (
            "region-report",
            document("region-report", base_url, region_report()),
        ),
    ]
    .into_iter()
    .map(schema_file)
    .collect()
}

/// `data/region_reports/ГГГГ-ММ.yaml`: the totals the region publishes itself.
fn region_report() -> Value {
    let channels = Channel::ALL
        .iter()
        .map(|c| {
            (
                c.key(),
                count("Поступило по этому каналу за месяц по региону"),
                false,
            )
        })
        .collect();
    object(
        "Файл data/region_reports/ГГГГ-ММ.yaml: итоги месяца по региону, как их публикует регион",
        vec![
            (
                "period",
                json!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "description": "Отчётный месяц ГГГГ-ММ"}),
                true,
            ),
            (
                "total",
                count("Всего поступило обращений и сообщений по региону"),
                false,
            ),
            ("channels", object("Поступило по каналам", channels), false),
        ],
    )
}

/// The schema of a `site.yaml` with `keys`. A list: one property per key, as DATA-FORMAT.md
/// describes them.
fn site_of(keys: &[&str], title: &str) -> Value {
    let props = keys
        .iter()
        .map(|&key| {
            let (schema, req) = match key {
                "title" => (text("Название центра, как в шапке сайта"), true),
                "municipality" => (text("Муниципальное образование"), true),
                "region" => (text("Субъект Российской Федерации"), true),
                "base_url" => (base_url("Адрес сайта (для ленты, карты сайта, открытых данных и ссылок при репосте)"), true),
                "language" => (one_of(&["ru", "en"], "Язык интерфейса; по умолчанию ru"), false),
                "address" => (text("Почтовый адрес центра"), false),
                "contacts" => (
                    object(
                        "Контакты центра",
                        vec![
                            ("phone", text("Телефон"), false),
                            ("email", json!({"type": "string", "pattern": "^[^@\\s]*@[^@\\s]*$", "description": "Электронная почта"}), false),
                        ],
                    ),
                    false,
                ),
                "official_pages" => (
                    list(
                        object(
                            "Официальная страница",
                            vec![
                                ("network", text("Социальная сеть"), true),
                                ("url", url("Адрес страницы"), true),
                            ],
                        ),
                        "Официальные страницы администрации в социальных сетях (8-ФЗ)",
                    ),
                    false,
                ),
                "documents" => (
                    list(
                        object(
                            "Документ",
                            vec![
                                ("title", text("Название документа"), true),
                                ("number", json!({"type": ["string", "integer"], "description": "Номер документа"}), false),
                                ("date", date("Дата документа"), false),
                                ("url", url("Ссылка на текст документа"), false),
                            ],
                        ),
                        "Документы: акт о создании центра, Положение и другие",
                    ),
                    false,
                ),
                "unsafe_html" => (json!({"type": "boolean", "description": "Пропускать HTML внутри Markdown (по умолчанию false)"}), false),
                "pos_export" => (
                    object(
                        "Названия столбцов выгрузки ПОС для `vitrina import`, если платформа называет их иначе",
                        crate::data::pos_export::Field::ALL
                            .iter()
                            .map(|f| (f.key(), text(f.title()), false))
                            .chain(std::iter::once((
                                "solved_statuses",
                                list(text("Статус"), "Статусы, при которых сообщение считается решённым"),
                                false,
                            )))
                            .collect(),
                    ),
                    false,
                ),
                "theme" => (slug("Папка в themes/, шаблоны которой заменяют встроенные (по умолчанию default)"), false),
                "signature" => (text("Строка подписи печатных форм, как она должна читаться: «Руководитель МЦУ Заречного муниципального округа» (по умолчанию — должность руководителя из structure.yaml)"), false),
                "inn" => (json!({"type": ["string", "integer"], "pattern": "^[0-9]{10}$", "minimum": 1_000_000_000_u64, "maximum": 9_999_999_999_u64, "description": "ИНН организации-владельца данных, 10 цифр (лучше в кавычках): начало идентификатора каждого набора открытых данных"}), false),
                "population" => (count("Численность населения муниципалитета: для показателей на 1000 жителей на сайте региона"), false),
                "report_due_day" => (json!({"type": "integer", "minimum": 1, "maximum": crate::data::site::LAST_DUE_DAY, "description": "Отчёт за месяц публикуется до этого числа следующего месяца (по умолчанию 2)"}), false),
                "post_tags" => (list(json!({"type": "string", "pattern": "^#[\\p{L}\\p{N}_]+$", "description": "Хештег: # и одно слово"}), "Хештеги, которыми `vitrina post` заканчивает готовый пост"), false),
                "source" => (
                    object(
                        "Где лежат файлы данных (репозиторий Git): ссылки «Исходные данные» и «История изменений» на страницах отчётов, решений, дорожных карт и разъяснений",
                        vec![
                            ("file", path_template("Адрес файла: {path} — путь файла от корня сайта, например https://github.com/org/site/blob/main/{path}"), true),
                            ("history", path_template("Адрес истории изменений файла, например https://github.com/org/site/commits/main/{path}"), false),
                        ],
                    ),
                    false,
                ),
                "region_site" => (json!({"const": true, "description": "true: это сайт региона, муниципалитеты лежат в data/municipalities/<id>/"}), true),
                other => (json!({"description": other}), false),
            };
            (key, schema, req)
        })
        .collect();
    object(title, props)
}

/// An address with `{path}` in it (`source:` of `site.yaml`).
fn path_template(description: &str) -> Value {
    json!({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^{}]*\\{path\\}", "description": description})
}

fn structure() -> Value {
    object(
        "Файл data/structure.yaml: состав центра управления",
        vec![
            ("curator", person("Куратор"), false),
            ("head", person("Руководитель"), false),
            (
                "roles",
                list(
                    object(
                        "Роль",
                        vec![
                            ("role", text("Роль в центре"), true),
                            ("name", text("Фамилия и инициалы"), true),
                            ("position", text("Должность"), false),
                        ],
                    ),
                    "Другие роли: администратор, ответственный за ПОС и т. п.",
                ),
                false,
            ),
            (
                "blocks",
                list(
                    object(
                        "Отраслевой блок",
                        vec![
                            ("name", text("Название блока"), true),
                            ("themes", list(text("Тема"), "Темы обращений блока"), false),
                            ("lead", person("Руководитель блока"), false),
                            (
                                "members",
                                list(person("Участник"), "Участники блока"),
                                false,
                            ),
                        ],
                    ),
                    "Отраслевые блоки",
                ),
                false,
            ),
        ],
    )
}

/// `{2024: {fast_track: …, …}}`: years of four digits, each a mapping of target keys.
fn by_year(value: Value, desc: &str) -> Value {
    // Not `object`: an empty value under a target is an error for the loader, not "no value".
    let properties: Map<String, Value> = TARGETS
        .iter()
        .map(|t| (t.key.to_string(), value.clone()))
        .collect();
    let per_target = json!({
        "type": "object",
        "description": "Значения по целевым показателям",
        "properties": properties,
        "additionalProperties": false,
    });
    json!({
        "type": "object",
        "description": desc,
        "patternProperties": {"^[0-9]{4}$": per_target},
        "additionalProperties": false,
    })
}

fn targets() -> Value {
    object(
        "Файл data/targets.yaml: плановые значения целевых показателей (Приложение № 3) и причины отклонений",
        vec![
            (
                "plans",
                by_year(
                    json!({"type": "number", "minimum": 0, "maximum": 100, "description": "Плановое значение, %, не более одного знака после запятой"}),
                    "Плановые значения по годам",
                ),
                false,
            ),
            (
                "deviation_reasons",
                by_year(
                    text("Причина отклонения от плана"),
                    "Причины отклонения по годам",
                ),
                false,
            ),
        ],
    )
}

fn channel() -> Value {
    let props = CHANNEL_KEYS
        .iter()
        .map(|&key| {
            let desc = match key {
                "total" => "Поступило всего (индикаторы 25–28)".to_string(),
                k => match Treatment::ALL.iter().find(|t| t.key() == k) {
                    Some(Treatment::FastTrack) => {
                        "Из них обработано по фаст-треку (индикаторы 1–4)".into()
                    }
                    Some(Treatment::AutoDelivery) => {
                        "Из них с автоматизированной доставкой до исполнителя (индикаторы 5–8)"
                            .into()
                    }
                    Some(Treatment::Roadmap) => {
                        "Из них по которым реализованы мероприятия дорожных карт (индикаторы 13–16)"
                            .into()
                    }
                    Some(Treatment::InfoSystems) => {
                        "Из них обработано с использованием ГИС/ВИС/СПО (индикаторы 17–20)".into()
                    }
                    Some(Treatment::AutoControl) => {
                        "Из них с автоматизированным контролем решения (индикаторы 21–24)".into()
                    }
                    None => k.to_string(),
                },
            };
            (key, count(&desc), true)
        })
        .collect();
    object(
        "Число обращений и сообщений канала за месяц; каждое число не больше total",
        props,
    )
}

/// The schema of a month's report. A list: one property after another, as DATA-FORMAT.md lists
/// them.
fn report() -> Value {
    let props = REPORT_KEYS
        .iter()
        .map(|&key| {
            let (schema, req) = match key {
                "period" => (
                    json!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "description": "Отчётный месяц ГГГГ-ММ, совпадает с именем файла"}),
                    true,
                ),
                "published" => (date("Дата публикации отчёта"), true),
                "zero_confirmed" => (
                    json!({"type": "array", "items": {"enum": Channel::ALL.iter().map(|c| c.key()).collect::<Vec<_>>()}, "description": "Каналы, по которым в этом месяце действительно не было обращений: их 0 не помечается вопросом «данных нет?»"}),
                    false,
                ),
                "channels" => (
                    object(
                        "Каналы поступления; отсутствующий канал — нули",
                        Channel::ALL
                            .iter()
                            .map(|c| (c.key(), channel(), false))
                            .collect(),
                    ),
                    true,
                ),
                "recipients" => (
                    object(
                        "Ответственные получатели на отчётную дату",
                        vec![
                            ("total", count("Всего (индикатор 10)"), true),
                            ("informing", count("Из них информируют в социальных сетях (индикатор 9)"), true),
                        ],
                    ),
                    true,
                ),
                "themes" => (
                    list(
                        object(
                            "Тема",
                            vec![
                                ("theme", text("Тема"), true),
                                ("received", count("Поступило по всем каналам"), true),
                                ("repeated", count("Из них повторных"), false),
                                ("overdue", count("Из них с нарушением срока"), false),
                                ("postponed", count("Из них отложенных"), false),
                                ("solved", count("Из них решённых"), false),
                            ],
                        ),
                        "Обращения по темам, все каналы вместе",
                    ),
                    false,
                ),
                "recipients_rating" => (
                    list(
                        object(
                            "Ответственный получатель",
                            vec![
                                ("name", text("Наименование"), true),
                                ("received", count("Поступило"), true),
                                ("on_time", count("Из них рассмотрено в срок"), false),
                                ("solved", count("Из них решено"), false),
                                ("satisfaction", json!({"type": "number", "minimum": 1, "maximum": 5, "description": "Средняя оценка ответа, от 1 до 5, не более одного знака после запятой"}), false),
                            ],
                        ),
                        "Рейтинг ответственных получателей",
                    ),
                    false,
                ),
                "satisfaction" => (
                    object(
                        "Опрос об удовлетворённости ответами",
                        vec![
                            ("responses", count("Ответили на опрос"), true),
                            ("satisfied", count("Из них удовлетворены"), true),
                        ],
                    ),
                    false,
                ),
                "summary" => (json!({"type": "string", "description": "Комментарий пресс-службы (Markdown)"}), false),
                "corrections" => (
                    list(
                        object(
                            "Исправление",
                            vec![
                                ("date", date("Дата исправления, не раньше даты публикации"), true),
                                ("text", text("Что изменилось: какое число исправлено и каким оно было в первой редакции"), true),
                            ],
                        ),
                        "Исправления после публикации, от старых к новым",
                    ),
                    false,
                ),
                other => (json!({"description": other}), false),
            };
            (key, schema, req)
        })
        .collect();
    object(
        "Файл data/reports/ГГГГ-ММ.yaml: ежемесячный отчёт по 28 индикаторам (Приложение № 1). Индикаторы 11 и 12 считаются по data/decisions/",
        props,
    )
}

fn decisions() -> Value {
    let props = DECISION_KEYS
        .iter()
        .map(|&key| {
            let (schema, req) = match key {
                "id" => (
                    slug("Идентификатор решения, уникальный во всех файлах; часть адреса страницы"),
                    true,
                ),
                "title" => (text("Решение"), true),
                "kind" => (
                    one_of(
                        &DecisionKind::ALL.map(DecisionKind::key),
                        "Форма участия: голосование, опрос, обсуждение",
                    ),
                    true,
                ),
                "adopted" => (date("Дата принятия"), true),
                "theme" => (text("Тема"), false),
                "participants" => (count("Число участников"), false),
                "source_url" => (
                    url("Ссылка на голосование, опрос или обсуждение на ПОС"),
                    false,
                ),
                "status" => (
                    one_of(
                        &DecisionStatus::ALL.map(DecisionStatus::key),
                        "Статус: запланировано, выполняется, выполнено, отменено",
                    ),
                    true,
                ),
                "result" => (text("Итог (Markdown)"), false),
                "milestones" => (
                    list(
                        object(
                            "Этап",
                            vec![
                                ("date", date("Дата"), true),
                                ("text", text("Что сделано"), true),
                            ],
                        ),
                        "Этапы выполнения",
                    ),
                    false,
                ),
                "informing" => (
                    list(
                        object(
                            "Публикация о реализации решения",
                            vec![
                                (
                                    "date",
                                    date("Дата публикации, не раньше даты принятия"),
                                    true,
                                ),
                                ("network", text("Социальная сеть"), true),
                                ("url", url("Ссылка на публикацию"), true),
                            ],
                        ),
                        "Публикации о реализации решения в социальных сетях",
                    ),
                    false,
                ),
                other => (json!({"description": other}), false),
            };
            (key, schema, req)
        })
        .collect();
    list(
        object("Решение", props),
        "Файл data/decisions/*.yaml: решения, принятые с участием жителей через ПОС (список)",
    )
}

fn roadmap() -> Value {
    let measure = {
        let mut m = object(
            "Мероприятие",
            vec![
                ("title", text("Мероприятие"), true),
                ("responsible", text("Ответственный"), false),
                ("due", date("Срок"), true),
                ("done", date("Дата выполнения"), false),
                (
                    "progress",
                    json!({"type": "integer", "minimum": 0, "maximum": 100, "description": "Процент выполнения"}),
                    false,
                ),
                ("cancelled", text("Причина отмены"), false),
                (
                    "late_reason",
                    text(
                        "Почему мероприятие выполнено позже срока (показывается на странице дорожной карты)",
                    ),
                    false,
                ),
            ],
        );
        m["not"] = json!({"required": ["done", "cancelled"], "description": "выполненное мероприятие не может быть отменено"});
        m
    };
    let props = ROADMAP_KEYS
        .iter()
        .map(|&key| {
            let (schema, req) = match key {
                "id" => (
                    slug("Идентификатор дорожной карты; часть адреса страницы"),
                    true,
                ),
                "title" => (text("Название"), true),
                "theme" => (text("Тема обращений, как в ежемесячных отчётах"), false),
                "root_cause" => (
                    text("Причина обращений, которую устраняет дорожная карта"),
                    false,
                ),
                "approved" => (date("Дата утверждения"), true),
                "owner" => (person("Ответственный за дорожную карту"), false),
                "measures" => (list(measure.clone(), "Мероприятия"), false),
                other => (json!({"description": other}), false),
            };
            (key, schema, req)
        })
        .collect();
    object("Файл data/roadmaps/*.yaml: одна дорожная карта", props)
}

fn clarifications() -> Value {
    let props = CLARIFICATION_KEYS
        .iter()
        .map(|&key| {
            let (schema, req) = match key {
                "id" => (
                    {
                        let mut id = slug(
                            "Идентификатор разъяснения, уникальный во всех файлах; часть адреса страницы (не из одних цифр и не `topic`)",
                        );
                        id["not"] = json!({"pattern": "^([0-9]+|topic)$", "description": "год и `topic` — адреса подборок"});
                        id
                    },
                    true,
                ),
                "date" => (date("Дата публикации разъяснения"), true),
                "topic" => (text("Тема, как темы обращений в ежемесячных отчётах"), true),
                "claim" => (
                    text("Что распространялось: слух или недостоверное сообщение, коротко"),
                    true,
                ),
                "answer" => (text("Официальное разъяснение (Markdown)"), true),
                "links" => (
                    {
                        let mut l = list(
                            url("Ссылка на официальную публикацию"),
                            "Официальные публикации с разъяснением, хотя бы одна",
                        );
                        l["minItems"] = json!(1);
                        l
                    },
                    true,
                ),
                "source" => (
                    text("Где распространялся слух (паблик, чат), без персональных данных"),
                    false,
                ),
                other => (json!({"description": other}), false),
            };
            (key, schema, req)
        })
        .collect();
    list(
        object("Разъяснение", props),
        "Файл data/clarifications/*.yaml: ответы на информационные риски (список)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &Value) -> Vec<String> {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut k: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    }

    #[test]
    fn schemas_have_exactly_the_keys_the_loaders_accept() {
        assert_eq!(keys(&site()), sorted(SITE_KEYS));
        assert_eq!(keys(&region_site()), sorted(REGION_SITE_KEYS));
        assert_eq!(keys(&report()), sorted(REPORT_KEYS));
        assert_eq!(keys(&channel()), sorted(CHANNEL_KEYS));
        let channels: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
        assert_eq!(keys(&report()["properties"]["channels"]), sorted(&channels));
        assert_eq!(keys(&decisions()["items"]), sorted(DECISION_KEYS));
        assert_eq!(keys(&roadmap()), sorted(ROADMAP_KEYS));
        assert_eq!(keys(&clarifications()["items"]), sorted(CLARIFICATION_KEYS));
        let target_keys: Vec<&str> = TARGETS.iter().map(|t| t.key).collect();
        assert_eq!(
            keys(&targets()["properties"]["plans"]["patternProperties"]["^[0-9]{4}$"]),
            sorted(&target_keys)
        );
    }

    #[test]
    fn every_property_is_described_in_russian() {
        fn walk(v: &Value, path: &str) {
            if let Some(props) = v.get("properties").and_then(Value::as_object) {
                for (k, p) in props {
                    let desc = p["description"].as_str().unwrap_or_default();
                    assert!(
                        desc.chars()
                            .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё')),
                        "{path}.{k} has no Russian description"
                    );
                    walk(p, &format!("{path}.{k}"));
                }
            }
            if let Some(items) = v.get("items") {
                walk(items, &format!("{path}[]"));
            }
            if let Some(pp) = v.get("patternProperties").and_then(Value::as_object) {
                for p in pp.values() {
                    walk(p, &format!("{path}.YYYY"));
                }
            }
        }
        for (kind, s) in schemas("https://x.ru/") {
            walk(&s, kind);
        }
    }

    #[test]
    fn optional_properties_accept_an_empty_value() {
        let r = report();
        assert_eq!(
            r["properties"]["summary"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(r["properties"]["period"]["type"], json!("string"));
        let d = decisions();
        assert_eq!(
            d["items"]["properties"]["kind"]["enum"],
            json!(["vote", "survey", "discussion"])
        );
        assert_eq!(
            d["items"]["properties"]["status"]["enum"],
            json!(["planned", "in_progress", "done", "cancelled"])
        );
        assert_eq!(
            site()["properties"]["language"]["enum"],
            json!(["ru", "en", null])
        );
    }
}
