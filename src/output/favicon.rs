//! `/favicon.ico`, drawn here from the shape of the theme's `static/favicon.svg` (three white
//! bars on a rounded blue square): browsers and tools that ask for `/favicon.ico` without
//! reading the page get an icon instead of a 404. The ICO holds two PNG images, 16 and 32 px,
//! drawn with 4×4 samples a pixel; no clock, no randomness: the same bytes every build.

/// The square's colour (the theme's accent, `#1f5fa8`).
const BLUE: [u8; 3] = [0x1f, 0x5f, 0xa8];

/// Whether a point of the 32-unit drawing lies in the rounded square (radius 6).
fn in_square(x: f64, y: f64) -> bool {
    let r = 6.0;
    let cx = x.clamp(r, 32.0 - r);
    let cy = y.clamp(r, 32.0 - r);
    (0.0..=32.0).contains(&x)
        && (0.0..=32.0).contains(&y)
        && (x - cx).powi(2) + (y - cy).powi(2) <= r * r
}

/// Whether a point lies on one of the three bars (`M7 24h4v-8H7zm7 0h4V9h-4zm7 0h4V13h-4z`).
fn in_bars(x: f64, y: f64) -> bool {
    [(7.0, 16.0), (14.0, 9.0), (21.0, 13.0)]
        .iter()
        .any(|&(left, top)| (left..left + 4.0).contains(&x) && (top..24.0).contains(&y))
}

/// The icon at `size` px as RGBA rows.
fn pixels(size: u32) -> Vec<u8> {
    const SAMPLES: u32 = 4;
    let scale = 32.0 / f64::from(size);
    let mut out = Vec::with_capacity((size * size * 4) as usize);
    for py in 0..size {
        for px in 0..size {
            let (mut square, mut bar) = (0u32, 0u32);
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    let x = (f64::from(px) + (f64::from(sx) + 0.5) / f64::from(SAMPLES)) * scale;
                    let y = (f64::from(py) + (f64::from(sy) + 0.5) / f64::from(SAMPLES)) * scale;
                    if in_square(x, y) {
                        square += 1;
                        if in_bars(x, y) {
                            bar += 1;
                        }
                    }
                }
            }
            let n = SAMPLES * SAMPLES;
            // Blue where the square is, blended to white by the share of samples on a bar;
            // the alpha is the square's coverage.
            let mix = |c: u8| {
                let c = u32::from(c);
                (c * (square - bar) + 255 * bar + square / 2)
                    .checked_div(square)
                    .map_or(0, |v| v as u8)
            };
            out.extend_from_slice(&[
                mix(BLUE[0]),
                mix(BLUE[1]),
                mix(BLUE[2]),
                ((255 * square + n / 2) / n) as u8,
            ]);
        }
    }
    out
}

/// A PNG of the icon at `size` px.
fn png(size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .expect("a PNG header of a small fixed size writes into memory");
    writer
        .write_image_data(&pixels(size))
        .expect("the pixels are exactly size × size × 4 bytes");
    drop(writer);
    out
}

/// `/favicon.ico`: an ICO directory of two PNG images, 16 and 32 px.
pub fn ico() -> Vec<u8> {
    let images: Vec<(u32, Vec<u8>)> = [16, 32].into_iter().map(|s| (s, png(s))).collect();
    let count = images.len() as u16;
    let mut out = Vec::new();
    out.extend_from_slice(&0u16.to_le_bytes()); // reserved
    out.extend_from_slice(&1u16.to_le_bytes()); // 1: an icon
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 6 + 16 * u32::from(count);
    for (size, data) in &images {
        out.push(*size as u8); // width (0 would mean 256)
        out.push(*size as u8); // height
        out.push(0); // no palette
        out.push(0); // reserved
        out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
        out.extend_from_slice(&32u16.to_le_bytes()); // bits a pixel
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        offset += data.len() as u32;
    }
    for (_, data) in &images {
        out.extend_from_slice(data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ico_is_a_directory_of_two_pngs_it_points_at() {
        let ico = ico();
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 2, 0]);
        for (i, size) in [16u32, 32].into_iter().enumerate() {
            let entry = &ico[6 + 16 * i..6 + 16 * (i + 1)];
            assert_eq!(u32::from(entry[0]), size);
            assert_eq!(u32::from(entry[1]), size);
            let len = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
            let at = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
            let data = &ico[at..at + len];
            let decoder = png::Decoder::new(std::io::Cursor::new(data));
            let reader = decoder.read_info().expect("a PNG");
            let info = reader.info();
            assert_eq!((info.width, info.height), (size, size));
        }
        assert_eq!(ico, super::ico(), "the same bytes every time");
    }

    #[test]
    fn the_icon_is_blue_with_white_bars_and_clear_corners() {
        let p = pixels(32);
        let at = |x: usize, y: usize| &p[(y * 32 + x) * 4..(y * 32 + x) * 4 + 4];
        assert_eq!(at(0, 0)[3], 0, "the rounded corner is transparent");
        assert_eq!(at(3, 3), &[BLUE[0], BLUE[1], BLUE[2], 255]);
        assert_eq!(at(15, 20), &[255, 255, 255, 255], "the middle bar");
        assert_eq!(
            at(15, 5),
            &[BLUE[0], BLUE[1], BLUE[2], 255],
            "above the bar"
        );
    }
}
