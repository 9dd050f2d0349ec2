//! Boundaries, drawn: units' polygons turned into simplified SVG paths that
//! keep the borders neighbours share.
//!
//! Simplifying each polygon on its own would move a shared border twice, in
//! two different ways, and leave gaps and slivers between neighbours. So the
//! rings are first cut into arcs at the points where the set of units that
//! share them changes (a point whose neighbours differ from one ring to
//! another, as TopoJSON does), each distinct arc is simplified once
//! (Douglas–Peucker, keeping its ends), and the rings are put back together
//! from the simplified arcs. Both sides of a border are then the same line.

use std::collections::HashMap;

/// A point in micro-degrees (longitude, latitude) × 10⁶: the source's six
/// decimals, exactly, so equal points compare equal.
pub type Pt = (i64, i64);

/// One unit's boundary: its rings (outer rings and holes alike; the SVG
/// even-odd rule tells them apart), each without its closing point.
#[derive(Debug, Clone)]
pub struct Shape {
    pub code: String,
    pub name: String,
    pub rings: Vec<Vec<Pt>>,
}

/// A unit as drawn: its SVG path data in the map's coordinates.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub code: String,
    pub name: String,
    pub d: String,
    /// Where to put a label: the centre of its largest ring's bounding box.
    pub label_at: (f64, f64),
}

/// Shapes drawn into a `width` × `height` box (CSS pixels).
#[derive(Debug, Clone)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Drawn>,
    /// Points kept after simplification, and before it (for the docs).
    pub points_kept: usize,
    pub points_in: usize,
}

/// Draw `shapes` `width` pixels wide (the height follows the shape of the
/// area), dropping detail smaller than `tolerance` pixels.
pub fn draw(shapes: &[Shape], width: f64, tolerance: f64) -> Drawing {
    let rings: Vec<Vec<Vec<Pt>>> = shapes
        .iter()
        .map(|s| s.rings.iter().map(|r| clean(r)).collect())
        .collect();
    let project = Projection::fit(&rings, width);
    let junctions = junctions(&rings);
    let mut arcs = Arcs::default();
    let mut points_in = 0;
    let mut built: Vec<Vec<Vec<(usize, bool)>>> = Vec::new();
    for shape in &rings {
        let mut out = Vec::new();
        for ring in shape {
            points_in += ring.len();
            out.push(arcs.cut(ring, &junctions));
        }
        built.push(out);
    }
    let simplified: Vec<Vec<(f64, f64)>> = arcs
        .list
        .iter()
        .map(|a| {
            let pts: Vec<(f64, f64)> = a.iter().map(|p| project.at(*p)).collect();
            douglas_peucker(&pts, tolerance)
        })
        .collect();
    let mut points_kept = 0;
    let drawn = shapes
        .iter()
        .zip(built)
        .map(|(s, rings)| {
            let mut d = String::new();
            let mut best: Option<(f64, (f64, f64))> = None;
            for ring in rings {
                let pts = join(&ring, &simplified);
                if pts.len() < 3 {
                    continue;
                }
                points_kept += pts.len();
                let (area, centre) = extent(&pts);
                if best.is_none_or(|(a, _)| area > a) {
                    best = Some((area, centre));
                }
                for (i, (x, y)) in pts.iter().enumerate() {
                    d.push(if i == 0 { 'M' } else { 'L' });
                    d.push_str(&format!("{x:.1},{y:.1}"));
                }
                d.push('Z');
            }
            Drawn {
                code: s.code.clone(),
                name: s.name.clone(),
                d,
                label_at: best.map_or((0.0, 0.0), |(_, c)| c),
            }
        })
        .collect();
    Drawing {
        width: project.width,
        height: project.height,
        shapes: drawn,
        points_kept,
        points_in,
    }
}

/// A ring without its closing point and without repeated points.
fn clean(ring: &[Pt]) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::with_capacity(ring.len());
    for p in ring {
        if out.last() != Some(p) {
            out.push(*p);
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Points where a border between units starts or ends: met with different
/// neighbours in different rings (or more than twice).
fn junctions(shapes: &[Vec<Vec<Pt>>]) -> std::collections::HashSet<Pt> {
    let mut seen: HashMap<Pt, (Pt, Pt, u32)> = HashMap::new();
    let mut out = std::collections::HashSet::new();
    for ring in shapes.iter().flatten() {
        let n = ring.len();
        for i in 0..n {
            let p = ring[i];
            let (a, b) = (ring[(i + n - 1) % n], ring[(i + 1) % n]);
            let pair = if a <= b { (a, b) } else { (b, a) };
            match seen.get_mut(&p) {
                None => {
                    seen.insert(p, (pair.0, pair.1, 1));
                }
                Some(e) => {
                    e.2 += 1;
                    if (e.0, e.1) != pair || e.2 > 2 {
                        out.insert(p);
                    }
                }
            }
        }
    }
    out
}

/// The distinct arcs, each stored once in one direction.
#[derive(Default)]
struct Arcs {
    list: Vec<Vec<Pt>>,
    index: HashMap<Vec<Pt>, usize>,
}

impl Arcs {
    /// A ring as arcs: (arc index, reversed).
    fn cut(
        &mut self,
        ring: &[Pt],
        junctions: &std::collections::HashSet<Pt>,
    ) -> Vec<(usize, bool)> {
        let n = ring.len();
        if n < 3 {
            return Vec::new();
        }
        let starts: Vec<usize> = (0..n).filter(|i| junctions.contains(&ring[*i])).collect();
        if starts.is_empty() {
            // A ring nobody shares a part of (or shares whole, as an
            // enclave and the hole around it do): one closed arc, from its
            // smallest point, in the direction of its smaller neighbour.
            let m = (0..n).min_by_key(|i| ring[*i]).expect("n >= 3");
            let forward = ring[(m + 1) % n] <= ring[(m + n - 1) % n];
            let mut arc: Vec<Pt> = (0..=n)
                .map(|k| {
                    if forward {
                        ring[(m + k) % n]
                    } else {
                        ring[(m + n - k % n) % n]
                    }
                })
                .collect();
            arc[n] = arc[0];
            return vec![self.add(arc, !forward)];
        }
        let mut out = Vec::new();
        for (k, &s) in starts.iter().enumerate() {
            let e = if k + 1 < starts.len() {
                starts[k + 1]
            } else {
                starts[0] + n
            };
            let arc: Vec<Pt> = (s..=e).map(|i| ring[i % n]).collect();
            out.push(self.add(arc, false));
        }
        out
    }

    fn add(&mut self, arc: Vec<Pt>, reversed: bool) -> (usize, bool) {
        let rev: Vec<Pt> = arc.iter().rev().copied().collect();
        let (key, flipped) = if arc <= rev {
            (arc, false)
        } else {
            (rev, true)
        };
        let n = self.list.len();
        let i = *self.index.entry(key.clone()).or_insert(n);
        if i == n {
            self.list.push(key);
        }
        (i, flipped != reversed)
    }
}

/// A ring's points from its simplified arcs.
fn join(ring: &[(usize, bool)], arcs: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &(i, reversed) in ring {
        let arc = &arcs[i];
        let pts: Box<dyn Iterator<Item = &(f64, f64)>> = if reversed {
            Box::new(arc.iter().rev())
        } else {
            Box::new(arc.iter())
        };
        for p in pts {
            if out.last() != Some(p) {
                out.push(*p);
            }
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Keep the points that stray more than `tolerance` from the line between
/// the ends (recursively); the ends are kept.
fn douglas_peucker(pts: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if pts.len() <= 2 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut far = (0.0, a);
        for (i, p) in pts.iter().enumerate().take(b).skip(a + 1) {
            let dist = distance(*p, pts[a], pts[b]);
            if dist > far.0 {
                far = (dist, i);
            }
        }
        if far.0 > tolerance {
            keep[far.1] = true;
            stack.push((a, far.1));
            stack.push((far.1, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// Distance from `p` to the segment `a`–`b`.
fn distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (x, y) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - x).powi(2) + (p.1 - y).powi(2)).sqrt()
}

/// The area of a ring's bounding box and its centre.
fn extent(pts: &[(f64, f64)]) -> (f64, (f64, f64)) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in pts {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    ((x1 - x0) * (y1 - y0), ((x0 + x1) / 2.0, (y0 + y1) / 2.0))
}

/// Longitude and latitude to pixels: an equirectangular projection with the
/// longitudes shrunk by the cosine of the middle latitude (true enough for
/// a country as narrow as Vietnam), fitted to the width.
struct Projection {
    lon0: f64,
    lat1: f64,
    kx: f64,
    scale: f64,
    width: f64,
    height: f64,
}

impl Projection {
    fn fit(shapes: &[Vec<Vec<Pt>>], width: f64) -> Projection {
        let (mut x0, mut y0, mut x1, mut y1) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
        for p in shapes.iter().flatten().flatten() {
            x0 = x0.min(p.0);
            y0 = y0.min(p.1);
            x1 = x1.max(p.0);
            y1 = y1.max(p.1);
        }
        if x0 > x1 {
            return Projection {
                lon0: 0.0,
                lat1: 0.0,
                kx: 1.0,
                scale: 1.0,
                width,
                height: width,
            };
        }
        let (lon0, lon1) = (x0 as f64 / 1e6, x1 as f64 / 1e6);
        let (lat0, lat1) = (y0 as f64 / 1e6, y1 as f64 / 1e6);
        let kx = ((lat0 + lat1) / 2.0).to_radians().cos();
        let span = ((lon1 - lon0) * kx).max(1e-9);
        let scale = width / span;
        Projection {
            lon0,
            lat1,
            kx,
            scale,
            width,
            height: ((lat1 - lat0) * scale).max(1.0),
        }
    }

    fn at(&self, p: Pt) -> (f64, f64) {
        (
            (p.0 as f64 / 1e6 - self.lon0) * self.kx * self.scale,
            (self.lat1 - p.1 as f64 / 1e6) * self.scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares side by side share the middle border; a third unit is an
    /// island.
    fn squares() -> Vec<Shape> {
        let sq = |x0: i64, code: &str| Shape {
            code: code.into(),
            name: code.into(),
            rings: vec![vec![
                (x0, 0),
                (x0 + 500_000, 1),
                (x0 + 1_000_000, 0),
                (x0 + 1_000_000, 1_000_000),
                (x0, 1_000_000),
                (x0, 0),
            ]],
        };
        vec![sq(0, "a"), sq(1_000_000, "b")]
    }

    #[test]
    fn shared_borders_are_one_arc_drawn_the_same_way_on_both_sides() {
        let shapes = squares();
        let rings: Vec<Vec<Vec<Pt>>> = shapes
            .iter()
            .map(|s| s.rings.iter().map(|r| clean(r)).collect())
            .collect();
        let j = junctions(&rings);
        // The shared edge x = 1,000,000 from y = 0 to y = 1,000,000.
        assert!(j.contains(&(1_000_000, 0)) && j.contains(&(1_000_000, 1_000_000)));
        let mut arcs = Arcs::default();
        let a = arcs.cut(&rings[0][0], &j);
        let b = arcs.cut(&rings[1][0], &j);
        let shared: Vec<usize> = a
            .iter()
            .filter(|(i, _)| b.iter().any(|(k, _)| k == i))
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(shared.len(), 1, "{a:?} {b:?}");
        // Opposite directions on the two sides.
        let da = a.iter().find(|(i, _)| *i == shared[0]).unwrap().1;
        let db = b.iter().find(|(i, _)| *i == shared[0]).unwrap().1;
        assert_ne!(da, db);
    }

    #[test]
    fn detail_below_the_tolerance_goes_and_corners_stay() {
        let d = draw(&squares(), 200.0, 0.5);
        assert_eq!(d.shapes.len(), 2);
        // The 1-micro-degree dent in each bottom edge is gone; the four
        // corners of each square remain.
        for s in &d.shapes {
            assert_eq!(s.d.matches(['M', 'L']).count(), 4, "{}", s.d);
        }
        assert!((d.width - 200.0).abs() < 1e-9);
        assert!(d.points_kept < d.points_in);
    }

    #[test]
    fn douglas_peucker_keeps_what_strays() {
        let pts = [(0.0, 0.0), (1.0, 1.4), (2.0, 3.0), (3.0, 0.0)];
        assert_eq!(
            douglas_peucker(&pts, 0.5),
            vec![(0.0, 0.0), (2.0, 3.0), (3.0, 0.0)]
        );
    }
}
