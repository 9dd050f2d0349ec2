//! The audit log page's words, Vietnamese first and English second: what
//! each action and each kind of record written to the log is called, the
//! names of the fields its before/after values carry, and the page's own
//! labels. Kept apart from `i18n::Texts` so that the log's words live with
//! the log. The keys are the machine words the services write (the API
//! keeps them); a key with no name here is shown as it is.

use crate::i18n::Lang;

pub struct AuditTexts {
    pub what: &'static str,
    pub changes: &'static str,
    pub field: &'static str,
    pub hidden: &'static str,
    pub no_details: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

static VI: AuditTexts = AuditTexts {
    what: "Nội dung",
    changes: "Thay đổi",
    field: "Trường",
    hidden: "Nội dung thuộc hồ sơ đảng hạn chế, không hiển thị.",
    no_details: "Không có chi tiết.",
    yes: "Có",
    no: "Không",
};

static EN: AuditTexts = AuditTexts {
    what: "What",
    changes: "Changes",
    field: "Field",
    hidden: "Part of a restricted party record: not shown.",
    no_details: "No details.",
    yes: "Yes",
    no: "No",
};

pub fn texts(lang: Lang) -> &'static AuditTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// A machine word with its Vietnamese and English names.
pub type Named = (&'static str, &'static str, &'static str);

/// Every action the services write (`service::audit::Change::action`);
/// `tests/api/audit.rs` reads the services' source and fails on one that is
/// missing here.
pub const ACTIONS: &[Named] = &[
    ("login", "Đăng nhập", "Signed in"),
    ("logout", "Đăng xuất", "Signed out"),
    ("create", "Tạo mới", "Created"),
    ("update", "Sửa", "Changed"),
    ("delete", "Xóa", "Deleted"),
    ("reset_password", "Đặt lại mật khẩu", "Reset the password"),
    ("change_password", "Đổi mật khẩu", "Changed the password"),
    ("record", "Ghi nhận", "Recorded"),
    ("correct", "Đính chính", "Corrected"),
    ("import", "Nhập dữ liệu", "Imported"),
    ("load", "Nạp danh mục", "Loaded"),
    ("recount", "Tính lại số liệu", "Recounted"),
    ("enter_values", "Nhập giá trị", "Entered values"),
    ("record_result", "Ghi kết quả", "Recorded a result"),
    ("record_target", "Đặt mục tiêu", "Set a target"),
    ("attach", "Đính kèm tệp", "Attached a file"),
    ("register", "Đăng ký", "Registered"),
    (
        "submit",
        "Nộp hồ sơ tự đánh giá",
        "Submitted the self-assessment",
    ),
    ("verify", "Thẩm định đạt", "Verified"),
    ("return", "Trả lại hồ sơ", "Returned"),
    ("recognise", "Công nhận", "Recognised"),
    ("status", "Cập nhật trạng thái", "Changed the status"),
    ("deploy", "Triển khai", "Deployed"),
    ("notify", "Gửi thông báo họp", "Sent the meeting notice"),
    ("attendance", "Điểm danh", "Took attendance"),
    ("minutes", "Ghi biên bản", "Wrote the minutes"),
    ("cancel", "Hủy", "Cancelled"),
    ("done", "Hoàn thành", "Marked done"),
    ("read", "Xác nhận đã đọc", "Marked as read"),
    ("add_members", "Thêm thành viên", "Added members"),
    ("leave", "Rời tổ", "Left the team"),
    ("link_user", "Liên kết tài khoản", "Linked an account"),
    ("revoke", "Thu hồi", "Revoked"),
    ("deactivate", "Khóa tài khoản", "Deactivated the account"),
    ("reactivate", "Mở lại tài khoản", "Reactivated the account"),
    (
        "carry_villages",
        "Chuyển thôn sang đơn vị mới",
        "Carried villages over",
    ),
];

/// Every kind of record the services write (`Change::entity`).
pub const ENTITIES: &[Named] = &[
    ("session", "Phiên đăng nhập", "Session"),
    ("user", "Tài khoản", "Account"),
    ("grants", "Quyền hạn", "Permissions"),
    ("api_token", "Mã truy cập API", "API token"),
    ("unit", "Đơn vị hành chính", "Administrative unit"),
    ("unit_list", "Danh mục đơn vị hành chính", "List of units"),
    (
        "unit_successions",
        "Sắp xếp đơn vị hành chính",
        "Unit reorganisation",
    ),
    ("unit_counters", "Số liệu tổng hợp", "Unit totals"),
    ("data_value", "Số liệu", "Figure"),
    ("metric", "Chỉ số đo", "Metric"),
    ("indicator", "Chỉ tiêu", "Indicator"),
    ("target", "Mục tiêu chỉ tiêu", "Target"),
    ("value_rule", "Quy tắc kiểm tra số liệu", "Value rule"),
    ("household", "Hộ gia đình", "Household"),
    ("adoption", "Hỗ trợ hộ gia đình", "Help to a household"),
    (
        "team",
        "Tổ công nghệ số cộng đồng",
        "Community digital team",
    ),
    ("team_member", "Thành viên tổ", "Team member"),
    ("guidance_session", "Buổi hướng dẫn", "Guidance session"),
    (
        "dx_goal",
        "Mục tiêu chuyển đổi số",
        "Digital-transformation goal",
    ),
    (
        "dx_model",
        "Mô hình chuyển đổi số",
        "Digital-transformation model",
    ),
    ("criteria_set", "Bộ tiêu chí", "Criteria set"),
    (
        "registration",
        "Hồ sơ đăng ký công nhận",
        "Recognition registration",
    ),
    ("index_result", "Kết quả chỉ số DTI", "DTI result"),
    ("index_target", "Mục tiêu xếp hạng DTI", "DTI target"),
    ("party_org", "Tổ chức đảng", "Party organisation"),
    ("party_member", "Đảng viên", "Party member"),
    ("party_meeting", "Cuộc họp chi bộ", "Party meeting"),
    ("party_task", "Nhiệm vụ", "Task"),
    ("party_document", "Văn bản", "Party document"),
    ("party_note", "Ghi chú cá nhân", "Personal note"),
    ("party_history", "Hồ sơ tổ chức đảng", "Party records"),
];

/// Names of the fields the before/after values carry, where known; the
/// last part of a nested name (`grants.1.role` → `role`) is looked up.
pub const FIELDS: &[Named] = &[
    ("name", "Tên", "Name"),
    ("full_name", "Tên đầy đủ", "Full name"),
    ("display_name", "Họ và tên", "Full name"),
    ("username", "Tên đăng nhập", "User name"),
    ("code", "Mã", "Code"),
    ("kind", "Loại", "Kind"),
    ("status", "Trạng thái", "Status"),
    ("state", "Trạng thái", "State"),
    ("active", "Đang hoạt động", "Active"),
    ("role", "Vai trò", "Role"),
    ("unit", "Đơn vị", "Unit"),
    ("unit_code", "Mã đơn vị", "Unit code"),
    ("unit_name", "Tên đơn vị", "Unit name"),
    ("user_id", "Mã tài khoản", "Account id"),
    ("on", "Ngày", "Day"),
    ("date", "Ngày", "Date"),
    ("note", "Ghi chú", "Note"),
    ("reason", "Lý do", "Reason"),
    ("value", "Giá trị", "Value"),
    ("values", "Số giá trị", "Values"),
    ("title", "Tiêu đề", "Title"),
    ("number", "Số hiệu", "Number"),
    ("year", "Năm", "Year"),
    ("rank", "Thứ hạng", "Rank"),
    ("ranked_of", "Trên tổng số", "Ranked of"),
    ("score", "Điểm", "Score"),
    ("level", "Mức", "Level"),
    ("period", "Kỳ", "Period"),
    ("metric", "Chỉ số đo", "Metric"),
    ("threshold", "Ngưỡng", "Threshold"),
    ("deadline", "Hạn", "Deadline"),
    ("due_on", "Hạn", "Due"),
    ("owner", "Người thực hiện", "Owner"),
    ("expires_at", "Hết hạn lúc", "Expires at"),
    ("client", "Thiết bị", "Client"),
    (
        "tokens_revoked",
        "Số mã truy cập bị thu hồi",
        "Tokens revoked",
    ),
    ("sessions_ended", "Số phiên bị kết thúc", "Sessions ended"),
    ("households", "Số hộ", "Households"),
    ("villages", "Số thôn", "Villages"),
    ("members", "Số thành viên", "Members"),
    ("notices", "Số thông báo", "Notices"),
    ("events", "Số lượt", "Events"),
    ("rows", "Số dòng", "Rows"),
    ("left_on", "Ngày rời tổ", "Left on"),
    ("evidence", "Minh chứng", "Evidence"),
    ("minutes", "Biên bản", "Minutes"),
    ("resolutions", "Nghị quyết", "Resolutions"),
    ("issued_on", "Ngày ban hành", "Issued on"),
    ("published_on", "Ngày công bố", "Published on"),
    ("registered_on", "Ngày đăng ký", "Registered on"),
    ("planned_on", "Ngày dự kiến", "Planned on"),
    ("confidentiality", "Mức độ", "Confidentiality"),
    ("positions", "Chức vụ được đọc", "Positions"),
    ("distributed_to", "Nơi nhận", "Distributed to"),
    ("file_name", "Tên tệp", "File name"),
    ("content_type", "Loại tệp", "File type"),
    ("size_bytes", "Dung lượng (byte)", "Size (bytes)"),
    ("criterion", "Tiêu chí", "Criterion"),
    ("version", "Phiên bản", "Version"),
    ("direction", "Chiều", "Direction"),
    ("stage", "Giai đoạn", "Stage"),
    ("id", "Mã số", "Id"),
    ("parent_id", "Mã đơn vị cấp trên", "Parent id"),
    ("unit_id", "Mã đơn vị", "Unit id"),
    ("indicator_id", "Mã chỉ tiêu", "Indicator id"),
    ("deployment_id", "Mã lần triển khai", "Deployment id"),
    ("type", "Cấp", "Type"),
    ("valid_from", "Hiệu lực từ", "Valid from"),
    ("valid_to", "Hiệu lực đến", "Valid to"),
    ("synthetic", "Dữ liệu mẫu", "Synthetic"),
    ("at", "Lúc", "At"),
    ("agency", "Cơ quan", "Agency"),
    ("group", "Nhóm", "Group"),
    ("groups", "Nhóm", "Groups"),
    ("field", "Lĩnh vực", "Field"),
    ("source", "Nguồn", "Source"),
    ("evaluation", "Đánh giá", "Evaluation"),
    ("indicators", "Chỉ tiêu", "Indicators"),
    ("formula", "Công thức", "Formula"),
    ("unit_label", "Đơn vị tính", "Unit of measure"),
    ("value_type", "Kiểu giá trị", "Value type"),
    ("min_value", "Giá trị nhỏ nhất", "Minimum"),
    ("max_value", "Giá trị lớn nhất", "Maximum"),
    ("time_aggregation", "Cộng dồn theo thời gian", "Over time"),
    (
        "hierarchy_aggregation",
        "Tổng hợp theo cấp",
        "Up the hierarchy",
    ),
    (
        "message_vi",
        "Thông báo (tiếng Việt)",
        "Message (Vietnamese)",
    ),
    ("message_en", "Thông báo (tiếng Anh)", "Message (English)"),
    ("name_vi", "Tên (tiếng Việt)", "Name (Vietnamese)"),
    ("name_en", "Tên (tiếng Anh)", "Name (English)"),
    ("text_vi", "Nội dung", "Text"),
    ("set", "Bộ tiêu chí", "Criteria set"),
    ("criteria", "Tiêu chí", "Criteria"),
    ("levels", "Mức", "Levels"),
    ("entry_level", "Mức khởi điểm", "Entry level"),
    ("section", "Phần", "Section"),
    ("scoring", "Cách chấm điểm", "Scoring"),
    ("points", "Điểm", "Points"),
    ("min_points", "Điểm tối thiểu", "Minimum points"),
    ("max_points", "Điểm tối đa", "Maximum points"),
    ("requires", "Yêu cầu", "Requires"),
    ("steps", "Bước", "Steps"),
    ("link_key", "Khóa liên kết", "Link key"),
    ("grants_version", "Phiên bản quyền hạn", "Grants version"),
    ("successions", "Số liên kết sắp xếp", "Successions"),
    ("opened", "Số đơn vị mới", "Opened"),
    ("closed", "Số đơn vị giải thể", "Closed"),
    ("unchanged", "Số đơn vị giữ nguyên", "Unchanged"),
    ("organisations", "Số tổ chức đảng", "Organisations"),
    ("meetings", "Số cuộc họp", "Meetings"),
    ("documents", "Số văn bản", "Documents"),
    ("teams", "Số tổ", "Teams"),
];

fn find(table: &[Named], lang: Lang, key: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|&(_, vi, en)| match lang {
            Lang::Vi => vi,
            Lang::En => en,
        })
}

/// The name of an action, if it has one.
pub fn action(lang: Lang, key: &str) -> Option<&'static str> {
    find(ACTIONS, lang, key)
}

/// The name of a kind of record, if it has one.
pub fn entity(lang: Lang, key: &str) -> Option<&'static str> {
    find(ENTITIES, lang, key)
}

/// The name of a field, if known.
pub fn field(lang: Lang, key: &str) -> Option<&'static str> {
    find(FIELDS, lang, key)
}

/// A value that is a machine key (a status, a role, a model's field) by
/// its name, given the field it is in; `None` for anything else.
pub fn value(lang: Lang, field: &str, key: &str) -> Option<&'static str> {
    use super::{criteria_texts, programme_texts as programme};
    use crate::domain::{access::Role, programme as p, registration};
    match field {
        "role" => Role::from_key(key).map(|r| crate::i18n::role_name(lang, r)),
        "status" => p::ModelStatus::from_key(key)
            .map(|s| programme::model_status(lang, s))
            .or_else(|| p::GoalStatus::from_key(key).map(|s| programme::goal_status(lang, s)))
            .or_else(|| {
                registration::Status::from_key(key).map(|s| criteria_texts::status(lang, s))
            }),
        "field" => p::ModelField::from_key(key).map(|f| programme::field(lang, f)),
        _ => None,
    }
}
