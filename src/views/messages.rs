//! The domain's facts in words: notices, refusals and field errors, each
//! mapped to one message id of the page's language.

use crate::auth::LoginError;
use crate::cart::{CartError, QuantityError, MAX_LINES};
use crate::catalog::{ProductId, SortOrder};
use crate::checkout::{Field, FieldError, Problem};
use crate::lang::Lang;
use crate::session::Notice;
use crate::shop::Shop;

/// A product's name in `lang`, or "an item" for one no longer sold.
pub fn product_name(shop: &Shop, id: ProductId, lang: Lang) -> String {
    match shop.catalog.get(id) {
        Some(product) => product.name(lang).to_owned(),
        None => shop.texts.get(lang, "an_item").to_owned(),
    }
}

/// The message id of a flash notice.
pub fn notice_id(notice: &Notice) -> &'static str {
    match notice {
        Notice::Added { .. } => "flash_added",
        Notice::QuantitySet { .. } => "flash_quantity_set",
        Notice::Removed { .. } => "flash_removed",
        Notice::LoggedIn => "flash_logged_in",
        Notice::CartCleared => "flash_cart_cleared",
        Notice::LoggedOut => "flash_logged_out",
        Notice::SessionReset => "flash_session_reset",
        Notice::StateReset => "flash_state_reset",
        Notice::CartEmpty => "flash_cart_empty",
        Notice::DetailsSaved => "flash_details_saved",
        Notice::OrderAlreadyPlaced => "flash_order_already_placed",
        Notice::LanguageChanged => "flash_language",
        Notice::RemoveFailed { .. } => "flash_remove_failed",
        Notice::OrderFailed => "flash_order_failed",
        Notice::AddFailed { .. } => "flash_add_failed",
    }
}

/// A flash notice in words; `user` is the signed-in display name.
pub fn notice(notice: &Notice, user: Option<&str>, shop: &Shop, lang: Lang) -> String {
    let id = notice_id(notice);
    let texts = &shop.texts;
    match *notice {
        Notice::Added {
            product_id,
            quantity,
        }
        | Notice::QuantitySet {
            product_id,
            quantity,
        } => texts.format(
            lang,
            id,
            &[
                ("quantity", quantity.get().into()),
                ("product", product_name(shop, product_id, lang).into()),
            ],
        ),
        Notice::Removed { product_id } | Notice::AddFailed { product_id } => texts.format(
            lang,
            id,
            &[("product", product_name(shop, product_id, lang).into())],
        ),
        Notice::LoggedIn => texts.format(lang, id, &[("name", user.unwrap_or_default().into())]),
        _ => texts.get(lang, id),
    }
}

/// The notice for cart lines dropped because their products left the catalog.
pub fn dropped_lines(count: usize, shop: &Shop, lang: Lang) -> Option<String> {
    (count > 0).then(|| {
        shop.texts
            .format(lang, "notice_dropped", &[("count", count.into())])
    })
}

/// Why the cart refused a change, for `product_name`.
pub fn cart_error(error: CartError, product_name: &str, shop: &Shop, lang: Lang) -> String {
    match error {
        CartError::LineFull { in_cart } => shop.texts.format(
            lang,
            "error_line_full",
            &[
                ("in_cart", in_cart.get().into()),
                ("product", product_name.into()),
            ],
        ),
        CartError::TooManyLines => {
            shop.texts
                .format(lang, "error_too_many_lines", &[("max", MAX_LINES.into())])
        }
    }
}

/// Which quantity form was refused: adding (1–99) or setting a line (0–99).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityForm {
    Add,
    Update,
}

/// Why a typed quantity was refused.
pub fn quantity_error(_: QuantityError, form: QuantityForm, shop: &Shop, lang: Lang) -> String {
    let id = match form {
        QuantityForm::Add => "error_add_quantity",
        QuantityForm::Update => "error_update_quantity",
    };
    shop.texts.get(lang, id).to_owned()
}

/// Why a typed quantity was refused, next to the quantity box of
/// `product_name`.
pub fn quantity_error_of(
    _: QuantityError,
    form: QuantityForm,
    product_name: &str,
    shop: &Shop,
    lang: Lang,
) -> String {
    let id = match form {
        QuantityForm::Add => "error_add_quantity_of",
        QuantityForm::Update => "error_update_quantity_of",
    };
    shop.texts
        .format(lang, id, &[("product", product_name.into())])
}

/// Why a sign-in was refused.
pub fn login_error(error: LoginError) -> &'static str {
    match error {
        LoginError::InvalidCredentials => "login_invalid",
        LoginError::Locked => "login_locked",
    }
}

/// The message id for one field of the shipping form.
pub fn field_error_id(error: FieldError) -> &'static str {
    use Field::*;
    use Problem::*;
    match (error.field, error.problem) {
        (_, ControlCharacters) => "field_control",
        (FullName, Empty) => "field_full_name_empty",
        (FullName, _) => "field_full_name_long",
        (Email, Empty) => "field_email_empty",
        (Email, TooLong) => "field_email_long",
        (Email, Shape) => "field_email_shape",
        (Address, Empty) => "field_address_empty",
        (Address, _) => "field_address_long",
        (City, Empty) => "field_city_empty",
        (City, _) => "field_city_long",
        (PostalCode, Empty) => "field_postal_code_empty",
        (PostalCode, TooLong) => "field_postal_code_long",
        (PostalCode, Shape) => "field_postal_code_shape",
    }
}

/// The label of a sort order in the grid's sort control.
pub fn sort_label(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Featured => "sort_featured",
        SortOrder::NameAsc => "sort_name_asc",
        SortOrder::NameDesc => "sort_name_desc",
        SortOrder::PriceAsc => "sort_price_asc",
        SortOrder::PriceDesc => "sort_price_desc",
    }
}
