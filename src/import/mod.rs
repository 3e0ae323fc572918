//! `vitrina import FILE`: a month's report read from a spreadsheet laid out like the official
//! monthly form (the 28 rows of Приложение № 1: number, name, value), written as
//! `data/reports/YYYY-MM.yaml`.
//!
//! Many centres keep the form in Excel and send it to the regional centre as it is; importing it
//! spares retyping 26 numbers. The spreadsheet is checked the way `check` checks a report file,
//! and every problem of the file is reported in one run, each naming the sheet, the cell (Excel's
//! `Отчёт!C7`) and its row and column numbers. Nothing is written unless the whole form is right,
//! and an existing report is never overwritten.
//!
//! The month is `--period`, else read off the title («за март 2024 г.», or the reporting date «на
//! «02» апреля 2024 г.», which is the report for March); the publication date is `--published`,
//! else the title's date. Indicators 11 and 12 are counted by Vitrina from `data/decisions/`: the
//! spreadsheet's values are compared with those counts (a difference is a warning) and not written.
//!
//! The template of the form (`otchet-mcu.xlsx`, made by `examples/xlsx_template.rs`) is embedded:
//! `init` puts it in a new site, and [`xlsx_template`] gives it to the build for `/data/`.

pub mod edit;
pub mod export;
pub mod form;
pub mod pos;
pub mod sheet;
pub mod text;
pub mod title;

use crate::diag::codes;
use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::domain::{Channel, INDICATORS, Source, Treatment};
use crate::period::Period;
use crate::source::Sources;
use crate::t;
use chrono::NaiveDate;
use sheet::{Sheet, cell_ref, sheet_ref};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The template of the form, declared below both the import and the output.
pub use crate::xlsx_form::{TEMPLATE_NAME, xlsx_template};

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub file: PathBuf,
    pub root: PathBuf,
    pub period: Option<Period>,
    pub published: Option<NaiveDate>,
    pub sheet: Option<String>,
    /// Importing the platform's export into an existing report: change values already filled
    /// in with other numbers.
    pub replace: bool,
    /// The language of the messages.
    pub lang: Lang,
}

/// How diagnostics name a place in the spreadsheet.
#[derive(Debug, Clone)]
pub struct Place {
    file: String,
    /// `None` for a CSV file.
    sheet: Option<String>,
    /// The language of [`Place::cell`], which a diagnostic shows as its path (one text only).
    lang: Lang,
}

impl Place {
    /// The file as the user named it.
    pub fn file(&self) -> String {
        self.file.clone()
    }

    /// `sheet «Отчёт» of report.xlsx`, or the CSV file's name.
    pub fn sheet_name(&self) -> String {
        match &self.sheet {
            Some(s) => format!("sheet «{s}» of {}", self.file),
            None => self.file.clone(),
        }
    }

    /// The sheet in Russian, in the case the words before it ask for: `sheet_ru("на листе", "в
    /// файле")` gives `на листе «Отчёт» файла report.xlsx`, or `в файле report.csv` for a CSV file.
    pub fn sheet_ru(&self, on_sheet: &str, in_file: &str) -> String {
        match &self.sheet {
            Some(s) => format!("{on_sheet} «{s}» файла {}", self.file),
            None => format!("{in_file} {}", self.file),
        }
    }

    /// `Отчёт!C7`, or `C7` in a CSV file.
    pub fn cell_ref(&self, row: usize, col: usize) -> String {
        match &self.sheet {
            Some(s) => format!("{}!{}", sheet_ref(s), cell_ref(row, col)),
            None => cell_ref(row, col),
        }
    }

    /// `report.xlsx, Отчёт!C7 (row 7, column 3)`, or `(строка 7, столбец 3)` in Russian.
    pub fn cell(&self, row: usize, col: usize) -> String {
        let (row_word, col_word) = match self.lang {
            Lang::Ru => ("строка", "столбец"),
            Lang::En => ("row", "column"),
        };
        format!(
            "{}, {} ({row_word} {}, {col_word} {})",
            self.file,
            self.cell_ref(row, col),
            row + 1,
            col + 1
        )
    }
}

/// What [`import`] wrote.
#[derive(Debug, Clone)]
pub struct Imported {
    pub period: Period,
    pub published: NaiveDate,
    /// The new file, relative to the site root.
    pub rel: PathBuf,
    /// `sheet «Отчёт» of report.xlsx` / `из файла report.xlsx, лист «Отчёт»`.
    pub source: Text,
    /// Printed after the path: each value set or changed (the platform's export).
    pub lines: Vec<String>,
    /// When not empty, what is said instead of the form's line (the platform's export).
    pub summary: Vec<String>,
}

/// Reads the spreadsheet and writes the report; `None` (and errors in `d`) if anything is wrong.
pub fn import(opts: &Options, d: &mut Diagnostics) -> Option<Imported> {
    let data = opts.root.join("data");
    if !data.is_dir() {
        d.push(no_data(&opts.root));
        return None;
    }
    let file = opts.file.display().to_string();
    // Problems of `pos_export:` matter only for an export; `check` reports them anyway.
    let mut site_problems = Diagnostics::new();
    let overrides = pos::site_overrides(&opts.root, &mut site_problems);
    let sheet = read_sheet(opts, &file, &overrides, d)?;
    let place = Place {
        file: file.clone(),
        sheet: sheet.name.clone(),
        lang: opts.lang,
    };
    // The export's header row (a date column and two more) is the more specific sign: a row of
    // an export can look like a row of the form (a number, then text, then a number).
    let header = pos::header(&sheet, &overrides);
    if let Some(header) = header {
        for diag in site_problems.iter() {
            d.push(diag.clone());
        }
        pos::missing_overridden(
            sheet.rows.get(header.row).map(Vec::as_slice),
            &overrides,
            &opts.root,
            &place,
            d,
        );
        if d.has_errors() {
            return None;
        }
        return export::import(opts, &sheet, &header, &overrides, &place, d);
    }
    // Titles of the export above whatever looks like the form: an export whose date column
    // has a title Vitrina does not know (its rows can pass for rows of the form).
    if let Some((row, titles)) = pos::near_header(&sheet, &overrides)
        && form::layout(&sheet).is_none_or(|l| l.first_row > row)
    {
        let found = titles
            .iter()
            .map(|t| format!("«{t}»"))
            .collect::<Vec<_>>()
            .join(", ");
        d.push(
            Diagnostic::error(
                codes::IMPORT_POS_COLUMN,
                t!(
                    "строка {} похожа на заголовки выгрузки ПОС ({found}), но в ней нет столбца с датой поступления",
                    "row {} looks like the header of the platform's export ({found}), but no column is the message's date",
                    row + 1
                ),
            )
            .in_path(place.cell(row, 0))
            .help(t!(
                "назовите столбец даты в data/site.yaml: `pos_export: {{date: \"Название столбца\"}}`",
                "name the date column in data/site.yaml: `pos_export: {{date: \"Column title\"}}`"
            )),
        );
        return None;
    }
    let form = form::read(&sheet, &place, d);

    // The title: the text above the form.
    let above = form
        .as_ref()
        .map_or(sheet.rows.len(), |f| f.layout.first_row);
    let (title_date, title_period) = title_marks(&sheet, above);
    let from_title = title_period
        .or_else(|| title_date.map(|(date, r, c)| (title::period_of_report_date(date), r, c)));
    let period = choose_period(opts.period, from_title, &sheet, &place, d);
    let published = choose_published(opts.published, title_date, &place, d);
    if let (Some(p), Some((date, from))) = (period, &published) {
        published_after_month(p, *date, from, d);
    }

    let reports = data.join("reports");
    let path = period.map(|p| reports.join(format!("{p}.yaml")));
    if let (Some(p), Some(path)) = (period, &path) {
        no_report_yet(p, path, &reports, &opts.root, d);
    }

    if let Some(form) = &form {
        parts_over_totals(form, &place, d);
        if let Some(p) = period {
            compare_decisions(form, p, &opts.root, &place, d);
        }
    }

    let (form, period, (published, _), path) = (form?, period?, published?, path?);
    if d.has_errors() {
        return None;
    }
    let values: [u64; 28] = std::array::from_fn(|i| form.values[i].unwrap_or(0));
    let source = match &sheet.name {
        Some(s) => format!("{}, лист «{s}»", file_name(&opts.file)),
        None => file_name(&opts.file),
    };
    let (text, lines) = text::report_text(period, published, &values, &source);
    if !passes_check(&text, &lines, &form, &place, &opts.root, &path, d) {
        return None;
    }
    if let Err(e) = write_new(&reports, &path, &text) {
        d.push(cannot_write(&shown(&opts.root, &path), &e));
        return None;
    }
    Some(Imported {
        period,
        published,
        rel: path.strip_prefix(&opts.root).unwrap_or(&path).to_path_buf(),
        source: Text::new(
            match &place.sheet {
                Some(s) => format!("из файла {}, лист «{s}»", place.file),
                None => format!("из файла {}", place.file),
            },
            place.sheet_name(),
        ),
        lines: Vec::new(),
        summary: Vec::new(),
    })
}

/// The error for a root without `data/`: not a site's folder.
fn no_data(root: &Path) -> Diagnostic {
    crate::data::no_data_folder(codes::IMPORT_NO_DATA, root)
}

/// Something read off the title, with its cell (row, column).
type Marked<T> = Option<(T, usize, usize)>;

/// The first date and the first month named in the sheet's rows above `above`, with their cells.
fn title_marks(sheet: &Sheet, above: usize) -> (Marked<NaiveDate>, Marked<Period>) {
    let mut title_date = None;
    let mut title_period = None;
    for (r, row) in sheet.rows.iter().enumerate().take(above) {
        for (c, cell) in row.iter().enumerate() {
            let Some(text) = cell.text() else { continue };
            if title_date.is_none() {
                title_date = title::date_in(text).map(|date| (date, r, c));
            }
            if title_period.is_none() {
                title_period = title::period_in(text).map(|p| (p, r, c));
            }
        }
    }
    (title_date, title_period)
}

/// The report's month: `--period` (a warning if the title speaks of another), else the title's;
/// an error if neither names one.
fn choose_period(
    given: Option<Period>,
    from_title: Marked<Period>,
    sheet: &Sheet,
    place: &Place,
    d: &mut Diagnostics,
) -> Option<Period> {
    match (given, from_title) {
        (Some(p), Some((t, r, c))) if p != t => {
            let month = crate::format::month(t.year, t.month);
            d.push(
                Diagnostic::warning(
                    codes::IMPORT_PERIOD_DIFFERS,
                    t!(
                        "--period {p} не совпадает с месяцем в заголовке таблицы ({month}, по тексту «{}»)",
                        "--period {p} is not the month the title speaks of ({t}, from «{}»)",
                        sheet.get(r, c).shown()
                    ),
                )
                .in_path(place.cell(r, c))
                .help(t!(
                    "проверьте, та ли это таблица: отчёт будет записан за месяц из --period",
                    "check that this is the right spreadsheet; the report is written for --period"
                )),
            );
            Some(p)
        }
        (Some(p), _) => Some(p),
        (None, Some((t, _, _))) => Some(t),
        (None, None) => {
            let (of_ru, of_en) = (place.sheet_ru("листа", "файла"), place.sheet_name());
            d.push(
                Diagnostic::error(
                    codes::IMPORT_NO_PERIOD,
                    t!(
                        "неизвестно, за какой месяц отчёт: в заголовке {of_ru} нет ни месяца, ни отчётной даты",
                        "the report's month is not known: the title of {of_en} names neither the month nor the reporting date"
                    ),
                )
                .in_path(place.file())
                .help(t!(
                    "укажите месяц: `--period 2024-03` — или впишите его в заголовок над таблицей: «за март 2024 г.» или «на «02» апреля 2024 г.»",
                    "name the month: `--period 2024-03`, or write it in the title above the table: «за март 2024 г.» or «на «02» апреля 2024 г.»"
                )),
            );
            None
        }
    }
}

/// The publication date and where it came from: `--published`, else the title's date; an error
/// if neither gives one.
fn choose_published(
    given: Option<NaiveDate>,
    title_date: Marked<NaiveDate>,
    place: &Place,
    d: &mut Diagnostics,
) -> Option<(NaiveDate, String)> {
    match (given, title_date) {
        (Some(p), _) => Some((p, "--published".to_string())),
        (None, Some((date, r, c))) => Some((date, place.cell(r, c))),
        (None, None) => {
            let (of_ru, of_en) = (place.sheet_ru("листа", "файла"), place.sheet_name());
            d.push(
                Diagnostic::error(
                    codes::IMPORT_NO_PUBLISHED,
                    t!(
                        "неизвестна дата публикации: в заголовке {of_ru} нет даты",
                        "the publication date is not known: the title of {of_en} has no date"
                    ),
                )
                .in_path(place.file())
                .help(t!(
                    "укажите дату: `--published 2024-04-02` — или впишите отчётную дату в заголовок над таблицей: «на «02» апреля 2024 г.»",
                    "name it: `--published 2024-04-02`, or write the reporting date in the title above the table: «на «02» апреля 2024 г.»"
                )),
            );
            None
        }
    }
}

/// An error, at `from`, when the report for `p` would be published before its month began.
fn published_after_month(p: Period, date: NaiveDate, from: &str, d: &mut Diagnostics) {
    if date >= p.first_day() {
        return;
    }
    let (month, day) = (
        crate::format::month(p.year, p.month),
        crate::format::date(date),
    );
    d.push(
        Diagnostic::error(
            codes::IMPORT_PUBLISHED_BEFORE_PERIOD,
            t!(
                "отчёт за {month} был бы опубликован {day}, ещё до начала этого месяца",
                "the report for {p} would be published on {date}, before its month began"
            ),
        )
        .in_path(from.to_string())
        .help(t!(
            "ежемесячный отчёт публикуют после окончания месяца, обычно до 2-го числа следующего: проверьте дату и --period",
            "a monthly report is published after its month, usually by the 2nd of the next month: check the date and --period"
        )),
    );
}

/// A path as shown to the user: relative to the site root, with forward slashes.
pub(crate) fn shown(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// An error if `path`, or another report for month `p` under `reports`, exists already: import
/// never overwrites a report.
fn no_report_yet(p: Period, path: &Path, reports: &Path, root: &Path, d: &mut Diagnostics) {
    if path.exists() {
        d.push(
            Diagnostic::error(
                codes::IMPORT_EXISTS,
                t!("файл {} уже существует", "{} already exists", shown(root, path)),
            )
            .in_path(shown(root, path))
            .help(t!(
                "импорт никогда не перезаписывает отчёт: если таблица новее, сначала удалите или переименуйте этот файл; или укажите другой месяц в --period",
                "import never overwrites a report: if the spreadsheet is the newer one, delete or rename the file first; or name another month with --period"
            )),
        );
    } else if let Some(other) = report_of(reports, p) {
        let month = crate::format::month(p.year, p.month);
        d.push(
            Diagnostic::error(
                codes::IMPORT_EXISTS,
                t!(
                    "отчёт за {month} уже есть: {}",
                    "{p} already has a report: {}",
                    shown(root, &other)
                ),
            )
            .in_path(shown(root, &other))
            .help(t!(
                "за месяц бывает только один отчёт: если таблица новее, сначала удалите или переименуйте тот файл",
                "a month has one report: if the spreadsheet is the newer one, delete or rename that file first"
            )),
        );
    }
}

/// Writes `text` as the new file `path`, making `reports` if need be; fails rather than replace
/// a file that appeared since the check.
pub(crate) fn write_new(reports: &Path, path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(reports)?;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}

/// The error for a report file that could not be written (`shown` is its path as shown).
pub(crate) fn cannot_write(shown: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        codes::IMPORT_IO,
        t!(
            "не удалось записать {shown}: {e}",
            "cannot write {shown}: {e}"
        ),
    )
    .in_path(shown.to_string())
    .help(t!(
        "проверьте, что папка существует и в неё можно записывать",
        "check that the folder exists and can be written to"
    ))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

/// The sheet to read: the CSV file's one, the one named by `--sheet`, else the first that holds
/// the form.
fn read_sheet(
    opts: &Options,
    file: &str,
    overrides: &pos::Overrides,
    d: &mut Diagnostics,
) -> Option<Sheet> {
    let ext = opts
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    let unreadable = |e: sheet::ReadError| {
        Diagnostic::error(codes::IMPORT_UNREADABLE, e.message())
            .in_path(file.to_string())
            .help(e.help())
    };
    if matches!(ext.as_deref(), Some("csv" | "txt")) {
        if opts.sheet.is_some() {
            d.push(
                Diagnostic::warning(
                    codes::IMPORT_SHEET_IGNORED,
                    t!(
                        "в файле CSV нет листов: --sheet не учитывается",
                        "a CSV file has no sheets: --sheet is ignored"
                    ),
                )
                .in_path(file.to_string()),
            );
        }
        return sheet::read_csv(&opts.file)
            .map_err(|e| d.push(unreadable(e)))
            .ok();
    }
    let sheets = sheet::read_workbook(&opts.file)
        .map_err(|e| d.push(unreadable(e)))
        .ok()?;
    let names = || {
        sheets
            .iter()
            .filter_map(|s| s.name.as_deref())
            .map(|n| format!("«{n}»"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match &opts.sheet {
        Some(want) => sheets
            .iter()
            .find(|s| s.name.as_deref() == Some(want.as_str()))
            .or_else(|| {
                sheets.iter().find(|s| {
                    s.name
                        .as_deref()
                        .is_some_and(|n| n.trim().to_lowercase() == want.trim().to_lowercase())
                })
            }),
        None => sheets
            .iter()
            .find(|s| form::layout(s).is_some() || pos::header(s, overrides).is_some())
            .or(sheets.first()),
    };
    match chosen {
        Some(s) => Some(s.clone()),
        None => {
            let message = match &opts.sheet {
                Some(want) => t!(
                    "в файле {file} нет листа «{want}»",
                    "there is no sheet «{want}» in {file}"
                ),
                None => t!("в файле {file} нет ни одного листа", "{file} has no sheets"),
            };
            d.push(
                Diagnostic::error(codes::IMPORT_NO_SHEET, message)
                    .in_path(file.to_string())
                    .help(t!(
                        "листы этого файла: {}",
                        "the sheets of the file are: {}",
                        names()
                    )),
            );
            None
        }
    }
}

/// The report file for `period` anywhere under `data/reports/`.
pub(crate) fn report_of(dir: &Path, period: Period) -> Option<PathBuf> {
    if !dir.is_dir() {
        return None;
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .find(|p| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(Period::parse)
                    == Some(period)
        })
}

/// The number of the indicator drawn from `source`.
fn number_of(source: Source) -> u8 {
    INDICATORS
        .iter()
        .find(|d| d.source == source)
        .map(|d| d.number)
        .expect("every source is an indicator of the form")
}

/// A part (fast-track appeals of a channel, recipients informing) greater than its whole is an
/// error at the part's cell, as `check` would find in the report file.
fn parts_over_totals(form: &form::Form, place: &Place, d: &mut Diagnostics) {
    let mut pairs: Vec<(u8, u8, Text)> = Vec::new();
    for c in Channel::ALL {
        for tr in Treatment::ALL {
            pairs.push((
                number_of(Source::Treated(tr, c)),
                number_of(Source::Received(c)),
                t!(
                    "всех обращений, поступивших через «{}»",
                    "all appeals received through «{}»",
                    c.label_ru()
                ),
            ));
        }
    }
    pairs.push((
        number_of(Source::RecipientsInforming),
        number_of(Source::RecipientsTotal),
        t!(
            "всех ответственных получателей",
            "all responsible recipients"
        ),
    ));
    for (part, whole, what) in pairs {
        let value = |n: u8| form.values[usize::from(n) - 1];
        let (Some(p), Some(w)) = (value(part), value(whole)) else {
            continue;
        };
        let (Some((pr, pc)), Some((wr, wc))) = (form.value_cell(part), form.value_cell(whole))
        else {
            continue;
        };
        if p > w {
            let (what_ru, what_en) = (&what.ru, &what.en);
            d.push(
                Diagnostic::error(
                    codes::IMPORT_PART_OVER_TOTAL,
                    t!(
                        "показатель {part} ({p}) больше показателя {whole} ({w}) — {what_ru}: ожидается не больше {w}",
                        "indicator {part} ({p}) is greater than indicator {whole} ({w}), {what_en}: expected at most {w}"
                    ),
                )
                .in_path(place.cell(pr, pc))
                .help(t!(
                    "часть не может быть больше целого: проверьте ячейки {} и {}",
                    "a part cannot exceed its whole: check {} and {}",
                    place.cell_ref(pr, pc),
                    place.cell_ref(wr, wc)
                )),
            );
        }
    }
}

/// Indicators 11 and 12 as the spreadsheet has them, against the counts of `data/decisions/`.
fn compare_decisions(
    form: &form::Form,
    period: Period,
    root: &Path,
    place: &Place,
    d: &mut Diagnostics,
) {
    if form::COMPUTED
        .iter()
        .all(|n| form.values[usize::from(*n) - 1].is_none())
    {
        return;
    }
    // The site's own problems are `check`'s to report; only the decisions are wanted here.
    let mut sources = Sources::new();
    let mut ignored = Diagnostics::new();
    let Some(ds) = crate::data::load(root, &mut sources, &mut ignored) else {
        return;
    };
    let (adopted, informed) = crate::metrics::decision_counts(period, &ds.decisions);
    let month = crate::format::month(period.year, period.month);
    for (number, counted, rule) in [
        (
            11u8,
            adopted,
            t!(
                "решения, принятые за месяц",
                "the decisions adopted in the month"
            ),
        ),
        (
            12,
            informed,
            t!(
                "из них те, о которых до конца месяца опубликовано информирование",
                "of them, those with an informing post dated by the month's end"
            ),
        ),
    ] {
        let (Some(v), Some((r, c))) = (
            form.values[usize::from(number) - 1],
            form.value_cell(number),
        ) else {
            continue;
        };
        if v != counted {
            let (rule_ru, rule_en) = (&rule.ru, &rule.en);
            d.push(
                Diagnostic::warning(
                    codes::IMPORT_DECISIONS_DIFFER,
                    t!(
                        "в таблице показатель {number} равен {v}, а по data/decisions/ за {month} выходит {counted}",
                        "indicator {number} is {v} in the spreadsheet, but data/decisions/ gives {counted} for {month}"
                    ),
                )
                .in_path(place.cell(r, c))
                .help(t!(
                    "Витрина сама считает показатель {number} по data/decisions/ ({rule_ru}) и значение из таблицы не записывает: \
                     добавьте в data/decisions/ недостающие решения или публикации об информировании либо исправьте таблицу",
                    "Vitrina counts indicator {number} from data/decisions/ ({rule_en}) and does not write the spreadsheet's value: \
                     add the missing decisions or informing posts to data/decisions/, or correct the spreadsheet"
                )),
            );
        }
    }
}

/// Reads the new report's text as `check` reads a report file, and reports what it would find
/// at the spreadsheet's cells. The checks above should leave nothing; this keeps a file that
/// `check` refuses from being written all the same.
fn passes_check(
    text: &str,
    lines: &[(usize, u8)],
    form: &form::Form,
    place: &Place,
    root: &Path,
    path: &Path,
    d: &mut Diagnostics,
) -> bool {
    let mut sources = Sources::new();
    let file = sources.add(root, path, text.to_string());
    let mut found = Diagnostics::new();
    if let Some(node) = crate::yaml::parse(text, file, 0, &mut found) {
        crate::data::report::read_report(&node, file, &mut found);
    }
    for diag in found.iter() {
        let cell = match diag.location {
            crate::diag::Location::Span(span) => {
                let (line, _) = sources.line_col(file, span.start);
                lines
                    .iter()
                    .find(|(l, _)| *l == line)
                    .and_then(|(_, n)| form.value_cell(*n))
            }
            _ => None,
        };
        let mut moved = diag.clone();
        let (ru, en) = (&diag.message.ru, &diag.message.en);
        moved.message = t!(
            "отчёт не пройдёт проверку `vitrina check`: {ru}",
            "the report would not pass `vitrina check`: {en}"
        );
        moved.location = crate::diag::Location::None;
        moved.related = None;
        moved.path = Some(match cell {
            Some((r, c)) => place.cell(r, c),
            None => place.file(),
        });
        d.push(moved);
    }
    !found.has_errors()
}
