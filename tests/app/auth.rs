//! Signing in and out: the demo accounts, `next`, and what login does to
//! the session.

use std::io::Write;

use rocket::http::Status;
use scraper::{Html, Selector};

use crate::helpers::{figment, location, testid_text, Shopper, PASSWORD};

#[test]
fn the_login_page_has_labelled_fields_and_lists_the_demo_accounts() {
    let shop = Shopper::new();
    let (status, html) = shop.visit("/login");
    assert_eq!(status, Status::Ok);
    assert!(html.contains("<label for=\"username\">"));
    assert!(html.contains("<label for=\"password\">"));
    assert!(html.contains("name=\"next\""));
    let accounts = testid_text(&html, "demo-accounts").unwrap();
    for name in ["alice", "bob", "locked", "slow", "rocket-demo"] {
        assert!(accounts.contains(name), "{name}");
    }
}

#[test]
fn the_demo_accounts_table_lists_the_accounts_file_in_its_order() {
    let hash = session_shop::auth::hash_password(PASSWORD);
    let mut users = tempfile::NamedTempFile::new().unwrap();
    for (username, name) in [("zoe", "Zoe"), ("alice", "Alice")] {
        writeln!(
            users,
            "[[users]]\nusername = \"{username}\"\ndisplay_name = \"{name}\"\npassword_hash = \"{hash}\""
        )
        .unwrap();
    }
    let shop = Shopper::with(figment().merge(("users_path", users.path())));
    let (status, html) = shop.visit("/login");
    assert_eq!(status, Status::Ok);
    let page = Html::parse_document(&html);
    let rows = Selector::parse("[data-testid=demo-accounts] tbody tr").unwrap();
    let rows: Vec<(String, String)> = page
        .select(&rows)
        .map(|row| {
            let testid = row.attr("data-testid").unwrap_or_default().to_owned();
            (testid, row.text().collect::<String>())
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "demo-account-zoe".to_owned(),
                "zoeA demo account.".to_owned()
            ),
            (
                "demo-account-alice".to_owned(),
                "aliceA normal shopper.".to_owned()
            ),
        ]
    );
}

#[test]
fn alice_and_bob_can_log_in_and_see_their_names() {
    for (username, name) in [("alice", "Alice"), ("bob", "Bob")] {
        let shop = Shopper::new();
        let response = shop.log_in_as(username);
        assert_eq!(response.status(), Status::SeeOther);
        assert_eq!(location(&response), "/");
        let (_, html) = shop.visit("/");
        assert_eq!(testid_text(&html, "current-user").unwrap(), name);
        assert!(html.contains("data-testid=\"logout-button\""));
    }
}

#[test]
fn usernames_ignore_case_and_surrounding_spaces() {
    let shop = Shopper::new();
    let response = shop.submit(
        "/login",
        &[("username", "  ALICE "), ("password", PASSWORD)],
    );
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        testid_text(&shop.visit("/").1, "current-user").unwrap(),
        "Alice"
    );
}

#[test]
fn a_wrong_password_or_unknown_user_shows_the_form_again_and_logs_nobody_in() {
    let shop = Shopper::new();
    for (username, password) in [
        ("alice", "wrong"),
        ("alice", "Rocket-demo"),
        ("alice", "rocket-demo "),
        ("nobody", PASSWORD),
    ] {
        let response = shop.submit("/login", &[("username", username), ("password", password)]);
        assert_eq!(response.status(), Status::Ok);
        let html = crate::helpers::body(response);
        assert_eq!(
            testid_text(&html, "login-error").unwrap(),
            "Invalid username or password."
        );
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("data-testid=\"nav-login\""));
    }
}

#[test]
fn the_locked_account_is_refused_with_the_right_password() {
    let shop = Shopper::new();
    let response = shop.log_in_as("locked");
    assert_eq!(response.status(), Status::Ok);
    let html = crate::helpers::body(response);
    assert_eq!(
        testid_text(&html, "login-error").unwrap(),
        "This account is locked."
    );
    assert!(testid_text(&shop.visit("/").1, "current-user").is_none());
}

#[test]
fn empty_or_odd_credentials_are_answered_without_a_login() {
    let shop = Shopper::new();
    let long = "a".repeat(10_000);
    // An empty field is refused (422); anything else is checked and is
    // wrong (200, the form again).
    for (username, password, status) in [
        ("", "", Status::UnprocessableEntity),
        ("alice", "", Status::UnprocessableEntity),
        ("", PASSWORD, Status::UnprocessableEntity),
        ("\u{0}", "x", Status::Ok),
        ("alice", &long, Status::Ok),
    ] {
        let response = shop.submit("/login", &[("username", username), ("password", password)]);
        assert_eq!(response.status(), status, "{username:.8?} {password:.8?}");
        assert!(testid_text(&shop.visit("/").1, "current-user").is_none());
    }
}

#[test]
fn login_goes_to_a_local_next_page() {
    let shop = Shopper::new();
    let response = shop.submit(
        "/login",
        &[
            ("username", "alice"),
            ("password", PASSWORD),
            ("next", "/cart"),
        ],
    );
    assert_eq!(location(&response), "/cart");
}

#[test]
fn login_ignores_a_next_that_leaves_the_site() {
    for next in [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\t/evil.example",
        "evil.example",
        "",
    ] {
        let shop = Shopper::new();
        let response = shop.submit(
            "/login",
            &[
                ("username", "alice"),
                ("password", PASSWORD),
                ("next", next),
            ],
        );
        assert_eq!(response.status(), Status::SeeOther, "{next:?}");
        assert_eq!(location(&response), "/", "{next:?}");
    }
}

#[test]
fn login_renews_the_session_id_and_csrf_token_and_keeps_the_cart() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let token_before = shop.csrf_token();
    let id_before = testid_text(&shop.visit("/session").1, "session-id").unwrap();
    shop.log_in_as("alice");
    assert_ne!(shop.csrf_token(), token_before);
    assert_ne!(
        testid_text(&shop.visit("/session").1, "session-id").unwrap(),
        id_before
    );
    assert_eq!(shop.cart()["item_count"], 2);
    // The old token no longer works.
    let response = shop.post_raw("/cart/clear", &format!("csrf_token={token_before}"));
    assert_eq!(response.status(), Status::Forbidden);
}

#[test]
fn logout_ends_the_user_and_the_cart() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "2");
    shop.get("/test/session/set");
    let response = shop.log_out();
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/");
    let (_, html) = shop.visit("/");
    assert!(testid_text(&html, "current-user").is_none());
    assert_eq!(testid_text(&html, "cart-count").unwrap(), "0");
    assert!(testid_text(&html, "flash").unwrap().contains("logged out"));
    assert_eq!(shop.tutorial_check().1, "You are not logged in");
}

#[test]
fn logout_needs_the_csrf_token() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    assert_eq!(shop.post_raw("/logout", "").status(), Status::Forbidden);
    assert_eq!(
        testid_text(&shop.visit("/").1, "current-user").unwrap(),
        "Alice"
    );
}

/// The texts of every `role="alert"` element of a page, white space folded.
fn alerts(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("[role=\"alert\"]").unwrap();
    document
        .select(&selector)
        .map(|alert| {
            alert
                .text()
                .flat_map(str::split_whitespace)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// How many elements of a page match `css`.
fn count(html: &str, css: &str) -> usize {
    let selector = scraper::Selector::parse(css).unwrap();
    scraper::Html::parse_document(html)
        .select(&selector)
        .count()
}

#[test]
fn a_wrong_password_or_a_locked_account_is_said_once_and_names_no_field() {
    for (username, password, message) in [
        ("alice", "nope", "Invalid username or password."),
        ("nobody", PASSWORD, "Invalid username or password."),
        ("locked", PASSWORD, "This account is locked."),
    ] {
        let shop = Shopper::new();
        let response = shop.submit("/login", &[("username", username), ("password", password)]);
        assert_eq!(response.status(), Status::Ok);
        let html = crate::helpers::body(response);
        assert_eq!(
            alerts(&html),
            [message],
            "{username}: one alert, the message once"
        );
        assert_eq!(testid_text(&html, "login-error").unwrap(), message);
        assert_eq!(
            count(&html, "[aria-invalid]"),
            0,
            "{username}: no field marked"
        );
        assert_eq!(
            count(&html, "[data-testid^=\"error-link-\"]"),
            0,
            "{username}"
        );
        assert!(testid_text(&html, "error-password").is_none(), "{username}");
        assert!(!html.contains("Fields to correct"), "{username}");
        assert!(
            html.contains(&format!("value=\"{username}\"")),
            "the username kept"
        );
    }
}

#[test]
fn an_empty_field_says_its_message_at_the_field_and_in_the_summarys_link_to_it() {
    let cases = [
        (
            "en",
            "Enter both your username and your password.",
            ["Username", "Password"],
            "Fields to correct:",
        ),
        (
            "es",
            "Escribe tu usuario y tu contraseña.",
            ["Usuario", "Contraseña"],
            "Campos que corregir:",
        ),
    ];
    for (lang, message, [username_label, password_label], intro) in cases {
        let shop = Shopper::new().speaking(lang);
        for (username, password, empty, label) in [
            (" ", "", "username", username_label),
            ("", "rocket-demo", "username", username_label),
            ("alice", "", "password", password_label),
        ] {
            let response = shop.submit("/login", &[("username", username), ("password", password)]);
            assert_eq!(response.status(), Status::UnprocessableEntity);
            let html = crate::helpers::body(response);
            let marked =
                format!("#{empty}[aria-invalid=\"true\"][aria-describedby=\"{empty}-error\"]");
            assert_eq!(count(&html, &marked), 1, "{lang} {empty}");
            assert_eq!(count(&html, "[aria-invalid]"), 1, "only {empty} is marked");
            assert_eq!(
                testid_text(&html, &format!("error-{empty}")).unwrap(),
                message
            );
            // At the field, and as the summary's link to it (GOV.UK's
            // pattern); the summary has no headline repeating it.
            assert_eq!(html.matches(message).count(), 2, "{lang} {empty}: {html}");
            assert_eq!(
                testid_text(&html, &format!("error-link-{empty}")).unwrap(),
                message,
                "{lang} {empty}"
            );
            assert_eq!(
                alerts(&html),
                [format!("{intro} {message}"), message.to_owned()],
                "{lang} {empty}"
            );
            assert!(!html.contains(&format!(">{label}</a>")), "{lang} {empty}");
            assert!(
                testid_text(&html, "login-error").is_none(),
                "{lang} {empty}"
            );
            assert_eq!(count(&html, &format!("a[href=\"#{empty}\"]")), 1);
        }
    }
}
