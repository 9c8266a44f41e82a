//! Snapshots of the main pages in both languages, so a change of wording or
//! markup is seen in review. Tokens, ids, times and file versions are
//! redacted: they change on every run.

use insta::{assert_snapshot, with_settings};
use rocket::http::Status;

use crate::helpers::{Shopper, GOOD_SHIPPING};

/// Everything in a page that changes from run to run, replaced by a name.
const REDACTIONS: &[(&str, &str)] = &[
    (
        r#"name="csrf_token" value="[^"]*""#,
        r#"name="csrf_token" value="[token]""#,
    ),
    (
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "[uuid]",
    ),
    (r"\bSS-[0-9A-Z]{4}-[0-9A-Z]{4}\b", "[order-number]"),
    (r"\?v=[0-9a-f]+", "?v=[version]"),
    (
        r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}( ?UTC|Z)?",
        "[time]",
    ),
    (r"session=[A-Za-z0-9%+/=_-]{20,}", "session=[sealed]"),
    (r#"(title="(nonce|tag)">)[0-9a-f]+<"#, "$1[hex]<"),
    (r#"data-bytes="\d+""#, r#"data-bytes="[n]""#),
    (r">[A-Za-z0-9%+/=_-]{60,}<", ">[sealed]<"),
    (r#""[A-Za-z0-9_-]{43}""#, r#""[token]""#),
    (r"&quot;[A-Za-z0-9_-]{43}&quot;", "&quot;[token]&quot;"),
    (
        r#"data-testid="cookie-size">\d+<"#,
        r#"data-testid="cookie-size">[n]<"#,
    ),
    (r#"value="\d+">\d+%"#, r#"value="[n]">[n]%"#),
    (r"\b\d+ bytes\b", "[n] bytes"),
    (r#"data-flash-id="\d+""#, r#"data-flash-id="[n]""#),
    (r#"data-ready-at="\d+""#, r#"data-ready-at="[time]""#),
    (r"flash_count&quot;: \d+", "flash_count&quot;: [n]"),
    (r#"(flash_count-(arrived|outgoing)"><code>)\d+"#, "$1[n]"),
    (r"&quot;id&quot;: \d+,", "&quot;id&quot;: [n],"),
    (r#"&quot;id&quot;:\d+,"#, "&quot;id&quot;:[n],"),
];

/// The page at `path` (already visited by `shop`'s steps), checked
/// against its snapshot `name` for `lang`.
fn snapshot(shop: &Shopper, lang: &str, name: &str, path: &str, status: Status) {
    let (got, html) = shop.visit(path);
    assert_eq!(got, status, "{path}");
    check(lang, name, html);
}

/// `html`, redacted, against the snapshot `name` for `lang`.
fn check(lang: &str, name: &str, html: String) {
    let filters: Vec<(&str, &str)> = REDACTIONS.to_vec();
    with_settings!({ filters => filters, snapshot_suffix => lang, prepend_module_to_snapshot => false }, {
        assert_snapshot!(name, html);
    });
}

fn shopper(lang: &str) -> Shopper {
    match lang {
        "es" => Shopper::new().speaking("es-ES,es;q=0.9"),
        _ => Shopper::new().speaking("en-GB,en;q=0.9"),
    }
}

const LANGS: [&str; 2] = ["en", "es"];

#[test]
fn the_product_grid() {
    for lang in LANGS {
        snapshot(&shopper(lang), lang, "grid", "/", Status::Ok);
    }
}

#[test]
fn a_product_page() {
    for lang in LANGS {
        snapshot(&shopper(lang), lang, "product", "/products/1", Status::Ok);
    }
}

#[test]
fn a_product_page_for_a_product_in_the_cart() {
    for lang in LANGS {
        let shop = shopper(lang);
        shop.add_to_cart(1, "2");
        shop.get("/products/1");
        snapshot(&shop, lang, "product-in-cart", "/products/1", Status::Ok);
    }
}

#[test]
fn the_empty_cart() {
    for lang in LANGS {
        snapshot(&shopper(lang), lang, "cart-empty", "/cart", Status::Ok);
    }
}

#[test]
fn a_cart_of_three_lines() {
    for lang in LANGS {
        let shop = shopper(lang);
        for (id, quantity) in [(1, "2"), (2, "1"), (5, "3")] {
            shop.add_to_cart(id, quantity);
        }
        shop.get("/cart");
        snapshot(&shop, lang, "cart-3-lines", "/cart", Status::Ok);
    }
}

#[test]
fn the_login_page_with_its_error() {
    for lang in LANGS {
        let shop = shopper(lang);
        let response = shop.submit("/login", &[("username", "alice"), ("password", "nope")]);
        assert_eq!(response.status(), Status::Ok);
        check(
            lang,
            "login-error",
            response.into_string().unwrap_or_default(),
        );
    }
}

#[test]
fn the_login_page_with_an_empty_field() {
    for lang in LANGS {
        let shop = shopper(lang);
        let response = shop.submit("/login", &[("username", "alice"), ("password", "")]);
        assert_eq!(response.status(), Status::UnprocessableEntity);
        check(
            lang,
            "login-empty-field",
            response.into_string().unwrap_or_default(),
        );
    }
}

#[test]
fn the_checkout_form_with_errors() {
    for lang in LANGS {
        let shop = shopper(lang);
        shop.add_to_cart(1, "1");
        shop.log_in_as("alice");
        let response = shop.submit(
            "/checkout",
            &[
                ("full_name", ""),
                ("email", "not-an-email"),
                ("address", ""),
                ("city", "London"),
                ("postal_code", "<>"),
            ],
        );
        assert_eq!(response.status(), Status::UnprocessableEntity);
        check(
            lang,
            "checkout-errors",
            response.into_string().unwrap_or_default(),
        );
    }
}

#[test]
fn an_order_confirmation() {
    for lang in LANGS {
        let shop = shopper(lang);
        shop.add_to_cart(1, "2");
        shop.log_in_as("alice");
        let details = shop.submit("/checkout", GOOD_SHIPPING);
        assert_eq!(details.status(), Status::SeeOther);
        drop(details);
        let placed = shop.place_order();
        let order = crate::helpers::location(&placed);
        drop(placed);
        shop.get(&order);
        snapshot(&shop, lang, "order", &order, Status::Ok);
    }
}

#[test]
fn the_session_inspector() {
    for lang in LANGS {
        let shop = shopper(lang);
        shop.get("/test/session/set");
        shop.add_to_cart(1, "1");
        shop.get("/session");
        snapshot(&shop, lang, "inspector", "/session", Status::Ok);
    }
}

#[test]
fn the_not_found_page() {
    for lang in LANGS {
        snapshot(
            &shopper(lang),
            lang,
            "not-found",
            "/no/such/page",
            Status::NotFound,
        );
    }
}
