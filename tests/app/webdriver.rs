//! A tiny W3C WebDriver client: headless Chromium through ChromeDriver,
//! spoken over plain HTTP/1.1 on a `TcpStream` with `serde_json` bodies.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The browser the tests drive (Debian's `chromium` package).
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The key under which WebDriver answers an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Whether the browser tests can run. When Chromium or ChromeDriver is
/// missing, a test run under CI (`CI` set) fails; elsewhere the test named
/// `test` prints that it was skipped and the caller returns.
pub fn browser_available(test: &str) -> bool {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).is_file() {
        missing.push(CHROMIUM.to_owned());
    }
    if find_in_path("chromedriver").is_none() {
        missing.push("chromedriver (on PATH)".to_owned());
    }
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(" and ");
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: {missing} not found, and CI is set, so the browser test cannot be skipped; \
             install them with `apt-get install chromium chromium-driver`"
        );
    }
    println!("browser test {test} skipped: {missing} not found");
    false
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// A port nobody was listening on a moment ago.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    listener.local_addr().expect("a bound address").port()
}

/// One HTTP/1.1 exchange with `127.0.0.1:port`: the status and the body.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    // ChromeDriver keeps the connection open: read `Content-Length` bytes.
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok());
    let mut length = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let status = status.ok_or_else(|| std::io::Error::other("no HTTP status line"))?;
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// A JSON string's text; anything else is a broken WebDriver answer.
fn string(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => panic!("WebDriver answered {other} where text was expected"),
    }
}

/// Headless Chromium in its own ChromeDriver and profile. Dropping it
/// ends the WebDriver session, stops ChromeDriver and removes the profile.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
}

impl Browser {
    /// Starts ChromeDriver on a free port, waits until it is ready and opens
    /// a session with a fresh profile.
    pub fn launch() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile =
            std::env::temp_dir().join(format!("session-shop-chromium-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&profile).expect("a temporary browser profile");
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            profile,
        };
        browser.wait_until_ready();
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "timeouts": { "implicit": 5000, "pageLoad": 30000, "script": 30000 },
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run",
                    format!("--user-data-dir={}", browser.profile.display()),
                ],
            },
        }}});
        let mut answer = browser.call("POST", "/session", Some(capabilities));
        browser.session = string(answer["sessionId"].take());
        browser
    }

    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!("chromedriver exited at start-up with {status}");
            }
            if let Ok((200, body)) = http(self.port, "GET", "/status", None) {
                let status: Value = serde_json::from_str(&body).unwrap_or_default();
                if status["value"]["ready"] == true {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver was not ready within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// One WebDriver command; the answer's `value`, or an error message.
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.or_else(|| (method == "POST").then(|| json!({})));
        let (status, text) =
            http(self.port, method, path, body.as_ref()).map_err(|e| e.to_string())?;
        let mut answer: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
        match status {
            200 => Ok(answer["value"].take()),
            _ => Err(format!("HTTP {status}: {}", answer["value"])),
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|error| panic!("WebDriver {method} {path} failed: {error}"))
    }

    /// A command on this session (`path` after `/session/<id>`).
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Loads `url` and waits for it.
    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    /// The address of the current page.
    pub fn current_url(&self) -> String {
        string(self.command("GET", "/url", None))
    }

    /// The first element matching the CSS `selector` (waiting up to 5 s).
    pub fn find(&self, selector: &str) -> Element<'_> {
        let mut found = self.command(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": selector })),
        );
        let id = string(found[ELEMENT_KEY].take());
        Element { browser: self, id }
    }

    /// The element with `data-testid="testid"`.
    pub fn testid(&self, testid: &str) -> Element<'_> {
        self.find(&format!("[data-testid=\"{testid}\"]"))
    }

    /// The cookie called `name`, as WebDriver describes it (`httpOnly`, `sameSite`, …).
    pub fn cookie(&self, name: &str) -> Value {
        self.command("GET", &format!("/cookie/{name}"), None)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.try_call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// An element found on the current page.
pub struct Element<'b> {
    browser: &'b Browser,
    id: String,
}

impl Element<'_> {
    fn command(&self, method: &str, action: &str, body: Option<Value>) -> Value {
        let path = format!("/element/{}{action}", self.id);
        self.browser.command(method, &path, body)
    }

    fn try_command(&self, method: &str, action: &str) -> Result<Value, String> {
        let path = format!(
            "/session/{}/element/{}{action}",
            self.browser.session, self.id
        );
        self.browser.try_call(method, &path, None)
    }

    /// Clicks it.
    pub fn click(&self) {
        self.command("POST", "/click", None);
    }

    /// Clicks a link or submit button and waits until the browser has left
    /// the page (the click only queues a form's submission), so the next
    /// command sees the new page, even one at the same address.
    pub fn click_and_wait(&self) {
        let page = self.browser.find("html");
        self.click();
        let deadline = Instant::now() + Duration::from_secs(10);
        // Once the page is replaced, its elements are stale: asking for
        // their tag name fails.
        while page.try_command("GET", "/name").is_ok() {
            assert!(
                Instant::now() < deadline,
                "the click did not load a new page within 10 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Empties a text field.
    pub fn clear(&self) {
        self.command("POST", "/clear", None);
    }

    /// Types `text` into it.
    pub fn send_keys(&self, text: &str) {
        self.command("POST", "/value", Some(json!({ "text": text })));
    }

    /// Replaces a text field's content with `text`.
    pub fn fill(&self, text: &str) {
        self.clear();
        self.send_keys(text);
    }

    /// Its visible text.
    pub fn text(&self) -> String {
        string(self.command("GET", "/text", None))
    }

    /// The attribute (or, for `value`, the current property) called `name`.
    pub fn attribute(&self, name: &str) -> Option<String> {
        self.command("GET", &format!("/attribute/{name}"), None)
            .as_str()
            .map(str::to_owned)
    }
}
