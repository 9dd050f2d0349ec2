//! The audit log page, filtered by a unit's subtree, for people: who (name
//! and user name), when (Vietnam time), what (the action and the kind of
//! record in words, `audit_texts`) and a table of the fields before and
//! after. The API (`/api/v1/audit`) keeps the machine words and the JSON.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::audit_texts::{self as words, AuditTexts};
use super::{Base, Page, format};
use crate::error::AppResult;
use crate::http::extract::{OnQuery, Query};
use crate::i18n::Lang;
use crate::service::audit_log as audit;

/// One field of a change: its name, and its value before and after.
#[derive(Debug, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

pub struct EntryView {
    pub at: String,
    pub name: String,
    /// The user name, when it is not already the name shown.
    pub username: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub changes: Vec<FieldChange>,
    pub withheld: bool,
}

#[derive(Template)]
#[template(path = "pages/audit.html")]
struct AuditPage {
    base: Base,
    w: &'static AuditTexts,
    unit: String,
    day: chrono::NaiveDate,
    entries: Vec<EntryView>,
    next_before: Option<i64>,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    unit: String,
    on: Option<String>,
    before: Option<String>,
}

pub async fn index(page: Page, Query(q): Query<AuditQuery>) -> AppResult<Response> {
    page.require_user()?;
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let unit = q.unit.trim().to_owned();
    let before = crate::http::api::whole_number("before", q.before.as_deref())?;
    let log = audit::list(
        &page.ctx,
        &page.actor,
        Some(unit.as_str()).filter(|u| !u.is_empty()),
        day,
        before,
    )
    .await?;
    let names = audit::author_names(&page.ctx, &log.items).await?;
    let lang = page.lang;
    let entries = log
        .items
        .iter()
        .map(|e| {
            let display = e.user_id.and_then(|id| names.get(&id));
            EntryView {
                at: format::day_time(lang, e.at),
                name: display.cloned().unwrap_or_else(|| e.actor.clone()),
                username: display.filter(|d| **d != e.actor).map(|_| e.actor.clone()),
                action: words::action(lang, &e.action)
                    .unwrap_or(&e.action)
                    .to_owned(),
                entity: words::entity(lang, &e.entity)
                    .unwrap_or(&e.entity)
                    .to_owned(),
                entity_id: e.entity_id.clone(),
                changes: changes(
                    lang,
                    e.before.as_ref().map(|j| &j.0),
                    e.after.as_ref().map(|j| &j.0),
                ),
                withheld: log.withheld.contains(&e.id),
            }
        })
        .collect();
    let tpl = AuditPage {
        base: page.base(page.t().audit),
        w: words::texts(lang),
        unit,
        day,
        entries,
        next_before: log.next_before,
    };
    page.render(StatusCode::OK, &tpl)
}

/// The fields of a change, nested objects and lists flattened to `a.b`
/// (list items counted from 1). A change with a before and an after (an
/// update) lists only the fields that differ.
pub fn changes(lang: Lang, before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let mut old = Vec::new();
    let mut new = Vec::new();
    if let Some(v) = before {
        flatten("", v, &mut old);
    }
    if let Some(v) = after {
        flatten("", v, &mut new);
    }
    let update = before.is_some() && after.is_some();
    let mut paths: Vec<&String> = old.iter().map(|(p, _)| p).collect();
    for (p, _) in &new {
        if !paths.contains(&p) {
            paths.push(p);
        }
    }
    let value_at = |list: &[(String, Value)], path: &str| {
        list.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone())
    };
    paths
        .into_iter()
        .filter_map(|path| {
            let leaf = path.rsplit('.').next().unwrap_or(path);
            let show = |v: Option<Value>| v.map(|v| shown(lang, leaf, &v)).unwrap_or_default();
            let (b, a) = (show(value_at(&old, path)), show(value_at(&new, path)));
            (!update || b != a).then(|| FieldChange {
                field: field_name(lang, path),
                before: b,
                after: a,
            })
        })
        .collect()
}

/// The scalar leaves of `v`, each with its path (`a.b`, `list.1.c`); an
/// empty object or list is a leaf of its own, a null none (a missing value
/// and a null read the same).
fn flatten(path: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                flatten(&join(k), v, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                flatten(&join(&(i + 1).to_string()), v, out);
            }
        }
        Value::Null if !path.is_empty() => {}
        _ => out.push((path.to_owned(), v.clone())),
    }
}

/// A flattened path with each part named in words where known.
fn field_name(lang: Lang, path: &str) -> String {
    if path.is_empty() {
        return words::field(lang, "value").unwrap_or("value").to_owned();
    }
    path.split('.')
        .map(|part| words::field(lang, part).unwrap_or(part))
        .collect::<Vec<_>>()
        .join(".")
}

/// A value as people read it: days and instants in the page's format,
/// yes/no for flags, statuses and roles by name (`field` is the key the
/// value is under), `–` for nothing.
fn shown(lang: Lang, field: &str, v: &Value) -> String {
    let t = words::texts(lang);
    match v {
        Value::Null => format::NONE.to_owned(),
        Value::Bool(b) => if *b { t.yes } else { t.no }.to_owned(),
        Value::String(s) => {
            if let Some(name) = words::value(lang, field, s) {
                name.to_owned()
            } else if let Ok(d) = s.parse::<NaiveDate>() {
                format::day(lang, d)
            } else if let Ok(at) = s.parse::<DateTime<Utc>>() {
                format::day_time(lang, at)
            } else {
                s.clone()
            }
        }
        Value::Array(_) | Value::Object(_) => format::NONE.to_owned(),
        Value::Number(n) => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(field: &str, before: &str, after: &str) -> FieldChange {
        FieldChange {
            field: field.into(),
            before: before.into(),
            after: after.into(),
        }
    }

    #[test]
    fn an_update_lists_only_what_changed() {
        let before = json!({"status": "submitted", "note": "x"});
        let after = json!({"status": "verified", "note": "x", "on": "2022-06-30", "gone": null});
        assert_eq!(
            changes(Lang::Vi, Some(&before), Some(&after)),
            vec![
                row("Trạng thái", "Đã nộp tự đánh giá", "Đã thẩm định"),
                row("Ngày", "", "30/06/2022"),
            ]
        );
    }

    #[test]
    fn nested_values_are_flattened() {
        let after = json!({"a": {"b": 1, "name": true}, "list": [{"role": "viewer"}], "none": []});
        assert_eq!(
            changes(Lang::En, None, Some(&after)),
            vec![
                row("a.b", "", "1"),
                row("a.Name", "", "Yes"),
                row("list.1.Role", "", "Viewer"),
                row("none", "", "–"),
            ]
        );
        assert_eq!(
            changes(Lang::Vi, Some(&json!(5)), None),
            vec![row("Giá trị", "5", "")]
        );
    }
}
