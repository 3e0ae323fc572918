//! A month's report file as Vitrina writes it for the press officer to fill in: the layout
//! `vitrina new-month` writes blank and `vitrina import` writes filled in, so that one writer lays
//! out report files.
//!
//! The file is laid out like the latest report (the same channels, themes and recipients), so that
//! the month's work is typing numbers, not remembering keys. Every count is left blank: the loader
//! reads a blank as "no value", so `vitrina check` points at the line of each count still to fill
//! in, and a half-filled file can never be published by mistake. Beside each key a Russian comment
//! quotes the indicator's number and official wording from [`crate::domain`], the one table that
//! holds them.
//!
//! It never overwrites: a report is the publisher's work, and a month has one report, wherever
//! under `data/reports/` it lies.

use crate::diag::Text;
use crate::domain::{Channel, INDICATORS, IndicatorDef, Source, Treatment};
use crate::period::Period;
use crate::t;
use crate::yaml::{Node, Value};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why no file was written.
#[derive(Debug, thiserror::Error)]
pub enum NewMonthError {
    #[error("there is no data/ folder in {0}")]
    NoData(String),
    #[error("there are no reports in data/reports/ yet, so there is no month to follow")]
    NoMonth,
    #[error("{0} already exists")]
    Exists(String),
    #[error("{path} still has blank values")]
    LatestUnfilled { path: String, next: Period },
    #[error("{month} already has a report: {path}")]
    MonthTaken { month: Period, path: String },
    #[error("{0}")]
    Unfit(Unfit),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl NewMonthError {
    /// What went wrong, in both languages (`Display` gives the English).
    pub fn message(&self) -> Text {
        match self {
            NewMonthError::NoData(root) => t!(
                "в папке {root} нет папки data/",
                "there is no data/ folder in {root}"
            ),
            NewMonthError::NoMonth => t!(
                "в data/reports/ ещё нет отчётов, поэтому неизвестно, какой месяц следующий",
                "there are no reports in data/reports/ yet, so there is no month to follow"
            ),
            NewMonthError::Exists(path) => t!("файл {path} уже есть", "{path} already exists"),
            NewMonthError::LatestUnfilled { path, .. } => t!(
                "в {path} ещё есть незаполненные значения",
                "{path} still has blank values"
            ),
            NewMonthError::MonthTaken { month, path } => {
                let m = crate::format::month(month.year, month.month);
                t!(
                    "отчёт за {m} уже есть: {path}",
                    "{month} already has a report: {path}"
                )
            }
            NewMonthError::Io { path, source } => t!(
                "не удалось записать {path}: {source}",
                "cannot write {path}: {source}"
            ),
            NewMonthError::Unfit(u) => u.message(),
        }
    }

    /// The likely fix.
    pub fn help(&self) -> Text {
        match self {
            NewMonthError::NoData(_) => t!(
                "запустите vitrina в корневой папке сайта или укажите её через --root",
                "run vitrina in a site's root folder, or name it with --root"
            ),
            NewMonthError::NoMonth => t!(
                "укажите месяц, например `vitrina new-month 2025-01`",
                "name the month to write, such as `vitrina new-month 2025-01`"
            ),
            NewMonthError::Exists(_) => t!(
                "new-month никогда не перезаписывает отчёт: откройте файл и заполните его \
                 или укажите другой месяц",
                "new-month never overwrites a report: open the file and fill it in, \
                 or name another month"
            ),
            NewMonthError::LatestUnfilled { next, .. } => t!(
                "сначала заполните последний отчёт; чтобы всё равно создать следующий месяц, \
                 укажите его: `vitrina new-month {next}`",
                "fill in the latest report first; to write the next month anyway, name it: \
                 `vitrina new-month {next}`"
            ),
            NewMonthError::MonthTaken { .. } => t!(
                "за месяц бывает один отчёт: откройте этот файл и заполните его \
                 или укажите другой месяц",
                "a month has one report: open that file and fill it in, or name another month"
            ),
            NewMonthError::Io { .. } => t!(
                "проверьте, что папка существует и в неё можно писать",
                "check that the folder exists and can be written to"
            ),
            NewMonthError::Unfit(u) => u.help(),
        }
    }
}

/// Why no report can be written for a month: `check` would refuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unfit {
    /// Outside [`Period::FIRST`]..=[`Period::LAST`] (the month after 9999-12, most often).
    #[error("{0} is outside the months Vitrina takes")]
    OutOfRange(Period),
    /// More than [`crate::period::FAR_MONTHS`] from the site's reports.
    #[error("{month} is far from the other reports")]
    Far { month: Period, nearest: Period },
}

impl Unfit {
    pub fn message(&self) -> Text {
        let (first, last) = (Period::FIRST, Period::LAST);
        match *self {
            Unfit::OutOfRange(p) => t!(
                "месяц {p} вне месяцев, которые принимает Витрина (с {first} по {last})",
                "{p} is outside the months Vitrina takes ({first} to {last})"
            ),
            Unfit::Far { month, nearest } => {
                let n = month.months_to(nearest).unsigned_abs();
                let word = crate::format::plural(n, "месяц", "месяца", "месяцев");
                t!(
                    "месяц {month} отстоит на {n} {word} от ближайшего отчёта ({nearest})",
                    "{month} is {n} months from the nearest report ({nearest})"
                )
            }
        }
    }

    pub fn help(&self) -> Text {
        let far = crate::period::FAR_MONTHS;
        match self {
            Unfit::OutOfRange(_) => t!(
                "проверьте год: в имени файла отчёта и в `period:` год пишется четырьмя цифрами",
                "check the year: a report's file name and `period:` write it in four digits"
            ),
            Unfit::Far { .. } => t!(
                "проверьте год: отчёт дальше {far} месяцев от остальных `vitrina check` не примет",
                "check the year: `vitrina check` refuses a report more than {far} months from the others"
            ),
        }
    }
}

/// Whether a report for `period` would pass `check` beside the reports under `reports_dir`: a
/// month Vitrina takes, not far from the others ([`crate::period::far_months`]).
pub fn fits(reports_dir: &Path, period: Period) -> Result<(), Unfit> {
    if !period.in_range() {
        return Err(Unfit::OutOfRange(period));
    }
    let mut months: Vec<Period> = reports(reports_dir).iter().map(|f| f.period).collect();
    if months.contains(&period) {
        return Ok(());
    }
    months.push(period);
    months.sort();
    let far = crate::period::far_months(&months);
    match far.iter().find(|f| months[f.index] == period) {
        Some(f) => Err(Unfit::Far {
            month: period,
            nearest: f.nearest,
        }),
        None => Ok(()),
    }
}

/// The report file for `period` anywhere under `reports_dir`.
pub fn report_of(reports_dir: &Path, period: Period) -> Option<PathBuf> {
    reports(reports_dir)
        .into_iter()
        .find(|f| f.period == period)
        .map(|f| f.path)
}

/// What [`write_month`] wrote.
#[derive(Debug)]
pub struct Written {
    pub period: Period,
    /// The new file, relative to the site root.
    pub rel: PathBuf,
    /// The report it was laid out like, as the user sees its path.
    pub model: Option<String>,
}

/// One report file found under `data/reports/`.
struct Found {
    period: Period,
    path: PathBuf,
}

/// Writes `data/reports/YYYY-MM.yaml` for `month`, or for the month after the latest report.
/// Long because every way this can go wrong (no site, no report to follow, a file already there,
/// a month out of range) is refused here with its own message before anything is written.
pub fn write_month(root: &Path, month: Option<Period>) -> Result<Written, NewMonthError> {
    let data = root.join("data");
    if !data.is_dir() {
        return Err(NewMonthError::NoData(root.display().to_string()));
    }
    let reports_dir = data.join("reports");
    let found = reports(&reports_dir);
    let latest = found.iter().map(|f| f.period).max();
    let period = match (month, latest) {
        (Some(m), _) => m,
        (None, Some(latest)) => latest
            .checked_next()
            .ok_or(NewMonthError::Unfit(Unfit::OutOfRange(latest.next())))?,
        (None, None) => return Err(NewMonthError::NoMonth),
    };
    fits(&reports_dir, period).map_err(NewMonthError::Unfit)?;
    let (model, folder) = model_and_folder(&found, &reports_dir, period);
    let path = folder.join(format!("{period}.yaml"));
    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    if path.exists() {
        return Err(NewMonthError::Exists(shown(&path)));
    }
    if let Some(taken) = found.iter().find(|f| f.period == period) {
        return Err(NewMonthError::MonthTaken {
            month: period,
            path: shown(&taken.path),
        });
    }

    let parsed = model.and_then(|m| parse_file(&m.path));
    // Running new-month twice by mistake would skip a month; the latest report still blank says so.
    if let (None, Some(m), Some(node)) = (month, model, &parsed)
        && has_blanks(node)
    {
        return Err(NewMonthError::LatestUnfilled {
            path: shown(&m.path),
            next: period,
        });
    }
    let layout = match &parsed {
        Some(node) => Layout::of(node),
        None => Layout::complete(),
    };
    let model_shown = model.map(|m| shown(&m.path));
    let text = template(
        period,
        &layout,
        model.map(|m| (m.period, model_shown.as_deref().unwrap_or_default())),
    );

    let io = |source| NewMonthError::Io {
        path: shown(&path),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(io)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    Ok(Written {
        period,
        rel,
        model: model_shown,
    })
}

/// The report a new month is laid out like (the latest before it; failing that, the latest of
/// all) and the folder the new file goes in.
fn model_and_folder<'f>(
    found: &'f [Found],
    reports_dir: &Path,
    period: Period,
) -> (Option<&'f Found>, PathBuf) {
    let model = found
        .iter()
        .filter(|f| f.period < period)
        .max_by_key(|f| f.period)
        .or_else(|| found.iter().max_by_key(|f| f.period));

    // Reports filed by year (`data/reports/2024/2024-03.yaml`) get the new one filed the same way.
    let folder = match model {
        Some(m)
            if m.path.parent().and_then(Path::file_name)
                == Some(m.period.year.to_string().as_ref())
                && m.path.parent().and_then(Path::parent) == Some(reports_dir) =>
        {
            reports_dir.join(period.year.to_string())
        }
        _ => reports_dir.to_path_buf(),
    };
    (model, folder)
}

/// A new month's file as `new-month` would lay it out, not yet written: for `import`, which
/// fills some of its blanks first.
#[derive(Debug)]
pub struct Planned {
    pub path: PathBuf,
    pub layout: Layout,
    /// The model's month and its path as the user sees it.
    pub model: Option<(Period, String)>,
}

/// Plans the file for `period` in the site at `root` (whose `data/` exists).
pub fn plan(root: &Path, period: Period) -> Planned {
    let reports_dir = root.join("data").join("reports");
    let found = reports(&reports_dir);
    let (model, folder) = model_and_folder(&found, &reports_dir, period);
    let layout = match model.and_then(|m| parse_file(&m.path)) {
        Some(node) => Layout::of(&node),
        None => Layout::complete(),
    };
    Planned {
        path: folder.join(format!("{period}.yaml")),
        layout,
        model: model.map(|m| {
            let shown = m
                .path
                .strip_prefix(root)
                .unwrap_or(&m.path)
                .to_string_lossy()
                .replace('\\', "/");
            (m.period, shown)
        }),
    }
}

/// Every `*.yaml`/`*.yml` under `dir` whose name is a month, sorted by path.
fn reports(dir: &Path) -> Vec<Found> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let path = e.into_path();
            if !crate::data::files::YAML.holds(&path) {
                return None;
            }
            let period = Period::parse(path.file_stem()?.to_str()?)?;
            Some(Found { period, path })
        })
        .collect()
}

/// The optional keys of a theme row, in the order of DATA-FORMAT.md.
pub const THEME_PARTS: [(&str, &str); 4] = [
    ("repeated", "из них повторных"),
    ("overdue", "из них просроченных"),
    ("postponed", "из них отложенных"),
    ("solved", "из них решённых по существу, тип «Решаемые»"),
];

/// The optional keys of a row of the recipients' rating.
const RECIPIENT_PARTS: [(&str, &str); 3] = [
    ("on_time", "из них рассмотрено в срок"),
    ("solved", "из них решено по существу"),
    (
        "satisfaction",
        "средняя оценка ответов заявителями, от 1 до 5, например 4.3",
    ),
];

/// What a new report copies from its model: which channels, themes and recipients it has, and
/// which optional keys their rows use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub channels: Vec<Channel>,
    pub themes: Vec<String>,
    /// Optional keys used by any theme row of the model.
    pub theme_parts: Vec<&'static str>,
    pub recipients: Vec<String>,
    pub recipient_parts: Vec<&'static str>,
    pub satisfaction: bool,
    /// False for a template written without a model: the optional sections are shown as
    /// commented-out examples.
    pub from_model: bool,
}

impl Layout {
    /// The template for a site without reports: all four channels, and the optional sections as
    /// examples.
    pub fn complete() -> Layout {
        Layout {
            channels: Channel::ALL.to_vec(),
            themes: Vec::new(),
            theme_parts: Vec::new(),
            recipients: Vec::new(),
            recipient_parts: Vec::new(),
            satisfaction: false,
            from_model: false,
        }
    }

    /// The layout of a parsed report. Whatever is malformed is left out: `check` reports it in
    /// the model, and the new file should not copy the mistake.
    pub fn of(report: &Node) -> Layout {
        let mut layout = Layout::complete();
        layout.from_model = true;
        if let Some(channels) = report.get("channels") {
            let present: Vec<Channel> = Channel::ALL
                .into_iter()
                .filter(|c| channels.get(c.key()).is_some())
                .collect();
            if !present.is_empty() {
                layout.channels = present;
            }
        }
        let rows = |key: &str, name: &str, parts: &[(&'static str, &str)]| {
            let mut names = Vec::new();
            let mut used = Vec::new();
            if let Some(Value::Seq(items)) = report.get(key).map(|n| &n.value) {
                for item in items {
                    if let Some(n) = item
                        .get(name)
                        .filter(|n| !n.is_null())
                        .and_then(Node::scalar)
                    {
                        names.push(n.to_string());
                    }
                    for (part, _) in parts {
                        if item.get(part).is_some() && !used.contains(part) {
                            used.push(*part);
                        }
                    }
                }
            }
            let used = parts
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| used.contains(k))
                .collect();
            (names, used)
        };
        (layout.themes, layout.theme_parts) = rows("themes", "theme", &THEME_PARTS);
        (layout.recipients, layout.recipient_parts) =
            rows("recipients_rating", "name", &RECIPIENT_PARTS);
        layout.satisfaction = report.get("satisfaction").is_some_and(|n| !n.is_null());
        layout
    }
}

/// A report file's tree; `None` if it is not readable YAML (then `check` says why).
fn parse_file(path: &Path) -> Option<Node> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut d = crate::diag::Diagnostics::new();
    crate::yaml::parse(&text, crate::source::FileId(0), 0, &mut d)
}

/// True when a report still has one of the blanks new-month leaves: the publication date, a
/// channel's count, a recipients' count, or a row's `received`.
fn has_blanks(report: &Node) -> bool {
    let blank = |n: Option<&Node>| n.is_some_and(Node::is_null);
    let blank_values = |n: Option<&Node>| match n.map(|n| &n.value) {
        Some(Value::Map(entries)) => entries.iter().any(|e| e.value.is_null()),
        _ => false,
    };
    let blank_rows = |key: &str| match report.get(key).map(|n| &n.value) {
        Some(Value::Seq(rows)) => rows.iter().any(|r| blank(r.get("received"))),
        _ => false,
    };
    let channels = match report.get("channels").map(|n| &n.value) {
        Some(Value::Map(entries)) => entries.iter().any(|e| blank_values(Some(&e.value))),
        _ => false,
    };
    blank(report.get("published"))
        || channels
        || blank_values(report.get("recipients"))
        || blank_rows("themes")
        || blank_rows("recipients_rating")
}

/// The column where the comments beside keys begin.
const COMMENT_COLUMN: usize = 22;

/// Appends `key` followed by a comment aligned at [`COMMENT_COLUMN`].
fn line(out: &mut String, key: &str, comment: &str) {
    let width = key.chars().count();
    let pad = COMMENT_COLUMN.saturating_sub(width).max(1);
    let _ = writeln!(out, "{key}{}# {comment}", " ".repeat(pad));
}

/// The indicator of the form whose value is drawn from `source`.
fn indicator(source: Source) -> &'static IndicatorDef {
    INDICATORS
        .iter()
        .find(|d| d.source == source)
        .expect("every source of a report count is an indicator of the form")
}

/// The words that name a channel inside the official wording.
fn channel_marker(channel: Channel) -> &'static str {
    match channel {
        Channel::Appeals => "59-ФЗ",
        Channel::Pos => "через ПОС",
        Channel::Digital => "цифровые СОС",
        Channel::Hotline => "горячие линии",
    }
}

/// The part of an indicator's official wording that follows the channel's name: what sets the
/// treatment apart ("…и обработанных по фаст-треку"). The channel itself is named on the
/// channel's line, and the long common beginning would hide the difference.
pub fn treatment_wording(def: &IndicatorDef, channel: Channel) -> String {
    let tail = def
        .name
        .split_once(channel_marker(channel))
        .map_or(def.name, |(_, t)| t)
        .trim_start_matches([',', ' '])
        .trim_end_matches('.');
    format!("…{tail}")
}

/// The text of the new report file. A list: the file's sections in the order DATA-FORMAT.md
/// gives them, each with the official wording beside its keys.
pub fn template(period: Period, layout: &Layout, model: Option<(Period, &str)>) -> String {
    let mut out = String::new();
    let title = crate::format::month(period.year, period.month);
    let _ = writeln!(out, "# Отчёт МЦУ за {title} г. (форма по Приложению № 1)");
    out.push_str("#\n");
    match model {
        Some((p, path)) => {
            let _ = writeln!(
                out,
                "# Файл создан командой `vitrina new-month` по образцу отчёта за {} г.\n\
                 # ({path}): те же каналы, темы и получатели, все числа пустые.",
                crate::format::month(p.year, p.month)
            );
        }
        None => out.push_str(
            "# Файл создан командой `vitrina new-month`: все четыре канала, все числа пустые.\n",
        ),
    }
    out.push_str(
        "#\n\
         # Что сделать:\n\
         #   1. После каждого пустого двоеточия впишите целое число (0, если таких обращений\n\
         #      не было). Рядом с ключом — номер показателя формы и его официальная формулировка.\n\
         #   2. В `published:` впишите дату публикации отчёта (ГГГГ-ММ-ДД).\n\
         #   3. Запустите `vitrina check`: пока значение не заполнено, проверка покажет его строку\n\
         #      («у `total` нет значения»). Канал, которого у вас нет, можно удалить целиком.\n\
         #   4. Когда проверка пройдёт, сохраните файл в репозитории (commit): сайт соберётся сам.\n\
         #\n\
         # Значения с пометкой «необязательно» можно оставить пустыми: проверка на них не укажет.\n\
         # Показатели 11 и 12 (решения, принятые через ПОС) здесь не пишутся: Vitrina считает их\n\
         # по файлам data/decisions/.\n",
    );
    let _ = writeln!(out, "period: {period}");
    let due = period
        .next()
        .first_day()
        .succ_opt()
        .unwrap_or(period.last_day());
    line(
        &mut out,
        "published:",
        &format!("дата публикации, например {due} (отчёт публикуется до 2-го числа)"),
    );

    line(&mut out, "channels:", "обращения за месяц по каналам");
    for c in &layout.channels {
        line(&mut out, &format!("  {}:", c.key()), c.name_ru());
        let total = indicator(Source::Received(*c));
        line(
            &mut out,
            "    total:",
            &format!("инд. {}: {}", total.number, total.name),
        );
        for t in Treatment::ALL {
            let def = indicator(Source::Treated(t, *c));
            line(
                &mut out,
                &format!("    {}:", t.key()),
                &format!("инд. {}: {}", def.number, treatment_wording(def, *c)),
            );
        }
    }

    line(
        &mut out,
        "recipients:",
        "ответственные получатели на отчётную дату",
    );
    for (key, source) in [
        ("total", Source::RecipientsTotal),
        ("informing", Source::RecipientsInforming),
    ] {
        let def = indicator(source);
        line(
            &mut out,
            &format!("  {key}:"),
            &format!("инд. {}: {}", def.number, def.name),
        );
    }

    if layout.from_model {
        themes(&mut out, layout, "");
        recipients_rating(&mut out, layout, "");
        if layout.satisfaction {
            satisfaction(&mut out, "");
        }
    } else {
        out.push_str(
            "# Необязательные разделы: чтобы заполнить, уберите «# » в начале их строк.\n",
        );
        let example = Layout {
            themes: vec!["ЖКХ".to_string(), "Дороги".to_string()],
            theme_parts: THEME_PARTS.iter().map(|(k, _)| *k).collect(),
            recipients: vec!["МКУ «Управление городского хозяйства»".to_string()],
            recipient_parts: RECIPIENT_PARTS.iter().map(|(k, _)| *k).collect(),
            ..Layout::complete()
        };
        themes(&mut out, &example, "# ");
        recipients_rating(&mut out, &example, "# ");
        satisfaction(&mut out, "# ");
    }
    line(
        &mut out,
        "summary:",
        "необязательно: комментарий пресс-службы (Markdown); несколько строк — после «|», с отступом",
    );
    out
}

fn themes(out: &mut String, layout: &Layout, prefix: &str) {
    if layout.themes.is_empty() {
        return;
    }
    line(
        out,
        &format!("{prefix}themes:"),
        "обращения по темам, все каналы вместе",
    );
    for name in &layout.themes {
        let _ = writeln!(out, "{prefix}  - theme: {}", quoted(name));
        line(out, &format!("{prefix}    received:"), "поступило по теме");
        for (key, what) in THEME_PARTS {
            if layout.theme_parts.contains(&key) {
                line(
                    out,
                    &format!("{prefix}    {key}:"),
                    &format!("{what} (необязательно)"),
                );
            }
        }
    }
}

fn recipients_rating(out: &mut String, layout: &Layout, prefix: &str) {
    if layout.recipients.is_empty() {
        return;
    }
    line(
        out,
        &format!("{prefix}recipients_rating:"),
        "рейтинг ответственных получателей",
    );
    for name in &layout.recipients {
        let _ = writeln!(out, "{prefix}  - name: {}", quoted(name));
        line(
            out,
            &format!("{prefix}    received:"),
            "поступило обращений получателю",
        );
        for (key, what) in RECIPIENT_PARTS {
            if layout.recipient_parts.contains(&key) {
                line(
                    out,
                    &format!("{prefix}    {key}:"),
                    &format!("{what} (необязательно)"),
                );
            }
        }
    }
}

fn satisfaction(out: &mut String, prefix: &str) {
    line(
        out,
        &format!("{prefix}satisfaction:"),
        "опрос об удовлетворённости ответами",
    );
    line(out, &format!("{prefix}  responses:"), "ответов в опросе");
    line(
        out,
        &format!("{prefix}  satisfied:"),
        "из них удовлетворены ответом",
    );
}

/// A YAML double-quoted string.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::source::FileId;

    fn parse(text: &str) -> Node {
        let mut d = Diagnostics::new();
        let node = crate::yaml::parse(text, FileId(0), 0, &mut d).expect("valid YAML");
        assert_eq!(d.iter().count(), 0, "{d:?}");
        node
    }

    #[test]
    fn every_treatment_has_its_own_wording_after_the_channel() {
        for c in Channel::ALL {
            for t in Treatment::ALL {
                let def = indicator(Source::Treated(t, c));
                let w = treatment_wording(def, c);
                assert!(w.chars().count() > 15, "{}: {w}", def.id);
                assert!(
                    w.chars().count() < def.name.chars().count() - 60,
                    "{}: {w}",
                    def.id
                );
            }
        }
        let def = indicator(Source::Treated(Treatment::FastTrack, Channel::Appeals));
        assert_eq!(
            treatment_wording(def, Channel::Appeals),
            "…и обработанных по фаст-треку"
        );
    }

    #[test]
    fn a_blank_template_is_valid_yaml_with_every_count_empty() {
        let text = template(Period::new(2025, 1).unwrap(), &Layout::complete(), None);
        let node = parse(&text);
        let channels = node.get("channels").unwrap();
        for c in Channel::ALL {
            let ch = channels
                .get(c.key())
                .unwrap_or_else(|| panic!("no {}", c.key()));
            assert!(ch.get("total").unwrap().is_null());
            for t in Treatment::ALL {
                assert!(ch.get(t.key()).unwrap().is_null());
            }
        }
        assert!(node.get("published").unwrap().is_null());
        assert!(node.get("themes").is_none(), "examples are commented out");
    }

    #[test]
    fn the_layout_follows_the_model_and_drops_what_is_malformed() {
        let model = parse(
            "channels:\n  pos: {total: 1}\n  hotline: {total: 2}\n\
             themes:\n  - {theme: \"ЖКХ\", received: 3, overdue: 1}\n  - {theme: \"Дороги \\\"Север\\\"\", received: 1, solved: 1}\n  - {received: 1}\n\
             recipients_rating:\n  - {name: \"МКУ\", received: 2}\n",
        );
        let layout = Layout::of(&model);
        assert_eq!(layout.channels, [Channel::Pos, Channel::Hotline]);
        assert_eq!(layout.themes, ["ЖКХ", "Дороги \"Север\""]);
        assert_eq!(layout.theme_parts, ["overdue", "solved"]);
        assert_eq!(layout.recipients, ["МКУ"]);
        assert!(layout.recipient_parts.is_empty());
        assert!(!layout.satisfaction);
        let text = template(Period::new(2025, 2).unwrap(), &layout, None);
        let node = parse(&text);
        let themes = node.get("themes").unwrap();
        let Value::Seq(rows) = &themes.value else {
            panic!("themes is a list")
        };
        assert_eq!(
            rows[1].get("theme").unwrap().scalar(),
            Some("Дороги \"Север\"")
        );
        assert!(rows[1].get("overdue").unwrap().is_null());
        assert!(
            node.get("channels")
                .and_then(|c| c.get("appeals"))
                .is_none()
        );
    }
}
