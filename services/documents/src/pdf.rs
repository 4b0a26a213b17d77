//! Rendering a document as an A4 PDF letter.
//!
//! `krilla` (pure Rust, maintained by the Typst authors, writes PDF through `pdf-writer`)
//! draws the page: it embeds and subsets the fonts we give it, needs no system font and no
//! network, and keeps the cold build small. Typst as a library would let authors lay out
//! templates freely, at the price of a much larger build and a layout language to learn;
//! our letters have a fixed shape (a heading, a title, paragraphs, a signature and the QR
//! code), so the templates hold the words and this module the layout. The fonts are DejaVu
//! Sans (regular and bold, free licence, in `fonts/`), built into the binary: every
//! character of the four languages is in them. Lines are broken with the font's own
//! advances (`ttf-parser`), so nothing runs into the margin.

use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::text::{Font, TextDirection};
use krilla::Document;

use crate::error::{DocumentsError, Result};

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 62.0;
const QR_SIZE: f32 = 132.0;

/// What one page says, already filled in and in one language.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    pub lang: &'a str,
    pub issuer: &'a str,
    /// "Document n° …" and the date, top right.
    pub reference: &'a str,
    pub title: &'a str,
    pub subject: &'a str,
    pub body: &'a [String],
    pub closing: &'a str,
    pub signature: &'a str,
    pub verify: &'a str,
    /// The signed code the QR holds.
    pub code: &'a str,
    /// Bottom line (template release).
    pub footer: &'a str,
}

struct Fonts {
    regular: Font,
    bold: Font,
}

fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Font::new(REGULAR.into(), 0)?,
                bold: Font::new(BOLD.into(), 0)?,
            })
        })
        .as_ref()
        .ok_or_else(|| DocumentsError::Internal("the built-in fonts do not load".into()))
}

/// The built-in font `data` parsed once, for measuring.
fn face(data: &'static [u8]) -> Option<&'static ttf_parser::Face<'static>> {
    static FACES: OnceLock<[Option<ttf_parser::Face<'static>>; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [
            ttf_parser::Face::parse(REGULAR, 0).ok(),
            ttf_parser::Face::parse(BOLD, 0).ok(),
        ]
    });
    faces[usize::from(std::ptr::eq(data, BOLD))].as_ref()
}

/// The width of `text` at `size` points in the built-in font `data`.
fn width(data: &'static [u8], text: &str, size: f32) -> f32 {
    let Some(face) = face(data) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let units = f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size * 0.6, |a| f32::from(a) * size / units)
        })
        .sum()
}

/// `text` broken into lines no wider than `max` points.
fn wrap(data: &'static [u8], text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(data, &candidate, size) > max {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// A text style: which font (its data for measuring, and krilla's for drawing), the size
/// and the distance from one line to the next.
#[derive(Clone, Copy)]
struct Style {
    bold: bool,
    size: f32,
    leading: f32,
}

/// Draws `text` broken to `max` points wide from (`x`, `y`); returns the `y` after it.
fn block(
    s: &mut krilla::surface::Surface<'_>,
    f: &Fonts,
    style: Style,
    text: &str,
    x: f32,
    mut y: f32,
    max: f32,
) -> f32 {
    let (data, font) = if style.bold {
        (BOLD, &f.bold)
    } else {
        (REGULAR, &f.regular)
    };
    for line in wrap(data, text, style.size, max) {
        s.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            style.size,
            &line,
            false,
            TextDirection::Auto,
        );
        y += style.leading;
    }
    y
}

/// A filled rectangle.
fn rect(s: &mut krilla::surface::Surface<'_>, x: f32, y: f32, w: f32, h: f32) {
    if let Some(path) = Rect::from_xywh(x, y, w, h).and_then(|r| {
        let mut b = PathBuilder::new();
        b.push_rect(r);
        b.finish()
    }) {
        s.draw_path(&path);
    }
}

const HEADING: Style = Style {
    bold: true,
    size: 11.0,
    leading: 14.0,
};
const TITLE: Style = Style {
    bold: true,
    size: 20.0,
    leading: 25.0,
};
const SUBJECT: Style = Style {
    bold: false,
    size: 11.5,
    leading: 15.0,
};
const TEXT: Style = Style {
    bold: false,
    size: 11.0,
    leading: 15.5,
};
const SIGNATURE: Style = Style { bold: true, ..TEXT };
const SMALL: Style = Style {
    bold: false,
    size: 9.5,
    leading: 13.0,
};

/// The page as a PDF.
pub fn render(page: &Page<'_>) -> Result<Vec<u8>> {
    render_all(std::slice::from_ref(page))
}

/// Several letters as one PDF, a page each (a print run): the fonts are embedded once.
pub fn render_all(pages: &[Page<'_>]) -> Result<Vec<u8>> {
    let f = fonts()?;
    let first = pages
        .first()
        .ok_or_else(|| DocumentsError::Invalid("nothing to print".into()))?;
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(first.title.to_string())
            .language(first.lang.to_string())
            .creator("tracecall".to_string()),
    );
    for page in pages {
        draw(&mut doc, f, page)?;
    }
    doc.finish()
        .map_err(|e| DocumentsError::Internal(format!("PDF: {e:?}")))
}

/// Draws one letter on a new page of `doc`.
fn draw(doc: &mut Document, f: &Fonts, page: &Page<'_>) -> Result<()> {
    let settings = PageSettings::from_wh(WIDTH, HEIGHT)
        .ok_or_else(|| DocumentsError::Internal("page size".into()))?;
    let mut p = doc.start_page_with(settings);
    let mut s = p.surface();
    let w = WIDTH - 2.0 * MARGIN;

    // The heading: a band, the issuing service, the date and reference, a rule.
    s.set_fill(Some(fill(0x16, 0x3f, 0x5c)));
    rect(&mut s, 0.0, 0.0, WIDTH, 10.0);
    let mut y = block(&mut s, f, HEADING, page.issuer, MARGIN, MARGIN, w * 0.6) + 6.0;
    rect(&mut s, MARGIN, y, w, 0.8);
    let title_y = y + 46.0;
    s.set_fill(Some(fill(0x1b, 0x26, 0x30)));
    let reference_x = WIDTH - MARGIN - width(REGULAR, page.reference, 9.0);
    let small = Style { size: 9.0, ..SMALL };
    block(&mut s, f, small, page.reference, reference_x, MARGIN, w);

    // Title, subject, the letter, its closing and signature.
    s.set_fill(Some(fill(0x16, 0x3f, 0x5c)));
    y = block(&mut s, f, TITLE, page.title, MARGIN, title_y, w);
    s.set_fill(Some(fill(0x1b, 0x26, 0x30)));
    y = block(&mut s, f, SUBJECT, page.subject, MARGIN, y, w) + 18.0;
    for paragraph in page.body {
        y = block(&mut s, f, TEXT, paragraph, MARGIN, y, w) + 8.0;
    }
    y = block(&mut s, f, TEXT, page.closing, MARGIN, y + 6.0, w);
    y = block(&mut s, f, SIGNATURE, page.signature, MARGIN, y + 10.0, w);

    // The QR code, bottom right, and how to verify it beside it.
    let qr_top = HEIGHT - MARGIN - QR_SIZE - 20.0;
    if y > qr_top - 10.0 {
        return Err(DocumentsError::Invalid(
            "the letter is too long for one page".into(),
        ));
    }
    draw_qr(&mut s, page.code, WIDTH - MARGIN - QR_SIZE, qr_top, QR_SIZE)?;
    s.set_fill(Some(fill(0x1b, 0x26, 0x30)));
    block(
        &mut s,
        f,
        SMALL,
        page.verify,
        MARGIN,
        qr_top + 14.0,
        w - QR_SIZE - 24.0,
    );
    s.set_fill(Some(fill(0x55, 0x60, 0x6b)));
    let footer = Style { size: 8.0, ..SMALL };
    block(
        &mut s,
        f,
        footer,
        page.footer,
        MARGIN,
        HEIGHT - MARGIN + 22.0,
        w,
    );
    s.finish();
    p.finish();
    Ok(())
}

/// Draws `code` as a QR code (error correction M, quiet zone included) in the square at
/// (`x`, `y`) of side `size`.
fn draw_qr(
    s: &mut krilla::surface::Surface<'_>,
    code: &str,
    x: f32,
    y: f32,
    size: f32,
) -> Result<()> {
    let qr = qrcode::QrCode::with_error_correction_level(code.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| DocumentsError::Internal(format!("QR: {e}")))?;
    let n = qr.width();
    let quiet = 4;
    let module = size / (n + 2 * quiet) as f32;
    let colors = qr.to_colors();
    let mut b = PathBuilder::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (cx, cy) = ((i % n + quiet) as f32, (i / n + quiet) as f32);
            if let Some(r) = Rect::from_xywh(x + cx * module, y + cy * module, module, module) {
                b.push_rect(r);
            }
        }
    }
    s.set_fill(Some(fill(0, 0, 0)));
    if let Some(path) = b.finish() {
        s.draw_path(&path);
    }
    Ok(())
}
