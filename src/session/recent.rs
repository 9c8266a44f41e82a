//! What the last form changed. A form's POST answers a redirect, so the page
//! that follows already holds the change; to show it, the seal hook keeps
//! the session as the POST found it and as it left it, for a short while,
//! under the id of the session it left. The inspector takes it from there.
//! Kept in this instance's memory, bounded in number and time.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::SessionData;
use crate::clock::UnixTime;
use crate::ledger::values::ServerValues;
use crate::ledger::{ClientKey, Share};

/// How long a change waits for the page after the redirect.
pub const KEPT_FOR: i64 = 120;
/// The most changes kept at once, and per client address: past either,
/// the oldest is forgotten, so a flood of forms from elsewhere never blanks
/// a learner's panel.
pub const MAX_CHANGES: Share = Share {
    per_client: 50,
    total: 1000,
};

/// A form's change to the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormChange {
    /// The request, as `POST /cart/add`.
    pub request: String,
    /// The session as the request found it.
    pub before: SessionData,
    /// The session as the response sealed it.
    pub after: SessionData,
}

/// The changes waiting to be shown.
pub struct RecentChanges(ServerValues);

impl Default for RecentChanges {
    fn default() -> RecentChanges {
        RecentChanges(ServerValues::in_memory_holding(MAX_CHANGES))
    }
}

impl RecentChanges {
    /// Keeps `change` for the next page of the session it left, charged to
    /// the client `owner`.
    pub async fn keep(&self, change: &FormChange, now: UnixTime, owner: ClientKey) {
        let Ok(json) = serde_json::to_string(change) else {
            return;
        };
        // NOTE: the store is in memory and never refuses a change.
        let _ = self
            .0
            .put(change.after.id, &json, now + KEPT_FOR, now, owner)
            .await;
    }

    /// The change a form made to session `id`, once: taking it forgets it.
    pub async fn take(&self, id: Uuid, now: UnixTime) -> Option<FormChange> {
        let json = self.0.get(id, now).await.ok()??;
        let _ = self.0.forget(id).await;
        serde_json::from_str(&json).ok()
    }
}
