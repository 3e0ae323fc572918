//! The feedback platform's (ПОС) export as the data describes it: the columns Vitrina reads, the
//! titles platforms give them, how a title is matched, and `pos_export:` of `data/site.yaml` —
//! the titles and solved statuses a site renames — read once into a typed value with positions.
//!
//! `check` reads `pos_export:` with the rest of `site.yaml` ([`super::site`]); `vitrina import`
//! takes the same value to find an export's columns (`src/import/pos.rs`) and points at its line
//! when a column it names is not in the export. Titles are compared loosely
//! ([`normalize`]: case, spaces, punctuation, «ё»/«е», `№` = «номер»), against the common variants
//! each platform version writes:
//!
//! ```yaml
//! pos_export:
//!   date: "Дата создания"
//!   category: "Подкатегория"
//!   solved_statuses: ["Решено", "Исполнено"]
//! ```

use super::decode;
use crate::diag::{Diagnostics, Noun};
use crate::source::Span;
use crate::t;
use crate::yaml::{Node, Value};
use std::collections::BTreeMap;

/// A column of the export that Vitrina reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Number,
    Date,
    Category,
    FastTrack,
    Fz,
    Overdue,
    Repeated,
    Status,
    Rating,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Number,
        Field::Date,
        Field::Category,
        Field::FastTrack,
        Field::Fz,
        Field::Overdue,
        Field::Repeated,
        Field::Status,
        Field::Rating,
    ];

    /// The key under `pos_export:` in `data/site.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Date => "date",
            Field::Category => "category",
            Field::FastTrack => "fast_track",
            Field::Fz => "fz",
            Field::Overdue => "overdue",
            Field::Repeated => "repeated",
            Field::Status => "status",
            Field::Rating => "rating",
        }
    }

    /// The titles platforms give the column; compared after [`normalize`].
    pub fn titles(self) -> &'static [&'static str] {
        match self {
            Field::Number => &[
                "Номер",
                "№",
                "Номер сообщения",
                "№ сообщения",
                "Номер обращения",
                "ID сообщения",
            ],
            Field::Date => &[
                "Дата поступления",
                "Дата регистрации",
                "Дата",
                "Дата создания",
                "Дата подачи",
                "Дата поступления сообщения",
            ],
            Field::Category => &["Категория", "Тема", "Категория сообщения", "Тема сообщения"],
            Field::FastTrack => &["Фаст-трек", "Фасттрек", "Fast track", "Фаст трек"],
            Field::Fz => &["ФЗ", "59-ФЗ", "По 59-ФЗ", "Рассмотрено по 59-ФЗ"],
            Field::Overdue => &["Просрочено", "Просрочка", "Просрочен", "Просроченное"],
            Field::Repeated => &["Повторное рассмотрение", "Повторное", "Повторно"],
            Field::Status => &["Статус", "Статус сообщения"],
            Field::Rating => &[
                "Оценка ответа заявителем",
                "Оценка",
                "Оценка заявителя",
                "Оценка ответа",
            ],
        }
    }

    /// The column's usual title, for messages.
    pub fn title(self) -> &'static str {
        self.titles()[0]
    }
}

/// The statuses that count a message as solved (`themes[].solved`), unless `data/site.yaml`
/// names others under `pos_export: {solved_statuses: […]}`.
pub const SOLVED_STATUSES: &[&str] = &["Решено", "Решено по существу", "Выполнено", "Исполнено"];

/// The keys allowed under `pos_export:`.
pub fn keys() -> Vec<&'static str> {
    let mut k: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    k.push("solved_statuses");
    k
}

/// A title or word compared loosely: lower case, «ё» as «е», `№` as «номер», and everything but
/// letters and digits left out («Фаст-трек» = «фасттрек», «Fast track» = «fasttrack»).
pub fn normalize(s: &str) -> String {
    s.replace('№', "номер")
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A column title `pos_export:` gives a field, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub title: String,
    pub span: Span,
}

/// `pos_export:` of `data/site.yaml`: the titles that replace the usual ones, and the solved
/// statuses. Empty when the site names nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PosExport {
    pub titles: BTreeMap<Field, Named>,
    pub solved: Option<Vec<String>>,
}

/// The columns a row of titles names: each field with every column whose title names it (0-based
/// column, title as written), left to right. A field with two columns is ambiguous.
pub type Columns = BTreeMap<Field, Vec<(usize, String)>>;

impl PosExport {
    /// Reads `pos_export:`; every problem is an error at its position.
    pub fn read(node: &Node, d: &mut Diagnostics) -> PosExport {
        let mut out = PosExport::default();
        let Some(f) = decode::fields(
            node,
            Noun::new("столбцы выгрузки ПОС", "the export's columns"),
            &keys(),
            d,
        ) else {
            return out;
        };
        for field in Field::ALL {
            let Some(n) = f.optional(field.key()) else {
                continue;
            };
            let Some(title) = decode::text(n, d) else {
                continue;
            };
            if normalize(&title).is_empty() {
                d.push(decode::expected(
                    n,
                    t!(
                        "название столбца с буквами или цифрами",
                        "a column title with letters or digits"
                    ),
                ));
                continue;
            }
            let span = n.span;
            out.titles.insert(field, Named { title, span });
        }
        if let Some(n) = f.optional("solved_statuses") {
            out.solved = Some(match &n.value {
                Value::Seq(items) => items.iter().filter_map(|i| decode::text(i, d)).collect(),
                Value::Scalar { .. } => decode::text(n, d).into_iter().collect(),
                Value::Map(_) => {
                    d.push(decode::expected(
                        n,
                        t!("список статусов", "a list of statuses"),
                    ));
                    Vec::new()
                }
            });
        }
        out
    }

    /// The field a column's title names: the site's own title for a field it renames, else one
    /// of the usual titles.
    pub fn field_of(&self, title: &str) -> Option<Field> {
        let n = normalize(title);
        if n.is_empty() {
            return None;
        }
        Field::ALL
            .into_iter()
            .find(|field| match self.titles.get(field) {
                Some(named) => normalize(&named.title) == n,
                None => field.titles().iter().any(|t| normalize(t) == n),
            })
    }

    /// The columns of a row of titles (0-based column, title as written).
    pub fn columns<'a>(&self, titles: impl IntoIterator<Item = (usize, &'a str)>) -> Columns {
        let mut out = Columns::new();
        for (col, title) in titles {
            if let Some(field) = self.field_of(title) {
                out.entry(field)
                    .or_default()
                    .push((col, title.trim().to_string()));
            }
        }
        out
    }

    /// The statuses that count a message as solved, compared loosely.
    pub fn solved_statuses(&self) -> Vec<String> {
        match &self.solved {
            Some(words) => words.iter().map(|w| normalize(w)).collect(),
            None => SOLVED_STATUSES.iter().map(|w| normalize(w)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_compared_loosely() {
        assert_eq!(normalize("Фаст-трек"), normalize("ФАСТТРЕК"));
        assert_eq!(normalize("№ сообщения"), normalize("Номер сообщения"));
        assert_eq!(
            normalize("Повторное  рассмотрение"),
            "повторноерассмотрение"
        );
        let none = PosExport::default();
        assert_eq!(none.field_of(" Дата поступления "), Some(Field::Date));
        assert_eq!(
            none.field_of("Оценка ответа заявителем"),
            Some(Field::Rating)
        );
        assert_eq!(none.field_of("Примечание"), None);
        assert_eq!(none.field_of("—"), None);
    }

    #[test]
    fn every_column_naming_a_field_is_kept_so_that_two_can_be_told() {
        let none = PosExport::default();
        let cols = none.columns([
            (0, "Дата регистрации"),
            (1, "Категория"),
            (2, "Дата поступления"),
        ]);
        assert_eq!(
            cols[&Field::Date],
            [
                (0, "Дата регистрации".to_string()),
                (2, "Дата поступления".to_string())
            ]
        );
        assert_eq!(cols[&Field::Category].len(), 1);
    }

    #[test]
    fn a_renamed_field_takes_only_the_sites_title() {
        let mut site = PosExport::default();
        let span = Span::new(crate::source::FileId(0), 0, 0);
        site.titles.insert(
            Field::Date,
            Named {
                title: "Дата поступления".into(),
                span,
            },
        );
        let cols = site.columns([(0, "Дата регистрации"), (2, "Дата  поступления")]);
        assert_eq!(cols[&Field::Date], [(2, "Дата  поступления".to_string())]);
    }
}
