//! The database's contract, the same on an SQLite file and on a real
//! Postgres server: one cart makes one order however many copies of its
//! cookie place it, an account reads only its own orders, and orders outlive
//! a restart. On Postgres also: losing the database answers 503 only where
//! orders are needed, `/health` says so, and the shop recovers.

use libtest_mimic::Trial;
use rocket::figment::Figment;
use rocket::http::Status;
use rocket::{Ignite, Rocket};
use rocket_db_pools::Database;
use session_shop::cart::Quantity;
use session_shop::catalog::ProductId;
use session_shop::checkout::{Order, OrderLine, OrderStatus, ShippingDetails, ShippingInput};
use session_shop::clock::Clock;
use session_shop::money::Cents;
use session_shop::store::{Placed, ShopDb};
use uuid::Uuid;

use crate::helpers::{figment, location, Shopper};
use crate::postgres_server::PostgresServer;

/// Where the database lives in one run of a test.
enum Engine {
    Sqlite(tempfile::TempDir),
    Postgres(PostgresServer),
}

impl Engine {
    fn sqlite() -> Engine {
        Engine::Sqlite(tempfile::tempdir().expect("a temporary folder"))
    }

    fn url(&self) -> String {
        match self {
            Engine::Sqlite(folder) => {
                format!("sqlite://{}/shop.sqlite3?mode=rwc", folder.path().display())
            }
            Engine::Postgres(server) => server.url(),
        }
    }

    /// The test's settings on this database.
    fn figment(&self) -> Figment {
        figment().merge(("database_url", self.url()))
    }
}

/// The tests, each on both engines.
pub fn tests() -> Vec<Trial> {
    macro_rules! both {
        ($($name:ident),* $(,)?) => {{
            let mut trials = trials!(
                needs: [],
                suffix: "::on_sqlite",
                run: |test| rocket::async_test(test(Engine::sqlite())),
                tests: [$($name),*]
            );
            trials.extend(trials!(
                needs: [Postgres],
                suffix: "::on_postgres",
                run: |test| rocket::async_test(test(Engine::Postgres(PostgresServer::start()))),
                tests: [$($name),*]
            ));
            trials
        }};
    }
    let mut trials = both![
        twenty_parallel_places_of_one_checkout_make_one_order,
        a_later_place_of_a_checkout_gets_the_whole_first_order_back,
        an_account_reads_its_own_orders_newest_first_and_no_other,
        orders_outlive_a_restart_and_are_shared_by_two_instances,
    ];
    trials.extend(trials!(
        needs: [Postgres],
        run: |test| test(PostgresServer::start()),
        tests: [without_the_database_only_orders_answer_503_health_says_so_and_the_shop_recovers]
    ));
    trials
}

/// The app on `figment`, ignited: its database open and migrated.
async fn ignite(figment: Figment) -> Rocket<Ignite> {
    session_shop::rocket_with(figment, Clock::System)
        .ignite()
        .await
        .expect("the app ignites")
}

fn db(rocket: &Rocket<Ignite>) -> &ShopDb {
    ShopDb::fetch(rocket).expect("the database is managed")
}

/// An order as the checkout makes one, placed at `placed_at_ms`.
fn order(placed_at_ms: i64) -> Order {
    Order {
        id: Uuid::new_v4(),
        placed_at_ms,
        ship_to: ShippingDetails::parse(&ShippingInput {
            full_name: "Ada Lovelace",
            email: "ada@example.com",
            address: "12 Analytical Row",
            city: "London",
            postal_code: "NW1 6XE",
        })
        .expect("good details"),
        lines: vec![
            OrderLine {
                product_id: ProductId(1),
                quantity: Quantity::new(2).expect("2 is a quantity"),
                unit_price: Cents(1250),
            },
            OrderLine {
                product_id: ProductId(3),
                quantity: Quantity::new(99).expect("99 is a quantity"),
                unit_price: Cents(10_000_000),
            },
        ],
        subtotal: Cents(2500 + 99 * 10_000_000),
        shipping: Cents(0),
        status: OrderStatus::Placed,
    }
}

/// A time in 2026, in milliseconds: far past what 32 bits hold.
const PLACED_AT_MS: i64 = 1_796_629_153_450;

async fn twenty_parallel_places_of_one_checkout_make_one_order(engine: Engine) {
    let rocket = ignite(engine.figment()).await;
    let db = db(&rocket);
    let checkout = Uuid::new_v4();
    let tries: Vec<Order> = (0..20).map(|n| order(PLACED_AT_MS + n)).collect();
    let placed = rocket::futures::future::join_all(
        tries
            .iter()
            .map(|o| db.place_order("alice", checkout, o, 200)),
    )
    .await;
    let placed: Vec<Placed> = placed
        .into_iter()
        .map(|outcome| outcome.expect("the database answers"))
        .collect();
    let winners: Vec<&Order> = placed
        .iter()
        .filter_map(|p| match p {
            Placed::Now(order) => Some(order),
            Placed::Before(_) => None,
        })
        .collect();
    assert_eq!(winners.len(), 1, "one of twenty placed the order");
    assert!(
        placed.iter().all(|p| p.order().id == winners[0].id),
        "every other got that order back"
    );
    let history = db.orders_of("alice", 1, 20).await.unwrap();
    assert_eq!(history.total, 1, "one row");
}

async fn a_later_place_of_a_checkout_gets_the_whole_first_order_back(engine: Engine) {
    let rocket = ignite(engine.figment()).await;
    let db = db(&rocket);
    let checkout = Uuid::new_v4();
    let first = order(PLACED_AT_MS);
    assert_eq!(
        db.place_order("alice", checkout, &first, 200)
            .await
            .unwrap(),
        Placed::Now(first.clone())
    );
    let later = order(PLACED_AT_MS + 5_000);
    assert_eq!(
        db.place_order("alice", checkout, &later, 200)
            .await
            .unwrap(),
        Placed::Before(first.clone()),
        "its lines, prices, times and shipping details as placed"
    );
    assert_eq!(db.order_for_checkout(checkout).await.unwrap(), Some(first));
}

async fn an_account_reads_its_own_orders_newest_first_and_no_other(engine: Engine) {
    let rocket = ignite(engine.figment()).await;
    let db = db(&rocket);
    let older = order(PLACED_AT_MS);
    let newer = order(PLACED_AT_MS + 1);
    let bobs = order(PLACED_AT_MS + 2);
    for (account, placed) in [("alice", &older), ("alice", &newer), ("bob", &bobs)] {
        db.place_order(account, Uuid::new_v4(), placed, 200)
            .await
            .unwrap();
    }
    assert_eq!(
        db.order_of("alice", older.id).await.unwrap(),
        Some(older.clone())
    );
    assert_eq!(db.order_of("alice", bobs.id).await.unwrap(), None, "bob's");
    let history = db.orders_of("alice", 1, 20).await.unwrap();
    let ids: Vec<Uuid> = history.orders.iter().map(|o| o.id).collect();
    assert_eq!(ids, [newer.id, older.id], "newest first");
    assert_eq!(history.orders[0].items, 101);
    assert_eq!(history.orders[0].total, newer.subtotal + newer.shipping);
    assert_eq!(history.orders[0].placed_at_ms, PLACED_AT_MS + 1);
    let second_page = db.orders_of("alice", 2, 1).await.unwrap();
    assert_eq!(second_page.orders.len(), 1);
    assert_eq!(second_page.orders[0].id, older.id);
    assert_eq!(second_page.total, 2);
}

async fn orders_outlive_a_restart_and_are_shared_by_two_instances(engine: Engine) {
    let placed = order(PLACED_AT_MS);
    let first = ignite(engine.figment()).await;
    db(&first)
        .place_order("alice", Uuid::new_v4(), &placed, 200)
        .await
        .unwrap();
    let second = ignite(engine.figment()).await;
    assert_eq!(
        db(&second).order_of("alice", placed.id).await.unwrap(),
        Some(placed.clone()),
        "another instance on the same database reads it"
    );
    drop(first);
    drop(second);
    let restarted = ignite(engine.figment()).await;
    assert_eq!(
        db(&restarted).order_of("alice", placed.id).await.unwrap(),
        Some(placed),
        "migrations run again over what is there, and keep it"
    );
}

fn without_the_database_only_orders_answer_503_health_says_so_and_the_shop_recovers(
    mut postgres: PostgresServer,
) {
    let settings = figment()
        .merge(("database_url", postgres.url()))
        .merge(("databases.shop.connect_timeout", 1));
    let shop = Shopper::with(settings);
    shop.log_in_as("alice");
    shop.add_to_cart(1, "1");
    let order = location(&shop.check_out());
    shop.add_to_cart(2, "1");
    shop.give_shipping_details();

    postgres.stop();
    assert_eq!(shop.visit("/").0, Status::Ok, "browsing works");
    assert_eq!(shop.visit("/cart").0, Status::Ok, "the cart works");
    let placing = shop.place_order();
    assert_eq!(placing.status(), Status::ServiceUnavailable);
    drop(placing);
    assert_eq!(shop.visit(&order).0, Status::ServiceUnavailable);
    assert_eq!(shop.visit("/orders").0, Status::ServiceUnavailable);
    let (status, health) = shop.visit("/health");
    assert_eq!(status, Status::Ok);
    assert!(health.contains("the database does not answer"), "{health}");
    assert_eq!(
        shop.cart()["lines"].as_array().map(Vec::len),
        Some(1),
        "the cart is as it was"
    );

    postgres.restart();
    let placed = shop.place_order();
    assert_eq!(placed.status(), Status::SeeOther, "the shop recovered");
    drop(placed);
    assert_eq!(shop.visit(&order).0, Status::Ok);
    assert_eq!(shop.visit("/health").1, "ok");
}
