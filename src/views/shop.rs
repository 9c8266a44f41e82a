//! Products, carts and orders as the templates show them: names from the
//! catalog in the page's language, money already formatted.

use std::borrow::Cow;

use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use crate::cart::PricedCart;
use crate::catalog::{Catalog, Product, SortOrder};
use crate::checkout;
use crate::checkout::{Order, ShippingDetails};
use crate::clock::UnixMillis;
use crate::lang::Lang;
use crate::money::Cents;
use crate::personas::Persona;
use crate::session::Session;
use crate::shop::Shop;
use crate::showcase::ShownProduct;
use crate::views::forms::FieldProblem;
use crate::views::Layout;

/// A product as the templates show it, worded by the [`Showcase`].
#[derive(Debug, Serialize)]
pub struct ProductView<'a> {
    pub id: u32,
    pub name: &'a str,
    pub description: &'a str,
    pub price: &'a str,
    pub image_url: Cow<'a, str>,
    pub url: &'a str,
}

impl<'a> ProductView<'a> {
    /// `product` as `persona` sees it (its picture may be another's).
    pub fn new(product: &Product, shop: &'a Shop, lang: Lang, persona: Persona) -> ProductView<'a> {
        ProductView::shown(product, shop.showcase.product(product, lang), shop, persona)
    }

    fn shown(
        product: &Product,
        shown: &'a ShownProduct,
        shop: &'a Shop,
        persona: Persona,
    ) -> ProductView<'a> {
        let picture = persona.picture(product, &shop.catalog);
        ProductView {
            id: product.id.0,
            name: &shown.name,
            description: &shown.description,
            price: &shown.price,
            image_url: if picture == product.image {
                Cow::Borrowed(&shown.image_url)
            } else {
                // NOTE: a persona may show another product's picture.
                match shop.showcase.image_url(picture) {
                    Some(url) => Cow::Borrowed(url),
                    None => Cow::Owned(shop.assets.url(picture)),
                }
            },
            url: &shown.url,
        }
    }
}

/// The public URL of a product's picture.
pub fn image_url(product: &Product) -> String {
    format!("/static/{}", product.image)
}

/// One cart line as the templates show it.
#[derive(Debug, Serialize)]
pub struct CartLineView<'a> {
    pub product: ProductView<'a>,
    pub quantity: u8,
    pub line_total: String,
    /// The quantity box's label, naming the product (for screen readers).
    pub quantity_label: &'a str,
    /// The Remove button's text, markup included, the product name escaped.
    pub remove_label: &'a str,
    /// What was wrong with this line's last update, when it was refused.
    pub problem: Option<FieldProblem>,
}

/// The cart as the templates show it.
#[derive(Debug, Serialize)]
pub struct CartView<'a> {
    pub lines: Vec<CartLineView<'a>>,
    pub item_count: u32,
    pub total: String,
}

impl<'a> CartView<'a> {
    /// `cart` as `persona` sees it.
    pub fn new(
        cart: &PricedCart<'_>,
        shop: &'a Shop,
        lang: Lang,
        persona: Persona,
    ) -> CartView<'a> {
        let catalog = &shop.catalog;
        CartView {
            lines: cart
                .lines
                .iter()
                .map(|line| {
                    let shown = shop.showcase.product(line.product, lang);
                    CartLineView {
                        product: ProductView::shown(line.product, shown, shop, persona),
                        quantity: line.quantity.get(),
                        line_total: catalog.currency().format(line.line_total, lang),
                        quantity_label: &shown.line_quantity_label,
                        remove_label: &shown.remove_label,
                        problem: None,
                    }
                })
                .collect(),
            item_count: cart.item_count,
            total: catalog.currency().format(cart.total, lang),
        }
    }
}

/// Subtotal, shipping and total, formatted.
#[derive(Debug, Serialize)]
pub struct TotalsView {
    pub subtotal: String,
    pub shipping: String,
    pub free_shipping: bool,
    pub total: String,
}

impl TotalsView {
    /// The totals of a cart of `subtotal`, shipped by today's rule.
    pub fn new(subtotal: Cents, catalog: &Catalog, lang: Lang) -> TotalsView {
        let shipping = crate::checkout::shipping_cost(subtotal);
        TotalsView::of(subtotal, shipping, catalog, lang)
    }

    /// The totals of a placed order, as it was placed: its own shipping.
    pub fn of_order(order: &Order, catalog: &Catalog, lang: Lang) -> TotalsView {
        TotalsView::of(order.subtotal, order.shipping, catalog, lang)
    }

    fn of(subtotal: Cents, shipping: Cents, catalog: &Catalog, lang: Lang) -> TotalsView {
        let money = |amount| catalog.currency().format(amount, lang);
        TotalsView {
            subtotal: money(subtotal),
            shipping: money(shipping),
            free_shipping: shipping.get() == 0,
            total: money(subtotal + shipping),
        }
    }
}

/// One line of a placed order.
#[derive(Debug, Serialize)]
pub struct OrderLineView<'a> {
    pub product_id: u32,
    /// The product's name, or `None` when it is no longer sold.
    pub name: Option<&'a str>,
    pub quantity: u8,
    pub unit_price: String,
    pub line_total: String,
}

/// A placed order as its confirmation shows it.
#[derive(Debug, Serialize)]
pub struct OrderView<'a> {
    pub id: String,
    /// The short reference shoppers read, e.g. `SS-7F3K-92QD`.
    pub number: String,
    pub lines: Vec<OrderLineView<'a>>,
    pub item_count: u32,
    pub totals: TotalsView,
    pub ship_to: &'a ShippingDetails,
    /// `placed`, `shipped`, `delivered` or `cancelled`.
    pub status: &'static str,
}

impl<'a> OrderView<'a> {
    pub fn new(order: &'a Order, catalog: &'a Catalog, lang: Lang) -> OrderView<'a> {
        let money = |amount| catalog.currency().format(amount, lang);
        OrderView {
            id: order.id.to_string(),
            number: order.number(),
            lines: order
                .lines
                .iter()
                .map(|line| OrderLineView {
                    product_id: line.product_id.0,
                    name: catalog.get(line.product_id).map(|p| p.name(lang)),
                    quantity: line.quantity.get(),
                    unit_price: money(line.unit_price),
                    line_total: money(line.unit_price * u64::from(line.quantity.get())),
                })
                .collect(),
            item_count: order
                .lines
                .iter()
                .map(|l| u32::from(l.quantity.get()))
                .sum(),
            totals: TotalsView::of_order(order, catalog, lang),
            ship_to: &order.ship_to,
            status: order.status.key(),
        }
    }
}

/// A page of the signed-in account's orders, as `/orders` lists them.
#[derive(Debug, Serialize)]
pub struct OrderHistoryView {
    pub orders: Vec<OrderRowView>,
    pub page: u32,
    /// The previous and next pages' addresses, when there are such pages.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// How many orders the account has in all.
    pub total: u64,
    /// Whether everyone who tries the shop shares this account.
    pub shared_account: bool,
}

/// One order in the history.
#[derive(Debug, Serialize)]
pub struct OrderRowView {
    pub id: String,
    /// The id without hyphens, for the row's hooks (`order-row-<key>`).
    pub key: String,
    pub number: String,
    pub href: String,
    /// The day it was placed (UTC), `2026-12-07`, and its parts for the
    /// page's language.
    pub date: String,
    pub day: u8,
    pub month: u8,
    pub year: i32,
    pub items: u32,
    pub total: String,
    /// `placed`, `shipped`, `delivered` or `cancelled`.
    pub status: &'static str,
}

impl OrderHistoryView {
    pub fn new(
        found: &crate::store::OrderPage,
        page: u32,
        per_page: u32,
        shared_account: bool,
        catalog: &Catalog,
        lang: Lang,
    ) -> OrderHistoryView {
        let pages = found.total.div_ceil(u64::from(per_page.max(1)));
        let at = |page: u32| format!("/orders?page={page}");
        OrderHistoryView {
            orders: found
                .orders
                .iter()
                .map(|order| {
                    let day = time::OffsetDateTime::from_unix_timestamp(
                        order.placed_at_ms.div_euclid(1000),
                    )
                    .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
                    .date();
                    OrderRowView {
                        id: order.id.to_string(),
                        key: order.id.simple().to_string(),
                        number: crate::checkout::order_number(&order.id),
                        href: format!("/orders/{}", order.id),
                        date: format!(
                            "{:04}-{:02}-{:02}",
                            day.year(),
                            u8::from(day.month()),
                            day.day()
                        ),
                        day: day.day(),
                        month: u8::from(day.month()),
                        year: day.year(),
                        items: order.items,
                        total: catalog.currency().format(order.total, lang),
                        status: order.status.key(),
                    }
                })
                .collect(),
            page,
            previous: (page > 1).then(|| at(page - 1)),
            next: (u64::from(page) < pages).then(|| at(page + 1)),
            total: found.total,
            shared_account,
        }
    }
}

/// A product card of the grid, with its buttons' texts worded once, by the
/// [`Showcase`], rather than by a macro called once per card.
#[derive(Debug, Serialize)]
pub struct GridCard<'a> {
    #[serde(flatten)]
    pub product: ProductView<'a>,
    /// Where an add or a remove comes back to: this card, in the grid's order.
    pub next: &'a str,
    /// The add button's text, markup included, the name escaped.
    pub add_label: &'a str,
    /// The remove button's text, markup included, the name escaped.
    pub remove_label: &'a str,
}

impl<'a> GridCard<'a> {
    /// The card of `product` in the grid sorted by `sort`, as `persona` sees it.
    pub fn new(
        product: &Product,
        sort: SortOrder,
        persona: Persona,
        shop: &'a Shop,
        lang: Lang,
    ) -> GridCard<'a> {
        let shown = shop.showcase.product(product, lang);
        GridCard {
            product: ProductView::shown(product, shown, shop, persona),
            next: shop.showcase.grid_return(product, sort),
            add_label: &shown.add_label,
            remove_label: &shown.remove_label,
        }
    }
}

/// The order page's shipping label: being prepared, then ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShippingLabelView {
    pub ready: bool,
    /// When it is ready, in milliseconds since the Unix epoch, for the
    /// page's script (and for tests).
    pub ready_at: UnixMillis,
}

impl ShippingLabelView {
    /// The label of `order` at `now_ms`.
    pub fn new(order: &Order, now_ms: UnixMillis) -> ShippingLabelView {
        let ready_at = order.label_ready_at();
        ShippingLabelView {
            ready: now_ms >= ready_at,
            ready_at,
        }
    }
}

/// The product page, with an optional refusal of the quantity typed: the
/// summary's `error` and the message next to the quantity box. When the
/// cart holds the product, the page says how many and offers Remove.
pub fn product_page(
    session: &Session<'_>,
    shop: &Shop,
    product: &Product,
    refusal: Option<(String, String)>,
    quantity: &str,
) -> Template {
    let layout = Layout::new(session, shop);
    let lang = layout.lang;
    let in_cart = session
        .data()
        .cart
        .quantity_of(product.id)
        .map_or(0, |q| q.get());
    let (error, problems) = match refusal {
        Some((error, message)) => {
            let input = format!("product-quantity-{}", product.id.0);
            let label = shop
                .showcase
                .product(product, lang)
                .line_quantity_label
                .clone();
            let problem = FieldProblem::new(input, label, message, quantity);
            (Some(error), vec![problem])
        }
        None => (None, Vec::new()),
    };
    let money = |amount| shop.catalog.currency().format(amount, lang);
    let shipping_fee = money(checkout::SHIPPING_FEE);
    let free_shipping_from = money(checkout::FREE_SHIPPING_FROM);
    let remove_label = &shop.showcase.product(product, lang).remove_label;
    let product = ProductView::new(product, shop, lang, session.persona());
    Template::render(
        "shop/product",
        context! {
            layout, product, in_cart, remove_label, error, problems, quantity,
            shipping_fee, free_shipping_from,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::{Order, ShippingDetails, ShippingInput};

    #[test]
    fn an_order_shows_the_shipping_it_was_placed_with_not_todays_rule() {
        let catalog = Catalog::from_toml(include_str!("../../data/catalog.toml")).unwrap();
        let money = |cents| catalog.currency().format(Cents(cents), Lang::En);
        let order = Order {
            id: uuid::Uuid::nil(),
            placed_at_ms: 0,
            ship_to: ShippingDetails::parse(&ShippingInput {
                full_name: "Ada Lovelace",
                email: "ada@example.com",
                address: "1 Analytical Row",
                city: "London",
                postal_code: "N1 1AA",
            })
            .unwrap(),
            lines: Vec::new(),
            subtotal: Cents(1_000),
            // Shipped free, although today's rule charges below 50.00.
            shipping: Cents(0),
            status: crate::checkout::OrderStatus::Placed,
        };
        let shown = TotalsView::of_order(&order, &catalog, Lang::En);
        assert_eq!(shown.shipping, money(0));
        assert!(shown.free_shipping);
        assert_eq!(shown.total, money(1_000));
        let today = TotalsView::new(order.subtotal, &catalog, Lang::En);
        assert_eq!(today.shipping, money(490));
    }
}
