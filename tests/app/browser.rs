//! End to end in a real browser: headless Chromium, driven through
//! ChromeDriver, on the app served over real HTTP. Elements are found by
//! `data-testid`, `id` or `name` only, never by their (translatable) text.
//!
//! Each test has its own server, ChromeDriver and browser profile, so the
//! tests do not depend on each other or on their order. Without Chromium or
//! ChromeDriver they are skipped, except under CI (`CI` set), where they fail.

use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rocket::tokio::runtime::Runtime;
use session_shop::clock::Clock;

use crate::helpers::{self, PASSWORD};
use crate::webdriver::{self, browser_available, Browser};

/// The app served on `127.0.0.1` on a free port, on its own thread and
/// runtime. Dropping it shuts the server down and waits for it.
struct Server {
    base: String,
    shutdown: rocket::Shutdown,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let port = webdriver::free_port();
        let no_signals: [&str; 0] = [];
        let figment = helpers::figment()
            .merge(("address", "127.0.0.1"))
            .merge(("port", port))
            // No signal handlers in the test process, and a quick stop.
            .merge(("shutdown.ctrlc", false))
            .merge(("shutdown.signals", no_signals))
            .merge(("shutdown.grace", 1))
            .merge(("shutdown.mercy", 1));
        let runtime = Runtime::new().expect("a Tokio runtime");
        let rocket = runtime
            .block_on(session_shop::rocket_with(figment, Clock::System).ignite())
            .expect("the app ignites");
        let shutdown = rocket.shutdown();
        let thread = std::thread::spawn(move || {
            runtime
                .block_on(rocket.launch())
                .expect("the app serves until shut down");
        });
        let server = Server {
            base: format!("http://127.0.0.1:{port}"),
            shutdown,
            thread: Some(thread),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !matches!(webdriver::http(port, "GET", "/health", None), Ok((200, _))) {
            assert!(
                Instant::now() < deadline,
                "the app did not answer /health within 20 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// The full address of `path`.
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The path (and query) of a URL on this server.
    fn path_of<'u>(&self, url: &'u str) -> &'u str {
        url.strip_prefix(&self.base)
            .unwrap_or_else(|| panic!("{url} is not on {}", self.base))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown.clone().notify();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The digits of a price, as a number of cents: "€43.50" (or "43,50 €") is 4350.
fn cents(price: &str) -> u64 {
    let digits: String = price.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no price in {price:?}"))
}

#[test]
fn a_shopper_buys_a_mug_in_a_real_browser() {
    if !browser_available("a_shopper_buys_a_mug_in_a_real_browser") {
        return;
    }
    let shop = Server::start();
    let browser = Browser::launch();
    let path = || shop.path_of(&browser.current_url()).to_owned();

    // Two Rocket Mugs from the product grid.
    browser.goto(&shop.url("/"));
    browser.testid("quantity-input-1").fill("2");
    browser.testid("add-to-cart-1").click_and_wait();
    assert_eq!(browser.testid("cart-count").text(), "2");
    browser.testid("flash");

    // Three, from the cart.
    browser.goto(&shop.url("/cart"));
    browser.testid("line-quantity-1").fill("3");
    browser.testid("update-line-1").click_and_wait();
    assert_eq!(path(), "/cart");
    assert_eq!(browser.testid("cart-count").text(), "3");
    let unit_price = cents(&browser.testid("line-unit-price-1").text());
    assert_eq!(unit_price, 1450, "a Rocket Mug costs 14.50");
    let line_total = browser.testid("line-total-1").text();
    let cart_total = browser.testid("cart-total").text();
    for total in [&line_total, &cart_total] {
        assert!(total.contains("43") && total.contains("50"), "{total}");
        assert_eq!(cents(total), 3 * unit_price, "{total}");
    }

    // The whole session is one cookie the page's scripts cannot read.
    let cookie = browser.cookie("session");
    assert_eq!(cookie["name"], "session");
    assert_eq!(cookie["httpOnly"], true, "{cookie}");
    assert_eq!(cookie["sameSite"], "Lax", "{cookie}");

    // A quantity that is not a number is refused, shown on its line with
    // what was typed; the cart stays as it was.
    browser.testid("line-quantity-1").fill("abc");
    browser.testid("update-line-1").click_and_wait();
    let error = browser
        .find("[role=\"alert\"][data-testid=\"error-summary\"] [data-testid=\"form-error\"]");
    assert!(!error.text().is_empty());
    assert_eq!(browser.testid("cart-count").text(), "3");
    assert_eq!(
        browser
            .testid("line-quantity-1")
            .attribute("value")
            .as_deref(),
        Some("abc")
    );

    // Checking out as a guest asks for a login first, then comes back.
    browser.testid("checkout-link").click_and_wait();
    assert_eq!(path(), "/login?next=/checkout");
    browser.find("#username").fill("alice");
    browser.find("#password").fill(PASSWORD);
    browser.testid("login-button").click_and_wait();
    assert_eq!(path(), "/checkout");
    assert_eq!(browser.testid("current-user").text(), "Alice");

    // The order.
    for (field, value) in helpers::GOOD_SHIPPING {
        browser.find(&format!("#{field}")).fill(value);
    }
    browser.testid("continue-to-review").click_and_wait();
    assert_eq!(path(), "/checkout/review");
    browser.testid("place-order").click_and_wait();
    let order_path = path();
    let order_id = order_path
        .strip_prefix("/orders/")
        .unwrap_or_else(|| panic!("an order page, not {order_path}"));
    uuid::Uuid::parse_str(order_id).expect("the order id is a UUID");
    assert_eq!(browser.testid("order-id").text(), order_id);
    assert_eq!(browser.testid("cart-count").text(), "0");

    // Logging out.
    browser.testid("logout-button").click_and_wait();
    assert_eq!(path(), "/");
    browser.testid("nav-login");
    assert_eq!(browser.testid("cart-count").text(), "0");
}

#[test]
fn the_article_routes_work_in_a_real_browser() {
    if !browser_available("the_article_routes_work_in_a_real_browser") {
        return;
    }
    let shop = Server::start();
    let browser = Browser::launch();
    let page_text = |path: &str| {
        browser.goto(&shop.url(path));
        browser.find("body").text()
    };

    assert_eq!(page_text("/test/session/check"), "You are not logged in");
    page_text("/test/session/set");
    assert_eq!(page_text("/test/session/check"), "Logged in as user");
    page_text("/test/session/pop");
    assert_eq!(page_text("/test/session/check"), "You are not logged in");
}
