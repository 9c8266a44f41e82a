//! Shopping in a real browser: with the mouse, with the keyboard alone, and
//! the article's routes.

use fantoccini::key::Key;

use super::{cents, Browser};

browser_tests![
    a_shopper_buys_from_the_grid_to_the_order_page,
    the_first_add_to_cart_is_five_tabs_from_the_skip_target_and_turns_into_remove,
    the_keyboard_alone_takes_a_shopper_from_login_to_the_order,
    the_article_routes_work_in_a_real_browser,
    the_page_shows_the_shipping_label_ready_at_its_ready_time,
    a_form_sent_once_is_not_sent_again_before_its_answer_comes,
];

fn a_shopper_buys_from_the_grid_to_the_order_page(browser: &Browser) {
    browser.run(async {
        // A Rocket Mug from the grid: back at the card, the message in it,
        // and the card now offers Remove instead of Add to cart.
        browser.goto("/?sort=price_asc").await;
        browser.click_and_wait("#add-to-cart-1").await;
        assert_eq!(browser.path().await, "/?sort=price_asc#product-1");
        assert_eq!(browser.text("cart-count").await, "1");
        let flash = browser.find("#product-1 [data-testid=\"flash\"]").await;
        assert!(flash.text().await.unwrap().contains("Rocket Mug"));
        assert!(browser.find_all("#add-to-cart-1").await.is_empty());
        browser.find("#remove-from-cart-1").await;

        // One Orbit Notebook from its page, which then counts what the cart holds.
        browser.click_and_wait("#product-link-5").await;
        assert_eq!(browser.path().await, "/products/5");
        browser.click_and_wait("#add-to-cart-5").await;
        assert_eq!(browser.text("in-cart-count").await, "1");
        assert_eq!(browser.text("cart-count").await, "2");

        // The cart: a refused quantity stays on its line, as typed.
        browser.click_and_wait("#in-cart-view-cart").await;
        assert_eq!(browser.path().await, "/cart");
        browser.fill("#quantity-1", "abc").await;
        browser.click_and_wait("#update-line-1").await;
        assert_eq!(
            browser
                .attribute("#quantity-1", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        assert_eq!(
            browser.attribute("#quantity-1", "value").await.as_deref(),
            Some("abc")
        );
        let error = browser.text("error-quantity-1").await;
        assert!(error.contains("Rocket Mug"), "{error}");
        assert_eq!(browser.focused_id().await, "error-summary");
        assert_eq!(browser.text("cart-count").await, "2");

        // Three mugs.
        browser.fill("#quantity-1", "3").await;
        browser.click_and_wait("#update-line-1").await;
        let unit_price = cents(&browser.text("line-unit-price-1").await);
        assert_eq!(unit_price, 1450, "a Rocket Mug costs 14.50");
        assert_eq!(cents(&browser.text("line-total-1").await), 3 * unit_price);
        assert_eq!(browser.text("cart-item-count").await, "4");

        // The whole session is one cookie the page's scripts cannot read.
        let cookie = browser.client.get_named_cookie("session").await.unwrap();
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(cookie::SameSite::Lax));

        // Checking out as a guest asks for a login first, then comes back.
        browser.click_and_wait("#checkout-link").await;
        assert_eq!(browser.path().await, "/login?next=/checkout");
        browser.fill("#username", "alice").await;
        browser.fill("#password", crate::helpers::PASSWORD).await;
        browser.click_and_wait("#login-button").await;
        assert_eq!(browser.path().await, "/checkout");
        assert_eq!(browser.text("current-user").await, "Alice");

        // Details, review, order.
        for (field, value) in crate::helpers::GOOD_SHIPPING {
            browser.fill(&format!("#{field}"), value).await;
        }
        browser.click_and_wait("#continue-to-review").await;
        assert_eq!(browser.path().await, "/checkout/review");
        let total = cents(&browser.text("review-total").await);
        assert_eq!(total, 3 * 1450 + 1295, "free shipping from 50.00");
        browser.click_and_wait("#place-order").await;
        let order_path = browser.path().await;
        let order_id = order_path
            .strip_prefix("/orders/")
            .unwrap_or_else(|| panic!("an order page, not {order_path}"));
        uuid::Uuid::parse_str(order_id).expect("the order id is a UUID");
        assert_eq!(browser.text("order-id").await, order_id);
        let lines = browser
            .find_all("[data-testid=\"order-lines\"] [data-product-id]")
            .await;
        assert_eq!(lines.len(), 2);
        assert_eq!(browser.text("order-line-quantity-1").await, "3");
        assert_eq!(cents(&browser.text("order-total").await), total);
        assert_eq!(browser.text("cart-count").await, "0");

        // Logging out.
        browser.click_and_wait("#logout-button").await;
        assert_eq!(browser.path().await, "/");
        browser.testid("nav-login").await;
    });
}

/// Presses Tab until the element with `id` has the focus; answers how many
/// presses it took.
async fn tabs_to(browser: &Browser, id: &str) -> usize {
    for presses in 0..60 {
        if browser.focused_id().await == id {
            return presses;
        }
        browser.press(&Key::Tab.to_string()).await;
    }
    panic!("Tab never reached #{id} on {}", browser.path().await);
}

fn the_first_add_to_cart_is_five_tabs_from_the_skip_target_and_turns_into_remove(
    browser: &Browser,
) {
    browser.run(async {
        // The skip link, then Enter: the focus is on the page's content.
        browser.goto("/").await;
        assert_eq!(tabs_to(browser, "skip-link").await, 1);
        browser.press(&Key::Enter.to_string()).await;
        assert_eq!(browser.focused_id().await, "main");

        // The walkthrough link, the sort select, Sort, the first product's
        // name, its Add to cart.
        let first = browser
            .attribute("#product-grid [data-product-id]", "data-product-id")
            .await
            .expect("the first card's product");
        let add = format!("add-to-cart-{first}");
        let tabs = tabs_to(browser, &add).await;
        assert!(tabs <= 5, "{tabs} Tabs from the skip target to #{add}");

        // Enter adds one; back at the card, its Remove is the next stop
        // after the product's name.
        browser.enter_and_wait().await;
        assert_eq!(
            browser.path().await,
            format!("/?sort=featured#product-{first}")
        );
        assert_eq!(browser.text("cart-count").await, "1");
        let remove = format!("remove-from-cart-{first}");
        let tabs = tabs_to(browser, &remove).await;
        assert!(tabs <= 2, "{tabs} Tabs from the card to #{remove}");

        // Enter removes it, and the card offers Add to cart again.
        browser.enter_and_wait().await;
        assert_eq!(browser.text("cart-count").await, "0");
        assert!(browser.find_all(&format!("#{remove}")).await.is_empty());
        browser.find(&format!("#{add}")).await;
    });
}

fn the_keyboard_alone_takes_a_shopper_from_login_to_the_order(browser: &Browser) {
    browser.run(async {
        browser.add_from_grid(2).await;
        browser.goto("/login?next=/checkout").await;

        // The skip link comes first and leads to the page's content.
        browser.tab_to("skip-link").await;
        browser.tab_to("username").await;
        browser.press("alice").await;
        browser.tab_to("password").await;
        browser.press(crate::helpers::PASSWORD).await;
        browser.enter_and_wait().await;
        assert_eq!(browser.path().await, "/checkout");

        // Each field: select what it holds, type over it.
        for (field, value) in crate::helpers::GOOD_SHIPPING {
            browser.tab_to(field).await;
            browser.select_all_and_type(value).await;
        }
        browser.enter_and_wait().await;
        assert_eq!(browser.path().await, "/checkout/review");

        browser.tab_to("place-order").await;
        browser.enter_and_wait().await;
        assert!(browser.path().await.starts_with("/orders/"));
        assert_eq!(browser.text("order-line-quantity-2").await, "1");
    });
}

fn the_article_routes_work_in_a_real_browser(browser: &Browser) {
    browser.run(async {
        let page_text = |path: &'static str| async move {
            browser.goto(path).await;
            browser.find("body").await.text().await.unwrap()
        };
        assert_eq!(
            page_text("/test/session/check").await,
            "You are not logged in"
        );
        page_text("/test/session/set").await;
        assert_eq!(page_text("/test/session/check").await, "Logged in as user");
        page_text("/test/session/pop").await;
        assert_eq!(
            page_text("/test/session/check").await,
            "You are not logged in"
        );
    });
}

fn the_page_shows_the_shipping_label_ready_at_its_ready_time(browser: &Browser) {
    browser.run(async {
        browser.add_from_grid(1).await;
        browser.log_in_as("alice").await;
        browser.give_shipping_details().await;
        browser.click_and_wait("#place-order").await;
        let label = "[data-testid=\"shipping-label\"]";
        assert_eq!(
            browser.attribute(label, "data-state").await.as_deref(),
            Some("preparing")
        );
        // The moment the page's script turns the label ready, on the same
        // clock as the server's (one machine).
        browser
            .js(r#"new MutationObserver(function (changes, observer) {
                  window.__labelTurnedReady = Date.now(); observer.disconnect();
               }).observe(document.querySelector('[data-testid="shipping-label"]'),
                          { attributes: true, attributeFilter: ["data-state"] });"#)
            .await;
        let ready_at: i64 = browser
            .attribute(label, "data-ready-at")
            .await
            .and_then(|at| at.parse().ok())
            .expect("data-ready-at is a time in milliseconds");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let turned = loop {
            if let Some(at) = browser
                .js("return window.__labelTurnedReady;")
                .await
                .as_i64()
            {
                break at;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the label turns ready"
            );
            rocket::tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        // NOTE: never early is the shop's promise (the server's side is held
        // to the millisecond on the test clock); how late a browser timer
        // fires depends on the machine's load, so it gets half a second.
        let late = turned - ready_at;
        assert!((0..=500).contains(&late), "ready {late} ms after its time");
        assert_eq!(
            browser.text("shipping-label-status").await,
            "Ready: your parcel is on its way."
        );
    });
}

fn a_form_sent_once_is_not_sent_again_before_its_answer_comes(browser: &Browser) {
    browser.run(async {
        // The slow user's answers take 2 s: time to press again.
        browser.log_in_as("slow").await;
        browser.goto("/products/1").await;
        browser.mark_page().await;
        let pressed_twice = browser
            .js(
                "var button = document.getElementById('add-to-cart-1'); \
                 button.click(); \
                 return new Promise(function (done) { setTimeout(function () { \
                   var seen = []; \
                   document.addEventListener('submit', function (e) { seen.push(e.defaultPrevented); }); \
                   var disabled = button.disabled; \
                   button.form.requestSubmit(); \
                   done([disabled, seen]); \
                 }, 100); });",
            )
            .await;
        assert_eq!(
            pressed_twice,
            serde_json::json!([true, [true]]),
            "the button is disabled and a second submission is cancelled"
        );

        browser.wait_for_new_page().await;
        assert_eq!(browser.text("in-cart-count").await, "1");
        browser.goto("/products/2").await;
        let enabled = "return document.getElementById('add-to-cart-2').disabled;";
        assert_eq!(browser.js(enabled).await, serde_json::json!(false));
    });
}
