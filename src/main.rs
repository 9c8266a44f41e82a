//! Serves Session Shop; see the README for its settings.

#[rocket::launch]
fn rocket() -> _ {
    session_shop::rocket()
}
