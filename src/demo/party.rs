//! The handbook's part of the demo: a party tree over Yên Bái (the
//! provincial committee, a committee per district and per commune, a cell
//! per village), about 50,000 synthetic members, a regular meeting a month
//! in every cell from January to June 2022 with attendance, documents, and
//! handbook use. The Khe Bành cell has 15 members, the demo accounts
//! `bithu` (secretary) and `dangvien` among them, and all 15 use the
//! handbook (the founding article: "15/15 đảng viên").
//!
//! The generator only plans: it builds a `party::import::History` (ids local
//! to it) and hands it to `party::import::import_history`, the operation an
//! importer of a province's own records uses, which checks, writes it in one
//! transaction and audits it.

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

use crate::domain::hierarchy::Node;
use crate::domain::party::{MeetingKind, MeetingState, MemberStatus, OrgKind, Position};
use crate::domain::rng::SeededRng;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::party::documents::NewDocumentInput;
use crate::service::party::import::{
    self, History, ImportReport, NewMeeting, NewMember, NewOrg, TaskPlan,
};
use crate::service::{Actor, Ctx, accounts};

const FAMILY: [&str; 20] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hà", "Đặng", "Bùi", "Đỗ", "Lương", "Nông", "Triệu",
    "Bàn", "Lý", "Giàng", "Sùng", "Lò", "Vàng", "Đinh", "Vũ",
];
const MIDDLE_M: [&str; 5] = ["Văn", "Đức", "Minh", "Quang", "Xuân"];
const MIDDLE_F: [&str; 4] = ["Thị", "Thu", "Ngọc", "Thanh"];
const GIVEN_M: [&str; 16] = [
    "An", "Bình", "Chiến", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn",
    "Thắng", "Tuấn", "Trung", "Vinh",
];
const GIVEN_F: [&str; 16] = [
    "Anh", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Liên", "Linh", "Mai", "Nga", "Phương",
    "Thảo", "Trang", "Vân", "Yến",
];

/// A synthetic Vietnamese name.
fn name(rng: &mut SeededRng) -> String {
    let family = rng.pick(&FAMILY);
    if rng.range(0, 1) == 0 {
        format!("{family} {} {}", rng.pick(&MIDDLE_M), rng.pick(&GIVEN_M))
    } else {
        format!("{family} {} {}", rng.pick(&MIDDLE_F), rng.pick(&GIVEN_F))
    }
}

/// "Xã Châu Quế Hạ" → "xã Châu Quế Hạ", for "Đảng bộ xã Châu Quế Hạ".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid demo date")
}

/// A demo document: issuer organisation, number, title, signed by, issue
/// day (month, day of 2022), kind, confidentiality, positions,
/// distribution.
type DemoDoc<'a> = (
    i64,
    &'a str,
    &'a str,
    &'a str,
    (u32, u32),
    &'a str,
    &'a str,
    &'a [&'a str],
    Vec<i64>,
);

const AGENDA: &str = "1. Đánh giá kết quả thực hiện nhiệm vụ tháng trước.\n2. Triển khai nghị quyết, chỉ thị của cấp trên.\n3. Chuyển đổi số ở thôn: sổ tay đảng viên điện tử, nhóm Zalo của thôn.\n4. Nhiệm vụ tháng tới.";
const MINUTES: &str = "Chi bộ họp định kỳ, đồng chí bí thư chủ trì. Chi bộ đánh giá kết quả tháng, thảo luận và thống nhất nhiệm vụ tháng tới. (Biên bản mẫu của dữ liệu trình diễn.)";
const RESOLUTIONS: &str = "Chi bộ thống nhất: tiếp tục vận động hộ gia đình tham gia nhóm Zalo của thôn; 100% đảng viên sử dụng Sổ tay đảng viên điện tử.";

/// Generate the party part of the demo (after the units and accounts).
pub async fn generate(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    seed: u64,
) -> AppResult<ImportReport> {
    let mut rng = SeededRng::new(seed ^ 0x0050_4152_5459);
    let bithu = accounts::user_id_by_name(ctx, "bithu").await?;
    let dangvien = accounts::user_id_by_name(ctx, "dangvien").await?;
    // Ids are local to the history: the import gives the database's.
    let (first_org, first_member, first_meeting) = (0, 0, 0);

    // The tree, from the hierarchy on the demo day.
    let mut orgs: Vec<NewOrg> = Vec::new();
    let mut khe_banh_cell = None;
    let mut chau_que_ha = None;
    let mut van_yen = None;
    {
        let h = ctx.hierarchy();
        let province = h
            .find(&crate::demo::PROVINCE.parse()?, day)
            .ok_or_else(|| {
                AppError::NotFound(crate::i18n::messages::Msg::raw(
                    "province 15 on the demo day",
                ))
            })?;
        let push = |orgs: &mut Vec<NewOrg>, parent: Option<i64>, kind: OrgKind, n: &Node<'_>| {
            let id = first_org + orgs.len() as i64;
            let prefix = if kind == OrgKind::Cell {
                "Chi bộ"
            } else {
                "Đảng bộ"
            };
            orgs.push(NewOrg {
                id,
                parent_id: parent,
                kind,
                name: format!("{prefix} {}", lower_first(&n.unit.full_name)),
                unit_id: n.unit.id,
                valid_from: n.unit.valid_from,
                synthetic: n.unit.synthetic,
            });
            id
        };
        let p = push(&mut orgs, None, OrgKind::ProvincialCommittee, &province);
        for d in h.children(&province) {
            let did = push(&mut orgs, Some(p), OrgKind::DistrictCommittee, &d);
            if d.unit.code.as_str() == "136" {
                van_yen = Some(did);
            }
            for c in h.children(&d) {
                let cid = push(&mut orgs, Some(did), OrgKind::CommuneCommittee, &c);
                if c.unit.code.as_str() == crate::demo::KHE_BANH_COMMUNE {
                    chau_que_ha = Some(cid);
                }
                for v in h.children(&c) {
                    debug_assert_eq!(v.unit.level, Level::Village);
                    let vid = push(&mut orgs, Some(cid), OrgKind::Cell, &v);
                    if !v.unit.synthetic && v.unit.name == "Khe Bành" {
                        khe_banh_cell = Some(vid);
                    }
                }
            }
        }
    }
    let khe_banh = khe_banh_cell.ok_or_else(|| {
        AppError::NotFound(crate::i18n::messages::Msg::raw("the Khe Bành village"))
    })?;
    let (chau_que_ha, van_yen) = (
        chau_que_ha
            .ok_or_else(|| AppError::NotFound(crate::i18n::messages::Msg::raw("commune 04387")))?,
        van_yen
            .ok_or_else(|| AppError::NotFound(crate::i18n::messages::Msg::raw("district 136")))?,
    );
    let province_org = first_org;

    // Members: 20 to 46 a cell (about 50,000), 15 in Khe Bành.
    let mut members: Vec<NewMember> = Vec::with_capacity(55_000);
    let mut khe_banh_members = Vec::new();
    for o in orgs.iter().filter(|o| o.kind == OrgKind::Cell) {
        let n = if o.id == khe_banh {
            15
        } else {
            rng.range(20, 46)
        };
        for i in 0..n {
            let joined = date(1975, 1, 1) + chrono::Duration::days(rng.range(0, 17_160) as i64);
            let mut m = NewMember {
                id: first_member + members.len() as i64,
                org_id: o.id,
                user_id: None,
                full_name: name(&mut rng),
                position: match i {
                    0 => Position::Secretary,
                    1 => Position::Deputy,
                    _ => Position::Member,
                },
                status: if rng.range(0, 99) < 4 && i > 1 {
                    MemberStatus::Probationary
                } else {
                    MemberStatus::Official
                },
                joined_on: joined,
                from_date: joined.max(o.valid_from),
                synthetic: true,
            };
            if o.id == khe_banh && i == 0 {
                m.user_id = Some(bithu);
                m.full_name = "Bí thư chi bộ Khe Bành".into();
                m.synthetic = false;
            }
            if o.id == khe_banh && i == 2 {
                m.user_id = Some(dangvien);
                m.full_name = "Đảng viên chi bộ Khe Bành".into();
                m.synthetic = false;
            }
            if o.id == khe_banh {
                khe_banh_members.push(m.id);
            }
            members.push(m);
        }
    }

    // A regular meeting a month, January to June, in every cell; a thematic
    // one on digital transformation in about one cell in six.
    let cells: Vec<&NewOrg> = orgs.iter().filter(|o| o.kind == OrgKind::Cell).collect();
    let mut meetings: Vec<NewMeeting> = Vec::with_capacity(cells.len() * 7);
    let mut khe_banh_meetings: HashMap<u32, i64> = HashMap::new();
    let place_of: HashMap<i64, String> = cells
        .iter()
        .map(|c| {
            (
                c.id,
                format!(
                    "Nhà văn hóa {}",
                    c.name.trim_start_matches("Chi bộ ").trim()
                ),
            )
        })
        .collect();
    for month in 1..=day.month() {
        for c in &cells {
            let held_on = date(2022, month, rng.range(3, 10) as u32);
            let id = first_meeting + meetings.len() as i64;
            if c.id == khe_banh {
                khe_banh_meetings.insert(month, id);
            }
            meetings.push(NewMeeting {
                id,
                org_id: c.id,
                kind: MeetingKind::Regular,
                title: format!("Sinh hoạt chi bộ định kỳ tháng {month}/2022"),
                held_on,
                starts_at: "19:30".into(),
                place: place_of[&c.id].clone(),
                agenda: AGENDA.into(),
                minutes: MINUTES.into(),
                resolutions: RESOLUTIONS.into(),
                state: MeetingState::Held,
                created_by: None,
                synthetic: true,
            });
            if month == 5 && (c.id == khe_banh || rng.range(0, 5) == 0) {
                meetings.push(NewMeeting {
                    id: first_meeting + meetings.len() as i64,
                    kind: MeetingKind::Thematic,
                    title: "Sinh hoạt chuyên đề: chuyển đổi số ở thôn".into(),
                    held_on: date(2022, 5, rng.range(18, 25) as u32),
                    ..meetings[meetings.len() - 1].clone()
                });
            }
        }
    }
    let salt = rng.range(1, 997) as i64;

    // Khe Bành's next meeting, noticed to its members, and follow-up tasks.
    let july = NewMeeting {
        id: 0,
        org_id: khe_banh,
        kind: MeetingKind::Regular,
        title: "Sinh hoạt chi bộ định kỳ tháng 7/2022".into(),
        held_on: date(2022, 7, 5),
        starts_at: "19:30".into(),
        place: place_of[&khe_banh].clone(),
        agenda: AGENDA.into(),
        minutes: String::new(),
        resolutions: String::new(),
        state: MeetingState::Notified,
        created_by: Some(bithu),
        synthetic: true,
    };
    let june = khe_banh_meetings[&6];
    let may = khe_banh_meetings[&5];
    let dv = khe_banh_members[2];
    let task = |meeting, title: &str, owner, due_on, done| TaskPlan {
        meeting,
        org: khe_banh,
        title: title.into(),
        owner: Some(owner),
        due_on: Some(due_on),
        done,
    };
    let tasks = vec![
        task(
            may,
            "Hướng dẫn các hộ còn lại tham gia nhóm Zalo của thôn",
            dv,
            date(2022, 6, 1),
            true,
        ),
        task(
            june,
            "Cài đặt Sổ tay đảng viên điện tử cho đảng viên mới kết nạp",
            dv,
            date(2022, 7, 15),
            false,
        ),
        task(
            june,
            "Tổng hợp ý kiến của nhân dân về chương trình chuyển đổi số",
            khe_banh_members[0],
            date(2022, 7, 5),
            false,
        ),
    ];

    // Documents (synthetic, numbered as samples).
    let docs: [DemoDoc; 9] = [
        (
            province_org,
            "01-HD/TU (mẫu)",
            "Hướng dẫn cài đặt và sử dụng Sổ tay đảng viên điện tử",
            "Tỉnh ủy Yên Bái",
            (1, 10),
            "guidance",
            "public",
            &[],
            vec![],
        ),
        (
            province_org,
            "05-NQ/TU (mẫu)",
            "Nghị quyết về chuyển đổi số tỉnh Yên Bái năm 2022",
            "Tỉnh ủy Yên Bái",
            (1, 20),
            "resolution",
            "internal",
            &[],
            vec![],
        ),
        (
            province_org,
            "12-CT/TU (mẫu)",
            "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ",
            "Tỉnh ủy Yên Bái",
            (2, 15),
            "directive",
            "internal",
            &[],
            vec![],
        ),
        (
            province_org,
            "20-KL/TU (mẫu)",
            "Kết luận về sơ kết mô hình tổ công nghệ số cộng đồng",
            "Tỉnh ủy Yên Bái",
            (4, 12),
            "conclusion",
            "internal",
            &[],
            vec![],
        ),
        (
            province_org,
            "31-TB/TU (mẫu)",
            "Thông báo nội bộ về công tác cán bộ",
            "Tỉnh ủy Yên Bái",
            (5, 30),
            "notice",
            "restricted",
            &["secretary", "deputy"],
            vec![],
        ),
        (
            van_yen,
            "08-KH/HU (mẫu)",
            "Kế hoạch thực hiện phong trào \"Tự hào tôi là công dân số\"",
            "Huyện ủy Văn Yên",
            (3, 2),
            "plan",
            "internal",
            &[],
            vec![],
        ),
        (
            chau_que_ha,
            "15-KH/ĐU (mẫu)",
            "Kế hoạch chuyển đổi số thôn Khe Bành",
            "Đảng ủy xã Châu Quế Hạ",
            (3, 20),
            "plan",
            "internal",
            &[],
            vec![khe_banh],
        ),
        (
            khe_banh,
            "03-NQ/CB (mẫu)",
            "Nghị quyết chi bộ tháng 6/2022",
            "Chi bộ thôn Khe Bành",
            (6, 8),
            "resolution",
            "internal",
            &[],
            vec![],
        ),
        (
            khe_banh,
            "04-BC/CB (mẫu)",
            "Báo cáo kết quả sử dụng Sổ tay đảng viên điện tử quý II",
            "Chi bộ thôn Khe Bành",
            (6, 28),
            "report",
            "internal",
            &[],
            vec![],
        ),
    ];
    let mut documents = Vec::new();
    for (issuer, number, title, by, (m, d), kind, conf, positions, to) in docs {
        documents.push(NewDocumentInput {
            issuer_org_id: issuer,
            number: number.into(),
            title: title.into(),
            issuer: by.into(),
            issued_on: date(2022, m, d),
            kind: kind.into(),
            confidentiality: conf.into(),
            positions: positions.iter().map(|p| (*p).to_owned()).collect(),
            summary: format!(
                "{title}. Văn bản mẫu của dữ liệu trình diễn, không phải văn bản thật."
            ),
            distributed_to: to,
        });
    }
    // Khe Bành's members have read the guidance, the resolution and the
    // cell's documents; two have yet to read the directive.
    let mut reads: Vec<(usize, Vec<i64>)> = [0, 1, 7, 8]
        .iter()
        .map(|&d| (d, khe_banh_members.clone()))
        .collect();
    reads.push((2, khe_banh_members[..13].to_vec()));
    let history = History {
        orgs,
        members,
        meetings,
        salt,
        usage_pct: 72,
        full_usage_orgs: vec![khe_banh],
        upcoming: vec![(july, khe_banh_members)],
        tasks,
        documents,
        attachments: vec![(june, 1), (june, 7)],
        reads,
    };
    import::import_history(ctx, actor, "yen-bai-2022", &history).await
}
