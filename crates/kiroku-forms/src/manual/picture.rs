//! A screenshot made ready for the PDF: a PNG decoded (any colour type and depth), laid on
//! white where it is transparent, narrowed to at most [`MAX_WIDTH_PX`] pixels (an area average)
//! and encoded again as PNG rows — which a PDF image takes as they are (`/FlateDecode` with the
//! PNG predictors), so a screenshot costs about what its PNG file does.

use std::io::Cursor;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px};

/// Wider screenshots are narrowed to this: about 190 dpi across the page's text width.
pub(crate) const MAX_WIDTH_PX: usize = 1280;

/// An RGB picture, 8 bits a channel, row after row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Picture {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

/// Why a picture could not be used (in Japanese, for the message naming the file).
pub(crate) fn decode(bytes: &[u8]) -> Result<Picture, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("PNG として読めません（{e}）"))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "画像が大きすぎます".to_owned())?;
    let mut buffer = vec![0; size];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("PNG として読めません（{e}）"))?;
    let (width, height) = (info.width as usize, info.height as usize);
    if width == 0 || height == 0 {
        return Err("画像の大きさが 0 です".to_owned());
    }
    let channels = info.color_type.samples();
    let mut rgb = Vec::with_capacity(width * height * 3);
    for row in buffer.chunks(info.line_size).take(height) {
        for px in row.chunks_exact(channels).take(width) {
            let (colour, alpha): ([u8; 3], u8) = match *px {
                [g] => ([g, g, g], 255),
                [g, a] => ([g, g, g], a),
                [r, g, b] => ([r, g, b], 255),
                [r, g, b, a] => ([r, g, b], a),
                _ => return Err("この PNG の色の形式には対応していません".to_owned()),
            };
            rgb.extend(colour.map(|c| over_white(c, alpha)));
        }
    }
    Ok(narrowed(Picture { width, height, rgb }))
}

/// `c` with opacity `alpha` laid on white.
fn over_white(c: u8, alpha: u8) -> u8 {
    let (c, a) = (u32::from(c), u32::from(alpha));
    u8::try_from((c * a + 255 * (255 - a) + 127) / 255).unwrap_or(u8::MAX)
}

/// `picture` at most [`MAX_WIDTH_PX`] wide, each new pixel the average of those it covers.
fn narrowed(picture: Picture) -> Picture {
    if picture.width <= MAX_WIDTH_PX {
        return picture;
    }
    let (w, h) = (picture.width, picture.height);
    let new_w = MAX_WIDTH_PX;
    let new_h = (h * new_w / w).max(1);
    let mut rgb = Vec::with_capacity(new_w * new_h * 3);
    for y in 0..new_h {
        let (y0, y1) = span(y, h, new_h);
        for x in 0..new_w {
            let (x0, x1) = span(x, w, new_w);
            let mut sum = [0u32; 3];
            for sy in y0..y1 {
                for sx in x0..x1 {
                    let at = (sy * w + sx) * 3;
                    for (s, c) in sum.iter_mut().zip(&picture.rgb[at..at + 3]) {
                        *s += u32::from(*c);
                    }
                }
            }
            let count = u32::try_from((y1 - y0) * (x1 - x0)).unwrap_or(1).max(1);
            rgb.extend(sum.map(|s| u8::try_from(s / count).unwrap_or(u8::MAX)));
        }
    }
    Picture {
        width: new_w,
        height: new_h,
        rgb,
    }
}

/// The source pixels `from..to` that new pixel `i` of `new` covers out of `old`.
fn span(i: usize, old: usize, new: usize) -> (usize, usize) {
    let from = i * old / new;
    let to = ((i + 1) * old).div_ceil(new).clamp(from + 1, old);
    (from, to)
}

/// The picture as a PDF image: its rows PNG-filtered and deflated, read with the predictors.
pub(crate) fn xobject(picture: &Picture) -> Result<ExternalXObject, String> {
    let (width, height) = (
        u32::try_from(picture.width).map_err(|_| "画像が大きすぎます".to_owned())?,
        u32::try_from(picture.height).map_err(|_| "画像が大きすぎます".to_owned())?,
    );
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("画像を変換できません（{e}）"))?;
        writer
            .write_image_data(&picture.rgb)
            .map_err(|e| format!("画像を変換できません（{e}）"))?;
        writer
            .finish()
            .map_err(|e| format!("画像を変換できません（{e}）"))?;
    }
    let content = idat(&png_bytes);
    let int = |n: u32| DictItem::Int(i64::from(n));
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let dict = [
        ("Type", name("XObject")),
        ("Subtype", name("Image")),
        ("Width", int(width)),
        ("Height", int(height)),
        ("ColorSpace", name("DeviceRGB")),
        ("BitsPerComponent", int(8)),
        ("Filter", name("FlateDecode")),
        (
            "DecodeParms",
            DictItem::Dict {
                map: [
                    ("Predictor", int(15)),
                    ("Colors", int(3)),
                    ("BitsPerComponent", int(8)),
                    ("Columns", int(width)),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            },
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Ok(ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: false,
        },
        width: Some(Px(picture.width)),
        height: Some(Px(picture.height)),
        dpi: None,
    })
}

/// The zlib stream of a PNG file: its `IDAT` chunks' data, joined.
fn idat(png_bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at = 8;
    while let Some(head) = png_bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if &head[4..8] == b"IDAT" {
            if let Some(data) = png_bytes.get(at + 8..at + 8 + len) {
                out.extend_from_slice(data);
            }
        }
        at += 12 + len;
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG of `width` × `height`, RGBA, a gradient.
    pub(crate) fn sample_png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..width * height)
            .flat_map(|i| {
                let v = u8::try_from(i % 251).unwrap();
                [v, 255 - v, 128, if i % 2 == 0 { 255 } else { 0 }]
            })
            .collect();
        writer.write_image_data(&data).unwrap();
        writer.finish().unwrap();
        bytes
    }

    #[test]
    fn transparent_pixels_turn_white_and_wide_pictures_are_narrowed() {
        let small = decode(&sample_png(4, 2)).unwrap();
        assert_eq!((small.width, small.height), (4, 2));
        assert_eq!(&small.rgb[3..6], &[255, 255, 255]);
        assert_eq!(&small.rgb[0..3], &[0, 255, 128]);
        let wide = decode(&sample_png(2560, 10)).unwrap();
        assert_eq!((wide.width, wide.height), (MAX_WIDTH_PX, 5));
        assert_eq!(wide.rgb.len(), MAX_WIDTH_PX * 5 * 3);
    }

    #[test]
    fn not_a_png_is_refused_in_words() {
        let err = decode(b"GIF89a").unwrap_err();
        assert!(err.contains("PNG として読めません"), "{err}");
    }

    #[test]
    fn the_image_stream_is_the_png_rows() {
        let picture = decode(&sample_png(3, 3)).unwrap();
        let x = xobject(&picture).unwrap();
        assert!(!x.stream.content.is_empty());
        assert_eq!(x.stream.content[0] & 0x0F, 8, "a zlib stream");
    }
}
