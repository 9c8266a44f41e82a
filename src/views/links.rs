//! Every internal URL the pages link to or post to, built once from the
//! routes themselves with `uri!`: when a route moves, its links follow.

use std::sync::LazyLock;

use rocket::uri;
use serde::Serialize;

use crate::routes::{auth, cart, checkout, inspector, language, learn, shop, tutorial};

/// The site's URLs, as the templates use them (`{{ links.cart }}`).
#[derive(Debug, Serialize)]
pub struct Links {
    pub home: String,
    pub cart: String,
    pub cart_add: String,
    pub cart_update: String,
    pub cart_remove: String,
    pub cart_clear: String,
    pub checkout: String,
    pub checkout_place: String,
    pub login: String,
    pub logout: String,
    pub lang: String,
    pub session: String,
    pub session_reset: String,
    pub session_tamper: String,
    pub learn: String,
    pub article_set: String,
    pub article_check: String,
    pub article_pop: String,
    pub plain_set: String,
    pub plain_check: String,
    pub plain_pop: String,
}

/// The links, built on first use.
pub fn links() -> &'static Links {
    static LINKS: LazyLock<Links> = LazyLock::new(|| Links {
        home: uri!(shop::list_products(sort = None::<&str>)).to_string(),
        cart: uri!(cart::show_cart).to_string(),
        cart_add: uri!(cart::add_to_cart).to_string(),
        cart_update: uri!(cart::update_cart).to_string(),
        cart_remove: uri!(cart::remove_from_cart).to_string(),
        cart_clear: uri!(cart::clear_cart).to_string(),
        checkout: uri!(checkout::show_checkout).to_string(),
        checkout_place: uri!(checkout::place).to_string(),
        login: uri!(auth::show_login(next = None::<&str>)).to_string(),
        logout: uri!(auth::log_out).to_string(),
        lang: uri!(language::choose_language).to_string(),
        session: uri!(inspector::inspect_session).to_string(),
        session_reset: uri!(inspector::reset_session).to_string(),
        session_tamper: uri!(learn::tamper_with_session).to_string(),
        learn: uri!(learn::show_walkthrough).to_string(),
        article_set: uri!(tutorial::set_value).to_string(),
        article_check: uri!(tutorial::check_value).to_string(),
        article_pop: uri!(tutorial::pop_value).to_string(),
        plain_set: uri!(learn::set_plain_value).to_string(),
        plain_check: uri!(learn::check_plain_value).to_string(),
        plain_pop: uri!(learn::pop_plain_value).to_string(),
    });
    &LINKS
}

#[cfg(test)]
mod tests {
    use super::links;

    #[test]
    fn the_links_are_the_routes_paths() {
        let links = links();
        assert_eq!(links.home, "/");
        assert_eq!(links.cart_add, "/cart/add");
        assert_eq!(links.checkout_place, "/checkout/place");
        assert_eq!(links.login, "/login");
        assert_eq!(links.article_check, "/test/session/check");
    }
}
