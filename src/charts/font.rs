//! The embedded PT Sans and text measurement: the chart layout leaves room for each label by
//! measuring it with the very font the site serves as a web font, so the SVG needs no
//! installed font to lay out and no label is guessed by its number of letters.

use std::sync::{Once, OnceLock};

use plotters::style::{FontStyle, register_font};

/// The family name the font is registered under in plotters and written into the SVG.
pub(super) const FAMILY: &str = "PT Sans";

/// The font stack written once on the root `<svg>`: the web font first (the theme's PT Sans,
/// served under the name «Vitrina Sans» its license asks of a subset), then PT Sans if the
/// reader has it.
pub(super) const FONT_STACK: &str = "'Vitrina Sans', 'PT Sans', Arial, sans-serif";

/// The font file, embedded so that layout never depends on the build machine's fonts.
const FONT: &[u8] = include_bytes!("fonts/PTSans-Regular.ttf");

/// The size at which text is measured: large, so that plotters' whole-pixel rounding of the
/// measured width is negligible once scaled down.
const PROBE_SIZE: f64 = 1000.0;

/// The narrow no-break space (`crate::format` groups thousands with it). PT Sans has no glyph
/// for it, so browsers take it from a fallback font; it is measured as a normal space.
const NNBSP: char = '\u{202F}';

/// Registers PT Sans with plotters' ab_glyph support, once per process.
pub(super) fn ensure_registered() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The bytes are a known-good font embedded at compile time; if ab_glyph ever refused
        // them, `width` falls back to an estimate rather than failing the build.
        let _ = register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

/// The width in pixels of `text` set in PT Sans at `size` pixels per em.
pub(super) fn width(text: &str, size: f64) -> f64 {
    match layout_width(text, PROBE_SIZE) {
        // ab_glyph scales the font so that ascender − descender spans `PROBE_SIZE` pixels;
        // the SVG sets the em to the font size, hence the ratio.
        Some(w) => f64::from(w) / PROBE_SIZE * em_ratio() * size,
        None => text.chars().count() as f64 * 0.6 * size,
    }
}

/// The width of `text` (a narrow no-break space measured as a space) as plotters' ab_glyph
/// layout gives it at `size` (its font size, ascender to descender): the advances and kerning in
/// `f32`, summed in the same order and cut to whole pixels, so that every label is placed where
/// plotters' own measure placed it. `None` if the font could not be read.
pub(super) fn layout_width(text: &str, size: f64) -> Option<i32> {
    use ab_glyph::{Font, ScaleFont};
    let m = metrics()?;
    let scaled = m.font.as_scaled(size as f32);
    let factor = scaled.h_scale_factor();
    let mut x = 0f32;
    let mut prev = None;
    for c in text.chars() {
        let c = if c == NNBSP { ' ' } else { c };
        let (id, advance) = match m.common.get(c as usize) {
            Some(&known) => known,
            None => {
                let id = m.font.glyph_id(c);
                (id, m.font.h_advance_unscaled(id))
            }
        };
        x += factor * advance;
        if let Some(p) = prev {
            x += factor * m.font.kern_unscaled(p, id);
        }
        prev = Some(id);
    }
    Some(x as i32)
}

/// The font, parsed once, with the glyph and unscaled advance of every character below
/// U+0500 (Latin, punctuation, Cyrillic): the labels' letters, looked up once per process.
struct Metrics {
    font: ab_glyph::FontRef<'static>,
    common: Vec<(ab_glyph::GlyphId, f32)>,
}

fn metrics() -> Option<&'static Metrics> {
    use ab_glyph::Font;
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS
        .get_or_init(|| {
            let font = ab_glyph::FontRef::try_from_slice(FONT).ok()?;
            let common = (0..0x500u32)
                .map(|c| {
                    let id = font.glyph_id(char::from_u32(c).unwrap_or(' '));
                    (id, font.h_advance_unscaled(id))
                })
                .collect();
            Some(Metrics { font, common })
        })
        .as_ref()
}

/// The height in pixels of one line of text at `size` pixels per em.
pub(super) fn line_height(size: f64) -> f64 {
    (size * 1.2).ceil()
}

/// `text` shortened with «…» so that it is at most `max` pixels wide at `size` (the whole text
/// if it fits; an empty string if not even «…» fits).
pub(super) fn fit(text: &str, size: f64, max: f64) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let shortened = |n: usize| {
        let head: String = chars[..n].iter().collect();
        let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—(«\"".contains(c));
        format!("{head}…")
    };
    // The longest prefix that fits, found by bisection: widths grow with the prefix.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(&shortened(mid), size) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let best = shortened(lo);
    if width(&best, size) <= max {
        best
    } else {
        String::new()
    }
}

/// `text` broken at spaces into at most `max_lines` lines of at most `max` pixels; what does
/// not fit is shortened with «…».
pub(super) fn wrap(text: &str, size: f64, max: f64, max_lines: usize) -> Vec<String> {
    // A one- or two-letter word («и», «в», «на») or a short abbreviation («ул.», «д.») stays
    // with the next word, as Russian typesetting requires.
    let mut words: Vec<String> = Vec::new();
    let mut glue = false;
    for word in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if glue => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
        let letters = word.chars().count();
        glue = letters <= 2 || (letters <= 4 && word.ends_with('.'));
    }
    let mut lines: Vec<String> = Vec::new();
    for word in &words {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}"), size) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > max_lines.max(1) {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(rest);
    }
    lines
        .iter()
        .map(|line| fit(line, size, max))
        .filter(|line| !line.is_empty())
        .collect()
}

/// Caller text made safe for one line of SVG: control characters (not allowed in XML, and
/// line breaks, which a single `<text>` cannot show) become spaces.
pub(super) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// (ascender − descender) / units per em, as ab_glyph computes its pixel scale.
fn em_ratio() -> f64 {
    static RATIO: OnceLock<f64> = OnceLock::new();
    *RATIO.get_or_init(|| vertical_metrics(FONT).unwrap_or(1.24))
}

/// Reads the em ratio from the `head`, `hhea` and `OS/2` tables the way ttf-parser does.
fn vertical_metrics(font: &[u8]) -> Option<f64> {
    let u16_at = |at: usize| Some(u16::from_be_bytes([*font.get(at)?, *font.get(at + 1)?]));
    let i16_at = |at: usize| u16_at(at).map(|v| v as i16);
    let table = |tag: &[u8; 4]| -> Option<usize> {
        let count = usize::from(u16_at(4)?);
        (0..count).map(|i| 12 + 16 * i).find_map(|rec| {
            let name = font.get(rec..rec + 4)?;
            if name != tag {
                return None;
            }
            let off = font.get(rec + 8..rec + 12)?;
            Some(u32::from_be_bytes([off[0], off[1], off[2], off[3]]) as usize)
        })
    };
    let units_per_em = f64::from(u16_at(table(b"head")? + 18)?);
    let hhea = table(b"hhea")?;
    let (mut ascender, mut descender) = (i16_at(hhea + 4)?, i16_at(hhea + 6)?);
    if let Some(os2) = table(b"OS/2") {
        let use_typo_metrics = u16_at(os2 + 62)? & (1 << 7) != 0;
        if use_typo_metrics {
            ascender = i16_at(os2 + 68)?;
            descender = i16_at(os2 + 70)?;
        }
    }
    let ratio = (f64::from(ascender) - f64::from(descender)) / units_per_em;
    (units_per_em > 0.0 && ratio > 0.5 && ratio < 3.0).then_some(ratio)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pt_sans_vertical_metrics() {
        // PT Sans 2.005: hhea ascender 1018, descender −276, 1000 units per em.
        assert_eq!(vertical_metrics(FONT), Some(1.294));
    }

    #[test]
    fn measures_with_the_real_font() {
        // Advance widths from the font's hmtx table: «Ж» 806, «К» 610, «Х» 618, «0» 545 units.
        let w = width("ЖКХ", 100.0);
        assert!((w - 203.4).abs() < 0.5, "{w}");
        assert!((width("0000", 10.0) - 21.8).abs() < 0.1);
        assert_eq!(width("", 12.0), 0.0);
    }

    #[test]
    fn fit_keeps_short_text_and_shortens_long_text() {
        assert_eq!(fit("ЖКХ", 14.0, 200.0), "ЖКХ");
        let long = "Благоустройство дворовых территорий, парков и скверов";
        let short = fit(long, 14.0, 120.0);
        assert!(
            short.ends_with('…') && width(&short, 14.0) <= 120.0,
            "{short}"
        );
        assert!(short.len() < long.len());
        assert_eq!(fit(long, 14.0, 1.0), "");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_shortens_the_last_line() {
        assert_eq!(
            wrap("Социальная защита", 14.0, 90.0, 2),
            vec!["Социальная", "защита"]
        );
        let lines = wrap(
            "Благоустройство дворовых территорий и парков",
            14.0,
            110.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(wrap("", 14.0, 90.0, 2).is_empty());
        assert_eq!(
            wrap("Дороги и транспорт", 14.0, 80.0, 2),
            vec!["Дороги", "и транспорт"]
        );
        assert_eq!(
            wrap("Ямочный ремонт на ул. Ленина", 13.0, 132.0, 2),
            vec!["Ямочный ремонт", "на ул. Ленина"]
        );
    }
}
