//! Figures, days and times on the pages read as people there write them:
//! `211.979`, `61,8%`, `30/06/2022` in Vietnamese; `211,979`, `61.8%`,
//! `2022-06-30` in English; one figure reads the same wherever it is shown;
//! a day typed as dd/mm/yyyy is understood. (The test data is smaller than
//! the full demo, where the same cards read `211.979` and `61,8%`.)

use crate::helpers::TestApp;
use reqwest::StatusCode;

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The text of a headline card's value.
fn card(html: &str, key: &str) -> String {
    let at = html
        .find(&format!("data-key=\"{key}\""))
        .unwrap_or_else(|| panic!("no card {key}"));
    let rest = &html[at..];
    let v = rest.find("<strong class=\"value\">").unwrap() + "<strong class=\"value\">".len();
    rest[v..v + rest[v..].find('<').unwrap()].trim().to_owned()
}

/// The first child row with a Zalo figure: its code and that cell's text.
fn first_child(html: &str) -> (String, String) {
    let table = &html[html
        .find("<table class=\"children\">")
        .expect("children table")..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let link = row.find("href=\"/units/").unwrap() + "href=\"/units/".len();
            let code = row[link..link + row[link..].find('?').unwrap()].to_owned();
            let cell = &row[row.find("class=\"num zalo\"").unwrap()..];
            let cell = &cell[..cell.find("</td>").unwrap()];
            (code, cell[cell.rfind('>').unwrap() + 1..].trim().to_owned())
        })
        .find(|(_, text)| text.ends_with('%'))
        .expect("a child with a Zalo figure")
}

#[tokio::test]
async fn the_province_page_reads_in_vietnamese_formats_and_one_figure_reads_the_same() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("tinh").await;
    let (status, html) = page(&client, &app, "/units/15?on=2022-06-30").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(card(&html, "households.zalo_group_pct"), "62,3%");
    assert_eq!(card(&html, "households.total"), "3.144");
    assert_eq!(card(&html, "teams.members"), "10.851");
    assert_eq!(card(&html, "teams.coverage_pct"), "100%");
    assert!(
        !html.contains("62.3%"),
        "no English decimal point on a Vietnamese page"
    );
    assert!(
        html.contains("30/06/2022") && !html.contains(">2022-06-30<"),
        "days as dd/mm/yyyy"
    );
    // A child's figure in the list reads as on that child's own card.
    let (child, in_list) = first_child(&html);
    assert!(in_list.ends_with('%') && in_list.contains(','), "{in_list}");
    let (_, child_html) = page(&client, &app, &format!("/units/{child}?on=2022-06-30")).await;
    assert_eq!(card(&child_html, "households.zalo_group_pct"), in_list);
    // The day as people type it.
    let (status, typed) = page(&client, &app, "/units/15?on=30/06/2022").await;
    assert_eq!(status, StatusCode::OK, "{typed}");
    assert_eq!(card(&typed, "households.zalo_group_pct"), "62,3%");
    assert_eq!(card(&typed, "households.total"), "3.144");
    let (status, _) = page(&client, &app, "/units/15?on=31/06/2022").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn in_english_the_english_forms_appear() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("tinh").await;
    // The page language follows the language switch (its cookie).
    let r = client
        .get(app.url("/lang?set=en&back=%2Funits"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection() || r.status().is_success());
    let (status, html) = page(&client, &app, "/units/15?on=30/06/2022").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("lang=\"en\""), "an English page");
    assert_eq!(card(&html, "households.zalo_group_pct"), "62.3%");
    assert_eq!(card(&html, "households.total"), "3,144");
    assert_eq!(card(&html, "teams.members"), "10,851");
    assert!(html.contains("2022-06-30"));
    let (child, in_list) = first_child(&html);
    let (_, child_html) = page(&client, &app, &format!("/units/{child}?on=2022-06-30")).await;
    assert_eq!(card(&child_html, "households.zalo_group_pct"), in_list);
}

#[tokio::test]
async fn exports_for_people_have_vietnamese_headers() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("xa").await;
    let (status, csv) = page(
        &client,
        &app,
        "/units/04387/export?format=csv&on=30/06/2022",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.starts_with("Mã đơn vị,Tên đơn vị,"), "{header}");
    assert!(
        header.contains("Số hộ") && !header.contains("households."),
        "{header}"
    );
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let (_, csv) = page(
        &client,
        &app,
        &format!("/units/{kb}/households/export?format=csv&on=2022-06-30"),
    )
    .await;
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Mã hộ,Chủ hộ,Điện thoại"), "{header}");
    assert!(header.contains("Vào nhóm Zalo thôn"), "{header}");
    assert!(!header.contains("head_name") && !header.contains("zalo_group"));
    let row = lines.next().unwrap();
    assert!(row.contains("Có") || row.contains("Không"), "{row}");
}
