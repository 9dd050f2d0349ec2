//! Each person's own work ("Việc của tôi"): where signing in lands, the
//! public view of the dashboards, and changing one's own password.

use reqwest::StatusCode;

use crate::helpers::{TestApp, csrf_of};

/// The value of a hidden field of the page's form, if there is one.
fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    html[start..].split('"').next().map(str::to_owned)
}

/// Sign in through the form as a browser does (whatever hidden fields the
/// form carries are sent back), following the redirects; returns the client
/// and the page landed on.
async fn land(app: &TestApp, username: &str) -> (reqwest::Client, String, String) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let form = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&form);
    let mut fields = vec![
        ("_csrf".to_owned(), csrf),
        ("username".to_owned(), username.to_owned()),
        ("password".to_owned(), tinhso::demo::PASSWORD.to_owned()),
    ];
    if let Some(next) = hidden(&form, "next") {
        fields.push(("next".to_owned(), next.replace("&amp;", "&")));
    }
    let r = client
        .post(app.url("/login"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{username} lands on a page");
    let url = r.url().clone();
    let here = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    (client, here, r.text().await.unwrap())
}

pub(crate) async fn khe_banh_today(app: &TestApp) -> String {
    let (_, hits) = app.get_json("/api/v1/units/search?q=khe%20banh").await;
    hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["level"] == "village")
        .expect("Khe Bành today")["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn each_role_lands_on_its_own_work() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;

    let (_, here, html) = land(&app, "todan").await;
    assert_eq!(here, format!("/units/{kb}/households"));
    assert!(html.contains("Khe Bành"), "the village's households");

    let (_, here, html) = land(&app, "bithu").await;
    assert!(here.starts_with("/party/orgs/"), "{here}");
    assert!(html.contains("Khe Bành"), "the cell of Khe Bành");

    let (_, here, _) = land(&app, "dangvien").await;
    assert_eq!(here, "/party");

    let (_, here, html) = land(&app, "xa").await;
    assert_eq!(here, "/units/04387");
    assert!(html.contains("Châu Quế"), "the commune's dashboard");

    let (_, here, _) = land(&app, "tinh").await;
    assert_eq!(here, "/units/15");
    let (_, here, _) = land(&app, "xem").await;
    assert_eq!(here, "/units/15");
    // Districts ended on 2025-06-30 with no full successor: the district
    // officer opens on the district as it last stood.
    let (_, here, html) = land(&app, "huyen").await;
    assert_eq!(here, "/units/136?on=2025-06-30");
    assert!(html.contains("Văn Yên"));
    let (client, here, html) = land(&app, "admin").await;
    assert_eq!(here, "/units");
    // The menu leads home; "/" is the same home.
    assert!(html.contains("href=\"/\""), "Việc của tôi in the menu");
    let r = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.url().path(), "/units");

    // A team member's menu reaches the field list; a party member's the
    // handbook; a commune officer's not the handbook.
    let (_, _, html) = land(&app, "todan").await;
    assert!(html.contains("href=\"/field\""));
    let (_, _, html) = land(&app, "dangvien").await;
    assert!(html.contains("href=\"/party\""));
    let (_, _, html) = land(&app, "xa").await;
    assert!(!html.contains("href=\"/party\""));
    assert!(!html.contains("href=\"/field\""));
}

#[tokio::test]
async fn a_sign_in_with_a_next_still_goes_there() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let form = client
        .get(app.url("/login?next=%2Funits%2F136%3Fon%3D2022-06-30"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let next = hidden(&form, "next").expect("the form carries next");
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf_of(&form).as_str()),
            ("username", "xa"),
            ("password", tinhso::demo::PASSWORD),
            ("next", &next.replace("&amp;", "&")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/units/136?on=2022-06-30");
}

#[tokio::test]
async fn the_public_sees_aggregates_and_nothing_personal() {
    let app = TestApp::spawn().await;
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let xa = app.token("xa").await;
    let (s, list) = app
        .get_as(&xa, &format!("/api/v1/units/{kb}/households?on=2022-06-30"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let first = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["head_name"].is_string() && h["phone"].is_string())
        .expect("a household with a head and a phone");
    let head = first["head_name"].as_str().unwrap().to_owned();
    let phone = first["phone"].as_str().unwrap().to_owned();
    let (s, headline) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::OK);
    let households = headline["figures"]["households.total"]["value"]
        .as_f64()
        .expect("a households figure") as i64;
    let grouped = {
        let s = households.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    };

    let r = app.get("/units/15?on=2022-06-30").await;
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "the province's dashboard is public"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("Yên Bái"));
    assert!(html.contains(&grouped), "the households figure {grouped}");
    for path in [
        "/units/15?on=2022-06-30".to_owned(),
        "/units?on=2022-06-30".to_owned(),
        "/units/136?on=2022-06-30".to_owned(),
        "/units/04387?on=2022-06-30".to_owned(),
        format!("/units/{kb}?on=2022-06-30"),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let html = r.text().await.unwrap();
        assert!(!html.contains(&head), "{path} names {head}");
        assert!(!html.contains(&phone), "{path} shows {phone}");
        assert!(html.contains("href=\"/login"), "{path} offers to sign in");
        assert!(
            !html.contains("/households?"),
            "{path} links to the households list"
        );
    }
    // Personal pages still need a sign-in.
    for path in [
        format!("/units/{kb}/households?on=2022-06-30"),
        format!("/units/{kb}/households/export?format=csv&on=2022-06-30"),
        "/account".to_owned(),
        "/field".to_owned(),
        "/party".to_owned(),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login"),
            "{path}"
        );
    }
    // Signed out, home is the public view.
    let r = app.get("/").await;
    assert_eq!(r.headers()["location"], "/units");
}

/// Post the password form; returns the status and the page (or location).
async fn change(
    app: &TestApp,
    client: &reqwest::Client,
    current: &str,
    new: &str,
    again: &str,
) -> (StatusCode, String) {
    let page = client
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("action=\"/account/password\""), "the form");
    let r = client
        .post(app.url("/account/password"))
        .form(&[
            ("_csrf", csrf_of(&page).as_str()),
            ("current_password", current),
            ("new_password", new),
            ("new_password_again", again),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body = match r.headers().get("location") {
        Some(l) => l.to_str().unwrap().to_owned(),
        None => r.text().await.unwrap(),
    };
    (status, body)
}

#[tokio::test]
async fn one_changes_ones_own_password() {
    let app = TestApp::spawn().await;
    let old = tinhso::demo::PASSWORD;
    let (client, _) = app.login("huyen").await;
    let (elsewhere, _) = app.login("huyen").await;
    let token = app.token("huyen").await;

    // Refused: the form comes back with the reason beside the field.
    let (s, html) = change(
        &app,
        &client,
        "sai-mat-khau",
        "mat-khau-moi-1",
        "mat-khau-moi-1",
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("action=\"/account/password\""),
        "the form is kept"
    );
    assert!(html.contains("Mật khẩu hiện tại không đúng"), "{html}");
    let (s, html) = change(&app, &client, old, "mat-khau-moi-1", "mat-khau-moi-2").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("không khớp"), "{html}");
    let (s, html) = change(&app, &client, old, "ngan", "ngan").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("8 đến 200 ký tự"), "{html}");
    // Nothing changed so far.
    let (_, r) = app.sign_in("huyen", old).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let (s, to) = change(&app, &client, old, "mat-khau-moi-1", "mat-khau-moi-1").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(to, "/account");
    // This session goes on; the others and the API tokens end.
    let r = client.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Đã đổi mật khẩu"));
    let r = elsewhere.get(app.url("/account")).send().await.unwrap();
    assert_ne!(r.status(), StatusCode::OK, "the other session ended");
    let (s, _) = app.get_as(&token, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the token was revoked");
    // The old password is refused, the new one accepted.
    let (_, r) = app.sign_in("huyen", old).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (_, r) = app.sign_in("huyen", "mat-khau-moi-1").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Audited, without the password.
    let entries = app.audit().await;
    let e = entries
        .iter()
        .find(|e| e.actor == "huyen" && e.action == "change_password")
        .expect("audited");
    let text = format!("{:?}{:?}", e.before, e.after);
    assert!(
        !text.contains("mat-khau") && !text.contains("argon2"),
        "{text}"
    );
}

#[tokio::test]
async fn the_password_form_checks_its_csrf_token() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("huyen").await;
    let r = client
        .post(app.url("/account/password"))
        .form(&[
            ("current_password", tinhso::demo::PASSWORD),
            ("new_password", "mat-khau-moi-1"),
            ("new_password_again", "mat-khau-moi-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, r) = app.sign_in("huyen", tinhso::demo::PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// A village's buttons to its households and its figures are for those who
/// record them (issue 17: "Nhập số liệu" opened an empty form to viewers).
#[tokio::test]
async fn only_those_who_record_see_a_villages_work_buttons() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    for (user, shown) in [
        ("todan", true),
        ("xa", true),
        ("xem", false),
        ("dangvien", false),
    ] {
        let (client, _) = app.login(user).await;
        let html = client
            .get(app.url(&format!("/units/{kb}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let values = format!("href=\"/units/{kb}/values?on=");
        assert_eq!(html.contains(&values), shown, "{user}: the figures button");
        let households = format!("href=\"/units/{kb}/households?on=");
        assert_eq!(
            html.contains(&households),
            shown,
            "{user}: the households button"
        );
    }
}
