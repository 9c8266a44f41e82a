//! End to end in a real browser: headless Chromium driven through
//! ChromeDriver with `fantoccini`, on the app served over real HTTP.
//! Elements are found by `data-testid`, `id` or `name`, never by their
//! (translatable) text.
//!
//! Each test has its own server, ChromeDriver and browser profile, so tests
//! do not depend on each other or on their order. To add one, write
//! `fn what_the_user_sees(browser: &Browser)` in the module of its area (its
//! steps in `browser.run(async { … })`) and add its name to that module's
//! `browser_tests!` list.

/// The trials of the listed `fn name(browser: &Browser)` tests of the calling
/// module: each gets a fresh [`Browser`] on its own shop.
macro_rules! browser_tests {
    ($($name:ident),* $(,)?) => {
        /// This module's browser tests.
        pub fn tests() -> Vec<libtest_mimic::Trial> {
            trials!(
                needs: [Chromium],
                run: |test| test(&$crate::browser::Browser::start()),
                tests: [$($name),*]
            )
        }
    };
}

mod accessibility;
mod faults;
mod layout;
mod screenshots;
mod shopping;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use rocket::tokio::runtime::Runtime;
use serde_json::{json, Value};
use session_shop::clock::Clock;

use crate::helpers::{self, free_port, PASSWORD};
use crate::CHROMIUM;

/// Every browser test.
pub fn tests() -> Vec<libtest_mimic::Trial> {
    [
        accessibility::tests(),
        faults::tests(),
        layout::tests(),
        screenshots::tests(),
        shopping::tests(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Waits until something listens on `port`.
fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not listen within 20 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The app served on `127.0.0.1` on a free port, on its own thread and
/// runtime. Dropping it shuts the server down and waits for it.
struct Server {
    base: String,
    shutdown: rocket::Shutdown,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(clock: Clock) -> Server {
        let port = free_port();
        let no_signals: [&str; 0] = [];
        let figment = helpers::figment()
            .merge(("address", "127.0.0.1"))
            .merge(("port", port))
            // No signal handlers in the test process, and a quick stop.
            .merge(("shutdown.ctrlc", false))
            .merge(("shutdown.signals", no_signals))
            .merge(("shutdown.grace", 1))
            .merge(("shutdown.mercy", 1));
        let runtime = Runtime::new().expect("a Tokio runtime");
        let rocket = runtime
            .block_on(session_shop::rocket_with(figment, clock).ignite())
            .expect("the app ignites");
        let shutdown = rocket.shutdown();
        let thread = std::thread::spawn(move || {
            runtime
                .block_on(rocket.launch())
                .expect("the app serves until shut down");
        });
        wait_for_port(port, "the app");
        Server {
            base: format!("http://127.0.0.1:{port}"),
            shutdown,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown.clone().notify();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// How a test's Chromium is set up, besides the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setup {
    /// JavaScript blocked, as in a browser where it is turned off.
    pub no_javascript: bool,
    /// The system asks for dark colours (`prefers-color-scheme: dark`).
    pub dark: bool,
    /// The browser's text size doubled (a default font of 32 px, not 16).
    pub large_text: bool,
    /// The shop's clock stands still (at 2026-06-01 10:00 UTC), so its
    /// pages show the same times on every run.
    pub still_clock: bool,
}

/// Where a [`Setup::still_clock`] stands: 2026-06-01 10:00:00 UTC.
const STILL_TIME: i64 = 1_780_308_000;

/// A headless Chromium on a fresh profile, driven through its own
/// ChromeDriver, looking at its own instance of the shop.
pub struct Browser {
    client: Client,
    runtime: Runtime,
    shop: Server,
    driver: Child,
    profile: PathBuf,
    setup: Setup,
}

impl Browser {
    /// A browser on a shop of its own; the machine has what
    /// [`crate::Need::Chromium`] names.
    pub fn start() -> Browser {
        Browser::start_set_up(Setup::default())
    }

    /// Like [`Browser::start`], with a browser set up as `setup` says.
    pub fn start_set_up(setup: Setup) -> Browser {
        let clock = if setup.still_clock {
            Clock::manual(STILL_TIME)
        } else {
            Clock::System
        };
        let shop = Server::start(clock);
        let port = free_port();
        // NOTE: ChromeDriver hands its environment to Chromium, which then
        // finds only the fonts this file names.
        let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/system/browser/fonts.conf");
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .env("FONTCONFIG_FILE", fonts)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        wait_for_port(port, "chromedriver");
        let profile = std::env::temp_dir().join(format!(
            "session-shop-chromium-{}-{port}",
            std::process::id()
        ));
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--hide-scrollbars".to_owned(),
            "--window-size=1280,900".to_owned(),
            "--lang=en-US".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        if setup.dark {
            args.push("--force-dark-mode".to_owned());
        }
        // Chromium's content setting for JavaScript: 2 blocks it on every site.
        let javascript = if setup.no_javascript { 2 } else { 1 };
        let text_size = if setup.large_text { 32 } else { 16 };
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": args,
                "prefs": {
                    "profile.managed_default_content_settings.javascript": javascript,
                    "webkit.webprefs.default_font_size": text_size,
                },
            },
            // The console's messages, for the tests that read them.
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("capabilities are an object")
        };
        let runtime = Runtime::new().expect("a Tokio runtime");
        let client = runtime
            .block_on(
                ClientBuilder::new(HttpConnector::new())
                    .capabilities(capabilities)
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .expect("a Chromium session");
        Browser {
            client,
            runtime,
            shop,
            driver,
            profile,
            setup,
        }
    }

    /// How this browser was set up.
    pub fn setup(&self) -> Setup {
        self.setup
    }

    /// Runs the test's steps.
    pub fn run<T>(&self, steps: impl std::future::Future<Output = T>) -> T {
        self.runtime.block_on(steps)
    }

    /// The full address of `path` on this browser's shop.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.shop.base)
    }

    /// Opens `path` and waits for it to load.
    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    /// The path (and query) shown in the address bar.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("the current URL");
        let path = url.as_str().strip_prefix(&self.shop.base);
        path.unwrap_or_else(|| panic!("{url} is not on {}", self.shop.base))
            .to_owned()
    }

    /// The element matching `css`.
    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!("find {css} on {}: {e}", self.path().await),
        }
    }

    /// Every element matching `css`.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// The element with `data-testid="testid"`.
    pub async fn testid(&self, testid: &str) -> Element {
        self.find(&format!("[data-testid=\"{testid}\"]")).await
    }

    /// The visible text of the element with `data-testid="testid"`.
    pub async fn text(&self, testid: &str) -> String {
        let element = self.testid(testid).await;
        element.text().await.expect("an element's text")
    }

    /// The attribute `name` of the element matching `css`.
    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        let element = self.find(css).await;
        element.attr(name).await.expect("an attribute")
    }

    /// Replaces the value of the field matching `css` with `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("a field clears");
        field.send_keys(text).await.expect("typing in a field");
    }

    /// Clicks what matches `css` and waits until the next page has loaded.
    pub async fn click_and_wait(&self, css: &str) {
        self.mark_page().await;
        let element = self.find(css).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
        self.wait_for_new_page().await;
    }

    /// Chooses `value` in the select matching `css` (which changes nothing
    /// yet), presses the button `apply`, and waits for the page it leads to.
    pub async fn choose_and_apply(&self, css: &str, value: &str, apply: &str) {
        let select = self.find(css).await;
        select
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("choose {value} in {css}: {e}"));
        self.click_and_wait(apply).await;
    }

    /// Opens the header's menu when its contents are hidden (narrow screens).
    pub async fn open_menu(&self) {
        let shown = "return document.getElementById('lang').checkVisibility();";
        if self.js(shown).await != Value::Bool(true) {
            self.find("#site-menu-toggle")
                .await
                .click()
                .await
                .expect("the menu opens");
        }
    }

    /// Runs `script` in the page with `args` (as `arguments`) and answers
    /// what it returns.
    pub async fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script {script}: {e}"))
    }

    /// Runs `script` in the page and answers what it returns.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script {script}: {e}"))
    }

    async fn mark_page(&self) {
        self.js("window.__sessionShopOldPage = true;").await;
    }

    async fn wait_for_new_page(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let check = "return !window.__sessionShopOldPage && document.readyState === 'complete';";
        loop {
            if let Ok(Value::Bool(true)) = self.client.execute(check, Vec::new()).await {
                return;
            }
            assert!(Instant::now() < deadline, "no new page within 20 s");
            rocket::tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Presses and releases each key of `keys`, one after the other.
    pub async fn press(&self, keys: &str) {
        let actions = typing(KeyActions::new("keyboard".to_owned()), keys);
        self.client
            .perform_actions(actions)
            .await
            .expect("the keyboard types");
    }

    /// Selects what the focused field holds (Control+A) and types `text`
    /// over it.
    pub async fn select_all_and_type(&self, text: &str) {
        let control: char = Key::Control.into();
        let select_all = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: 'a' })
            .then(KeyAction::Up { value: 'a' })
            .then(KeyAction::Up { value: control });
        let actions = typing(select_all, text);
        self.client
            .perform_actions(actions)
            .await
            .expect("the keyboard types");
    }

    /// Presses Tab until the element with `id` has the focus.
    pub async fn tab_to(&self, id: &str) {
        for _ in 0..60 {
            if self.focused_id().await == id {
                return;
            }
            self.press(&Key::Tab.to_string()).await;
        }
        panic!("Tab never reached #{id} on {}", self.path().await);
    }

    /// The `id` of the element that has the focus.
    pub async fn focused_id(&self) -> String {
        let id = self.js("return document.activeElement && document.activeElement.id;");
        id.await.as_str().unwrap_or_default().to_owned()
    }

    /// Presses Enter on the focused element and waits for the next page.
    pub async fn enter_and_wait(&self) {
        self.mark_page().await;
        self.press(&Key::Enter.to_string()).await;
        self.wait_for_new_page().await;
    }

    /// Makes the page `width` CSS pixels wide (and `height` tall).
    pub async fn resize(&self, width: u32, height: u32) {
        let mut outer = width;
        for _ in 0..5 {
            self.client
                .set_window_size(outer, height)
                .await
                .expect("the window resizes");
            let inner = self.js("return window.innerWidth;").await.as_u64();
            let inner = inner.expect("the page's width") as u32;
            if inner == width {
                return;
            }
            // NOTE: the window's frame is a few pixels at most; a reading
            // taken mid-resize must not send the next guess out of range.
            let next = i64::from(outer) + i64::from(width) - i64::from(inner);
            outer = next.clamp(i64::from(width), i64::from(width) + 100) as u32;
            rocket::tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page could not be made {width} px wide");
    }

    /// Makes the page exactly `width` × `height` CSS pixels.
    pub async fn resize_viewport(&self, width: u32, height: u32) {
        let (mut outer_width, mut outer_height) = (width, height);
        for _ in 0..10 {
            self.client
                .set_window_size(outer_width, outer_height)
                .await
                .expect("the window resizes");
            // NOTE: a window may still be resizing when the call returns;
            // its size counts once two readings agree.
            let mut inner = self.js("return [innerWidth, innerHeight];").await;
            loop {
                rocket::tokio::time::sleep(Duration::from_millis(50)).await;
                let again = self.js("return [innerWidth, innerHeight];").await;
                if again == inner {
                    break;
                }
                inner = again;
            }
            let inner = |i: usize| inner[i].as_i64().expect("the page's size");
            if (inner(0), inner(1)) == (i64::from(width), i64::from(height)) {
                return;
            }
            // NOTE: the window's frame is what the window has beyond the
            // page, a few hundred pixels at most; a reading taken mid-resize
            // must not send the next guess out of range.
            let frame = |outer: u32, inner: i64, want: u32| {
                let next = i64::from(outer) + i64::from(want) - inner;
                next.clamp(i64::from(want), i64::from(want) + 300) as u32
            };
            outer_width = frame(outer_width, inner(0), width);
            outer_height = frame(outer_height, inner(1), height);
        }
        panic!("the page could not be made {width} × {height} px");
    }

    /// Waits until `condition` (a JavaScript expression) holds on the page.
    pub async fn wait_for(&self, condition: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let check = format!("return Boolean({condition});");
        while self.js(&check).await != Value::Bool(true) {
            assert!(
                Instant::now() < deadline,
                "{condition} not true within 20 s"
            );
            rocket::tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// How much wider than the window the page is (0 when nothing scrolls
    /// sideways).
    pub async fn sideways_overflow(&self) -> i64 {
        let script = "return document.documentElement.scrollWidth - window.innerWidth;";
        self.js(script).await.as_i64().expect("a width")
    }

    /// Saves the whole page, `width` wide, as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str, width: u32) {
        let height = self
            .js("return document.documentElement.scrollHeight;")
            .await;
        let height = height.as_u64().unwrap_or(900).clamp(600, 4000) as u32;
        self.resize(width, height).await;
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("the screenshot folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("the screenshot is saved");
    }

    /// Switches the shop's language with the header's select.
    pub async fn speak(&self, lang: &str) {
        if self.attribute("html", "lang").await.as_deref() != Some(lang) {
            self.open_menu().await;
            self.choose_and_apply("#lang", lang, "#language-apply")
                .await;
        }
        assert_eq!(self.attribute("html", "lang").await.as_deref(), Some(lang));
    }

    /// Adds one of product `id` with its Add to cart on the grid.
    pub async fn add_from_grid(&self, id: u32) {
        self.goto("/").await;
        self.click_and_wait(&format!("#add-to-cart-{id}")).await;
    }

    /// Adds `quantity` of product `id` from its page.
    pub async fn add_from_product_page(&self, id: u32, quantity: &str) {
        self.goto(&format!("/products/{id}")).await;
        self.fill(&format!("#product-quantity-{id}"), quantity)
            .await;
        self.click_and_wait(&format!("#add-to-cart-{id}")).await;
    }

    /// Signs in as `username` from the login page.
    pub async fn log_in_as(&self, username: &str) {
        self.goto("/login").await;
        self.fill("#username", username).await;
        self.fill("#password", PASSWORD).await;
        self.click_and_wait("#login-button").await;
    }

    /// Puts a shopper speaking `lang` where every main page can be shown:
    /// three products in the cart (four items), signed in as alice,
    /// shipping details given.
    pub async fn prepare_a_shopper(&self, lang: &str) {
        self.goto("/").await;
        self.speak(lang).await;
        self.add_from_product_page(1, "2").await;
        self.add_from_grid(3).await;
        self.add_from_grid(5).await;
        self.log_in_as("alice").await;
        self.give_shipping_details().await;
    }

    /// Gives the shipping details on the checkout page.
    pub async fn give_shipping_details(&self) {
        self.goto("/checkout").await;
        for (field, value) in helpers::GOOD_SHIPPING {
            self.fill(&format!("#{field}"), value).await;
        }
        self.click_and_wait("#continue-to-review").await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let client = self.client.clone();
        let _ = self.runtime.block_on(client.close());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Where screenshots go: `target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("screenshots")
}

/// The digits of a price, as a number of cents: "€43.50" (or "43,50 €") is 4350.
pub fn cents(price: &str) -> u64 {
    let digits: String = price.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no price in {price:?}"))
}

/// `actions` followed by pressing and releasing each key of `keys`.
fn typing(mut actions: KeyActions, keys: &str) -> KeyActions {
    for key in keys.chars() {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    actions
}
