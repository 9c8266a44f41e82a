//! The shop's data files (catalog, accounts), read once at launch,
//! and the error that says which file is wrong and how.

use std::fmt;
use std::path::Path;

/// Why a data file was refused.
#[derive(Debug)]
pub struct DataError(pub String);

impl DataError {
    /// The same problem, prefixed with the kind of file and its path.
    pub fn in_file(self, kind: &str, path: &Path) -> DataError {
        DataError(format!("{kind} {}: {}", path.display(), self.0))
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

/// Reads a data file whole; the error names the file.
pub fn read(kind: &str, path: &Path) -> Result<String, DataError> {
    std::fs::read_to_string(path).map_err(|e| DataError(e.to_string()).in_file(kind, path))
}
