//! Every diagnostic code, declared once with what it means.
//!
//! A code is the stable name of a problem (`ошибка[part-over-total]`): `--format json` and
//! `--format github` carry it, and a publisher's CI or a search for help goes by it. Written as
//! free string literals, two unrelated checks once shared a code (`encoding` for a data file and
//! for a theme's template; `no-data` for `build` and `import`). Here each is a constant, each
//! unique (a test), and each is listed in `docs/codes.md` (a test) with its severity and an
//! example message; every `Diagnostic::error`/`warning` names one of these constants (a test
//! reads the sources to hold that).

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $name:ident = $code:literal;)*) => {
        $($(#[doc = $doc])+ pub const $name: &str = $code;)*

        /// Every code with its one-line meaning, in the order declared.
        pub const ALL: &[(&str, &str)] = &[$(($code, concat!($($doc),+))),*];
    };
}

codes! {
    /// a YAML text over 1 MiB is refused before it is parsed
    YAML_TOO_LARGE = "yaml-too-large";
    /// the file is not valid YAML
    YAML_SYNTAX = "yaml-syntax";
    /// a data file or front matter holds more than one YAML document (a second `---`)
    YAML_DOCUMENTS = "yaml-documents";
    /// an alias (`*name`) refers to no anchor
    YAML_ALIAS = "yaml-alias";
    /// a YAML tag (`!!str`, `!x`) is used; Vitrina's data has none
    YAML_TAG = "yaml-tag";
    /// lists and mappings nested deeper than 64 levels
    YAML_TOO_DEEP = "yaml-too-deep";
    /// aliases would copy more than 10,000 values (the \"billion laughs\")
    YAML_ALIAS_LIMIT = "yaml-alias-limit";
    /// one key written twice in the same mapping
    DUPLICATE_KEY = "duplicate-key";
    /// a key the data format does not have (a typo, most often)
    UNKNOWN_KEY = "unknown-key";
    /// a required key is present but left blank (a `new-month` file not yet filled in)
    MISSING_VALUE = "missing-value";
    /// a required key is absent (also `title` in a page's front matter)
    MISSING_KEY = "missing-key";
    /// a value of the wrong shape: a list where a mapping belongs, text where a number does
    EXPECTED = "expected";
    /// a count over 1,000,000,000
    COUNT_TOO_LARGE = "count-too-large";
    /// a count below zero
    COUNT_NEGATIVE = "count-negative";
    /// a count with a fraction
    COUNT_FRACTION = "count-fraction";
    /// a count that is not a number at all
    COUNT_INVALID = "count-invalid";
    /// a date not written YYYY-MM-DD
    DATE_FORMAT = "date-format";
    /// a date that is not in the calendar
    DATE_INVALID = "date-invalid";
    /// a month not written YYYY-MM
    PERIOD_FORMAT = "period-format";
    /// a number outside its allowed range (a satisfaction score, a measure's progress over 100 %)
    OUT_OF_RANGE = "out-of-range";
    /// an `id` (or theme name) over 80 characters
    ID_TOO_LONG = "id-too-long";
    /// an `id` (or theme name) with characters other than a-z, 0-9, `-`, `_`
    ID_FORMAT = "id-format";
    /// a `kind` or `status` that is not one of the allowed values
    UNKNOWN_VALUE = "unknown-value";
    /// an informing post dated before its decision was adopted
    INFORMING_BEFORE_ADOPTION = "informing-before-adoption";
    /// a road-map measure done before its road map was approved
    DONE_BEFORE_APPROVED = "done-before-approved";
    /// a road-map measure both done and cancelled
    DONE_AND_CANCELLED = "done-and-cancelled";
    /// the site's address (`base_url`, `--base-url`) has a `?` or a `#`
    BASE_URL_QUERY = "base-url-query";
    /// an address that is not absolute http(s)
    URL_SCHEME = "url-scheme";
    /// an address holding a space, `\"`, `<`, `>` or another character a link cannot hold
    URL_CHARACTER = "url-character";
    /// an address with a user name or password
    URL_USERINFO = "url-userinfo";
    /// a malformed address (no host, a bad port, a bad percent escape)
    URL_INVALID = "url-invalid";
    /// an address of `source:` in `site.yaml` without `{path}` in its path, query or fragment
    SOURCE_PATH = "source-path";
    /// `build`/`check`/`serve`: the site's root has no `data/` folder
    NO_DATA = "no-data";
    /// an empty file, or one of only comments
    EMPTY_FILE = "empty-file";
    /// an input file over 4 MiB is refused before it is read
    FILE_TOO_LARGE = "file-too-large";
    /// a file under `data/` or `content/` that is not UTF-8 (points at the first bad byte)
    ENCODING = "encoding";
    /// a folder or file under the site's root could not be read
    READ = "read";
    /// a symbolic link under `data/` or `content/` leading outside the site's folder
    SYMLINK_OUTSIDE = "symlink-outside";
    /// something under `data/`, `content/` or `themes/` that is not a regular file where a file is read (a folder named like a report, a FIFO, a socket)
    NOT_A_FILE = "not-a-file";
    /// a file under `data/` or `content/` that Vitrina does not read (another extension, a name it does not know)
    FILE_IGNORED = "file-ignored";
    /// a report published before its month began
    PUBLISHED_BEFORE_PERIOD = "published-before-period";
    /// a report's correction dated before the report was published
    CORRECTION_BEFORE_PUBLISHED = "correction-before-published";
    /// a report's correction that does not say what changed (no `text`, or a blank one)
    CORRECTION_NO_TEXT = "correction-no-text";
    /// `report_due_day:` in `site.yaml` is not a day from 1 to 28
    REPORT_DUE_DAY = "report-due-day";
    /// a hashtag of `post_tags:` in `site.yaml` that is not `#` and a word
    POST_TAG = "post-tag";
    /// `post`: the site has no report for the month named
    POST_NO_REPORT = "post-no-report";
    /// `post --decision`: the site has no decision with the id named
    POST_NO_DECISION = "post-no-decision";
    /// `post` on a region's site without `--municipality`, or naming one it does not have (or `--municipality` on a single site)
    POST_MUNICIPALITY = "post-municipality";
    /// a part greater than its total (fast-track over total, a theme's solved over received…)
    PART_OVER_TOTAL = "part-over-total";
    /// `language:` in `site.yaml` is neither `ru` nor `en`
    LANGUAGE = "language";
    /// a contact e-mail that is not an address
    EMAIL = "email";
    /// `inn:` in `site.yaml` is not 10 digits, or its check digit does not match
    INN = "inn";
    /// `site.yaml` has no `inn:`, so the open-data identifiers lack the publisher's INN
    INN_MISSING = "inn-missing";
    /// `site.yaml` has no `contacts: {phone: …}`: the open-data passports lack the publisher's phone
    PHONE_MISSING = "phone-missing";
    /// a year in `targets.yaml` that is not a year
    YEAR = "year";
    /// a target in `targets.yaml` that is not one of the 7
    UNKNOWN_TARGET = "unknown-target";
    /// a report's `period` differs from its file name
    PERIOD_MISMATCH = "period-mismatch";
    /// a report file not named after its month
    REPORT_FILE_NAME = "report-file-name";
    /// two report files for one month
    DUPLICATE_PERIOD = "duplicate-period";
    /// a month missing between two reports
    MISSING_MONTH = "missing-month";
    /// a report more than 36 months from the site's other reports (a mistyped year)
    PERIOD_FAR = "period-far";
    /// a report for a month after the as-of date given with `--as-of`
    PERIOD_AFTER_AS_OF = "period-after-as-of";
    /// the themes of a month add up to more than its total
    THEMES_OVER_TOTAL = "themes-over-total";
    /// a channel's total is 0 after a reported month with 20 or more appeals through it, and the report does not confirm it (`zero_confirmed`)
    ZERO_LOOKS_MISSING = "zero-looks-missing";
    /// a road-map measure done after its deadline, with no `late_reason`
    DONE_LATE = "done-late";
    /// two decisions, two road maps or two clarifications with one `id`
    DUPLICATE_ID = "duplicate-id";
    /// a decision done with no informing post
    DONE_NOT_INFORMED = "done-not-informed";
    /// a road map's theme that no monthly report mentions
    ROADMAP_THEME_UNKNOWN = "roadmap-theme-unknown";
    /// a clarification whose `links` list is empty
    CLARIFICATION_NO_LINK = "clarification-no-link";
    /// a clarification whose `id` is all digits or `topic`, the addresses of its year and topic pages
    CLARIFICATION_ID_RESERVED = "clarification-id-reserved";
    /// a clarification's `claim` over 300 characters
    CLAIM_TOO_LONG = "claim-too-long";
    /// a content page whose address is one Vitrina generates
    PAGE_URL_RESERVED = "page-url-reserved";
    /// two content pages with one address (also when they differ only in case)
    PAGE_URL_DUPLICATE = "page-url-duplicate";
    /// a content page without front matter between `---` lines
    FRONT_MATTER_MISSING = "front-matter-missing";
    /// `import`: the site's root has no `data/` folder to write into
    IMPORT_NO_DATA = "import-no-data";
    /// `import`: no rows of the monthly form found in the sheet
    IMPORT_NO_FORM = "import-no-form";
    /// `import`: a row number outside 1…28
    IMPORT_ROW_UNKNOWN = "import-row-unknown";
    /// `import`: one row of the form twice
    IMPORT_ROW_DUPLICATE = "import-row-duplicate";
    /// `import`: rows of the form out of order
    IMPORT_ROW_ORDER = "import-row-order";
    /// `import`: a row's name differs a lot from the official wording, or reads like another row's
    IMPORT_NAME_DIFFERS = "import-name-differs";
    /// `import`: a value that is not a whole number 0 or more
    IMPORT_VALUE = "import-value";
    /// `import`: a row of the form is missing
    IMPORT_ROW_MISSING = "import-row-missing";
    /// `import`: `--period` is not the month the title names
    IMPORT_PERIOD_DIFFERS = "import-period-differs";
    /// `import`: neither `--period` nor the title gives the month
    IMPORT_NO_PERIOD = "import-no-period";
    /// `import`: neither `--published` nor the title gives the publication date
    IMPORT_NO_PUBLISHED = "import-no-published";
    /// `import`: the publication date falls before the month
    IMPORT_PUBLISHED_BEFORE_PERIOD = "import-published-before-period";
    /// `import`: the month already has a report file (import never overwrites)
    IMPORT_EXISTS = "import-exists";
    /// `import`: the new report file could not be written
    IMPORT_IO = "import-io";
    /// `import`: the spreadsheet could not be read (not XLSX or CSV, damaged)
    IMPORT_UNREADABLE = "import-unreadable";
    /// `import`: `--sheet` given for a CSV file, which has no sheets
    IMPORT_SHEET_IGNORED = "import-sheet-ignored";
    /// `import`: `--sheet` names a sheet the file does not have
    IMPORT_NO_SHEET = "import-no-sheet";
    /// `import`: a part greater than its total in the spreadsheet
    IMPORT_PART_OVER_TOTAL = "import-part-over-total";
    /// `import`: rows 11 and 12 differ from what `data/decisions/` gives
    IMPORT_DECISIONS_DIFFER = "import-decisions-differ";
    /// `import` of the platform's export: a date cell that is not a date
    IMPORT_POS_DATE = "import-pos-date";
    /// `import` of the platform's export: a yes/no column holding another word
    IMPORT_POS_YES_NO = "import-pos-yes-no";
    /// `import` of the platform's export: a rating outside 1–5
    IMPORT_POS_RATING = "import-pos-rating";
    /// `import` of the platform's export: one message number on two rows
    IMPORT_POS_DUPLICATE = "import-pos-duplicate";
    /// `import` of the platform's export: rows of several months and no `--period`; the month most rows fall in is taken
    IMPORT_POS_MONTHS = "import-pos-months";
    /// `import` of the platform's export: as many rows in two months and no `--period`
    IMPORT_POS_MONTHS_TIE = "import-pos-months-tie";
    /// `import` of the platform's export: no message of the month
    IMPORT_POS_NO_ROWS = "import-pos-no-rows";
    /// `import` of the platform's export: a column named in `pos_export:` is not in the header row, or the header has no date column
    IMPORT_POS_COLUMN = "import-pos-column";
    /// `import` of the platform's export: two columns name one field (two date columns, a title written twice)
    IMPORT_POS_AMBIGUOUS = "import-pos-ambiguous";
    /// `import` of the platform's export: dates written with a two-digit year (`01.04.25`), read in the 2000s
    IMPORT_POS_SHORT_YEAR = "import-pos-short-year";
    /// `import` of the platform's export: rows without a category, counted in the total and in no theme
    IMPORT_POS_NO_CATEGORY = "import-pos-no-category";
    /// `import` of the platform's export: a value already filled in differs from the export's (without `--replace`)
    IMPORT_POS_CONFLICT = "import-pos-conflict";
    /// `import` of the platform's export: the month's report file cannot be edited (not readable YAML, or would not pass `check`)
    IMPORT_POS_REPORT = "import-pos-report";
    /// a page or the search index could not be rendered (a template error at run time)
    RENDER = "render";
    /// a theme template does not compile
    TEMPLATE = "template";
    /// a page's front matter names a template the theme does not have
    TEMPLATE_MISSING = "template-missing";
    /// a theme's template that is not UTF-8
    TEMPLATE_ENCODING = "template-encoding";
    /// `theme:` in `site.yaml` names a theme with no folder under `themes/`
    THEME_MISSING = "theme-missing";
    /// `data/reports/` holds no monthly report
    NO_REPORTS = "no-reports";
    /// a region's site (`region_site: true`) has no folder under `data/municipalities/`
    NO_MUNICIPALITIES = "no-municipalities";
    /// a municipality's folder name cannot be an address (not a-z, 0-9, `-`, `_`, or taken by the region's pages)
    MUNICIPALITY_ID = "municipality-id";
    /// two municipalities of a region have the same `municipality:` name
    MUNICIPALITY_DUPLICATE = "municipality-duplicate";
    /// a municipality of a region has no monthly report
    MUNICIPALITY_NO_REPORTS = "municipality-no-reports";
    /// a municipality's latest report is older than the region's latest month
    MUNICIPALITY_LAGGING = "municipality-lagging";
    /// a month's total the region publishes differs from the sum of its municipalities' reports
    REGION_TOTAL_DIFFERS = "region-total-differs";
    /// a target below plan in a finished year with no reason given
    BELOW_PLAN_NO_REASON = "below-plan-no-reason";
    /// the as-of date is more than 62 days after the latest report
    AS_OF_FAR_AHEAD = "as-of-far-ahead";
    /// a link to a page the site does not have (an error when a template writes it)
    BROKEN_LINK = "broken-link";
    /// a file of the site's `static/` would take the place of a file Vitrina makes
    STATIC_COLLIDES = "static-collides";
    /// something under `static/` that cannot be published as a file: a named pipe, a socket, a name that is not UTF-8 or holds a line break or backslash
    STATIC_NOT_PUBLISHABLE = "static-not-publishable";

    // Made by `WriteError::code()` in src/write.rs rather than named at a call.
    /// `build --out` is the site's own folder
    OUT_IS_ROOT = "out-is-root";
    /// `build --out` contains the site's folder
    OUT_CONTAINS_ROOT = "out-contains-root";
    /// `build --out` lies inside `data/`, `content/`, `themes/` or `static/`
    OUT_INSIDE_SOURCES = "out-inside-sources";
    /// `build --out` lies inside another output folder of Vitrina's, or inside the folder it keeps beside one
    OUT_INSIDE_OUTPUT = "out-inside-output";
    /// `build --out` is a mount point, which the swap cannot rename
    OUT_MOUNT_POINT = "out-mount-point";
    /// `build --out` is a file, or a symlink to one
    OUT_NOT_A_FOLDER = "out-not-a-folder";
    /// `build --out` is a non-empty folder without Vitrina's manifest beside it
    OUT_NOT_VITRINAS = "out-not-vitrinas";
    /// the output holds a file its manifest does not list
    OUT_FOREIGN_FILES = "out-foreign-files";
    /// the folder `.NAME.vitrina` beside the output exists and is not Vitrina's
    OUT_STATE_NOT_VITRINAS = "out-state-not-vitrinas";
    /// a path in the output could not be used
    OUT_BAD_PATH = "out-bad-path";
    /// writing the output failed (disk full, permissions)
    WRITE = "write";
    /// `serve` cannot listen on 127.0.0.1: every port it tried is taken, or the system refused
    SERVE_LISTEN = "serve-listen";
    /// `serve` cannot watch the site's folder for changes
    SERVE_WATCH = "serve-watch";
    /// `serve`'s web server stopped
    SERVE_STOPPED = "serve-stopped";
}

#[cfg(test)]
mod tests {
    use super::ALL;
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    /// The table of codes the README links to.
    const TABLE: &str = include_str!("../../docs/codes.md");

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_code_is_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for (code, meaning) in ALL {
            assert!(seen.insert(code), "{code} is declared twice");
            assert!(
                !code.is_empty()
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
            assert!(!meaning.trim().is_empty(), "{code} says nothing");
        }
    }

    #[test]
    fn every_code_is_in_the_table_and_the_table_has_no_other() {
        let listed: Vec<&str> = TABLE
            .lines()
            .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
            .collect();
        for (code, _) in ALL {
            assert!(listed.contains(code), "docs/codes.md does not list {code}");
        }
        for code in &listed {
            assert!(
                ALL.iter().any(|(c, _)| c == code),
                "docs/codes.md lists {code}, which src/diag/codes.rs does not declare"
            );
        }
        assert_eq!(listed.len(), ALL.len(), "a code is listed twice");
    }

    #[test]
    fn every_diagnostic_names_a_registered_constant_not_a_literal() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let calls = [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "Self::error(",
            "Self::warning(",
            "Refusal::new(",
            ".with_code(",
        ];
        // This file names the calls as strings, in the list above.
        for file in files.iter().filter(|f| !f.ends_with("diag/codes.rs")) {
            let text = std::fs::read_to_string(file).expect("a source is UTF-8");
            for call in calls {
                for (at, _) in text.match_indices(call) {
                    let arg = text[at + call.len()..].trim_start();
                    assert!(
                        !arg.starts_with('"'),
                        "{}: {call} with a literal code; declare it in src/diag/codes.rs",
                        file.display()
                    );
                }
            }
        }
    }

    #[test]
    fn the_write_errors_codes_are_constants_of_this_file() {
        let write = include_str!("../write.rs");
        let body = write
            .split("pub fn code(&self)")
            .nth(1)
            .and_then(|rest| rest.split("\n    }\n").next())
            .expect("WriteError::code() in src/write.rs");
        assert!(
            !body.contains('"'),
            "a literal code in WriteError::code(): {body}"
        );
        assert!(body.matches("=> codes::").count() >= 11, "{body}");
    }
}
