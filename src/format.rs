//! Russian presentation of numbers, dates and plural forms: everything a citizen reads goes
//! through here, so that templates, charts, CSV captions and messages agree on one spelling.
//!
//! Thousands are grouped with a narrow no-break space (U+202F) and decimals use a comma, as Russian
//! typography and ГОСТ Р 7.0.97 do: `1 234,5`. Negative numbers take the minus sign U+2212, not a
//! hyphen, so that a screen reader says "минус".

use chrono::{Datelike, NaiveDate};

/// The narrow no-break space between groups of digits and before `%`.
pub const NNBSP: char = '\u{202F}';
/// The minus sign.
pub const MINUS: char = '\u{2212}';

/// Months in the nominative: «март».
pub const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Months in the genitive, as in a date: «2 апреля».
pub const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_PREPOSITIONAL: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];
const MONTHS_SHORT: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// `1234567` → `1 234 567`.
pub fn int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if n < 0 {
        out.push(MINUS);
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// An integer with an explicit sign: `+12`, `−5`, `0`.
pub fn signed_int(n: i64) -> String {
    if n > 0 {
        format!("+{}", int(n))
    } else {
        int(n)
    }
}

/// A value kept in tenths, with one decimal: `673` → `67,3`, `-5` → `−0,5`.
pub fn tenths(t: i64) -> String {
    let whole = t.unsigned_abs() / 10;
    let frac = t.unsigned_abs() % 10;
    let sign = if t < 0 {
        MINUS.to_string()
    } else {
        String::new()
    };
    format!("{sign}{},{frac}", int(whole as i64))
}

/// Tenths with an explicit sign: `+2,5`, `−0,5`, `0,0`.
pub fn signed_tenths(t: i64) -> String {
    if t > 0 {
        format!("+{}", tenths(t))
    } else {
        tenths(t)
    }
}

/// A percentage kept in tenths: `673` → `67,3 %`.
pub fn percent(t: i64) -> String {
    format!("{}{NNBSP}%", tenths(t))
}

/// A float for chart axes: at most one decimal, trailing `,0` dropped.
pub fn decimal(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    if t % 10 == 0 { int(t / 10) } else { tenths(t) }
}

/// `2 апреля 2024 г.`
pub fn date(d: NaiveDate) -> String {
    format!(
        "{} {} {} г.",
        d.day(),
        MONTHS_GENITIVE[d.month0() as usize],
        d.year()
    )
}

/// `март 2024`
pub fn month(year: i32, month: u32) -> String {
    format!("{} {year}", MONTHS_NOMINATIVE[(month - 1) as usize])
}

/// `Март 2024`: a month at the start of a title.
pub fn month_title(year: i32, month: u32) -> String {
    capitalize(&self::month(year, month))
}

/// `в марте 2024 г.`
pub fn in_month(year: i32, month: u32) -> String {
    format!("в {} {year} г.", MONTHS_PREPOSITIONAL[(month - 1) as usize])
}

/// `мар 2024`: a month on a chart axis.
pub fn month_short(year: i32, month: u32) -> String {
    format!("{} {year}", MONTHS_SHORT[(month - 1) as usize])
}

/// `мар`: a month on a chart axis when the year is shown elsewhere.
pub fn month_abbr(month: u32) -> &'static str {
    MONTHS_SHORT[(month - 1) as usize]
}

/// The plural form of a noun after `n`: `plural(3, "решение", "решения", "решений")` → `решения`.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        one
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        few
    } else {
        many
    }
}

/// A number with its noun in the right form, joined by a no-break space: `count(932,
/// "обращение", "обращения", "обращений")` → `932 обращения`. Every place a count meets a noun
/// (pages, meta descriptions, charts, feed, lead sentences) goes through this one function.
pub fn count(n: u64, one: &str, few: &str, many: &str) -> String {
    format!(
        "{}\u{00A0}{}",
        int(i64::try_from(n).unwrap_or(i64::MAX)),
        plural(n, one, few, many)
    )
}

/// `в феврале`: a month in the prepositional without its year, for a comparison inside one
/// sentence whose year is already said.
pub fn in_month_name(month: u32) -> String {
    format!("в {}", MONTHS_PREPOSITIONAL[(month - 1) as usize])
}

/// A caption's first letter in lower case, for text that continues a sentence («Таблица: доля
/// обработанных в ГИС/ВИС/СПО»): an acronym that starts the text keeps its case («ПОС»,
/// «СОС»), and nothing after the first letter changes. Templates use it as the `lower_first`
/// filter instead of Tera's `lower`, which wrote «через пос» and «в гис/вис/спо».
pub fn lower_first(s: &str) -> String {
    let first_word: Vec<char> = s.chars().take_while(|c| c.is_alphanumeric()).collect();
    let acronym = first_word.len() > 1 && first_word.iter().take(2).all(|c| c.is_uppercase());
    if acronym {
        return s.to_string();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Items joined the Russian way: `a`, `a и b`, `a, b и c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} и {last}", rest.join(", ")),
    }
}

/// The first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A URL-safe name for Russian text: `Социальная защита` → `sotsialnaya-zashchita`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        let piece: &str = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    // Whole words up to SLUG_MAX bytes: the slug names a folder, and file systems allow 255
    // bytes a name (a theme named by a whole paragraph must still build).
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !slug.is_empty() && slug.len() + 1 + part.len() > SLUG_MAX {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    slug.truncate(SLUG_MAX);
    if slug.is_empty() {
        "x".to_string()
    } else {
        slug
    }
}

/// The longest slug [`slug`] makes, in bytes (ASCII only, so also characters).
pub const SLUG_MAX: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_transliterate_russian() {
        assert_eq!(slug("Социальная защита"), "sotsialnaya-zashchita");
        assert_eq!(slug("ЖКХ"), "zhkkh");
        assert_eq!(slug("ТКО"), "tko");
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("«»"), "x");
    }

    #[test]
    fn slugs_stay_short_enough_to_name_a_folder() {
        let long = "Очень длинное название темы обращений ".repeat(40);
        let s = slug(&long);
        assert!(s.len() <= SLUG_MAX, "{s}");
        assert!(s.starts_with("ochen-dlinnoe-nazvanie"), "{s}");
        assert!(!s.ends_with('-'), "{s}");
        assert!(slug(&"я".repeat(500)).len() <= SLUG_MAX);
    }

    #[test]
    fn groups_thousands_with_narrow_no_break_space() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1234), "1\u{202F}234");
        assert_eq!(int(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(int(-1234), "\u{2212}1\u{202F}234");
    }

    #[test]
    fn tenths_use_a_decimal_comma() {
        assert_eq!(tenths(12_345), "1\u{202F}234,5");
        assert_eq!(tenths(673), "67,3");
        assert_eq!(tenths(-5), "\u{2212}0,5");
        assert_eq!(tenths(0), "0,0");
        assert_eq!(percent(1000), "100,0\u{202F}%");
        assert_eq!(signed_tenths(25), "+2,5");
        assert_eq!(signed_int(12), "+12");
        assert_eq!(signed_int(-3), "\u{2212}3");
    }

    #[test]
    fn dates_are_written_with_genitive_months() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
        assert_eq!(date(d), "2 апреля 2024 г.");
        assert_eq!(month(2024, 3), "март 2024");
        assert_eq!(month_title(2024, 3), "Март 2024");
        assert_eq!(in_month(2024, 5), "в мае 2024 г.");
    }

    #[test]
    fn plural_forms_follow_russian_rules() {
        let f = |n| plural(n, "решение", "решения", "решений");
        assert_eq!(f(1), "решение");
        assert_eq!(f(3), "решения");
        assert_eq!(f(5), "решений");
        assert_eq!(f(11), "решений");
        assert_eq!(f(12), "решений");
        assert_eq!(f(21), "решение");
        assert_eq!(f(22), "решения");
        assert_eq!(f(111), "решений");
        assert_eq!(f(0), "решений");
    }

    #[test]
    fn a_count_meets_its_noun_in_the_right_form() {
        let f = |n| count(n, "обращение", "обращения", "обращений");
        assert_eq!(f(932), "932\u{A0}обращения");
        assert_eq!(f(931), "931\u{A0}обращение");
        assert_eq!(f(911), "911\u{A0}обращений");
        assert_eq!(f(0), "0\u{A0}обращений");
        assert_eq!(f(1234), "1\u{202F}234\u{A0}обращения");
        assert_eq!(in_month_name(2), "в феврале");
    }

    #[test]
    fn lowering_a_caption_keeps_acronyms() {
        assert_eq!(
            lower_first("Доля обработанных в ГИС/ВИС/СПО"),
            "доля обработанных в ГИС/ВИС/СПО"
        );
        assert_eq!(
            lower_first("Решения, принятые через ПОС"),
            "решения, принятые через ПОС"
        );
        assert_eq!(lower_first("ПОС"), "ПОС");
        assert_eq!(lower_first("СОС: цифровые"), "СОС: цифровые");
        assert_eq!(lower_first("Я"), "я");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn lists_join_with_commas_and_a_final_и() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&[])), "");
        assert_eq!(join_and(&v(&["июль"])), "июль");
        assert_eq!(join_and(&v(&["июль", "август"])), "июль и август");
        assert_eq!(
            join_and(&v(&["май", "июль", "август"])),
            "май, июль и август"
        );
    }

    #[test]
    fn chart_decimals_drop_a_zero_fraction() {
        assert_eq!(decimal(20.0), "20");
        assert_eq!(decimal(12.5), "12,5");
    }
}
