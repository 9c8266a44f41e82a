//! The storefront: the grid, its sort orders, and product pages.

use rocket::http::Status;
use session_shop::catalog::Catalog;
use session_shop::lang::Lang;

use crate::helpers::{encode_form, testid_text, Shopper};

fn catalog() -> Catalog {
    Catalog::from_toml(&std::fs::read_to_string("data/catalog.toml").unwrap()).unwrap()
}

/// Product ids in the order the grid shows them.
fn grid_order(html: &str) -> Vec<u32> {
    html.match_indices("data-testid=\"product-card-")
        .map(|(at, marker)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

#[test]
fn the_catalog_has_at_least_twelve_products() {
    assert!(catalog().products().len() >= 12);
}

#[test]
fn the_grid_lists_every_product_with_name_price_image_and_form() {
    let shop = Shopper::new();
    let (status, html) = shop.visit("/");
    assert_eq!(status, Status::Ok);
    let catalog = catalog();
    for product in catalog.products() {
        let id = product.id;
        assert_eq!(
            testid_text(&html, &format!("product-link-{id}")).unwrap(),
            product.name
        );
        assert_eq!(
            testid_text(&html, &format!("product-price-{id}")).unwrap(),
            catalog.currency().format(product.price_cents, Lang::En)
        );
        assert!(html.contains(&format!("src=\"/static/{}?v=", product.image)));
        assert!(html.contains(&format!("data-testid=\"add-to-cart-{id}\"")));
    }
}

#[test]
fn the_grid_sorts_by_name_and_price_both_ways() {
    let shop = Shopper::new();
    let catalog = catalog();
    let by = |sort: &str| grid_order(&shop.visit(&format!("/?sort={sort}")).1);
    let mut by_name: Vec<_> = catalog.products().iter().collect();
    by_name.sort_by_key(|p| p.name.to_lowercase());
    let names: Vec<u32> = by_name.iter().map(|p| p.id.0).collect();
    assert_eq!(by("name_asc"), names);
    assert_eq!(
        by("name_desc"),
        names.iter().rev().copied().collect::<Vec<_>>()
    );
    let prices: Vec<u64> = by("price_asc")
        .iter()
        .map(|&id| {
            catalog
                .get(session_shop::catalog::ProductId(id))
                .unwrap()
                .price_cents
                .get()
        })
        .collect();
    assert!(prices.windows(2).all(|w| w[0] <= w[1]), "{prices:?}");
    let mut descending = by("price_desc");
    descending.reverse();
    assert_eq!(descending, by("price_asc"));
}

/// The product names of the grid, in the order it shows them.
fn grid_names(html: &str) -> Vec<String> {
    grid_order(html)
        .into_iter()
        .map(|id| testid_text(html, &format!("product-link-{id}")).unwrap())
        .collect()
}

/// The shipped catalog's names, A to Z, as an English reader sorts them.
const ENGLISH_A_TO_Z: [&str; 14] = [
    "Borrow Checker Pin",
    "Cargo Tote Bag",
    "Crab Plushie",
    "Escape Keycap",
    "Ferris Sticker Pack",
    "Fuel Cell Water Bottle",
    "Launch Hoodie",
    "Lifetime Socks",
    "Mission Control Cap",
    "Nebula Poster",
    "Orbit Notebook",
    "Rocket Mug",
    "Session Cookie Jar",
    "Starfield Tea Towel",
];

/// The same products' Spanish names, A to Z, as a Spanish reader sorts
/// them (accents folded: "Póster" among the P's, after "Pin").
const SPANISH_A_TO_Z: [&str; 14] = [
    "Bolsa Cargo",
    "Botella Pila de Combustible",
    "Calcetines Lifetime",
    "Cangrejo de peluche",
    "Cuaderno Órbita",
    "Gorra Control de Misión",
    "Paño de cocina Estrellas",
    "Pegatinas de Ferris",
    "Pin del Borrow Checker",
    "Póster Nebulosa",
    "Sudadera Lanzamiento",
    "Tarro de cookies de sesión",
    "Taza Rocket",
    "Tecla Escape",
];

#[test]
fn name_sorts_follow_the_chosen_languages_alphabet_for_guests_and_signed_in_shoppers() {
    for account in [None, Some("alice"), Some("problem")] {
        for (lang, a_to_z) in [("es", SPANISH_A_TO_Z), ("en", ENGLISH_A_TO_Z)] {
            let shop = Shopper::new();
            if let Some(username) = account {
                assert_eq!(shop.log_in_as(username).status(), Status::SeeOther);
            }
            assert_eq!(
                shop.submit("/lang", &[("lang", lang)]).status(),
                Status::SeeOther
            );
            let z_to_a: Vec<&str> = a_to_z.iter().rev().copied().collect();

            let (status, html) = shop.visit("/?sort=name_asc");
            assert_eq!(status, Status::Ok);
            assert_eq!(grid_names(&html), a_to_z, "{lang} A–Z as {account:?}");
            let (status, html) = shop.visit("/?sort=name_desc");
            assert_eq!(status, Status::Ok);
            assert_eq!(grid_names(&html), z_to_a, "{lang} Z–A as {account:?}");
        }
    }
}

#[test]
fn a_grid_shown_again_from_kept_cards_carries_this_visitors_token_and_message() {
    let shop = Shopper::new();
    let tokens = |html: &str| -> Vec<String> {
        let page = scraper::Html::parse_document(html);
        let selector = scraper::Selector::parse("form [name=csrf_token]").unwrap();
        page.select(&selector)
            .map(|input| input.value().attr("value").unwrap().to_owned())
            .collect()
    };
    let first = shop.visit("/?sort=name_desc").1;
    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);
    let token = shop.csrf_token();
    let response = shop.submit(
        "/cart/add",
        &[
            ("product_id", "9"),
            ("quantity", "1"),
            ("next", "/?sort=name_desc#product-9"),
        ],
    );
    assert_eq!(response.status(), Status::SeeOther);

    let (status, again) = shop.visit("/?sort=name_desc");
    assert_eq!(status, Status::Ok);
    assert_eq!(grid_order(&again), grid_order(&first));
    let carried = tokens(&again);
    assert!(carried.len() > 14, "{carried:?}");
    assert!(
        carried.iter().all(|t| *t == carried[0]),
        "one token in every form of the page: {carried:?}"
    );
    assert!(!carried[0].contains(&token), "the token is masked");
    let page = scraper::Html::parse_document(&again);
    let in_card = scraper::Selector::parse("#product-9 [data-testid=flash]").unwrap();
    let flash = page
        .select(&in_card)
        .next()
        .expect("the message in its card");
    assert!(flash
        .text()
        .collect::<String>()
        .contains("Borrow Checker Pin"));
    let anywhere = scraper::Selector::parse("[data-testid=flash]").unwrap();
    assert_eq!(page.select(&anywhere).count(), 1);

    let add_with = |sent: &str| {
        let body = encode_form(&[("csrf_token", sent), ("product_id", "2")]);
        shop.post_raw("/cart/add", &body).status()
    };
    assert_eq!(
        add_with(&tokens(&first)[0]),
        Status::Forbidden,
        "signing in renews the token"
    );
    assert_eq!(
        add_with(&carried[0]),
        Status::SeeOther,
        "this visitor's token"
    );
}

#[test]
fn an_unknown_sort_gives_the_catalogs_own_order() {
    let shop = Shopper::new();
    let featured: Vec<u32> = catalog().products().iter().map(|p| p.id.0).collect();
    assert_eq!(grid_order(&shop.visit("/?sort=banana").1), featured);
    assert_eq!(grid_order(&shop.visit("/").1), featured);
}

#[test]
fn a_product_page_shows_the_product_and_its_form() {
    let shop = Shopper::new();
    let (status, html) = shop.visit("/products/1");
    assert_eq!(status, Status::Ok);
    assert_eq!(testid_text(&html, "product-name").unwrap(), "Rocket Mug");
    assert_eq!(testid_text(&html, "product-price").unwrap(), "€14.50");
    assert!(html.contains("<label for=\"product-quantity-1\">"));
}

#[test]
fn an_unknown_product_is_a_404_page_in_the_layout() {
    let shop = Shopper::new();
    for path in [
        "/products/9999",
        "/products/abc",
        "/products/-1",
        "/products/99999999999999",
    ] {
        let (status, html) = shop.visit(path);
        assert_eq!(status, Status::NotFound, "{path}");
        assert!(html.contains("data-testid=\"cart-count\""), "{path}");
        assert!(html.contains("Page not found"), "{path}");
    }
}

#[test]
fn static_files_are_linked_by_version_and_cached_for_a_year_under_it() {
    let shop = Shopper::new();
    let html = shop.visit("/").1;
    let start = html
        .find("/static/css/shop.css?v=")
        .expect("a versioned stylesheet");
    let end = start + html[start..].find('"').unwrap();
    let versioned = &html[start..end];

    let response = shop.get(versioned);
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.headers().get_one("Cache-Control"),
        Some("public, max-age=31536000, immutable")
    );
    for stale in ["/static/css/shop.css", "/static/css/shop.css?v=0000"] {
        let response = shop.get(stale);
        assert_eq!(response.status(), Status::Ok, "{stale}");
        assert_eq!(
            response.headers().get_one("Cache-Control"),
            Some("public, max-age=3600"),
            "{stale}"
        );
    }
}
