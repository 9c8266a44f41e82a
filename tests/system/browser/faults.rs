//! The `script` persona's faults, which need JavaScript and so a real
//! browser: an alert on Remove, a console error on the product page, a dead
//! Empty cart button, a Full name field that drops every third character,
//! and the Rocket Mug's grid links opening the Crab Plushie. Each is shown
//! for `script` and shown absent for alice.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::Value;

use super::{Browser, Setup};

/// This module's browser tests, and one without JavaScript.
pub fn tests() -> Vec<libtest_mimic::Trial> {
    let mut tests = trials!(
        needs: [Chromium],
        run: |test| test(&Browser::start()),
        tests: [
    the_script_user_accepts_an_alert_and_then_the_line_is_removed,
    alice_removes_a_line_without_an_alert,
    the_script_users_product_page_logs_one_error_in_the_pages_language,
    alices_product_page_logs_nothing,
    the_script_users_empty_cart_button_does_nothing,
    alices_empty_cart_button_empties_the_cart,
    the_script_users_full_name_field_drops_every_third_character_typed,
    alices_full_name_field_keeps_every_character,
    the_script_users_rocket_mug_links_on_the_grid_open_the_crab_plushie,
    alices_grid_links_open_their_own_products,
        ]
    );
    tests.extend(trials!(
        needs: [Chromium],
        run: |test| test(&Browser::start_set_up(Setup {
            no_javascript: true,
            ..Setup::default()
        })),
        tests: [without_javascript_the_script_user_removes_and_empties_like_anyone]
    ));
    tests
}

/// The alert the `script` persona sees on Remove.
const ALERT: &str = "Heads up: this item is about to be removed from your cart.";

/// ChromeDriver's log endpoint (what Selenium's `get_log("browser")`
/// asks): the console messages since the last time it was asked.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type": "browser"}"#.to_owned()),
        )
    }
}

impl Browser {
    /// The console's errors (level `SEVERE`) since the last time asked.
    async fn console_errors(&self) -> Vec<String> {
        let log = self.client.issue_cmd(BrowserLog).await;
        let Value::Array(entries) = log.expect("ChromeDriver answers the browser's log") else {
            panic!("the browser's log is a list")
        };
        entries
            .iter()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The text of the alert that is open, once one is (within 5 s).
    async fn alert_text(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Ok(text) = self.client.get_alert_text().await {
                return text;
            }
            assert!(Instant::now() < deadline, "no alert opened within 5 s");
            rocket::tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Signs in as `username` with a Rocket Mug and a Crab Plushie in the
    /// cart, and opens the cart.
    async fn cart_of(&self, username: &str) {
        self.log_in_as(username).await;
        self.add_from_product_page(1, "2").await;
        self.add_from_grid(2).await;
        self.goto("/cart").await;
    }

    /// The cart lines' product ids, as the page shows them.
    async fn cart_lines(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for line in self
            .find_all("[data-testid=\"cart-table\"] [data-product-id]")
            .await
        {
            ids.push(line.attr("data-product-id").await.unwrap().unwrap());
        }
        ids
    }
}

fn the_script_user_accepts_an_alert_and_then_the_line_is_removed(browser: &Browser) {
    browser.run(async {
        browser.cart_of("script").await;
        browser.mark_page().await;
        browser.find("#remove-line-1").await.click().await.unwrap();
        assert_eq!(browser.alert_text().await, ALERT);
        browser.client.accept_alert().await.unwrap();
        browser.wait_for_new_page().await;
        assert_eq!(browser.path().await, "/cart");
        assert_eq!(browser.cart_lines().await, ["2"]);
        assert_eq!(
            browser.text("flash").await,
            "Removed Rocket Mug from your cart."
        );
        // In Spanish, the alert speaks Spanish.
        browser.speak("es").await;
        browser.mark_page().await;
        browser.find("#remove-line-2").await.click().await.unwrap();
        assert_eq!(
            browser.alert_text().await,
            "Atención: este artículo se va a quitar de tu carrito."
        );
        browser.client.accept_alert().await.unwrap();
        browser.wait_for_new_page().await;
        browser.testid("cart-empty").await;
    });
}

fn alice_removes_a_line_without_an_alert(browser: &Browser) {
    browser.run(async {
        browser.cart_of("alice").await;
        browser.click_and_wait("#remove-line-1").await;
        assert!(browser.client.get_alert_text().await.is_err(), "no alert");
        assert_eq!(browser.cart_lines().await, ["2"]);
        assert_eq!(
            browser.text("flash").await,
            "Removed Rocket Mug from your cart."
        );
    });
}

fn the_script_users_product_page_logs_one_error_in_the_pages_language(browser: &Browser) {
    browser.run(async {
        browser.log_in_as("script").await;
        browser.goto("/cart").await;
        assert_eq!(browser.console_errors().await, Vec::<String>::new());
        for (lang, text) in [
            ("en", "Could not load the recommendations for this product."),
            (
                "es",
                "No se han podido cargar las recomendaciones de este producto.",
            ),
        ] {
            browser.goto("/products/3").await;
            browser.speak(lang).await;
            browser.console_errors().await;
            browser.goto("/products/3").await;
            let errors = browser.console_errors().await;
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(errors[0].contains(text), "{errors:?}");
            // The page itself is whole: its Add to cart works.
            browser.click_and_wait("#add-to-cart-3").await;
            browser.testid("in-cart").await;
        }
    });
}

fn alices_product_page_logs_nothing(browser: &Browser) {
    browser.run(async {
        browser.log_in_as("alice").await;
        browser.goto("/products/3").await;
        assert_eq!(browser.console_errors().await, Vec::<String>::new());
    });
}

fn the_script_users_empty_cart_button_does_nothing(browser: &Browser) {
    browser.run(async {
        browser.cart_of("script").await;
        browser.mark_page().await;
        browser.find("#clear-cart").await.click().await.unwrap();
        // By keyboard too.
        browser
            .js("document.getElementById('clear-cart').focus();")
            .await;
        browser.press(&Key::Enter.to_string()).await;
        // Nothing was sent: the same page stays, with both lines.
        rocket::tokio::time::sleep(Duration::from_millis(500)).await;
        let same = browser
            .js("return window.__sessionShopOldPage === true;")
            .await;
        assert_eq!(same, Value::Bool(true), "the page stayed");
        browser.goto("/cart").await;
        assert_eq!(browser.cart_lines().await, ["1", "2"]);
        assert_eq!(browser.text("cart-item-count").await, "3");
        // Update works.
        browser.fill("#quantity-1", "3").await;
        browser.click_and_wait("#update-line-1").await;
        assert_eq!(browser.text("cart-item-count").await, "4");
    });
}

fn alices_empty_cart_button_empties_the_cart(browser: &Browser) {
    browser.run(async {
        browser.cart_of("alice").await;
        browser.click_and_wait("#clear-cart").await;
        browser.testid("cart-empty").await;
        assert_eq!(browser.text("cart-count").await, "0");
    });
}

/// Types `name` into the empty Full name field and answers what it holds.
async fn type_full_name(browser: &Browser, name: &str) -> String {
    browser.fill("#full_name", name).await;
    let field = browser.find("#full_name").await;
    field.prop("value").await.unwrap().unwrap_or_default()
}

fn the_script_users_full_name_field_drops_every_third_character_typed(browser: &Browser) {
    browser.run(async {
        browser.cart_of("script").await;
        browser.goto("/checkout").await;
        assert_eq!(type_full_name(browser, "Ada Lovelace").await, "Ad Lveac");
        // Clearing does not start the count again: 13, 14, then 15 dropped.
        assert_eq!(type_full_name(browser, "Ada").await, "Ad");
        // Deleting is not counted: A, b, (deleted), c dropped, d.
        browser.goto("/checkout").await;
        browser.find("#full_name").await.clear().await.unwrap();
        let typing = format!("Ab{}cd", Key::Backspace);
        browser
            .find("#full_name")
            .await
            .send_keys(&typing)
            .await
            .unwrap();
        let field = browser.find("#full_name").await;
        assert_eq!(field.prop("value").await.unwrap().as_deref(), Some("Ad"));
        browser.goto("/checkout").await;
        assert_eq!(type_full_name(browser, "Ada Lovelace").await, "Ad Lveac");
        for (field, value) in crate::helpers::GOOD_SHIPPING {
            if *field != "full_name" {
                browser.fill(&format!("#{field}"), value).await;
                let kept = browser.find(&format!("#{field}")).await.prop("value").await;
                assert_eq!(kept.unwrap().as_deref(), Some(*value), "{field}");
            }
        }
        browser.click_and_wait("#continue-to-review").await;
        assert_eq!(browser.text("review-ship-to-name").await, "Ad Lveac");
    });
}

fn alices_full_name_field_keeps_every_character(browser: &Browser) {
    browser.run(async {
        browser.cart_of("alice").await;
        browser.goto("/checkout").await;
        assert_eq!(
            type_full_name(browser, "Ada Lovelace").await,
            "Ada Lovelace"
        );
        assert_eq!(type_full_name(browser, "Ada").await, "Ada");
    });
}

fn the_script_users_rocket_mug_links_on_the_grid_open_the_crab_plushie(browser: &Browser) {
    browser.run(async {
        browser.log_in_as("script").await;
        for link in ["#product-link-1", "#product-image-link-1"] {
            browser.goto("/").await;
            let href = browser.attribute(link, "href").await.unwrap();
            assert!(href.ends_with("/products/1"), "{href}");
            browser.click_and_wait(link).await;
            assert_eq!(browser.path().await, "/products/2", "{link}");
            assert_eq!(browser.text("product-name").await, "Crab Plushie");
        }
        browser.goto("/").await;
        browser.click_and_wait("#product-link-3").await;
        assert_eq!(browser.path().await, "/products/3");
        browser.goto("/products/1").await;
        assert_eq!(browser.text("product-name").await, "Rocket Mug");
    });
}

fn alices_grid_links_open_their_own_products(browser: &Browser) {
    browser.run(async {
        browser.log_in_as("alice").await;
        for (link, path) in [
            ("#product-link-1", "/products/1"),
            ("#product-image-link-1", "/products/1"),
            ("#product-link-3", "/products/3"),
        ] {
            browser.goto("/").await;
            browser.click_and_wait(link).await;
            assert_eq!(browser.path().await, path);
        }
    });
}

/// Without JavaScript the `script` persona's faults are gone: Remove asks
/// nothing, Empty cart empties.
fn without_javascript_the_script_user_removes_and_empties_like_anyone(browser: &Browser) {
    browser.run(async {
        browser.cart_of("script").await;
        browser.click_and_wait("#remove-line-1").await;
        assert!(browser.client.get_alert_text().await.is_err(), "no alert");
        assert_eq!(browser.cart_lines().await, ["2"]);
        browser.click_and_wait("#clear-cart").await;
        browser.testid("cart-empty").await;
    });
}
