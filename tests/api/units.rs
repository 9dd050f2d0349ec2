//! The hierarchy through time, as the issue checks it.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn counts(v: &Value) -> (u64, u64, u64) {
    let c = &v["counts"];
    (
        c["provinces"].as_u64().unwrap(),
        c["districts"].as_u64().unwrap(),
        c["communes"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn province_15_through_time() {
    let app = TestApp::spawn().await;
    let (s, v) = app.get_json("/api/v1/units/15?on=2022-06-30").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["code"], "15");
    assert!(v["name"].as_str().unwrap().contains("Yên Bái"));
    assert_eq!(v["level"], "province");

    let (_, v) = app
        .get_json("/api/v1/units/15/children?on=2022-06-30")
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 9);

    let (_, v) = app.get_json("/api/v1/units/15/summary?on=2022-06-30").await;
    assert_eq!(counts(&v), (0, 9, 173));
    let (_, v) = app.get_json("/api/v1/units/15/summary?on=2025-03-01").await;
    assert_eq!(counts(&v).2, 168);

    let (_, v) = app.get_json("/api/v1/units/15/summary?on=2025-07-01").await;
    assert_eq!(v["unit"]["full_name"], "Tỉnh Lào Cai");
    assert_eq!(counts(&v), (0, 0, 99));

    let (_, v) = app.get_json("/api/v1/units/10?on=2022-06-30").await;
    assert_eq!(v["full_name"], "Tỉnh Lào Cai");
    let (s, _) = app.get_json("/api/v1/units/10?on=2025-07-01").await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "code 10 names nothing after the reform"
    );
}

#[tokio::test]
async fn national_counts_before_and_after_the_reform() {
    let app = TestApp::spawn().await;
    let (_, v) = app.get_json("/api/v1/units/summary?on=2022-06-30").await;
    assert_eq!(counts(&v), (63, 705, 10590));
    let (_, v) = app.get_json("/api/v1/units/summary?on=2025-07-01").await;
    assert_eq!(counts(&v), (34, 0, 3321));
    let (_, v) = app.get_json("/api/v1/units/summary?on=2026-05-01").await;
    assert_eq!(counts(&v), (34, 0, 3321));
    let (_, v) = app.get_json("/api/v1/units?on=2025-07-01").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 34);
}

#[tokio::test]
async fn a_unit_unchanged_between_lists_is_one_unit() {
    let app = TestApp::spawn().await;
    // Văn Yên (136) is in the 2022 and 2024 lists unchanged: one version, one id.
    let (_, a) = app.get_json("/api/v1/units/136?on=2022-06-30").await;
    let (_, b) = app.get_json("/api/v1/units/136?on=2025-06-30").await;
    assert_eq!(a["id"], b["id"]);
    assert_eq!(a["valid_to"], "2025-06-30");
    // 04264 was renamed Nguyễn Phúc → Hồng Hà on 2025-01-01: two versions, linked.
    let (_, old) = app.get_json("/api/v1/units/04264?on=2024-12-31").await;
    let (_, new) = app.get_json("/api/v1/units/04264?on=2025-01-01").await;
    assert_eq!(old["name"], "Nguyễn Phúc");
    assert_eq!(new["name"], "Hồng Hà");
    assert_ne!(old["id"], new["id"]);
    let (_, links) = app
        .get_json("/api/v1/units/04264/successions?on=2024-12-31")
        .await;
    assert_eq!(links["successors"][0]["full_name"], new["full_name"]);
    // Thanh Hoá (2026 spelling) and Thanh Hóa (2025) are one unit.
    let (_, a) = app.get_json("/api/v1/units/38?on=2025-08-01").await;
    let (_, b) = app.get_json("/api/v1/units/38?on=2026-08-01").await;
    assert_eq!(a["id"], b["id"]);
}

#[tokio::test]
async fn the_2025_merge_is_loaded_as_succession_links() {
    let app = TestApp::spawn().await;
    let (_, v) = app
        .get_json("/api/v1/units/04387/successions?on=2022-06-30")
        .await;
    let succ = v["successors"].as_array().unwrap();
    assert!(!succ.is_empty(), "Châu Quế Hạ went somewhere in 2025: {v}");
    assert!(succ.iter().all(|s| s["valid_from"] == "2025-07-01"));
    let (_, lists) = app.get_json("/api/v1/unit-lists").await;
    let names: Vec<&str> = lists["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "units-2022",
            "merge-2025-01-yen-bai",
            "units-2024",
            "merge-2025",
            "units-2025",
            "units-2026"
        ]
    );
}

#[tokio::test]
async fn search_folds_diacritics_and_case() {
    let app = TestApp::spawn().await;
    let (s, v) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::OK);
    let hit = &v["items"][0];
    assert_eq!(hit["full_name"], "Thôn Khe Bành");
    assert_eq!(hit["parent_code"], "04387");
    assert_eq!(hit["path"][0], "Xã Châu Quế Hạ");
    let (_, v) = app
        .get_json("/api/v1/units/search?q=CHAU%20QUE%20HA&on=2022-06-30")
        .await;
    assert_eq!(v["items"][0]["full_name"], "Xã Châu Quế Hạ");
    let (_, v) = app
        .get_json("/api/v1/units/search?q=%3Cscript%3E&on=2022-06-30")
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn villages_hang_under_communes_with_derived_codes() {
    let app = TestApp::spawn().await;
    let (_, v) = app
        .get_json("/api/v1/units/04387/children?on=2022-06-30")
        .await;
    let items = v["items"].as_array().unwrap();
    assert!(items.len() > 1);
    for item in items {
        let code = item["code"].as_str().unwrap();
        assert_eq!(code.len(), 8);
        assert!(code.starts_with("04387"));
        assert_eq!(item["level"], "village");
    }
    assert!(
        items
            .iter()
            .any(|i| i["full_name"] == "Thôn Khe Bành" && i["synthetic"] == false)
    );
    assert!(
        items
            .iter()
            .filter(|i| i["full_name"] != "Thôn Khe Bành")
            .all(|i| i["synthetic"] == true)
    );
    // The province's summary counts the villages that hang under it.
    let (_, sum) = app.get_json("/api/v1/units/15/summary?on=2022-06-30").await;
    let (_, district) = app
        .get_json("/api/v1/units/136/summary?on=2022-06-30")
        .await;
    let villages = sum["counts"]["villages"].as_u64().unwrap();
    assert!(villages > 100, "{sum}");
    assert!(villages >= district["counts"]["villages"].as_u64().unwrap());
}

#[tokio::test]
async fn a_commune_officer_adds_a_village_and_it_is_audited() {
    let app = TestApp::spawn().await;
    let token = app.token("xa").await;
    let body = json!({ "name": "Làng Mới Test", "type": "bản" });
    let (s, v) = app
        .send_as(
            &token,
            reqwest::Method::POST,
            "/api/v1/units/04387/villages?on=2022-06-30",
            &body,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["full_name"], "Bản Làng Mới Test");
    assert_eq!(v["parent_code"], "04387");
    let code = v["code"].as_str().unwrap().to_owned();
    let (_, shown) = app
        .get_json(&format!("/api/v1/units/{code}?on=2022-06-30"))
        .await;
    assert_eq!(shown["name"], "Làng Mới Test");
    let entry = app
        .audit()
        .await
        .into_iter()
        .find(|e| e.entity == "unit" && e.action == "create")
        .unwrap();
    assert_eq!(entry.actor, "xa");
    assert!(entry.after.unwrap().0["code"] == code.as_str());
    // The same name again is a conflict; nothing new is written.
    let before = app.audit().await.len();
    let (s, v) = app
        .send_as(
            &token,
            reqwest::Method::POST,
            "/api/v1/units/04387/villages?on=2022-06-30",
            &body,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(app.audit().await.len(), before);
}

#[tokio::test]
async fn grants_follow_a_unit_into_what_it_became() {
    let app = TestApp::spawn().await;
    let token = app.token("tinh").await;
    // The province officer of Yên Bái (15) works in the merged Lào Cai (15) after 2025-07-01.
    let (s, v) = app.get_as(&token, "/api/v1/units/15?on=2025-07-01").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["full_name"], "Tỉnh Lào Cai");
    // ...but not the old Lào Cai before the merge (its figures are open to
    // all; its records are not).
    let (s, _) = app
        .get_as(&token, "/api/v1/audit?unit=10&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
