//! The demo: Yên Bái as of 2022-06-30, generated deterministically from one
//! seed through the same operations users go through.
//!
//! Real names only where the founding article gives them (Khe Bành in
//! Châu Quế Hạ); every generated village is marked synthetic. Later parts
//! (households, teams, party cells) add their records here, from the same
//! seeded generator.

use chrono::NaiveDate;

mod criteria;
pub mod field;
mod goals;
mod party;
mod programme;

use crate::domain::rng::SeededRng;
use crate::domain::unit::Level;
use crate::error::AppResult;
use crate::service::accounts::{self, GrantInput, NewUser};
use crate::service::units::{self, NewVillage};
use crate::service::{Actor, Ctx, teams};

pub const SEED: u64 = 20_220_630;
pub const PROVINCE: &str = "15";
pub const KHE_BANH_COMMUNE: &str = "04387";
pub const PASSWORD: &str = "tinhso-demo";

/// The day the demo speaks of.
pub fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 6, 30).expect("valid date")
}

/// How much of the province the demo fills with villages and what they hold
/// (households, teams, party cells and their meetings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every district of Yên Bái: the demo `tinhso demo` serves, the one the
    /// article's figures and the browser tests speak of.
    Province,
    /// Văn Yên only (Khe Bành's district), its villages with a tenth of the
    /// households: the small fixture of the API test suite, built in about a
    /// second and copied for each test. Official lists, accounts, criteria and
    /// goals are the same as in `Province`.
    District,
}

impl Scope {
    /// Whether the demo puts villages in the communes of `district`.
    fn covers(self, district: &str) -> bool {
        match self {
            Scope::Province => true,
            Scope::District => district == field::VAN_YEN,
        }
    }
}

/// A demo account, as printed at start.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoAccount {
    pub username: String,
    pub role: String,
    pub unit: String,
}

/// Stems for synthetic village names (common in the northern uplands).
const STEMS: [&str; 24] = [
    "Đồng Tâm",
    "Tân Lập",
    "Khe Cam",
    "Làng Mới",
    "Hợp Thành",
    "Trung Tâm",
    "Đoàn Kết",
    "Thác Cạn",
    "Ngòi Kè",
    "Cầu Khai",
    "Phúc Lợi",
    "Khe Dứa",
    "Nậm Tộc",
    "Làng Dạo",
    "An Bình",
    "Gốc Đa",
    "Hồng Phong",
    "Quyết Tiến",
    "Khe Lép",
    "Đồng Bục",
    "Làng Chạp",
    "Bản Lụ",
    "Pang Cáng",
    "Nà Héo",
];

/// Generate the demo into an empty database: the official lists, Yên Bái's
/// villages, one account per role.
pub async fn generate(ctx: &Ctx) -> AppResult<Vec<DemoAccount>> {
    generate_scoped(ctx, Scope::Province).await
}

/// Generate the demo, with villages only where `scope` says.
pub async fn generate_scoped(ctx: &Ctx, scope: Scope) -> AppResult<Vec<DemoAccount>> {
    let system = Actor::system("demo");
    units::load_builtin(ctx, &system).await?;
    let day = demo_day();
    let mut rng = SeededRng::new(SEED);

    let communes: Vec<(String, String)> = {
        let h = ctx.hierarchy();
        let province = h
            .find(&PROVINCE.parse()?, day)
            .expect("province 15 on the demo day");
        let mut out = Vec::new();
        for district in h.children(&province) {
            if !scope.covers(district.unit.code.as_str()) {
                continue;
            }
            for c in h.children(&district) {
                debug_assert_eq!(c.unit.level, Level::Commune);
                out.push((c.unit.code.to_string(), c.unit.unit_type.clone()));
            }
        }
        out
    };
    let mut items = Vec::new();
    for (code, unit_type) in &communes {
        let n = rng.range(6, 11);
        if code == KHE_BANH_COMMUNE {
            items.push((
                code.clone(),
                NewVillage {
                    name: "Khe Bành".into(),
                    unit_type: Some("thôn".into()),
                    ..Default::default()
                },
            ));
        }
        for i in 1..=n {
            let (name, t) = if unit_type == "xã" {
                let t = if rng.range(0, 3) == 0 {
                    "bản"
                } else {
                    "thôn"
                };
                (format!("{} {i}", rng.pick(&STEMS)), t)
            } else {
                (format!("số {i}"), "tổ dân phố")
            };
            items.push((
                code.clone(),
                NewVillage {
                    name,
                    unit_type: Some(t.into()),
                    valid_from: None,
                    synthetic: true,
                },
            ));
        }
    }
    units::import_villages(ctx, &system, day, &items).await?;
    // The villages live on through the 2025 changes, under the communes
    // that continue theirs, so that today's pages show them too.
    for effective in ["2025-01-01", "2025-07-01"] {
        units::carry_villages(ctx, &system, effective.parse().expect("date")).await?;
    }

    let khe_banh = {
        let h = ctx.hierarchy();
        let hits = h.search("khe banh", day, None, 5);
        hits.iter()
            .find(|n| n.unit.level == Level::Village)
            .map(|n| n.unit.code.to_string())
            .expect("Khe Bành exists")
    };
    field::generate(ctx, &system, PROVINCE, &khe_banh, day, scope, &mut rng).await?;
    let plan: [(&str, &str, &str, Option<&str>); 8] = [
        ("admin", "Quản trị hệ thống", "admin", None),
        (
            "tinh",
            "Cán bộ Sở TT&TT Yên Bái",
            "province_officer",
            Some(PROVINCE),
        ),
        (
            "huyen",
            "Cán bộ huyện Văn Yên",
            "district_officer",
            Some("136"),
        ),
        (
            "xa",
            "Cán bộ xã Châu Quế Hạ",
            "commune_officer",
            Some(KHE_BANH_COMMUNE),
        ),
        (
            "todan",
            "Tổ viên tổ CNS Khe Bành",
            "team_member",
            Some(&khe_banh),
        ),
        (
            "bithu",
            "Bí thư chi bộ Khe Bành",
            "party_secretary",
            Some(&khe_banh),
        ),
        (
            "dangvien",
            "Đảng viên chi bộ Khe Bành",
            "party_member",
            Some(&khe_banh),
        ),
        ("xem", "Người xem (tỉnh Yên Bái)", "viewer", Some(PROVINCE)),
    ];
    let mut accounts_out = Vec::new();
    for (username, display, role, unit) in plan {
        let input = NewUser {
            username: username.into(),
            display_name: display.into(),
            password: PASSWORD.into(),
            grants: vec![GrantInput {
                role: role.into(),
                unit: unit.map(str::to_owned),
            }],
        };
        let view = accounts::create_user(ctx, &system, &input, day).await?;
        accounts_out.push(DemoAccount {
            username: view.username,
            role: role.into(),
            unit: view.grants[0]
                .unit_name
                .clone()
                .unwrap_or_else(|| "cả nước".into()),
        });
    }
    // The team member account records help as the leader of Khe Bành's team.
    link_field_account(ctx, &system, &khe_banh, day).await?;
    party::generate(ctx, &system, day, SEED).await?;
    criteria::generate(ctx, &system, PROVINCE, day, SEED).await?;
    programme::generate(ctx, &system, PROVINCE).await?;
    crate::service::meta::mark_demo(ctx, &system).await?;
    Ok(accounts_out)
}

async fn link_field_account(
    ctx: &Ctx,
    system: &Actor,
    village: &str,
    day: NaiveDate,
) -> AppResult<()> {
    let teams = teams::teams_near(ctx, system, village, day).await?;
    if let Some(leader) = teams
        .first()
        .and_then(|t| t.members.iter().find(|m| m.role == "leader"))
    {
        teams::link_user(ctx, system, leader.id, "todan").await?;
    }
    Ok(())
}
