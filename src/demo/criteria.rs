//! The demo's programme records for criteria: Yên Bái's 2022 commune
//! criteria set (synthetic criteria; the article gives none), 72 of 173
//! communes registered (69 "xã CĐS", 3 "xã CĐS nâng cao") at various
//! workflow stages, the 2022 DTI-style index set with the province's
//! self-assessed values, and the official ranks the article's programme
//! quotes (27/63 and 15/63) with the target of 30/63 or better by 2025.
//!
//! Everything goes through the service operations, as a user's requests
//! would; the figure-linked criteria read the demo's field records.

use chrono::{Duration, NaiveDate};

use crate::domain::criteria::{
    CriterionDef, DTI_2022_PILLARS, GroupDef, GroupKind, LevelDef, Scoring, SetDef, Step,
};
use crate::domain::metric::Direction;
use crate::domain::rng::SeededRng;
use crate::error::AppResult;
use crate::service::criteria::index::{self, ResultInput, TargetInput};
use crate::service::criteria::registrations::{self, RegisterInput, StepInput};
use crate::service::criteria::{
    self as criteria, SetInput, Stage, ValueInput, create_set, enter_values,
};
use crate::service::{Actor, Ctx};

/// The commune the browser tests register by hand: left unregistered.
const LEFT_FOR_THE_TESTS: &str = "04387";

fn group(code: &str, vi: &str, en: &str, kind: GroupKind) -> GroupDef {
    GroupDef {
        code: code.into(),
        name_vi: vi.into(),
        name_en: en.into(),
        kind,
        section: None,
        max_points: None,
    }
}

fn crit(
    code: &str,
    group: &str,
    vi: &str,
    en: &str,
    source: Option<&str>,
    scoring: Scoring,
    agency: &str,
) -> CriterionDef {
    CriterionDef {
        code: code.into(),
        group: group.into(),
        name_vi: vi.into(),
        name_en: en.into(),
        max_points: 10.0,
        source: source.map(str::to_owned),
        scoring,
        direction: Direction::HigherIsBetter,
        pass_points: None,
        agency: agency.into(),
    }
}

fn steps(s: &[(f64, f64)]) -> Scoring {
    Scoring::Steps {
        steps: s.iter().map(|&(at, points)| Step { at, points }).collect(),
    }
}

/// The 2022 commune criteria set (synthetic, in the shape of the
/// provinces' "xã chuyển đổi số" criteria).
pub fn commune_set_2022() -> SetDef {
    let stt = "Sở TT&TT";
    SetDef {
        groups: vec![
            group(
                "mandatory",
                "Tiêu chí bắt buộc",
                "Mandatory criteria",
                GroupKind::Mandatory,
            ),
            group(
                "extended",
                "Tiêu chí mở rộng",
                "Extended criteria",
                GroupKind::Extended,
            ),
        ],
        criteria: vec![
            crit(
                "m01",
                "mandatory",
                "Xã và 100% thôn, bản có tổ công nghệ số cộng đồng",
                "A community tech team in the commune and every village",
                Some("teams.coverage_pct"),
                steps(&[(100.0, 10.0)]),
                stt,
            ),
            crit(
                "m02",
                "mandatory",
                "Tỷ lệ hộ gia đình tham gia nhóm Zalo của thôn (%)",
                "Households in their village Zalo group (%)",
                Some("households.zalo_group_pct"),
                steps(&[(50.0, 5.0), (70.0, 8.0), (85.0, 10.0)]),
                stt,
            ),
            crit(
                "m03",
                "mandatory",
                "100% cán bộ, công chức xã xử lý văn bản trên hệ thống quản lý văn bản điều hành",
                "Every commune official handles documents in the e-office system",
                None,
                Scoring::YesNo,
                stt,
            ),
            crit(
                "m04",
                "mandatory",
                "Trang thông tin điện tử của xã hoạt động, cập nhật thường xuyên",
                "The commune's web page is live and kept up to date",
                None,
                Scoring::YesNo,
                stt,
            ),
            crit(
                "m05",
                "mandatory",
                "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến (%)",
                "Administrative procedures filed online (%)",
                None,
                steps(&[(30.0, 5.0), (50.0, 10.0)]),
                "Văn phòng UBND tỉnh",
            ),
            crit(
                "e01",
                "extended",
                "Tỷ lệ hộ có điện thoại thông minh (%)",
                "Households with a smartphone (%)",
                Some("households.smartphone_pct"),
                steps(&[(60.0, 6.0), (80.0, 10.0)]),
                stt,
            ),
            crit(
                "e02",
                "extended",
                "Tỷ lệ hộ có kết nối internet tại nhà (%)",
                "Households with internet at home (%)",
                Some("households.internet_pct"),
                steps(&[(40.0, 6.0), (60.0, 10.0)]),
                "Viettel, VNPT",
            ),
            crit(
                "e03",
                "extended",
                "Tỷ lệ hộ thanh toán tiền điện không dùng tiền mặt (%)",
                "Households paying for power without cash (%)",
                Some("households.epay_power_pct"),
                steps(&[(35.0, 6.0), (50.0, 10.0)]),
                "Công ty Điện lực Yên Bái",
            ),
            crit(
                "e04",
                "extended",
                "Tỷ lệ hộ có tài khoản định danh điện tử VNeID (%)",
                "Households with a VNeID account (%)",
                Some("households.vneid_pct"),
                steps(&[(50.0, 6.0), (70.0, 10.0)]),
                "Công an tỉnh",
            ),
            crit(
                "e05",
                "extended",
                "Hội viên các đoàn thể tham gia nhóm chat của tổ chức (%)",
                "Mass-organisation members in their group chats (%)",
                Some("orgs.members_in_groups_pct"),
                steps(&[(80.0, 6.0), (95.0, 10.0)]),
                "Ủy ban MTTQ tỉnh",
            ),
            crit(
                "e06",
                "extended",
                "Có điểm truy cập wifi công cộng miễn phí",
                "Free public Wi-Fi",
                None,
                Scoring::YesNo,
                stt,
            ),
            crit(
                "e07",
                "extended",
                "Có sản phẩm OCOP, nông sản bán trên sàn thương mại điện tử",
                "Local products sold on e-commerce platforms",
                None,
                Scoring::YesNo,
                "Sở Công Thương",
            ),
            crit(
                "e08",
                "extended",
                "Trường học trên địa bàn triển khai mô hình trường học số",
                "Schools run the digital-school model",
                None,
                Scoring::YesNo,
                "Sở Giáo dục và Đào tạo",
            ),
        ],
        levels: vec![
            LevelDef {
                code: "cds".into(),
                name_vi: "Xã chuyển đổi số".into(),
                name_en: "Digital commune".into(),
                extended_min_pct: 30.0,
                min_points: None,
                requires: vec![],
            },
            LevelDef {
                code: "cds_advanced".into(),
                name_vi: "Xã chuyển đổi số nâng cao".into(),
                name_en: "Advanced digital commune".into(),
                extended_min_pct: 60.0,
                min_points: Some(90.0),
                requires: vec!["m05".into()],
            },
        ],
    }
}

/// The 2022 DTI-style index set: the eight pillars with their maxima and
/// a few components each (synthetic components in the index's shape).
pub fn dti_set_2022() -> SetDef {
    let mut groups = Vec::new();
    let mut criteria = Vec::new();
    for (section, code, vi, en, max) in DTI_2022_PILLARS {
        groups.push(GroupDef {
            code: code.into(),
            name_vi: vi.into(),
            name_en: en.into(),
            kind: GroupKind::Pillar,
            section: Some(section.into()),
            max_points: Some(max),
        });
        let half = max / 2.0;
        let mut c = |suffix: &str,
                     vi: &str,
                     en: &str,
                     source: Option<&str>,
                     scoring: Scoring,
                     points: f64| {
            criteria.push(CriterionDef {
                code: format!("{code}_{suffix}"),
                group: code.into(),
                name_vi: vi.into(),
                name_en: en.into(),
                max_points: points,
                source: source.map(str::to_owned),
                scoring,
                direction: Direction::HigherIsBetter,
                pass_points: None,
                agency: "Bộ TT&TT".into(),
            });
        };
        let pct = || Scoring::Ratio { of: "100".into() };
        match code {
            "digital_society" => {
                c(
                    "zalo",
                    "Tỷ lệ hộ tham gia nhóm Zalo thôn",
                    "Households in village Zalo groups",
                    Some("households.zalo_group_pct"),
                    pct(),
                    half,
                );
                c(
                    "teams",
                    "Tổ công nghệ số cộng đồng phủ kín xã, thôn",
                    "Community tech teams in every commune and village",
                    Some("teams.coverage_pct"),
                    pct(),
                    half,
                );
            }
            "digital_economy" => {
                c(
                    "epay",
                    "Tỷ lệ hộ thanh toán điện không dùng tiền mặt",
                    "Households paying for power without cash",
                    Some("households.epay_power_pct"),
                    pct(),
                    half,
                );
                c(
                    "ecommerce",
                    "Doanh nghiệp, hộ kinh doanh trên sàn TMĐT (%)",
                    "Firms and household businesses on e-commerce (%)",
                    None,
                    pct(),
                    half,
                );
            }
            _ => {
                c(
                    "a",
                    &format!("{vi}: chỉ tiêu thành phần 1 (%)"),
                    &format!("{en}: component 1 (%)"),
                    None,
                    pct(),
                    half,
                );
                c(
                    "b",
                    &format!("{vi}: chỉ tiêu thành phần 2 (%)"),
                    &format!("{en}: component 2 (%)"),
                    None,
                    pct(),
                    half,
                );
            }
        }
    }
    SetDef {
        groups,
        criteria,
        levels: vec![],
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Generate the criteria sets, registrations and index records.
pub async fn generate(
    ctx: &Ctx,
    system: &Actor,
    province: &str,
    day: NaiveDate,
    seed: u64,
) -> AppResult<()> {
    let mut rng = SeededRng::new(seed ^ 0x0c71_7e21);
    let start = NaiveDate::from_ymd_opt(2022, 1, 10).expect("valid date");
    let set = create_set(
        ctx,
        system,
        &SetInput {
            code: "xa_cds".into(),
            year: 2022,
            kind: "commune".into(),
            name_vi: "Bộ tiêu chí xã chuyển đổi số tỉnh Yên Bái năm 2022".into(),
            name_en: "Yên Bái digital-commune criteria 2022".into(),
            unit: province.into(),
            definition: commune_set_2022(),
        },
        start,
    )
    .await?;

    // The next year's version asks more (versioned by year, not edited).
    let mut next = commune_set_2022();
    if let Some(m02) = next.criteria.iter_mut().find(|c| c.code == "m02") {
        m02.scoring = steps(&[(60.0, 5.0), (75.0, 8.0), (90.0, 10.0)]);
    }
    next.levels[0].extended_min_pct = 40.0;
    create_set(
        ctx,
        system,
        &SetInput {
            code: "xa_cds".into(),
            year: 2023,
            kind: "commune".into(),
            name_vi: "Bộ tiêu chí xã chuyển đổi số tỉnh Yên Bái năm 2023".into(),
            name_en: "Yên Bái digital-commune criteria 2023".into(),
            unit: province.into(),
            definition: next,
        },
        day,
    )
    .await?;

    // 72 of the province's communes register: 3 for the advanced level.
    let mut communes: Vec<String> = {
        let h = ctx.hierarchy();
        let p = h
            .find(&province.parse()?, day)
            .expect("the province on the demo day");
        h.subtree(&p)
            .filter(|u| u.level == crate::domain::unit::Level::Commune && u.valid_on(day))
            .map(|u| u.code.to_string())
            .filter(|c| c != LEFT_FOR_THE_TESTS)
            .collect()
    };
    rng.shuffle(&mut communes);
    communes.truncate(72);
    for (i, code) in communes.iter().enumerate() {
        let level = if i < 3 { "cds_advanced" } else { "cds" };
        let on = start + Duration::days(rng.range(10, 80) as i64);
        let reg = registrations::register(
            ctx,
            system,
            code,
            &RegisterInput {
                level: level.into(),
                year: 2022,
                on: Some(on),
            },
            day,
        )
        .await?;
        // How far each got by the demo day: the advanced ones and a third
        // of the rest went on to submit; some of those further.
        let stage = if i < 3 { 3 } else { rng.range(0, 6) };
        if stage == 0 || stage == 1 {
            continue;
        }
        let mut on = ymd(2022, 4, 1) + Duration::days(rng.range(0, 45) as i64);
        let good = i < 3 || rng.range(0, 10) < 8;
        let own = vec![
            ValueInput {
                criterion: "m03".into(),
                value: 1.0,
                note: "Báo cáo của UBND xã".into(),
                evidence: None,
            },
            ValueInput {
                criterion: "m04".into(),
                value: if good { 1.0 } else { 0.0 },
                note: String::new(),
                evidence: None,
            },
            ValueInput {
                criterion: "m05".into(),
                value: if i < 3 {
                    62.0
                } else {
                    rng.range(30, 70) as f64
                },
                note: "Số liệu Cổng dịch vụ công".into(),
                evidence: None,
            },
            ValueInput {
                criterion: "e06".into(),
                value: if good || rng.range(0, 2) == 0 {
                    1.0
                } else {
                    0.0
                },
                note: String::new(),
                evidence: None,
            },
            ValueInput {
                criterion: "e07".into(),
                value: if good || rng.range(0, 3) == 0 {
                    1.0
                } else {
                    0.0
                },
                note: String::new(),
                evidence: None,
            },
            ValueInput {
                criterion: "e08".into(),
                value: if i < 3 { 1.0 } else { 0.0 },
                note: String::new(),
                evidence: None,
            },
        ];
        enter_values(
            ctx,
            system,
            set.row.id,
            code,
            on,
            Stage::OwnAssessment,
            &own,
        )
        .await?;
        let step = |action: &str, note: &str, on: NaiveDate| StepInput {
            action: action.into(),
            note: note.into(),
            on: Some(on),
            version: None,
        };
        registrations::step(ctx, system, reg.row.id, &step("submit", "", on), day).await?;
        if stage == 2 {
            continue;
        }
        on = ymd(2022, 5, 20) + Duration::days(rng.range(0, 20) as i64);
        if !good {
            registrations::step(
                ctx,
                system,
                reg.row.id,
                &step("return", "Trang thông tin điện tử của xã chưa hoạt động (tiêu chí m04); đề nghị bổ sung minh chứng.", on),
                day,
            )
            .await?;
            continue;
        }
        registrations::step(
            ctx,
            system,
            reg.row.id,
            &step("verify", "Đã kiểm tra hồ sơ và minh chứng.", on),
            day,
        )
        .await?;
        if stage == 3 && i >= 3 {
            continue;
        }
        on = ymd(2022, 6, 15) + Duration::days(rng.range(0, 12) as i64);
        if on > day {
            continue;
        }
        // Recognised only where the records bear it out; else it waits.
        let set_now = criteria::get_set(ctx, set.row.id).await?;
        let ex = criteria::explain::explain_with(ctx, &set_now, reg.row.unit_id, on, None).await?;
        if ex.level(level).is_some_and(|l| l.result.met) {
            registrations::step(
                ctx,
                system,
                reg.row.id,
                &step("recognise", "Quyết định công nhận của UBND tỉnh.", on),
                day,
            )
            .await?;
        }
    }

    let dti = create_set(
        ctx,
        system,
        &SetInput {
            code: "dti".into(),
            year: 2022,
            kind: "index".into(),
            name_vi: "Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2022".into(),
            name_en: "Provincial digital-transformation index (DTI) 2022".into(),
            unit: province.into(),
            definition: dti_set_2022(),
        },
        start,
    )
    .await?;
    let mut values = Vec::new();
    for c in &dti.definition.criteria {
        if c.source.is_none() {
            values.push(ValueInput {
                criterion: c.code.clone(),
                value: rng.range(35, 90) as f64,
                note: "Tỉnh tự đánh giá (số liệu tổng hợp)".into(),
                evidence: None,
            });
        }
    }
    enter_values(
        ctx,
        system,
        dti.row.id,
        province,
        day,
        Stage::OwnAssessment,
        &values,
    )
    .await?;
    for (year, rank, published) in [(2021, 27, "2021-06-20"), (2022, 15, "2022-04-22")] {
        index::record_result(
            ctx,
            system,
            province,
            &ResultInput {
                year,
                rank,
                ranked_of: 63,
                score: None,
                published_on: published.parse().expect("a date"),
                source: "Bộ TT&TT công bố (ngày công bố là giả định của bản demo)".into(),
            },
            day,
        )
        .await?;
    }
    index::record_target(
        ctx,
        system,
        province,
        &TargetInput {
            year: 2025,
            rank: 30,
            note: "Đến năm 2025, Yên Bái đứng thứ 30/63 tỉnh, thành phố về CĐS".into(),
            on: Some(start),
        },
        day,
    )
    .await?;
    Ok(())
}
