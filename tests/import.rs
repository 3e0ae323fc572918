//! `vitrina import`: spreadsheets of the monthly form, built here (XLSX with rust_xlsxwriter, CSV
//! as text), imported into a copy of the small fixture for March 2024. A good one gives a report
//! that passes `check --strict` with the same 26 figures; a broken one is refused with every
//! problem named by sheet, cell, row and column, and nothing written.

mod common;
#[allow(dead_code)]
#[path = "../examples/xlsx_template.rs"]
mod generator;

use common::{Run, TestSite, block};
use rust_xlsxwriter::Workbook;
use vitrina::domain::INDICATORS;
use vitrina::import::sheet::{Cell, read_workbook};

const NEW: &str = "data/reports/2024-03.yaml";

/// The form of March 2024: parts within their totals, and 11 and 12 as data/decisions/ counts
/// them (no decision was adopted in March).
const GOOD: [u64; 28] = [
    60, 250, 6, 20, // fast track
    15, 180, 2, 0, // automated delivery
    25, 42, // recipients informing, recipients
    0, 0, // decisions via ПОС
    24, 62, 1, 4, // road maps
    70, 240, 8, 30, // information systems
    6, 47, 0, 0, // automated control
    120, 310, 12, 45, // received
];

/// A cell of a fixture spreadsheet.
#[derive(Debug, Clone)]
enum V {
    Num(f64),
    /// A number in a cell formatted as a date, as Excel keeps what is typed into such a cell.
    Date(f64),
    Text(String),
    Empty,
}

fn t(s: &str) -> V {
    V::Text(s.to_string())
}

/// One row of a fixture: its cells from column A.
type Row = Vec<V>;

/// The title lines, the header, then the 28 rows as the template has them (`1.`, the official
/// name, the value as a number).
fn form(title: &[&str], values: &[u64; 28]) -> Vec<Row> {
    let mut rows: Vec<Row> = title.iter().map(|l| vec![t(l)]).collect();
    rows.push(vec![]);
    rows.push(vec![
        t("№ п/п"),
        t("Наименование"),
        t("Достигнутое значение индикатора по состоянию на отчетную дату, единиц"),
    ]);
    for def in &INDICATORS {
        rows.push(vec![
            t(&format!("{}.", def.number)),
            t(def.name),
            V::Num(values[usize::from(def.number) - 1] as f64),
        ]);
    }
    rows
}

const TITLE: &[&str] = &[
    "ОТЧЕТ",
    "о достигнутых значениях индикаторов результативности работы МЦУ",
    "на «02» апреля 2024 г.",
];

/// With [`TITLE`] and [`form`], the sheet row (1-based) of indicator `n`.
fn row_of(n: usize) -> usize {
    TITLE.len() + 2 + n
}

/// The rows of the good form.
fn good() -> Vec<Row> {
    form(TITLE, &GOOD)
}

/// The index in [`good`]'s rows of indicator `n`.
fn idx(n: usize) -> usize {
    row_of(n) - 1
}

fn xlsx_sheets(sheets: &[(&str, &[Row])]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    V::Num(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    V::Date(n) => sheet
                        .write_number_with_format(
                            r,
                            c,
                            *n,
                            &rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy"),
                        )
                        .map(|_| ()),
                    V::Text(s) => sheet.write_string(r, c, s).map(|_| ()),
                    V::Empty => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn xlsx(rows: &[Row]) -> Vec<u8> {
    xlsx_sheets(&[("Лист1", rows)])
}

/// Writes the spreadsheet into the site's folder and imports it, with messages in English.
fn import(site: &TestSite, name: &str, bytes: &[u8], args: &[&str]) -> Run {
    let path = site.path(name);
    std::fs::write(&path, bytes).unwrap();
    let mut all = vec!["--lang", "en", "import", path.to_str().unwrap()];
    all.extend(args);
    site.run(&all)
}

/// Imports a broken XLSX and checks that it is refused with nothing written; returns stderr.
fn refused(rows: &[Row]) -> String {
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &xlsx(rows), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(!site.path(NEW).exists(), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    run.stderr
}

/// The 28 values of March 2024 as the site computes them from the imported report.
fn month_values(site: &TestSite) -> Vec<u64> {
    let mut sources = vitrina::source::Sources::new();
    let mut d = vitrina::diag::Diagnostics::new();
    let ds = vitrina::data::load(site.root(), &mut sources, &mut d).expect("the site loads");
    assert!(
        !d.has_errors(),
        "{}",
        d.render(
            &sources,
            &vitrina::diag::Style::plain(vitrina::diag::Lang::En)
        )
    );
    let report = ds
        .reports
        .iter()
        .find(|r| r.period.to_string() == "2024-03")
        .expect("the imported month");
    let values = vitrina::metrics::month_values(report, &ds.decisions);
    (1..=28).map(|n| values.get(n)).collect()
}

#[test]
fn a_good_xlsx_becomes_a_report_that_passes_strict_check() {
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &xlsx(&good()), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The new file, then which sheet was read and why.
    assert_eq!(
        run.stdout,
        format!(
            "{}\n  read sheet «Лист1» of {}: the first visible sheet holding a table\n",
            site.path(NEW).display(),
            site.path("otchet.xlsx").display()
        )
    );
    assert!(
        run.stderr
            .contains("imported the report for 2024-03 (published 2024-04-02) from sheet «Лист1»"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    let text = site.read(NEW);
    assert!(text.starts_with("# Отчёт МЦУ за март 2024 г."), "{text}");
    assert!(
        text.contains("из таблицы otchet.xlsx, лист «Лист1»"),
        "{text}"
    );
    assert!(text.contains("\nperiod: 2024-03\n"), "{text}");
    assert!(text.contains("\npublished: 2024-04-02 "), "{text}");
    assert!(
        text.contains("  pos:                # Платформа обратной связи (ПОС)\n    total: 310        # инд. 26: "),
        "{text}"
    );
    for absent in [
        "\nthemes:",
        "\nrecipients_rating:",
        "\nsatisfaction:",
        "decisions_",
    ] {
        assert!(!text.contains(absent), "{absent}: {text}");
    }

    let check = site.run(&["--lang", "en", "check", "--strict"]);
    assert_eq!(check.code, 0, "{text}\n{}", check.stderr);
    assert!(check.stderr.contains("ok: 4 reports"), "{}", check.stderr);
    assert_eq!(month_values(&site), GOOD);
}

#[test]
fn a_csv_from_russian_excel_with_bom_semicolons_and_spaced_numbers() {
    let site = TestSite::copy("small");
    let mut csv = String::from(
        "\u{feff}ОТЧЕТ;;\r\nна «02» апреля 2024 г.;;\r\n;;\r\n№ п/п;Наименование;Значение\r\n",
    );
    // Ten times the good form, so that some counts are in the thousands.
    let values = GOOD.map(|v| v * 10);
    for def in &INDICATORS {
        let v = values[usize::from(def.number) - 1];
        // «1 234» with a no-break space or a space, «1234,0», and plain.
        let shown = match def.number % 3 {
            0 => format!("{v},0"),
            1 if v >= 1000 => format!("{}\u{a0}{:03}", v / 1000, v % 1000),
            2 if v >= 1000 => format!("{} {:03}", v / 1000, v % 1000),
            _ => v.to_string(),
        };
        csv.push_str(&format!("{};{};{shown}\r\n", def.number, def.name));
    }
    let run = import(&site, "otchet.csv", csv.as_bytes(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path(NEW).is_file());
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(month_values(&site), values);
}

#[test]
fn a_comma_separated_csv_with_quoted_names_and_the_month_in_the_title() {
    let site = TestSite::copy("small");
    let mut csv = String::from("\"Отчёт МЦУ за март 2024 г.\",,\n№,Наименование,Значение\n");
    for def in &INDICATORS {
        let v = GOOD[usize::from(def.number) - 1];
        csv.push_str(&format!(
            "{}.,\"{}\",{v}\n",
            def.number,
            def.name.replace('"', "\"\"")
        ));
    }
    // The title names the month but no date: the date comes from --published.
    let run = import(&site, "otchet.csv", csv.as_bytes(), &[]);
    assert_eq!(run.code, 1);
    assert!(
        block(&run.stderr, "import-no-published").contains("--published 2024-04-02"),
        "{}",
        run.stderr
    );
    let run = import(
        &site,
        "otchet.csv",
        csv.as_bytes(),
        &["--published", "2024-04-03"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read(NEW).contains("\npublished: 2024-04-03 "));
    assert_eq!(site.run(&["check", "--strict"]).code, 0);
    assert_eq!(month_values(&site), GOOD);
}

#[test]
fn the_official_form_with_more_columns_and_numeric_row_numbers() {
    // Приложение № 1 as a municipality keeps it: growth and year-to-date columns, a second
    // header row, the row of column numbers, and the numbers typed as numbers.
    let mut rows: Vec<Row> = vec![
        vec![t("ОТЧЕТ")],
        vec![t("на «02» апреля 2024 г.")],
        vec![t("Периодичность: ежемесячная")],
        vec![
            t("№ п/п"),
            t("Наименование"),
            t("Достигнутое значение индикатора по состоянию на отчетную дату, единиц"),
            t("Прирост по сравнению с предыдущим периодом"),
            V::Empty,
            t("Нарастающим итогом с начала года, единиц"),
        ],
        vec![V::Empty, V::Empty, V::Empty, t("единиц"), t("%")],
        (1..=6).map(|n| V::Num(n as f64)).collect(),
    ];
    for def in &INDICATORS {
        rows.push(vec![
            V::Num(f64::from(def.number)),
            t(def.name),
            V::Num(GOOD[usize::from(def.number) - 1] as f64),
            V::Num(3.0),
            t("2,5"),
            V::Num(1000.0),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![t("Руководитель МЦУР"), V::Empty, t("_________")]);
    let site = TestSite::copy("small");
    let run = import(&site, "forma.xlsx", &xlsx(&rows), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.run(&["check", "--strict"]).code, 0);
    assert_eq!(month_values(&site), GOOD);
}

#[test]
fn a_missing_row_is_named_with_where_it_belongs() {
    let mut rows = good();
    rows.remove(idx(4));
    let stderr = refused(&rows);
    let b = block(&stderr, "import-row-missing");
    assert!(
        b.contains("row 4 of the form is missing: expected it before Лист1!A9"),
        "{b}"
    );
    assert!(b.contains("Лист1!A9 (row 9, column 1)"), "{b}");
    assert!(stderr.contains("1 error, 0 warnings"), "{stderr}");
}

#[test]
fn rows_out_of_order_are_an_error_at_the_late_row() {
    let mut rows = good();
    rows.swap(idx(4), idx(5));
    let stderr = refused(&rows);
    let b = block(&stderr, "import-row-order");
    assert!(
        b.contains("row 4 comes after row 5 (Лист1!A9): expected the rows in order, 1 to 28"),
        "{b}"
    );
    assert!(b.contains("Лист1!A10 (row 10, column 1)"), "{b}");
    assert!(stderr.contains("1 error, 0 warnings"), "{stderr}");
}

#[test]
fn a_fraction_is_refused_written_as_text_or_as_a_number() {
    let mut rows = good();
    rows[idx(7)][2] = t("12,5");
    rows[idx(8)][2] = V::Num(0.5);
    let stderr = refused(&rows);
    let b = block(&stderr, "indicator 7:");
    assert!(
        b.contains("indicator 7: expected a whole number 0 or more, found «12,5», a fraction"),
        "{b}"
    );
    assert!(b.contains("Лист1!C12 (row 12, column 3)"), "{b}");
    let b = block(&stderr, "indicator 8:");
    assert!(b.contains("found «0,5», a fraction"), "{b}");
    assert!(b.contains("Лист1!C13 (row 13, column 3)"), "{b}");
    assert!(stderr.contains("2 errors, 0 warnings"), "{stderr}");
}

#[test]
fn a_negative_value_is_refused() {
    let mut rows = good();
    rows[idx(25)][2] = V::Num(-5.0);
    let stderr = refused(&rows);
    let b = block(&stderr, "indicator 25:");
    assert!(
        b.contains("expected a whole number 0 or more, found «-5», a negative number"),
        "{b}"
    );
    assert!(b.contains("Лист1!C30 (row 30, column 3)"), "{b}");
}

#[test]
fn a_text_value_is_refused() {
    let mut rows = good();
    rows[idx(26)][2] = t("около трёхсот");
    let stderr = refused(&rows);
    let b = block(&stderr, "indicator 26:");
    assert!(
        b.contains("found «около трёхсот», which is not a number"),
        "{b}"
    );
    assert!(b.contains("Лист1!C31 (row 31, column 3)"), "{b}");
    assert!(b.contains("help: write the count in figures"), "{b}");
}

#[test]
fn a_value_in_a_cell_formatted_as_a_date_is_refused_with_how_to_fix_it() {
    let mut rows = good();
    rows[idx(13)][2] = V::Date(24.0);
    let stderr = refused(&rows);
    let b = block(&stderr, "indicator 13:");
    assert!(b.contains("found «24 formatted as a date»"), "{b}");
    assert!(b.contains("set its format to «Общий»"), "{b}");
    assert!(b.contains("Лист1!C18 (row 18, column 3)"), "{b}");
}

#[test]
fn a_duplicated_number_is_refused_and_the_row_it_replaced_is_missing() {
    let mut rows = good();
    rows[idx(6)][0] = t("5.");
    let stderr = refused(&rows);
    let b = block(&stderr, "import-row-duplicate");
    assert!(
        b.contains("row 5 appears twice: here and at Лист1!A10"),
        "{b}"
    );
    assert!(b.contains("Лист1!A11 (row 11, column 1)"), "{b}");
    assert!(
        block(&stderr, "import-row-missing").contains("row 6 of the form is missing"),
        "{stderr}"
    );
    assert!(stderr.contains("2 errors, 0 warnings"), "{stderr}");
}

#[test]
fn messages_are_in_russian_by_default() {
    let site = TestSite::copy("small");
    let path = site.path("otchet.xlsx");
    let mut rows = good();
    rows[idx(3)][2] = V::Empty;
    std::fs::write(&path, xlsx(&rows)).unwrap();
    let run = site.run(&["import", path.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-value");
    assert!(
        b.starts_with(
            "ошибка[import-value]: показатель 3: ожидается целое число, 0 или больше, а ячейка пуста"
        ),
        "{b}"
    );
    assert!(b.contains("Лист1!C8 (строка 8, столбец 3)"), "{b}");
    assert!(
        b.contains("подсказка: впишите число в ячейку Лист1!C8 (0, если не было ни одного)"),
        "{b}"
    );
    assert!(
        run.stderr
            .contains("1 ошибка, 0 предупреждений: ничего не записано"),
        "{}",
        run.stderr
    );
    assert!(!site.path(NEW).exists());

    std::fs::write(&path, xlsx(&good())).unwrap();
    let run = site.run(&["import", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("импортирован отчёт за март 2024 (опубликован 2 апреля 2024 г.) из файла ")
            && run
                .stderr
                .contains("otchet.xlsx, лист «Лист1»: запустите `vitrina check`"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_problem_of_the_file_is_reported_in_one_run_in_sheet_order() {
    let mut rows = good();
    rows[idx(2)][2] = t("12,5");
    rows[idx(3)][2] = V::Empty;
    rows[idx(20)][2] = t("-1");
    rows[idx(27)][2] = t("много");
    // Row 1's fast-track count above its channel's total.
    rows[idx(1)][2] = V::Num(121.0);
    let stderr = refused(&rows);
    assert!(stderr.contains("5 errors, 0 warnings"), "{stderr}");
    let order: Vec<usize> = ["Лист1!C7 ", "Лист1!C8 ", "Лист1!C25 ", "Лист1!C32 "]
        .iter()
        .map(|c| stderr.find(c).unwrap_or_else(|| panic!("{c}: {stderr}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{stderr}");
    let b = block(&stderr, "import-part-over-total");
    assert!(
        b.contains("indicator 1 (121) is greater than indicator 25 (120)"),
        "{b}"
    );
    assert!(b.contains("Лист1!C6 (row 6, column 3)"), "{b}");
    assert!(
        block(&stderr, "indicator 3:").contains("found an empty cell"),
        "{stderr}"
    );
}

#[test]
fn decisions_that_differ_from_data_decisions_are_a_warning_and_not_written() {
    let mut rows = good();
    rows[idx(11)][2] = V::Num(2.0);
    rows[idx(12)][2] = V::Num(1.0);
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &xlsx(&rows), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let b = block(&run.stderr, "indicator 11 is");
    assert!(b.starts_with("warning[import-decisions-differ]"), "{b}");
    assert!(
        b.contains(
            "indicator 11 is 2 in the spreadsheet, but data/decisions/ gives 0 for март 2024"
        ),
        "{b}"
    );
    assert!(b.contains("Лист1!C16 (row 16, column 3)"), "{b}");
    assert!(
        block(&run.stderr, "indicator 12 is")
            .contains("1 in the spreadsheet, but data/decisions/ gives 0"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 warnings"), "{}", run.stderr);
    // The site's own counts stand.
    let values = month_values(&site);
    assert_eq!((values[10], values[11]), (0, 0));

    // Blank, they are not compared.
    let mut rows = good();
    rows[idx(11)][2] = V::Empty;
    rows[idx(12)][2] = V::Empty;
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &xlsx(&rows), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn decisions_that_match_data_decisions_pass_quietly() {
    // February 2024 in the fixture: one decision adopted, not reported by the month's end.
    let site = TestSite::copy("small");
    std::fs::remove_file(site.path("data/reports/2024-02.yaml")).unwrap();
    let mut values = GOOD;
    values[10] = 1;
    values[11] = 0;
    let rows = form(&["на «04» марта 2024 г."], &values);
    let run = import(&site, "otchet.xlsx", &xlsx(&rows), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(site.path("data/reports/2024-02.yaml").is_file());
}

#[test]
fn refuses_to_overwrite_an_existing_report() {
    let site = TestSite::copy("small");
    let before = site.read("data/reports/2024-02.yaml");
    let rows = form(&["на «04» марта 2024 г."], &GOOD);
    let run = import(&site, "otchet.xlsx", &xlsx(&rows), &[]);
    assert_eq!(run.code, 1);
    let b = block(&run.stderr, "import-exists");
    assert!(
        b.contains("data/reports/2024-02.yaml already exists"),
        "{b}"
    );
    assert!(b.contains("import never overwrites a report"), "{b}");
    assert_eq!(site.read("data/reports/2024-02.yaml"), before);

    // Nor a report of the month filed elsewhere.
    let site = TestSite::copy("small");
    site.write(
        "data/reports/archive/2024-03.yml",
        &site
            .read("data/reports/2024-02.yaml")
            .replace("2024-02", "2024-03"),
    );
    let run = import(&site, "otchet.xlsx", &xlsx(&good()), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("2024-03 already has a report: data/reports/archive/2024-03.yml"),
        "{}",
        run.stderr
    );
    assert!(!site.path(NEW).exists());
}

#[test]
fn without_a_date_in_the_title_it_asks_for_period_and_published() {
    let site = TestSite::copy("small");
    let rows = form(&["ОТЧЕТ", "на «___»________20___ г."], &GOOD);
    let bytes = xlsx(&rows);
    let run = import(&site, "otchet.xlsx", &bytes, &[]);
    assert_eq!(run.code, 1);
    assert!(
        block(&run.stderr, "import-no-period").contains("--period 2024-03"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("import-no-published"), "{}", run.stderr);
    assert!(
        run.stderr.contains("2 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    assert!(!site.path(NEW).exists());

    let run = import(
        &site,
        "otchet.xlsx",
        &bytes,
        &["--period", "2024-03", "--published", "2024-04-02"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.run(&["check", "--strict"]).code, 0);
}

#[test]
fn a_period_that_contradicts_the_title_is_a_warning() {
    let site = TestSite::copy("small");
    let run = import(
        &site,
        "otchet.xlsx",
        &xlsx(&good()),
        &["--period", "2024-04"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let b = block(&run.stderr, "import-period-differs");
    assert!(
        b.contains("--period 2024-04 is not the month the title speaks of (2024-03"),
        "{b}"
    );
    assert!(b.contains("Лист1!A3 (row 3, column 1)"), "{b}");
    assert!(site.path("data/reports/2024-04.yaml").is_file());
}

#[test]
fn the_sheet_holding_the_form_is_found_or_named() {
    let notes: Vec<Row> = vec![vec![t("Пояснения к отчёту")]];
    let bytes = xlsx_sheets(&[("Пояснения", &notes), ("Отчёт за март", &good())]);
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &bytes, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("sheet «Отчёт за март»"),
        "{}",
        run.stderr
    );

    // Named, the sheet is read even when it is not the form, and problems are placed on it.
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &bytes, &["--sheet", "Пояснения"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("found no rows of the monthly form"),
        "{}",
        run.stderr
    );
    let run = import(&site, "otchet.xlsx", &bytes, &["--sheet", "Лист9"]);
    assert_eq!(run.code, 1);
    let b = block(&run.stderr, "import-no-sheet");
    assert!(b.contains("«Пояснения», «Отчёт за март»"), "{b}");

    // A sheet name with spaces is quoted in a cell reference, as in Excel.
    let mut rows = good();
    rows[idx(9)][2] = t("x");
    let bytes = xlsx_sheets(&[("Отчёт за март", &rows)]);
    let run = import(&site, "otchet.xlsx", &bytes, &[]);
    assert!(
        run.stderr
            .contains("'Отчёт за март'!C14 (row 14, column 3)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_reworded_name_is_a_warning_not_an_error() {
    let mut rows = good();
    rows[idx(10)][1] = t("Всего получателей");
    rows[idx(1)][1] = t(INDICATORS[1].name);
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", &xlsx(&rows), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let b = block(&run.stderr, "name of row 10");
    assert!(b.starts_with("warning[import-name-differs]"), "{b}");
    assert!(b.contains("Лист1!B15 (row 15, column 2)"), "{b}");
    let b = block(&run.stderr, "name of row 1 ");
    assert!(b.contains("reads like row 2"), "{b}");
    assert!(run.stderr.contains("2 warnings"), "{}", run.stderr);
}

#[test]
fn a_file_that_is_not_a_spreadsheet_or_not_utf8_is_refused() {
    let site = TestSite::copy("small");
    let run = import(&site, "otchet.xlsx", b"not a zip", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("import-unreadable"), "{}", run.stderr);
    let run = import(&site, "otchet.csv", b"1;\xce\xf2\xf7\xb8\xf2;5\n", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("is not UTF-8 text (line 1)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);
    assert!(!site.path(NEW).exists());
}

#[test]
fn the_committed_template_is_what_the_generator_makes() {
    let committed = vitrina::data::form_template::xlsx_template();
    let made = generator::template().unwrap();
    assert!(
        committed == made.as_slice(),
        "src/data/otchet-mcu.xlsx is out of date: run `cargo run --example xlsx_template` and commit it"
    );
}

#[test]
fn the_template_has_the_header_and_the_28_official_names_and_imports_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(vitrina::data::form_template::TEMPLATE_NAME);
    std::fs::write(&path, vitrina::data::form_template::xlsx_template()).unwrap();
    let sheets = read_workbook(&path).unwrap();
    assert_eq!(sheets.len(), 1);
    let sheet = &sheets[0];
    assert_eq!(sheet.name.as_deref(), Some(generator::SHEET));
    let header = generator::FIRST_ROW as usize - 2;
    assert_eq!(sheet.get(header, 0).text(), Some("№ п/п"));
    assert_eq!(sheet.get(header, 1).text(), Some("Наименование"));
    assert_eq!(
        sheet.get(header, 2).text(),
        Some("Достигнутое значение индикатора по состоянию на отчетную дату, единиц")
    );
    for def in &INDICATORS {
        let r = generator::FIRST_ROW as usize + usize::from(def.number) - 1;
        assert_eq!(
            sheet.get(r, 0).text(),
            Some(format!("{}.", def.number).as_str())
        );
        assert_eq!(sheet.get(r, 1).text(), Some(def.name));
        assert_eq!(sheet.get(r, 2), &Cell::Empty);
    }

    // Blank, it is refused with one error per count (11 and 12 may stay blank), and the month.
    let site = TestSite::copy("small");
    let run = import(
        &site,
        "otchet-mcu.xlsx",
        vitrina::data::form_template::xlsx_template(),
        &[],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("found an empty cell").count(),
        26,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("import-no-period"), "{}", run.stderr);
    assert!(!site.path(NEW).exists());
}

#[test]
fn init_ships_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("mcu");
    let run = common::vitrina(&["init", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shipped = std::fs::read(
        root.join("templates")
            .join(vitrina::data::form_template::TEMPLATE_NAME),
    )
    .unwrap();
    assert!(shipped == vitrina::data::form_template::xlsx_template());
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("templates/otchet-mcu.xlsx"), "{readme}");
    assert!(readme.contains("vitrina import"), "{readme}");
}
