//! How a request or a form was sent, and values typed in forms: the
//! messages that used to be English-only text in the readers of requests
//! and uploads. Keys are `request.*`, `upload.*`, `value.*`, and the
//! field page's and criteria editor's own.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "request.csrf_header",
        "Yêu cầu ghi dữ liệu bằng phiên đăng nhập cần tiêu đề X-CSRF-Token; ứng dụng gọi API hãy dùng khóa API.",
        "A write with a session cookie needs the X-CSRF-Token header; API clients should use a token.",
    ),
    m(
        "request.json_required",
        "Nội dung gửi lên phải là JSON (Content-Type: application/json).",
        "The body must be JSON (Content-Type: application/json).",
    ),
    m(
        "request.form_required",
        "Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded.",
        "A form must be sent as application/x-www-form-urlencoded.",
    ),
    m(
        "request.org_required",
        "hãy chỉ rõ tổ chức đảng: ?org=ID.",
        "name the organisation: ?org=ID.",
    ),
    m(
        "request.lang",
        "ngôn ngữ là vi hoặc en, nhận được “{value}”.",
        "the language is vi or en, got “{value}”.",
    ),
    m(
        "request.version_missing",
        "biểu mẫu thiếu phiên bản của bản ghi; hãy tải lại trang.",
        "the form lacks the record's version; reload the page.",
    ),
    m(
        "upload.too_many_fields",
        "Một biểu mẫu có tối đa {max} trường.",
        "A form may have at most {max} fields.",
    ),
    m(
        "upload.field_too_long",
        "{field}: mỗi trường của biểu mẫu tối đa {max} KiB.",
        "{field}: a form field may be at most {max} KiB.",
    ),
    m(
        "upload.multipart_required",
        "Hãy gửi biểu mẫu dạng multipart/form-data, tệp trong trường tên “file”.",
        "Send the form as multipart/form-data with the file in a field named “file”.",
    ),
    m(
        "upload.no_file",
        "biểu mẫu không có tệp nào.",
        "the form has no file.",
    ),
    m(
        "upload.one_file",
        "mỗi biểu mẫu chỉ gửi một tệp.",
        "send one file per form.",
    ),
    m(
        "upload.not_utf8",
        "văn bản không phải UTF-8 hợp lệ.",
        "the text is not valid UTF-8.",
    ),
    m(
        "value.true_false",
        "phải là true hoặc false, nhận được “{value}”.",
        "must be true or false, got “{value}”.",
    ),
    m(
        "value.whole_number",
        "phải là số nguyên, nhận được “{value}”.",
        "must be a whole number, got “{value}”.",
    ),
    m(
        "fieldwork.day_future",
        "{day} là ngày trong tương lai; hôm nay là {today}.",
        "{day} is in the future; today is {today}.",
    ),
    m(
        "fieldwork.day_too_old",
        "{day} đã quá {days} ngày; chỉ ghi lùi được đến {earliest}.",
        "{day} is more than {days} days back; the earliest is {earliest}.",
    ),
    m(
        "fieldwork.one_kind",
        "mỗi lần ghi một loại hỗ trợ.",
        "one kind of help at a time.",
    ),
    m(
        "fieldwork.no_kind",
        "không có loại hỗ trợ “{value}”.",
        "there is no kind of help “{value}”.",
    ),
    m(
        "criteria.step_format",
        "“{value}” không đúng dạng ngưỡng:điểm (ví dụ 80:10).",
        "“{value}” is not threshold:points (e.g. 80:10).",
    ),
    m(
        "criteria.kind_choice",
        "là có/không, bậc thang hoặc tỷ lệ (yes_no, steps, ratio), nhận được “{value}”.",
        "is yes/no, steps or ratio (yes_no, steps, ratio), got “{value}”.",
    ),
];
