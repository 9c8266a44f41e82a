//! Accounts and passwords: the demo accounts from a TOML file, checked
//! against argon2 hashes, behind the [`gate`] that keeps those checks fair.

pub mod gate;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use crate::data_file::{self, DataError};
use crate::personas::Persona;

/// The longest username an account may have.
pub const MAX_USERNAME_CHARS: usize = 32;

/// The longest username a sign-in form may send; a longer one is refused
/// before any lookup, and nothing about it is kept.
pub const MAX_TYPED_USERNAME_CHARS: usize = 64;

/// The longest password that is checked at all (longer ones never match).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// One account.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The login name, lower case.
    pub username: String,
    /// The name shown in the header.
    pub display_name: String,
    password_hash: String,
    /// The deliberate faults this account shows testers (none by default).
    #[serde(default)]
    pub persona: Persona,
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginError {
    /// Unknown username or wrong password (never says which).
    InvalidCredentials,
    /// The right password for a locked account.
    Locked,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountsFile {
    users: Vec<Account>,
}

/// Every account, by lower-case username. Shared, so a request's session
/// can hold its account.
#[derive(Debug)]
pub struct Accounts {
    by_username: HashMap<String, Arc<Account>>,
    /// The usernames in the file's order.
    in_file_order: Vec<String>,
    /// Checked for unknown usernames, so timing does not tell which exist.
    dummy_hash: String,
}

/// A username as typed, made comparable: trimmed and lower-cased.
pub fn normalize_username(input: &str) -> String {
    input.trim().to_lowercase()
}

/// Hashes `password` with argon2id and a random salt.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let Ok(salt) = SaltString::encode_b64(&salt) else {
        return String::new();
    };
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
}

/// Whether `password` matches the PHC-format `hash`. The ~19 MiB of working
/// memory argon2 needs is kept per thread and reused by the next check,
/// rather than allocated and freed every time (the allocator would keep
/// each freed copy around).
fn verify(hash: &str, password: &str) -> bool {
    thread_local! {
        static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
    }
    let Ok(hash) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) =
        (Algorithm::try_from(hash.algorithm), Params::try_from(&hash))
    else {
        return false;
    };
    let version = hash
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut computed = vec![0u8; expected.len()];
    let hashed = MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon2.hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            &mut computed,
            &mut memory[..],
        )
    });
    hashed.is_ok() && bool::from(computed.ct_eq(expected.as_bytes()))
}

impl Accounts {
    /// Loads and checks the accounts file; the error names the file.
    pub fn load(path: &Path) -> Result<Accounts, DataError> {
        let text = data_file::read("accounts", path)?;
        Accounts::from_toml(&text).map_err(|e| e.in_file("accounts", path))
    }

    /// Parses and checks accounts from TOML text.
    pub fn from_toml(text: &str) -> Result<Accounts, DataError> {
        let file: AccountsFile = toml::from_str(text).map_err(|e| DataError(e.to_string()))?;
        let mut by_username = HashMap::with_capacity(file.users.len());
        let mut in_file_order = Vec::with_capacity(file.users.len());
        for mut account in file.users {
            let name = normalize_username(&account.username);
            if name.is_empty() || name.chars().count() > MAX_USERNAME_CHARS {
                return Err(DataError(format!(
                    "username {:?} must have 1 to {MAX_USERNAME_CHARS} characters",
                    account.username
                )));
            }
            if account.display_name.trim().is_empty() || account.display_name.chars().count() > 40 {
                return Err(DataError(format!(
                    "{name} needs a display name of 1 to 40 characters"
                )));
            }
            if PasswordHash::new(&account.password_hash).is_err() {
                return Err(DataError(format!(
                    "{name} has a password_hash that is not a PHC string (see `cargo run --bin hash-password`)"
                )));
            }
            account.username = name.clone();
            in_file_order.push(name.clone());
            if by_username
                .insert(name.clone(), Arc::new(account))
                .is_some()
            {
                return Err(DataError(format!("{name} appears twice")));
            }
        }
        Ok(Accounts {
            by_username,
            in_file_order,
            dummy_hash: hash_password("no account has this password"),
        })
    }

    /// The usernames, in the order the file lists them.
    pub fn usernames(&self) -> &[String] {
        &self.in_file_order
    }

    /// The account with this username (as typed: trimmed, any case).
    pub fn find(&self, username: &str) -> Option<&Arc<Account>> {
        self.by_username.get(&normalize_username(username))
    }

    /// The account with this username exactly as stored (lower case, as a
    /// session keeps it): no copy of the name is made.
    pub fn get(&self, username: &str) -> Option<&Arc<Account>> {
        self.by_username.get(username)
    }

    /// Checks a username and password. Costs one argon2 verification
    /// whether or not the account exists.
    pub fn authenticate(
        &self,
        username: &str,
        password: &str,
    ) -> Result<&Arc<Account>, LoginError> {
        if password.len() > MAX_PASSWORD_BYTES {
            return Err(LoginError::InvalidCredentials);
        }
        let account = self.find(username);
        let hash = account.map_or(self.dummy_hash.as_str(), |a| a.password_hash.as_str());
        let password_ok = verify(hash, password);
        match account {
            Some(account) if password_ok && account.persona.is_locked() => Err(LoginError::Locked),
            Some(account) if password_ok => Ok(account),
            _ => Err(LoginError::InvalidCredentials),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounts() -> Accounts {
        let hash = hash_password("right");
        Accounts::from_toml(&format!(
            r#"
            [[users]]
            username = "Ann"
            display_name = "Ann"
            password_hash = "{hash}"
            [[users]]
            username = "shut"
            display_name = "Shut"
            password_hash = "{hash}"
            persona = "locked"
            "#
        ))
        .unwrap()
    }

    #[test]
    fn usernames_match_in_any_case_after_trimming() {
        let accounts = accounts();
        assert_eq!(
            accounts.authenticate("  ANN ", "right").unwrap().username,
            "ann"
        );
    }

    #[test]
    fn passwords_match_exactly() {
        let accounts = accounts();
        for wrong in ["Right", "right ", "", "wrong"] {
            assert_eq!(
                accounts.authenticate("ann", wrong).unwrap_err(),
                LoginError::InvalidCredentials
            );
        }
    }

    #[test]
    fn a_locked_account_is_refused_only_when_the_password_is_right() {
        let accounts = accounts();
        assert_eq!(
            accounts.authenticate("shut", "right").unwrap_err(),
            LoginError::Locked
        );
        assert_eq!(
            accounts.authenticate("shut", "nope").unwrap_err(),
            LoginError::InvalidCredentials
        );
    }

    #[test]
    fn an_unknown_user_gets_the_same_answer_as_a_wrong_password() {
        assert_eq!(
            accounts().authenticate("nobody", "right").unwrap_err(),
            LoginError::InvalidCredentials
        );
    }

    #[test]
    fn a_plain_text_password_in_the_file_is_refused() {
        let error = Accounts::from_toml(
            "[[users]]\nusername = \"a\"\ndisplay_name = \"A\"\npassword_hash = \"rocket-demo\"\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("PHC"), "{error}");
    }
}
