//! The app's one error type: every way a request can end early, each with
//! its HTTP status. `views/errors.rs` turns it into a response.

use rocket::http::Status;
use rocket_dyn_templates::Template;

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
        field: Option<String>,
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
    /// The database cannot be reached.
    Database,
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

impl From<crate::store::StoreError> for AppError {
    fn from(error: crate::store::StoreError) -> AppError {
        rocket::warn!("database unavailable: {error}");
        AppError::Unavailable {
            retry_after: 5,
            why: Unavailable::Database,
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
