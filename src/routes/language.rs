//! Choosing the shop's language.

use rocket::form::FromForm;
use rocket::response::Redirect;
use rocket::{post, routes, Route};

use crate::csrf::CsrfForm;
use crate::error::AppError;
use crate::lang::Lang;
use crate::routes::home;
use crate::routes::local_path::Next;
use crate::session::{Notice, Session};

/// `POST /lang`.
#[derive(Debug, FromForm)]
pub struct LanguageForm {
    #[field(default = String::new())]
    pub lang: String,
    /// The page to go back to (a local path); the home page by default.
    pub next: Next,
}

/// `POST /lang`: stores `en` or `es` in the session and goes back.
#[post("/lang", data = "<form>")]
pub fn choose_language(
    form: CsrfForm<LanguageForm>,
    mut session: Session<'_>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    let lang = Lang::from_code(form.lang.trim()).ok_or(AppError::Unreadable)?;
    session.choose_language(lang);
    session.notify(Notice::LanguageChanged);
    Ok(form.next.redirect_or(home()))
}

pub fn routes() -> Vec<Route> {
    routes![choose_language]
}
