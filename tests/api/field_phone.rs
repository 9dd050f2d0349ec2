//! The field list on a phone (issue 17): pages of 25 households, the "not
//! yet helped" filter, the walk to the next household, tap-to-call only for
//! roles that see personal data, and help dated inside the 31-day window,
//! back on the same row after a tap. Checked against the API's own data.

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;

const KIND: &str = "vneid";

/// The village's households as the API lists them on a day (by code).
async fn api_list(app: &TestApp, token: &str, kb: &str, on: Option<NaiveDate>) -> Vec<Value> {
    let path = match on {
        Some(d) => format!("/api/v1/units/{kb}/households?on={d}"),
        None => format!("/api/v1/units/{kb}/households"),
    };
    let (s, v) = app.get_as(token, &path).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["items"].as_array().unwrap().clone()
}

fn has(h: &Value, kind: &str) -> bool {
    h["adoptions"].as_array().unwrap().iter().any(|k| k == kind)
}

fn id_of(h: &Value) -> i64 {
    h["id"].as_i64().unwrap()
}

async fn html(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let r = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.text().await.unwrap()
}

/// The households listed on a page, by their row anchors, in order.
fn row_ids(html: &str) -> Vec<i64> {
    html.split("<li id=\"h-")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect()
}

/// The `href` of the first link with the class.
fn link(html: &str, class: &str) -> Option<String> {
    let marker = format!("class=\"{class}\" href=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..].split('"').next()?.replace("&amp;", "&"))
}

/// A server, Khe Bành today, and `todan` with an API token and a signed-in
/// page client (and its form token).
struct Field {
    app: TestApp,
    kb: String,
    token: String,
    /// The village's households as the API lists them today.
    all: Vec<Value>,
    client: reqwest::Client,
    csrf: String,
}

async fn todan() -> Field {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let token = app.token("todan").await;
    let all = api_list(&app, &token, &kb, None).await;
    let (client, csrf) = app.login("todan").await;
    Field {
        app,
        kb,
        token,
        all,
        client,
        csrf,
    }
}

#[tokio::test]
async fn field_list_pages_of_25_and_not_yet_helped_filter() {
    let Field {
        app,
        kb,
        all,
        client,
        ..
    } = todan().await;
    assert!(all.len() > 50, "Khe Bành has {} households", all.len());

    let page = html(&client, &app, &format!("/units/{kb}/households")).await;
    assert_eq!(row_ids(&page).len(), 25);
    assert!(page.contains(&format!("1–25 / {} hộ", all.len())), "range");
    let second = link(&page, "pager-link").expect("a next page link");
    assert_eq!(second, format!("/units/{kb}/households?page=2"));
    let page2 = html(&client, &app, &second).await;
    let expected: Vec<i64> = all[25..50].iter().map(id_of).collect();
    assert_eq!(row_ids(&page2), expected, "page 2 holds the 26th to 50th");
    assert!(page2.contains(&format!("26–50 / {} hộ", all.len())));
    assert!(
        page2.contains(&format!("href=\"/units/{kb}/households\" rel=\"prev\"")),
        "page 2 links back to page 1"
    );

    // Not yet helped with VNeID: exactly the households the API lists without it.
    let lacking: Vec<i64> = all.iter().filter(|h| !has(h, KIND)).map(id_of).collect();
    assert!(
        !lacking.is_empty() && lacking.len() < all.len(),
        "some have VNeID, some not"
    );
    let mut seen = Vec::new();
    for p in 1..=lacking.len().div_ceil(25) {
        let page = html(
            &client,
            &app,
            &format!("/units/{kb}/households?lacking={KIND}&page={p}"),
        )
        .await;
        let rows = row_ids(&page);
        assert!(rows.len() <= 25);
        seen.extend(rows);
    }
    assert_eq!(
        seen, lacking,
        "the filter lists those lacking the kind, in order"
    );
    let filtered = html(
        &client,
        &app,
        &format!("/units/{kb}/households?lacking={KIND}"),
    )
    .await;
    let shown = lacking.len().min(25);
    assert!(filtered.contains(&format!("1–{shown} / {} hộ", lacking.len())));
    // Links to a household carry the filter.
    assert!(filtered.contains(&format!(
        "href=\"/households/{}?lacking={KIND}\"",
        lacking[0]
    )));
}

#[tokio::test]
async fn field_next_household_lacks_the_kind() {
    let Field {
        app, all, client, ..
    } = todan().await;
    // From the first household (with or without the kind), the next one
    // in list order that lacks it.
    for start in [
        all.iter().position(|h| has(h, KIND)).unwrap(),
        all.iter().position(|h| !has(h, KIND)).unwrap(),
    ] {
        let id = id_of(&all[start]);
        let page = html(&client, &app, &format!("/households/{id}?lacking={KIND}")).await;
        let want = all[start + 1..].iter().find(|h| !has(h, KIND)).unwrap();
        assert_eq!(
            link(&page, "next-household"),
            Some(format!("/households/{}?lacking={KIND}", id_of(want)))
        );
        // Back to the list, at the household's row.
        let back = link(&page, "back-to-list").unwrap();
        assert!(back.ends_with(&format!("#h-{id}")), "{back}");
        assert!(back.contains(&format!("lacking={KIND}")), "{back}");
    }
    // The last one lacking the kind has no next.
    let last = all.iter().rev().find(|h| !has(h, KIND)).unwrap();
    let page = html(
        &client,
        &app,
        &format!("/households/{}?lacking={KIND}", id_of(last)),
    )
    .await;
    assert_eq!(link(&page, "next-household"), None);
    assert!(page.contains("hộ cuối cùng"));
}

#[tokio::test]
async fn field_tel_links_only_for_roles_that_see_personal_data() {
    let Field {
        app,
        kb,
        all,
        client: todan,
        ..
    } = todan().await;
    let with_phone = all[..25]
        .iter()
        .find(|h| h["phone"].is_string())
        .expect("a household with a phone on page 1");
    let phone = with_phone["phone"].as_str().unwrap();
    let id = id_of(with_phone);

    let list = html(&todan, &app, &format!("/units/{kb}/households")).await;
    assert!(
        list.contains(&format!("href=\"tel:{phone}\"")),
        "tel: {phone}"
    );
    let one = html(&todan, &app, &format!("/households/{id}")).await;
    assert!(one.contains(&format!("href=\"tel:{phone}\"")));

    // A province officer reads the village masked: no number, no tel: link.
    let (officer, _) = app.login("tinh").await;
    let list = html(&officer, &app, &format!("/units/{kb}/households")).await;
    assert!(!row_ids(&list).is_empty(), "the officer reads the list");
    assert!(!list.contains("tel:"), "no tel: link for a masked role");
    assert!(!list.contains(phone));
    let one = html(&officer, &app, &format!("/households/{id}")).await;
    assert!(!one.contains("tel:"));
    assert!(!one.contains(phone));
}

/// Post the help form as the page does; the redirect's target.
async fn help(
    client: &reqwest::Client,
    app: &TestApp,
    csrf: &str,
    id: i64,
    fields: &[(&str, &str)],
) -> String {
    let mut form = vec![("_csrf", csrf)];
    form.extend_from_slice(fields);
    let r = client
        .post(app.url(&format!("/households/{id}/help")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    r.headers()["location"].to_str().unwrap().to_owned()
}

fn vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[tokio::test]
async fn field_help_is_dated_within_31_days() {
    let f = todan().await;
    let (app, kb, token, all) = (&f.app, &f.kb, &f.token, &f.all);
    let (client, csrf) = (&f.client, &f.csrf);
    let lacking: Vec<i64> = all.iter().filter(|h| !has(h, KIND)).map(id_of).collect();
    let id = lacking[0];
    let today = app.ctx.today();
    let audit = app.audit().await.len();

    // Tomorrow, 32 days back and a day that is no day: refused, naming the field.
    let back = format!("/households/{id}?lacking={KIND}&day=");
    for (day, says) in [
        (vi(today + Days::new(1)), "trong tương lai"),
        (vi(today - Days::new(32)), "quá 31 ngày"),
        ("31/02/2026".to_owned(), "cần ngày dạng dd/mm/yyyy"),
    ] {
        let to = help(
            client,
            app,
            csrf,
            id,
            &[("kind", KIND), ("day", &day), ("lacking", KIND)],
        )
        .await;
        assert!(to.starts_with(&back), "back to the household: {to}");
        let page = html(client, app, &to).await;
        assert!(page.contains("Ngày giúp: "), "{day}: names the field");
        assert!(page.contains(says), "{day}: {says}");
    }
    assert_eq!(app.audit().await.len(), audit, "nothing written");
    let now = api_list(app, token, kb, None).await;
    assert!(!has(now.iter().find(|h| id_of(h) == id).unwrap(), KIND));

    // Ten days back, typed as people in Vietnam write it, tapped on page 1
    // of the filtered list: recorded on that day, and back to the same row.
    let ten = today - Days::new(10);
    let to = help(
        client,
        app,
        csrf,
        id,
        &[
            ("kind", KIND),
            ("day", &vi(ten)),
            ("from", "list"),
            ("lacking", KIND),
        ],
    )
    .await;
    assert_eq!(
        to,
        format!(
            "/units/{kb}/households?lacking={KIND}&day={}&keep={id}#h-{id}",
            vi(ten).replace('/', "%2F")
        )
    );
    let page = html(client, app, to.split('#').next().unwrap()).await;
    assert!(
        row_ids(&page).contains(&id),
        "the row helped stays in place"
    );
    let on = |d: NaiveDate| async move {
        let list = api_list(app, token, kb, Some(d)).await;
        has(list.iter().find(|h| id_of(h) == id).unwrap(), KIND)
    };
    assert!(on(ten).await, "has VNeID from the day of help");
    assert!(!on(ten - Days::new(1)).await, "not the day before");
    assert_eq!(app.audit().await.len(), audit + 1);

    // The API keeps its contract: any day since registration, e.g. for an
    // officer entering a paper book.
    let old = lacking[1];
    let day = today - Days::new(100);
    let (s, v) = app
        .send_as(
            token,
            reqwest::Method::POST,
            &format!("/api/v1/households/{old}/adoptions"),
            &json!({"kind": KIND, "date": day}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["date"], day.to_string());
}
