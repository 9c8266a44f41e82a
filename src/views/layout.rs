//! The base layout's data: language, header (cart count, signed-in name,
//! the CSRF token its forms carry) and the one-time messages.

use serde::Serialize;

use crate::auth::Account;
use crate::lang::Lang;
use crate::session::{Notice, Session, SessionData};
use crate::shop::{Links, Shop};
use crate::views::messages;

/// The base layout's data.
#[derive(Debug, Serialize)]
pub struct Layout<'s> {
    /// The page's language code, for `<html lang>`.
    pub lang: Lang,
    /// Every internal URL (`layout.links.cart`), built from the routes.
    pub links: &'s Links,
    /// The languages the switcher offers.
    pub languages: [LanguageOption; 2],
    /// The page being shown, so the language switcher can come back to it.
    pub here: String,
    /// The session's CSRF token, masked afresh for this response: every
    /// form of the page carries this text.
    pub csrf_token: String,
    pub cart_count: u32,
    /// The signed-in account's display name.
    pub user: Option<&'s str>,
    /// The URL of a stylesheet loaded after the shop's own: the `visual`
    /// persona's looks.
    pub persona_stylesheet: Option<String>,
    /// A script loaded after the shop's own, with the texts it shows: the
    /// `script` persona's faults.
    pub persona_script: Option<PersonaScript>,
    /// The seed of the `flaky` persona's add-to-cart rule.
    pub add_seed: Option<u32>,
    /// A one-time message from the previous request.
    pub flash: Option<FlashView>,
    /// Something the shop had to change on its own (e.g. dropped items).
    pub notice: Option<String>,
}

/// A flash message in words, with its number for testers.
#[derive(Debug, Serialize)]
pub struct FlashView {
    pub id: u32,
    pub text: String,
    /// A failure, shown as an alert.
    pub alert: bool,
    /// The product it is about, when one was added or removed (or its
    /// removal failed): the grid shows the message in that product's card.
    pub product_id: Option<u32>,
}

/// The `script` persona's script and the texts of its faults, in the
/// page's language.
#[derive(Debug, Serialize)]
pub struct PersonaScript {
    pub url: String,
    /// The alert shown on Remove.
    pub alert: String,
    /// The error logged on the product page.
    pub console: String,
}

/// A choice in the language switcher.
#[derive(Debug, Default, Serialize)]
pub struct LanguageOption {
    pub code: &'static str,
    pub name: &'static str,
    pub selected: bool,
}

impl<'s> Layout<'s> {
    /// The layout of a page answered with `session`.
    pub fn new(session: &'s Session<'_>, shop: &'s Shop) -> Layout<'s> {
        let lang = session.lang();
        let data = session.data();
        let account = session.account();
        let mut layout = Layout::for_data(data, account, shop, lang);
        layout.here = session.here();
        layout.flash = data.flash.as_ref().map(|flash| FlashView {
            id: flash.id,
            alert: flash.kind.is_failure(),
            text: messages::notice(&flash.kind, layout.user, shop, lang),
            product_id: match flash.kind {
                Notice::Added { product_id, .. }
                | Notice::AddFailed { product_id }
                | Notice::Removed { product_id }
                | Notice::RemoveFailed { product_id } => Some(product_id.0),
                _ => None,
            },
        });
        layout.notice = messages::dropped_lines(session.dropped_lines(), shop, lang);
        layout
    }

    /// The layout from session data and its account alone (error pages).
    pub fn for_data(
        data: &SessionData,
        account: Option<&'s Account>,
        shop: &'s Shop,
        lang: Lang,
    ) -> Layout<'s> {
        let persona = account.map(|account| account.persona).unwrap_or_default();
        Layout {
            lang,
            links: &shop.links,
            languages: Lang::ALL.map(|option| LanguageOption {
                code: option.code(),
                name: option.name(),
                selected: option == lang,
            }),
            here: "/".to_owned(),
            csrf_token: data.csrf_token.masked(),
            cart_count: data.cart.item_count_in(&shop.catalog),
            user: account.map(|account| account.display_name.as_str()),
            persona_stylesheet: persona.stylesheet().map(|path| shop.assets.url(path)),
            persona_script: persona.script().map(|path| PersonaScript {
                url: shop.assets.url(path),
                alert: shop.texts.get(lang, "fault_alert_remove"),
                console: shop.texts.get(lang, "fault_console_product"),
            }),
            add_seed: persona.add_seed(data.id),
            flash: None,
            notice: None,
        }
    }
}
