//! A shopper driving the app through Rocket's local client, with methods
//! named after what they do.

use rocket::figment::Figment;
use rocket::http::{ContentType, Cookie, Header, Status};
use std::cell::RefCell;
use std::io::Read;
use std::sync::{Arc, Mutex};

use rocket::local::asynchronous;
use rocket::local::blocking::{Client, LocalRequest, LocalResponse};
use scraper::{ElementRef, Html, Selector};
use session_shop::clock::Clock;

/// The key every test instance shares (as instances behind a load balancer would).
pub const SECRET: &str = "Jd6PV5mJz6yq0b1bGUV8C3t0H5oR0P1C0Yd3rX2qg9k=";
/// Another valid key: "another site", or the key before a rotation.
pub const OTHER_SECRET: &str = "q1b9V0mN3c5ZtX8wR2yK7uJ4hG6fD0sA1lP9oI8uY7E=";

/// The demo password of every account.
pub const PASSWORD: &str = "rocket-demo";

/// The configuration tests run with: the shipped files, a fixed key, a
/// database of its own in memory, quiet.
pub fn figment() -> Figment {
    rocket::Config::figment()
        .merge(("secret_key", SECRET))
        .merge(("database_url", "sqlite::memory:"))
        .merge(("log_level", "off"))
}

/// Runs `test` on four worker threads, so requests spawned onto it are
/// handled at the same time, not one after another.
pub fn on_threads<F: std::future::Future>(test: F) -> F::Output {
    rocket::tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("a test runtime")
        .block_on(test)
}

/// A clock for an instance, starting now; instances sharing one agree on the time.
pub fn clock_now() -> Clock {
    Clock::manual(time::OffsetDateTime::now_utc().unix_timestamp())
}

/// A loopback port nothing listens on at the moment.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("the system gives out a free loopback port")
}

/// One browser on one app instance. It keeps the `session` cookie itself,
/// as a browser would, so tests can read and replace it.
pub struct Shopper {
    pub client: std::rc::Rc<Client>,
    pub clock: Clock,
    /// The address the browser's requests come from, when a test names one.
    address: Option<std::net::SocketAddr>,
    session: RefCell<Option<String>>,
    /// The `session=…` pair exactly as the last `Set-Cookie` sent it.
    session_as_sent: RefCell<Option<String>>,
    accept_language: Option<&'static str>,
}

impl Shopper {
    /// A new visitor on a new instance with the default settings.
    pub fn new() -> Shopper {
        Shopper::with(figment())
    }

    /// A new visitor on an instance built from `figment`.
    pub fn with(figment: Figment) -> Shopper {
        let clock = Clock::manual(time::OffsetDateTime::now_utc().unix_timestamp());
        Shopper::on(figment, clock)
    }

    /// A new visitor on an instance with the given clock.
    pub fn on(figment: Figment, clock: Clock) -> Shopper {
        let rocket = session_shop::rocket_with(figment, clock.clone());
        let client = Client::untracked(rocket).expect("the app launches");
        Shopper {
            client: std::rc::Rc::new(client),
            clock,
            address: None,
            session: RefCell::new(None),
            session_as_sent: RefCell::new(None),
            accept_language: None,
        }
    }

    /// Another browser, with no cookie yet, on the same instance.
    #[allow(dead_code)] // for the strangers' tests of tests/system
    pub fn another_visitor(&self) -> Shopper {
        Shopper {
            client: std::rc::Rc::clone(&self.client),
            clock: self.clock.clone(),
            address: None,
            session: RefCell::new(None),
            session_as_sent: RefCell::new(None),
            accept_language: None,
        }
    }

    /// This browser's requests come from the client address `address`.
    #[allow(dead_code)] // for the strangers' tests of tests/system
    pub fn connecting_from(mut self, address: &str) -> Shopper {
        self.address = Some(remote(address));
        self
    }

    /// This visitor's browser asks for `languages` (`Accept-Language`).
    pub fn speaking(mut self, languages: &'static str) -> Shopper {
        self.accept_language = Some(languages);
        self
    }

    /// Sends `request` with the browser's cookie and keeps the cookie the
    /// response sets (or drops it when the response removes it).
    pub fn send<'c>(&self, request: LocalRequest<'c>) -> LocalResponse<'c> {
        let request = match self.session.borrow().as_deref() {
            Some(value) => request.cookie(Cookie::new("session", value.to_owned())),
            None => request,
        };
        let request = match self.accept_language {
            Some(languages) => request.header(Header::new("Accept-Language", languages)),
            None => request,
        };
        let request = match self.address {
            Some(address) => request.remote(address),
            None => request,
        };
        let response = request.dispatch();
        if let Some(cookie) = response.cookies().get("session") {
            let removed =
                cookie.value().is_empty() || cookie.max_age().is_some_and(|age| age.is_zero());
            *self.session.borrow_mut() = (!removed).then(|| cookie.value().to_owned());
            let sent = response
                .headers()
                .get("Set-Cookie")
                .find(|header| header.starts_with("session="))
                .and_then(|header| header.split(';').next())
                .map(str::to_owned);
            *self.session_as_sent.borrow_mut() = sent.filter(|_| !removed);
        }
        response
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> LocalResponse<'_> {
        self.send(self.client.get(path.to_owned()))
    }

    /// `GET path`, answering the status and the body.
    pub fn visit(&self, path: &str) -> (Status, String) {
        let response = self.get(path);
        let status = response.status();
        (status, body(response))
    }

    /// The CSRF token the pages of this browser's session carry. Read from
    /// the session itself (tests know the key), so fetching it changes
    /// nothing, not even a pending message; a new visitor opens the home
    /// page first, as a browser would before sending a form.
    pub fn csrf_token(&self) -> String {
        if self.session_cookie().is_none() {
            self.get("/");
        }
        let sealed = self.session_cookie().unwrap_or_default();
        let opened = [SECRET, OTHER_SECRET].iter().find_map(|key| {
            let key = session_shop::session::cookie::parse_key(key).ok()?;
            let value = session_shop::session::cookie::open_with(&key, &sealed)?;
            session_shop::session::cookie::decode(&value).ok()
        });
        match opened {
            Some(data) => data.csrf_token.as_str().to_owned(),
            None => {
                let (_, html) = self.visit("/session");
                form_token(&html).expect("pages carry a token")
            }
        }
    }

    /// Posts a form with this session's CSRF token added.
    pub fn submit(&self, path: &str, fields: &[(&str, &str)]) -> LocalResponse<'_> {
        let token = self.csrf_token();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        all.extend_from_slice(fields);
        self.post_raw(path, &encode_form(&all))
    }

    /// Posts a raw form body as is.
    pub fn post_raw(&self, path: &str, body: &str) -> LocalResponse<'_> {
        self.send(
            self.client
                .post(path.to_owned())
                .header(ContentType::Form)
                .body(body),
        )
    }

    /// Posts a form with extra headers (e.g. `Origin`).
    pub fn submit_with_header(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        header: Header<'static>,
    ) -> LocalResponse<'_> {
        let token = self.csrf_token();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        all.extend_from_slice(fields);
        self.send(
            self.client
                .post(path.to_owned())
                .header(ContentType::Form)
                .header(header)
                .body(encode_form(&all)),
        )
    }

    /// Adds `quantity` of product `id` with the product page's form.
    pub fn add_to_cart(&self, id: u32, quantity: &str) -> LocalResponse<'_> {
        let id = id.to_string();
        self.submit("/cart/add", &[("product_id", &id), ("quantity", quantity)])
    }

    /// Sets a cart line with the cart page's form.
    pub fn update_line(&self, id: u32, quantity: &str) -> LocalResponse<'_> {
        let id = id.to_string();
        self.submit(
            "/cart/update",
            &[("product_id", &id), ("quantity", quantity)],
        )
    }

    /// Signs in with the demo password.
    pub fn log_in_as(&self, username: &str) -> LocalResponse<'_> {
        self.submit("/login", &[("username", username), ("password", PASSWORD)])
    }

    /// Signs out.
    pub fn log_out(&self) -> LocalResponse<'_> {
        self.submit("/logout", &[])
    }

    /// Gives good shipping details (checkout step 1).
    pub fn give_shipping_details(&self) -> LocalResponse<'_> {
        self.submit("/checkout", GOOD_SHIPPING)
    }

    /// Presses Place order on the review (checkout step 2).
    pub fn place_order(&self) -> LocalResponse<'_> {
        self.submit("/checkout/place", &[])
    }

    /// Gives good shipping details and places the order.
    pub fn check_out(&self) -> LocalResponse<'_> {
        let details = self.give_shipping_details();
        assert_eq!(details.status(), Status::SeeOther, "details accepted");
        drop(details);
        self.place_order()
    }

    /// The cart as the JSON API reports it.
    pub fn cart(&self) -> serde_json::Value {
        let body = self.get("/api/cart").into_string().unwrap_or_default();
        serde_json::from_str(&body).expect("the cart API answers JSON")
    }

    /// What `/test/session/check` says.
    pub fn tutorial_check(&self) -> (Status, String) {
        self.visit("/test/session/check")
    }

    /// The value of the `session` cookie this browser holds.
    pub fn session_cookie(&self) -> Option<String> {
        self.session.borrow().clone()
    }

    /// Replaces the `session` cookie this browser holds.
    pub fn set_session_cookie(&self, value: &str) {
        *self.session.borrow_mut() = Some(value.to_owned());
    }

    /// The size of the `session=…` pair the browser stores, counted from
    /// the bytes of the `Set-Cookie` header (percent-encoding included).
    pub fn session_cookie_size(&self) -> usize {
        self.session_as_sent
            .borrow()
            .as_ref()
            .map_or(0, String::len)
    }
}

/// Good shipping details.
pub const GOOD_SHIPPING: &[(&str, &str)] = &[
    ("full_name", "Ada Lovelace"),
    ("email", "ada@example.com"),
    ("address", "12 Analytical Row"),
    ("city", "London"),
    ("postal_code", "NW1 6XE"),
];

/// `value` with its middle character changed (`A`, or `B` where it was `A`):
/// a cookie edited by hand.
pub fn changed_in_the_middle(value: &str) -> String {
    let middle = value.len() / 2;
    let other = if &value[middle..=middle] == "A" {
        "B"
    } else {
        "A"
    };
    format!("{}{other}{}", &value[..middle], &value[middle + 1..])
}

/// `application/x-www-form-urlencoded` for `fields`.
pub fn encode_form(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// The CSRF token a page's forms carry.
pub fn form_token(html: &str) -> Option<String> {
    let page = Html::parse_document(html);
    let token = Selector::parse("input[name=csrf_token]").expect("a valid selector");
    let value = page.select(&token).next()?.attr("value")?;
    Some(value.to_owned())
}

/// The action and the fields (name, value) of the form that holds the
/// button `#button` in `html`.
pub fn form_of(html: &str, button: &str) -> (String, Vec<(String, String)>) {
    let page = Html::parse_document(html);
    let forms = Selector::parse("form").expect("a valid selector");
    let pressed = Selector::parse(&format!("button#{button}")).expect("a valid selector");
    let inputs = Selector::parse("input[name]").expect("a valid selector");
    let form = page
        .select(&forms)
        .find(|form| form.select(&pressed).next().is_some())
        .unwrap_or_else(|| panic!("no form holds the button #{button}"));
    let action = form.attr("action").expect("the form's action").to_owned();
    let fields = form
        .select(&inputs)
        .map(|input| {
            let name = input.attr("name").unwrap_or_default().to_owned();
            (name, input.attr("value").unwrap_or_default().to_owned())
        })
        .collect();
    (action, fields)
}

/// The first element matching `selector` in `html`.
pub fn select<'h>(html: &'h Html, selector: &str) -> ElementRef<'h> {
    let parsed = Selector::parse(selector).expect("a valid selector");
    html.select(&parsed)
        .next()
        .unwrap_or_else(|| panic!("no {selector} in {}", html.html()))
}

/// An element's text as shown, its tags dropped and ASCII white space
/// folded (a no-break space, as in money, is kept).
pub fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text inside the element with `data-testid="testid"`, white space
/// folded; `None` when the page has no such element.
pub fn testid_text(html: &str, testid: &str) -> Option<String> {
    let page = Html::parse_document(html);
    let selector = Selector::parse(&format!("[data-testid=\"{testid}\"]")).ok()?;
    page.select(&selector).next().map(text_of)
}

/// A response's body as text.
pub fn body(response: LocalResponse<'_>) -> String {
    response.into_string().unwrap_or_default()
}

/// The `Location` of a redirect.
pub fn location(response: &LocalResponse<'_>) -> String {
    response
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_owned()
}

impl Shopper {
    /// Tries to sign in with `password`.
    pub fn log_in_with(&self, username: &str, password: &str) -> LocalResponse<'_> {
        self.submit("/login", &[("username", username), ("password", password)])
    }

    /// Tries to sign in from the client address `address` (the connection's
    /// own address, the only one trusted with the default settings).
    pub fn log_in_from(&self, address: &str, username: &str, password: &str) -> LocalResponse<'_> {
        let token = self.csrf_token();
        let fields = [
            ("csrf_token", token.as_str()),
            ("username", username),
            ("password", password),
        ];
        self.send(
            self.client
                .post("/login")
                .header(ContentType::Form)
                .remote(remote(address))
                .body(encode_form(&fields)),
        )
    }

    /// Presses the button `#button` of the page `html`, as a browser
    /// would: posts the fields of the button's own form to its action.
    pub fn press(&self, html: &str, button: &str) -> LocalResponse<'_> {
        let (action, fields) = form_of(html, button);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        self.post_raw(&action, &encode_form(&fields))
    }

    /// Presses "Reset the session" in the inspector.
    pub fn reset_session(&self) -> LocalResponse<'_> {
        self.submit("/session/reset", &[])
    }

    /// The name the header shows as signed in, if anybody is.
    pub fn signed_in_as(&self) -> Option<String> {
        testid_text(&self.visit("/").1, "current-user")
    }
}

/// An app instance driven by Rocket's asynchronous local client. It is
/// cheap to clone, so many requests can be in flight at once, each sent
/// with the cookie it is given (a browser's, or a copy of it).
#[derive(Clone)]
pub struct Instance {
    client: Arc<asynchronous::Client>,
}

/// What one response said, read in full.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: Status,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    /// The `session` cookie the response set; `Some("")` when it removed it.
    pub session: Option<String>,
    pub body: String,
}

impl Instance {
    /// Launches an instance built from `figment`, on `clock`.
    pub async fn launch(figment: Figment, clock: Clock) -> Instance {
        let rocket = session_shop::rocket_with(figment, clock);
        let client = asynchronous::Client::untracked(rocket)
            .await
            .expect("the app launches");
        Instance {
            client: Arc::new(client),
        }
    }

    /// A new visitor on this instance.
    pub fn visitor(&self) -> AsyncShopper {
        AsyncShopper {
            instance: self.clone(),
            session: Mutex::new(None),
        }
    }

    /// `GET path` with `cookie` as the `session` cookie.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let request = self.client.get(path.to_owned());
        answer(with_session(request, cookie).dispatch().await).await
    }

    /// Posts `fields` as a form to `path` with `cookie` as the `session` cookie.
    pub async fn post_form(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Answer {
        let request = self
            .client
            .post(path.to_owned())
            .header(ContentType::Form)
            .body(encode_form(fields));
        answer(with_session(request, cookie).dispatch().await).await
    }

    /// Presses Place order with a copy of a cookie and the token its pages carry.
    pub async fn place_order_with(&self, cookie: &str, csrf_token: &str) -> Answer {
        let fields = [("csrf_token", csrf_token)];
        self.post_form("/checkout/place", Some(cookie), &fields)
            .await
    }

    /// Tries to sign in with a copy of a cookie and the token its pages carry.
    pub async fn log_in_with(
        &self,
        cookie: &str,
        csrf_token: &str,
        username: &str,
        password: &str,
    ) -> Answer {
        self.sign_in(None, cookie, &[csrf_token, username, password])
            .await
    }

    /// [`Instance::log_in_with`], from the client address `address`.
    pub async fn log_in_from(
        &self,
        address: &str,
        cookie: &str,
        csrf_token: &str,
        username: &str,
        password: &str,
    ) -> Answer {
        self.sign_in(Some(address), cookie, &[csrf_token, username, password])
            .await
    }

    /// Posts the login form (token, username, password) with `cookie`,
    /// from `address` when given.
    async fn sign_in(&self, address: Option<&str>, cookie: &str, values: &[&str; 3]) -> Answer {
        let fields = [
            ("csrf_token", values[0]),
            ("username", values[1]),
            ("password", values[2]),
        ];
        let mut request = self
            .client
            .post("/login")
            .header(ContentType::Form)
            .body(encode_form(&fields));
        if let Some(address) = address {
            request = request.remote(remote(address));
        }
        answer(with_session(request, Some(cookie)).dispatch().await).await
    }
}

/// A connection from `address` (an IPv4 or IPv6 address).
pub fn remote(address: &str) -> std::net::SocketAddr {
    let ip: std::net::IpAddr = address.parse().expect("a valid client address");
    std::net::SocketAddr::new(ip, 40_000)
}

fn with_session<'c>(
    request: asynchronous::LocalRequest<'c>,
    cookie: Option<&str>,
) -> asynchronous::LocalRequest<'c> {
    match cookie {
        Some(value) => request.cookie(Cookie::new("session", value.to_owned())),
        None => request,
    }
}

async fn answer(response: asynchronous::LocalResponse<'_>) -> Answer {
    let headers = response.headers();
    let location = headers.get_one("Location").map(str::to_owned);
    let retry_after = headers.get_one("Retry-After").map(str::to_owned);
    let session = response
        .cookies()
        .get("session")
        .map(|cookie| match cookie.max_age() {
            Some(age) if age.is_zero() => String::new(),
            _ => cookie.value().to_owned(),
        });
    Answer {
        status: response.status(),
        location,
        retry_after,
        session,
        body: response.into_string().await.unwrap_or_default(),
    }
}

/// One browser on an [`Instance`], keeping its `session` cookie like
/// [`Shopper`], and handing out copies of it.
pub struct AsyncShopper {
    instance: Instance,
    session: Mutex<Option<String>>,
}

impl AsyncShopper {
    fn keep(&self, answer: Answer) -> Answer {
        if let Some(cookie) = &answer.session {
            let mut held = self.session.lock().unwrap_or_else(|e| e.into_inner());
            *held = (!cookie.is_empty()).then(|| cookie.clone());
        }
        answer
    }

    /// `GET path`.
    pub async fn visit(&self, path: &str) -> Answer {
        let cookie = self.session_cookie();
        let answer = self.instance.get(path, cookie.as_deref()).await;
        self.keep(answer)
    }

    /// The CSRF token the pages currently carry (visiting a page first).
    pub async fn csrf_token(&self) -> String {
        let page = self.visit("/session").await;
        form_token(&page.body).expect("pages carry a token")
    }

    /// Posts a form with this session's CSRF token added.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let token = self.csrf_token().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        all.extend_from_slice(fields);
        let cookie = self.session_cookie();
        let answer = self.instance.post_form(path, cookie.as_deref(), &all).await;
        self.keep(answer)
    }

    /// Signs in with the demo password.
    pub async fn log_in_as(&self, username: &str) -> Answer {
        self.submit("/login", &[("username", username), ("password", PASSWORD)])
            .await
    }

    /// Adds `quantity` of product `id`.
    pub async fn add_to_cart(&self, id: u32, quantity: &str) -> Answer {
        let id = id.to_string();
        self.submit("/cart/add", &[("product_id", &id), ("quantity", quantity)])
            .await
    }

    /// Gives good shipping details (checkout step 1).
    pub async fn give_shipping_details(&self) -> Answer {
        self.submit("/checkout", GOOD_SHIPPING).await
    }

    /// The cookie this browser holds and the token its pages carry, as an
    /// attacker or a second tab would copy them.
    pub async fn copy_cookie_and_token(&self) -> (String, String) {
        let token = self.csrf_token().await;
        let cookie = self.session_cookie().expect("the browser holds a session");
        (cookie, token)
    }

    /// The value of the `session` cookie this browser holds.
    pub fn session_cookie(&self) -> Option<String> {
        self.session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// What the order page says to every Place order but the one that placed it.
pub const ALREADY_PLACED: &str = "This order was already placed; here it is again.";

/// Signs alice in, fills her cart and gives the shipping details, so the
/// review's Place order button is the next step.
pub async fn ready_to_place(alice: &AsyncShopper) {
    assert_eq!(alice.log_in_as("alice").await.status, Status::SeeOther);
    assert_eq!(alice.add_to_cart(1, "2").await.status, Status::SeeOther);
    let details = alice.give_shipping_details().await;
    assert_eq!(details.location.as_deref(), Some("/checkout/review"));
    assert_eq!(alice.visit("/checkout/review").await.status, Status::Ok);
}

/// Sends the Place order form `times` times at once with copies of `cookie`,
/// turn by turn to each of `instances`; each answer with its instance.
pub async fn place_at_once(
    instances: &[Instance],
    cookie: &str,
    token: &str,
    times: usize,
) -> Vec<(Instance, Answer)> {
    let tasks: Vec<_> = (0..times)
        .map(|n| {
            let instance = instances[n % instances.len()].clone();
            let (cookie, token) = (cookie.to_owned(), token.to_owned());
            rocket::tokio::spawn(async move {
                let answer = instance.place_order_with(&cookie, &token).await;
                (instance, answer)
            })
        })
        .collect();
    rocket::futures::future::join_all(tasks)
        .await
        .into_iter()
        .map(|task| task.expect("the request ran to its end"))
        .collect()
}

/// Checks that every answer is a 303 to the same order page, and that
/// exactly one of them placed it (the others' pages say it was already
/// placed). Returns the order page's path.
pub async fn one_order_for_all(answers: &[(Instance, Answer)]) -> String {
    let first = answers[0].1.location.clone().unwrap_or_default();
    assert!(first.starts_with("/orders/"), "{first}");
    let mut placed_here = 0;
    for (instance, answer) in answers {
        assert_eq!(answer.status, Status::SeeOther);
        assert_eq!(answer.location.as_deref(), Some(first.as_str()));
        let cookie = answer.session.as_deref().expect("the order is kept");
        let page = instance.get(&first, Some(cookie)).await;
        assert_eq!(page.status, Status::Ok);
        match testid_text(&page.body, "flash") {
            None => placed_here += 1,
            Some(flash) => assert_eq!(flash, ALREADY_PLACED),
        }
    }
    assert_eq!(placed_here, 1, "the number of answers that placed an order");
    first
}

/// Sends `guesses` wrong passwords for alice at once from one address,
/// turn by turn to each of `instances`; how many were checked (answered
/// with the form again), refused by the throttle (429) and turned away busy
/// (503). Nothing else is answered.
async fn parallel_wrong_guesses(instances: &[Instance], guesses: usize) -> (usize, usize, usize) {
    let (cookie, token) = instances[0].visitor().copy_cookie_and_token().await;
    let tasks: Vec<_> = (0..guesses)
        .map(|n| {
            let instance = instances[n % instances.len()].clone();
            let (cookie, token) = (cookie.clone(), token.clone());
            rocket::tokio::spawn(async move {
                instance
                    .log_in_from(
                        "203.0.113.7",
                        &cookie,
                        &token,
                        "alice",
                        &format!("guess-{n}"),
                    )
                    .await
            })
        })
        .collect();
    let (mut checked, mut throttled, mut busy) = (0, 0, 0);
    for task in rocket::futures::future::join_all(tasks).await {
        match task.expect("the login ran to its end").status {
            Status::Ok => checked += 1,
            Status::TooManyRequests => throttled += 1,
            Status::ServiceUnavailable => busy += 1,
            other => panic!("a guess was answered {other}"),
        }
    }
    (checked, throttled, busy)
}

/// Sends rounds of 60 parallel wrong guesses until a round has none
/// checked and some throttled, checking that no more than 10 are ever
/// checked in all, and that the 10 allowed are.
pub async fn guess_until_throttled(instances: &[Instance]) {
    let mut checked = 0;
    for _ in 0..30 {
        let (now_checked, throttled, _) = parallel_wrong_guesses(instances, 60).await;
        checked += now_checked;
        assert!(checked <= 10, "{checked} guesses were checked");
        if now_checked == 0 && throttled > 0 {
            assert_eq!(checked, 10, "the limit is reached");
            return;
        }
    }
    panic!("after 30 rounds the guesses were still not all throttled");
}

/// The body as the browser reads it, decoded as its `Content-Encoding` says
/// (empty when there is none, as after a redirect).
pub fn decoded(response: LocalResponse<'_>) -> (Option<String>, Vec<u8>) {
    let coding = response
        .headers()
        .get_one("Content-Encoding")
        .map(str::to_owned);
    let body = response.into_bytes().unwrap_or_default();
    let mut plain = Vec::new();
    match coding.as_deref() {
        None => plain = body,
        Some("br") => {
            brotli::Decompressor::new(&body[..], 4096)
                .read_to_end(&mut plain)
                .expect("valid brotli");
        }
        Some("gzip") => {
            flate2::read::GzDecoder::new(&body[..])
                .read_to_end(&mut plain)
                .expect("valid gzip");
        }
        Some(other) => panic!("unexpected Content-Encoding {other}"),
    }
    (coding, plain)
}
