//! `data/site.yaml` and `data/structure.yaml`: who publishes and who runs the centre.

use super::decode::{self, Fields, fields};
use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Noun};
use crate::source::Span;
use crate::t;
use crate::yaml::Node;
use chrono::NaiveDate;
use serde::Serialize;

/// The interface language: what Vitrina's messages to the publisher are written in.
pub use crate::diag::Lang as Language;

/// The language for a command run in `root`: `chosen` (`--lang`), else `language` of
/// `data/site.yaml`, else Russian.
pub fn language_for(root: &std::path::Path, chosen: Option<Language>) -> Language {
    chosen
        .or_else(|| {
            let path = root.join("data").join("site.yaml");
            let text = String::from_utf8(super::read_limited(&path).ok()?).ok()?;
            let mut sources = crate::source::Sources::new();
            sources.add(root, &path, text);
            language_of(&sources)
        })
        .unwrap_or_default()
}

/// The `language` of `data/site.yaml` when it is `ru` or `en`, read on its own so that messages
/// follow it even when the rest of the file, or of the site, is broken.
pub fn language_of(sources: &crate::source::Sources) -> Option<Language> {
    let file = sources.find("data/site.yaml")?;
    let node = crate::yaml::parse(&sources.get(file).text, file, 0, &mut Diagnostics::new())?;
    match node.get("language")?.scalar()? {
        "ru" => Some(Language::Ru),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// `data/site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub municipality: String,
    /// Where `municipality` is written (none in a region's own `site.yaml`).
    #[serde(skip)]
    pub municipality_span: Option<Span>,
    pub region: String,
    /// Absolute `http(s)`, as the `url` crate writes it, always ending in `/`, without a query
    /// or fragment (see [`super::http_url`]).
    pub base_url: crate::routes::BaseUrl,
    pub language: Language,
    pub address: Option<String>,
    pub contacts: Contacts,
    pub official_pages: Vec<OfficialPage>,
    pub documents: Vec<Document>,
    /// Lets raw HTML in Markdown through (off by default, as in Hugo).
    pub unsafe_html: bool,
    /// The folder under `themes/` that overrides the built-in theme (`default`).
    pub theme: String,
    /// The signature line of the printed forms, as written («Руководитель МЦУ Заречного
    /// муниципального округа»); without it, the head's position from `structure.yaml`.
    pub signature: Option<String>,
    /// The publisher's INN, ten digits with a valid check digit: the prefix of every open-data
    /// identifier (`ИНН-код`), as the Методические рекомендации write them.
    pub inn: Option<String>,
    /// Inhabitants of the municipality (optional), for the region's figures per 1,000.
    pub population: Option<u64>,
    /// `region_site: true`: this `site.yaml` is a region's, whose municipalities lie in
    /// `data/municipalities/<id>/`; `municipality` is then empty.
    pub region_site: bool,
    /// `pos_export:`: how the feedback platform's export names its columns (`vitrina import`).
    #[serde(skip)]
    pub pos_export: super::pos_export::PosExport,
    /// `report_due_day:`: a month's report is due on this day of the next month (1 to 28;
    /// [`DEFAULT_DUE_DAY`] without the key).
    pub report_due_day: u32,
    /// `post_tags:`: the hashtags `vitrina post` ends a post with, each `#` and a word.
    pub post_tags: Vec<String>,
    /// `source:`: where the data files are kept, for each page's «Исходные данные» and
    /// «История изменений» links. Inside a region, the region's (paths from its root).
    #[serde(skip)]
    pub source: Option<Source>,
}

/// `source: {file: …, history: …}` of `site.yaml`: the address of a data file and of its
/// history on the host that keeps the site's folder (GitHub, GitLab, any other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: super::http_url::PathTemplate,
    pub history: Option<super::http_url::PathTemplate>,
}

/// The day of the next month a report is due on when `site.yaml` does not say: the 2nd, as the
/// Положение sets it.
pub const DEFAULT_DUE_DAY: u32 = 2;

/// The last day `report_due_day` may name: every month has it, so a due date always exists.
pub const LAST_DUE_DAY: u32 = 28;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contacts {
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficialPage {
    pub network: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub title: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
}

pub(crate) const SITE_KEYS: &[&str] = &[
    "title",
    "municipality",
    "region",
    "base_url",
    "language",
    "address",
    "contacts",
    "official_pages",
    "documents",
    "unsafe_html",
    "theme",
    "signature",
    "inn",
    "pos_export",
    "population",
    "report_due_day",
    "post_tags",
    "source",
];

/// The keys of a region's `data/site.yaml` (`region_site: true`): a site's, without
/// `municipality` and `population`.
pub(crate) const REGION_SITE_KEYS: &[&str] = &[
    "region_site",
    "title",
    "region",
    "base_url",
    "language",
    "address",
    "contacts",
    "official_pages",
    "documents",
    "unsafe_html",
    "theme",
    "inn",
    "source",
];

/// Whether a parsed `site.yaml` says `region_site: true`.
pub fn is_region(node: &Node) -> bool {
    node.get("region_site")
        .and_then(|n| n.scalar())
        .is_some_and(|v| v == "true")
}

/// Reads `site.yaml`; `None` when a required value is missing or wrong.
pub fn read_site(node: &Node, d: &mut Diagnostics) -> Option<Site> {
    read_site_as(node, false, d)
}

/// Reads a region's `site.yaml` ([`REGION_SITE_KEYS`]).
pub fn read_region_site(node: &Node, d: &mut Diagnostics) -> Option<Site> {
    read_site_as(node, true, d)
}

/// A list: one entry per key of `site.yaml` ([`SITE_KEYS`], [`REGION_SITE_KEYS`]), each read
/// by its decoder, then the site if none of them failed.
fn read_site_as(node: &Node, region_site: bool, d: &mut Diagnostics) -> Option<Site> {
    let keys = if region_site {
        REGION_SITE_KEYS
    } else {
        SITE_KEYS
    };
    let f = fields(node, Noun::new("сайт", "site"), keys, d)?;
    let errors = d.errors();
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let municipality_node = (!region_site)
        .then(|| f.required("municipality", d))
        .flatten();
    let municipality = if region_site {
        Some(String::new())
    } else {
        municipality_node.and_then(|n| decode::text(n, d))
    };
    if let Some(n) = f.optional("region_site") {
        decode::boolean(n, d);
    }
    let population = f.optional("population").and_then(|n| decode::count(n, d));
    let region = f.required("region", d).and_then(|n| decode::text(n, d));
    let base_url = f
        .required("base_url", d)
        .and_then(|n| decode::base_url(n, d));
    let language = read_language(f.optional("language"), d);
    let address = f.optional("address").and_then(|n| decode::text(n, d));
    let contacts = f
        .optional("contacts")
        .and_then(|n| read_contacts(n, d))
        .unwrap_or_default();
    if contacts.phone.is_none() {
        d.push(phone_missing(&f));
    }
    let official_pages = list(
        &f,
        "official_pages",
        Noun::new("официальные страницы", "official pages"),
        d,
        read_official_page,
    );
    let documents = list(
        &f,
        "documents",
        Noun::new("документы", "documents"),
        d,
        read_document,
    );
    let unsafe_html = f
        .optional("unsafe_html")
        .and_then(|n| decode::boolean(n, d))
        .unwrap_or(false);
    let theme = f
        .optional("theme")
        .and_then(|n| decode::slug(n, d))
        .unwrap_or_else(|| "default".to_string());
    let signature = f.optional("signature").and_then(|n| decode::text(n, d));
    let inn = match f.optional("inn") {
        Some(n) => read_inn(n, d),
        None => {
            d.push(inn_missing(&f));
            None
        }
    };
    // Used by `vitrina import`; read here so that `check` shows its mistakes too.
    let pos_export = f
        .optional("pos_export")
        .map(|n| super::pos_export::PosExport::read(n, d))
        .unwrap_or_default();
    let report_due_day = f
        .optional("report_due_day")
        .and_then(|n| read_due_day(n, d))
        .unwrap_or(DEFAULT_DUE_DAY);
    let post_tags = list(
        &f,
        "post_tags",
        Noun::new("хештеги", "hashtags"),
        d,
        read_post_tag,
    );
    let source = f.optional("source").and_then(|n| read_source(n, d));
    if d.errors() > errors {
        return None;
    }
    Some(Site {
        title: title?,
        municipality: municipality?,
        municipality_span: municipality_node.map(|n| n.span),
        region: region?,
        base_url: base_url?,
        language: language?,
        address,
        contacts,
        official_pages,
        documents,
        unsafe_html,
        theme,
        signature,
        inn,
        population,
        region_site,
        pos_export,
        report_due_day,
        post_tags,
        source,
    })
}

/// `language:` `ru` (when absent) or `en`.
fn read_language(node: Option<&Node>, d: &mut Diagnostics) -> Option<Language> {
    match node {
        None => Some(Language::Ru),
        Some(n) => match n.scalar() {
            Some("ru") => Some(Language::Ru),
            Some("en") => Some(Language::En),
            _ => {
                d.push(
                    decode::expected(n, t!("`ru` или `en`", "`ru` or `en`"))
                        .with_code(codes::LANGUAGE),
                );
                None
            }
        },
    }
}

/// The warning for a site without `inn`: its open-data identifiers go without it.
fn inn_missing(f: &Fields) -> Diagnostic {
    Diagnostic::warning(
        codes::INN_MISSING,
        t!(
            "в site.yaml нет `inn`: идентификаторы наборов открытых данных опубликованы без ИНН",
            "site.yaml has no `inn`: the open-data sets are published without the INN in their identifiers"
        ),
    )
    .at(
        f.head_span(),
        t!("здесь нет ключа `inn`", "no `inn` key here"),
    )
    .help(t!(
        "добавьте строку `inn: \"…\"` с ИНН организации-владельца данных (10 цифр): методические рекомендации по открытым данным требуют идентификатор набора вида `ИНН-код`",
        "add `inn: \"…\"` with the data owner's INN (10 digits): the open-data guidelines write a set's identifier as `INN-code`"
    ))
}

/// `source: {file: …, history: …}`: two addresses with `{path}` in them, `history` optional.
fn read_source(node: &Node, d: &mut Diagnostics) -> Option<Source> {
    let f = fields(
        node,
        Noun::new("исходные файлы", "source"),
        &["file", "history"],
        d,
    )?;
    let template = |n: &Node, d: &mut Diagnostics| {
        let text = decode::text(n, d)?;
        super::http_url::PathTemplate::parse(&text)
            .map_err(|refusal| d.push(refusal.at(n.span)))
            .ok()
    };
    let file = f.required("file", d).and_then(|n| template(n, d));
    let history = match f.optional("history") {
        Some(n) => Some(template(n, d)?),
        None => None,
    };
    Some(Source {
        file: file?,
        history,
    })
}

/// A `site.yaml` without `contacts: {phone: …}`: every open-data passport names the publisher's
/// phone (`publisherphone`), which would be empty. A municipality of a region gets the warning at
/// its own `site.yaml`: its passports name it, not the region, as the publisher, so the region's
/// phone is not put in its place.
fn phone_missing(f: &Fields) -> Diagnostic {
    let (span, label) = match f.key_span("contacts") {
        Some(span) => (span, t!("здесь нет телефона `phone`", "no `phone` here")),
        None => (
            f.head_span(),
            t!("здесь нет ключа `contacts`", "no `contacts` key here"),
        ),
    };
    Diagnostic::warning(
        codes::PHONE_MISSING,
        t!(
            "в site.yaml нет телефона (`contacts: {{phone: …}}`): паспорта наборов открытых данных опубликованы без телефона владельца данных",
            "site.yaml has no phone (`contacts: {{phone: …}}`): the open-data passports are published without the publisher's phone"
        ),
    )
    .at(span, label)
    .help(t!(
        "добавьте телефон МЦУ: `contacts: {{phone: \"+7 800 000-00-00\", email: \"…\"}}`; методические рекомендации по открытым данным требуют его в паспорте набора (`publisherphone`)",
        "add the centre's phone: `contacts: {{phone: \"+7 800 000-00-00\", email: \"…\"}}`; the open-data guidelines require it in each passport (`publisherphone`)"
    ))
}

/// `report_due_day`: a day every month has, so that each month's report has a due date.
fn read_due_day(node: &Node, d: &mut Diagnostics) -> Option<u32> {
    let found = node.scalar().unwrap_or_default().trim().to_string();
    match found.parse::<u32>() {
        Ok(day) if (1..=LAST_DUE_DAY).contains(&day) => Some(day),
        _ => {
            d.push(
                Diagnostic::error(
                    codes::REPORT_DUE_DAY,
                    t!(
                        "`report_due_day` — день месяца от 1 до 28, а записано `{found}`",
                        "`report_due_day` is a day of the month from 1 to 28, found `{found}`"
                    ),
                )
                .at(
                    node.span,
                    t!("ожидается число от 1 до 28", "expected a day from 1 to 28"),
                )
                .help(t!(
                    "отчёт за месяц публикуют до этого числа следующего месяца; по умолчанию 2 (до 2-го числа). Дни 29–31 есть не в каждом месяце",
                    "a month's report is due by this day of the next month; 2 by default. Days 29 to 31 are not in every month"
                )),
            );
            None
        }
    }
}

/// A hashtag of `post_tags`: `#` and one word of letters, digits and `_`, as the social
/// networks read one (a space or a hyphen ends the tag there).
fn read_post_tag(node: &Node, d: &mut Diagnostics) -> Option<String> {
    let tag = decode::text(node, d)?;
    let word = tag.strip_prefix('#').unwrap_or_default();
    let ok = !word.is_empty()
        && word.chars().count() <= MAX_TAG_CHARS
        && word.chars().all(|c| c.is_alphanumeric() || c == '_')
        && word.chars().any(char::is_alphabetic);
    if ok {
        return Some(tag);
    }
    let shown = if tag.chars().count() > 40 {
        format!("{}…", tag.chars().take(40).collect::<String>())
    } else {
        tag.clone()
    };
    let fixed: String = tag
        .trim_start_matches('#')
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .take(MAX_TAG_CHARS)
        .collect();
    let help = if fixed.chars().any(char::is_alphabetic) {
        t!(
            "хештег — `#` и одно слово из букв, цифр и `_`, без пробелов и дефисов, до {MAX_TAG_CHARS} знаков, например `\"#{fixed}\"` (в кавычках: без них `#` начинает комментарий YAML)",
            "a hashtag is `#` and one word of letters, digits and `_`, without spaces or hyphens, at most {MAX_TAG_CHARS} characters, such as `\"#{fixed}\"` (quoted: unquoted, `#` starts a YAML comment)"
        )
    } else {
        t!(
            "хештег — `#` и одно слово из букв, цифр и `_`, например `\"#МЦУ\"` (в кавычках: без них `#` начинает комментарий YAML)",
            "a hashtag is `#` and one word of letters, digits and `_`, such as `\"#МЦУ\"` (quoted: unquoted, `#` starts a YAML comment)"
        )
    };
    d.push(
        Diagnostic::error(
            codes::POST_TAG,
            t!(
                "`{shown}` — не хештег: нужен `#` и одно слово из букв, цифр или `_`",
                "`{shown}` is not a hashtag: `#` and one word of letters, digits or `_`"
            ),
        )
        .at(node.span, t!("не хештег", "not a hashtag"))
        .help(help),
    );
    None
}

/// The longest hashtag word accepted, in characters: longer ones are not read as tags by the
/// networks, and a post must keep room for its text.
pub const MAX_TAG_CHARS: usize = 50;

/// Whether ten digits are an organisation's INN: the tenth is the check digit of the first nine
/// (weights 2, 4, 10, 3, 5, 9, 4, 6, 8; the sum modulo 11, then modulo 10).
pub fn inn_check_digit_ok(inn: &str) -> bool {
    const WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let digits: Vec<u32> = inn.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || inn.len() != 10 {
        return false;
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    sum % 11 % 10 == digits[9]
}

/// `inn`: an organisation's INN, ten digits whose last is the check digit.
fn read_inn(node: &Node, d: &mut Diagnostics) -> Option<String> {
    let text = decode::text(node, d)?;
    let inn = text.trim();
    if inn.len() != 10 || !inn.bytes().all(|b| b.is_ascii_digit()) {
        let count = inn.chars().filter(char::is_ascii_digit).count();
        let message = if count == 10 {
            t!(
                "`{inn}` — не ИНН организации: ИНН пишется одними цифрами, без пробелов и знаков",
                "`{inn}` is not an organisation's INN: an INN is digits only, without spaces or signs"
            )
        } else {
            t!(
                "`{inn}` — не ИНН организации: нужно 10 цифр, здесь {count}",
                "`{inn}` is not an organisation's INN: it has 10 digits, this has {count}"
            )
        };
        d.push(
            Diagnostic::error(codes::INN, message)
            .at(
                node.span,
                t!("ожидается ИНН из 10 цифр", "expected an INN of 10 digits"),
            )
            .help(t!(
                "ИНН юридического лица — 10 цифр без пробелов, например `inn: \"9900000017\"`; он есть в выписке из ЕГРЮЛ",
                "an organisation's INN is 10 digits without spaces, such as `inn: \"9900000017\"`; it is on the extract from the register (ЕГРЮЛ)"
            )),
        );
        return None;
    }
    if !inn_check_digit_ok(inn) {
        d.push(
            Diagnostic::error(
                codes::INN,
                t!(
                    "`{inn}` — не ИНН: контрольная цифра не сходится",
                    "`{inn}` is not an INN: its check digit does not match"
                ),
            )
            .at(
                node.span,
                t!(
                    "контрольная цифра не сходится",
                    "the check digit does not match"
                ),
            )
            .help(t!(
                "в ИНН опечатка: сверьте его с выпиской из ЕГРЮЛ",
                "the INN has a typo: compare it with the extract from the register (ЕГРЮЛ)"
            )),
        );
        return None;
    }
    Some(inn.to_string())
}

/// Reads the list under `key` item by item, keeping the items that read well.
pub fn list<T>(
    f: &Fields,
    key: &str,
    what: Noun,
    d: &mut Diagnostics,
    read: impl Fn(&Node, &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    let Some(node) = f.optional(key) else {
        return Vec::new();
    };
    decode::seq(node, what, d)
        .map(|items| items.iter().filter_map(|n| read(n, d)).collect())
        .unwrap_or_default()
}

fn read_contacts(node: &Node, d: &mut Diagnostics) -> Option<Contacts> {
    let f = fields(
        node,
        Noun::new("контакты", "contacts"),
        &["phone", "email"],
        d,
    )?;
    let phone = f.optional("phone").and_then(|n| decode::text(n, d));
    let email = f.optional("email").and_then(|n| decode::text(n, d));
    if let (Some(e), Some(n)) = (&email, f.optional("email"))
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        d.push(
            Diagnostic::error(
                codes::EMAIL,
                t!(
                    "`{e}` — не адрес электронной почты",
                    "`{e}` is not an e-mail address"
                ),
            )
            .at(
                n.span,
                t!("ожидается адрес вида имя@домен", "expected name@domain"),
            ),
        );
    }
    Some(Contacts { phone, email })
}

fn read_official_page(node: &Node, d: &mut Diagnostics) -> Option<OfficialPage> {
    let f = fields(
        node,
        Noun::new("официальная страница", "official page"),
        &["network", "url"],
        d,
    )?;
    let network = f.required("network", d).and_then(|n| decode::text(n, d));
    let url = f.required("url", d).and_then(|n| decode::url(n, d));
    Some(OfficialPage {
        network: network?,
        url: url?,
    })
}

fn read_document(node: &Node, d: &mut Diagnostics) -> Option<Document> {
    let f = fields(
        node,
        Noun::new("документ", "document"),
        &["title", "number", "date", "url"],
        d,
    )?;
    let title = f.required("title", d).and_then(|n| decode::text(n, d));
    let number = f.optional("number").and_then(|n| decode::text(n, d));
    let date = f.optional("date").and_then(|n| decode::date(n, d));
    let url = f.optional("url").and_then(|n| decode::url(n, d));
    Some(Document {
        title: title?,
        number,
        date,
        url,
    })
}

/// A named official.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub position: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub role: String,
    pub name: String,
    pub position: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub name: String,
    pub themes: Vec<String>,
    pub lead: Option<Person>,
    pub members: Vec<Person>,
}

/// `data/structure.yaml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Structure {
    pub curator: Option<Person>,
    pub head: Option<Person>,
    pub roles: Vec<Role>,
    pub blocks: Vec<Block>,
}

/// Reads `structure.yaml`.
pub fn read_structure(node: &Node, d: &mut Diagnostics) -> Option<Structure> {
    let f = fields(
        node,
        Noun::new("структура", "structure"),
        &["curator", "head", "roles", "blocks"],
        d,
    )?;
    let curator = f.optional("curator").and_then(|n| read_person(n, d));
    let head = f.optional("head").and_then(|n| read_person(n, d));
    let roles = list(&f, "roles", Noun::new("роли", "roles"), d, read_role);
    let blocks = list(&f, "blocks", Noun::new("блоки", "blocks"), d, read_block);
    Some(Structure {
        curator,
        head,
        roles,
        blocks,
    })
}

fn read_person(node: &Node, d: &mut Diagnostics) -> Option<Person> {
    read_person_as(node, Noun::new("сотрудник", "person"), d)
}

/// A `{name, position}` mapping, named `what` in messages (a road map's owner, a block's lead).
pub fn read_person_as(node: &Node, what: Noun, d: &mut Diagnostics) -> Option<Person> {
    let f = fields(node, what, &["name", "position"], d)?;
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let position = f.optional("position").and_then(|n| decode::text(n, d));
    Some(Person {
        name: name?,
        position,
    })
}

fn read_role(node: &Node, d: &mut Diagnostics) -> Option<Role> {
    let f = fields(
        node,
        Noun::new("роль", "role"),
        &["role", "name", "position"],
        d,
    )?;
    let role = f.required("role", d).and_then(|n| decode::text(n, d));
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let position = f.optional("position").and_then(|n| decode::text(n, d));
    Some(Role {
        role: role?,
        name: name?,
        position,
    })
}

fn read_block(node: &Node, d: &mut Diagnostics) -> Option<Block> {
    let f = fields(
        node,
        Noun::new("блок", "block"),
        &["name", "themes", "lead", "members"],
        d,
    )?;
    let name = f.required("name", d).and_then(|n| decode::text(n, d));
    let themes = list(&f, "themes", Noun::new("темы", "themes"), d, decode::text);
    let lead = f.optional("lead").and_then(|n| read_person(n, d));
    let members = list(
        &f,
        "members",
        Noun::new("сотрудники", "members"),
        d,
        read_person,
    );
    Some(Block {
        name: name?,
        themes,
        lead,
        members,
    })
}

#[cfg(test)]
mod inn_tests {
    use super::inn_check_digit_ok;

    #[test]
    fn an_inn_is_ten_digits_whose_last_checks_the_rest() {
        // The weighted sum of 990012345 is 9·2 + 9·4 + 1·5 + 2·9 + 3·4 + 4·6 + 5·8 = 153;
        // 153 mod 11 = 10, and 10 mod 10 = 0: the tenth digit.
        for good in ["9900123450", "9900000017", "0000000000", "7707083893"] {
            assert!(inn_check_digit_ok(good), "{good}");
        }
        for bad in [
            "9900123451",
            "9900000018",
            "990012345",
            "99001234500",
            "99001 2345",
            "99001234５0",
            "",
        ] {
            assert!(!inn_check_digit_ok(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod schedule_and_post_tests {
    use super::*;
    use crate::source::FileId;

    const SITE: &str = "title: \"МЦУ\"\nmunicipality: \"Округ\"\nregion: \"Область\"\nbase_url: \"https://x.ru/\"\ninn: \"9900000017\"\ncontacts: {phone: \"+7 800 000-00-00\"}\n";

    fn read(extra: &str) -> (Option<Site>, Vec<(&'static str, usize)>) {
        let text = format!("{SITE}{extra}");
        let mut d = Diagnostics::new();
        let node = crate::yaml::parse(&text, FileId(0), 0, &mut d).unwrap();
        let site = read_site(&node, &mut d);
        let at = d
            .iter()
            .map(|x| match x.location {
                crate::diag::Location::Span(s) => {
                    (x.code, crate::source::line_col(&text, s.start).0)
                }
                _ => (x.code, 0),
            })
            .collect();
        (site, at)
    }

    #[test]
    fn a_report_is_due_on_the_second_unless_the_site_says_another_day() {
        assert_eq!(read("").0.unwrap().report_due_day, DEFAULT_DUE_DAY);
        assert_eq!(read("report_due_day: 10\n").0.unwrap().report_due_day, 10);
        assert_eq!(read("report_due_day: 28\n").0.unwrap().report_due_day, 28);
    }

    #[test]
    fn a_due_day_outside_one_to_twenty_eight_is_an_error_at_its_line() {
        for bad in ["0", "29", "31", "-1", "2.5", "второе"] {
            let (site, diags) = read(&format!("report_due_day: {bad}\n"));
            assert!(site.is_none(), "{bad}");
            assert_eq!(diags, [(codes::REPORT_DUE_DAY, 7)], "{bad}");
        }
    }

    #[test]
    fn post_tags_are_hashtags_of_one_word() {
        let (site, diags) = read("post_tags: [\"#МЦУ\", \"#Заречный_округ\", \"#2025год\"]\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            site.unwrap().post_tags,
            ["#МЦУ", "#Заречный_округ", "#2025год"]
        );
        for bad in [
            "\"МЦУ\"",
            "\"#МЦУ Заречный\"",
            "\"#\"",
            "\"#мцу-2025\"",
            "\"#2025\"",
            "\"##МЦУ\"",
        ] {
            let (site, diags) = read(&format!("post_tags:\n  - \"#Хорошо\"\n  - {bad}\n"));
            assert!(site.is_none(), "{bad}");
            assert_eq!(diags, [(codes::POST_TAG, 9)], "{bad}");
        }
    }
}
