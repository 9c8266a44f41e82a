//! A liveness probe for load balancers.

use rocket::{get, routes, Route};

use crate::store::ShopDb;

/// `GET /health`: `ok` while the app is serving. After a call to the
/// database failed, and until it answers again, it says so (still 200: the
/// catalog and the cart work without it).
#[get("/health")]
pub async fn health(db: &ShopDb) -> &'static str {
    if db.was_failing() && !db.answers().await {
        return "ok, but the database does not answer: orders cannot be placed or opened";
    }
    "ok"
}

pub fn routes() -> Vec<Route> {
    routes![health]
}
