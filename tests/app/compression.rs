//! Pages go out compressed to a browser that accepts it, by the weights of
//! its `Accept-Encoding`, and say they vary with it; the inspector and the
//! tamper lab, which show the session's secrets, go out as they are; and no
//! compressed page carries the session's CSRF token or sealed cookie in clear.

use rocket::http::{ContentType, Header, Status};
use rocket::local::blocking::{LocalRequest, LocalResponse};

use crate::helpers::{decoded, encode_form, location, testid_text, Shopper, GOOD_SHIPPING};

/// What browsers send.
const BROWSER: &str = "gzip, deflate, br";

/// The coding a page goes out in for [`BROWSER`].
const PAGE_CODING: &str = "gzip";

/// `request` sent with `Accept-Encoding: accept`.
fn accepting<'c>(shop: &'c Shopper, request: LocalRequest<'c>, accept: &str) -> LocalResponse<'c> {
    shop.send(request.header(Header::new("Accept-Encoding", accept.to_owned())))
}

/// `GET path` as a browser asks for it.
fn browse<'c>(shop: &'c Shopper, path: &str) -> LocalResponse<'c> {
    accepting(shop, shop.client.get(path.to_owned()), BROWSER)
}

/// A page's status, `Content-Encoding` and text as the browser reads it.
fn read(response: LocalResponse<'_>) -> (Status, Option<String>, String) {
    let status = response.status();
    let (coding, page) = decoded(response);
    (
        status,
        coding,
        String::from_utf8(page).expect("a page is text"),
    )
}

/// A shopper signed in as Alice with two lines in the cart.
fn alice_with_a_cart() -> Shopper {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "2");
    shop.add_to_cart(3, "1");
    // NOTE: the first page after an add shows its message once.
    shop.get("/cart");
    shop
}

#[test]
fn a_browser_that_accepts_compression_gets_each_main_page_compressed() {
    let shop = alice_with_a_cart();
    shop.give_shipping_details();
    for (path, status, shows) in [
        ("/", Status::Ok, "product-grid"),
        ("/?sort=price_desc", Status::Ok, "product-grid"),
        ("/products/1", Status::Ok, "product-detail"),
        ("/cart", Status::Ok, "cart-table"),
        ("/login", Status::Ok, "login-form"),
        ("/checkout", Status::Ok, "checkout-form"),
        ("/checkout/review", Status::Ok, "review-summary"),
        ("/learn", Status::Ok, "learn-steps"),
        ("/nowhere", Status::NotFound, "error-page"),
        ("/products/999", Status::NotFound, "error-page"),
    ] {
        let response = browse(&shop, path);
        let headers = response.headers();
        assert_eq!(
            headers.get_one("Vary"),
            Some("Cookie, Accept-Encoding"),
            "{path}"
        );
        assert_eq!(
            headers.get_one("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        let (got, coding, page) = read(response);
        assert_eq!(got, status, "{path}");
        assert_eq!(coding.as_deref(), Some(PAGE_CODING), "{path}");
        assert!(testid_text(&page, shows).is_some(), "{path} shows {shows}");
        assert_eq!(
            testid_text(&page, "current-user").as_deref(),
            Some("Alice"),
            "{path}"
        );
        assert!(page.trim_end().ends_with("</html>"), "{path}: whole");
    }
}

#[test]
fn a_compressed_page_is_the_page_sent_uncompressed() {
    let shop = alice_with_a_cart();
    let as_is = |text: String| {
        let token = crate::helpers::form_token(&text).expect("a token");
        text.replace(&token, "[token]")
    };
    let (_, none, plain) = read(shop.get("/cart"));
    let (_, coding, page) = read(browse(&shop, "/cart"));
    assert_eq!((none, coding.as_deref()), (None, Some(PAGE_CODING)));
    assert_eq!(as_is(page), as_is(plain));
}

#[test]
fn the_accept_encoding_weights_choose_the_coding_and_identity_or_q_0_get_none() {
    let shop = Shopper::new();
    for (accept, coding) in [
        (BROWSER, Some(PAGE_CODING)),
        ("gzip", Some("gzip")),
        ("br", Some("br")),
        ("br;q=1, gzip;q=0.5", Some("br")),
        ("gzip;q=0, br", Some("br")),
        ("br;q=0, gzip;q=0.1", Some("gzip")),
        ("*", Some(PAGE_CODING)),
        ("", None),
        ("identity", None),
        ("gzip;q=0.5, identity", None),
        ("gzip;q=0, br;q=0", None),
        ("*;q=0", None),
        ("deflate, zstd", None),
        ("gzip;q=abc", None),
    ] {
        let response = accepting(&shop, shop.client.get("/"), accept);
        assert_eq!(
            response.headers().get_one("Vary"),
            Some("Cookie, Accept-Encoding"),
            "{accept:?}"
        );
        let (status, got, page) = read(response);
        assert_eq!(status, Status::Ok, "{accept:?}");
        assert_eq!(got.as_deref(), coding, "{accept:?}");
        assert!(testid_text(&page, "product-grid").is_some(), "{accept:?}");
    }
    let (_, coding, _) = read(shop.get("/"));
    assert_eq!(coding, None, "no Accept-Encoding: as it is");
}

#[test]
fn the_inspector_and_the_tamper_lab_go_out_uncompressed_whatever_the_browser_accepts() {
    let shop = alice_with_a_cart();
    let response = browse(&shop, "/session?guess=csrf_token");
    assert_eq!(
        response.headers().get_one("Vary"),
        Some("Cookie"),
        "the inspector does not vary with Accept-Encoding"
    );
    let (status, coding, page) = read(response);
    assert_eq!((status, coding), (Status::Ok, None));
    assert!(testid_text(&page, "session-contents").is_some());
    assert!(
        page.contains(&shop.csrf_token()),
        "it shows the token unmasked"
    );

    let token = shop.csrf_token();
    for kind in ["unchanged", "flip"] {
        let form = encode_form(&[("csrf_token", &token), ("kind", kind)]);
        let request = shop
            .client
            .post("/session/tamper")
            .header(ContentType::Form)
            .body(form);
        let (status, coding, page) = read(accepting(&shop, request, BROWSER));
        assert_eq!((status, coding), (Status::Ok, None), "{kind}");
        assert!(testid_text(&page, "tamper-cookie").is_some(), "{kind}");
    }
}

#[test]
fn answers_that_are_not_pages_are_not_compressed() {
    let shop = Shopper::new();
    for path in ["/api/products", "/health", "/test/session/check"] {
        let response = browse(&shop, path);
        assert_eq!(response.status(), Status::Ok, "{path}");
        assert_eq!(
            response.headers().get_one("Content-Encoding"),
            None,
            "{path}"
        );
    }
}

/// What a walk through the shop saw: how many pages came compressed.
#[derive(Default)]
struct Walk {
    compressed: Vec<String>,
}

impl Walk {
    /// Reads `response` (to `what`) as the browser does, and checks that a
    /// compressed page holds neither the session's token nor its cookie in
    /// clear, both as they were before this request and as they are after.
    fn check(
        &mut self,
        shop: &Shopper,
        what: &str,
        before: &Secrets,
        response: LocalResponse<'_>,
    ) -> String {
        let (_, coding, page) = read(response);
        if coding.is_some() {
            let after = Secrets::of(shop);
            for secrets in [before, &after] {
                for secret in secrets.all() {
                    assert!(
                        !page.contains(secret.as_str()),
                        "{what}: a compressed page shows {secret}"
                    );
                }
            }
            self.compressed.push(what.to_owned());
        }
        page
    }
}

/// The session's secrets: its raw CSRF token (read from the cookie with
/// the test key) and the sealed cookie, as held and percent-encoded.
struct Secrets {
    token: String,
    cookie: String,
    cookie_encoded: String,
}

impl Secrets {
    fn of(shop: &Shopper) -> Secrets {
        let token = shop.csrf_token();
        let cookie = shop.session_cookie().expect("a session");
        let cookie_encoded = cookie
            .replace('%', "%25")
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D");
        Secrets {
            token,
            cookie,
            cookie_encoded,
        }
    }

    fn all(&self) -> [&String; 3] {
        [&self.token, &self.cookie, &self.cookie_encoded]
    }
}

#[test]
fn no_compressed_page_carries_the_sessions_token_or_sealed_cookie_in_clear() {
    let shop = Shopper::new();
    shop.get("/");
    let mut walk = Walk::default();
    let get = |walk: &mut Walk, path: &str| {
        let before = Secrets::of(&shop);
        walk.check(&shop, path, &before, browse(&shop, path))
    };
    let post = |walk: &mut Walk, path: &str, fields: &[(&str, &str)]| {
        let before = Secrets::of(&shop);
        // NOTE: the token of a page, as a browser's form sends it.
        let token = crate::helpers::form_token(&shop.visit("/learn").1).expect("a token");
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        let request = shop
            .client
            .post(path.to_owned())
            .header(ContentType::Form)
            .body(encode_form(&all));
        let response = accepting(&shop, request, BROWSER);
        let status = response.status();
        let to = location(&response);
        let page = walk.check(&shop, &format!("POST {path}"), &before, response);
        (status, to, page)
    };

    for path in ["/", "/?sort=csrf_token", "/products/1", "/cart", "/login"] {
        get(&mut walk, path);
    }
    let (status, _, _) = post(
        &mut walk,
        "/cart/add",
        &[("product_id", "1"), ("quantity", "abc")],
    );
    assert_eq!(status, Status::UnprocessableEntity);
    post(
        &mut walk,
        "/cart/add",
        &[("product_id", "1"), ("quantity", "2")],
    );
    for path in ["/", "/cart", "/products/1"] {
        get(&mut walk, path);
    }
    let (status, _, _) = post(
        &mut walk,
        "/login",
        &[("username", "alice"), ("password", "wrong")],
    );
    assert_eq!(status, Status::Ok, "the sign-in form again");
    post(
        &mut walk,
        "/login",
        &[
            ("username", "alice"),
            ("password", crate::helpers::PASSWORD),
        ],
    );
    for path in ["/", "/cart", "/checkout"] {
        get(&mut walk, path);
    }
    let (status, _, _) = post(&mut walk, "/checkout", &[("full_name", "")]);
    assert_eq!(status, Status::UnprocessableEntity);
    post(&mut walk, "/checkout", GOOD_SHIPPING);
    get(&mut walk, "/checkout/review");
    let (status, order, _) = post(&mut walk, "/checkout/place", &[]);
    assert_eq!(status, Status::SeeOther);
    for path in [
        order.as_str(),
        "/learn",
        "/nowhere",
        "/products/999",
        "/orders/0",
    ] {
        get(&mut walk, path);
    }
    let forged = encode_form(&[("csrf_token", "forged"), ("product_id", "1")]);
    let before = Secrets::of(&shop);
    let request = shop
        .client
        .post("/cart/add")
        .header(ContentType::Form)
        .body(forged);
    let refused = accepting(&shop, request, BROWSER);
    assert_eq!(refused.status(), Status::Forbidden);
    walk.check(&shop, "a forged form", &before, refused);
    post(&mut walk, "/lang", &[("lang", "es"), ("next", "/")]);
    for path in ["/", "/cart", "/learn", "/nowhere"] {
        get(&mut walk, path);
    }

    assert!(
        walk.compressed.len() >= 20,
        "the walk met compressed pages: {:?}",
        walk.compressed
    );
}

#[test]
fn the_nginx_deployment_passes_the_shops_compression_through_and_compresses_no_page_itself() {
    let config = std::fs::read_to_string("deploy/nginx.conf").expect("deploy/nginx.conf");
    let directives: Vec<&str> = config
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .collect();
    assert!(directives.contains(&"gzip off;"), "{directives:?}");
    for directive in &directives {
        let name = directive.split_whitespace().next().unwrap_or_default();
        let compresses = ["gzip", "gunzip", "brotli"]
            .iter()
            .any(|module| name.starts_with(module));
        assert!(
            !compresses || *directive == "gzip off;",
            "nginx compresses (or undoes compression) itself: {directive}"
        );
        assert!(
            !directive.to_ascii_lowercase().contains("accept-encoding"),
            "the browser's Accept-Encoding reaches the instances: {directive}"
        );
    }
}

#[test]
fn a_compressed_page_echoes_no_query_text_but_the_fields_it_reads() {
    let shop = alice_with_a_cart();
    shop.give_shipping_details();

    for path in [
        "/checkout?probe=Lovelace",
        "/checkout/review?probe=Lovelace",
        "/?sort=price_asc&probe=Lovelace",
    ] {
        let (status, coding, page) = read(browse(&shop, path));
        assert_eq!(status, Status::Ok, "{path}");
        assert!(coding.is_some(), "{path} is compressed");
        assert!(
            !page.contains("probe"),
            "{path}: the guess is not in the page"
        );
    }
    let (_, _, grid) = read(browse(&shop, "/?sort=price_asc&probe=Lovelace"));
    assert!(
        grid.contains("value=\"/?sort=price_asc\""),
        "the sort is kept"
    );
}
