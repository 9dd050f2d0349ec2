//! Live figures: the article's numbers from the demo records, and a write
//! moving every level at once.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn value(v: &Value, key: &str) -> f64 {
    v["figures"][key]["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} in {v}"))
}

#[tokio::test]
async fn the_articles_figures_come_out_of_the_records() {
    let app = TestApp::spawn_full().await;
    let (s, p) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(value(&p, "units.communes"), 173.0);
    assert_eq!(value(&p, "units.districts"), 9.0);
    assert_eq!(value(&p, "teams.coverage_pct"), 100.0);
    assert_eq!(value(&p, "teams.members"), 10851.0);
    let hh = value(&p, "households.total");
    assert!(
        (200_000.0..=220_000.0).contains(&hh),
        "about 210,000 households, got {hh}"
    );
    assert_eq!(
        p["figures"]["teams.coverage_pct"]["denominator"],
        173.0 + value(&p, "units.villages")
    );
    // The demo's size (the test suite's other tests run on one district).
    let (_, sum) = app.get_json("/api/v1/units/15/summary?on=2022-06-30").await;
    let villages = sum["counts"]["villages"].as_u64().unwrap();
    assert!(
        (1300..=1700).contains(&villages),
        "about 1,500 villages, got {villages}"
    );
    let members = value(&p, "party.members");
    assert!((40_000.0..=60_000.0).contains(&members), "{p}");
    assert!(value(&p, "party.meetings") > 1000.0, "{p}");
    let (_, d) = app
        .get_json("/api/v1/units/136/headline?on=2022-06-30")
        .await;
    assert!(value(&d, "teams.members_commune_level") > 320.0);
    assert_eq!(value(&d, "teams.members_village_level"), 1322.0);
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let (_, v) = app
        .get_json(&format!("/api/v1/units/{kb}/headline?on=2022-06-30"))
        .await;
    assert_eq!(value(&v, "households.zalo_group_pct"), 85.0);
    assert_eq!(value(&v, "orgs.members_in_groups_pct"), 100.0);
    // The party cell's figures sit beside them (issue 5): 15 of 15 use the handbook.
    assert_eq!(value(&v, "party.members"), 15.0);
    assert_eq!(value(&v, "party.handbook_users"), 15.0);
    assert_eq!(v["figures"]["party.handbook_users"]["denominator"], 15.0);
    // The same numbers from the records directly, not from the counters.
    let (_, list) = app
        .get_as(
            &app.token("todan").await,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
        )
        .await;
    let items = list["items"].as_array().unwrap();
    let zalo = items
        .iter()
        .filter(|h| {
            h["adoptions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "zalo_group")
        })
        .count();
    assert_eq!((zalo, items.len()), (102, 120));
}

#[tokio::test]
async fn one_adoption_moves_every_level_at_once() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let (_, list) = app
        .get_as(
            &todan,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
        )
        .await;
    let household = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            !h["adoptions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "zalo_group")
        })
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let units = [kb.as_str(), "04387", "136", "15"];
    let mut before = Vec::new();
    for u in units {
        let (_, v) = app
            .get_json(&format!("/api/v1/units/{u}/headline?on=2022-06-30"))
            .await;
        before.push(
            v["figures"]["households.zalo_group_pct"]["numerator"]
                .as_f64()
                .unwrap(),
        );
    }
    let body = json!({ "kind": "zalo_group", "date": "2022-06-15" });
    let (s, r) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/households/{household}/adoptions"),
            &body,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert!(
        r["member_id"].is_i64(),
        "the team member's own record is named: {r}"
    );
    for (u, b) in units.iter().zip(&before) {
        let (_, v) = app
            .get_json(&format!("/api/v1/units/{u}/headline?on=2022-06-30"))
            .await;
        assert_eq!(
            v["figures"]["households.zalo_group_pct"]["numerator"]
                .as_f64()
                .unwrap(),
            b + 1.0,
            "{u}"
        );
    }
    // The same adoption again is refused; a correction takes it back.
    let (s, _) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/households/{household}/adoptions"),
            &body,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let undo = json!({ "kind": "zalo_group", "date": "2022-06-20", "correction": true });
    let (s, _) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/households/{household}/adoptions"),
            &undo,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, v) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    assert_eq!(
        v["figures"]["households.zalo_group_pct"]["numerator"]
            .as_f64()
            .unwrap(),
        before[3]
    );
    // Counters match a recount from the ledger.
    let recount = tinhso::store::ledger::recount(app.ctx.db()).await.unwrap();
    let mut stored = tinhso::store::ledger::all_counters(app.ctx.db())
        .await
        .unwrap();
    stored.sort();
    assert_eq!(stored, recount);
}

#[tokio::test]
async fn trends_traces_indicators_and_targets() {
    let app = TestApp::spawn().await;
    let (s, t) = app
        .get_json(
            "/api/v1/units/15/trend?key=households.zalo_group_pct&from=2021-01-01&on=2022-06-30",
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    let pts = t["points"].as_array().unwrap();
    assert_eq!(pts.len(), 18);
    let first = pts[0]["value"].as_f64().unwrap();
    let last = pts[17]["value"].as_f64().unwrap();
    assert!(
        first < last,
        "adoption grows over 2021-2022: {first} → {last}"
    );
    let (_, tr) = app
        .get_json("/api/v1/units/136/trace?key=teams.members&on=2022-06-30")
        .await;
    let parts: f64 = tr["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["figure"]["value"].as_f64().unwrap())
        .sum();
    assert_eq!(
        parts + 0.0,
        tr["figure"]["value"].as_f64().unwrap(),
        "a district's members are its communes' members"
    );
    let (_, ind) = app
        .get_json("/api/v1/units/15/indicators?on=2022-06-30")
        .await;
    let zalo = ind["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "zalo_pct")
        .unwrap();
    let (_, head) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    assert_eq!(
        zalo["value"],
        head["figures"]["households.zalo_group_pct"]["value"]
    );
    let (_, targets) = app.get_json("/api/v1/units/15/targets?on=2022-06-30").await;
    assert!(
        targets["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["indicator"] == "team_coverage_pct" && t["status"] == "met")
    );
    let (s, v) = app
        .get_json("/api/v1/units/15/trace?key=nonsense&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["field"], "key");
}

#[tokio::test]
async fn figures_follow_villages_over_the_2025_reform() {
    let app = TestApp::spawn().await;
    // Today Khe Bành is a village of Xã Châu Quế in the new Tỉnh Lào Cai, and
    // its households, recorded under the old boundaries, are still there.
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2026-01-01")
        .await;
    let kb = &hits["items"][0];
    assert_eq!(kb["path"][1], "Tỉnh Lào Cai", "{hits}");
    let (_, v) = app
        .get_json(&format!(
            "/api/v1/units/{}/headline?on=2026-01-01",
            kb["code"].as_str().unwrap()
        ))
        .await;
    assert_eq!(value(&v, "households.total"), 120.0);
    assert_eq!(value(&v, "households.zalo_group_pct"), 85.0);
    // Every household of old Yên Bái is counted in the merged province.
    let (_, before) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    let (_, p) = app
        .get_json("/api/v1/units/15/headline?on=2026-01-01")
        .await;
    assert!(value(&before, "households.total") > 1000.0, "{before}");
    assert_eq!(
        value(&p, "households.total"),
        value(&before, "households.total")
    );
}

#[tokio::test]
async fn personal_data_only_for_those_who_work_with_the_households() {
    let app = TestApp::spawn().await;
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/units/{kb}/households?on=2022-06-30");
    let named = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["head_name"].is_string())
            .cloned()
            .unwrap()
    };
    let (s, v) = app.get_as(&app.token("todan").await, &path).await;
    assert_eq!(s, StatusCode::OK);
    let h = named(&v);
    assert_eq!(h["masked"], false);
    let full = h["head_name"].as_str().unwrap().to_owned();
    for viewer in ["xem", "tinh", "huyen"] {
        let (s, v) = app.get_as(&app.token(viewer).await, &path).await;
        assert_eq!(s, StatusCode::OK, "{viewer}");
        let h = named(&v);
        assert_eq!(h["masked"], true, "{viewer}");
        assert_ne!(
            h["head_name"].as_str().unwrap(),
            full,
            "{viewer} sees no names"
        );
        assert!(
            h["phone"].as_str().is_none_or(|p| p.starts_with("•")),
            "{viewer} sees no phone numbers"
        );
    }
    // The public sees aggregates but no households at all.
    let (s, _) = app.get_json(&path).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .get_json(&format!("/api/v1/units/{kb}/headline?on=2022-06-30"))
        .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn a_team_member_works_only_in_their_village() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let (_, kids) = app
        .get_json("/api/v1/units/04387/children?on=2022-06-30")
        .await;
    let other = kids["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["full_name"] != "Thôn Khe Bành")
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, _) = app
        .get_as(
            &todan,
            &format!("/api/v1/units/{other}/households?on=2022-06-30"),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let officer = app.token("xa").await;
    let (_, list) = app
        .get_as(
            &officer,
            &format!("/api/v1/units/{other}/households?on=2022-06-30"),
        )
        .await;
    let household = list["items"][0]["id"].as_i64().unwrap();
    let body = json!({ "kind": "vneid", "date": "2022-06-15" });
    let (s, _) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/households/{household}/adoptions"),
            &body,
        )
        .await;
    assert!(
        s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
        "{s}"
    );
    let (s, _) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/units/{other}/households?on=2022-06-30"),
            &json!({ "code": "X-1" }),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn tables_export_as_csv_and_xlsx_and_values_are_entered_by_form() {
    let app = TestApp::spawn().await;
    let (client, csrf) = app.login("xa").await;
    let r = client
        .get(app.url("/units/04387/export?format=csv&on=2022-06-30"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(
        csv.contains("Thôn Khe Bành") && csv.contains("Tỷ lệ hộ vào nhóm Zalo thôn (%)"),
        "{}",
        &csv[..200.min(csv.len())]
    );
    let r = client
        .get(app.url("/units/04387/export?format=xlsx&on=2022-06-30"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap()[..2], *b"PK");
    let r = client
        .get(app.url("/units/04387/export?format=pdf&on=2022-06-30"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let csv = client
        .get(app.url(&format!(
            "/units/{kb}/households/export?format=csv&on=2022-06-30"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 121, "a header and 120 households");
    // The viewer's export is masked like the viewer's page.
    let (viewer, _) = app.login("xem").await;
    let masked = viewer
        .get(app.url(&format!(
            "/units/{kb}/households/export?format=csv&on=2022-06-30"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(masked.contains("•••"), "phones masked");
    assert_ne!(masked, csv);
    // A value entered by form; the same form again (old version) is refused.
    let form = client
        .get(app.url(&format!("/units/{kb}/values?period=2022-06")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("org_members_women"));
    let post = |value: &'static str, version: &'static str| {
        let client = client.clone();
        let url = app.url(&format!("/units/{kb}/values"));
        let csrf = csrf.clone();
        async move {
            client
                .post(url)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("metric", "org_members_women"),
                    ("period", "2022-06"),
                    ("value", value),
                    ("version", version),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let r = post("95", "1").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = client
        .get(app.url(&format!("/units/{kb}/values?period=2022-06")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("flash ok"), "saved");
    let r = post("96", "1").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("field-error") && page.contains("Bản sửa đã cũ"),
        "a stale form is refused"
    );
    assert!(page.contains(r#"value="96""#), "what was typed stays");
    // Saving again, knowing, writes over the value now stored.
    let version = page
        .split(r#"name="metric" value="org_members_women""#)
        .nth(1)
        .and_then(|s| s.split(r#"name="version" value=""#).nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    assert_ne!(version, "1", "the form now carries the stored version");
}
