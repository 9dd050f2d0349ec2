//! Refusals for want of a role or of an area: who may do what, where.
//! Unit names are arguments as written (Vietnamese proper names).

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Work that needs a role in the unit.
    m(
        "access.teams_officer",
        "Chỉ cán bộ của {unit} mới quản lý được các tổ của đơn vị này.",
        "Managing teams in {unit} needs an officer's role there.",
    ),
    m(
        "access.goals_set",
        "Chỉ cán bộ của {unit} mới đặt được mục tiêu của đơn vị này.",
        "Goals of {unit} are set by its officers.",
    ),
    m(
        "access.goals_mark",
        "Chỉ cán bộ của {unit} mới cập nhật được kết quả mục tiêu của đơn vị này.",
        "Goals of {unit} are marked by its officers.",
    ),
    m(
        "access.values_enter",
        "Chỉ người có vai trò tại {unit} mới nhập được số liệu của đơn vị này.",
        "Entering figures for {unit} needs a role there.",
    ),
    m(
        "access.targets_set",
        "Chỉ cán bộ của {unit} mới đặt được chỉ tiêu kế hoạch của đơn vị này.",
        "Setting targets for {unit} needs an officer's role there.",
    ),
    m(
        "access.adoption_record",
        "Chỉ thành viên tổ công tác hoặc cán bộ của {unit} mới ghi nhận được việc hỗ trợ tại đơn vị này.",
        "Recording help in {unit} needs a team member's or officer's role there.",
    ),
    m(
        "access.households_record",
        "Chỉ thành viên tổ công tác hoặc cán bộ của {unit} mới ghi nhận được hộ gia đình tại đơn vị này.",
        "Recording households in {unit} needs a team member's or officer's role there.",
    ),
    m(
        "access.villages_add",
        "Chỉ cán bộ của {unit} mới thêm được thôn, tổ dân phố vào đơn vị này.",
        "Adding villages to {unit} needs an officer's role there.",
    ),
    m(
        "access.models_manage",
        "Chỉ cán bộ của {unit} mới quản lý được các mô hình của đơn vị này.",
        "Models of {unit} are managed by its officers.",
    ),
    m(
        "access.index_results",
        "Kết quả chỉ số của {unit} do cán bộ cấp tỉnh ghi nhận.",
        "Index results of {unit} are recorded by its province officers.",
    ),
    m(
        "access.criteria_sets",
        "Bộ tiêu chí của {unit} do cán bộ cấp tỉnh quản lý.",
        "Criteria sets of {unit} are kept by its province officers.",
    ),
    m(
        "access.audit_log_outside",
        "Nhật ký thao tác của {unit} nằm ngoài phạm vi được giao cho bạn.",
        "The audit log of {unit} is outside your area.",
    ),
    m(
        "access.outside_units",
        "{unit} nằm ngoài các đơn vị được giao cho bạn.",
        "{unit} is outside your units.",
    ),
    // Work kept for admins or officers.
    m(
        "access.audit_log",
        "Nhật ký thao tác chỉ dành cho quản trị viên và cán bộ.",
        "The audit log is for admins and officers.",
    ),
    m(
        "access.indicators_define",
        "Chỉ quản trị viên và cán bộ cấp tỉnh mới định nghĩa được chỉ số và chỉ tiêu.",
        "Defining metrics and indicators is for admins and province officers.",
    ),
    m(
        "access.ledger_import",
        "Chỉ quản trị viên mới nhập được sổ theo dõi hỗ trợ theo lô.",
        "Bulk ledger imports are for admins.",
    ),
    m(
        "access.recount",
        "Chỉ quản trị viên mới tính lại được số liệu tổng hợp.",
        "Recounting the figures is for admins.",
    ),
    m(
        "access.villages_carry_over",
        "Chỉ quản trị viên mới chuyển được thôn, tổ dân phố sang đơn vị mới khi sắp xếp lại đơn vị hành chính.",
        "Carrying villages over a reorganisation is for admins.",
    ),
    m(
        "access.unit_lists",
        "Chỉ quản trị viên mới nạp được danh mục đơn vị hành chính chính thức.",
        "Loading official lists is for admins.",
    ),
    m(
        "access.succession_links",
        "Chỉ quản trị viên mới nạp được quan hệ kế thừa giữa các đơn vị.",
        "Loading succession links is for admins.",
    ),
    m(
        "access.demo_mark",
        "Chỉ công cụ dựng dữ liệu mẫu mới đánh dấu được cơ sở dữ liệu là bản trình diễn.",
        "Only the demo builder marks a database as the demo.",
    ),
];
