//! The demo personas: accounts that misbehave on purpose, in known ways, so
//! testers have something to find. Every deliberate fault lives here, keyed
//! by the persona of the account a request is signed in as (resolved once,
//! when the session opens); handlers and views ask the persona, and never
//! compare usernames. `docs/TESTING.md` lists each fault, and only its
//! persona sees it.

use std::time::Duration;

use serde::Deserialize;
use uuid::Uuid;

use crate::cart::Quantity;
use crate::catalog::{Catalog, Product, ProductId, SortOrder};

/// How an account behaves: normally, or with a persona's deliberate faults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Persona {
    /// No fault: guests, and accounts without a persona.
    #[default]
    Normal,
    /// The right password is refused: the account is locked.
    Locked,
    /// Every answer about the visitor (every request that reads the
    /// session) is [`SLOW_DELAY`] late.
    Slow,
    /// Only signing in is slow: answered [`SLOW_DELAY`] late.
    Glitch,
    /// The same picture everywhere; price sorts ignored; the product page's
    /// Add to cart adds 1.
    Problem,
    /// Removing a cart line fails; placing the order fails the first time.
    Error,
    /// Looks different: a stylesheet of its own, two pictures swapped.
    Visual,
    /// Faults that need JavaScript, all in [`SCRIPT_FAULTS`]: an alert on
    /// Remove, a console error on the product page, a dead Empty cart
    /// button, a name field that drops characters, a grid link to the wrong
    /// product. Without JavaScript, a normal shopper.
    Script,
    /// One add to cart in [`FLAKY_EVERY`] fails, by [`Persona::add_fails`].
    Flaky,
}

/// How late the `slow` persona's requests, and the `glitch` persona's
/// sign-in, are answered.
pub const SLOW_DELAY: Duration = Duration::from_secs(2);

/// What a request did, as far as delays go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// A static file (`/static/…`): never delayed. (Nor is any answer
    /// that does not read the session.)
    StaticFile,
    /// The request that signed the account in.
    SignIn,
    /// Any other request that reads the session: pages, forms, error
    /// pages, the cart's JSON.
    Other,
}

/// The `visual` persona's swapped pictures: these two products show each
/// other's picture.
pub const VISUAL_SWAPPED: (ProductId, ProductId) = (ProductId(4), ProductId(5));

/// The `visual` persona's stylesheet, loaded after the shop's own.
pub const VISUAL_STYLESHEET: &str = "css/visual.css";

/// The `script` persona's faults: a script loaded after the shop's own.
pub const SCRIPT_FAULTS: &str = "js/script-user.js";

/// The `flaky` persona fails one add to cart in this many.
pub const FLAKY_EVERY: u32 = 3;

impl Persona {
    /// Every persona, `Normal` first.
    pub const ALL: [Persona; 9] = crate::every!(
        Persona: Normal, Locked, Slow, Glitch, Problem, Error, Visual, Script, Flaky
    );

    /// Whether signing in is refused even with the right password.
    pub fn is_locked(self) -> bool {
        self == Persona::Locked
    }

    /// How late a request of `kind` is answered.
    pub fn delay(self, kind: RequestKind) -> Duration {
        match (self, kind) {
            (_, RequestKind::StaticFile) => Duration::ZERO,
            (Persona::Slow, _) | (Persona::Glitch, RequestKind::SignIn) => SLOW_DELAY,
            _ => Duration::ZERO,
        }
    }

    /// The order the grid is shown in when `asked` is chosen: `problem`
    /// ignores the price sorts (the featured order).
    pub fn grid_order(self, asked: SortOrder) -> SortOrder {
        match asked {
            SortOrder::PriceAsc | SortOrder::PriceDesc if self == Persona::Problem => {
                SortOrder::Featured
            }
            asked => asked,
        }
    }

    /// What the product page's Add to cart adds when `typed` (valid) was
    /// asked for: `problem` always adds 1.
    pub fn product_page_adds(self, typed: Quantity) -> Quantity {
        if self == Persona::Problem {
            Quantity::MIN
        } else {
            typed
        }
    }

    /// Whether removing a cart line fails (`error`: always; nothing changes).
    pub fn remove_fails(self) -> bool {
        self == Persona::Error
    }

    /// Whether placing the order fails: `error`'s first try in a checkout.
    pub fn place_order_fails(self, failed_before: bool) -> bool {
        self == Persona::Error && !failed_before
    }

    /// The picture (a path under the static files) shown for `product`:
    /// `problem` sees the first product's everywhere; `visual` sees two
    /// products' pictures swapped.
    pub fn picture<'c>(self, product: &'c Product, catalog: &'c Catalog) -> &'c str {
        let shown = match self {
            Persona::Problem => catalog.products().first(),
            Persona::Visual => {
                let (a, b) = VISUAL_SWAPPED;
                match product.id {
                    id if id == a => catalog.get(b),
                    id if id == b => catalog.get(a),
                    _ => None,
                }
            }
            _ => None,
        };
        &shown.unwrap_or(product).image
    }

    /// A stylesheet loaded after the shop's own (a path under the static
    /// files): `visual`'s looks.
    pub fn stylesheet(self) -> Option<&'static str> {
        (self == Persona::Visual).then_some(VISUAL_STYLESHEET)
    }

    /// A script loaded after the shop's own (a path under the static
    /// files): `script`'s faults.
    pub fn script(self) -> Option<&'static str> {
        (self == Persona::Script).then_some(SCRIPT_FAULTS)
    }

    /// The seed of the add-to-cart rule in a session with id `session_id`
    /// (`flaky` only): 0, 1 or 2, drawn anew with the id at each sign-in.
    pub fn add_seed(self, session_id: Uuid) -> Option<u32> {
        // NOTE: the last byte of a v4 id is random.
        (self == Persona::Flaky).then(|| u32::from(session_id.as_bytes()[15]) % FLAKY_EVERY)
    }

    /// Whether the `n`-th add to cart since sign-in (from 1) fails in the
    /// session with id `session_id`: `flaky`'s, when seed + n is a multiple
    /// of [`FLAKY_EVERY`].
    pub fn add_fails(self, session_id: Uuid, n: u32) -> bool {
        self.add_seed(session_id)
            .is_some_and(|seed| (seed + n).is_multiple_of(FLAKY_EVERY))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_files_are_never_delayed_and_only_slow_and_glitch_wait() {
        for persona in Persona::ALL {
            assert_eq!(persona.delay(RequestKind::StaticFile), Duration::ZERO);
            let other = persona.delay(RequestKind::Other);
            let sign_in = persona.delay(RequestKind::SignIn);
            match persona {
                Persona::Slow => assert_eq!((other, sign_in), (SLOW_DELAY, SLOW_DELAY)),
                Persona::Glitch => assert_eq!((other, sign_in), (Duration::ZERO, SLOW_DELAY)),
                _ => assert_eq!((other, sign_in), (Duration::ZERO, Duration::ZERO)),
            }
        }
    }

    #[test]
    fn only_problem_ignores_price_sorts_and_adds_one() {
        let five = Quantity::parse("5").unwrap();
        for persona in Persona::ALL {
            let problem = persona == Persona::Problem;
            let shown = persona.grid_order(SortOrder::PriceAsc);
            assert_eq!(shown == SortOrder::Featured, problem, "{persona:?}");
            assert_eq!(persona.grid_order(SortOrder::NameAsc), SortOrder::NameAsc);
            assert_eq!(persona.product_page_adds(five) == Quantity::MIN, problem);
        }
    }

    #[test]
    fn only_error_fails_to_remove_and_fails_the_first_order_only() {
        for persona in Persona::ALL {
            let error = persona == Persona::Error;
            assert_eq!(persona.remove_fails(), error);
            assert_eq!(persona.place_order_fails(false), error);
            assert!(!persona.place_order_fails(true));
        }
    }

    #[test]
    fn only_script_gets_the_fault_script_and_only_visual_the_stylesheet() {
        for persona in Persona::ALL {
            assert_eq!(persona.script().is_some(), persona == Persona::Script);
            assert_eq!(persona.stylesheet().is_some(), persona == Persona::Visual);
        }
    }

    #[test]
    fn flaky_fails_exactly_one_add_in_three_where_the_seed_says() {
        for byte in 0..=255u8 {
            let id = Uuid::from_bytes([byte; 16]);
            let seed = Persona::Flaky.add_seed(id).unwrap();
            assert!(seed < FLAKY_EVERY);
            let failing: Vec<u32> = (1..=9)
                .filter(|&n| Persona::Flaky.add_fails(id, n))
                .collect();
            let first = FLAKY_EVERY - seed;
            assert_eq!(failing, [first, first + 3, first + 6], "seed {seed}");
            for persona in Persona::ALL.into_iter().filter(|p| *p != Persona::Flaky) {
                assert_eq!(persona.add_seed(id), None);
                assert!((1..=9).all(|n| !persona.add_fails(id, n)));
            }
        }
    }
}
