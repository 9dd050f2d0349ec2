//! Domain types and pure engines: units, the hierarchy through time, access
//! policy, periods, metrics and formulas, live counters, text folding. No
//! IO, no async, no web or database types here.

pub mod access;
pub mod criteria;
pub mod figures;
pub mod fold;
pub mod formula;
pub mod geo;
pub mod hierarchy;
pub mod keyed;
pub mod metric;
pub mod party;
pub mod period;
pub mod programme;
pub mod registration;
pub mod rng;
pub mod unit;
pub mod unit_list;
pub mod upload;

use crate::i18n::messages::Msg;

/// A value that breaks a domain rule, with the field it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct DomainError {
    field: String,
    reason: Msg,
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, reason: impl Into<Msg>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn reason(&self) -> &Msg {
        &self.reason
    }
}
