//! Sign in, sign out, and the language switch.

use crate::i18n::messages::Msg;
use askama::Template;
use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use std::net::SocketAddr;

use super::{Base, Page, cookie, local_path};
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, LANG_COOKIE, Query, SESSION_COOKIE};
use crate::service::accounts;

#[derive(Template)]
#[template(path = "pages/login.html")]
struct LoginPage {
    base: Base,
    next: String,
    username: String,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_form(page: Page, Query(q): Query<NextQuery>) -> AppResult<Response> {
    if page.actor.is_signed_in() {
        return Ok(Redirect::to(&local_path(q.next.as_deref())).into_response());
    }
    let tpl = LoginPage {
        base: page.base(page.t().sign_in),
        next: local_path(q.next.as_deref()),
        username: String::new(),
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login(
    page: Page,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> AppResult<Response> {
    match accounts::login(
        &page.ctx,
        &form.username,
        &form.password,
        &addr.ip().to_string(),
    )
    .await
    {
        Ok(session) => {
            let secure = page.ctx.config().secure_cookies;
            let mut c = cookie(SESSION_COOKIE, session.token, secure);
            c.set_max_age(time_from(page.ctx.now(), session.expires_at));
            let to = local_path(form.next.as_deref());
            Ok((CookieJar::new().add(c), Redirect::to(&to)).into_response())
        }
        Err(e @ (AppError::Unauthorized(_) | AppError::TooManyRequests(_))) => {
            let status = e.status();
            let mut base = page.base(page.t().sign_in);
            base.flash = Some(super::Flash {
                kind: "error".into(),
                message: e.message(page.lang),
            });
            let tpl = LoginPage {
                base,
                next: local_path(form.next.as_deref()),
                username: form.username,
            };
            page.render(status, &tpl)
        }
        Err(e) => Err(e),
    }
}

fn time_from(
    now: chrono::DateTime<chrono::Utc>,
    expires: chrono::DateTime<chrono::Utc>,
) -> time::Duration {
    let secs = (expires - now).num_seconds().max(0);
    time::Duration::seconds(secs)
}

pub async fn logout(
    page: Page,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    if let Some(token) = &page.session {
        accounts::logout(&page.ctx, &page.actor, token).await?;
    }
    let msg = page.t().signed_out;
    Ok(page.forget_session().redirect("/login", "ok", msg))
}

#[derive(Deserialize)]
pub struct LangQuery {
    set: String,
    back: Option<String>,
}

/// Switch the language (a preference cookie; no server state changes).
pub async fn set_lang(page: Page, Query(q): Query<LangQuery>) -> AppResult<Response> {
    let lang = crate::i18n::Lang::parse(&q.set)
        .ok_or_else(|| AppError::invalid("set", Msg::new("request.lang").arg("value", &q.set)))?;
    let secure = page.ctx.config().secure_cookies;
    let mut c = cookie(LANG_COOKIE, lang.code().into(), secure);
    c.set_max_age(time::Duration::days(365));
    Ok((
        CookieJar::new().add(c),
        Redirect::to(&local_path(q.back.as_deref())),
    )
        .into_response())
}
