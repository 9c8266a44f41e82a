//! The article's three routes in plain Rocket 0.5, with Rocket's own private
//! cookies: `add_private` seals a cookie with the app's `secret_key`
//! (AES-256-GCM), `get_private` opens it, `remove_private` deletes it.
//! Rocket's defaults for a private cookie: `HttpOnly`, `SameSite=Strict`,
//! `Path=/`, and `Expires` a week ahead. Run it with
//! `cargo run --example article` (port 8000; stop the shop first).

#[macro_use]
extern crate rocket;

use rocket::http::CookieJar;

#[get("/test/session/check")]
fn check(jar: &CookieJar<'_>) -> String {
    match jar.get_private("username") {
        Some(cookie) => format!("Logged in as {}", cookie.value()),
        None => "You are not logged in".to_owned(),
    }
}

#[get("/test/session/set")]
fn set(jar: &CookieJar<'_>) -> &'static str {
    jar.add_private(("username", "user"));
    "Test"
}

#[get("/test/session/pop")]
fn pop(jar: &CookieJar<'_>) -> &'static str {
    jar.remove_private("username");
    "Test"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![check, set, pop])
}

#[cfg(test)]
mod tests {
    use rocket::http::SameSite;
    use rocket::local::blocking::Client;

    fn answer(client: &Client, path: &str) -> String {
        client
            .get(path)
            .dispatch()
            .into_string()
            .unwrap_or_default()
    }

    #[test]
    fn the_three_routes_answer_like_the_article() {
        let client = Client::tracked(super::rocket()).expect("the example launches");
        assert_eq!(
            answer(&client, "/test/session/check"),
            "You are not logged in"
        );
        assert_eq!(answer(&client, "/test/session/set"), "Test");
        assert_eq!(answer(&client, "/test/session/check"), "Logged in as user");
        assert_eq!(answer(&client, "/test/session/pop"), "Test");
        assert_eq!(
            answer(&client, "/test/session/check"),
            "You are not logged in"
        );
    }

    #[test]
    fn the_private_cookie_is_sealed_and_carries_rockets_defaults() {
        let client = Client::tracked(super::rocket()).expect("the example launches");
        let response = client.get("/test/session/set").dispatch();
        let cookie = response
            .cookies()
            .get("username")
            .cloned()
            .expect("a cookie");
        assert!(!cookie.value().contains("user"), "{}", cookie.value());
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(SameSite::Strict));
        assert_eq!(cookie.path(), Some("/"));
        assert!(cookie.expires().is_some(), "a week ahead");
    }
}
