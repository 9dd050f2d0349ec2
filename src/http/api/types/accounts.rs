//! Request and response shapes of accounts, grants and API tokens.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::keyed;
use crate::domain::access::Role;
use crate::service::accounts::{GrantInput, GrantView, NewUser, UserView};
use crate::store::accounts::{HeldToken, TokenRow};

/// An account and its grants.
#[derive(Serialize, ToSchema)]
#[schema(as = User)]
pub struct UserOut {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub active: bool,
    pub grants: Vec<GrantOut>,
    /// Counts changes of the grants; replacing them names it (a stale one
    /// gets 409).
    pub grants_version: i64,
}

impl From<UserView> for UserOut {
    fn from(u: UserView) -> Self {
        UserOut {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            active: u.active,
            grants: u.grants.into_iter().map(Into::into).collect(),
            grants_version: u.grants_version,
        }
    }
}

/// A grant as shown: a role, in a unit.
#[derive(Serialize, ToSchema)]
#[schema(as = Grant)]
pub struct GrantOut {
    #[schema(schema_with = keyed::<Role>)]
    pub role: Role,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
}

impl From<GrantView> for GrantOut {
    fn from(g: GrantView) -> Self {
        GrantOut {
            role: g.role,
            unit_code: g.unit_code,
            unit_name: g.unit_name,
        }
    }
}

/// `GET /me`: the signed-in user.
#[derive(Serialize, ToSchema)]
pub struct MeOut {
    pub user: UserOut,
}

/// The accounts the caller may manage.
#[derive(Serialize, ToSchema)]
pub struct UserListOut {
    pub items: Vec<UserOut>,
}

/// A grant to give: a role in a unit.
#[derive(Deserialize, ToSchema)]
#[schema(as = GrantInput)]
pub struct GrantIn {
    #[schema(schema_with = keyed::<Role>)]
    pub role: String,
    /// Unit code; omitted only for a national admin.
    #[serde(default)]
    pub unit: Option<String>,
}

impl From<GrantIn> for GrantInput {
    fn from(g: GrantIn) -> Self {
        GrantInput {
            role: g.role,
            unit: g.unit,
        }
    }
}

/// A new account.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewUser)]
pub struct NewUserIn {
    /// 2 to 32 of a-z, 0-9, '.', '_', '-'.
    pub username: String,
    pub display_name: String,
    /// At least 8 characters.
    pub password: String,
    #[serde(default)]
    pub grants: Vec<GrantIn>,
}

impl From<NewUserIn> for NewUser {
    fn from(u: NewUserIn) -> Self {
        NewUser {
            username: u.username,
            display_name: u.display_name,
            password: u.password,
            grants: u.grants.into_iter().map(Into::into).collect(),
        }
    }
}

/// An account's grants, replacing the ones it has.
#[derive(Deserialize, ToSchema)]
pub struct GrantsIn {
    pub grants: Vec<GrantIn>,
    /// The `grants_version` the client read; a stale one gets 409.
    pub version: i64,
}

/// A new password.
#[derive(Deserialize, ToSchema)]
pub struct PasswordIn {
    /// At least 8 characters.
    pub password: String,
}

/// A new API token.
#[derive(Deserialize, ToSchema)]
pub struct TokenIn {
    pub name: String,
    /// Days it lasts; at most the server's maximum, which is the default.
    pub days: Option<i64>,
}

/// An API token (never its secret).
#[derive(Serialize, ToSchema)]
#[schema(as = Token)]
pub struct TokenOut {
    pub id: i64,
    pub user_id: i64,
    /// The holder's user name, in the admins' list of every token.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub username: Option<String>,
    pub name: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<TokenRow> for TokenOut {
    fn from(t: TokenRow) -> Self {
        TokenOut {
            id: t.id,
            user_id: t.user_id,
            username: None,
            name: t.name,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            created_at: t.created_at,
        }
    }
}

impl From<HeldToken> for TokenOut {
    fn from(t: HeldToken) -> Self {
        TokenOut {
            id: t.id,
            user_id: t.user_id,
            username: Some(t.username),
            name: t.name,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            created_at: t.created_at,
        }
    }
}

/// API tokens.
#[derive(Serialize, ToSchema)]
pub struct TokenListOut {
    pub items: Vec<TokenOut>,
}

/// A token just made: the secret is in this response only.
#[derive(Serialize, ToSchema)]
pub struct NewTokenOut {
    /// The secret, to send as `Authorization: Bearer <token>`.
    pub token: String,
    pub info: TokenOut,
}
