//! Error pages: every error status as a page in the layout, in the
//! visitor's language, with the status's own explanation or a given message.
//! Building one never changes the session.

use rocket::http::{Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket_dyn_templates::{context, Template};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Account;
use crate::error::{AppError, Unavailable};
use crate::i18n::Texts;
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
        415 => ("error_415_title", "error_415"),
        422 => ("error_422_title", "error_422"),
        429 => ("error_429_title", "error_429"),
        500..=599 => ("error_500_title", "error_500"),
        _ => ("error_other_title", "error_other"),
    }
}

/// The ids of the title and message of an error status of the JSON API.
pub fn describe_api(status: Status) -> (&'static str, &'static str) {
    match status.code {
        403 => ("api_403_title", "api_403"),
        404 => ("api_404_title", "api_404"),
        405 => ("api_405_title", "api_405"),
        413 => ("api_413_title", "api_413"),
        415 => ("api_415_title", "api_415"),
        422 => ("api_422_title", "api_422"),
        _ => describe(status),
    }
}

/// Every refusal of the JSON API: `{"error": {"status", "title", "message"}}`,
/// plus `field` when the message is about one field of the body.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiErrorBody {
    pub error: ApiError,
}

/// What went wrong, in the session's language.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiError {
    /// The HTTP status, repeated.
    pub status: u16,
    /// The status in words.
    pub title: String,
    /// What went wrong and how to fix it.
    pub message: String,
    /// The field of the body the message is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub field: Option<String>,
}

impl ApiErrorBody {
    /// The body for `status` in `lang`: its own title, and `message` or the
    /// status's own message (`texts` absent: the message ids, for a shop
    /// that failed to launch).
    pub fn new(
        status: Status,
        message: Option<String>,
        field: Option<String>,
        lang: Lang,
        texts: Option<&Texts>,
    ) -> ApiErrorBody {
        let (title_id, message_id) = describe_api(status);
        let text = |id: &str| texts.map_or_else(|| id.to_owned(), |texts| texts.get(lang, id));
        ApiErrorBody {
            error: ApiError {
                status: status.code,
                title: text(title_id),
                message: message.unwrap_or_else(|| text(message_id)),
                field,
            },
        }
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

fn with_retry_after(
    response: response::Result<'static>,
    retry_after: u64,
) -> response::Result<'static> {
    response.map(|mut response| {
        response.set_header(Header::new("Retry-After", retry_after.to_string()));
        response
    })
}

/// The JSON refusal of a request under `/api/`, in its session's language,
/// with the message `word` gives in that language.
fn refuse_in_json(
    req: &Request<'_>,
    status: Status,
    field: Option<String>,
    word: impl FnOnce(Lang, Option<&Texts>) -> String,
) -> response::Result<'static> {
    let lang = session::language(req);
    let texts = req.rocket().state::<Shop>().map(|s| &s.texts);
    let body = ApiErrorBody::new(status, Some(word(lang, texts)), field, lang, texts);
    ApiRefusal::new(body, lang).respond_to(req)
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        match self {
            AppError::Invalid(page) => (status, *page).respond_to(req),
            AppError::Refused { message, field, .. } => {
                refuse_in_json(req, status, field, |_, _| message)
            }
            AppError::TooManyAttempts { retry_after, page } => {
                with_retry_after((status, *page).respond_to(req), retry_after)
            }
            AppError::Unavailable { retry_after, why } => {
                let message = match why {
                    Unavailable::Busy => "error_503_busy",
                    Unavailable::Ledger => "error_503_ledger",
                    Unavailable::Database => "error_503_database",
                };
                let response = if req.uri().path().starts_with("/api/") {
                    refuse_in_json(req, status, None, |lang, texts| {
                        texts.map_or_else(|| message.to_owned(), |t| t.get(lang, message))
                    })
                } else {
                    (status, error_page_for(status, Some(message), req)).respond_to(req)
                };
                with_retry_after(response, retry_after)
            }
            AppError::Internal(detail) => {
                rocket::error!("internal error: {detail}");
                Err(status)
            }
            AppError::Forbidden
            | AppError::NotFound
            | AppError::TooLarge
            | AppError::UnsupportedMediaType
            | AppError::Unreadable => Err(status),
        }
    }
}

/// The JSON API's answer to a request it refuses: the [`ApiErrorBody`],
/// `Content-Language`, and `Allow` after a method the address does not take.
pub struct ApiRefusal {
    pub body: ApiErrorBody,
    pub lang: Lang,
    pub allow: Option<String>,
}

impl ApiRefusal {
    /// The answer carrying `body`, in `lang`.
    pub fn new(body: ApiErrorBody, lang: Lang) -> ApiRefusal {
        ApiRefusal {
            body,
            lang,
            allow: None,
        }
    }
}

impl<'r> Responder<'r, 'static> for ApiRefusal {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        // NOTE: the body was made from a status, so its code is one.
        let status =
            Status::from_code(self.body.error.status).unwrap_or(Status::InternalServerError);
        let mut res = (status, Json(self.body)).respond_to(req)?;
        res.set_header(Header::new("Content-Language", self.lang.code()));
        if let Some(allow) = self.allow {
            res.set_header(Header::new("Allow", allow));
        }
        Ok(res)
    }
}
