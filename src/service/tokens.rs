//! API tokens and the account lifecycle: making, listing and revoking
//! tokens; deactivating and reactivating accounts.
//!
//! A token lasts at most `Config::token_max_days` (also the default), is
//! made only by a signed-in person (never by another token), and dies with
//! its holder's password: a reset or a deactivation revokes every token and
//! ends every session of the account. Deactivated accounts keep their
//! grants and their history; they only cannot sign in or use a token.

use crate::i18n::messages::Msg;
use chrono::Duration;

use super::accounts::{grant_path, hash_secret, managed_user, new_secret};
use super::audit::{self, Change};
use super::{Actor, Ctx};
use crate::error::{AppError, AppResult};
use crate::store::accounts::{self as store, HeldToken, TokenRow};

/// A new API token for the actor. The secret is shown once, here. `days`
/// defaults to the maximum lifetime and may not exceed it.
pub async fn create_token(
    ctx: &Ctx,
    actor: &Actor,
    name: &str,
    days: Option<i64>,
) -> AppResult<(String, TokenRow)> {
    let user = actor
        .user
        .as_ref()
        .ok_or_else(|| AppError::Unauthorized(Msg::new("accounts.sign_in_to_create_token")))?;
    if actor.via_token.is_some() {
        return Err(AppError::Forbidden(Msg::new("accounts.token_by_token")));
    }
    let name = crate::domain::unit::clean_name("name", name)?;
    let max = ctx.config().token_max_days.max(1);
    let days = days.unwrap_or(max);
    if !(1..=max).contains(&days) {
        return Err(AppError::invalid(
            "days",
            Msg::new("accounts.token_days")
                .arg("max", max)
                .arg("value", days),
        ));
    }
    let secret = new_secret("tsk_");
    let t = ctx.now();
    let expires_at = Some(t + Duration::days(days));
    let mut tx = ctx.begin().await?;
    let id = store::insert_token(
        &mut tx,
        user.id,
        &name,
        &hash_secret(&secret),
        expires_at,
        t,
    )
    .await?;
    let row = TokenRow {
        id,
        user_id: user.id,
        name,
        expires_at,
        revoked_at: None,
        created_at: t,
    };
    let change = Change {
        action: "create",
        entity: "api_token",
        entity_id: id.to_string(),
        unit_path: None,
        before: None,
        after: serde_json::to_value(&row).ok(),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok((secret, row))
}

/// The actor's own tokens.
pub async fn tokens(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<TokenRow>> {
    let user = actor
        .user
        .as_ref()
        .ok_or_else(|| AppError::Unauthorized(Msg::new("accounts.sign_in_to_see_tokens")))?;
    Ok(store::tokens_of(ctx.db(), user.id).await?)
}

/// Every token of every account, with its holder: for admins.
pub async fn all_tokens(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<HeldToken>> {
    if !actor.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("accounts.all_tokens_admin")));
    }
    Ok(store::all_tokens(ctx.db()).await?)
}

/// Revoke a token: one's own, or (admins) anyone's.
pub async fn revoke_token(ctx: &Ctx, actor: &Actor, token_id: i64) -> AppResult<()> {
    let user = actor
        .user
        .as_ref()
        .ok_or_else(|| AppError::Unauthorized(Msg::new("accounts.sign_in_to_revoke_token")))?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let holder = if actor.scope.is_admin() {
        store::revoke_any_token(&mut tx, token_id, t).await?
    } else {
        (store::revoke_token(&mut tx, user.id, token_id, t).await? > 0).then_some(user.id)
    };
    let Some(holder) = holder else {
        return Err(AppError::NotFound(
            Msg::new("accounts.no_token").arg("id", token_id),
        ));
    };
    let change = Change {
        action: "revoke",
        entity: "api_token",
        entity_id: token_id.to_string(),
        unit_path: None,
        before: None,
        after: Some(serde_json::json!({ "user_id": holder })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivate (`active = false`) or reactivate an account the actor
/// manages. Deactivation ends its sessions and revokes its tokens in the
/// same transaction; grants and history stay.
pub async fn set_active(ctx: &Ctx, actor: &Actor, user_id: i64, active: bool) -> AppResult<()> {
    if !actor.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    if actor.user_id() == Some(user_id) {
        return Err(AppError::Forbidden(Msg::new("accounts.own_activation")));
    }
    let (user, grants) = managed_user(ctx, actor, user_id).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    store::set_active(&mut tx, user.id, active, t).await?;
    let mut after = serde_json::json!({ "active": active });
    if !active {
        store::delete_user_sessions(&mut tx, user.id).await?;
        after["tokens_revoked"] = store::revoke_user_tokens(&mut tx, user.id, t).await?.into();
    }
    let change = Change {
        action: if active { "reactivate" } else { "deactivate" },
        entity: "user",
        entity_id: user.id.to_string(),
        unit_path: grant_path(ctx, &grants),
        before: Some(serde_json::json!({ "active": user.active })),
        after: Some(after),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}
