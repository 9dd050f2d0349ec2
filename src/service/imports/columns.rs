//! The columns of each register as a spreadsheet holds them: the key the
//! importer reads, the Vietnamese header a template writes (the first
//! name), the synonyms a province's own files use, and whether a file
//! without the column is refused. An export's header row is the template's,
//! so that an export re-imports unchanged.

use crate::domain::metric::Adoption;
use crate::io::sheet::ColumnSpec;

/// The village of a row, in a file for a commune or a district (by the
/// village's code or its name; not needed in a village's own file, and not
/// in its template).
pub const VILLAGE: ColumnSpec = ColumnSpec {
    key: "village",
    names: &[
        "Thôn",
        "Thôn, bản",
        "Thôn/bản",
        "Thôn, bản, tổ dân phố",
        "Tên thôn",
        "Mã thôn",
    ],
    required: false,
};

/// A phone number (a household's, a team member's).
pub const PHONE: ColumnSpec = ColumnSpec {
    key: "phone",
    names: &["Số điện thoại", "Điện thoại", "SĐT", "Số ĐT"],
    required: false,
};

/// A household of one village (the unit the file is imported into).
pub const HOUSEHOLDS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "code",
        names: &["Mã hộ", "Mã số hộ", "Mã hộ gia đình", "Số hiệu hộ"],
        required: true,
    },
    ColumnSpec {
        key: "head_name",
        names: &["Họ và tên chủ hộ", "Chủ hộ", "Tên chủ hộ", "Họ tên chủ hộ"],
        required: false,
    },
    PHONE,
    ColumnSpec {
        key: "size",
        names: &["Số nhân khẩu", "Nhân khẩu", "Số khẩu", "Số người"],
        required: false,
    },
    ColumnSpec {
        key: "poverty",
        names: &["Hộ nghèo", "Diện hộ", "Phân loại hộ", "Hộ nghèo, cận nghèo"],
        required: false,
    },
    ColumnSpec {
        key: "registered_on",
        names: &["Ngày đăng ký", "Ngày ghi nhận"],
        required: false,
    },
];

/// One column per adoption kind, headed by its Vietnamese name (or its
/// English one, or its key): the day the household was helped to adopt
/// it. Kept apart from `HOUSEHOLDS` (built once from `Adoption`).
pub fn adoptions() -> &'static [ColumnSpec] {
    static SPECS: std::sync::LazyLock<Vec<ColumnSpec>> = std::sync::LazyLock::new(|| {
        Adoption::ALL
            .iter()
            .map(|a| ColumnSpec {
                key: a.as_str(),
                names: Box::leak(Box::new([a.name_vi(), a.name_en(), a.as_str()])),
                required: false,
            })
            .collect()
    });
    &SPECS
}

/// The words of the poverty column, as the template's drop-down offers
/// them (first) and as files write them (folded by `fold::search_key`
/// before comparing), with the stored key.
pub const POVERTY: &[(&str, &[&str], &str)] = &[
    ("không", &["khong", "", "binh thuong", "none"], "none"),
    (
        "cận nghèo",
        &["can ngheo", "near_poor", "ho can ngheo"],
        "near_poor",
    ),
    ("nghèo", &["ngheo", "poor", "ho ngheo", "co"], "poor"),
];

/// The word a template and an export write for a stored poverty key.
pub fn poverty_word(key: &str) -> &'static str {
    POVERTY
        .iter()
        .find(|(_, _, k)| *k == key)
        .map_or("không", |(w, _, _)| w)
}

/// The stored key of a poverty word as a file writes it.
pub fn poverty_key(word: &str) -> Option<&'static str> {
    let folded = crate::domain::fold::search_key(word);
    POVERTY
        .iter()
        .find(|(shown, words, _)| {
            crate::domain::fold::search_key(shown) == folded || words.contains(&folded.as_str())
        })
        .map(|(_, _, k)| *k)
}

/// What each column holds, for the template's notes sheet (Vietnamese,
/// as the people who fill it read it).
pub fn household_note(key: &str) -> &'static str {
    match key {
        "code" => {
            "Bắt buộc. Mã hộ trong thôn: chữ, số, dấu - _ . (tối đa 32 ký tự). Mã đã có trong thôn thì dòng này cập nhật hộ đó."
        }
        "head_name" => "Họ và tên chủ hộ.",
        "phone" => "Số điện thoại: chữ số, dấu cách hoặc +, tối đa 15 ký tự.",
        "size" => "Số nhân khẩu của hộ: số nguyên.",
        "poverty" => "Chọn trong danh sách: không, cận nghèo, nghèo. Để trống là không.",
        "registered_on" => "Ngày đăng ký hộ, dạng 30/06/2022. Để trống là ngày nhập.",
        _ => "",
    }
}
