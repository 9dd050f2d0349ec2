//! Messages of every area: sign-in, access, what is not found, requests.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Errors by their code, when nothing more is known.
    m(
        "error.sign_in_first",
        "Hãy đăng nhập trước.",
        "Sign in first.",
    ),
    m(
        "error.internal",
        "Máy chủ gặp lỗi bên trong (mã tham chiếu {reference}); hãy báo mã này cho quản trị.",
        "Internal error (reference {reference}); give this reference to the administrator.",
    ),
    m(
        "error.storage_full",
        "Bộ nhớ của máy chủ đã đầy: chưa có gì được lưu; hãy thử lại sau.",
        "The server's storage is full: nothing was saved; try again later.",
    ),
    m(
        "error.duplicate",
        "Bản ghi này đã có.",
        "That record already exists.",
    ),
    m(
        "error.item",
        "Mục {item}: {message}",
        "Item {item}: {message}",
    ),
    // Signing in.
    m(
        "auth.wrong_password",
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong username or password.",
    ),
    m(
        "auth.inactive",
        "Tài khoản này đã bị khóa.",
        "The account is not active.",
    ),
    m(
        "auth.bad_token",
        "Khóa API không hợp lệ, đã bị thu hồi hoặc đã hết hạn.",
        "The API token is not valid, revoked or expired.",
    ),
    m(
        "auth.bearer",
        "Tiêu đề Authorization phải có dạng 'Bearer <khóa>'.",
        "The Authorization header must be 'Bearer <token>'.",
    ),
    m(
        "auth.session_expired",
        "Phiên đăng nhập đã hết hạn hoặc không hợp lệ; hãy đăng nhập lại.",
        "Your session has expired or is not valid; please sign in again.",
    ),
    m(
        "auth.sign_in_to_upload",
        "Hãy đăng nhập (hoặc gửi khóa API) trước khi tải tệp lên.",
        "Sign in (or send an API token) before uploading.",
    ),
    m(
        "auth.too_many",
        "Sai quá nhiều lần; hãy thử lại sau {minutes} phút.",
        "Too many failed attempts; try again in {minutes} minutes.",
    ),
    m(
        "auth.csrf",
        "Biểu mẫu đã hết hạn hoặc không đến từ trang này; hãy tải lại trang và gửi lại.",
        "The form has expired or did not come from this site; reload the page and send it again.",
    ),
    // Access.
    m(
        "access.outside_area",
        "{what} nằm ngoài phạm vi được giao cho bạn.",
        "{what} is outside your area.",
    ),
    m(
        "access.national_summary",
        "Số liệu tổng hợp toàn quốc nằm ngoài phạm vi được giao cho bạn.",
        "The national summary is outside your area.",
    ),
    m(
        "access.forbidden",
        "Bạn không có quyền làm việc này.",
        "You may not do this.",
    ),
    // Not found.
    m(
        "notfound.path",
        "Không có trang nào ở {path}.",
        "Nothing at {path}.",
    ),
    m(
        "notfound.unit_code",
        "Không có đơn vị nào mang mã {code}.",
        "No unit has code {code}.",
    ),
    m(
        "notfound.unit_code_on",
        "Không có đơn vị nào mang mã {code} vào ngày {day}.",
        "No unit has code {code} on {day}.",
    ),
    m(
        "notfound.unit_code_on_known",
        "Không có đơn vị nào mang mã {code} vào ngày {day} (mã này từng là: {known}).",
        "No unit has code {code} on {day} (it names: {known}).",
    ),
    m(
        "notfound.record",
        "Không tìm thấy {what} số {id}.",
        "No {what} with id {id}.",
    ),
    // Requests the server cannot read.
    m(
        "request.too_large",
        "Dữ liệu gửi lên quá lớn.",
        "The request body is too large.",
    ),
    m(
        "request.uri_too_long",
        "Địa chỉ yêu cầu dài quá {max} byte.",
        "The request URI may be at most {max} bytes.",
    ),
    m(
        "request.unreadable",
        "Máy chủ không đọc được yêu cầu: {detail}",
        "The request could not be read: {detail}",
    ),
    m(
        "request.method",
        "Địa chỉ {path} không nhận phương thức này.",
        "{path} does not take this method.",
    ),
    // Values typed by people.
    m(
        "value.not_a_number",
        "“{value}” không phải là một số.",
        "“{value}” is not a number.",
    ),
    m(
        "value.count",
        "số đếm phải là số nguyên không âm, nhận được {value}.",
        "a count is a whole number ≥ 0, got {value}.",
    ),
    m("value.required", "cần nhập.", "is required."),
    m(
        "value.not_a_date",
        "“{value}” không phải là ngày (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "“{value}” is not a date (dd/mm/yyyy or yyyy-mm-dd).",
    ),
    m(
        "value.of_metric",
        "{metric}: {message}",
        "{metric}: {message}",
    ),
    m(
        "value.must_be_number",
        "phải là một số.",
        "must be a number.",
    ),
    m(
        "value.yes_no",
        "có/không là 1 hoặc 0, nhận được {value}.",
        "yes/no is 1 or 0, got {value}.",
    ),
    m(
        "value.percent",
        "tỷ lệ phần trăm từ 0 đến 100, nhận được {value}.",
        "a percentage is 0 to 100, got {value}.",
    ),
    m(
        "value.at_least",
        "phải từ {min} trở lên, nhận được {value}.",
        "must be at least {min}, got {value}.",
    ),
    m(
        "value.at_most",
        "phải không quá {max}, nhận được {value}.",
        "must be at most {max}, got {value}.",
    ),
    m(
        "value.too_long",
        "dài tối đa {max} ký tự, đang có {got}.",
        "must be at most {max} characters, got {got}.",
    ),
    m(
        "value.control_characters",
        "không được chứa ký tự điều khiển.",
        "must not hold control characters.",
    ),
    m(
        "value.future_day",
        "ngày {day} là ngày trong tương lai.",
        "{day} is in the future.",
    ),
    m(
        "value.range",
        "phải từ {min} đến {max}, nhận được {value}.",
        "must be {min}..{max}, got {value}.",
    ),
    m(
        "value.in_future",
        "không được là ngày trong tương lai.",
        "is in the future.",
    ),
    m(
        "value.between_and_today",
        "phải từ ngày {from} đến hôm nay.",
        "must be between {from} and today.",
    ),
    m(
        "value.at_most_chars",
        "dài tối đa {max} ký tự.",
        "at most {max} characters.",
    ),
    m(
        "value.date_out_of_range",
        "ngày nằm ngoài khoảng cho phép.",
        "date out of range.",
    ),
    // Uploads.
    m(
        "upload.too_large",
        "Mỗi tệp tối đa {max} MiB.",
        "A file may be at most {max} MiB.",
    ),
    // Limits on bulk work.
    m(
        "limits.too_many_rows",
        "Danh sách nhập: {rows} dòng trong một yêu cầu; mỗi lần chỉ nhận tối đa {max} dòng (TINHSO_MAX_IMPORT_ROWS): hãy gửi thành nhiều phần.",
        "items: {rows} rows in one request; at most {max} are taken at once (TINHSO_MAX_IMPORT_ROWS): send them in parts.",
    ),
    m(
        "limits.bulk_rate",
        "Mỗi tài khoản được ghi theo lô tối đa {per_minute} lần một phút (TINHSO_BULK_WRITES_PER_MINUTE); hãy thử lại sau {seconds} giây.",
        "At most {per_minute} bulk writes a minute per account (TINHSO_BULK_WRITES_PER_MINUTE); try again in {seconds} s.",
    ),
    // Criteria.
    m(
        "criteria.own_assessment_forbidden",
        "Chỉ cán bộ của {unit} mới nhập được phần tự đánh giá của đơn vị này.",
        "Entering {unit}'s self-assessment needs an officer's role there.",
    ),
    m(
        "criteria.verified_forbidden",
        "Giá trị thẩm định của {unit} do cơ quan thẩm định cấp trên nhập.",
        "Verified values of {unit} are entered by the verifying agency above it.",
    ),
    // JSON bodies.
    m(
        "request.json_type",
        "sai kiểu dữ liệu ở dòng {line}, cột {column}: nhận {got}, cần {expected}.",
        "wrong type at line {line}, column {column}: got {got}, expected {expected}.",
    ),
    m(
        "request.json_data",
        "dữ liệu không hợp lệ ở dòng {line}, cột {column}: {detail}",
        "invalid data at line {line}, column {column}: {detail}",
    ),
    m(
        "request.json_syntax",
        "không phải JSON hợp lệ ở dòng {line}, cột {column}: {detail}",
        "not valid JSON at line {line}, column {column}: {detail}",
    ),
    m("request.expected_number", "một số", "a number"),
    m(
        "request.expected_integer",
        "một số nguyên",
        "a whole number",
    ),
    m("request.expected_text", "một chuỗi ký tự", "a string"),
    m(
        "request.expected_boolean",
        "true hoặc false",
        "true or false",
    ),
    m("request.expected_list", "một danh sách", "a list"),
    m(
        "request.expected_object",
        "một đối tượng JSON",
        "a JSON object",
    ),
    // Values checked by the domain.
    m(
        "value.one_of",
        "phải là một trong các giá trị {allowed}, nhận được “{value}”.",
        "must be one of {allowed}, got '{value}'.",
    ),
    m(
        "value.date_format",
        "phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được “{value}”.",
        "must be a date YYYY-MM-DD or DD/MM/YYYY, got '{value}'.",
    ),
    m(
        "value.length_range",
        "phải dài từ {min} đến {max} ký tự, đang có {got}.",
        "must be {min} to {max} characters, got {got}.",
    ),
    m(
        "value.invisible_characters",
        "không được chứa ký tự ẩn (khoảng trắng hay ký tự nối có độ rộng bằng 0, dấu hay ký tự đảo chiều viết từ phải sang trái).",
        "must not contain invisible characters (zero-width spaces or joiners, right-to-left marks or overrides).",
    ),
    m(
        "value.forbidden_character",
        "không được chứa ký tự {character}.",
        "must not contain the character {character}.",
    ),
    m(
        "value.link",
        "phải là đường dẫn http:// hoặc https:// dài tối đa 500 ký tự, nhận được “{value}”.",
        "must be an http:// or https:// link of at most 500 characters, got '{value}'.",
    ),
    m(
        "value.year_range",
        "năm phải từ {min} đến {max}, nhận được {value}.",
        "the year must be between {min} and {max}, got {value}.",
    ),
    m(
        "value.period_format",
        "phải là ngày (2022-06-30), tháng (2022-06), quý (2022Q2), nửa năm (2022S1) hoặc năm (2022), nhận được “{value}”.",
        "must be a day (2022-06-30), month (2022-06), quarter (2022Q2), half-year (2022S1) or year (2022), got '{value}'.",
    ),
    m(
        "upload.content_refused",
        "nội dung tệp là {looks}; chỉ nhận PDF, PNG, JPEG và tài liệu văn phòng (Word, Excel, PowerPoint, OpenDocument).",
        "the content is {looks}; only PDF, PNG, JPEG and office documents (Word, Excel, PowerPoint, OpenDocument) are accepted.",
    ),
    m(
        "upload.extension_mismatch",
        "tên tệp có đuôi .{ext} nhưng nội dung là {kind}; hãy đổi tên tệp hoặc tải lên đúng tệp.",
        "the name says .{ext} but the content is a {kind}; rename the file or upload the right one.",
    ),
    m("value.or", "{a} hoặc {b}", "{a} or {b}"),
];
