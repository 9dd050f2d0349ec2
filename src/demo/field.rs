//! Demo records for the field work: households and their adoption ledger,
//! community tech teams with their members, the village organisations'
//! group-chat figures, and the metrics and indicators that read them.
//!
//! The article's figures come out of these records, never out of stored
//! totals: 10,851 team members in Yên Bái; in Văn Yên 325 commune-level and
//! 1,322 village-level members; Khe Bành with 102 of its 120 households in
//! the village Zalo group (85%) and every organisation member in the group
//! chats.

use chrono::{Days, NaiveDate};
use std::collections::HashMap;

use super::Scope;
use crate::domain::metric::{AFFILIATIONS, Adoption};
use crate::domain::rng::SeededRng;
use crate::domain::unit::Level;
use crate::error::AppResult;
use crate::service::adoption::NewEvent;
use crate::service::households::{self, HouseholdInput};
use crate::service::indicators::{self, IndicatorInput, MetricInput, TargetInput, ValueInput};
use crate::service::teams::{self, MemberInput, NewTeam};
use crate::service::{Actor, Ctx};

pub const TEAM_MEMBERS: u64 = 10_851;
pub const VAN_YEN: &str = "136";
pub const VAN_YEN_COMMUNE_LEVEL: u64 = 325;
pub const VAN_YEN_VILLAGE_LEVEL: u64 = 1_322;
pub const OTHER_COMMUNE_LEVEL_EACH: u64 = 10;
pub const KHE_BANH_HOUSEHOLDS: u64 = 120;
pub const KHE_BANH_ZALO: u64 = 102;

const FAMILY: [&str; 12] = [
    "Nguyễn", "Hoàng", "Lò", "Hà", "Đặng", "Triệu", "Lý", "Bàn", "Vàng", "Giàng", "Trần", "Phạm",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Chung", "Dũng", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quế", "Sơn",
    "Thắm", "Tú", "Vân", "Yến",
];
const ORGS: [(&str, &str, &str); 4] = [
    ("women", "Hội viên Hội Phụ nữ", "Women's union members"),
    ("farmers", "Hội viên Hội Nông dân", "Farmers' union members"),
    (
        "veterans",
        "Hội viên Hội Cựu chiến binh",
        "Veterans' association members",
    ),
    ("youth", "Đoàn viên thanh niên", "Youth union members"),
];

/// How likely a household adopted each thing by mid-2022 (synthetic).
fn likelihood(kind: Adoption) -> u64 {
    match kind {
        Adoption::ZaloGroup => 62,
        Adoption::Smartphone => 72,
        Adoption::Internet => 40,
        Adoption::EpayPower => 35,
        Adoption::EpayWater => 10,
        Adoption::EpayTv => 8,
        Adoption::EpayTax => 5,
        Adoption::EpaySchool => 15,
        Adoption::EpayAdmin => 5,
        Adoption::Vneid => 50,
        Adoption::Vssid => 30,
        Adoption::Telemedicine => 4,
        Adoption::OnlineServices => 22,
    }
}

fn name(rng: &mut SeededRng) -> String {
    format!(
        "{} {} {}",
        rng.pick(&FAMILY),
        rng.pick(&MIDDLE),
        rng.pick(&GIVEN)
    )
}

/// `total` split over `slots` as evenly as whole numbers allow, then
/// jittered by moving single units between random slots (sum unchanged).
fn spread(total: u64, slots: usize, rng: &mut SeededRng, min: u64) -> Vec<u64> {
    if slots == 0 {
        return Vec::new();
    }
    let base = total / slots as u64;
    let mut v = vec![base; slots];
    for slot in v.iter_mut().take((total % slots as u64) as usize) {
        *slot += 1;
    }
    for _ in 0..slots * 2 {
        let (a, b) = (
            rng.range(0, slots as u64 - 1) as usize,
            rng.range(0, slots as u64 - 1) as usize,
        );
        if v[a] > min {
            v[a] -= 1;
            v[b] += 1;
        }
    }
    v
}

fn day_between(rng: &mut SeededRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    from.checked_add_days(Days::new(rng.range(0, span)))
        .expect("in range")
}

/// Generate the field records for the province on the demo day.
pub async fn generate(
    ctx: &Ctx,
    system: &Actor,
    province: &str,
    khe_banh: &str,
    day: NaiveDate,
    scope: Scope,
    rng: &mut SeededRng,
) -> AppResult<()> {
    let start: NaiveDate = "2021-01-01".parse().expect("date");
    // Units: communes (with district code) and villages (with commune code).
    let (communes, villages) = {
        let h = ctx.hierarchy();
        let p = h.find(&province.parse()?, day).expect("the demo province");
        let mut communes = Vec::new();
        let mut villages = Vec::new();
        for d in h.children(&p) {
            for c in h.children(&d) {
                communes.push((c.unit.code.to_string(), d.unit.code.to_string()));
                for v in h.children(&c) {
                    debug_assert_eq!(v.unit.level, Level::Village);
                    villages.push((v.unit.code.to_string(), d.unit.code.to_string()));
                }
            }
        }
        (communes, villages)
    };

    // Teams: one in every commune and every village.
    let van_yen_communes = communes.iter().filter(|c| c.1 == VAN_YEN).count();
    let van_yen_villages = villages.iter().filter(|v| v.1 == VAN_YEN).count();
    let other_villages = villages.len() - van_yen_villages;
    // The province counts 10,851 members in either scope: without villages
    // outside Văn Yên (`Scope::District`), the other communes' teams hold
    // them all, so the article's team figures (and the goal linked to them)
    // hold on the small fixture too.
    let outside = TEAM_MEMBERS - VAN_YEN_COMMUNE_LEVEL - VAN_YEN_VILLAGE_LEVEL;
    let other_commune_level = if other_villages == 0 {
        outside
    } else {
        OTHER_COMMUNE_LEVEL_EACH * (communes.len() - van_yen_communes) as u64
    };
    let other_village_level = outside - other_commune_level;
    let mut vy_c = spread(VAN_YEN_COMMUNE_LEVEL, van_yen_communes, rng, 8).into_iter();
    let mut vy_v = spread(VAN_YEN_VILLAGE_LEVEL, van_yen_villages, rng, 4).into_iter();
    let mut ot_c = spread(
        other_commune_level,
        communes.len() - van_yen_communes,
        rng,
        6,
    )
    .into_iter();
    let mut ot_v = spread(other_village_level, other_villages, rng, 4).into_iter();
    let mut team_items = Vec::new();
    let members = |n: u64, formed: NaiveDate, rng: &mut SeededRng| -> Vec<MemberInput> {
        (0..n)
            .map(|i| MemberInput {
                full_name: name(rng),
                role: match i {
                    0 => "leader",
                    1 | 2 => "deputy",
                    _ => "member",
                }
                .into(),
                affiliation: rng.pick(&AFFILIATIONS[..9]).to_string(),
                phone: None,
                username: None,
                joined_on: Some(formed),
                synthetic: true,
            })
            .collect()
    };
    for (code, district) in &communes {
        let n = if district == VAN_YEN {
            vy_c.next()
        } else {
            ot_c.next()
        }
        .expect("a count per commune");
        let formed = day_between(
            rng,
            "2021-03-01".parse().expect("date"),
            "2021-12-31".parse().expect("date"),
        );
        team_items.push((
            code.clone(),
            NewTeam {
                name: format!("Tổ CNS cộng đồng xã {code}"),
                formed_on: Some(formed),
            },
            members(n, formed, rng),
        ));
    }
    for (code, district) in &villages {
        let n = if district == VAN_YEN {
            vy_v.next()
        } else {
            ot_v.next()
        }
        .expect("a count per village");
        let formed = day_between(
            rng,
            "2021-04-01".parse().expect("date"),
            "2022-03-31".parse().expect("date"),
        );
        team_items.push((
            code.clone(),
            NewTeam {
                name: format!("Tổ CNS cộng đồng thôn {code}"),
                formed_on: Some(formed),
            },
            members(n, formed, rng),
        ));
    }
    let t0 = std::time::Instant::now();
    teams::import_teams(ctx, system, day, &team_items).await?;
    tracing::info!(elapsed = ?t0.elapsed(), "demo teams");

    // Households.
    let mut hh_items = Vec::new();
    for (code, _) in &villages {
        let n = if code == khe_banh {
            KHE_BANH_HOUSEHOLDS
        } else if scope == Scope::District {
            rng.range(10, 19)
        } else {
            rng.range(100, 190)
        };
        for i in 1..=n {
            let registered_on = if rng.range(0, 19) == 0 {
                day_between(rng, start, day)
            } else {
                start
            };
            let with_contact = rng.range(0, 1) == 0;
            hh_items.push((
                code.clone(),
                HouseholdInput {
                    code: format!("{code}-{i:04}"),
                    head_name: with_contact.then(|| name(rng)),
                    phone: with_contact.then(|| format!("09{:08}", rng.range(0, 99_999_999))),
                    size: Some(rng.range(2, 7) as i64),
                    poverty: Some(
                        match rng.range(0, 9) {
                            0 | 1 => "poor",
                            2 => "near_poor",
                            _ => "none",
                        }
                        .into(),
                    ),
                    registered_on: Some(registered_on),
                    synthetic: true,
                },
            ));
        }
    }
    let t0 = std::time::Instant::now();
    let ids = households::import_households(ctx, system, day, &hh_items).await?;
    tracing::info!(elapsed = ?t0.elapsed(), "demo households");

    // The adoption ledger: each household, each kind, with its likelihood;
    // Khe Bành's Zalo group holds exactly 102 of its 120 households.
    let village_ids: HashMap<String, i64> = {
        let h = ctx.hierarchy();
        villages
            .iter()
            .filter_map(|(c, _)| Some((c.clone(), h.find(&c.parse().ok()?, day)?.unit.id)))
            .collect()
    };
    let mut events = Vec::new();
    let mut khe_banh_seen = 0;
    for ((code, input), id) in hh_items.iter().zip(&ids) {
        let village_id = village_ids[code];
        let registered = input.registered_on.unwrap_or(start);
        for kind in Adoption::ALL {
            let adopted = if code == khe_banh && kind == Adoption::ZaloGroup {
                khe_banh_seen += 1;
                khe_banh_seen <= KHE_BANH_ZALO
            } else {
                rng.range(1, 100) <= likelihood(kind)
            };
            if adopted {
                let date = day_between(
                    rng,
                    registered.max("2021-02-01".parse().expect("date")),
                    day,
                );
                events.push((
                    village_id,
                    NewEvent {
                        household_id: *id,
                        kind: kind.as_str(),
                        event_date: date,
                        change: 1,
                        member_id: None,
                        note: String::new(),
                        recorded_by: None,
                    },
                ));
            }
        }
    }
    let t0 = std::time::Instant::now();
    households::import_events(ctx, system, &events).await?;
    tracing::info!(events = events.len(), elapsed = ?t0.elapsed(), "demo adoption ledger");

    // Metrics, rules and values for the organisations' group chats.
    for (org, vi, en) in ORGS {
        for (prefix, vi_prefix, en_prefix) in [
            ("org_members", "", ""),
            ("org_in_group", "trong nhóm Zalo: ", "in the group chat: "),
        ] {
            let input = MetricInput {
                code: format!("{prefix}_{org}"),
                name_vi: format!("{vi_prefix}{vi}"),
                name_en: format!("{en_prefix}{en}"),
                value_type: "count".into(),
                hierarchy_aggregation: "sum".into(),
                time_aggregation: "last".into(),
                entry_level: "village".into(),
                min_value: Some(0.0),
                max_value: Some(10_000.0),
            };
            indicators::create_metric(ctx, system, &input).await?;
        }
        indicators::create_rule(
            ctx,
            system,
            &format!("org_in_group_{org} <= org_members_{org}"),
            "Số người trong nhóm Zalo không thể vượt số hội viên",
            "members in the group chat cannot exceed the members",
        )
        .await?;
    }
    let period =
        crate::domain::period::Period::containing(crate::domain::period::PeriodKind::Month, day)
            .to_string();
    let mut values = Vec::new();
    for (code, _) in &villages {
        for (org, _, _) in ORGS {
            let members = rng.range(15, 60) as f64;
            let in_group = if code == khe_banh {
                members
            } else {
                (members * rng.range(55, 100) as f64 / 100.0).round()
            };
            values.push(ValueInput {
                metric: format!("org_members_{org}"),
                unit: code.clone(),
                period: period.clone(),
                value: members,
                version: None,
            });
            values.push(ValueInput {
                metric: format!("org_in_group_{org}"),
                unit: code.clone(),
                period: period.clone(),
                value: in_group,
                version: None,
            });
        }
    }
    let t0 = std::time::Instant::now();
    indicators::import_values(ctx, system, &values).await?;
    tracing::info!(elapsed = ?t0.elapsed(), "demo values");

    // Indicators over the ledger and values, with a few targets.
    let defs = [
        (
            "zalo_pct",
            "Tỷ lệ hộ tham gia nhóm Zalo thôn",
            "Households in the village Zalo group",
            "100 * adopt_zalo_group / households",
        ),
        (
            "smartphone_pct",
            "Tỷ lệ hộ có điện thoại thông minh",
            "Households with a smartphone",
            "100 * adopt_smartphone / households",
        ),
        (
            "vneid_pct",
            "Tỷ lệ hộ dùng VNeID",
            "Households using VNeID",
            "100 * adopt_vneid / households",
        ),
        (
            "epay_power_pct",
            "Tỷ lệ hộ thanh toán tiền điện không dùng tiền mặt",
            "Households paying electricity electronically",
            "100 * adopt_epay_power / households",
        ),
        (
            "team_coverage_pct",
            "Tỷ lệ xã, thôn có tổ CNS cộng đồng",
            "Communes and villages with a tech team",
            "100 * units_with_team / units_commune_village",
        ),
        (
            "org_groups_pct",
            "Tỷ lệ hội viên tham gia nhóm Zalo của chi hội",
            "Organisation members in their group chats",
            "100 * (org_in_group_women + org_in_group_farmers + org_in_group_veterans + org_in_group_youth) / (org_members_women + org_members_farmers + org_members_veterans + org_members_youth)",
        ),
    ];
    for (code, vi, en, formula) in defs {
        let input = IndicatorInput {
            code: code.into(),
            name_vi: vi.into(),
            name_en: en.into(),
            formula: formula.into(),
            unit_label: "%".into(),
        };
        indicators::create_indicator(ctx, system, &input).await?;
    }
    let targets = [
        ("zalo_pct", province, 70.0, "2022-12-31"),
        ("team_coverage_pct", province, 100.0, "2022-06-30"),
        ("vneid_pct", province, 60.0, "2022-12-31"),
        ("zalo_pct", khe_banh, 80.0, "2022-06-30"),
    ];
    for (indicator, unit, threshold, deadline) in targets {
        let input = TargetInput {
            indicator: indicator.into(),
            unit: unit.into(),
            threshold,
            direction: "higher_is_better".into(),
            deadline: deadline.parse().expect("date"),
        };
        indicators::create_target(ctx, system, &input, day).await?;
    }
    Ok(())
}
