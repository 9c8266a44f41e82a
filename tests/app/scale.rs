//! Sessions live in the cookie, so instances sharing a key serve the same
//! shoppers with no shared store; and keys can be rotated.

use session_shop::clock::Clock;

use crate::helpers::{figment, Shopper, OTHER_SECRET, SECRET};

#[test]
fn a_cookie_minted_by_one_instance_works_on_another_with_the_same_key() {
    let first = Shopper::new();
    first.get("/test/session/set");
    first.add_to_cart(3, "2");
    let cookie = first.session_cookie().unwrap();

    let second = Shopper::on(figment(), Clock::manual(first.clock.now()));
    second.set_session_cookie(&cookie);
    assert_eq!(second.tutorial_check().1, "Logged in as user");
    assert_eq!(second.cart()["item_count"], 2);
}

#[test]
fn an_instance_with_another_key_does_not_know_the_session() {
    let first = Shopper::new();
    first.get("/test/session/set");
    let cookie = first.session_cookie().unwrap();

    let other = Shopper::with(figment().merge(("secret_key", OTHER_SECRET)));
    other.set_session_cookie(&cookie);
    assert_eq!(other.tutorial_check().1, "You are not logged in");
}

#[test]
fn a_fallback_key_opens_old_sessions_which_are_resealed_with_the_new_key() {
    let old = Shopper::with(figment().merge(("secret_key", OTHER_SECRET)));
    old.get("/test/session/set");
    let old_cookie = old.session_cookie().unwrap();

    // The new key is SECRET; the old one is kept as a fallback.
    let rotated = Shopper::with(figment().merge(("secret_key_fallbacks", [OTHER_SECRET])));
    rotated.set_session_cookie(&old_cookie);
    assert_eq!(rotated.tutorial_check().1, "Logged in as user");
    let resealed = rotated.session_cookie().unwrap();
    assert_ne!(resealed, old_cookie);

    // An instance that knows only the new key accepts the re-sealed cookie.
    let new_only = Shopper::new();
    new_only.set_session_cookie(&resealed);
    assert_eq!(new_only.tutorial_check().1, "Logged in as user");
}

#[test]
fn a_malformed_fallback_key_stops_the_launch() {
    let rocket = session_shop::rocket_with(
        figment().merge(("secret_key_fallbacks", ["too-short"])),
        Clock::System,
    );
    refuses_to_launch(rocket);
}

#[test]
fn a_release_profile_without_a_secret_key_refuses_to_start() {
    let figment = rocket::Config::figment()
        .select("release")
        .merge(("log_level", "off"));
    let rocket = session_shop::rocket_with(figment, Clock::System);
    refuses_to_launch(rocket);
}

#[test]
fn the_same_key_in_release_starts_fine() {
    let figment = rocket::Config::figment()
        .select("release")
        .merge(("secret_key", SECRET))
        .merge(("log_level", "off"));
    let rocket = session_shop::rocket_with(figment, Clock::System);
    assert!(rocket::local::blocking::Client::untracked(rocket).is_ok());
}

fn refuses_to_launch(rocket: rocket::Rocket<rocket::Build>) {
    match rocket::local::blocking::Client::untracked(rocket) {
        Ok(_) => panic!("the app launched"),
        Err(error) => assert!(matches!(
            error.kind(),
            rocket::error::ErrorKind::FailedFairings(_)
        )),
    }
}
