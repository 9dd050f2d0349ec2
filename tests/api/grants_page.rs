//! Granting a role on a user's page: the unit is picked from a search by
//! name (folded for diacritics, within the granting user's units), not typed
//! as a code; no role is preselected.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;

#[tokio::test]
async fn a_grant_is_given_over_a_unit_found_by_name() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let body = json!({"username": "tovien3", "display_name": "Tổ viên mới", "password": "mat-khau-1",
                      "grants": [{"role": "team_member", "unit": "04387"}]});
    let (s, v) = app.send_as(&xa, Method::POST, "/api/v1/users", &body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();

    let (client, csrf) = app.login("xa").await;
    let page = app.html(&client, &format!("/users/{id}")).await;
    assert!(page.contains("name=\"unit_q\""), "a unit search");
    assert!(
        !page.contains("inputmode=\"numeric\""),
        "no code typed by hand"
    );

    // "khe banh" finds Khe Bành, with its level and parent, as a choice.
    let found = app
        .html(&client, &format!("/users/{id}?unit_q=khe+banh"))
        .await;
    assert!(found.contains("Khe Bành"), "found by the folded name");
    assert!(found.contains(&format!("type=\"radio\" name=\"unit\" value=\"{kb}\"")));
    assert!(found.contains("Châu Quế Hạ"), "with the commune it sits in");
    // No role chosen until the officer chooses one.
    assert!(found.contains("<select name=\"role\" required><option value=\"\" selected disabled>"));
    assert!(!found.contains("value=\"admin\" selected"));
    // A unit outside the officer's commune is not offered.
    let outside = app
        .html(&client, &format!("/users/{id}?unit_q=yen+bai"))
        .await;
    assert!(!outside.contains("name=\"unit\" value=\"15\""));

    let r = client
        .post(app.url(&format!("/users/{id}/grants/add")))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("role", "team_member"),
            ("unit", kb.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "back on the user's page");
    let (s, user) = app.get_as(&xa, &format!("/api/v1/users/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{user}");
    let grants = user["grants"].as_array().unwrap();
    assert!(
        grants
            .iter()
            .any(|g| g["role"] == "team_member" && g["unit_code"] == kb.as_str()),
        "{grants:?}"
    );
}

#[tokio::test]
async fn a_new_account_s_unit_is_found_by_name_too() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let (client, csrf) = app.login("xa").await;
    let list = app.html(&client, "/users").await;
    assert!(
        !list.contains("inputmode=\"numeric\""),
        "no code typed by hand"
    );
    let found = app.html(&client, "/users?unit_q=khe+banh").await;
    assert!(found.contains(&format!("type=\"radio\" name=\"unit\" value=\"{kb}\"")));
    let r = client
        .post(app.url("/users"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("username", "tovien4"),
            ("display_name", "Tổ viên Khe Bành"),
            ("password", "mat-khau-1"),
            ("role", "team_member"),
            ("unit", kb.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/users/"), "{to}");
    let page = app.html(&client, &to).await;
    assert!(
        page.contains("Khe Bành"),
        "the account's grant is over Khe Bành"
    );
}
