//! What every page shares: the layout's data (cart count, signed-in name,
//! CSRF token, flash message), the views templates read, and the replies
//! a handler gives.

use std::borrow::Cow;

use rocket::http::Status;
use rocket::response::Redirect;
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::cart::PricedCart;
use crate::catalog::{Catalog, Product, ProductId};
use crate::config::{Shop, STATIC_DIR};
use crate::i18n::Lang;
use crate::session::{Flash, Session, SessionData};

/// What a page handler answers.
#[derive(rocket::Responder)]
pub enum Reply {
    /// 200 with a page.
    Page(Template),
    /// 303 to the next page (post/redirect/get).
    Redirect(Redirect),
    /// The page again with what was wrong (422, or another 4xx).
    Refused((Status, Template)),
}

/// The base layout's data.
#[derive(Debug, Default, Serialize)]
pub struct Layout {
    /// The page's language code, for `<html lang>`.
    pub lang: Lang,
    /// The languages the switcher offers.
    pub languages: Vec<LanguageOption>,
    /// The page being shown, so the language switcher can come back to it.
    pub here: String,
    pub csrf_token: String,
    pub cart_count: u32,
    /// The signed-in account's display name.
    pub user: Option<String>,
    /// A one-time message from the previous request.
    pub flash: Option<String>,
    /// Something the shop had to change on its own (e.g. dropped items).
    pub notice: Option<String>,
}

/// A choice in the language switcher.
#[derive(Debug, Serialize)]
pub struct LanguageOption {
    pub code: &'static str,
    pub name: &'static str,
    pub selected: bool,
}

impl Layout {
    /// The layout for a page: drops cart lines whose product is gone, takes
    /// the flash message, and saves the session so the page's forms carry
    /// a token the next request will accept.
    pub fn for_page(session: &mut Session<'_>, shop: &Shop) -> Layout {
        let lang = session.lang();
        let dropped = session.cart.drop_unknown(&shop.catalog);
        let flash = session.flash.take();
        session.save();
        let mut layout = Layout::for_data(session, shop, lang);
        layout.here = session.here().to_owned();
        layout.flash = flash.map(|flash| flash_message(&flash, session, shop, lang));
        layout.notice = match dropped {
            0 => None,
            1 => Some(shop.texts.get(lang, "notice_dropped_one").to_owned()),
            count => Some(
                shop.texts
                    .format(lang, "notice_dropped_many", &[("count", &count)]),
            ),
        };
        layout
    }

    /// The layout from session data, changing nothing (error pages).
    pub fn for_data(data: &SessionData, shop: &Shop, lang: Lang) -> Layout {
        Layout {
            lang,
            languages: Lang::ALL
                .into_iter()
                .map(|option| LanguageOption {
                    code: option.code(),
                    name: option.name(),
                    selected: option == lang,
                })
                .collect(),
            here: "/".to_owned(),
            csrf_token: data.csrf_token.as_str().to_owned(),
            cart_count: data.cart.item_count_in(&shop.catalog),
            user: display_name(data, shop).map(str::to_owned),
            flash: None,
            notice: None,
        }
    }
}

/// The signed-in account's display name, if someone is signed in.
pub fn display_name<'s>(data: &SessionData, shop: &'s Shop) -> Option<&'s str> {
    let account = shop.accounts.find(data.user.as_deref()?)?;
    Some(account.display_name.as_str())
}

/// A product's name in `lang`, or "an item" for one no longer sold.
pub fn product_name(shop: &Shop, id: ProductId, lang: Lang) -> Cow<'_, str> {
    match shop.catalog.get(id) {
        Some(product) => Cow::Borrowed(product.name(lang)),
        None => Cow::Owned(shop.texts.get(lang, "an_item")),
    }
}

/// A flash message in words.
fn flash_message(flash: &Flash, data: &SessionData, shop: &Shop, lang: Lang) -> String {
    let texts = &shop.texts;
    match flash {
        Flash::Added {
            product_id,
            quantity,
        } => texts.format(
            lang,
            "flash_added",
            &[
                ("quantity", quantity),
                ("product", &product_name(shop, *product_id, lang)),
            ],
        ),
        Flash::QuantitySet {
            product_id,
            quantity,
        } => texts.format(
            lang,
            "flash_quantity_set",
            &[
                ("quantity", quantity),
                ("product", &product_name(shop, *product_id, lang)),
            ],
        ),
        Flash::Removed { product_id } => texts.format(
            lang,
            "flash_removed",
            &[("product", &product_name(shop, *product_id, lang))],
        ),
        Flash::LoggedIn => texts.format(
            lang,
            "flash_logged_in",
            &[("name", &display_name(data, shop).unwrap_or_default())],
        ),
        Flash::CartCleared => texts.get(lang, "flash_cart_cleared").to_owned(),
        Flash::LoggedOut => texts.get(lang, "flash_logged_out").to_owned(),
        Flash::SessionReset => texts.get(lang, "flash_session_reset").to_owned(),
        Flash::CartEmpty => texts.get(lang, "flash_cart_empty").to_owned(),
        Flash::OrderAlreadyPlaced => texts.get(lang, "flash_order_already_placed").to_owned(),
        Flash::LanguageChanged => texts.get(lang, "flash_language").to_owned(),
    }
}

/// A product as the templates show it.
#[derive(Debug, Serialize)]
pub struct ProductView<'a> {
    pub id: u32,
    pub name: &'a str,
    pub description: &'a str,
    pub price: String,
    pub image_url: String,
    pub url: String,
}

impl<'a> ProductView<'a> {
    pub fn new(product: &'a Product, catalog: &Catalog, lang: Lang) -> ProductView<'a> {
        ProductView {
            id: product.id.0,
            name: product.name(lang),
            description: product.description(lang),
            price: catalog.currency().format(product.price_cents, lang),
            image_url: image_url(product),
            url: format!("/products/{}", product.id),
        }
    }
}

/// The public URL of a product's picture.
pub fn image_url(product: &Product) -> String {
    format!("/{STATIC_DIR}/{}", product.image)
}

/// One cart line as the templates show it.
#[derive(Debug, Serialize)]
pub struct CartLineView<'a> {
    pub product: ProductView<'a>,
    pub quantity: u8,
    pub line_total: String,
}

/// The cart as the templates show it.
#[derive(Debug, Serialize)]
pub struct CartView<'a> {
    pub lines: Vec<CartLineView<'a>>,
    pub item_count: u32,
    pub total: String,
}

impl<'a> CartView<'a> {
    pub fn new(cart: &PricedCart<'a>, catalog: &Catalog, lang: Lang) -> CartView<'a> {
        CartView {
            lines: cart
                .lines
                .iter()
                .map(|line| CartLineView {
                    product: ProductView::new(line.product, catalog, lang),
                    quantity: line.quantity.get(),
                    line_total: catalog.currency().format(line.line_total, lang),
                })
                .collect(),
            item_count: cart.item_count,
            total: catalog.currency().format(cart.total, lang),
        }
    }
}

/// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`, which is all that
/// text and quoted attributes need (Tera's default also escapes `/`, which
/// makes every URL in the page source hard to read).
pub fn escape_html(input: &str) -> String {
    let mut output = String::with_capacity(input.len() + 16);
    for c in input.chars() {
        match c {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&#x27;"),
            c => output.push(c),
        }
    }
    output
}

/// Whether `next` is a path on this site that is safe to redirect to:
/// one leading `/`, no scheme, no host, no backslash, no control characters.
pub fn local_path(next: &str) -> Option<&str> {
    let safe = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && rocket::http::uri::Origin::parse(next).is_ok();
    safe.then_some(next)
}

/// A 303 to `next` when it is a local path, else to `fallback`.
pub fn redirect_to(next: Option<&str>, fallback: &'static str) -> Redirect {
    match next.and_then(local_path) {
        Some(path) => Redirect::to(path.to_owned()),
        None => Redirect::to(fallback),
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_html, local_path};

    #[test]
    fn markup_is_escaped_and_urls_stay_readable() {
        assert_eq!(
            escape_html(r#"<a href="/x?a=1&b='2'">"#),
            "&lt;a href=&quot;/x?a=1&amp;b=&#x27;2&#x27;&quot;&gt;"
        );
    }

    #[test]
    fn only_paths_on_this_site_are_local() {
        for ok in ["/", "/checkout", "/products/1?sort=name_asc"] {
            assert_eq!(local_path(ok), Some(ok));
        }
        for bad in [
            "",
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/\t/evil.example",
            "evil",
            "/ space",
            "/\nLocation:x",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
