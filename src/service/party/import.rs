//! Loading a party organisation's history in one go: the tree, its members,
//! the meetings held, attendance and handbook use, the next meeting's
//! notice, follow-up tasks and documents. The demo uses it (about 2,000
//! organisations, 50,000 members and 10,000 meetings); an importer of a
//! province's own records will too.
//!
//! One transaction, one audit entry, admins only. Records in a [`History`]
//! point at each other by *local* ids (0, 1, 2, … within the history); the
//! operation gives them their database ids, so that a history can be built
//! without asking the database anything. Attendance and handbook use (about
//! 300,000 and 200,000 rows in the demo) are made by the database from the
//! meetings and members just written, decided by a hash of their ids salted
//! by the caller, so that a seeded caller stays deterministic.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use std::collections::HashMap;

use super::documents::{NewDocumentInput, check_fields};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party::documents::{self as doc_store, NewDocument};
use crate::store::party::meetings as meeting_store;
use crate::store::party::{self as store, OrgRow};

pub use crate::store::party::meetings::NewMeeting;
pub use crate::store::party::{NewMember, NewOrg};

/// A follow-up task of a held meeting (local ids).
#[derive(Debug, Clone)]
pub struct TaskPlan {
    pub meeting: i64,
    pub org: i64,
    pub title: String,
    pub owner: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub done: bool,
}

/// A party organisation's history, every id local (see the module).
#[derive(Debug, Clone, Default)]
pub struct History {
    pub orgs: Vec<NewOrg>,
    pub members: Vec<NewMember>,
    /// Meetings held, each with its attendance made by the database.
    pub meetings: Vec<NewMeeting>,
    /// Salts the hash that decides attendance and handbook use.
    pub salt: i64,
    /// Share (percent) of members who used the handbook in a month…
    pub usage_pct: i64,
    /// …except the members of these organisations, who all did.
    pub full_usage_orgs: Vec<i64>,
    /// Meetings announced and not yet held, noticed to these members.
    pub upcoming: Vec<(NewMeeting, Vec<i64>)>,
    pub tasks: Vec<TaskPlan>,
    /// Documents, checked as a user's would be; `issuer_org_id` and
    /// `distributed_to` are local ids.
    pub documents: Vec<NewDocumentInput>,
    /// (meeting, index into `documents`)
    pub attachments: Vec<(i64, usize)>,
    /// (index into `documents`, members who have read it)
    pub reads: Vec<(usize, Vec<i64>)>,
}

/// What the import made.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportReport {
    pub organisations: usize,
    pub members: usize,
    pub meetings: usize,
    pub attendance: u64,
    pub usage: u64,
    pub documents: usize,
}

/// Database ids for the local ids of one history.
struct Ids {
    org: i64,
    member: i64,
    meeting: i64,
}

/// Write `history` in one transaction, with one audit entry naming
/// `entity_id` (e.g. "yen-bai-2022"). Admins only.
pub async fn import_history(
    ctx: &Ctx,
    actor: &Actor,
    entity_id: &str,
    history: &History,
) -> AppResult<ImportReport> {
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("handbook.import_admin")));
    }
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    let ids = Ids {
        org: store::next_id(&mut tx, "party_orgs").await?,
        member: store::next_id(&mut tx, "party_members").await?,
        meeting: store::next_id(&mut tx, "party_meetings").await?,
    };
    let orgs: Vec<NewOrg> = history
        .orgs
        .iter()
        .map(|o| NewOrg {
            id: o.id + ids.org,
            parent_id: o.parent_id.map(|p| p + ids.org),
            ..o.clone()
        })
        .collect();
    let members: Vec<NewMember> = history
        .members
        .iter()
        .map(|m| NewMember {
            id: m.id + ids.member,
            org_id: m.org_id + ids.org,
            ..m.clone()
        })
        .collect();
    let meetings: Vec<NewMeeting> = history
        .meetings
        .iter()
        .map(|m| NewMeeting {
            id: m.id + ids.meeting,
            org_id: m.org_id + ids.org,
            ..m.clone()
        })
        .collect();
    // Documents are checked before anything is written.
    let parent: HashMap<i64, Option<i64>> = orgs.iter().map(|o| (o.id, o.parent_id)).collect();
    let mut documents = Vec::with_capacity(history.documents.len());
    for (i, input) in history.documents.iter().enumerate() {
        let input = NewDocumentInput {
            issuer_org_id: input.issuer_org_id + ids.org,
            distributed_to: input.distributed_to.iter().map(|d| d + ids.org).collect(),
            ..input.clone()
        };
        let issuer = org_row(&orgs, input.issuer_org_id)?;
        let mut new = check_new_in_tree(&issuer, &input, &parent).map_err(|e| match e {
            AppError::Invalid { field, message } => {
                AppError::invalid(format!("documents[{i}].{field}"), message)
            }
            other => other,
        })?;
        new.synthetic = true;
        documents.push(new);
    }

    store::insert_orgs(&mut tx, &orgs, t).await?;
    store::insert_members(&mut tx, &members, t).await?;
    meeting_store::insert_many(&mut tx, &meetings, t).await?;
    let attendance = meeting_store::fill_attendance(&mut tx, ids.meeting, history.salt, t).await?;
    let full: Vec<i64> = history
        .full_usage_orgs
        .iter()
        .map(|o| o + ids.org)
        .collect();
    let usage = meeting_store::fill_usage(
        &mut tx,
        ids.meeting,
        history.salt,
        history.usage_pct,
        &full,
        t,
    )
    .await?;
    for (m, noticed) in &history.upcoming {
        let m = NewMeeting {
            org_id: m.org_id + ids.org,
            ..m.clone()
        };
        let id = meeting_store::insert(&mut tx, &m, t).await?;
        let noticed: Vec<i64> = noticed.iter().map(|n| n + ids.member).collect();
        meeting_store::insert_notices(&mut tx, id, &noticed, t).await?;
        meeting_store::mark_notified(&mut tx, id, t).await?;
    }
    for task in &history.tasks {
        let id = meeting_store::insert_task(
            &mut tx,
            task.meeting + ids.meeting,
            task.org + ids.org,
            &task.title,
            task.owner.map(|o| o + ids.member),
            task.due_on,
            t,
        )
        .await?;
        if task.done {
            meeting_store::finish_task(&mut tx, id, t).await?;
        }
    }
    let mut doc_ids = Vec::with_capacity(documents.len());
    for new in &documents {
        doc_ids.push(doc_store::insert(&mut tx, new, t).await?);
    }
    let doc = |i: usize| {
        doc_ids.get(i).copied().ok_or_else(|| {
            AppError::invalid(
                "attachments",
                Msg::new("handbook.import_no_document").arg("index", i),
            )
        })
    };
    for &(meeting, d) in &history.attachments {
        meeting_store::attach_documents(&mut tx, meeting + ids.meeting, &[doc(d)?], t).await?;
    }
    for (d, readers) in &history.reads {
        let readers: Vec<i64> = readers.iter().map(|r| r + ids.member).collect();
        doc_store::insert_reads(&mut tx, doc(*d)?, &readers, t).await?;
    }

    let report = ImportReport {
        organisations: orgs.len(),
        members: members.len(),
        meetings: meetings.len() + history.upcoming.len(),
        attendance,
        usage,
        documents: doc_ids.len(),
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "import",
            entity: "party_history",
            entity_id: entity_id.into(),
            unit_path: None,
            before: None,
            after: serde_json::to_value(&report).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

fn org_row(orgs: &[NewOrg], id: i64) -> AppResult<OrgRow> {
    let o = orgs.iter().find(|o| o.id == id).ok_or_else(|| {
        AppError::invalid(
            "issuer_org_id",
            Msg::new("handbook.import_no_org").arg("id", id),
        )
    })?;
    Ok(OrgRow {
        id: o.id,
        parent_id: o.parent_id,
        kind: o.kind,
        name: o.name.clone(),
        unit_id: o.unit_id,
        valid_from: o.valid_from,
        valid_to: None,
        synthetic: o.synthetic,
    })
}

/// `documents::check_fields`, and the distribution checked against the
/// tree being imported (not committed yet, so not in the store).
fn check_new_in_tree(
    issuer: &OrgRow,
    input: &NewDocumentInput,
    parent: &HashMap<i64, Option<i64>>,
) -> AppResult<NewDocument> {
    let new = check_fields(issuer, input, None)?;
    for id in &new.distributed_to {
        let mut at = Some(*id);
        let mut below = false;
        while let Some(o) = at {
            if o == issuer.id {
                below = true;
                break;
            }
            at = parent.get(&o).copied().flatten();
        }
        if !below {
            return Err(AppError::invalid(
                "distributed_to",
                Msg::new("handbook.import_org_not_below")
                    .arg("id", id)
                    .arg("issuer", &issuer.name),
            ));
        }
    }
    Ok(new)
}
