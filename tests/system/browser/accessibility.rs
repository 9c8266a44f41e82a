//! axe-core, loaded into the page, finds no accessibility violation on the
//! main pages and on the pages that show an error, in light colours and in
//! dark ones (`prefers-color-scheme: dark`). The pinned axe-core is
//! kept in `axe-core/` beside this file, with its licence.

use serde_json::Value;

use super::{Browser, Setup};

/// This module's browser tests, in light colours and again in dark ones.
pub fn tests() -> Vec<libtest_mimic::Trial> {
    let mut tests = trials!(
        needs: [Chromium],
        run: |test| test(&Browser::start()),
        tests: [
            axe_finds_no_violation_on_the_main_pages,
            axe_finds_no_violation_where_errors_are_shown,
        ]
    );
    const DARK: Setup = Setup {
        dark: true,
        no_javascript: false,
        large_text: false,
        still_clock: false,
    };
    tests.extend(trials!(
        needs: [Chromium],
        suffix: "::in_dark_mode",
        run: |test| test(&Browser::start_set_up(DARK)),
        tests: [
            axe_finds_no_violation_on_the_main_pages,
            axe_finds_no_violation_where_errors_are_shown,
        ]
    ));
    tests
}

/// axe-core's script (see `axe-core/README.md`).
const AXE: &str = include_str!("axe-core/axe.min.js");

/// The violations axe reports on the open page, one line each.
async fn violations(browser: &Browser) -> Vec<String> {
    let loaded = format!("{AXE}\n;return typeof axe;");
    assert_eq!(browser.js(&loaded).await, "object", "axe-core loads");
    let run = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document).then(
            (result) => done(result.violations.map((v) =>
                `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)),
            (error) => done([`axe failed: ${error}`]));
    "#;
    let found = browser
        .client
        .execute_async(run, Vec::new())
        .await
        .expect("axe runs");
    match found {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => vec![format!("unexpected answer {other}")],
    }
}

/// Checks the open page at a phone's width and a desktop's, in the colours
/// the browser asks for.
async fn assert_no_violations(browser: &Browser, what: &str) {
    let dark = browser
        .js("return matchMedia('(prefers-color-scheme: dark)').matches;")
        .await;
    assert_eq!(
        dark,
        browser.setup().dark,
        "{what}: the colour scheme asked for"
    );
    for width in [390, 1280] {
        browser.resize(width, 900).await;
        let found = violations(browser).await;
        assert!(
            found.is_empty(),
            "{what} at {width} px:\n{}",
            found.join("\n")
        );
    }
}

fn axe_finds_no_violation_on_the_main_pages(browser: &Browser) {
    browser.run(async {
        browser.goto("/").await;
        assert_no_violations(browser, "the empty cart").await;
        for lang in ["es", "en"] {
            browser.goto("/").await;
            browser.speak(lang).await;
            assert_no_violations(browser, &format!("home ({lang})")).await;
        }
        browser.add_from_product_page(1, "2").await;
        browser.add_from_grid(3).await;
        for path in ["/", "/products/1", "/cart", "/login", "/session", "/learn"] {
            browser.goto(path).await;
            assert_no_violations(browser, path).await;
        }
        browser.log_in_as("alice").await;
        browser.goto("/checkout").await;
        assert_no_violations(browser, "/checkout").await;
        browser.give_shipping_details().await;
        assert_no_violations(browser, "/checkout/review").await;
        browser.click_and_wait("#place-order").await;
        assert_no_violations(browser, "the order page").await;
        browser.goto("/orders").await;
        assert_no_violations(browser, "the account's orders").await;
    });
}

fn axe_finds_no_violation_where_errors_are_shown(browser: &Browser) {
    browser.run(async {
        browser.goto("/no-such-page").await;
        assert_no_violations(browser, "404").await;

        browser.goto("/login").await;
        browser.fill("#username", "alice").await;
        browser.fill("#password", "wrong").await;
        browser.click_and_wait("#login-button").await;
        browser.testid("login-error").await;
        assert_eq!(browser.focused_id().await, "error-summary");
        assert_no_violations(browser, "a refused login").await;

        browser.fill("#username", "alice").await;
        browser.fill("#password", "").await;
        browser.click_and_wait("#login-button").await;
        browser.testid("error-password").await;
        assert_eq!(browser.focused_id().await, "error-summary");
        assert_no_violations(browser, "a login with an empty field").await;

        browser.goto("/products/2").await;
        browser.fill("#product-quantity-2", "100").await;
        browser.click_and_wait("#add-to-cart-2").await;
        browser.testid("error-product-quantity-2").await;
        assert_no_violations(browser, "a refused add").await;

        browser.add_from_grid(1).await;
        browser.goto("/cart").await;
        browser.fill("#quantity-1", "-1").await;
        browser.click_and_wait("#update-line-1").await;
        browser.testid("error-quantity-1").await;
        assert_no_violations(browser, "a refused cart update").await;

        browser.log_in_as("alice").await;
        browser.goto("/checkout").await;
        for (field, _) in crate::helpers::GOOD_SHIPPING {
            browser.fill(&format!("#{field}"), "").await;
        }
        browser.fill("#email", "not-an-address").await;
        browser.click_and_wait("#continue-to-review").await;
        for (field, _) in crate::helpers::GOOD_SHIPPING {
            let invalid = browser
                .attribute(&format!("#{field}"), "aria-invalid")
                .await;
            assert_eq!(invalid.as_deref(), Some("true"), "{field}");
            browser.testid(&format!("error-{field}")).await;
            browser
                .find(&format!(
                    "[data-testid=\"error-summary\"] a[href=\"#{field}\"]"
                ))
                .await;
        }
        assert_eq!(browser.focused_id().await, "error-summary");
        assert_no_violations(browser, "refused shipping details").await;
    });
}
