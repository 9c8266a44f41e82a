//! The cart's forms: each route, every bad input, CSRF, and the cookie budget.

use rocket::http::{Header, Status};
use session_shop::cart::MAX_LINES;

use crate::helpers::{location, testid_text, Shopper};

#[test]
fn adding_a_product_redirects_to_the_cart_with_a_message() {
    let shop = Shopper::new();
    let response = shop.add_to_cart(1, "2");
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/cart");
    let (_, html) = shop.visit("/cart");
    assert_eq!(
        testid_text(&html, "flash").unwrap(),
        "Added 2 × Rocket Mug to your cart."
    );
    assert_eq!(testid_text(&html, "cart-count").unwrap(), "2");
    // The message is shown once.
    assert!(testid_text(&shop.visit("/cart").1, "flash").is_none());
}

#[test]
fn adding_without_a_quantity_adds_one_and_adding_again_grows_the_line() {
    let shop = Shopper::new();
    shop.submit("/cart/add", &[("product_id", "3")]);
    shop.add_to_cart(3, "4");
    let cart = shop.cart();
    assert_eq!(cart["lines"].as_array().unwrap().len(), 1);
    assert_eq!(cart["lines"][0]["quantity"], 5);
}

#[test]
fn adding_goes_back_to_a_local_next_page_only() {
    let shop = Shopper::new();
    let response = shop.submit(
        "/cart/add",
        &[("product_id", "1"), ("next", "/?sort=price_asc")],
    );
    assert_eq!(location(&response), "/?sort=price_asc");
    let response = shop.submit(
        "/cart/add",
        &[("product_id", "1"), ("next", "https://evil.example/")],
    );
    assert_eq!(location(&response), "/cart");
}

#[test]
fn the_cart_page_shows_line_totals_count_and_total() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "3");
    shop.add_to_cart(2, "2");
    let (status, html) = shop.visit("/cart");
    assert_eq!(status, Status::Ok);
    assert_eq!(testid_text(&html, "line-name-1").unwrap(), "Rocket Mug");
    assert_eq!(testid_text(&html, "line-unit-price-1").unwrap(), "€14.50");
    assert_eq!(testid_text(&html, "line-total-1").unwrap(), "€43.50");
    assert_eq!(testid_text(&html, "line-total-2").unwrap(), "€45.98");
    assert_eq!(testid_text(&html, "cart-item-count").unwrap(), "5");
    assert_eq!(testid_text(&html, "cart-total").unwrap(), "€89.48");
    assert!(html.contains("value=\"3\" data-testid=\"line-quantity-1\""));
}

#[test]
fn an_empty_cart_says_so() {
    let shop = Shopper::new();
    let (_, html) = shop.visit("/cart");
    assert_eq!(
        testid_text(&html, "cart-empty").unwrap(),
        "Your cart is empty. Browse the products"
    );
}

#[test]
fn updating_a_line_sets_its_quantity_and_zero_removes_it() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let response = shop.update_line(1, "7");
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/cart");
    assert_eq!(shop.cart()["lines"][0]["quantity"], 7);
    shop.update_line(1, "0");
    assert_eq!(shop.cart()["item_count"], 0);
}

#[test]
fn removing_a_line_removes_it_and_removing_an_absent_one_is_fine() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    shop.add_to_cart(2, "1");
    let response = shop.submit("/cart/remove", &[("product_id", "1")]);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(shop.cart()["item_count"], 1);
    let again = shop.submit("/cart/remove", &[("product_id", "1")]);
    assert_eq!(again.status(), Status::SeeOther);
    assert_eq!(shop.cart()["item_count"], 1);
}

#[test]
fn clearing_empties_the_cart() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    shop.add_to_cart(5, "3");
    let response = shop.submit("/cart/clear", &[]);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(shop.cart()["item_count"], 0);
    assert_eq!(
        testid_text(&shop.visit("/cart").1, "flash").unwrap(),
        "Your cart is now empty."
    );
}

/// Quantities no form should accept: words, signs, exponents, decimals,
/// out of range, empty, and far too long.
fn malformed_quantities() -> Vec<String> {
    ["abc", "-1", "100", "1e3", "1.5", "", " ", "+1", "0x1", "٣"]
        .iter()
        .map(|s| s.to_string())
        .chain([u64::MAX.to_string(), "9".repeat(50)])
        .collect()
}

#[test]
fn a_quantity_is_read_with_spaces_around_it_ignored_and_leading_zeros_allowed() {
    let shop = Shopper::new();
    for (typed, line) in [(" 3 ", 3), ("03", 6), ("\t007", 13)] {
        let response = shop.add_to_cart(1, typed);
        assert_eq!(response.status(), Status::SeeOther, "{typed:?}");
        drop(response);
        assert_eq!(shop.cart()["lines"][0]["quantity"], line, "{typed:?}");
    }
}

#[test]
fn a_malformed_quantity_to_add_is_refused_with_422_and_the_cart_is_unchanged() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let before = shop.cart();
    for bad in malformed_quantities()
        .iter()
        .map(String::as_str)
        .chain(["0"])
    {
        let response = shop.add_to_cart(1, bad);
        assert_eq!(response.status(), Status::UnprocessableEntity, "{bad:?}");
        let html = crate::helpers::body(response);
        assert_eq!(
            testid_text(&html, "form-error").unwrap(),
            "Quantity must be a whole number from 1 to 99.",
            "{bad:?}"
        );
        assert_eq!(testid_text(&html, "product-name").unwrap(), "Rocket Mug");
        assert!(
            html.contains("aria-invalid=\"true\" aria-describedby=\"product-quantity-1-error\"")
        );
        assert_eq!(shop.cart(), before, "{bad:?}");
    }
}

#[test]
fn a_malformed_quantity_to_update_is_refused_with_422_and_the_cart_is_unchanged() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let before = shop.cart();
    for bad in malformed_quantities() {
        let response = shop.update_line(1, &bad);
        assert_eq!(response.status(), Status::UnprocessableEntity, "{bad:?}");
        let html = crate::helpers::body(response);
        assert_eq!(
            testid_text(&html, "form-error").unwrap(),
            "Quantity must be a whole number from 0 to 99 (0 removes the item).",
            "{bad:?}"
        );
        assert_eq!(shop.cart(), before, "{bad:?}");
    }
}

#[test]
fn an_add_that_would_pass_99_is_refused_and_the_line_is_unchanged() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "98");
    let response = shop.add_to_cart(1, "2");
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = crate::helpers::body(response);
    assert!(testid_text(&html, "form-error")
        .unwrap()
        .contains("at most 99"));
    assert_eq!(shop.cart()["lines"][0]["quantity"], 98);
    assert_eq!(shop.add_to_cart(1, "1").status(), Status::SeeOther);
    assert_eq!(shop.cart()["lines"][0]["quantity"], 99);
}

#[test]
fn an_unknown_product_is_a_404_and_the_cart_is_unchanged() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let before = shop.cart();
    for id in ["9999", "abc", "", "-3", "1e3"] {
        for path in ["/cart/add", "/cart/update", "/cart/remove"] {
            let response = shop.submit(path, &[("product_id", id), ("quantity", "1")]);
            assert_eq!(response.status(), Status::NotFound, "{path} {id:?}");
        }
    }
    assert_eq!(shop.cart(), before);
}

#[test]
fn a_missing_or_wrong_csrf_token_is_a_403_and_the_cart_is_unchanged() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let before = shop.cart();
    for body in [
        "product_id=2&quantity=1".to_owned(),
        "csrf_token=&product_id=2&quantity=1".to_owned(),
        "csrf_token=forged&product_id=2&quantity=1".to_owned(),
    ] {
        for path in ["/cart/add", "/cart/update", "/cart/remove", "/cart/clear"] {
            let response = shop.post_raw(path, &body);
            assert_eq!(response.status(), Status::Forbidden, "{path} {body}");
            let html = crate::helpers::body(response);
            assert!(html.contains("role=\"alert\""));
        }
    }
    assert_eq!(shop.cart(), before);
}

#[test]
fn another_sessions_token_is_refused() {
    let shop = Shopper::new();
    let stranger = Shopper::new();
    let token = stranger.csrf_token();
    shop.csrf_token();
    let response = shop.post_raw("/cart/add", &format!("csrf_token={token}&product_id=1"));
    assert_eq!(response.status(), Status::Forbidden);
}

#[test]
fn a_cross_site_post_is_a_403_even_with_a_valid_token() {
    let shop = Shopper::new();
    let fields = [("product_id", "1"), ("quantity", "1")];
    let origin = Header::new("Origin", "https://evil.example");
    assert_eq!(
        shop.submit_with_header("/cart/add", &fields, origin)
            .status(),
        Status::Forbidden
    );
    let fetch = Header::new("Sec-Fetch-Site", "cross-site");
    assert_eq!(
        shop.submit_with_header("/cart/add", &fields, fetch)
            .status(),
        Status::Forbidden
    );
    assert_eq!(shop.cart()["item_count"], 0);
    let same = Header::new("Sec-Fetch-Site", "same-origin");
    assert_eq!(
        shop.submit_with_header("/cart/add", &fields, same).status(),
        Status::SeeOther
    );
}

#[test]
fn a_same_origin_post_is_accepted() {
    let shop = Shopper::new();
    let token = shop.csrf_token();
    let response = shop.send(
        shop.client
            .post("/cart/add")
            .header(rocket::http::ContentType::Form)
            .header(Header::new("Host", "127.0.0.1:8000"))
            .header(Header::new("Origin", "http://127.0.0.1:8000"))
            .body(format!("csrf_token={token}&product_id=1")),
    );
    assert_eq!(response.status(), Status::SeeOther);
}

/// Every route a form is posted to.
const POST_ROUTES: [&str; 11] = [
    "/cart/add",
    "/cart/update",
    "/cart/remove",
    "/cart/clear",
    "/login",
    "/logout",
    "/checkout",
    "/checkout/place",
    "/session/reset",
    "/session/tamper",
    "/lang",
];

/// Posts the token and `fields` to `path` on host 127.0.0.1:8000, with `headers`.
fn post_with_headers<'c>(
    shop: &'c Shopper,
    path: &str,
    fields: &str,
    headers: &[(&'static str, &'static str)],
) -> rocket::local::blocking::LocalResponse<'c> {
    let token = shop.csrf_token();
    let mut request = shop
        .client
        .post(path.to_owned())
        .header(Header::new("Host", "127.0.0.1:8000"))
        .body(format!("csrf_token={token}&{fields}"));
    for (name, value) in headers {
        request = request.header(Header::new(*name, *value));
    }
    shop.send(request)
}

#[test]
fn a_post_from_the_same_host_with_another_scheme_or_port_is_a_403_on_every_route() {
    let shop = Shopper::new();
    for path in POST_ROUTES {
        for origin in [
            "https://127.0.0.1:8000",
            "http://127.0.0.1:8001",
            "http://127.0.0.1",
        ] {
            let headers = [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", origin),
            ];
            let response = post_with_headers(&shop, path, "product_id=1", &headers);
            assert_eq!(response.status(), Status::Forbidden, "{path} from {origin}");
        }
    }
    assert_eq!(shop.cart()["item_count"], 0);
}

#[test]
fn without_an_origin_the_referer_must_be_the_site_itself() {
    let shop = Shopper::new();
    let form = ("Content-Type", "application/x-www-form-urlencoded");

    let elsewhere = [form, ("Referer", "https://evil.example/page")];
    let refused = post_with_headers(&shop, "/cart/add", "product_id=1", &elsewhere);
    assert_eq!(refused.status(), Status::Forbidden);
    drop(refused);
    assert_eq!(shop.cart()["item_count"], 0);

    let here = [form, ("Referer", "http://127.0.0.1:8000/products/1")];
    let added = post_with_headers(&shop, "/cart/add", "product_id=1", &here);
    assert_eq!(added.status(), Status::SeeOther);
}

#[test]
fn behind_a_proxy_posts_must_come_from_the_public_origin() {
    let shop =
        Shopper::with(crate::helpers::figment().merge(("public_origin", "https://shop.example")));
    let form = ("Content-Type", "application/x-www-form-urlencoded");

    let direct = [form, ("Origin", "http://127.0.0.1:8000")];
    let refused = post_with_headers(&shop, "/cart/add", "product_id=1", &direct);
    assert_eq!(refused.status(), Status::Forbidden);
    drop(refused);

    let public = [form, ("Origin", "https://shop.example")];
    let added = post_with_headers(&shop, "/cart/add", "product_id=1", &public);
    assert_eq!(added.status(), Status::SeeOther);
    drop(added);
    assert_eq!(shop.cart()["item_count"], 1);
}

#[test]
fn a_public_origin_that_is_not_an_origin_stops_the_launch() {
    let figment = crate::helpers::figment().merge(("public_origin", "shop.example"));
    let rocket = session_shop::rocket_with(figment, session_shop::clock::Clock::System);
    match rocket::local::blocking::Client::untracked(rocket) {
        Ok(_) => panic!("the app launched with public_origin = \"shop.example\""),
        Err(error) => match error.kind() {
            rocket::error::ErrorKind::FailedFairings(failed) => {
                assert_eq!(failed[0].name, "Session Shop settings");
            }
            other => panic!("the launch failed otherwise: {other:?}"),
        },
    }
}

#[test]
fn a_post_that_is_not_a_form_is_a_415_on_every_route_and_changes_nothing() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    for path in POST_ROUTES {
        for kind in ["text/plain", "application/json"] {
            let response =
                post_with_headers(&shop, path, "product_id=2", &[("Content-Type", kind)]);
            assert_eq!(
                response.status(),
                Status::UnsupportedMediaType,
                "{path} as {kind}"
            );
            assert_eq!(
                testid_text(&crate::helpers::body(response), "error-message").as_deref(),
                Some("This form was sent in a way the shop cannot read. Send it from the shop’s own page."),
            );
        }
        let untyped = post_with_headers(&shop, path, "product_id=2", &[]);
        assert_eq!(
            untyped.status(),
            Status::UnsupportedMediaType,
            "{path} untyped"
        );
    }
    assert_eq!(shop.cart()["item_count"], 1);
}

/// `fields` as a `multipart/form-data` body with the boundary `XBOUNDARY`.
fn multipart(fields: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--XBOUNDARY\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body + "--XBOUNDARY--\r\n"
}

#[test]
fn a_form_sent_as_multipart_form_data_is_read_like_any_other() {
    let shop = Shopper::new();
    let token = shop.csrf_token();
    let kind = rocket::http::ContentType::new("multipart", "form-data")
        .with_params(("boundary", "XBOUNDARY"));

    let added = shop.send(
        shop.client
            .post("/cart/add")
            .header(kind.clone())
            .body(multipart(&[
                ("csrf_token", &token),
                ("product_id", "1"),
                ("quantity", "2"),
            ])),
    );
    assert_eq!(added.status(), Status::SeeOther);
    drop(added);
    assert_eq!(shop.cart()["item_count"], 2);

    let forged = shop.send(
        shop.client
            .post("/cart/add")
            .header(kind)
            .body(multipart(&[("csrf_token", "forged"), ("product_id", "1")])),
    );
    assert_eq!(forged.status(), Status::Forbidden);
    drop(forged);
    assert_eq!(shop.cart()["item_count"], 2);
}

#[test]
fn a_form_over_the_limit_is_a_413_and_the_cart_is_unchanged() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let token = shop.csrf_token();
    let padding = "x".repeat(40 * 1024);
    let body = format!("csrf_token={token}&product_id=2&quantity=1&note={padding}");
    let response = shop.post_raw("/cart/add", &body);
    assert_eq!(response.status(), Status::PayloadTooLarge);
    assert!(crate::helpers::body(response).contains("role=\"alert\""));
    assert_eq!(shop.cart()["item_count"], 1);
}

#[test]
fn a_line_past_the_50th_product_is_refused() {
    let catalog = "currency = \"EUR\"\n".to_owned()
        + &(1..=60)
            .map(|id| {
                format!(
                    "[[products]]\nid = {id}\nname = \"Item {id}\"\ndescription = \"d\"\n\
                     price_cents = 100\nimage = \"img/rocket-mug.svg\"\n"
                )
            })
            .collect::<String>();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, catalog.as_bytes()).unwrap();
    let shop = Shopper::with(crate::helpers::figment().merge(("catalog_path", file.path())));
    for id in 1..=MAX_LINES as u32 {
        assert_eq!(shop.add_to_cart(id, "1").status(), Status::SeeOther);
    }
    let response = shop.add_to_cart(51, "1");
    assert_eq!(response.status(), Status::UnprocessableEntity);
    assert!(testid_text(&crate::helpers::body(response), "form-error")
        .unwrap()
        .contains("50 different products"));
    assert_eq!(shop.cart()["lines"].as_array().unwrap().len(), MAX_LINES);
}

#[test]
fn the_largest_possible_cart_fits_in_the_cookie() {
    let shop = Shopper::new();
    let products = shop.get("/api/products").into_string().unwrap();
    let products: serde_json::Value = serde_json::from_str(&products).unwrap();
    for product in products.as_array().unwrap() {
        let id = product["id"].as_u64().unwrap() as u32;
        assert_eq!(shop.add_to_cart(id, "99").status(), Status::SeeOther);
    }
    let size = shop.session_cookie_size();
    assert!(size <= 4096, "{size} bytes");
    assert_eq!(
        shop.cart()["item_count"],
        99 * products.as_array().unwrap().len()
    );
}

#[test]
fn products_taken_off_sale_leave_the_cart_with_a_notice_that_counts_them() {
    let gone_one = "One item in your cart is no longer sold and was removed.";
    let gone_two = "2 items in your cart are no longer sold and were removed.";
    for (gone, notice, left) in [(&[1][..], gone_one, 1), (&[1, 2][..], gone_two, 0)] {
        let shop = Shopper::new();
        shop.add_to_cart(1, "2");
        shop.add_to_cart(2, "1");
        let cookie = shop.session_cookie().unwrap();

        // The same shop, after the products `gone` left the catalog.
        let mut catalog = std::fs::read_to_string("data/catalog.toml").unwrap();
        for id in gone {
            catalog = catalog.replacen(&format!("id = {id}\n"), &format!("id = 100{id}\n"), 1);
        }
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, catalog.as_bytes()).unwrap();
        let later = Shopper::with(crate::helpers::figment().merge(("catalog_path", file.path())));
        later.set_session_cookie(&cookie);
        let (status, html) = later.visit("/cart");
        assert_eq!(status, Status::Ok);
        assert_eq!(testid_text(&html, "notice").unwrap(), notice);
        assert_eq!(testid_text(&html, "cart-count").unwrap(), left.to_string());
        assert!(testid_text(&html, "line-name-1").is_none());
        assert_eq!(later.cart()["item_count"], left);
    }
}

#[test]
fn a_refused_update_is_shown_on_its_line_with_the_typed_value_and_a_summary() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    shop.add_to_cart(3, "1");
    let response = shop.update_line(3, "12x");
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = crate::helpers::body(response);
    assert_eq!(
        testid_text(&html, "error-quantity-3").unwrap(),
        "Quantity of Session Cookie Jar must be a whole number from 0 to 99 (0 removes the item)."
    );
    assert!(html.contains(
        "value=\"12x\" aria-invalid=\"true\" aria-describedby=\"quantity-3-error\" data-testid=\"line-quantity-3\""
    ));
    assert!(html.contains("id=\"quantity-3-error\""));
    assert!(html.contains("value=\"2\" data-testid=\"line-quantity-1\""));
    assert!(html.contains("role=\"alert\" tabindex=\"-1\" autofocus data-testid=\"error-summary\""));
    assert!(html.contains("href=\"#quantity-3\" id=\"error-link-quantity-3\""));
    assert_eq!(
        testid_text(&html, "error-link-quantity-3").unwrap(),
        "Quantity of Session Cookie Jar must be a whole number from 0 to 99 (0 removes the item)."
    );
}

#[test]
fn an_add_from_the_grid_comes_back_to_its_card_with_the_message_in_it() {
    let shop = Shopper::new();
    let response = shop.submit(
        "/cart/add",
        &[
            ("product_id", "4"),
            ("quantity", "2"),
            ("next", "/?sort=price_asc#product-4"),
        ],
    );
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        crate::helpers::location(&response),
        "/?sort=price_asc#product-4"
    );
    let html = shop.visit("/?sort=price_asc").1;
    let card = html.find("id=\"product-4\"").expect("the card");
    let flash = html.find("data-testid=\"flash\"").expect("the message");
    let card_end = html[card..].find("</li>").unwrap() + card;
    assert!(
        card < flash && flash < card_end,
        "the message is in the card"
    );
}
