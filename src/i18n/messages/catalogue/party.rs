//! The party handbook (keys `handbook.*`; `party.*` names figures):
//! organisations (chi bộ, đảng bộ), members (đảng
//! viên), meetings, documents, tasks, notes. Organisation names are
//! arguments as written.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Kinds of organisation, inside other messages.
    m(
        "handbook.kind_provincial_committee",
        "đảng bộ tỉnh",
        "provincial committee",
    ),
    m(
        "handbook.kind_district_committee",
        "đảng bộ huyện",
        "district committee",
    ),
    m(
        "handbook.kind_commune_committee",
        "đảng bộ xã",
        "commune committee",
    ),
    m("handbook.kind_cell", "chi bộ", "cell"),
    m(
        "handbook.kind_under",
        "{kind} phải trực thuộc {parent}.",
        "a {kind} sits under a {parent}.",
    ),
    m(
        "handbook.kind_no_parent",
        "{kind} không có tổ chức đảng cấp trên.",
        "a {kind} has no parent.",
    ),
    m(
        "handbook.kind_not_tied",
        "{kind} không gắn với {level}.",
        "a {kind} is not tied to a {level}.",
    ),
    // Signing in.
    m(
        "handbook.sign_in_handbook",
        "Hãy đăng nhập để dùng sổ tay đảng viên.",
        "Sign in to use the party handbook.",
    ),
    m(
        "handbook.sign_in_notes",
        "Hãy đăng nhập để ghi chép.",
        "Sign in to keep notes.",
    ),
    // Not found (to members and outsiders alike).
    m(
        "handbook.org_not_found",
        "Tổ chức đảng số {id} không tồn tại.",
        "No party organisation with id {id}.",
    ),
    m(
        "handbook.document_not_found",
        "Không có văn bản số {id} mà bạn được xem.",
        "No document with id {id} that you may read.",
    ),
    m(
        "handbook.document_no_file",
        "Văn bản số {id} không có tệp số {file}.",
        "Document {id} has no file {file}.",
    ),
    m(
        "handbook.meeting_not_found",
        "Không có cuộc họp số {id} trong các tổ chức đảng của bạn.",
        "No meeting with id {id} in your party organisations.",
    ),
    m(
        "handbook.task_not_found",
        "Không có nhiệm vụ số {id} trong các tổ chức đảng của bạn.",
        "No task with id {id} in your party organisations.",
    ),
    m(
        "handbook.note_not_found",
        "Bạn không có ghi chép nào số {id}.",
        "You have no note with id {id}.",
    ),
    // Who may do what.
    m(
        "handbook.not_your_org",
        "{org} không phải tổ chức đảng của bạn.",
        "{org} is not one of your party organisations.",
    ),
    m(
        "handbook.overview_outside",
        "Tổng quan của {org} nằm ngoài phạm vi được giao cho bạn.",
        "The overview of {org} is outside your area.",
    ),
    m(
        "handbook.add_org_forbidden",
        "Chỉ quản trị viên và bí thư của tổ chức đảng cấp trên mới thêm được tổ chức đảng.",
        "Adding party organisations is for admins and the secretary of the organisation above.",
    ),
    m(
        "handbook.add_members_forbidden",
        "Chỉ bí thư của {org} mới thêm được đảng viên.",
        "Adding members to {org} is for its secretary.",
    ),
    m(
        "handbook.meetings_run_by",
        "Chỉ bí thư hoặc phó bí thư của {org} mới điều hành được cuộc họp của tổ chức này.",
        "Only the secretary or deputy of {org} runs its meetings.",
    ),
    m(
        "handbook.meetings_created_by",
        "Chỉ bí thư hoặc phó bí thư của {org} mới tạo được cuộc họp của tổ chức này.",
        "Only the secretary or deputy of {org} creates its meetings.",
    ),
    m(
        "handbook.meetings_for_members",
        "Các cuộc họp của {org} chỉ dành cho đảng viên của tổ chức này.",
        "The meetings of {org} are for its members.",
    ),
    m(
        "handbook.documents_issued_by",
        "Văn bản của {org} do bí thư hoặc phó bí thư ban hành.",
        "Documents of {org} are issued by its secretary or deputy.",
    ),
    m(
        "handbook.receipts_for_secretary",
        "Chỉ bí thư hoặc phó bí thư của {org} mới xem được tình hình đọc văn bản.",
        "The read receipts of {org} are for its secretary or deputy.",
    ),
    m(
        "handbook.files_by_secretary",
        "Chỉ bí thư của tổ chức đảng ban hành văn bản mới đính kèm được tệp.",
        "Files are attached by the secretary of the issuing organisation.",
    ),
    m(
        "handbook.import_admin",
        "Chỉ quản trị viên mới nạp được dữ liệu lịch sử của tổ chức đảng.",
        "Loading a party history is for admins.",
    ),
    m(
        "handbook.task_done_by",
        "Chỉ người được giao hoặc bí thư mới đánh dấu được nhiệm vụ đã hoàn thành.",
        "A task is marked done by its owner or the secretary.",
    ),
    // Organisations and members.
    m(
        "handbook.not_below",
        "{org} không trực thuộc {issuer}.",
        "{org} is not below {issuer}.",
    ),
    m(
        "handbook.not_distributed_to",
        "văn bản không được gửi tới {org}.",
        "the document is not distributed to {org}.",
    ),
    m(
        "handbook.unit_inside_parent",
        "đơn vị phải nằm trong đơn vị của tổ chức đảng cấp trên.",
        "the unit must lie inside the parent organisation's unit.",
    ),
    m(
        "handbook.joined_party_first",
        "ngày vào Đảng phải trước ngày sinh hoạt tại tổ chức này.",
        "a member joins the party before joining the organisation.",
    ),
    m(
        "handbook.already_member",
        "{name} đã là đảng viên của {org}.",
        "{name} is already a member of {org}.",
    ),
    m(
        "handbook.member_not_in",
        "đảng viên số {id} không thuộc {org}.",
        "member {id} is not in {org}.",
    ),
    // Meetings, minutes, tasks, notes.
    m(
        "handbook.time_format",
        "phải là giờ dạng HH:MM, nhận được “{value}”.",
        "must be a time HH:MM, got '{value}'.",
    ),
    m(
        "handbook.meeting_dated_from",
        "cuộc họp mới phải đề ngày từ {day} trở đi.",
        "a new meeting is dated from {day} on.",
    ),
    m(
        "handbook.notice_closed",
        "cuộc họp đang ở trạng thái {state}; không gửi thông báo mời họp được nữa.",
        "the meeting is {state}; its notice can no longer be sent.",
    ),
    m(
        "handbook.name_one_member",
        "hãy nêu ít nhất một đảng viên.",
        "name at least one member.",
    ),
    m(
        "handbook.minutes_stale",
        "Biên bản cuộc họp số {id} vừa được người khác sửa (bạn sửa phiên bản {yours}, nay là phiên bản {now}); hãy tải lại và sửa lại.",
        "The minutes of meeting {id} were changed by someone else (you edited version {yours}, it is now version {now}); reload them and apply your change again.",
    ),
    m(
        "handbook.deadline_before_meeting",
        "hạn hoàn thành sớm hơn ngày họp ({day}).",
        "the deadline falls before the meeting ({day}).",
    ),
    m(
        "handbook.task_done",
        "Nhiệm vụ này đã hoàn thành.",
        "The task is already done.",
    ),
    m(
        "handbook.note_stale",
        "Ghi chép số {id} vừa được sửa ở nơi khác (bạn sửa phiên bản {yours}, nay là phiên bản {now}); hãy tải lại và sửa lại.",
        "Note {id} was changed elsewhere (you edited version {yours}, it is now version {now}); reload it and apply your change again.",
    ),
    // Loading a history.
    m(
        "handbook.import_no_document",
        "không có văn bản thứ {index}.",
        "no document {index}.",
    ),
    m(
        "handbook.import_no_org",
        "không có tổ chức đảng số {id}.",
        "no organisation {id}.",
    ),
    m(
        "handbook.import_org_not_below",
        "tổ chức đảng số {id} không trực thuộc {issuer}.",
        "organisation {id} is not below {issuer}.",
    ),
    // Meetings and documents, by their own rules.
    m(
        "handbook.cancelled_no_attendance",
        "cuộc họp đã bị hủy; không có điểm danh.",
        "the meeting was cancelled; there is no attendance to take.",
    ),
    m(
        "handbook.attendance_from_day",
        "chỉ điểm danh từ ngày họp ({day}) trở đi.",
        "attendance is taken from the meeting day on ({day}).",
    ),
    m(
        "handbook.cancelled_no_minutes",
        "cuộc họp đã bị hủy; không có biên bản.",
        "the meeting was cancelled; it has no minutes.",
    ),
    m(
        "handbook.held_no_cancel",
        "cuộc họp đã diễn ra; không hủy được.",
        "the meeting was held; it cannot be cancelled.",
    ),
    m(
        "handbook.already_cancelled",
        "cuộc họp đã bị hủy rồi.",
        "the meeting is already cancelled.",
    ),
    m(
        "handbook.restricted_positions",
        "văn bản hạn chế phạm vi đọc phải nêu các chức vụ được đọc.",
        "a restricted document names the positions that may read it.",
    ),
    m(
        "handbook.positions_only_restricted",
        "chỉ văn bản hạn chế phạm vi đọc mới nêu chức vụ được đọc.",
        "only restricted documents name positions.",
    ),
];
