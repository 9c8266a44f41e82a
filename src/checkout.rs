//! Checkout: the shipping details a buyer types, and the order they place.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::cart::{Cart, Quantity};
use crate::catalog::{Catalog, ProductId};
use crate::clock::UnixMillis;
use crate::money::Cents;

/// The shipping form's fields, as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShippingInput<'a> {
    pub full_name: &'a str,
    pub email: &'a str,
    pub address: &'a str,
    pub city: &'a str,
    pub postal_code: &'a str,
}

/// A field of the shipping form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FullName,
    Email,
    Address,
    City,
    PostalCode,
}

impl Field {
    /// Every field, in the form's order.
    pub const ALL: [Field; 5] = crate::every!(Field: FullName, Email, Address, City, PostalCode);

    /// The field's form name.
    pub fn name(self) -> &'static str {
        match self {
            Field::FullName => "full_name",
            Field::Email => "email",
            Field::Address => "address",
            Field::City => "city",
            Field::PostalCode => "postal_code",
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Nothing but spaces.
    Empty,
    /// Longer than the field allows.
    TooLong,
    /// Not the right shape (an email without a domain, a postal code with `<`).
    Shape,
    /// Tabs, line breaks or other control characters.
    ControlCharacters,
}

impl Problem {
    /// Every problem a field can have.
    pub const ALL: [Problem; 4] = crate::every!(Problem: Empty, TooLong, Shape, ControlCharacters);
}

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    /// Every pair of a field and a problem, field by field.
    pub const ALL: [FieldError; Field::ALL.len() * Problem::ALL.len()] = {
        let mut all = [FieldError {
            field: Field::FullName,
            problem: Problem::Empty,
        }; Field::ALL.len() * Problem::ALL.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = FieldError {
                field: Field::ALL[i / Problem::ALL.len()],
                problem: Problem::ALL[i % Problem::ALL.len()],
            };
            i += 1;
        }
        all
    };
}

/// Shipping details that passed every check; trimmed. Read back from a
/// cookie or the ledger, they are checked again, so no stored value can
/// hold details the form would refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredDetails")]
pub struct ShippingDetails {
    pub full_name: String,
    pub email: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
}

/// Shipping details as stored, before they are checked again.
#[derive(Deserialize)]
struct StoredDetails {
    full_name: String,
    email: String,
    address: String,
    city: String,
    postal_code: String,
}

impl TryFrom<StoredDetails> for ShippingDetails {
    type Error = &'static str;

    fn try_from(stored: StoredDetails) -> Result<ShippingDetails, &'static str> {
        ShippingDetails::parse(&ShippingInput {
            full_name: &stored.full_name,
            email: &stored.email,
            address: &stored.address,
            city: &stored.city,
            postal_code: &stored.postal_code,
        })
        .map_err(|_| "stored shipping details that the form would refuse")
    }
}

/// The most characters a buyer's name may have (it is kept in the session,
/// so every limit here counts against the cookie's 4096 bytes).
pub const MAX_NAME_CHARS: usize = 80;
/// The most characters of an email address (ASCII only).
pub const MAX_EMAIL_CHARS: usize = 254;
/// The most characters of a street address.
pub const MAX_ADDRESS_CHARS: usize = 120;
/// The most characters of a city.
pub const MAX_CITY_CHARS: usize = 60;
/// The most characters of a postal code.
pub const MAX_POSTAL_CODE_CHARS: usize = 12;

fn text(input: &str, field: Field, max_chars: usize) -> Result<String, FieldError> {
    let value = input.trim();
    let fail = |problem| FieldError { field, problem };
    if value.is_empty() {
        return Err(fail(Problem::Empty));
    }
    if value.chars().count() > max_chars {
        return Err(fail(Problem::TooLong));
    }
    if value.chars().any(char::is_control) {
        return Err(fail(Problem::ControlCharacters));
    }
    Ok(value.to_owned())
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    value.is_ascii()
        && !local.is_empty()
        && local.len() <= 64
        && !local.contains(|c: char| c.is_whitespace() || c == '@' || c == '<' || c == '>')
        && domain.contains('.')
        && labels_ok
}

fn is_postal_code(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

fn shaped(
    value: Result<String, FieldError>,
    field: Field,
    ok: fn(&str) -> bool,
) -> Result<String, FieldError> {
    value.and_then(|value| {
        if ok(&value) {
            Ok(value)
        } else {
            Err(FieldError {
                field,
                problem: Problem::Shape,
            })
        }
    })
}

impl ShippingDetails {
    /// Checks every field; on failure, one error per field that is wrong.
    pub fn parse(form: &ShippingInput<'_>) -> Result<ShippingDetails, Vec<FieldError>> {
        let full_name = text(form.full_name, Field::FullName, MAX_NAME_CHARS);
        let email = shaped(
            text(form.email, Field::Email, MAX_EMAIL_CHARS),
            Field::Email,
            is_email,
        );
        let address = text(form.address, Field::Address, MAX_ADDRESS_CHARS);
        let city = text(form.city, Field::City, MAX_CITY_CHARS);
        let postal_code = shaped(
            text(form.postal_code, Field::PostalCode, MAX_POSTAL_CODE_CHARS),
            Field::PostalCode,
            is_postal_code,
        );
        match (full_name, email, address, city, postal_code) {
            (Ok(full_name), Ok(email), Ok(address), Ok(city), Ok(postal_code)) => {
                Ok(ShippingDetails {
                    full_name,
                    email,
                    address,
                    city,
                    postal_code,
                })
            }
            (a, b, c, d, e) => Err([a.err(), b.err(), c.err(), d.err(), e.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

/// One line of a placed order, priced when it was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub product_id: ProductId,
    pub quantity: Quantity,
    pub unit_price: Cents,
}

/// A placed order, as the server keeps it for its confirmation page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: Uuid,
    /// When the order was placed, to the millisecond.
    pub placed_at_ms: UnixMillis,
    pub ship_to: ShippingDetails,
    pub lines: Vec<OrderLine>,
    /// What the lines cost together, before shipping.
    pub subtotal: Cents,
    pub shipping: Cents,
    pub status: OrderStatus,
}

/// Where an order is on its way: placed, then shipped, then delivered; or
/// cancelled while it is still only placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Placed,
    Shipped,
    Delivered,
    Cancelled,
}

impl OrderStatus {
    /// Every status, in the order an order goes through them.
    pub const ALL: [OrderStatus; 4] =
        crate::every!(OrderStatus: Placed, Shipped, Delivered, Cancelled);

    /// The status as stored and in the JSON API: `placed`, `shipped`, ...
    pub fn key(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    /// The status whose [`OrderStatus::key`] is `key`.
    pub fn from_key(key: &str) -> Option<OrderStatus> {
        OrderStatus::ALL
            .into_iter()
            .find(|status| status.key() == key)
    }

    /// Whether an order may move from this status to `next`.
    pub fn may_become(self, next: OrderStatus) -> bool {
        matches!(
            (self, next),
            (OrderStatus::Placed, OrderStatus::Shipped)
                | (OrderStatus::Shipped, OrderStatus::Delivered)
                | (OrderStatus::Placed, OrderStatus::Cancelled)
        )
    }
}

impl Order {
    /// When the order's shipping label is ready: [`SHIPPING_LABEL_DELAY_MS`]
    /// after the order was placed.
    pub fn label_ready_at(&self) -> UnixMillis {
        self.placed_at_ms.saturating_add(SHIPPING_LABEL_DELAY_MS)
    }

    /// The order's reference for people: see [`order_number`].
    pub fn number(&self) -> String {
        order_number(&self.id)
    }
}

/// The short reference a shopper reads and quotes, `SS-7F3K-92QD`: the first
/// 40 bits of the order's id (random in a v4 UUID) in Crockford's base 32,
/// which has no I, L, O or U to misread.
pub fn order_number(id: &Uuid) -> String {
    const DIGITS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = id.as_bytes()[..5]
        .iter()
        .fold(0u64, |bits, &byte| (bits << 8) | u64::from(byte));
    let digit = |i: u32| char::from(DIGITS[((bits >> (35 - 5 * i)) & 31) as usize]);
    let half = |from: u32| (from..from + 4).map(digit).collect::<String>();
    format!("SS-{}-{}", half(0), half(4))
}

/// How long after an order is placed its shipping label is ready, in
/// milliseconds: something that appears after the page has loaded, for
/// testers practising waits.
pub const SHIPPING_LABEL_DELAY_MS: UnixMillis = 3_000;

/// Orders from this subtotal on ship for free.
pub const FREE_SHIPPING_FROM: Cents = Cents(5_000);

/// What shipping costs below [`FREE_SHIPPING_FROM`].
pub const SHIPPING_FEE: Cents = Cents(490);

/// What shipping costs for an order of `subtotal`.
pub fn shipping_cost(subtotal: Cents) -> Cents {
    if subtotal < FREE_SHIPPING_FROM {
        SHIPPING_FEE
    } else {
        Cents(0)
    }
}

/// Places an order for what the cart holds, priced from the catalog.
/// `None` when nothing in the cart is on sale.
pub fn place_order(
    cart: &Cart,
    catalog: &Catalog,
    shipping: &ShippingDetails,
    now_ms: UnixMillis,
) -> Option<Order> {
    let priced = cart.priced(catalog);
    if priced.lines.is_empty() {
        return None;
    }
    Some(Order {
        id: uuid::Uuid::new_v4(),
        placed_at_ms: now_ms,
        ship_to: shipping.clone(),
        lines: priced
            .lines
            .iter()
            .map(|line| OrderLine {
                product_id: line.product.id,
                quantity: line.quantity,
                unit_price: line.product.price_cents,
            })
            .collect(),
        subtotal: priced.total,
        shipping: shipping_cost(priced.total),
        status: OrderStatus::Placed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ShippingInput<'static> {
        ShippingInput {
            full_name: " Ada Lovelace ",
            email: "ada@example.com",
            address: "12 Analytical Row",
            city: "London",
            postal_code: "NW1 6XE",
        }
    }

    #[test]
    fn an_order_number_is_the_ids_first_40_bits_in_crockford_base_32() {
        let id = Uuid::from_bytes([
            0x39, 0xe6, 0x8a, 0x4b, 0x97, 0xff, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]);
        // 0x39e68a4b97 in fives: 7 7 19 8 20 18 28 23
        assert_eq!(order_number(&id), "SS-77K8-MJWQ");
        assert_eq!(order_number(&Uuid::nil()), "SS-0000-0000");
    }

    #[test]
    fn complete_details_are_accepted_and_trimmed() {
        let details = ShippingDetails::parse(&form()).unwrap();
        assert_eq!(details.full_name, "Ada Lovelace");
    }

    #[test]
    fn every_empty_field_gets_its_own_message() {
        let errors = ShippingDetails::parse(&ShippingInput::default()).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, Field::ALL);
    }

    #[test]
    fn an_email_needs_a_name_an_at_sign_and_a_domain_with_a_dot() {
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a da@example.com",
            "ada@exa_mple.com",
            "ada@.com",
        ] {
            let mut input = form();
            input.email = bad;
            let errors = ShippingDetails::parse(&input).unwrap_err();
            assert_eq!(errors[0].field, Field::Email, "{bad}");
        }
    }

    #[test]
    fn a_name_over_80_characters_or_with_a_line_break_is_refused() {
        let mut input = form();
        let long = "é".repeat(81);
        input.full_name = &long;
        let error = ShippingDetails::parse(&input).unwrap_err()[0];
        assert_eq!(
            (error.field, error.problem),
            (Field::FullName, Problem::TooLong)
        );
        input.full_name = "Ada\nLovelace";
        let error = ShippingDetails::parse(&input).unwrap_err()[0];
        assert_eq!(error.problem, Problem::ControlCharacters);
    }
}
