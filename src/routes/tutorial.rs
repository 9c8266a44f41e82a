//! The article's three demo routes: set, read and remove one session value
//! (`username`). Plain text, byte for byte as the article shows them.

use rocket::{get, routes, Route};

use crate::session::Session;

/// `GET /test/session/set`: stores `username = "user"` in the session.
#[get("/test/session/set")]
pub fn set_value(mut session: Session<'_>) -> &'static str {
    session.set_demo_value("user");
    "Test"
}

/// `GET /test/session/check`: says whether `username` is set.
#[get("/test/session/check")]
pub fn check_value(session: Session<'_>) -> String {
    match &session.data().username {
        Some(name) => format!("Logged in as {name}"),
        None => "You are not logged in".to_owned(),
    }
}

/// `GET /test/session/pop`: removes `username`; fine when it is not set.
#[get("/test/session/pop")]
pub fn pop_value(mut session: Session<'_>) -> &'static str {
    session.remove_demo_value();
    "Test"
}

pub fn routes() -> Vec<Route> {
    routes![set_value, check_value, pop_value]
}
