//! The JSON API under `/api/v1`. Its request and response shapes are its
//! own (`types`); the OpenAPI document (`doc`, served at
//! `/api/v1/openapi.json`) is generated from them and from each handler's
//! `#[utoipa::path]`. A test checks that every route here is documented and
//! every documented path is routed, and the whole API suite validates each
//! response it receives against the document.

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::service::Ctx;

mod accounts;
mod audit;
pub(crate) mod criteria;
mod doc;
mod field;
mod figures;
mod imports;
mod party;
mod programme;
pub mod types;
mod units;

pub(crate) use imports::encoding_of;
pub(crate) use party::{file_response, opened_here};
pub(crate) use programme::evidence_response;
pub use units::whole_number;

pub use doc::DOCUMENT;

/// Every API route, as (method, path) — the OpenAPI test reads this.
pub fn routes() -> axum::Router<Ctx> {
    Router::new()
        .route("/openapi.json", get(doc::openapi))
        .route("/me", get(accounts::me))
        .route("/units", get(units::list))
        .route("/units/summary", get(units::national))
        .route("/units/search", get(units::search))
        .route("/units/{code}", get(units::show))
        .route("/units/{code}/children", get(units::children))
        .route("/units/{code}/ancestors", get(units::ancestors))
        .route("/units/{code}/summary", get(units::summary))
        .route("/units/{code}/successions", get(units::successions))
        .route("/units/{code}/villages", post(units::create_village))
        .route("/units/{code}/headline", get(figures::headline))
        .route("/units/{code}/figures", get(figures::children))
        .route("/units/{code}/trend", get(figures::trend))
        .route("/units/{code}/trace", get(figures::trace))
        .route("/units/{code}/indicators", get(figures::indicator_values))
        .route("/units/{code}/targets", get(figures::targets))
        .route(
            "/units/{code}/households",
            get(field::households_list).post(field::households_create),
        )
        .route(
            "/units/{code}/teams",
            get(field::teams_list).post(field::team_create),
        )
        .route("/households/{id}/adoptions", post(field::adoption_record))
        .route("/teams/{id}/members", post(field::members_add))
        .route("/teams/{id}/sessions", post(field::session_create))
        .route("/team-members/{id}/leave", post(field::member_leave))
        .route(
            "/metrics",
            get(field::metrics_list).post(field::metric_create),
        )
        .route(
            "/indicators",
            get(field::indicators_list).post(field::indicator_create),
        )
        .route("/targets", post(field::target_create))
        .route("/values", post(field::value_enter))
        .route("/unit-lists", get(units::lists))
        .route("/users", get(accounts::list).post(accounts::create))
        .route("/users/{id}", get(accounts::show))
        .route("/users/{id}/grants", put(accounts::set_grants))
        .route("/users/{id}/password", post(accounts::reset_password))
        .route("/users/{id}/deactivate", post(accounts::deactivate))
        .route("/users/{id}/reactivate", post(accounts::reactivate))
        .route(
            "/tokens",
            get(accounts::tokens).post(accounts::create_token),
        )
        .route("/tokens/{id}", delete(accounts::revoke_token))
        .route("/audit", get(audit::list))
        .route(
            "/criteria-sets",
            get(criteria::sets_list).post(criteria::set_create),
        )
        .route(
            "/criteria-sets/{id}",
            get(criteria::set_show).put(criteria::set_update),
        )
        .route(
            "/criteria-sets/{id}/units/{code}/values",
            post(criteria::values_enter),
        )
        .route("/units/{code}/recognition", get(criteria::recognition))
        .route(
            "/units/{code}/registrations",
            get(criteria::board).post(criteria::register),
        )
        .route("/registrations/{id}", get(criteria::registration))
        .route("/registrations/{id}/steps", post(criteria::step))
        .route("/registrations/{id}/files", criteria::upload_post())
        .route("/registrations/{id}/files/{file}", get(criteria::download))
        .route("/units/{code}/index", get(criteria::index_show))
        .route("/units/{code}/index/results", post(criteria::index_result))
        .route("/units/{code}/index/targets", post(criteria::index_target))
        .route("/units/{code}/party-summary", get(party::summary))
        .route("/party/me", get(party::home))
        .route("/party/orgs", post(party::create_org))
        .route("/party/orgs/{id}", get(party::org))
        .route("/party/orgs/{id}/members", post(party::add_member))
        .route("/party/orgs/{id}/overview", get(party::overview))
        .route("/party/orgs/{id}/meetings", get(party::org_meetings))
        .route("/party/meetings", post(party::create_meeting))
        .route("/party/meetings/{id}", get(party::meeting))
        .route("/party/meetings/{id}/notice", post(party::send_notice))
        .route("/party/meetings/{id}/attendance", put(party::attendance))
        .route("/party/meetings/{id}/minutes", put(party::minutes))
        .route("/party/meetings/{id}/cancel", post(party::cancel_meeting))
        .route("/party/meetings/{id}/tasks", post(party::add_task))
        .route("/party/tasks/{id}/done", post(party::finish_task))
        .route("/party/notices", get(party::notices))
        .route("/party/documents", get(party::documents))
        .route("/party/documents", post(party::create_document))
        .route("/party/documents/{id}", get(party::document))
        .route("/party/documents/{id}/read", post(party::mark_read))
        .route("/party/documents/{id}/receipts", get(party::receipts))
        .route("/party/documents/{id}/files", party::upload_post())
        .route("/party/documents/{id}/files/{file}", get(party::download))
        .route("/party/notes", get(party::notes))
        .route("/party/notes", post(party::create_note))
        .route("/party/notes/{id}", get(party::note))
        .route("/party/notes/{id}", put(party::update_note))
        .route("/party/notes/{id}", delete(party::delete_note))
        .route(
            "/units/{code}/goals",
            get(programme::goals_list).post(programme::goal_create),
        )
        .route("/imports", imports::import_post())
        .route("/imports/templates/{register}", get(imports::template))
        .route("/exports/{register}", get(imports::export))
        .route("/goals/{id}/status", post(programme::goal_status))
        .route("/goals/{id}/evidence", programme::evidence_post())
        .route(
            "/goals/{id}/evidence/{file}",
            get(programme::evidence_download),
        )
        .route(
            "/units/{code}/models",
            get(programme::models_list).post(programme::model_create),
        )
        .route("/models/{id}/deployments", post(programme::model_deploy))
        .route("/models/{id}/status", post(programme::model_status))
}
