//! Versioned URLs for the static files: each URL carries a hash of
//! its file's contents (`/static/css/shop.css?v=1a2b3c4d`), so browsers may
//! keep it for a year and still fetch a changed file at once.

use std::collections::HashMap;
use std::path::Path;

/// The query parameter that carries a file's version.
pub const VERSION_PARAM: &str = "v";

/// The versions of the static files (`static_dir`), hashed once at launch.
#[derive(Debug, Default)]
pub struct Assets {
    versions: HashMap<String, String>,
}

impl Assets {
    /// Hashes every file under `dir` (none when `dir` cannot be read).
    pub fn load(dir: &Path) -> Assets {
        let mut versions = HashMap::new();
        collect(dir, "", &mut versions);
        Assets { versions }
    }

    /// The public URL of `path` (relative to the static directory), with
    /// its version when the file exists.
    pub fn url(&self, path: &str) -> String {
        match self.versions.get(path) {
            Some(version) => format!("/static/{path}?{VERSION_PARAM}={version}"),
            None => format!("/static/{path}"),
        }
    }

    /// Whether `query` names the current version of the static file `path`
    /// (relative to the static directory), so it may be cached for good.
    pub fn is_current(&self, path: &str, query: Option<&str>) -> bool {
        let Some(version) = self.versions.get(path) else {
            return false;
        };
        query.is_some_and(|query| {
            query
                .split('&')
                .any(|pair| pair.strip_prefix("v=") == Some(version.as_str()))
        })
    }
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

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
