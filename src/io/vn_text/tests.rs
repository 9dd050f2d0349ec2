//! Known vectors written by hand from the published tables (not produced by
//! this module), detection on whole files, the tables' own consistency, and
//! the importer's fixtures.

use std::collections::HashSet;

use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::*;

/// Names in TCVN3 bytes, from the TCVN 5712:1993 VN3 table: à B5, â A9,
/// ế D5, ạ B9, Đ A7, ặ C6, ị DE, ồ E5, ã B7.
const TCVN3_NAMES: [(&[u8], &str); 4] = [
    (b"Khe B\xB5nh", "Khe Bành"),
    (b"Ch\xA9u Qu\xD5 H\xB9", "Châu Quế Hạ"),
    (b"\xA7\xC6ng Th\xDE H\xE5ng", "Đặng Thị Hồng"),
    (b"X\xB7 Ch\xA9u Qu\xD5 H\xB9", "Xã Châu Quế Hạ"),
];

/// The same names in VNI bytes, from the VNI-Windows table: grave F8, acute
/// F9, circumflex E2, circumflex+acute E1, circumflex+grave E0, dot EF,
/// breve+dot EB, tilde F5, ị F2, Đ D1.
const VNI_NAMES: [(&[u8], &str); 4] = [
    (b"Khe Ba\xF8nh", "Khe Bành"),
    (b"Cha\xE2u Que\xE1 Ha\xEF", "Châu Quế Hạ"),
    (b"\xD1a\xEBng Th\xF2 Ho\xE0ng", "Đặng Thị Hồng"),
    (b"Xa\xF5 Cha\xE2u Que\xE1 Ha\xEF", "Xã Châu Quế Hạ"),
];

fn forced(bytes: &[u8], encoding: TextEncoding) -> String {
    decode_file(bytes, Some(encoding)).unwrap().text
}

#[test]
fn tcvn3_names_decode_to_nfc() {
    for (bytes, name) in TCVN3_NAMES {
        assert_eq!(forced(bytes, TextEncoding::Tcvn3), name);
    }
}

#[test]
fn vni_names_decode_to_nfc() {
    for (bytes, name) in VNI_NAMES {
        assert_eq!(forced(bytes, TextEncoding::Vni), name);
    }
}

#[test]
fn vni_capitals_take_upper_case_marks() {
    // Ã: A + D5, Â: A + C2, Ế: E + C1, Ạ: A + CF, Đ: D1, Ặ: A + CB, Ị: D2,
    // Ồ: O + C0.
    assert_eq!(
        forced(b"XA\xD5 CHA\xC2U QUE\xC1 HA\xCF", TextEncoding::Vni),
        "XÃ CHÂU QUẾ HẠ"
    );
    assert_eq!(
        forced(b"\xD1A\xCBNG TH\xD2 HO\xC0NG", TextEncoding::Vni),
        "ĐẶNG THỊ HỒNG"
    );
}

#[test]
fn cells_as_excel_shows_them_convert() {
    // TCVN3 bytes shown as Windows-1252: B5 'µ', B8 '¸', A9 '©', D5 'Õ',
    // B9 '¹', A7 '§', C6 'Æ', DE 'Þ', E5 'å', AD soft hyphen (ư).
    assert_eq!(convert_cell("Khe Bµnh", Legacy::Tcvn3, false), "Khe Bành");
    assert_eq!(convert_cell("Kh¸nh Hßa", Legacy::Tcvn3, false), "Khánh Hòa");
    assert_eq!(
        convert_cell("§Æng ThÞ Hång", Legacy::Tcvn3, false),
        "Đặng Thị Hồng"
    );
    assert_eq!(convert_cell("ng\u{AD}êi", Legacy::Tcvn3, false), "người");
    // Greek mu where the micro sign was.
    assert_eq!(convert_cell("B\u{3BC}nh", Legacy::Tcvn3, false), "Bành");
    // VNI: a + 'ø' (F8), a + 'â' (E2), e + 'á' (E1), a + 'ï' (EF), 'Ñ' (D1).
    assert_eq!(convert_cell("Khe Baønh", Legacy::Vni, false), "Khe Bành");
    assert_eq!(
        convert_cell("Chaâu Queá Haï", Legacy::Vni, false),
        "Châu Quế Hạ"
    );
    assert_eq!(
        convert_cell("Ñaëng Thò Hoàng", Legacy::Vni, false),
        "Đặng Thị Hồng"
    );
    // Unicode already in the cell is kept.
    assert_eq!(convert_cell("Thắng", Legacy::Vni, false), "Thắng");
}

#[test]
fn vn_time_h_draws_lower_case_codes_as_capitals() {
    // "Xã Châu Quế Hạ" typed for .VnTimeH: lower-case codes, capitals drawn.
    assert_eq!(
        convert_cell("x· ch©u quÕ h¹", Legacy::Tcvn3, true),
        "XÃ CHÂU QUẾ HẠ"
    );
    assert_eq!(
        convert_cell("§Æng thÞ hång", Legacy::Tcvn3, true),
        "ĐẶNG THỊ HỒNG"
    );
}

#[test]
fn fonts_name_their_encoding() {
    assert_eq!(legacy_from_font(".VnTime"), Some((Legacy::Tcvn3, false)));
    assert_eq!(legacy_from_font(".VnTimeH"), Some((Legacy::Tcvn3, true)));
    assert_eq!(legacy_from_font(".vnarialh"), Some((Legacy::Tcvn3, true)));
    assert_eq!(legacy_from_font(".VnArial"), Some((Legacy::Tcvn3, false)));
    assert_eq!(legacy_from_font("VNI-Times"), Some((Legacy::Vni, false)));
    assert_eq!(legacy_from_font("vni-helve"), Some((Legacy::Vni, false)));
    assert_eq!(legacy_from_font("Times New Roman"), None);
    assert_eq!(legacy_from_font("Calibri"), None);
}

#[test]
fn detect_legacy_tells_the_three_apart() {
    let tcvn3 = ["Hoµng V¨n Th¾ng", "§Æng ThÞ Hång", "TriÖu V¨n Lù"];
    let vni = ["Hoaøng Vaên Thaéng", "Ñaëng Thò Hoàng", "Trieäu Vaên Löï"];
    let unicode = ["Hoàng Văn Thắng", "Đặng Thị Hồng", "Khánh Hòa"];
    assert_eq!(detect_legacy(tcvn3), Some(Legacy::Tcvn3));
    assert_eq!(detect_legacy(vni), Some(Legacy::Vni));
    assert_eq!(detect_legacy(unicode), None);
    assert_eq!(detect_legacy(["KB901", "0912345601", "abc"]), None);
}

/// "Mã hộ,Họ và tên\nKB901,Đặng Thị Hồng" in Windows-1258, by its code page:
/// ã is a + DE (tilde), ô F4, dot below F2, à E0, ê EA, Đ D0, ă E3, grave CC.
const WINDOWS_1258_FILE: &[u8] =
    b"Ma\xDE h\xF4\xF2,Ho\xF2 v\xE0 t\xEAn\nKB901,\xD0\xE3\xF2ng Thi\xF2 H\xF4\xCCng\n";
const UNICODE_FILE: &str = "Mã hộ,Họ và tên\nKB901,Đặng Thị Hồng\n";

#[test]
fn detects_windows_1258() {
    let d = decode_file(WINDOWS_1258_FILE, None).unwrap();
    assert_eq!(d.encoding, TextEncoding::Windows1258);
    assert_eq!(d.text, UNICODE_FILE);
}

#[test]
fn detects_windows_1258_whose_bytes_the_legacy_tables_also_read() {
    // "Khánh Hòa": á E1, ò o + CC. TCVN3 would read "Khỏnh Hoèa", VNI a
    // circumflex on h and "HoÌa".
    let d = decode_file(b"Kh\xE1nh Ho\xCCa\n", None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Windows1258, "Khánh Hòa\n")
    );
}

#[test]
fn a_long_file_is_guessed_from_its_head_and_read_whole() {
    let line: &[u8] = b"KB902,\xA7\xC6ng Th\xDE H\xE5ng\n";
    let bytes = line.repeat(SAMPLE_BYTES / line.len() + 10);
    let d = decode_file(&bytes, None).unwrap();
    assert_eq!(d.encoding, TextEncoding::Tcvn3);
    assert_eq!(
        d.text,
        "KB902,Đặng Thị Hồng\n".repeat(SAMPLE_BYTES / line.len() + 10)
    );
    // A byte TCVN3 cannot read after the head: the next reading is used.
    let mut broken = bytes.clone();
    broken.extend(b"\xB0\n");
    assert_eq!(
        decode_file(&broken, None).unwrap().encoding,
        TextEncoding::Windows1258
    );
}

#[test]
fn detects_tcvn3_and_vni_files() {
    let tcvn3 = b"M\xB7 h\xE9,H\xE4 v\xB5 t\xAAn\nKB901,\xA7\xC6ng Th\xDE H\xE5ng\n";
    let vni = b"Ma\xF5 ho\xE4,Ho\xEF va\xF8 te\xE2n\nKB901,\xD1a\xEBng Th\xF2 Ho\xE0ng\n";
    let d = decode_file(tcvn3, None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Tcvn3, UNICODE_FILE)
    );
    let d = decode_file(vni, None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Vni, UNICODE_FILE)
    );
}

#[test]
fn detects_utf8_with_and_without_bom() {
    let d = decode_file(UNICODE_FILE.as_bytes(), None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Utf8, UNICODE_FILE)
    );
    let with_bom = [BOM_UTF8, UNICODE_FILE.as_bytes()].concat();
    let d = decode_file(&with_bom, None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Utf8, UNICODE_FILE)
    );
    // Decomposed input comes out NFC.
    let nfd: String = UNICODE_FILE.nfd().collect();
    assert_eq!(
        decode_file(nfd.as_bytes(), None).unwrap().text,
        UNICODE_FILE
    );
}

#[test]
fn detects_utf16le_with_bom() {
    let mut bytes = BOM_UTF16LE.to_vec();
    bytes.extend(UNICODE_FILE.encode_utf16().flat_map(u16::to_le_bytes));
    let d = decode_file(&bytes, None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Utf16, UNICODE_FILE)
    );
    let mut be = BOM_UTF16BE.to_vec();
    be.extend(UNICODE_FILE.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(decode_file(&be, None).unwrap().text, UNICODE_FILE);
}

#[test]
fn ascii_stays_utf8() {
    let d = decode_file(b"code,name\nKB901,Khe Banh\n", None).unwrap();
    assert_eq!(d.encoding, TextEncoding::Utf8);
    assert_eq!(d.text, "code,name\nKB901,Khe Banh\n");
}

#[test]
fn legacy_saved_as_unicode_is_converted() {
    // A .VnTime sheet saved by Excel as "CSV UTF-8": the BOM, then the
    // Windows-1252 reading of the TCVN3 bytes.
    let text = "M· hé,Hä vµ t\u{AA}n\nKB901,§Æng ThÞ Hång\n";
    let bytes = [BOM_UTF8, text.as_bytes()].concat();
    let d = decode_file(&bytes, None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Tcvn3, UNICODE_FILE)
    );
    let d = decode_file("Kh¸nh Hßa".as_bytes(), None).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Tcvn3, "Khánh Hòa")
    );
}

#[test]
fn a_forced_encoding_is_obeyed() {
    // Valid UTF-8, read as Windows-1258 because the user says so.
    let d = decode_file("Hà".as_bytes(), Some(TextEncoding::Windows1258)).unwrap();
    assert_eq!(d.encoding, TextEncoding::Windows1258);
    // C3 is Ă in Windows-1258, A0 the no-break space.
    assert_eq!(d.text, "HĂ\u{A0}");
    // Forced UTF-8 is taken as Unicode: legacy-looking characters stay.
    let d = decode_file("Kh¸nh".as_bytes(), Some(TextEncoding::Utf8)).unwrap();
    assert_eq!((d.encoding, d.text.as_str()), (TextEncoding::Utf8, "Kh¸nh"));
    // Forced TCVN3 on Excel's "CSV UTF-8" of a .VnTime sheet converts it.
    let bytes = [BOM_UTF8, "§Æng ThÞ Hång".as_bytes()].concat();
    let d = decode_file(&bytes, Some(TextEncoding::Tcvn3)).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Tcvn3, "Đặng Thị Hồng")
    );
    // A Windows-1258 file forced to TCVN3 reads as TCVN3 ("Khánh": E1 is ỏ).
    let d = decode_file(b"Kh\xE1nh", Some(TextEncoding::Tcvn3)).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (TextEncoding::Tcvn3, "Khỏnh")
    );
}

#[test]
fn errors_name_the_place() {
    assert_eq!(
        decode_file(b"ab\ncd\xFF", Some(TextEncoding::Utf8)),
        Err(DecodeError::InvalidUtf8 { offset: 5, line: 2 })
    );
    assert_eq!(
        decode_file(b"\xFF\xFEa", Some(TextEncoding::Utf16)),
        Err(DecodeError::OddUtf16Length { len: 3 })
    );
    // A lone high surrogate on line 2.
    assert_eq!(
        decode_file(b"\xFF\xFEa\0\n\0\x00\xD8b\0", Some(TextEncoding::Utf16)),
        Err(DecodeError::InvalidUtf16 { offset: 6, line: 2 })
    );
    // 0xB0 is not in VN3; 0xFF not in VNI.
    assert_eq!(
        decode_file(b"a\nb\n\xB0", Some(TextEncoding::Tcvn3)),
        Err(DecodeError::Unmappable {
            encoding: TextEncoding::Tcvn3,
            byte: 0xB0,
            offset: 4,
            line: 3
        })
    );
    assert!(matches!(
        decode_file(b"x\xFF", Some(TextEncoding::Vni)),
        Err(DecodeError::Unmappable {
            byte: 0xFF,
            offset: 1,
            line: 1,
            ..
        })
    ));
}

#[test]
fn encoding_keys_parse_and_display() {
    for encoding in TextEncoding::ALL {
        assert_eq!(encoding.as_str().parse::<TextEncoding>().unwrap(), encoding);
    }
    assert_eq!(TextEncoding::Tcvn3.to_string(), "tcvn3");
    assert_eq!(" vni ".parse::<TextEncoding>().unwrap(), TextEncoding::Vni);
    assert!("abc".parse::<TextEncoding>().is_err());
}

#[test]
fn tcvn3_table_is_nfc_and_one_to_one() {
    let mut seen = HashSet::new();
    for byte in 0xA0..=0xFF {
        if let Some(c) = tables::tcvn3_high(byte) {
            assert!(is_nfc(&c.to_string()), "{byte:02X}");
            assert!(seen.insert(c), "{byte:02X} repeats {c}");
        }
    }
    // VN3: 67 lower-case letters, 7 capitals and the no-break space.
    assert_eq!(seen.len(), 75);
    assert_eq!(seen.iter().filter(|c| c.is_lowercase()).count(), 67);
}

#[test]
fn vni_table_is_nfc_and_one_to_one() {
    let mut letters = HashSet::new();
    let mut lower_marks = HashSet::new();
    let mut upper_marks = HashSet::new();
    for byte in 0xC0..=0xFF {
        let Some(s) = tables::vni_high(byte) else {
            continue;
        };
        assert!(is_nfc(s), "{byte:02X}");
        let is_mark = s.chars().all(|c| ('\u{0300}'..='\u{036F}').contains(&c));
        // The dot below under y (EE, CE) is the dot below (EF, CF) again.
        if is_mark && ![0xEE, 0xCE].contains(&byte) {
            let marks = if byte >= 0xE0 {
                &mut lower_marks
            } else {
                &mut upper_marks
            };
            assert!(marks.insert(s), "{byte:02X} repeats a mark");
        } else if !is_mark {
            assert!(letters.insert(s), "{byte:02X} repeats {s}");
        }
    }
    // ơ ư đ í ì ỉ ĩ ị and their capitals; 5 tones, circumflex and breve
    // alone and with each tone.
    assert_eq!(letters.len(), 16);
    assert_eq!(lower_marks, upper_marks);
    assert_eq!(lower_marks.len(), 17);
}

/// Every lower-case letter TCVN3 has (one source) is written in VNI
/// (the other) by a base letter and at most one mark byte, and its capital
/// by the capital base and the upper-case mark byte.
#[test]
fn vni_writes_every_tcvn3_letter() {
    for byte in 0xA8..=0xFE {
        let Some(c) = tables::tcvn3_high(byte) else {
            continue;
        };
        let lower = encode_vni_char(c).unwrap_or_else(|| panic!("no VNI for {c}"));
        assert!(lower.len() <= 2);
        let upper: String = c.to_uppercase().collect();
        let upper_char = upper.chars().next().unwrap();
        assert!(encode_vni_char(upper_char).is_some(), "no VNI for {upper}");
    }
}

/// The shortest VNI bytes for one character: itself if ASCII, a single
/// byte, or a base and a mark. The inverse of the tables, for tests and
/// fixtures only.
fn encode_vni_char(c: char) -> Option<Vec<u8>> {
    if c.is_ascii() {
        return Some(vec![c as u8]);
    }
    let target = c.to_string();
    let decode = |bytes: &[u8]| legacy_bytes(bytes, Legacy::Vni).ok();
    if let Some(b) = (0x80..=0xFF).find(|&b| decode(&[b]).as_deref() == Some(&target)) {
        return Some(vec![b]);
    }
    let bases = (b'A'..=b'Z')
        .chain(b'a'..=b'z')
        .chain([0xD4, 0xD6, 0xF4, 0xF6]);
    let upper = c.is_uppercase();
    bases
        .flat_map(|base| (0xC0..=0xFF).map(move |mark| [base, mark]))
        // Lower-case marks after lower-case bases, upper after upper; the
        // y's own dot below (EE, CE) only under y, where it comes first.
        .filter(|[base, mark]| {
            let base_upper = base.is_ascii_uppercase() || [0xD4, 0xD6].contains(base);
            let y_dot = [0xEE, 0xCE].contains(mark);
            base_upper == upper
                && (*mark >= 0xE0) != upper
                && (!y_dot || [b'y', b'Y'].contains(base))
        })
        .find(|pair| decode(pair).as_deref() == Some(&target))
        .map(Vec::from)
}

fn encode(text: &str, legacy: Legacy) -> Vec<u8> {
    text.chars()
        .flat_map(|c| match legacy {
            Legacy::Vni => encode_vni_char(c).unwrap_or_else(|| panic!("no VNI for {c}")),
            Legacy::Tcvn3 if c.is_ascii() => vec![c as u8],
            Legacy::Tcvn3 => vec![
                (0xA0..=0xFF)
                    .find(|&b| tables::tcvn3_high(b) == Some(c))
                    .unwrap_or_else(|| panic!("no TCVN3 for {c}")),
            ],
        })
        .collect()
}

const FIXTURE_UTF8: &[u8] =
    include_bytes!("../../../tests/fixtures/import/households-khe-banh-utf8.csv");
const FIXTURE_TCVN3: &[u8] =
    include_bytes!("../../../tests/fixtures/import/households-khe-banh-tcvn3.csv");
const FIXTURE_VNI: &[u8] =
    include_bytes!("../../../tests/fixtures/import/households-khe-banh-vni.csv");

/// The three fixtures of the importer hold the same households; the legacy
/// ones are the UTF-8 one written through this module's tables (so this
/// test is in addition to the hand-written vectors above).
#[test]
fn import_fixtures_decode_to_the_same_text() {
    let utf8 = decode_file(FIXTURE_UTF8, None).unwrap();
    assert_eq!(utf8.encoding, TextEncoding::Utf8);
    assert!(utf8.text.contains("Đặng Thị Hồng"));
    assert_eq!(FIXTURE_TCVN3, encode(&utf8.text, Legacy::Tcvn3));
    assert_eq!(FIXTURE_VNI, encode(&utf8.text, Legacy::Vni));
    for (bytes, encoding) in [
        (FIXTURE_TCVN3, TextEncoding::Tcvn3),
        (FIXTURE_VNI, TextEncoding::Vni),
    ] {
        let d = decode_file(bytes, None).unwrap();
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.text, utf8.text);
    }
}

/// Writes the legacy fixtures from the UTF-8 one:
/// `cargo test --lib io::vn_text -- --ignored write_import_fixtures`.
#[test]
#[ignore]
fn write_import_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    let text = std::str::from_utf8(FIXTURE_UTF8).unwrap();
    std::fs::write(
        format!("{dir}/households-khe-banh-tcvn3.csv"),
        encode(text, Legacy::Tcvn3),
    )
    .unwrap();
    std::fs::write(
        format!("{dir}/households-khe-banh-vni.csv"),
        encode(text, Legacy::Vni),
    )
    .unwrap();
}
