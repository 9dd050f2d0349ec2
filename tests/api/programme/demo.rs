//! The demo's registrations and DTI ranks, as the articles give them.

use super::*;
use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn the_demo_has_the_articles_registrations_and_dti_ranks() {
    let app = TestApp::spawn().await;
    let (s, h) = app
        .get_json(&format!("/api/v1/units/15/headline?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{h}");
    assert_eq!(figure(&h, "registrations.total")["value"], 72.0);
    assert_eq!(figure(&h, "registrations.cds")["value"], 69.0);
    assert_eq!(figure(&h, "registrations.cds_advanced")["value"], 3.0);
    assert_eq!(figure(&h, "registrations.pct")["value"], 41.6);
    assert_eq!(figure(&h, "registrations.pct")["denominator"], 173.0);
    assert_eq!(figure(&h, "dti.rank")["value"], 15.0);
    assert_eq!(figure(&h, "dti.rank")["denominator"], 63.0);
    // Earlier: the 2021 rank, and no 2022 registrations yet.
    let (_, early) = app
        .get_json("/api/v1/units/15/headline?on=2021-12-31")
        .await;
    assert_eq!(figure(&early, "dti.rank")["value"], 27.0);
    assert_eq!(figure(&early, "registrations.total")["value"], 0.0);
    // The board holds the same 72, each at a stage of the workflow.
    let (_, b) = app
        .get_json(&format!(
            "/api/v1/units/15/registrations?year=2022&on={DAY}"
        ))
        .await;
    assert_eq!(b["cards"].as_array().unwrap().len(), 72);
    let by = &b["by_status"];
    for s in [
        "registered",
        "submitted",
        "verified",
        "recognised",
        "returned",
    ] {
        assert!(by[s].as_u64().unwrap() > 0, "{s}: {by}");
    }
    // A district's share: its communes only.
    let (_, d) = app
        .get_json(&format!("/api/v1/units/136/headline?on={DAY}"))
        .await;
    let n = figure(&d, "registrations.total")["value"].as_f64().unwrap();
    assert!(
        n < 72.0
            && figure(&d, "registrations.pct")["denominator"]
                == figure(&d, "units.communes")["value"],
        "{d}"
    );
    // The index: the computed score by pillar beside the official ranks.
    let (_, ix) = app
        .get_json(&format!("/api/v1/units/15/index?year=2022&on={DAY}"))
        .await;
    assert_eq!(ix["computed"]["max_points"], 1000.0);
    let pillars = ix["computed"]["groups"].as_array().unwrap();
    assert_eq!(pillars.len(), 8);
    let max: f64 = pillars
        .iter()
        .map(|p| p["max_points"].as_f64().unwrap())
        .sum();
    assert_eq!(max, 1000.0);
    assert_eq!(ix["results"].as_array().unwrap().len(), 2);
    assert_eq!(ix["targets"][0]["rank"], 30);
    assert_eq!(ix["targets"][0]["met"], true);
    // The tables download as CSV and XLSX.
    let r = app
        .get(&format!(
            "/units/04387/recognition?year=2022&on={DAY}&format=csv"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(csv.contains("m01,mandatory,\"Xã và 100% thôn"), "{csv}");
    assert!(csv.contains("teams.coverage_pct,100,100,10,10,Có"), "{csv}");
    // Headers for people, in the page's language.
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("Mã tiêu chí,Nhóm,Tiêu chí,"),
        "{csv}"
    );
    let r = app
        .get(&format!(
            "/units/15/registrations?year=2022&on={DAY}&format=xlsx"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(&r.bytes().await.unwrap()[..2], b"PK");
}
