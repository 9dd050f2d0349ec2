//! `/`: each person's own work ("Việc của tôi"), where signing in lands.

use axum::response::{IntoResponse, Redirect, Response};

use super::Page;
use crate::error::AppResult;
use crate::service::home::{self, Home};

/// The path of a home.
pub fn path_of(h: &Home) -> String {
    match h {
        Home::Public | Home::Units => "/units".into(),
        Home::Unit(code, None) => format!("/units/{code}"),
        Home::Unit(code, Some(last)) => format!("/units/{code}?on={last}"),
        Home::Field(code) => format!("/units/{code}/households"),
        Home::PartyOrg(id) => format!("/party/orgs/{id}"),
        Home::Party => "/party".into(),
    }
}

/// Send the person to their own work on today's date; signed out, to the
/// public view.
pub async fn home(page: Page) -> AppResult<Response> {
    let h = home::home(&page.ctx, &page.actor, page.ctx.today()).await?;
    Ok(Redirect::to(&path_of(&h)).into_response())
}
