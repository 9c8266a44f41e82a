//! A real `redis-server` on a free loopback port for the tests that need one,
//! stopped when dropped, so a failing test still stops it.
//!
//! Without `redis-server` on PATH, [`RedisServer::start`] says the test is
//! skipped and returns `None`; on CI (the `CI` variable set) it panics instead,
//! so a missing server never passes for a green run.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a fresh server may take to answer.
const STARTUP_LIMIT: Duration = Duration::from_secs(10);

/// A running `redis-server` that keeps nothing on disk.
pub struct RedisServer {
    port: u16,
    process: Option<Child>,
}

impl RedisServer {
    /// A new server on a free port, answering; `None` when `redis-server` is
    /// not installed and this is not CI.
    pub fn start() -> Option<RedisServer> {
        for _ in 0..3 {
            let mut server = RedisServer {
                port: free_port(),
                process: None,
            };
            match server.launch() {
                Launch::Answering => return Some(server),
                Launch::NotInstalled => return skip(),
                // NOTE: another program may have taken the port meanwhile.
                Launch::Failed => continue,
            }
        }
        panic!("redis-server did not start answering on a free loopback port");
    }

    /// The URL the ledger connects to.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server, as when Redis is lost; its data goes with it.
    pub fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// Starts an empty server again on the same port, as when Redis comes back.
    pub fn restart(&mut self) {
        self.stop();
        match self.launch() {
            Launch::Answering => {}
            _ => panic!("redis-server did not start again on port {}", self.port),
        }
    }

    fn launch(&mut self) -> Launch {
        let port = self.port.to_string();
        let spawned = Command::new("redis-server")
            .args(["--port", &port, "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match spawned {
            Ok(process) => self.process = Some(process),
            Err(error) if error.kind() == ErrorKind::NotFound => return Launch::NotInstalled,
            Err(error) => panic!("cannot start redis-server: {error}"),
        }
        let started = Instant::now();
        while started.elapsed() < STARTUP_LIMIT {
            if self.has_exited() {
                self.stop();
                return Launch::Failed;
            }
            if answers_ping(self.port) {
                return Launch::Answering;
            }
            sleep(Duration::from_millis(20));
        }
        self.stop();
        Launch::Failed
    }

    fn has_exited(&mut self) -> bool {
        match &mut self.process {
            Some(process) => !matches!(process.try_wait(), Ok(None)),
            None => true,
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

enum Launch {
    Answering,
    NotInstalled,
    Failed,
}

fn skip() -> Option<RedisServer> {
    if std::env::var_os("CI").is_some() {
        panic!(
            "redis-server is not installed, and CI must run the Redis tests: \
             install it (Debian: apt-get install redis-server) or put it on PATH"
        );
    }
    eprintln!("skipped: redis-server not installed");
    None
}

/// A loopback port nothing listens on at the moment.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("the system gives out a free loopback port")
}

fn answers_ping(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut reply = [0; 7];
    stream.write_all(b"PING\r\n").is_ok()
        && stream.read_exact(&mut reply).is_ok()
        && &reply == b"+PONG\r\n"
}
