//! The static files go out compressed when the browser accepts it: brotli,
//! else gzip, else as they are on disk; each form is exactly the file.

use rocket::http::{Header, Status};
use rocket::local::blocking::LocalResponse;

use crate::helpers::{decoded, Shopper};

/// A stylesheet, a script and a picture: the kinds of files kept compressed.
const FILES: [&str; 3] = ["css/shop.css", "js/shop.js", "img/crab-plushie.svg"];

/// `GET /static/<file>` with `Accept-Encoding: accept` (none when `None`).
fn fetch<'c>(shop: &'c Shopper, file: &str, accept: Option<&str>) -> LocalResponse<'c> {
    let request = shop.client.get(format!("/static/{file}"));
    match accept {
        Some(value) => shop.send(request.header(Header::new("Accept-Encoding", value.to_owned()))),
        None => shop.send(request),
    }
}

fn on_disk(file: &str) -> Vec<u8> {
    std::fs::read(format!("static/{file}")).expect("the file is in static/")
}

#[test]
fn each_coding_gives_back_exactly_the_file_on_disk() {
    let shop = Shopper::new();
    for file in FILES {
        for (accept, coding) in [
            (Some("gzip, deflate, br, zstd"), Some("br")),
            (Some("gzip, deflate"), Some("gzip")),
            (None, None),
            (Some("identity"), None),
        ] {
            let response = fetch(&shop, file, accept);
            assert_eq!(response.status(), Status::Ok, "{file} {accept:?}");
            assert_eq!(
                response.headers().get_one("Vary"),
                Some("Accept-Encoding"),
                "{file} {accept:?}"
            );
            let (sent, plain) = decoded(response);
            assert_eq!(sent.as_deref(), coding, "{file} {accept:?}");
            assert!(
                plain == on_disk(file),
                "{file} {accept:?}: not the file on disk"
            );
        }
    }
}

#[test]
fn compressed_forms_are_smaller_and_keep_type_and_caching() {
    let shop = Shopper::new();
    let stylesheet = on_disk("css/shop.css");
    let html = shop.visit("/").1;
    let start = html
        .find("/static/css/shop.css?v=")
        .expect("a versioned stylesheet");
    let end = start + html[start..].find('"').expect("the link ends");
    for accept in ["br", "gzip"] {
        let response = shop.send(
            shop.client
                .get(html[start..end].to_owned())
                .header(Header::new("Accept-Encoding", accept)),
        );
        assert_eq!(
            response.headers().get_one("Content-Type"),
            Some("text/css; charset=utf-8")
        );
        assert_eq!(
            response.headers().get_one("Cache-Control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(response.headers().get_one("Content-Encoding"), Some(accept));
        let size = response.into_bytes().expect("a body").len();
        assert!(
            size * 3 < stylesheet.len(),
            "{accept}: {size} of {} bytes",
            stylesheet.len()
        );
    }
}

#[test]
fn the_weights_in_accept_encoding_are_followed() {
    let shop = Shopper::new();
    for (accept, coding) in [
        ("br;q=0.5, gzip;q=0.9", Some("gzip")),
        ("br;q=0, gzip", Some("gzip")),
        ("gzip;q=0.4, identity", None),
        ("*", Some("br")),
        ("*;q=0.5, br;q=0", Some("gzip")),
        ("br;q=0, gzip;q=0, identity;q=0", None),
    ] {
        let (sent, plain) = decoded(fetch(&shop, "css/shop.css", Some(accept)));
        assert_eq!(sent.as_deref(), coding, "{accept}");
        assert!(plain == on_disk("css/shop.css"), "{accept}");
    }
}

#[test]
fn an_odd_accept_encoding_still_gets_the_file() {
    let shop = Shopper::new();
    let long = "gzip;q=0.1,".repeat(2_000);
    for accept in [
        "",
        " , ,, ;",
        "br;q=2",
        "br;q=-1, gzip;q=abc",
        "br;q=NaN",
        ";q=1",
        "BR",
        "gzip;;;q",
        "deflate, compress, zstd",
        "\u{7f}br",
        long.as_str(),
    ] {
        let response = fetch(&shop, "css/shop.css", Some(accept));
        assert_eq!(response.status(), Status::Ok, "{accept:?}");
        let (_, plain) = decoded(response);
        assert!(plain == on_disk("css/shop.css"), "{accept:?}");
    }
}

#[test]
fn head_answers_the_headers_without_the_body() {
    let shop = Shopper::new();
    let response = shop.send(
        shop.client
            .head("/static/css/shop.css")
            .header(Header::new("Accept-Encoding", "br")),
    );
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.headers().get_one("Content-Encoding"), Some("br"));
    assert_eq!(response.headers().get_one("Vary"), Some("Accept-Encoding"));
    assert_eq!(
        response.headers().get_one("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert!(response.into_bytes().unwrap_or_default().is_empty());
}

#[test]
fn a_missing_file_is_not_found() {
    let shop = Shopper::new();
    for path in [
        "/static/css/missing.css",
        "/static/css",
        "/static/css/",
        "/static/",
    ] {
        let response = shop.send(
            shop.client
                .get(path)
                .header(Header::new("Accept-Encoding", "br, gzip")),
        );
        assert_eq!(response.status(), Status::NotFound, "{path}");
    }
}

#[test]
fn no_path_leads_outside_the_static_directory() {
    let shop = Shopper::new();
    // Rocket.toml sits beside static/, Cargo.toml one more level up from css/.
    for path in [
        "/static/../Rocket.toml",
        "/static/%2e%2e/Rocket.toml",
        "/static/..%2fRocket.toml",
        "/static/..%5cRocket.toml",
        "/static/css/../../Rocket.toml",
        "/static/css/..%2f..%2fRocket.toml",
        "/static/%2fetc%2fpasswd",
        "/static//etc/passwd",
        "/static/css%2fshop.css",
    ] {
        let response = shop.get(path);
        assert_eq!(response.status(), Status::NotFound, "{path}");
    }
}
