//! A unit's figures as open data: anyone, signed in or not, downloads the
//! unit and the units below it as CSV, Excel or JSON, each carrying where
//! the figures come from and their licence, and nothing personal.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

const DAY: &str = "2022-06-30";

#[tokio::test]
async fn the_public_downloads_a_units_figures_with_source_and_licence() {
    let app = TestApp::spawn().await;
    // JSON, signed out: the unit first, then its children, each figure the
    // API's own rounded as the page shows it.
    let r = app
        .get(&format!("/units/15/export?format=json&on={DAY}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let open: Value = r.json().await.unwrap();
    assert!(
        open["source"]
            .as_str()
            .unwrap()
            .starts_with("Nguồn: Tỉnh số")
    );
    assert!(open["source"].as_str().unwrap().contains("30/06/2022"));
    assert!(open["licence"].as_str().unwrap().contains("CC BY 4.0"));
    let (_, headline) = app
        .get_json(&format!("/api/v1/units/15/headline?on={DAY}"))
        .await;
    let (_, children) = app
        .get_json(&format!("/api/v1/units/15/children?on={DAY}"))
        .await;
    let rows = open["rows"].as_array().unwrap();
    assert_eq!(rows[0]["code"], "15");
    assert_eq!(
        rows.len(),
        1 + children
            .as_array()
            .map_or_else(|| children["items"].as_array().unwrap().len(), Vec::len)
    );
    for key in [
        "households.total",
        "households.zalo_group_pct",
        "teams.members",
    ] {
        let api = headline["figures"][key]["value"].as_f64().unwrap();
        let got = rows[0]["figures"][key].as_f64().unwrap();
        assert!(
            (got - (api * 10.0).round() / 10.0).abs() < 1e-9,
            "{key}: {got} vs {api}"
        );
    }
    let names: Vec<&str> = open["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Số hộ"), "{names:?}");

    // CSV: the header first, the licence last; in English on asking.
    let csv = app
        .get(&format!("/units/15/export?format=csv&on={DAY}"))
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("Mã đơn vị,Tên đơn vị,"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("15,Tỉnh Yên Bái,"), "{}", lines[1]);
    let note = |i: usize| lines[lines.len() - i].trim_start_matches('"');
    assert!(note(2).starts_with("Nguồn: Tỉnh số"), "{}", note(2));
    assert!(note(1).starts_with("Giấy phép: CC BY 4.0"), "{}", note(1));
    let en = app
        .client()
        .get(app.url(&format!("/units/15/export?format=csv&on={DAY}")))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let last = en
        .trim_end()
        .lines()
        .last()
        .unwrap()
        .trim_start_matches('"');
    assert!(last.starts_with("Licence: CC BY 4.0"), "{last}");
    let xlsx = app
        .get(&format!("/units/15/export?format=xlsx&on={DAY}"))
        .await;
    assert_eq!(&xlsx.bytes().await.unwrap()[..2], b"PK");

    // A village: its own figures, no household's name or phone.
    let (_, hits) = app
        .get_json(&format!("/api/v1/units/search?q=khe%20banh&on={DAY}"))
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let admin = app.token("admin").await;
    let (_, households) = app
        .get_as(&admin, &format!("/api/v1/units/{kb}/households?on={DAY}"))
        .await;
    let csv = app
        .get(&format!("/units/{kb}/export?format=csv&on={DAY}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Thôn Khe Bành"));
    for h in households["items"].as_array().unwrap() {
        for field in ["head_name", "phone"] {
            if let Some(v) = h[field].as_str().filter(|v| v.len() > 3) {
                assert!(!csv.contains(v), "{field} {v} in the open data");
            }
        }
    }

    // A format it does not make is named, in words.
    let r = app
        .get(&format!("/units/15/export?format=pdf&on={DAY}"))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("phải là csv, xlsx hoặc json"), "{html}");
}
