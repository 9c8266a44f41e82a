//! The article's three routes, byte for byte.

use rocket::http::{ContentType, Status};

use crate::helpers::Shopper;

#[test]
fn check_says_not_logged_in_for_a_new_visitor() {
    let shop = Shopper::new();
    let response = shop.get("/test/session/check");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(response.into_string().unwrap(), "You are not logged in");
}

#[test]
fn set_answers_test_and_then_check_says_logged_in_as_user() {
    let shop = Shopper::new();
    let response = shop.get("/test/session/set");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(response.into_string().unwrap(), "Test");
    assert_eq!(
        shop.tutorial_check(),
        (Status::Ok, "Logged in as user".into())
    );
}

#[test]
fn pop_answers_test_and_removes_the_value() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    let response = shop.get("/test/session/pop");
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(response.into_string().unwrap(), "Test");
    assert_eq!(
        shop.tutorial_check(),
        (Status::Ok, "You are not logged in".into())
    );
}

#[test]
fn pop_when_nothing_is_set_is_not_an_error() {
    let shop = Shopper::new();
    let response = shop.get("/test/session/pop");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.into_string().unwrap(), "Test");
    assert_eq!(shop.tutorial_check().1, "You are not logged in");
}

#[test]
fn the_tutorial_value_is_not_a_login() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    let (_, html) = shop.visit("/");
    assert!(html.contains("data-testid=\"nav-login\""));
}

#[test]
fn health_answers_ok_in_plain_text() {
    let shop = Shopper::new();
    let response = shop.get("/health");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(response.into_string().unwrap(), "ok");
}

/// The shell blocks of a tutorial, in order.
fn shell_blocks(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("the tutorial exists");
    text.split("```sh\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn both_tutorials_run_the_same_commands_with_the_same_answers() {
    let english = shell_blocks("docs/TUTORIAL.md");
    assert!(english.len() > 20, "{} shell blocks", english.len());
    assert_eq!(english, shell_blocks("docs/TUTORIAL.es.md"));
}

#[test]
fn both_tutorials_link_the_article_in_plain_rocket() {
    for path in ["docs/TUTORIAL.md", "docs/TUTORIAL.es.md"] {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("(../examples/article.rs)"), "{path}");
    }
    assert!(std::path::Path::new("examples/article.rs").is_file());
}
