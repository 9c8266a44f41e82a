//! Choosing the shop's language.

use rocket::form::FromForm;
use rocket::{post, routes, Route};

use crate::csrf::CsrfForm;
use crate::i18n::Lang;
use crate::routes::page::{redirect_to, Reply};
use crate::session::{Flash, Session};
use rocket::http::Status;

/// `POST /lang`.
#[derive(Debug, FromForm)]
pub struct LanguageForm {
    #[field(default = String::new())]
    pub lang: String,
    /// The page to go back to (a local path); the home page by default.
    pub next: Option<String>,
}

/// `POST /lang`: stores `en` or `es` in the session and goes back.
#[post("/lang", data = "<form>")]
pub fn choose_language(
    form: CsrfForm<LanguageForm>,
    mut session: Session<'_>,
) -> Result<Reply, Status> {
    let CsrfForm(form) = form;
    let lang = Lang::from_code(form.lang.trim()).ok_or(Status::UnprocessableEntity)?;
    session.lang = Some(lang);
    session.flash = Some(Flash::LanguageChanged);
    session.save();
    Ok(Reply::Redirect(redirect_to(form.next.as_deref(), "/")))
}

pub fn routes() -> Vec<Route> {
    routes![choose_language]
}
