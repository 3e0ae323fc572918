//! `vitrina post`: a ready post for ВКонтакте, Telegram and Одноклассники, made from the same
//! figures and sentences as the pages — a month's report (its lead sentence and key figures) or
//! a decision adopted with residents (what was decided, with how many took part, and what was
//! done) — with the page's absolute address and the site's hashtags (`post_tags:`).
//!
//! Plain text, since every network shows it as written. It is held to [`LIMIT`], Telegram's
//! limit for one message, which is the smallest of the three: a long decision is cut at a
//! sentence with «…», and the address and the hashtags are always kept, since a post without
//! its link is of no use to the site.

use crate::data::Dataset;
use crate::data::decision::Decision;
use crate::domain::TargetId;
use crate::format;
use crate::metrics::Figures;
use crate::period::Period;
use crate::routes::Route;

/// The longest post, in UTF-16 code units (how Telegram counts a message's 4,096 characters;
/// a Russian letter is one, so for the text Vitrina writes it is the number of characters).
pub const LIMIT: usize = 4096;

/// A post and the address of the page it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub text: String,
    /// The page's absolute address.
    pub url: String,
}

/// The length of `s` as Telegram counts it.
pub fn length(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The post of month `period`; `None` when the site has no report for it.
pub fn month(ds: &Dataset, fig: &Figures, period: Period) -> Option<Post> {
    let i = fig.monthly.iter().position(|m| m.period == period)?;
    let (form, detail) = (&fig.monthly[i], &fig.details[i]);
    let report = &ds.reports[i];
    let before = super::Before::of(period, detail.total_growth, i > 0);
    let mut body = vec![
        format!(
            "Отчёт МЦУ за {} г. — {}",
            format::month(period.year, period.month),
            ds.site.municipality
        ),
        super::month_lead(detail, before),
    ];
    let mut figures: Vec<String> = detail
        .channels
        .iter()
        .map(|c| {
            let share = c
                .share
                .map(|s| format!(" ({})", format::percent(s.tenths())))
                .unwrap_or_default();
            format!(
                "• {}: {}{share}",
                c.channel.name_ru(),
                format::int(c.total as i64)
            )
        })
        .collect();
    if let Some(s) = form.target(TargetId::FastTrack).and_then(|t| t.month) {
        figures.push(format!(
            "• По фаст-треку обработано {} обращений и сообщений",
            format::percent(s.tenths())
        ));
    }
    let adopted = form.value_of(crate::domain::Source::DecisionsAdopted);
    if adopted > 0 {
        let informed = form.value_of(crate::domain::Source::DecisionsInformed);
        figures.push(format!(
            "• Решений с учётом мнения жителей через ПОС: {}, из них с информированием жителей в соцсетях: {}",
            format::int(adopted as i64),
            format::int(informed as i64)
        ));
    }
    if let Some(s) = &detail.satisfaction
        && let Some(share) = s.share
    {
        figures.push(format!(
            "• Довольны ответом {} ответивших на опрос ({} из {})",
            format::percent(share.tenths()),
            format::int(s.satisfied as i64),
            format::int(s.responses as i64)
        ));
    }
    body.push(figures.join("\n"));
    for c in &report.corrections {
        body.push(super::correction(c.date, &c.text));
    }
    let url = ds.site.base_url.url(&Route::Month(period));
    Some(Post {
        text: fit(&body, &format!("Полный отчёт: {url}"), &ds.site.post_tags),
        url,
    })
}

/// The post of the decision `id`; `None` when the site has no such decision.
pub fn decision(ds: &Dataset, fig: &Figures, id: &str) -> Option<Post> {
    let d = ds.decisions.iter().find(|d| d.id == id)?;
    let url = ds.site.base_url.url(&Route::Decision(&d.id));
    Some(Post {
        text: fit(
            &decision_body(d, fig),
            &format!("Подробнее: {url}"),
            &ds.site.post_tags,
        ),
        url,
    })
}

/// What a decision's post says, paragraph by paragraph, before its address.
fn decision_body(d: &Decision, fig: &Figures) -> Vec<String> {
    let mut body = vec![format!("Решение принято вместе с жителями: «{}»", d.title)];
    let mut how = format!(
        "{} на Платформе обратной связи, решение принято {}",
        format::capitalize(super::decision_kind(d.kind)),
        format::date(d.adopted)
    );
    if let Some(n) = d.participants {
        how.push_str(&format!(" Участников: {}.", format::int(n as i64)));
    }
    body.push(how);
    if let Some(result) = &d.result {
        let text = tidy(&crate::markdown::plain_text(result));
        if !text.is_empty() {
            body.push(format!("Итог: {}", end_sentence(text)));
        }
    }
    if !d.milestones.is_empty() {
        let done: Vec<String> = d
            .milestones
            .iter()
            .filter(|m| m.date <= fig.as_of.date)
            .map(|m| format!("• {} — {}", format::date(m.date), m.text.trim()))
            .collect();
        if !done.is_empty() {
            body.push(format!("Что сделано:\n{}", done.join("\n")));
        }
    }
    body.push(format!("Сейчас: {}.", super::decision_status(d.status)));
    body
}

/// Markdown's plain text as a sentence reads: one space between words, none before a closing
/// mark or after an opening one (the plain text puts a space after every piece of text, so
/// «**сквер**: …» came out «сквер : …»).
fn tidy(plain: &str) -> String {
    let words = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(words.len());
    let mut chars = words.chars().peekable();
    while let Some(c) = chars.next() {
        let closes = chars
            .peek()
            .is_some_and(|n| matches!(n, ',' | '.' | ':' | ';' | '!' | '?' | ')' | '»' | '…'));
        let opened = out.ends_with(['(', '«']);
        if c == ' ' && (closes || opened) {
            continue;
        }
        out.push(c);
    }
    out
}

/// `s` with a full stop unless it ends a sentence already.
fn end_sentence(mut s: String) -> String {
    if !s.ends_with(['.', '!', '?', '…']) {
        s.push('.');
    }
    s
}

/// The post: `body`'s paragraphs, then `link` (the page's address), then the hashtags, within
/// [`LIMIT`]. When they do not fit, the body is cut at the end of a sentence (or a line) and
/// «…» added; the link is always kept, and the hashtags too unless they alone would not leave
/// room for it.
pub fn fit(body: &[String], link: &str, tags: &[String]) -> String {
    let mut tags: Vec<&str> = tags.iter().map(String::as_str).collect();
    let footer = |tags: &[&str]| {
        if tags.is_empty() {
            link.to_string()
        } else {
            format!("{link}\n\n{}", tags.join(" "))
        }
    };
    let text = body.join("\n\n");
    let whole = format!("{text}\n\n{}", footer(&tags));
    if length(&whole) <= LIMIT {
        return whole;
    }
    // The room left for the body beside «…» and the footer; hashtags go, last first, if even
    // an empty body would not fit.
    let room = loop {
        let need = length(&footer(&tags)) + length("…\n\n");
        if need < LIMIT || tags.is_empty() {
            break LIMIT.saturating_sub(need);
        }
        tags.pop();
    };
    let cut = cut_at_sentence(&text, room);
    let footer = footer(&tags);
    let post = if cut.is_empty() {
        footer
    } else {
        format!("{cut}…\n\n{footer}")
    };
    // Only an address longer than the limit itself could still be over it.
    truncate(&post, LIMIT)
}

/// The longest start of `text` within `room` (UTF-16 units) that ends a sentence or a line, or
/// else a word; without the mark that ended it when that is a full stop, for the «…» that follows.
fn cut_at_sentence(text: &str, room: usize) -> String {
    let head = truncate(text, room);
    let ends_sentence = |i: usize, c: char| {
        let next = head[i + c.len_utf8()..].chars().next();
        (matches!(c, '.' | '!' | '?' | '…') && next.is_none_or(char::is_whitespace)) || c == '\n'
    };
    let at = head
        .char_indices()
        .filter(|&(i, c)| ends_sentence(i, c))
        .map(|(i, c)| {
            if c == '.' || c == '\n' {
                i
            } else {
                i + c.len_utf8()
            }
        })
        .next_back()
        .or_else(|| head.rfind(char::is_whitespace));
    match at {
        Some(i) if head.len() < text.len() => head[..i].trim_end().to_string(),
        _ => head,
    }
}

/// The start of `s` that is at most `units` UTF-16 code units long, on a character boundary.
fn truncate(s: &str, units: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn markdown_reads_as_a_sentence() {
        let plain = crate::markdown::plain_text(
            "Жители выбрали **сквер** (на ул. *Ленина*): «*Да*» — 1 210.",
        );
        assert_eq!(
            tidy(&plain),
            "Жители выбрали сквер (на ул. Ленина): «Да» — 1 210."
        );
    }

    #[test]
    fn a_short_post_is_left_whole_with_its_link_and_tags() {
        let post = fit(
            &["Первый абзац.".into(), "Второй.".into()],
            "Подробнее: https://x.ru/a/",
            &tags(&["#МЦУ", "#Город"]),
        );
        assert_eq!(
            post,
            "Первый абзац.\n\nВторой.\n\nПодробнее: https://x.ru/a/\n\n#МЦУ #Город"
        );
    }

    #[test]
    fn a_long_post_is_cut_at_a_sentence_and_keeps_its_link_and_tags() {
        let sentence = "Жители выбрали сквер на улице Ленина и площадку у школы. ";
        let long = sentence.repeat(200);
        let post = fit(
            &["Решение.".into(), long],
            "Подробнее: https://x.ru/decisions/a/",
            &tags(&["#МЦУ"]),
        );
        assert!(length(&post) <= LIMIT, "{}", length(&post));
        assert!(
            post.ends_with("школы…\n\nПодробнее: https://x.ru/decisions/a/\n\n#МЦУ"),
            "{}",
            &post[post.len() - 200..]
        );
    }

    #[test]
    fn a_text_without_sentences_is_cut_at_a_word() {
        let long = "слово ".repeat(1000);
        let post = fit(&[long], "https://x.ru/", &[]);
        assert!(length(&post) <= LIMIT);
        assert!(post.ends_with("слово…\n\nhttps://x.ru/"), "{post}");
    }

    #[test]
    fn the_limit_counts_what_telegram_counts() {
        // An emoji outside the basic plane is two UTF-16 units.
        assert_eq!(length("а😀"), 3);
        let post = fit(&["😀".repeat(3000)], "https://x.ru/", &[]);
        assert!(length(&post) <= LIMIT, "{}", length(&post));
        assert!(post.ends_with("…\n\nhttps://x.ru/"));
    }

    #[test]
    fn hashtags_give_way_only_when_they_alone_leave_no_room() {
        let many: Vec<String> = (0..800).map(|i| format!("#тег{i}")).collect();
        let post = fit(&["Текст.".into()], "https://x.ru/", &many);
        assert!(length(&post) <= LIMIT);
        assert!(post.contains("https://x.ru/") && post.contains("#тег0 "));
        assert!(!post.contains("#тег799"));
    }
}
