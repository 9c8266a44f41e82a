//! The static files (`static_dir`), read once at launch: each URL carries a
//! hash of its file's contents (`/static/css/shop.css?v=1a2b3c4d`), so
//! browsers may keep it for a year and still fetch a changed file at once;
//! the stylesheets, scripts and pictures (CSS, JS, SVG) are compressed then
//! too, with brotli and gzip, so no request waits for a compression.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use rocket::http::ContentType;

/// The query parameter that carries a file's version.
pub const VERSION_PARAM: &str = "v";

/// The extensions of the files kept compressed: text, which shrinks.
const COMPRESSED_EXTENSIONS: [&str; 3] = ["css", "js", "svg"];

/// The static files (`static_dir`), read, hashed and compressed once at launch.
#[derive(Debug, Default)]
pub struct Assets {
    files: HashMap<String, StaticFile>,
}

/// One static file: its version, type and bytes as each coding has them.
#[derive(Debug)]
pub struct StaticFile {
    version: String,
    content_type: ContentType,
    identity: Arc<[u8]>,
    /// Its compressed forms, only where they are smaller.
    encoded: Arc<Encoded>,
}

#[derive(Debug, Default)]
struct Encoded {
    brotli: Option<Arc<[u8]>>,
    gzip: Option<Arc<[u8]>>,
}

/// A content coding of the static files (`Content-Encoding`).
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

    /// The coding to answer with, from the request's `Accept-Encoding`
    /// values: the one with the highest `q`, brotli before gzip before none
    /// (`identity`) when they tie; none when the header is missing or
    /// accepts neither. An entry that cannot be read is passed over.
    pub fn negotiate<'a>(accept_encoding: impl IntoIterator<Item = &'a str>) -> Coding {
        let entries: Vec<(&str, f32)> = accept_encoding
            .into_iter()
            .flat_map(|value| value.split(','))
            .filter_map(entry)
            .collect();
        let weight = |names: &[&str]| {
            entries
                .iter()
                .find(|(name, _)| names.iter().any(|n| name.eq_ignore_ascii_case(n)))
                .or_else(|| entries.iter().find(|(name, _)| *name == "*"))
                .map(|&(_, q)| q)
        };
        let candidates = [
            (Coding::Brotli, weight(&["br"]).unwrap_or(0.0)),
            (Coding::Gzip, weight(&["gzip", "x-gzip"]).unwrap_or(0.0)),
            // NOTE: no coding competes only when named (or by `*`); it is
            // the answer when nothing else is accepted, even if refused.
            (Coding::Identity, weight(&["identity"]).unwrap_or(0.0)),
        ];
        candidates
            .into_iter()
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

impl Assets {
    /// Reads, hashes and compresses every file under `dir` but hidden ones
    /// (none when `dir` cannot be read).
    pub fn load(dir: &Path) -> Assets {
        let mut files = HashMap::new();
        collect(dir, "", &mut files);
        Assets { files }
    }

    /// The public URL of `path` (relative to the static directory), with
    /// its version when the file exists.
    pub fn url(&self, path: &str) -> String {
        match self.files.get(path) {
            Some(file) => format!("/static/{path}?{VERSION_PARAM}={}", file.version),
            None => format!("/static/{path}"),
        }
    }

    /// Whether `query` names the current version of the static file `path`
    /// (relative to the static directory), so it may be cached for good.
    pub fn is_current(&self, path: &str, query: Option<&str>) -> bool {
        let Some(file) = self.files.get(path) else {
            return false;
        };
        query.is_some_and(|query| {
            query
                .split('&')
                .any(|pair| pair.strip_prefix("v=") == Some(file.version.as_str()))
        })
    }

    /// The file at `path` (relative to the static directory, `/`-separated):
    /// only a file that was there at launch, so no path leads outside.
    pub fn file(&self, path: &str) -> Option<&StaticFile> {
        self.files.get(path)
    }
}

impl StaticFile {
    /// The file's media type, from its extension.
    pub fn content_type(&self) -> &ContentType {
        &self.content_type
    }

    /// The file's bytes in `coding`, and the coding they are in: the file
    /// as it is on disk when it has no smaller form in that coding.
    pub fn body(&self, coding: Coding) -> (Coding, Arc<[u8]>) {
        let encoded = match coding {
            Coding::Brotli => self.encoded.brotli.as_ref(),
            Coding::Gzip => self.encoded.gzip.as_ref(),
            Coding::Identity => None,
        };
        match encoded {
            Some(bytes) => (coding, Arc::clone(bytes)),
            None => (Coding::Identity, Arc::clone(&self.identity)),
        }
    }
}

fn collect(dir: &Path, prefix: &str, files: &mut HashMap<String, StaticFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            collect(&path, &format!("{relative}/"), files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let content_type =
                ContentType::from_extension(extension).unwrap_or(ContentType::Binary);
            let encoded = if COMPRESSED_EXTENSIONS.contains(&extension) {
                encode(&bytes)
            } else {
                Arc::default()
            };
            let file = StaticFile {
                version: format!("{:016x}", fnv1a(&bytes)),
                content_type,
                identity: bytes.into(),
                encoded,
            };
            files.insert(relative, file);
        }
    }
}

/// `bytes` compressed with brotli and gzip at their best settings, each
/// kept only when smaller. Files are compressed once per process whatever
/// the number of instances launched in it (the tests launch hundreds).
fn encode(bytes: &[u8]) -> Arc<Encoded> {
    static DONE: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Encoded>>>> = OnceLock::new();
    let done = DONE.get_or_init(Mutex::default);
    if let Some(encoded) = done.lock().ok().and_then(|done| done.get(bytes).cloned()) {
        return encoded;
    }
    let smaller = |encoded: Vec<u8>| (encoded.len() < bytes.len()).then(|| encoded.into());
    let encoded = Arc::new(Encoded {
        brotli: brotli(bytes).and_then(smaller),
        gzip: gzip(bytes).and_then(smaller),
    });
    if let Ok(mut done) = done.lock() {
        done.insert(bytes.to_vec(), Arc::clone(&encoded));
    }
    encoded
}

fn brotli(bytes: &[u8]) -> Option<Vec<u8>> {
    // NOTE: a window no larger than the file (from 1 KiB to brotli's
    // default 4 MiB) spares small files the large one's set-up.
    let window = bytes
        .len()
        .next_power_of_two()
        .trailing_zeros()
        .clamp(10, 22);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: window as i32,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(out)
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// FNV-1a, 64 bits: stable across builds and platforms, enough to tell
/// one version of a file from the next.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::{fnv1a, Coding};

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    fn negotiate(header: &str) -> Coding {
        Coding::negotiate([header])
    }

    #[test]
    fn brotli_is_preferred_then_gzip_then_none() {
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(negotiate("gzip, deflate"), Coding::Gzip);
        assert_eq!(negotiate("deflate, zstd"), Coding::Identity);
        assert_eq!(negotiate("*"), Coding::Brotli);
        assert_eq!(Coding::negotiate([]), Coding::Identity);
        assert_eq!(Coding::negotiate(["gzip", "br"]), Coding::Brotli);
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
