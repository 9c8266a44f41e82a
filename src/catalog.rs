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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
    pub const ALL: [SortOrder; 5] =
        crate::every!(SortOrder: Featured, NameAsc, NameDesc, PriceAsc, PriceDesc);

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
    /// Positions in `products`, sorted once at load, by language and order
    /// (`[lang as usize][order as usize]`).
    orders: [[Vec<usize>; SortOrder::ALL.len()]; Lang::ALL.len()],
}

/// How product names sort in `lang`: the key [`Catalog::sorted`] compares.
///
/// The collation rule (a small one, for the shop's two languages): case
/// and accents are folded (á à â ä ã å → a, é è ê ë → e, í ì î ï → i,
/// ó ò ô ö õ ø → o, ú ù û ü → u, ý ÿ → y, ç → c), so "Póster" sorts as
/// "Poster". In Spanish ñ is a letter of its own, between n and o, as in
/// the Spanish alphabet; in English it folds to n like any accented
/// letter. Every other character compares by its lowercase code point, so
/// spaces and digits come before letters. Names with equal keys keep the
/// catalog's order.
pub fn collation_key(name: &str, lang: Lang) -> Vec<u32> {
    let mut key = Vec::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        // NOTE: weights are code points doubled, leaving an odd slot right
        // after each letter for one that sorts after it (Spanish ñ).
        let weight = match c {
            'ñ' if lang == Lang::Es => u32::from('n') * 2 + 1,
            c => u32::from(fold_accent(c)) * 2,
        };
        key.push(weight);
    }
    key
}

/// `c` without its accent, for the letters of English and Spanish (and
/// their neighbours); any other character as it is.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    }
}

/// Positions in `products` in `order`, for names in `lang`.
fn sort_positions(products: &[Product], order: SortOrder, lang: Lang) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..products.len()).collect();
    let name = |&i: &usize| collation_key(products[i].name(lang), lang);
    let price = |&i: &usize| products[i].price_cents;
    // NOTE: stable sorts, so equal keys keep the catalog's order.
    match order {
        SortOrder::Featured => {}
        SortOrder::NameAsc => positions.sort_by_cached_key(name),
        SortOrder::NameDesc => positions.sort_by_cached_key(|i| std::cmp::Reverse(name(i))),
        SortOrder::PriceAsc => positions.sort_by_key(|i| (price(i), products[*i].id)),
        SortOrder::PriceDesc => {
            positions.sort_by_key(|i| (std::cmp::Reverse(price(i)), products[*i].id))
        }
    }
    positions
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
        let orders = Lang::ALL
            .map(|lang| SortOrder::ALL.map(|order| sort_positions(&products, order, lang)));
        Ok(Catalog {
            currency,
            products,
            index,
            orders,
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

    /// Every product, in `order`, with names compared as `lang` sorts them
    /// (see [`collation_key`]); sorted once, at load.
    pub fn sorted(&self, order: SortOrder, lang: Lang) -> impl ExactSizeIterator<Item = &Product> {
        self.orders[lang as usize][order as usize]
            .iter()
            .map(|&position| &self.products[position])
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
                .sorted(order, Lang::En)
                .map(|p| p.id.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(SortOrder::NameAsc), [2, 1]);
        assert_eq!(ids(SortOrder::NameDesc), [1, 2]);
        assert_eq!(ids(SortOrder::PriceAsc), [1, 2]);
        assert_eq!(ids(SortOrder::PriceDesc), [2, 1]);
        assert_eq!(ids(SortOrder::from_query(Some("bogus"))), [1, 2]);
    }

    /// The names `names` in `lang`'s A–Z order.
    fn a_to_z(lang: Lang, names: &[&str]) -> Vec<String> {
        let mut sorted: Vec<&str> = names.to_vec();
        sorted.sort_by_cached_key(|name| collation_key(name, lang));
        sorted.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn accents_and_case_are_folded_so_poster_and_poster_with_an_accent_sort_alike() {
        for lang in Lang::ALL {
            assert_eq!(collation_key("Póster", lang), collation_key("poster", lang));
            assert_eq!(
                a_to_z(lang, &["Pulsera", "Póster", "Pin", "Oso"]),
                ["Oso", "Pin", "Póster", "Pulsera"]
            );
            assert_eq!(
                a_to_z(lang, &["Ébano", "Dado", "Faro", "élite"]),
                ["Dado", "Ébano", "élite", "Faro"]
            );
        }
    }

    #[test]
    fn spanish_puts_n_with_a_tilde_after_n_and_english_folds_it_into_n() {
        let names = ["Paño", "Panza", "Pañuelo", "Pao", "Pan"];
        assert_eq!(
            a_to_z(Lang::Es, &names),
            ["Pan", "Panza", "Paño", "Pañuelo", "Pao"]
        );
        assert_eq!(
            a_to_z(Lang::En, &names),
            ["Pan", "Paño", "Pañuelo", "Panza", "Pao"]
        );
    }

    #[test]
    fn each_language_sorts_its_own_names_and_equal_names_keep_the_catalog_order() {
        let text = TWO
            .replace("\"Zebra Mug\"", "\"Zebra Mug\"\nname_es = \"Abanico\"")
            .replace("\"apple pin\"", "\"apple pin\"\nname_es = \"Zapato\"");
        let catalog = Catalog::from_toml(&text).unwrap();
        let ids = |order, lang| {
            catalog
                .sorted(order, lang)
                .map(|p| p.id.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(SortOrder::NameAsc, Lang::En), [2, 1]);
        assert_eq!(ids(SortOrder::NameDesc, Lang::En), [1, 2]);
        assert_eq!(ids(SortOrder::NameAsc, Lang::Es), [1, 2]);
        assert_eq!(ids(SortOrder::NameDesc, Lang::Es), [2, 1]);

        let same = Catalog::from_toml(&TWO.replace("apple pin", "zebra mug")).unwrap();
        for order in [SortOrder::NameAsc, SortOrder::NameDesc] {
            let ids: Vec<u32> = same.sorted(order, Lang::En).map(|p| p.id.0).collect();
            assert_eq!(ids, [1, 2], "{order:?}");
        }
    }

    #[test]
    fn the_precomputed_orders_are_indexed_by_each_enum_in_its_declared_order() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i);
        }
        for (i, order) in SortOrder::ALL.into_iter().enumerate() {
            assert_eq!(order as usize, i);
        }
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
