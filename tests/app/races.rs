//! One cookie, two requests: what happens when a browser (two tabs, a
//! double click) or an API client sends two writes with the same cookie at
//! once. Each answer is computed from the cookie its request carried, and
//! the browser keeps the cookie of the answer that arrives last: as in every
//! cookie session, the last writer wins (docs/TESTING.md says so).

use rocket::http::Status;
use scraper::{Html, Selector};

use crate::helpers::{clock_now, figment, on_threads, Answer, Instance};

/// The cart a cookie holds, as `(product_id, quantity)` pairs.
async fn cart_of(shop: &Instance, cookie: &str) -> Vec<(u64, u64)> {
    let cart = shop.get("/api/cart", Some(cookie)).await;
    let cart: serde_json::Value = serde_json::from_str(&cart.body).expect("the cart as JSON");
    cart["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|line| {
            let id = line["product_id"].as_u64().expect("an id");
            (id, line["quantity"].as_u64().expect("a quantity"))
        })
        .collect()
}

/// Two adds of `first` and `second` sent at the same moment with one cookie.
async fn two_adds_at_once(shop: &Instance, cookie: &str, token: &str) -> (Answer, Answer) {
    let add = |product: &'static str| {
        let (shop, cookie, token) = (shop.clone(), cookie.to_owned(), token.to_owned());
        rocket::tokio::spawn(async move {
            let fields = [
                ("csrf_token", token.as_str()),
                ("product_id", product),
                ("quantity", "1"),
            ];
            shop.post_form("/cart/add", Some(&cookie), &fields).await
        })
    };
    let (first, second) = (add("1"), add("2"));
    (
        first.await.expect("the first add ran"),
        second.await.expect("the second add ran"),
    )
}

#[test]
fn two_adds_sent_at_once_with_one_cookie_each_answer_a_cart_holding_only_its_own() {
    on_threads(async {
        let shop = Instance::launch(figment(), clock_now()).await;
        let visitor = shop.visitor();
        visitor.visit("/").await;
        let (cookie, token) = visitor.copy_cookie_and_token().await;

        let (first, second) = two_adds_at_once(&shop, &cookie, &token).await;

        assert_eq!(first.status, Status::SeeOther);
        assert_eq!(second.status, Status::SeeOther);
        let first = first.session.expect("the first answer sets the cookie");
        let second = second.session.expect("the second answer sets the cookie");
        assert_eq!(cart_of(&shop, &first).await, vec![(1, 1)]);
        assert_eq!(cart_of(&shop, &second).await, vec![(2, 1)]);
    });
}

#[test]
fn the_flaky_users_add_due_to_fail_sent_twice_at_once_fails_in_both_answers() {
    on_threads(async {
        let shop = Instance::launch(figment(), clock_now()).await;
        let flaky = shop.visitor();
        assert_eq!(flaky.log_in_as("flaky").await.status, Status::SeeOther);
        let page = Html::parse_document(&flaky.visit("/").await.body);
        let seed: u32 = page
            .select(&Selector::parse("body[data-flaky-seed]").unwrap())
            .next()
            .and_then(|body| body.value().attr("data-flaky-seed"))
            .and_then(|seed| seed.parse().ok())
            .expect("the seed is on the page");
        // Adds one at a time until the next one is due to fail.
        let mut n = 1;
        while !(seed + n).is_multiple_of(3) {
            flaky.add_to_cart(3, "1").await;
            n += 1;
        }
        let (cookie, token) = flaky.copy_cookie_and_token().await;

        let (first, second) = two_adds_at_once(&shop, &cookie, &token).await;

        for answer in [first, second] {
            let cookie = answer.session.expect("the answer sets the cookie");
            let held: Vec<u64> = cart_of(&shop, &cookie).await.iter().map(|l| l.0).collect();
            assert!(
                !held.contains(&1) && !held.contains(&2),
                "{held:?}: both failed"
            );
            let location = answer.location.expect("a redirect");
            let next = shop.get(&location, Some(&cookie)).await;
            assert!(next.body.contains("could not be added to your cart"));
        }
    });
}
