//! Server-rendered SVG charts: numbers in, coordinates out; the template
//! draws them. No JavaScript, printable, readable on a phone.

/// A line chart of monthly values on a 0..max scale.
pub struct LineChart {
    pub width: u32,
    pub height: u32,
    /// `x,y x,y ...` for an SVG polyline.
    pub points: String,
    /// Filled area under the line, as a polygon.
    pub area: String,
    pub x_labels: Vec<(f64, String)>,
    pub y_labels: Vec<(f64, String)>,
    pub last: String,
}

const PAD_L: f64 = 36.0;
const PAD_B: f64 = 22.0;
const PAD_T: f64 = 8.0;

impl LineChart {
    /// `values` are (label, value); missing values break nothing (they are skipped).
    pub fn new(values: &[(String, Option<f64>)], max: Option<f64>, suffix: &str) -> LineChart {
        let (width, height) = (640u32, 200u32);
        let (w, h) = (width as f64 - PAD_L - 8.0, height as f64 - PAD_B - PAD_T);
        let top = max
            .unwrap_or_else(|| values.iter().filter_map(|v| v.1).fold(0.0, f64::max))
            .max(1.0);
        let n = values.len().max(2) as f64 - 1.0;
        let xy = |i: usize, v: f64| {
            (
                PAD_L + w * i as f64 / n,
                PAD_T + h - h * (v / top).clamp(0.0, 1.0),
            )
        };
        let pts: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, (_, v))| v.map(|v| xy(i, v)))
            .collect();
        let points = pts
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ");
        let area = match (pts.first(), pts.last()) {
            (Some(f), Some(l)) => format!(
                "{:.1},{:.1} {points} {:.1},{:.1}",
                f.0,
                PAD_T + h,
                l.0,
                PAD_T + h
            ),
            _ => String::new(),
        };
        let step = (values.len() / 6).max(1);
        let x_labels = values
            .iter()
            .enumerate()
            .filter(|(i, _)| i % step == 0)
            .map(|(i, (l, _))| (xy(i, 0.0).0, l.clone()))
            .collect();
        let y_labels = [0.0, 0.5, 1.0]
            .iter()
            .map(|f| (PAD_T + h - h * f, format!("{}{suffix}", (top * f).round())))
            .collect();
        let last = values
            .iter()
            .rev()
            .find_map(|v| v.1)
            .map(|v| format!("{v}{suffix}"))
            .unwrap_or_default();
        LineChart {
            width,
            height,
            points,
            area,
            x_labels,
            y_labels,
            last,
        }
    }
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
        assert_eq!(c.points, "36.0,178.0 632.0,8.0");
        assert_eq!(c.last, "100%");
        assert!(c.area.starts_with("36.0,178.0"));
    }
}
