//! `vitrina import` of the feedback platform's (ПОС) export: one row per message, made here as
//! XLSX (rust_xlsxwriter) and as CSV with `;`, whose counts are known by construction (see
//! [`MARCH`]), imported into a copy of the small fixture: into a new month laid out as `new-month`
//! lays it out, and in place into an existing month, where only the export's values change.

mod common;

use common::{Run, TestSite, block};
use rust_xlsxwriter::Workbook;

/// The export's header, as the platform writes it.
const HEADER: [&str; 9] = [
    "Номер",
    "Дата поступления",
    "Категория",
    "Фаст-трек",
    "ФЗ",
    "Просрочено",
    "Повторное рассмотрение",
    "Статус",
    "Оценка ответа заявителем",
];

/// One message: number, date, category, fast track, 59-ФЗ, overdue, repeated, status, rating.
type Msg = [&'static str; 9];

/// The messages of March 2024. By construction:
/// - 10 messages, 7 on the fast track (yes written «да», «+», «yes»), 1 under 59-ФЗ;
/// - ЖКХ: 6 received, 1 repeated, 1 overdue, 5 solved;
/// - Дороги: 3 received, 2 repeated, 1 overdue, 2 solved («Решено по существу» is solved);
/// - Транспорт (not in February's report): 1 received, 0, 0, 1 solved;
/// - 7 rated answers, 5 of them 4 or 5.
const MARCH: [Msg; 10] = [
    [
        "1001",
        "01.03.2024 09:00",
        "ЖКХ",
        "да",
        "нет",
        "нет",
        "нет",
        "Решено",
        "5",
    ],
    [
        "1002",
        "02.03.2024",
        "ЖКХ",
        "да",
        "нет",
        "нет",
        "да",
        "решено",
        "4",
    ],
    [
        "1003",
        "2024-03-03",
        "ЖКХ",
        "нет",
        "нет",
        "да",
        "нет",
        "На рассмотрении",
        "",
    ],
    [
        "1004",
        "05.03.2024 14:30",
        "Дороги",
        "да",
        "да",
        "нет",
        "нет",
        "Решено",
        "3",
    ],
    [
        "1005",
        "08.03.2024",
        "Дороги",
        "+",
        "нет",
        "нет",
        "да",
        "Отклонено",
        "1",
    ],
    [
        "1006",
        "09.03.2024",
        "дороги",
        "нет",
        "нет",
        "да",
        "да",
        "Решено по существу",
        "",
    ],
    [
        "1007",
        "11.03.2024",
        "Транспорт",
        "yes",
        "no",
        "no",
        "no",
        "Решено",
        "5",
    ],
    ["1008", "15.03.2024", "ЖКХ", "да", "", "", "", "Решено", "4"],
    [
        "1009",
        "20.03.2024",
        "ЖКХ",
        "да",
        "-",
        "-",
        "-",
        "Решено",
        "5",
    ],
    [
        "1010",
        "31.03.2024 23:59",
        "ЖКХ",
        "нет",
        "нет",
        "нет",
        "нет",
        "Решено",
        "",
    ],
];

/// Two messages of February, which a March export can hold at its start.
const FEBRUARY: [Msg; 2] = [
    [
        "0998",
        "28.02.2024",
        "ЖКХ",
        "да",
        "нет",
        "нет",
        "нет",
        "Решено",
        "5",
    ],
    [
        "0999",
        "29.02.2024",
        "Дороги",
        "нет",
        "нет",
        "нет",
        "нет",
        "Решено",
        "",
    ],
];

fn rows(msgs: &[Msg]) -> Vec<Vec<String>> {
    let mut out = vec![HEADER.iter().map(|s| s.to_string()).collect()];
    out.extend(
        msgs.iter()
            .map(|m| m.iter().map(|s| s.to_string()).collect()),
    );
    out
}

/// An XLSX export: a title line, an empty row, the header, the rows; dates written as Excel
/// dates (`dd.mm.yyyy`, and with the time `dd.mm.yyyy hh:mm`: 23:59 on 31 March is still March),
/// numbers as numbers, the rest as text.
fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Сообщения").unwrap();
    sheet.write_string(0, 0, "Выгрузка сообщений ПОС").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    let date_time = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy hh:mm");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            if v.is_empty() {
                continue;
            }
            if let Some(serial) = excel_serial(v) {
                sheet.write_number_with_format(r, c, serial, &date).unwrap();
            } else if let Some(serial) = excel_serial_time(v) {
                sheet
                    .write_number_with_format(r, c, serial, &date_time)
                    .unwrap();
            } else if let Ok(n) = v.parse::<f64>()
                && c != 0
            {
                sheet.write_number(r, c, n).unwrap();
            } else {
                sheet.write_string(r, c, v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Excel's serial number of `dd.mm.yyyy`.
fn excel_serial(s: &str) -> Option<f64> {
    let d = chrono::NaiveDate::parse_from_str(s, "%d.%m.%Y").ok()?;
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    Some((d - base).num_days() as f64)
}

/// Excel's serial number of `dd.mm.yyyy hh:mm`: the day and its fraction.
fn excel_serial_time(s: &str) -> Option<f64> {
    let t = chrono::NaiveDateTime::parse_from_str(s, "%d.%m.%Y %H:%M").ok()?;
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    Some((t - base).num_seconds() as f64 / 86_400.0)
}

/// A CSV export as Russian Excel saves it: `;`, CRLF, a BOM.
fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    for row in rows {
        s.push_str(&row.join(";"));
        s.push_str("\r\n");
    }
    s.into_bytes()
}

fn import(site: &TestSite, name: &str, bytes: &[u8], args: &[&str]) -> Run {
    let path = site.path(name);
    std::fs::write(&path, bytes).unwrap();
    let mut all = vec!["--lang", "en", "import", path.to_str().unwrap()];
    all.extend(args);
    site.run(&all)
}

const NEW: &str = "data/reports/2024-03.yaml";

/// The new month's file: February's layout (all channels, its three themes with their four
/// parts, the rating, the survey) with Транспорт added, the export's values in, the rest blank.
const NEW_MONTH: &str = include_str!("fixtures/pos_import/2024-03-new.yaml");

#[test]
fn an_xlsx_export_makes_a_new_month_with_the_counts_and_the_rest_blank() {
    let site = TestSite::copy("small");
    let run = import(
        &site,
        "export.xlsx",
        &xlsx(&rows(&MARCH)),
        &["--period", "2024-03"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read(NEW);
    assert_eq!(
        text,
        NEW_MONTH.replace("__SOURCE__", "export.xlsx"),
        "{text}"
    );
    // Every value set is printed, with its line.
    let out = &run.stdout;
    assert!(
        out.starts_with(&site.path(NEW).display().to_string()),
        "{out}"
    );
    for line in [
        "channels.pos.total: — → 10",
        "channels.pos.fast_track: — → 7",
        "themes «ЖКХ».received: — → 6",
        "themes «ЖКХ».solved: — → 5",
        "themes «Дороги».repeated: — → 2",
        "themes «<script>alert(1)</script>».received: — → 0",
        "themes «Транспорт».received: — → 1",
        "satisfaction.responses: — → 7",
        "satisfaction.satisfied: — → 5",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(
        run.stderr.contains("of them handled under 59-ФЗ: 1"),
        "{}",
        run.stderr
    );
    // `check` asks only for the blanks the export cannot fill.
    let check = site.run(&["--lang", "en", "check"]);
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("missing-value"), "{}", check.stderr);
    for code in ["[expected", "[part-over-total", "[unknown-key", "[yaml"] {
        assert!(!check.stderr.contains(code), "{}", check.stderr);
    }
}

#[test]
fn a_csv_export_with_semicolons_gives_the_same_file() {
    let site = TestSite::copy("small");
    let run = import(&site, "export.csv", &csv(&rows(&MARCH)), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read(NEW),
        NEW_MONTH.replace("__SOURCE__", "export.csv")
    );
}

/// A March report filled in by hand, with comments, some values blank, one theme missing, no
/// survey and the pos channel in block style.
const FILLED: &str = "\
# Март 2024: заполнено вручную, кроме ПОС.
period: 2024-03
published: 2024-04-02   # до 2-го числа
channels:
  appeals: {total: 100, fast_track: 45, auto_delivery: 10, roadmap: 20, info_systems: 60, auto_control: 5}
  pos:
    total:            # инд. 26: ждём выгрузку
    fast_track: 7     # инд. 2
    auto_delivery: 5
    roadmap: 1
    info_systems: 6
    auto_control: 0
  digital: {total: 0, fast_track: 0, auto_delivery: 0, roadmap: 0, info_systems: 0, auto_control: 0}
  hotline: {total: 50, fast_track: 25, auto_delivery: 0, roadmap: 5, info_systems: 30, auto_control: 0}
recipients: {total: 42, informing: 21}
themes:
  # ЖКХ — главная тема месяца
  - {theme: \"ЖКХ\", received: 6, repeated: 1}
  - theme: \"Дороги\"
    received:         # по выгрузке
    overdue: 1
recipients_rating:
  - {name: \"МКУ «Городское хозяйство»\", received: 12, on_time: 11, solved: 9, satisfaction: 4.2}
summary: |
  Март: весна.
";

/// [`FILLED`] after the import: only the export's values, every comment and line kept.
const FILLED_AFTER: &str = "\
# Март 2024: заполнено вручную, кроме ПОС.
period: 2024-03
published: 2024-04-02   # до 2-го числа
channels:
  appeals: {total: 100, fast_track: 45, auto_delivery: 10, roadmap: 20, info_systems: 60, auto_control: 5}
  pos:
    total: 10         # инд. 26: ждём выгрузку
    fast_track: 7     # инд. 2
    auto_delivery: 5
    roadmap: 1
    info_systems: 6
    auto_control: 0
  digital: {total: 0, fast_track: 0, auto_delivery: 0, roadmap: 0, info_systems: 0, auto_control: 0}
  hotline: {total: 50, fast_track: 25, auto_delivery: 0, roadmap: 5, info_systems: 30, auto_control: 0}
recipients: {total: 42, informing: 21}
themes:
  # ЖКХ — главная тема месяца
  - {theme: \"ЖКХ\", received: 6, repeated: 1, overdue: 1, solved: 5}
  - theme: \"Дороги\"
    received: 3       # по выгрузке
    repeated: 2
    overdue: 1
    solved: 2
  - {theme: \"Транспорт\", received: 1, repeated: 0, overdue: 0, solved: 1}
recipients_rating:
  - {name: \"МКУ «Городское хозяйство»\", received: 12, on_time: 11, solved: 9, satisfaction: 4.2}
satisfaction: {responses: 7, satisfied: 5}
summary: |
  Март: весна.
";

#[test]
fn into_an_existing_month_only_the_exports_values_change_and_comments_stay() {
    let site = TestSite::copy("small");
    site.write(NEW, FILLED);
    let run = import(&site, "export.xlsx", &xlsx(&rows(&MARCH)), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read(NEW), FILLED_AFTER);
    assert!(
        run.stdout.contains("channels.pos.total: — → 10 (line 7)"),
        "{}",
        run.stdout
    );
    // Lines are those of the file as written: the rows added above move the survey down.
    let survey = FILLED_AFTER
        .lines()
        .position(|l| l.starts_with("satisfaction:"))
        .unwrap()
        + 1;
    assert!(
        run.stdout
            .contains(&format!("satisfaction.responses: — → 7 (line {survey})")),
        "{}",
        run.stdout
    );
    // fast_track was 8 already: not printed.
    assert!(!run.stdout.contains("fast_track"), "{}", run.stdout);
    assert!(
        run.stderr.contains("updated the report for 2024-03"),
        "{}",
        run.stderr
    );
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // A second import changes nothing.
    let again = import(&site, "export.xlsx", &xlsx(&rows(&MARCH)), &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(site.read(NEW), FILLED_AFTER);
    // The path and the sheet read, and no value changed.
    assert_eq!(
        again.stdout,
        format!(
            "{}\n  read sheet «Сообщения» of {}: the first visible sheet holding a table\n",
            site.path(NEW).display(),
            site.path("export.xlsx").display()
        )
    );
}

#[test]
fn a_different_number_is_a_conflict_until_replace() {
    let site = TestSite::copy("small");
    let before = FILLED
        .replace(
            "    total:            # инд. 26",
            "    total: 12         # инд. 26",
        )
        .replace("received: 6, repeated: 1}", "received: 7, repeated: 1}");
    site.write(NEW, &before);
    let run = import(&site, "export.xlsx", &xlsx(&rows(&MARCH)), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(site.read(NEW), before, "nothing written");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let b = block(&run.stderr, "channels.pos.total");
    assert!(b.contains("import-pos-conflict"), "{b}");
    assert!(
        b.contains("is 12 in the report, the export gives 10"),
        "{b}"
    );
    assert!(b.contains("data/reports/2024-03.yaml:7:12"), "{b}");
    assert!(b.contains("--replace"), "{b}");
    let b = block(&run.stderr, "themes «ЖКХ».received");
    assert!(b.contains("is 7 in the report, the export gives 6"), "{b}");
    assert!(b.contains("data/reports/2024-03.yaml:18:"), "{b}");

    let run = import(&site, "export.xlsx", &xlsx(&rows(&MARCH)), &["--replace"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read(NEW), FILLED_AFTER);
    assert!(
        run.stdout.contains("channels.pos.total: 12 → 10 (line 7)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("themes «ЖКХ».received: 7 → 6"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_month_most_rows_fall_in_is_taken_and_said() {
    let mut msgs = FEBRUARY.to_vec();
    msgs.extend(MARCH);
    let site = TestSite::copy("small");
    let run = import(&site, "export.csv", &csv(&rows(&msgs)), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-months");
    assert!(b.contains("2024-03 (10), 2024-02 (2)"), "{b}");
    assert!(b.contains("the report for 2024-03 is filled in"), "{b}");
    assert!(
        run.stderr.contains("rows of other months left out: 2"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.read(NEW),
        NEW_MONTH.replace("__SOURCE__", "export.csv")
    );

    // --period takes February: its report exists, filled in, and differs.
    let run = import(
        &site,
        "export.csv",
        &csv(&rows(&msgs)),
        &["--period", "2024-02"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "channels.pos.total");
    assert!(
        b.contains("is 300 in the report, the export gives 2"),
        "{b}"
    );

    // With --replace the flow mapping is edited in place, but February's other pos counts are
    // then above its total: `check` would refuse the file, so nothing is written.
    let february = site.read("data/reports/2024-02.yaml");
    let run = import(
        &site,
        "export.csv",
        &csv(&rows(&msgs)),
        &["--period", "2024-02", "--replace"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-report");
    assert!(b.contains("would not pass `vitrina check`"), "{b}");
    assert!(b.contains("data/reports/2024-02.yaml:"), "{b}");
    assert_eq!(site.read("data/reports/2024-02.yaml"), february);

    // A month with no rows is an error naming those it has.
    let run = import(
        &site,
        "export.csv",
        &csv(&rows(&msgs)),
        &["--period", "2024-04"],
    );
    assert_eq!(run.code, 1);
    let b = block(&run.stderr, "import-pos-no-rows");
    assert!(
        b.contains("no message of 2024-04: it has 2024-03 (10), 2024-02 (2)"),
        "{b}"
    );

    // As many rows in two months: an error, not a guess.
    let site = TestSite::copy("small");
    let mut tie = FEBRUARY.to_vec();
    tie.extend(&MARCH[..2]);
    let run = import(&site, "export.csv", &csv(&rows(&tie)), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-months-tie");
    assert!(b.contains("2024-03") && b.contains("2024-02"), "{b}");
    assert!(!site.path(NEW).exists());
}

#[test]
fn every_bad_cell_is_named_with_its_column() {
    let mut msgs = MARCH.to_vec();
    msgs[1][1] = "вчера";
    msgs[2][3] = "возможно";
    msgs[3][8] = "7";
    msgs[4][0] = "1001";
    msgs[5][6] = "2";
    let site = TestSite::copy("small");
    let run = import(&site, "export.xlsx", &xlsx(&rows(&msgs)), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.path(NEW).exists());
    // The header is on row 3, so message i is on row 4 + i.
    let b = block(&run.stderr, "import-pos-date");
    assert!(b.contains("expected a date, found «вчера»"), "{b}");
    assert!(
        b.contains("export.xlsx, Сообщения!B5 (row 5, column 2, «Дата поступления»)"),
        "{b}"
    );
    let b = block(&run.stderr, "«возможно»");
    assert!(b.contains("import-pos-yes-no"), "{b}");
    assert!(
        b.contains("Сообщения!D6 (row 6, column 4, «Фаст-трек»)"),
        "{b}"
    );
    let b = block(&run.stderr, "import-pos-rating");
    assert!(b.contains("found «7»"), "{b}");
    assert!(
        b.contains("Сообщения!I7 (row 7, column 9, «Оценка ответа заявителем»)"),
        "{b}"
    );
    let b = block(&run.stderr, "import-pos-duplicate");
    assert!(
        b.contains("message 1001 appears twice: here and in row 4"),
        "{b}"
    );
    assert!(b.contains("Сообщения!A8 (row 8, column 1, «Номер»)"), "{b}");
    let b = block(&run.stderr, "found «2»");
    assert!(
        b.contains("Сообщения!G9 (row 9, column 7, «Повторное рассмотрение»)"),
        "{b}"
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);

    // In a CSV file the cell has no sheet.
    let mut msgs = MARCH.to_vec();
    msgs[0][1] = "31.02.2024";
    let run = import(&site, "export.csv", &csv(&rows(&msgs)), &[]);
    assert_eq!(run.code, 1);
    let b = block(&run.stderr, "import-pos-date");
    assert!(
        b.contains("export.csv, B2 (row 2, column 2, «Дата поступления»)"),
        "{b}"
    );
}

#[test]
fn a_duplicate_number_alone_is_a_warning() {
    let mut msgs = MARCH.to_vec();
    msgs[9][0] = "1009";
    let site = TestSite::copy("small");
    let run = import(&site, "export.csv", &csv(&rows(&msgs)), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[import-pos-duplicate]"),
        "{}",
        run.stderr
    );
    assert!(site.read(NEW).contains("total: 10 "));
}

#[test]
fn columns_are_matched_loosely_and_renamed_in_site_yaml() {
    // Other titles and order, no rating and no status: those values stay blank.
    let site = TestSite::copy("small");
    let mut table = vec![vec![
        "№ сообщения".to_string(),
        "ТЕМА".into(),
        "Дата регистрации".into(),
        "Fast track".into(),
    ]];
    for m in MARCH {
        table.push(vec![m[0].into(), m[2].into(), m[1].into(), m[3].into()]);
    }
    let run = import(&site, "export.csv", &csv(&table), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read(NEW);
    assert!(text.contains("\n    total: 10 "), "{text}");
    assert!(text.contains("\n    fast_track: 7 "), "{text}");
    assert!(!run.stdout.contains("satisfaction"), "{}", run.stdout);
    assert!(!run.stdout.contains(".solved"), "{}", run.stdout);
    assert!(
        run.stdout.contains("themes «ЖКХ».received: — → 6"),
        "{}",
        run.stdout
    );

    // A platform that names the date «Создано»: told in site.yaml.
    let site = TestSite::copy("small");
    site.edit(
        "data/site.yaml",
        "base_url:",
        "pos_export:\n  date: \"Создано\"\n  solved_statuses: [\"Исполнено\"]\nbase_url:",
    );
    let mut table = rows(&MARCH);
    table[0][1] = "создано".into();
    for row in table.iter_mut().skip(1) {
        if row[7] == "Решено" {
            row[7] = "Исполнено".into();
        }
    }
    let run = import(&site, "export.csv", &csv(&table), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // «решено» and «Решено по существу» are not solved under this site's words.
    assert!(
        run.stdout.contains("themes «ЖКХ».solved: — → 4"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("themes «Дороги».solved: — → 1"),
        "{}",
        run.stdout
    );
    assert_eq!(site.run(&["check"]).stderr.matches("pos_export").count(), 0);

    // A renamed column the export does not have: an error at its line in site.yaml.
    let site = TestSite::copy("small");
    site.edit(
        "data/site.yaml",
        "base_url:",
        "pos_export:\n  status: \"Состояние\"\nbase_url:",
    );
    let run = import(&site, "export.csv", &csv(&rows(&MARCH)), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-column");
    assert!(
        b.contains("no column «Состояние» (pos_export.status)"),
        "{b}"
    );
    let line = site
        .read("data/site.yaml")
        .lines()
        .position(|l| l.contains("Состояние"))
        .unwrap()
        + 1;
    assert!(b.contains(&format!("data/site.yaml:{line}:11")), "{b}");

    // A misspelt key under pos_export is `check`'s error too, with its position.
    let site = TestSite::copy("small");
    site.edit(
        "data/site.yaml",
        "base_url:",
        "pos_export:\n  dtae: \"Создано\"\nbase_url:",
    );
    let check = site.run(&["--lang", "en", "check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let b = block(&check.stderr, "unknown-key");
    assert!(b.contains("dtae") && b.contains("data/site.yaml"), "{b}");
}

#[test]
fn init_ships_a_sample_export_that_imports() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let run = common::vitrina(&["init", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sample = site.join("templates/vygruzka-pos-primer.csv");
    assert!(sample.is_file());
    let run = common::vitrina(&[
        "--lang",
        "en",
        "import",
        sample.to_str().unwrap(),
        "--root",
        site.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.join("data/reports/2025-04.yaml")).unwrap();
    // The sample's ten messages of April 2025: 8 on the fast track; ЖКХ 5, Дороги 3,
    // Благоустройство 2; 6 rated, 4 of them 4 or 5.
    for expected in [
        "\n    total: 10 ",
        "\n    fast_track: 8 ",
        "\n  - theme: \"ЖКХ\"\n    received: 5 ",
        "\n  responses: 6 ",
        "\n  satisfied: 4 ",
    ] {
        assert!(text.contains(expected), "{expected:?}\n{text}");
    }
}

#[test]
fn a_report_that_is_not_yaml_is_not_touched() {
    let site = TestSite::copy("small");
    let broken = "period: 2024-03\nchannels: {pos: [\n";
    site.write(NEW, broken);
    let run = import(&site, "export.csv", &csv(&rows(&MARCH)), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-report");
    assert!(
        b.contains("data/reports/2024-03.yaml cannot be filled in"),
        "{b}"
    );
    assert_eq!(site.read(NEW), broken);
}

#[test]
fn rows_without_a_category_count_in_the_total_only_and_an_empty_export_is_refused() {
    let mut msgs = MARCH.to_vec();
    msgs[0][2] = "";
    msgs[1][2] = " ";
    let site = TestSite::copy("small");
    let run = import(&site, "export.csv", &csv(&rows(&msgs)), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-no-category");
    assert!(b.contains("2 messages of 2024-03 have no category"), "{b}");
    assert!(
        run.stdout.contains("channels.pos.total: — → 10"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("themes «ЖКХ».received: — → 4"),
        "{}",
        run.stdout
    );

    let site = TestSite::copy("small");
    let run = import(&site, "export.csv", &csv(&rows(&[])), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(block(&run.stderr, "import-pos-no-rows").contains("no message below its header"));
    assert!(!site.path(NEW).exists());
}

#[test]
fn messages_are_in_russian_by_default() {
    let site = TestSite::copy("small");
    let path = site.path("export.csv");
    let mut msgs = MARCH.to_vec();
    msgs[2][8] = "отлично";
    std::fs::write(&path, csv(&rows(&msgs))).unwrap();
    let run = site.run(&["import", path.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-rating");
    assert!(
        b.contains("ожидается оценка — целое число от 1 до 5"),
        "{b}"
    );
    assert!(
        b.contains("(строка 4, столбец 9, «Оценка ответа заявителем»)"),
        "{b}"
    );
}

#[test]
fn published_is_written_only_when_given_and_not_before_the_month() {
    let site = TestSite::copy("small");
    let run = import(
        &site,
        "export.csv",
        &csv(&rows(&MARCH)),
        &["--published", "2024-02-10"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(block(&run.stderr, "import-published-before-period").contains("--published"));
    assert!(!site.path(NEW).exists());

    let run = import(
        &site,
        "export.csv",
        &csv(&rows(&MARCH)),
        &["--published", "2024-04-02"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("published: — → 2024-04-02"),
        "{}",
        run.stdout
    );
    let text = site.read(NEW);
    assert_eq!(
        text,
        NEW_MONTH.replace("__SOURCE__", "export.csv").replace(
            "\npublished:            # дата",
            "\npublished: 2024-04-02 # дата"
        )
    );
}

#[test]
fn a_missing_channel_and_survey_are_added_where_the_format_puts_them() {
    let site = TestSite::copy("small");
    let before = "\
period: 2024-03
published: 2024-04-02
channels:
  appeals: {total: 100, fast_track: 45, auto_delivery: 10, roadmap: 20, info_systems: 60, auto_control: 5}
  hotline: {total: 50, fast_track: 25, auto_delivery: 0, roadmap: 5, info_systems: 30, auto_control: 0}
recipients: {total: 42, informing: 21}
summary: \"Март.\"
";
    site.write(NEW, before);
    let run = import(&site, "export.csv", &csv(&rows(&MARCH)), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read(NEW),
        "\
period: 2024-03
published: 2024-04-02
channels:
  appeals: {total: 100, fast_track: 45, auto_delivery: 10, roadmap: 20, info_systems: 60, auto_control: 5}
  pos:
    total: 10
    fast_track: 7
    auto_delivery:
    roadmap:
    info_systems:
    auto_control:
  hotline: {total: 50, fast_track: 25, auto_delivery: 0, roadmap: 5, info_systems: 30, auto_control: 0}
recipients: {total: 42, informing: 21}
themes:
  - {theme: \"ЖКХ\", received: 6, repeated: 1, overdue: 1, solved: 5}
  - {theme: \"Дороги\", received: 3, repeated: 2, overdue: 1, solved: 2}
  - {theme: \"Транспорт\", received: 1, repeated: 0, overdue: 0, solved: 1}
satisfaction: {responses: 7, satisfied: 5}
summary: \"Март.\"
"
    );
    for line in [
        "channels.pos.total: — → 10 (line 5)",
        "channels.pos.fast_track: — → 7 (line 5)",
        "themes «Дороги».solved: — → 2 (line 14)",
        "satisfaction.satisfied: — → 5 (line 18)",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
    // `check` asks for the new channel's other values, and for nothing else.
    let check = site.run(&["--lang", "en", "check"]);
    assert_eq!(check.code, 1);
    assert_eq!(
        check.stderr.matches("error[missing-value]").count(),
        4,
        "{}",
        check.stderr
    );
    assert_eq!(
        check.stderr.matches("error[").count(),
        4,
        "{}",
        check.stderr
    );
}

#[test]
fn an_export_whose_date_column_is_unknown_says_how_to_name_it() {
    let site = TestSite::copy("small");
    let table = vec![
        vec![
            "Номер".to_string(),
            "Создано".into(),
            "Тема".into(),
            "Статус".into(),
        ],
        vec![
            "1".into(),
            "01.03.2024".into(),
            "ЖКХ".into(),
            "Решено".into(),
        ],
    ];
    let run = import(&site, "export.csv", &csv(&table), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-column");
    assert!(
        b.contains(
            "row 1 looks like the header of the platform's export («Номер», «Тема», «Статус»)"
        ),
        "{b}"
    );
    assert!(b.contains("pos_export: {date:"), "{b}");
    // The form's errors would only confuse: none is shown.
    assert!(!run.stderr.contains("import-no-form"), "{}", run.stderr);
}

/// Random exports (cells drawn from dates, near-dates, yes/no words, ratings, Cyrillic text,
/// quotes and empty cells), imported in-process into a month that is new or filled in: never a
/// panic; either a report that still reads as one, or errors and the file as it was.
#[test]
fn random_exports_never_panic_and_never_leave_a_broken_report() {
    let cells = [
        "",
        " ",
        "01.03.2024",
        "31.03.2024 23:59",
        "2024-03-15",
        "29.02.2024",
        "31.02.2024",
        "45352",
        "45352.5",
        "да",
        "нет",
        "+",
        "-",
        "yes",
        "1",
        "0",
        "2",
        "5",
        "4,0",
        "7",
        "ЖКХ",
        "Дороги",
        "ЖКХ ",
        "«Тема»",
        "\"x\"",
        "Решено",
        "№",
        "Дата",
        "#",
        "{a: 1}",
        "- b",
        "é\u{301}",
        "—",
    ];
    let mut rng = common::Rng::new(14);
    let site = TestSite::copy("small");
    let before = FILLED;
    let (mut written, mut refused) = (0, 0);
    for round in 0..150 {
        if round % 2 == 0 {
            site.write(NEW, before);
        } else {
            let _ = std::fs::remove_file(site.path(NEW));
        }
        let mut table = vec![HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        for _ in 0..rng.below(12) {
            table.push(
                (0..HEADER.len())
                    .map(|c| {
                        // Mostly what the column takes; now and then anything at all.
                        let fits: &[&str] = match c {
                            0 => &["1", "2", "3", "17", "", "№1"],
                            1 => &[
                                "01.03.2024",
                                "31.03.2024 23:59",
                                "2024-03-15",
                                "45352",
                                "29.02.2024",
                            ],
                            2 => &["ЖКХ", "Дороги", "ЖКХ ", "жкх", "«Тема»", ""],
                            3..=6 => &["да", "нет", "+", "-", "yes", "1", "0", ""],
                            7 => &["Решено", "решено", "Отклонено", ""],
                            _ => &["", "1", "3", "4", "5", "4,0"],
                        };
                        if rng.below(150) == 0 {
                            rng.pick(&cells).to_string()
                        } else {
                            rng.pick(fits).to_string()
                        }
                    })
                    .collect(),
            );
        }
        let path = site.path("export.csv");
        std::fs::write(&path, csv(&table)).unwrap();
        let opts = vitrina::import::Options {
            file: path,
            root: site.root().to_path_buf(),
            period: (rng.below(3) == 0).then(|| vitrina::period::Period::new(2024, 3).unwrap()),
            published: None,
            sheet: None,
            replace: rng.below(2) == 0,
            lang: vitrina::diag::Lang::En,
        };
        let mut d = vitrina::diag::Diagnostics::new();
        let mut sources = vitrina::source::Sources::new();
        let done = vitrina::import::import(&opts, &mut sources, &mut d);
        match done {
            Some(_) => {
                written += 1;
                let text = site.read(NEW);
                let mut found = vitrina::diag::Diagnostics::new();
                let tree = vitrina::yaml::parse(&text, vitrina::source::FileId(0), 0, &mut found)
                    .unwrap_or_else(|| panic!("round {round}: not YAML\n{text}"));
                vitrina::data::report::read_report(&tree, vitrina::source::FileId(0), &mut found);
                let wrong: Vec<_> = found
                    .iter()
                    .filter(|x| x.code != vitrina::diag::codes::MISSING_VALUE)
                    .collect();
                assert!(wrong.is_empty(), "round {round}: {wrong:?}\n{text}");
            }
            None => {
                refused += 1;
                assert!(d.has_errors(), "round {round}");
                if round % 2 == 0 {
                    assert_eq!(site.read(NEW), before, "round {round}");
                } else {
                    assert!(!site.path(NEW).exists(), "round {round}");
                }
            }
        }
    }
    // Both ways were taken, often.
    assert!(
        written > 10 && refused > 10,
        "{written} written, {refused} refused"
    );
}

#[test]
fn the_sheet_holding_the_export_is_found_after_others() {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Инструкция").unwrap();
    notes.write_string(0, 0, "Выгрузка за март").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Сообщения ПОС").unwrap();
    for (r, row) in rows(&MARCH).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let site = TestSite::copy("small");
    let run = import(&site, "export.xlsx", &book.save_to_buffer().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read(NEW),
        NEW_MONTH.replace("__SOURCE__", "export.xlsx")
    );
    // Named, the other sheet is read, and a bad cell there names that sheet, quoted.
    let mut msgs = MARCH.to_vec();
    msgs[0][8] = "0";
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Сообщения ПОС").unwrap();
    for (r, row) in rows(&msgs).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let site = TestSite::copy("small");
    let run = import(
        &site,
        "export.xlsx",
        &book.save_to_buffer().unwrap(),
        &["--sheet", "Сообщения ПОС"],
    );
    assert_eq!(run.code, 1);
    let b = block(&run.stderr, "import-pos-rating");
    assert!(b.contains("'Сообщения ПОС'!I2 (row 2, column 9"), "{b}");
}

// Issue 21: what an outside probe found in `import`.

/// `MARCH` with its dates written as Excel's short date, `dd.mm.yy`.
fn march_short_years() -> Vec<Vec<String>> {
    let mut table = rows(&MARCH);
    for row in table.iter_mut().skip(1) {
        // `01.03.2024 09:00` → `01.03.24 09:00`; `2024-03-03` stays as it is.
        if row[1].as_bytes().get(2) == Some(&b'.') {
            row[1] = format!("{}{}", &row[1][..6], &row[1][8..]);
        }
    }
    table
}

#[test]
fn a_two_digit_year_is_read_in_the_2000s_with_a_warning_never_as_year_24() {
    let site = TestSite::copy("small");
    let table = march_short_years();
    assert_eq!(table[1][1], "01.03.24 09:00");
    let run = import(&site, "export.csv", &csv(&table), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path(NEW).is_file(), "not written as 2024-03");
    assert!(!site.path("data/reports/0024-03.yaml").exists());
    let b = block(&run.stderr, "import-pos-short-year");
    assert!(b.contains("9 dates have a two-digit year"), "{b}");
    assert!(
        b.contains("B2 (row 2, column 2, «Дата поступления»)"),
        "{b}"
    );
    assert_eq!(
        site.read(NEW),
        NEW_MONTH.replace("__SOURCE__", "export.csv"),
        "the same counts as with four-digit years"
    );
}

#[test]
#[cfg(unix)]
fn a_named_pipe_is_refused_at_once_never_waited_on() {
    let site = TestSite::copy("small");
    let pipe = site.path("export.csv");
    common::mkfifo(&pipe);
    let run = site.run_within(
        &["--lang", "en", "import", pipe.to_str().unwrap()],
        20,
        "import waited on a named pipe",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "not-a-file");
    assert!(b.contains("a named pipe (FIFO)"), "{b}");
    assert!(b.contains("export.csv"), "{b}");
    // A folder given as the file, too.
    std::fs::create_dir(site.path("export.xlsx")).unwrap();
    let run = site.run(&[
        "--lang",
        "en",
        "import",
        site.path("export.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        block(&run.stderr, "not-a-file").contains("a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hidden_sheet_is_never_read_unless_named_and_the_sheet_read_is_said() {
    // The hidden first sheet holds other rows (three of March's); the visible one, all ten.
    let mut book = Workbook::new();
    let hidden = book.add_worksheet();
    hidden.set_name("Старая выгрузка").unwrap();
    for (r, row) in rows(&MARCH[..3]).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            hidden.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    hidden.set_hidden(true);
    let visible = book.add_worksheet();
    visible.set_name("Сообщения").unwrap();
    for (r, row) in rows(&MARCH).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            visible.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    visible.set_active(true);
    let bytes = book.save_to_buffer().unwrap();
    let site = TestSite::copy("small");
    let run = import(&site, "export.xlsx", &bytes, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read(NEW),
        NEW_MONTH.replace("__SOURCE__", "export.xlsx")
    );
    let said = run.stdout.lines().nth(1).unwrap_or_default();
    assert_eq!(
        said,
        format!(
            "  read sheet «Сообщения» of {}: the first visible sheet holding a table; hidden sheets are not read: «Старая выгрузка»",
            site.path("export.xlsx").display()
        )
    );
    // Named with --sheet, the hidden sheet is read.
    let site = TestSite::copy("small");
    let run = import(
        &site,
        "export.xlsx",
        &bytes,
        &["--sheet", "Старая выгрузка"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("read sheet «Старая выгрузка» of")
            && run.stdout.contains(": named by --sheet\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("channels.pos.total: — → 3"),
        "{}",
        run.stdout
    );
}

#[test]
fn two_columns_that_could_be_the_date_are_refused_naming_both() {
    // «Дата регистрации» first, «Дата поступления» after: the month could come from either.
    let mut table = rows(&MARCH);
    table[0].insert(1, "Дата регистрации".into());
    for row in table.iter_mut().skip(1) {
        row.insert(1, "28.02.2024".into());
    }
    for args in [&[][..], &["--replace"][..]] {
        let site = TestSite::copy("small");
        let february = site.read("data/reports/2024-02.yaml");
        let run = import(&site, "export.csv", &csv(&table), args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let b = block(&run.stderr, "import-pos-ambiguous");
        assert!(
            b.contains("B1 «Дата регистрации», C1 «Дата поступления»"),
            "{b}"
        );
        assert!(
            b.contains("pos_export: {date: \"Дата регистрации\"}"),
            "{b}"
        );
        assert!(!site.path(NEW).exists());
        assert_eq!(site.read("data/reports/2024-02.yaml"), february, "{args:?}");
    }
    // Told in site.yaml which one is the date, the import goes on.
    let site = TestSite::copy("small");
    site.edit(
        "data/site.yaml",
        "base_url:",
        "pos_export:\n  date: \"Дата поступления\"\nbase_url:",
    );
    let run = import(&site, "export.csv", &csv(&table), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A title written twice is refused the same way.
    let mut twice = rows(&MARCH);
    twice[0][7] = "Категория".into();
    let site = TestSite::copy("small");
    let run = import(&site, "export.csv", &csv(&twice), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let b = block(&run.stderr, "import-pos-ambiguous");
    assert!(b.contains("C1 «Категория», H1 «Категория»"), "{b}");
}

#[test]
fn a_utf16_or_tab_separated_export_is_read_and_its_encoding_said() {
    let text: String = rows(&MARCH).iter().map(|r| r.join("\t") + "\r\n").collect();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    for (name, bytes, said) in [
        (
            "export.txt",
            utf16,
            "encoding UTF-16 LE, separated by a tab",
        ),
        (
            "export.csv",
            text.clone().into_bytes(),
            "encoding UTF-8, separated by a tab",
        ),
    ] {
        let site = TestSite::copy("small");
        let run = import(&site, name, &bytes, &[]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(site.read(NEW), NEW_MONTH.replace("__SOURCE__", name));
        let line = run.stdout.lines().nth(1).unwrap_or_default();
        assert!(line.ends_with(said), "{name}: {line}");
    }
}
