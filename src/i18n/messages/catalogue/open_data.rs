//! The lines every open-data download carries: where the figures come
//! from and the terms they may be used on. Keys are `open_data.*`.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "open_data.source",
        "Nguồn: Tỉnh số (tinhso), {unit}, số liệu tổng hợp tính đến {day}, tính từ sổ ghi chép của các thôn, xã; xem tại {path}",
        "Source: tinhso, {unit}, aggregate figures as of {day}, computed from the villages' and communes' records; see {path}",
    ),
    m(
        "open_data.licence",
        "Giấy phép: {licence}. Được dùng lại, ghi rõ nguồn.",
        "Licence: {licence}. Free to reuse with attribution.",
    ),
    m(
        "open_data.format",
        "phải là csv, xlsx hoặc json, nhận được “{format}”.",
        "must be csv, xlsx or json, got “{format}”.",
    ),
    m(
        "open_data.table_format",
        "phải là csv hoặc xlsx, nhận được “{format}”.",
        "must be csv or xlsx, got “{format}”.",
    ),
];
