//! The importer's row messages of the villages and criteria values
//! registers (issue 12). Keys are `import.<register>_*`; each says how to
//! put the row right.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "import.villages_type",
        "phải là một trong: {types} (chọn trong danh sách), nhận được “{value}”.",
        "must be one of: {types} (pick it from the list), got “{value}”.",
    ),
    m(
        "import.villages_code_unknown",
        "“{value}” không phải mã của thôn nào thuộc {unit} hiện nay. Hãy sửa mã theo bản xuất danh sách thôn, hoặc để trống ô mã để thêm thôn mới (mã do hệ thống cấp).",
        "“{value}” is not the code of any village of {unit} today. Correct it from an export of the villages, or leave the code empty to add a new village (the system gives its code).",
    ),
    m(
        "import.villages_rename",
        "thôn mã {code} hiện là {type} “{name}”. Đổi tên hay loại thôn là thay đổi địa giới hành chính: hãy làm trên trang của đơn vị, rồi nhập lại tệp; hoặc sửa dòng này cho khớp.",
        "village {code} is today the {type} “{name}”. Renaming a village or changing its type changes the administrative hierarchy: do it on the unit's page, then import again; or correct this row to match.",
    ),
    m(
        "import.villages_name_twice",
        "thôn “{name}” đã có ở dòng {first} của tệp: hãy xoá một dòng.",
        "village “{name}” is already on row {first} of the file: remove one of the rows.",
    ),
    m(
        "import.criteria_values_unknown",
        "“{value}” không phải mã tiêu chí nhập tay của bộ {set}: hãy chọn mã trong danh sách (trang “Hướng dẫn” liệt kê các tiêu chí).",
        "“{value}” is not the code of a manual criterion of set {set}: pick a code from the list (the notes sheet lists the criteria).",
    ),
    m(
        "import.criteria_values_twice",
        "tiêu chí “{code}” đã có ở dòng {first} của tệp: hãy giữ một dòng cho mỗi tiêu chí.",
        "criterion “{code}” is already on row {first} of the file: keep one row per criterion.",
    ),
];
