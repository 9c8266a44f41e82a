//! The ledger: what the server remembers, in memory and in a real Redis
//! shared by two instances.

use std::future::Future;
use std::time::{Duration, Instant};

use rocket::tokio;
use session_shop::cart::Quantity;
use session_shop::catalog::ProductId;
use session_shop::checkout::{Order, OrderLine, ShippingDetails, ShippingInput};
use session_shop::ledger::{Claim, Failures, Ledger, LedgerError};
use session_shop::money::Cents;
use uuid::Uuid;

use libtest_mimic::Trial;

use crate::helpers::free_port;
use crate::redis_server::RedisServer;

/// The time the tests start at, in Unix seconds.
const NOW: i64 = 1_800_000_000;
/// A session's absolute end, an hour from [`NOW`].
const SESSION_END: i64 = NOW + 3600;
/// The longest a call may take once Redis is lost.
const PROMPTLY: Duration = Duration::from_secs(3);

/// Where a contract test's two ledgers keep what they share.
enum Backend {
    /// Two handles on one in-memory ledger.
    InMemory,
    /// Two instances connected to one real Redis.
    Redis(RedisServer),
}

/// Runs `test` on two ledgers that share `backend`'s store.
async fn on(backend: Backend, test: impl AsyncFn(Ledger, Ledger)) {
    match backend {
        Backend::InMemory => {
            let ledger = Ledger::in_memory();
            test(ledger.clone(), ledger).await;
        }
        Backend::Redis(redis) => test(connect(&redis).await, connect(&redis).await).await,
    }
}

/// The ledger's tests: the contract on both backends, then Redis's own.
pub fn tests() -> Vec<Trial> {
    macro_rules! contract {
        ($($name:ident),* $(,)?) => {{
            let mut trials = trials!(
                    needs: [],
                    suffix: "::in_memory",
                    run: |test| rocket::async_test(test(Backend::InMemory)),
                tests: [$($name),*]
            );
            trials.extend(trials!(
                    needs: [RedisServer],
                    suffix: "::on_redis",
                    run: |test| rocket::async_test(test(Backend::Redis(RedisServer::start()))),
                    tests: [$($name),*]
            ));
            trials
        }};
    }
    let contract = contract![
        a_revoked_session_stays_revoked_until_its_end_and_not_after,
        revoking_a_session_again_never_shortens_its_revocation,
        revoking_a_session_whose_end_has_passed_changes_nothing,
        twenty_parallel_claims_for_one_checkout_place_exactly_one_order,
        a_later_claim_gets_the_whole_first_order_back,
        claims_for_different_checkouts_each_place_their_own_order,
        a_checkout_is_forgotten_after_its_end,
        failed_logins_count_up_per_client_and_username,
        failed_logins_start_again_once_the_window_has_passed,
        a_good_login_clears_the_failed_logins,
    ];
    let redis = redis_tests!(async: [
        a_revocation_on_one_instance_is_honoured_by_another_within_a_second,
        an_instance_started_after_a_revocation_honours_it_at_once,
        when_redis_is_lost_calls_are_unavailable_but_revocations_are_still_known,
        when_redis_comes_back_revocations_reach_every_instance_again,
        malformed_data_in_redis_counts_as_absent,
    ]);
    let plain = trials!(
        needs: [],
        run: |test| rocket::async_test(test()),
        tests: [connecting_where_no_redis_listens_fails_with_a_message_naming_it]
    );
    [contract, redis, plain].into_iter().flatten().collect()
}

async fn connect(redis: &RedisServer) -> Ledger {
    Ledger::connect_redis(&redis.url())
        .await
        .expect("the test's Redis answers")
}

fn order() -> Order {
    Order {
        id: Uuid::new_v4(),
        placed_at_ms: NOW * 1000,
        ship_to: ShippingDetails::parse(&ShippingInput {
            full_name: "Ada Lovelace",
            email: "ada@example.com",
            address: "12 Analytical Row",
            city: "London",
            postal_code: "NW1 6XE",
        })
        .expect("good details"),
        lines: vec![OrderLine {
            product_id: ProductId(1),
            quantity: Quantity::new(2).expect("2 is a valid quantity"),
            unit_price: Cents(1250),
        }],
        subtotal: Cents(2500),
        shipping: Cents(490),
    }
}

/// Whether `check` holds within `limit`, asking every 10 ms.
async fn within(limit: Duration, check: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    loop {
        if check() {
            return true;
        }
        if started.elapsed() > limit {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The error `call` fails with, after checking it failed within [`PROMPTLY`].
async fn unavailable<T: std::fmt::Debug>(
    call: impl Future<Output = Result<T, LedgerError>>,
) -> LedgerError {
    let started = Instant::now();
    let result = call.await;
    let took = started.elapsed();
    assert!(took < PROMPTLY, "the call took {took:?}");
    result.expect_err("Redis is gone, yet the call succeeded")
}

async fn a_revoked_session_stays_revoked_until_its_end_and_not_after(backend: Backend) {
    on(backend, async |ledger, _| {
        let revoked = Uuid::new_v4();
        let other = Uuid::new_v4();

        ledger.revoke(revoked, SESSION_END, NOW).await.unwrap();

        assert!(ledger.is_revoked(revoked, NOW));
        assert!(ledger.is_revoked(revoked, SESSION_END - 1));
        assert!(!ledger.is_revoked(revoked, SESSION_END));
        assert!(!ledger.is_revoked(other, NOW));
    })
    .await;
}

async fn revoking_a_session_again_never_shortens_its_revocation(backend: Backend) {
    on(backend, async |ledger, _| {
        let id = Uuid::new_v4();

        ledger.revoke(id, SESSION_END, NOW).await.unwrap();
        ledger.revoke(id, NOW + 10, NOW).await.unwrap();

        assert!(ledger.is_revoked(id, SESSION_END - 1));
    })
    .await;
}

async fn revoking_a_session_whose_end_has_passed_changes_nothing(backend: Backend) {
    on(backend, async |ledger, _| {
        let id = Uuid::new_v4();

        ledger.revoke(id, NOW - 1, NOW).await.unwrap();

        assert!(!ledger.is_revoked(id, NOW - 10));
    })
    .await;
}

async fn a_revocation_on_one_instance_is_honoured_by_another_within_a_second(redis: RedisServer) {
    let first = connect(&redis).await;
    let second = connect(&redis).await;
    let id = Uuid::new_v4();

    first.revoke(id, SESSION_END, NOW).await.unwrap();

    assert!(
        within(Duration::from_secs(1), || second.is_revoked(id, NOW)).await,
        "the second instance still lets the session in after a second"
    );
}

async fn an_instance_started_after_a_revocation_honours_it_at_once(redis: RedisServer) {
    let first = connect(&redis).await;
    let id = Uuid::new_v4();
    first.revoke(id, SESSION_END, NOW).await.unwrap();

    let later = connect(&redis).await;

    assert!(later.is_revoked(id, NOW));
    assert!(!later.is_revoked(id, SESSION_END));
}

async fn twenty_parallel_claims_for_one_checkout_place_exactly_one_order(backend: Backend) {
    on(backend, async |first, second| {
        let checkout = Uuid::new_v4();
        let claims = (0..20).map(|n| {
            let ledger = if n % 2 == 0 { &first } else { &second }.clone();
            tokio::spawn(async move {
                ledger
                    .claim_order(checkout, &order(), SESSION_END, NOW)
                    .await
            })
        });

        let mut winners = 0;
        let mut ids = Vec::new();
        for claim in claims.collect::<Vec<_>>() {
            let claim = claim.await.unwrap().unwrap();
            if matches!(claim, Claim::Placed(_)) {
                winners += 1;
            }
            ids.push(claim.order().id);
        }

        assert_eq!(winners, 1);
        assert_eq!(ids.len(), 20);
        assert!(ids.iter().all(|id| *id == ids[0]), "orders differ: {ids:?}");
    })
    .await;
}

async fn a_later_claim_gets_the_whole_first_order_back(backend: Backend) {
    on(backend, async |first, second| {
        let checkout = Uuid::new_v4();
        let placed = order();

        let claim = first.claim_order(checkout, &placed, SESSION_END, NOW);
        assert_eq!(claim.await.unwrap(), Claim::Placed(placed.clone()));
        let another = order();
        let again = second.claim_order(checkout, &another, SESSION_END, NOW + 5);
        assert_eq!(again.await.unwrap(), Claim::AlreadyPlaced(placed));
    })
    .await;
}

async fn claims_for_different_checkouts_each_place_their_own_order(backend: Backend) {
    on(backend, async |ledger, _| {
        let another = order();
        let claim = ledger.claim_order(Uuid::new_v4(), &another, SESSION_END, NOW);
        assert!(matches!(claim.await.unwrap(), Claim::Placed(_)));
        let another = order();
        let claim = ledger.claim_order(Uuid::new_v4(), &another, SESSION_END, NOW);
        assert!(matches!(claim.await.unwrap(), Claim::Placed(_)));
    })
    .await;
}

async fn a_checkout_is_forgotten_after_its_end(backend: Backend) {
    on(backend, async |ledger, _| {
        let checkout = Uuid::new_v4();
        let another = order();
        let first = ledger.claim_order(checkout, &another, SESSION_END, NOW);
        first.await.unwrap();

        let later = order();
        let claim = ledger.claim_order(checkout, &later, SESSION_END + 3600, SESSION_END);

        assert_eq!(claim.await.unwrap(), Claim::Placed(later));
    })
    .await;
}

async fn failed_logins_count_up_per_client_and_username(backend: Backend) {
    on(backend, async |first, second| {
        let window = 900;
        first
            .record_login_failure("10.0.0.1", "alice", window, NOW)
            .await
            .unwrap();
        let counted = second
            .record_login_failure("10.0.0.1", " Alice ", window, NOW + 100)
            .await
            .unwrap();

        let expected = Failures {
            count: 2,
            retry_after: 800,
        };
        assert_eq!(counted, expected);
        let read = first.login_failures("10.0.0.1", "ALICE", NOW + 100).await;
        assert_eq!(read.unwrap(), expected);
        let bob = first.login_failures("10.0.0.1", "bob", NOW + 100).await;
        assert_eq!(bob.unwrap(), Failures::default());
        let elsewhere = first.login_failures("10.0.0.2", "alice", NOW + 100).await;
        assert_eq!(elsewhere.unwrap(), Failures::default());
    })
    .await;
}

async fn failed_logins_start_again_once_the_window_has_passed(backend: Backend) {
    on(backend, async |ledger, _| {
        for _ in 0..3 {
            ledger
                .record_login_failure("::1", "bob", 60, NOW)
                .await
                .unwrap();
        }

        let at_end = ledger.login_failures("::1", "bob", NOW + 60).await;
        assert_eq!(at_end.unwrap(), Failures::default());
        let next = ledger
            .record_login_failure("::1", "bob", 60, NOW + 61)
            .await;
        let expected = Failures {
            count: 1,
            retry_after: 60,
        };
        assert_eq!(next.unwrap(), expected);
    })
    .await;
}

async fn a_good_login_clears_the_failed_logins(backend: Backend) {
    on(backend, async |ledger, _| {
        ledger
            .record_login_failure("10.0.0.1", "alice", 900, NOW)
            .await
            .unwrap();
        ledger
            .record_login_failure("10.0.0.1", "bob", 900, NOW)
            .await
            .unwrap();

        ledger
            .clear_login_failures("10.0.0.1", "Alice")
            .await
            .unwrap();

        let alice = ledger.login_failures("10.0.0.1", "alice", NOW).await;
        assert_eq!(alice.unwrap(), Failures::default());
        let bob = ledger.login_failures("10.0.0.1", "bob", NOW).await;
        assert_eq!(bob.unwrap().count, 1);
    })
    .await;
}

async fn connecting_where_no_redis_listens_fails_with_a_message_naming_it() {
    let url = format!("redis://127.0.0.1:{}/", free_port());
    let started = Instant::now();

    let refused = Ledger::connect_redis(&url).await;

    assert!(started.elapsed() < Duration::from_secs(5));
    let message = refused.expect_err("nothing listens there");
    assert!(
        message.starts_with(&format!("cannot reach Redis at {url}: ")),
        "{message}"
    );
}

async fn when_redis_is_lost_calls_are_unavailable_but_revocations_are_still_known(
    mut redis: RedisServer,
) {
    let ledger = connect(&redis).await;
    let revoked = Uuid::new_v4();
    ledger.revoke(revoked, SESSION_END, NOW).await.unwrap();

    redis.stop();

    let lost = unavailable(ledger.revoke(Uuid::new_v4(), SESSION_END, NOW)).await;
    assert!(matches!(lost, LedgerError::Unavailable(_)));
    let another = order();
    let claim = ledger.claim_order(Uuid::new_v4(), &another, SESSION_END, NOW);
    assert!(matches!(
        unavailable(claim).await,
        LedgerError::Unavailable(_)
    ));
    let record = ledger.record_login_failure("10.0.0.1", "alice", 900, NOW);
    assert!(matches!(
        unavailable(record).await,
        LedgerError::Unavailable(_)
    ));
    let read = ledger.login_failures("10.0.0.1", "alice", NOW);
    assert!(matches!(
        unavailable(read).await,
        LedgerError::Unavailable(_)
    ));
    let clear = ledger.clear_login_failures("10.0.0.1", "alice");
    assert!(matches!(
        unavailable(clear).await,
        LedgerError::Unavailable(_)
    ));
    assert!(ledger.is_revoked(revoked, NOW));
    assert!(!ledger.is_revoked(Uuid::new_v4(), NOW));
}

async fn when_redis_comes_back_revocations_reach_every_instance_again(mut redis: RedisServer) {
    let first = connect(&redis).await;
    let second = connect(&redis).await;

    redis.restart();

    let id = Uuid::new_v4();
    let started = Instant::now();
    while first.revoke(id, SESSION_END, NOW).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "Redis is back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        within(Duration::from_secs(8), || second.is_revoked(id, NOW)).await,
        "the second instance never learnt of the revocation"
    );
    let next = Uuid::new_v4();
    first.revoke(next, SESSION_END, NOW).await.unwrap();
    assert!(within(Duration::from_secs(1), || second.is_revoked(next, NOW)).await);
}

async fn malformed_data_in_redis_counts_as_absent(redis: RedisServer) {
    let client = redis::Client::open(redis.url()).unwrap();
    let mut raw = client.get_multiplexed_async_connection().await.unwrap();
    let checkout = Uuid::new_v4();
    let other_checkout = Uuid::new_v4();
    let garbage: [&[&str]; 4] = [
        &["SET", "session-shop:revoked", "not a sorted set"],
        &[
            "SET",
            &format!("session-shop:order:{checkout}"),
            "{not json",
        ],
        &[
            "SET",
            &format!("session-shop:order:{other_checkout}"),
            r#"{"until": 9999999999, "order": {"id": 7}}"#,
        ],
        &[
            "HSET",
            "session-shop:login-failures:10.0.0.1:alice",
            "count",
            "many",
            "until",
            "soon",
        ],
    ];
    for command in garbage {
        let mut cmd = redis::cmd(command[0]);
        cmd.arg(&command[1..]);
        cmd.query_async::<()>(&mut raw).await.unwrap();
    }

    let ledger = connect(&redis).await;

    let id = Uuid::new_v4();
    ledger.revoke(id, SESSION_END, NOW).await.unwrap();
    assert!(ledger.is_revoked(id, NOW));
    let another = order();
    let claim = ledger.claim_order(checkout, &another, SESSION_END, NOW);
    assert!(matches!(claim.await.unwrap(), Claim::Placed(_)));
    let another = order();
    let claim = ledger.claim_order(other_checkout, &another, SESSION_END, NOW);
    assert!(matches!(claim.await.unwrap(), Claim::Placed(_)));
    let read = ledger.login_failures("10.0.0.1", "alice", NOW).await;
    assert_eq!(read.unwrap(), Failures::default());
    let record = ledger.record_login_failure("10.0.0.1", "alice", 900, NOW);
    assert_eq!(record.await.unwrap().count, 1);

    let mut publish = redis::cmd("PUBLISH");
    publish
        .arg("session-shop:revocations")
        .arg("not a revocation");
    publish.query_async::<()>(&mut raw).await.unwrap();
    let other = connect(&redis).await;
    let next = Uuid::new_v4();
    other.revoke(next, SESSION_END, NOW).await.unwrap();
    assert!(within(Duration::from_secs(1), || ledger.is_revoked(next, NOW)).await);
}
