//! Issue 10, access: the state and the party kept apart, the audit log of
//! party records, tokens and the account lifecycle, throttling that cannot
//! be turned against the owner, and redirects that stay on this site.

use crate::helpers::{TestApp, csrf_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::net::IpAddr;
use tinhso::demo;
use tinhso::service::accounts;

async fn user_id(app: &TestApp, name: &str) -> i64 {
    accounts::user_id_by_name(&app.ctx, name).await.unwrap()
}

/// A client whose requests come from `ip` (any 127.x.y.z reaches the
/// server on Linux), and the login form's CSRF token.
/// Reset the password of user `id` as the holder of `token`.
async fn reset_password(
    app: &TestApp,
    token: &str,
    id: i64,
    password: &str,
) -> (StatusCode, Value) {
    app.send_as(
        token,
        Method::POST,
        &format!("/api/v1/users/{id}/password"),
        &json!({ "password": password }),
    )
    .await
}

async fn client_from(app: &TestApp, ip: &str) -> (reqwest::Client, String) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(ip.parse::<IpAddr>().unwrap())
        .build()
        .unwrap();
    let html = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (client, csrf_of(&html))
}

async fn sign_in(
    app: &TestApp,
    (client, csrf): &(reqwest::Client, String),
    username: &str,
    password: &str,
    next: &str,
) -> reqwest::Response {
    client
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("username", username),
            ("password", password),
            ("next", next),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn state_officers_never_manage_party_accounts() {
    let app = TestApp::spawn().await;
    let bithu = user_id(&app, "bithu").await;
    let dangvien = user_id(&app, "dangvien").await;
    for officer in ["xa", "huyen", "tinh"] {
        let token = app.token(officer).await;
        for target in [bithu, dangvien] {
            let (s, v) = reset_password(&app, &token, target, "chiem-quyen-1").await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{officer} resets {target}: {v}");
            for (method, path, body) in [
                (Method::GET, format!("/api/v1/users/{target}"), json!({})),
                (
                    Method::PUT,
                    format!("/api/v1/users/{target}/grants?on=2022-06-30"),
                    json!({"grants": [{"role": "viewer", "unit": "04387"}], "version": 1}),
                ),
                (
                    Method::POST,
                    format!("/api/v1/users/{target}/deactivate"),
                    json!({}),
                ),
            ] {
                let (s, _) = app.send_as(&token, method, &path, &body).await;
                assert_eq!(s, StatusCode::FORBIDDEN, "{officer} {path}");
            }
        }
        // Nor give a party role to a new account.
        let body = json!({"username": format!("dv-{officer}"), "display_name": "Đảng viên giả",
                          "password": "mat-khau-1",
                          "grants": [{"role": "party_secretary", "unit": "04387"}]});
        let (s, _) = app
            .send_as(&token, Method::POST, "/api/v1/users?on=2022-06-30", &body)
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{officer} grants a party role");
        let (_, list) = app.get_as(&token, "/api/v1/users").await;
        let names: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap())
            .collect();
        assert!(
            !names.contains(&"bithu") && !names.contains(&"dangvien"),
            "{officer} lists {names:?}"
        );
    }
    // An admin may, in the audit log; the secretary's notes stay hers.
    let bithu_token = app.token("bithu").await;
    let (s, note) = app
        .send_as(
            &bithu_token,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "Ghi chú riêng của bí thư"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    let note = note["id"].as_i64().unwrap();
    let admin = app.token("admin").await;
    let (s, _) = reset_password(&app, &admin, bithu, "mat-khau-moi-1").await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .get_as(&admin, &format!("/api/v1/party/notes/{note}"))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, log) = app.get_as(&admin, "/api/v1/audit").await;
    assert!(!log.to_string().contains("Ghi chú riêng"), "{log}");
}

#[tokio::test]
async fn the_audit_log_shows_party_records_only_to_their_readers() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let (_, home) = app.get_as(&bithu, "/api/v1/party/me").await;
    let cell = home["memberships"][0]["org"]["id"].as_i64().unwrap();
    let title = "Thông báo mật về công tác nhân sự";
    let (s, doc) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "09-TB/CB", "title": title,
                    "issued_on": "2022-06-20", "kind": "notice",
                    "confidentiality": "restricted", "positions": ["secretary"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{doc}");
    let id = doc["id"].as_i64().unwrap();
    let id_text = id.to_string();
    for officer in ["xa", "huyen", "tinh"] {
        let token = app.token(officer).await;
        let (s, _) = app
            .get_as(&token, &format!("/api/v1/party/documents/{id}"))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{officer} reads the document");
        let (s, log) = app.get_as(&token, "/api/v1/audit?on=2022-06-30").await;
        assert_eq!(s, StatusCode::OK, "{officer}: {log}");
        let text = log.to_string();
        assert!(
            !text.contains(title) && !text.contains("09-TB/CB"),
            "{officer} sees the document in the log: {text}"
        );
        assert!(
            !log["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["entity"] == "party_document"),
            "{officer}: {text}"
        );
        // The page says the same.
        let (client, _) = app.login(officer).await;
        let html = client
            .get(app.url("/audit?on=2022-06-30"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!html.contains(title), "{officer}'s audit page");
    }
    // The admin, who may not read it either, sees that it happened, not what.
    let admin = app.token("admin").await;
    let (_, log) = app.get_as(&admin, "/api/v1/audit").await;
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "party_document" && e["entity_id"] == id_text)
        .expect("the admin sees the entry");
    assert_eq!(entry["after"], Value::Null);
    assert!(!log.to_string().contains(title));
    // So does the page, which says why the content is missing.
    let (client, _) = app.login("admin").await;
    let html = app.html(&client, "/audit").await;
    assert!(
        !html.contains(title) && !html.contains("09-TB/CB"),
        "{html}"
    );
    assert!(html.contains("Nội dung thuộc hồ sơ đảng hạn chế, không hiển thị."));
}

#[tokio::test]
async fn a_password_reset_ends_sessions_and_tokens() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let (session, _) = app.login("todan").await;
    let xa = app.token("xa").await;
    let id = user_id(&app, "todan").await;
    let (s, _) = reset_password(&app, &xa, id, "mat-khau-moi-1").await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get_as(&todan, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the old token still works");
    let r = session.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tokens_cannot_make_tokens_and_have_a_maximum_lifetime() {
    let app = TestApp::spawn().await;
    let token = app.token("huyen").await;
    let (s, v) = app
        .send_as(
            &token,
            Method::POST,
            "/api/v1/tokens",
            &json!({"name": "con"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    // Signed in: the default is the maximum, and no more is given.
    let (client, csrf) = app.login("huyen").await;
    let post = |body: Value| {
        client
            .post(app.url("/api/v1/tokens"))
            .header("x-csrf-token", &csrf)
            .json(&body)
            .send()
    };
    let r = post(json!({"name": "mãi mãi", "days": 3650}))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = post(json!({"name": "mặc định"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    let expires: chrono::DateTime<chrono::Utc> =
        v["info"]["expires_at"].as_str().unwrap().parse().unwrap();
    let days = (expires - chrono::Utc::now()).num_days();
    assert!((89..=90).contains(&days), "{days}");
    // A token older than the maximum is dead, whatever its own expiry says
    // (tokens made before the limit existed had none).
    let id = user_id(&app, "huyen").await;
    let secret = "tsk_old";
    let mut tx = app.ctx.db().begin().await.unwrap();
    tinhso::store::accounts::insert_token(
        &mut tx,
        id,
        "cũ",
        &accounts::hash_secret(secret),
        None,
        chrono::Utc::now() - chrono::Duration::days(91),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (s, _) = app.get_as(secret, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn admins_list_and_revoke_any_token() {
    let app = TestApp::spawn().await;
    let huyen = app.token("huyen").await;
    let admin = app.token("admin").await;
    let (s, _) = app.get_as(&huyen, "/api/v1/tokens?all=true").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, all) = app.get_as(&admin, "/api/v1/tokens?all=true").await;
    assert_eq!(s, StatusCode::OK, "{all}");
    let theirs = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["username"] == "huyen")
        .expect("huyen's token in the list")["id"]
        .as_i64()
        .unwrap();
    assert!(all.to_string().find("token_hash").is_none());
    // Not someone else's, for a non-admin.
    let (_, mine) = app.get_as(&admin, "/api/v1/tokens").await;
    let admins = mine["items"][0]["id"].as_i64().unwrap();
    let (s, _) = app
        .send_as(
            &huyen,
            Method::DELETE,
            &format!("/api/v1/tokens/{admins}"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .send_as(
            &admin,
            Method::DELETE,
            &format!("/api/v1/tokens/{theirs}"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get_as(&huyen, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(app.audit().await.iter().any(|e| e.action == "revoke"
        && e.entity == "api_token"
        && e.entity_id == theirs.to_string()
        && e.actor == "admin"));
}

#[tokio::test]
async fn deactivated_accounts_cannot_sign_in_and_keep_their_history() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let (session, _) = app.login("todan").await;
    let id = user_id(&app, "todan").await;
    let history = app
        .audit()
        .await
        .iter()
        .filter(|e| e.actor == "todan")
        .count();
    assert!(history > 0);
    // The commune officer deactivates the team member, with the page's button.
    let (xa, _) = app.login("xa").await;
    let page = xa
        .get(app.url(&format!("/users/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("/users/{id}/deactivate")));
    let csrf = csrf_of(&page);
    let r = xa
        .post(app.url(&format!("/users/{id}/deactivate")))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.get_as(&todan, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let r = session.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let login = client_from(&app, "127.0.0.1").await;
    let r = sign_in(&app, &login, "todan", demo::PASSWORD, "/units").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // History and grants stay.
    let entries = app.audit().await;
    assert_eq!(
        entries.iter().filter(|e| e.actor == "todan").count(),
        history
    );
    assert!(
        entries
            .iter()
            .any(|e| e.action == "deactivate" && e.entity_id == id.to_string())
    );
    let xa_token = app.token("xa").await;
    let (s, v) = app.get_as(&xa_token, &format!("/api/v1/users/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["active"], false);
    assert_eq!(v["grants"][0]["role"], "team_member");
    // Reactivated, the account signs in again (its old token stays revoked).
    let (s, _) = app
        .send_as(
            &xa_token,
            Method::POST,
            &format!("/api/v1/users/{id}/reactivate"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let r = sign_in(&app, &login, "todan", demo::PASSWORD, "/units").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.get_as(&todan, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Nobody deactivates themselves.
    let me = user_id(&app, "xa").await;
    let (s, _) = app
        .send_as(
            &xa_token,
            Method::POST,
            &format!("/api/v1/users/{me}/deactivate"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn strangers_cannot_lock_the_owner_out() {
    let app = TestApp::spawn().await;
    // Five wrong passwords from five addresses.
    for i in 2..=6 {
        let c = client_from(&app, &format!("127.0.0.{i}")).await;
        let r = sign_in(&app, &c, "huyen", "sai-mat-khau", "/units").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // The owner, from an address that has not been failing, gets in.
    let owner = client_from(&app, "127.0.0.7").await;
    let r = sign_in(&app, &owner, "huyen", demo::PASSWORD, "/units").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the owner is locked out");
    // A failing address keeps being slowed down on the account.
    for i in 2..=6 {
        let c = client_from(&app, &format!("127.0.0.{i}")).await;
        let _ = sign_in(&app, &c, "huyen", "sai-mat-khau", "/units").await;
    }
    let c = client_from(&app, "127.0.0.2").await;
    let r = sign_in(&app, &c, "huyen", demo::PASSWORD, "/units").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn redirects_stay_on_this_site() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/lang?set=en&back=%2F%09%2F127.0.0.1:18899%2Flanded")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/");
    for next in [
        "/\t/127.0.0.1:18899/landed",
        "/\n/127.0.0.1:18899/landed",
        "/\\127.0.0.1:18899/landed",
        "//127.0.0.1:18899/landed",
        "/units\r\nSet-Cookie: x=1",
    ] {
        let c = client_from(&app, "127.0.0.1").await;
        let r = sign_in(&app, &c, "tinh", demo::PASSWORD, next).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(r.headers()["location"], "/", "{next:?}");
        let r =
            c.0.get(app.url("/login"))
                .query(&[("next", next)])
                .send()
                .await
                .unwrap();
        assert_eq!(r.headers()["location"], "/", "{next:?}");
    }
    let c = client_from(&app, "127.0.0.1").await;
    let r = sign_in(&app, &c, "tinh", demo::PASSWORD, "/units/136?on=2022-06-30").await;
    assert_eq!(r.headers()["location"], "/units/136?on=2022-06-30");
}
