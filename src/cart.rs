//! The shopping cart: product ids and quantities, with the shop's limits.
//!
//! Only ids and quantities live here (and so in the session cookie); names
//! and prices are looked up in the [`Catalog`] whenever the cart is shown.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Product, ProductId};
use crate::money::Cents;

/// The most lines (different products) a cart may hold.
pub const MAX_LINES: usize = 50;

/// How many of one product a line holds: 1 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Quantity(u8);

/// Why a quantity typed into a form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityError {
    /// The field was empty.
    Empty,
    /// Not a plain whole number (`abc`, `-1`, `1e3`, `1.5`).
    NotAWholeNumber,
    /// A whole number outside the allowed range.
    OutOfRange,
}

impl Quantity {
    /// The fewest of a product a line may hold.
    pub const MIN: Quantity = Quantity(1);
    /// The most of a product a line may hold.
    pub const MAX: Quantity = Quantity(99);

    /// A quantity from 1 to 99.
    pub fn new(n: u32) -> Option<Quantity> {
        u8::try_from(n)
            .ok()
            .filter(|n| (Self::MIN.0..=Self::MAX.0).contains(n))
            .map(Quantity)
    }

    /// The number of items.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Reads a quantity from 1 to 99 typed into a form.
    pub fn parse(input: &str) -> Result<Quantity, QuantityError> {
        Quantity::new(parse_whole_number(input)?).ok_or(QuantityError::OutOfRange)
    }

    /// Reads a quantity from 0 to 99, where 0 means "none" (remove the line).
    pub fn parse_or_zero(input: &str) -> Result<Option<Quantity>, QuantityError> {
        match parse_whole_number(input)? {
            0 => Ok(None),
            n => Quantity::new(n).map(Some).ok_or(QuantityError::OutOfRange),
        }
    }
}

fn parse_whole_number(input: &str) -> Result<u32, QuantityError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(QuantityError::Empty);
    }
    if !input.bytes().all(|b| b.is_ascii_digit()) {
        return Err(QuantityError::NotAWholeNumber);
    }
    // Digits only: the one way left to fail is a number too big for u32.
    input.parse().map_err(|_| QuantityError::OutOfRange)
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(deserializer)?;
        Quantity::new(u32::from(n))
            .ok_or_else(|| serde::de::Error::custom("quantity must be from 1 to 99"))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One product in the cart and how many of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: ProductId,
    pub quantity: Quantity,
}

/// Why the cart refused a change; the cart is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartError {
    /// The line would go over 99; `in_cart` is what it holds now.
    LineFull { in_cart: Quantity },
    /// The cart already holds [`MAX_LINES`] different products.
    TooManyLines,
}

/// At most [`MAX_LINES`] lines, one per product, each 1 to 99, in the order
/// they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Cart {
    lines: Vec<CartLine>,
}

impl Cart {
    /// An empty cart.
    pub fn new() -> Cart {
        Cart::default()
    }

    /// The lines, in the order they were first added.
    pub fn lines(&self) -> &[CartLine] {
        &self.lines
    }

    /// True when the cart holds nothing.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// How many items in all (the number on the cart link).
    pub fn item_count(&self) -> u32 {
        self.lines.iter().map(|l| u32::from(l.quantity.get())).sum()
    }

    /// How many items of products still in `catalog` (what the header shows).
    pub fn item_count_in(&self, catalog: &Catalog) -> u32 {
        self.lines
            .iter()
            .filter(|l| catalog.get(l.product_id).is_some())
            .map(|l| u32::from(l.quantity.get()))
            .sum()
    }

    /// How many of `product` the cart holds.
    pub fn quantity_of(&self, product: ProductId) -> Option<Quantity> {
        self.position(product).map(|i| self.lines[i].quantity)
    }

    fn position(&self, product: ProductId) -> Option<usize> {
        self.lines.iter().position(|l| l.product_id == product)
    }

    /// Adds `quantity` of `product`, to its line or to a new one. Returns the
    /// line's new quantity.
    pub fn add(&mut self, product: ProductId, quantity: Quantity) -> Result<Quantity, CartError> {
        match self.position(product) {
            Some(i) => {
                let line = &mut self.lines[i];
                let total = u32::from(line.quantity.get()) + u32::from(quantity.get());
                let new = Quantity::new(total).ok_or(CartError::LineFull {
                    in_cart: line.quantity,
                })?;
                line.quantity = new;
                Ok(new)
            }
            None => self.push(product, quantity).map(|()| quantity),
        }
    }

    /// Sets the line of `product` to `quantity`; `None` removes it.
    pub fn set(&mut self, product: ProductId, quantity: Option<Quantity>) -> Result<(), CartError> {
        match (self.position(product), quantity) {
            (Some(i), Some(quantity)) => {
                self.lines[i].quantity = quantity;
                Ok(())
            }
            (Some(i), None) => {
                self.lines.remove(i);
                Ok(())
            }
            (None, Some(quantity)) => self.push(product, quantity),
            (None, None) => Ok(()),
        }
    }

    fn push(&mut self, product: ProductId, quantity: Quantity) -> Result<(), CartError> {
        if self.lines.len() >= MAX_LINES {
            return Err(CartError::TooManyLines);
        }
        self.lines.push(CartLine {
            product_id: product,
            quantity,
        });
        Ok(())
    }

    /// Removes the line of `product`; returns whether there was one.
    pub fn remove(&mut self, product: ProductId) -> bool {
        let before = self.lines.len();
        self.lines.retain(|l| l.product_id != product);
        self.lines.len() != before
    }

    /// Empties the cart.
    pub fn clear(&mut self) {
        self.lines.clear();
    }

    /// Drops the lines whose product is no longer in the catalog; returns
    /// how many were dropped.
    pub fn drop_unknown(&mut self, catalog: &Catalog) -> usize {
        let before = self.lines.len();
        self.lines.retain(|l| catalog.get(l.product_id).is_some());
        before - self.lines.len()
    }

    /// The cart with names and prices from the catalog. Lines whose product
    /// is no longer sold are left out.
    pub fn priced<'c>(&self, catalog: &'c Catalog) -> PricedCart<'c> {
        let lines: Vec<PricedLine<'c>> = self
            .lines
            .iter()
            .filter_map(|line| {
                let product = catalog.get(line.product_id)?;
                Some(PricedLine {
                    product,
                    quantity: line.quantity,
                    line_total: product.price_cents * u64::from(line.quantity.get()),
                })
            })
            .collect();
        let item_count = lines.iter().map(|l| u32::from(l.quantity.get())).sum();
        let total = lines.iter().map(|l| l.line_total).sum();
        PricedCart {
            lines,
            item_count,
            total,
        }
    }
}

impl<'de> Deserialize<'de> for Cart {
    /// Refuses anything the cart's own methods could not have built, so a
    /// decoded session always holds a valid cart.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let lines = Vec::<CartLine>::deserialize(deserializer)?;
        let mut cart = Cart::new();
        for line in lines {
            if cart.position(line.product_id).is_some() {
                return Err(serde::de::Error::custom(
                    "a product appears twice in the cart",
                ));
            }
            cart.push(line.product_id, line.quantity)
                .map_err(|_| serde::de::Error::custom("too many cart lines"))?;
        }
        Ok(cart)
    }
}

/// A cart line with its product and line total.
#[derive(Debug, Clone)]
pub struct PricedLine<'c> {
    pub product: &'c Product,
    pub quantity: Quantity,
    pub line_total: Cents,
}

/// The cart priced from the catalog.
#[derive(Debug, Clone)]
pub struct PricedCart<'c> {
    pub lines: Vec<PricedLine<'c>>,
    pub item_count: u32,
    pub total: Cents,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qty(n: u32) -> Quantity {
        Quantity::new(n).unwrap()
    }

    #[test]
    fn a_quantity_is_a_whole_number_from_1_to_99() {
        assert_eq!(Quantity::parse("1"), Ok(qty(1)));
        assert_eq!(Quantity::parse(" 99 "), Ok(qty(99)));
        assert_eq!(Quantity::parse("0"), Err(QuantityError::OutOfRange));
        assert_eq!(Quantity::parse("100"), Err(QuantityError::OutOfRange));
        assert_eq!(Quantity::parse(""), Err(QuantityError::Empty));
        for bad in ["abc", "-1", "1e3", "1.5", "+2", "0x10"] {
            assert_eq!(
                Quantity::parse(bad),
                Err(QuantityError::NotAWholeNumber),
                "{bad}"
            );
        }
        let huge = "9".repeat(40);
        assert_eq!(Quantity::parse(&huge), Err(QuantityError::OutOfRange));
    }

    #[test]
    fn an_update_quantity_of_0_means_remove_the_line() {
        assert_eq!(Quantity::parse_or_zero("0"), Ok(None));
        assert_eq!(Quantity::parse_or_zero("5"), Ok(Some(qty(5))));
        assert_eq!(
            Quantity::parse_or_zero("100"),
            Err(QuantityError::OutOfRange)
        );
    }

    #[test]
    fn adding_a_product_twice_grows_its_line() {
        let mut cart = Cart::new();
        cart.add(ProductId(1), qty(2)).unwrap();
        assert_eq!(cart.add(ProductId(1), qty(3)), Ok(qty(5)));
        assert_eq!(cart.lines().len(), 1);
        assert_eq!(cart.item_count(), 5);
    }

    #[test]
    fn an_add_that_would_pass_99_is_refused_and_leaves_the_line() {
        let mut cart = Cart::new();
        cart.add(ProductId(1), qty(98)).unwrap();
        assert_eq!(
            cart.add(ProductId(1), qty(2)),
            Err(CartError::LineFull { in_cart: qty(98) })
        );
        assert_eq!(cart.quantity_of(ProductId(1)), Some(qty(98)));
    }

    #[test]
    fn a_51st_product_is_refused() {
        let mut cart = Cart::new();
        for id in 0..50 {
            cart.add(ProductId(id), qty(1)).unwrap();
        }
        assert_eq!(
            cart.add(ProductId(50), qty(1)),
            Err(CartError::TooManyLines)
        );
        assert_eq!(
            cart.set(ProductId(50), Some(qty(1))),
            Err(CartError::TooManyLines)
        );
        assert_eq!(cart.lines().len(), 50);
        // Existing lines can still change.
        assert_eq!(cart.add(ProductId(0), qty(1)), Ok(qty(2)));
    }

    #[test]
    fn setting_a_line_to_none_removes_it_and_removing_twice_is_fine() {
        let mut cart = Cart::new();
        cart.add(ProductId(4), qty(3)).unwrap();
        cart.set(ProductId(4), Some(qty(7))).unwrap();
        assert_eq!(cart.quantity_of(ProductId(4)), Some(qty(7)));
        cart.set(ProductId(4), None).unwrap();
        assert!(cart.is_empty());
        assert!(!cart.remove(ProductId(4)));
    }

    #[test]
    fn a_decoded_cart_with_a_duplicate_line_is_refused() {
        let json = r#"[{"product_id":1,"quantity":2},{"product_id":1,"quantity":3}]"#;
        assert!(serde_json::from_str::<Cart>(json).is_err());
        let zero = r#"[{"product_id":1,"quantity":0}]"#;
        assert!(serde_json::from_str::<Cart>(zero).is_err());
    }
}
