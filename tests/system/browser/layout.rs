//! How the pages fit: nothing scrolls sideways on phones, the header stays a
//! compact bar, the grid shows two columns; and screenshots of every main
//! page at phone and desktop widths, in `target/screenshots/`.

use super::Browser;

browser_tests![
    no_main_page_scrolls_sideways_on_phones_in_english,
    no_main_page_scrolls_sideways_on_phones_in_spanish,
    the_phone_grid_shows_two_cards_in_its_first_row,
];

/// The phone widths every main page must fit without scrolling sideways.
const PHONES: [u32; 2] = [320, 390];
/// The widths every main page is photographed at.
const SCREENSHOTS: [u32; 2] = [390, 1280];
/// The tallest the header may be on a 390 px phone.
const MAX_PHONE_HEADER: f64 = 128.0;

/// Puts a shopper speaking `lang` where every main page can be shown: two
/// products in the cart, signed in as alice, shipping details given.
async fn prepare_a_shopper(browser: &Browser, lang: &str) {
    browser.goto("/").await;
    browser.speak(lang).await;
    browser.add_from_grid(1, "2").await;
    browser.add_from_grid(5, "1").await;
    browser.log_in_as("alice").await;
    browser.give_shipping_details().await;
}

/// The main pages a shopper with a cart and shipping details can see
/// (the order's page comes after them), by name.
const MAIN_PAGES: [(&str, &str); 9] = [
    ("home", "/"),
    ("product", "/products/1"),
    ("cart", "/cart"),
    ("login", "/login"),
    ("checkout", "/checkout"),
    ("review", "/checkout/review"),
    ("session", "/session"),
    ("learn", "/learn"),
    ("not-found", "/no-such-page"),
];

/// Checks the page that is open at each phone width, then photographs it.
async fn check_and_photograph(browser: &Browser, lang: &str, name: &str) {
    let path = browser.path().await;
    for width in PHONES {
        browser.resize(width, 900).await;
        let overflow = browser.sideways_overflow().await;
        assert_eq!(overflow, 0, "{lang} {path} at {width} px scrolls sideways");
    }
    browser.resize(390, 900).await;
    let header = browser
        .find(".site-header")
        .await
        .rectangle()
        .await
        .unwrap();
    assert!(
        header.3 <= MAX_PHONE_HEADER,
        "{lang} {path}: the header is {} px tall at 390 px",
        header.3
    );
    for width in SCREENSHOTS {
        browser
            .screenshot(&format!("{name}-{lang}-{width}"), width)
            .await;
    }
    browser.resize(390, 900).await;
}

fn every_main_page_fits_phones(browser: &Browser, lang: &str) {
    browser.run(async {
        prepare_a_shopper(browser, lang).await;
        for (name, path) in MAIN_PAGES {
            browser.goto(path).await;
            check_and_photograph(browser, lang, name).await;
        }
        browser.goto("/checkout/review").await;
        browser.click_and_wait("#place-order").await;
        assert!(browser.path().await.starts_with("/orders/"));
        check_and_photograph(browser, lang, "order").await;
        // An empty cart, signed out: the guest's header.
        browser.click_and_wait("#logout-button").await;
        browser.goto("/cart").await;
        check_and_photograph(browser, lang, "cart-empty").await;
    });
}

fn no_main_page_scrolls_sideways_on_phones_in_english(browser: &Browser) {
    every_main_page_fits_phones(browser, "en");
}

fn no_main_page_scrolls_sideways_on_phones_in_spanish(browser: &Browser) {
    every_main_page_fits_phones(browser, "es");
}

fn the_phone_grid_shows_two_cards_in_its_first_row(browser: &Browser) {
    browser.run(async {
        browser.goto("/").await;
        for width in PHONES {
            browser.resize(width, 900).await;
            let cards = browser
                .find_all("[data-testid=\"product-grid\"] [data-product-id]")
                .await;
            let mut tops = Vec::new();
            for card in cards.iter().take(3) {
                tops.push(card.rectangle().await.unwrap().1);
            }
            assert_eq!(tops[0], tops[1], "two cards side by side at {width} px");
            assert!(
                tops[2] > tops[0],
                "the third card starts a new row at {width} px"
            );
        }
    });
}
