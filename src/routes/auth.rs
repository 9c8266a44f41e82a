//! Signing in and out, the guard that says who is signed in, and the limits
//! that keep password checks from becoming a way to take the shop down.

use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};

use rocket::form::FromForm;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::tokio::sync::oneshot;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use crate::auth::{normalize_username, LoginError};
use crate::config::AppConfig;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::{AppError, Unavailable};
use crate::ledger::Ledger;
use crate::routes::local_path::{LocalPath, Next};
use crate::routes::{home, Reply};
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

/// A job for the password checkers.
type Check = Box<dyn FnOnce() + Send>;

/// The threads that check passwords: as many as there are cores, fed
/// through a short queue; when the queue is full a sign-in is answered 503
/// at once. Each check holds about 19 MiB; on its own long-lived thread the
/// memory is reused by the next check, where Tokio's blocking pool would
/// leave a copy behind in the allocator of every thread it ever used.
pub struct PasswordGate {
    queue: SyncSender<Check>,
}

impl PasswordGate {
    /// As many checkers as there are cores, and a queue of four per checker.
    pub fn for_this_machine() -> PasswordGate {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        PasswordGate::new(cores, cores * 4)
    }

    /// `checkers` threads, with at most `waiting` checks queued for them.
    /// The threads end when the gate is dropped.
    pub fn new(checkers: usize, waiting: usize) -> PasswordGate {
        let (queue, jobs) = sync_channel::<Check>(waiting);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..checkers.max(1) {
            let jobs = Arc::clone(&jobs);
            let spawned = std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || loop {
                    let next = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    match next {
                        Ok(check) => check(),
                        Err(_) => return, // the gate is gone
                    }
                });
            if let Err(error) = spawned {
                rocket::error!("cannot start a password checker: {error}");
            }
        }
        PasswordGate { queue }
    }

    /// Runs `check` on a checker thread; 503 when the queue is full.
    async fn run<T: Send + 'static>(
        &self,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (reply, answer) = oneshot::channel();
        let job: Check = Box::new(move || {
            let _ = reply.send(check());
        });
        self.queue
            .try_send(job)
            .map_err(|_| AppError::Unavailable {
                retry_after: 1,
                why: Unavailable::Busy,
            })?;
        answer
            .await
            .map_err(|_| AppError::Internal("a password check stopped".into()))
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
/// field that was left empty (if one was: the only field a refusal names).
fn login_page(
    session: &Session<'_>,
    shop: &Shop,
    username: &str,
    next: Option<&LocalPath>,
    error: Option<(String, Option<&str>)>,
) -> Template {
    let layout = Layout::new(session, shop);
    let username: String = username.chars().take(64).collect();
    let next = next.map_or("/", LocalPath::as_str);
    // NOTE: a wrong password, a locked account or too many failures name no
    // field: the message is said once, in the summary, and no field that
    // was right is marked invalid.
    let problems: Vec<FieldProblem> = error
        .iter()
        .filter_map(|(message, empty)| {
            let input = (*empty)?;
            let label = shop.texts.get(layout.lang, input);
            Some(FieldProblem::new(input, label, message.clone(), ""))
        })
        .collect();
    let error = error.map(|(message, _)| message);
    let demo_accounts = shop.accounts.usernames();
    Template::render(
        "auth/login",
        context! { layout, username, next, error, problems, demo_accounts },
    )
}

/// `GET /login?next=`: the sign-in form, with the demo accounts listed.
#[get("/login?<next>")]
pub fn show_login(next: Option<&str>, session: Session<'_>, shop: &State<Shop>) -> Template {
    let next = next.and_then(LocalPath::parse);
    login_page(&session, shop, "", next.as_ref(), None)
}

/// The client address failures are counted for (`ip_header` aware).
fn client_address(req: &Request<'_>) -> String {
    req.client_ip()
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// The client's address, as a request guard.
pub struct ClientAddress(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddress {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ClientAddress(client_address(req)))
    }
}

/// `POST /login`: signs in, keeping the cart, with a new session id and
/// CSRF token; then 303 to `next` when it is a local path, else `/`.
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
    let empty = if form.username.trim().is_empty() {
        Some("username")
    } else if form.password.is_empty() {
        Some("password")
    } else {
        None
    };
    if empty.is_some() {
        let error = shop.texts.get(lang, "login_missing").to_owned();
        let page = login_page(&session, shop, &form.username, next, Some((error, empty)));
        return Err(AppError::invalid(page));
    }
    let username = normalize_username(&form.username);
    let now = session.now();
    let failures = ledger.login_failures(&client.0, &username, now).await?;
    if failures.count >= config.login_max_failures {
        let minutes = failures.retry_after.div_ceil(60).max(1);
        let error = shop
            .texts
            .format(lang, "login_throttled", &[("minutes", minutes.into())]);
        let page = login_page(&session, shop, &form.username, next, Some((error, None)));
        return Err(AppError::TooManyAttempts {
            retry_after: u64::from(failures.retry_after.max(1)),
            page: Box::new(page),
        });
    }
    let accounts = shop.accounts.clone();
    let password = form.password.clone();
    let checked = username.clone();
    let outcome = gate
        .run(move || accounts.authenticate(&checked, &password).map(Arc::clone))
        .await?;
    match outcome {
        Ok(account) => {
            ledger
                .clear_login_failures(&client.0, &account.username)
                .await?;
            if let Some(ended) = session.log_in(&account) {
                ledger.revoke(ended.id, ended.until, now).await?;
            }
            session.notify(Notice::LoggedIn);
            Ok(Reply::Redirect(form.next.redirect_or(home())))
        }
        Err(error) => {
            if error == LoginError::InvalidCredentials {
                let window = config.login_failure_window;
                ledger
                    .record_login_failure(&client.0, &username, window, now)
                    .await?;
            }
            let message = shop
                .texts
                .get(lang, messages::login_error(error))
                .to_owned();
            let page = login_page(&session, shop, &form.username, next, Some((message, None)));
            Ok(Reply::Page(page))
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
