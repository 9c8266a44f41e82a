//! For learners: the article's routes over a plain cookie, the tamper lab,
//! and the walkthrough at `/learn`.

use rocket::http::{ContentType, Cookie, Status};
use rocket::local::blocking::{Client, LocalResponse};
use scraper::{Html, Selector};
use session_shop::clock::Clock;

use crate::helpers::{body, encode_form, figment, Shopper};

/// The `plain_username` cookie a response sets: `Some(value)`, or
/// `Some("")` when it tells the browser to forget it.
fn plain_cookie_set(response: &LocalResponse<'_>) -> Option<String> {
    response
        .cookies()
        .get("plain_username")
        .map(|c| c.value().to_owned())
}

/// `GET path` with `plain_username` set to `value` (or no cookie).
fn get_with_plain<'c>(shop: &'c Shopper, path: &str, value: Option<&str>) -> LocalResponse<'c> {
    let request = shop.client.get(path.to_owned());
    match value {
        Some(value) => request
            .cookie(Cookie::new("plain_username", value.to_owned()))
            .dispatch(),
        None => request.dispatch(),
    }
}

#[test]
fn plain_set_answers_test_and_stores_a_readable_cookie() {
    let shop = Shopper::new();
    let response = get_with_plain(&shop, "/test/plain/set", None);
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(plain_cookie_set(&response).as_deref(), Some("user"));
    assert!(
        response.cookies().get("session").is_none(),
        "no session is needed"
    );
    assert_eq!(response.into_string().unwrap(), "Test");
}

#[test]
fn plain_check_says_logged_in_as_user_only_when_the_cookie_is_sent() {
    let shop = Shopper::new();
    let response = get_with_plain(&shop, "/test/plain/check", Some("user"));
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(response.into_string().unwrap(), "Logged in as user");
    let response = get_with_plain(&shop, "/test/plain/check", None);
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.into_string().unwrap(), "You are not logged in");
}

#[test]
fn plain_pop_answers_test_and_removes_the_cookie() {
    let shop = Shopper::new();
    let response = get_with_plain(&shop, "/test/plain/pop", Some("user"));
    assert_eq!(response.content_type(), Some(ContentType::Plain));
    assert_eq!(plain_cookie_set(&response).as_deref(), Some(""));
    assert_eq!(response.into_string().unwrap(), "Test");
}

#[test]
fn plain_pop_without_the_cookie_is_not_an_error() {
    let shop = Shopper::new();
    let response = get_with_plain(&shop, "/test/plain/pop", None);
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.into_string().unwrap(), "Test");
}

#[test]
fn a_plain_cookie_can_be_rewritten_by_anyone_holding_it() {
    let shop = Shopper::new();
    let response = get_with_plain(&shop, "/test/plain/check", Some("admin"));
    assert_eq!(response.into_string().unwrap(), "Logged in as admin");
}

/// The first element matching `selector` in `html`.
pub fn select<'h>(html: &'h Html, selector: &str) -> scraper::ElementRef<'h> {
    let parsed = Selector::parse(selector).expect("a valid selector");
    html.select(&parsed)
        .next()
        .unwrap_or_else(|| panic!("no {selector} in {}", html.html()))
}

/// An element's text, white space folded.
pub fn text_of(element: scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A shopper signed in as Alice with two mugs and the demo value, whose
/// last page showed every message.
fn busy_shopper() -> Shopper {
    busy(Shopper::new())
}

/// `shop`, signed in as Alice with two mugs and the demo value.
fn busy(shop: Shopper) -> Shopper {
    shop.log_in_as("alice");
    shop.add_to_cart(1, "2");
    shop.get("/test/session/set");
    shop.visit("/session");
    shop
}

/// What the lab concluded for `kind`: the conclusion's attributes, having
/// checked that the real session was not changed.
fn tamper(shop: &Shopper, kind: &str) -> (Status, Html) {
    let token = shop.csrf_token();
    let cookie_before = shop.session_cookie();
    let cart_before = shop.cart();
    let response = shop.post_raw(
        "/session/tamper",
        &encode_form(&[("csrf_token", &token), ("kind", kind)]),
    );
    let status = response.status();
    assert!(
        response.cookies().get("session").is_none(),
        "{kind}: the lab seals nothing"
    );
    let html = Html::parse_document(&body(response));
    assert_eq!(shop.session_cookie(), cookie_before, "{kind}: same cookie");
    assert_eq!(shop.cart(), cart_before, "{kind}: same cart");
    let (_, page) = shop.visit("/");
    let page = Html::parse_document(&page);
    assert_eq!(
        text_of(select(&page, "[data-testid=current-user]")),
        "Alice"
    );
    assert_eq!(shop.tutorial_check().1, "Logged in as user", "{kind}");
    (status, html)
}

/// The lab's conclusion: source, rejection, limit.
fn conclusion(html: &Html) -> (String, String, String) {
    let element = select(html, "[data-testid=tamper-conclusion]").value();
    let attr = |name| element.attr(name).unwrap_or_default().to_owned();
    (
        attr("data-source"),
        attr("data-rejection"),
        attr("data-limit"),
    )
}

#[test]
fn a_flipped_byte_does_not_decrypt_and_the_session_is_unchanged() {
    let shop = busy_shopper();
    let (status, html) = tamper(&shop, "flip");
    assert_eq!(status, Status::Ok);
    assert_eq!(
        conclusion(&html),
        ("rejected".into(), "unsealed".into(), String::new())
    );
    let what = text_of(select(&html, "[data-testid=tamper-what]"));
    assert!(what.contains("byte"), "{what}");
}

#[test]
fn a_cookie_sealed_with_another_key_does_not_decrypt_and_the_session_is_unchanged() {
    let shop = busy_shopper();
    let (status, html) = tamper(&shop, "other_key");
    assert_eq!(status, Status::Ok);
    assert_eq!(
        conclusion(&html),
        ("rejected".into(), "unsealed".into(), String::new())
    );
}

#[test]
fn an_expired_copy_is_refused_by_its_idle_limit_and_the_session_is_unchanged() {
    let shop = busy_shopper();
    let (status, html) = tamper(&shop, "expired");
    assert_eq!(status, Status::Ok);
    assert_eq!(
        conclusion(&html),
        ("rejected".into(), "expired".into(), "idle".into())
    );
}

#[test]
fn an_old_format_is_another_version_and_the_session_is_unchanged() {
    let shop = busy_shopper();
    let (status, html) = tamper(&shop, "old_format");
    assert_eq!(status, Status::Ok);
    assert_eq!(
        conclusion(&html),
        ("rejected".into(), "other_version".into(), String::new())
    );
}

#[test]
fn a_revoked_copy_is_refused_and_the_session_is_unchanged() {
    let shop = busy_shopper();
    let (status, html) = tamper(&shop, "revoked");
    assert_eq!(status, Status::Ok);
    assert_eq!(
        conclusion(&html),
        ("rejected".into(), "revoked".into(), String::new())
    );
}

#[test]
fn the_forged_cookie_shown_is_treated_as_no_session_when_sent() {
    let shop = busy_shopper();
    let (_, html) = tamper(&shop, "flip");
    let pair = text_of(select(&html, "[data-testid=tamper-cookie]"));
    let value = pair.strip_prefix("session=").expect("a session pair");
    let value = rocket::http::RawStr::new(value)
        .percent_decode_lossy()
        .into_owned();
    shop.set_session_cookie(&value);
    assert_eq!(shop.tutorial_check().1, "You are not logged in");
}

#[test]
fn an_unknown_tamper_kind_is_a_422_page_and_the_session_is_unchanged() {
    let shop = busy_shopper();
    let (status, html) = tamper(&shop, "melt");
    assert_eq!(status, Status::UnprocessableEntity);
    let alert = select(&html, "[data-testid=tamper-unknown-kind]");
    assert_eq!(alert.value().attr("role"), Some("alert"));
    assert!(text_of(alert).contains("melt"));
}

#[test]
fn the_tamper_lab_needs_the_csrf_token() {
    let shop = busy_shopper();
    let response = shop.post_raw("/session/tamper", "kind=flip");
    assert_eq!(response.status(), Status::Forbidden);
}

/// `/learn`, parsed, as the tracked browser `client` sees it.
fn walkthrough(client: &Client) -> Html {
    let response = client.get("/learn").dispatch();
    assert_eq!(response.status(), Status::Ok);
    Html::parse_document(&response.into_string().unwrap_or_default())
}

/// The fields a form would send as it stands: every named input's value.
fn form_fields(form: scraper::ElementRef<'_>) -> Vec<(String, String)> {
    let inputs = Selector::parse("input[name]").unwrap();
    form.select(&inputs)
        .map(|input| {
            let attr = |name| input.value().attr(name).unwrap_or_default().to_owned();
            (attr("name"), attr("value"))
        })
        .collect()
}

#[test]
fn every_try_it_on_the_walkthrough_answers_as_the_page_says() {
    // A real browser's cookie jar: the session and the plain cookie.
    let rocket = session_shop::rocket_with(figment(), Clock::manual(1_750_000_000));
    let client = Client::tracked(rocket).expect("the app launches");
    let tries = Selector::parse("[data-try]").unwrap();
    let count = walkthrough(&client).select(&tries).count();
    assert!(count >= 18, "{count} things to try");
    for index in 0..count {
        let page = walkthrough(&client);
        let element = page.select(&tries).nth(index).unwrap();
        let attr = |name| element.value().attr(name).map(str::to_owned);
        let response = match element.value().name() {
            "a" => client.get(attr("href").unwrap()).dispatch(),
            "form" => {
                assert_eq!(attr("method").as_deref(), Some("post"));
                let fields = form_fields(element);
                let fields: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str()))
                    .collect();
                client
                    .post(attr("action").unwrap())
                    .header(ContentType::Form)
                    .body(encode_form(&fields))
                    .dispatch()
            }
            other => panic!("a {other} to try"),
        };
        let what = format!("try-it {index}: {}", element.html());
        let status = attr("data-expect-status").unwrap();
        assert_eq!(response.status().code.to_string(), status, "{what}");
        if let Some(location) = attr("data-expect-location") {
            assert_eq!(
                response.headers().get_one("Location"),
                Some(location.as_str()),
                "{what}"
            );
        }
        if let Some(text) = attr("data-expect-text") {
            let body = response.into_string().unwrap_or_default();
            assert!(body.contains(&text), "{what} answered {body}");
        }
    }
}

#[test]
fn the_walkthrough_has_ten_steps_and_links_to_the_inspector() {
    let shop = Shopper::new();
    let (status, html) = shop.visit("/learn");
    assert_eq!(status, Status::Ok);
    let page = Html::parse_document(&html);
    for step in 1..=10 {
        select(&page, &format!("[data-testid=learn-step-{step}] h2"));
    }
    let link = select(&page, "[data-testid=learn-inspector-link]");
    assert_eq!(link.value().attr("href"), Some("/session"));
}

#[test]
fn the_walkthrough_and_the_lab_speak_spanish_to_a_spanish_browser() {
    let shop = busy(Shopper::new().speaking("es-ES,es;q=0.9"));
    let (_, html) = shop.visit("/learn");
    let page = Html::parse_document(&html);
    assert_eq!(select(&page, "html").value().attr("lang"), Some("es"));
    let intro = text_of(select(&page, "[data-testid=learn-step-1] h2"));
    assert_eq!(intro, "1. Guardar, consultar y quitar un valor");
    let (status, lab) = tamper(&shop, "flip");
    assert_eq!(status, Status::Ok);
    let verdict = text_of(select(&lab, "[data-testid=tamper-verdict]"));
    assert!(
        verdict.starts_with("Rechazada: ninguna sesión."),
        "{verdict}"
    );
}

#[test]
fn the_home_page_and_every_footer_lead_to_the_walkthrough() {
    let shop = Shopper::new();
    let links = |html: &str, css: &str| -> Vec<String> {
        let selector = Selector::parse(css).expect("a valid selector");
        Html::parse_document(html)
            .select(&selector)
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect()
    };
    let (_, home) = shop.visit("/");
    assert_eq!(links(&home, "[data-testid=\"home-learn\"]"), ["/learn"]);
    for path in ["/", "/cart", "/products/1", "/session", "/no/such/page"] {
        let (_, page) = shop.visit(path);
        assert_eq!(
            links(&page, "footer [data-testid=\"footer-learn\"]"),
            ["/learn"],
            "{path}"
        );
    }
    let (status, walkthrough) = shop.visit("/learn");
    assert_eq!(status, Status::Ok);
    assert!(links(&walkthrough, "a").contains(&"/test/session/set".to_owned()));
}
