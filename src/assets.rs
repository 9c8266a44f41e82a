//! The static files (`static_dir`), read once at launch: each URL carries a
//! hash of its file's contents (`/static/css/shop.css?v=1a2b3c4d`), so
//! browsers may keep it for a year and still fetch a changed file at once;
//! the stylesheets, scripts and pictures (CSS, JS, SVG) are compressed then
//! too, with brotli and gzip, so no request waits for a compression.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use rocket::http::ContentType;

use crate::encoding::{self, Coding};

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
        brotli: encoding::brotli_best(bytes).and_then(smaller),
        gzip: encoding::gzip(bytes, flate2::Compression::best()).and_then(smaller),
    });
    if let Ok(mut done) = done.lock() {
        done.insert(bytes.to_vec(), Arc::clone(&encoded));
    }
    encoded
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
    use super::fnv1a;

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
