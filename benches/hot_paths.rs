//! Time and heap allocations per operation on the hot paths: the session
//! codec, cart pricing, whole page requests (as they are and compressed),
//! and the compressors a page could go out in.
//!
//! Run with `cargo bench --bench hot_paths`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use flate2::Compression;
use rocket::http::{ContentType, Cookie, Header};
use rocket::local::blocking::Client;
use rocket_dyn_templates::tera;
use session_shop::cart::{Cart, Quantity, MAX_LINES};
use session_shop::catalog::{Catalog, ProductId, SortOrder};
use session_shop::clock::Clock;
use session_shop::encoding;
use session_shop::lang::Lang;
use session_shop::personas::Persona;
use session_shop::session::cookie::{decode, encode};
use session_shop::session::SessionData;
use session_shop::views::grid::{render_cards, CARD_TEMPLATE};
use session_shop::views::{messages, CartView, Layout as PageLayout};

/// What browsers send (Chromium, Firefox).
const BROWSER_ACCEPTS: &str = "gzip, deflate, br, zstd";

/// Counts every allocation the program makes.
struct CountingAllocator;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `op` `iterations` times; prints the mean time and allocations.
fn measure(name: &str, iterations: u32, mut op: impl FnMut()) {
    for _ in 0..iterations / 10 {
        op();
    }
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);
    let started = Instant::now();
    for _ in 0..iterations {
        op();
    }
    let elapsed = started.elapsed();
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - allocations;
    println!(
        "{name:<44} {:>10.2} µs/op {:>8.1} allocations/op",
        elapsed.as_secs_f64() * 1e6 / f64::from(iterations),
        allocations as f64 / f64::from(iterations),
    );
}

/// A session whose cart holds every product at 99, for a full page.
fn full_session(catalog: &Catalog) -> SessionData {
    let mut data = SessionData::new(Clock::System.now());
    for product in catalog.products().iter().take(MAX_LINES) {
        data.cart.add(product.id, Quantity::MAX).ok();
    }
    data.username = Some("user".into());
    data
}

fn main() {
    let catalog = Catalog::from_toml(&std::fs::read_to_string("data/catalog.toml").unwrap())
        .expect("the shipped catalog loads");
    let data = full_session(&catalog);
    let encoded = encode(&data);
    println!(
        "full-cart session: {} bytes before sealing\n",
        encoded.len()
    );

    measure("session: encode (full cart)", 100_000, || {
        black_box(encode(black_box(&data)));
    });
    measure("session: decode (full cart)", 100_000, || {
        let _ = black_box(decode(black_box(&encoded)));
    });
    measure("cart: price a full cart", 100_000, || {
        black_box(black_box(&data.cart).priced(&catalog));
    });
    measure("cart: add to a full line (refused)", 1_000_000, || {
        let mut cart: Cart = black_box(data.cart.clone());
        black_box(cart.add(ProductId(1), Quantity::MIN)).ok();
    });
    measure("money: format a total", 1_000_000, || {
        black_box(
            catalog
                .currency()
                .format(black_box(data.cart.priced(&catalog).total), Lang::Es),
        );
    });

    let figment = rocket::Config::figment()
        .merge(("secret_key", "Jd6PV5mJz6yq0b1bGUV8C3t0H5oR0P1C0Yd3rX2qg9k="))
        .merge(("log_level", "off"));
    let client = Client::untracked(session_shop::rocket_with(figment, Clock::System))
        .expect("the app launches");
    let set = client.get("/test/session/set").dispatch();
    let cookie = set
        .cookies()
        .get("session")
        .expect("a session")
        .value()
        .to_owned();
    drop(set);
    let mut cookie = cookie;
    // Fill the cart through the app itself, keeping the cookie it answers.
    for product in catalog.products() {
        let page = client
            .get("/cart")
            .cookie(Cookie::new("session", cookie.clone()))
            .dispatch();
        if let Some(sealed) = page.cookies().get("session") {
            cookie = sealed.value().to_owned();
        }
        let html = page.into_string().unwrap();
        let token = html.split("name=\"csrf_token\" value=\"").nth(1).unwrap();
        let token = &token[..token.find('"').unwrap()];
        let added = client
            .post("/cart/add")
            .header(ContentType::Form)
            .cookie(Cookie::new("session", cookie.clone()))
            .body(format!(
                "csrf_token={token}&product_id={}&quantity=99",
                product.id
            ))
            .dispatch();
        cookie = added.cookies().get("session").unwrap().value().to_owned();
    }
    let get = |path: &'static str| {
        let response = client
            .get(path)
            .cookie(Cookie::new("session", cookie.clone()))
            .dispatch();
        black_box(response.into_bytes());
    };
    measure("request: GET /test/session/check", 5_000, || {
        get("/test/session/check")
    });
    measure("request: GET /api/cart (full cart)", 5_000, || {
        get("/api/cart")
    });
    measure("request: GET /cart page (full cart)", 2_000, || {
        get("/cart")
    });
    measure("request: GET / product grid", 2_000, || get("/"));

    // What compressing a page costs: the same requests as a browser sends
    // them, then each candidate coding alone on the grid's own bytes.
    let get_compressed = |path: &'static str| {
        let response = client
            .get(path)
            .cookie(Cookie::new("session", cookie.clone()))
            .header(Header::new("Accept-Encoding", BROWSER_ACCEPTS))
            .dispatch();
        black_box(response.into_bytes());
    };
    measure("request: GET /cart page, compressed", 2_000, || {
        get_compressed("/cart")
    });
    measure("request: GET / product grid, compressed", 2_000, || {
        get_compressed("/")
    });
    println!("\nbytes on the wire ({BROWSER_ACCEPTS}), full cart, signed out:");
    for path in [
        "/",
        "/products/1",
        "/cart",
        "/login",
        "/learn",
        "/session",
        "/nowhere",
    ] {
        let as_is = client
            .get(path)
            .cookie(Cookie::new("session", cookie.clone()))
            .dispatch()
            .into_bytes()
            .map_or(0, |page| page.len());
        let response = client
            .get(path)
            .cookie(Cookie::new("session", cookie.clone()))
            .header(Header::new("Accept-Encoding", BROWSER_ACCEPTS))
            .dispatch();
        let coding = response
            .headers()
            .get_one("Content-Encoding")
            .unwrap_or("identity")
            .to_owned();
        let sent = response.into_bytes().map_or(0, |page| page.len());
        println!("  {path:<14} {as_is:>7} bytes as they are, {sent:>7} sent ({coding})");
    }
    let grid = client
        .get("/")
        .cookie(Cookie::new("session", cookie.clone()))
        .dispatch()
        .into_bytes()
        .unwrap();
    let cart = client
        .get("/cart")
        .cookie(Cookie::new("session", cookie.clone()))
        .dispatch()
        .into_bytes()
        .unwrap();
    type Compressor = fn(&[u8]) -> Option<Vec<u8>>;
    let candidates: [(&str, Compressor); 7] = [
        ("gzip 1", |page| encoding::gzip(page, Compression::new(1))),
        ("gzip 2", |page| encoding::gzip(page, Compression::new(2))),
        ("gzip 6", |page| encoding::gzip(page, Compression::new(6))),
        ("brotli 0", |page| encoding::brotli(page, 0)),
        ("brotli 1", |page| encoding::brotli(page, 1)),
        ("brotli 2", |page| encoding::brotli(page, 2)),
        ("brotli 4", |page| encoding::brotli(page, 4)),
    ];
    println!(
        "\npages as they are: grid {} bytes, cart (full) {} bytes",
        grid.len(),
        cart.len()
    );
    for (name, compress) in candidates {
        let sizes = (
            compress(&grid).map_or(0, |c| c.len()),
            compress(&cart).map_or(0, |c| c.len()),
        );
        println!("{name}: grid {} bytes, cart {} bytes", sizes.0, sizes.1);
        measure(&format!("compress: grid, {name}"), 2_000, || {
            black_box(compress(black_box(&grid)));
        });
        measure(&format!("compress: cart (full), {name}"), 2_000, || {
            black_box(compress(black_box(&cart)));
        });
    }

    // The same pages rendered by Tera alone, from the same view data, with
    // no Rocket, no session and no request around them: a page's floor.
    let catalog =
        Catalog::from_toml(&std::fs::read_to_string("data/catalog.toml").unwrap()).unwrap();
    let links = session_shop::routes::links::build(&catalog);
    let assets = session_shop::assets::Assets::load(std::path::Path::new("static"));
    let shop = session_shop::shop::Shop::new(
        catalog,
        session_shop::i18n::Texts::load(),
        std::sync::Arc::new(
            session_shop::auth::Accounts::load(std::path::Path::new("data/users.toml")).unwrap(),
        ),
        links,
        std::sync::Arc::new(assets),
    );
    let tera = page_engine();
    let lang = Lang::En;
    let cart_context = || {
        let layout = PageLayout::for_data(&data, None, &shop, lang);
        let priced = data.cart.priced(&shop.catalog);
        let cart = CartView::new(&priced, &shop, lang, Persona::Normal);
        tera::Context::from_serialize(serde_json::json!({
            "layout": layout, "cart": cart, "error": null
        }))
        .unwrap()
    };
    measure("tera alone: cart page (full cart)", 2_000, || {
        black_box(tera.render("cart/show", &cart_context()).unwrap());
    });
    // The cards as the app keeps them: rendered once, before measuring.
    let kept = render_cards(SortOrder::Featured, lang, Persona::Normal, &shop, |card| {
        let context = tera::Context::from_serialize(card).ok()?;
        tera.render(CARD_TEMPLATE, &context).ok()
    })
    .unwrap();
    let cards: Vec<_> = kept.iter().map(|card| card.shown(&data.cart)).collect();
    let grid_context = || {
        let layout = PageLayout::for_data(&data, None, &shop, lang);
        let sort_options: Vec<_> = SortOrder::ALL
            .iter()
            .map(|&o| {
                serde_json::json!({
                    "key": o.key(),
                    "label": shop.texts.get(lang, messages::sort_label(o)),
                    "selected": o.key() == "featured",
                })
            })
            .collect();
        tera::Context::from_serialize(serde_json::json!({
            "layout": layout, "cards": cards, "sort_options": sort_options,
            "sort": "featured"
        }))
        .unwrap()
    };
    measure("tera alone: product grid", 2_000, || {
        black_box(tera.render("shop/index", &grid_context()).unwrap());
    });
}

/// Tera with the shop's templates, named as `rocket_dyn_templates` names
/// them (`cart/show` for `templates/cart/show.html.tera`), set up like the app.
fn page_engine() -> tera::Tera {
    fn visit(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, found);
            } else if let Some(name) = path
                .strip_prefix("templates")
                .ok()
                .and_then(|p| p.to_str())
                .and_then(|p| p.strip_suffix(".html.tera"))
            {
                found.push((name.to_owned(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut templates = Vec::new();
    visit(std::path::Path::new("templates"), &mut templates);
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(templates).unwrap();
    let assets = session_shop::assets::Assets::load(std::path::Path::new("static"));
    session_shop::configure_tera(&mut tera, std::sync::Arc::new(assets));
    tera
}
