//! Working the pages as a browser does: signing in through the login
//! form, reading a page, posting a form (with the page's CSRF token).

use reqwest::StatusCode;
use tinhso::demo;

use super::TestApp;

impl TestApp {
    /// Post the login form as a fresh client would (the form's CSRF token
    /// first); returns the client and the answer, whatever it is.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
    ) -> (reqwest::Client, reqwest::Response) {
        let client = self.client();
        let form = client
            .get(self.url("/login"))
            .send()
            .await
            .expect("login page")
            .text()
            .await
            .expect("html");
        let csrf = csrf_of(&form);
        let r = client
            .post(self.url("/login"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .expect("login");
        (client, r)
    }

    /// Sign in through the login form; returns a client holding the session
    /// cookie and the page's CSRF token.
    pub async fn login(&self, username: &str) -> (reqwest::Client, String) {
        let (client, r) = self.sign_in(username, demo::PASSWORD).await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "login of {username} should redirect"
        );
        let page = client
            .get(self.url("/units"))
            .send()
            .await
            .expect("units")
            .text()
            .await
            .expect("html");
        (client, csrf_of(&page))
    }

    /// The HTML of a page as `client` (signed in by `login`) sees it.
    pub async fn html(&self, client: &reqwest::Client, path: &str) -> String {
        let r = client.get(self.url(path)).send().await.expect("page");
        r.text().await.expect("html")
    }

    /// Post a page's form as `client` (signed in by `login`): the status
    /// and the page that came back (a refused form is shown again, 422).
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let r = client.post(self.url(path)).form(form).send().await;
        let r = r.expect("form posted");
        (r.status(), r.text().await.expect("html"))
    }
}

/// The CSRF token in a page's first form.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let start = html
        .find(marker)
        .map(|i| i + marker.len())
        .expect("a form with a CSRF token");
    html[start..].split('"').next().expect("token").to_owned()
}
