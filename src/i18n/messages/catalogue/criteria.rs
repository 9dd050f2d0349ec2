//! Criteria sets, their values, the province index, and communes'
//! registrations for recognition.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Who acts on a registration.
    m(
        "criteria.party_commune",
        "cán bộ của xã",
        "the commune's officers",
    ),
    m(
        "criteria.party_verifier",
        "cơ quan thẩm định (cán bộ cấp huyện)",
        "the verifying agency (the district's officers)",
    ),
    m(
        "criteria.party_province",
        "cán bộ cấp tỉnh",
        "the province's officers",
    ),
    m(
        "criteria.evidence_attach_forbidden",
        "Minh chứng cho hồ sơ đăng ký của {unit} do {party} đính kèm.",
        "Evidence for {unit}'s registration is attached by {party}.",
    ),
    m(
        "criteria.register_forbidden",
        "Việc đăng ký công nhận cho {unit} do {party} thực hiện.",
        "Registering {unit} is for {party}.",
    ),
    m(
        "criteria.step_forbidden",
        "Bước này ({action}) của hồ sơ đăng ký của {unit} do {party} thực hiện.",
        "This step ({action}) on {unit}'s registration is for {party}.",
    ),
    // Sets.
    m(
        "criteria.sets_by_province",
        "bộ tiêu chí do cấp tỉnh ban hành; {code} là {level}.",
        "criteria sets are issued by a province; {code} is a {level}.",
    ),
    m(
        "criteria.set_exists",
        "Bộ tiêu chí {code} năm {year} đã có.",
        "A criteria set {code} for {year} already exists.",
    ),
    m(
        "criteria.set_unit_gone",
        "Không còn đơn vị ban hành bộ tiêu chí số {id}.",
        "The unit of set {id} is gone.",
    ),
    m(
        "criteria.level_in_use",
        "mức “{level}” đã có hồ sơ đăng ký (ví dụ hồ sơ số {id}) nên không xóa được.",
        "level '{level}' has registrations (e.g. #{id}); it cannot be removed.",
    ),
    m(
        "criteria.set_stale",
        "Bộ tiêu chí số {id} vừa được người khác sửa (bạn sửa phiên bản {yours}, nay là phiên bản {now}); hãy tải lại và sửa lại.",
        "Criteria set {id} was changed by someone else (you edited version {yours}, it is now version {now}); reload it and apply your change again.",
    ),
    m(
        "criteria.set_no_level",
        "bộ tiêu chí không có mức “{level}”.",
        "the set has no level '{level}'.",
    ),
    m(
        "criteria.set_no_level_known",
        "bộ {set} năm {year} không có mức “{level}” (các mức có: {known}).",
        "set {set} {year} has no level '{level}' (it has: {known}).",
    ),
    m(
        "criteria.no_commune_set",
        "Không có bộ tiêu chí cấp xã năm {year} áp dụng cho {code}.",
        "No commune criteria set for {year} covers {code}.",
    ),
    // Values.
    m(
        "criteria.values_none",
        "cần nhập ít nhất một giá trị.",
        "give at least one value.",
    ),
    m(
        "criteria.set_scores_level",
        "bộ {set} dùng để chấm {want}; {code} là {level}.",
        "set {set} scores a {want}; {code} is a {level}.",
    ),
    m(
        "criteria.no_criterion",
        "bộ {set} không có tiêu chí “{criterion}”.",
        "no criterion '{criterion}' in set {set}.",
    ),
    m(
        "criteria.criterion_from_records",
        "tiêu chí “{criterion}” được lấy từ số liệu đã ghi nhận ({source}), không nhập tay.",
        "criterion '{criterion}' is read from the records ({source}); it is not entered.",
    ),
    m(
        "criteria.evidence_link",
        "đường dẫn minh chứng phải bắt đầu bằng https:// hoặc http://.",
        "a link to evidence starts with https:// or http://.",
    ),
    // The province index.
    m(
        "criteria.index_ranks_provinces",
        "chỉ số xếp hạng các tỉnh; {code} là {level}.",
        "the index ranks provinces; {code} is a {level}.",
    ),
    m(
        "criteria.rank_range",
        "phải từ 1 đến {max} (số đơn vị được xếp hạng), nhận được {value}.",
        "must be 1..{max} (the number ranked), got {value}.",
    ),
    m(
        "criteria.index_result_exists",
        "{code} đã có kết quả {index} năm {year}.",
        "{code} already has a {index} result for {year}.",
    ),
    m(
        "criteria.index_target_exists",
        "{code} đã có mục tiêu xếp hạng năm {year}.",
        "{code} already has a target for {year}.",
    ),
    // Registrations.
    m(
        "criteria.recognition_communes",
        "việc công nhận dành cho cấp xã; {code} là {level}.",
        "recognition is for communes; {code} is a {level}.",
    ),
    m(
        "criteria.register_communes",
        "chỉ cấp xã mới đăng ký công nhận; {code} là {level}.",
        "only communes register for recognition; {code} is a {level}.",
    ),
    m(
        "criteria.already_registered",
        "{code} đã đăng ký năm {year}.",
        "{code} is already registered for {year}.",
    ),
    m(
        "criteria.already_registered_detail",
        "{code} đã đăng ký năm {year} (hồ sơ số {id}, mức {level}, {status}).",
        "{code} is already registered for {year} (registration #{id}, level {level}, {status}).",
    ),
    m(
        "criteria.registration_unit_gone",
        "Không còn xã của hồ sơ đăng ký số {id}.",
        "The commune of registration {id} is gone.",
    ),
    m(
        "criteria.registration_no_file",
        "Hồ sơ đăng ký số {id} không có tệp số {file}.",
        "Registration {id} has no file {file}.",
    ),
    m(
        "criteria.evidence_while_with_commune",
        "Hồ sơ đăng ký số {id} đang ở trạng thái {status}; chỉ đính kèm minh chứng khi hồ sơ còn ở cấp xã.",
        "Registration {id} is {status}; evidence is attached while it is with the commune.",
    ),
    m(
        "criteria.registration_stale",
        "Hồ sơ đăng ký số {id} đã thay đổi từ khi bạn mở (phiên bản {yours}, nay là {now}); hãy tải lại.",
        "Registration {id} changed since you opened it (version {yours}, now {now}); reload it.",
    ),
    m(
        "criteria.registration_moved",
        "Hồ sơ đăng ký số {id} vừa được người khác chuyển bước cùng lúc; hãy tải lại.",
        "Registration {id} was moved by someone else at the same time; reload it.",
    ),
    m(
        "criteria.return_needs_reasons",
        "trả lại hồ sơ đăng ký phải ghi rõ lý do.",
        "returning a registration needs the reasons.",
    ),
    m(
        "criteria.level_not_met",
        "{unit} chưa đạt mức {level} vào ngày {day}: {reasons}",
        "{unit} does not meet the level {level} on {day}: {reasons}",
    ),
    m(
        "criteria.before_previous_step",
        "ngày {day} trước bước liền trước ({last}).",
        "{day} is before the previous step ({last}).",
    ),
    // A set's definition.
    m(
        "criteria.points_range",
        "phải lớn hơn 0 và không quá 1000, nhận được {value}.",
        "must be above 0 and at most 1000, got {value}.",
    ),
    m(
        "criteria.steps_needed",
        "quy tắc chấm theo bậc cần ít nhất một bậc.",
        "a steps rule needs at least one step.",
    ),
    m(
        "criteria.points_outside",
        "{points} điểm nằm ngoài khoảng 0..{max} (điểm tối đa của tiêu chí).",
        "{points} points is outside 0..{max} (the criterion's maximum).",
    ),
    m(
        "criteria.ratio_needs_divisor",
        "quy tắc tỷ lệ cần có số chia (một số hoặc một mã).",
        "a ratio needs what to divide by (a number or a code).",
    ),
    m(
        "criteria.above_zero_got",
        "phải lớn hơn 0, nhận được {value}.",
        "must be above 0, got {value}.",
    ),
    m("criteria.above_zero", "phải lớn hơn 0.", "must be above 0."),
    m(
        "criteria.set_needs_criterion",
        "bộ tiêu chí cần ít nhất một tiêu chí.",
        "a set needs at least one criterion.",
    ),
    m(
        "criteria.group_twice",
        "nhóm “{code}” xuất hiện hai lần.",
        "group '{code}' appears twice.",
    ),
    m(
        "criteria.commune_groups",
        "bộ tiêu chí cấp xã chia tiêu chí thành nhóm bắt buộc hoặc mở rộng, không chia theo trụ cột.",
        "a commune set groups criteria as mandatory or extended, not pillars.",
    ),
    m(
        "criteria.index_groups",
        "bộ chỉ số chia tiêu chí theo trụ cột.",
        "an index groups its criteria in pillars.",
    ),
    m(
        "criteria.criterion_twice",
        "tiêu chí “{code}” xuất hiện hai lần.",
        "criterion '{code}' appears twice.",
    ),
    m(
        "criteria.no_group",
        "bộ này không có nhóm “{code}”.",
        "no group '{code}' in this set.",
    ),
    m(
        "criteria.no_criterion_here",
        "bộ này không có tiêu chí “{code}”.",
        "no criterion '{code}' in this set.",
    ),
    m(
        "criteria.no_figure",
        "không có số liệu, chỉ số hay chỉ tiêu “{code}”.",
        "no figure, metric or indicator '{code}'.",
    ),
    m(
        "criteria.group_over_max",
        "các tiêu chí của nhóm cho tối đa {sum} điểm, vượt điểm tối đa {max} của nhóm.",
        "its criteria give up to {sum} points, more than the group's maximum {max}.",
    ),
    m(
        "criteria.index_no_levels",
        "bộ chỉ số không có mức công nhận.",
        "an index has no recognition levels.",
    ),
    m(
        "criteria.level_twice",
        "mức “{code}” xuất hiện hai lần.",
        "level '{code}' appears twice.",
    ),
    m(
        "criteria.min_points_range",
        "phải từ 0 đến {max} (tổng điểm của bộ), nhận được {value}.",
        "must be 0..{max} (the set's total), got {value}.",
    ),
    m(
        "criteria.commune_needs_level",
        "bộ tiêu chí cấp xã cần ít nhất một mức công nhận.",
        "a commune set needs at least one recognition level.",
    ),
    m(
        "criteria.cycle",
        "các tiêu chí đọc lẫn nhau thành vòng: {path}.",
        "criteria read each other in a cycle: {path}.",
    ),
    m(
        "criteria.step_order",
        "hồ sơ đăng ký đang ở trạng thái {status} không thể {action}; trước hết hồ sơ phải {next}.",
        "a registration that is {status} cannot {action}; it must first {next}.",
    ),
    m(
        "criteria.next_submit",
        "nộp bản tự đánh giá",
        "submit its self-assessment",
    ),
    m(
        "criteria.next_verify",
        "được cơ quan thẩm định thẩm định hoặc trả lại",
        "be verified or returned by the verifying agency",
    ),
    m(
        "criteria.next_recognise",
        "được cấp tỉnh công nhận hoặc trả lại",
        "be recognised or returned by the province",
    ),
    m(
        "criteria.next_none",
        "giữ trạng thái đã công nhận (quy trình đã kết thúc)",
        "stay recognised (the workflow has ended)",
    ),
    m(
        "criteria.unknown_status",
        "không có trạng thái “{value}”.",
        "unknown status '{value}'.",
    ),
    m(
        "criteria.action_values",
        "phải là submit, verify, return hoặc recognise, nhận được “{value}”.",
        "must be submit, verify, return or recognise, got '{value}'.",
    ),
    m(
        "criteria.kind_values",
        "phải là commune hoặc index, nhận được “{value}”.",
        "must be commune or index, got '{value}'.",
    ),
    // A registration's status in words, inside messages and on the pages.
    m("criteria.status_registered", "Đã đăng ký", "Registered"),
    m(
        "criteria.status_submitted",
        "Đã nộp tự đánh giá",
        "Self-assessment sent",
    ),
    m("criteria.status_verified", "Đã thẩm định", "Verified"),
    m("criteria.status_recognised", "Đã công nhận", "Recognised"),
    m("criteria.status_returned", "Bị trả lại", "Returned"),
];
