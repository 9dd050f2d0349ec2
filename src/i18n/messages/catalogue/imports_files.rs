//! The words of the importer's templates and exports (issue 12). Keys are
//! `import_files.*`.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "import_files.export_personal",
        "Bản xuất danh sách hộ của {unit} có họ tên chủ hộ và số điện thoại: chỉ thành viên tổ công tác hoặc cán bộ xã ở đó mới tải được.",
        "An export of the households of {unit} holds heads' names and phone numbers: only its team members and commune officers may download it.",
    ),
    m(
        "import_files.nothing_here",
        "Không có loại dữ liệu nào bạn được nhập ở {unit}.",
        "There is nothing you may import at {unit}.",
    ),
];
