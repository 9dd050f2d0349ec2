//! The DTI-style index page: computed score by pillar, official ranks as
//! an SVG line, rank targets.

use super::*;

pub struct PillarLine {
    pub name: String,
    pub section: String,
    pub points: String,
    pub max: String,
    pub bar: u32,
}

pub struct ResultLine {
    pub year: i64,
    pub rank: i64,
    pub of: i64,
    pub published: NaiveDate,
    pub source: String,
}

pub struct TargetLine {
    pub year: i64,
    pub rank: i64,
    pub note: String,
    pub met: Option<bool>,
}

#[derive(Template)]
#[template(path = "pages/criteria/index.html")]
struct IndexPage {
    base: Base,
    w: &'static CriteriaTexts,
    code: String,
    unit_name: String,
    day: NaiveDate,
    year: i64,
    has_set: bool,
    points: String,
    max_points: String,
    sections: Vec<(String, String, String)>,
    pillars: Vec<PillarLine>,
    criteria: Vec<CriterionLine>,
    results: Vec<ResultLine>,
    targets: Vec<TargetLine>,
    chart: String,
}

/// Ranks over the years as an SVG line (rank 1 at the top).
fn rank_chart(results: &[ResultLine], targets: &[TargetLine]) -> String {
    let results: Vec<(i64, i64, i64)> = results.iter().map(|r| (r.year, r.rank, r.of)).collect();
    let targets: Vec<(i64, i64)> = targets.iter().map(|t| (t.year, t.rank)).collect();
    super::super::chart::rank_chart(&results, &targets)
}

/// The province's index: computed score by pillar, official ranks, targets.
pub async fn index_page(
    page: Page,
    Path(code): Path<String>,
    Query(tq): Query<TableQuery>,
) -> AppResult<Response> {
    let q = tq.year_query();
    let day = q.day(&page.ctx)?;
    let year = q.year(&page.ctx)?;
    let v = index::index(&page.ctx, &page.actor, &code, year, day).await?;
    if let (false, Some(ex)) = (tq.format.is_empty(), &v.computed) {
        let name = format!("tinhso-dti-{}-{year}-{day}", v.unit.code);
        return criteria_table(page.lang, &name, &tq.format, ex);
    }
    let lang = page.lang;
    let w = words::texts(lang);
    let results: Vec<ResultLine> = v
        .results
        .iter()
        .map(|r| ResultLine {
            year: r.year,
            rank: r.rank,
            of: r.ranked_of,
            published: r.published_on,
            source: r.source.clone(),
        })
        .collect();
    let targets: Vec<TargetLine> = v
        .targets
        .iter()
        .map(|t| TargetLine {
            year: t.row.year,
            rank: t.row.rank,
            note: t.row.note.clone(),
            met: t.met,
        })
        .collect();
    let chart = rank_chart(&results, &targets);
    let (mut sections, mut pillars, mut crit) = (Vec::new(), Vec::new(), Vec::new());
    let (mut points, mut max_points) = (String::new(), String::new());
    if let Some(ex) = &v.computed {
        points = shown(lang, ex.points);
        max_points = shown(lang, ex.max_points);
        let mut order: Vec<String> = Vec::new();
        let mut sums: HashMap<String, (f64, f64)> = HashMap::new();
        for g in &ex.groups {
            let sec = g.section.clone().unwrap_or_default();
            if !order.contains(&sec) {
                order.push(sec.clone());
            }
            let e = sums.entry(sec.clone()).or_default();
            e.0 += g.points;
            e.1 += g.max_points;
            pillars.push(PillarLine {
                name: pick(lang, &g.name_vi, &g.name_en),
                section: sec,
                points: shown(lang, g.points),
                max: shown(lang, g.max_points),
                bar: pct(g.points, g.max_points),
            });
        }
        for s in order {
            let (p, m) = sums[&s];
            sections.push((s, shown(lang, p), shown(lang, m)));
        }
        crit = lines(lang, ex).1;
    }
    let tpl = IndexPage {
        base: page
            .base(format!("{} – {}", w.index, v.unit.full_name))
            .about(Some(&v.unit.full_name), day),
        w,
        code: v.unit.code.clone(),
        unit_name: v.unit.full_name.clone(),
        day,
        year,
        has_set: v.computed.is_some(),
        points,
        max_points,
        sections,
        pillars,
        criteria: crit,
        results,
        targets,
        chart,
    };
    page.render(StatusCode::OK, &tpl)
}
