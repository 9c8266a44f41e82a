//! The app's one error type: every way a request can end early, each with
//! its HTTP status, and the one place that turns it into a response.

use rocket::http::{Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket_dyn_templates::Template;

use crate::lang::Lang;
use crate::views::errors::ApiErrorBody;

/// What can end a request early. Pages of the HTML site are drawn in the
/// layout by the catchers (JSON under `/api/`); refusals that show a form
/// again carry their page.
#[derive(Debug)]
pub enum AppError {
    /// 403: the form's `csrf_token` is missing or wrong, or another site sent it.
    Forbidden,
    /// 404: no such product, order or page.
    NotFound,
    /// 413: the form is over the `form` limit.
    TooLarge,
    /// 415: a form sent as something else than a form.
    UnsupportedMediaType,
    /// 422: the body is not a readable form.
    Unreadable,
    /// 422: the page again, saying what is wrong with the form.
    Invalid(Box<Template>),
    /// 404 or 422 from the JSON API: the message says what is wrong and how
    /// to fix it, and `field` names the body's field it is about.
    Refused {
        status: Status,
        message: String,
        field: Option<&'static str>,
    },
    /// 429: too many failed sign-ins; the login page again, with `Retry-After`.
    TooManyAttempts {
        retry_after: u64,
        page: Box<Template>,
    },
    /// 503: the server cannot do this now; with `Retry-After` and a message.
    Unavailable { retry_after: u64, why: Unavailable },
    /// 500: a fault on our side; logged, never shown.
    Internal(String),
}

/// Why something is unavailable for a moment (503).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// Too many sign-ins are being checked at once.
    Busy,
    /// The ledger (Redis) cannot be reached.
    Ledger,
}

impl AppError {
    /// 422 with `page`: the form again, saying what is wrong.
    pub fn invalid(page: Template) -> AppError {
        AppError::Invalid(Box::new(page))
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> Status {
        match self {
            AppError::Forbidden => Status::Forbidden,
            AppError::NotFound => Status::NotFound,
            AppError::TooLarge => Status::PayloadTooLarge,
            AppError::UnsupportedMediaType => Status::UnsupportedMediaType,
            AppError::Unreadable | AppError::Invalid(_) => Status::UnprocessableEntity,
            AppError::Refused { status, .. } => *status,
            AppError::TooManyAttempts { .. } => Status::TooManyRequests,
            AppError::Unavailable { .. } => Status::ServiceUnavailable,
            AppError::Internal(_) => Status::InternalServerError,
        }
    }
}

impl From<crate::auth::gate::GateError> for AppError {
    fn from(error: crate::auth::gate::GateError) -> AppError {
        match error {
            crate::auth::gate::GateError::Busy => AppError::Unavailable {
                retry_after: 1,
                why: Unavailable::Busy,
            },
            crate::auth::gate::GateError::Stopped => AppError::Internal(error.to_string()),
        }
    }
}

impl From<crate::ledger::LedgerError> for AppError {
    fn from(error: crate::ledger::LedgerError) -> AppError {
        rocket::warn!("ledger unavailable: {error:?}");
        AppError::Unavailable {
            retry_after: 5,
            why: Unavailable::Ledger,
        }
    }
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

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        match self {
            AppError::Invalid(page) => (status, *page).respond_to(req),
            AppError::Refused { message, field, .. } => {
                let lang = crate::session::language(req);
                let texts = req.rocket().state::<crate::shop::Shop>().map(|s| &s.texts);
                let body = ApiErrorBody::new(status, Some(message), field, lang, texts);
                ApiRefusal::new(body, lang).respond_to(req)
            }
            AppError::TooManyAttempts { retry_after, page } => {
                with_retry_after((status, *page).respond_to(req), retry_after)
            }
            AppError::Unavailable { retry_after, why } => {
                let message = match why {
                    Unavailable::Busy => "error_503_busy",
                    Unavailable::Ledger => "error_503_ledger",
                };
                let page = crate::views::errors::error_page_for(status, Some(message), req);
                with_retry_after((status, page).respond_to(req), retry_after)
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
