//! The JSON API: reading the catalog and the cart, changing the cart on the
//! same session, its refusals, and its OpenAPI document. Every response
//! these tests get is checked against the document's schema for it.

use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use rocket::http::{ContentType, Header, Method, Status};
use serde_json::{json, Value};

use crate::helpers::{location, testid_text, Shopper};

/// The OpenAPI document the shop serves, and the schemas compiled from it
/// so far (by where they are in the document).
struct Document {
    json: Value,
    compiled: Mutex<(boon::Schemas, Vec<(String, boon::SchemaIndex)>)>,
}

const DOCUMENT_URL: &str = "http://shop.test/api/openapi.json";

fn document() -> &'static Document {
    static DOCUMENT: OnceLock<Document> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let shop = Shopper::new();
        let response = shop.get("/api/openapi.json");
        assert_eq!(response.status(), Status::Ok);
        assert_eq!(response.content_type(), Some(ContentType::JSON));
        let json: Value = serde_json::from_str(&response.into_string().unwrap()).unwrap();
        Document {
            json,
            compiled: Mutex::new((boon::Schemas::new(), Vec::new())),
        }
    })
}

/// Escapes a JSON pointer token (`/` and `~`).
fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Document {
    /// The document's path template for a concrete path
    /// (`/api/cart/lines/3` → `/api/cart/lines/{product_id}`), if any.
    fn template_of(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.split('/').collect();
        self.json["paths"]
            .as_object()?
            .keys()
            .find(|template| {
                let parts: Vec<&str> = template.split('/').collect();
                parts.len() == segments.len()
                    && parts
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty()))
            })
            .cloned()
    }

    /// Where the schema of a response is: the one documented for this path,
    /// method and status; for an address or method the document does not
    /// list, the error body's. Panics when a documented operation answers a
    /// status it does not document.
    fn schema_location(&self, method: Method, path: &str, status: Status) -> String {
        let method = method.as_str().to_ascii_lowercase();
        let operation = self
            .template_of(path)
            .filter(|template| self.json["paths"][template][&method].is_object());
        match operation {
            Some(template) => {
                let code = status.code.to_string();
                let documented = &self.json["paths"][&template][&method]["responses"][&code];
                assert!(
                    documented["content"]["application/json"]["schema"].is_object(),
                    "{method} {template} answered {code}, which the document does not list"
                );
                format!(
                    "{DOCUMENT_URL}#/paths/{}/{method}/responses/{code}/content/application~1json/schema",
                    pointer_token(&template)
                )
            }
            None => format!("{DOCUMENT_URL}#/components/schemas/ApiErrorBody"),
        }
    }

    /// Checks `body` against the schema at `location` (a JSON Schema
    /// 2020-12, as OpenAPI 3.1 says).
    fn check(&self, location: &str, body: &Value) -> Result<(), String> {
        let mut compiled = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        let (schemas, indexes) = &mut *compiled;
        let index = match indexes.iter().find(|(at, _)| at == location) {
            Some((_, index)) => *index,
            None => {
                let mut compiler = boon::Compiler::new();
                compiler.set_default_draft(boon::Draft::V2020_12);
                compiler
                    .add_resource(DOCUMENT_URL, self.json.clone())
                    .unwrap();
                let index = compiler
                    .compile(location, schemas)
                    .unwrap_or_else(|e| panic!("schema at {location}: {e}"));
                indexes.push((location.to_owned(), index));
                index
            }
        };
        schemas
            .validate(body, index)
            .map_err(|error| format!("{body:#} does not match {location}:\n{error:#}"))
    }
}

/// Checks an answer of the API against the document's schema for it.
fn check_against_document(method: Method, path: &str, status: Status, json: &Value) {
    let doc = document();
    if let Err(mismatch) = doc.check(&doc.schema_location(method, path, status), json) {
        panic!("{method} {path} answered {status}, and {mismatch}");
    }
}

/// One answer of the API, checked against its schema.
struct Reply {
    status: Status,
    allow: Option<String>,
    language: Option<String>,
    set_cookie: bool,
    json: Value,
}

/// Sends an API request from `shop`'s browser, with a JSON body when given,
/// and checks the answer against the document.
fn call(shop: &Shopper, method: Method, path: &str, body: Option<Value>) -> Reply {
    call_with(
        shop,
        method,
        path,
        body.map(|b| b.to_string()),
        ContentType::JSON,
        &[],
    )
}

/// Like [`call`], with the raw body, its content type and extra headers.
fn call_with(
    shop: &Shopper,
    method: Method,
    path: &str,
    body: Option<String>,
    content_type: ContentType,
    headers: &[(&'static str, &'static str)],
) -> Reply {
    let mut request = shop.client.req(method, path.to_owned());
    if let Some(body) = body {
        request = request.header(content_type).body(body);
    }
    for (name, value) in headers {
        request = request.header(Header::new(*name, *value));
    }
    let response = shop.send(request);
    let status = response.status();
    let header = |name| response.headers().get_one(name).map(str::to_owned);
    let (allow, language) = (header("Allow"), header("Content-Language"));
    let set_cookie = response.cookies().get("session").is_some();
    assert_eq!(
        response.content_type(),
        Some(ContentType::JSON),
        "{method} {path}"
    );
    let json: Value = serde_json::from_str(&response.into_string().unwrap()).unwrap();
    check_against_document(method, path, status, &json);
    Reply {
        status,
        allow,
        language,
        set_cookie,
        json,
    }
}

fn products(shop: &Shopper) -> Vec<Value> {
    let reply = call(shop, Method::Get, "/api/products", None);
    assert_eq!(reply.status, Status::Ok);
    reply.json.as_array().unwrap().clone()
}

fn cart(shop: &Shopper) -> Value {
    let reply = call(shop, Method::Get, "/api/cart", None);
    assert_eq!(reply.status, Status::Ok);
    reply.json
}

fn add(shop: &Shopper, body: Value) -> Reply {
    call(shop, Method::Post, "/api/cart/lines", Some(body))
}

fn set(shop: &Shopper, product: &str, body: Value) -> Reply {
    call(
        shop,
        Method::Patch,
        &format!("/api/cart/lines/{product}"),
        Some(body),
    )
}

fn remove(shop: &Shopper, product: &str) -> Reply {
    call(
        shop,
        Method::Delete,
        &format!("/api/cart/lines/{product}"),
        None,
    )
}

fn message(reply: &Reply) -> &str {
    reply.json["error"]["message"].as_str().unwrap()
}

/// The lines of a cart as (product id, quantity).
fn lines(cart: &Value) -> Vec<(u64, u64)> {
    cart["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["product_id"].as_u64().unwrap(),
                l["quantity"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn products_lists_every_product_with_its_fields() {
    let shop = Shopper::new();
    let products = products(&shop);
    assert!(products.len() >= 12);
    let mug = &products[0];
    assert_eq!(mug["id"], 1);
    assert_eq!(mug["product_id"], 1);
    assert_eq!(mug["name"], "Rocket Mug");
    assert_eq!(mug["price_cents"], 1450);
    assert_eq!(mug["currency"], "EUR");
    assert!(mug["description"].as_str().is_some_and(|d| !d.is_empty()));
    assert_eq!(mug["image"], "/static/img/rocket-mug.svg");
    assert_eq!(
        shop.get(mug["image"].as_str().unwrap()).status(),
        Status::Ok
    );
}

#[test]
fn the_cart_reports_lines_counts_and_totals_in_cents() {
    let shop = Shopper::new();
    assert_eq!(lines(&cart(&shop)), vec![]);
    shop.add_to_cart(1, "2");
    shop.add_to_cart(2, "1");
    let cart = cart(&shop);
    let line = &cart["lines"][0];
    assert_eq!(line["product_id"], 1);
    assert_eq!(line["name"], "Rocket Mug");
    assert_eq!(line["unit_price_cents"], 1450);
    assert_eq!(line["quantity"], 2);
    assert_eq!(line["line_total_cents"], 2900);
    assert_eq!(cart["item_count"], 3);
    assert_eq!(cart["total_cents"], 2900 + 2299);
    assert_eq!(cart["currency"], "EUR");
}

#[test]
fn products_and_cart_lines_name_a_product_and_its_price_the_same_way() {
    let shop = Shopper::new();
    let catalog = products(&shop);
    add(&shop, json!({"product_id": 3, "quantity": 2}));
    let cart = cart(&shop);
    let line = &cart["lines"][0];
    let product = catalog.iter().find(|p| p["product_id"] == 3).unwrap();
    assert_eq!(line["product_id"], product["product_id"]);
    assert_eq!(line["name"], product["name"]);
    assert_eq!(line["price_cents"], product["price_cents"]);
    assert_eq!(line["unit_price_cents"], product["price_cents"]);
    assert_eq!(product["id"], product["product_id"]);
    assert_eq!(cart["currency"], product["currency"]);
}

#[test]
fn names_follow_the_browsers_language_then_the_sessions_choice() {
    let shop = Shopper::new().speaking("es-ES,es;q=0.9");
    let reply = call(&shop, Method::Get, "/api/products", None);
    assert_eq!(reply.json[0]["name"], "Taza Rocket");
    assert_eq!(reply.language.as_deref(), Some("es"));

    let english = Shopper::new().speaking("en");
    english.submit("/lang", &[("lang", "es")]);
    add(&english, json!({"product_id": 1}));
    let reply = call(&english, Method::Get, "/api/cart", None);
    assert_eq!(reply.json["lines"][0]["name"], "Taza Rocket");
    assert_eq!(reply.language.as_deref(), Some("es"));
    assert_eq!(products(&english)[0]["name"], "Taza Rocket");
}

#[test]
fn refusals_speak_the_sessions_language() {
    let shop = Shopper::new().speaking("es");
    let reply = call(&shop, Method::Get, "/api/nope", None);
    assert_eq!(reply.status, Status::NotFound);
    assert_eq!(reply.json["error"]["title"], "No encontrado");
    assert_eq!(
        message(&reply),
        "No hay nada en esta dirección. La API se describe en /api/openapi.json."
    );
    assert_eq!(reply.language.as_deref(), Some("es"));
    let reply = add(&shop, json!({"product_id": 1, "quantity": 100}));
    assert_eq!(
        message(&reply),
        "La cantidad debe ser un número entero del 1 al 99."
    );
}

#[test]
fn an_unknown_address_under_api_answers_404_in_json() {
    let shop = Shopper::new();
    let reply = call(&shop, Method::Get, "/api/nope", None);
    assert_eq!(reply.status, Status::NotFound);
    assert_eq!(reply.json["error"]["status"], 404);
    assert_eq!(reply.json["error"]["title"], "Not found");
    assert_eq!(reply.allow, None);
}

#[test]
fn a_method_an_address_does_not_take_answers_405_with_allow() {
    let shop = Shopper::new();
    let cases = [
        (Method::Post, "/api/products", "GET, HEAD"),
        (Method::Delete, "/api/cart", "GET, HEAD"),
        (Method::Put, "/api/cart", "GET, HEAD"),
        (Method::Get, "/api/cart/lines", "POST"),
        (Method::Put, "/api/cart/lines/1", "PATCH, DELETE"),
        (Method::Post, "/api/cart/lines/1", "PATCH, DELETE"),
        (Method::Delete, "/api/openapi.json", "GET, HEAD"),
    ];
    for (method, path, allowed) in cases {
        let reply = call_with(&shop, method, path, None, ContentType::JSON, &[]);
        assert_eq!(reply.status, Status::MethodNotAllowed, "{method} {path}");
        assert_eq!(reply.allow.as_deref(), Some(allowed), "{method} {path}");
        assert_eq!(
            message(&reply),
            format!("This address accepts only {allowed}.")
        );
    }
}

#[test]
fn a_write_for_an_unknown_product_is_404_not_405() {
    let shop = Shopper::new();
    let reply = set(&shop, "999", json!({"quantity": 1}));
    assert_eq!(reply.status, Status::NotFound);
    assert_eq!(
        message(&reply),
        "There is no product with the id 999. GET /api/products lists them."
    );
    assert_eq!(remove(&shop, "abc").status, Status::NotFound);
    let reply = add(&shop, json!({"product_id": 999}));
    assert_eq!(reply.status, Status::NotFound);
    assert_eq!(lines(&cart(&shop)), vec![]);
}

#[test]
fn a_new_visitor_builds_a_cart_through_the_api_and_sees_it_on_the_cart_page() {
    let shop = Shopper::new();
    let reply = add(&shop, json!({"product_id": 1, "quantity": 2}));
    assert_eq!(reply.status, Status::Ok);
    assert!(reply.set_cookie, "the first write starts the session");
    assert_eq!(lines(&reply.json), vec![(1, 2)]);
    let reply = add(&shop, json!({"product_id": 4}));
    assert_eq!(lines(&reply.json), vec![(1, 2), (4, 1)]);
    let reply = add(&shop, json!({"product_id": 1, "quantity": 3}));
    assert_eq!(lines(&reply.json), vec![(1, 5), (4, 1)]);
    assert_eq!(reply.json["item_count"], 6);

    let (status, page) = shop.visit("/cart");
    assert_eq!(status, Status::Ok);
    assert_eq!(testid_text(&page, "cart-item-count").as_deref(), Some("6"));
    assert_eq!(
        testid_text(&page, "line-total-1").as_deref(),
        Some("€72.50")
    );

    let reply = set(&shop, "4", json!({"quantity": 7}));
    assert_eq!(lines(&reply.json), vec![(1, 5), (4, 7)]);
    let reply = set(&shop, "1", json!({"quantity": 0}));
    assert_eq!(lines(&reply.json), vec![(4, 7)]);
    let reply = remove(&shop, "4");
    assert_eq!(reply.status, Status::Ok);
    assert_eq!(lines(&reply.json), vec![]);
    let reply = remove(&shop, "4");
    assert_eq!(reply.status, Status::Ok, "a line not in the cart is fine");
    assert_eq!(lines(&cart(&shop)), vec![]);
}

#[test]
fn a_cart_built_with_the_forms_is_changed_through_the_api() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(2, "1");
    let reply = set(&shop, "2", json!({"quantity": 9}));
    assert_eq!(reply.status, Status::Ok);
    assert_eq!(lines(&cart(&shop)), vec![(2, 9)]);
    assert_eq!(shop.signed_in_as().as_deref(), Some("Alice"));
}

#[test]
fn quantities_are_refused_as_the_forms_refuse_them_and_the_session_is_unchanged() {
    let shop = Shopper::new();
    add(&shop, json!({"product_id": 2, "quantity": 3}));
    let cookie = shop.session_cookie();
    let add_message = "Quantity must be a whole number from 1 to 99.";
    for quantity in [
        json!(0),
        json!(100),
        json!(-1),
        json!(1.5),
        json!("2"),
        json!(null),
        json!(1e30),
        json!(u64::MAX),
    ] {
        let reply = add(&shop, json!({"product_id": 2, "quantity": quantity}));
        assert_eq!(reply.status, Status::UnprocessableEntity, "{quantity}");
        assert_eq!(message(&reply), add_message, "{quantity}");
        assert_eq!(reply.json["error"]["field"], "quantity");
        assert!(!reply.set_cookie);
    }
    let set_message = "Quantity must be a whole number from 0 to 99 (0 removes the item).";
    for quantity in [json!(100), json!(-1), json!("3"), json!(true)] {
        let reply = set(&shop, "2", json!({"quantity": quantity}));
        assert_eq!(reply.status, Status::UnprocessableEntity, "{quantity}");
        assert_eq!(message(&reply), set_message, "{quantity}");
    }
    let reply = set(&shop, "2", json!({}));
    assert_eq!(message(&reply), set_message, "PATCH needs a quantity");
    assert_eq!(shop.session_cookie(), cookie);
    assert_eq!(lines(&cart(&shop)), vec![(2, 3)]);
}

#[test]
fn an_add_past_99_is_refused_with_the_forms_message() {
    let shop = Shopper::new();
    add(&shop, json!({"product_id": 1, "quantity": 60}));
    let reply = add(&shop, json!({"product_id": 1, "quantity": 40}));
    assert_eq!(reply.status, Status::UnprocessableEntity);
    assert_eq!(
        message(&reply),
        "You already have 60 × Rocket Mug in your cart, and a line holds at most 99. Choose a smaller quantity."
    );
    assert_eq!(lines(&cart(&shop)), vec![(1, 60)]);
}

#[test]
fn a_line_past_the_50th_product_is_refused_through_the_api() {
    let catalog = "currency = \"EUR\"\n".to_owned()
        + &(1..=51)
            .map(|id| {
                format!(
                    "[[products]]\nid = {id}\nname = \"Item {id}\"\ndescription = \"d\"\n\
                     price_cents = 100\nimage = \"img/rocket-mug.svg\"\n"
                )
            })
            .collect::<String>();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), catalog).unwrap();
    let shop = Shopper::with(crate::helpers::figment().merge(("catalog_path", file.path())));
    for id in 1..=50 {
        assert_eq!(add(&shop, json!({"product_id": id})).status, Status::Ok);
    }
    let reply = call(
        &shop,
        Method::Post,
        "/api/cart/lines",
        Some(json!({"product_id": 51})),
    );
    assert_eq!(reply.status, Status::UnprocessableEntity);
    assert_eq!(
        message(&reply),
        "Your cart already holds 50 different products. Remove one before adding another."
    );
    assert_eq!(cart(&shop)["lines"].as_array().unwrap().len(), 50);
}

#[test]
fn patching_a_line_the_cart_does_not_have_is_404_and_adds_nothing() {
    let shop = Shopper::new();
    add(&shop, json!({"product_id": 2}));
    let cookie = shop.session_cookie();

    for quantity in [5, 0] {
        let reply = call(
            &shop,
            Method::Patch,
            "/api/cart/lines/3",
            Some(json!({ "quantity": quantity })),
        );
        assert_eq!(reply.status, Status::NotFound);
        assert_eq!(
            message(&reply),
            "Product 3 has no line in the cart. Add it with POST /api/cart/lines first."
        );
    }
    assert_eq!(shop.session_cookie(), cookie);
    assert_eq!(lines(&cart(&shop)), vec![(2, 1)]);
}

#[test]
fn a_field_the_endpoint_does_not_take_is_named_in_field() {
    let shop = Shopper::new();
    let reply = call(
        &shop,
        Method::Post,
        "/api/cart/lines",
        Some(json!({"product_id": 1, "pad": 1})),
    );
    assert_eq!(reply.status, Status::UnprocessableEntity);
    assert_eq!(reply.json["error"]["field"], "pad");
}

#[test]
fn bodies_that_are_not_a_json_object_of_the_right_fields_are_refused() {
    let shop = Shopper::new();
    add(&shop, json!({"product_id": 2}));
    let cookie = shop.session_cookie();
    let post = |body: &str, content_type: ContentType| {
        call_with(
            &shop,
            Method::Post,
            "/api/cart/lines",
            Some(body.to_owned()),
            content_type,
            &[],
        )
    };
    let not_understood =
        "The body must be a JSON object, such as {\"product_id\": 1, \"quantity\": 2}.";
    for body in ["", "{", "[1, 2]", "\"x\"", "null", "{\"product_id\": 1,}"] {
        let reply = post(body, ContentType::JSON);
        assert_eq!(reply.status, Status::UnprocessableEntity, "{body:?}");
        assert_eq!(message(&reply), not_understood);
    }
    for body in [
        "{}",
        "{\"product_id\": \"abc\"}",
        "{\"product_id\": -1}",
        "{\"product_id\": 2.5}",
    ] {
        let reply = post(body, ContentType::JSON);
        assert_eq!(reply.status, Status::UnprocessableEntity, "{body:?}");
        assert_eq!(
            message(&reply),
            "product_id must be a product's id: a whole number from GET /api/products."
        );
        assert_eq!(reply.json["error"]["field"], "product_id");
    }
    let reply = post("{\"product_id\": 1, \"qty\": 2}", ContentType::JSON);
    assert_eq!(reply.status, Status::UnprocessableEntity);
    assert_eq!(
        message(&reply),
        "This endpoint does not take the field qty. It takes: product_id, quantity."
    );
    let form = "product_id=1&quantity=2";
    for content_type in [ContentType::Form, ContentType::Text, ContentType::Plain] {
        let reply = post(form, content_type.clone());
        assert_eq!(reply.status, Status::UnsupportedMediaType, "{content_type}");
        assert_eq!(
            message(&reply),
            "Send the body as JSON, with the header Content-Type: application/json."
        );
    }
    let json_as_text = post("{\"product_id\": 1}", ContentType::Plain);
    assert_eq!(json_as_text.status, Status::UnsupportedMediaType);
    let huge = format!(
        "{{\"product_id\": 1, \"pad\": \"{}\"}}",
        "x".repeat(17 * 1024)
    );
    assert_eq!(
        post(&huge, ContentType::JSON).status,
        Status::PayloadTooLarge
    );
    assert_eq!(shop.session_cookie(), cookie);
    assert_eq!(lines(&cart(&shop)), vec![(2, 1)]);
}

#[test]
fn writes_sent_by_another_site_are_refused_and_change_nothing() {
    let shop = Shopper::new();
    add(&shop, json!({"product_id": 2}));
    let cookie = shop.session_cookie();
    let refused = "Changes to the cart must come from this site: a request with another site's \
                   Origin, or with Sec-Fetch-Site: cross-site, is refused.";
    let foreign: [&[(&'static str, &'static str)]; 3] = [
        &[("Origin", "https://evil.example")],
        &[("Origin", "null")],
        &[("Sec-Fetch-Site", "cross-site")],
    ];
    for headers in foreign {
        for (method, path, body) in [
            (
                Method::Post,
                "/api/cart/lines",
                Some(json!({"product_id": 1})),
            ),
            (
                Method::Patch,
                "/api/cart/lines/2",
                Some(json!({"quantity": 5})),
            ),
            (Method::Delete, "/api/cart/lines/2", None),
        ] {
            let body = body.map(|b| b.to_string());
            let reply = call_with(&shop, method, path, body, ContentType::JSON, headers);
            assert_eq!(
                reply.status,
                Status::Forbidden,
                "{method} {path} {headers:?}"
            );
            assert_eq!(message(&reply), refused);
        }
    }
    assert_eq!(shop.session_cookie(), cookie);
    assert_eq!(lines(&cart(&shop)), vec![(2, 1)]);

    let same_site = [("Host", "shop.test"), ("Origin", "http://shop.test")];
    let body = Some(json!({"product_id": 1}).to_string());
    let reply = call_with(
        &shop,
        Method::Post,
        "/api/cart/lines",
        body,
        ContentType::JSON,
        &same_site,
    );
    assert_eq!(reply.status, Status::Ok, "this site's own pages may write");
}

#[test]
fn reading_the_api_never_creates_a_session() {
    let shop = Shopper::new();
    assert!(!call(&shop, Method::Get, "/api/products", None).set_cookie);
    assert!(!call(&shop, Method::Get, "/api/cart", None).set_cookie);
    assert!(!call(&shop, Method::Get, "/api/nope", None).set_cookie);
    assert_eq!(shop.session_cookie(), None);
}

#[test]
fn the_document_describes_every_api_route_and_nothing_else() {
    let served = &document().json;
    let generated: Value =
        serde_json::from_str(&session_shop::routes::api::ApiDocument::new().0).unwrap();
    assert_eq!(served, &generated);
    let mut documented: Vec<(String, String)> = served["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, operations)| {
            operations
                .as_object()
                .unwrap()
                .keys()
                .map(|method| (method.to_ascii_uppercase(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut mounted: Vec<(String, String)> = session_shop::rocket()
        .routes()
        .filter(|route| route.uri.path().starts_with("/api/"))
        .map(|route| {
            let path = route.uri.path().replace('<', "{").replace('>', "}");
            (route.method.as_str().to_owned(), path)
        })
        .collect();
    documented.sort();
    mounted.sort();
    assert_eq!(documented, mounted);
}

thread_local! {
    /// One browser for every case of the property below, its cart
    /// changing from case to case (launching an app per case is slow).
    static SHOP: Shopper = {
        let shop = Shopper::new();
        add(&shop, json!({"product_id": 3}));
        shop
    };
}

#[test]
fn the_schema_check_refuses_a_body_the_document_does_not_describe() {
    let shop = Shopper::new();
    let good = add(&shop, json!({"product_id": 1})).json;
    let doc = document();
    let at = doc.schema_location(Method::Post, "/api/cart/lines", Status::Ok);
    assert_eq!(doc.check(&at, &good), Ok(()));
    let mut extra = good.clone();
    extra["lines"][0]["colour"] = json!("red");
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("currency");
    let mut wrong = good.clone();
    wrong["lines"][0]["quantity"] = json!(100);
    for bad in [extra, missing, wrong, json!({"error": {"status": 404}})] {
        assert!(doc.check(&at, &bad).is_err(), "{bad}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever a client sends to a write endpoint, the answer is a
    /// documented refusal or the cart, and a refusal changes nothing.
    #[test]
    fn no_input_makes_a_write_fail_on_our_side(
        method in prop_oneof![Just(Method::Post), Just(Method::Patch), Just(Method::Delete)],
        segment in prop_oneof![Just("1".to_owned()), Just("99999999999".to_owned()), "[0-9a-z.~-]{0,12}"],
        body in prop_oneof![
            Just(None),
            "\\PC{0,40}".prop_map(Some),
            (any::<i64>(), any::<i64>()).prop_map(|(p, q)| Some(json!({"product_id": p, "quantity": q}).to_string())),
            (0u32..20, -2i64..120).prop_map(|(p, q)| Some(json!({"product_id": p, "quantity": q}).to_string())),
        ],
    ) {
        SHOP.with(|shop| {
            let cookie = shop.session_cookie();
            let path = match method {
                Method::Post => "/api/cart/lines".to_owned(),
                _ => format!("/api/cart/lines/{segment}"),
            };
            let reply = call_with(shop, method, &path, body, ContentType::JSON, &[]);
            prop_assert!(
                [200, 404, 405, 413, 415, 422].contains(&reply.status.code),
                "{} {} answered {}", method, path, reply.status
            );
            if reply.status != Status::Ok {
                prop_assert_eq!(shop.session_cookie(), cookie);
            }
            Ok(())
        })?;
    }
}

#[test]
fn the_personas_faults_stay_on_the_pages() {
    let shop = Shopper::new();
    shop.log_in_as("error");
    add(&shop, json!({"product_id": 2}));
    let reply = remove(&shop, "2");
    assert_eq!(reply.status, Status::Ok);
    assert_eq!(lines(&cart(&shop)), vec![]);

    let problem = Shopper::new();
    problem.log_in_as("problem");
    let images: Vec<Value> = products(&problem)
        .iter()
        .map(|p| p["image"].clone())
        .collect();
    let own: Vec<Value> = products(&Shopper::new())
        .iter()
        .map(|p| p["image"].clone())
        .collect();
    assert_eq!(images, own);
    assert_eq!(images[1], "/static/img/crab-plushie.svg");
}

#[test]
fn another_sites_preflight_is_never_approved() {
    let shop = Shopper::new();
    let request = shop
        .client
        .req(Method::Options, "/api/cart/lines")
        .header(Header::new("Origin", "https://evil.example"))
        .header(Header::new("Access-Control-Request-Method", "POST"))
        .header(Header::new(
            "Access-Control-Request-Headers",
            "content-type",
        ));
    let response = shop.send(request);
    assert_eq!(response.status(), Status::MethodNotAllowed);
    assert_eq!(response.headers().get_one("Allow"), Some("POST"));
    assert_eq!(
        response.headers().get_one("Access-Control-Allow-Origin"),
        None
    );
}

/// The rows of the guide's table of the API's messages: id, English, Spanish.
fn guide_messages() -> Vec<(String, String, String)> {
    let guide = std::fs::read_to_string("docs/TESTING.md").unwrap();
    let section = guide
        .split("\n## The JSON API\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the guide has a section on the JSON API");
    section
        .lines()
        .filter(|line| line.starts_with("| `api_"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            let code = |cell: &str| cell.trim().trim_matches('`').to_owned();
            (code(cells[0]), code(cells[1]), code(cells[2]))
        })
        .collect()
}

#[test]
fn the_guide_quotes_every_api_message_as_the_shop_words_it() {
    use session_shop::i18n::Texts;
    use session_shop::lang::Lang;
    let texts = Texts::load();
    let rows = guide_messages();
    for (id, english, spanish) in &rows {
        for (lang, quoted) in [(Lang::En, english), (Lang::Es, spanish)] {
            // Each `{ $name }` placeholder stands for itself.
            let names: Vec<String> = quoted
                .split("{ $")
                .skip(1)
                .filter_map(|rest| rest.split_once(" }").map(|(name, _)| name.to_owned()))
                .collect();
            let values: Vec<String> = names.iter().map(|n| format!("{{ ${n} }}")).collect();
            let args: Vec<_> = names
                .iter()
                .zip(&values)
                .map(|(n, v)| (n.as_str(), v.as_str().into()))
                .collect();
            assert_eq!(&texts.format(lang, id, &args), quoted, "{id} in {lang}");
        }
    }
    let ftl = std::fs::read_to_string("locales/en/api.ftl").unwrap();
    let ids: Vec<&str> = ftl
        .lines()
        .filter(|line| line.starts_with("api_"))
        .filter_map(|line| line.split(" = ").next())
        .collect();
    let quoted: Vec<&str> = rows.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(quoted, ids, "the guide quotes every API message, in order");
}

#[test]
fn a_refusals_title_is_its_statuss_title() {
    let shop = Shopper::new();
    let cases = [
        (
            add(&shop, json!({"product_id": 1, "quantity": 0})),
            "Request not understood",
        ),
        (add(&shop, json!({"product_id": 404})), "Not found"),
        (
            call(&shop, Method::Delete, "/api/cart", None),
            "Method not allowed",
        ),
    ];
    for (reply, title) in cases {
        assert_eq!(reply.json["error"]["title"], title);
        assert_eq!(reply.json["error"]["status"], reply.status.code);
    }
}

/// Signs alice in, buys two mugs and a poster through the forms, and
/// answers the order's id, from the address the shopper is sent to.
fn placed_order(shop: &Shopper) -> String {
    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);
    add(shop, json!({"product_id": 1, "quantity": 2}));
    add(shop, json!({"product_id": 3}));
    let placed = shop.check_out();
    assert_eq!(placed.status(), Status::SeeOther);
    location(&placed)
        .strip_prefix("/orders/")
        .expect("sent to the order page")
        .to_owned()
}

#[test]
fn the_last_order_reads_as_json_with_the_number_its_page_shows() {
    let shop = Shopper::new();
    let id = placed_order(&shop);
    let cart_was = |shop: &Shopper| cart(shop)["item_count"].as_u64().unwrap();
    assert_eq!(cart_was(&shop), 0, "placing the order emptied the cart");

    let reply = call(&shop, Method::Get, &format!("/api/orders/{id}"), None);
    assert_eq!(reply.status, Status::Ok);
    let order = &reply.json;
    assert_eq!(order["id"], id.as_str());
    let page = shop.visit(&format!("/orders/{id}")).1;
    let number = testid_text(&page, "order-number").expect("the page shows the number");
    assert_eq!(order["number"], number.as_str());

    let products = products(&shop);
    let price = |id: u64| {
        products.iter().find(|p| p["id"] == id).unwrap()["price_cents"]
            .as_u64()
            .unwrap()
    };
    let lines: Vec<(u64, u64, u64)> = order["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let (id, quantity) = (
                l["product_id"].as_u64().unwrap(),
                l["quantity"].as_u64().unwrap(),
            );
            assert_eq!(l["price_cents"].as_u64().unwrap(), price(id));
            (id, quantity, l["line_total_cents"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        lines,
        [(1, 2, 2 * price(1)), (3, 1, price(3))],
        "the lines as bought, priced then"
    );
    let subtotal = 2 * price(1) + price(3);
    assert_eq!(order["item_count"], 3);
    assert_eq!(order["subtotal_cents"], subtotal);
    let shipping = order["shipping_cents"].as_u64().unwrap();
    assert_eq!(shipping, if subtotal < 5_000 { 490 } else { 0 });
    assert_eq!(order["total_cents"], subtotal + shipping);
    assert_eq!(order["ship_to"]["full_name"], "Ada Lovelace");
    let placed = order["placed_at_ms"].as_i64().unwrap();
    assert_eq!(order["label_ready_at_ms"], placed + 3_000);
    assert!(!reply.set_cookie, "reading the order changes nothing");
}

#[test]
fn an_order_is_read_by_its_own_account_and_is_404_in_the_askers_language_to_anyone_else() {
    let shop = Shopper::new();
    let id = placed_order(&shop);
    let stranger = Shopper::new();
    let reply = call(&stranger, Method::Get, &format!("/api/orders/{id}"), None);
    assert_eq!(reply.status, Status::NotFound, "a guest");
    assert_eq!(
        message(&reply),
        format!(
            "The signed-in account has no order {id}: an order can be read by its own \
             account, by the id in its /orders/ address, while it is kept."
        )
    );
    let bob = Shopper::new();
    bob.log_in_as("bob");
    let reply = call(&bob, Method::Get, &format!("/api/orders/{id}"), None);
    assert_eq!(reply.status, Status::NotFound, "another account");
    shop.add_to_cart(2, "1");
    let newer = crate::helpers::location(&shop.check_out());
    let reply = call(&shop, Method::Get, &format!("/api/orders/{id}"), None);
    assert_eq!(
        reply.status,
        Status::Ok,
        "an older order of the account, not only its last: {newer}"
    );
    for other in [
        "00000000-0000-4000-8000-000000000000",
        "SS-0000-0000",
        "%FF",
    ] {
        let reply = call(&shop, Method::Get, &format!("/api/orders/{other}"), None);
        assert_eq!(reply.status, Status::NotFound, "{other}");
    }
    let spanish = Shopper::new().speaking("es");
    let reply = call(&spanish, Method::Get, &format!("/api/orders/{id}"), None);
    assert_eq!(reply.status, Status::NotFound);
    assert!(message(&reply).starts_with("La cuenta con la sesión iniciada no tiene el pedido"));
    assert_eq!(reply.language.as_deref(), Some("es"));
}
