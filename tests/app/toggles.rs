//! Add to cart and Remove, toggled on the grid's cards and the product
//! page: each button is a plain form, pressed here as a browser would.

use rocket::http::Status;
use scraper::{Html, Selector};

use crate::helpers::{body, form_of, location, testid_text, Shopper};

/// What each language says for the Crab Plushie (product 2) and the
/// Orbit Notebook (product 5).
struct Words {
    lang: &'static str,
    add_crab: &'static str,
    remove_crab: &'static str,
    added_crab: &'static str,
    removed_crab: &'static str,
    remove_notebook: &'static str,
    removed_notebook: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    add_crab: "Add to cart: Crab Plushie",
    remove_crab: "Remove Crab Plushie",
    added_crab: "Added 1 × Crab Plushie to your cart.",
    removed_crab: "Removed Crab Plushie from your cart.",
    remove_notebook: "Remove Orbit Notebook",
    removed_notebook: "Removed Orbit Notebook from your cart.",
};

const SPANISH: Words = Words {
    lang: "es",
    add_crab: "Añadir al carrito: Cangrejo de peluche",
    remove_crab: "Quitar Cangrejo de peluche",
    added_crab: "Has añadido 1 × Cangrejo de peluche a tu carrito.",
    removed_crab: "Has quitado Cangrejo de peluche de tu carrito.",
    remove_notebook: "Quitar Cuaderno Órbita",
    removed_notebook: "Has quitado Cuaderno Órbita de tu carrito.",
};

/// A new visitor who chose `lang`.
fn shopper_speaking(lang: &str) -> Shopper {
    let shop = Shopper::new();
    let chosen = shop.submit("/lang", &[("lang", lang)]);
    assert_eq!(chosen.status(), Status::SeeOther);
    drop(chosen);
    shop.visit("/"); // the language's message is read
    shop
}

/// How many elements of `html` match `css`.
fn count(html: &str, css: &str) -> usize {
    let selector = Selector::parse(css).expect("a valid selector");
    Html::parse_document(html).select(&selector).count()
}

/// The text of the flash message inside the card of product `id`.
fn flash_in_card(html: &str, id: u32) -> Option<String> {
    let selector = format!("#product-{id} [data-testid=flash]");
    let selector = Selector::parse(&selector).expect("a valid selector");
    let page = Html::parse_document(html);
    let flash = page.select(&selector).next()?;
    Some(crate::helpers::text_of(flash))
}

#[test]
fn a_grid_card_offers_add_to_cart_then_remove_then_add_again_in_both_languages() {
    for words in [ENGLISH, SPANISH] {
        let lang = words.lang;
        let shop = shopper_speaking(lang);
        let grid = shop.visit("/?sort=price_asc").1;
        assert_eq!(
            testid_text(&grid, "add-to-cart-2").as_deref(),
            Some(words.add_crab)
        );
        assert_eq!(count(&grid, "#remove-from-cart-2"), 0, "{lang}");

        let added = shop.press(&grid, "add-to-cart-2");
        assert_eq!(added.status(), Status::SeeOther, "{lang}");
        assert_eq!(location(&added), "/?sort=price_asc#product-2", "{lang}");
        drop(added);
        let grid = shop.visit("/?sort=price_asc").1;
        assert_eq!(count(&grid, "#add-to-cart-2"), 0, "{lang}: Add gave way");
        assert_eq!(
            testid_text(&grid, "remove-from-cart-2").as_deref(),
            Some(words.remove_crab)
        );
        assert_eq!(flash_in_card(&grid, 2).as_deref(), Some(words.added_crab));
        assert_eq!(testid_text(&grid, "cart-count").as_deref(), Some("1"));
        // Every other card still offers Add to cart.
        assert_eq!(count(&grid, "[data-testid^=remove-from-cart-form-]"), 1);

        let removed = shop.press(&grid, "remove-from-cart-2");
        assert_eq!(removed.status(), Status::SeeOther, "{lang}");
        assert_eq!(location(&removed), "/?sort=price_asc#product-2", "{lang}");
        drop(removed);
        let grid = shop.visit("/?sort=price_asc").1;
        assert_eq!(
            testid_text(&grid, "add-to-cart-2").as_deref(),
            Some(words.add_crab)
        );
        assert_eq!(count(&grid, "#remove-from-cart-2"), 0, "{lang}");
        assert_eq!(flash_in_card(&grid, 2).as_deref(), Some(words.removed_crab));
        assert_eq!(testid_text(&grid, "cart-count").as_deref(), Some("0"));
        assert_eq!(shop.cart()["lines"], serde_json::json!([]));
    }
}

#[test]
fn the_grid_has_no_quantity_box_and_its_add_to_cart_adds_one() {
    let shop = Shopper::new();
    let grid = shop.visit("/").1;
    assert_eq!(count(&grid, "#product-grid input[name=quantity]"), 0);
    let (action, fields) = form_of(&grid, "add-to-cart-7");
    assert_eq!(action, "/cart/add");
    let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["csrf_token", "product_id", "next"]);

    let added = shop.press(&grid, "add-to-cart-7");
    assert_eq!(added.status(), Status::SeeOther);
    drop(added);
    let cart = shop.cart();
    assert_eq!(cart["lines"][0]["product_id"], 7);
    assert_eq!(cart["lines"][0]["quantity"], 1);
}

#[test]
fn the_product_page_adds_any_quantity_and_offers_remove_while_the_cart_holds_it() {
    for words in [ENGLISH, SPANISH] {
        let lang = words.lang;
        let shop = shopper_speaking(lang);
        let page = shop.visit("/products/5").1;
        assert_eq!(count(&page, "#remove-from-cart-5"), 0, "{lang}");
        assert_eq!(count(&page, "[data-testid=in-cart]"), 0, "{lang}");

        let added = shop.add_to_cart(5, "3");
        assert_eq!(added.status(), Status::SeeOther);
        drop(added);
        let page = shop.visit("/products/5").1;
        assert_eq!(testid_text(&page, "in-cart-count").as_deref(), Some("3"));
        assert_eq!(
            testid_text(&page, "remove-from-cart-5").as_deref(),
            Some(words.remove_notebook)
        );
        // Add to cart stays, to add more of it.
        assert_eq!(count(&page, "#add-to-cart-5"), 1, "{lang}");

        let removed = shop.press(&page, "remove-from-cart-5");
        assert_eq!(removed.status(), Status::SeeOther, "{lang}");
        assert_eq!(location(&removed), "/products/5", "{lang}");
        drop(removed);
        let page = shop.visit("/products/5").1;
        assert_eq!(
            testid_text(&page, "flash").as_deref(),
            Some(words.removed_notebook)
        );
        assert_eq!(count(&page, "#remove-from-cart-5"), 0, "{lang}");
        assert_eq!(count(&page, "[data-testid=in-cart]"), 0, "{lang}");
        assert_eq!(count(&page, "#add-to-cart-5"), 1, "{lang}");
        assert_eq!(shop.cart()["item_count"], 0);
    }
}

#[test]
fn a_remove_without_the_right_token_or_for_an_unknown_product_changes_nothing() {
    let shop = Shopper::new();
    shop.add_to_cart(2, "2");
    let grid = shop.visit("/").1;
    let (action, fields) = form_of(&grid, "remove-from-cart-2");
    let cookie = shop.session_cookie();
    let cart = shop.cart();
    let with_token = |token: Option<&str>, product_id: &str| -> String {
        let mut sent: Vec<(&str, &str)> = Vec::new();
        for (name, value) in &fields {
            match name.as_str() {
                "csrf_token" => sent.extend(token.map(|token| ("csrf_token", token))),
                "product_id" => sent.push(("product_id", product_id)),
                _ => sent.push((name, value)),
            }
        }
        crate::helpers::encode_form(&sent)
    };
    let token = shop.csrf_token();
    for (body_sent, status) in [
        (with_token(None, "2"), Status::Forbidden),
        (with_token(Some(""), "2"), Status::Forbidden),
        (with_token(Some("forged"), "2"), Status::Forbidden),
        (with_token(Some(&token), "999"), Status::NotFound),
        (with_token(Some(&token), "two"), Status::NotFound),
    ] {
        let response = shop.post_raw(&action, &body_sent);
        assert_eq!(response.status(), status, "{body_sent}");
        assert_eq!(location(&response), "", "no redirect: {body_sent}");
        let page = body(response);
        assert_eq!(count(&page, "[role=alert]"), 1, "{body_sent}: {page}");
        assert_eq!(shop.session_cookie(), cookie, "{body_sent}");
    }
    assert_eq!(shop.cart(), cart);
    let grid = shop.visit("/").1;
    assert_eq!(count(&grid, "#remove-from-cart-2"), 1);
    assert_eq!(count(&grid, "[data-testid=flash]"), 0);
}

#[test]
fn a_remove_goes_back_to_a_local_next_page_only() {
    let shop = Shopper::new();
    for (next, back_to) in [
        ("/products/2", "/products/2"),
        ("https://evil.example/", "/cart"),
        ("//evil.example", "/cart"),
    ] {
        shop.add_to_cart(2, "1");
        let response = shop.submit("/cart/remove", &[("product_id", "2"), ("next", next)]);
        assert_eq!(response.status(), Status::SeeOther);
        assert_eq!(location(&response), back_to, "{next}");
    }
}

#[test]
fn the_error_users_remove_from_a_card_fails_in_that_card_and_keeps_the_line() {
    let shop = Shopper::new();
    assert_eq!(shop.log_in_as("error").status(), Status::SeeOther);
    shop.add_to_cart(4, "1");
    let grid = shop.visit("/").1;
    let removed = shop.press(&grid, "remove-from-cart-4");
    assert_eq!(removed.status(), Status::SeeOther);
    assert_eq!(location(&removed), "/?sort=featured#product-4");
    drop(removed);
    let grid = shop.visit("/").1;
    let alert = Selector::parse("#product-4 [data-testid=flash][role=alert]").unwrap();
    let page = Html::parse_document(&grid);
    let flash = page.select(&alert).next().expect("the alert in the card");
    assert_eq!(
        crate::helpers::text_of(flash),
        "Sorry, that item could not be removed. Nothing was changed; please try again."
    );
    assert_eq!(count(&grid, "#remove-from-cart-4"), 1, "still in the cart");
    assert_eq!(shop.cart()["item_count"], 1);
}
