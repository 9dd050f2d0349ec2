//! `/api/v1/me`, `/users...`, `/tokens...`: accounts, grants and tokens.

use crate::i18n::messages::Msg;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::types::accounts::{
    GrantsIn, MeOut, NewTokenOut, NewUserIn, PasswordIn, TokenIn, TokenListOut, UserListOut,
    UserOut,
};
use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::{Ctx, accounts, tokens as token_ops};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    me,
    list,
    create,
    show,
    set_grants,
    reset_password,
    tokens,
    deactivate,
    reactivate,
    create_token,
    revoke_token
))]
pub(super) struct Doc;

/// The signed-in user and their grants
#[utoipa::path(get, path = "/me", tag = "accounts", responses((status = 200, body = MeOut)))]
pub async fn me(State(ctx): State<Ctx>, ApiActor(actor): ApiActor) -> AppResult<Json<MeOut>> {
    let user = actor.user.clone().ok_or(AppError::SignInRequired)?;
    let view = accounts::get_user(&ctx, &crate::service::Actor::system("self"), user.id).await?;
    Ok(Json(MeOut { user: view.into() }))
}

/// Accounts the caller may manage (admins: all; officers: those in their area)
#[utoipa::path(get, path = "/users", tag = "accounts",
    responses((status = 200, body = UserListOut)))]
pub async fn list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
) -> AppResult<Json<UserListOut>> {
    let users = accounts::list_users(&ctx, &actor).await?;
    Ok(Json(UserListOut {
        items: users.into_iter().map(Into::into).collect(),
    }))
}

/// Create an account with grants the caller may give
#[utoipa::path(post, path = "/users", tag = "accounts", params(OnQuery),
    request_body = NewUserIn, responses((status = 201, body = UserOut)))]
pub async fn create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<NewUserIn>,
) -> AppResult<(StatusCode, Json<UserOut>)> {
    require_user(&actor)?;
    let user = accounts::create_user(&ctx, &actor, &input.into(), q.day(&ctx)?).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// One account
#[utoipa::path(get, path = "/users/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "The account's id")),
    responses((status = 200, body = UserOut)))]
pub async fn show(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<UserOut>> {
    require_user(&actor)?;
    Ok(Json(accounts::get_user(&ctx, &actor, id).await?.into()))
}

/// Replace an account's grants
#[utoipa::path(put, path = "/users/{id}/grants", tag = "accounts",
    params(("id" = i64, Path, description = "The account's id"), OnQuery),
    request_body = GrantsIn, responses((status = 200, body = UserOut)))]
pub async fn set_grants(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
    ApiJson(body): ApiJson<GrantsIn>,
) -> AppResult<Json<UserOut>> {
    require_user(&actor)?;
    let grants: Vec<accounts::GrantInput> = body.grants.into_iter().map(Into::into).collect();
    let user = accounts::set_grants(&ctx, &actor, id, &grants, body.version, q.day(&ctx)?).await?;
    Ok(Json(user.into()))
}

/// Set a new password; ends the account's sessions and revokes its API tokens
#[utoipa::path(post, path = "/users/{id}/password", tag = "accounts",
    params(("id" = i64, Path, description = "The account's id")),
    request_body = PasswordIn, responses((status = 204, description = "Done")))]
pub async fn reset_password(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<PasswordIn>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    accounts::reset_password(&ctx, &actor, id, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokensQuery {
    /// `true`: every account's tokens (admins).
    #[param(value_type = Option<bool>)]
    all: Option<String>,
}

/// The caller's API tokens (never the secrets); with all=true, every account's tokens (admins)
#[utoipa::path(get, path = "/tokens", tag = "accounts", params(TokensQuery),
    responses((status = 200, body = TokenListOut)))]
pub async fn tokens(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<TokensQuery>,
) -> AppResult<Json<TokenListOut>> {
    require_user(&actor)?;
    let items = match q.all.as_deref() {
        None | Some("false") => accounts::tokens(&ctx, &actor)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        Some("true") => token_ops::all_tokens(&ctx, &actor)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        Some(other) => {
            return Err(AppError::invalid(
                "all",
                Msg::new("value.true_false").arg("value", other),
            ));
        }
    };
    Ok(Json(TokenListOut { items }))
}

/// Deactivate an account the caller manages
///
/// It cannot sign in or use tokens; its sessions end and tokens are
/// revoked; grants and history stay.
#[utoipa::path(post, path = "/users/{id}/deactivate", tag = "accounts",
    params(("id" = i64, Path, description = "The account's id")),
    responses((status = 204, description = "Done")))]
pub async fn deactivate(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    token_ops::set_active(&ctx, &actor, id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reactivate a deactivated account the caller manages
#[utoipa::path(post, path = "/users/{id}/reactivate", tag = "accounts",
    params(("id" = i64, Path, description = "The account's id")),
    responses((status = 204, description = "Done")))]
pub async fn reactivate(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    token_ops::set_active(&ctx, &actor, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Create an API token; the secret is in this response only
///
/// Needs a signed-in session: a token cannot create tokens. Lasts at most
/// the server's maximum (default 90 days), which is also the default.
#[utoipa::path(post, path = "/tokens", tag = "accounts", request_body = TokenIn,
    responses((status = 201, body = NewTokenOut)))]
pub async fn create_token(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<TokenIn>,
) -> AppResult<(StatusCode, Json<NewTokenOut>)> {
    require_user(&actor)?;
    let (token, row) = accounts::create_token(&ctx, &actor, &body.name, body.days).await?;
    Ok((
        StatusCode::CREATED,
        Json(NewTokenOut {
            token,
            info: row.into(),
        }),
    ))
}

/// Revoke a token: one of the caller's, or any account's for admins
#[utoipa::path(delete, path = "/tokens/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked")))]
pub async fn revoke_token(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    accounts::revoke_token(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn require_user(actor: &crate::service::Actor) -> AppResult<()> {
    if actor.is_signed_in() {
        Ok(())
    } else {
        Err(AppError::SignInRequired)
    }
}
