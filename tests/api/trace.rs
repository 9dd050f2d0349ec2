//! The trace of a figure: public like the dashboard, with the figure named
//! in words; the records behind a village's figure only for those whose
//! grants cover the village.

use crate::helpers::TestApp;
use reqwest::StatusCode;

const ZALO: &str = "key=households.zalo_group_pct&on=2022-06-30";

#[tokio::test]
async fn the_public_reads_a_figure_named_in_words() {
    let app = TestApp::spawn().await;
    let r = app.get(&format!("/units/15/trace?{ZALO}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("lang=\"vi\""), "{html}");
    assert!(
        html.contains("<h1>Tỷ lệ hộ vào nhóm Zalo thôn</h1>")
            && html.contains(
                "Tỷ lệ hộ vào nhóm Zalo thôn = 100 × số hộ được ghi nhận “Vào nhóm Zalo thôn”"
            ),
        "{html}"
    );
    assert!(
        !html.contains("households.zalo_group_pct</"),
        "no key shown"
    );
    // The parts of the province: its districts, each a link to its trace.
    assert!(html.contains("/units/136/trace?key=households.zalo_group_pct"));
    // The API names it in the language asked for.
    let (s, v) = app
        .get_json(&format!("/api/v1/units/15/trace?{ZALO}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["explanation"].as_str().unwrap().contains(" ÷ "), "{v}");
    assert!(v["records"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn indicators_models_goals_and_criteria_name_their_figures() {
    let app = TestApp::spawn().await;
    let html = app
        .get("/units/15?on=2022-06-30")
        .await
        .text()
        .await
        .unwrap();
    // Indicator formulas as sentences, no codes.
    assert!(html.contains("÷ số hộ đã đăng ký"), "{html}");
    assert!(
        !html.contains("adopt_") && !html.contains("<code>"),
        "{html}"
    );
    for page in [
        "/units/15/models?on=2022-06-30",
        "/units/15/goals?on=2022-06-30",
    ] {
        let r = app.get(page).await;
        assert_eq!(r.status(), StatusCode::OK, "{page}");
        let html = r.text().await.unwrap();
        assert!(!html.contains("<code>"), "{page}: {html}");
    }
}

#[tokio::test]
async fn a_villages_records_only_for_those_who_work_there() {
    let app = TestApp::spawn().await;
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let (_, hh) = app
        .get_as(
            &app.token("todan").await,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
        )
        .await;
    let head = hh["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["adoptions"].to_string().contains("zalo_group"))
        .find_map(|h| h["head_name"].as_str())
        .unwrap_or_else(|| panic!("a named household in the Zalo group: {hh}"))
        .to_owned();
    let path = format!("/units/{kb}/trace?{ZALO}");

    let r = app.get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let public = r.text().await.unwrap();
    assert!(public.contains("Tỷ lệ hộ vào nhóm Zalo thôn"));
    assert!(
        !public.contains(&head),
        "no household head's name signed out"
    );
    assert!(!public.contains("/households/"), "no household listed");
    assert!(public.contains("records-hidden"));

    let (todan, _) = app.login("todan").await;
    let own = app.html(&todan, &path).await;
    assert!(
        own.contains(&head),
        "the village's team member sees the names"
    );
    assert!(!own.contains("records-hidden"));
    // The team's members, their roles and where they come from in words.
    let team = app
        .html(
            &todan,
            &format!("/units/{kb}/trace?key=teams.members&on=2022-06-30"),
        )
        .await;
    assert!(
        team.contains("Tổ viên · ") || team.contains("Tổ trưởng · "),
        "{team}"
    );
    assert!(
        !team.contains("member · ") && !team.contains("_union"),
        "{team}"
    );

    // The same team member on another village: the figure, no records.
    let (_, unit) = app
        .get_json(&format!("/api/v1/units/{kb}?on=2022-06-30"))
        .await;
    let commune = unit["parent_code"]
        .as_str()
        .unwrap_or_else(|| panic!("{unit}"))
        .to_owned();
    let (_, kids) = app
        .get_json(&format!("/api/v1/units/{commune}/children?on=2022-06-30"))
        .await;
    let other = kids["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["code"].as_str().unwrap())
        .find(|c| *c != kb)
        .unwrap()
        .to_owned();
    let elsewhere = app
        .html(&todan, &format!("/units/{other}/trace?{ZALO}"))
        .await;
    assert!(
        elsewhere.contains("Tỷ lệ hộ vào nhóm Zalo thôn"),
        "{elsewhere}"
    );
    assert!(elsewhere.contains("records-hidden") && !elsewhere.contains("/households/"));
}
