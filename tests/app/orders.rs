//! The account's orders: kept in the database, listed newest first, opened
//! by their own account only, and still there after a restart.

use rocket::http::Status;

use crate::helpers::{figment, location, testid_text, Shopper};

/// Places an order of `quantity` mugs for the signed-in shopper; its page.
fn buy_mugs(shop: &Shopper, quantity: &str) -> String {
    shop.add_to_cart(1, quantity);
    location(&shop.check_out())
}

/// The order ids `/orders?page=<page>` lists, in its order.
fn listed(shop: &Shopper, page: &str) -> Vec<String> {
    let (status, html) = shop.visit(&format!("/orders?page={page}"));
    assert_eq!(status, Status::Ok);
    html.match_indices("data-order-id=\"")
        .map(|(at, found)| html[at + found.len()..at + found.len() + 36].to_owned())
        .collect()
}

#[test]
fn the_orders_page_lists_the_accounts_orders_newest_first_with_their_facts() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    let first = buy_mugs(&shop, "1");
    shop.clock.advance(60);
    let second = buy_mugs(&shop, "3");
    let ids = listed(&shop, "1");
    assert_eq!(
        ids.iter()
            .map(|id| format!("/orders/{id}"))
            .collect::<Vec<_>>(),
        [second.clone(), first],
        "newest first"
    );
    let (_, html) = shop.visit("/orders");
    let key = ids[0].replace('-', "");
    assert_eq!(
        testid_text(&html, &format!("order-items-{key}")).as_deref(),
        Some("3")
    );
    assert_eq!(
        testid_text(&html, &format!("order-status-{key}")).as_deref(),
        Some("Placed")
    );
    let (_, order) = shop.visit(&second);
    assert_eq!(
        testid_text(&html, &format!("order-total-{key}")),
        testid_text(&order, "order-total"),
        "the total its page shows"
    );
    assert_eq!(
        testid_text(&html, "orders-count").as_deref(),
        Some("2 orders, newest first.")
    );
    assert!(
        testid_text(&html, "orders-shared-account")
            .is_some_and(|text| text.starts_with("Everyone who tries the shop shares")),
        "a demo account's list says it is shared"
    );
}

#[test]
fn the_orders_page_dates_an_order_in_the_pages_language() {
    let shop = Shopper::on(
        figment(),
        session_shop::clock::Clock::manual(1_796_601_600), // 2026-12-07 00:00 UTC
    )
    .speaking("es");
    shop.log_in_as("alice");
    buy_mugs(&shop, "1");
    let (_, html) = shop.visit("/orders");
    assert!(html.contains("datetime=\"2026-12-07\""), "{html}");
    assert!(html.contains(">7 de diciembre de 2026</time>"), "{html}");
    assert_eq!(
        testid_text(&html, "orders-count").as_deref(),
        Some("Un pedido.")
    );
}

#[test]
fn a_guest_asking_for_the_orders_goes_to_the_login_and_comes_back() {
    let shop = Shopper::new();
    let response = shop.get("/orders");
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/login?next=/orders");
    drop(response);
    let (status, _) = shop.visit("/api/orders");
    assert_eq!(status, Status::Unauthorized);
}

#[test]
fn an_order_opens_for_its_account_only_and_every_older_one_too() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    let first = buy_mugs(&shop, "1");
    let second = buy_mugs(&shop, "2");
    assert_eq!(shop.visit(&first).0, Status::Ok, "not only the last order");
    assert_eq!(shop.visit(&second).0, Status::Ok);
    let bob = shop.another_visitor();
    bob.log_in_as("bob");
    assert_eq!(bob.visit(&first).0, Status::NotFound, "another account");
    assert!(listed(&bob, "1").is_empty());
    let (_, html) = bob.visit("/orders");
    assert!(testid_text(&html, "orders-empty").is_some());
    let guest = shop.another_visitor();
    assert_eq!(guest.visit(&first).0, Status::NotFound, "a guest");
}

#[test]
fn a_page_that_is_no_whole_number_from_1_is_not_found() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    for page in ["0", "-1", "x", "1.5", "10001", "99999999999"] {
        assert_eq!(
            shop.visit(&format!("/orders?page={page}")).0,
            Status::NotFound,
            "{page}"
        );
        assert_eq!(
            shop.visit(&format!("/api/orders?page={page}")).0,
            Status::NotFound,
            "{page}"
        );
    }
}

#[test]
fn twenty_orders_a_page_and_the_pages_link_to_each_other() {
    let shop = Shopper::new();
    shop.log_in_as("bob");
    for _ in 0..21 {
        buy_mugs(&shop, "1");
    }
    assert_eq!(listed(&shop, "1").len(), 20);
    assert_eq!(listed(&shop, "2").len(), 1);
    let (_, first) = shop.visit("/orders");
    assert!(testid_text(&first, "orders-next").is_some());
    assert!(testid_text(&first, "orders-previous").is_none());
    let (_, second) = shop.visit("/orders?page=2");
    assert!(testid_text(&second, "orders-previous").is_some());
    assert!(testid_text(&second, "orders-next").is_none());
    let api: serde_json::Value = serde_json::from_str(&shop.visit("/api/orders?page=2").1).unwrap();
    assert_eq!(api["total"], 21);
    assert_eq!(api["per_page"], 20);
    assert_eq!(api["orders"].as_array().map(Vec::len), Some(1));
    assert_eq!(api["orders"][0]["status"], "placed");
}

#[test]
fn past_the_orders_kept_per_account_its_oldest_is_deleted() {
    let shop = Shopper::with(figment().merge(("orders_kept_per_account", 2)));
    shop.log_in_as("alice");
    let oldest = buy_mugs(&shop, "1");
    shop.clock.advance(1);
    let middle = buy_mugs(&shop, "1");
    shop.clock.advance(1);
    let newest = buy_mugs(&shop, "1");
    assert_eq!(shop.visit(&oldest).0, Status::NotFound, "deleted");
    assert_eq!(shop.visit(&middle).0, Status::Ok);
    assert_eq!(shop.visit(&newest).0, Status::Ok);
    assert_eq!(listed(&shop, "1").len(), 2);
}

#[test]
fn orders_outlive_a_restart_in_the_sqlite_file() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("var").join("shop.sqlite3");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let before = Shopper::with(figment().merge(("database_url", &url)));
    before.log_in_as("alice");
    let order = buy_mugs(&before, "2");
    let cookie = before.session_cookie().unwrap();
    drop(before);
    assert!(file.exists(), "the file and its folder were made");

    let after = Shopper::with(figment().merge(("database_url", &url)));
    after.set_session_cookie(&cookie);
    let (status, page) = after.visit(&order);
    assert_eq!(status, Status::Ok, "the order outlived the restart");
    assert_eq!(testid_text(&page, "order-item-count").as_deref(), Some("2"));
    let fresh = after.another_visitor();
    fresh.log_in_as("alice");
    assert_eq!(listed(&fresh, "1").len(), 1, "in the account's history");
}

#[test]
fn a_database_that_cannot_be_opened_stops_the_launch_naming_the_setting() {
    let folder = tempfile::tempdir().unwrap();
    let not_a_folder = folder.path().join("file");
    std::fs::write(&not_a_folder, "").unwrap();
    let url = format!("sqlite://{}/shop.sqlite3?mode=rwc", not_a_folder.display());
    let rocket = session_shop::rocket_with(
        figment().merge(("database_url", &url)),
        session_shop::clock::Clock::System,
    );
    let Err(error) = rocket::local::blocking::Client::untracked(rocket) else {
        panic!("it launched");
    };
    assert!(
        matches!(error.kind(), rocket::error::ErrorKind::FailedFairings(failed)
            if failed.iter().any(|f| f.name == "The database's folder")),
        "{error}"
    );
}
