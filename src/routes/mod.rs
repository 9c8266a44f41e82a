//! The HTTP surface: one module per area, each with `routes()`. Handlers
//! read their guards, parse their form, make one domain call through the
//! session's intent methods, and answer a page or a 303.

pub mod api;
pub mod auth;
pub mod cart;
pub mod catchers;
pub mod checkout;
pub mod files;
pub mod four_ways;
pub mod health;
pub mod inspector;
pub mod language;
pub mod learn;
pub mod links;
pub mod local_path;
pub mod shop;
pub mod tutorial;

use rocket::http::impl_from_uri_param_identity;
use rocket::http::uri::fmt::{Formatter, Path, UriDisplay};
use rocket::http::uri::Origin;
use rocket::request::FromParam;
use rocket::response::Redirect;
use rocket::uri;
use rocket_dyn_templates::Template;

use crate::catalog::ProductId;

impl<'a> FromParam<'a> for ProductId {
    type Error = &'a str;

    fn from_param(param: &'a str) -> Result<ProductId, &'a str> {
        ProductId::parse(param).ok_or(param)
    }
}

impl UriDisplay<Path> for ProductId {
    fn fmt(&self, f: &mut Formatter<'_, Path>) -> std::fmt::Result {
        f.write_value(self.0.to_string())
    }
}

impl_from_uri_param_identity!([Path] ProductId);

/// What a handler answers when it may show a page or move on.
#[derive(rocket::Responder)]
pub enum Reply {
    /// 200 with a page.
    Page(Template),
    /// 303 to the next page (post/redirect/get).
    Redirect(Redirect),
}

/// The home page (the product grid in its default order).
pub fn home() -> Origin<'static> {
    uri!(shop::list_products(sort = None::<&str>))
}
