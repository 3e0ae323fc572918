//! Makes the XLSX template of the monthly form (Приложение № 1) that `vitrina init` ships and
//! `vitrina import` reads: the title, the header row, the row of column numbers, the 28 rows with
//! their numbers and official names from `src/domain.rs`, values blank (a whole number 0 or more
//! is the only value Excel lets in), and a note on rows 11 and 12.
//!
//! The result is committed as `src/data/otchet-mcu.xlsx` and embedded in the binary; it is not
//! remade at build time. After a change to the wording in `src/domain.rs`, remake it with
//!
//! ```sh
//! cargo run --example xlsx_template
//! ```
//!
//! and commit the new file; `tests/import.rs` fails while the committed file differs from what
//! this program makes. The output is byte-stable: the document's creation date is fixed, and
//! rust_xlsxwriter dates the zip entries 1980-01-01.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use vitrina::domain::INDICATORS;

/// Where the template is kept, from the crate's root.
pub const TEMPLATE_PATH: &str = "src/data/otchet-mcu.xlsx";

/// The sheet's name.
pub const SHEET: &str = "Отчёт";

/// The 0-based row of indicator 1 (row 9 in Excel).
pub const FIRST_ROW: u32 = 8;

/// The template's bytes.
pub fn template() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("Отчёт о достигнутых значениях индикаторов результативности работы МЦУ")
            .set_subject("Форма по Приложению № 1, ежемесячная")
            .set_author("Vitrina")
            .set_comment("Заполните столбец C и импортируйте: vitrina import otchet-mcu.xlsx")
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;

    let centered = Format::new().set_align(FormatAlign::Center).set_text_wrap();
    let bold = centered.clone().set_bold();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let head = cell
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color("#EEEEEE");
    let number = cell.clone().set_align(FormatAlign::Center);
    let value = cell
        .clone()
        .set_num_format("0")
        .set_align(FormatAlign::Right);
    let note = Format::new().set_italic().set_text_wrap();

    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 90)?;
    sheet.set_column_width(2, 24)?;

    sheet.merge_range(0, 0, 0, 2, "ОТЧЕТ", &bold)?;
    sheet.merge_range(
        1,
        0,
        1,
        2,
        "о достигнутых значениях индикаторов результативности работы МЦУ",
        &bold,
    )?;
    sheet.merge_range(
        2,
        0,
        2,
        2,
        "муниципального образования «____________________»",
        &centered,
    )?;
    sheet.merge_range(3, 0, 3, 2, "на «___»________20___ г.", &centered)?;
    sheet.merge_range(4, 0, 4, 2, "Периодичность: ежемесячная", &centered)?;

    sheet.set_row_height(6, 45)?;
    sheet.write_with_format(6, 0, "№ п/п", &head)?;
    sheet.write_with_format(6, 1, "Наименование", &head)?;
    sheet.write_with_format(
        6,
        2,
        "Достигнутое значение индикатора по состоянию на отчетную дату, единиц",
        &head,
    )?;
    for (col, n) in [(0u16, "1"), (1, "2"), (2, "3")] {
        sheet.write_with_format(7, col, n, &number)?;
    }

    for (i, def) in INDICATORS.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        sheet.write_with_format(row, 0, format!("{}.", def.number), &number)?;
        sheet.write_with_format(row, 1, def.name, &cell)?;
        sheet.write_blank(row, 2, &value)?;
    }
    let last = FIRST_ROW + INDICATORS.len() as u32 - 1;
    sheet.add_data_validation(
        FIRST_ROW,
        2,
        last,
        2,
        &DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Нужно целое число")?
            .set_error_message(
                "Впишите целое число 0 или больше: количество обращений или получателей.",
            )?,
    )?;

    sheet.merge_range(
        last + 2,
        0,
        last + 2,
        2,
        "Показатели 11 и 12 Vitrina считает сама по файлам data/decisions/: значения этих строк \
         при импорте только сверяются с ними. Дата в заголовке («на «02» апреля 2024 г.») — дата \
         публикации; отчёт на 2-е число месяца — отчёт за предыдущий месяц.",
        &note,
    )?;
    sheet.set_row_height(last + 2, 48)?;
    sheet.write(last + 4, 0, "Руководитель МЦУ")?;
    sheet.write(last + 4, 1, "_______________ / ___________________")?;

    sheet.set_freeze_panes(FIRST_ROW, 0)?;
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(6, 7)?;
    book.save_to_buffer()
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| TEMPLATE_PATH.to_string());
    std::fs::write(&path, template()?)?;
    println!("{path}");
    Ok(())
}
