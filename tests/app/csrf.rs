//! The forms' CSRF token: the session keeps one, and every response carries
//! it masked afresh (a random mask, then the token XOR the mask, base64url),
//! so no two pages show the same text; the token of any page of the session
//! is accepted, anything else is a 403.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rocket::http::Status;

use crate::helpers::{encode_form, form_token, testid_text, Shopper};

/// The token the page at `path` carries in its forms.
fn token_on(shop: &Shopper, path: &str) -> String {
    let (status, html) = shop.visit(path);
    assert_eq!(status, Status::Ok, "{path}");
    form_token(&html).unwrap_or_else(|| panic!("{path} carries a token"))
}

/// The session's own token, as the inspector's decoded session shows it.
fn session_token(shop: &Shopper) -> String {
    let (_, html) = shop.visit("/session");
    let contents = testid_text(&html, "session-contents").expect("the decoded session");
    let session: serde_json::Value = serde_json::from_str(&contents).expect("JSON");
    session["csrf_token"]
        .as_str()
        .expect("a csrf_token field")
        .to_owned()
}

/// `masked` unmasked as the format says: the first half of its bytes is
/// the mask, the second half the token XOR the mask.
fn unmask(masked: &str) -> String {
    let bytes = URL_SAFE_NO_PAD
        .decode(masked)
        .expect("URL-safe base64 without padding");
    let (mask, hidden) = bytes.split_at(bytes.len() / 2);
    assert_eq!(mask.len(), hidden.len(), "a mask as long as the token");
    let token: Vec<u8> = hidden.iter().zip(mask).map(|(b, m)| b ^ m).collect();
    String::from_utf8(token).expect("the token is text")
}

/// Adds one of product 1 with `token`, answering the status.
fn add_with(shop: &Shopper, token: &str) -> Status {
    let body = encode_form(&[("csrf_token", token), ("product_id", "1")]);
    shop.post_raw("/cart/add", &body).status()
}

#[test]
fn the_token_text_differs_between_two_responses_of_one_session() {
    let shop = Shopper::new();
    let first = token_on(&shop, "/");
    let second = token_on(&shop, "/");
    let on_cart = token_on(&shop, "/cart");
    assert_ne!(first, second);
    assert_ne!(second, on_cart);
    let session = session_token(&shop);
    for token in [&first, &second, &on_cart] {
        assert!(!token.contains(&session), "the page shows the token masked");
        assert_eq!(unmask(token), session, "and it unmasks to the session's");
    }
}

#[test]
fn every_form_of_a_page_carries_the_same_masked_token() {
    let shop = Shopper::new();
    let (_, html) = shop.visit("/");
    let page = scraper::Html::parse_document(&html);
    let fields = scraper::Selector::parse("input[name=csrf_token]").expect("a selector");
    let tokens: std::collections::BTreeSet<&str> = page
        .select(&fields)
        .filter_map(|field| field.attr("value"))
        .collect();
    assert_eq!(tokens.len(), 1, "{tokens:?}");
}

#[test]
fn the_token_of_either_page_is_accepted_and_old_forms_keep_working() {
    let shop = Shopper::new();
    let from_grid = token_on(&shop, "/");
    let from_product = token_on(&shop, "/products/2");
    assert_eq!(add_with(&shop, &from_product), Status::SeeOther);
    assert_eq!(add_with(&shop, &from_grid), Status::SeeOther);
    let before_many_pages = from_grid;
    for path in ["/cart", "/login", "/learn", "/"] {
        token_on(&shop, path);
    }
    assert_eq!(add_with(&shop, &before_many_pages), Status::SeeOther);
    assert_eq!(shop.cart()["item_count"], 3);
}

#[test]
fn a_truncated_altered_or_foreign_token_is_a_403_and_changes_nothing() {
    let shop = Shopper::new();
    let token = token_on(&shop, "/");
    let stranger = Shopper::new();
    let foreign = token_on(&stranger, "/");
    let last = token.len() - 2;
    let other = if &token[last..=last] == "A" { "B" } else { "A" };
    let altered = format!("{}{other}{}", &token[..last], &token[last + 1..]);
    let doubled = token.repeat(2);
    let longer = format!("{token}A");
    let garbage = "!".repeat(token.len());
    let cases: [(&str, &str); 8] = [
        ("truncated by one", &token[..token.len() - 1]),
        ("cut to half", &token[..token.len() / 2]),
        ("one character changed", altered.as_str()),
        ("one character more", &longer),
        ("twice over", doubled.as_str()),
        ("another session's", foreign.as_str()),
        ("not base64", &garbage),
        ("empty", ""),
    ];
    let cookie = shop.session_cookie();
    for (what, sent) in cases {
        assert_eq!(add_with(&shop, sent), Status::Forbidden, "{what}");
        assert_eq!(shop.session_cookie(), cookie, "{what}: session unchanged");
    }
    assert_eq!(shop.cart()["item_count"], 0);
}

#[test]
fn signing_in_renews_the_token_and_the_old_pages_token_is_refused() {
    let shop = Shopper::new();
    let before = token_on(&shop, "/login");
    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);
    assert_eq!(add_with(&shop, &before), Status::Forbidden);
    let after = token_on(&shop, "/");
    assert_eq!(unmask(&after), session_token(&shop));
    assert_eq!(add_with(&shop, &after), Status::SeeOther);
}
