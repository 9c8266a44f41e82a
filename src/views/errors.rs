//! Error pages: every error status as a page in the layout, in the
//! visitor's language, with the status's own explanation or a given message.
//! Building one never changes the session.

use rocket::http::Status;
use rocket::request::Request;
use rocket_dyn_templates::{context, Template};

use crate::auth::Account;
use crate::lang::Lang;
use crate::session::{self, SessionData};
use crate::shop::Shop;
use crate::views::Layout;

/// The ids of the title and explanation shown for an error status.
pub fn describe(status: Status) -> (&'static str, &'static str) {
    match status.code {
        400 => ("error_400_title", "error_400"),
        403 => ("error_403_title", "error_403"),
        404 => ("error_404_title", "error_404"),
        405 => ("error_405_title", "error_405"),
        413 => ("error_413_title", "error_413"),
        422 => ("error_422_title", "error_422"),
        429 => ("error_429_title", "error_429"),
        500..=599 => ("error_500_title", "error_500"),
        _ => ("error_other_title", "error_other"),
    }
}

/// The error page for `status` in the layout of `data` (signed in as
/// `account`), with the status's own explanation or the message `message_id`.
pub fn error_page(
    status: Status,
    message_id: Option<&str>,
    (data, account): (&SessionData, Option<&Account>),
    shop: &Shop,
    lang: Lang,
) -> Template {
    let (title_id, default_message) = describe(status);
    let layout = Layout::for_data(data, account, shop, lang);
    let title = shop.texts.get(lang, title_id);
    let message = shop.texts.get(lang, message_id.unwrap_or(default_message));
    Template::render(
        "errors/error",
        context! { layout, status: status.code, title, message },
    )
}

/// The error page for `status` answering `req`: in its session's layout
/// and language. `None` only before the shop is loaded.
pub fn error_page_for(
    status: Status,
    message_id: Option<&str>,
    req: &Request<'_>,
) -> Option<Template> {
    let shop = req.rocket().state::<Shop>()?;
    let lang = session::language(req);
    Some(error_page(
        status,
        message_id,
        (session::current(req), session::account(req)),
        shop,
        lang,
    ))
}
