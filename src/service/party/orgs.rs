//! Party organisations and their members: an organisation's page (its
//! members), adding organisations and members.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;
use tracing::instrument;

use super::{MemberView, OrgView, org_node, org_or_404, org_path, org_view, viewer};
use crate::domain::party::{self as rules, MemberStatus, OrgKind, Position};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party::{self as store, NewMember, NewOrg, OrgRow};

/// An organisation with its members, for its members and those who oversee
/// it.
#[derive(Debug, Clone, Serialize)]
pub struct OrgPage {
    pub org: OrgView,
    pub path: Vec<OrgView>,
    pub members: Vec<MemberView>,
    /// The asker runs this organisation (secretary or deputy).
    pub runs: bool,
    pub is_member: bool,
}

#[instrument(skip(ctx, actor))]
pub async fn org_page(ctx: &Ctx, actor: &Actor, org_id: i64) -> AppResult<OrgPage> {
    let day = ctx.today();
    let v = viewer(ctx, actor, day).await?;
    let chain = store::org_chain(ctx.db(), org_id).await?;
    let org = chain
        .last()
        .cloned()
        .ok_or_else(|| AppError::NotFound(Msg::new("handbook.org_not_found").arg("id", org_id)))?;
    let ancestors: Vec<i64> = chain[..chain.len() - 1].iter().map(|o| o.id).collect();
    let is_member = rules::may_read_meetings(&v.memberships, org.id);
    if !is_member && !rules::may_oversee(&v.memberships, org.id, &ancestors) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.not_your_org").arg("org", &org.name),
        ));
    }
    let members = store::members_of(ctx.db(), org.id, day).await?;
    Ok(OrgPage {
        org: org_view(ctx, &org),
        path: chain[..chain.len() - 1]
            .iter()
            .map(|o| org_view(ctx, o))
            .collect(),
        members: members.iter().map(MemberView::from).collect(),
        runs: rules::may_run(&v.memberships, org.id),
        is_member,
    })
}

/// A new organisation under `parent_id` (or a provincial committee at the
/// top), tied to the unit with `unit` code on `day`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewOrgInput {
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub unit: String,
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
}

/// The levels of unit an organisation of each kind is tied to. Cells of a
/// village sit on the village; cells of an agency or school on the commune.
fn unit_levels(kind: OrgKind) -> &'static [Level] {
    match kind {
        OrgKind::ProvincialCommittee => &[Level::Province],
        OrgKind::DistrictCommittee => &[Level::District],
        OrgKind::CommuneCommittee => &[Level::Commune],
        OrgKind::Cell => &[Level::Village, Level::Commune],
    }
}

/// Add an organisation: admins anywhere; the secretary or deputy of the
/// parent below it.
#[instrument(skip(ctx, actor, input))]
pub async fn create_org(ctx: &Ctx, actor: &Actor, input: &NewOrgInput) -> AppResult<OrgView> {
    let day = input.valid_from.unwrap_or_else(|| ctx.today());
    let v = viewer(ctx, actor, ctx.today()).await?;
    let kind: OrgKind = input.kind.parse()?;
    let name = rules::clean_text("name", &input.name, 200, true)?;
    let parent = match input.parent_id {
        Some(id) => Some(org_or_404(ctx, id).await?),
        None => None,
    };
    if parent.as_ref().map(|p| p.kind) != kind.parent_kind() {
        return Err(AppError::invalid(
            "parent_id",
            match kind.parent_kind() {
                Some(k) => Msg::new("handbook.kind_under")
                    .arg_msg("kind", kind.words())
                    .arg_msg("parent", k.words()),
                None => Msg::new("handbook.kind_no_parent").arg_msg("kind", kind.words()),
            },
        ));
    }
    let allowed = actor.scope.is_admin()
        || parent
            .as_ref()
            .is_some_and(|p| rules::may_run(&v.memberships, p.id));
    if !allowed {
        return Err(AppError::Forbidden(Msg::new("handbook.add_org_forbidden")));
    }
    let unit_id = {
        let h = ctx.hierarchy();
        let code = input.unit.trim().parse()?;
        let node = h.find(&code, day).ok_or_else(|| {
            AppError::invalid(
                "unit",
                Msg::new("notfound.unit_code_on")
                    .arg("code", &code)
                    .arg("day", day.format("%d/%m/%Y")),
            )
        })?;
        if !unit_levels(kind).contains(&node.unit.level) {
            return Err(AppError::invalid(
                "unit",
                Msg::new("handbook.kind_not_tied")
                    .arg_msg("kind", kind.words())
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        if let Some(p) = &parent
            && !org_node(&h, p.unit_id, day).is_some_and(|pn| pn.contains(&node))
        {
            return Err(AppError::invalid(
                "unit",
                Msg::new("handbook.unit_inside_parent"),
            ));
        }
        node.unit.id
    };
    let new = NewOrg {
        id: 0,
        parent_id: parent.as_ref().map(|p| p.id),
        kind,
        name,
        unit_id,
        valid_from: day,
        synthetic: false,
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_org(&mut tx, &new, t).await?;
    let row = OrgRow {
        id,
        parent_id: new.parent_id,
        kind,
        name: new.name.clone(),
        unit_id,
        valid_from: day,
        valid_to: None,
        synthetic: false,
    };
    let view = org_view(ctx, &row);
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_org",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &row),
            before: None,
            after: serde_json::to_value(&view).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}

/// A new member of an organisation, optionally linked to an account.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewMemberInput {
    pub full_name: String,
    #[serde(default = "default_position")]
    pub position: String,
    #[serde(default = "default_status")]
    pub status: String,
    pub joined_on: NaiveDate,
    #[serde(default)]
    pub from_date: Option<NaiveDate>,
    #[serde(default)]
    pub username: Option<String>,
}

fn default_position() -> String {
    "member".into()
}

fn default_status() -> String {
    "official".into()
}

/// Add a member: admins, and the secretary or deputy of the organisation
/// or of the one above it.
#[instrument(skip(ctx, actor, input))]
pub async fn add_member(
    ctx: &Ctx,
    actor: &Actor,
    org_id: i64,
    input: &NewMemberInput,
) -> AppResult<MemberView> {
    let today = ctx.today();
    let v = viewer(ctx, actor, today).await?;
    let org = org_or_404(ctx, org_id).await?;
    let allowed = actor.scope.is_admin()
        || rules::may_run(&v.memberships, org.id)
        || org
            .parent_id
            .is_some_and(|p| rules::may_run(&v.memberships, p));
    if !allowed {
        return Err(AppError::Forbidden(
            Msg::new("handbook.add_members_forbidden").arg("org", &org.name),
        ));
    }
    let full_name = rules::clean_text("full_name", &input.full_name, 120, true)?;
    let position: Position = input.position.parse()?;
    let status: MemberStatus = input.status.parse()?;
    let from_date = input.from_date.unwrap_or(today);
    if input.joined_on > from_date {
        return Err(AppError::invalid(
            "joined_on",
            Msg::new("handbook.joined_party_first"),
        ));
    }
    let user_id = match input
        .username
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(name) => {
            let id = crate::service::accounts::user_id_by_name(ctx, name)
                .await
                .map_err(|_| {
                    AppError::invalid(
                        "username",
                        Msg::new("accounts.no_account_named").arg("name", name),
                    )
                })?;
            if store::memberships_of_user(ctx.db(), id, from_date)
                .await?
                .iter()
                .any(|m| m.org_id == org.id)
            {
                return Err(AppError::Conflict(
                    Msg::new("handbook.already_member")
                        .arg("name", name)
                        .arg("org", &org.name),
                ));
            }
            Some(id)
        }
    };
    let new = NewMember {
        id: 0,
        org_id: org.id,
        user_id,
        full_name,
        position,
        status,
        joined_on: input.joined_on,
        from_date,
        synthetic: false,
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_member(&mut tx, &new, t).await?;
    let view = MemberView {
        id,
        org_id: org.id,
        full_name: new.full_name.clone(),
        position,
        status,
        joined_on: new.joined_on,
        from_date,
        has_account: user_id.is_some(),
        synthetic: false,
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_member",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: serde_json::to_value(&view).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}
