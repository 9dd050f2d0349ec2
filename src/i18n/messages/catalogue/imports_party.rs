//! The importer's messages for the party_members register (the party
//! e-handbook's cells and members). Keys are `import.party_*`; each row
//! refusal says how to fix the cell.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "import.party_forbidden",
        "Chỉ quản trị viên và bí thư, phó bí thư của chi bộ (hoặc của đảng bộ cấp trên trực tiếp) mới được nhập, xuất danh sách đảng viên của {unit}.",
        "Only admins and the secretary or deputy secretary of a cell (or of the organisation just above it) may import or export the party members of {unit}.",
    ),
    m(
        "import.party_no_cells",
        "{unit} không có chi bộ nào: lập chi bộ trong sổ tay đảng viên trước khi nhập đảng viên.",
        "{unit} has no party cell: create the cell in the party handbook before importing its members.",
    ),
    m(
        "import.party_cell_unknown",
        "{unit} không có chi bộ “{value}” mà bạn phụ trách: ghi đúng tên một chi bộ ({cells}).",
        "{unit} has no cell “{value}” that you run: write the name of one of the cells ({cells}).",
    ),
    m(
        "import.party_which_cell",
        "có nhiều chi bộ: ghi tên chi bộ của đảng viên ({cells}).",
        "there is more than one cell: write the member's cell ({cells}).",
    ),
    m(
        "import.party_position",
        "chức vụ phải là “Bí thư”, “Phó bí thư” hoặc “Đảng viên”, nhận được “{value}”: chọn một trong danh sách.",
        "the position must be “Bí thư” (secretary), “Phó bí thư” (deputy secretary) or “Đảng viên” (member), got “{value}”: pick one from the list.",
    ),
    m(
        "import.party_status",
        "loại đảng viên phải là “Chính thức” hoặc “Dự bị”, nhận được “{value}”: chọn một trong danh sách.",
        "the status must be “Chính thức” (full member) or “Dự bị” (probationary), got “{value}”: pick one from the list.",
    ),
    m(
        "import.party_twice",
        "“{name}” đã có ở dòng {first} của tệp trong cùng chi bộ: mỗi người chỉ ghi một dòng, hãy xoá một trong hai dòng.",
        "“{name}” is already on row {first} of the file in the same cell: one row per person, delete one of the two.",
    ),
    m(
        "import.party_days_kept",
        "“{name}” đã có trong chi bộ với ngày {day}: ghi đúng ngày đó, hoặc sửa ngày trong sổ tay đảng viên.",
        "“{name}” is already in the cell with the day {day}: write that day, or change it in the party handbook.",
    ),
];
