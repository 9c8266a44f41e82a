//! A real Postgres server on a free loopback port for the tests that need
//! one: a fresh cluster in a temporary folder, stopped and removed when
//! dropped. Postgres refuses to run as root, so as root it runs as the
//! `postgres` user that Debian's package makes.

use std::os::unix::fs::chown;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::helpers::free_port;

/// How long a fresh server may take to answer.
const STARTUP_LIMIT: Duration = Duration::from_secs(30);

/// The folder of Debian's Postgres programs (`/usr/lib/postgresql/<n>/bin`).
pub fn programs() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
        .filter(|bin| bin.join("postgres").is_file() && bin.join("initdb").is_file())
        .collect();
    found.sort();
    found.pop()
}

/// A running Postgres with one database, `shop`, open to `shop` without a
/// password from loopback only.
pub struct PostgresServer {
    port: u16,
    folder: tempfile::TempDir,
    process: Option<Child>,
    user: Option<(u32, u32)>,
}

impl PostgresServer {
    /// A new cluster on a free port, answering.
    pub fn start() -> PostgresServer {
        let bin = programs().expect("Debian's postgresql package");
        let folder = tempfile::Builder::new()
            .prefix("session-shop-postgres-")
            .tempdir()
            .expect("a temporary folder");
        let user = running_as_root().then(postgres_user).flatten();
        if let Some((uid, gid)) = user {
            chown(folder.path(), Some(uid), Some(gid)).expect("the folder given to postgres");
        }
        let data = folder.path().join("data");
        let status = as_user(Command::new(bin.join("initdb")), user)
            .args([
                "--auth=trust",
                "--username=shop",
                "--no-sync",
                "--encoding=UTF8",
            ])
            .arg("-D")
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("initdb runs");
        assert!(status.success(), "initdb made a cluster");
        let mut server = PostgresServer {
            port: 0,
            folder,
            process: None,
            user,
        };
        for _ in 0..3 {
            server.port = free_port();
            if server.launch(&bin) {
                server.create_database(&bin);
                return server;
            }
        }
        panic!("postgres did not start answering on a free loopback port");
    }

    /// The URL the shop connects to.
    pub fn url(&self) -> String {
        format!("postgres://shop@127.0.0.1:{}/shop", self.port)
    }

    /// Stops the server at once, as when the database is lost; its data stays.
    pub fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// Starts the server again on the same port, with its data.
    pub fn restart(&mut self) {
        self.stop();
        let bin = programs().expect("Debian's postgresql package");
        let started = Instant::now();
        // NOTE: the port may still be held a moment after the kill.
        while !self.launch(&bin) {
            assert!(started.elapsed() < STARTUP_LIMIT, "postgres came back");
            sleep(Duration::from_millis(200));
        }
    }

    fn launch(&mut self, bin: &Path) -> bool {
        let data = self.folder.path().join("data");
        let spawned = as_user(Command::new(bin.join("postgres")), self.user)
            .arg("-D")
            .arg(&data)
            .args(["-p", &self.port.to_string(), "-h", "127.0.0.1", "-k"])
            .arg(self.folder.path())
            .args(["-c", "fsync=off", "-c", "full_page_writes=off"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("postgres starts");
        self.process = Some(spawned);
        let started = Instant::now();
        while started.elapsed() < STARTUP_LIMIT {
            if let Some(process) = &mut self.process {
                if !matches!(process.try_wait(), Ok(None)) {
                    self.process = None;
                    return false;
                }
            }
            let ready = Command::new(bin.join("pg_isready"))
                .args(["-q", "-h", "127.0.0.1", "-p", &self.port.to_string()])
                .status()
                .is_ok_and(|status| status.success());
            if ready {
                return true;
            }
            sleep(Duration::from_millis(100));
        }
        self.stop();
        false
    }

    fn create_database(&self, bin: &Path) {
        let status = Command::new(bin.join("createdb"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "shop",
                "shop",
            ])
            .stdout(Stdio::null())
            .status()
            .expect("createdb runs");
        assert!(status.success(), "the database `shop` made");
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `command`, to run as `user` (uid, gid) when one is given.
fn as_user(mut command: Command, user: Option<(u32, u32)>) -> Command {
    if let Some((uid, gid)) = user {
        command.uid(uid).gid(gid).env("HOME", "/tmp");
    }
    command
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().next())
            == Some("0")
    })
}

/// The uid and gid of the `postgres` user, from `/etc/passwd`.
fn postgres_user() -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let line = passwd.lines().find(|line| line.starts_with("postgres:"))?;
    let mut fields = line.split(':').skip(2);
    Some((fields.next()?.parse().ok()?, fields.next()?.parse().ok()?))
}
