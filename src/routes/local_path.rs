//! `next`: where to go after a form, parsed at the edge. Only a path on
//! this site is kept; anything else is ignored, never an error.

use rocket::form::{self, FromFormField, ValueField};
use rocket::http::uri::Origin;
use rocket::response::Redirect;

/// A path on this site, safe to redirect to: one leading `/`, no scheme, no
/// host, no backslash, no white space or control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    /// `Some` when `input` is a path on this site.
    pub fn parse(input: &str) -> Option<LocalPath> {
        // NOTE: a fragment (`#product-3`) may follow, made of letters,
        // digits, `-` and `_`: it brings the shopper back to what they used.
        let (path, fragment) = input.split_once('#').unwrap_or((input, ""));
        let safe = input.starts_with('/')
            && !input.starts_with("//")
            && !input.contains('\\')
            && !input.chars().any(|c| c.is_control() || c.is_whitespace())
            && Origin::parse(path).is_ok()
            && fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        safe.then(|| LocalPath(input.to_owned()))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A form's optional `next` field: a [`LocalPath`], or nothing when it was
/// missing or not a local path (so a bad value is ignored, not refused).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Next(pub Option<LocalPath>);

impl Next {
    /// A 303 to `next` when there is one, else to `fallback`.
    pub fn redirect_or(&self, fallback: Origin<'static>) -> Redirect {
        match &self.0 {
            Some(path) => Redirect::to(path.0.clone()),
            None => Redirect::to(fallback),
        }
    }
}

#[rocket::async_trait]
impl<'v> FromFormField<'v> for Next {
    fn from_value(field: ValueField<'v>) -> form::Result<'v, Next> {
        Ok(Next(LocalPath::parse(field.value)))
    }

    fn default() -> Option<Next> {
        Some(Next(None))
    }
}

#[cfg(test)]
mod tests {
    use super::LocalPath;

    #[test]
    fn only_paths_on_this_site_are_local() {
        for ok in [
            "/",
            "/checkout",
            "/products/1?sort=name_asc",
            "/?sort=featured#product-3",
        ] {
            assert_eq!(
                LocalPath::parse(ok).as_ref().map(LocalPath::as_str),
                Some(ok)
            );
        }
        for bad in [
            "",
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/\t/evil.example",
            "evil",
            "/ space",
            "/\nLocation:x",
        ] {
            assert_eq!(LocalPath::parse(bad), None, "{bad:?}");
        }
    }
}
