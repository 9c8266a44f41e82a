//! Signing in and out, and the guards that say who is signed in.

use rocket::form::FromForm;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use crate::config::Shop;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::routes::page::{local_path, redirect_to, Layout, Reply};
use crate::session::{self, Flash, Session};

/// A signed-in account. Requests without one are forwarded (401), so a
/// lower-ranked route can send the visitor to the login page.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub username: String,
    pub display_name: String,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CurrentUser {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let account = req.rocket().state::<Shop>().and_then(|shop| {
            let username = session::current(req).user.as_deref()?;
            shop.accounts.find(username)
        });
        match account {
            Some(account) if !account.locked => Outcome::Success(CurrentUser {
                username: account.username.clone(),
                display_name: account.display_name.clone(),
            }),
            _ => Outcome::Forward(Status::Unauthorized),
        }
    }
}

/// `POST /login`.
#[derive(Debug, FromForm)]
pub struct LoginForm {
    #[field(default = String::new())]
    pub username: String,
    #[field(default = String::new())]
    pub password: String,
    pub next: Option<String>,
}

fn login_page(layout: Layout, username: &str, next: Option<&str>, error: Option<&str>) -> Template {
    let username: String = username.chars().take(64).collect();
    Template::render(
        "auth/login",
        context! {
            layout,
            username,
            next: next.and_then(local_path).unwrap_or("/"),
            error,
        },
    )
}

/// `GET /login?next=`: the sign-in form, with the demo accounts listed.
#[get("/login?<next>")]
pub fn show_login(next: Option<&str>, mut session: Session<'_>, shop: &State<Shop>) -> Template {
    let layout = Layout::for_page(&mut session, shop);
    login_page(layout, "", next, None)
}

/// `POST /login`: signs in, keeping the cart, with a new session id and
/// CSRF token; then 303 to `next` when it is a local path, else `/`.
#[post("/login", data = "<form>")]
pub async fn log_in(
    form: CsrfForm<LoginForm>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Reply, AppError> {
    let CsrfForm(form) = form;
    let next = form.next.as_deref();
    if form.username.trim().is_empty() || form.password.is_empty() {
        let layout = Layout::for_page(&mut session, shop);
        let error = shop.texts.get(layout.lang, "login_missing");
        let page = login_page(layout, &form.username, next, Some(&error));
        return Ok(Reply::Refused((Status::UnprocessableEntity, page)));
    }
    let accounts = shop.accounts.clone();
    let (username, password) = (form.username.clone(), form.password.clone());
    // NOTE: argon2 is deliberately slow; keep it off the async workers.
    let outcome = rocket::tokio::task::spawn_blocking(move || {
        accounts
            .authenticate(&username, &password)
            .map(|account| account.username.clone())
    })
    .await
    .map_err(|e| AppError::Internal(format!("password check failed: {e}")))?;
    match outcome {
        Ok(username) => {
            session.user = Some(username);
            session.renew();
            session.flash = Some(Flash::LoggedIn);
            session.save();
            Ok(Reply::Redirect(redirect_to(next, "/")))
        }
        Err(error) => {
            let layout = Layout::for_page(&mut session, shop);
            let error = shop.texts.get(layout.lang, error.message_key());
            let page = login_page(layout, &form.username, next, Some(&error));
            Ok(Reply::Page(page))
        }
    }
}

/// `POST /logout`: ends the whole session, user and cart.
#[post("/logout", data = "<_form>")]
pub fn log_out(_form: CsrfForm<TokenOnly>, mut session: Session<'_>) -> Redirect {
    session.end();
    session.flash = Some(Flash::LoggedOut);
    session.save();
    Redirect::to("/")
}

pub fn routes() -> Vec<Route> {
    routes![show_login, log_in, log_out]
}
