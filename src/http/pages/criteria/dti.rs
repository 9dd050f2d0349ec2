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
    if results.is_empty() {
        return String::new();
    }
    let (w, h, pad) = (360.0, 160.0, 56.0);
    let of = results.iter().map(|r| r.of).max().unwrap_or(63) as f64;
    let first = results.first().map(|r| r.year).unwrap_or(0);
    let last = targets
        .iter()
        .map(|t| t.year)
        .chain(results.iter().map(|r| r.year))
        .max()
        .unwrap_or(first);
    let span = (last - first).max(1) as f64;
    let x = |y: i64| pad + (w - 2.0 * pad) * (y - first) as f64 / span;
    let y = |rank: f64| pad + (h - 2.0 * pad) * (rank - 1.0) / (of - 1.0).max(1.0);
    let mut svg = format!(
        "<svg class=\"trend rank\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"DTI\">"
    );
    svg.push_str(&format!(
        "<line class=\"grid\" x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        y(1.0),
        w - pad,
        y(1.0)
    ));
    svg.push_str(&format!(
        "<line class=\"grid\" x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        y(of),
        w - pad,
        y(of)
    ));
    svg.push_str(&format!(
        "<text class=\"ylab\" x=\"{}\" y=\"{}\">1</text><text class=\"ylab\" x=\"{}\" y=\"{}\">{of}</text>",
        pad - 4.0,
        y(1.0),
        pad - 4.0,
        y(of)
    ));
    for t in targets {
        svg.push_str(&format!(
            "<line class=\"target\" x1=\"{pad}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke-dasharray=\"4 3\"/><text class=\"xlab\" x=\"{1}\" y=\"{2}\">≤ {3} ({4})</text>",
            y(t.rank as f64),
            x(t.year),
            y(t.rank as f64) - 4.0,
            t.rank,
            t.year
        ));
    }
    let points: Vec<String> = results
        .iter()
        .map(|r| format!("{:.1},{:.1}", x(r.year), y(r.rank as f64)))
        .collect();
    svg.push_str(&format!(
        "<polyline class=\"line\" points=\"{}\"/>",
        points.join(" ")
    ));
    for r in results {
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" class=\"dot\"/><text class=\"xlab\" x=\"{:.1}\" y=\"{:.1}\">{}/{} ({})</text>",
            x(r.year),
            y(r.rank as f64),
            x(r.year),
            y(r.rank as f64) + 16.0,
            r.rank,
            r.of,
            r.year
        ));
    }
    svg.push_str("</svg>");
    svg
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
