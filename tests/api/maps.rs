//! Maps: a headline figure of a unit's children shaded on boundaries drawn
//! on the server (issue 17).

use crate::helpers::TestApp;

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.expect("request");
    (r.status().as_u16(), r.text().await.expect("html"))
}

/// The `class` and `<title>` of each drawn area, by its code.
fn areas(html: &str) -> Vec<(String, String, String)> {
    html.split("<path class=\"")
        .skip(1)
        .map(|rest| {
            let class = rest.split('"').next().unwrap().to_owned();
            let code = rest
                .split("data-code=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("")
                .to_owned();
            let title = rest
                .split("<title>")
                .nth(1)
                .and_then(|s| s.split("</title>").next())
                .unwrap_or("")
                .to_owned();
            (code, class, title)
        })
        .collect()
}

#[tokio::test]
async fn lao_cai_on_2025_07_01_shades_its_99_communes() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("tinh").await;
    let (status, html) = page(
        &client,
        &app,
        "/units/15/map?on=2025-07-01&key=households.zalo_group_pct",
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let drawn = areas(&html);
    assert_eq!(drawn.len(), 99, "one area per commune");
    let mut codes: Vec<&str> = drawn.iter().map(|(c, _, _)| c.as_str()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 99, "each commune once");
    for (code, class, title) in &drawn {
        assert!(
            ["q0", "q1", "q2", "q3", "q4", "none"].contains(&class.as_str()),
            "{code}: {class}"
        );
        assert!(
            title.contains(": "),
            "{code} names itself and its value: {title}"
        );
    }
    // The fixture has households only in the former Văn Yên district:
    // those communes are shaded, the former Lào Cai ones have no data.
    let shaded = drawn.iter().filter(|(_, c, _)| c != "none").count();
    assert!(shaded > 0 && shaded < 99, "{shaded} shaded");
    assert!(
        drawn
            .iter()
            .any(|(_, c, t)| c == "none" && t.ends_with("chưa có số liệu")),
        "communes without households say so"
    );
    assert!(
        !html.contains(" style="),
        "no inline style: the CSP would drop it"
    );
    assert!(html.contains("class=\"legend\""));
}

#[tokio::test]
async fn before_the_2025_boundaries_the_map_says_so_and_keeps_the_table() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("tinh").await;
    let (status, html) = page(&client, &app, "/units/15/map?on=2022-06-30").await;
    assert_eq!(status, 200, "{html}");
    assert!(areas(&html).is_empty());
    assert!(
        html.contains("Chưa có ranh giới hành chính cho ngày này"),
        "{html}"
    );
    // Yên Bái's nine districts, as a table.
    assert_eq!(
        html.matches("<tr><td><a href=\"/units/").count(),
        9,
        "{html}"
    );
}

#[tokio::test]
async fn the_country_map_draws_34_provinces() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("admin").await;
    let (status, html) = page(&client, &app, "/map?on=2025-07-01").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(areas(&html).len(), 34);
}
