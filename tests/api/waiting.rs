//! "Việc đang chờ" on an officer's unit page: each count equals what the
//! records give, read independently through the API; the public and viewers
//! see no such section.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::TestApp;

/// The count the page shows for an item, by its key.
fn count_of(html: &str, key: &str) -> usize {
    let at = html
        .find(&format!("data-key=\"{key}\""))
        .unwrap_or_else(|| panic!("{key} is listed"));
    let rest = &html[at..];
    let start = rest.find("class=\"count\">").expect("a count") + "class=\"count\">".len();
    let digits: String = rest[start..]
        .chars()
        .take_while(|c| *c != '<')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().expect("a number")
}

/// How many of the items under `list` in the API's answer at `path` have
/// `field` equal to `value`.
async fn count_where(app: &TestApp, path: &str, list: &str, field: &str, value: &str) -> usize {
    let (s, b) = app.get_json(path).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b[list]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c[field] == value)
        .count()
}

/// Registrations on the API's board that wait on `party`.
async fn waiting_on(app: &TestApp, code: &str, day: &str, party: &str) -> usize {
    let path = format!("/api/v1/units/{code}/registrations?on={day}");
    count_where(app, &path, "cards", "waiting_on", party).await
}

/// Goals of the unit the API says are overdue.
async fn overdue(app: &TestApp, code: &str, day: &str) -> usize {
    let path = format!("/api/v1/units/{code}/goals?on={day}");
    count_where(app, &path, "goals", "state", "overdue").await
}

#[tokio::test]
async fn officers_see_what_waits_for_them_counted_from_the_records() {
    let app = TestApp::spawn().await;
    let day = "2022-06-30";

    // The province recognises what the districts verified; the district
    // verifies what the communes sent.
    let (tinh, _) = app.login("tinh").await;
    let html = app.html(&tinh, &format!("/units/15?on={day}")).await;
    assert!(html.contains("Việc đang chờ"), "the section is there");
    let expected = waiting_on(&app, "15", day, "province").await;
    assert_eq!(count_of(&html, "registrations"), expected);
    assert_eq!(
        count_of(&html, "goals_overdue"),
        overdue(&app, "15", day).await
    );
    assert!(html.contains(&format!("href=\"/units/15/registrations?on={day}\"")));
    assert!(html.contains(&format!("href=\"/units/15/goals?on={day}\"")));

    let (huyen, _) = app.login("huyen").await;
    let html = app.html(&huyen, &format!("/units/136?on={day}")).await;
    let expected = waiting_on(&app, "136", day, "verifier").await;
    assert!(expected > 0, "the demo leaves self-assessments to verify");
    assert_eq!(count_of(&html, "registrations"), expected);

    // Figures missing this month: every unit below the commune lacking one
    // of the metrics entered at its level, none entered yet this month.
    let (_, metrics) = app.get_json("/api/v1/metrics").await;
    let at_level = |level: &str| -> Vec<String> {
        metrics["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["entry_level"] == level)
            .map(|m| m["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let village_metrics = at_level("village");
    assert!(!village_metrics.is_empty());
    let (_, kids) = app.get_json("/api/v1/units/04387/children").await;
    let villages: Vec<String> = kids["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["level"] == "village")
        .map(|k| k["code"].as_str().unwrap().to_owned())
        .collect();
    let commune = usize::from(!at_level("commune").is_empty());
    let (xa, _) = app.login("xa").await;
    let html = app.html(&xa, "/units/04387").await;
    assert_eq!(count_of(&html, "values_missing"), villages.len() + commune);
    assert!(
        villages.len() + commune > 0,
        "the demo commune's officer has work"
    );

    // Entering all of one village's figures for the month takes it off.
    let period = app.ctx.today().format("%Y-%m").to_string();
    let admin = app.token("admin").await;
    for m in &village_metrics {
        let (s, v) = app
            .send_as(
                &admin,
                Method::POST,
                "/api/v1/values",
                &json!({"metric": m, "unit": villages[0], "period": period, "value": 1}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let html = app.html(&xa, "/units/04387").await;
    assert_eq!(
        count_of(&html, "values_missing"),
        villages.len() + commune - 1
    );
    let first_missing = format!("/units/{}/values?period={period}", villages[1]);
    assert!(html.contains(&first_missing), "a link to where it is done");
}

#[tokio::test]
async fn the_public_and_viewers_see_no_waiting_work() {
    let app = TestApp::spawn().await;
    let public = app
        .get("/units/15?on=2022-06-30")
        .await
        .text()
        .await
        .unwrap();
    let (xem, _) = app.login("xem").await;
    let viewer = app.html(&xem, "/units/15?on=2022-06-30").await;
    for html in [public, viewer] {
        assert!(html.contains("Yên Bái"));
        assert!(!html.contains("Việc đang chờ"));
        assert!(!html.contains("class=\"waiting\""));
    }
}
