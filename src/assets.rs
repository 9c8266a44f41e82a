//! Versioned URLs for the files under `static/`: each URL carries a hash of
//! its file's contents (`/static/css/shop.css?v=1a2b3c4d`), so browsers may
//! keep it for a year and still fetch a changed file at once.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// Where the stylesheet, pictures and other static files live.
pub const STATIC_DIR: &str = "static";

/// The query parameter that carries a file's version.
pub const VERSION_PARAM: &str = "v";

/// The versions of the static files, hashed once, on first use.
fn versions() -> &'static HashMap<String, String> {
    static VERSIONS: OnceLock<HashMap<String, String>> = OnceLock::new();
    VERSIONS.get_or_init(|| {
        let mut versions = HashMap::new();
        collect(Path::new(STATIC_DIR), "", &mut versions);
        versions
    })
}

fn collect(dir: &Path, prefix: &str, versions: &mut HashMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            collect(&path, &format!("{relative}/"), versions);
        } else if let Ok(bytes) = std::fs::read(&path) {
            versions.insert(relative, format!("{:016x}", fnv1a(&bytes)));
        }
    }
}

/// FNV-1a, 64 bits: stable across builds and platforms, enough to tell
/// one version of a file from the next.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The public URL of `path` (relative to `static/`), with its version when
/// the file exists.
pub fn url(path: &str) -> String {
    match versions().get(path) {
        Some(version) => format!("/static/{path}?{VERSION_PARAM}={version}"),
        None => format!("/static/{path}"),
    }
}

/// Whether `query` names the current version of the static file `path`
/// (relative to `static/`), so the response may be cached for good.
pub fn is_current(path: &str, query: Option<&str>) -> bool {
    let Some(version) = versions().get(path) else {
        return false;
    };
    query.is_some_and(|query| {
        query
            .split('&')
            .any(|pair| pair.strip_prefix("v=") == Some(version.as_str()))
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
