//! The goals board and the models registry: rendering, export, and their
//! forms writing through the service.

use super::*;
use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn boards_render_and_export() {
    let app = TestApp::spawn().await;
    let html = app
        .get(&format!("/units/15/goals?on={DAY}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("14/38"), "the board shows 14/38");
    assert!(html.contains("Mục tiêu chuyển đổi số"));
    assert!(html.contains("Quá hạn"));
    let html = app
        .get(&format!("/units/15/models?on={DAY}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Trường học số") && html.contains("Phát huy hiệu quả"));
    let r = app
        .get(&format!("/units/15/goals/export?format=csv&on={DAY}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert_eq!(csv.lines().count(), 39, "a header and 38 goals");
    assert!(csv.contains("MT-01") && csv.contains("Tỷ lệ xã, thôn có tổ CNS cộng đồng (%)"));
    // For people: headers, days and states in words, not machine keys.
    assert!(
        csv.contains("Mã mục tiêu,Mục tiêu,") && csv.contains("/12/20"),
        "{csv}"
    );
    assert!(!csv.contains("teams.coverage_pct") && !csv.contains(",open,"));
    let r = app
        .get(&format!("/units/15/models/export?format=xlsx&on={DAY}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(&r.bytes().await.unwrap()[..2], b"PK");
}

/// Post a page form as a signed-in client; gives the redirect's target and
/// the page it leads to (with its flash message).
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (String, String) {
    let r = client.post(app.url(path)).form(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    let html = client
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (to, html)
}

/// Post a page form that is refused: the page again (422), as typed.
async fn refused(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> String {
    let (status, html) = app.post_form(client, path, form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    html
}

#[tokio::test]
async fn the_boards_forms_write_through_the_service_and_name_refused_fields() {
    let app = TestApp::spawn().await;
    let board = format!("/units/15/goals?on={DAY}");
    // The forms are shown to the province's officers only.
    let public = app.get(&board).await.text().await.unwrap();
    assert!(!public.contains("id=\"goal-new\""));
    let (huyen, _) = app.login("huyen").await;
    let html = huyen.get(app.url(&board)).send().await.unwrap();
    assert!(!html.text().await.unwrap().contains("id=\"goal-new\""));
    let (tinh, csrf) = app.login("tinh").await;
    let html = tinh.get(app.url(&board)).send().await.unwrap();
    assert!(html.text().await.unwrap().contains("id=\"goal-new\""));

    let goal = |code: &'static str, deadline: &'static str, threshold: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("back", board.clone()),
            ("board_day", DAY.to_owned()),
            ("period", "2023".to_owned()),
            ("code", code.to_owned()),
            ("text_vi", "Phủ sóng tổ công nghệ số cộng đồng".to_owned()),
            ("owner", "Sở Thông tin và Truyền thông".to_owned()),
            ("deadline", deadline.to_owned()),
            ("judged", "figure".to_owned()),
            ("link_key", "teams.coverage_pct".to_owned()),
            ("threshold", threshold.to_owned()),
            ("direction", "higher_is_better".to_owned()),
        ]
    };
    let before = app.audit().await.len();
    // Refusals come back as the board with the form open and as typed, the
    // reason beside the field; nothing is written.
    for (form, field) in [
        (goal("MT-T1", "2022-12-31", "95"), "deadline"),
        (goal("MT-T1", "2023-12-31", "nhiều"), "threshold"),
        (goal("MT 1", "2023-12-31", "95"), "code"),
        (goal("MT-T1", "2023-12-31", ""), "threshold"),
    ] {
        let html = refused(&app, &tinh, "/units/15/goals", &form_ref(&form)).await;
        let beside = format!(r#"<p class="field-error" id="goal-new-{field}" role="alert">"#);
        assert!(html.contains(&beside), "{field}");
        assert!(html.contains(r#"<details class="programme-new" id="goal-new" open>"#));
        let (_, code) = form.iter().find(|(k, _)| *k == "code").unwrap();
        assert!(
            html.contains(&format!(r#"name="code" value="{code}""#)),
            "{field}"
        );
        assert!(html.contains(">Phủ sóng tổ công nghệ số cộng đồng</textarea>"));
    }
    assert_eq!(app.audit().await.len(), before, "nothing was written");

    // A goal of the 2023 programme: shown on a 2023 board, not on 2022's.
    let form = goal("MT-T1", "2023-12-31", "95,5");
    let (to, html) = post_form(&app, &tinh, "/units/15/goals", &form_ref(&form)).await;
    assert!(
        to.starts_with("/units/15/goals?on=2023-") && to.ends_with("#goal-MT-T1"),
        "{to}"
    );
    assert!(html.contains("flash ok") && html.contains("data-code=\"MT-T1\""));
    // The linked figure by its name, the threshold and direction in words.
    assert!(
        html.contains("Tỷ lệ xã, thôn có tổ CNS cộng đồng ≥ 95,5% (hiện đạt"),
        "{html}"
    );
    let (_, b) = app
        .get_json(&format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(
        (b["total"].as_u64(), b["achieved"].as_u64()),
        (Some(38), Some(14))
    );
    // The same code again is a conflict, told at the top of the form.
    let html = refused(&app, &tinh, "/units/15/goals", &form_ref(&form)).await;
    assert!(html.contains("MT-T1") && html.contains(r#"class="field-error""#));

    // A model: added, deployed and judged through the registry's forms.
    let registry = "/units/15/models?on=2023-06-30".to_owned();
    let (to, html) = post_form(
        &app,
        &tinh,
        "/units/15/models",
        &[
            ("_csrf", csrf.as_str()),
            ("back", registry.as_str()),
            ("board_day", "2023-06-30"),
            ("name", "Chợ nông sản số Trấn Yên"),
            ("field", "agriculture"),
            ("planned_on", "2023-01-10"),
            ("indicators", "teams.coverage_pct"),
        ],
    )
    .await;
    assert!(
        html.contains("flash ok") && html.contains("Chợ nông sản số Trấn Yên"),
        "{to}"
    );
    let id: i64 = to.rsplit("#model-").next().unwrap().parse().unwrap();
    assert!(to.starts_with("/units/15/models?on=2023-06-30#"), "{to}");
    let deploy = format!("/models/{id}/deployments");
    let status = format!("/models/{id}/status");
    let before = app.audit().await.len();
    // Each refused form comes back open and as typed, the reason beside
    // its field (or above the form for a code that names nothing).
    let beside = |form: &str, field: &str| format!(r#"id="{form}-{id}-{field}-error""#);
    for (path, form, marker) in [
        (
            &deploy,
            vec![("unit", "99999"), ("on", "2023-02-01")],
            r#"value="99999""#.to_owned(),
        ),
        (
            &deploy,
            vec![("unit", "136"), ("on", "ngày mai")],
            beside("deploy", "on"),
        ),
        (
            &status,
            vec![("status", "deployed"), ("on", "2023-02-01")],
            beside("verdict", "status"),
        ),
        (
            &status,
            vec![
                ("status", "effective"),
                ("on", "2023-02-01"),
                ("evaluation", "Tốt"),
            ],
            beside("verdict", "status"),
        ),
    ] {
        let mut form = form;
        form.extend([
            ("_csrf", csrf.as_str()),
            ("back", registry.as_str()),
            ("board_day", "2023-06-30"),
        ]);
        let html = refused(&app, &tinh, path, &form).await;
        assert!(
            html.contains(&marker) && html.contains("field-error"),
            "{path} {marker}"
        );
        assert!(html.contains(" open>"), "{path}: the form is open");
    }
    assert_eq!(app.audit().await.len(), before, "nothing was written");
    let common = [
        ("_csrf", csrf.as_str()),
        ("back", registry.as_str()),
        ("board_day", "2023-06-30"),
    ];
    for (path, form) in [
        (&deploy, vec![("unit", "138"), ("on", "2023-02-01")]),
        (&status, vec![("status", "deployed"), ("on", "2023-02-01")]),
    ] {
        let mut form = form;
        form.extend(common);
        let (_, html) = post_form(&app, &tinh, path, &form).await;
        assert!(html.contains("flash ok"), "{path}");
    }
    // A verdict needs its evaluation.
    let mut verdict = vec![
        ("status", "effective"),
        ("on", "2023-06-30"),
        ("evaluation", " "),
    ];
    verdict.extend(common);
    let html = refused(&app, &tinh, &status, &verdict).await;
    assert!(html.contains(&beside("verdict", "evaluation")));
    verdict[2].1 = "Doanh số qua sàn tăng 30%";
    let (_, html) = post_form(&app, &tinh, &status, &verdict).await;
    assert!(html.contains("flash ok") && html.contains("Doanh số qua sàn tăng 30%"));
    let (_, r) = app.get_json("/api/v1/units/15/models?on=2023-06-30").await;
    let m = r["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap();
    assert_eq!(m["status"], "effective");
    assert_eq!(m["deployments"][0]["unit_code"], "138");
    // The 2022 figures stand.
    let v = headline(&app, DAY).await;
    assert_eq!(fig(&v, "models.deployed")["value"], 10.0, "{v}");
    assert_eq!(fig(&v, "models.effective")["value"], 6.0, "{v}");
}

fn form_ref<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}
