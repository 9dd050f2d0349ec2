//! What is not there (404), beyond the common "no {what} with id {id}".

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "notfound.unit_not_in_hierarchy",
        "Đơn vị số {id} không có trong danh mục đơn vị hành chính.",
        "Unit {id} is not in the hierarchy.",
    ),
    m(
        "notfound.unit_id_on",
        "Không có đơn vị số {id} vào ngày {day}.",
        "No unit with id {id} on {day}.",
    ),
];
