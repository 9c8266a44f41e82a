//! The pictures in `docs/screenshots/` show the shop as it is: the eight main
//! pages, the grid just after an add and the refused shipping form at full height, on a 390 px phone and a 1280 px desktop, in English
//! and Spanish, in light and dark colours. These tests photograph every page
//! again and fail when one differs from its committed picture by more than
//! [`MOST_PIXELS_CHANGED`]; the new picture and a map of the changes are then
//! left in `target/screenshots/changed/`. With `UPDATE_SCREENSHOTS=1` set
//! (`bash scripts/screenshots.sh`) they write the changed pictures instead.
//!
//! What would differ from run to run is made the same: the shop's clock
//! stands still, the shopper and the cart are always the same, and what is
//! drawn at random (ids, tokens, the cookie's sealed bytes, the order's
//! number) is replaced by placeholders before each picture is taken.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{screenshot_dir, Browser, Setup};

/// This module's tests, in light colours and in dark ones.
pub fn tests() -> Vec<libtest_mimic::Trial> {
    const LIGHT: Setup = Setup {
        no_javascript: false,
        dark: false,
        large_text: false,
        still_clock: true,
    };
    const DARK: Setup = Setup {
        dark: true,
        ..LIGHT
    };
    let mut tests = trials!(
        needs: [Chromium],
        run: |test| test(&Browser::start_set_up(LIGHT)),
        tests: [
            the_screenshots_show_the_english_pages_as_they_are,
            the_screenshots_show_the_spanish_pages_as_they_are,
        ]
    );
    tests.extend(trials!(
        needs: [Chromium],
        suffix: "::in_dark_mode",
        run: |test| test(&Browser::start_set_up(DARK)),
        tests: [
            the_screenshots_show_the_english_pages_as_they_are,
            the_screenshots_show_the_spanish_pages_as_they_are,
        ]
    ));
    tests
}

/// The widths photographed: a phone and a desktop.
const WIDTHS: [u32; 2] = [390, 1280];

/// How far a colour channel may be off before its pixel counts as changed.
const CHANNEL_TOLERANCE: u8 = 16;

/// The share of changed pixels a picture may have and still be the page:
/// one in ten thousand, fewer than a changed word has. (Two runs on one
/// machine give the same pixels; this leaves room for another processor's
/// rounding at the edges of letters.)
const MOST_PIXELS_CHANGED: f64 = 0.0001;

/// Replaces what is drawn at random by placeholders: the sealed cookie and
/// its bytes, UUIDs, order numbers, CSRF tokens, message numbers and the
/// byte counts that follow from them. Also has every picture load now, and
/// lets the page be as tall as its content, not the window (which the
/// picture is then made to match).
const PLACEHOLDERS: &str = r##"
    const fill = (n) => "•".repeat(n);
    const raw = document.querySelector('[data-testid="cookie-raw"]');
    if (raw) raw.textContent = "session=" + fill(200);
    for (const size of document.querySelectorAll('[data-testid="cookie-size"]')) size.textContent = fill(3);
    for (const meter of document.querySelectorAll("meter")) meter.value = 400;
    const rules = [
        [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, () => "00000000-0000-0000-0000-000000000000"],
        [/SS-[0-9A-Z]{4}-[0-9A-Z]{4}/g, () => "SS-0000-0000"],
        [/[0-9a-f]{24,}/g, (m) => fill(m.length > 32 ? 300 : m.length)],
        [/(?<![\w-])[\w-]{43}(?![\w-])/g, () => fill(43)],
        [/(?<![\w-])\d{7,}(?![\w-])/g, () => fill(9)],
        [/\d{2,3}(?=\u2069? bytes)/g, () => fill(3)],
    ];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        let text = n.data;
        for (const [pattern, by] of rules) text = text.replace(pattern, by);
        if (text !== n.data) n.data = text;
    }
    for (const img of document.images) img.loading = "eager";
    document.body.style.minHeight = "0";
"##;

/// Whether the page's text and its code are drawn in DejaVu Sans and DejaVu
/// Sans Mono, the fonts the committed pictures were taken with.
const DEJAVU: &str = r##"
    const canvas = document.createElement("canvas").getContext("2d");
    const width = (family) => {
        canvas.font = `16px ${family}`;
        return canvas.measureText("Session Shop: Añadir 0123456789 € — ¿?").width;
    };
    const text = getComputedStyle(document.body).fontFamily;
    const code = getComputedStyle(document.documentElement).getPropertyValue("--mono");
    return [width(text) === width('"DejaVu Sans"'), width(code) === width('"DejaVu Sans Mono"')];
"##;

/// The height of the page's content (the body's, which [`PLACEHOLDERS`]
/// frees from the window's height).
const PAGE_HEIGHT: &str = "return Math.ceil(document.body.getBoundingClientRect().height);";

/// Waits until the fonts and pictures are in and two frames are drawn.
const SETTLED: &str = r##"
    const done = arguments[arguments.length - 1];
    const loaded = [...document.images].filter((img) => !img.complete)
        .map((img) => new Promise((ok) => { img.onload = ok; img.onerror = ok; }));
    Promise.all([document.fonts.ready, ...loaded])
        .then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
"##;

fn the_screenshots_show_the_english_pages_as_they_are(browser: &Browser) {
    the_screenshots_show_the_pages_as_they_are(browser, "en");
}

fn the_screenshots_show_the_spanish_pages_as_they_are(browser: &Browser) {
    the_screenshots_show_the_pages_as_they_are(browser, "es");
}

/// Alice, three products in her cart and her shipping details given,
/// looks at every main page, adds a fourth on the grid and removes it,
/// sends the shipping form with mistakes, then places the order.
fn the_screenshots_show_the_pages_as_they_are(browser: &Browser, lang: &str) {
    let colours = if browser.setup().dark {
        "dark"
    } else {
        "light"
    };
    let changed = browser.run(async {
        browser.goto("/").await;
        assert_eq!(
            browser.js(DEJAVU).await,
            serde_json::json!([true, true]),
            "the text and code are drawn in DejaVu Sans and DejaVu Sans Mono, \
             as in the committed pictures (Debian: fonts-dejavu-core and \
             fonts-dejavu-extra)"
        );
        browser.prepare_a_shopper(lang).await;
        let mut changed = Vec::new();
        for (page, path) in [
            ("home", "/"),
            ("product", "/products/1"),
            ("cart", "/cart"),
            ("checkout", "/checkout"),
            ("review", "/checkout/review"),
            ("inspector", "/session"),
            ("learn", "/learn"),
        ] {
            browser.goto(path).await;
            let name = format!("{page}-{lang}-{colours}");
            changed.extend(compare_with_the_committed(browser, &name).await);
        }
        // Two states: the grid just after an add (the message in the card),
        // and the shipping form refused. The cart is as before afterwards.
        browser.add_from_grid(2).await;
        let name = format!("home-added-{lang}-{colours}");
        changed.extend(compare_with_the_committed(browser, &name).await);
        browser.click_and_wait("#remove-from-cart-2").await;
        browser.goto("/checkout").await;
        browser.fill("#email", "not-an-address").await;
        browser.fill("#postal_code", "").await;
        browser.click_and_wait("#continue-to-review").await;
        let name = format!("checkout-refused-{lang}-{colours}");
        changed.extend(compare_with_the_committed(browser, &name).await);
        browser.goto("/checkout/review").await;
        browser.click_and_wait("#place-order").await;
        browser
            .wait_for("document.querySelector('[data-testid=\"shipping-label\"]').dataset.state === 'ready'")
            .await;
        let name = format!("order-{lang}-{colours}");
        changed.extend(compare_with_the_committed(browser, &name).await);
        changed
    });
    assert!(
        changed.is_empty(),
        "screenshots that no longer show the page (new ones and maps of the \
         changes are in {}; `bash scripts/screenshots.sh` writes them):\n{}",
        changed_dir().display(),
        changed.join("\n")
    );
}

/// Photographs the open page at each width and compares it with
/// `docs/screenshots/<name>-<width>.png` (or, when updating, writes it
/// there if it changed). Answers what changed, one line each.
async fn compare_with_the_committed(browser: &Browser, name: &str) -> Vec<String> {
    browser.js(PLACEHOLDERS).await;
    let mut changed = Vec::new();
    for width in WIDTHS {
        let name = format!("{name}-{width}");
        let now = full_page(browser, width).await.in_256_colours();
        let path = committed_dir().join(format!("{name}.png"));
        let difference = match std::fs::read(&path) {
            Ok(bytes) => now.difference(&Picture::decode(&bytes)),
            Err(e) => Some(format!("no picture at {}: {e}", path.display())),
        };
        let Some(difference) = difference else {
            continue;
        };
        if updating() {
            std::fs::create_dir_all(committed_dir()).expect("docs/screenshots/");
            std::fs::write(&path, now.encode()).expect("the screenshot is written");
            println!("wrote {} ({difference})", path.display());
        } else {
            let dir = changed_dir();
            std::fs::create_dir_all(&dir).expect("the folder for changed screenshots");
            std::fs::write(dir.join(format!("{name}.png")), now.encode()).expect("a new picture");
            if let Ok(bytes) = std::fs::read(&path) {
                let map = now.changes_from(&Picture::decode(&bytes));
                std::fs::write(dir.join(format!("{name}-changes.png")), map.encode())
                    .expect("a map of the changes");
            }
            changed.push(format!("{name}: {difference}"));
        }
    }
    changed
}

/// The whole page, `width` wide: the window is made as tall as the page,
/// so nothing is cut off and nothing is added below the footer.
async fn full_page(browser: &Browser, width: u32) -> Picture {
    for _ in 0..5 {
        let height = browser.js(PAGE_HEIGHT).await;
        let height = height.as_u64().expect("the page's height") as u32;
        browser.resize_viewport(width, height).await;
        let settled = browser.client.execute_async(SETTLED, Vec::new()).await;
        assert_eq!(settled.ok(), Some(Value::Bool(true)), "the page settles");
        if browser.js(PAGE_HEIGHT).await.as_u64() != Some(u64::from(height)) {
            continue;
        }
        let png = browser.client.screenshot().await.expect("a screenshot");
        let picture = Picture::decode(&png);
        // NOTE: a window still resizing gives a picture of another size.
        if (picture.width, picture.height) == (width, height) {
            return picture;
        }
    }
    panic!("{} keeps changing its size", browser.path().await);
}

/// Whether the run writes the pictures (`UPDATE_SCREENSHOTS=1`) rather
/// than checks them.
fn updating() -> bool {
    std::env::var_os("UPDATE_SCREENSHOTS").is_some_and(|v| v == "1")
}

/// Where the committed pictures are: `docs/screenshots/`.
fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots")
}

/// Where a failed comparison leaves its pictures.
fn changed_dir() -> PathBuf {
    screenshot_dir().join("changed")
}

/// An opaque picture, three bytes (red, green, blue) a pixel.
struct Picture {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Picture {
    /// Reads a PNG, whatever its colour type, as RGB.
    fn decode(png: &[u8]) -> Picture {
        let mut decoder = png::Decoder::new(Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().expect("a PNG");
        let size = reader.output_buffer_size().expect("a PNG of a sane size");
        let mut buffer = vec![0; size];
        let frame = reader.next_frame(&mut buffer).expect("the PNG's pixels");
        buffer.truncate(frame.buffer_size());
        let rgb = match frame.color_type {
            png::ColorType::Rgb => buffer,
            png::ColorType::Rgba => buffer
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect(),
            png::ColorType::Grayscale => buffer.iter().flat_map(|&g| [g, g, g]).collect(),
            png::ColorType::GrayscaleAlpha => buffer
                .chunks_exact(2)
                .flat_map(|p| [p[0], p[0], p[0]])
                .collect(),
            png::ColorType::Indexed => unreachable!("EXPAND turns a palette into RGB"),
        };
        Picture {
            width: frame.width,
            height: frame.height,
            rgb,
        }
    }

    /// The picture in the 256 colours it uses most, each other colour
    /// drawn in the nearest of them (the edges of letters, mostly), so that
    /// it keeps in a third of the space. The same page always gives the
    /// same colours.
    fn in_256_colours(&self) -> Picture {
        // NOTE: a page is mostly runs of one colour; counting and mapping
        // whole runs keeps this quick.
        let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
        for (colour, run) in runs(&self.rgb) {
            *counts.entry(colour).or_default() += run;
        }
        let mut by_use: Vec<([u8; 3], usize)> = counts.into_iter().collect();
        by_use.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let palette: Vec<[u8; 3]> = by_use.iter().take(256).map(|(c, _)| *c).collect();
        let nearest = |c: [u8; 3]| {
            let distance = |p: &[u8; 3]| {
                (0..3)
                    .map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2))
                    .sum::<i32>()
            };
            *palette
                .iter()
                .min_by_key(|p| distance(p))
                .expect("a colour")
        };
        let mut chosen: HashMap<[u8; 3], [u8; 3]> = HashMap::new();
        let mut rgb = Vec::with_capacity(self.rgb.len());
        for (colour, run) in runs(&self.rgb) {
            let drawn = *chosen.entry(colour).or_insert_with(|| nearest(colour));
            for _ in 0..run {
                rgb.extend_from_slice(&drawn);
            }
        }
        Picture { rgb, ..*self }
    }

    /// The picture as a small PNG: indexed when it has at most 256
    /// colours, the strongest compression.
    fn encode(&self) -> Vec<u8> {
        let mut palette: Vec<[u8; 3]> = Vec::new();
        let mut index: HashMap<[u8; 3], u8> = HashMap::new();
        let mut indices = Vec::with_capacity(self.rgb.len() / 3);
        for (colour, run) in runs(&self.rgb) {
            let next = palette.len();
            let i = *index.entry(colour).or_insert_with(|| {
                palette.push(colour);
                next.min(255) as u8
            });
            indices.resize(indices.len() + run, i);
        }
        let mut png = Vec::new();
        let mut encoder = png::Encoder::new(&mut png, self.width, self.height);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let data = if palette.len() <= 256 {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette.concat());
            indices
        } else {
            encoder.set_color(png::ColorType::Rgb);
            self.rgb.clone()
        };
        let mut writer = encoder.write_header().expect("a PNG header");
        writer.write_image_data(&data).expect("the PNG's pixels");
        writer.finish().expect("a whole PNG");
        png
    }

    /// How this picture differs from `before`, if by more than
    /// [`MOST_PIXELS_CHANGED`].
    fn difference(&self, before: &Picture) -> Option<String> {
        if (self.width, self.height) != (before.width, before.height) {
            return Some(format!(
                "{}×{} px, was {}×{} px",
                self.width, self.height, before.width, before.height
            ));
        }
        let changed = self.changed_pixels(before).filter(|&c| c).count();
        let share = changed as f64 / f64::from(self.width * self.height);
        (share > MOST_PIXELS_CHANGED).then(|| {
            format!(
                "{changed} pixels changed ({:.2} %, at most {:.2} % may)",
                share * 100.0,
                MOST_PIXELS_CHANGED * 100.0
            )
        })
    }

    /// Whether each pixel of the area both pictures cover changed.
    fn changed_pixels<'a>(&'a self, before: &'a Picture) -> impl Iterator<Item = bool> + 'a {
        let width = self.width.min(before.width) as usize;
        let height = self.height.min(before.height) as usize;
        (0..height).flat_map(move |y| {
            (0..width).map(move |x| {
                self.pixel(x, y)
                    .iter()
                    .zip(before.pixel(x, y))
                    .any(|(a, b)| a.abs_diff(*b) > CHANNEL_TOLERANCE)
            })
        })
    }

    /// The red, green and blue of the pixel at (`x`, `y`).
    fn pixel(&self, x: usize, y: usize) -> &[u8] {
        let i = (y * self.width as usize + x) * 3;
        &self.rgb[i..i + 3]
    }

    /// This picture faded, with what changed since `before` in red (and
    /// what only one of them covers in red too).
    fn changes_from(&self, before: &Picture) -> Picture {
        let width = self.width.min(before.width) as usize;
        let mut map = Picture {
            width: self.width,
            height: self.height,
            rgb: self.rgb.iter().map(|&c| 191 + c / 4).collect(),
        };
        let changed: Vec<bool> = self.changed_pixels(before).collect();
        for y in 0..self.height as usize {
            for x in 0..self.width as usize {
                let outside = x >= width || y >= before.height as usize;
                if outside || changed[y * width + x] {
                    let i = (y * self.width as usize + x) * 3;
                    map.rgb[i..i + 3].copy_from_slice(&[220, 0, 0]);
                }
            }
        }
        map
    }
}

/// The runs of one colour in `rgb` (three bytes a pixel), in order: each
/// colour and how many pixels in a row have it.
fn runs(rgb: &[u8]) -> impl Iterator<Item = ([u8; 3], usize)> + '_ {
    let mut pixels = rgb.chunks_exact(3).peekable();
    std::iter::from_fn(move || {
        let first = pixels.next()?;
        let colour = [first[0], first[1], first[2]];
        let mut run = 1;
        while pixels.next_if(|p| *p == colour).is_some() {
            run += 1;
        }
        Some((colour, run))
    })
}
