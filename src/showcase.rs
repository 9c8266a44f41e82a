//! The catalog as each language shows it, worded once at launch: names,
//! formatted prices, links and the labels that name a product, so a page
//! borrows them instead of formatting them per product and request.

use std::collections::HashMap;

use crate::assets::Assets;
use crate::catalog::{Catalog, Product, ProductId, SortOrder};
use crate::html::escape_html;
use crate::i18n::Texts;
use crate::lang::Lang;

/// One product as a page in one language shows it.
#[derive(Debug)]
pub struct ShownProduct {
    pub name: String,
    pub description: String,
    pub price: String,
    /// Its page.
    pub url: String,
    /// Its own picture's versioned URL.
    pub image_url: String,
    /// The grid's Add to cart text, markup included, the name escaped.
    pub add_label: String,
    /// The quantity box's label on a cart line or the product page (text).
    pub line_quantity_label: String,
    /// The Remove text of a cart line, a grid card or the product page,
    /// markup included, the name escaped.
    pub remove_label: String,
}

/// The whole catalog worded in every language.
#[derive(Debug)]
pub struct Showcase {
    /// `[lang as usize][catalog position]`.
    products: [Vec<ShownProduct>; Lang::ALL.len()],
    positions: HashMap<ProductId, usize>,
    /// Every picture's versioned URL, by its path under the static files.
    image_urls: HashMap<String, String>,
    /// Where a grid card's add comes back to: the card, in the grid's
    /// order. `[order as usize][catalog position]`.
    grid_returns: [Vec<String>; SortOrder::ALL.len()],
}

impl Showcase {
    /// Words `catalog` in every language, with each product's page from
    /// `pages`, the grid at `home`, and the pictures' URLs from `assets`.
    pub fn new(
        catalog: &Catalog,
        texts: &Texts,
        pages: &HashMap<ProductId, String>,
        home: &str,
        assets: &Assets,
    ) -> Showcase {
        let products = Lang::ALL.map(|lang| {
            catalog
                .products()
                .iter()
                .map(|product| word(product, catalog, texts, pages, assets, lang))
                .collect()
        });
        let grid_returns = SortOrder::ALL.map(|order| {
            catalog
                .products()
                .iter()
                // NOTE: the query and the fragment are added by hand: the
                // sort is a known key, and a fragment is no part of a route.
                .map(|p| format!("{home}?sort={}#product-{}", order.key(), p.id))
                .collect()
        });
        Showcase {
            products,
            positions: catalog
                .products()
                .iter()
                .enumerate()
                .map(|(position, product)| (product.id, position))
                .collect(),
            image_urls: catalog
                .products()
                .iter()
                .map(|p| (p.image.clone(), assets.url(&p.image)))
                .collect(),
            grid_returns,
        }
    }

    /// `product` as a page in `lang` shows it.
    pub fn product(&self, product: &Product, lang: Lang) -> &ShownProduct {
        &self.products[lang as usize][self.position(product)]
    }

    /// The versioned URL of the picture at `path` (under the static
    /// files), when it is a catalog product's.
    pub fn image_url(&self, path: &str) -> Option<&str> {
        self.image_urls.get(path).map(String::as_str)
    }

    /// Where the grid card of `product` sends the shopper back to after an
    /// add or a remove, with the grid sorted by `order`.
    pub fn grid_return(&self, product: &Product, order: SortOrder) -> &str {
        &self.grid_returns[order as usize][self.position(product)]
    }

    fn position(&self, product: &Product) -> usize {
        // NOTE: every product a page shows comes from the catalog this
        // showcase was worded from.
        self.positions[&product.id]
    }
}

fn word(
    product: &Product,
    catalog: &Catalog,
    texts: &Texts,
    pages: &HashMap<ProductId, String>,
    assets: &Assets,
    lang: Lang,
) -> ShownProduct {
    let name = product.name(lang);
    let escaped = escape_html(name);
    let escaped = [("product", escaped.as_str().into())];
    ShownProduct {
        name: name.to_owned(),
        description: product.description(lang).to_owned(),
        price: catalog.currency().format(product.price_cents, lang),
        url: pages.get(&product.id).cloned().unwrap_or_default(),
        image_url: assets.url(&product.image),
        add_label: texts.format(lang, "add_to_cart", &escaped),
        line_quantity_label: texts.format(lang, "line_quantity_label", &[("product", name.into())]),
        remove_label: texts.format(lang, "remove", &escaped),
    }
}
