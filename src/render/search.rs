//! Search on a static host: a prebuilt index of every page (reports, indicators, decisions, road
//! maps, clarifications, themes, content pages) with Russian stemming (Snowball,
//! `rust-stemmers`), queried by a small script in the browser. Without JavaScript the search
//! page is a plain list of links.
//!
//! Russian Snowball stems are prefixes of the lower-cased word (with ё read as е), so the script
//! can stem a query word without a stemmer of its own: it takes the longest indexed stem that
//! begins the word.

use crate::routes::Route;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// The site path without the base, such as `reports/2024-03/`.
    pub url: String,
    pub title: String,
    /// The group on the search page: «Отчёты», «Решения», …
    pub kind: &'static str,
    /// Words that find the page besides its title.
    #[serde(skip)]
    pub text: String,
}

/// The index: documents, and for each stem the documents that contain it.
#[derive(Debug, Serialize)]
pub struct Index {
    /// `[url, title, kind]` per document.
    pub docs: Vec<(String, String, &'static str)>,
    pub terms: BTreeMap<String, Vec<usize>>,
}

/// Lower-cases, reads ё as е, splits into words of two or more letters or digits, and stems.
pub fn terms(text: &str) -> Vec<String> {
    let mut stems = Stems::new();
    let mut ids = Vec::new();
    stems.each(text, |id| ids.push(id));
    ids.into_iter().map(|id| stems.stems[id].clone()).collect()
}

/// A Russian stemmer with a memory of the words it has stemmed: natural text repeats its words,
/// and stemming is the costliest step of indexing. Stems are numbered, so that a page's stems
/// can be gathered and deduplicated without a string each.
struct Stems {
    stemmer: Stemmer,
    /// Word → number of its stem in `stems`.
    known: HashMap<String, usize>,
    stems: Vec<String>,
    word: String,
}

impl Stems {
    fn new() -> Stems {
        Stems {
            stemmer: Stemmer::create(Algorithm::Russian),
            known: HashMap::new(),
            stems: Vec::new(),
            word: String::new(),
        }
    }

    /// Calls `f` with the number of the stem of every word of `text`, in order.
    fn each(&mut self, text: &str, mut f: impl FnMut(usize)) {
        for raw in text
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
        {
            lower_into(raw, &mut self.word);
            if self.word.chars().nth(1).is_none() {
                continue;
            }
            let id = match self.known.get(&self.word) {
                Some(&id) => id,
                None => {
                    let stem = if self.word.bytes().all(|b| b.is_ascii_digit()) {
                        self.word.clone()
                    } else if STOP_WORDS.contains(&self.word.as_str()) {
                        // An empty stem is never indexed.
                        String::new()
                    } else {
                        self.stemmer.stem(&self.word).into_owned()
                    };
                    self.stems.push(stem);
                    self.known.insert(self.word.clone(), self.stems.len() - 1);
                    self.stems.len() - 1
                }
            };
            if !self.stems[id].is_empty() {
                f(id);
            }
        }
    }
}

/// Russian words that carry no subject: prepositions, conjunctions, particles and pronouns. They
/// are left out of the index, so the page's script passes over them in a query («ямы на
/// дорогах» asks for «ямы» and «дорогах») instead of requiring every page found to contain «на».
const STOP_WORDS: &[&str] = &[
    "без",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "вам",
    "вас",
    "во",
    "вот",
    "все",
    "всех",
    "вы",
    "где",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "если",
    "есть",
    "же",
    "за",
    "из",
    "или",
    "им",
    "их",
    "как",
    "когда",
    "ко",
    "кто",
    "ли",
    "мы",
    "на",
    "над",
    "нас",
    "не",
    "нет",
    "ни",
    "но",
    "об",
    "обо",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "про",
    "со",
    "так",
    "там",
    "то",
    "тоже",
    "только",
    "ты",
    "уже",
    "что",
    "чтобы",
    "это",
    "эта",
    "этот",
];

/// `word` lower-cased with ё read as е, into `out`; Latin and Russian letters without the
/// general Unicode tables.
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.contains(['Σ', 'ς']) {
        // The Greek final sigma depends on its place in the word: the general rule handles it.
        out.push_str(&word.to_lowercase());
        return;
    }
    for c in word.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            c if c.is_ascii() || ('а'..='я').contains(&c) => out.push(c),
            c => out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })),
        }
    }
}

/// A letter or digit, with a fast answer for Latin and Russian (the general Unicode lookup is a
/// tenth of a large build's time otherwise).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Builds the index of `docs`: each document's distinct stems are found in parallel, then merged
/// in document order, so the index is the same on any number of cores.
pub fn index(docs: &[Doc]) -> Index {
    use rayon::prelude::*;
    let per_doc: Vec<Vec<String>> = docs
        .par_iter()
        .map_init(Stems::new, |stems, doc| {
            let mut ids: Vec<usize> = Vec::new();
            stems.each(&doc.title, |id| ids.push(id));
            stems.each(&doc.text, |id| ids.push(id));
            ids.sort_unstable();
            ids.dedup();
            ids.into_iter().map(|id| stems.stems[id].clone()).collect()
        })
        .collect();
    let mut terms_map: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, stems) in per_doc.into_iter().enumerate() {
        for t in stems {
            let list = terms_map.entry(t).or_default();
            // Two words of a page may share a stem ("дорога", "дороги").
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    Index {
        docs: docs
            .iter()
            .map(|d| (d.url.clone(), d.title.clone(), d.kind))
            .collect(),
        terms: terms_map.into_iter().collect(),
    }
}

/// Every page worth finding, in the order the search page lists them: the site's page families
/// in the order a reader meets them.
pub fn docs(
    ds: &crate::data::Dataset,
    fig: &crate::metrics::Figures,
    slugs: &BTreeMap<String, String>,
) -> Vec<Doc> {
    let mut docs = Vec::new();
    report_docs(&mut docs, ds, fig);
    indicator_docs(&mut docs);
    civic_docs(&mut docs, ds);
    page_docs(&mut docs, ds, slugs);
    docs
}

/// The monthly reports, newest first, a month without a report among them; then the annual ones.
fn report_docs(docs: &mut Vec<Doc>, ds: &crate::data::Dataset, fig: &crate::metrics::Figures) {
    use crate::format;
    let calendar = fig.calendar_of(&ds.reports);
    for month in calendar.iter().rev() {
        let r = match month {
            crate::metrics::calendar::Month::Reported(r) => r,
            crate::metrics::calendar::Month::Missing(p) => {
                // A month without a report is found too, and says so: its annual report names
                // the missing months (a year wholly missing has only the list of reports).
                let has_year = fig.annual.iter().any(|a| a.year == p.year);
                docs.push(Doc {
                    url: if has_year {
                        Route::Year(p.year).path()
                    } else {
                        Route::Reports.path()
                    },
                    title: super::words::no_report(*p),
                    kind: "Отчёты",
                    text: "ежемесячный отчёт не опубликован пропущенный месяц".into(),
                });
                continue;
            }
        };
        let themes: Vec<&str> = r.themes.iter().map(|t| t.theme.as_str()).collect();
        docs.push(Doc {
            url: Route::Month(r.period).path(),
            title: format!(
                "Отчёт за {} г.",
                format::month(r.period.year, r.period.month)
            ),
            kind: "Отчёты",
            text: format!(
                "ежемесячный отчёт {} {}",
                themes.join(" "),
                r.summary.as_deref().map(markdown_text).unwrap_or_default()
            ),
        });
    }
    for a in fig.annual.iter().rev() {
        let reasons: Vec<&str> = a.rows.iter().filter_map(|r| r.reason.as_deref()).collect();
        docs.push(Doc {
            url: Route::Year(a.year).path(),
            title: format!("Годовой отчёт за {} год", a.year),
            kind: "Отчёты",
            text: format!("целевые показатели план {}", reasons.join(" ")),
        });
    }
}

/// The 7 targets and the 28 indicators.
fn indicator_docs(docs: &mut Vec<Doc>) {
    use crate::domain::{INDICATORS, TARGETS};
    for t in &TARGETS {
        docs.push(Doc {
            url: Route::Indicator(t.key).path(),
            title: t.short.to_string(),
            kind: "Показатели",
            text: t.name.to_string(),
        });
    }
    for i in &INDICATORS {
        docs.push(Doc {
            url: Route::Indicator(i.id).path(),
            title: i.short.to_string(),
            kind: "Показатели",
            text: format!("индикатор {} {}", i.number, i.name),
        });
    }
}

/// Decisions, road maps and clarifications.
fn civic_docs(docs: &mut Vec<Doc>, ds: &crate::data::Dataset) {
    for d in &ds.decisions {
        docs.push(Doc {
            url: Route::Decision(&d.id).path(),
            title: d.title.clone(),
            kind: "Решения",
            text: format!(
                "{} {} {} {}",
                d.theme.as_deref().unwrap_or_default(),
                super::civic::kind_ru(d.kind),
                super::civic::status_ru(d.status),
                d.result.as_deref().map(markdown_text).unwrap_or_default()
            ),
        });
    }
    for r in &ds.roadmaps {
        let measures: Vec<&str> = r.measures.iter().map(|m| m.title.as_str()).collect();
        docs.push(Doc {
            url: Route::Roadmap(&r.id).path(),
            title: r.title.clone(),
            kind: "Дорожные карты",
            text: format!(
                "дорожная карта {} {} {}",
                r.theme.as_deref().unwrap_or_default(),
                r.root_cause.as_deref().unwrap_or_default(),
                measures.join(" ")
            ),
        });
    }
    for c in &ds.clarifications {
        docs.push(Doc {
            url: Route::Clarification(&c.id).path(),
            title: super::clarifications::title(c),
            kind: "Разъяснения",
            text: format!(
                "разъяснение слух {} {} {}",
                c.topic,
                c.source.as_deref().unwrap_or_default(),
                markdown_text(&c.answer)
            ),
        });
    }
}

/// The themes, the content pages and the centre's own pages.
fn page_docs(docs: &mut Vec<Doc>, ds: &crate::data::Dataset, slugs: &BTreeMap<String, String>) {
    for (name, slug) in slugs {
        docs.push(Doc {
            url: Route::Theme(slug).path(),
            title: format!("Обращения по теме «{name}»"),
            kind: "Темы",
            text: String::new(),
        });
    }
    for p in ds.pages.iter().filter(|p| !p.draft) {
        docs.push(Doc {
            url: Route::Content(&p.url).path(),
            title: p.title.clone(),
            kind: "Страницы",
            text: format!(
                "{} {}",
                p.description.as_deref().unwrap_or_default(),
                markdown_text(&p.body)
            ),
        });
    }
    docs.push(Doc {
        url: Route::Structure.path(),
        title: "Состав центра управления".into(),
        kind: "Страницы",
        text: "куратор руководитель отраслевые блоки".into(),
    });
    docs.push(Doc {
        url: Route::Openness.path(),
        title: "Открытость и контакты".into(),
        kind: "Страницы",
        text: "документы телефон почта социальные сети".into(),
    });
}

/// The plain text of Markdown, for the index (and the feed's summaries).
pub use crate::markdown::plain_text as markdown_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_words_are_stemmed_and_stems_begin_the_word() {
        let t = terms("Обращения о ямах на дорогах, дорога, Дорожные карты; ёлка 2024");
        assert!(t.contains(&"дорог".to_string()), "{t:?}");
        assert!(t.contains(&"2024".to_string()));
        assert!(t.contains(&"елк".to_string()), "ё is read as е: {t:?}");
        for w in ["обращения", "дорогах", "дорожные", "карты"] {
            let stem = &terms(w)[0];
            assert!(w.starts_with(stem.as_str()), "{w} → {stem}");
        }
    }

    #[test]
    fn function_words_are_not_indexed_so_a_query_passes_over_them() {
        assert_eq!(terms("Ямы на дорогах и во дворах"), ["ям", "дорог", "двор"]);
        assert!(
            terms("На что не было ответа")
                .iter()
                .all(|t| t.starts_with("ответ"))
        );
        // ё is read as е before the list is consulted.
        assert!(terms("Её").is_empty());
    }

    #[test]
    fn the_index_maps_stems_to_documents_once() {
        let docs = vec![
            Doc {
                url: "a/".into(),
                title: "Дороги".into(),
                kind: "Темы",
                text: "дорога дорогой".into(),
            },
            Doc {
                url: "b/".into(),
                title: "ЖКХ".into(),
                kind: "Темы",
                text: "отопление".into(),
            },
        ];
        let ix = index(&docs);
        assert_eq!(ix.terms["дорог"], vec![0]);
        assert_eq!(ix.terms["жкх"], vec![1]);
        assert_eq!(ix.docs[1].0, "b/");
    }

    #[test]
    fn markdown_text_drops_markup() {
        assert_eq!(
            markdown_text("# Заголовок\n\n**жирный** [ссылка](https://x.ru)")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Заголовок", "жирный", "ссылка"]
        );
    }
}
