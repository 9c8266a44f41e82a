//! The gate in front of the password checks: argon2 is expensive on
//! purpose, so at most as many checks run at once as there are cores, a
//! short queue waits, and one client address holds at most a small share of
//! both, so others still sign in while it floods. Within an address's share,
//! each known account, and all unknown usernames together, have a lane of
//! their own: a flood from one address (an office behind one NAT) against
//! random names or against one account never keeps another account out.

use std::collections::HashMap;
use std::fmt;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};

use rocket::tokio::sync::oneshot;

/// A job for the password checkers.
type Check = Box<dyn FnOnce() + Send>;

/// Why the gate did not run a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateError {
    /// The client already has its share of checks under way, or the queue
    /// is full: try again in a second.
    Busy,
    /// The checker running this check stopped before answering.
    Stopped,
}

impl fmt::Display for GateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GateError::Busy => f.write_str("too many password checks under way"),
            GateError::Stopped => f.write_str("a password check stopped"),
        }
    }
}

impl std::error::Error for GateError {}

/// The threads that check passwords, fed through a short queue, and the
/// checks each client address has under way. Each check holds about 19 MiB;
/// on its own long-lived thread the memory is reused by the next check,
/// where Tokio's blocking pool would leave a copy behind in the allocator of
/// every thread it ever used.
pub struct PasswordGate {
    queue: SyncSender<Check>,
    shares: Arc<Shares>,
}

/// How many checks each client address, and each of its lanes, has queued
/// or running (only those with at least one are kept, so this never
/// outgrows the queue).
struct Shares {
    per_client: usize,
    per_lane: usize,
    under_way: Mutex<UnderWay>,
}

#[derive(Debug, Default)]
struct UnderWay {
    clients: HashMap<String, usize>,
    lanes: HashMap<(String, Lane), usize>,
}

/// Whose password a check is for: a known account, or any name no account has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lane {
    Account(String),
    Unknown,
}

/// A client's place among the checks, given back when dropped.
pub struct Permit {
    shares: Arc<Shares>,
    client: String,
    lane: Lane,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut under_way = self
            .shares
            .under_way
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let lane = (self.client.clone(), self.lane.clone());
        release(&mut under_way.clients, &self.client);
        release(&mut under_way.lanes, &lane);
    }
}

/// One fewer under way for `key`; forgotten at none.
fn release<K: Eq + std::hash::Hash>(counts: &mut HashMap<K, usize>, key: &K) {
    if let Some(count) = counts.get_mut(key) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            counts.remove(key);
        }
    }
}

impl PasswordGate {
    /// As many checkers as there are cores, a queue of four per checker,
    /// and four checks at most per client address, two per lane.
    pub fn for_this_machine() -> PasswordGate {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        PasswordGate::new(cores, cores * 4, 4)
    }

    /// `checkers` threads, with at most `waiting` checks queued for them,
    /// `per_client` queued or running for one client address, and half of
    /// that (at least one) for one lane of it. The threads end when the
    /// gate is dropped.
    pub fn new(checkers: usize, waiting: usize, per_client: usize) -> PasswordGate {
        let (queue, jobs) = sync_channel::<Check>(waiting);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..checkers.max(1) {
            let jobs = Arc::clone(&jobs);
            let spawned = std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || loop {
                    let next = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    match next {
                        Ok(check) => check(),
                        Err(_) => return, // the gate is gone
                    }
                });
            if let Err(error) = spawned {
                rocket::error!("cannot start a password checker: {error}");
            }
        }
        PasswordGate {
            queue,
            shares: Arc::new(Shares {
                per_client: per_client.max(1),
                per_lane: (per_client / 2).max(1),
                under_way: Mutex::default(),
            }),
        }
    }

    /// A place for one check from `client` in `lane`; [`GateError::Busy`]
    /// when the client, or that lane of it, already has its share under
    /// way. Cheap: take it before any other work for a sign-in.
    pub fn admit(&self, client: &str, lane: Lane) -> Result<Permit, GateError> {
        let mut under_way = self
            .shares
            .under_way
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let key = (client.to_owned(), lane);
        let in_client = under_way.clients.get(client).copied().unwrap_or(0);
        let in_lane = under_way.lanes.get(&key).copied().unwrap_or(0);
        if in_client >= self.shares.per_client || in_lane >= self.shares.per_lane {
            return Err(GateError::Busy);
        }
        *under_way.clients.entry(key.0.clone()).or_insert(0) += 1;
        *under_way.lanes.entry(key.clone()).or_insert(0) += 1;
        Ok(Permit {
            shares: Arc::clone(&self.shares),
            client: key.0,
            lane: key.1,
        })
    }

    /// Runs `check` on a checker thread, holding `permit` until it is done;
    /// [`GateError::Busy`] when the queue is full.
    pub async fn run<T: Send + 'static>(
        &self,
        permit: Permit,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, GateError> {
        let (reply, answer) = oneshot::channel();
        let job: Check = Box::new(move || {
            let answer = check();
            // NOTE: the place is given back before the answer is, so a
            // client that waits for its answer finds its place free.
            drop(permit);
            let _ = reply.send(answer);
        });
        self.queue.try_send(job).map_err(|_| GateError::Busy)?;
        answer.await.map_err(|_| GateError::Stopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(name: &str) -> Lane {
        Lane::Account(name.to_owned())
    }

    #[test]
    fn a_client_holds_at_most_its_share_and_gets_it_back() {
        let gate = PasswordGate::new(1, 8, 2);
        let first = gate.admit("10.0.0.1", account("alice")).unwrap();
        let second = gate.admit("10.0.0.1", account("bob")).unwrap();

        assert_eq!(
            gate.admit("10.0.0.1", account("carol")).err(),
            Some(GateError::Busy)
        );
        assert!(gate.admit("10.0.0.2", account("carol")).is_ok());

        drop(first);
        let third = gate.admit("10.0.0.1", account("alice"));
        assert!(third.is_ok());
        drop((second, third));
        let under_way = gate.shares.under_way.lock().unwrap();
        assert!(under_way.clients.is_empty(), "{under_way:?}");
        assert!(under_way.lanes.is_empty(), "{under_way:?}");
    }

    #[test]
    fn a_flood_of_unknown_names_from_one_address_leaves_room_for_a_known_account() {
        let gate = PasswordGate::new(2, 8, 4);
        let flood: Vec<_> = (0..64)
            .filter_map(|_| gate.admit("10.0.0.1", Lane::Unknown).ok())
            .collect();
        assert_eq!(flood.len(), 2);

        assert!(gate.admit("10.0.0.1", account("alice")).is_ok());
    }

    #[test]
    fn a_flood_against_one_account_from_one_address_leaves_room_for_another() {
        let gate = PasswordGate::new(2, 8, 4);
        let flood: Vec<_> = (0..64)
            .filter_map(|_| gate.admit("10.0.0.1", account("alice")).ok())
            .collect();
        assert_eq!(flood.len(), 2);

        assert!(gate.admit("10.0.0.1", account("bob")).is_ok());
    }

    #[rocket::async_test]
    async fn a_check_runs_and_answers_then_gives_its_place_back() {
        let gate = PasswordGate::new(1, 1, 1);
        let permit = gate.admit("10.0.0.1", Lane::Unknown).unwrap();

        assert_eq!(gate.run(permit, || 6 * 7).await, Ok(42));
        assert!(gate.admit("10.0.0.1", Lane::Unknown).is_ok());
    }
}
