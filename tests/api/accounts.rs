//! Sign-in, sessions, tokens, grants and scope.

use crate::helpers::{TestApp, csrf_of};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_commune_officer_is_confined_to_the_commune() {
    let app = TestApp::spawn().await;
    let token = app.token("xa").await;
    for inside in [
        "/api/v1/units/04387?on=2022-06-30",
        "/api/v1/units/04387/children?on=2022-06-30",
    ] {
        let (s, _) = app.get_as(&token, inside).await;
        assert_eq!(s, StatusCode::OK, "{inside}");
    }
    let village = app
        .get_as(&token, "/api/v1/units/04387/children?on=2022-06-30")
        .await
        .1["items"][0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, _) = app
        .get_as(&token, &format!("/api/v1/units/{village}?on=2022-06-30"))
        .await;
    assert_eq!(s, StatusCode::OK);
    // Any unit's figures are open to all (the public view, issue 17);
    // records and personal data are not.
    for open in [
        "/api/v1/units/136?on=2022-06-30",
        "/api/v1/units/04390?on=2022-06-30",
        "/api/v1/units/15/children?on=2022-06-30",
    ] {
        let (s, v) = app.get_as(&token, open).await;
        assert_eq!(s, StatusCode::OK, "{open}: {v}");
    }
    for outside in [
        "/api/v1/units/04390/households?on=2022-06-30",
        "/api/v1/units/summary?on=2022-06-30",
        "/api/v1/audit?unit=136&on=2022-06-30",
    ] {
        let (s, v) = app.get_as(&token, outside).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{outside}: {v}");
        assert_eq!(v["code"], "forbidden");
    }
    // Search stays inside the commune.
    let (_, v) = app
        .get_as(&token, "/api/v1/units/search?q=van%20yen&on=2022-06-30")
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
    // Writes outside: a village in another commune, a user in another commune.
    let (s, _) = app
        .send_as(
            &token,
            Method::POST,
            "/api/v1/units/04390/villages?on=2022-06-30",
            &json!({"name": "X"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let body = json!({"username": "ngoai", "display_name": "Ngoài", "password": "mat-khau-1",
                      "grants": [{"role": "team_member", "unit": "04390"}]});
    let (s, _) = app
        .send_as(&token, Method::POST, "/api/v1/users?on=2022-06-30", &body)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Pages: the same 403.
    let (client, _) = app.login("xa").await;
    let r = client
        .get(app.url("/units/04390/households?on=2022-06-30"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("Không có quyền truy cập"));
}

#[tokio::test]
async fn officers_create_accounts_below_them_and_every_write_is_audited() {
    let app = TestApp::spawn().await;
    let token = app.token("xa").await;
    let body = json!({"username": "tovien2", "display_name": "Tổ viên mới", "password": "mat-khau-1",
                      "grants": [{"role": "team_member", "unit": "04387"}]});
    let (s, v) = app
        .send_as(&token, Method::POST, "/api/v1/users?on=2022-06-30", &body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();
    assert!(v.get("password_hash").is_none());
    // A peer grant (commune officer) is above what a commune officer may give.
    let peer = json!({"grants": [{"role": "commune_officer", "unit": "04387"}], "version": v["grants_version"]});
    let (s, _) = app
        .send_as(
            &token,
            Method::PUT,
            &format!("/api/v1/users/{id}/grants?on=2022-06-30"),
            &peer,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .send_as(
            &token,
            Method::POST,
            &format!("/api/v1/users/{id}/password"),
            &json!({"password": "mat-khau-2"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let entries = app.audit().await;
    let ours: Vec<_> = entries
        .iter()
        .filter(|e| e.actor == "xa")
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert!(ours.contains(&("create", "user")), "{ours:?}");
    assert!(ours.contains(&("reset_password", "user")), "{ours:?}");
    assert!(ours.contains(&("create", "api_token")), "{ours:?}");
    // The audit never holds a password hash.
    assert!(
        entries
            .iter()
            .all(|e| !format!("{:?}{:?}", e.before, e.after).contains("argon2"))
    );
    // The new account signs in with the new password, not the old one.
    let client = app.client();
    let csrf = csrf_of(
        &client
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("username", "tovien2"),
            ("password", "mat-khau-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("username", "tovien2"),
            ("password", "mat-khau-2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn sessions_are_httponly_and_end_at_logout() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let csrf = csrf_of(
        &client
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("username", "tinh"),
            ("password", tinhso::demo::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let set_cookie: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("tinhso_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let page = client.get(app.url("/units")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csrf = csrf_of(&page.text().await.unwrap());
    let r = client
        .post(app.url("/logout"))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Signed out, the units are the public view; one's account needs a
    // sign-in again.
    let r = client.get(app.url("/units")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the public view");
    assert!(!r.text().await.unwrap().contains("/logout"));
    let r = client.get(app.url("/account")).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "signed out: back to the login page"
    );
}

#[tokio::test]
async fn login_is_throttled_after_repeated_failures() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let csrf = csrf_of(
        &client
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let attempt = |password: &'static str| {
        let client = client.clone();
        let csrf = csrf.clone();
        let url = app.url("/login");
        async move {
            client
                .post(url)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("username", "huyen"),
                    ("password", password),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong-password").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        attempt("wrong-password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt(tinhso::demo::PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "locked even with the right password"
    );
}

#[tokio::test]
async fn tokens_can_be_revoked() {
    let app = TestApp::spawn().await;
    let token = app.token("huyen").await;
    let (s, me) = app.get_as(&token, "/api/v1/me").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["user"]["username"], "huyen");
    let (_, list) = app.get_as(&token, "/api/v1/tokens").await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let (s, _) = app
        .send_as(
            &token,
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, v) = app.get_as(&token, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["code"], "unauthorized");
}

#[tokio::test]
async fn the_public_reads_units_but_not_accounts() {
    let app = TestApp::spawn().await;
    let (s, _) = app.get_json("/api/v1/units/136?on=2022-06-30").await;
    assert_eq!(s, StatusCode::OK);
    for path in [
        "/api/v1/users",
        "/api/v1/audit",
        "/api/v1/me",
        "/api/v1/tokens",
    ] {
        let (s, v) = app.get_json(path).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(v["code"], "unauthorized");
    }
    let r = app.get("/users").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
}
