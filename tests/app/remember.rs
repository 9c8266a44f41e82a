//! What the server remembers that a cookie cannot, seen by a shopper: copied
//! cookies after logout, one order per cart, login throttling. The same
//! across two instances sharing a real Redis: `tests/system/instances.rs`.

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use rocket::futures::future::join_all;
use rocket::http::{Cookie, Header, Status};
use rocket::tokio;
use rocket::tokio::io::{AsyncReadExt, AsyncWriteExt};
use session_shop::clock::Clock;

use crate::helpers::free_port;
use crate::helpers::guess_until_throttled;
use crate::helpers::{
    body, clock_now, figment, location, on_threads, one_order_for_all, place_at_once,
    ready_to_place, testid_text, Instance, Shopper, PASSWORD,
};

// ---- In memory (the default) ----

#[test]
fn a_copy_of_the_cookie_kept_before_logout_opens_as_no_session() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "2");
    let copy = shop.session_cookie().unwrap();

    assert_eq!(shop.log_out().status(), Status::SeeOther);
    shop.set_session_cookie(&copy);

    let (status, html) = shop.visit("/");
    assert_eq!(status, Status::Ok);
    assert_eq!(testid_text(&html, "current-user"), None);
    assert_eq!(testid_text(&html, "cart-count").as_deref(), Some("0"));
    shop.set_session_cookie(&copy);
    let checkout = shop.get("/checkout");
    assert_eq!(checkout.status(), Status::SeeOther);
    assert_eq!(location(&checkout), "/login?next=/checkout");
}

#[test]
fn a_copy_of_the_cookie_kept_before_a_reset_opens_as_no_session() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.get("/test/session/set");
    shop.add_to_cart(3, "1");
    let copy = shop.session_cookie().unwrap();

    assert_eq!(shop.reset_session().status(), Status::SeeOther);
    shop.set_session_cookie(&copy);

    assert_eq!(
        shop.tutorial_check(),
        (Status::Ok, "You are not logged in".to_owned())
    );
    shop.set_session_cookie(&copy);
    assert_eq!(shop.signed_in_as(), None);
    shop.set_session_cookie(&copy);
    assert_eq!(shop.cart()["item_count"], 0);
}

#[test]
fn signing_in_as_bob_while_signed_in_as_alice_starts_from_an_empty_session() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "2");
    let placed = shop.check_out();
    let order_page = location(&placed);
    drop(placed);
    assert_eq!(shop.get(&order_page).status(), Status::Ok);
    shop.add_to_cart(4, "1");
    let alices = shop.session_cookie().unwrap();

    let switched = shop.log_in_as("bob");
    assert_eq!(switched.status(), Status::SeeOther);
    drop(switched);

    assert_eq!(shop.signed_in_as().as_deref(), Some("Bob"));
    assert_eq!(shop.cart()["item_count"], 0);
    assert_eq!(shop.get(&order_page).status(), Status::NotFound);
    shop.set_session_cookie(&alices);
    assert_eq!(shop.signed_in_as(), None);
    shop.set_session_cookie(&alices);
    assert_eq!(shop.get(&order_page).status(), Status::NotFound);
}

#[test]
fn the_place_form_sent_20_times_at_once_places_exactly_one_order() {
    on_threads(async {
        let shop = Instance::launch(figment(), clock_now()).await;
        let alice = shop.visitor();
        ready_to_place(&alice).await;
        let (before_the_order, token) = alice.copy_cookie_and_token().await;

        let answers =
            place_at_once(std::slice::from_ref(&shop), &before_the_order, &token, 20).await;

        let order_page = one_order_for_all(&answers).await;
        let again = shop.place_order_with(&before_the_order, &token).await;
        assert_eq!(again.status, Status::SeeOther);
        assert_eq!(again.location, Some(order_page));
    });
}

#[test]
fn the_eleventh_failed_login_is_refused_for_a_while_even_with_the_right_password() {
    let shop = Shopper::new(); // the defaults: 10 failures within 900 s
    let home = "203.0.113.7";
    for attempt in 1..=10 {
        let wrong = shop.log_in_from(home, "alice", "not-the-password");
        assert_eq!(wrong.status(), Status::Ok, "attempt {attempt}");
    }

    let refused = shop.log_in_from(home, "alice", PASSWORD);

    assert_eq!(refused.status(), Status::TooManyRequests);
    assert_eq!(refused.headers().get_one("Retry-After"), Some("900"));
    assert_eq!(
        testid_text(&body(refused), "login-error").as_deref(),
        Some(
            "Too many failed logins for this account from your address. \
             Try again in 15 minutes."
        )
    );
    assert_eq!(shop.signed_in_as(), None);

    // Nothing else is locked: another account from the same address, the
    // same account from another address.
    assert_eq!(
        shop.log_in_from(home, "bob", PASSWORD).status(),
        Status::SeeOther
    );
    assert_eq!(shop.signed_in_as().as_deref(), Some("Bob"));
    shop.log_out();
    assert_eq!(
        shop.log_in_from("198.51.100.9", "alice", PASSWORD).status(),
        Status::SeeOther
    );
    shop.log_out();

    shop.clock.advance(900);
    assert_eq!(
        shop.log_in_from(home, "alice", PASSWORD).status(),
        Status::SeeOther
    );
    assert_eq!(shop.signed_in_as().as_deref(), Some("Alice"));
}

#[test]
fn the_failed_login_limit_and_its_window_follow_the_configuration() {
    let shop = Shopper::with(
        figment()
            .merge(("login_max_failures", 2))
            .merge(("login_failure_window", 60)),
    );
    shop.log_in_with("alice", "wrong");
    shop.clock.advance(30);
    shop.log_in_with("alice", "wrong");

    let refused = shop.log_in_with("alice", PASSWORD);
    assert_eq!(refused.status(), Status::TooManyRequests);
    assert_eq!(refused.headers().get_one("Retry-After"), Some("30"));
    drop(refused);

    shop.clock.advance(30);
    assert_eq!(
        shop.log_in_with("alice", PASSWORD).status(),
        Status::SeeOther
    );
}

#[test]
fn a_flood_of_128_parallel_logins_gets_no_5xx_but_503_and_the_shop_keeps_serving() {
    on_threads(async {
        let shop = Instance::launch(figment(), clock_now()).await;
        let (cookie, token) = shop.visitor().copy_cookie_and_token().await;
        let flood: Vec<_> = (0..128)
            .map(|n| {
                let (shop, cookie, token) = (shop.clone(), cookie.clone(), token.clone());
                let (username, password) = match n % 2 {
                    0 => ("alice".to_owned(), format!("guess-{n}")),
                    _ => (format!("nobody-{n}"), PASSWORD.to_owned()),
                };
                tokio::spawn(async move {
                    shop.log_in_with(&cookie, &token, &username, &password)
                        .await
                })
            })
            .collect();

        for path in ["/health", "/", "/products/1", "/cart"] {
            assert_eq!(shop.get(path, None).await.status, Status::Ok, "{path}");
        }
        let served_during_the_flood = flood.iter().any(|login| !login.is_finished());

        for login in join_all(flood).await {
            let answer = login.expect("the login ran to its end");
            let message = |testid| testid_text(&answer.body, testid).unwrap_or_default();
            match answer.status {
                Status::Ok => assert_eq!(message("login-error"), "Invalid username or password."),
                Status::TooManyRequests => assert!(answer.retry_after.is_some()),
                Status::ServiceUnavailable => {
                    assert_eq!(answer.retry_after.as_deref(), Some("1"));
                    assert_eq!(
                        message("error-message"),
                        "Logging in is busy right now. Wait a second, then try again."
                    );
                }
                other => panic!("a login in the flood was answered {other}"),
            }
        }
        assert!(
            served_during_the_flood,
            "the pages were answered only after the flood"
        );
    });
}

#[test]
fn a_copy_of_the_cookie_from_before_sign_in_opens_as_no_session() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let before_sign_in = shop.session_cookie().unwrap();

    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);
    assert_eq!(shop.cart()["item_count"], 2, "the cart came along");
    shop.set_session_cookie(&before_sign_in);

    assert_eq!(shop.cart()["item_count"], 0);
    shop.set_session_cookie(&before_sign_in);
    assert_eq!(shop.signed_in_as(), None);
}

#[test]
fn a_fresh_x_real_ip_per_guess_earns_nothing_with_the_default_settings() {
    let shop = Shopper::new();
    for n in 1..=10 {
        let spoofed = Header::new("X-Real-IP", format!("198.51.100.{n}"));
        let fields = [("username", "alice"), ("password", "guess")];
        let wrong = shop.submit_with_header("/login", &fields, spoofed);
        assert_eq!(wrong.status(), Status::Ok, "guess {n}");
    }

    let spoofed = Header::new("X-Real-IP", "198.51.100.200");
    let fields = [("username", "alice"), ("password", PASSWORD)];
    let refused = shop.submit_with_header("/login", &fields, spoofed);

    assert_eq!(refused.status(), Status::TooManyRequests);
}

#[test]
fn behind_a_proxy_that_sets_x_real_ip_the_throttle_counts_per_reported_address() {
    let shop = Shopper::with(figment().merge(("ip_header", "X-Real-IP")));
    let from = |address: &str| Header::new("X-Real-IP", address.to_owned());
    for n in 1..=10 {
        let fields = [("username", "alice"), ("password", "guess")];
        let wrong = shop.submit_with_header("/login", &fields, from("203.0.113.7"));
        assert_eq!(wrong.status(), Status::Ok, "guess {n}");
    }
    let fields = [("username", "alice"), ("password", PASSWORD)];

    let refused = shop.submit_with_header("/login", &fields, from("203.0.113.7"));
    assert_eq!(refused.status(), Status::TooManyRequests);
    drop(refused);
    let elsewhere = shop.submit_with_header("/login", &fields, from("198.51.100.9"));
    assert_eq!(elsewhere.status(), Status::SeeOther);
}

#[test]
fn a_username_over_64_characters_is_a_422_on_the_username_and_is_not_counted() {
    let shop = Shopper::new();
    let long = "a".repeat(65);
    for _ in 0..20 {
        let refused = shop.log_in_from("203.0.113.7", &long, "guess");
        assert_eq!(refused.status(), Status::UnprocessableEntity);
        let html = body(refused);
        let page = scraper::Html::parse_document(&html);
        let username = scraper::Selector::parse("#username").unwrap();
        let field = page.select(&username).next().expect("the username field");
        assert_eq!(field.attr("aria-invalid"), Some("true"));
        assert_eq!(field.attr("value"), Some(&long[..64]));
        assert_eq!(
            testid_text(&html, "error-username").as_deref(),
            Some("Usernames have at most 64 characters. Check what you typed.")
        );
        assert_eq!(testid_text(&html, "login-error"), None, "said once");
    }
    let exactly_64 = "a".repeat(64);
    let checked = shop.log_in_from("203.0.113.7", &exactly_64, "guess");
    assert_eq!(checked.status(), Status::Ok);
    drop(checked);
    assert_eq!(
        shop.log_in_from("203.0.113.7", "alice", PASSWORD).status(),
        Status::SeeOther
    );
}

#[test]
fn sixty_parallel_wrong_guesses_are_checked_at_most_ten_times() {
    on_threads(async {
        let shop = Instance::launch(figment(), clock_now()).await;
        guess_until_throttled(std::slice::from_ref(&shop)).await;
    });
}

#[test]
fn during_a_flood_of_128_workers_alice_signs_in_from_another_address() {
    on_threads(async {
        let shop = Instance::launch(figment(), clock_now()).await;
        let (cookie, token) = shop.visitor().copy_cookie_and_token().await;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let workers: Vec<_> = (0..128)
            .map(|worker| {
                let (shop, cookie, token) = (shop.clone(), cookie.clone(), token.clone());
                let stop = std::sync::Arc::clone(&stop);
                tokio::spawn(async move {
                    let mut answers = Vec::new();
                    for n in 0.. {
                        if stop.load(std::sync::atomic::Ordering::Relaxed) {
                            break;
                        }
                        let username = format!("nobody-{worker}-{n}");
                        let answer = shop
                            .log_in_from("198.51.100.66", &cookie, &token, &username, "guess")
                            .await;
                        answers.push(answer.status);
                        tokio::task::yield_now().await;
                    }
                    answers
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(200)).await;

        let mut signed_in = 0;
        for _ in 0..10 {
            let alice = shop.visitor();
            let (cookie, token) = alice.copy_cookie_and_token().await;
            let answer = shop
                .log_in_from("203.0.113.7", &cookie, &token, "alice", PASSWORD)
                .await;
            if answer.status == Status::SeeOther {
                signed_in += 1;
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);

        let mut flood = Vec::new();
        for worker in join_all(workers).await {
            flood.extend(worker.expect("the worker ran to its end"));
        }
        assert!(signed_in >= 9, "alice signed in {signed_in} times of 10");
        let checked = flood.iter().filter(|status| **status == Status::Ok).count();
        let busy = flood
            .iter()
            .filter(|status| **status == Status::ServiceUnavailable)
            .count();
        assert!(
            checked > 0 && busy > 0,
            "{checked} checked, {busy} busy: no flood"
        );
        assert_eq!(checked + busy, flood.len(), "only checks and 503s");
    });
}

#[test]
fn when_the_revocations_are_full_sign_in_still_works_and_forgets_the_oldest_first() {
    let shop = Shopper::with(figment().merge(("ledger_max_revocations", 2)));
    shop.add_to_cart(1, "1");
    let guest = shop.session_cookie().unwrap();
    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);
    let alices = shop.session_cookie().unwrap();
    shop.clock.advance(10);
    assert_eq!(shop.log_out().status(), Status::SeeOther);
    shop.clock.advance(10);

    let signed_in = shop.log_in_as("bob");

    assert_eq!(
        signed_in.status(),
        Status::SeeOther,
        "never refused for room"
    );
    assert_eq!(shop.signed_in_as().as_deref(), Some("Bob"));
    shop.set_session_cookie(&alices);
    assert_eq!(shop.signed_in_as(), None, "alice's copy stays revoked");
    shop.set_session_cookie(&guest);
    assert_eq!(
        shop.cart()["item_count"],
        1,
        "the oldest revocation, the guest's, made room"
    );
}

#[test]
fn secure_cookies_adds_secure_to_the_demo_cookies_too() {
    for (figment, secure) in [
        (figment().merge(("secure_cookies", true)), true),
        (figment(), false),
    ] {
        let shop = Shopper::with(figment);
        for (route, name) in [
            ("/test/plain/set", "plain_username"),
            ("/test/signed/set", "signed_username"),
            ("/test/server/set", "server_session"),
        ] {
            let response = shop.get(route);
            let set_cookie = response
                .headers()
                .get("Set-Cookie")
                .find(|header| header.starts_with(&format!("{name}=")))
                .expect("the demo cookie is set")
                .to_owned();
            let cookie = Cookie::parse(set_cookie.clone()).expect("a valid Set-Cookie");
            assert_eq!(cookie.secure().unwrap_or(false), secure, "{set_cookie}");
        }
    }
}

#[test]
fn secure_cookies_adds_secure_to_the_session_cookie_and_the_default_does_not() {
    for (figment, secure) in [
        (figment().merge(("secure_cookies", true)), true),
        (figment(), false),
    ] {
        let shop = Shopper::with(figment);
        let response = shop.get("/test/session/set");
        let set_cookie = response
            .headers()
            .get("Set-Cookie")
            .find(|header| header.starts_with("session="))
            .expect("the session cookie is set");
        let cookie = Cookie::parse(set_cookie.to_owned()).expect("a valid Set-Cookie");
        assert_eq!(cookie.secure().unwrap_or(false), secure, "{set_cookie}");
        assert_eq!(cookie.http_only(), Some(true));
    }
}

/// The head of the answer to `request`, sent as raw bytes to a real server
/// running the app on a loopback port: the status line and the headers,
/// names in lower case.
async fn raw_exchange(request: &str) -> (String, Vec<(String, String)>) {
    let port = free_port();
    let config = figment()
        .merge(("port", port))
        .merge(("shutdown.ctrlc", false))
        .merge(("shutdown.signals", Vec::<String>::new()));
    let rocket = session_shop::rocket_with(config, Clock::System)
        .ignite()
        .await
        .expect("the app ignites");
    let shutdown = rocket.shutdown();
    let server = tokio::spawn(rocket.launch());
    let started = Instant::now();
    let mut stream = loop {
        match tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            Ok(stream) => break stream,
            Err(error) if started.elapsed() > Duration::from_secs(10) => {
                panic!("the server did not listen: {error}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    };
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("the server answered and closed")
        .unwrap();
    shutdown.notify();
    let _ = server.await;

    let answer = String::from_utf8_lossy(&answer);
    let head = answer.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_lowercase(), value.trim().to_owned()))
        .collect();
    (status, headers)
}

#[rocket::async_test]
async fn a_request_with_an_unknown_method_still_gets_the_security_headers() {
    // NOTE: Rocket's local client cannot send a method Rocket does not know,
    // so this one goes over a real socket.
    let (status, headers) =
        raw_exchange("PROPFIND / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await;

    assert!(status.starts_with("HTTP/1.1 400"), "{status}");
    let header = |name: &str| {
        headers
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.as_str())
    };
    let csp = header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("default-src 'self'"), "{headers:?}");
    assert!(csp.contains("frame-ancestors 'none'"), "{headers:?}");
    assert_eq!(header("x-content-type-options"), Some("nosniff"));
    assert_eq!(header("cache-control"), Some("no-store"));
    assert!(header("referrer-policy").is_some(), "{headers:?}");
}

#[test]
fn a_redis_that_is_down_at_launch_stops_the_launch_with_a_message_naming_it() {
    let url = format!("redis://127.0.0.1:{}/", free_port());

    let rocket = session_shop::rocket_with(figment().merge(("redis_url", &url)), Clock::System);
    match rocket::local::blocking::Client::untracked(rocket) {
        Ok(_) => panic!("the app launched without its Redis"),
        Err(error) => match error.kind() {
            rocket::error::ErrorKind::FailedFairings(failed) => {
                assert_eq!(failed[0].name, "Session Shop settings");
            }
            other => panic!("the launch failed otherwise: {other:?}"),
        },
    }

    // The server as an operator starts it: it stops, and says why.
    let mut server = Command::new(env!("CARGO_BIN_EXE_session-shop"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("ROCKET_REDIS_URL", &url)
        .env("ROCKET_PORT", free_port().to_string())
        .env("ROCKET_LOG_LEVEL", "normal")
        .env("ROCKET_CLI_COLORS", "false")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let started = Instant::now();
    while server.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = server.kill();
            panic!("the server kept running without its Redis");
        }
        sleep(Duration::from_millis(50));
    }
    let output = server.wait_with_output().unwrap();
    assert!(!output.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        said.contains(&format!("cannot reach Redis at {url}")),
        "{said}"
    );
}
