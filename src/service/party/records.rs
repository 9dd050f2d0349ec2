//! Who may see an audit entry about a party record: exactly those who may
//! read the record itself. The audit log is filtered by unit path, which
//! places party records in the state's units; without this check a state
//! officer of a commune would read the titles of restricted documents and
//! the names of party members of the commune in its log.

use std::collections::HashMap;

use super::{Viewer, documents, viewer};
use crate::domain::party as rules;
use crate::error::AppResult;
use crate::service::{Actor, Ctx};
use crate::store::party::{self as store, meetings as meeting_store};

/// Decides, with a cache per record, which party entries the actor may see.
pub(crate) struct RecordGate {
    viewer: Viewer,
    orgs: HashMap<i64, bool>,
    seen: HashMap<(String, String), bool>,
}

impl RecordGate {
    pub(crate) async fn new(ctx: &Ctx, actor: &Actor) -> AppResult<RecordGate> {
        let viewer = match actor.user {
            Some(_) => viewer(ctx, actor, ctx.today()).await?,
            None => Viewer {
                user_id: 0,
                memberships: Vec::new(),
            },
        };
        Ok(RecordGate {
            viewer,
            orgs: HashMap::new(),
            seen: HashMap::new(),
        })
    }

    /// `None` when the entry is not about a party record (no restriction
    /// here); otherwise whether the actor may read the record. `author` is
    /// the user who wrote the entry (a note's author).
    pub(crate) async fn may_see(
        &mut self,
        ctx: &Ctx,
        entity: &str,
        entity_id: &str,
        author: Option<i64>,
    ) -> AppResult<Option<bool>> {
        if !entity.starts_with("party_") || entity == "party_history" {
            return Ok(None);
        }
        if entity == "party_note" {
            return Ok(Some(
                author.is_some() && author == Some(self.viewer.user_id),
            ));
        }
        let key = (entity.to_owned(), entity_id.to_owned());
        if let Some(&ok) = self.seen.get(&key) {
            return Ok(Some(ok));
        }
        let Ok(id) = entity_id.parse::<i64>() else {
            return Ok(Some(false));
        };
        let ok = match entity {
            "party_document" => documents::readable(ctx, &self.viewer, id).await?.is_some(),
            "party_meeting" => match meeting_store::get(ctx.db(), id).await? {
                Some(m) => rules::may_read_meetings(&self.viewer.memberships, m.org_id),
                None => false,
            },
            "party_task" => match meeting_store::task(ctx.db(), id).await? {
                Some(t) => rules::may_read_meetings(&self.viewer.memberships, t.org_id),
                None => false,
            },
            "party_org" => self.may_read_org(ctx, id).await?,
            "party_member" => match store::member(ctx.db(), id).await? {
                Some(m) => self.may_read_org(ctx, m.org_id).await?,
                None => false,
            },
            _ => false,
        };
        self.seen.insert(key, ok);
        Ok(Some(ok))
    }

    /// An organisation's page (and its members) is read by its members and
    /// by those who oversee it from a committee above.
    async fn may_read_org(&mut self, ctx: &Ctx, org_id: i64) -> AppResult<bool> {
        if let Some(&ok) = self.orgs.get(&org_id) {
            return Ok(ok);
        }
        let ok = if rules::may_read_meetings(&self.viewer.memberships, org_id) {
            true
        } else {
            let chain = store::org_chain(ctx.db(), org_id).await?;
            let ancestors: Vec<i64> = chain
                .iter()
                .map(|o| o.id)
                .filter(|&id| id != org_id)
                .collect();
            rules::may_oversee(&self.viewer.memberships, org_id, &ancestors)
        };
        self.orgs.insert(org_id, ok);
        Ok(ok)
    }
}
