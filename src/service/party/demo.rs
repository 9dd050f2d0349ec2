//! The handbook's part of the demo: a party tree over Yên Bái (the
//! provincial committee, a committee per district and per commune, a cell
//! per village), about 50,000 synthetic members, a regular meeting a month
//! in every cell from January to June 2022 with attendance, documents, and
//! handbook use. The Khe Bành cell has 15 members, the demo accounts
//! `bithu` (secretary) and `dangvien` among them, and all 15 use the
//! handbook (the founding article: "15/15 đảng viên").
//!
//! One import, one transaction, one audit entry. Organisations, members and
//! meetings go in with multi-row inserts; attendance and handbook use
//! (about 300,000 and 200,000 rows) are made by the database from the meetings
//! and members just written, decided by a hash of their ids salted from the
//! seeded generator, so the whole demo stays deterministic and quick.

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

use super::documents::{NewDocumentInput, check_fields};
use crate::domain::hierarchy::Node;
use crate::domain::party::{MeetingKind, MeetingState, MemberStatus, OrgKind, Position};
use crate::domain::rng::SeededRng;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx, accounts};
use crate::store::party::documents as doc_store;
use crate::store::party::meetings::{self as meeting_store, NewMeeting};
use crate::store::party::{self as store, NewMember, NewOrg, OrgRow};

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

/// What the import made.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoReport {
    pub organisations: usize,
    pub cells: usize,
    pub members: usize,
    pub meetings: usize,
    pub attendance: u64,
    pub usage: u64,
    pub documents: usize,
}

const AGENDA: &str = "1. Đánh giá kết quả thực hiện nhiệm vụ tháng trước.\n2. Triển khai nghị quyết, chỉ thị của cấp trên.\n3. Chuyển đổi số ở thôn: sổ tay đảng viên điện tử, nhóm Zalo của thôn.\n4. Nhiệm vụ tháng tới.";
const MINUTES: &str = "Chi bộ họp định kỳ, đồng chí bí thư chủ trì. Chi bộ đánh giá kết quả tháng, thảo luận và thống nhất nhiệm vụ tháng tới. (Biên bản mẫu của dữ liệu trình diễn.)";
const RESOLUTIONS: &str = "Chi bộ thống nhất: tiếp tục vận động hộ gia đình tham gia nhóm Zalo của thôn; 100% đảng viên sử dụng Sổ tay đảng viên điện tử.";

/// Generate the party part of the demo (after the units and accounts).
pub async fn generate(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    seed: u64,
) -> AppResult<DemoReport> {
    let mut rng = SeededRng::new(seed ^ 0x0050_4152_5459);
    let bithu = accounts::user_id_by_name(ctx, "bithu").await?;
    let dangvien = accounts::user_id_by_name(ctx, "dangvien").await?;
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    let first_org = store::next_id(&mut tx, "party_orgs").await?;
    let first_member = store::next_id(&mut tx, "party_members").await?;
    let first_meeting = store::next_id(&mut tx, "party_meetings").await?;

    // The tree, from the hierarchy on the demo day.
    let mut orgs: Vec<NewOrg> = Vec::new();
    let mut khe_banh_cell = None;
    let mut chau_que_ha = None;
    let mut van_yen = None;
    {
        let h = ctx.hierarchy();
        let province = h
            .find(&crate::service::demo::PROVINCE.parse()?, day)
            .ok_or_else(|| AppError::NotFound("province 15 on the demo day".into()))?;
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
                if c.unit.code.as_str() == crate::service::demo::KHE_BANH_COMMUNE {
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
    let khe_banh =
        khe_banh_cell.ok_or_else(|| AppError::NotFound("the Khe Bành village".into()))?;
    let (chau_que_ha, van_yen) = (
        chau_que_ha.ok_or_else(|| AppError::NotFound("commune 04387".into()))?,
        van_yen.ok_or_else(|| AppError::NotFound("district 136".into()))?,
    );
    let province_org = first_org;
    store::insert_orgs(&mut tx, &orgs, t).await?;

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
    store::insert_members(&mut tx, &members, t).await?;

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
    meeting_store::insert_many(&mut tx, &meetings, t).await?;
    let salt = rng.range(1, 997) as i64;
    let attendance = meeting_store::fill_attendance(&mut tx, first_meeting, salt, t).await?;
    let usage = meeting_store::fill_usage(&mut tx, first_meeting, salt, 72, &[khe_banh], t).await?;

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
    let july_id = meeting_store::insert(&mut tx, &july, t).await?;
    meeting_store::insert_notices(&mut tx, july_id, &khe_banh_members, t).await?;
    meeting_store::mark_notified(&mut tx, july_id, t).await?;
    let june = khe_banh_meetings[&6];
    let may = khe_banh_meetings[&5];
    let dv = khe_banh_members[2];
    let done = meeting_store::insert_task(
        &mut tx,
        may,
        khe_banh,
        "Hướng dẫn các hộ còn lại tham gia nhóm Zalo của thôn",
        Some(dv),
        Some(date(2022, 6, 1)),
        t,
    )
    .await?;
    meeting_store::finish_task(&mut tx, done, t).await?;
    meeting_store::insert_task(
        &mut tx,
        june,
        khe_banh,
        "Cài đặt Sổ tay đảng viên điện tử cho đảng viên mới kết nạp",
        Some(dv),
        Some(date(2022, 7, 15)),
        t,
    )
    .await?;
    meeting_store::insert_task(
        &mut tx,
        june,
        khe_banh,
        "Tổng hợp ý kiến của nhân dân về chương trình chuyển đổi số",
        Some(khe_banh_members[0]),
        Some(date(2022, 7, 5)),
        t,
    )
    .await?;

    // Documents (synthetic, numbered as samples).
    let org_row = |id: i64| -> AppResult<OrgRow> {
        let o = orgs
            .iter()
            .find(|o| o.id == id)
            .ok_or_else(|| AppError::NotFound(format!("organisation {id}")))?;
        Ok(OrgRow {
            id: o.id,
            parent_id: o.parent_id,
            kind: o.kind,
            name: o.name.clone(),
            unit_id: o.unit_id,
            valid_from: o.valid_from,
            valid_to: None,
            synthetic: o.synthetic,
        })
    };
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
    let mut doc_ids = Vec::new();
    for (issuer, number, title, by, (m, d), kind, conf, positions, to) in docs {
        let input = NewDocumentInput {
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
        };
        // Checked as a user's would be, except that the organisations are
        // not committed yet: distribution is checked against the tree here.
        let mut new = check_new_in_tree(&org_row(issuer)?, &input, &orgs)?;
        new.synthetic = true;
        doc_ids.push(doc_store::insert(&mut tx, &new, t).await?);
    }
    meeting_store::attach_documents(&mut tx, june, &[doc_ids[1], doc_ids[7]], t).await?;
    // Khe Bành's members have read the guidance, the resolution and the
    // cell's documents; two have yet to read the directive.
    for &d in &[doc_ids[0], doc_ids[1], doc_ids[7], doc_ids[8]] {
        doc_store::insert_reads(&mut tx, d, &khe_banh_members, t).await?;
    }
    doc_store::insert_reads(&mut tx, doc_ids[2], &khe_banh_members[..13], t).await?;

    let report = DemoReport {
        organisations: orgs.len(),
        cells: cells.len(),
        members: members.len(),
        meetings: meetings.len() + 1,
        attendance,
        usage,
        documents: doc_ids.len(),
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "import",
            entity: "party_demo",
            entity_id: "yen-bai-2022".into(),
            unit_path: None,
            before: None,
            after: serde_json::to_value(&report).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// `documents::check_fields`, and the distribution checked against the
/// tree being imported (not committed yet, so not in the store).
fn check_new_in_tree(
    issuer: &OrgRow,
    input: &NewDocumentInput,
    orgs: &[NewOrg],
) -> AppResult<doc_store::NewDocument> {
    let parent: HashMap<i64, Option<i64>> = orgs.iter().map(|o| (o.id, o.parent_id)).collect();
    let new = check_fields(issuer, input, None)?;
    for id in &new.distributed_to {
        let mut at = Some(*id);
        let mut below = false;
        while let Some(o) = at {
            if o == issuer.id {
                below = true;
                break;
            }
            at = parent.get(&o).copied().flatten();
        }
        if !below {
            return Err(AppError::invalid(
                "distributed_to",
                format!("organisation {id} is not below {}", issuer.name),
            ));
        }
    }
    Ok(new)
}
