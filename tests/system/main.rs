//! Tests that drive programs from outside Rust: headless Chromium through
//! ChromeDriver, and a real `redis-server`.
//!
//! They run under their own harness (libtest-mimic) so that the run's
//! summary tells the truth: a test whose program is missing on this machine
//! is reported `ignored`, with what it needs and how to install it, never
//! `ok`. Under CI (`CI` set) such a test fails instead.
//!
//! To add a test, write it as a function in the module of its area and name
//! it in that module's `tests()` list (see [`trials!`]); an unlisted test is
//! dead code, which the lints refuse.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libtest_mimic::{Arguments, Completion, Failed, Trial};

/// Trials for test functions of the calling module, each named after its
/// module path and run by `run` (given the function as `test`) on a machine
/// that has every program in `needs`:
///
/// ```ignore
/// trials!(needs: [RedisServer], run: |test| test(RedisServer::start()), tests: [a_test, another])
/// ```
///
/// `suffix: "::variant"` names the variant when one function makes several
/// trials.
macro_rules! trials {
    (needs: [$($need:ident),*], run: |$test:ident| $run:expr, tests: [$($name:ident),* $(,)?]) => {
        trials!(needs: [$($need),*], suffix: "", run: |$test| $run, tests: [$($name),*])
    };
    (needs: [$($need:ident),*], suffix: $suffix:literal, run: |$test:ident| $run:expr,
     tests: [$($name:ident),* $(,)?]) => {
        {
            let needs: &[$crate::Need] = &[$($crate::Need::$need),*];
            vec![$(
                $crate::trial(
                    concat!(module_path!(), "::", stringify!($name), $suffix),
                    needs,
                    || {
                        let $test = $name;
                        $run
                    },
                )
            ),*]
        }
    };
}

#[allow(dead_code)] // the shared toolkit of `tests/app`; this binary uses part of it
#[path = "../app/helpers.rs"]
mod helpers;

#[macro_use]
mod redis_server;

mod browser;
mod deploy;
mod instances;
mod ledger;
mod postgres_server;
mod store;
mod strangers;

fn main() {
    quiet_rocket();
    let arguments = Arguments::from_args();
    let trials = [
        browser::tests(),
        ledger::tests(),
        instances::tests(),
        deploy::tests(),
        strangers::tests(),
        store::tests(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let conclusion = libtest_mimic::run(&arguments, trials);
    let missing = missing_programs();
    if conclusion.num_ignored > 0 && !missing.is_empty() {
        println!(
            "{} tests ignored because this machine lacks: {}. \
             Under CI (CI set) they fail instead.\n",
            conclusion.num_ignored,
            missing.join("; ")
        );
    }
    conclusion.exit();
}

/// Keeps every Rocket in this process silent. This harness does not capture
/// output, and a Rocket being built logs at the default level until it
/// ignites, whatever its settings; a logger set first keeps Rocket's out.
fn quiet_rocket() {
    struct Silent;
    impl log::Log for Silent {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            false
        }
        fn log(&self, _: &log::Record<'_>) {}
        fn flush(&self) {}
    }
    log::set_boxed_logger(Box::new(Silent)).expect("the first logger of this process");
}

/// A program a test needs besides the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Debian's Chromium and its ChromeDriver.
    Chromium,
    /// `redis-server` on `PATH`.
    RedisServer,
    /// Debian's `nginx` on `PATH`, with `openssl` (the deployment's
    /// certificate) and `curl` (the browser that speaks TLS to it).
    Nginx,
    /// Debian's Postgres server programs (`/usr/lib/postgresql/<n>/bin`).
    Postgres,
}

/// The browser the tests drive (Debian's `chromium` package).
pub const CHROMIUM: &str = "/usr/bin/chromium";

impl Need {
    const ALL: [Need; 4] = [
        Need::Chromium,
        Need::RedisServer,
        Need::Nginx,
        Need::Postgres,
    ];

    /// What this machine lacks of it and how to install that, if anything;
    /// looked at once per run.
    fn missing(self) -> Option<&'static str> {
        static CHROMIUM_MISSING: OnceLock<Option<String>> = OnceLock::new();
        static REDIS_MISSING: OnceLock<Option<String>> = OnceLock::new();
        static NGINX_MISSING: OnceLock<Option<String>> = OnceLock::new();
        static POSTGRES_MISSING: OnceLock<Option<String>> = OnceLock::new();
        let found = match self {
            Need::Chromium => CHROMIUM_MISSING.get_or_init(|| {
                let mut missing = Vec::new();
                if !Path::new(CHROMIUM).is_file() {
                    missing.push(format!("{CHROMIUM} (apt-get install chromium)"));
                }
                if find_in_path("chromedriver").is_none() {
                    missing.push("chromedriver (apt-get install chromium-driver)".to_owned());
                }
                (!missing.is_empty()).then(|| missing.join(", "))
            }),
            Need::RedisServer => REDIS_MISSING.get_or_init(|| {
                find_in_path("redis-server")
                    .is_none()
                    .then(|| "redis-server (apt-get install redis-server)".to_owned())
            }),
            Need::Nginx => NGINX_MISSING.get_or_init(|| {
                let missing: Vec<String> = ["nginx", "openssl", "curl"]
                    .into_iter()
                    .filter(|program| find_in_path(program).is_none())
                    .map(|program| format!("{program} (apt-get install {program})"))
                    .collect();
                (!missing.is_empty()).then(|| missing.join(", "))
            }),
            Need::Postgres => POSTGRES_MISSING.get_or_init(|| {
                postgres_server::programs()
                    .is_none()
                    .then(|| "postgres (apt-get install postgresql)".to_owned())
            }),
        };
        found.as_deref()
    }
}

/// Everything some test needs and this machine lacks.
fn missing_programs() -> Vec<&'static str> {
    Need::ALL.into_iter().filter_map(Need::missing).collect()
}

/// The program `name` on `PATH`, if it is there.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The trial `path` (a module path under this binary's crate), running `test`
/// when this machine has every program in `needs`. When one is missing, the
/// trial is ignored with the reason, or fails under CI.
pub fn trial(path: &str, needs: &[Need], test: impl FnOnce() + Send + 'static) -> Trial {
    let name = path.split_once("::").map_or(path, |(_, name)| name);
    let missing: Vec<&str> = needs.iter().filter_map(|need| need.missing()).collect();
    if missing.is_empty() {
        return Trial::test(name, move || {
            test();
            Ok(())
        });
    }
    let reason = format!("needs {}", missing.join(", "));
    let under_ci = std::env::var_os("CI").is_some();
    Trial::ignorable_test(name, move || {
        if under_ci {
            Err(Failed::from(format!(
                "{reason}: under CI it cannot be skipped"
            )))
        } else {
            Ok(Completion::ignored_with(reason))
        }
    })
}
