//! `/api/v1/me`, `/users...`, `/tokens...`: accounts, grants and tokens.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::{Ctx, accounts, tokens as token_ops};

pub async fn me(State(ctx): State<Ctx>, ApiActor(actor): ApiActor) -> AppResult<Json<Value>> {
    let user = actor.user.clone().ok_or(AppError::SignInRequired)?;
    let view = accounts::get_user(&ctx, &crate::service::Actor::system("self"), user.id).await?;
    Ok(Json(json!({ "user": view })))
}

pub async fn list(State(ctx): State<Ctx>, ApiActor(actor): ApiActor) -> AppResult<Json<Value>> {
    Ok(Json(
        json!({ "items": accounts::list_users(&ctx, &actor).await? }),
    ))
}

pub async fn create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<accounts::NewUser>,
) -> AppResult<(StatusCode, Json<accounts::UserView>)> {
    require_user(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(accounts::create_user(&ctx, &actor, &input, q.day(&ctx)?).await?),
    ))
}

pub async fn show(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<accounts::UserView>> {
    require_user(&actor)?;
    Ok(Json(accounts::get_user(&ctx, &actor, id).await?))
}

#[derive(Deserialize)]
pub struct GrantsBody {
    grants: Vec<accounts::GrantInput>,
    /// The `grants_version` the client read; a stale one gets 409.
    version: i64,
}

pub async fn set_grants(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
    ApiJson(body): ApiJson<GrantsBody>,
) -> AppResult<Json<accounts::UserView>> {
    require_user(&actor)?;
    Ok(Json(
        accounts::set_grants(&ctx, &actor, id, &body.grants, body.version, q.day(&ctx)?).await?,
    ))
}

#[derive(Deserialize)]
pub struct PasswordBody {
    password: String,
}

pub async fn reset_password(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<PasswordBody>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    accounts::reset_password(&ctx, &actor, id, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct TokensQuery {
    all: Option<String>,
}

/// One's own tokens; with `?all=true`, every account's (admins).
pub async fn tokens(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<TokensQuery>,
) -> AppResult<Json<Value>> {
    require_user(&actor)?;
    match q.all.as_deref() {
        None | Some("false") => Ok(Json(
            json!({ "items": accounts::tokens(&ctx, &actor).await? }),
        )),
        Some("true") => Ok(Json(
            json!({ "items": token_ops::all_tokens(&ctx, &actor).await? }),
        )),
        Some(other) => Err(AppError::invalid(
            "all",
            format!("must be true or false, got '{other}'"),
        )),
    }
}

pub async fn deactivate(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    token_ops::set_active(&ctx, &actor, id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn reactivate(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_user(&actor)?;
    token_ops::set_active(&ctx, &actor, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct TokenBody {
    name: String,
    days: Option<i64>,
}

pub async fn create_token(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<TokenBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    require_user(&actor)?;
    let (secret, row) = accounts::create_token(&ctx, &actor, &body.name, body.days).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": secret, "info": row })),
    ))
}

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

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
