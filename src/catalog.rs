//! The products on sale, loaded once at launch from a TOML file.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::data_file::{self, DataError};
use crate::lang::Lang;
use crate::money::{Cents, Currency};

/// The most a single product may cost: keeps every total far from overflow
/// and every price short in the session cookie.
pub const MAX_PRICE: Cents = Cents(10_000_000);

/// A product's stable id, as used in forms, URLs and the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProductId(pub u32);

impl ProductId {
    /// Reads a product id from a form field or path segment. Anything that is
    /// not a plain decimal number is no product at all.
    pub fn parse(input: &str) -> Option<ProductId> {
        let input = input.trim();
        if input.is_empty() || input.len() > 10 || !input.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        input.parse().ok().map(ProductId)
    }
}

impl fmt::Display for ProductId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One product of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    pub description: String,
    pub price_cents: Cents,
    /// Path of the picture, relative to the `static/` folder.
    pub image: String,
    /// The name in Spanish, when it differs.
    #[serde(default)]
    pub name_es: Option<String>,
    /// The description in Spanish.
    #[serde(default)]
    pub description_es: Option<String>,
}

impl Product {
    /// The product's name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match (lang, &self.name_es) {
            (Lang::Es, Some(name)) => name,
            _ => &self.name,
        }
    }

    /// The product's description in `lang`.
    pub fn description(&self, lang: Lang) -> &str {
        match (lang, &self.description_es) {
            (Lang::Es, Some(description)) => description,
            _ => &self.description,
        }
    }
}

/// The orders the product grid can be sorted in (`?sort=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// The catalog's own order.
    #[default]
    Featured,
    NameAsc,
    NameDesc,
    PriceAsc,
    PriceDesc,
}

impl SortOrder {
    /// Every order, in the order the sort control lists them.
    pub const ALL: [SortOrder; 5] = [
        SortOrder::Featured,
        SortOrder::NameAsc,
        SortOrder::NameDesc,
        SortOrder::PriceAsc,
        SortOrder::PriceDesc,
    ];

    /// Reads `?sort=`; unknown values give the default order.
    pub fn from_query(value: Option<&str>) -> SortOrder {
        match value {
            Some("name_asc") => SortOrder::NameAsc,
            Some("name_desc") => SortOrder::NameDesc,
            Some("price_asc") => SortOrder::PriceAsc,
            Some("price_desc") => SortOrder::PriceDesc,
            _ => SortOrder::Featured,
        }
    }

    /// The value used in `?sort=`.
    pub fn key(self) -> &'static str {
        match self {
            SortOrder::Featured => "featured",
            SortOrder::NameAsc => "name_asc",
            SortOrder::NameDesc => "name_desc",
            SortOrder::PriceAsc => "price_asc",
            SortOrder::PriceDesc => "price_desc",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    currency: Currency,
    products: Vec<Product>,
}

/// The validated catalog: unique ids, positive prices, pictures that exist.
#[derive(Debug, Clone)]
pub struct Catalog {
    currency: Currency,
    products: Vec<Product>,
    index: HashMap<ProductId, usize>,
}

impl Catalog {
    /// Loads and validates the catalog at `path`; pictures are looked for
    /// under `static_dir`. The error names the file and the problem.
    pub fn load(path: &Path, static_dir: &Path) -> Result<Catalog, DataError> {
        let text = data_file::read("catalog", path)?;
        let catalog = Catalog::from_toml(&text).map_err(|e| e.in_file("catalog", path))?;
        for product in &catalog.products {
            if !static_dir.join(&product.image).is_file() {
                return Err(DataError(format!(
                    "product {} has image {:?}, which is not a file under {}",
                    product.id,
                    product.image,
                    static_dir.display()
                ))
                .in_file("catalog", path));
            }
        }
        Ok(catalog)
    }

    /// Parses and validates a catalog from TOML text (pictures unchecked).
    pub fn from_toml(text: &str) -> Result<Catalog, DataError> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| DataError(e.to_string()))?;
        Catalog::new(file.currency, file.products)
    }

    /// Builds a catalog, checking every product.
    pub fn new(currency: Currency, products: Vec<Product>) -> Result<Catalog, DataError> {
        if products.is_empty() {
            return Err(DataError("it lists no products".into()));
        }
        let mut index = HashMap::with_capacity(products.len());
        for (position, product) in products.iter().enumerate() {
            let id = product.id;
            if index.insert(id, position).is_some() {
                return Err(DataError(format!("product id {id} appears twice")));
            }
            let names = std::iter::once(&product.name).chain(&product.name_es);
            if names
                .into_iter()
                .any(|name| name.trim().is_empty() || name.chars().count() > 60)
            {
                return Err(DataError(format!(
                    "product {id} needs a name of 1 to 60 characters"
                )));
            }
            if product.price_cents == Cents(0) || product.price_cents > MAX_PRICE {
                return Err(DataError(format!(
                    "product {id} needs a price from 1 to {} cents",
                    MAX_PRICE.get()
                )));
            }
            let image = Path::new(&product.image);
            if product.image.is_empty()
                || image.is_absolute()
                || image
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                return Err(DataError(format!(
                    "product {id} needs an image path inside the static folder"
                )));
            }
        }
        Ok(Catalog {
            currency,
            products,
            index,
        })
    }

    /// The shop's currency.
    pub fn currency(&self) -> &Currency {
        &self.currency
    }

    /// The product with this id, if it is on sale.
    pub fn get(&self, id: ProductId) -> Option<&Product> {
        self.index
            .get(&id)
            .map(|&position| &self.products[position])
    }

    /// Every product, in the catalog's order.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// Every product, in the given order.
    pub fn sorted(&self, order: SortOrder) -> Vec<&Product> {
        let mut products: Vec<&Product> = self.products.iter().collect();
        match order {
            SortOrder::Featured => {}
            SortOrder::NameAsc => products.sort_by_cached_key(|p| p.name.to_lowercase()),
            SortOrder::NameDesc => {
                products.sort_by_cached_key(|p| std::cmp::Reverse(p.name.to_lowercase()))
            }
            SortOrder::PriceAsc => products.sort_by_key(|p| (p.price_cents, p.id)),
            SortOrder::PriceDesc => {
                products.sort_by_key(|p| (std::cmp::Reverse(p.price_cents), p.id))
            }
        }
        products
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
        currency = "EUR"
        [[products]]
        id = 1
        name = "Zebra Mug"
        description = "d"
        price_cents = 100
        image = "img/a.svg"
        [[products]]
        id = 2
        name = "apple pin"
        description = "d"
        price_cents = 900
        image = "img/b.svg"
    "#;

    #[test]
    fn a_valid_file_gives_every_product_by_id() {
        let catalog = Catalog::from_toml(TWO).unwrap();
        assert_eq!(catalog.products().len(), 2);
        assert_eq!(catalog.get(ProductId(2)).unwrap().name, "apple pin");
        assert!(catalog.get(ProductId(3)).is_none());
    }

    #[test]
    fn sorting_by_name_ignores_case_and_price_sorts_numerically() {
        let catalog = Catalog::from_toml(TWO).unwrap();
        let ids = |order| {
            catalog
                .sorted(order)
                .iter()
                .map(|p| p.id.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(SortOrder::NameAsc), [2, 1]);
        assert_eq!(ids(SortOrder::NameDesc), [1, 2]);
        assert_eq!(ids(SortOrder::PriceAsc), [1, 2]);
        assert_eq!(ids(SortOrder::PriceDesc), [2, 1]);
        assert_eq!(ids(SortOrder::from_query(Some("bogus"))), [1, 2]);
    }

    #[test]
    fn a_duplicate_id_is_refused_with_its_number() {
        let text = TWO.replace("id = 2", "id = 1");
        let error = Catalog::from_toml(&text).unwrap_err().to_string();
        assert!(error.contains("product id 1 appears twice"), "{error}");
    }

    #[test]
    fn a_problem_in_the_file_names_the_file() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let path = file.path();
        std::fs::write(path, TWO.replace("id = 2", "id = 1")).unwrap();
        let error = Catalog::load(path, Path::new("static"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(&format!("catalog {}:", path.display())),
            "{error}"
        );
        assert!(error.contains("appears twice"), "{error}");
        let missing = Catalog::load(Path::new("no/such/catalog.toml"), Path::new("static"));
        assert!(missing
            .unwrap_err()
            .to_string()
            .contains("no/such/catalog.toml"));
    }

    #[test]
    fn a_missing_picture_is_refused() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), TWO).unwrap();
        let error = Catalog::load(file.path(), Path::new("static"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("img/a.svg"), "{error}");
    }

    #[test]
    fn a_free_product_is_refused() {
        let text = TWO.replace("price_cents = 100", "price_cents = 0");
        assert!(Catalog::from_toml(&text)
            .unwrap_err()
            .to_string()
            .contains("price"));
    }

    #[test]
    fn an_image_outside_the_static_folder_is_refused() {
        let text = TWO.replace("img/a.svg", "../secret.svg");
        assert!(Catalog::from_toml(&text)
            .unwrap_err()
            .to_string()
            .contains("image"));
    }

    #[test]
    fn product_ids_are_plain_decimal_numbers() {
        assert_eq!(ProductId::parse("12"), Some(ProductId(12)));
        assert_eq!(ProductId::parse(" 7 "), Some(ProductId(7)));
        for bad in ["", "abc", "-1", "1e3", "1.0", "99999999999999999999", "+3"] {
            assert_eq!(ProductId::parse(bad), None, "{bad:?}");
        }
    }
}
