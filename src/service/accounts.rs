//! Accounts: sign-in and sessions, API tokens, users and their grants.
//!
//! Passwords are hashed with argon2id. Session cookies and API tokens are
//! random 256-bit secrets; only their SHA-256 hashes are stored, so a copy
//! of the database does not let anyone sign in.

use crate::i18n::messages::Msg;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::time::Instant;
use tracing::instrument;

use super::audit::{self, Change};
use super::{Actor, Ctx, UserInfo};
use crate::domain::access::{Grant, Role, Scope};
use crate::domain::unit::UnitCode;
use crate::error::{AppError, AppResult};
use crate::store::accounts::{self as store, UserRow};

pub use super::tokens::{create_token, revoke_token, tokens};

/// A random secret, hex-encoded, with a prefix saying what it is.
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source works");
    format!("{prefix}{}", hex::encode(bytes))
}

/// SHA-256 of a secret, hex-encoded: what the database keeps.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub(super) async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("random: {e}"))?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hash: {e}"))
    })
    .await
    .map_err(|e| anyhow::anyhow!("hash task: {e}"))?
    .map_err(AppError::Internal)
}

pub(super) async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of no one's password, verified when the user does not exist so
/// that a wrong username takes as long as a wrong password.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1Yvd8HxQOyOQ0ZrjYKXg/9Dum4Y0Gf2dM0MvxTbF9eI";

pub(super) fn check_password_rules(password: &str) -> AppResult<()> {
    let n = password.chars().count();
    if !(8..=200).contains(&n) {
        return Err(AppError::invalid(
            "password",
            Msg::new("accounts.password_length").arg("got", n),
        ));
    }
    Ok(())
}

fn check_username(username: &str) -> AppResult<String> {
    let u = username.trim().to_lowercase();
    let ok = (2..=32).contains(&u.len())
        && u.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok {
        Ok(u)
    } else {
        Err(AppError::invalid(
            "username",
            Msg::new("accounts.username_format"),
        ))
    }
}

/// A new sign-in session: the secret for the cookie, and who it is for.
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: UserInfo,
}

/// Sign in with a username and password. `client` names where the attempt
/// comes from (an IP address) for throttling.
#[instrument(skip(ctx, password))]
pub async fn login(
    ctx: &Ctx,
    username: &str,
    password: &str,
    client: &str,
) -> AppResult<NewSession> {
    let username = username.trim().to_lowercase();
    let keys = [format!("user:{username}"), format!("client:{client}")];
    let start = Instant::now();
    // An address waits out its own delay; the account's delay holds only
    // addresses that have been failing too, so that guesses from elsewhere
    // never lock the owner out (see `throttle`).
    let wait = {
        let mut t = ctx.throttle();
        let own = t.wait(&keys[1], start);
        let account = if t.failing(&keys[1], start) {
            t.wait(&keys[0], start)
        } else {
            None
        };
        own.max(account)
    };
    if let Some(wait) = wait {
        return Err(AppError::TooManyRequests(
            Msg::new("accounts.too_many_sign_ins").arg("seconds", wait.as_secs() + 1),
        ));
    }
    let user = store::user_by_username(ctx.db(), &username).await?;
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.into());
    let ok = verify_password(password.to_owned(), hash).await;
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => {
            let mut t = ctx.throttle();
            for key in &keys {
                t.fail(key, Instant::now());
            }
            return Err(AppError::Unauthorized(Msg::new("auth.wrong_password")));
        }
    };
    // The address's count stays: signing in to one's own account must not
    // buy more guesses at another's.
    ctx.throttle().succeed(&keys[0]);
    let token = new_secret("");
    let t = ctx.now();
    let expires_at = t + Duration::hours(ctx.config().session_hours.max(1));
    let actor = actor_for(ctx, &user).await?;
    let mut tx = ctx.begin().await?;
    store::insert_session(&mut tx, &hash_secret(&token), user.id, expires_at, t).await?;
    super::party::record_login(&mut tx, user.id, t).await?;
    let change = Change {
        action: "login",
        entity: "session",
        entity_id: user.id.to_string(),
        unit_path: None,
        before: None,
        after: Some(serde_json::json!({ "expires_at": expires_at, "client": client })),
    };
    audit::record(ctx, &mut tx, &actor, change).await?;
    tx.commit().await?;
    Ok(NewSession {
        token,
        expires_at,
        user: actor.user.expect("a user actor"),
    })
}

/// End a session.
pub async fn logout(ctx: &Ctx, actor: &Actor, token: &str) -> AppResult<()> {
    let mut tx = ctx.begin().await?;
    store::delete_session(&mut tx, &hash_secret(token)).await?;
    if let Some(user) = &actor.user {
        let change = Change {
            action: "logout",
            entity: "session",
            entity_id: user.id.to_string(),
            unit_path: None,
            before: None,
            after: None,
        };
        audit::record(ctx, &mut tx, actor, change).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn actor_for(ctx: &Ctx, user: &UserRow) -> AppResult<Actor> {
    let grants = store::grants_of(ctx.db(), user.id).await?;
    Ok(Actor {
        user: Some(UserInfo {
            id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
        }),
        scope: Scope::User(grants),
        label: user.username.clone(),
        via_token: None,
    })
}

/// The actor behind a session cookie; `None` when it is unknown or expired.
pub async fn actor_from_session(ctx: &Ctx, token: &str) -> AppResult<Option<Actor>> {
    actor_from(
        ctx,
        store::session_user(ctx.db(), &hash_secret(token), ctx.now()).await?,
    )
    .await
}

/// The actor behind an API token; `None` when unknown, revoked or expired.
pub async fn actor_from_token(ctx: &Ctx, token: &str) -> AppResult<Option<Actor>> {
    let t = ctx.now();
    let oldest = t - Duration::days(ctx.config().token_max_days.max(1));
    let Some((user_id, token_id)) =
        store::token_user(ctx.db(), &hash_secret(token), t, oldest).await?
    else {
        return Ok(None);
    };
    Ok(actor_from(ctx, Some(user_id)).await?.map(|a| Actor {
        via_token: Some(token_id),
        ..a
    }))
}

async fn actor_from(ctx: &Ctx, user_id: Option<i64>) -> AppResult<Option<Actor>> {
    let Some(id) = user_id else { return Ok(None) };
    match store::user_by_id(ctx.db(), id).await? {
        Some(u) if u.active => Ok(Some(actor_for(ctx, &u).await?)),
        _ => Ok(None),
    }
}

/// A grant as given in input: a role and the code of a unit.
#[derive(Debug, Clone, Deserialize)]
pub struct GrantInput {
    pub role: String,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A grant as shown: role and unit.
#[derive(Debug, Clone, Serialize)]
pub struct GrantView {
    pub role: Role,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub active: bool,
    pub grants: Vec<GrantView>,
    /// The version of the grants; replacing them names it.
    pub grants_version: i64,
}

/// Turn grant inputs into grants on `day`, checking each is well formed and
/// that the actor may give it.
fn resolve_grants(
    ctx: &Ctx,
    actor: &Actor,
    input: &[GrantInput],
    day: NaiveDate,
) -> AppResult<Vec<Grant>> {
    let h = ctx.hierarchy();
    let mut out = Vec::new();
    for (i, g) in input.iter().enumerate() {
        let field = format!("grants[{i}]");
        let role: Role = g.role.parse().map_err(|e: crate::domain::DomainError| {
            AppError::invalid(format!("{field}.role"), e.reason())
        })?;
        let node = match g.unit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(code) => {
                let code: UnitCode = code.parse().map_err(|e: crate::domain::DomainError| {
                    AppError::invalid(format!("{field}.unit"), e.reason())
                })?;
                Some(h.find(&code, day).ok_or_else(|| {
                    AppError::invalid(
                        format!("{field}.unit"),
                        Msg::new("notfound.unit_code_on")
                            .arg("code", &code)
                            .arg("day", day.format("%d/%m/%Y")),
                    )
                })?)
            }
        };
        let grant = Grant {
            role,
            unit_id: node.as_ref().map(|n| n.unit.id),
        };
        grant
            .check(node.as_ref())
            .map_err(|e| AppError::invalid(format!("{field}.unit"), e.reason()))?;
        if !actor.scope.can_grant(&h, &grant, node.as_ref()) {
            return Err(AppError::Forbidden(
                role.named_in(Msg::new("accounts.may_not_grant")).arg_words(
                    "unit",
                    node.as_ref().map_or("toàn quốc", |n| &n.unit.full_name),
                    node.as_ref()
                        .map_or("the whole country", |n| &n.unit.full_name),
                ),
            ));
        }
        if !out.contains(&grant) {
            out.push(grant);
        }
    }
    Ok(out)
}

fn grant_views(ctx: &Ctx, grants: &[Grant]) -> Vec<GrantView> {
    let h = ctx.hierarchy();
    grants
        .iter()
        .map(|g| {
            let v = g.unit_id.and_then(|id| h.version(id));
            GrantView {
                role: g.role,
                unit_code: v.map(|v| v.code.to_string()),
                unit_name: v.map(|v| v.full_name.clone()),
            }
        })
        .collect()
}

/// True when the actor may manage this user: admins anyone; otherwise the
/// users all of whose grants the actor could have given. The state and the
/// party are separate (see `Scope::can_grant`); an account linked to a
/// party membership opens party records, so a state grant on it does not
/// make it the state's: only an admin or the party side manages it.
fn can_manage_user(ctx: &Ctx, actor: &Actor, grants: &[Grant], party_linked: bool) -> bool {
    if actor.scope.is_admin() {
        return true;
    }
    if party_linked && !grants.iter().all(|g| g.role.is_party()) {
        return false;
    }
    let h = ctx.hierarchy();
    !grants.is_empty()
        && grants.iter().all(|g| {
            let node = g.unit_id.and_then(|id| {
                let v = h.version(id)?;
                h.find_id(id, v.valid_to.unwrap_or(v.valid_from).max(v.valid_from))
            });
            actor.scope.can_grant(&h, g, node.as_ref())
        })
}

/// A new account.
#[derive(Debug, Clone, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[serde(default)]
    pub grants: Vec<GrantInput>,
}

#[instrument(skip(ctx, actor, input), fields(username = %input.username))]
pub async fn create_user(
    ctx: &Ctx,
    actor: &Actor,
    input: &NewUser,
    day: NaiveDate,
) -> AppResult<UserView> {
    let username = check_username(&input.username)?;
    let display_name = crate::domain::unit::clean_name("display_name", &input.display_name)?;
    check_password_rules(&input.password)?;
    let grants = resolve_grants(ctx, actor, &input.grants, day)?;
    if !actor.scope.is_admin() && grants.is_empty() {
        return Err(AppError::invalid(
            "grants",
            Msg::new("accounts.new_account_needs_role"),
        ));
    }
    if store::user_by_username(ctx.db(), &username)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(
            Msg::new("accounts.username_taken").arg("username", &username),
        ));
    }
    let hash = hash_password(input.password.clone()).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_user(&mut tx, &username, &display_name, &hash, t).await?;
    store::replace_grants(&mut tx, id, 1, &grants, t).await?;
    let view = UserView {
        id,
        username,
        display_name,
        active: true,
        grants: grant_views(ctx, &grants),
        grants_version: 2,
    };
    let change = Change {
        action: "create",
        entity: "user",
        entity_id: id.to_string(),
        unit_path: grant_path(ctx, &grants),
        before: None,
        after: serde_json::to_value(&view).ok(),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(view)
}

/// The audit path of the first unit-bound grant, so that officers see
/// changes to the accounts of their area.
pub(crate) fn grant_path(ctx: &Ctx, grants: &[Grant]) -> Option<String> {
    let h = ctx.hierarchy();
    grants.iter().find_map(|g| {
        let v = h.version(g.unit_id?)?;
        let node = h.find_id(v.id, v.valid_from)?;
        Some(super::units::unit_path(&h, &node))
    })
}

/// The users the actor may manage.
pub async fn list_users(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<UserView>> {
    if !actor.is_signed_in() && !actor.scope.is_admin() {
        return Err(AppError::Unauthorized(Msg::new(
            "accounts.sign_in_to_see_accounts",
        )));
    }
    let mut out = Vec::new();
    let linked = store::party_linked_users(ctx.db()).await?;
    for u in store::list_users(ctx.db()).await? {
        let grants = store::grants_of(ctx.db(), u.id).await?;
        if can_manage_user(ctx, actor, &grants, linked.contains(&u.id)) {
            out.push(UserView {
                id: u.id,
                username: u.username,
                display_name: u.display_name,
                active: u.active,
                grants: grant_views(ctx, &grants),
                grants_version: u.grants_version,
            });
        }
    }
    if out.is_empty() && !actor.scope.is_admin() && !has_officer_grant(actor) {
        return Err(AppError::Forbidden(Msg::new("accounts.manage_forbidden")));
    }
    Ok(out)
}

fn has_officer_grant(actor: &Actor) -> bool {
    matches!(&actor.scope, Scope::User(g) if g.iter().any(|g| g.role.is_officer() || g.role == Role::PartySecretary))
}

pub(crate) async fn managed_user(
    ctx: &Ctx,
    actor: &Actor,
    user_id: i64,
) -> AppResult<(UserRow, Vec<Grant>)> {
    let user = store::user_by_id(ctx.db(), user_id)
        .await?
        .ok_or_else(|| AppError::no_record("người dùng", "user", user_id))?;
    let grants = store::grants_of(ctx.db(), user_id).await?;
    let linked = store::party_linked_users(ctx.db())
        .await?
        .contains(&user_id);
    if !can_manage_user(ctx, actor, &grants, linked) {
        return Err(AppError::Forbidden(
            Msg::new("accounts.outside_area").arg("username", &user.username),
        ));
    }
    Ok((user, grants))
}

pub async fn get_user(ctx: &Ctx, actor: &Actor, user_id: i64) -> AppResult<UserView> {
    let (u, grants) = managed_user(ctx, actor, user_id).await?;
    Ok(UserView {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        active: u.active,
        grants: grant_views(ctx, &grants),
        grants_version: u.grants_version,
    })
}

/// Replace a user's grants. The actor must be able to give every new grant
/// and to have given every old one.
#[instrument(skip(ctx, actor, input))]
pub async fn set_grants(
    ctx: &Ctx,
    actor: &Actor,
    user_id: i64,
    input: &[GrantInput],
    version: i64,
    day: NaiveDate,
) -> AppResult<UserView> {
    let (user, old) = managed_user(ctx, actor, user_id).await?;
    if actor.user_id() == Some(user_id) && !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("accounts.own_roles")));
    }
    let new = resolve_grants(ctx, actor, input, day)?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    if !store::replace_grants(&mut tx, user_id, version, &new, t).await? {
        return Err(AppError::Conflict(
            Msg::new("accounts.roles_stale")
                .arg("username", &user.username)
                .arg("yours", version)
                .arg("now", user.grants_version),
        ));
    }
    let change = Change {
        action: "update",
        entity: "grants",
        entity_id: user_id.to_string(),
        unit_path: grant_path(ctx, &new).or_else(|| grant_path(ctx, &old)),
        before: serde_json::to_value(grant_views(ctx, &old)).ok(),
        after: serde_json::to_value(grant_views(ctx, &new)).ok(),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(UserView {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        active: user.active,
        grants: grant_views(ctx, &new),
        grants_version: version + 1,
    })
}

/// Set a new password for a user and end their sessions and API tokens
/// (whoever held the old password holds nothing after).
#[instrument(skip(ctx, actor, password))]
pub async fn reset_password(
    ctx: &Ctx,
    actor: &Actor,
    user_id: i64,
    password: &str,
) -> AppResult<()> {
    let (user, grants) = managed_user(ctx, actor, user_id).await?;
    check_password_rules(password)?;
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    store::set_password(&mut tx, user.id, &hash, t).await?;
    store::delete_user_sessions(&mut tx, user.id).await?;
    let revoked = store::revoke_user_tokens(&mut tx, user.id, t).await?;
    let change = Change {
        action: "reset_password",
        entity: "user",
        entity_id: user.id.to_string(),
        unit_path: grant_path(ctx, &grants),
        before: None,
        after: Some(serde_json::json!({ "tokens_revoked": revoked })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// A user by username, for the command line.
pub async fn user_id_by_name(ctx: &Ctx, username: &str) -> AppResult<i64> {
    store::user_by_username(ctx.db(), &username.trim().to_lowercase())
        .await?
        .map(|u| u.id)
        .ok_or_else(|| AppError::NotFound(Msg::new("accounts.no_user_named").arg("name", username)))
}

/// The actor of a user by id (for the command line acting as that user).
pub async fn actor_for_id(ctx: &Ctx, user_id: i64) -> AppResult<Actor> {
    actor_from(ctx, Some(user_id))
        .await?
        .ok_or_else(|| AppError::NotFound(Msg::new("accounts.no_active_user").arg("id", user_id)))
}
