//! `vitrina init DIR`: a new site that builds and passes `check --strict` at once.
//!
//! The new site holds a small sample dataset (three months, a decision, a road map, an about
//! page), a README in Russian with the press officer's monthly routine, and CI workflows for
//! GitHub Actions and GitLab CI that check the data first and publish only a site that passed.
//! The files are embedded in the binary, so that `cargo install` alone gives a working `init`.
//!
//! The CI files install Vitrina with `ci/install-vitrina.sh`: it downloads the released binary
//! for the runner from the project's releases (the crate's `repository` in Cargo.toml), checks
//! its SHA-256 against the release's `SHA256SUMS`, and falls back to `cargo install --locked` only
//! when that release has no binary for the runner. One variable at the top of each workflow,
//! `VITRINA_VERSION`, names the version: the one of the Vitrina that ran `init`.

use super::Report;
use crate::diag::{Lang, Style, Text};
use crate::t;
use std::path::Path;

/// The marker in the embedded files replaced by the version the new site installs.
const VERSION_MARKER: &str = "__VITRINA_VERSION__";

/// The marker replaced by where the released binaries are downloaded from.
const RELEASES_MARKER: &str = "__VITRINA_RELEASES__";

/// Where the release workflow (.github/workflows/release.yml) attaches the binaries and their
/// `SHA256SUMS`: `RELEASES/vVERSION/vitrina-VERSION-TARGET.tar.gz`.
pub const RELEASES: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/download");

/// The marker replaced by the project's address.
const REPOSITORY_MARKER: &str = "__VITRINA_REPOSITORY__";

/// The project's page, where the publisher finds the releases.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Every file of a new site: its path inside the site, and its text.
pub const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("init/site/README.md")),
    ("data/site.yaml", include_str!("init/site/data/site.yaml")),
    (
        "data/targets.yaml",
        include_str!("init/site/data/targets.yaml"),
    ),
    (
        "data/reports/2025-01.yaml",
        include_str!("init/site/data/reports/2025-01.yaml"),
    ),
    (
        "data/reports/2025-02.yaml",
        include_str!("init/site/data/reports/2025-02.yaml"),
    ),
    (
        "data/reports/2025-03.yaml",
        include_str!("init/site/data/reports/2025-03.yaml"),
    ),
    (
        "data/decisions/2025.yaml",
        include_str!("init/site/data/decisions/2025.yaml"),
    ),
    (
        "data/roadmaps/yamochnyi-remont.yaml",
        include_str!("init/site/data/roadmaps/yamochnyi-remont.yaml"),
    ),
    (
        "data/clarifications/2025.yaml",
        include_str!("init/site/data/clarifications/2025.yaml"),
    ),
    (
        "content/about.md",
        include_str!("init/site/content/about.md"),
    ),
    // The publisher's guide is the repository's own, so that the two never differ.
    (
        "docs/rukovodstvo.md",
        include_str!("../../docs/rukovodstvo.md"),
    ),
    // Kept without their leading dot in the source tree, so that no packaging rule for hidden
    // files can leave them out of the crate.
    (
        ".github/workflows/vitrina.yml",
        include_str!("init/github-workflow.yml"),
    ),
    (".gitlab-ci.yml", include_str!("init/gitlab-ci.yml")),
    // What both workflows run to install Vitrina: the released binary, its SHA-256 checked.
    (
        "ci/install-vitrina.sh",
        include_str!("init/install-vitrina.sh"),
    ),
    (".gitignore", include_str!("init/gitignore")),
    // A sample of the feedback platform's export (April 2025, ten messages), for trying
    // `vitrina import templates/vygruzka-pos-primer.csv`.
    (
        "templates/vygruzka-pos-primer.csv",
        include_str!("init/vygruzka-pos-primer.csv"),
    ),
];

/// The binary files of a new site: the XLSX template of the monthly form for `vitrina import`.
pub fn binary_files() -> [(String, &'static [u8]); 1] {
    [(
        format!("templates/{}", crate::data::form_template::TEMPLATE_NAME),
        crate::data::form_template::xlsx_template(),
    )]
}

/// Why no site was created.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} is not empty")]
    NotEmpty(String),
    #[error("{0} is not a folder")]
    NotADir(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl InitError {
    /// What went wrong, in both languages (`Display` gives the English).
    pub fn message(&self) -> Text {
        match self {
            InitError::NotEmpty(dir) => t!("папка {dir} не пуста", "{dir} is not empty"),
            InitError::NotADir(dir) => t!("{dir} — не папка", "{dir} is not a folder"),
            InitError::Io { path, source } => t!(
                "не удалось записать {path}: {source}",
                "cannot write {path}: {source}"
            ),
        }
    }

    /// The likely fix.
    pub fn help(&self) -> Text {
        match self {
            InitError::NotEmpty(_) | InitError::NotADir(_) => t!(
                "init создаёт новый сайт: укажите новую или пустую папку, \
                 например `vitrina init mcu-site`",
                "init creates a new site: name a new or empty folder, \
                 such as `vitrina init mcu-site`"
            ),
            InitError::Io { .. } => t!(
                "проверьте, что в папку можно писать",
                "check that the folder can be written to"
            ),
        }
    }
}

/// Creates the site and says what to do next.
pub fn run(dir: &Path, region: bool, lang: Lang) -> Report {
    let mut report = Report::new();
    let files = if region { region_files() } else { site_files() };
    match create_files(dir, &files) {
        Ok(()) => {
            let (dir, n) = (dir.display(), files.len() as u64);
            let files = crate::format::plural(n, "файл", "файла", "файлов");
            let done = t!(
                "новый сайт создан в папке {dir} ({n} {files})\n\n\
                 дальше: запустите `vitrina check --root {dir}` и `vitrina build --root {dir}`;\n\
                 README.md сайта описывает ежемесячную работу, а docs/rukovodstvo.md — \
                 каждое поле отчёта и частые ошибки",
                "created a new site in {dir} ({n} files)\n\n\
                 next: run `vitrina check --root {dir}` and `vitrina build --root {dir}`;\n\
                 the site's README.md (in Russian) describes the monthly routine and the CI \
                 workflows, docs/rukovodstvo.md every field of a report and the usual mistakes"
            );
            report.line(done.get(lang));
            report
        }
        Err(e) => {
            let style = Style::for_stderr(lang);
            report.line(&style.error_with_help(&e.message(), &e.help()));
            report.failed()
        }
    }
}

/// An embedded file with the version and the addresses of this Vitrina put in.
pub fn fill_in(text: &str) -> String {
    text.replace(VERSION_MARKER, env!("CARGO_PKG_VERSION"))
        .replace(RELEASES_MARKER, RELEASES)
        .replace(REPOSITORY_MARKER, REPOSITORY)
}

/// Writes every file of a new site into `dir`, which must be new or empty (a `.git` folder alone
/// is allowed, so that `git init` may come first).
pub fn create(dir: &Path) -> Result<(), InitError> {
    create_files(dir, &site_files())
}

/// Every file of a new single site, with the version and the addresses of this Vitrina put in.
pub fn site_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .map(|(rel, text)| (rel.to_string(), fill_in(text).into_bytes()))
        .collect();
    files.extend(binary_files().map(|(rel, bytes)| (rel, bytes.to_vec())));
    files
}

/// The region's page about itself.
const REGION_ABOUT: &str = "---\n\
title: \"О центре\"\n\
weight: 10\n\
---\n\n\
Региональный центр управления собирает ежемесячные отчёты муниципальных центров управления \
области и публикует их на этом сайте: у каждого муниципалитета свой раздел, а [сравнение](/compare/) \
показывает их рядом — поступившие обращения, целевые показатели и дорожные карты.\n";

/// Made-up INNs with valid check digits for the sample municipalities, in their order.
const SAMPLE_INNS: [&str; 3] = ["9900200009", "9900200016", "9900200023"];

/// The sample municipalities of `init --region`: id, name, population.
const SAMPLE_MUNICIPALITIES: [(&str, &str, Option<u64>); 3] = [
    ("primersk", "Городской округ «Город Примерск»", Some(52_000)),
    ("severny", "Северный муниципальный округ", Some(18_500)),
    ("yuzhny", "Южный муниципальный район", None),
];

/// A sample municipality whose latest report came out late (its index, the report, its
/// `published` as the sample writes it and as this one does): the region's home page then
/// names who published late, and `/compare/` has a lateness to order by.
const SAMPLE_LATE: (usize, &str, &str, &str) = (
    1,
    "reports/2025-03.yaml",
    "published: 2025-04-02",
    "published: 2025-04-07",
);

/// How each sample municipality's counts compare with the sample site's, as a fraction: the
/// comparison of a new region then has something to compare.
const SAMPLE_SCALES: [(u64, u64); 3] = [(1, 1), (3, 5), (7, 5)];

/// A report's text with every count multiplied by `num / den`, rounded down: a part stays no
/// larger than its whole, and the layout and comments stay as written.
fn scaled_counts(text: &str, num: u64, den: u64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let keys = crate::data::report::count_keys();
    while let Some(at) = keys
        .iter()
        .filter_map(|k| {
            let key = format!("{k}: ");
            rest.match_indices(&key)
                .find(|(i, _)| {
                    let before = rest[..*i].chars().next_back();
                    let starts_word = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                    starts_word && rest[i + key.len()..].starts_with(|c: char| c.is_ascii_digit())
                })
                .map(|(i, _)| (i, key.len()))
        })
        .min()
    {
        let (i, len) = at;
        let value_at = i + len;
        let digits = rest[value_at..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - value_at);
        let n: u64 = rest[value_at..value_at + digits].parse().unwrap_or(0);
        out.push_str(&rest[..value_at]);
        out.push_str(&(n * num / den).to_string());
        rest = &rest[value_at + digits..];
    }
    out.push_str(rest);
    out
}

/// Every file of a new region's site: the single site's files, with its data moved into
/// three municipalities' folders (decisions and the road map in the first), and the region's
/// own `data/site.yaml`.
pub fn region_files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (rel, bytes) in site_files() {
        if rel == "content/about.md" {
            out.push((rel, REGION_ABOUT.as_bytes().to_vec()));
            continue;
        }
        let Some(data) = rel.strip_prefix("data/") else {
            out.push((rel, bytes));
            continue;
        };
        for (i, (id, name, population)) in SAMPLE_MUNICIPALITIES.iter().enumerate() {
            let civic = data.starts_with("decisions/")
                || data.starts_with("roadmaps/")
                || data.starts_with("clarifications/");
            if civic && i > 0 {
                continue;
            }
            let text = if data == "site.yaml" {
                let mut site = format!(
                    "# Сайт МЦУ муниципалитета: название, адрес, контакты.\n\
                     title: \"МЦУ: {name}\"\n\
                     municipality: \"{name}\"\n\
                     region: \"Примерная область\"\n\
                     # Адрес сайта муниципалитета, когда он собран отдельно; на сайте региона его\n\
                     # страницы лежат по адресу региона + {id}/.\n\
                     base_url: \"https://{id}.example.ru/\"\n\
                     contacts: {{phone: \"+7 800 000-00-{phone:02}\", email: \"mcu@{id}.example.ru\"}}\n\
                     # ИНН МЦУ (10 цифр): начало идентификаторов его наборов открытых данных.\n\
                     inn: \"{inn}\"\n",
                    inn = SAMPLE_INNS[i],
                    phone = i + 1
                );
                if let Some(p) = population {
                    site.push_str(&format!(
                        "# Численность населения: для показателей на 1000 жителей.\npopulation: {p}\n"
                    ));
                }
                site.into_bytes()
            } else if data.starts_with("reports/") {
                let (num, den) = SAMPLE_SCALES[i];
                let mut text = scaled_counts(&String::from_utf8_lossy(&bytes), num, den);
                let (late, report, on_time, published) = SAMPLE_LATE;
                if i == late && data == report {
                    text = text.replacen(on_time, published, 1);
                }
                text.into_bytes()
            } else {
                bytes.clone()
            };
            out.push((format!("data/municipalities/{id}/{data}"), text));
        }
    }
    out.push((
        "data/site.yaml".into(),
        "# Сайт региона: муниципалитеты — в папках data/municipalities/<id>/, у каждого свои\n\
         # site.yaml, targets.yaml, reports/, decisions/, roadmaps/.\n\
         region_site: true\n\
         title: \"Региональный центр управления Примерной области\"\n\
         region: \"Примерная область\"\n\
         base_url: \"https://cur.example.ru/\"\n\
         language: ru\n\
         contacts: {phone: \"+7 800 000-00-00\", email: \"cur@example.ru\"}\n\
         # ИНН регионального центра (10 цифр): начало идентификаторов наборов открытых данных.\n\
         inn: \"9900200030\"\n\
         # Где лежат файлы данных (репозиторий Git): на страницах отчётов, решений, дорожных карт\n\
         # и разъяснений — ссылки «Исходные данные» и «История изменений». {path} — путь файла от\n\
         # корня сайта (data/municipalities/<id>/reports/2025-03.yaml). Уберите # и впишите свой адрес:\n\
         # source:\n\
         #   file: \"https://github.com/org/cur-site/blob/main/{path}\"\n\
         #   history: \"https://github.com/org/cur-site/commits/main/{path}\"\n"
            .into(),
    ));
    out
}

/// Writes `files` into `dir`, which must be new or empty (a `.git` folder alone is allowed).
pub fn create_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), InitError> {
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(InitError::NotADir(shown));
        }
        let entries = std::fs::read_dir(dir).map_err(|source| InitError::Io {
            path: shown.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| InitError::Io {
                path: shown.clone(),
                source,
            })?;
            if entry.file_name() != ".git" {
                return Err(InitError::NotEmpty(shown));
            }
        }
    }
    let write = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        let io = |source| InitError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)
    };
    for (rel, bytes) in files {
        write(rel, bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_scale_and_nothing_else_does() {
        let text = "period: 2025-03\npublished: 2025-04-02\n  pos: {total: 100, fast_track: 45}\n  satisfaction: 4.2\n  subtotal: 7\nprogress: 20\n";
        assert_eq!(
            super::scaled_counts(text, 3, 5),
            "period: 2025-03\npublished: 2025-04-02\n  pos: {total: 60, fast_track: 27}\n  satisfaction: 4.2\n  subtotal: 7\nprogress: 20\n"
        );
    }
}
