//! Turning the session into the value of the `session` cookie and back:
//! a version byte, the struct in postcard's compact binary form, base64;
//! then sealed (encrypted and authenticated) exactly as Rocket seals a
//! private cookie, with the app's `secret_key`.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use rocket::http::{Cookie, SameSite};

use super::data::SessionData;

/// The name of the one cookie that carries the session.
pub const COOKIE_NAME: &str = "session";

/// Browsers keep cookies of up to 4096 bytes (name, `=` and value).
pub const MAX_COOKIE_BYTES: usize = 4096;

/// Bumped whenever [`SessionData`] changes shape; cookies of any other
/// version are treated as no session.
pub const FORMAT_VERSION: u8 = 3;

/// The session as a cookie value (before it is sealed).
pub fn encode(data: &SessionData) -> String {
    encode_as(FORMAT_VERSION, data)
}

/// The session as a cookie value of the given format version; only the
/// tamper lab asks for another version than [`FORMAT_VERSION`].
pub fn encode_as(version: u8, data: &SessionData) -> String {
    let mut bytes = Vec::with_capacity(256);
    bytes.push(version);
    // NOTE: serializing plain data into a Vec cannot fail.
    let bytes = postcard::to_extend(data, bytes).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Why an opened cookie value is not a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Written by another version of the shop.
    OtherVersion,
    /// Not a session at all.
    Garbled,
}

/// The session from an opened cookie value.
pub fn decode(value: &str) -> Result<SessionData, DecodeError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(value)
        .map_err(|_| DecodeError::Garbled)?;
    let (&version, rest) = bytes.split_first().ok_or(DecodeError::Garbled)?;
    if version != FORMAT_VERSION {
        return Err(DecodeError::OtherVersion);
    }
    match postcard::take_from_bytes::<SessionData>(rest) {
        Ok((data, [])) => Ok(data),
        _ => Err(DecodeError::Garbled),
    }
}

/// The app's keys: the current one seals, older ones (rotation) still open.
#[derive(Clone)]
pub struct Keys {
    pub current: ::cookie::Key,
    pub fallbacks: Vec<::cookie::Key>,
}

/// Which key opened a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUsed {
    Current,
    Fallback,
}

impl Keys {
    /// Decrypts a sealed value with the current key, else an older one.
    pub fn open(&self, sealed: &str) -> Option<(String, KeyUsed)> {
        if let Some(value) = open_with(&self.current, sealed) {
            return Some((value, KeyUsed::Current));
        }
        self.fallbacks
            .iter()
            .find_map(|key| open_with(key, sealed))
            .map(|value| (value, KeyUsed::Fallback))
    }

    /// Encrypts `value` with the current key.
    pub fn seal(&self, value: &str) -> String {
        seal_with(&self.current, value)
    }
}

/// The `session` cookie for a sealed value, with its attributes.
pub fn build(sealed: String, max_age: i64, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, sealed))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        // NOTE: Max-Age is only the browser's hint; the real expiry is
        // checked on the server from the times inside the sealed value.
        .max_age(rocket::time::Duration::seconds(max_age.max(0)))
        .build()
}

/// The cookie that tells the browser to forget the session.
pub fn removal(secure: bool) -> Cookie<'static> {
    let mut cookie = build(String::new(), 0, secure);
    cookie.make_removal();
    cookie
}

/// The bytes a browser stores for `cookie`: the `name=value` pair exactly as
/// sent in `Set-Cookie`, percent-encoding included.
pub fn stored_size(cookie: &Cookie<'_>) -> usize {
    cookie.stripped().encoded().to_string().len()
}

/// Reads a secret key written the way Rocket accepts `secret_key`: 44 or 88
/// characters of base64, or 64 hex digits.
pub fn parse_key(text: &str) -> Result<::cookie::Key, String> {
    let text = text.trim();
    let bytes = match text.len() {
        44 | 88 => STANDARD.decode(text).map_err(|e| e.to_string())?,
        64 => (0..64)
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|e| e.to_string())?,
        n => {
            return Err(format!(
                "expected 44 or 88 base64 characters or 64 hex digits, found {n} characters"
            ))
        }
    };
    key_from_bytes(&bytes)
}

/// A key from raw bytes, derived the way Rocket derives it.
pub fn key_from_bytes(bytes: &[u8]) -> Result<::cookie::Key, String> {
    match bytes.len() {
        n if n >= 64 => Ok(::cookie::Key::from(bytes)),
        n if n >= 32 => Ok(::cookie::Key::derive_from(bytes)),
        n => Err(format!("a key needs at least 32 bytes, found {n}")),
    }
}

/// Decrypts a sealed cookie value with `key`.
pub fn open_with(key: &::cookie::Key, sealed: &str) -> Option<String> {
    let mut jar = ::cookie::CookieJar::new();
    jar.add_original(::cookie::Cookie::new(COOKIE_NAME, sealed.to_owned()));
    jar.private(key)
        .get(COOKIE_NAME)
        .map(|c| c.value().to_owned())
}

/// Encrypts a cookie value with `key` exactly as Rocket does.
pub fn seal_with(key: &::cookie::Key, value: &str) -> String {
    let mut jar = ::cookie::CookieJar::new();
    jar.private_mut(key)
        .add(::cookie::Cookie::new(COOKIE_NAME, value.to_owned()));
    jar.get(COOKIE_NAME)
        .map(|c| c.value().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_survives_encoding_and_decoding() {
        let mut data = SessionData::new(1_700_000_000);
        data.username = Some("user".into());
        assert_eq!(decode(&encode(&data)), Ok(data));
    }

    #[test]
    fn another_format_version_is_no_session() {
        let data = SessionData::new(1_700_000_000);
        let old = encode_as(FORMAT_VERSION - 1, &data);
        assert_eq!(decode(&old), Err(DecodeError::OtherVersion));
    }

    #[test]
    fn garbage_and_trailing_bytes_are_no_session() {
        assert_eq!(decode(""), Err(DecodeError::Garbled));
        assert_eq!(decode("not base64 at all!"), Err(DecodeError::Garbled));
        let mut value = encode(&SessionData::new(1));
        value.push_str("AAAA");
        assert_eq!(decode(&value), Err(DecodeError::Garbled));
    }

    #[test]
    fn keys_are_read_as_base64_or_hex_like_rocket_reads_them() {
        assert!(parse_key(&"ab".repeat(32)).is_ok());
        assert!(parse_key(&STANDARD.encode([7u8; 32])).is_ok());
        assert!(parse_key(&STANDARD.encode([7u8; 64])).is_ok());
        assert!(parse_key("short").is_err());
        assert!(parse_key(&"zz".repeat(32)).is_err());
    }

    #[test]
    fn a_value_sealed_with_a_key_opens_only_with_that_key() {
        let key = ::cookie::Key::generate();
        let sealed = seal_with(&key, "hello");
        assert_eq!(open_with(&key, &sealed).as_deref(), Some("hello"));
        assert_eq!(open_with(&::cookie::Key::generate(), &sealed), None);
    }

    #[test]
    fn the_stored_size_counts_the_percent_encoding() {
        let cookie = build("a/b=".to_owned(), 60, false);
        assert_eq!(stored_size(&cookie), "session=a%2Fb%3D".len());
    }
}
