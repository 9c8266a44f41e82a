//! The product grid's cards, rendered once per language, persona and sort
//! order (`templates/shop/card.html.tera`), in both states (Add to cart,
//! or Remove when the cart holds the product), and kept, so a grid request
//! only picks each card's state and fills in what changes per request: the
//! form token in every card, and an add's or remove's message in its card.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use rocket_dyn_templates::Metadata;
use serde::Serialize;

use crate::cart::Cart;
use crate::catalog::{ProductId, SortOrder};
use crate::error::AppError;
use crate::lang::Lang;
use crate::personas::Persona;
use crate::shop::{Links, Shop};
use crate::views::shop::GridCard;

/// Where a card's markup leaves room for the add's message, and for the
/// form token: characters no card shows.
const FLASH_SLOT: &str = "\u{1}flash\u{1}";
const TOKEN_SLOT: &str = "\u{1}token\u{1}";

/// One card's markup in one state, cut where the request's own parts go:
/// `head`, then the card's message (when it is about this card), `form`,
/// the form token, `tail`.
#[derive(Debug, Serialize)]
pub struct CardMarkup {
    pub id: u32,
    pub head: String,
    pub form: String,
    pub tail: String,
}

/// One card in both of its states.
#[derive(Debug)]
pub struct Card {
    /// Not in the cart: Add to cart.
    pub to_add: CardMarkup,
    /// In the cart: Remove.
    pub in_cart: CardMarkup,
}

impl Card {
    /// The card as a shopper with `cart` sees it.
    pub fn shown(&self, cart: &Cart) -> &CardMarkup {
        match cart.quantity_of(ProductId(self.to_add.id)) {
            Some(_) => &self.in_cart,
            None => &self.to_add,
        }
    }
}

/// The grid's cards for each language, persona and sort order shown so far;
/// clones share them.
#[derive(Debug, Default, Clone)]
pub struct GridCards {
    kept: Arc<RwLock<Kept>>,
}

#[derive(Debug, Default)]
struct Kept {
    /// How many times the templates changed since launch.
    generation: u64,
    cards: HashMap<(Lang, Persona, SortOrder), Arc<[Card]>>,
}

impl GridCards {
    /// The cards of the grid sorted by `sort`, in `lang`, as `persona` sees
    /// them: rendered the first time, then kept.
    pub fn cards(
        &self,
        sort: SortOrder,
        lang: Lang,
        persona: Persona,
        shop: &Shop,
        templates: &Metadata<'_>,
    ) -> Result<Arc<[Card]>, AppError> {
        let key = (lang, persona, sort);
        let generation = {
            let kept = self.kept.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(cards) = kept.cards.get(&key) {
                return Ok(cards.clone());
            }
            kept.generation
        };
        let render = |card: &CardContext<'_>| Some(templates.render(CARD_TEMPLATE, card)?.1);
        let cards: Arc<[Card]> = render_cards(sort, lang, persona, shop, render)?.into();
        let mut kept = self.kept.write().unwrap_or_else(PoisonError::into_inner);
        // NOTE: cards rendered from templates that changed meanwhile are not kept.
        if kept.generation == generation {
            kept.cards.insert(key, cards.clone());
        }
        Ok(cards)
    }

    /// Forgets every card: the templates changed (debug builds reload them).
    pub fn forget(&self) {
        let mut kept = self.kept.write().unwrap_or_else(PoisonError::into_inner);
        kept.generation += 1;
        kept.cards.clear();
    }
}

/// The template of one card.
pub const CARD_TEMPLATE: &str = "shop/card";

/// What the card template reads.
#[derive(Debug, Serialize)]
pub struct CardContext<'a> {
    card: GridCard<'a>,
    /// The card's place in the grid, from 1.
    position: usize,
    /// Whether the cart holds the product: Remove instead of Add to cart.
    in_cart: bool,
    links: &'a Links,
    flash: &'static str,
    token: &'static str,
}

/// The cards of the grid sorted by `sort`, in `lang`, as `persona` sees
/// them, each rendered in both states by `render` (the [`CARD_TEMPLATE`]
/// with its context) and cut where each request's own parts go.
pub fn render_cards<'s>(
    sort: SortOrder,
    lang: Lang,
    persona: Persona,
    shop: &'s Shop,
    render: impl Fn(&CardContext<'s>) -> Option<String>,
) -> Result<Vec<Card>, AppError> {
    let fault = |what: &str| AppError::Internal(format!("the grid's card template {what}"));
    let cut = |id: u32, markup: String| -> Result<CardMarkup, AppError> {
        let (head, rest) = markup
            .split_once(FLASH_SLOT)
            .ok_or_else(|| fault("has no place for the card's message"))?;
        let (form, tail) = rest
            .split_once(TOKEN_SLOT)
            .ok_or_else(|| fault("has no place for the form token"))?;
        Ok(CardMarkup {
            id,
            head: head.trim_start().to_owned(),
            form: form.to_owned(),
            tail: tail.trim_end().to_owned(),
        })
    };
    shop.catalog
        .sorted(persona.grid_order(sort), lang)
        .enumerate()
        .map(|(index, product)| {
            let state = |in_cart: bool| -> Result<CardMarkup, AppError> {
                let markup = render(&CardContext {
                    card: GridCard::new(product, sort, persona, shop, lang),
                    position: index + 1,
                    in_cart,
                    links: &shop.links,
                    flash: FLASH_SLOT,
                    token: TOKEN_SLOT,
                })
                .ok_or_else(|| fault("does not render"))?;
                cut(product.id.0, markup)
            };
            Ok(Card {
                to_add: state(false)?,
                in_cart: state(true)?,
            })
        })
        .collect()
}
