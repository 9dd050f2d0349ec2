//! Print views (issue 17): every page carries a header for print, hidden
//! on screen by the stylesheet, naming the page, the unit, the day of the
//! figures and the day of printing. The browser test `e2e/tests/print.spec.ts`
//! checks what prints; this checks what is sent.

use crate::helpers::TestApp;

fn print_head(html: &str) -> &str {
    let start = html
        .find("<div class=\"print-head\">")
        .expect("a print header");
    let end = start + html[start..].find("</div>").unwrap();
    &html[start..end]
}

#[tokio::test]
async fn pages_about_a_unit_carry_a_print_header() {
    let app = TestApp::spawn().await;
    let printed = app.ctx.today().format("%d/%m/%Y").to_string();
    let (client, _) = app.login("tinh").await;
    const YEN_BAI: &str = "Tỉnh Yên Bái";
    for (path, title, unit) in [
        ("/units/15?on=2022-06-30", YEN_BAI, YEN_BAI),
        (
            "/units/15/goals?on=2022-06-30",
            "Mục tiêu chuyển đổi số – Tỉnh Yên Bái",
            YEN_BAI,
        ),
        ("/units/15/registrations?on=2022-06-30", "", YEN_BAI),
        ("/units/15/dti?on=2022-06-30", "", YEN_BAI),
        ("/units/15/models?on=2022-06-30", "", YEN_BAI),
        ("/units/15/map?on=2022-06-30", "", YEN_BAI),
        (
            "/units/04387/recognition?on=2022-06-30",
            "",
            "Xã Châu Quế Hạ",
        ),
    ] {
        let html = app.html(&client, path).await;
        let head = print_head(&html);
        assert!(
            head.contains(&format!("<p class=\"print-title\">{title}")),
            "{path}: {head}"
        );
        assert!(
            head.contains(&format!("<p class=\"print-unit\">{unit}</p>")),
            "{path}: {head}"
        );
        assert!(head.contains("Số liệu ngày 30/06/2022"), "{path}: {head}");
        assert!(
            head.contains(&format!("Ngày in {printed}")),
            "{path}: {head}"
        );
    }
    // A page about no unit and no day says only when it was printed.
    let html = app.html(&client, "/account").await;
    let head = print_head(&html);
    assert!(
        !head.contains("print-unit") && !head.contains("Số liệu ngày"),
        "{head}"
    );
    assert!(head.contains(&format!("Ngày in {printed}")), "{head}");
    // The stylesheet hides the header on screen and the controls in print.
    let css = app.get("/static/app.css").await.text().await.unwrap();
    let block = &css[css.find("/* print */").expect("the print block")..];
    assert!(block.contains(".print-head { display: none; }"));
    assert!(block.contains("@media print") && block.contains("button, input, select"));
}
