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

/// What happens to a demo goal: its status entries (status, day, note,
/// evidence link).
type Marks = &'static [(&'static str, &'static str, &'static str, &'static str)];

/// A demo goal: code, text, owner, link (key, threshold), deadline,
/// real (from the article), marks.
type DemoGoal = (
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, f64)>,
    &'static str,
    bool,
    Marks,
);

const STTTT: &str = "Sở Thông tin và Truyền thông";
const VP_UBND: &str = "Văn phòng UBND tỉnh";
const VP_TU: &str = "Văn phòng Tỉnh ủy";
const NOI_VU: &str = "Sở Nội vụ";
const GD: &str = "Sở Giáo dục và Đào tạo";
const YTE: &str = "Sở Y tế";
const NN: &str = "Sở Nông nghiệp và Phát triển nông thôn";
const CONG_AN: &str = "Công an tỉnh";
const HUYEN: &str = "UBND các huyện, thị xã, thành phố";

const LINK: &str = "https://stttt.yenbai.gov.vn/";

const GOALS: [DemoGoal; 38] = [
    (
        "MT-01",
        "100% xã, phường, thị trấn và thôn, bản, tổ dân phố thành lập tổ công nghệ số cộng đồng",
        STTTT,
        Some(("teams.coverage_pct", 100.0)),
        "2022-06-30",
        true,
        &[],
    ),
    (
        "MT-02",
        "Tổ công nghệ số cộng đồng toàn tỉnh có trên 10.000 thành viên",
        STTTT,
        Some(("teams.members", 10_000.0)),
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-03",
        "100% cán bộ, công chức, viên chức sử dụng các nền tảng số dùng chung của tỉnh",
        NOI_VU,
        None,
        "2022-12-31",
        true,
        &[],
    ),
    (
        "MT-04",
        "Duy trì mạng truyền số liệu chuyên dùng tại 100% sở, ban, ngành, UBND cấp huyện, cấp xã",
        STTTT,
        None,
        "2022-06-30",
        true,
        &[(
            "achieved",
            "2022-03-31",
            "Biên bản kiểm tra kết nối mạng truyền số liệu chuyên dùng quý I/2022 (minh chứng mẫu)",
            LINK,
        )],
    ),
    (
        "MT-05",
        "Tổ chức hội nghị trực tuyến triển khai nhiệm vụ CĐS tới 100% xã, phường, thị trấn",
        VP_TU,
        None,
        "2022-03-31",
        true,
        &[(
            "achieved",
            "2022-02-15",
            "Hội nghị trực tuyến của Ban Thường vụ Tỉnh ủy tới 173 điểm cầu cấp xã (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-06",
        "100% đảng viên các chi bộ thí điểm cài đặt, sử dụng Sổ tay đảng viên điện tử",
        VP_TU,
        None,
        "2022-06-30",
        false,
        &[(
            "achieved",
            "2022-05-31",
            "Báo cáo của Văn phòng Tỉnh ủy về sử dụng Sổ tay đảng viên điện tử (minh chứng mẫu)",
            LINK,
        )],
    ),
    (
        "MT-07",
        "Mỗi huyện, thị xã, thành phố có ít nhất một trường học số",
        GD,
        None,
        "2022-09-05",
        false,
        &[(
            "achieved",
            "2022-05-20",
            "Danh sách trường học số do Sở GD&ĐT công nhận (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-08",
        "100% trường học thu học phí không dùng tiền mặt",
        GD,
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-09",
        "Trên 60% hộ gia đình tham gia nhóm Zalo của thôn, tổ dân phố",
        HUYEN,
        Some(("households.zalo_group_pct", 60.0)),
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-10",
        "Trên 50% hộ gia đình có điện thoại thông minh",
        STTTT,
        Some(("households.smartphone_pct", 50.0)),
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-11",
        "80% hộ gia đình cài đặt, kích hoạt ứng dụng VNeID",
        CONG_AN,
        Some(("households.vneid_pct", 80.0)),
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-12",
        "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt 30%",
        VP_UBND,
        None,
        "2022-06-15",
        false,
        &[],
    ),
    (
        "MT-13",
        "Đưa Trung tâm Điều hành thông minh (IOC) của tỉnh vào vận hành giai đoạn 1",
        STTTT,
        None,
        "2022-06-30",
        false,
        &[(
            "achieved",
            "2022-04-28",
            "Quyết định đưa IOC vào vận hành (minh chứng mẫu)",
            LINK,
        )],
    ),
    (
        "MT-14",
        "100% văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử (trừ văn bản mật)",
        VP_UBND,
        None,
        "2022-06-30",
        false,
        &[(
            "achieved",
            "2022-03-15",
            "Số liệu hệ thống quản lý văn bản và điều hành quý I/2022 (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-15",
        "Liên thông hệ thống quản lý văn bản 4 cấp: tỉnh, huyện, xã, thôn",
        STTTT,
        None,
        "2022-09-30",
        false,
        &[
            (
                "achieved",
                "2022-04-15",
                "Báo cáo của đơn vị triển khai (minh chứng mẫu)",
                "",
            ),
            (
                "not_achieved",
                "2022-05-10",
                "Kiểm tra lại: mới liên thông 3 cấp, cấp thôn chưa kết nối",
                "",
            ),
        ],
    ),
    (
        "MT-16",
        "Số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        VP_UBND,
        None,
        "2022-05-31",
        false,
        &[],
    ),
    (
        "MT-17",
        "80% hộ nghèo, hộ chính sách được hỗ trợ tiếp cận điện thoại thông minh",
        "Sở Lao động – Thương binh và Xã hội",
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-18",
        "100% bệnh viện tuyến tỉnh, tuyến huyện triển khai khám chữa bệnh từ xa",
        YTE,
        None,
        "2022-06-30",
        false,
        &[(
            "achieved",
            "2022-06-10",
            "Báo cáo của Sở Y tế về nền tảng khám chữa bệnh từ xa (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-19",
        "Sử dụng thẻ BHYT điện tử (VssID) tại 100% cơ sở khám chữa bệnh BHYT",
        "Bảo hiểm xã hội tỉnh",
        None,
        "2022-09-30",
        false,
        &[(
            "achieved",
            "2022-08-10",
            "Báo cáo của BHXH tỉnh (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-20",
        "70% hộ gia đình thanh toán tiền điện không dùng tiền mặt",
        "Công ty Điện lực Yên Bái",
        Some(("households.epay_power_pct", 70.0)),
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-21",
        "5.000 hộ sản xuất nông nghiệp bán hàng trên sàn thương mại điện tử",
        "Sở Công Thương",
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-22",
        "Đưa 100% sản phẩm OCOP của tỉnh lên sàn thương mại điện tử",
        NN,
        None,
        "2022-06-15",
        false,
        &[],
    ),
    (
        "MT-23",
        "Truy xuất nguồn gốc điện tử cho các sản phẩm quế, chè chủ lực",
        NN,
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-24",
        "Số hóa bản đồ du lịch và điểm đến tiêu biểu Mù Cang Chải, Nghĩa Lộ",
        "Sở Văn hóa, Thể thao và Du lịch",
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-25",
        "Khai trương cổng dữ liệu mở của tỉnh",
        STTTT,
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-26",
        "Kết nối nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGSP) với nền tảng quốc gia (NDXP)",
        STTTT,
        None,
        "2022-03-31",
        false,
        &[(
            "achieved",
            "2022-01-28",
            "Văn bản xác nhận kết nối LGSP – NDXP (minh chứng mẫu)",
            LINK,
        )],
    ),
    (
        "MT-27",
        "100% cơ quan, đơn vị, địa phương phân công cán bộ phụ trách CĐS",
        NOI_VU,
        None,
        "2022-03-31",
        false,
        &[(
            "achieved",
            "2022-03-01",
            "Tổng hợp danh sách cán bộ phụ trách CĐS (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-28",
        "Ban hành Bộ tiêu chí xã CĐS, xã CĐS nâng cao năm 2022",
        STTTT,
        None,
        "2022-03-31",
        false,
        &[(
            "achieved",
            "2022-02-25",
            "Quyết định ban hành Bộ tiêu chí (minh chứng mẫu)",
            LINK,
        )],
    ),
    (
        "MT-29",
        "Ít nhất 30% số xã, phường, thị trấn đăng ký thực hiện CĐS năm 2022",
        STTTT,
        None,
        "2022-09-30",
        false,
        &[],
    ),
    (
        "MT-30",
        "100% cán bộ, công chức cấp xã được tập huấn kỹ năng số",
        NOI_VU,
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-31",
        "Phủ sóng di động 4G tới 100% thôn, bản",
        STTTT,
        None,
        "2022-06-15",
        false,
        &[],
    ),
    (
        "MT-32",
        "Phát động phong trào “Tự hào tôi là công dân số” tại 100% huyện, thị xã, thành phố",
        "Tỉnh đoàn Yên Bái",
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-33",
        "Bảo đảm an toàn thông tin theo cấp độ cho 100% hệ thống thông tin của tỉnh",
        CONG_AN,
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-34",
        "98% doanh nghiệp nộp thuế điện tử",
        "Cục Thuế tỉnh",
        None,
        "2022-09-30",
        false,
        &[(
            "achieved",
            "2022-07-15",
            "Báo cáo 6 tháng của Cục Thuế (minh chứng mẫu)",
            "",
        )],
    ),
    (
        "MT-35",
        "100% UBND cấp xã họp trực tuyến trên nền tảng dùng chung",
        STTTT,
        None,
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-36",
        "Chỉ số CĐS (DTI) của tỉnh thuộc nhóm 30 tỉnh, thành phố dẫn đầu",
        STTTT,
        None,
        "2022-12-31",
        false,
        &[(
            "achieved",
            "2023-07-20",
            "Bộ TT&TT công bố DTI 2022: Yên Bái xếp thứ 15/63",
            "",
        )],
    ),
    (
        "MT-37",
        "40% hộ gia đình sử dụng dịch vụ công trực tuyến",
        VP_UBND,
        Some(("households.online_services_pct", 40.0)),
        "2022-12-31",
        false,
        &[],
    ),
    (
        "MT-38",
        "100% UBND cấp xã có trang thông tin điện tử hoặc tài khoản Zalo OA",
        HUYEN,
        None,
        "2022-12-31",
        false,
        &[],
    ),
];

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
