//! Signing in and out, the guard that says who is signed in, and the limits
//! that keep password checks from becoming a way to take the shop down.

use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::form::FromForm;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use crate::auth::gate::{Lane, PasswordGate};
use crate::auth::{normalize_username, MAX_TYPED_USERNAME_CHARS};
use crate::config::AppConfig;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::ledger::{Attempt, Ledger};
use crate::routes::local_path::{LocalPath, Next};
use crate::routes::{home, Reply};
use crate::session::ClientAddress;
use crate::session::{self, Notice, Session};
use crate::shop::Shop;
use crate::views::forms::FieldProblem;
use crate::views::{messages, Layout};

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
        match session::account(req) {
            Some(account) if !account.persona.is_locked() => Outcome::Success(CurrentUser {
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
    pub next: Next,
}

/// The login form, with the reason it was refused (if it was) and the
/// field that was refused (if one was: left empty, or a username too long).
fn login_page(
    session: &Session<'_>,
    shop: &Shop,
    username: &str,
    next: Option<&LocalPath>,
    error: Option<(String, Option<&str>)>,
) -> Template {
    let layout = Layout::new(session, shop);
    let username: String = username.chars().take(MAX_TYPED_USERNAME_CHARS).collect();
    let next = next.map_or("/", LocalPath::as_str);
    // NOTE: every message is said once. A wrong password, a locked account
    // or too many failures name no field: the summary says it, and no field
    // that was right is marked invalid. A refused field says it at the
    // field, and the summary only links to it.
    let (error, problems) = match error {
        Some((message, Some(input))) => {
            let label = shop.texts.get(layout.lang, input);
            (None, vec![FieldProblem::new(input, label, message, "")])
        }
        Some((message, None)) => (Some(message), Vec::new()),
        None => (None, Vec::new()),
    };
    let refused = error.is_some() || !problems.is_empty();
    let demo_accounts = shop.accounts.usernames();
    Template::render(
        "auth/login",
        context! { layout, username, next, refused, error, problems, demo_accounts },
    )
}

/// `GET /login?next=`: the sign-in form, with the demo accounts listed.
#[get("/login?<next>")]
pub fn show_login(next: Option<&str>, session: Session<'_>, shop: &State<Shop>) -> Template {
    let next = next.and_then(LocalPath::parse);
    login_page(&session, shop, "", next.as_ref(), None)
}

/// `POST /login`: signs in, keeping the cart, with a new session id and
/// CSRF token; then 303 to `next` when it is a local path, else `/`.
///
/// The attempt takes the client's place at the password gate, then is
/// counted as a failure in the ledger *before* the password is checked, so
/// parallel guesses never pass `login_max_failures`; a good password clears
/// the count.
#[post("/login", data = "<form>")]
#[allow(clippy::too_many_arguments)]
pub async fn log_in(
    form: CsrfForm<LoginForm>,
    mut session: Session<'_>,
    client: ClientAddress,
    shop: &State<Shop>,
    config: &State<AppConfig>,
    ledger: &State<Ledger>,
    gate: &State<PasswordGate>,
) -> Result<Reply, AppError> {
    let CsrfForm(form) = form;
    let next = form.next.0.as_ref();
    let lang = session.lang();
    let page = |session: &Session<'_>, message: String, field: Option<&str>| {
        login_page(session, shop, &form.username, next, Some((message, field)))
    };
    let empty = if form.username.trim().is_empty() {
        Some("username")
    } else if form.password.is_empty() {
        Some("password")
    } else {
        None
    };
    if empty.is_some() {
        let error = shop.texts.get(lang, "login_missing").to_owned();
        return Err(AppError::invalid(page(&session, error, empty)));
    }
    if form.username.trim().chars().count() > MAX_TYPED_USERNAME_CHARS {
        let error = shop.texts.get(lang, "login_username_too_long").to_owned();
        return Err(AppError::invalid(page(&session, error, Some("username"))));
    }
    let username = normalize_username(&form.username);
    let now = session.now();
    let lane = match shop.accounts.find(&username) {
        Some(account) => Lane::Account(account.username.clone()),
        None => Lane::Unknown,
    };
    let permit = gate.admit(client.as_str(), lane)?;
    let attempt = ledger
        .reserve_login_attempt(
            client.as_str(),
            &username,
            config.login_max_failures,
            config.login_failure_window,
            now,
        )
        .await?;
    if let Attempt::Refused { retry_after } = attempt {
        let minutes = retry_after.div_ceil(60).max(1);
        let error = shop
            .texts
            .format(lang, "login_throttled", &[("minutes", minutes.into())]);
        return Err(AppError::TooManyAttempts {
            retry_after: u64::from(retry_after.max(1)),
            page: Box::new(page(&session, error, None)),
        });
    }
    let accounts = shop.accounts.clone();
    let password = form.password.clone();
    let checked = username.clone();
    let outcome = gate
        .run(permit, move || {
            accounts.authenticate(&checked, &password).map(Arc::clone)
        })
        .await?;
    match outcome {
        Ok(account) => {
            ledger
                .clear_login_failures(client.as_str(), &account.username)
                .await?;
            let ended = session.log_in(&account);
            ledger
                .revoke(ended.id, ended.until, now, client.as_str())
                .await?;
            session.notify(Notice::LoggedIn);
            Ok(Reply::Redirect(form.next.redirect_or(home())))
        }
        Err(error) => {
            let message = shop
                .texts
                .get(lang, messages::login_error(error))
                .to_owned();
            Ok(Reply::Page(page(&session, message, None)))
        }
    }
}

/// `POST /logout`: ends the whole session, user and cart, here and for every
/// copy of its cookie.
#[post("/logout", data = "<_form>")]
pub async fn log_out(
    _form: CsrfForm<TokenOnly>,
    mut session: Session<'_>,
    ledger: &State<Ledger>,
) -> Result<Redirect, AppError> {
    session.end_everywhere(ledger).await?;
    session.notify(Notice::LoggedOut);
    Ok(Redirect::to(home()))
}

pub fn routes() -> Vec<Route> {
    routes![show_login, log_in, log_out]
}

/// Manages the [`PasswordGate`] the sign-ins share.
pub fn stage() -> AdHoc {
    AdHoc::on_ignite("Password checks", |rocket| async {
        rocket.manage(PasswordGate::for_this_machine())
    })
}
