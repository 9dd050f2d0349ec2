//! A refused form shown again as it was typed, with the reason beside the
//! field it is about.
//!
//! Why not a redirect with a flash message, as successful forms do: what
//! was typed would have to ride in the flash cookie, and a goal's two texts
//! (1,000 characters each, three to six bytes apiece once URL-encoded) do
//! not fit in the 4 KB a browser keeps of a cookie. So a handler that meets
//! a refusal a person can fix (`fixable`) renders its page again (422) from the form it
//! was sent, and the template reads each field's value and message here.

use std::collections::HashMap;

use axum::response::Response;

use super::Page;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;

/// The refusal of one form on a page: which form (a page may hold several,
/// e.g. one per value), the values typed by field name, and the reason.
#[derive(Debug, Default)]
pub struct Refused {
    form: String,
    field: Option<String>,
    /// The reason alone, to stand beside its field.
    reason: String,
    /// The reason with the field named in words, for the top of the form.
    message: String,
    values: HashMap<String, String>,
}

impl Refused {
    /// The refusal of `form` for `e`, or `None` when `e` is not something
    /// the person can fix by typing again (forbidden, missing, internal):
    /// those become an error page.
    pub fn of<K: Into<String>>(
        lang: Lang,
        form: &str,
        e: &AppError,
        values: impl IntoIterator<Item = (K, String)>,
    ) -> Option<Refused> {
        if !fixable(e) {
            return None;
        }
        let told = e.told();
        Some(Refused {
            form: form.to_owned(),
            field: told.field.clone(),
            reason: told.msg.render(lang),
            message: told.message(lang),
            values: values.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        })
    }

    /// The refusal pointed at the form's own field: a service names a
    /// field by its path in the whole input (`criteria[3].scoring.steps[0]`)
    /// where the form has one box (`steps`). `to_form` gives the box, or
    /// `None` when no box holds it (the reason then goes at the top).
    pub fn on_field(mut self, to_form: impl Fn(&str) -> Option<&'static str>) -> Refused {
        self.field = self.field.as_deref().and_then(&to_form).map(str::to_owned);
        self
    }

    /// Is this the refusal of `form`?
    pub fn is(&self, form: &str) -> bool {
        self.form == form
    }

    /// What was typed in `field` of `form`, else `default`.
    pub fn value<'a>(&'a self, form: &str, field: &str, default: &'a str) -> &'a str {
        match self.values.get(field) {
            Some(v) if self.is(form) => v,
            _ => default,
        }
    }

    /// Was `value` among those typed in `field` of `form` (checkboxes: the
    /// values joined by new lines)?
    pub fn has(&self, form: &str, field: &str, value: &str) -> bool {
        self.is(form)
            && self
                .values
                .get(field)
                .is_some_and(|v| v.split('\n').any(|x| x == value))
    }

    /// The reason, when `field` of `form` is the one refused.
    pub fn at(&self, form: &str, field: &str) -> Option<&str> {
        (self.is(form) && self.field.as_deref() == Some(field)).then_some(self.reason.as_str())
    }

    /// ` aria-invalid="true" aria-describedby="{form}-{field}-error"` on
    /// the refused field, else nothing (ids and names only: safe to write
    /// unescaped).
    pub fn attrs(&self, form: &str, field: &str) -> String {
        match self.at(form, field) {
            Some(_) => format!(r#" aria-invalid="true" aria-describedby="{form}-{field}-error""#),
            None => String::new(),
        }
    }

    /// The whole message, when the refusal names no field of `form` that
    /// shows it beside itself (`fields`): it goes at the top of the form.
    pub fn general<'f>(&self, form: &str, fields: impl AsRef<[&'f str]>) -> Option<&str> {
        let beside = (self.field.as_deref()).is_some_and(|f| fields.as_ref().contains(&f));
        (self.is(form) && !beside).then_some(self.message.as_str())
    }
}

/// A refusal of a form that keeps nothing typed (a button, a form of one
/// choice): back to `to` with the reason as a message; an error that is
/// not the person's to fix (forbidden, missing, internal) becomes an error
/// page.
pub fn flash_back(page: Page, to: &str, e: AppError) -> AppResult<Response> {
    if fixable(&e) && !matches!(e, AppError::NotFound(_)) {
        let msg = e.message(page.lang);
        Ok(page.redirect(to, "error", &msg))
    } else {
        Err(e)
    }
}

/// Errors a person fixes by typing again; a code typed that names nothing
/// (a unit, a model) is one of them.
pub fn fixable(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid { .. }
            | AppError::NotFound(_)
            | AppError::Conflict(_)
            | AppError::UnsupportedMediaType(_)
            | AppError::PayloadTooLarge(_)
    )
}
