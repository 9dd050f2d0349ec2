//! The programme: goals and their evidence, models and deployments,
//! metrics and indicators, targets, entered values, figures.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Goals. Messages that begin "field: " name the field the goal and
    // model forms mark (`http::pages::goals::labelled`): the machine name
    // stays in both languages.
    m(
        "programme.deadline_before_period",
        "phải từ ngày bắt đầu kỳ kế hoạch ({start}) trở đi, nhận được {deadline}.",
        "must be on or after the plan period's start ({start}), got {deadline}.",
    ),
    m(
        "programme.unknown_key",
        "không có số liệu chính, chỉ tiêu hay chỉ số nào mang mã “{key}”.",
        "no headline figure, indicator or metric is called '{key}'.",
    ),
    m(
        "programme.goal_code_taken",
        "code: chương trình {period} của {unit} đã có mục tiêu {code}.",
        "code: the {period} programme of {unit} already has a goal {code}.",
    ),
    m(
        "programme.goal_no_unit",
        "Không tìm thấy đơn vị của mục tiêu số {id}.",
        "Goal {id} has no unit.",
    ),
    m(
        "programme.goal_already_marked",
        "mục tiêu {code} đã được đánh giá “{status}” từ ngày {day}.",
        "goal {code} is already marked '{status}' since {day}.",
    ),
    m(
        "programme.not_evidence_awaiting",
        "{id} không phải minh chứng đang chờ đánh giá của mục tiêu {code}.",
        "{id} is not evidence of goal {code} awaiting a status.",
    ),
    // Evidence files.
    m("programme.file_empty", "tệp rỗng.", "the file is empty."),
    m(
        "programme.file_or_link",
        "hãy gửi một tệp (trường 'file') hoặc một đường dẫn (trường 'url').",
        "send a file (field 'file') or a link (field 'url').",
    ),
    m(
        "programme.sign_in_for_evidence",
        "Hãy đăng nhập để mở tệp minh chứng.",
        "Sign in to open evidence files.",
    ),
    m(
        "programme.goal_no_file",
        "Mục tiêu số {id} không có tệp số {file}.",
        "Goal {id} has no file {file}.",
    ),
    m(
        "programme.file_problem",
        "tệp: {message}",
        "file: {message}",
    ),
    // Entered values.
    m(
        "programme.no_metric",
        "không có chỉ số nào mang mã “{code}”.",
        "no metric with code '{code}'.",
    ),
    m(
        "programme.metric_entry_level",
        "{metric} được nhập cho {entry_level}, còn {code} là {level}.",
        "{metric} is entered for a {entry_level}, and {code} is a {level}.",
    ),
    m(
        "programme.metric_not_entered_for",
        "{metric} không nhập cho {code}.",
        "{metric} is not entered for {code}.",
    ),
    m(
        "programme.value_gone",
        "Giá trị bạn sửa (phiên bản {version}) không còn nữa; hãy tải lại.",
        "The value you edited (version {version}) no longer exists; reload.",
    ),
    m(
        "programme.value_changed",
        "Giá trị vừa được người khác thay đổi; hãy tải lại và thử lại.",
        "The value was changed by someone else meanwhile; reload and try again.",
    ),
    m(
        "programme.value_stale",
        "Bản sửa đã cũ: {metric} kỳ {period} nay là {value} (phiên bản {version}); hãy tải lại trước khi sửa.",
        "Your edit is stale: {metric} for {period} is now {value} (version {version}); reload before changing it.",
    ),
    m(
        "programme.rule_broken",
        "{message} ({formula})",
        "{message} ({formula})",
    ),
    // Metrics, indicators, targets.
    m(
        "programme.code_taken",
        "Mã {code} đã được dùng.",
        "The code {code} is taken.",
    ),
    m(
        "programme.min_above_max",
        "lớn hơn giá trị tối đa.",
        "is above max_value.",
    ),
    m(
        "programme.unknown_code",
        "mã “{code}” không có (chỉ dùng chỉ số, chỉ tiêu hoặc {base}).",
        "unknown code '{code}' (metrics, indicators, or {base}).",
    ),
    m(
        "programme.no_indicator",
        "không có chỉ tiêu “{code}”.",
        "no indicator '{code}'.",
    ),
    m(
        "programme.rule_unknown_metric",
        "quy tắc kiểm tra chỉ đọc các chỉ số được nhập; không có chỉ số “{code}”.",
        "a rule reads entered metrics only; unknown metric '{code}'.",
    ),
    // Models.
    m(
        "programme.model_name_taken",
        "name: đơn vị đã có mô hình “{name}”.",
        "name: the unit already has a model called '{name}'.",
    ),
    m(
        "programme.model_no_unit_on",
        "mô hình số {id} không có đơn vị vào ngày {day}.",
        "model {id} has no unit on {day}.",
    ),
    m(
        "programme.not_inside_owner",
        "{unit} không thuộc {owner}, đơn vị sở hữu mô hình này.",
        "{unit} is not inside {owner}, whose model this is.",
    ),
    m(
        "programme.deploy_unit_not_found",
        "unit: không có đơn vị nào mang mã {code} vào ngày {day}.",
        "unit: no unit has code {code} on {day}.",
    ),
    m(
        "programme.already_deployed",
        "unit: “{model}” đã được triển khai ở {unit}.",
        "unit: '{model}' is already deployed in {unit}.",
    ),
    m(
        "programme.verdict_needs_evaluation",
        "kết luận “{status}” phải kèm nội dung đánh giá.",
        "a verdict '{status}' needs the evaluation behind it.",
    ),
    m(
        "programme.no_deployment_yet",
        "“{model}” chưa được triển khai ở đâu vào hoặc trước ngày {day}; hãy ghi nơi triển khai trước.",
        "'{model}' has no deployment on or before {day}; record where it is deployed first.",
    ),
    // Figures.
    m(
        "programme.unknown_figure",
        "không có số liệu “{key}”.",
        "unknown figure '{key}'.",
    ),
    m(
        "programme.trend_span",
        "chuỗi số liệu dài tối đa 20 năm.",
        "a trend spans at most 20 years.",
    ),
    // Goals and figures, by their own rules.
    m(
        "programme.unknown_counter",
        "không có bộ đếm “{key}”.",
        "unknown counter '{key}'.",
    ),
    m(
        "programme.threshold_needs_figure",
        "ngưỡng hoặc chiều so sánh phải đi kèm số liệu mà nó áp dụng.",
        "a threshold or direction needs the figure it applies to.",
    ),
    m(
        "programme.goal_needs_value",
        "mục tiêu gắn với số liệu phải có giá trị cần đạt.",
        "a goal linked to a figure needs the value to reach.",
    ),
    m(
        "programme.status_future",
        "ngày đánh giá không được ở tương lai ({day} sau hôm nay, {today}).",
        "a status cannot be dated in the future ({day} is after today, {today}).",
    ),
    m(
        "programme.status_earlier",
        "đánh giá gần nhất đề ngày {last}; đánh giá mới không được đề ngày sớm hơn ({day}).",
        "the latest status is dated {last}; a new one cannot be dated earlier ({day}).",
    ),
    m(
        "programme.on_or_after",
        "phải từ ngày {from} trở đi, nhận được {day}.",
        "must be on or after {from}, got {day}.",
    ),
    m(
        "programme.goal_code_format",
        "mã mục tiêu gồm 1 đến 24 ký tự A-Z, a-z, 0-9, '.', '-' hoặc '_', nhận được “{value}”.",
        "a goal code is 1 to 24 characters A-Z, a-z, 0-9, '.', '-' or '_', got '{value}'.",
    ),
    m(
        "programme.metric_code_format",
        "mã gồm 2 đến 48 ký tự a-z, 0-9 hoặc _, bắt đầu bằng chữ cái, nhận được “{value}”.",
        "a code is 2 to 48 characters a-z, 0-9 or _, starting with a letter, got '{value}'.",
    ),
    m(
        "programme.formula_at",
        "tại vị trí {pos}: {message}",
        "at position {pos}: {message}",
    ),
    m(
        "programme.formula_cycle",
        "công thức tự tham chiếu đến chính nó: {cycle}.",
        "refers to itself: {cycle}.",
    ),
    m(
        "programme.model_starts_as",
        "mô hình mới bắt đầu ở trạng thái {allowed}, không phải “{to}”.",
        "a new model starts as {allowed}, not '{to}'.",
    ),
    // Statuses in words, inside messages and on the pages.
    m("programme.model_planned", "Dự kiến", "Planned"),
    m("programme.model_deployed", "Đã triển khai", "Deployed"),
    m(
        "programme.model_effective",
        "Phát huy hiệu quả",
        "Effective",
    ),
    m(
        "programme.model_not_effective",
        "Chưa hiệu quả",
        "Not effective",
    ),
    m("programme.goal_achieved", "Đạt", "Achieved"),
    m("programme.goal_not_achieved", "Chưa đạt", "Not achieved"),
    m(
        "programme.model_already",
        "mô hình đã ở trạng thái “{to}”.",
        "the model is already '{to}'.",
    ),
    m(
        "programme.model_next_step",
        "mô hình chỉ chuyển từ “{from}” sang {allowed}; “{to}” không phải bước tiếp theo.",
        "a model goes from '{from}' to {allowed} only; '{to}' is not the next step.",
    ),
    // Formulas.
    m(
        "programme.formula_unexpected_char",
        "ký tự “{character}” không hợp lệ.",
        "unexpected character '{character}'.",
    ),
    m(
        "programme.formula_expected",
        "cần {what}.",
        "expected {what}.",
    ),
    m(
        "programme.formula_unknown_function",
        "không có hàm “{name}” (chỉ có min, max, if).",
        "unknown function '{name}' (min, max, if).",
    ),
    m(
        "programme.formula_if_arguments",
        "hàm if nhận 3 đối số (điều kiện, giá trị khi đúng, giá trị khi sai), nhận được {got}.",
        "if takes 3 arguments (condition, then, else), got {got}.",
    ),
    m(
        "programme.formula_unexpected",
        "không mong đợi {token} ở đây.",
        "unexpected {token}.",
    ),
    m(
        "programme.formula_after_end",
        "thừa {token} sau khi biểu thức đã kết thúc.",
        "unexpected {token} after the end of the expression.",
    ),
    m(
        "programme.formula_ends_early",
        "công thức kết thúc quá sớm.",
        "the formula ends too early.",
    ),
    m(
        "programme.formula_empty",
        "công thức đang để trống.",
        "the formula is empty.",
    ),
    m("programme.formula_number", "số {value}", "number {value}"),
    m("programme.formula_symbol", "“{value}”", "'{value}'"),
];
