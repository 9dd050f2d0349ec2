//! The registration pipeline of the communes below a unit, as a board,
//! and its CSV/XLSX export.

use super::*;

pub struct CardLine {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: String,
    pub since: NaiveDate,
    pub due: String,
    pub overdue: bool,
    pub waiting_on: String,
    pub note: String,
}

pub struct Column {
    pub code: String,
    pub name: String,
    pub cards: Vec<CardLine>,
}

#[derive(Template)]
#[template(path = "pages/criteria/board.html")]
struct BoardPage {
    base: Base,
    w: &'static CriteriaTexts,
    code: String,
    unit_name: String,
    day: NaiveDate,
    year: i64,
    total: usize,
    communes: u32,
    bar: u32,
    levels: Vec<(String, usize)>,
    columns: Vec<Column>,
}

#[derive(Deserialize)]
pub struct BoardQuery {
    year: Option<i64>,
    on: Option<String>,
    #[serde(default)]
    format: String,
}

/// The registration pipeline of the communes below a unit, as a board.
pub async fn board(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<BoardQuery>,
) -> AppResult<Response> {
    let yq = YearQuery {
        year: q.year,
        on: q.on.clone(),
    };
    let (day, year) = (yq.day(&page.ctx)?, yq.year(&page.ctx)?);
    let b = registrations::board(&page.ctx, &page.actor, &code, year, day).await?;
    let lang = page.lang;
    if !q.format.is_empty() {
        let header: Vec<String> = match lang {
            Lang::Vi => [
                "Số hồ sơ",
                "Mã xã",
                "Xã",
                "Mức đăng ký",
                "Trạng thái",
                "Từ ngày",
                "Hạn",
                "Quá hạn",
                "Chờ",
                "Ghi chú",
            ],
            Lang::En => [
                "Registration",
                "Commune code",
                "Commune",
                "Level",
                "Status",
                "Since",
                "Due",
                "Overdue",
                "Waiting on",
                "Note",
            ],
        }
        .map(String::from)
        .to_vec();
        let rows: Vec<Vec<String>> = b
            .cards
            .iter()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.unit.code.clone(),
                    c.unit.full_name.clone(),
                    c.level.clone(),
                    words::status(lang, c.status).into(),
                    super::super::format::day(lang, c.since),
                    c.due_on
                        .map(|d| super::super::format::day(lang, d))
                        .unwrap_or_default(),
                    super::super::export_words::yes_no(lang, c.overdue),
                    words::party(lang, c.waiting_on).into(),
                    c.last_note.clone(),
                ]
            })
            .collect();
        return table_response(
            &format!("tinhso-registrations-{code}-{year}"),
            &q.format,
            &header,
            &rows,
        );
    }
    let w = words::texts(lang);
    let columns = Status::ALL
        .iter()
        .map(|s| Column {
            code: s.as_str().into(),
            name: words::status(lang, *s).into(),
            cards: b
                .cards
                .iter()
                .filter(|c| c.status == *s)
                .map(|c| CardLine {
                    id: c.id,
                    code: c.unit.code.clone(),
                    name: c.unit.full_name.clone(),
                    level: c.level_name_vi.clone(),
                    since: c.since,
                    due: c
                        .due_on
                        .map(|d| super::super::format::day(lang, d))
                        .unwrap_or_default(),
                    overdue: c.overdue,
                    waiting_on: words::party(lang, c.waiting_on).into(),
                    note: c.last_note.clone(),
                })
                .collect(),
        })
        .collect();
    let total = b.cards.len();
    let tpl = BoardPage {
        base: page
            .base(format!("{} – {}", w.registrations, b.unit.full_name))
            .about(Some(&b.unit.full_name), day),
        w,
        code: b.unit.code.clone(),
        unit_name: b.unit.full_name.clone(),
        day,
        year,
        total,
        communes: b.communes,
        bar: pct(total as f64, f64::from(b.communes)),
        levels: b
            .by_level
            .into_iter()
            .map(|(code, n)| {
                let name = b
                    .cards
                    .iter()
                    .find(|c| c.level == code)
                    .map(|c| c.level_name_vi.clone())
                    .unwrap_or(code);
                (name, n)
            })
            .collect(),
        columns,
    };
    page.render(StatusCode::OK, &tpl)
}
