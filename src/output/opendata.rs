//! The layout of the Russian Методические рекомендации по публикации открытых данных (v3.0):
//! a registry `/opendata/list.csv`, and per data set a passport `meta.csv`, the data file
//! `data-YYYYMMDD-structure-YYYYMMDD.csv` and the structure file `structure-YYYYMMDD.csv`.
//!
//! Every date comes from the data: the data version is the as-of date, `created` is the date the
//! first monthly report was published, `valid` is the date the next report is due (the 2nd of
//! the month after the next one). A static site keeps only the current version of each file;
//! earlier versions stay where a publisher archived them.

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

/// The dates every passport shares.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    /// The data version: the as-of date.
    pub data: NaiveDate,
    /// The first monthly report's publication.
    pub created: NaiveDate,
    /// When the next monthly report is due: the data is current until then.
    pub valid: NaiveDate,
}

impl Dates {
    pub fn of(ds: &Dataset, fig: &Figures) -> Dates {
        let created = ds
            .reports
            .iter()
            .map(|r| r.published)
            .min()
            .unwrap_or(fig.as_of.date);
        let valid = ds.reports.last().map_or(fig.as_of.date, |r| {
            let due = r.period.next().next().first_day();
            due.succ_opt().unwrap_or(due)
        });
        Dates {
            data: fig.as_of.date,
            created,
            valid,
        }
    }
}

/// The path of a data set's folder under the site: `opendata/mcu-indicators/`.
pub fn folder(set: &DataSet) -> String {
    format!("opendata/{}/", set.identifier())
}

/// `data-YYYYMMDD-structure-YYYYMMDD`.
pub fn data_name(set: &DataSet, dates: &Dates) -> String {
    format!("data-{}-structure-{}", ymd(dates.data), ymd(set.structure))
}

/// `structure-YYYYMMDD`.
pub fn structure_name(set: &DataSet) -> String {
    format!("structure-{}", ymd(set.structure))
}

/// Adds the registry and every data set's passport, data and structure to the output.
pub fn add(out: &mut Output, sets: &[DataSet], ds: &Dataset, fig: &Figures) {
    let publisher = Publisher {
        site: &ds.site,
        dates: Dates::of(ds, fig),
        latest: ds.reports.last().map(|r| r.period),
        as_of: fig.as_of.date,
    };
    add_for(out, sets, &publisher);
}

/// Who publishes a set of data sets and when: a site, or a region's site.
pub struct Publisher<'a> {
    pub site: &'a crate::data::site::Site,
    pub dates: Dates,
    /// The latest monthly report the data holds.
    pub latest: Option<crate::period::Period>,
    pub as_of: NaiveDate,
}

/// [`add`] for any publisher.
pub fn add_for(out: &mut Output, sets: &[DataSet], publisher: &Publisher) {
    let dates = publisher.dates;
    let base = &publisher.site.base_url;
    let mut list = Writer::new();
    list.texts(&["property", "title", "value", "format"]);
    list.texts(&[
        "standardversion",
        "Версия методических рекомендаций",
        STANDARD_VERSION,
        "",
    ]);
    for set in sets {
        let dir = folder(set);
        list.texts(&[
            &set.identifier(),
            set.title,
            &format!("{base}{dir}meta.csv"),
            "csv",
        ]);
        let data = format!("{dir}{}.csv", data_name(set, &dates));
        let structure = format!("{dir}{}.csv", structure_name(set));
        out.insert(format!("{dir}meta.csv"), passport(set, publisher));
        out.insert(data, set.to_csv());
        out.insert(structure, structure_csv(set));
    }
    out.insert("opendata/list.csv".into(), list.finish());
}

/// `meta.csv`: the passport of one data set, `property,value` rows.
fn passport(set: &DataSet, publisher: &Publisher) -> Vec<u8> {
    let (site, dates) = (publisher.site, &publisher.dates);
    let base = &site.base_url;
    let dir = folder(set);
    let latest = publisher
        .latest
        .map(|p| {
            format!(
                "; последний ежемесячный отчёт — за {} г.",
                crate::format::month(p.year, p.month)
            )
        })
        .unwrap_or_default();
    let provenance = format!(
        "Собран из отчётов МЦУ; данные на {}{latest}",
        crate::format::date(publisher.as_of)
    );
    let mut w = Writer::new();
    let rows: Vec<(String, String)> = vec![
        ("property".into(), "value".into()),
        ("standardversion".into(), STANDARD_VERSION.into()),
        ("identifier".into(), set.identifier()),
        ("title".into(), set.title.into()),
        ("description".into(), set.description.into()),
        ("creator".into(), site.title.clone()),
        ("created".into(), ymd(dates.created)),
        ("modified".into(), ymd(dates.data)),
        ("subject".into(), set.subject.into()),
        ("format".into(), "csv".into()),
        ("provenance".into(), provenance),
        ("valid".into(), ymd(dates.valid)),
        ("publishername".into(), site.title.clone()),
        (
            "publisherphone".into(),
            site.contacts.phone.clone().unwrap_or_default(),
        ),
        (
            "publishermbox".into(),
            site.contacts.email.clone().unwrap_or_default(),
        ),
        (
            data_name(set, dates),
            format!("{base}{dir}{}.csv", data_name(set, dates)),
        ),
        (
            structure_name(set),
            format!("{base}{dir}{}.csv", structure_name(set)),
        ),
    ];
    for (k, v) in &rows {
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
        let d = Dates::of(&ds, &fig);
        // The latest report is for 2024-02: the one for 2024-03 is due by 2024-04-02.
        assert_eq!(d.valid.to_string(), "2024-04-02");
        assert_eq!(d.created.to_string(), "2024-01-03");
        assert_eq!(d.data.to_string(), "2024-03-04");
    }
}
