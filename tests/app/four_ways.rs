//! The four ways to keep a session value, side by side: each answers like
//! the article's routes, and each cookie lets its reader do what the
//! walkthrough says, and no more.

use rocket::http::{ContentType, Cookie, Status};
use rocket::local::blocking::Client;
use session_shop::clock::Clock;
use session_shop::routes::four_ways::{sign, verify};
use session_shop::session::cookie::parse_key;

use crate::helpers::{changed_in_the_middle, figment, OTHER_SECRET, SECRET};

const NOT_LOGGED_IN: &str = "You are not logged in";
const LOGGED_IN: &str = "Logged in as user";
const START: i64 = 1_750_000_000;

/// A browser (cookies kept) on a new instance with a manual clock.
fn browser() -> (Client, Clock) {
    browser_on(figment())
}

fn browser_on(figment: rocket::figment::Figment) -> (Client, Clock) {
    let clock = Clock::manual(START);
    let rocket = session_shop::rocket_with(figment, clock.clone());
    (Client::tracked(rocket).expect("the app launches"), clock)
}

/// `GET path`: the status and the plain-text answer.
fn answer(client: &Client, path: &str) -> (Status, String) {
    let response = client.get(path.to_owned()).dispatch();
    assert_eq!(response.content_type(), Some(ContentType::Plain), "{path}");
    (
        response.status(),
        response.into_string().unwrap_or_default(),
    )
}

/// `GET path` sending only `name=value`, with no jar: what a reader who
/// edited the cookie would send.
fn answer_with(path: &str, name: &'static str, value: &str) -> String {
    let (client, _) = browser();
    let response = client
        .get(path.to_owned())
        .cookie(Cookie::new(name, value.to_owned()))
        .dispatch();
    response.into_string().unwrap_or_default()
}

/// The value of cookie `name` in the browser's jar.
fn held(client: &Client, name: &str) -> Option<String> {
    client.cookies().get(name).map(|c| c.value().to_owned())
}

#[test]
fn every_way_answers_exactly_like_the_articles_routes() {
    for prefix in [
        "/test/session",
        "/test/plain",
        "/test/signed",
        "/test/server",
    ] {
        let (client, _) = browser();
        let steps = [
            ("check", NOT_LOGGED_IN),
            ("set", "Test"),
            ("check", LOGGED_IN),
            ("set", "Test"),
            ("check", LOGGED_IN),
            ("pop", "Test"),
            ("check", NOT_LOGGED_IN),
            ("pop", "Test"),
        ];
        for (step, expected) in steps {
            let path = format!("{prefix}/{step}");
            assert_eq!(
                answer(&client, &path),
                (Status::Ok, expected.to_owned()),
                "{path}"
            );
        }
    }
}

#[test]
fn none_of_the_three_other_ways_needs_the_session_cookie() {
    for prefix in ["/test/plain", "/test/signed", "/test/server"] {
        let (client, _) = browser();
        answer(&client, &format!("{prefix}/set"));
        answer(&client, &format!("{prefix}/check"));
        assert_eq!(held(&client, "session"), None, "{prefix}");
    }
}

#[test]
fn a_plain_cookie_is_readable_and_anyone_can_change_it() {
    let (client, _) = browser();
    answer(&client, "/test/plain/set");
    assert_eq!(held(&client, "plain_username").as_deref(), Some("user"));
    assert_eq!(
        answer_with("/test/plain/check", "plain_username", "admin"),
        "Logged in as admin"
    );
}

#[test]
fn a_signed_cookie_is_readable_but_a_changed_one_is_refused() {
    let (client, _) = browser();
    answer(&client, "/test/signed/set");
    let value = held(&client, "signed_username").expect("a signed cookie");
    // Readable: the value follows 44 characters of signature, in the clear.
    assert_eq!(value.len(), 44 + "user".len());
    assert!(value.ends_with("user"), "{value}");
    // The same cookie, sent back untouched, is believed.
    assert_eq!(
        answer_with("/test/signed/check", "signed_username", &value),
        LOGGED_IN
    );
    // Changed, or signed with another key: the signature no longer holds.
    let changed = [
        format!("{}admin", &value[..44]),
        "admin".to_owned(),
        sign(&parse_key(OTHER_SECRET).unwrap(), "user"),
    ];
    for forged in changed {
        assert_eq!(
            answer_with("/test/signed/check", "signed_username", &forged),
            NOT_LOGGED_IN,
            "{forged}"
        );
    }
}

#[test]
fn a_signed_value_verifies_only_with_the_key_that_signed_it() {
    let key = parse_key(SECRET).unwrap();
    let signed = sign(&key, "user");
    assert_eq!(verify(&key, &signed).as_deref(), Some("user"));
    assert_eq!(verify(&parse_key(OTHER_SECRET).unwrap(), &signed), None);
}

#[test]
fn a_private_cookie_can_be_neither_read_nor_changed() {
    let (client, _) = browser();
    answer(&client, "/test/session/set");
    let value = held(&client, "session").expect("a session cookie");
    assert!(!value.contains("user"), "{value}");
    let key = parse_key(SECRET).unwrap();
    assert_eq!(
        verify(&key, &value),
        None,
        "not a readable signed value either"
    );
    let changed = changed_in_the_middle(&value);
    assert_eq!(
        answer_with("/test/session/check", "session", &changed),
        NOT_LOGGED_IN
    );
}

#[test]
fn a_server_side_cookie_holds_only_a_random_id() {
    let (client, _) = browser();
    answer(&client, "/test/server/set");
    let id = held(&client, "server_session").expect("an id cookie");
    let parsed = uuid::Uuid::parse_str(&id).expect("the cookie is a UUID");
    assert_eq!(parsed.get_version_num(), 4, "random");
    assert!(!id.contains("user"));
    // Another id, or no id, names no value.
    for other in [uuid::Uuid::new_v4().to_string(), "not-an-id".to_owned()] {
        assert_eq!(
            answer_with("/test/server/check", "server_session", &other),
            NOT_LOGGED_IN,
            "{other}"
        );
    }
    // Setting again keeps the same id.
    answer(&client, "/test/server/set");
    assert_eq!(held(&client, "server_session"), Some(id));
}

#[test]
fn a_server_side_value_is_gone_once_the_server_forgets_it() {
    let (client, clock) = browser_on(figment().merge(("session_idle_timeout", 100)));
    answer(&client, "/test/server/set");
    let id = held(&client, "server_session");
    clock.advance(99);
    assert_eq!(answer(&client, "/test/server/check").1, LOGGED_IN);
    clock.advance(1);
    assert_eq!(answer(&client, "/test/server/check").1, NOT_LOGGED_IN);
    assert_eq!(
        held(&client, "server_session"),
        id,
        "the cookie is unchanged"
    );
}

#[test]
fn pop_makes_the_server_forget_even_a_kept_copy_of_the_id() {
    let (client, _) = browser();
    answer(&client, "/test/server/set");
    let copy = held(&client, "server_session").unwrap();
    answer(&client, "/test/server/pop");
    assert_eq!(
        answer_with("/test/server/check", "server_session", &copy),
        NOT_LOGGED_IN
    );
}

#[test]
fn a_signed_cookie_carries_no_time_and_a_copy_opens_for_as_long_as_the_key_is_unchanged() {
    let (client, _) = browser();
    let response = client.get("/test/signed/set").dispatch();
    let header = response
        .headers()
        .get("Set-Cookie")
        .find(|h| h.starts_with("signed_username="))
        .expect("a signed cookie is set")
        .to_owned();
    drop(response);
    // No time in the value, none in the attributes: a browser-session cookie.
    let lowered = header.to_ascii_lowercase();
    assert!(
        !lowered.contains("max-age") && !lowered.contains("expires"),
        "{header}"
    );
    // As sent, the signature's final `=` is percent-encoded before the value.
    let pair = header.split(';').next().unwrap_or_default();
    assert!(pair.ends_with("%3Duser"), "{pair}");

    let copy = held(&client, "signed_username").expect("the browser keeps it");
    let ten_years = 10 * 365 * 24 * 3600;
    // Ten years later, as the shop reckons time: the same key opens it,
    // another key does not.
    for (key, expected) in [(SECRET, LOGGED_IN), (OTHER_SECRET, NOT_LOGGED_IN)] {
        let (later, clock) = browser_on(figment().merge(("secret_key", key)));
        clock.advance(ten_years);
        let answer = later
            .get("/test/signed/check")
            .cookie(Cookie::new("signed_username", copy.clone()))
            .dispatch()
            .into_string()
            .unwrap_or_default();
        assert_eq!(answer, expected, "key {key}");
    }
}
