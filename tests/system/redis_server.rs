//! A real `redis-server` on a free loopback port for the tests that need one,
//! stopped when dropped, so a failing test still stops it.
//!
//! A test that takes a [`RedisServer`] is listed with `redis_tests!`: it runs
//! where `redis-server` is on PATH, and is reported ignored elsewhere (failed
//! under CI).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::helpers::free_port;

/// The trials of the listed tests of the calling module that take a running
/// [`RedisServer`]: `async fn name(redis: RedisServer)`, or plain `fn` after
/// `blocking:`.
macro_rules! redis_tests {
    (async: [$($name:ident),* $(,)?]) => {
        trials!(
            needs: [RedisServer],
            run: |test| rocket::async_test(test($crate::redis_server::RedisServer::start())),
            tests: [$($name),*]
        )
    };
    (blocking: [$($name:ident),* $(,)?]) => {
        trials!(
            needs: [RedisServer],
            run: |test| test($crate::redis_server::RedisServer::start()),
            tests: [$($name),*]
        )
    };
}

/// How long a fresh server may take to answer.
const STARTUP_LIMIT: Duration = Duration::from_secs(10);

/// A running `redis-server` that keeps nothing on disk.
pub struct RedisServer {
    port: u16,
    process: Option<Child>,
}

impl RedisServer {
    /// A new server on a free port, answering.
    pub fn start() -> RedisServer {
        for _ in 0..3 {
            let mut server = RedisServer {
                port: free_port(),
                process: None,
            };
            match server.launch() {
                Launch::Answering => return server,
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
    Failed,
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
