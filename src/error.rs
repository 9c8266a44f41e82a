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

/// The title and explanation shown for an error status.
pub fn describe(status: Status) -> (&'static str, &'static str) {
    match status.code {
        400 => (
            "Bad request",
            "That request could not be read. Go back and try again.",
        ),
        403 => (
            "Request refused",
            "This form has expired or was sent from another site. Go back, reload the page and try again.",
        ),
        404 => (
            "Page not found",
            "We could not find that page. Check the address, or head back to the shop.",
        ),
        405 => (
            "Method not allowed",
            "This address only accepts form submissions. Use the buttons on the page instead.",
        ),
        413 => (
            "Form too large",
            "That form was too large to send. Shorten what you typed and try again.",
        ),
        422 => (
            "Form not understood",
            "Some of what you sent could not be read. Go back, check the form and try again.",
        ),
        500..=599 => (
            "Something went wrong",
            "Something went wrong on our side. Please try again in a moment.",
        ),
        _ => (
            "Request not completed",
            "We could not complete that request. Go back and try again.",
        ),
    }
}
