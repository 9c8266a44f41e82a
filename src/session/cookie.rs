//! Turning the session into the value of the `session` cookie and back:
//! a version byte, the struct in postcard's compact binary form, base64.
//! Rocket's private cookies then encrypt and authenticate that value.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;

use super::data::SessionData;

/// The name of the one cookie that carries the session.
pub const COOKIE_NAME: &str = "session";

/// Browsers keep cookies of up to 4096 bytes (name, `=` and value).
pub const MAX_COOKIE_BYTES: usize = 4096;

/// Bumped whenever [`SessionData`] changes shape; cookies of any other
/// version are treated as no session.
pub const FORMAT_VERSION: u8 = 1;

/// Bytes AES-GCM adds to a private cookie: a 12-byte nonce and a 16-byte tag.
const SEAL_OVERHEAD: usize = 12 + 16;

/// The session as a cookie value (before Rocket encrypts it).
pub fn encode(data: &SessionData) -> String {
    let mut bytes = Vec::with_capacity(256);
    bytes.push(FORMAT_VERSION);
    // NOTE: serializing plain data into a Vec cannot fail.
    let bytes = postcard::to_extend(data, bytes).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The session from a decrypted cookie value; `None` for anything that is
/// not a session of the current format.
pub fn decode(value: &str) -> Option<SessionData> {
    let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
    let (&version, rest) = bytes.split_first()?;
    if version != FORMAT_VERSION {
        return None;
    }
    match postcard::take_from_bytes::<SessionData>(rest) {
        Ok((data, [])) => Some(data),
        _ => None,
    }
}

/// The size in bytes of the `session=…` pair a browser stores for a value
/// of `plain_len` bytes once Rocket has sealed it.
pub fn sealed_size(plain_len: usize) -> usize {
    let sealed = plain_len + SEAL_OVERHEAD;
    COOKIE_NAME.len() + 1 + sealed.div_ceil(3) * 4
}

/// Reads a secret key written the way Rocket accepts `secret_key`: 44 or 88
/// characters of base64, or 64 hex digits.
pub fn parse_key(text: &str) -> Result<cookie::Key, String> {
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
    match bytes.len() {
        n if n >= 64 => Ok(cookie::Key::from(&bytes)),
        n if n >= 32 => Ok(cookie::Key::derive_from(&bytes)),
        n => Err(format!("a key needs at least 32 bytes, found {n}")),
    }
}

/// Decrypts a sealed cookie value with an older key, for key rotation.
pub fn open_with(key: &cookie::Key, sealed: &str) -> Option<String> {
    let mut jar = cookie::CookieJar::new();
    jar.add_original(cookie::Cookie::new(COOKIE_NAME, sealed.to_owned()));
    jar.private(key)
        .get(COOKIE_NAME)
        .map(|c| c.value().to_owned())
}

/// Encrypts a cookie value with `key` exactly as Rocket does; used to mint
/// cookies for other keys (rotation, tests).
pub fn seal_with(key: &cookie::Key, value: &str) -> String {
    let mut jar = cookie::CookieJar::new();
    jar.private_mut(key)
        .add(cookie::Cookie::new(COOKIE_NAME, value.to_owned()));
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
        assert_eq!(decode(&encode(&data)), Some(data));
    }

    #[test]
    fn another_format_version_is_no_session() {
        let data = SessionData::new(1_700_000_000);
        let mut bytes = URL_SAFE_NO_PAD.decode(encode(&data)).unwrap();
        bytes[0] = FORMAT_VERSION + 1;
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode(bytes)), None);
    }

    #[test]
    fn garbage_and_trailing_bytes_are_no_session() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("not base64 at all!"), None);
        let mut value = encode(&SessionData::new(1));
        value.push_str("AAAA");
        assert_eq!(decode(&value), None);
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
        let key = cookie::Key::generate();
        let sealed = seal_with(&key, "hello");
        assert_eq!(open_with(&key, &sealed).as_deref(), Some("hello"));
        assert_eq!(open_with(&cookie::Key::generate(), &sealed), None);
        assert_eq!(sealed_size(5), "session=".len() + sealed.len());
    }
}
