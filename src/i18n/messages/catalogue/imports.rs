//! The importer's refusals: files refused whole, and the row-level
//! errors of a preview (each shown with its sheet, row and column).
//! Keys are `import.*`.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "import.register",
        "phải là một trong {choices}, nhận được “{value}”.",
        "must be one of {choices}, got “{value}”.",
    ),
    m(
        "import.not_a_spreadsheet",
        "Tệp “{file}” không phải bảng tính (XLSX, XLS, ODS) hay tệp CSV (thấy: {found}).",
        "“{file}” is not a spreadsheet (XLSX, XLS, ODS) or a CSV file (found: {found}).",
    ),
    m(
        "import.macro",
        "Tệp “{file}” có macro: không nhận tệp .xlsm, .xlsb. Hãy lưu lại thành .xlsx rồi tải lên.",
        "“{file}” contains macros: .xlsm and .xlsb files are refused. Save it as .xlsx and upload that.",
    ),
    m(
        "import.password",
        "Tệp “{file}” có mật khẩu: hãy bỏ mật khẩu rồi tải lên.",
        "“{file}” is password-protected: remove the password and upload it again.",
    ),
    m(
        "import.too_large_unpacked",
        "Tệp “{file}” khi giải nén lớn {unpacked} byte, quá giới hạn {limit} byte: không đọc.",
        "“{file}” unpacks to {unpacked} bytes, over the limit of {limit}: not read.",
    ),
    m(
        "import.ratio",
        "Tệp “{file}” nén bất thường (phần “{entry}” nén {ratio}:1, quá {limit}:1): không đọc.",
        "“{file}” is compressed abnormally (“{entry}” at {ratio}:1, over {limit}:1): not read.",
    ),
    m(
        "import.too_many_rows",
        "Trang “{sheet}” có hơn {limit} dòng (dòng {row}): hãy chia thành nhiều tệp.",
        "Sheet “{sheet}” has more than {limit} rows (row {row}): split it into several files.",
    ),
    m(
        "import.too_many_columns",
        "Trang “{sheet}” có hơn {limit} cột (ô {cell}).",
        "Sheet “{sheet}” has more than {limit} columns (cell {cell}).",
    ),
    m(
        "import.empty_workbook",
        "Tệp “{file}” không có trang tính nào hiện.",
        "“{file}” has no visible sheet.",
    ),
    m(
        "import.empty_sheet",
        "Trang “{sheet}” trống.",
        "Sheet “{sheet}” is empty.",
    ),
    m(
        "import.no_such_sheet",
        "Không có trang “{sheet}”.",
        "There is no sheet “{sheet}”.",
    ),
    m(
        "import.unreadable",
        "Không đọc được tệp “{file}”: {detail}",
        "Cannot read “{file}”: {detail}",
    ),
    m(
        "import.no_header",
        "Trang “{sheet}” không có dòng tiêu đề trong 10 dòng đầu: thiếu cột {missing}. Hãy dùng tệp mẫu.",
        "Sheet “{sheet}” has no header row in its first 10 rows: missing {missing}. Use the template.",
    ),
    m(
        "import.header_twice",
        "Trang “{sheet}”, dòng {row}: cột {column} có ở cả {first} và {second}; hãy xoá một cột.",
        "Sheet “{sheet}”, row {row}: {column} is in both {first} and {second}; remove one.",
    ),
    m(
        "import.decode",
        "Không đọc được chữ trong tệp: {detail}. Hãy chọn bảng mã.",
        "The file's text cannot be read: {detail}. Choose its encoding.",
    ),
    m(
        "import.code_twice",
        "mã hộ “{code}” đã có ở dòng {first} của tệp.",
        "household code “{code}” is already on row {first} of the file.",
    ),
    m(
        "import.poverty",
        "phải là “không”, “cận nghèo” hoặc “nghèo”, nhận được “{value}”.",
        "must be “không” (none), “cận nghèo” (near-poor) or “nghèo” (poor), got “{value}”.",
    ),
    m(
        "import.date",
        "không phải ngày (viết như 30/06/2022), nhận được “{value}”.",
        "is not a date (write it as 30/06/2022), got “{value}”.",
    ),
    m(
        "import.impossible_date",
        "ngày “{value}” không có thật.",
        "“{value}” is not a real date.",
    ),
    m(
        "import.whole",
        "phải là số nguyên không âm, nhận được “{value}”.",
        "must be a whole number of 0 or more, got “{value}”.",
    ),
    m(
        "import.pending_gone",
        "Không còn tệp đã xem trước: hãy tải tệp lên lại.",
        "The previewed file is no longer here: upload it again.",
    ),
    m(
        "import.village_unknown",
        "không có thôn nào tên hay mã này trong {unit}.",
        "no village of {unit} has this name or code.",
    ),
    m(
        "import.adopted_on",
        "ngày “{value}” phải từ ngày hộ đăng ký ({from}) đến hôm nay ({to}).",
        "“{value}” must be from the day the household was registered ({from}) to today ({to}).",
    ),
    m(
        "import.summary",
        "{rows} dòng: {created} thêm mới, {updated} cập nhật, {unchanged} không đổi, {refused} bị từ chối.",
        "{rows} rows: {created} new, {updated} updated, {unchanged} unchanged, {refused} refused.",
    ),
    m(
        "import.required",
        "ô này không được để trống.",
        "this cell must not be empty.",
    ),
    m(
        "import.number",
        "không phải số (viết như 1.234,5 hoặc 61,8), nhận được “{value}”.",
        "is not a number (write it as 1.234,5 or 61,8), got “{value}”.",
    ),
    m(
        "import.number_ambiguous",
        "“{value}” có thể là nghìn hoặc số thập phân: hãy viết không có dấu nghìn (1234) hoặc nhập vào ô kiểu số.",
        "“{value}” could be thousands or decimals: write it without a thousands separator (1234) or as a number cell.",
    ),
    m(
        "import.period",
        "không phải kỳ số liệu (viết như 2022-06, 06/2022, 2022Q2, 2022S1 hoặc 2022), nhận được “{value}”.",
        "is not a period (write it as 2022-06, 06/2022, 2022Q2, 2022S1 or 2022), got “{value}”.",
    ),
    m(
        "import.period_future",
        "kỳ {value} chưa bắt đầu: không nhập số liệu cho kỳ sau hôm nay.",
        "period {value} has not begun: no values for periods after today.",
    ),
    m(
        "import.unit_outside",
        "không có đơn vị nào mã này thuộc {unit} (vào kỳ của dòng).",
        "no unit with this code is within {unit} (in the row's period).",
    ),
    m(
        "import.unit_period_twice",
        "đơn vị {unit}, kỳ {period} đã có ở dòng {first} của tệp.",
        "unit {unit}, period {period} is already on row {first} of the file.",
    ),
    m(
        "import.org_unknown",
        "“{value}” không phải tổ chức được theo dõi: chọn một trong {choices}.",
        "“{value}” is not an organisation the programme counts: choose one of {choices}.",
    ),
    m(
        "import.no_orgs",
        "Chưa có chỉ tiêu hội viên của tổ chức nào (org_members_…, org_in_group_…): hãy khai báo chỉ tiêu trước.",
        "No organisation's member metrics are defined yet (org_members_…, org_in_group_…): define the metrics first.",
    ),
];
