//! Server-rendered SVG charts: numbers in, coordinates out; the template
//! draws them. No JavaScript, printable, readable on a phone.

/// A line chart of monthly values on a 0..max scale.
///
/// Drawn in two layers so that its text stays the size the stylesheet says
/// at any width (a chart scaled by one `viewBox` shrinks 640 units into a
/// 330 px phone and its 11-unit labels into 6 px): the outer `<svg>` has no
/// `viewBox`, so its text and grid are in CSS pixels, with x as a
/// percentage of the width; the line and its area are in an inner `<svg>`
/// whose `viewBox` (`WIDTH` × `PLOT_H`) is stretched across the width only
/// (`preserveAspectRatio="none"`, the stroke kept by
/// `vector-effect="non-scaling-stroke"`).
pub struct LineChart {
    /// The whole chart's height in CSS pixels.
    pub height: u32,
    /// The plot's height in CSS pixels (and in its `viewBox`).
    pub plot_h: u32,
    /// The plot's `viewBox` width.
    pub width: u32,
    /// `x,y x,y ...` for an SVG polyline, in the plot's `viewBox`.
    pub points: String,
    /// Filled area under the line, as a polygon.
    pub area: String,
    pub x_labels: Vec<XLabel>,
    /// (y in pixels, label): grid lines across, their labels above them.
    pub y_labels: Vec<(f64, String)>,
    pub last: String,
}

/// A month under the chart.
pub struct XLabel {
    /// Percent of the width.
    pub x: String,
    pub label: String,
    /// `text-anchor`: the first and last labels are anchored inwards so
    /// that they stay inside the chart.
    pub anchor: &'static str,
    /// Hidden on a phone.
    pub minor: bool,
}

const WIDTH: f64 = 1000.0;
/// The plot's top (room for the top grid line's label) and bottom (room
/// for the month labels below it), in CSS pixels.
const PLOT_TOP: f64 = 18.0;
const PLOT_H: f64 = 176.0;
const HEIGHT: u32 = 200;
/// The line runs from 2% to 98% of the width.
const X0: f64 = 0.02;

impl LineChart {
    /// `values` are (label, value); missing values break nothing (they are skipped).
    pub fn new(values: &[(String, Option<f64>)], max: Option<f64>, suffix: &str) -> LineChart {
        let h = PLOT_H - PLOT_TOP;
        let top = max
            .unwrap_or_else(|| values.iter().filter_map(|v| v.1).fold(0.0, f64::max))
            .max(1.0);
        let n = values.len().max(2) as f64 - 1.0;
        let frac = |i: usize| X0 + (1.0 - 2.0 * X0) * i as f64 / n;
        let y = |v: f64| PLOT_TOP + h - h * (v / top).clamp(0.0, 1.0);
        let pts: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, (_, v))| v.map(|v| (WIDTH * frac(i), y(v))))
            .collect();
        let points = pts
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ");
        let area = match (pts.first(), pts.last()) {
            (Some(f), Some(l)) => format!("{:.1},{PLOT_H:.1} {points} {:.1},{PLOT_H:.1}", f.0, l.0),
            _ => String::new(),
        };
        // Every `step`-th month counted back from the last (the month the
        // chart is read on is always labelled); every other one of them is
        // `minor`, hidden on a phone where six would run into each other.
        let step = (values.len() / 6).max(1);
        let end = values.len().saturating_sub(1);
        let mut x_labels: Vec<XLabel> = (0..values.len())
            .rev()
            .step_by(step)
            .enumerate()
            .map(|(k, i)| {
                let (x, anchor) = match i {
                    _ if i == end && end > 0 => (100.0, "end"),
                    0 => (0.0, "start"),
                    _ => (100.0 * frac(i), "middle"),
                };
                XLabel {
                    x: format!("{x:.2}"),
                    label: values[i].0.clone(),
                    anchor,
                    minor: k % 2 == 1,
                }
            })
            .collect();
        x_labels.reverse();
        let y_labels = [0.0, 0.5, 1.0]
            .iter()
            .map(|f| (y(top * f), format!("{}{suffix}", (top * f).round())))
            .collect();
        let last = values
            .iter()
            .rev()
            .find_map(|v| v.1)
            .map(|v| format!("{v}{suffix}"))
            .unwrap_or_default();
        LineChart {
            height: HEIGHT,
            plot_h: PLOT_H as u32,
            width: WIDTH as u32,
            points,
            area,
            x_labels,
            y_labels,
            last,
        }
    }
}

/// Ranks over the years (`(year, rank, of)`), rank 1 at the top, with rank
/// targets (`(year, rank)`) as dashed lines, as an SVG string. Drawn like
/// `LineChart`: text in CSS pixels, x in percent of the width, the line in
/// an inner plot stretched across; each rank is written above its dot and
/// each year once, below the plot, so that labels do not run into each
/// other on a phone.
pub fn rank_chart(results: &[(i64, i64, i64)], targets: &[(i64, i64)]) -> String {
    use std::fmt::Write;
    if results.is_empty() {
        return String::new();
    }
    let (height, top, bottom) = (190.0, 34.0, 150.0);
    let of = results.iter().map(|r| r.2).max().unwrap_or(63).max(2) as f64;
    let years = results
        .iter()
        .map(|r| r.0)
        .chain(targets.iter().map(|t| t.0));
    let (first, last) = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));
    let span = (last - first).max(1) as f64;
    // Percent of the width: the ends leave room for the axis labels.
    let x = |year: i64| 10.0 + 82.0 * (year - first) as f64 / span;
    let y = |rank: f64| top + (bottom - top) * (rank - 1.0) / (of - 1.0);
    // A target's label ends at its year near the right edge.
    let anchor = |pct: f64| if pct > 85.0 { "end" } else { "middle" };
    let mut svg = format!(
        "<svg class=\"trend rank\" width=\"100%\" height=\"{height}\" role=\"img\" aria-label=\"DTI\">"
    );
    for rank in [1.0, of] {
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"0\" x2=\"100%\" y1=\"{0}\" y2=\"{0}\"/><text class=\"ylab\" x=\"0\" y=\"{1}\">{rank}</text>",
            y(rank),
            y(rank) - 4.0
        );
    }
    for &(year, rank) in targets {
        let (tx, ty) = (x(year), y(rank as f64));
        let _ = write!(
            svg,
            "<line class=\"target\" x1=\"0\" y1=\"{ty}\" x2=\"{tx:.2}%\" y2=\"{ty}\" stroke-dasharray=\"4 3\"/><text class=\"tlab\" x=\"{tx:.2}%\" y=\"{:.1}\" text-anchor=\"{}\">≤ {rank} ({year})</text>",
            ty + 14.0,
            anchor(tx)
        );
    }
    let points: Vec<String> = results
        .iter()
        .map(|r| format!("{:.1},{:.1}", 10.0 * x(r.0), y(r.1 as f64)))
        .collect();
    let _ = write!(
        svg,
        "<svg width=\"100%\" height=\"{height}\" viewBox=\"0 0 1000 {height}\" preserveAspectRatio=\"none\"><polyline class=\"line\" vector-effect=\"non-scaling-stroke\" points=\"{}\"/></svg>",
        points.join(" ")
    );
    for &(year, rank, of) in results {
        let (px, py) = (x(year), y(rank as f64));
        let a = "middle";
        let _ = write!(
            svg,
            "<circle cx=\"{px:.2}%\" cy=\"{py:.1}\" r=\"4\" class=\"dot\"/><text class=\"xlab\" x=\"{px:.2}%\" y=\"{:.1}\" text-anchor=\"{a}\">{rank}/{of}</text><text class=\"xlab\" x=\"{px:.2}%\" y=\"{:.1}\" text-anchor=\"{a}\">{year}</text>",
            py - 8.0,
            height - 6.0
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    #[test]
    fn scales_points_into_the_frame() {
        let v: Vec<(String, Option<f64>)> = vec![
            ("a".into(), Some(0.0)),
            ("b".into(), None),
            ("c".into(), Some(100.0)),
        ];
        let c = super::LineChart::new(&v, Some(100.0), "%");
        assert_eq!(c.points, "20.0,176.0 980.0,18.0");
        assert_eq!(c.last, "100%");
        assert!(c.area.starts_with("20.0,176.0"));
        let anchors: Vec<&str> = c.x_labels.iter().map(|l| l.anchor).collect();
        assert_eq!(anchors, ["start", "middle", "end"], "the ends stay inside");
        let months: Vec<(String, Option<f64>)> =
            (1..=18).map(|m| (format!("m{m}"), Some(1.0))).collect();
        let c = super::LineChart::new(&months, Some(100.0), "%");
        let shown: Vec<&str> = c.x_labels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            shown,
            ["m3", "m6", "m9", "m12", "m15", "m18"],
            "the last month labelled"
        );
        let phone: Vec<&str> = c
            .x_labels
            .iter()
            .filter(|l| !l.minor)
            .map(|l| l.label.as_str())
            .collect();
        assert_eq!(phone, ["m6", "m12", "m18"]);
    }

    #[test]
    fn ranks_are_drawn_rank_one_on_top_and_each_year_once() {
        let svg = super::rank_chart(&[(2021, 27, 63), (2022, 15, 63)], &[(2025, 30)]);
        assert!(!svg.contains("viewBox=\"0 0 360"), "no scaled text");
        assert_eq!(svg.matches(">2021</text>").count(), 1);
        assert!(svg.contains(">27/63</text>") && svg.contains(">≤ 30 (2025)</text>"));
        assert!(super::rank_chart(&[], &[(2025, 30)]).is_empty());
    }
}
