//! Changing one's own password: the current password first, the same rules
//! as a reset, and afterwards whoever held the old password holds nothing
//! (every other session and every API token of the account ends; the
//! session the change was made from goes on).

use crate::i18n::messages::Msg;
use std::time::Instant;
use tracing::instrument;

use super::accounts::{check_password_rules, hash_password, hash_secret, verify_password};
use super::audit::{self, Change};
use super::{Actor, Ctx};
use crate::error::{AppError, AppResult};
use crate::store::accounts as store;

/// Change the signed-in user's own password. `keep_session` is the secret
/// of the session the change comes from (it stays signed in). Refused with
/// `invalid` on `current_password` when the current password is wrong, on
/// `new_password` when the new one breaks the rules; wrong current passwords
/// are slowed down like failed sign-ins.
#[instrument(skip_all)]
pub async fn change_own_password(
    ctx: &Ctx,
    actor: &Actor,
    keep_session: Option<&str>,
    current: &str,
    new: &str,
) -> AppResult<()> {
    let me = actor
        .user
        .as_ref()
        .ok_or_else(|| AppError::Unauthorized(Msg::new("accounts.sign_in_to_change_password")))?;
    if actor.via_token.is_some() {
        return Err(AppError::Forbidden(Msg::new(
            "accounts.password_via_session",
        )));
    }
    let key = format!("password:{}", me.id);
    if let Some(wait) = ctx.throttle().wait(&key, Instant::now()) {
        return Err(AppError::TooManyRequests(
            Msg::new("accounts.too_many_passwords").arg("seconds", wait.as_secs() + 1),
        ));
    }
    let user = store::user_by_id(ctx.db(), me.id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| AppError::Unauthorized(Msg::new("auth.inactive")))?;
    if !verify_password(current.to_owned(), user.password_hash.clone()).await {
        ctx.throttle().fail(&key, Instant::now());
        return Err(AppError::invalid(
            "current_password",
            Msg::new("accounts.current_password_wrong"),
        ));
    }
    ctx.throttle().succeed(&key);
    check_password_rules(new).map_err(|e| match e {
        AppError::Invalid { message, .. } => AppError::invalid("new_password", message),
        e => e,
    })?;
    let hash = hash_password(new.to_owned()).await?;
    let grants = store::grants_of(ctx.db(), user.id).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    store::set_password(&mut tx, user.id, &hash, t).await?;
    let ended = match keep_session {
        Some(s) => store::delete_other_sessions(&mut tx, user.id, &hash_secret(s)).await?,
        None => {
            store::delete_user_sessions(&mut tx, user.id).await?;
            0
        }
    };
    let revoked = store::revoke_user_tokens(&mut tx, user.id, t).await?;
    let change = Change {
        action: "change_password",
        entity: "user",
        entity_id: user.id.to_string(),
        unit_path: super::accounts::grant_path(ctx, &grants),
        before: None,
        after: Some(serde_json::json!({
            "sessions_ended": ended,
            "tokens_revoked": revoked,
        })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}
