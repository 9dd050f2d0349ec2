//! The programme's part of the demo: Yên Bái's 38 provincial DX goals for
//! 2022 and its pilot DX models, entered through the same operations an
//! officer uses (`goals::create`, `goals::mark`, `models::create`,
//! `models::add_deployment`, `models::set_status`), so every record is
//! checked and audited like a real one.
//!
//! The founding article gives the totals (14 of 38 goals achieved by the
//! end of June 2022; 10 models deployed, 6 of them effective, among them
//! digital schools, the party-member e-handbook and the community tech
//! teams) and a few goals and models by name; those are marked real
//! (`synthetic: false`), the rest are plausible texts marked synthetic.
//! Of the 14 achieved goals, 4 are linked to figures that the demo's
//! records meet on 2022-06-30 (team coverage, team members, households in
//! the village Zalo group, households with a smartphone) and 10 were
//! marked achieved by an officer; some goals are overdue, one was marked
//! achieved and then withdrawn, some are achieved after the demo day.
//! Deterministic: no randomness is needed.

use crate::error::AppResult;
use crate::service::goals::{self, GoalInput, StatusInput};
use crate::service::models::{self, DeploymentInput, ModelInput, ModelStatusInput};
use crate::service::{Actor, Ctx};

use super::goals::GOALS;

/// A demo model: name, field, description, real (from the article),
/// indicators, planned on, deployments (unit code, day), statuses after
/// planned (status, day, evaluation).
type DemoModel = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static [&'static str],
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str, &'static str)],
);

const MODELS: [DemoModel; 12] = [
    (
        "Trường học số",
        "education",
        "Sổ liên lạc điện tử, học bạ số, thu học phí không dùng tiền mặt tại các trường thí điểm.",
        true,
        &["households.epay_school_pct"],
        "2021-11-15",
        &[
            ("132", "2022-01-10"),
            ("136", "2022-01-10"),
            ("141", "2022-01-17"),
        ],
        &[
            ("deployed", "2022-01-10", ""),
            (
                "effective",
                "2022-05-31",
                "Đạt và vượt chỉ tiêu kế hoạch: các trường thí điểm dùng học bạ số và thu học phí không dùng tiền mặt.",
            ),
        ],
    ),
    (
        "Sổ tay đảng viên điện tử",
        "party",
        "Nền tảng “Sổ tay đảng viên điện tử tỉnh Yên Bái” phục vụ sinh hoạt chi bộ.",
        true,
        &[],
        "2021-10-01",
        &[("15", "2022-01-05")],
        &[
            ("deployed", "2022-01-05", ""),
            (
                "effective",
                "2022-04-30",
                "Đạt và vượt chỉ tiêu: đảng viên các chi bộ thí điểm cài đặt và dùng trong sinh hoạt chi bộ (Khe Bành 15/15).",
            ),
        ],
    ),
    (
        "Tổ công nghệ số cộng đồng",
        "community",
        "Tổ CĐS cộng đồng cấp xã, cấp thôn hướng dẫn người dân dùng dịch vụ số.",
        true,
        &["teams.coverage_pct", "teams.members"],
        "2021-11-01",
        &[("136", "2021-12-15"), ("15", "2022-02-10")],
        &[
            ("deployed", "2021-12-15", ""),
            (
                "effective",
                "2022-06-15",
                "Đạt và vượt chỉ tiêu: 100% xã, thôn có tổ, 10.851 thành viên.",
            ),
        ],
    ),
    (
        "Thôn số Khe Bành",
        "community",
        "Chọn thôn khó khăn nhất của xã Châu Quế Hạ làm điểm CĐS.",
        true,
        &["households.zalo_group_pct"],
        "2022-02-01",
        &[("04387", "2022-03-01")],
        &[
            ("deployed", "2022-03-01", ""),
            (
                "effective",
                "2022-06-25",
                "85% hộ vào nhóm Zalo thôn, 100% hội viên các đoàn thể trong nhóm của hội.",
            ),
        ],
    ),
    (
        "Phong trào “Tự hào tôi là công dân số”",
        "community",
        "Phong trào do huyện Văn Yên phát động.",
        true,
        &["households.vneid_pct"],
        "2022-01-15",
        &[("136", "2022-02-15")],
        &[
            ("deployed", "2022-02-15", ""),
            (
                "effective",
                "2022-06-20",
                "Lan tỏa tới các xã của huyện; số hộ dùng dịch vụ số tăng rõ.",
            ),
        ],
    ),
    (
        "Thanh toán học phí không dùng tiền mặt",
        "education",
        "Các trường thu học phí qua ngân hàng, ví điện tử.",
        false,
        &["households.epay_school_pct"],
        "2022-01-20",
        &[("132", "2022-02-20")],
        &[
            ("deployed", "2022-02-20", ""),
            (
                "effective",
                "2022-06-10",
                "Phần lớn phụ huynh ở thành phố nộp học phí không dùng tiền mặt.",
            ),
        ],
    ),
    (
        "Khám chữa bệnh từ xa",
        "health",
        "Kết nối bệnh viện tỉnh với trung tâm y tế huyện vùng cao.",
        false,
        &["households.telemedicine_pct"],
        "2022-02-01",
        &[("133", "2022-03-15"), ("137", "2022-03-15")],
        &[("deployed", "2022-03-15", "")],
    ),
    (
        "Chợ 4.0 – thanh toán không dùng tiền mặt tại chợ",
        "economy",
        "Tiểu thương nhận thanh toán bằng mã QR.",
        false,
        &[],
        "2022-02-15",
        &[("132", "2022-04-01")],
        &[
            ("deployed", "2022-04-01", ""),
            (
                "not_effective",
                "2022-06-28",
                "Ít tiểu thương và người mua dùng mã QR; cần tuyên truyền thêm trước khi nhân rộng.",
            ),
        ],
    ),
    (
        "Truy xuất nguồn gốc quế Văn Yên",
        "agriculture",
        "Tem truy xuất nguồn gốc điện tử cho sản phẩm quế.",
        false,
        &[],
        "2022-03-01",
        &[("136", "2022-04-20")],
        &[("deployed", "2022-04-20", "")],
    ),
    (
        "Du lịch thông minh Mù Cang Chải",
        "tourism",
        "Bản đồ số, vé điện tử và thuyết minh tự động tại điểm du lịch.",
        false,
        &[],
        "2022-03-10",
        &[("137", "2022-05-15")],
        &[("deployed", "2022-05-15", "")],
    ),
    (
        "Một cửa điện tử liên thông cấp xã",
        "government",
        "Tiếp nhận và trả kết quả thủ tục hành chính cấp xã trực tuyến.",
        false,
        &["households.online_services_pct"],
        "2022-03-01",
        &[("138", "2022-08-15")],
        &[("deployed", "2022-08-15", "")],
    ),
    (
        "Nông nghiệp thông minh vùng chè Suối Giàng",
        "agriculture",
        "Cảm biến và tưới tự động cho vùng chè Shan tuyết.",
        false,
        &[],
        "2022-05-01",
        &[],
        &[],
    ),
];

/// Enter the programme's demo records for province `province`.
pub async fn generate(ctx: &Ctx, system: &Actor, province: &str) -> AppResult<()> {
    for (code, text, owner, link, deadline, real, marks) in GOALS {
        let input = GoalInput {
            period: "2022".into(),
            code: code.into(),
            text_vi: text.into(),
            text_en: String::new(),
            owner: owner.into(),
            link_key: link.map(|(k, _)| k.to_owned()),
            threshold: link.map(|(_, t)| t),
            direction: link.map(|_| "higher_is_better".to_owned()),
            deadline: deadline.into(),
            synthetic: !real,
        };
        let goal = goals::create(ctx, system, province, &input).await?;
        for (status, on, note, url) in marks {
            let by = Actor::system(&format!("{owner} (demo)"));
            let input = StatusInput {
                status: (*status).into(),
                on: (*on).into(),
                note: (*note).into(),
                evidence_url: (!url.is_empty()).then(|| (*url).to_owned()),
                evidence_ids: Vec::new(),
            };
            goals::mark(ctx, &by, goal.id, &input, None).await?;
        }
    }
    let committee = Actor::system("Ban Chỉ đạo CĐS tỉnh (demo)");
    for (name, field, description, real, indicators, planned_on, deployments, statuses) in MODELS {
        let input = ModelInput {
            name: name.into(),
            field: field.into(),
            description: description.into(),
            indicators: indicators.iter().map(|s| (*s).to_owned()).collect(),
            planned_on: planned_on.into(),
            synthetic: !real,
        };
        let model = models::create(ctx, &committee, province, &input).await?;
        for (unit, on) in deployments {
            let input = DeploymentInput {
                unit: (*unit).into(),
                on: (*on).into(),
                note: String::new(),
            };
            models::add_deployment(ctx, &committee, model.id, &input).await?;
        }
        for (status, on, evaluation) in statuses {
            let input = ModelStatusInput {
                status: (*status).into(),
                on: (*on).into(),
                evaluation: (*evaluation).into(),
            };
            models::set_status(ctx, &committee, model.id, &input).await?;
        }
    }
    Ok(())
}
