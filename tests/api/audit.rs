//! The audit log: every write, with its author; read by subtree.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_audit_log_is_filtered_by_subtree_and_scoped() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (s, _) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/villages?on=2022-06-30",
            &json!({"name": "Thôn Nhật Ký"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let admin = app.token("admin").await;
    // A change in 04387 shows in the subtree of 04387, of 136 and of 15; not of 132.
    for (unit, expect) in [("04387", true), ("136", true), ("15", true), ("132", false)] {
        let (s, v) = app
            .get_as(&admin, &format!("/api/v1/audit?unit={unit}&on=2022-06-30"))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let found = v["items"].as_array().unwrap().iter().any(|e| {
            e["actor"] == "xa" && e["entity"] == "unit" && e["after"]["name"] == "Thôn Nhật Ký"
        });
        assert_eq!(found, expect, "unit {unit}: {v}");
    }
    // The district officer reads the district's log; the viewer reads none.
    let huyen = app.token("huyen").await;
    let (s, v) = app
        .get_as(&huyen, "/api/v1/audit?unit=136&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor"] == "xa")
    );
    let xem = app.token("xem").await;
    let (s, _) = app
        .get_as(&xem, "/api/v1/audit?unit=15&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The admin page shows it too.
    let (client, _) = app.login("admin").await;
    let html = app.html(&client, "/audit?unit=04387&on=2022-06-30").await;
    assert!(html.contains("Thôn Nhật Ký"));
}

/// The admin makes `todan` (a team member) a viewer of district 136: an
/// update with a before and an after.
async fn make_todan_a_viewer(app: &TestApp) {
    let admin = app.token("admin").await;
    let id = tinhso::service::accounts::user_id_by_name(&app.ctx, "todan")
        .await
        .unwrap();
    let (_, user) = app.get_as(&admin, &format!("/api/v1/users/{id}")).await;
    let version = user["grants_version"].clone();
    let body = json!({"grants": [{"role": "viewer", "unit": "136"}], "version": version});
    let (s, v) = app
        .send_as(
            &admin,
            Method::PUT,
            &format!("/api/v1/users/{id}/grants?on=2022-06-30"),
            &body,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

#[tokio::test]
async fn sign_ins_and_grant_changes_record_before_and_after() {
    let app = TestApp::spawn().await;
    let _ = app.login("todan").await;
    make_todan_a_viewer(&app).await;
    let entries = app.audit().await;
    assert!(
        entries
            .iter()
            .any(|e| e.action == "login" && e.actor == "todan")
    );
    let change = entries.iter().find(|e| e.entity == "grants").unwrap();
    assert_eq!(change.actor, "admin");
    assert_eq!(change.before.as_ref().unwrap().0[0]["role"], "team_member");
    assert_eq!(change.after.as_ref().unwrap().0[0]["role"], "viewer");
}

#[tokio::test]
async fn the_audit_page_reads_in_words_and_local_time() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("admin").await;
    make_todan_a_viewer(&app).await;
    let entry = app
        .audit()
        .await
        .into_iter()
        .find(|e| e.entity == "grants")
        .unwrap();
    let html = app.html(&client, "/audit?on=2022-06-30").await;
    // Who: the display name and the user name.
    let admin_name = tinhso::store::accounts::user_by_username(app.ctx.db(), "admin")
        .await
        .unwrap()
        .unwrap()
        .display_name;
    assert!(html.contains(&format!("{admin_name} <span class=\"meta\">(admin)</span>")));
    // When: Vietnam time, day first.
    let local = entry.at + chrono::Duration::hours(7);
    assert!(
        html.contains(&local.format("%d/%m/%Y %H:%M").to_string()),
        "{html}"
    );
    // What: in words; the changed field of the list, roles by name, never
    // raw JSON or machine keys.
    assert!(html.contains("Quyền hạn") && html.contains("Đăng nhập"));
    assert!(
        html.contains(
            "<td>1.Vai trò</td><td class=\"recorded\">Thành viên tổ CNS</td><td class=\"recorded\">Người xem</td>"
        ),
        "{html}"
    );
    assert!(
        !html.contains("{&quot;") && !html.contains("[{"),
        "raw JSON: {html}"
    );
    // The same in English.
    client
        .get(app.url("/lang?set=en&back=/"))
        .send()
        .await
        .unwrap();
    let html = app.html(&client, "/audit?on=2022-06-30").await;
    assert!(
        html.contains("Permissions") && html.contains("Signed in"),
        "{html}"
    );
    assert!(html.contains("<td>1.Role</td>"), "{html}");
}

/// A word written to the log, and the file that writes it.
type Written = (String, String);

/// Every action and kind of record a service writes to the log, read from
/// the source: each `audit::Change { .. }` literal's `action` and `entity`.
fn written_words() -> (Vec<Written>, Vec<Written>) {
    fn quoted(s: &str) -> Vec<String> {
        s.split('"').skip(1).step_by(2).map(str::to_owned).collect()
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    crate::architecture::rust_files(&src, &mut paths);
    let (mut actions, mut entities) = (Vec::new(), Vec::new());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.strip_prefix(&src).unwrap().display().to_string();
        let starts = text
            .match_indices("Change {")
            .filter(|&(i, _)| !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
        for block in starts.map(|(i, m)| &text[i + m.len()..]) {
            let mut depth = 1;
            let end = block
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(block.len(), |(i, _)| i);
            let block = &block[..end];
            for line in block.lines().map(str::trim) {
                let (field, expr) = match line.split_once(':') {
                    Some((f @ ("action" | "entity"), e)) => (f, e.trim()),
                    None if line == "action," => ("action", "action"),
                    _ => continue,
                };
                let mut words = quoted(expr);
                if words.is_empty() {
                    // Where a computed action comes from, by file.
                    words = match (file.as_str(), expr) {
                        ("service/criteria/registrations/steps.rs", "action.as_str(),") => {
                            tinhso::domain::registration::Action::ALL
                                .iter()
                                .map(|a| a.as_str().to_owned())
                                .collect()
                        }
                        ("service/party/notes.rs", "action") => text
                            .lines()
                            .filter(|l| l.trim_start().starts_with("record(ctx"))
                            .flat_map(quoted)
                            .collect(),
                        _ => panic!("{file}: teach this test where `{field}: {expr}` comes from"),
                    };
                    assert!(!words.is_empty(), "{file}: no {field} found");
                }
                let into = if field == "action" {
                    &mut actions
                } else {
                    &mut entities
                };
                into.extend(words.into_iter().map(|w| (w, file.clone())));
            }
        }
    }
    (actions, entities)
}

#[test]
fn every_action_written_to_the_log_has_a_name() {
    use tinhso::http::pages::audit_texts::{ACTIONS, ENTITIES};
    let (actions, entities) = written_words();
    assert!(actions.len() > 40 && entities.len() > 40, "{actions:?}");
    for (written, table, what) in [(&actions, ACTIONS, "action"), (&entities, ENTITIES, "kind")] {
        for (word, file) in written {
            let named = table.iter().find(|(k, _, _)| k == word);
            assert!(
                named.is_some(),
                "the {what} `{word}` ({file}) has no name in audit_texts"
            );
        }
        for (key, vi, en) in table {
            assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{key}");
        }
    }
}
