//! The deployment in `deploy/`, started by its own script: nginx in front of
//! two instances sharing one Redis, over TLS and HTTP/2, plain HTTP
//! redirected. A shopper is served across both instances and does not
//! notice one dying; slow clients do not starve anybody; the login throttle
//! counts the address nginx reports. The browser here is `curl`, trusting
//! the certificate the script made.
//!
//! Needs `nginx`, `redis-server` and `curl`: without them the tests are
//! reported ignored, saying so; under CI they fail instead.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rocket::tokio;
use rocket::tokio::io::{AsyncReadExt, AsyncWriteExt};
use rocket::tokio::net::TcpStream;

use libtest_mimic::Trial;

use crate::helpers::{
    encode_form, form_token, free_port, testid_text, GOOD_SHIPPING, PASSWORD, SECRET,
};

/// The tests of the deployment.
pub fn tests() -> Vec<Trial> {
    trials!(
        needs: [Nginx, RedisServer, Postgres],
        run: |test| test(Deployment::start()),
        tests: [
            a_shopper_is_served_by_both_instances_and_never_notices_one_dying,
            the_shop_answers_over_tls_and_http2_and_plain_http_is_redirected,
            eight_shoppers_checking_out_get_no_error_page_when_an_instance_is_killed,
            five_hundred_slow_connections_leave_health_answering_and_are_closed_by_nginx,
            the_sign_in_throttle_counts_the_address_nginx_reports,
        ]
    )
}

/// How long the whole set may take to start.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// The set `deploy/start.sh` starts, stopped (with everything it started)
/// when dropped.
struct Deployment {
    port: u16,
    http_port: u16,
    run_dir: PathBuf,
    script: Child,
}

impl Deployment {
    /// Starts the set on free loopback ports.
    fn start() -> Deployment {
        let port = free_port();
        let http_port = free_port();
        let run_dir =
            std::env::temp_dir().join(format!("session-shop-deploy-{}-{port}", std::process::id()));
        let script = Command::new("bash")
            .arg("deploy/start.sh")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PORT", port.to_string())
            .env("HTTP_PORT", http_port.to_string())
            .env("SHOP_PORT_1", free_port().to_string())
            .env("SHOP_PORT_2", free_port().to_string())
            .env("REDIS_PORT", free_port().to_string())
            .env("PG_PORT", free_port().to_string())
            .env("SHOP_BIN", env!("CARGO_BIN_EXE_session-shop"))
            .env("ROCKET_SECRET_KEY", SECRET)
            .env("RUN_DIR", &run_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("bash runs deploy/start.sh");
        let mut deployment = Deployment {
            port,
            http_port,
            run_dir,
            script,
        };
        let started = Instant::now();
        while !deployment.run_dir.join("ready").exists() {
            if let Ok(Some(status)) = deployment.script.try_wait() {
                panic!(
                    "deploy/start.sh stopped ({status}); see {:?}",
                    deployment.run_dir
                );
            }
            assert!(started.elapsed() < STARTUP_LIMIT, "the set did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        deployment
    }

    /// nginx's plain-HTTP address (which only redirects).
    fn http_address(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.http_port))
    }

    /// The site's origin, as a browser sends it in `Origin`.
    fn origin(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// The certificate the script made, which the browser here trusts.
    fn certificate(&self) -> PathBuf {
        self.run_dir.join("cert.pem")
    }

    /// Kills shop instance `n` (1 or 2), as when it crashes.
    fn kill_instance(&self, n: u8) {
        let pid = std::fs::read_to_string(self.run_dir.join(format!("shop-{n}.pid")))
            .expect("the script wrote the instance's pid");
        let killed = Command::new("kill")
            .args(["-KILL", pid.trim()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
    }

    /// The upstreams nginx logged for each request: `127.0.0.1:<port>`,
    /// or several separated by `, ` when it tried one, then another.
    fn upstreams(&self) -> Vec<String> {
        std::fs::read_to_string(self.run_dir.join("nginx-access.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.rsplit_once("\" ").map(|(_, rest)| rest))
            .filter_map(|rest| {
                rest.split_once(' ')
                    .map(|(_, upstream)| upstream.to_owned())
            })
            .collect()
    }
}

impl Drop for Deployment {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.script.id().to_string())
            .status();
        let _ = self.script.wait();
        let _ = std::fs::remove_dir_all(&self.run_dir);
    }
}

/// One answer, read whole.
#[derive(Debug)]
struct Reply {
    /// The protocol of the status line (`HTTP/2`, `HTTP/1.1`).
    version: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(found, _)| found.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A browser talking HTTPS (HTTP/2 when offered) to nginx from a loopback
/// address of its own, keeping the `session` cookie: `curl`, trusting the
/// deployment's certificate.
struct Browser {
    origin: String,
    certificate: PathBuf,
    from: IpAddr,
    session: Option<String>,
}

impl Browser {
    fn new(deployment: &Deployment, from: [u8; 4]) -> Browser {
        Browser {
            origin: deployment.origin(),
            certificate: deployment.certificate(),
            from: IpAddr::from(from),
            session: None,
        }
    }

    /// Sends `method path` with the `extra` headers (`Name: value` lines)
    /// and `body`.
    async fn send(&mut self, method: &str, path: &str, extra: &[&str], body: &str) -> Reply {
        match self.try_send(method, path, extra, body).await {
            Ok(reply) => reply,
            Err(broken) => panic!("curl {method} {path}: {broken}"),
        }
    }

    /// Sends `method path` as [`Browser::send`] does; `Err` with curl's
    /// complaint when no whole answer came (the connection broke).
    async fn try_send(
        &mut self,
        method: &str,
        path: &str,
        extra: &[&str],
        body: &str,
    ) -> Result<Reply, String> {
        let mut curl = Command::new("curl");
        curl.args(["-sS", "-i", "--http2", "--max-time", "30", "--cacert"])
            .arg(&self.certificate)
            .args(["--interface", &self.from.to_string(), "-X", method]);
        if let Some(value) = &self.session {
            curl.args(["-H", &format!("Cookie: session={value}")]);
        }
        for header in extra {
            curl.args(["-H", header]);
        }
        if !body.is_empty() {
            curl.args(["--data-binary", body]);
        }
        curl.arg(format!("{}{path}", self.origin));
        let output = tokio::task::spawn_blocking(move || curl.output())
            .await
            .expect("curl ran")
            .expect("curl runs");
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        let reply = parse(&output.stdout);
        for (name, value) in &reply.headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                if let Some(cookie) = value.strip_prefix("session=") {
                    let value = cookie.split(';').next().unwrap_or_default();
                    self.session = (!value.is_empty()).then(|| value.to_owned());
                }
            }
        }
        Ok(reply)
    }

    async fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, &[], "").await
    }

    /// Posts `fields` and the token the pages carry, as a form of the site
    /// would, with `extra` headers.
    async fn post(&mut self, path: &str, fields: &[(&str, &str)], extra: &[&str]) -> Reply {
        match self.try_post(path, fields, extra).await {
            Ok(reply) => reply,
            Err(broken) => panic!("curl POST {path}: {broken}"),
        }
    }

    /// Posts as [`Browser::post`] does; `Err` when a connection broke on
    /// the page that gives the token or on the form itself.
    async fn try_post(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        extra: &[&str],
    ) -> Result<Reply, String> {
        let page = self.try_send("GET", "/cart", &[], "").await?;
        let token = form_token(&page.body).expect("pages carry a token");
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        let origin = format!("Origin: {}", self.origin);
        let mut headers = vec![
            origin.as_str(),
            "Content-Type: application/x-www-form-urlencoded",
        ];
        headers.extend_from_slice(extra);
        self.try_send("POST", path, &headers, &encode_form(&all))
            .await
    }
}

fn parse(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let version = status_line.split(' ').next().unwrap_or_default().to_owned();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Reply {
        version,
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Runs `test` on a runtime of its own.
fn run<F: std::future::Future>(test: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a test runtime")
        .block_on(test)
}

fn a_shopper_is_served_by_both_instances_and_never_notices_one_dying(deployment: Deployment) {
    run(async {
        let mut shopper = Browser::new(&deployment, [127, 0, 0, 1]);
        let mut statuses = Vec::new();
        let home = shopper
            .send("GET", "/", &["Accept-Encoding: gzip"], "")
            .await;
        assert_eq!(home.status, 200);
        assert_eq!(
            home.header("Content-Encoding"),
            Some("gzip"),
            "the instance's compressed page is passed through"
        );
        assert_eq!(home.header("Vary"), Some("Cookie, Accept-Encoding"));
        let inspector = shopper
            .send("GET", "/session", &["Accept-Encoding: gzip"], "")
            .await;
        assert_eq!(inspector.status, 200);
        assert_eq!(
            inspector.header("Content-Encoding"),
            None,
            "the inspector, which shows the session's secrets, is never compressed, \
             by the instance or by nginx"
        );
        assert!(inspector.body.contains("data-testid=\"session-contents\""));
        let stylesheet = shopper
            .send(
                "GET",
                "/static/css/shop.css",
                &["Accept-Encoding: gzip"],
                "",
            )
            .await;
        assert_eq!(stylesheet.status, 200);
        assert_eq!(
            stylesheet.header("Content-Encoding"),
            Some("gzip"),
            "static files are compressed"
        );
        statuses.push(shopper.get("/products/1").await.status);
        let added = shopper
            .post("/cart/add", &[("product_id", "1"), ("quantity", "2")], &[])
            .await;
        assert_eq!(added.status, 303);
        let signed_in = shopper
            .post(
                "/login",
                &[("username", "alice"), ("password", PASSWORD)],
                &[],
            )
            .await;
        assert_eq!(signed_in.status, 303);
        statuses.push(shopper.get("/cart").await.status);
        let before: std::collections::BTreeSet<String> =
            deployment.upstreams().into_iter().collect();
        assert_eq!(before.len(), 2, "both instances served: {before:?}");

        deployment.kill_instance(1);

        statuses.push(shopper.get("/checkout").await.status);
        let details = shopper.post("/checkout", GOOD_SHIPPING, &[]).await;
        assert_eq!(details.status, 303, "{}", details.body);
        statuses.push(shopper.get("/checkout/review").await.status);
        let placed = shopper.post("/checkout/place", &[], &[]).await;
        assert_eq!(placed.status, 303);
        let order_page = placed.header("Location").unwrap_or_default().to_owned();
        assert!(order_page.starts_with("/orders/"), "{order_page}");
        let order = shopper.get(&order_page).await;
        assert_eq!(order.status, 200);
        assert_eq!(
            testid_text(&order.body, "current-user").as_deref(),
            Some("Alice")
        );
        assert!(statuses.iter().all(|status| *status == 200), "{statuses:?}");
        let order_id = order_page.trim_start_matches("/orders/");
        for _ in 0..4 {
            // NOTE: nginx takes turns; both instances read the one Postgres.
            let history = shopper.get("/orders").await;
            assert_eq!(history.status, 200);
            assert!(
                history
                    .body
                    .contains(&format!("data-order-id=\"{order_id}\"")),
                "the order is in the account's history on every instance"
            );
        }
        let upstreams = deployment.upstreams();
        assert!(
            upstreams.iter().any(|tried| tried.contains(", ")),
            "a request met the dead instance and went on to the other: {upstreams:?}"
        );
    });
}

fn five_hundred_slow_connections_leave_health_answering_and_are_closed_by_nginx(
    deployment: Deployment,
) {
    run(async {
        let mut slow = Vec::new();
        for _ in 0..500 {
            let mut stream = TcpStream::connect(deployment.http_address()).await.unwrap();
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .await
                .unwrap();
            slow.push(stream);
        }

        let mut visitor = Browser::new(&deployment, [127, 0, 0, 1]);
        let health = visitor.get("/health").await;
        assert_eq!((health.status, health.body.as_str()), (200, "ok"));

        // nginx closes a client that has not sent its headers within 10 s.
        let deadline = Instant::now() + Duration::from_secs(20);
        for mut stream in slow {
            let left = deadline.saturating_duration_since(Instant::now());
            let mut rest = Vec::new();
            let closed = tokio::time::timeout(left, stream.read_to_end(&mut rest)).await;
            assert!(
                closed.is_ok(),
                "a slow connection was still open after 20 s"
            );
        }
        let health = visitor.get("/health").await;
        assert_eq!(health.status, 200);
    });
}

fn the_sign_in_throttle_counts_the_address_nginx_reports(deployment: Deployment) {
    run(async {
        let mut guesser = Browser::new(&deployment, [127, 0, 0, 1]);
        for n in 1..=10 {
            // A fresh X-Real-IP per guess: nginx replaces it with the real one.
            let spoofed = format!("X-Real-IP: 198.51.100.{n}");
            let fields = [("username", "alice"), ("password", "guess")];
            let wrong = guesser.post("/login", &fields, &[&spoofed]).await;
            assert_eq!(wrong.status, 200, "guess {n}");
        }
        let right = [("username", "alice"), ("password", PASSWORD)];

        let refused = guesser.post("/login", &right, &[]).await;
        assert_eq!(refused.status, 429);
        assert!(refused.header("Retry-After").is_some());

        let mut alice = Browser::new(&deployment, [127, 0, 0, 2]);
        let signed_in = alice.post("/login", &right, &[]).await;
        assert_eq!(signed_in.status, 303, "from another address");
    });
}

fn eight_shoppers_checking_out_get_no_error_page_when_an_instance_is_killed(
    deployment: Deployment,
) {
    run(async {
        let deployment = std::sync::Arc::new(deployment);
        let until = Instant::now() + Duration::from_secs(6);
        let shoppers: Vec<_> = (1..=8u8)
            .map(|n| {
                let mut shopper = Browser::new(&deployment, [127, 0, 0, 10 + n]);
                tokio::spawn(async move {
                    let mut answers = Vec::new();
                    let mut broken = Vec::new();
                    let signed_in = shopper
                        .post(
                            "/login",
                            &[("username", "alice"), ("password", PASSWORD)],
                            &[],
                        )
                        .await;
                    answers.push(("POST /login", signed_in.status));
                    while Instant::now() < until {
                        let steps: [(&str, &[(&str, &str)]); 3] = [
                            ("/cart/add", &[("product_id", "1"), ("quantity", "1")]),
                            ("/checkout", GOOD_SHIPPING),
                            ("/checkout/place", &[]),
                        ];
                        for (path, fields) in steps {
                            match shopper.try_post(path, fields, &[]).await {
                                Ok(answer) => answers.push((path, answer.status)),
                                Err(complaint) => broken.push((path, complaint)),
                            }
                        }
                    }
                    (answers, broken)
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_secs(2)).await;
        deployment.kill_instance(1);

        let mut answers = Vec::new();
        for shopper in shoppers {
            let (answered, broken) = shopper.await.expect("the shopper ran to its end");
            // NOTE: nginx passes on to the other instance every request the
            // dead one had not begun to answer. The one answer it was
            // writing when it died is cut short (HTTP/2 says
            // INTERNAL_ERROR); no proxy can finish it, and a shopper has at
            // most one request in flight.
            assert!(
                broken.len() <= 1,
                "more than the one answer in flight was cut short: {broken:?}"
            );
            answers.extend(answered);
        }
        let places = answers
            .iter()
            .filter(|(path, status)| *path == "/checkout/place" && *status == 303)
            .count();
        let failed: Vec<_> = answers
            .iter()
            .filter(|(_, status)| *status != 303)
            .collect();
        assert!(failed.is_empty(), "answers other than 303: {failed:?}");
        assert!(places >= 8, "only {places} orders placed");
        let upstreams = deployment.upstreams();
        assert!(
            upstreams.iter().any(|tried| tried.contains(", ")),
            "a request met the dead instance and went on to the other"
        );
    });
}

fn the_shop_answers_over_tls_and_http2_and_plain_http_is_redirected(deployment: Deployment) {
    run(async {
        let mut shopper = Browser::new(&deployment, [127, 0, 0, 1]);
        let home = shopper.get("/").await;
        assert_eq!((home.version.as_str(), home.status), ("HTTP/2", 200));
        assert_eq!(
            home.header("Strict-Transport-Security"),
            Some("max-age=31536000")
        );
        let cookie = home.header("Set-Cookie").expect("a session cookie");
        assert!(cookie.contains("; Secure"), "{cookie}");
        let added = shopper
            .post("/cart/add", &[("product_id", "1"), ("quantity", "1")], &[])
            .await;
        assert_eq!(added.status, 303, "a form from the https origin passes");

        let mut plain = TcpStream::connect(deployment.http_address()).await.unwrap();
        plain
            .write_all(b"GET /cart?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut raw = Vec::new();
        plain.read_to_end(&mut raw).await.unwrap();
        let redirect = parse(&raw);
        assert_eq!(redirect.status, 301);
        assert_eq!(
            redirect.header("Location"),
            Some(format!("https://127.0.0.1:{}/cart?x=1", deployment.port).as_str())
        );
    });
}
