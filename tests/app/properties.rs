//! Properties of the cart and the session that must hold for any sequence
//! of shopper actions, and the bound on the sealed cookie.

use proptest::prelude::*;
use session_shop::cart::{Cart, Quantity, MAX_LINES};
use session_shop::catalog::{Catalog, Product, ProductId, MAX_PRICE};
use session_shop::checkout::{
    ShippingDetails, ShippingInput, MAX_ADDRESS_CHARS, MAX_CITY_CHARS, MAX_EMAIL_CHARS,
    MAX_NAME_CHARS, MAX_POSTAL_CODE_CHARS,
};
use session_shop::lang::Lang;
use session_shop::money::{Cents, Currency};
use session_shop::session::cookie::{
    build, encode, parse_key, seal_with, stored_size, MAX_COOKIE_BYTES,
};
use session_shop::session::{Flash, Notice, OrderRef, SessionData};

use crate::helpers::SECRET;

/// A catalog of 60 products (more than a cart may hold) at awkward prices.
fn catalog() -> Catalog {
    let products = (0..60)
        .map(|i| Product {
            id: ProductId(u32::MAX - i),
            name: format!("Product {i}"),
            description: String::new(),
            price_cents: Cents(MAX_PRICE.get() - u64::from(i) * 7919),
            image: "img/p.svg".into(),
            name_es: None,
            description_es: None,
        })
        .collect();
    Catalog::new(Currency::try_from("EUR".to_owned()).unwrap(), products).unwrap()
}

#[derive(Debug, Clone)]
enum Action {
    Add(usize, u32),
    Set(usize, u32),
    Remove(usize),
    Clear,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => (0..60usize, 1..=99u32).prop_map(|(p, q)| Action::Add(p, q)),
        3 => (0..60usize, 0..=99u32).prop_map(|(p, q)| Action::Set(p, q)),
        2 => (0..60usize).prop_map(Action::Remove),
        1 => Just(Action::Clear),
    ]
}

/// The bytes of the `session=…` pair exactly as a response sends it.
fn sealed_size(data: &SessionData) -> usize {
    let sealed = seal_with(&parse_key(SECRET).unwrap(), &encode(data));
    stored_size(&build(sealed, 60, true))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_sequence_of_actions_keeps_the_limits_and_the_totals(actions in prop::collection::vec(action(), 0..300)) {
        let catalog = catalog();
        let ids: Vec<ProductId> = catalog.products().iter().map(|p| p.id).collect();
        let mut cart = Cart::new();
        for action in actions {
            let before = cart.clone();
            let result = match action {
                Action::Add(p, q) => cart.add(ids[p], Quantity::new(q).unwrap()).map(drop),
                Action::Set(p, q) => cart.set(ids[p], Quantity::new(q)),
                Action::Remove(p) => { cart.remove(ids[p]); Ok(()) }
                Action::Clear => { cart.clear(); Ok(()) }
            };
            if result.is_err() {
                prop_assert_eq!(&cart, &before, "a refused change leaves the cart as it was");
            }
            prop_assert!(cart.lines().len() <= MAX_LINES);
            for line in cart.lines() {
                prop_assert!((1..=99).contains(&line.quantity.get()));
                prop_assert_eq!(cart.lines().iter().filter(|l| l.product_id == line.product_id).count(), 1);
            }
            let priced = cart.priced(&catalog);
            let sum: u64 = priced.lines.iter().map(|l| l.product.price_cents.get() * u64::from(l.quantity.get())).sum();
            prop_assert_eq!(priced.total.get(), sum);
            prop_assert_eq!(priced.item_count, cart.item_count());
        }
        let mut session = SessionData::new(1_800_000_000);
        session.cart = cart;
        prop_assert!(sealed_size(&session) <= MAX_COOKIE_BYTES);
    }
}

#[test]
fn the_largest_possible_session_seals_into_at_most_4096_bytes_as_sent() {
    let catalog = catalog();
    let mut data = SessionData::new(i64::MAX / 2);
    data.last_seen = i64::MAX / 2;
    // The longest username in the widest characters.
    data.user = Some("😀".repeat(session_shop::auth::MAX_USERNAME_CHARS));
    data.username = Some("user".into());
    data.lang = Some(Lang::Es);
    for product in catalog.products().iter().take(MAX_LINES) {
        data.cart.add(product.id, Quantity::MAX).unwrap();
    }
    // Every shipping field at its longest, in the widest characters it takes.
    let wide = |n| "😀".repeat(n);
    let (name, address, city) = (
        wide(MAX_NAME_CHARS),
        wide(MAX_ADDRESS_CHARS),
        wide(MAX_CITY_CHARS),
    );
    let email = format!(
        "{}@{}.example",
        "a".repeat(64),
        "b".repeat(MAX_EMAIL_CHARS - 64 - 9)
    );
    let postal_code = "9".repeat(MAX_POSTAL_CODE_CHARS);
    let details = ShippingDetails::parse(&ShippingInput {
        full_name: &name,
        email: &email,
        address: &address,
        city: &city,
        postal_code: &postal_code,
    })
    .expect("the longest details are valid");
    data.checkout.shipping = Some(details);
    data.checkout.failed_once = true;
    data.last_order = Some(OrderRef {
        id: uuid::Uuid::new_v4(),
        checkout: uuid::Uuid::new_v4(),
    });
    data.flash_count = u32::MAX;
    data.flash = Some(Flash {
        id: u32::MAX,
        kind: Notice::QuantitySet {
            product_id: ProductId(u32::MAX),
            quantity: Quantity::MAX,
        },
    });
    // Sealing is random (a fresh nonce), and percent-encoding depends on the
    // bytes it produces: try many seals.
    let largest = (0..200)
        .map(|_| sealed_size(&data))
        .max()
        .unwrap_or_default();
    assert!(largest <= MAX_COOKIE_BYTES, "{largest} bytes");
}
