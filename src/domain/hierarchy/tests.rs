use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn unit(
    id: i64,
    code: &str,
    name: &str,
    level: Level,
    parent: Option<i64>,
    from: &str,
    to: Option<&str>,
) -> UnitVersion {
    UnitVersion {
        id,
        code: code.parse().unwrap(),
        name: name.into(),
        full_name: name.into(),
        level,
        unit_type: level.types()[0].into(),
        parent_id: parent,
        valid_from: day(from),
        valid_to: to.map(day),
        synthetic: false,
    }
}

/// Province 15 splits its history: old 15 (Yên Bái) until 2025-06-30, a new
/// 15 (Lào Cai) after; district 136 disappears with the reform.
fn sample() -> Hierarchy {
    use Level::*;
    Hierarchy::build(vec![
        unit(
            1,
            "15",
            "Yên Bái",
            Province,
            None,
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(
            2,
            "136",
            "Văn Yên",
            District,
            Some(1),
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(
            3,
            "04387",
            "Châu Quế Hạ",
            Commune,
            Some(2),
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(
            4,
            "04390",
            "Châu Quế Thượng",
            Commune,
            Some(2),
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(
            5,
            "04387001",
            "Khe Bành",
            Village,
            Some(3),
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(
            6,
            "132",
            "Lục Yên",
            District,
            Some(1),
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(
            7,
            "10",
            "Lào Cai",
            Province,
            None,
            "2022-01-01",
            Some("2025-06-30"),
        ),
        unit(8, "15", "Lào Cai", Province, None, "2025-07-01", None),
        unit(9, "04400", "Châu Quế", Commune, Some(8), "2025-07-01", None),
    ])
}

#[test]
fn code_and_day_name_one_unit() {
    let h = sample();
    let c15: UnitCode = "15".parse().unwrap();
    assert_eq!(
        h.find(&c15, day("2022-06-30")).unwrap().unit.name,
        "Yên Bái"
    );
    assert_eq!(h.find(&c15, day("2025-06-30")).unwrap().unit.id, 1);
    assert_eq!(
        h.find(&c15, day("2025-07-01")).unwrap().unit.name,
        "Lào Cai"
    );
    assert!(h.find(&c15, day("2021-12-31")).is_none());
    assert_eq!(h.epoch_starts(), vec![day("2022-01-01"), day("2025-07-01")]);
}

#[test]
fn children_ancestors_and_counts() {
    let h = sample();
    let d = day("2022-06-30");
    let p = h.find(&"15".parse().unwrap(), d).unwrap();
    let kids: Vec<_> = h
        .children(&p)
        .iter()
        .map(|n| n.unit.code.to_string())
        .collect();
    assert_eq!(kids, ["132", "136"]);
    let counts = p.subtree_counts();
    assert_eq!(
        (
            counts.get(Level::District),
            counts.get(Level::Commune),
            counts.get(Level::Village)
        ),
        (2, 2, 1)
    );
    assert_eq!(counts.get(Level::Province), 0);
    let v = h.find(&"04387001".parse().unwrap(), d).unwrap();
    let up: Vec<_> = h.ancestors(&v).iter().map(|n| n.unit.id).collect();
    assert_eq!(up, [1, 2, 3]);
    assert!(p.contains(&v));
    assert!(!v.contains(&p));
    let other = h.find(&"10".parse().unwrap(), d).unwrap();
    assert!(!other.contains(&v));
    assert_eq!(h.national_counts(d).0, [2, 2, 2, 1]);
    assert_eq!(h.national_counts(day("2025-07-01")).0, [1, 0, 1, 0]);
    assert_eq!(h.roots(d).len(), 2);
}

#[test]
fn search_folds_and_scopes() {
    let h = sample();
    let d = day("2022-06-30");
    let hits = h.search("khe banh", d, None, 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].unit.id, 5);
    let all_chau = h.search("CHAU que", d, None, 10);
    assert_eq!(all_chau.len(), 2);
    let district = h.find(&"132".parse().unwrap(), d).unwrap();
    assert!(h.search("chau", d, Some(&[district]), 10).is_empty());
    assert!(h.search("   ", d, None, 10).is_empty());
}

#[test]
fn live_forms_follow_full_successions_forward() {
    let h = sample();
    let h = Hierarchy::build_with_successions(
        h.units.clone(),
        &[(1, 8, true), (3, 9, true), (4, 9, false)],
    );
    let after: NaiveDate = day("2025-07-01");
    let forms: Vec<i64> = h.live_forms(1, after).iter().map(|n| n.unit.id).collect();
    assert_eq!(forms, [8]);
    assert_eq!(h.live_forms(3, after).len(), 1);
    assert!(
        h.live_forms(4, after).is_empty(),
        "partial links are not followed"
    );
    assert_eq!(h.live_forms(1, day("2022-06-30"))[0].unit.id, 1);
    assert!(
        h.live_forms(8, day("2022-06-30")).is_empty(),
        "nothing backwards"
    );
}

#[test]
fn an_orphan_stays_out_of_the_tree() {
    use Level::*;
    let h = Hierarchy::build(vec![
        unit(
            1,
            "15",
            "A",
            Province,
            None,
            "2022-01-01",
            Some("2022-12-31"),
        ),
        unit(2, "136", "B", District, Some(1), "2022-01-01", None),
    ]);
    assert!(h.find(&"136".parse().unwrap(), day("2023-01-01")).is_none());
    assert!(h.find(&"136".parse().unwrap(), day("2022-01-01")).is_some());
}
