use super::*;
use std::collections::HashMap;

fn crit(code: &str, group: &str, source: Option<&str>, scoring: Scoring) -> CriterionDef {
    CriterionDef {
        code: code.into(),
        group: group.into(),
        name_vi: code.into(),
        name_en: String::new(),
        max_points: 10.0,
        source: source.map(str::to_owned),
        scoring,
        direction: Direction::HigherIsBetter,
        pass_points: None,
        agency: String::new(),
    }
}

fn set() -> SetDef {
    let g = |code: &str, kind| GroupDef {
        code: code.into(),
        name_vi: code.into(),
        name_en: String::new(),
        kind,
        section: None,
        max_points: None,
    };
    SetDef {
        groups: vec![
            g("mandatory", GroupKind::Mandatory),
            g("extended", GroupKind::Extended),
        ],
        criteria: vec![
            crit(
                "zalo",
                "mandatory",
                Some("households.zalo_group_pct"),
                Scoring::Steps {
                    steps: vec![
                        Step {
                            at: 50.0,
                            points: 5.0,
                        },
                        Step {
                            at: 80.0,
                            points: 10.0,
                        },
                    ],
                },
            ),
            crit("portal", "mandatory", None, Scoring::YesNo),
            crit("e1", "extended", None, Scoring::YesNo),
            crit("e2", "extended", None, Scoring::YesNo),
            crit(
                "e3",
                "extended",
                Some("adopt_vneid"),
                Scoring::Ratio {
                    of: "households".into(),
                },
            ),
        ],
        levels: vec![
            LevelDef {
                code: "cds".into(),
                name_vi: "Xã CĐS".into(),
                name_en: String::new(),
                extended_min_pct: 30.0,
                min_points: None,
                requires: vec![],
            },
            LevelDef {
                code: "cds_advanced".into(),
                name_vi: "Xã CĐS nâng cao".into(),
                name_en: String::new(),
                extended_min_pct: 60.0,
                min_points: Some(40.0),
                requires: vec![],
            },
        ],
    }
}

fn known(c: &str) -> bool {
    ["households.zalo_group_pct", "adopt_vneid", "households"].contains(&c)
}

fn figures(zalo: f64) -> impl FnMut(&str) -> Option<f64> {
    move |c| match c {
        "households.zalo_group_pct" => Some(zalo),
        "adopt_vneid" => Some(30.0),
        "households" => Some(120.0),
        _ => None,
    }
}

#[test]
fn a_commune_meets_a_level_and_loses_it_when_a_mandatory_fails() {
    let s = set();
    s.validate(SetKind::Commune, &known).unwrap();
    let manual: HashMap<String, f64> = [("portal".to_string(), 1.0), ("e1".to_string(), 1.0)]
        .into_iter()
        .collect();
    let e = s.evaluate(&mut figures(85.0), &manual);
    let cds = e.level("cds").unwrap();
    assert!(cds.met, "{cds:?}");
    assert_eq!((cds.extended_met, cds.extended_needed), (1, 1));
    assert_eq!(e.criterion("e3").unwrap().points, 2.5);
    assert_eq!(e.points, 32.5);
    let adv = e.level("cds_advanced").unwrap();
    assert!(!adv.met);
    assert_eq!(adv.extended_needed, 2);
    assert_eq!(adv.points_needed, 7.5);

    let e = s.evaluate(&mut figures(40.0), &manual);
    let cds = e.level("cds").unwrap();
    assert!(!cds.met);
    assert_eq!(cds.missing_mandatory, vec!["zalo".to_string()]);
    let z = e.criterion("zalo").unwrap();
    assert_eq!(
        (z.value, z.required, z.points),
        (Some(40.0), Some(50.0), 0.0)
    );
}

#[test]
fn rules_naming_what_does_not_exist_are_refused() {
    let mut s = set();
    s.criteria[0].source = Some("nothing_here".into());
    let e = s.validate(SetKind::Commune, &known).unwrap_err();
    assert_eq!(e.field(), "criteria[0].source");
    let mut s = set();
    s.levels[0].requires = vec!["ghost".into()];
    assert_eq!(
        s.validate(SetKind::Commune, &known).unwrap_err().field(),
        "levels[0].requires"
    );
    let mut s = set();
    s.criteria[1].group = "other".into();
    assert_eq!(
        s.validate(SetKind::Commune, &known).unwrap_err().field(),
        "criteria[1].group"
    );
}

#[test]
fn points_beyond_the_maximum_and_cycles_are_refused() {
    let mut s = set();
    s.criteria[0].scoring = Scoring::Steps {
        steps: vec![Step {
            at: 50.0,
            points: 12.0,
        }],
    };
    let e = s.validate(SetKind::Commune, &known).unwrap_err();
    assert_eq!(e.field(), "criteria[0].scoring.steps[0].points");
    let mut s = set();
    s.criteria[2].source = Some("criterion:e2".into());
    s.criteria[3].source = Some("criterion:e1".into());
    let e = s.validate(SetKind::Commune, &known).unwrap_err();
    assert!(e.reason().to_string().contains("cycle"), "{e}");
    assert!(e.reason().to_string().contains("e1 → e2 → e1"), "{e}");
}

#[test]
fn a_criterion_may_read_another() {
    let mut s = set();
    s.criteria[2].source = Some("criterion:zalo".into());
    s.criteria[2].scoring = Scoring::Steps {
        steps: vec![Step {
            at: 10.0,
            points: 10.0,
        }],
    };
    s.validate(SetKind::Commune, &known).unwrap();
    let e = s.evaluate(&mut figures(85.0), &HashMap::new());
    assert!(e.criterion("e1").unwrap().met);
    let e = s.evaluate(&mut figures(60.0), &HashMap::new());
    assert!(!e.criterion("e1").unwrap().met);
}

#[test]
fn pillars_cap_their_criteria() {
    let s = SetDef {
        groups: vec![GroupDef {
            code: "awareness".into(),
            name_vi: "Nhận thức số".into(),
            name_en: String::new(),
            kind: GroupKind::Pillar,
            section: Some("foundation".into()),
            max_points: Some(15.0),
        }],
        criteria: vec![
            crit("a1", "awareness", None, Scoring::YesNo),
            crit("a2", "awareness", None, Scoring::YesNo),
        ],
        levels: vec![],
    };
    let e = s.validate(SetKind::Index, &known).unwrap_err();
    assert_eq!(e.field(), "groups.awareness.max_points");
    assert_eq!(
        SetDef {
            levels: set().levels,
            ..s.clone()
        }
        .validate(SetKind::Commune, &known)
        .unwrap_err()
        .field(),
        "groups[0].kind"
    );
}
