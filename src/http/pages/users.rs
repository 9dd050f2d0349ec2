//! Accounts and grants (for admins and officers), and one's own API tokens.

use crate::i18n::messages::Msg;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::refused::{Refused, flash_back};
use super::units::HitView;
use super::{Base, Page, format};
use crate::domain::access::Role;
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, Query};
use crate::i18n::{Lang, role_name};
use crate::service::accounts::{self, GrantInput, NewUser, UserView};
use crate::service::units;

pub struct GrantRow {
    pub role: &'static str,
    pub role_key: &'static str,
    pub unit_code: String,
    pub unit_name: String,
}

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub active: bool,
    pub grants: Vec<GrantRow>,
}

fn user_row(lang: Lang, u: &UserView) -> UserRow {
    UserRow {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        active: u.active,
        grants: u
            .grants
            .iter()
            .map(|g| GrantRow {
                role: role_name(lang, g.role),
                role_key: g.role.as_str(),
                unit_code: g.unit_code.clone().unwrap_or_default(),
                unit_name: g
                    .unit_name
                    .clone()
                    .unwrap_or_else(|| lang.texts().whole_country.into()),
            })
            .collect(),
    }
}

pub struct RoleOption {
    pub key: &'static str,
    pub name: &'static str,
}

fn role_options(lang: Lang) -> Vec<RoleOption> {
    Role::ALL
        .iter()
        .map(|r| RoleOption {
            key: r.as_str(),
            name: role_name(lang, *r),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "pages/users/index.html")]
struct IndexPage {
    base: Base,
    users: Vec<UserRow>,
    roles: Vec<RoleOption>,
    unit_q: String,
    hits: Vec<HitView>,
    national: bool,
    /// A refused `user-new` form, as typed (the password excepted).
    refused: Refused,
}

/// The user list; `?unit_q=` searches the unit of a new account's grant.
pub async fn index(page: Page, Query(q): Query<UnitSearch>) -> AppResult<Response> {
    index_page(page, &q, StatusCode::OK, Refused::default()).await
}

async fn index_page(
    page: Page,
    q: &UnitSearch,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    page.require_user()?;
    let users = accounts::list_users(&page.ctx, &page.actor).await?;
    let (unit_q, hits) = unit_hits(&page, q)?;
    let tpl = IndexPage {
        base: page.base(page.t().users),
        users: users.iter().map(|u| user_row(page.lang, u)).collect(),
        roles: role_options(page.lang),
        unit_q,
        hits,
        national: page.actor.scope.is_admin(),
        refused,
    };
    page.render(status, &tpl)
}

/// The new-account form; fields default to empty so that the service says
/// what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewUserForm {
    username: String,
    display_name: String,
    password: String,
    role: String,
    unit: String,
    /// The unit search the unit was picked from, to offer its units again
    /// when the form is refused.
    unit_q: String,
}

/// The grant form's box that holds a refused grant field
/// (`grants[0].unit` → `unit`), or the account form's own field.
fn grant_field(path: &str) -> Option<&'static str> {
    let field = path.rsplit('.').next().unwrap_or(path);
    ["username", "display_name", "password", "role", "unit"]
        .into_iter()
        .find(|f| *f == field)
}

pub async fn create(page: Page, CsrfForm(form): CsrfForm<NewUserForm>) -> AppResult<Response> {
    page.require_user()?;
    // What was typed, to show again if refused; never the password.
    let typed = [
        ("username", form.username.clone()),
        ("display_name", form.display_name.clone()),
        ("role", form.role.clone()),
        ("unit", form.unit.clone()),
    ];
    let search = UnitSearch {
        unit_q: form.unit_q.clone(),
    };
    let input = NewUser {
        username: form.username,
        display_name: form.display_name,
        password: form.password,
        grants: vec![GrantInput {
            role: form.role,
            unit: Some(form.unit),
        }],
    };
    match accounts::create_user(&page.ctx, &page.actor, &input, page.ctx.today()).await {
        Ok(u) => {
            let to = format!("/users/{}", u.id);
            let msg = page.t().saved;
            Ok(page.redirect(&to, "ok", msg))
        }
        Err(e) => match Refused::of(page.lang, "user-new", &e, typed) {
            Some(r) => {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                index_page(page, &search, status, r.on_field(grant_field)).await
            }
            None => Err(e),
        },
    }
}

#[derive(Template)]
#[template(path = "pages/users/show.html")]
struct ShowPage {
    base: Base,
    user: UserRow,
    roles: Vec<RoleOption>,
    /// The unit search of the grant form: what was asked, and the units
    /// found within the granting user's own units.
    unit_q: String,
    hits: Vec<HitView>,
    /// A national admin may also grant over the whole country.
    national: bool,
    /// A refused `grant-add` form, as chosen.
    refused: Refused,
}

#[derive(Deserialize)]
pub struct UnitSearch {
    #[serde(default)]
    unit_q: String,
}

/// The units a grant may be given over, found by name (the unit search,
/// folded for diacritics, within the granting user's units), today.
fn unit_hits(page: &Page, q: &UnitSearch) -> AppResult<(String, Vec<HitView>)> {
    let unit_q = q.unit_q.trim().to_owned();
    if unit_q.is_empty() {
        return Ok((unit_q, Vec::new()));
    }
    let today = page.ctx.today();
    let hits = units::search(&page.ctx, &page.actor, &unit_q, today, units::SEARCH_LIMIT)?;
    let hits = hits.iter().map(|h| HitView::new(page.lang, h)).collect();
    Ok((unit_q, hits))
}

/// A user's page; `?unit_q=` searches the units to grant over (the unit
/// search, folded for diacritics, limited to the granting user's units).
pub async fn show(
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<UnitSearch>,
) -> AppResult<Response> {
    show_page(page, id, &q, StatusCode::OK, Refused::default()).await
}

async fn show_page(
    page: Page,
    id: i64,
    q: &UnitSearch,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    page.require_user()?;
    let u = accounts::get_user(&page.ctx, &page.actor, id).await?;
    let (unit_q, hits) = unit_hits(&page, q)?;
    let tpl = ShowPage {
        base: page.base(u.username.clone()),
        user: user_row(page.lang, &u),
        roles: role_options(page.lang),
        unit_q,
        hits,
        national: page.actor.scope.is_admin(),
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GrantForm {
    role: String,
    unit: String,
    /// The unit search of the add form (see `NewUserForm::unit_q`).
    unit_q: String,
}

async fn change_grants(page: Page, id: i64, form: GrantForm, add: bool) -> AppResult<Response> {
    page.require_user()?;
    let current = accounts::get_user(&page.ctx, &page.actor, id).await?;
    // A change on top of the grants just read: one made meanwhile is not
    // overwritten (409), it is shown on the page to act on again.
    let version = current.grants_version;
    let mut grants: Vec<GrantInput> = current
        .grants
        .iter()
        .map(|g| GrantInput {
            role: g.role.as_str().into(),
            unit: g.unit_code.clone(),
        })
        .filter(|g| {
            add || !(g.role == form.role && g.unit.clone().unwrap_or_default() == form.unit)
        })
        .collect();
    let typed = [("role", form.role.clone()), ("unit", form.unit.clone())];
    let search = UnitSearch {
        unit_q: form.unit_q.clone(),
    };
    if add {
        grants.push(GrantInput {
            role: form.role,
            unit: Some(form.unit),
        });
    }
    let to = format!("/users/{id}");
    match accounts::set_grants(
        &page.ctx,
        &page.actor,
        id,
        &grants,
        version,
        page.ctx.today(),
    )
    .await
    {
        Ok(_) => {
            let msg = page.t().saved;
            Ok(page.redirect(&to, "ok", msg))
        }
        Err(e) if add => match Refused::of(page.lang, "grant-add", &e, typed) {
            Some(r) => {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                show_page(page, id, &search, status, r.on_field(grant_field)).await
            }
            None => Err(e),
        },
        Err(e) => flash_back(page, &to, e),
    }
}

pub async fn add_grant(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<GrantForm>,
) -> AppResult<Response> {
    change_grants(page, id, form, true).await
}

pub async fn remove_grant(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<GrantForm>,
) -> AppResult<Response> {
    change_grants(page, id, form, false).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    password: String,
}

pub async fn reset_password(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let to = format!("/users/{id}");
    match accounts::reset_password(&page.ctx, &page.actor, id, &form.password).await {
        Ok(()) => {
            let msg = page.t().saved;
            Ok(page.redirect(&to, "ok", msg))
        }
        Err(e) => flash_back(page, &to, e),
    }
}

/// Deactivate or reactivate an account (a button on its page).
async fn change_active(page: Page, id: i64, active: bool) -> AppResult<Response> {
    page.require_user()?;
    crate::service::tokens::set_active(&page.ctx, &page.actor, id, active).await?;
    let msg = page.t().saved;
    Ok(page.redirect(&format!("/users/{id}"), "ok", msg))
}

pub async fn deactivate(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    change_active(page, id, false).await
}

pub async fn reactivate(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    change_active(page, id, true).await
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub expires: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "pages/account.html")]
struct AccountPage {
    base: Base,
    tokens: Vec<TokenView>,
    new_token: Option<String>,
    /// A refused password change: the field to mark and why.
    pw_field: &'static str,
    pw_message: &'static str,
    /// A refused `token-new` form, as typed.
    refused: Refused,
}

async fn render_account(page: Page, new_token: Option<String>) -> AppResult<Response> {
    render_account_with(
        page,
        new_token,
        StatusCode::OK,
        ("", ""),
        Refused::default(),
    )
    .await
}

/// The account page; `pw` is a refused password change (the field to
/// mark, and why), `refused` a refused new token.
async fn render_account_with(
    page: Page,
    new_token: Option<String>,
    status: StatusCode,
    (pw_field, pw_message): (&'static str, &'static str),
    refused: Refused,
) -> AppResult<Response> {
    let lang = page.lang;
    page.require_user()?;
    let tokens = accounts::tokens(&page.ctx, &page.actor)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created: format::day_time(lang, t.created_at),
            expires: t
                .expires_at
                .map(|e| format::day_time(lang, e))
                .unwrap_or_default(),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let tpl = AccountPage {
        base: page.base(page.t().account),
        tokens,
        new_token,
        pw_field,
        pw_message,
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize)]
pub struct OwnPasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_again: String,
}

/// Change one's own password. Refused, the account page comes back with
/// the reason beside the field (the passwords typed are not sent back).
pub async fn change_password(
    page: Page,
    CsrfForm(form): CsrfForm<OwnPasswordForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let t = page.t();
    if form.new_password != form.new_password_again {
        let status = StatusCode::BAD_REQUEST;
        let pw = ("new_password_again", t.password_mismatch);
        return render_account_with(page, None, status, pw, Refused::default()).await;
    }
    let result = crate::service::passwords::change_own_password(
        &page.ctx,
        &page.actor,
        page.session.as_deref(),
        &form.current_password,
        &form.new_password,
    )
    .await;
    match result {
        Ok(()) => Ok(page.redirect("/account", "ok", t.password_changed)),
        Err(e @ AppError::Invalid { .. }) => {
            let (field, message) = match e.field() {
                Some("current_password") => ("current_password", t.password_wrong_current),
                _ => ("new_password", t.password_rules),
            };
            let status = e.status();
            render_account_with(page, None, status, (field, message), Refused::default()).await
        }
        Err(e @ AppError::TooManyRequests(_)) => {
            let status = e.status();
            let pw = ("current_password", t.password_too_many);
            render_account_with(page, None, status, pw, Refused::default()).await
        }
        Err(e) => Err(e),
    }
}

pub async fn account(page: Page) -> AppResult<Response> {
    render_account(page, None).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
    #[serde(default)]
    days: String,
}

/// Create a token and show it once, on this response (not after a redirect:
/// the secret must not travel in a cookie).
pub async fn create_token(page: Page, CsrfForm(form): CsrfForm<TokenForm>) -> AppResult<Response> {
    page.require_user()?;
    let days = match form.days.trim() {
        "" => Ok(None),
        d => d
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::invalid("days", Msg::new("value.whole_number").arg("value", d))),
    };
    let created = match days {
        Ok(days) => accounts::create_token(&page.ctx, &page.actor, &form.name, days).await,
        Err(e) => Err(e),
    };
    match created {
        Ok((secret, _)) => render_account(page, Some(secret)).await,
        Err(e) => {
            let typed = [("name", form.name), ("days", form.days)];
            match Refused::of(page.lang, "token-new", &e, typed) {
                Some(r) => {
                    let status = StatusCode::UNPROCESSABLE_ENTITY;
                    render_account_with(page, None, status, ("", ""), r).await
                }
                None => Err(e),
            }
        }
    }
}

pub async fn revoke_token(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    page.require_user()?;
    accounts::revoke_token(&page.ctx, &page.actor, id).await?;
    let msg = page.t().saved;
    Ok(page.redirect("/account", "ok", msg))
}
