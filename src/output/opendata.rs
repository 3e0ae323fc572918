//! The layout of the Russian Методические рекомендации по публикации открытых данных (v3.0):
//! a registry `/opendata/list.csv`, and per data set a passport `meta.csv`, the data file
//! `data-YYYYMMDD-structure-YYYYMMDD.csv` and the structure file `structure-YYYYMMDD.csv`.
//!
//! Every date comes from the data: the data version is the as-of date, `created` is the date the
//! first monthly report was published, `valid` is the date the next report is due
//! (`report_due_day` of the month after the next one), a structure version is dated when data in
//! that layout was first published ([`super::table::Layout::date`]). A correction to a report is
//! a change of the data like a new report: its date counts in the as-of date, so a correction
//! made after everything else is the passports' `modified`, and `provenance` (the content of the
//! last change) names it. A static site keeps only the current
//! version of each file; earlier versions stay where a publisher archived them.
//!
//! Identifiers are `mcu-<set>`, or `ИНН-mcu-<set>` with `inn` in `site.yaml` (the guidelines'
//! `ИНН-код`). The passport's lines ([`passport`]) make both `meta.csv` and the HTML passport
//! page (`/opendata/<identifier>/`, rendered with the `/opendata/` registry page).

use super::csv::{Field, Writer};
use super::table::DataSet;
use crate::data::Dataset;
use crate::metrics::Figures;
use crate::write::Output;
use chrono::NaiveDate;

/// The version of the guidelines followed, as they name it.
pub const STANDARD_VERSION: &str = "http://opendata.gosmonitor.ru/standard/3.0";

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// What every passport shares: the dates the data gives and the publisher's INN.
#[derive(Debug, Clone)]
pub struct Registry {
    /// The data version: the as-of date.
    pub data: NaiveDate,
    /// The first monthly report's publication.
    pub created: NaiveDate,
    /// When the next monthly report is due: the data is current until then.
    pub valid: NaiveDate,
    /// Every report's publication, in the order of the reports: structure versions are dated
    /// from them.
    pub published: Vec<NaiveDate>,
    /// The publisher's INN (`inn` of `site.yaml`), the prefix of every identifier.
    pub inn: Option<String>,
    /// The publisher: the centre's (or the region's) title, who answers for the data and how
    /// to reach them.
    pub owner: String,
    pub responsible: String,
    pub phone: String,
    pub email: String,
    pub base_url: crate::routes::BaseUrl,
    /// The first monthly report the data holds: with `latest`, the months it covers.
    pub first: Option<crate::period::Period>,
    /// The latest monthly report the data holds, for the passport's provenance.
    pub latest: Option<crate::period::Period>,
    /// The latest correction, when it is the newest change to the reports: the passport's
    /// provenance says what it was.
    pub correction: Option<crate::metrics::publication::Corrected>,
}

impl Registry {
    pub fn of(ds: &Dataset, fig: &Figures) -> Registry {
        let published: Vec<NaiveDate> = ds.reports.iter().map(|r| r.published).collect();
        let created = published.iter().copied().min().unwrap_or(fig.as_of.date);
        let valid = fig.next_report.due;
        Registry {
            data: fig.as_of.date,
            created,
            valid,
            published,
            inn: ds.site.inn.clone(),
            owner: ds.site.title.clone(),
            responsible: responsible(ds),
            phone: ds.site.contacts.phone.clone().unwrap_or_default(),
            email: ds.site.contacts.email.clone().unwrap_or_default(),
            base_url: ds.site.base_url.clone(),
            first: ds.reports.first().map(|r| r.period),
            latest: ds.reports.last().map(|r| r.period),
            correction: match &fig.last_change {
                Some(crate::metrics::publication::Change::Corrected(c)) => Some(c.clone()),
                _ => None,
            },
        }
    }

    /// The set's identifier: `mcu-indicators`, or `ИНН-mcu-indicators` with an INN.
    pub fn identifier(&self, set: &DataSet) -> String {
        set.identifier(self.inn.as_deref())
    }

    /// The date of the set's structure version: when data in its layout was first published.
    pub fn structure(&self, set: &DataSet) -> NaiveDate {
        set.structure.date(&self.published, self.data)
    }

    /// The path of a data set's folder under the site: `opendata/mcu-indicators/`.
    pub fn folder(&self, set: &DataSet) -> String {
        format!("opendata/{}/", self.identifier(set))
    }

    /// `data-YYYYMMDD-structure-YYYYMMDD`.
    pub fn data_name(&self, set: &DataSet) -> String {
        format!(
            "data-{}-structure-{}",
            ymd(self.data),
            ymd(self.structure(set))
        )
    }

    /// `structure-YYYYMMDD`.
    pub fn structure_name(&self, set: &DataSet) -> String {
        format!("structure-{}", ymd(self.structure(set)))
    }
}

/// Adds the registry and every data set's passport, data and structure to the output.
pub fn add(out: &mut Output, sets: &[DataSet], reg: &Registry) {
    let base = &reg.base_url;
    let mut list = Writer::new();
    list.texts(&["property", "title", "value", "format"]);
    list.texts(&[
        "standardversion",
        "Версия методических рекомендаций",
        STANDARD_VERSION,
        "",
    ]);
    for set in sets {
        let dir = reg.folder(set);
        list.texts(&[
            &reg.identifier(set),
            set.title,
            &format!("{base}{dir}meta.csv"),
            "csv",
        ]);
        let data = format!("{dir}{}.csv", reg.data_name(set));
        let structure = format!("{dir}{}.csv", reg.structure_name(set));
        let rows = passport(set, reg)
            .into_iter()
            .map(|f| (f.property, f.value))
            .collect::<Vec<_>>();
        out.insert(format!("{dir}meta.csv"), meta_csv(&rows));
        out.insert(data, set.to_csv());
        out.insert(structure, structure_csv(set));
    }
    out.insert("opendata/list.csv".into(), list.finish());
}

/// One line of a passport: the guidelines' property, its Russian name, its value.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PassportField {
    pub property: String,
    pub name: &'static str,
    pub value: String,
    /// The value as the passport page shows it: a date in Russian words, else the value.
    pub text: String,
    /// When the value is the address of a file of the set: its path under the site's base.
    pub path: Option<String>,
}

/// Who answers for the data: the head of the centre named in `structure.yaml`, else the centre.
fn responsible(ds: &Dataset) -> String {
    ds.structure
        .as_ref()
        .and_then(|s| s.head.as_ref())
        .map_or_else(
            || ds.site.title.clone(),
            |h| match &h.position {
                Some(p) => format!("{}, {p}", h.name),
                None => h.name.clone(),
            },
        )
}

/// The passport of one data set, in the guidelines' order: what `meta.csv` holds and the
/// passport page shows. A list: one field after another, in that order.
pub fn passport(set: &DataSet, reg: &Registry) -> Vec<PassportField> {
    let base = &reg.base_url;
    let dir = reg.folder(set);
    let latest = reg
        .latest
        .map(|p| {
            format!(
                "; последний ежемесячный отчёт — за {} г.",
                crate::format::month(p.year, p.month)
            )
        })
        .unwrap_or_default();
    let corrected = reg
        .correction
        .as_ref()
        .map(|c| {
            format!(
                "; последнее изменение — исправлен отчёт за {} г.: {}",
                crate::format::month(c.period.year, c.period.month),
                crate::words::correction(c.date, &c.text)
            )
        })
        .unwrap_or_default();
    let provenance = format!(
        "Собран из отчётов МЦУ; данные на {}{latest}{corrected}",
        crate::format::date(reg.data)
    );
    let field = |property: &str, name: &'static str, value: String| PassportField {
        property: property.into(),
        name,
        text: value.clone(),
        value,
        path: None,
    };
    let dated = |property: &str, name: &'static str, day: NaiveDate| PassportField {
        property: property.into(),
        name,
        value: ymd(day),
        text: crate::format::date(day),
        path: None,
    };
    let link = |property: String, name: &'static str| {
        let path = format!("{dir}{property}.csv");
        PassportField {
            name,
            value: format!("{base}{path}"),
            text: format!("{base}{path}"),
            path: Some(path),
            property,
        }
    };
    vec![
        field(
            "standardversion",
            "Версия методических рекомендаций",
            STANDARD_VERSION.into(),
        ),
        field("identifier", "Идентификационный номер", reg.identifier(set)),
        field("title", "Наименование набора данных", set.title.into()),
        field(
            "description",
            "Описание набора данных",
            set.description.into(),
        ),
        field("creator", "Владелец набора данных", reg.owner.clone()),
        dated("created", "Дата первой публикации", reg.created),
        dated("modified", "Дата последнего внесения изменений", reg.data),
        field("subject", "Ключевые слова", set.subject.into()),
        field("format", "Формат данных", "csv".into()),
        field("provenance", "Содержание последнего изменения", provenance),
        dated("valid", "Дата актуальности", reg.valid),
        field(
            "publishername",
            "Ответственное лицо",
            reg.responsible.clone(),
        ),
        field(
            "publisherphone",
            "Телефон ответственного лица",
            reg.phone.clone(),
        ),
        field(
            "publishermbox",
            "Адрес электронной почты ответственного лица",
            reg.email.clone(),
        ),
        link(reg.data_name(set), "Гиперссылка (URL) на набор"),
        link(reg.structure_name(set), "Гиперссылка (URL) на структуру"),
    ]
}

/// The files of a set under `/data/` with their media types: the schema.org distribution.
pub const DISTRIBUTION: [(&str, &str); 3] = [
    ("csv", "text/csv"),
    ("json", "application/json"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
];

/// The passport as schema.org's `Dataset` in JSON-LD, which Google Dataset Search and Yandex
/// read: from the same fields as `meta.csv` (title, description, identifier, owner and contacts,
/// dates, keywords), the months the data covers, and the set's files under `/data/`. Written to
/// sit inside `<script type="application/ld+json">`: `<`, `>` and `&` are JSON escapes, so no
/// text from the data can close the element or open a comment.
pub fn json_ld(set: &DataSet, reg: &Registry) -> String {
    use serde_json::{Map, Value, json};
    let base = &reg.base_url;
    let mut creator = Map::new();
    creator.insert("@type".into(), "Organization".into());
    creator.insert("name".into(), reg.owner.clone().into());
    creator.insert("url".into(), base.as_str().into());
    if !reg.email.is_empty() {
        creator.insert("email".into(), reg.email.clone().into());
    }
    if !reg.phone.is_empty() {
        creator.insert("telephone".into(), reg.phone.clone().into());
    }
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut dataset = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": set.title,
        "description": set.description,
        "identifier": reg.identifier(set),
        "url": base.at(&reg.folder(set)),
        "inLanguage": "ru",
        "isAccessibleForFree": true,
        "keywords": set.subject.split(", ").collect::<Vec<_>>(),
        "creator": creator.clone(),
        "publisher": creator,
        "dateCreated": day(reg.created),
        "dateModified": day(reg.data),
        "distribution": DISTRIBUTION.iter().map(|(ext, media)| json!({
            "@type": "DataDownload",
            "encodingFormat": media,
            "contentUrl": base.at(&format!("data/{}.{ext}", set.id)),
        })).collect::<Vec<_>>(),
    });
    if let (Some(first), Some(last), Value::Object(map)) = (reg.first, reg.latest, &mut dataset) {
        map.insert("temporalCoverage".into(), format!("{first}/{last}").into());
    }
    dataset
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `meta.csv`: the passport of one data set, `property,value` rows.
fn meta_csv(rows: &[(String, String)]) -> Vec<u8> {
    let mut w = Writer::new();
    w.record([Field::Plain("property"), Field::Plain("value")]);
    for (k, v) in rows {
        // The guidelines' validators read the phone as it is: `+7 …` keeps no apostrophe.
        let value = if k == "publisherphone" && super::csv::is_inert(v) {
            Field::Plain(v)
        } else {
            Field::Text(v)
        };
        w.record([Field::Plain(k), value]);
    }
    w.finish()
}

/// `structure-YYYYMMDD.csv`: one row per column of the data file.
fn structure_csv(set: &DataSet) -> Vec<u8> {
    let mut w = Writer::new();
    w.texts(&[
        "field name",
        "english description",
        "russian description",
        "format",
    ]);
    for c in &set.columns {
        w.texts(&[c.name, &c.en, &c.ru, c.format.code()]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_report_is_due_on_the_second_of_the_month_after_next() {
        let ds = crate::output::tests::dataset();
        let fig = crate::metrics::compute(&ds, None).unwrap();
        let d = Registry::of(&ds, &fig);
        // The latest report is for 2024-02: the one for 2024-03 is due by 2024-04-02.
        assert_eq!(d.valid.to_string(), "2024-04-02");
        assert_eq!(d.created.to_string(), "2024-01-03");
        assert_eq!(d.data.to_string(), "2024-03-04");
    }

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let ds = crate::output::tests::dataset();
        let fig = crate::metrics::compute(&ds, None).unwrap();
        let mut reg = Registry::of(&ds, &fig);
        reg.owner = "МЦУ </script><script>alert(1)</script> <!-- & -->".into();
        let set = &crate::output::catalog::datasets(&ds, &fig)[0];
        let ld = json_ld(set, &reg);
        assert!(
            !ld.contains('<') && !ld.contains('>') && !ld.contains('&'),
            "{ld}"
        );
        let v: serde_json::Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(
            v["creator"]["name"],
            "МЦУ </script><script>alert(1)</script> <!-- & -->"
        );
        assert_eq!(v["@type"], "Dataset");
        assert_eq!(v["temporalCoverage"], "2023-12/2024-02");
    }
}
