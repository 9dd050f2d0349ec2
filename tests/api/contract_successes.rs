//! A success through the real API for each operation the rest of the suite
//! only ever saw refused, so that the contract layer (`contract.rs`) checks
//! its documented success shape too: each write is made by the role that
//! may make it, its answer carries what was sent, and where it is cheap the
//! write is read back.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const DAY: &str = "2022-06-30";

async fn khe_banh(app: &TestApp) -> String {
    let (_, hits) = app
        .get_json(&format!("/api/v1/units/search?q=khe%20banh&on={DAY}"))
        .await;
    hits["items"][0]["code"].as_str().unwrap().to_owned()
}

fn find<'a>(items: &'a Value, key: &str, want: &Value) -> Option<&'a Value> {
    items.as_array()?.iter().find(|i| &i[key] == want)
}

#[tokio::test]
async fn a_commune_officer_downloads_the_evidence_file_uploaded() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (s, r) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_i64().unwrap();
    let (s, f) = app
        .post_multipart(
            &xa,
            &format!("/api/v1/registrations/{id}/files"),
            crate::party::multipart_with(&[("criterion", "m04")], "bao-cao.pdf", crate::party::PDF),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let file = f["id"].as_i64().unwrap();
    let r = app
        .client()
        .get(app.url(&format!("/api/v1/registrations/{id}/files/{file}")))
        .bearer_auth(&xa)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("bao-cao.pdf"),
        "{:?}",
        r.headers()
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), crate::party::PDF);
}

#[tokio::test]
async fn a_province_officer_issues_a_criteria_set() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    // The new set takes the 2022 commune set's definition for 2023.
    let (_, sets) = app.get_json("/api/v1/criteria-sets").await;
    let old = find(&sets["items"], "code", &json!("xa_cds")).expect("xa_cds");
    let (_, old) = app
        .get_json(&format!("/api/v1/criteria-sets/{}", old["id"]))
        .await;
    let body = json!({
        "code": "xa_cds_thu", "year": 2023, "kind": "commune",
        "name_vi": "Bộ tiêu chí xã chuyển đổi số (thử)", "name_en": "Commune DX criteria (trial)",
        "unit": "15", "definition": old["definition"],
    });
    let (s, v) = app
        .send_as(&tinh, Method::POST, "/api/v1/criteria-sets", &body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (
            &v["code"],
            &v["year"],
            &v["kind"],
            &v["unit_code"],
            &v["version"]
        ),
        (
            &json!("xa_cds_thu"),
            &json!(2023),
            &json!("commune"),
            &json!("15"),
            &json!(1)
        ),
        "{v}"
    );
    assert_eq!(v["definition"], old["definition"]);
    let (s, back) = app
        .get_json(&format!("/api/v1/criteria-sets/{}", v["id"]))
        .await;
    assert_eq!(s, StatusCode::OK, "{back}");
    assert_eq!(back["name_vi"], "Bộ tiêu chí xã chuyển đổi số (thử)");
    assert_eq!(back["definition"], old["definition"]);
}

#[tokio::test]
async fn a_province_officer_defines_a_metric() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let body = json!({
        "code": "wifi_points", "name_vi": "Điểm wifi công cộng", "name_en": "Public wifi points",
        "value_type": "count", "hierarchy_aggregation": "sum", "time_aggregation": "last",
        "entry_level": "commune", "min_value": 0, "max_value": 500,
    });
    let (s, v) = app
        .send_as(&tinh, Method::POST, "/api/v1/metrics", &body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["code"], "wifi_points");
    assert_eq!(v["entry_level"], "commune");
    assert_eq!(v["max_value"], 500.0);
    let (_, list) = app.get_json("/api/v1/metrics").await;
    let m = find(&list["items"], "code", &json!("wifi_points")).expect("listed");
    assert_eq!(m["name_vi"], "Điểm wifi công cộng");
    assert_eq!(m["hierarchy_aggregation"], "sum");
}

#[tokio::test]
async fn an_admin_adds_a_party_cell_under_a_commune_committee() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let admin = app.token("admin").await;
    let cell = crate::party::khe_banh_cell(&app, &bithu).await;
    let (_, org) = app
        .get_as(&bithu, &format!("/api/v1/party/orgs/{cell}"))
        .await;
    let commune = org["path"][2]["id"]
        .as_i64()
        .expect("the commune committee");
    let (s, v) = app
        .send_as(
            &admin,
            Method::POST,
            "/api/v1/party/orgs",
            &json!({
                "kind": "cell", "name": "Chi bộ cơ quan xã (thử)", "parent_id": commune,
                "unit": "04387", "valid_from": "2022-01-01",
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (&v["kind"], &v["name"], &v["parent_id"], &v["unit_code"]),
        (
            &json!("cell"),
            &json!("Chi bộ cơ quan xã (thử)"),
            &json!(commune),
            &json!("04387")
        ),
        "{v}"
    );
    assert_eq!(v["synthetic"], false);
    // The district sees the new cell in the commune's overview.
    let huyen = app.token("huyen").await;
    let (s, o) = app
        .get_as(
            &huyen,
            &format!("/api/v1/party/orgs/{commune}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{o}");
    let row = o["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["org"]["id"] == v["id"])
        .unwrap_or_else(|| panic!("no row for the new cell: {o}"));
    assert_eq!(row["members"], 0, "{row}");
}

#[tokio::test]
async fn a_province_officer_sets_an_indicator_target() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let (s, v) = app
        .send_as(
            &tinh,
            Method::POST,
            &format!("/api/v1/targets?on={DAY}"),
            &json!({
                "indicator": "zalo_pct", "unit": "15", "threshold": 99.5,
                "direction": "higher_is_better", "deadline": "2022-12-31",
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().expect("an id");
    let (_, list) = app
        .get_json(&format!("/api/v1/units/15/targets?on={DAY}"))
        .await;
    let t = find(&list["items"], "id", &json!(id)).unwrap_or_else(|| panic!("{list}"));
    assert_eq!(
        (
            &t["indicator"],
            &t["threshold"],
            &t["deadline"],
            &t["status"]
        ),
        (
            &json!("zalo_pct"),
            &json!(99.5),
            &json!("2022-12-31"),
            &json!("not_yet_met")
        ),
        "{t}"
    );
}

#[tokio::test]
async fn a_commune_officer_records_that_a_member_left() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let kb = khe_banh(&app).await;
    let members = |on: &'static str| {
        let app = &app;
        let kb = kb.clone();
        async move {
            let (s, v) = app
                .get_json(&format!("/api/v1/units/{kb}/teams?on={on}"))
                .await;
            assert_eq!(s, StatusCode::OK, "{v}");
            v["items"][0]["members"].as_array().unwrap().clone()
        }
    };
    let before = members(DAY).await;
    let leaving = before
        .iter()
        .find(|m| m["role"] == "member")
        .unwrap_or_else(|| panic!("a plain member: {before:?}"))
        .clone();
    let id = leaving["id"].as_i64().unwrap();
    let r = app
        .client()
        .post(app.url(&format!("/api/v1/team-members/{id}/leave")))
        .bearer_auth(&xa)
        .json(&json!({ "left_on": DAY }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(r.bytes().await.unwrap().is_empty());
    // Gone from the day they left, still there the day before.
    let after = members(DAY).await;
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|m| m["id"] != id));
    assert!(members("2022-06-29").await.iter().any(|m| m["id"] == id));
}

#[tokio::test]
async fn a_province_officer_adds_a_goal_to_the_programme() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let (s, g) = app
        .send_as(
            &tinh,
            Method::POST,
            "/api/v1/units/15/goals",
            &json!({
                "period": "2022", "code": "MT-99", "text_vi": "Mục tiêu thử nghiệm",
                "text_en": "A trial goal", "owner": "Sở TT&TT", "deadline": "2022-12-31",
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    assert_eq!(
        (&g["code"], &g["period"], &g["deadline"], &g["owner"]),
        (
            &json!("MT-99"),
            &json!("2022"),
            &json!("2022-12-31"),
            &json!("Sở TT&TT")
        ),
        "{g}"
    );
    assert_eq!(g["achieved"], false);
    let (_, board) = app
        .get_json(&format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    let back = find(&board["goals"], "code", &json!("MT-99")).unwrap_or_else(|| panic!("{board}"));
    assert_eq!(back["id"], g["id"]);
    assert_eq!(back["state"], "open");
    assert_eq!(back["text_vi"], "Mục tiêu thử nghiệm");
}

#[tokio::test]
async fn a_province_officer_sets_a_rank_target() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let (s, t) = app
        .send_as(
            &tinh,
            Method::POST,
            "/api/v1/units/15/index/targets",
            &json!({ "year": 2024, "rank": 12, "note": "Nghị quyết tỉnh", "on": DAY }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(
        (&t["year"], &t["rank"], &t["note"]),
        (&json!(2024), &json!(12), &json!("Nghị quyết tỉnh")),
        "{t}"
    );
    let (s, index) = app
        .get_json(&format!("/api/v1/units/15/index?year=2024&on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{index}");
    let back = find(&index["targets"], "id", &t["id"]).unwrap_or_else(|| panic!("{index}"));
    assert_eq!(back["rank"], 12);
}

#[tokio::test]
async fn a_commune_officer_forms_a_team_in_a_new_village() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    // A unit has one active team at a time, and every unit of Châu Quế Hạ
    // has one: the team is formed in a village the officer adds first.
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/units/04387/villages?on={DAY}"),
            &json!({ "name": "Tân Lập", "valid_from": "2022-01-01" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let village = v["code"].as_str().unwrap().to_owned();
    let (_, before) = app
        .get_json(&format!("/api/v1/units/04387/teams?on={DAY}"))
        .await;
    let (s, t) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/units/{village}/teams?on={DAY}"),
            &json!({ "name": "Tổ CNS thôn (thử)", "formed_on": "2022-06-01" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(
        (&t["name"], &t["formed_on"], &t["dissolved_on"]),
        (
            &json!("Tổ CNS thôn (thử)"),
            &json!("2022-06-01"),
            &Value::Null
        ),
        "{t}"
    );
    let (_, after) = app
        .get_json(&format!("/api/v1/units/04387/teams?on={DAY}"))
        .await;
    assert_eq!(
        after["items"].as_array().unwrap().len(),
        before["items"].as_array().unwrap().len() + 1
    );
    let back = find(&after["items"], "id", &t["id"]).unwrap_or_else(|| panic!("{after}"));
    assert_eq!(back["unit_code"], village);
    assert_eq!(back["unit_id"], t["unit_id"]);
    assert_eq!(back["members"], json!([]));
}
