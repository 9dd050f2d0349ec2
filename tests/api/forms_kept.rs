//! The short forms of officers' pages (the criteria set editor, a new
//! account, a grant, an API token, a new village) come back as typed when
//! refused (422), with the reason beside the field and nothing written;
//! before, each went back to an empty form with a message at the top.

use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;

/// The field `name` of form `form` is marked refused and its reason shown.
fn marked(html: &str, form: &str, name: &str) -> bool {
    html.contains(&format!(r#"aria-describedby="{form}-{name}-error""#))
        && html.contains(&format!(r#"id="{form}-{name}-error" role="alert""#))
}

#[tokio::test]
async fn the_criteria_set_editor_keeps_a_refused_criterion_and_level() {
    let app = TestApp::spawn().await;
    let (_, sets) = app.get_json("/api/v1/criteria-sets").await;
    let set = sets["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "commune")
        .expect("a commune set");
    let (id, version) = (
        set["id"].as_i64().unwrap(),
        set["version"].as_i64().unwrap(),
    );
    let (tinh, csrf) = app.login("tinh").await;
    let path = format!("/criteria-sets/{id}/criteria");
    let version = version.to_string();
    let before = app.audit().await.len();
    let (status, html) = app
        .post_form(
            &tinh,
            &path,
            &[
                ("_csrf", &csrf),
                ("version", &version),
                ("code", "zalo_thon"),
                ("group", "extended"),
                ("name_vi", "Thôn có nhóm Zalo của tổ CNS"),
                ("max_points", "10"),
                ("scoring", "steps"),
                ("steps", "50:5, 70"),
                ("agency", "Sở Thông tin và Truyền thông"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"value="Thôn có nhóm Zalo của tổ CNS""#),
        "name kept"
    );
    assert!(html.contains(r#"value="50:5, 70""#), "steps kept");
    assert!(html.contains(r#"value="Sở Thông tin và Truyền thông""#));
    assert!(
        html.contains(r#"<option value="steps" selected>"#),
        "scoring kept"
    );
    assert!(
        marked(&html, "criterion", "steps"),
        "the steps box is the one refused"
    );
    assert!(html.contains("“70”"), "the reason quotes the bad step");

    let path = format!("/criteria-sets/{id}/levels");
    let (status, html) = app
        .post_form(
            &tinh,
            &path,
            &[
                ("_csrf", &csrf),
                ("version", &version),
                ("code", "kieu_mau"),
                ("name_vi", "Xã chuyển đổi số kiểu mẫu"),
                ("extended_min_pct", "ba mươi"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"value="Xã chuyển đổi số kiểu mẫu""#));
    assert!(html.contains(r#"value="ba mươi""#));
    assert!(marked(&html, "level", "extended_min_pct"));
    assert_eq!(app.audit().await.len(), before, "nothing written");
}

#[tokio::test]
async fn a_refused_new_account_or_grant_keeps_the_unit_and_role_chosen() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let (xa, csrf) = app.login("xa").await;
    let token = app.token("xa").await;
    let before = app.audit().await.len();
    let (status, html) = app
        .post_form(
            &xa,
            "/users",
            &[
                ("_csrf", &csrf),
                ("username", "Tổ viên mới"),
                ("display_name", "Lý Thị Mai"),
                ("password", "mat-khau-bi-mat"),
                ("role", "team_member"),
                ("unit", &kb),
                ("unit_q", "khe banh"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"value="Tổ viên mới""#), "username kept");
    assert!(html.contains(r#"value="Lý Thị Mai""#));
    assert!(
        !html.contains("mat-khau-bi-mat"),
        "a password is never sent back"
    );
    assert!(html.contains(r#"<option value="team_member" selected>"#));
    assert!(
        html.contains(&format!(r#"name="unit" value="{kb}" required checked>"#)),
        "the unit found by the search is offered again, chosen"
    );
    assert!(marked(&html, "user-new", "username"));

    let body = serde_json::json!({"username": "tovien9", "display_name": "Tổ viên", "password": "mat-khau-1",
                                  "grants": [{"role": "team_member", "unit": kb}]});
    let (s, v) = app
        .send_as(&token, reqwest::Method::POST, "/api/v1/users", &body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();
    let after_create = app.audit().await.len();
    // No role chosen (a browser would not send it; a script might):
    // refused on the page with the unit still chosen.
    let (status, html) = app
        .post_form(
            &xa,
            &format!("/users/{id}/grants/add"),
            &[
                ("_csrf", &csrf),
                ("role", ""),
                ("unit", &kb),
                ("unit_q", "khe banh"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains(&format!(r#"name="unit" value="{kb}" required checked>"#)));
    assert!(marked(&html, "grant-add", "role"));
    assert_eq!(app.audit().await.len(), after_create, "nothing written");
    assert_eq!(after_create, before + 1, "only the account made by the API");
}

#[tokio::test]
async fn a_refused_token_or_village_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let (xa, csrf) = app.login("xa").await;
    let before = app.audit().await.len();
    let (status, html) = app
        .post_form(
            &xa,
            "/account/tokens",
            &[
                ("_csrf", &csrf),
                ("name", "Máy tính của xã"),
                ("days", "ba"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"value="Máy tính của xã""#));
    assert!(html.contains(r#"value="ba""#));
    assert!(marked(&html, "token-new", "days"));
    assert!(
        html.contains("số nguyên"),
        "the reason in Vietnamese: {html}"
    );

    let (status, html) = app
        .post_form(
            &xa,
            "/units/04387/villages",
            &[
                ("_csrf", &csrf),
                ("name", &"Thôn ".repeat(30)),
                ("type", "bản"),
                ("on", "2022-06-30"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"<option value="bản" selected>"#),
        "type kept"
    );
    assert!(html.contains("Thôn Thôn Thôn"), "name kept");
    assert!(marked(&html, "village-new", "name"));
    assert!(html.contains(r#"id="village-new" open"#), "the form open");
    assert_eq!(app.audit().await.len(), before, "nothing written");
}
