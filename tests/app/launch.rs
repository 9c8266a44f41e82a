//! Launching the shop from anywhere: the static and template directories are
//! settings; one that is missing stops the launch with a clear message naming
//! it, never a panic, and with absolute paths the binary serves from any
//! working directory.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rocket::error::ErrorKind;
use rocket::local::blocking::Client;

use crate::helpers::{figment, free_port};

#[test]
fn a_missing_static_or_template_directory_stops_the_launch() {
    let scratch = tempfile::tempdir().unwrap();
    for key in ["static_dir", "template_dir"] {
        let missing = scratch.path().join("missing");
        let rocket = session_shop::rocket_with(
            figment().merge((key, &missing)),
            session_shop::clock::Clock::System,
        );
        let Err(error) = Client::untracked(rocket) else {
            panic!("{key}: it launched");
        };
        assert!(
            matches!(error.kind(), ErrorKind::FailedFairings(failed) if failed[0].name == "Session Shop settings"),
            "{key}: {error}"
        );
    }
}

/// The shop's binary started in `dir` with the environment `env`.
fn start_in(dir: &Path, port: u16, env: &[(&str, String)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_session-shop"))
        .current_dir(dir)
        .env("ROCKET_PORT", port.to_string())
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("ROCKET_CLI_COLORS", "false")
        .envs(env.iter().map(|(key, value)| (key, value)))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Everything `child` printed once it has ended (it is stopped after 30 s).
fn output_of(mut child: Child) -> (bool, String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = child.try_wait().unwrap().is_some();
    if !ended {
        child.kill().ok();
    }
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (ended, text)
}

#[test]
fn started_from_another_directory_the_binary_names_the_missing_setting() {
    let elsewhere = tempfile::tempdir().unwrap();
    let child = start_in(elsewhere.path(), free_port(), &[]);
    let (ended, output) = output_of(child);
    assert!(ended, "it kept running:\n{output}");
    assert!(
        output.contains("Session Shop cannot start: static_dir `static` is not a directory"),
        "{output}"
    );
    assert!(!output.contains("panicked"), "{output}");
}

/// The status line and body of `GET path` on `port`, or `None` while
/// nothing answers.
fn get(port: u16, path: &str) -> Option<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_owned(), body.to_owned()))
}

#[test]
fn started_from_another_directory_with_absolute_paths_the_binary_serves() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let absolute = |relative: &str| repo.join(relative).display().to_string();
    let env = [
        ("ROCKET_STATIC_DIR", absolute("static")),
        ("ROCKET_TEMPLATE_DIR", absolute("templates")),
        ("ROCKET_CATALOG_PATH", absolute("data/catalog.toml")),
        ("ROCKET_USERS_PATH", absolute("data/users.toml")),
    ];
    let elsewhere = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = start_in(elsewhere.path(), port, &env);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut home = None;
    while home.is_none() && Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        home = get(port, "/");
        std::thread::sleep(Duration::from_millis(50));
    }
    let stylesheet = get(port, "/static/css/shop.css");
    child.kill().ok();
    let (_, output) = output_of(child);
    let (status, page) = home.unwrap_or_else(|| panic!("it did not serve:\n{output}"));
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("data-testid=\"product-grid\""));
    // The stylesheet's URL carries its version: the files were read there.
    assert!(page.contains("/static/css/shop.css?v="), "{page}");
    assert_eq!(stylesheet.unwrap().0, "HTTP/1.1 200 OK");
}
