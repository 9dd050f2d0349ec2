//! Figures counted from the records, handbook use, the committee overview.

use super::*;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn khe_banh_has_15_members_all_using_the_handbook() {
    let app = TestApp::spawn().await;
    let (s, v) = app
        .get_json(&format!("/api/v1/units/04387001/party-summary?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["unit"]["name"], "Khe Bành");
    assert_eq!(figure(&v, "party.members"), 15.0);
    assert_eq!(figure(&v, "party.handbook_users"), 15.0);
    assert_eq!(v["figures"]["party.handbook_users"]["denominator"], 15.0);
    assert_eq!(figure(&v, "party.cells"), 1.0);
    // The province (about 50,000 members in the whole demo; see
    // figures::the_articles_figures_come_out_of_the_records): not all use
    // the handbook, and every cell met.
    let (_, p) = app
        .get_json(&format!("/api/v1/units/15/party-summary?on={DAY}"))
        .await;
    let members = figure(&p, "party.members");
    assert!(members > 20.0 * figure(&p, "party.cells"), "{p}");
    let users = figure(&p, "party.handbook_users");
    assert!(users > 0.5 * members && users < members, "{p}");
    assert!(
        figure(&p, "party.meetings") >= figure(&p, "party.cells"),
        "{p}"
    );
    let pct = figure(&p, "party.attendance_pct");
    assert!((80.0..100.0).contains(&pct), "{p}");
    // On the first day: the members, none of whom had used the handbook yet.
    let (_, early) = app
        .get_json("/api/v1/units/04387001/party-summary?on=2022-01-02")
        .await;
    assert_eq!(figure(&early, "party.members"), 15.0, "{early}");
    assert_eq!(figure(&early, "party.handbook_users"), 0.0, "{early}");
}

#[tokio::test]
async fn figures_are_counted_from_the_records() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    // A sixteenth member joins on 2022-06-15; they have not used the handbook.
    let (s, v) = app
        .send_as(
            &bithu,
            Method::POST,
            &format!("/api/v1/party/orgs/{cell}/members"),
            &json!({"full_name": "Lò Văn Mới", "joined_on": "2022-06-15", "from_date": "2022-06-15", "status": "probationary"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, v) = app
        .get_json(&format!("/api/v1/units/04387001/party-summary?on={DAY}"))
        .await;
    assert_eq!(figure(&v, "party.members"), 16.0);
    assert_eq!(figure(&v, "party.handbook_users"), 15.0);
    let (_, v) = app
        .get_json("/api/v1/units/04387001/party-summary?on=2022-06-14")
        .await;
    assert_eq!(figure(&v, "party.members"), 15.0);
    // A member who may not: the ordinary member.
    let dv = app.token("dangvien").await;
    let (s, _) = app
        .send_as(
            &dv,
            Method::POST,
            &format!("/api/v1/party/orgs/{cell}/members"),
            &json!({"full_name": "X", "joined_on": "2022-06-15"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signing_in_counts_as_handbook_use_this_month() {
    let app = TestApp::spawn().await;
    // Today Yên Bái is part of the merged province 15, which carries its cells.
    let path = format!("/api/v1/units/15/party-summary?on={}", today());
    let (_, before) = app.get_json(&path).await;
    let (client, _) = app.login("dangvien").await;
    let (_, after) = app.get_json(&path).await;
    assert_eq!(
        figure(&after, "party.handbook_users"),
        figure(&before, "party.handbook_users") + 1.0,
        "{before} {after}"
    );
    // Signing in again the same day counts the member once.
    drop(client);
    app.login("dangvien").await;
    let (_, again) = app.get_json(&path).await;
    assert_eq!(
        figure(&again, "party.handbook_users"),
        figure(&after, "party.handbook_users")
    );
}

#[tokio::test]
async fn committees_and_officers_see_the_overview_of_their_area() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (_, org) = app
        .get_as(&bithu, &format!("/api/v1/party/orgs/{cell}"))
        .await;
    assert_eq!(org["members"].as_array().unwrap().len(), 15);
    assert_eq!(org["runs"], true);
    let path: Vec<i64> = org["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(path.len(), 3, "{org}");
    let (district, commune) = (path[1], path[2]);
    let huyen = app.token("huyen").await;
    let (s, v) = app
        .get_as(
            &huyen,
            &format!("/api/v1/party/orgs/{district}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["org"]["id"] == commune)
        .unwrap();
    assert!(row["cells"].as_i64().unwrap() >= 7, "{row}");
    assert_eq!(row["cells_on_time"], row["cells"]);
    let (s, c) = app
        .get_as(
            &huyen,
            &format!("/api/v1/party/orgs/{commune}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    let kb = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["org"]["id"] == cell)
        .unwrap();
    assert_eq!(
        (kb["members"].as_i64(), kb["handbook_users"].as_i64()),
        (Some(15), Some(15))
    );
    // The commune officer of Châu Quế Hạ sees the commune, not the district.
    let xa = app.token("xa").await;
    let (s, _) = app
        .get_as(
            &xa,
            &format!("/api/v1/party/orgs/{commune}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .get_as(
            &xa,
            &format!("/api/v1/party/orgs/{district}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Officers see figures, not the members of a cell.
    let (s, _) = app
        .get_as(&huyen, &format!("/api/v1/party/orgs/{cell}"))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
