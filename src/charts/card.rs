//! Share cards: a 1200×630 PNG for the home page, the latest months and every year (which pages
//! carry one: `render::share_cards`), drawn at build time, so that a post in ВКонтакте or
//! Telegram shows the month at a glance (informing in social networks is itself one of the
//! targets). Text is set in the embedded PT Sans, so the card looks the same whatever machine
//! builds it; flat colours and text make an indexed-colour PNG of about 12 KB.

use super::font::{FAMILY, ensure_registered};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width and height of an Open Graph card.
pub const CARD_SIZE: (u32, u32) = (1200, 630);

/// What a card says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Card {
    /// The band at the top: the municipality.
    pub municipality: String,
    /// The headline: «Отчёт МЦУ за март 2024 г.».
    pub title: String,
    /// Up to three key numbers: (value, label).
    pub figures: Vec<(String, String)>,
    /// The line at the bottom: the as-of date and the site's address.
    pub footer: String,
}

const BAND: RGBColor = RGBColor(0x17, 0x48, 0x7f);
const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
const MUTED: RGBColor = RGBColor(0x4a, 0x4a, 0x4a);
const ACCENT: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);

/// PT Sans has no narrow no-break space: a bitmap would show a missing-glyph box.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\u{202F}' || c == '\u{2009}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn text_width(text: &str, size: f64) -> f64 {
    super::font::layout_width(text, size)
        .map_or(text.chars().count() as f64 * size * 0.5, f64::from)
}

/// The largest size up to `max` at which `text` fits in `width` pixels (not below `min`).
fn fitting_size(text: &str, max: f64, min: f64, width: f64) -> f64 {
    let mut size = max;
    while size > min && text_width(text, size) > width {
        size -= 2.0;
    }
    size
}

/// Splits `text` into at most two lines that fit `width` at `size`.
fn two_lines(text: &str, size: f64, width: f64) -> Vec<String> {
    if text_width(text, size) <= width {
        return vec![text.to_string()];
    }
    let words: Vec<&str> = text.split(' ').collect();
    for cut in (1..words.len()).rev() {
        let first = words[..cut].join(" ");
        if text_width(&first, size) <= width {
            return vec![first, words[cut..].join(" ")];
        }
    }
    vec![text.to_string()]
}

/// Draws the card and encodes it as PNG.
pub fn card_png(card: &Card) -> Vec<u8> {
    let (w, h) = CARD_SIZE;
    encode_png(&draw_rgb(card), w, h)
}

fn draw_rgb(card: &Card) -> Vec<u8> {
    ensure_registered();
    let (w, h) = CARD_SIZE;
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let _ = root.draw(&Rectangle::new([(0, 0), (w as i32, 120)], BAND.filled()));
        let _ = root.draw(&Rectangle::new(
            [(0, h as i32 - 12), (w as i32, h as i32)],
            ACCENT.filled(),
        ));
        let font = |size: f64, color: &'static RGBColor| {
            TextStyle::from((FAMILY, size).into_font())
                .color(color)
                .pos(Pos::new(HPos::Left, VPos::Top))
        };
        let margin = 64.0;
        let inner = f64::from(w) - 2.0 * margin;
        let municipality = printable(&card.municipality);
        let size = fitting_size(&municipality, 44.0, 24.0, inner);
        let _ = root.draw(&Text::new(
            municipality,
            (margin as i32, 36),
            font(size, &WHITE),
        ));

        let title = printable(&card.title);
        let size = fitting_size(&title, 64.0, 36.0, inner);
        let _ = root.draw(&Text::new(title, (margin as i32, 160), font(size, &INK)));

        let n = card.figures.len().clamp(1, 3);
        let column = inner / n as f64;
        for (i, (value, label)) in card.figures.iter().take(3).enumerate() {
            let x = (margin + column * i as f64) as i32;
            let value = printable(value);
            let size = fitting_size(&value, 96.0, 40.0, column - 24.0);
            let _ = root.draw(&Text::new(value, (x, 270), font(size, &ACCENT)));
            for (j, line) in two_lines(&printable(label), 30.0, column - 24.0)
                .into_iter()
                .enumerate()
            {
                let _ = root.draw(&Text::new(
                    line,
                    (x, 380 + 38 * j as i32),
                    font(30.0, &MUTED),
                ));
            }
        }
        let footer = printable(&card.footer);
        let size = fitting_size(&footer, 28.0, 18.0, inner);
        let _ = root.draw(&Text::new(
            footer,
            (margin as i32, h as i32 - 70),
            font(size, &MUTED),
        ));
        let _ = root.present();
    }
    buf
}

/// The colour pairs whose blends a card's anti-aliased edges make: each text colour over its
/// background. A card is drawn in these colours only, so every pixel lies on one of these lines.
const RAMPS: [(RGBColor, RGBColor); 4] =
    [(WHITE, BAND), (INK, WHITE), (MUTED, WHITE), (ACCENT, WHITE)];

/// Steps along each ramp, both ends included: 4 × 4 less the three repeated whites is 13
/// colours, a 4-bit palette. Text edges keep two shades between ink and paper, which at the size
/// a card is shown cannot be told from the full blend (compared by eye at 3× zoom).
const STEPS: usize = 4;

/// The card's palette: [`RAMPS`] in [`STEPS`] steps, each colour once.
fn palette() -> Vec<[u8; 3]> {
    let mut out: Vec<[u8; 3]> = Vec::new();
    for (from, to) in RAMPS {
        for k in 0..STEPS {
            let t = k as f64 / (STEPS - 1) as f64;
            let mix = |a: u8, b: u8| (f64::from(a) * (1.0 - t) + f64::from(b) * t).round() as u8;
            let c = [mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2)];
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// The palette colour nearest to `c` (the first of equals).
fn nearest(pal: &[[u8; 3]], c: [u8; 3]) -> u8 {
    let distance = |q: &[u8; 3]| {
        (0..3)
            .map(|k| (i32::from(q[k]) - i32::from(c[k])).pow(2))
            .sum::<i32>()
    };
    (0..pal.len() as u8)
        .min_by_key(|&k| distance(&pal[usize::from(k)]))
        .unwrap_or(0)
}

/// Encodes the drawn RGB pixels as an indexed-colour PNG: each pixel the nearest colour of
/// [`palette`], two pixels a byte, no filter (the best for a palette of flat areas) and zlib's
/// default level 6. A card is about 12 KB so, against 87 KB as 24-bit RGB. The strongest level,
/// 9, saved 3 % of a card (0.4 KB) at three times the time: two thirds of a card's drawing and a
/// third of a region's build from nothing went to it.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Vec<u8> {
    let pal = palette();
    let row = (w as usize).div_ceil(2);
    let mut packed = vec![0u8; row * h as usize];
    // Most pixels repeat their left neighbour (flat areas); an anti-aliased edge's colours are
    // remembered in a small table by a cheap hash of the colour, so that each is rarely looked
    // up twice.
    let mut memo: Vec<Option<(u32, u8)>> = vec![None; 1024];
    let mut last = (u32::MAX, 0u8);
    let mut index_of = |p: &[u8]| {
        let c = u32::from(p[0]) << 16 | u32::from(p[1]) << 8 | u32::from(p[2]);
        if c == last.0 {
            return last.1;
        }
        let slot = (c as usize).wrapping_mul(0x9E37_79B9) >> 22 & (memo.len() - 1);
        let index = match memo[slot] {
            Some((m, index)) if m == c => index,
            _ => {
                let index = nearest(&pal, [p[0], p[1], p[2]]);
                memo[slot] = Some((c, index));
                index
            }
        };
        last = (c, index);
        index
    };
    let width = w as usize;
    for (pixels, out) in rgb
        .chunks_exact(3 * width)
        .zip(packed.chunks_exact_mut(row))
    {
        for (pair, byte) in pixels.chunks(6).zip(out.iter_mut()) {
            let high = index_of(&pair[..3]);
            let low = pair.get(3..6).map_or(0, &mut index_of);
            *byte = high << 4 | low;
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_palette(pal.concat());
    encoder.set_deflate_compression(png::DeflateCompression::Level(6));
    encoder.set_filter(png::Filter::NoFilter);
    // Writing into a Vec cannot fail; an error here would be a bug in the encoder.
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(&packed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Card {
        Card {
            municipality: "Заречный муниципальный округ".into(),
            title: "Отчёт МЦУ за март 2024 г.".into(),
            figures: vec![
                (
                    "1\u{202F}005".into(),
                    "обращений и сообщений поступило".into(),
                ),
                (
                    "50,9\u{202F}%".into(),
                    "через Платформу обратной связи".into(),
                ),
                ("88,5\u{202F}%".into(), "обработано по фаст-треку".into()),
            ],
            footer: "Данные на 2 апреля 2024 г. · mcu.example.ru".into(),
        }
    }

    #[test]
    fn a_card_is_a_1200_by_630_png() {
        let png = card_png(&sample());
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), CARD_SIZE);
    }

    #[test]
    fn a_card_is_an_indexed_png_far_below_30_kb() {
        let long = Card {
            municipality: "Муниципальное образование «Город Заречный» ".repeat(3),
            title: "Годовой отчёт МЦУ за 2024 год (январь — ноябрь)".into(),
            ..sample()
        };
        for card in [sample(), long] {
            let png = card_png(&card);
            assert!(png.len() <= 20_000, "{} bytes", png.len());
            let reader = png::Decoder::new(std::io::Cursor::new(png))
                .read_info()
                .unwrap();
            let info = reader.info();
            assert_eq!(info.color_type, png::ColorType::Indexed);
            assert_eq!(info.bit_depth, png::BitDepth::Four);
            assert!(info.palette.as_ref().unwrap().len() <= 16 * 3);
        }
    }

    #[test]
    fn every_pixel_is_the_palette_colour_nearest_to_the_drawing() {
        let card = sample();
        let rgb = draw_rgb(&card);
        let mut reader = png::Decoder::new(std::io::Cursor::new(card_png(&card)))
            .read_info()
            .unwrap();
        let mut packed = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut packed).unwrap();
        let pal = palette();
        let (w, h) = CARD_SIZE;
        let row = (w as usize).div_ceil(2);
        for y in 0..h as usize {
            for x in 0..w as usize {
                let byte = packed[y * row + x / 2];
                let index = if x % 2 == 0 { byte >> 4 } else { byte & 0x0f };
                let i = 3 * (y * w as usize + x);
                let drawn = [rgb[i], rgb[i + 1], rgb[i + 2]];
                assert_eq!(index, nearest(&pal, drawn), "pixel {x},{y}: {drawn:?}");
            }
        }
    }

    #[test]
    fn the_palette_holds_every_colour_a_card_is_drawn_in() {
        let pal = palette();
        for c in [WHITE, BAND, INK, MUTED, ACCENT] {
            assert!(pal.contains(&[c.0, c.1, c.2]), "{c:?}");
        }
        assert!(pal.len() <= 16, "{}", pal.len());
    }

    #[test]
    fn cards_are_deterministic_and_differ_by_content() {
        assert_eq!(card_png(&sample()), card_png(&sample()));
        let mut other = sample();
        other.figures[0].0 = "2\u{202F}005".into();
        assert_ne!(card_png(&sample()), card_png(&other));
    }

    #[test]
    fn empty_and_long_cards_do_not_panic() {
        let _ = card_png(&Card::default());
        let long = Card {
            title: "Очень ".repeat(60),
            figures: vec![("1".repeat(80), "слово ".repeat(40))],
            ..sample()
        };
        let _ = card_png(&long);
    }

    #[test]
    fn write_sample_card() {
        if let Ok(dir) = std::env::var("VITRINA_CHART_SAMPLES") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(format!("{dir}/card.png"), card_png(&sample())).unwrap();
        }
    }
}

/// Cards already drawn, so that a card whose words have not changed is not drawn again: drawing
/// is most of the time of a small site's build. A card is known by a hash of everything it shows
/// and of Vitrina's version (a new version may draw differently); a stale entry can only cost a
/// miss, never a wrong picture, since the hash covers every input.
///
/// In a folder, each card is a file named by its key and holding the card's bytes followed by a
/// [`Trailer`] (their length and CRC-32). A file whose trailer does not match its bytes — cut
/// short by a full disk or a kill, or damaged — is a miss: the card is drawn again and the file
/// replaced. Files are written under a temporary name and renamed, so a reader never meets one
/// half written.
#[derive(Debug, Default)]
pub enum CardCache {
    /// Every card is drawn.
    #[default]
    None,
    /// Kept in memory between the rebuilds of `serve`.
    Memory(std::sync::Mutex<std::collections::HashMap<u64, Vec<u8>>>),
    /// Kept in a folder beside the output (never inside it), between builds.
    Folder(std::path::PathBuf),
}

impl CardCache {
    /// The PNG of `card`, from the cache when it holds it whole.
    pub fn png(&self, card: &Card) -> Vec<u8> {
        let key = card_key(card);
        match self {
            CardCache::None => card_png(card),
            CardCache::Memory(map) => {
                let cached = crate::sync::lock(map).get(&key).cloned();
                cached.unwrap_or_else(|| {
                    let png = card_png(card);
                    crate::sync::lock(map).insert(key, png.clone());
                    png
                })
            }
            CardCache::Folder(dir) => {
                let path = dir.join(cache_name(key));
                if let Some(png) = std::fs::read(&path).ok().and_then(Trailer::strip) {
                    return png;
                }
                let png = card_png(card);
                // A cache that cannot be written only costs the next build a drawing.
                let _ = write_entry(dir, key, &png);
                png
            }
        }
    }

    /// Forgets every card but `kept`, so that the cache holds what the current site shows and
    /// does not grow month after month. In a folder, only files named as the cache names them
    /// are removed (and its temporary files, which no build is writing by then).
    pub fn keep_only(&self, kept: &[&Card]) {
        self.keep_only_keys(&kept.iter().map(|c| card_key(c)).collect());
    }

    /// [`CardCache::keep_only`] by the cards' keys ([`card_key`]): a region's site gathers
    /// them over all its municipalities.
    pub fn keep_only_keys(&self, keys: &std::collections::HashSet<u64>) {
        match self {
            CardCache::None => {}
            CardCache::Memory(map) => crate::sync::lock(map).retain(|k, _| keys.contains(k)),
            CardCache::Folder(dir) => {
                let Ok(entries) = std::fs::read_dir(dir) else {
                    return;
                };
                for e in entries.flatten() {
                    let name = e.file_name();
                    let Some(name) = name.to_str() else {
                        continue;
                    };
                    let stale = match cache_key_of(name) {
                        Some(key) => !keys.contains(&key),
                        None => is_temporary(name),
                    };
                    if stale {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
        }
    }
}

/// The file a card's entry is kept in: its key in 16 hex digits.
fn cache_name(key: u64) -> String {
    format!("{key:016x}.png")
}

/// The key of a file named as [`cache_name`] names entries.
fn cache_key_of(name: &str) -> Option<u64> {
    let hex = name.strip_suffix(".png")?;
    let ours = hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    ours.then(|| u64::from_str_radix(hex, 16).ok()).flatten()
}

/// A temporary file of [`write_entry`]: `.KEY.N.tmp`.
fn is_temporary(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.split_once('.'))
        .is_some_and(|(key, n)| {
            cache_key_of(&format!("{key}.png")).is_some() && n.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Writes the entry of `key` under a name of its own (several threads may draw the same card),
/// then renames it into place.
fn write_entry(dir: &std::path::Path, key: u64, png: &[u8]) -> std::io::Result<()> {
    static WRITTEN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITTEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".{key:016x}.{n}.tmp"));
    std::fs::write(&temp, Trailer::append(png))?;
    std::fs::rename(&temp, dir.join(cache_name(key))).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// What follows a card's bytes in its cache file: their length and CRC-32, then a tag that names
/// the layout, so that a file cut short, grown or damaged anywhere is known.
struct Trailer;

impl Trailer {
    const TAG: &'static [u8; 4] = b"VCC1";
    const LEN: usize = 8 + 4 + 4;

    fn append(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len() + Trailer::LEN);
        out.extend_from_slice(bytes);
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
        out.extend_from_slice(Trailer::TAG);
        out
    }

    /// The bytes before the trailer, when the trailer is there and agrees with them.
    fn strip(mut file: Vec<u8>) -> Option<Vec<u8>> {
        let body = file.len().checked_sub(Trailer::LEN)?;
        let (len, rest) = file[body..].split_at(8);
        let (crc, tag) = rest.split_at(4);
        let whole = tag == Trailer::TAG
            && u64::from_le_bytes(len.try_into().ok()?) == body as u64
            && u32::from_le_bytes(crc.try_into().ok()?) == crc32fast::hash(&file[..body]);
        whole.then(|| {
            file.truncate(body);
            file
        })
    }
}

/// The look and encoding of a card: raise it whenever [`card_png`] draws or encodes differently,
/// so that a card cache filled by an earlier build of the same version is not served (the
/// indexed-colour cards of issue 20 came without a new version).
const DRAWING: u32 = 3;

/// The key a card is kept under in the cache.
pub fn card_key(card: &Card) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    DRAWING.hash(&mut h);
    card.municipality.hash(&mut h);
    card.title.hash(&mut h);
    card.figures.hash(&mut h);
    card.footer.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    fn card(title: &str) -> Card {
        Card {
            municipality: "Заречный".into(),
            title: title.into(),
            figures: vec![("1 234".into(), "обращений".into())],
            footer: "Данные на 2 апреля 2024 г.".into(),
        }
    }

    /// The cache files in `dir`, sorted by name.
    fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_cached_card_is_the_card_drawn_and_only_the_kept_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let cards = dir.path().join("cards");
        let cache = CardCache::Folder(cards.clone());
        let (march, april) = (card("март"), card("апрель"));
        let drawn = cache.png(&march);
        assert_eq!(drawn, card_png(&march));
        let [file] = &files(&cards)[..] else {
            panic!("{:?}", files(&cards))
        };
        // The cached entry is what comes back: another whole entry under the same name proves
        // that it was not redrawn.
        let marked = b"not the card".to_vec();
        std::fs::write(file, Trailer::append(&marked)).unwrap();
        assert_eq!(cache.png(&march), marked);
        assert_ne!(cache.png(&april), marked, "another card is drawn anew");
        std::fs::write(cards.join("notes.png"), "mine").unwrap();
        std::fs::write(cards.join(".0123456789abcdef.7.tmp"), "half").unwrap();
        cache.keep_only(&[&april]);
        let names: Vec<_> = files(&cards)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names.contains(&"notes.png".to_string()),
            "a foreign file stays"
        );
        assert!(
            !names.iter().any(|n| n.ends_with(".tmp")),
            "a temporary file left by a kill goes"
        );
    }

    #[test]
    fn a_cache_entry_cut_short_grown_or_damaged_is_drawn_again_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cards = dir.path().join("cards");
        let cache = CardCache::Folder(cards.clone());
        let march = card("март");
        let whole = cache.png(&march);
        let file = files(&cards).remove(0);
        let entry = std::fs::read(&file).unwrap();
        let mut damaged = entry.clone();
        damaged[100] ^= 1;
        let mut grown = entry.clone();
        grown.insert(50, 0);
        let broken: [(&str, Vec<u8>); 5] = [
            ("cut short", entry[..4096].to_vec()),
            ("the card alone, no trailer", whole.clone()),
            ("one bit flipped", damaged),
            ("a byte inserted", grown),
            ("empty", Vec::new()),
        ];
        for (what, bytes) in broken {
            std::fs::write(&file, &bytes).unwrap();
            assert_eq!(cache.png(&march), whole, "{what}");
            assert_eq!(std::fs::read(&file).unwrap(), entry, "{what}: replaced");
        }
        assert_eq!(files(&cards), [file], "no temporary file stays");
    }

    #[test]
    fn the_memory_cache_draws_each_card_once() {
        let cache = CardCache::Memory(Default::default());
        let a = card("март");
        assert_eq!(cache.png(&a), card_png(&a));
        let CardCache::Memory(map) = &cache else {
            unreachable!()
        };
        assert_eq!(map.lock().unwrap().len(), 1);
        cache.keep_only(&[]);
        assert!(map.lock().unwrap().is_empty());
    }
}
