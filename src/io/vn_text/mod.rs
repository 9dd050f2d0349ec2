//! The text of imported files, whatever encoding it came in: UTF-8 (with or
//! without BOM), UTF-16, Windows-1258, and the legacy Vietnamese encodings
//! TCVN3 (ABC, the `.VnTime` fonts) and VNI (`VNI-Times`), in CSV files and
//! in spreadsheet cells. Output is always Unicode NFC. The byte tables and
//! their sources are in `tables`; how Vietnamese a reading looks, by which
//! the encoding is guessed, in `syllable`. Pure; no IO.

mod syllable;
mod tables;
#[cfg(test)]
mod tests;

use unicode_normalization::UnicodeNormalization;

use crate::domain::keyed::keyed;
use syllable::{Likeness, likeness};

keyed! {
    /// The encodings a file or a cell can be in. The user may force one in
    /// the import page or with `tinhso import --encoding`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum TextEncoding in "encoding", trim {
        Utf8 = "utf-8",
        Utf16 = "utf-16",
        Windows1258 = "windows-1258",
        Tcvn3 = "tcvn3",
        Vni = "vni",
    }
}

/// The legacy encodings that appear inside Unicode text: a spreadsheet cell
/// (or a UTF-8 file) holding the Windows-1252 reading of legacy bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl From<Legacy> for TextEncoding {
    fn from(legacy: Legacy) -> Self {
        match legacy {
            Legacy::Tcvn3 => TextEncoding::Tcvn3,
            Legacy::Vni => TextEncoding::Vni,
        }
    }
}

/// A file's text, and the encoding it was read in (forced or detected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
}

/// Why a file's bytes could not be read as text. Offsets count bytes from
/// the start of the file, lines from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("line {line}: the bytes at offset {offset} are not UTF-8")]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("UTF-16 text must have an even number of bytes; this file has {len}")]
    OddUtf16Length { len: usize },
    #[error("line {line}: the bytes at offset {offset} are a broken UTF-16 pair")]
    InvalidUtf16 { offset: usize, line: usize },
    #[error("line {line}: byte 0x{byte:02X} at offset {offset} has no character in {encoding}")]
    Unmappable {
        encoding: TextEncoding,
        byte: u8,
        offset: usize,
        line: usize,
    },
}

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";

/// Decodes a whole text file (a CSV). With `forced`, reads it in that
/// encoding. Otherwise a BOM decides between UTF-8 and UTF-16; else valid
/// UTF-8 is UTF-8; else the file is single-byte, and of Windows-1258, TCVN3
/// and VNI the reading that looks most Vietnamese wins. Unicode text that
/// turns out to hold TCVN3 or VNI as Windows-1252 characters ("Kh¸nh", as
/// Excel saves a `.VnTime` sheet to "CSV UTF-8") is converted, and reported
/// as that legacy encoding.
pub fn decode_file(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Decoded, DecodeError> {
    match forced {
        Some(encoding) => decode_forced(bytes, encoding),
        None => Ok(detect(bytes)),
    }
}

fn decode_forced(bytes: &[u8], encoding: TextEncoding) -> Result<Decoded, DecodeError> {
    let text = match encoding {
        TextEncoding::Utf8 => match bytes.strip_prefix(BOM_UTF8) {
            Some(rest) => utf8(rest, BOM_UTF8.len())?,
            None => utf8(bytes, 0)?,
        },
        TextEncoding::Utf16 => utf16(bytes)?,
        TextEncoding::Windows1258 => windows_1258(bytes),
        TextEncoding::Tcvn3 | TextEncoding::Vni => {
            let legacy = if encoding == TextEncoding::Tcvn3 {
                Legacy::Tcvn3
            } else {
                Legacy::Vni
            };
            match unicode_with_bom(bytes) {
                Some(text) => convert_cell(&text?, legacy, false),
                None => match legacy_bytes(bytes, legacy) {
                    Ok(text) => text,
                    // Valid UTF-8 that is not legacy bytes: legacy characters
                    // saved as Unicode.
                    Err(e) => match std::str::from_utf8(bytes) {
                        Ok(text) => convert_cell(text, legacy, false),
                        Err(_) => return Err(e),
                    },
                },
            }
        }
    };
    Ok(Decoded { text, encoding })
}

fn detect(bytes: &[u8]) -> Decoded {
    let unicode = match unicode_with_bom(bytes) {
        Some(Ok(text)) => Some((text, bom_encoding(bytes))),
        // A BOM but broken text: read it as bytes like any other.
        Some(Err(_)) => None,
        None => std::str::from_utf8(bytes)
            .ok()
            .map(|text| (text.nfc().collect(), TextEncoding::Utf8)),
    };
    if let Some((text, encoding)) = unicode {
        return match detect_legacy(text.lines().take(SAMPLE_LINES)) {
            Some(legacy) => Decoded {
                text: convert_cell(&text, legacy, false),
                encoding: legacy.into(),
            },
            None => Decoded { text, encoding },
        };
    }
    // Single-byte: rank the readings of the file's head, then read the
    // whole file in the best one that can read every byte (Windows-1258
    // always can). On a tie the standard encoding wins, then TCVN3.
    let head = head_of(bytes);
    let mut ranked = vec![(
        likeness(&windows_1258(head)).score(),
        TextEncoding::Windows1258,
    )];
    for legacy in [Legacy::Tcvn3, Legacy::Vni] {
        if let Ok(text) = legacy_bytes(head, legacy) {
            ranked.push((likeness(&text).score(), legacy.into()));
        }
    }
    ranked.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    ranked
        .into_iter()
        .find_map(|(_, encoding)| decode_forced(bytes, encoding).ok())
        .unwrap_or_else(|| Decoded {
            text: windows_1258(bytes),
            encoding: TextEncoding::Windows1258,
        })
}

/// How much of a file the guess reads: thousands of words, and not a
/// national-scale file three times over.
const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLE_LINES: usize = 2_000;

/// The first `SAMPLE_BYTES` of a file, cut after its last whole line.
fn head_of(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE_BYTES {
        return bytes;
    }
    let head = &bytes[..SAMPLE_BYTES];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(end) => &head[..=end],
        None => head,
    }
}

fn bom_encoding(bytes: &[u8]) -> TextEncoding {
    if bytes.starts_with(BOM_UTF8) {
        TextEncoding::Utf8
    } else {
        TextEncoding::Utf16
    }
}

/// The text of a file that starts with a Unicode BOM; `None` without one.
fn unicode_with_bom(bytes: &[u8]) -> Option<Result<String, DecodeError>> {
    if let Some(rest) = bytes.strip_prefix(BOM_UTF8) {
        Some(utf8(rest, BOM_UTF8.len()))
    } else if bytes.starts_with(BOM_UTF16LE) || bytes.starts_with(BOM_UTF16BE) {
        Some(utf16(bytes))
    } else {
        None
    }
}

/// UTF-8 text, NFC. `skipped` is the length of a BOM already taken off, so
/// that offsets count from the start of the file.
fn utf8(bytes: &[u8], skipped: usize) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.nfc().collect()),
        Err(e) => {
            let at = e.valid_up_to();
            Err(DecodeError::InvalidUtf8 {
                offset: skipped + at,
                line: line_at(&bytes[..at]),
            })
        }
    }
}

/// UTF-16 text, NFC: big-endian after a BE BOM, little-endian otherwise (a
/// LE BOM, or none: Windows writes LE).
fn utf16(bytes: &[u8]) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::OddUtf16Length { len: bytes.len() });
    }
    let big_endian = bytes.starts_with(BOM_UTF16BE);
    let skip = usize::from(big_endian || bytes.starts_with(BOM_UTF16LE));
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .skip(skip)
        .map(|pair| {
            let pair = [pair[0], pair[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        })
        .collect();
    let mut text = String::with_capacity(units.len());
    let mut index = skip;
    let mut line = 1;
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok(c) => {
                index += c.len_utf16();
                line += usize::from(c == '\n');
                text.push(c);
            }
            Err(_) => {
                return Err(DecodeError::InvalidUtf16 {
                    offset: index * 2,
                    line,
                });
            }
        }
    }
    Ok(text.nfc().collect())
}

/// Windows-1258, NFC (it writes tones as combining marks). Every byte reads.
fn windows_1258(bytes: &[u8]) -> String {
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    text.nfc().collect()
}

/// Legacy bytes, NFC; the first byte the table cannot read is an error.
fn legacy_bytes(bytes: &[u8], legacy: Legacy) -> Result<String, DecodeError> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for (offset, &byte) in bytes.iter().enumerate() {
        if !push_legacy_byte(&mut text, legacy, byte) {
            return Err(DecodeError::Unmappable {
                encoding: legacy.into(),
                byte,
                offset,
                line: line_at(&bytes[..offset]),
            });
        }
    }
    Ok(text.nfc().collect())
}

/// Appends what one legacy byte stands for; false if it stands for nothing.
fn push_legacy_byte(out: &mut String, legacy: Legacy, byte: u8) -> bool {
    if byte < 0x80 {
        out.push(char::from(byte));
        return true;
    }
    match legacy {
        Legacy::Tcvn3 if byte < 0xA0 => tables::windows_1252(byte).map(|c| out.push(c)),
        Legacy::Tcvn3 => tables::tcvn3_high(byte).map(|c| out.push(c)),
        Legacy::Vni if byte < 0xC0 => tables::windows_1252(byte).map(|c| out.push(c)),
        Legacy::Vni => tables::vni_high(byte).map(|s| out.push_str(s)),
    }
    .is_some()
}

fn line_at(before: &[u8]) -> usize {
    1 + before.iter().filter(|&&b| b == b'\n').count()
}

/// The legacy encoding a cell's font says its text is in, and whether the
/// font draws capitals: `.VnTime`, `.VnArial`... are TCVN3; the `.Vn*H`
/// fonts (`.VnTimeH`, `.VnArialH`) are TCVN3 drawn in capitals (TCVN3 has
/// no toned capitals: these fonts draw the lower-case code points as
/// capitals); `VNI-Times`, `VNI-Helve`... are VNI. Case does not matter.
pub fn legacy_from_font(font: &str) -> Option<(Legacy, bool)> {
    let font = font.trim().to_ascii_lowercase();
    if let Some(name) = font.strip_prefix(".vn") {
        let name = name.trim_end();
        return Some((Legacy::Tcvn3, name.len() > 1 && name.ends_with('h')));
    }
    (font.starts_with("vni-") || font.starts_with("vni ")).then_some((Legacy::Vni, false))
}

/// Converts a cell's text from the Windows-1252 reading of legacy bytes
/// (TCVN3 "á" is byte 0xB8, which Excel shows as '¸') to Unicode NFC. With
/// `capitals` (a `.Vn*H` font), the result is upper case, as the font draws
/// it. Characters that were never a legacy byte (Unicode Vietnamese already
/// in the cell) are kept.
pub fn convert_cell(text: &str, legacy: Legacy, capitals: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for c in text.chars() {
        let mapped = tables::byte_of_cell_char(c)
            .is_some_and(|byte| push_legacy_byte(&mut out, legacy, byte));
        if !mapped {
            out.push(c);
        }
    }
    let out: String = out.nfc().collect();
    if capitals { out.to_uppercase() } else { out }
}

/// Whether sample texts (the first few hundred cells of a sheet, the lines
/// of a file) look like TCVN3 or VNI stored as Windows-1252 characters.
/// `None` when they look like Unicode Vietnamese, or hold nothing beyond
/// ASCII.
pub fn detect_legacy<'a>(samples: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let mut as_is = Likeness::default();
    let mut tcvn3 = Likeness::default();
    let mut vni = Likeness::default();
    for sample in samples {
        if sample.is_ascii() {
            continue;
        }
        as_is.add(likeness(sample));
        tcvn3.add(likeness(&convert_cell(sample, Legacy::Tcvn3, false)));
        vni.add(likeness(&convert_cell(sample, Legacy::Vni, false)));
    }
    let (legacy, best) = if vni.score() > tcvn3.score() {
        (Legacy::Vni, vni)
    } else {
        (Legacy::Tcvn3, tcvn3)
    };
    (best.score() > as_is.score() && best.valid > 0).then_some(legacy)
}
