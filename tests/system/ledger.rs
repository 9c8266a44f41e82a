//! The ledger: what the server remembers, in memory and in a real Redis
//! shared by two instances.

use std::future::Future;
use std::time::{Duration, Instant};

use rocket::tokio;
use session_shop::ledger::{Attempt, Ledger, LedgerError, LedgerSettings, Limits, Share};
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
/// The key every test instance names failed-login counts with.
const NAMES_KEY: &[u8] = b"the key every instance shares";
/// The client address the tests' entries are charged to.
const CLIENT: &str = "10.0.0.1";
/// The failed sign-ins allowed in a window, and the window (the defaults).
const LIMIT: u32 = 10;
const WINDOW: u32 = 900;

/// Where a contract test's two ledgers keep what they share.
enum Backend {
    /// Two handles on one in-memory ledger.
    InMemory,
    /// Two instances connected to one real Redis.
    Redis(RedisServer),
}

/// Runs `test` on two ledgers that share `backend`'s store.
async fn on(backend: Backend, test: impl AsyncFn(Ledger, Ledger)) {
    on_with(backend, Limits::default(), test).await;
}

/// [`on`], with the ledgers holding at most `limits`.
async fn on_with(backend: Backend, limits: Limits, test: impl AsyncFn(Ledger, Ledger)) {
    let settings = LedgerSettings {
        limits,
        ..LedgerSettings::new(NAMES_KEY)
    };
    match backend {
        Backend::InMemory => {
            let ledger = Ledger::in_memory_with(&settings);
            test(ledger.clone(), ledger).await;
        }
        Backend::Redis(redis) => {
            let first = connect_with(&redis, &settings).await;
            test(first, connect_with(&redis, &settings).await).await;
        }
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
        failed_logins_count_up_per_client_and_username,
        past_the_limit_an_attempt_is_refused_until_the_window_ends,
        sixty_parallel_attempts_reserve_exactly_the_limit,
        a_good_login_clears_the_failed_logins,
        a_client_flooding_revocations_forgets_only_its_own_and_nobody_is_refused,
        orders_are_budgeted_per_account_and_client_address,
    ];
    let redis = redis_tests!(async: [
        a_revocation_on_one_instance_is_honoured_by_another_within_a_second,
        an_instance_started_after_a_revocation_honours_it_at_once,
        when_redis_is_lost_calls_are_unavailable_but_revocations_are_still_known,
        when_redis_comes_back_revocations_reach_every_instance_again,
        malformed_data_in_redis_counts_as_absent,
        after_an_8_second_outage_revocations_reach_every_instance_within_a_second,
        under_maxmemory_with_volatile_lru_redis_evicts_login_counts_but_never_a_revocation,
    ]);
    let plain = trials!(
        needs: [],
        run: |test| rocket::async_test(test()),
        tests: [
            connecting_where_no_redis_listens_fails_with_a_message_naming_it,
            a_full_ledger_drops_the_oldest_failed_login_counts_first,
        ]
    );
    [contract, redis, plain].into_iter().flatten().collect()
}

async fn connect(redis: &RedisServer) -> Ledger {
    connect_with(redis, &LedgerSettings::new(NAMES_KEY)).await
}

async fn connect_with(redis: &RedisServer, settings: &LedgerSettings) -> Ledger {
    Ledger::connect_redis(&redis.url(), settings)
        .await
        .expect("the test's Redis answers")
}

/// Reserves one sign-in attempt for `client` and `username` at `now`.
async fn reserve(ledger: &Ledger, client: &str, username: &str, now: i64) -> Attempt {
    ledger
        .reserve_login_attempt(client, username, LIMIT, WINDOW, now)
        .await
        .expect("the ledger answers")
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

        ledger
            .revoke(revoked, SESSION_END, NOW, CLIENT)
            .await
            .unwrap();

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

        ledger.revoke(id, SESSION_END, NOW, CLIENT).await.unwrap();
        ledger.revoke(id, NOW + 10, NOW, CLIENT).await.unwrap();

        assert!(ledger.is_revoked(id, SESSION_END - 1));
    })
    .await;
}

async fn revoking_a_session_whose_end_has_passed_changes_nothing(backend: Backend) {
    on(backend, async |ledger, _| {
        let id = Uuid::new_v4();

        ledger.revoke(id, NOW - 1, NOW, CLIENT).await.unwrap();

        assert!(!ledger.is_revoked(id, NOW - 10));
    })
    .await;
}

async fn a_revocation_on_one_instance_is_honoured_by_another_within_a_second(redis: RedisServer) {
    let first = connect(&redis).await;
    let second = connect(&redis).await;
    let id = Uuid::new_v4();

    first.revoke(id, SESSION_END, NOW, CLIENT).await.unwrap();

    assert!(
        within(Duration::from_secs(1), || second.is_revoked(id, NOW)).await,
        "the second instance still lets the session in after a second"
    );
}

async fn an_instance_started_after_a_revocation_honours_it_at_once(redis: RedisServer) {
    let first = connect(&redis).await;
    let id = Uuid::new_v4();
    first.revoke(id, SESSION_END, NOW, CLIENT).await.unwrap();

    let later = connect(&redis).await;

    assert!(later.is_revoked(id, NOW));
    assert!(!later.is_revoked(id, SESSION_END));
}

async fn failed_logins_count_up_per_client_and_username(backend: Backend) {
    on(backend, async |first, second| {
        assert_eq!(
            reserve(&first, "10.0.0.1", "alice", NOW).await,
            Attempt::Reserved { count: 1 }
        );

        let counted = reserve(&second, "10.0.0.1", " Alice ", NOW + 100).await;

        assert_eq!(counted, Attempt::Reserved { count: 2 });
        let bob = reserve(&first, "10.0.0.1", "bob", NOW + 100).await;
        assert_eq!(bob, Attempt::Reserved { count: 1 });
        let elsewhere = reserve(&first, "10.0.0.2", "ALICE", NOW + 100).await;
        assert_eq!(elsewhere, Attempt::Reserved { count: 1 });
    })
    .await;
}

async fn past_the_limit_an_attempt_is_refused_until_the_window_ends(backend: Backend) {
    on(backend, async |ledger, _| {
        for _ in 0..LIMIT {
            reserve(&ledger, "::1", "bob", NOW).await;
        }

        let refused = reserve(&ledger, "::1", "bob", NOW + 100).await;
        assert_eq!(refused, Attempt::Refused { retry_after: 800 });
        let again = reserve(&ledger, "::1", "bob", NOW + 899).await;
        assert_eq!(again, Attempt::Refused { retry_after: 1 });

        let next = reserve(&ledger, "::1", "bob", NOW + 900).await;
        assert_eq!(next, Attempt::Reserved { count: 1 });
    })
    .await;
}

async fn sixty_parallel_attempts_reserve_exactly_the_limit(backend: Backend) {
    on(backend, async |first, second| {
        let attempts = (0..60).map(|n| {
            let ledger = if n % 2 == 0 { &first } else { &second }.clone();
            tokio::spawn(async move { reserve(&ledger, "10.0.0.1", "alice", NOW).await })
        });

        let mut reserved = 0;
        for attempt in attempts.collect::<Vec<_>>() {
            match attempt.await.unwrap() {
                Attempt::Reserved { .. } => reserved += 1,
                Attempt::Refused { retry_after } => assert_eq!(retry_after, WINDOW),
            }
        }

        assert_eq!(reserved, LIMIT);
    })
    .await;
}

async fn a_good_login_clears_the_failed_logins(backend: Backend) {
    on(backend, async |ledger, _| {
        for _ in 0..LIMIT {
            reserve(&ledger, "10.0.0.1", "alice", NOW).await;
        }
        reserve(&ledger, "10.0.0.1", "bob", NOW).await;

        ledger
            .clear_login_failures("10.0.0.1", "Alice")
            .await
            .unwrap();

        let alice = reserve(&ledger, "10.0.0.1", "alice", NOW).await;
        assert_eq!(alice, Attempt::Reserved { count: 1 });
        let bob = reserve(&ledger, "10.0.0.1", "bob", NOW).await;
        assert_eq!(bob, Attempt::Reserved { count: 2 });
    })
    .await;
}

async fn a_client_flooding_revocations_forgets_only_its_own_and_nobody_is_refused(
    backend: Backend,
) {
    let limits = Limits {
        revocations: Share {
            per_client: 20,
            total: 50,
        },
        ..Limits::default()
    };
    on_with(backend, limits, async |first, second| {
        let shoppers: Vec<Uuid> = (0..10).map(|_| Uuid::new_v4()).collect();
        for (n, id) in shoppers.iter().enumerate() {
            let address = format!("10.0.1.{n}");
            first.revoke(*id, SESSION_END, NOW, &address).await.unwrap();
        }

        let flood: Vec<Uuid> = (0..500).map(|_| Uuid::new_v4()).collect();
        for id in &flood {
            let answer = second.revoke(*id, SESSION_END, NOW, "10.0.9.9").await;
            assert_eq!(answer, Ok(()), "a revocation is never refused");
        }
        let late = Uuid::new_v4();
        first
            .revoke(late, SESSION_END, NOW, "10.0.1.99")
            .await
            .unwrap();

        for id in shoppers.iter().chain([&late]) {
            assert!(
                within(Duration::from_secs(1), || second.is_revoked(*id, NOW)).await,
                "another client's revocation was forgotten"
            );
        }
        let newest = flood[flood.len() - 1];
        assert!(within(Duration::from_secs(1), || first.is_revoked(newest, NOW)).await);
        // NOTE: the flood's own first-ending revocations made room; an
        // instance still holding one it was told to forget is only
        // stricter, and lets it go soon after.
        for ledger in [&first, &second] {
            let held = || {
                flood
                    .iter()
                    .filter(|id| ledger.is_revoked(**id, NOW))
                    .count()
                    == 20
            };
            assert!(
                within(Duration::from_secs(5), held).await,
                "the flood keeps exactly its share of 20"
            );
        }
    })
    .await;
}

async fn orders_are_budgeted_per_account_and_client_address(backend: Backend) {
    on(backend, async |first, second| {
        for _ in 0..3 {
            let budget = first.reserve_order("10.0.0.1", "alice", 3, 3600, NOW).await;
            assert!(matches!(budget, Ok(Attempt::Reserved { .. })), "{budget:?}");
        }
        let refused = second
            .reserve_order("10.0.0.1", "alice", 3, 3600, NOW + 60)
            .await;
        assert_eq!(refused, Ok(Attempt::Refused { retry_after: 3540 }));

        let elsewhere = second
            .reserve_order("10.0.0.2", "alice", 3, 3600, NOW + 60)
            .await;
        assert!(matches!(elsewhere, Ok(Attempt::Reserved { count: 1 })));
        let bob = second
            .reserve_order("10.0.0.1", "bob", 3, 3600, NOW + 60)
            .await;
        assert!(matches!(bob, Ok(Attempt::Reserved { count: 1 })));

        first
            .release_order("10.0.0.1", "alice", NOW + 61)
            .await
            .unwrap();
        let given_back = second
            .reserve_order("10.0.0.1", "alice", 3, 3600, NOW + 62)
            .await;
        assert_eq!(given_back, Ok(Attempt::Reserved { count: 3 }));
        let next_hour = first
            .reserve_order("10.0.0.1", "alice", 3, 3600, NOW + 3600)
            .await;
        assert_eq!(next_hour, Ok(Attempt::Reserved { count: 1 }));
    })
    .await;
}

async fn a_full_ledger_drops_the_oldest_failed_login_counts_first() {
    let limits = Limits {
        login_failures: 100,
        ..Limits::default()
    };
    let ledger = Ledger::in_memory_with(&LedgerSettings {
        limits,
        ..LedgerSettings::new(NAMES_KEY)
    });
    for _ in 0..LIMIT {
        reserve(&ledger, "10.0.0.1", "alice", NOW).await;
    }

    for n in 0..99 {
        reserve(&ledger, "10.0.0.2", &format!("user-{n}"), NOW + 1).await;
    }
    let kept = reserve(&ledger, "10.0.0.1", "alice", NOW + 2).await;
    assert!(matches!(kept, Attempt::Refused { .. }), "{kept:?}");

    for n in 0..1000 {
        reserve(&ledger, "10.0.0.2", &format!("flood-{n}"), NOW + 3).await;
    }
    let newest = reserve(&ledger, "10.0.0.2", "flood-999", NOW + 4).await;
    assert_eq!(newest, Attempt::Reserved { count: 2 });
    let dropped = reserve(&ledger, "10.0.0.1", "alice", NOW + 4).await;
    assert_eq!(dropped, Attempt::Reserved { count: 1 });
}

async fn connecting_where_no_redis_listens_fails_with_a_message_naming_it() {
    let url = format!("redis://127.0.0.1:{}/", free_port());
    let started = Instant::now();

    let refused = Ledger::connect_redis(&url, &LedgerSettings::new(NAMES_KEY)).await;

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
    ledger
        .revoke(revoked, SESSION_END, NOW, CLIENT)
        .await
        .unwrap();

    redis.stop();

    let lost = unavailable(ledger.revoke(Uuid::new_v4(), SESSION_END, NOW, CLIENT)).await;
    assert!(matches!(lost, LedgerError::Unavailable(_)));
    let budget = ledger.reserve_order(CLIENT, "alice", 60, 3600, NOW);
    assert!(matches!(
        unavailable(budget).await,
        LedgerError::Unavailable(_)
    ));
    let reserve = ledger.reserve_login_attempt("10.0.0.1", "alice", LIMIT, WINDOW, NOW);
    assert!(matches!(
        unavailable(reserve).await,
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
    while first.revoke(id, SESSION_END, NOW, CLIENT).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "Redis is back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        within(Duration::from_secs(8), || second.is_revoked(id, NOW)).await,
        "the second instance never learnt of the revocation"
    );
    let next = Uuid::new_v4();
    first.revoke(next, SESSION_END, NOW, CLIENT).await.unwrap();
    assert!(within(Duration::from_secs(1), || second.is_revoked(next, NOW)).await);
}

async fn malformed_data_in_redis_counts_as_absent(redis: RedisServer) {
    let client = redis::Client::open(redis.url()).unwrap();
    let mut raw = client.get_multiplexed_async_connection().await.unwrap();
    let garbage: [&[&str]; 2] = [
        &["SET", "session-shop:revoked", "not a sorted set"],
        &["SET", "session-shop:revoked:holders", "not a sorted set"],
    ];
    for command in garbage {
        let mut cmd = redis::cmd(command[0]);
        cmd.arg(&command[1..]);
        cmd.query_async::<()>(&mut raw).await.unwrap();
    }

    let ledger = connect(&redis).await;

    let id = Uuid::new_v4();
    ledger.revoke(id, SESSION_END, NOW, CLIENT).await.unwrap();
    assert!(ledger.is_revoked(id, NOW));

    reserve(&ledger, "10.0.0.1", "alice", NOW).await;
    let mut keys = redis::cmd("KEYS");
    keys.arg("session-shop:login-failures:*");
    let counts: Vec<String> = keys.query_async(&mut raw).await.unwrap();
    assert_eq!(counts.len(), 1, "{counts:?}");
    let mut spoil = redis::cmd("HSET");
    spoil
        .arg(&counts[0])
        .arg("count")
        .arg("many")
        .arg("until")
        .arg("soon");
    spoil.query_async::<()>(&mut raw).await.unwrap();
    let read = reserve(&ledger, "10.0.0.1", "alice", NOW).await;
    assert_eq!(read, Attempt::Reserved { count: 1 });

    let mut publish = redis::cmd("PUBLISH");
    publish
        .arg("session-shop:revocations")
        .arg("not a revocation");
    publish.query_async::<()>(&mut raw).await.unwrap();
    let other = connect(&redis).await;
    let next = Uuid::new_v4();
    other.revoke(next, SESSION_END, NOW, CLIENT).await.unwrap();
    assert!(within(Duration::from_secs(1), || ledger.is_revoked(next, NOW)).await);
}

async fn after_an_8_second_outage_revocations_reach_every_instance_within_a_second(
    mut redis: RedisServer,
) {
    let first = connect(&redis).await;
    let second = connect(&redis).await;

    redis.stop();
    tokio::time::sleep(Duration::from_secs(8)).await;
    redis.restart();

    let id = Uuid::new_v4();
    while first.revoke(id, SESSION_END, NOW, CLIENT).await.is_err() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        within(Duration::from_secs(1), || second.is_revoked(id, NOW)).await,
        "the second instance still lets the session in a second later"
    );
}

async fn under_maxmemory_with_volatile_lru_redis_evicts_login_counts_but_never_a_revocation(
    redis: RedisServer,
) {
    let ledger = connect(&redis).await;
    let revoked: Vec<Uuid> = (0..50).map(|_| Uuid::new_v4()).collect();
    for (n, id) in revoked.iter().enumerate() {
        let address = format!("10.2.0.{n}");
        ledger
            .revoke(*id, SESSION_END, NOW, &address)
            .await
            .unwrap();
    }
    let client = redis::Client::open(redis.url()).unwrap();
    let mut raw = client.get_multiplexed_async_connection().await.unwrap();
    for (name, value) in [("maxmemory-policy", "volatile-lru"), ("maxmemory", "2mb")] {
        let mut set = redis::cmd("CONFIG");
        set.arg("SET").arg(name).arg(value);
        set.query_async::<()>(&mut raw).await.unwrap();
    }

    for n in 0..40_000 {
        let address = format!("10.3.{}.{}", n / 250, n % 250);
        // NOTE: a write may meet Redis at its limit; only what survives counts.
        let _ = ledger
            .reserve_login_attempt(&address, &format!("nobody-{n}"), 10, 900, NOW)
            .await;
    }

    let mut info = redis::cmd("INFO");
    info.arg("stats");
    let stats: String = info.query_async(&mut raw).await.unwrap();
    let evicted: u64 = stats
        .lines()
        .find_map(|line| line.strip_prefix("evicted_keys:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0);
    assert!(evicted > 0, "Redis reached its limit and evicted: {stats}");
    let later = connect(&redis).await;
    for id in &revoked {
        assert!(later.is_revoked(*id, NOW), "a revocation was evicted");
    }
}
