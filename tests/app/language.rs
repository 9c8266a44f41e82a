//! English and Spanish: the browser's preference, the visitor's choice, and
//! the parts that never change language.

use rocket::http::Status;

use crate::helpers::{body, location, testid_text, Shopper};

/// Every page a visitor can see.
/// Pages in the layout, each with the status it answers a signed-in
/// shopper with one item in the cart.
const PAGES: &[(&str, Status)] = &[
    ("/", Status::Ok),
    ("/products/1", Status::Ok),
    ("/cart", Status::Ok),
    ("/login", Status::Ok),
    ("/session", Status::Ok),
    ("/checkout", Status::Ok),
    ("/nope", Status::NotFound),
];

#[test]
fn a_browser_without_a_preference_gets_english() {
    let shop = Shopper::new();
    let (_, html) = shop.visit("/");
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(testid_text(&html, "product-price-1").unwrap(), "€14.50");
    assert_eq!(testid_text(&html, "nav-login").unwrap(), "Log in");
}

#[test]
fn a_spanish_browser_gets_spanish_text_and_money() {
    let shop = Shopper::new().speaking("es-ES,es;q=0.9,en;q=0.5");
    let (_, html) = shop.visit("/");
    assert!(html.contains("<html lang=\"es\">"));
    assert_eq!(testid_text(&html, "product-link-1").unwrap(), "Taza Rocket");
    assert_eq!(
        testid_text(&html, "product-price-1").unwrap(),
        "14,50\u{a0}€"
    );
    assert_eq!(testid_text(&html, "nav-login").unwrap(), "Iniciar sesión");
}

#[test]
fn choosing_a_language_keeps_it_whatever_the_browser_says() {
    let shop = Shopper::new().speaking("en-US");
    let response = shop.submit("/lang", &[("lang", "es"), ("next", "/cart")]);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/cart");
    let (_, html) = shop.visit("/cart");
    assert!(html.contains("<html lang=\"es\">"));
    assert_eq!(
        testid_text(&html, "flash").unwrap(),
        "La tienda ahora habla español."
    );
    shop.add_to_cart(1, "2");
    let html = shop.visit("/cart").1;
    assert_eq!(
        testid_text(&html, "flash").unwrap(),
        "Has añadido 2 × Taza Rocket a tu carrito."
    );
    assert_eq!(testid_text(&html, "line-total-1").unwrap(), "29,00\u{a0}€");
    shop.submit("/lang", &[("lang", "en")]);
    assert!(shop.visit("/").1.contains("<html lang=\"en\">"));
}

#[test]
fn a_language_choice_without_next_or_with_a_foreign_next_goes_home() {
    let shop = Shopper::new();
    assert_eq!(location(&shop.submit("/lang", &[("lang", "es")])), "/");
    let response = shop.submit("/lang", &[("lang", "es"), ("next", "//evil.example")]);
    assert_eq!(location(&response), "/");
}

#[test]
fn an_unknown_language_is_a_422_and_changes_nothing() {
    let shop = Shopper::new();
    for lang in ["fr", "", "ES ", "english"] {
        let response = shop.submit("/lang", &[("lang", lang)]);
        assert_eq!(response.status(), Status::UnprocessableEntity, "{lang:?}");
    }
    assert!(shop.visit("/").1.contains("<html lang=\"en\">"));
}

#[test]
fn a_language_choice_needs_the_csrf_token() {
    let shop = Shopper::new();
    shop.csrf_token();
    assert_eq!(
        shop.post_raw("/lang", "lang=es").status(),
        Status::Forbidden
    );
    assert!(shop.visit("/").1.contains("<html lang=\"en\">"));
}

#[test]
fn every_page_renders_in_both_languages() {
    for languages in ["en", "es"] {
        let shop = Shopper::new().speaking(languages);
        shop.log_in_as("alice");
        shop.add_to_cart(1, "1");
        for &(path, status) in PAGES {
            let response = shop.get(path);
            assert_eq!(response.status(), status, "{languages} {path}");
            let html = body(response);
            assert!(
                html.contains(&format!("<html lang=\"{languages}\">")),
                "{languages} {path}"
            );
        }
    }
}

#[test]
fn error_pages_and_form_errors_follow_the_language() {
    let shop = Shopper::new().speaking("es");
    let html = shop.visit("/nope").1;
    assert_eq!(
        testid_text(&html, "error-message").unwrap(),
        "No hemos encontrado esa página. Revisa la dirección o vuelve a la tienda."
    );
    let html = body(shop.add_to_cart(1, "abc"));
    assert_eq!(
        testid_text(&html, "form-error").unwrap(),
        "La cantidad debe ser un número entero del 1 al 99."
    );
    let html = body(shop.submit("/login", &[("username", "alice"), ("password", "nope")]));
    assert_eq!(
        testid_text(&html, "login-error").unwrap(),
        "Usuario o contraseña incorrectos."
    );
}

#[test]
fn the_article_routes_and_the_api_stay_as_specified_in_spanish() {
    let shop = Shopper::new().speaking("es");
    shop.submit("/lang", &[("lang", "es")]);
    assert_eq!(shop.get("/test/session/set").into_string().unwrap(), "Test");
    assert_eq!(shop.tutorial_check().1, "Logged in as user");
    shop.add_to_cart(1, "1");
    // The API keeps its field names; its names and messages speak Spanish.
    let line = &shop.cart()["lines"][0];
    assert_eq!(line["name"], "Taza Rocket");
    assert_eq!(line["unit_price_cents"], 1450);
    assert_eq!(shop.cart()["currency"], "EUR");
    let api_404: serde_json::Value =
        serde_json::from_str(&shop.get("/api/nope").into_string().unwrap()).unwrap();
    assert_eq!(api_404["error"]["title"], "No encontrado");
}

#[test]
fn the_chosen_language_survives_signing_out_and_resetting_the_session() {
    let shop = Shopper::new();
    shop.submit("/lang", &[("lang", "es")]);
    shop.log_in_as("alice");
    let response = shop.log_out();
    assert_eq!(response.status(), Status::SeeOther);
    let html = shop.visit("/").1;
    assert!(html.contains("<html lang=\"es\">"), "after signing out");
    assert_eq!(
        testid_text(&html, "flash").as_deref(),
        Some(
            "Has salido de tu cuenta: la tienda ha terminado tu sesión, carrito incluido, \
             y ha empezado una nueva y vacía en el mismo idioma."
        )
    );
    shop.reset_session();
    let html = shop.visit("/session").1;
    assert!(html.contains("<html lang=\"es\">"), "after a reset");
    assert_eq!(shop.tutorial_check().1, "You are not logged in");
}

#[test]
fn signing_in_as_another_account_keeps_the_language_too() {
    let shop = Shopper::new();
    shop.submit("/lang", &[("lang", "es")]);
    shop.log_in_as("alice");
    shop.log_in_as("bob");
    assert!(shop.visit("/cart").1.contains("<html lang=\"es\">"));
}
