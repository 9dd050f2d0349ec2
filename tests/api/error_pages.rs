//! Error pages keep the signed-in person's menu and sign-out button
//! (issue 17: they dropped both, leaving a dead end).

use crate::helpers::TestApp;

#[tokio::test]
async fn error_pages_keep_the_menu_of_whoever_is_signed_in() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("xa").await;
    for (path, status) in [
        // Nothing there.
        ("/no-such-page", 404),
        // Another province's households: outside xa's area.
        ("/units/01/households?on=2022-06-30", 403),
    ] {
        let r = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{path}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("action=\"/logout\""),
            "{path}: sign-out button\n{html}"
        );
        assert!(html.contains("href=\"/account\""), "{path}: the menu");
    }
    // Signed out, the same page offers to sign in instead.
    let r = app.get("/no-such-page").await;
    assert_eq!(r.status().as_u16(), 404);
    let html = r.text().await.unwrap();
    assert!(!html.contains("action=\"/logout\""));
    assert!(html.contains("href=\"/login"), "{html}");
}
