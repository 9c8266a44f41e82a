//! For learners: the tamper lab, the inspector's verdicts, and the
//! walkthrough at `/learn`.

use rocket::http::{ContentType, Cookie, Status};
use rocket::local::blocking::Client;
use scraper::{Html, Selector};
use session_shop::clock::Clock;
use session_shop::routes::learn::TamperKind;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use session_shop::session::cookie::{encode, encode_as, parse_key, seal_with, FORMAT_VERSION};
use session_shop::session::SessionData;

use crate::helpers::{
    body, changed_in_the_middle, encode_form, figment, select, text_of, Shopper, OTHER_SECRET,
    SECRET,
};

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

/// What a kind of forged cookie opens as: source, rejection, limit.
fn expected_verdict(kind: TamperKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        TamperKind::Unchanged => ("current", "", ""),
        TamperKind::Flip => ("rejected", "unsealed", ""),
        TamperKind::OtherKey => ("rejected", "unsealed", ""),
        TamperKind::Expired => ("rejected", "expired", "idle"),
        TamperKind::OldFormat => ("rejected", "other_version", ""),
        TamperKind::Revoked => ("rejected", "revoked", ""),
    }
}

#[test]
fn every_forged_cookie_gets_its_verdict_and_the_real_session_is_unchanged() {
    for tamper_kind in TamperKind::ALL {
        let (kind, (source, rejection, limit)) =
            (tamper_kind.code(), expected_verdict(tamper_kind));
        let shop = busy_shopper();
        let (status, html) = tamper(&shop, kind);
        assert_eq!(status, Status::Ok, "{kind}");
        assert_eq!(
            conclusion(&html),
            (source.into(), rejection.into(), limit.into()),
            "{kind}"
        );
        let verdict = text_of(select(&html, "[data-testid=tamper-verdict]"));
        let word = if kind == "unchanged" {
            "Accepted"
        } else {
            "Rejected"
        };
        assert!(verdict.starts_with(word), "{kind}: {verdict}");
    }
}

/// The forged cookie the lab printed, as a browser would send it back.
fn forged_value(html: &Html) -> String {
    let pair = text_of(select(html, "[data-testid=tamper-cookie]"));
    let value = pair.strip_prefix("session=").expect("a session pair");
    rocket::http::RawStr::new(value)
        .percent_decode_lossy()
        .into_owned()
}

/// What the inspector concludes about `value` sent as the session cookie.
fn inspector_verdict(shop: &Shopper, value: &str) -> String {
    let response = shop
        .client
        .get("/session")
        .cookie(Cookie::new("session", value.to_owned()))
        .dispatch();
    let page = Html::parse_document(&body(response));
    let verdict = select(&page, "[data-testid=cookie-verdict]");
    verdict
        .value()
        .attr("data-verdict")
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_forged_cookie_replayed_for_real_gets_the_verdict_the_lab_showed() {
    for tamper_kind in TamperKind::ALL {
        let (kind, (_, _, limit)) = (tamper_kind.code(), expected_verdict(tamper_kind));
        let shop = busy_shopper();
        let (_, html) = tamper(&shop, kind);
        let shown = select(&html, "[data-testid=tamper-conclusion]")
            .value()
            .attr("data-verdict")
            .unwrap()
            .to_owned();
        let expected = match (kind, limit) {
            ("unchanged", _) => "accepted".to_owned(),
            (_, "idle") => "idle".to_owned(),
            _ => conclusion(&html).1,
        };
        assert_eq!(shown, expected, "{kind}");
        assert_eq!(
            inspector_verdict(&shop, &forged_value(&html)),
            shown,
            "{kind}"
        );
    }
}

#[test]
fn the_revoked_lab_cookie_opens_no_session_but_the_visitor_stays_signed_in() {
    let shop = busy_shopper();
    let (_, html) = tamper(&shop, "revoked");
    let copy = forged_value(&html);
    let replay = shop
        .client
        .get("/test/session/check")
        .cookie(Cookie::new("session", copy))
        .dispatch();
    assert_eq!(replay.into_string().unwrap(), "You are not logged in");
    // The lab revoked the copy's own id, not the visitor's.
    let what = text_of(select(&html, "[data-testid=tamper-what]"));
    let (_, page) = shop.visit("/session");
    let page = Html::parse_document(&page);
    let real_id = text_of(select(&page, "[data-testid=session-id]"));
    assert!(!what.contains(&real_id), "{what}");
    assert_eq!(shop.tutorial_check().1, "Logged in as user");
}

#[test]
fn the_labs_curl_command_aims_at_the_address_the_visitor_used() {
    let shop = busy_shopper();
    let token = shop.csrf_token();
    let response = shop.send(
        shop.client
            .post("/session/tamper")
            .header(ContentType::Form)
            .header(rocket::http::Header::new("Host", "shop.example:18431"))
            .body(encode_form(&[("csrf_token", &token), ("kind", "flip")])),
    );
    let html = Html::parse_document(&body(response));
    let curl = text_of(select(&html, "[data-testid=tamper-curl]"));
    assert!(curl.starts_with("curl -s -b 'session="), "{curl}");
    assert!(
        curl.ends_with(" http://shop.example:18431/session | grep -o 'data-verdict=\"[^\"]*\"'"),
        "{curl}"
    );
}

#[test]
fn a_flipped_byte_is_shown_marked_in_the_ciphertext_between_nonce_and_tag() {
    let shop = busy_shopper();
    let (_, html) = tamper(&shop, "flip");
    let part = |name: &str| {
        select(
            &html,
            &format!("[data-testid=sealed-parts] [data-part={name}]"),
        )
    };
    assert_eq!(part("nonce").value().attr("data-bytes"), Some("12"));
    assert_eq!(part("tag").value().attr("data-bytes"), Some("16"));
    let ciphertext: usize = part("ciphertext")
        .value()
        .attr("data-bytes")
        .unwrap()
        .parse()
        .unwrap();
    let size: usize = select(&html, "[data-testid=tamper-cookie-size]")
        .value()
        .attr("data-bytes")
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        ciphertext > 16 && ciphertext < size,
        "{ciphertext} of {size}"
    );
    // The marked byte is the one the page says changed, with its new value.
    let marked = text_of(select(&html, "[data-testid=sealed-marked]"));
    let what = text_of(select(&html, "[data-testid=tamper-what]"));
    assert!(
        what.contains(&format!("to 0x{marked}")),
        "{what} / {marked}"
    );
    let in_ciphertext = select(&html, "[data-part=ciphertext] [data-testid=sealed-marked]");
    assert_eq!(text_of(in_ciphertext), marked);
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
fn the_walkthrough_has_eleven_steps_and_links_to_the_inspector() {
    let shop = Shopper::new();
    let (status, html) = shop.visit("/learn");
    assert_eq!(status, Status::Ok);
    let page = Html::parse_document(&html);
    for step in 0..=10 {
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
        verdict.starts_with("Rechazada, no abre ninguna sesión:"),
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

/// A session holding the demo value, with its times set from `now`.
fn sealed_session(key: &str, shape: impl FnOnce(&mut SessionData)) -> String {
    let mut data = SessionData::new(1_750_000_000);
    data.username = Some("user".into());
    shape(&mut data);
    seal_with(&parse_key(key).unwrap(), &encode(&data))
}

#[test]
fn the_inspector_names_why_an_arriving_cookie_was_refused_in_both_languages() {
    let now = 1_750_000_000;
    let fine = sealed_session(SECRET, |_| {});
    let tampered = changed_in_the_middle(&fine);
    let old = {
        let data = SessionData::new(now);
        seal_with(
            &parse_key(SECRET).unwrap(),
            &encode_as(FORMAT_VERSION - 1, &data),
        )
    };
    // (what arrives, the verdict, a phrase in English, one in Spanish)
    let cases: Vec<(&str, String, &str, &str, &str)> = vec![
        ("fine", fine.clone(), "accepted", "Accepted", "Aceptada"),
        (
            "tampered",
            tampered,
            "unsealed",
            "does not decrypt",
            "no se descifra",
        ),
        (
            "other key",
            sealed_session(OTHER_SECRET, |_| {}),
            "unsealed",
            "another key",
            "otra clave",
        ),
        (
            "idle",
            sealed_session(SECRET, |d| d.last_seen = now - 1800),
            "idle",
            "idle limit has passed",
            "límite de inactividad",
        ),
        (
            "absolute",
            sealed_session(SECRET, |d| {
                d.created_at = now - 28_800;
                d.last_seen = now
            }),
            "absolute",
            "absolute limit has passed",
            "límite absoluto",
        ),
        (
            "old format",
            old,
            "other_version",
            "another format version",
            "otra versión del formato",
        ),
        (
            "garbled",
            seal_with(
                &parse_key(SECRET).unwrap(),
                &URL_SAFE_NO_PAD.encode([FORMAT_VERSION, 0xff, 0xff]),
            ),
            "garbled",
            "is not a session",
            "no es una sesión",
        ),
        (
            "over size",
            "A".repeat(4100),
            "too_large",
            "4096 bytes",
            "4096 bytes",
        ),
    ];
    for (what, value, verdict, english, spanish) in cases {
        for (languages, phrase) in [("en", english), ("es", spanish)] {
            let rocket = session_shop::rocket_with(figment(), Clock::manual(now));
            let client = Client::untracked(rocket).unwrap();
            let response = client
                .get("/session")
                .header(rocket::http::Header::new("Accept-Language", languages))
                .cookie(Cookie::new("session", value.clone()))
                .dispatch();
            let page = Html::parse_document(&body(response));
            let element = select(&page, "[data-testid=cookie-verdict]");
            assert_eq!(
                element.value().attr("data-verdict"),
                Some(verdict),
                "{what}"
            );
            let text = text_of(element);
            assert!(text.contains(phrase), "{what} in {languages}: {text}");
        }
    }
}

#[test]
fn the_inspector_says_revoked_for_a_copy_kept_from_before_signing_out() {
    let shop = busy_shopper();
    let copy = shop.session_cookie().unwrap();
    shop.log_out();
    assert_eq!(inspector_verdict(&shop, &copy), "revoked");
}

#[test]
fn after_a_refused_cookie_is_forgotten_the_inspector_does_not_claim_none_was_ever_sent() {
    let shop = Shopper::new();
    shop.set_session_cookie("forged");
    let response = shop.get("/test/session/check");
    assert_eq!(
        response.cookies().get("session").map(|c| c.value()),
        Some("")
    );
    drop(response);
    assert_eq!(shop.session_cookie(), None, "the browser forgot it");
    let (_, html) = shop.visit("/session");
    let page = Html::parse_document(&html);
    let verdict = select(&page, "[data-testid=cookie-verdict]");
    assert_eq!(verdict.value().attr("data-verdict"), Some("new"));
    assert!(text_of(verdict).contains("told the browser to forget one"));
}

#[test]
fn after_adding_with_the_token_the_inspector_shows_the_cart_line_the_post_added() {
    let rocket = session_shop::rocket_with(figment(), Clock::manual(1_750_000_000));
    let client = Client::tracked(rocket).expect("the app launches");
    let page = walkthrough(&client);
    let form = select(&page, "form:has([data-testid=learn-csrf-real])");
    let fields = form_fields(form);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let product_id = fields
        .iter()
        .find(|(n, _)| *n == "product_id")
        .unwrap()
        .1
        .to_owned();
    let response = client
        .post(form.value().attr("action").unwrap())
        .header(ContentType::Form)
        .body(encode_form(&fields))
        .dispatch();
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(response.headers().get_one("Location"), Some("/session"));
    let response = client.get("/session").dispatch();
    let page = Html::parse_document(&body(response));
    let section = select(&page, "[data-testid=form-change]");
    assert!(text_of(section).contains("POST /cart/add"));
    let before = text_of(select(&page, "[data-testid=form-change-cart-before]"));
    let after = text_of(select(&page, "[data-testid=form-change-cart-after]"));
    assert_eq!(before, "[]");
    assert!(
        after.contains(&format!("\"product_id\":{product_id}")),
        "{after}"
    );
    assert!(after.contains("\"quantity\":1"), "{after}");
    // Shown once: the next look at the inspector has no form to report.
    let response = client.get("/session").dispatch();
    let page = Html::parse_document(&body(response));
    let again = Selector::parse("[data-testid=form-change]").unwrap();
    assert_eq!(page.select(&again).count(), 0);
}

#[test]
fn after_signing_in_the_inspector_shows_the_id_and_token_the_sign_in_renewed() {
    let shop = Shopper::new();
    let before = shop.csrf_token();
    let response = shop.submit(
        "/login",
        &[
            ("username", "alice"),
            ("password", crate::helpers::PASSWORD),
            ("next", "/session"),
        ],
    );
    assert_eq!(response.status(), Status::SeeOther);
    drop(response);
    let (_, html) = shop.visit("/session");
    let page = Html::parse_document(&html);
    for field in ["id", "csrf_token", "user"] {
        select(&page, &format!("[data-testid=form-change-{field}]"));
    }
    let old = text_of(select(&page, "[data-testid=form-change-csrf_token-before]"));
    assert!(old.contains(&before), "{old}");
}

#[test]
fn the_refresh_interval_the_inspector_states_is_the_one_the_seal_applies() {
    for (idle, interval, words) in [(20, 2, "2 s"), (1800, 60, "1 min"), (300, 30, "30 s")] {
        let shop = Shopper::with(figment().merge(("session_idle_timeout", idle)));
        shop.get("/test/session/set");
        shop.clock.advance(interval - 1);
        let response = shop.get("/test/session/check");
        assert!(
            response.cookies().get("session").is_none(),
            "{idle}: not yet"
        );
        drop(response);
        shop.clock.advance(1);
        let (_, html) = shop.visit("/session");
        let page = Html::parse_document(&html);
        let reason = text_of(select(
            &page,
            "[data-testid=response-reasons] [data-reason=idle_refresh]",
        ));
        assert!(
            reason.contains(&format!("once {words} have passed")),
            "{idle}: {reason}"
        );
    }
}

/// The text of the walkthrough's step `step` for a browser speaking `languages`.
fn walkthrough_step(languages: &'static str, step: u32) -> String {
    let (_, html) = Shopper::new().speaking(languages).visit("/learn");
    let page = Html::parse_document(&html);
    text_of(select(&page, &format!("[data-testid=learn-step-{step}]")))
}

#[test]
fn a_cookie_planted_before_logging_in_opens_as_no_session_as_step_5_says() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    let planted = shop.session_cookie().unwrap();
    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);

    assert_eq!(inspector_verdict(&shop, &planted), "revoked");
    let replay = shop
        .client
        .get("/test/session/check")
        .cookie(Cookie::new("session", planted.clone()))
        .dispatch();
    assert_eq!(replay.into_string().unwrap(), "You are not logged in");
    assert_eq!(
        shop.tutorial_check().1,
        "Logged in as user",
        "the new cookie"
    );

    // The verdict lists any login among what ends a session, and the
    // walkthrough says the planted cookie opens as no session.
    for (languages, ends, step5) in [
        ("en", "any login", "now opens as no session"),
        (
            "es",
            "al entrar en cualquier cuenta",
            "ya no abre ninguna sesión",
        ),
    ] {
        let response = shop
            .client
            .get("/session")
            .header(rocket::http::Header::new("Accept-Language", languages))
            .cookie(Cookie::new("session", planted.clone()))
            .dispatch();
        let page = Html::parse_document(&body(response));
        let verdict = text_of(select(&page, "[data-testid=cookie-verdict]"));
        assert!(verdict.contains(ends), "{languages}: {verdict}");
        let step = walkthrough_step(languages, 5);
        assert!(step.contains(step5), "{languages}: {step}");
    }
}

#[test]
fn a_cookie_is_refused_unopened_once_name_equals_sign_and_value_pass_4096_bytes() {
    let value_bytes = 4096 - "session=".len();
    for (length, verdict) in [(value_bytes, "unsealed"), (value_bytes + 1, "too_large")] {
        let shop = Shopper::new();
        let value = "A".repeat(length);
        assert_eq!(inspector_verdict(&shop, &value), verdict, "{length}");
    }
    // What step 7 teaches: the browser counts name and value, the shop the
    // `=` as well.
    for (languages, words) in [
        ("en", "one byte stricter than the browser's"),
        ("es", "un byte más estricto que el del navegador"),
    ] {
        let step = walkthrough_step(languages, 7);
        assert!(step.contains(words), "{languages}: {step}");
    }
}
