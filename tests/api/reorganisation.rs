//! The unit page explains a reorganisation (issue 17): where a unit went,
//! and what a new unit was formed from.

use crate::helpers::TestApp;

#[tokio::test]
async fn a_merged_commune_says_where_it_went_and_its_successor_what_it_was_formed_from() {
    let app = TestApp::spawn().await;
    let (_, links) = app
        .get_json("/api/v1/units/04387/successions?on=2022-06-30")
        .await;
    let successor = links["successors"][0]["code"]
        .as_str()
        .expect("a successor")
        .to_owned();
    let from = links["successors"][0]["valid_from"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(from, "2025-07-01");
    let (client, _) = app.login("tinh").await;
    let get = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = get("/units/04387?on=2022-06-30".into()).await;
    assert!(
        html.contains("Từ ngày 01/07/2025, đơn vị được sắp xếp vào:"),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"/units/{successor}?on=2025-07-01\"")));
    let html = get(format!("/units/{successor}?on=2025-07-01")).await;
    assert!(
        html.contains("Đơn vị được sắp xếp, thành lập từ ngày 01/07/2025, trên cơ sở:"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/units/04387?on="),
        "names Châu Quế Hạ"
    );
    // Yên Bái of 2022 became part of the new Lào Cai in 2025 and says so;
    // Lào Cai's new communes are untouched since: no banner on 2026-01-01.
    let html = get("/units/15?on=2022-06-30".into()).await;
    assert!(html.contains("Từ ngày 01/07/2025"), "{html}");
    let (_, none) = app
        .get_json(&format!(
            "/api/v1/units/{successor}/successions?on=2026-01-01"
        ))
        .await;
    assert_eq!(none["successors"], serde_json::json!([]), "{none}");
    let html = get(format!("/units/{successor}?on=2026-01-01")).await;
    assert_eq!(
        html.matches("class=\"notice reorganisation\"").count(),
        1,
        "only what it was formed from"
    );
}

/// A district grant after the districts ended (2025-07-01): it reaches the
/// district's past, not the communes its communes became (they went to the
/// province; the district has no full successor). docs/SECURITY.md.
#[tokio::test]
async fn a_district_grant_reaches_the_district_s_past_only() {
    let app = TestApp::spawn().await;
    let (_, links) = app
        .get_json("/api/v1/units/04387/successions?on=2022-06-30")
        .await;
    let successor = links["successors"][0]["code"].as_str().unwrap().to_owned();
    let huyen = app.token("huyen").await;
    let (s, _) = app
        .get_as(&huyen, "/api/v1/audit?unit=04387&on=2025-06-30")
        .await;
    assert_eq!(s, reqwest::StatusCode::OK, "before: the district's commune");
    let (s, _) = app
        .get_as(
            &huyen,
            &format!("/api/v1/audit?unit={successor}&on=2025-07-01"),
        )
        .await;
    assert_eq!(
        s,
        reqwest::StatusCode::FORBIDDEN,
        "after: not the new commune"
    );
}
