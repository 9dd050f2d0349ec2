//! The byte tables of the two legacy Vietnamese encodings, TCVN3 and VNI,
//! and the Windows-1252 reading that spreadsheet cells show them in. Each
//! byte maps to Unicode text; the caller puts the result in NFC.
//!
//! Sources (written for tinhso from the published tables, no code copied):
//! - TCVN3: TCVN 5712:1993 "Bộ mã chuẩn 8-bit kí tự Việt dùng trong trao đổi
//!   thông tin", its third table VN3 (also called VSCII-3, ABC, the `.VnTime`
//!   fonts): ASCII unchanged, the C0 and C1 control ranges unassigned, 67
//!   lower-case letters, 7 capitals (Ă Â Ê Ô Ơ Ư Đ) and the no-break space.
//!   Checked row by row against the comparison charts "Unicode & Vietnamese
//!   Legacy Character Encodings" (vietunicode.sourceforge.net) and "Bảng đối
//!   chiếu encoding các bộ chữ hiện hành với Unicode", and against the VSCII
//!   article of Wikipedia for the count of assignments (75).
//! - VNI: the VNI-Windows encoding of VNI Software (fonts `VNI-Times`,
//!   `VNI-Helve`...), as the same two charts document it: a vowel is its ASCII
//!   base letter followed by a byte carrying its marks (`a` + 0xF9 is "á"),
//!   capitals take the upper-case base and the mark byte 0x20 lower; ơ ư đ,
//!   the toned i and their capitals are single bytes.
//!
//! Variant choices, as this implementation reads the tables:
//! - TCVN3 is VN3 only. VN1 (capitals in the control range) and VN2 (toned
//!   capitals in 0x80-0xFF) are not read: the `.VnTime` fonts are VN3, and
//!   their capitals come from the `.VnTimeH` fonts, which draw the lower-case
//!   code points as capitals (see `convert_cell`).
//! - Bytes 0x80-0x9F, which VN3 leaves unassigned, and VNI's 0x80-0xBF, where
//!   the VNI-Windows fonts keep the Windows symbols, are read as Windows-1252
//!   (curly quotes, dashes): Windows-era files carry them there.
//! - VNI's dot below under `y` (0xEE, 0xCE) is a separate glyph in the fonts;
//!   both it and the ordinary dot below (0xEF, 0xCF) decode as U+0323.

/// What a TCVN3 (VN3) byte from 0xA0 up stands for; `None` where VN3 assigns
/// nothing.
pub(super) fn tcvn3_high(byte: u8) -> Option<char> {
    Some(match byte {
        0xA0 => '\u{00A0}',
        0xA1 => 'Ă',
        0xA2 => 'Â',
        0xA3 => 'Ê',
        0xA4 => 'Ô',
        0xA5 => 'Ơ',
        0xA6 => 'Ư',
        0xA7 => 'Đ',
        0xA8 => 'ă',
        0xA9 => 'â',
        0xAA => 'ê',
        0xAB => 'ô',
        0xAC => 'ơ',
        0xAD => 'ư',
        0xAE => 'đ',
        0xB5 => 'à',
        0xB6 => 'ả',
        0xB7 => 'ã',
        0xB8 => 'á',
        0xB9 => 'ạ',
        0xBB => 'ằ',
        0xBC => 'ẳ',
        0xBD => 'ẵ',
        0xBE => 'ắ',
        0xC6 => 'ặ',
        0xC7 => 'ầ',
        0xC8 => 'ẩ',
        0xC9 => 'ẫ',
        0xCA => 'ấ',
        0xCB => 'ậ',
        0xCC => 'è',
        0xCE => 'ẻ',
        0xCF => 'ẽ',
        0xD0 => 'é',
        0xD1 => 'ẹ',
        0xD2 => 'ề',
        0xD3 => 'ể',
        0xD4 => 'ễ',
        0xD5 => 'ế',
        0xD6 => 'ệ',
        0xD7 => 'ì',
        0xD8 => 'ỉ',
        0xDC => 'ĩ',
        0xDD => 'í',
        0xDE => 'ị',
        0xDF => 'ò',
        0xE1 => 'ỏ',
        0xE2 => 'õ',
        0xE3 => 'ó',
        0xE4 => 'ọ',
        0xE5 => 'ồ',
        0xE6 => 'ổ',
        0xE7 => 'ỗ',
        0xE8 => 'ố',
        0xE9 => 'ộ',
        0xEA => 'ờ',
        0xEB => 'ở',
        0xEC => 'ỡ',
        0xED => 'ớ',
        0xEE => 'ợ',
        0xEF => 'ù',
        0xF1 => 'ủ',
        0xF2 => 'ũ',
        0xF3 => 'ú',
        0xF4 => 'ụ',
        0xF5 => 'ừ',
        0xF6 => 'ử',
        0xF7 => 'ữ',
        0xF8 => 'ứ',
        0xF9 => 'ự',
        0xFA => 'ỳ',
        0xFB => 'ỷ',
        0xFC => 'ỹ',
        0xFD => 'ý',
        0xFE => 'ỵ',
        _ => return None,
    })
}

// Combining marks, as VNI's mark bytes carry them.
const ACUTE: &str = "\u{0301}";
const GRAVE: &str = "\u{0300}";
const HOOK: &str = "\u{0309}";
const TILDE: &str = "\u{0303}";
const DOT: &str = "\u{0323}";
const CIRC: &str = "\u{0302}";
const CIRC_ACUTE: &str = "\u{0302}\u{0301}";
const CIRC_GRAVE: &str = "\u{0302}\u{0300}";
const CIRC_HOOK: &str = "\u{0302}\u{0309}";
const CIRC_TILDE: &str = "\u{0302}\u{0303}";
const CIRC_DOT: &str = "\u{0323}\u{0302}";
const BREVE: &str = "\u{0306}";
const BREVE_ACUTE: &str = "\u{0306}\u{0301}";
const BREVE_GRAVE: &str = "\u{0306}\u{0300}";
const BREVE_HOOK: &str = "\u{0306}\u{0309}";
const BREVE_TILDE: &str = "\u{0306}\u{0303}";
const BREVE_DOT: &str = "\u{0323}\u{0306}";

/// What a VNI byte from 0xC0 up stands for: a precomposed letter, or the
/// combining marks it puts on the letter before it. `None` where VNI assigns
/// nothing.
pub(super) fn vni_high(byte: u8) -> Option<&'static str> {
    Some(match byte {
        // Lower case: marks after a base letter.
        0xF9 => ACUTE,
        0xF8 => GRAVE,
        0xFB => HOOK,
        0xF5 => TILDE,
        0xEF | 0xEE => DOT,
        0xE2 => CIRC,
        0xE1 => CIRC_ACUTE,
        0xE0 => CIRC_GRAVE,
        0xE5 => CIRC_HOOK,
        0xE3 => CIRC_TILDE,
        0xE4 => CIRC_DOT,
        0xEA => BREVE,
        0xE9 => BREVE_ACUTE,
        0xE8 => BREVE_GRAVE,
        0xFA => BREVE_HOOK,
        0xFC => BREVE_TILDE,
        0xEB => BREVE_DOT,
        // Lower case: single bytes.
        0xF4 => "ơ",
        0xF6 => "ư",
        0xF1 => "đ",
        0xED => "í",
        0xEC => "ì",
        0xE6 => "ỉ",
        0xF3 => "ĩ",
        0xF2 => "ị",
        // Upper case: marks after a base letter.
        0xD9 => ACUTE,
        0xD8 => GRAVE,
        0xDB => HOOK,
        0xD5 => TILDE,
        0xCF | 0xCE => DOT,
        0xC2 => CIRC,
        0xC1 => CIRC_ACUTE,
        0xC0 => CIRC_GRAVE,
        0xC5 => CIRC_HOOK,
        0xC3 => CIRC_TILDE,
        0xC4 => CIRC_DOT,
        0xCA => BREVE,
        0xC9 => BREVE_ACUTE,
        0xC8 => BREVE_GRAVE,
        0xDA => BREVE_HOOK,
        0xDC => BREVE_TILDE,
        0xCB => BREVE_DOT,
        // Upper case: single bytes.
        0xD4 => "Ơ",
        0xD6 => "Ư",
        0xD1 => "Đ",
        0xCD => "Í",
        0xCC => "Ì",
        0xC6 => "Ỉ",
        0xD3 => "Ĩ",
        0xD2 => "Ị",
        _ => return None,
    })
}

/// The Windows-1252 character of a byte from 0x80 to 0xBF (the WHATWG
/// index, through encoding_rs); `None` for the five bytes Windows-1252
/// leaves empty (0x81, 0x8D, 0x8F, 0x90, 0x9D).
pub(super) fn windows_1252(byte: u8) -> Option<char> {
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().filter(|c| !c.is_control())
}

/// The byte a character stands for when a spreadsheet shows legacy bytes as
/// Windows-1252 text: Latin-1 characters are their own byte, the Windows
/// symbols of 0x80-0x9F theirs. Greek mu (U+03BC) is taken for the micro
/// sign 0xB5 (TCVN3 "à"), which some tools put in its place. `None` for any
/// other character: it was never a legacy byte.
pub(super) fn byte_of_cell_char(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ 0..=0xFF => Some(n as u8),
        0x03BC => Some(0xB5),
        _ => {
            let mut buf = [0u8; 4];
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            (!unmappable && bytes.len() == 1).then(|| bytes[0])
        }
    }
}
