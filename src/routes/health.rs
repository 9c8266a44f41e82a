//! A liveness probe for load balancers.

use rocket::{get, routes, Route};

/// `GET /health`: `ok` while the app is serving.
#[get("/health")]
pub fn health() -> &'static str {
    "ok"
}

pub fn routes() -> Vec<Route> {
    routes![health]
}
