//! The site's [`Links`], built once at launch from the routes themselves.

use rocket::uri;

use crate::catalog::{Catalog, ProductId};
use crate::routes::{auth, cart, checkout, four_ways, inspector, language, learn, shop, tutorial};
use crate::shop::Links;

/// The URLs of the routes, with a page for each product of `catalog`.
pub fn build(catalog: &Catalog) -> Links {
    Links {
        home: uri!(shop::list_products(sort = None::<&str>)).to_string(),
        cart: uri!(cart::show_cart).to_string(),
        cart_add: uri!(cart::add_to_cart).to_string(),
        cart_update: uri!(cart::update_cart).to_string(),
        cart_remove: uri!(cart::remove_from_cart).to_string(),
        cart_clear: uri!(cart::clear_cart).to_string(),
        checkout: uri!(checkout::show_checkout).to_string(),
        checkout_place: uri!(checkout::place).to_string(),
        orders: uri!(checkout::list_orders(page = None::<&str>)).to_string(),
        login: uri!(auth::show_login(next = None::<&str>)).to_string(),
        logout: uri!(auth::log_out).to_string(),
        lang: uri!(language::choose_language).to_string(),
        session: uri!(inspector::inspect_session).to_string(),
        session_reset: uri!(inspector::reset_session).to_string(),
        session_reset_state: uri!(inspector::reset_state).to_string(),
        session_tamper: uri!(learn::tamper_with_session).to_string(),
        learn: uri!(learn::show_walkthrough).to_string(),
        article_set: uri!(tutorial::set_value).to_string(),
        article_check: uri!(tutorial::check_value).to_string(),
        article_pop: uri!(tutorial::pop_value).to_string(),
        plain_set: uri!(four_ways::set_plain_value).to_string(),
        plain_check: uri!(four_ways::check_plain_value).to_string(),
        plain_pop: uri!(four_ways::pop_plain_value).to_string(),
        signed_set: uri!(four_ways::set_signed_value).to_string(),
        signed_check: uri!(four_ways::check_signed_value).to_string(),
        signed_pop: uri!(four_ways::pop_signed_value).to_string(),
        server_set: uri!(four_ways::set_server_value).to_string(),
        server_check: uri!(four_ways::check_server_value).to_string(),
        server_pop: uri!(four_ways::pop_server_value).to_string(),
        products: catalog
            .products()
            .iter()
            .map(|product| (product.id, uri!(shop::show_product(product.id)).to_string()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::build;
    use crate::catalog::Catalog;
    use crate::catalog::ProductId;

    #[test]
    fn the_links_are_the_routes_paths() {
        let catalog = Catalog::from_toml(include_str!("../../data/catalog.toml")).unwrap();
        let links = build(&catalog);
        assert_eq!(links.home, "/");
        assert_eq!(links.cart_add, "/cart/add");
        assert_eq!(links.checkout_place, "/checkout/place");
        assert_eq!(links.login, "/login");
        assert_eq!(links.article_check, "/test/session/check");
        assert_eq!(links.product(ProductId(1)), "/products/1");
        assert_eq!(links.product(ProductId(9999)), "/");
    }
}
