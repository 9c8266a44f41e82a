//! The app's one error type and the words shown for each error status.

use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};

/// What can end a request early. The catchers turn the status into a page in
/// the layout (or JSON under `/api/`).
#[derive(Debug)]
pub enum AppError {
    /// 404: no such product, order or page.
    NotFound,
    /// 500: a fault on our side; logged, never shown.
    Internal(String),
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        match self {
            AppError::NotFound => Err(Status::NotFound),
            AppError::Internal(detail) => {
                rocket::error!("internal error: {detail}");
                Err(Status::InternalServerError)
            }
        }
    }
}

/// The keys of the title and explanation shown for an error status.
pub fn describe(status: Status) -> (&'static str, &'static str) {
    match status.code {
        400 => ("error_400_title", "error_400"),
        403 => ("error_403_title", "error_403"),
        404 => ("error_404_title", "error_404"),
        405 => ("error_405_title", "error_405"),
        413 => ("error_413_title", "error_413"),
        422 => ("error_422_title", "error_422"),
        500..=599 => ("error_500_title", "error_500"),
        _ => ("error_other_title", "error_other"),
    }
}
