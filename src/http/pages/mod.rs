//! HTML pages: one base context for every page (user, CSRF token, flash
//! message, language), compile-time templates (askama, auto-escaped), and
//! POST-redirect-GET for every form. Errors from handlers are rendered here
//! as an HTML page with the same status the API would give.

use askama::Template;
use axum::Router;
use axum::extract::{FromRef, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use super::ErrorInfo;
use super::extract::{FLASH_COOKIE, LANG_COOKIE, PRE_COOKIE, PageActor, csrf_token};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::i18n::{Lang, Texts};
use crate::service::{Actor, Ctx, UserInfo, accounts};

mod audit;
pub mod audit_texts;
mod auth;
mod chart;
mod criteria;
mod criteria_texts;
mod dashboard;
mod export_words;
mod field;
mod field_texts;
mod format;
mod goals;
mod home;
mod import_texts;
mod imports;
mod map;
mod models;
mod open_data;
mod party;
mod party_texts;
mod print;
mod programme_texts;
mod refused;
mod reorganisation;
mod units;
mod users;
mod values;
mod waiting;

pub fn routes(ctx: &Ctx) -> Router<Ctx> {
    Router::new()
        .route("/", get(home::home))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/lang", get(auth::set_lang))
        .route("/units", get(units::index))
        .route("/units/search", get(units::search))
        .route("/units/{code}", get(units::show))
        .route("/units/{code}/map", get(map::of_unit))
        .route("/map", get(map::national))
        .route("/units/{code}/villages", post(units::create_village))
        .route("/units/{code}/trace", get(dashboard::trace_page))
        .route("/units/{code}/export", get(open_data::export))
        .route("/units/{code}/households", get(field::households))
        .route("/units/{code}/households/export", get(field::export))
        .route("/units/{code}/values", get(values::form).post(values::save))
        .route("/units/{code}/import", get(imports::choose))
        .route("/units/{code}/import/{register}", get(imports::form))
        .route(
            "/units/{code}/import/{register}/preview",
            imports::preview_post(),
        )
        .route(
            "/units/{code}/import/{register}/confirm",
            post(imports::confirm),
        )
        .route(
            "/units/{code}/import/{register}/marked",
            get(imports::marked),
        )
        .route("/households/{id}", get(field::household))
        .route("/households/{id}/help", post(field::record))
        .route("/field", get(field::start))
        .route("/users", get(users::index).post(users::create))
        .route("/users/{id}", get(users::show))
        .route("/users/{id}/grants/add", post(users::add_grant))
        .route("/users/{id}/grants/remove", post(users::remove_grant))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/users/{id}/deactivate", post(users::deactivate))
        .route("/users/{id}/reactivate", post(users::reactivate))
        .route("/account", get(users::account))
        .route("/account/password", post(users::change_password))
        .route("/account/tokens", post(users::create_token))
        .route("/account/tokens/{id}/revoke", post(users::revoke_token))
        .route("/audit", get(audit::index))
        .route("/units/{code}/recognition", get(criteria::recognition))
        .route(
            "/units/{code}/registrations",
            get(criteria::board).post(criteria::register),
        )
        .route("/units/{code}/dti", get(criteria::index_page))
        .route("/registrations/{id}/steps", post(criteria::step))
        .route(
            "/registrations/{id}/values",
            post(criteria::self_assessment),
        )
        .route("/registrations/{id}/files", criteria::upload_post())
        .route("/registrations/{id}/files/{file}", get(criteria::download))
        .route("/criteria-sets", get(criteria::sets))
        .route("/criteria-sets/{id}", get(criteria::set))
        .route(
            "/criteria-sets/{id}/criteria",
            post(criteria::put_criterion),
        )
        .route(
            "/criteria-sets/{id}/criteria/{code}/remove",
            post(criteria::remove_criterion),
        )
        .route("/criteria-sets/{id}/levels", post(criteria::put_level))
        .route("/party", get(party::home))
        .route("/party/orgs/{id}", get(party::org))
        .route("/party/orgs/{id}/overview", get(party::overview))
        .route("/party/orgs/{id}/meetings", post(party::create_meeting))
        .route("/party/orgs/{id}/documents", post(party::create_document))
        .route("/party/meetings/{id}", get(party::meeting::show))
        .route(
            "/party/meetings/{id}/notice",
            post(party::meeting::send_notice),
        )
        .route(
            "/party/meetings/{id}/attendance",
            post(party::meeting::attendance),
        )
        .route(
            "/party/meetings/{id}/minutes",
            post(party::meeting::minutes),
        )
        .route("/party/meetings/{id}/tasks", post(party::meeting::add_task))
        .route("/party/meetings/{id}/cancel", post(party::meeting::cancel))
        .route("/party/tasks/{id}/done", post(party::meeting::finish_task))
        .route("/party/documents", get(party::documents::list))
        .route("/party/documents/{id}", get(party::documents::show))
        .route(
            "/party/documents/{id}/read",
            post(party::documents::mark_read),
        )
        .route(
            "/party/documents/{id}/files",
            party::documents::upload_post(),
        )
        .route(
            "/party/documents/{id}/files/{file}",
            get(party::documents::download),
        )
        .route("/party/notes", get(party::documents::notes_list))
        .route("/party/notes", post(party::documents::create_note))
        .route("/party/notes/{id}", post(party::documents::update_note))
        .route(
            "/party/notes/{id}/delete",
            post(party::documents::delete_note),
        )
        .route("/units/{code}/goals", get(goals::board).post(goals::create))
        .route("/units/{code}/goals/export", get(goals::export))
        .route("/goals/{id}/status", goals::mark_post())
        .route("/goals/{id}/evidence/{file}", get(goals::download))
        .route(
            "/units/{code}/models",
            get(models::registry).post(models::create),
        )
        .route("/models/{id}/deployments", post(models::deploy))
        .route("/models/{id}/status", post(models::set_status))
        .route("/units/{code}/models/export", get(models::export))
        .layer(middleware::from_fn_with_state(ctx.clone(), html_errors))
}

/// A flash message carried over one redirect in a cookie.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    pub kind: String,
    pub message: String,
}

/// What every page template receives.
pub struct Base {
    pub t: &'static Texts,
    pub lang: &'static str,
    pub title: String,
    pub user: Option<UserInfo>,
    pub csrf: String,
    pub flash: Option<Flash>,
    /// The current path and query, for the language switch to come back to.
    pub here: String,
    pub is_officer: bool,
    /// A team member: the field list is in the menu.
    pub has_field: bool,
    /// A party secretary or member: the handbook is in the menu.
    pub has_party: bool,
    /// The header of the page when printed.
    pub print: print::PrintHead,
}

impl Base {
    /// What every page shows of the person asking: their name, their menu.
    pub fn for_actor(
        lang: Lang,
        actor: &Actor,
        title: impl Into<String>,
        csrf: String,
        today: chrono::NaiveDate,
    ) -> Base {
        use crate::domain::access::{Role, Scope};
        let has = |f: fn(Role) -> bool| matches!(&actor.scope, Scope::User(g) if g.iter().any(|g| f(g.role)));
        Base {
            t: lang.texts(),
            lang: lang.code(),
            title: title.into(),
            user: actor.user.clone(),
            csrf,
            flash: None,
            here: "/".into(),
            is_officer: has(Role::is_officer),
            has_field: has(|r| r == Role::TeamMember),
            has_party: has(Role::is_party),
            print: print::PrintHead::new(lang, today),
        }
    }
}

/// The request as a page sees it.
pub struct Page {
    pub ctx: Ctx,
    pub actor: Actor,
    pub session: Option<String>,
    pub lang: Lang,
    jar: CookieJar,
    here: String,
    /// A pre-session secret made for this response (set as a cookie).
    new_pre: Option<String>,
    csrf: String,
    flash: Option<Flash>,
}

/// The page language: the one chosen on the site (its cookie), else what
/// the browser prefers of the two, else Vietnamese.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or_else(|| super::api_errors::api_lang(headers))
}

impl<S> FromRequestParts<S> for Page
where
    Ctx: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let PageActor { actor, session } = PageActor::from_request_parts(parts, state).await?;
        let jar = CookieJar::from_headers(&parts.headers);
        let (csrf, new_pre) = match (&session, jar.get(PRE_COOKIE)) {
            (Some(s), _) => (csrf_token(s), None),
            (None, Some(pre)) => (csrf_token(pre.value()), None),
            (None, None) => {
                let pre = accounts::new_secret("");
                (csrf_token(&pre), Some(pre))
            }
        };
        let flash = jar
            .get(FLASH_COOKIE)
            .and_then(|c| serde_urlencoded::from_str::<Flash>(c.value()).ok());
        Ok(Page {
            ctx: Ctx::from_ref(state),
            actor,
            session,
            lang: lang_of(&parts.headers),
            jar,
            here: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".into()),
            new_pre,
            csrf,
            flash,
        })
    }
}

pub fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(secure);
    c
}

impl Page {
    pub fn t(&self) -> &'static Texts {
        self.lang.texts()
    }

    pub fn base(&self, title: impl Into<String>) -> Base {
        let mut base = Base::for_actor(
            self.lang,
            &self.actor,
            title,
            self.csrf.clone(),
            self.ctx.today(),
        );
        base.flash = self.flash.clone();
        base.here = self.here.clone();
        base
    }

    /// Pages that need a signed-in user call this first.
    pub fn require_user(&self) -> AppResult<&UserInfo> {
        self.actor.user.as_ref().ok_or(AppError::SignInRequired)
    }

    fn finish(self, status: StatusCode, body: Response) -> Response {
        let secure = self.ctx.config().secure_cookies;
        let mut jar = self.jar;
        if let Some(pre) = self.new_pre {
            jar = jar.add(cookie(PRE_COOKIE, pre, secure));
        }
        if self.flash.is_some() {
            jar = jar.remove(Cookie::build(FLASH_COOKIE).path("/"));
        }
        (status, jar, body).into_response()
    }

    /// Render a template as the response.
    pub fn render<T: Template>(self, status: StatusCode, tpl: &T) -> AppResult<Response> {
        let html = tpl.render().map_err(|e| AppError::Internal(e.into()))?;
        Ok(self.finish(status, Html(html).into_response()))
    }

    /// Drop the session cookie in this response (after sign-out).
    pub fn forget_session(mut self) -> Self {
        self.jar = self
            .jar
            .remove(Cookie::build(super::extract::SESSION_COOKIE).path("/"));
        self
    }

    /// Redirect (303) after a successful form, with a flash message.
    pub fn redirect(self, to: &str, kind: &str, message: &str) -> Response {
        let secure = self.ctx.config().secure_cookies;
        let value = serde_urlencoded::to_string(Flash {
            kind: kind.into(),
            message: message.into(),
        })
        .unwrap_or_default();
        let jar = self.jar.clone().add(cookie(FLASH_COOKIE, value, secure));
        let page = Page {
            jar,
            flash: None,
            ..self
        };
        page.finish(StatusCode::SEE_OTHER, Redirect::to(to).into_response())
    }
}

#[derive(Template)]
#[template(path = "pages/error.html")]
struct ErrorPage<'a> {
    base: Base,
    heading: &'a str,
    message: &'a str,
    code: &'a str,
    sign_in: bool,
}

/// Render an error response (JSON with an `ErrorInfo`) as an HTML page,
/// with the menu of the person asking (read again from their session: the
/// handler that failed may not have got that far).
pub async fn render_error(ctx: &Ctx, headers: &HeaderMap, resp: Response) -> Response {
    let Some(info) = resp.extensions().get::<ErrorInfo>().cloned() else {
        return resp;
    };
    let lang = lang_of(headers);
    let t = lang.texts();
    let message = info.told.message(lang);
    let heading = match info.status {
        StatusCode::FORBIDDEN => t.forbidden_title,
        StatusCode::NOT_FOUND => t.not_found_title,
        StatusCode::UNAUTHORIZED => t.unauthorized_title,
        _ => t.error_title,
    };
    let jar = CookieJar::from_headers(headers);
    let csrf = super::extract::csrf_base(&jar)
        .map(|b| csrf_token(&b))
        .unwrap_or_default();
    let actor = match jar.get(super::extract::SESSION_COOKIE) {
        Some(c) if info.status != StatusCode::UNAUTHORIZED => {
            accounts::actor_from_session(ctx, c.value())
                .await
                .ok()
                .flatten()
        }
        _ => None,
    }
    .unwrap_or_else(Actor::public);
    let page = ErrorPage {
        base: Base::for_actor(lang, &actor, heading, csrf, ctx.today()),
        heading,
        message: &message,
        code: info.told.code,
        sign_in: info.status == StatusCode::UNAUTHORIZED,
    };
    let html = page.render().unwrap_or_else(|_| message.clone());
    let mut out = (info.status, Html(html)).into_response();
    if info.status == StatusCode::UNAUTHORIZED {
        // A dead session cookie is of no more use; drop it.
        let jar = jar.remove(Cookie::build(super::extract::SESSION_COOKIE).path("/"));
        out = (jar, out).into_response();
    }
    out
}

/// Turn error responses of page handlers into HTML; send anonymous visitors
/// of pages that need a user to the sign-in page.
async fn html_errors(State(ctx): State<Ctx>, req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let here = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let resp = next.run(req).await;
    match resp.extensions().get::<ErrorInfo>() {
        Some(info) if info.sign_in => {
            let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
            Redirect::to(&format!("/login?{next}")).into_response()
        }
        Some(_) => render_error(&ctx, &headers, resp).await,
        None if resp.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            render_error(
                &ctx,
                &headers,
                AppError::PayloadTooLarge(Msg::new("request.too_large")).into_response(),
            )
            .await
        }
        None => resp,
    }
}

/// A safe local path to return to: only paths on this site, as the browser
/// will read them. Browsers drop tabs and newlines from URLs and read `\`
/// as `/`, so `/\t/evil.example` or `/\\evil.example` would leave the site;
/// anything with a control character, a backslash or a `//` start, or that
/// is not a valid path and query, falls back to the person's home (`/`).
pub fn local_path(next: Option<&str>) -> String {
    const HOME: &str = "/";
    let Some(p) = next else {
        return HOME.to_owned();
    };
    let safe = p.starts_with('/')
        && !p.starts_with("//")
        && !p.chars().any(|c| c.is_control() || c == '\\')
        && p.parse::<axum::http::uri::PathAndQuery>().is_ok()
        && axum::http::HeaderValue::from_str(p).is_ok();
    if safe { p.to_owned() } else { HOME.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        for ok in ["/units/136?on=2022-06-30", "/party/documents/1#top", "/"] {
            assert_eq!(local_path(Some(ok)), ok);
        }
        for bad in [
            "//evil.example/",
            "/\t/127.0.0.1:18899/landed",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\\evil.example",
            "\\/evil.example",
            "https://evil.example/",
            "evil.example",
            "/a\u{0}b",
            "/a\u{85}b",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(local_path(None), "/");
    }
}
