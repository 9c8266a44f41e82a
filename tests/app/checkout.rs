//! Checkout: sign-in first, every field checked, one order per cart, and a
//! confirmation only this session can see.

use rocket::http::Status;

use crate::helpers::{location, testid_text, Shopper, GOOD_SHIPPING};

fn signed_in_with_a_cart() -> Shopper {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "2");
    shop.add_to_cart(4, "1");
    shop
}

#[test]
fn a_guest_is_sent_to_log_in_first_and_comes_back() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let response = shop.get("/checkout");
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/login?next=/checkout");
    let (_, html) = shop.visit("/login?next=/checkout");
    assert!(html.contains("name=\"next\" value=\"/checkout\""));
    let response = shop.submit(
        "/login",
        &[
            ("username", "alice"),
            ("password", "rocket-demo"),
            ("next", "/checkout"),
        ],
    );
    assert_eq!(location(&response), "/checkout");
    assert_eq!(shop.get("/checkout").status(), Status::Ok);
}

#[test]
fn an_empty_cart_is_sent_back_to_the_cart() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    let response = shop.get("/checkout");
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/cart");
}

#[test]
fn the_checkout_page_shows_the_summary_and_the_shipping_form() {
    let shop = signed_in_with_a_cart();
    let (status, html) = shop.visit("/checkout");
    assert_eq!(status, Status::Ok);
    assert_eq!(testid_text(&html, "checkout-total").unwrap(), "€83.90");
    for field in ["full_name", "email", "address", "city", "postal_code"] {
        assert!(
            html.contains(&format!("<label for=\"{field}\">")),
            "{field}"
        );
        assert!(html.contains(&format!("name=\"{field}\"")), "{field}");
    }
}

#[test]
fn placing_an_order_empties_the_cart_and_shows_the_confirmation() {
    let shop = signed_in_with_a_cart();
    let response = shop.check_out();
    assert_eq!(response.status(), Status::SeeOther);
    let to = location(&response);
    let id = to.strip_prefix("/orders/").expect("redirects to the order");
    let id = uuid::Uuid::parse_str(id).unwrap();
    assert_eq!(id.get_version_num(), 4);
    assert_eq!(shop.cart()["item_count"], 0);
    let (status, html) = shop.visit(&to);
    assert_eq!(status, Status::Ok);
    assert_eq!(testid_text(&html, "order-id").unwrap(), id.to_string());
    assert_eq!(testid_text(&html, "order-ship-to").unwrap(), "Ada Lovelace");
    assert_eq!(testid_text(&html, "order-line-quantity-1").unwrap(), "2");
    assert_eq!(testid_text(&html, "order-total").unwrap(), "€83.90");
}

#[test]
fn sending_the_place_order_form_twice_places_one_order() {
    let shop = signed_in_with_a_cart();
    shop.give_shipping_details();
    let token = shop.csrf_token();
    let body = crate::helpers::encode_form(&[("csrf_token", token.as_str())]);
    let first = shop.post_raw("/checkout/place", &body);
    let second = shop.post_raw("/checkout/place", &body);
    assert_eq!(first.status(), Status::SeeOther);
    assert_eq!(second.status(), Status::SeeOther);
    assert_eq!(location(&second), location(&first));
    let html = shop.visit(&location(&first)).1;
    assert!(testid_text(&html, "flash")
        .unwrap()
        .contains("already placed"));
}

#[test]
fn every_invalid_field_is_a_422_with_its_message_and_the_cart_is_unchanged() {
    let shop = signed_in_with_a_cart();
    let before = shop.cart();
    let cases = [
        ("full_name", "", "Enter your full name."),
        (
            "full_name",
            &"x".repeat(81),
            "Your name can be at most 80 characters.",
        ),
        ("email", "", "Enter your email address."),
        (
            "email",
            "ada.example.com",
            "Enter an email address like name@example.com.",
        ),
        (
            "email",
            "ada@localhost",
            "Enter an email address like name@example.com.",
        ),
        ("address", "   ", "Enter your street address."),
        ("city", "", "Enter your city."),
        ("postal_code", "", "Enter your postal code."),
        (
            "postal_code",
            "12<34>",
            "A postal code has only letters, digits, spaces and hyphens.",
        ),
    ];
    for (field, value, message) in cases {
        let fields: Vec<(&str, &str)> = GOOD_SHIPPING
            .iter()
            .map(|&(name, good)| (name, if name == field { value } else { good }))
            .collect();
        let response = shop.submit("/checkout", &fields);
        assert_eq!(
            response.status(),
            Status::UnprocessableEntity,
            "{field}={value:?}"
        );
        let html = crate::helpers::body(response);
        assert_eq!(
            testid_text(&html, &format!("error-{field}")).unwrap(),
            message
        );
        assert!(html.contains("role=\"alert\""));
        let described = format!("aria-invalid=\"true\" aria-describedby=\"{field}-error\"");
        assert!(
            html.contains(&described),
            "{field}: the input points at its message"
        );
        assert_eq!(shop.cart(), before);
    }
}

#[test]
fn what_the_buyer_typed_is_escaped_when_shown_again() {
    let shop = signed_in_with_a_cart();
    let script = "<script>alert('x')</script>";
    let fields: Vec<(&str, &str)> = GOOD_SHIPPING
        .iter()
        .map(|&(name, good)| match name {
            "email" => (name, "not-an-email"),
            "city" => (name, script),
            _ => (name, good),
        })
        .collect();
    let html = crate::helpers::body(shop.submit("/checkout", &fields));
    assert!(!html.contains(script));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn a_name_with_markup_is_escaped_on_the_confirmation() {
    let shop = signed_in_with_a_cart();
    let fields: Vec<(&str, &str)> = GOOD_SHIPPING
        .iter()
        .map(|&(name, good)| match name {
            "full_name" => (name, "<b>Ada</b>"),
            _ => (name, good),
        })
        .collect();
    let to = location(&shop.submit("/checkout", &fields));
    let html = shop.visit(&to).1;
    assert!(!html.contains("<b>Ada</b>"));
    assert!(html.contains("&lt;b&gt;Ada&lt;/b&gt;"));
}

#[test]
fn another_visitor_cannot_see_the_order() {
    let shop = signed_in_with_a_cart();
    let to = location(&shop.check_out());
    let stranger = Shopper::new();
    stranger.log_in_as("bob");
    assert_eq!(stranger.get(&to).status(), Status::NotFound);
    assert_eq!(shop.get("/orders/not-a-uuid").status(), Status::NotFound);
    let other = format!("/orders/{}", uuid::Uuid::new_v4());
    assert_eq!(shop.get(&other).status(), Status::NotFound);
}

#[test]
fn a_guest_posting_the_checkout_form_is_sent_to_log_in() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let response = shop.submit("/checkout", GOOD_SHIPPING);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/login?next=/checkout");
    assert_eq!(shop.cart()["item_count"], 1);
}

#[test]
fn the_largest_session_still_fits_in_4096_bytes() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.get("/test/session/set");
    let ids: Vec<u32> = shop.cart_ids_of_every_product();
    let longest_name = "é".repeat(80);
    let fill_cart = || {
        for &id in &ids {
            assert_eq!(shop.add_to_cart(id, "99").status(), Status::SeeOther);
        }
    };
    fill_cart();
    let fields: Vec<(&str, &str)> = GOOD_SHIPPING
        .iter()
        .map(|&(name, good)| {
            if name == "full_name" {
                (name, longest_name.as_str())
            } else {
                (name, good)
            }
        })
        .collect();
    assert_eq!(shop.submit("/checkout", &fields).status(), Status::SeeOther);
    assert_eq!(shop.place_order().status(), Status::SeeOther);
    fill_cart();
    assert_eq!(shop.submit("/checkout", &fields).status(), Status::SeeOther);
    shop.get("/cart");
    let size = shop.session_cookie_size();
    assert!(size <= 4096, "{size} bytes");
}

impl Shopper {
    fn cart_ids_of_every_product(&self) -> Vec<u32> {
        let body = self.get("/api/products").into_string().unwrap();
        let products: serde_json::Value = serde_json::from_str(&body).unwrap();
        products
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap() as u32)
            .collect()
    }
}

#[test]
fn a_checkout_post_without_a_token_is_a_403_for_guests_too() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let body = crate::helpers::encode_form(GOOD_SHIPPING);
    assert_eq!(
        shop.post_raw("/checkout", &body).status(),
        Status::Forbidden
    );
    shop.log_in_as("alice");
    assert_eq!(
        shop.post_raw("/checkout", &body).status(),
        Status::Forbidden
    );
    assert_eq!(shop.cart()["item_count"], 1);
}
