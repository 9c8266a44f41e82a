//! What the shop serves from, loaded once at launch: the catalog, the
//! accounts, the texts, the site's links and the static files.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::assets::Assets;
use crate::auth::Accounts;
use crate::catalog::{Catalog, ProductId};
use crate::i18n::Texts;
use crate::showcase::Showcase;

/// What the shop serves from: the catalog, the accounts, the texts and links.
pub struct Shop {
    pub catalog: Catalog,
    pub texts: Texts,
    /// Shared so password checks can run on a blocking thread.
    pub accounts: Arc<Accounts>,
    /// Every internal URL, built from the routes at launch.
    pub links: Links,
    /// The static files, their versioned URLs and compressed forms.
    pub assets: Arc<Assets>,
    /// The catalog worded in every language, at launch.
    pub showcase: Showcase,
}

impl Shop {
    /// The shop serving `catalog`, with the catalog worded in every language.
    pub fn new(
        catalog: Catalog,
        texts: Texts,
        accounts: Arc<Accounts>,
        links: Links,
        assets: Arc<Assets>,
    ) -> Shop {
        let showcase = Showcase::new(&catalog, &texts, &links.products, &links.home, &assets);
        Shop {
            catalog,
            texts,
            accounts,
            links,
            assets,
            showcase,
        }
    }
}

/// Every internal URL the pages link to or post to, as the templates use
/// them (`{{ layout.links.cart }}`). Plain data: the routes fill it once, at
/// launch, with `uri!`, so when a route moves its links follow.
#[derive(Debug, Default, Serialize)]
pub struct Links {
    pub home: String,
    pub cart: String,
    pub cart_add: String,
    pub cart_update: String,
    pub cart_remove: String,
    pub cart_clear: String,
    pub checkout: String,
    pub checkout_place: String,
    pub orders: String,
    pub login: String,
    pub logout: String,
    pub lang: String,
    pub session: String,
    pub session_reset: String,
    pub session_reset_state: String,
    pub session_tamper: String,
    pub learn: String,
    pub article_set: String,
    pub article_check: String,
    pub article_pop: String,
    pub plain_set: String,
    pub plain_check: String,
    pub plain_pop: String,
    pub signed_set: String,
    pub signed_check: String,
    pub signed_pop: String,
    pub server_set: String,
    pub server_check: String,
    pub server_pop: String,
    /// Each catalog product's page.
    #[serde(skip)]
    pub products: HashMap<ProductId, String>,
}

impl Links {
    /// The page of product `id` (the home page for one not in the catalog).
    pub fn product(&self, id: ProductId) -> &str {
        self.products.get(&id).map_or(&self.home, String::as_str)
    }
}
