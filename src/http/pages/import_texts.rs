//! The import page's words, Vietnamese first and English second.

use crate::i18n::Lang;
use crate::service::imports::Register;

pub struct ImportTexts {
    pub choose_title: &'static str,
    pub choose_intro: &'static str,
    pub intro: &'static str,
    pub template: &'static str,
    pub export: &'static str,
    pub file: &'static str,
    pub file_hint: &'static str,
    pub encoding: &'static str,
    pub encoding_auto: &'static str,
    pub preview: &'static str,
    pub preview_title: &'static str,
    pub detected: &'static str,
    pub rows: &'static str,
    pub created: &'static str,
    pub updated: &'static str,
    pub unchanged: &'static str,
    pub refused: &'static str,
    pub errors_title: &'static str,
    pub marked: &'static str,
    pub sheet: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub value: &'static str,
    pub how_to_fix: &'static str,
    pub confirm: &'static str,
    pub confirm_hint: &'static str,
    pub nothing_to_write: &'static str,
    pub again: &'static str,
}

pub static VI: ImportTexts = ImportTexts {
    choose_title: "Nhập từ tệp",
    choose_intro: "Chọn loại dữ liệu cần nhập. Mỗi loại có tệp mẫu riêng; tệp xuất ra có thể nhập lại.",
    intro: "Tải tệp Excel (XLSX, XLS), ODS hoặc CSV. Hệ thống đọc và kiểm tra từng dòng, cho xem trước; chỉ khi bấm “Nhập” mới ghi. Nhập lại cùng một tệp không thay đổi gì.",
    template: "Tải tệp mẫu (XLSX)",
    export: "Tải dữ liệu hiện có (XLSX)",
    file: "Tệp",
    file_hint: "XLSX, XLS, ODS hoặc CSV; tệp cũ gõ bằng phông .VnTime (TCVN3) hay VNI-Times cũng đọc được.",
    encoding: "Bảng mã",
    encoding_auto: "Tự nhận biết",
    preview: "Xem trước",
    preview_title: "Xem trước",
    detected: "Bảng mã",
    rows: "Số dòng",
    created: "Thêm mới",
    updated: "Cập nhật",
    unchanged: "Không đổi",
    refused: "Bị từ chối",
    errors_title: "Các dòng bị từ chối: sửa trong tệp rồi tải lên lại",
    marked: "Tải tệp có đánh dấu các ô cần sửa (XLSX)",
    sheet: "Trang",
    row: "Dòng",
    column: "Cột",
    value: "Giá trị",
    how_to_fix: "Cách sửa",
    confirm: "Nhập",
    confirm_hint: "Ghi các dòng hợp lệ; các dòng bị từ chối không được ghi.",
    nothing_to_write: "Không có gì để ghi: mọi dòng hợp lệ đã có sẵn, không đổi.",
    again: "Chọn tệp khác",
};

pub static EN: ImportTexts = ImportTexts {
    choose_title: "Import from a file",
    choose_intro: "Choose what to import. Each register has its own template; an export imports back unchanged.",
    intro: "Upload an Excel (XLSX, XLS), ODS or CSV file. Every row is read and checked and shown first; nothing is written until you press “Import”. Importing the same file again changes nothing.",
    template: "Download the template (XLSX)",
    export: "Download the current records (XLSX)",
    file: "File",
    file_hint: "XLSX, XLS, ODS or CSV; old files typed in .VnTime (TCVN3) or VNI-Times fonts are read too.",
    encoding: "Encoding",
    encoding_auto: "Detect",
    preview: "Preview",
    preview_title: "Preview",
    detected: "Encoding",
    rows: "Rows",
    created: "New",
    updated: "Updated",
    unchanged: "Unchanged",
    refused: "Refused",
    errors_title: "Refused rows: fix them in the file and upload it again",
    marked: "Download the file with the cells to fix marked (XLSX)",
    sheet: "Sheet",
    row: "Row",
    column: "Column",
    value: "Value",
    how_to_fix: "How to fix",
    confirm: "Import",
    confirm_hint: "Writes the valid rows; refused rows are not written.",
    nothing_to_write: "Nothing to write: every valid row is already there, unchanged.",
    again: "Choose another file",
};

pub fn texts(lang: Lang) -> &'static ImportTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The title of a register's import page.
pub fn title(register: Register, lang: Lang) -> String {
    let (vi, en) = match register {
        Register::Villages => ("thôn, bản, tổ dân phố", "villages"),
        Register::Households => ("hộ gia đình", "households"),
        Register::TeamMembers => (
            "thành viên tổ công nghệ số cộng đồng",
            "community tech team members",
        ),
        Register::OrgGroups => (
            "số liệu chi hội đoàn thể",
            "mass-organisation group figures",
        ),
        Register::PartyMembers => ("chi bộ và đảng viên", "party cells and members"),
        Register::Values => ("số liệu chỉ tiêu", "indicator values"),
        Register::CriteriaValues => ("giá trị tiêu chí", "criteria values"),
    };
    match lang {
        Lang::Vi => format!("Nhập {vi} từ tệp"),
        Lang::En => format!("Import {en} from a file"),
    }
}

/// Where the person goes after an import: the list the rows went into.
pub fn after_import(register: Register, code: &str) -> String {
    match register {
        Register::Households => format!("/units/{code}/households"),
        Register::Values | Register::OrgGroups => format!("/units/{code}/values"),
        _ => format!("/units/{code}"),
    }
}
