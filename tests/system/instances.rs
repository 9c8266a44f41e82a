//! Two app instances sharing a real Redis (and one database): a logout on
//! one is honoured on the other, one cart places one order across both, and
//! a lost Redis stops only what needs it.

use std::thread::sleep;
use std::time::{Duration, Instant};

use libtest_mimic::Trial;
use rocket::http::Status;

use crate::helpers::{
    body, clock_now, figment, guess_until_throttled, location, on_threads, one_order_for_all,
    place_at_once, ready_to_place, testid_text, Instance, Shopper,
};
use crate::redis_server::RedisServer;

/// The tests of instances sharing Redis.
pub fn tests() -> Vec<Trial> {
    redis_tests!(blocking: [
        a_logout_on_one_instance_is_honoured_on_another_within_a_second,
        place_order_requests_split_across_two_instances_make_one_order,
        a_redis_lost_later_stops_login_logout_reset_and_place_but_not_browsing_or_the_orders,
        a_server_side_value_kept_in_redis_is_seen_by_every_instance,
        sixty_parallel_wrong_guesses_across_two_instances_are_checked_at_most_ten_times,
    ])
}

/// What a page says when the ledger cannot be reached.
const LEDGER_UNAVAILABLE: &str = "This part of the shop is unavailable right now. \
    Browsing and the cart still work; try again in a moment.";

/// Two instances' settings: the same key, the same Redis.
fn sharing(redis: &RedisServer) -> rocket::figment::Figment {
    figment().merge(("redis_url", redis.url()))
}

fn a_logout_on_one_instance_is_honoured_on_another_within_a_second(redis: RedisServer) {
    let first = Shopper::with(sharing(&redis));
    let second = Shopper::on(sharing(&redis), first.clock.clone());
    first.log_in_as("alice");
    first.add_to_cart(1, "2");
    let copy = first.session_cookie().unwrap();
    second.set_session_cookie(&copy);
    assert_eq!(second.signed_in_as().as_deref(), Some("Alice"));

    assert_eq!(first.log_out().status(), Status::SeeOther);

    let logged_out = Instant::now();
    loop {
        second.set_session_cookie(&copy);
        if second.signed_in_as().is_none() {
            break;
        }
        let waited = logged_out.elapsed();
        assert!(
            waited < Duration::from_secs(1),
            "still signed in after {waited:?}"
        );
        sleep(Duration::from_millis(10));
    }
    second.set_session_cookie(&copy);
    assert_eq!(second.cart()["item_count"], 0);
}

fn place_order_requests_split_across_two_instances_make_one_order(redis: RedisServer) {
    on_threads(async {
        let clock = clock_now();
        let folder = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}/shop.sqlite3?mode=rwc", folder.path().display());
        let both = || sharing(&redis).merge(("database_url", &database));
        let first = Instance::launch(both(), clock.clone()).await;
        let second = Instance::launch(both(), clock).await;
        let alice = first.visitor();
        ready_to_place(&alice).await;
        let (before_the_order, token) = alice.copy_cookie_and_token().await;

        let instances = [first.clone(), second.clone()];
        let answers = place_at_once(&instances, &before_the_order, &token, 20).await;

        let order_page = one_order_for_all(&answers).await;
        let again = second.place_order_with(&before_the_order, &token).await;
        assert_eq!(again.location, Some(order_page));
        let third = session_shop::rocket_with(both(), session_shop::clock::Clock::System)
            .ignite()
            .await
            .unwrap();
        let db = <session_shop::store::ShopDb as rocket_db_pools::Database>::fetch(&third).unwrap();
        let orders = db.orders_of("alice", 1, 20).await.unwrap();
        assert_eq!(orders.total, 1, "one row in the database");
    });
}

fn a_redis_lost_later_stops_login_logout_reset_and_place_but_not_browsing_or_the_orders(
    mut redis: RedisServer,
) {
    let shop = Shopper::with(sharing(&redis));
    shop.log_in_as("alice");
    shop.add_to_cart(4, "1");
    let placed = shop.check_out();
    let order_page = location(&placed);
    drop(placed);
    shop.add_to_cart(1, "2");
    shop.give_shipping_details();

    redis.stop();

    for path in ["/", "/products/1", "/cart", "/checkout/review"] {
        assert_eq!(shop.get(path).status(), Status::Ok, "{path}");
    }
    assert_eq!(shop.add_to_cart(4, "1").status(), Status::SeeOther);
    assert_eq!(shop.cart()["item_count"], 3);

    assert_eq!(
        shop.get(&order_page).status(),
        Status::Ok,
        "the order, in the database"
    );
    let place = shop.place_order();
    let login = shop.log_in_as("bob");
    let logout = shop.log_out();
    let reset = shop.reset_session();
    let server_value = shop.get("/test/server/set");
    for (action, response) in [
        ("place", place),
        ("login", login),
        ("logout", logout),
        ("reset", reset),
        ("server-side value", server_value),
    ] {
        assert_eq!(response.status(), Status::ServiceUnavailable, "{action}");
        assert!(
            response.headers().get_one("Retry-After").is_some(),
            "{action}"
        );
        assert_eq!(
            testid_text(&body(response), "error-message").as_deref(),
            Some(LEDGER_UNAVAILABLE),
            "{action}"
        );
    }
    let order_id = order_page.trim_start_matches("/orders/");
    let api_order = shop.get(&format!("/api/orders/{order_id}"));
    assert_eq!(api_order.status(), Status::Ok, "the order's JSON");
    drop(api_order);
    assert_eq!(shop.signed_in_as().as_deref(), Some("Alice"));
    assert_eq!(shop.cart()["item_count"], 3);
}

/// What `/test/server/check` answers on an instance built from `figment`
/// to a browser whose `server_session` cookie holds `id`.
fn server_check(figment: rocket::figment::Figment, id: &str) -> String {
    let client = rocket::local::blocking::Client::untracked(session_shop::rocket_with(
        figment,
        session_shop::clock::Clock::System,
    ))
    .expect("the app launches");
    let response = client
        .get("/test/server/check")
        .cookie(rocket::http::Cookie::new("server_session", id.to_owned()))
        .dispatch();
    body(response)
}

fn a_server_side_value_kept_in_redis_is_seen_by_every_instance(redis: RedisServer) {
    let client = rocket::local::blocking::Client::tracked(session_shop::rocket_with(
        sharing(&redis),
        session_shop::clock::Clock::System,
    ))
    .expect("the app launches");
    assert_eq!(body(client.get("/test/server/set").dispatch()), "Test");
    let id = client
        .cookies()
        .get("server_session")
        .map(|c| c.value().to_owned())
        .expect("an id cookie");
    assert_eq!(server_check(sharing(&redis), &id), "Logged in as user");
    // An instance keeping its values in memory knows nothing of it.
    assert_eq!(server_check(figment(), &id), "You are not logged in");
}

fn sixty_parallel_wrong_guesses_across_two_instances_are_checked_at_most_ten_times(
    redis: RedisServer,
) {
    on_threads(async {
        let clock = clock_now();
        let instances = [
            Instance::launch(sharing(&redis), clock.clone()).await,
            Instance::launch(sharing(&redis), clock).await,
        ];
        guess_until_throttled(&instances).await;
    });
}
