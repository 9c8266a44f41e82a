//! Content codings (`Accept-Encoding`, `Content-Encoding`): which one a
//! request accepts, the compressors, and the pages compressed as they go out.
//!
//! The static files are compressed with these once, at launch, at the best
//! settings, when they are read. Pages are compressed per response, at a
//! fast setting ([`CompressPages`]). That is safe because no compressed page
//! holds a secret that stays the same from one response to the next: the
//! CSRF token is masked afresh in each (`CsrfToken::masked`), so its text
//! cannot be guessed a character at a time from the compressed size (the
//! BREACH attack). The pages that do show a session's secrets unmasked beside
//! text a request chose are sent as they are ([`Uncompressed`]).

use std::io::{Cursor, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::response::{self, Responder};
use rocket::{Request, Response};

/// A content coding the shop answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The coding's name in `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        }
    }

    /// The coding to answer with, among `offered` and none (`identity`),
    /// from the request's `Accept-Encoding` values: the one with the highest
    /// `q`, in the order of `offered` then none when they tie; none when the
    /// header is missing or accepts nothing offered. An entry that cannot be
    /// read is passed over.
    pub fn negotiate<'a>(
        accept_encoding: impl IntoIterator<Item = &'a str>,
        offered: &[Coding],
    ) -> Coding {
        let entries: Vec<(&str, f32)> = accept_encoding
            .into_iter()
            .flat_map(|value| value.split(','))
            .filter_map(entry)
            .collect();
        let weight = |coding: Coding| {
            let names: &[&str] = match coding {
                Coding::Brotli => &["br"],
                Coding::Gzip => &["gzip", "x-gzip"],
                Coding::Identity => &["identity"],
            };
            entries
                .iter()
                .find(|(name, _)| names.iter().any(|n| name.eq_ignore_ascii_case(n)))
                .or_else(|| entries.iter().find(|(name, _)| *name == "*"))
                // NOTE: none competes only when named (or by `*`); it is
                // the answer when nothing else is accepted, even if refused.
                .map_or(0.0, |&(_, q)| q)
        };
        offered
            .iter()
            .chain([&Coding::Identity])
            .map(|&coding| (coding, weight(coding)))
            .fold((Coding::Identity, 0.0), |best, candidate| {
                if candidate.1 > best.1 {
                    candidate
                } else {
                    best
                }
            })
            .0
    }
}

/// One `Accept-Encoding` entry, `gzip;q=0.8`, as its coding and weight
/// (`q`, 1 when absent); `None` when it is empty or its weight unreadable.
fn entry(text: &str) -> Option<(&str, f32)> {
    let mut parts = text.split(';').map(str::trim);
    let name = parts.next().filter(|name| !name.is_empty())?;
    let mut q = 1.0;
    for parameter in parts {
        if let Some((key, value)) = parameter.split_once('=') {
            if key.trim().eq_ignore_ascii_case("q") {
                q = value
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|q| (0.0..=1.0).contains(q))?;
            }
        }
    }
    Some((name, q))
}

/// `bytes` compressed with brotli at its best quality.
pub fn brotli_best(bytes: &[u8]) -> Option<Vec<u8>> {
    brotli(bytes, 11)
}

/// `bytes` compressed with brotli at `quality` (0 to 11).
pub fn brotli(bytes: &[u8], quality: i32) -> Option<Vec<u8>> {
    // NOTE: a window no larger than the file (from 1 KiB to brotli's
    // default 4 MiB) spares small files the large one's set-up.
    let window = bytes
        .len()
        .next_power_of_two()
        .trailing_zeros()
        .clamp(10, 22);
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: i32::try_from(window).ok()?,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(out)
}

/// `bytes` compressed with gzip at `level`.
pub fn gzip(bytes: &[u8], level: flate2::Compression) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// The codings pages are offered in, preferred first when the request's
/// weights tie. gzip at level 1 costs a page the least server time and
/// brings the grid under 5 KB; brotli's fast qualities cost two to five
/// times as much, so brotli goes only to a request that weighs it above
/// gzip (BENCHMARKS.md, "Compression").
pub const PAGE_CODINGS: [Coding; 2] = [Coding::Gzip, Coding::Brotli];

/// brotli's quality for a page: 2 is both faster and smaller than 0 or 1
/// with this crate (BENCHMARKS.md).
pub const PAGE_BROTLI_QUALITY: i32 = 2;

/// A page compressed as it goes out, in `coding` (`None` for none).
pub fn compress_page(page: &[u8], coding: Coding) -> Option<Vec<u8>> {
    match coding {
        Coding::Brotli => brotli(page, PAGE_BROTLI_QUALITY),
        Coding::Gzip => gzip(page, flate2::Compression::fast()),
        Coding::Identity => None,
    }
}

/// Pages (every `text/html` answer, error pages too) go out compressed to a
/// browser that accepts it, in the coding its `Accept-Encoding` weighs
/// highest among [`PAGE_CODINGS`] (`identity` and `q=0` honoured), and say
/// they vary with `Accept-Encoding`. Attached after the fairing that sets
/// `Vary: Cookie`. A page wrapped in [`Uncompressed`] is left as it is.
pub struct CompressPages;

/// Smaller answers are sent as they are: the frame would outweigh the gain.
const SMALLEST_COMPRESSED: usize = 256;

/// Whether the answer to this request is to be sent as it is.
struct SentAsIs(AtomicBool);

#[rocket::async_trait]
impl Fairing for CompressPages {
    fn info(&self) -> Info {
        Info {
            name: "Pages compressed",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let as_is = req.local_cache(|| SentAsIs(AtomicBool::new(false)));
        if !res.content_type().is_some_and(|t| t.is_html())
            || res.headers().contains("Content-Encoding")
            || as_is.0.load(Ordering::Relaxed)
        {
            return;
        }
        let vary = match res.headers().get_one("Vary") {
            Some(vary) => format!("{vary}, Accept-Encoding"),
            None => "Accept-Encoding".to_owned(),
        };
        res.set_header(Header::new("Vary", vary));
        let coding = Coding::negotiate(req.headers().get("Accept-Encoding"), &PAGE_CODINGS);
        let sized = res
            .body()
            .preset_size()
            .is_some_and(|size| size >= SMALLEST_COMPRESSED);
        if coding == Coding::Identity || !sized {
            return;
        }
        // NOTE: a page is always a sized body in memory: reading it cannot fail.
        let Ok(page) = res.body_mut().to_bytes().await else {
            return;
        };
        match compress_page(&page, coding) {
            Some(compressed) => {
                res.set_header(Header::new("Content-Encoding", coding.token()));
                res.set_sized_body(compressed.len(), Cursor::new(compressed));
            }
            None => res.set_sized_body(page.len(), Cursor::new(page)),
        }
    }
}

/// A page sent uncompressed whatever the browser accepts, because it shows
/// a secret of the session unmasked (the sealed cookie, the decoded
/// session) beside text the request chose: compressed, its size would
/// leak that secret (BREACH).
pub struct Uncompressed<R>(pub R);

impl<'r, 'o: 'r, R: Responder<'r, 'o>> Responder<'r, 'o> for Uncompressed<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'o> {
        req.local_cache(|| SentAsIs(AtomicBool::new(true)))
            .0
            .store(true, Ordering::Relaxed);
        self.0.respond_to(req)
    }
}

#[cfg(test)]
mod tests {
    use super::Coding;

    fn negotiate(header: &str) -> Coding {
        Coding::negotiate([header], &[Coding::Brotli, Coding::Gzip])
    }

    #[test]
    fn brotli_is_preferred_then_gzip_then_none() {
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(negotiate("gzip, deflate"), Coding::Gzip);
        assert_eq!(negotiate("deflate, zstd"), Coding::Identity);
        assert_eq!(negotiate("*"), Coding::Brotli);
        assert_eq!(Coding::negotiate([], &[Coding::Gzip]), Coding::Identity);
        assert_eq!(
            Coding::negotiate(["gzip", "br"], &[Coding::Brotli, Coding::Gzip]),
            Coding::Brotli
        );
    }

    #[test]
    fn only_an_offered_coding_is_chosen() {
        let pages = |header| Coding::negotiate([header], &[Coding::Gzip]);
        assert_eq!(pages("gzip, deflate, br, zstd"), Coding::Gzip);
        assert_eq!(pages("br"), Coding::Identity);
        assert_eq!(pages("br, gzip;q=0.1"), Coding::Gzip);
    }

    #[test]
    fn weights_decide_and_zero_refuses() {
        assert_eq!(negotiate("br;q=0.5, gzip;q=0.8"), Coding::Gzip);
        assert_eq!(negotiate("BR; Q=1, GZIP"), Coding::Brotli);
        assert_eq!(negotiate("br;q=0, gzip;q=0"), Coding::Identity);
        assert_eq!(negotiate("gzip;q=0.5, identity"), Coding::Identity);
        assert_eq!(negotiate("*;q=0.3, br;q=0"), Coding::Gzip);
        assert_eq!(negotiate("x-gzip"), Coding::Gzip);
        assert_eq!(negotiate("identity;q=0, *;q=0"), Coding::Identity);
    }

    #[test]
    fn an_unreadable_entry_is_passed_over() {
        assert_eq!(negotiate("br;q=2, gzip"), Coding::Gzip);
        assert_eq!(negotiate("br;q=abc, gzip;q=0.1"), Coding::Gzip);
        assert_eq!(negotiate("br;q=NaN"), Coding::Identity);
        assert_eq!(negotiate(",,; ;q=, ;;br"), Coding::Identity);
        assert_eq!(negotiate(" ,\t br ;q=0.9 ,"), Coding::Brotli);
        assert_eq!(negotiate(&"gzip;".repeat(10_000)), Coding::Gzip);
    }
}
