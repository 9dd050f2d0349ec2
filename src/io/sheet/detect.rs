//! Which format an uploaded file is, from its name and its bytes, and the
//! files refused before any reader inflates or parses them: not a
//! spreadsheet, macro-enabled, password-protected, a zip bomb.
//!
//! A zip's central directory is read (it lists each entry's declared sizes)
//! and nothing is inflated here. The zip reader then refuses to inflate an
//! entry past its declared size, so the declared sizes checked here bound
//! what calamine may inflate later.

use std::io::{Read, Seek, SeekFrom};

use super::Limits;
use super::error::SheetError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

/// Names of workbooks that may carry macros: refused by name alone.
const MACRO_EXTENSIONS: [&str; 5] = ["xlsm", "xlsb", "xltm", "xlam", "xla"];
/// Names a spreadsheet or CSV may have; the bytes decide which it is (an
/// XLS saved with the name `.xlsx` is read as the XLS it is).
const SHEET_EXTENSIONS: [&str; 8] = ["xlsx", "xls", "ods", "csv", "txt", "tsv", "xltx", "xlt"];

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((_, ext)) if !ext.contains(['/', '\\']) => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Decide the format of `file`, uploaded under the name `file_name`, or
/// refuse it whole. Reads the first bytes, then the zip's central directory
/// or the OLE container's directory; inflates nothing.
pub fn detect<R: Read + Seek>(
    file_name: &str,
    file: &mut R,
    limits: &Limits,
) -> Result<Format, SheetError> {
    let name = file_name.to_string();
    let ext = extension(file_name);
    if MACRO_EXTENSIONS.contains(&ext.as_str()) {
        return Err(SheetError::MacroEnabled {
            file: name,
            entry: None,
        });
    }
    let not_sheet = |found| SheetError::NotASpreadsheet {
        file: file_name.to_string(),
        found,
    };
    if !ext.is_empty() && !SHEET_EXTENSIONS.contains(&ext.as_str()) {
        return Err(not_sheet("a file name that is not a spreadsheet's"));
    }
    let mut head = [0u8; 512];
    let n = read_head(file, &mut head).map_err(|e| unreadable(file_name, e))?;
    let head = &head[..n];
    let format = if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        inspect_zip(file_name, file, limits)?
    } else if head.starts_with(&CFB_MAGIC) {
        inspect_cfb(file_name, file)?
    } else if let Some(found) = binary_kind(head) {
        return Err(not_sheet(found));
    } else if ["csv", "txt", "tsv", ""].contains(&ext.as_str()) {
        Format::Csv
    } else {
        return Err(not_sheet("text"));
    };
    file.seek(SeekFrom::Start(0))
        .map_err(|e| unreadable(file_name, e))?;
    Ok(format)
}

fn read_head<R: Read + Seek>(file: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    file.seek(SeekFrom::Start(0))?;
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

pub(super) fn unreadable(file: &str, e: impl std::fmt::Display) -> SheetError {
    SheetError::Unreadable {
        file: file.to_string(),
        detail: e.to_string(),
    }
}

/// What a binary file is, when it is not text. `None` for text, which may
/// start with a UTF-8 or UTF-16 byte-order mark.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let known: [(&[u8], &str); 7] = [
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF", "7-Zip archive"),
        (b"\x1F\x8B", "gzip archive"),
    ];
    if let Some((_, kind)) = known.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(kind);
    }
    head.contains(&0).then_some("binary file")
}

/// An XLSX or an ODS, by the entries the zip lists; refused when it holds a
/// VBA project, is encrypted, or declares more than the limits.
fn inspect_zip<R: Read + Seek>(
    file_name: &str,
    file: &mut R,
    limits: &Limits,
) -> Result<Format, SheetError> {
    file.seek(SeekFrom::Start(0))
        .map_err(|e| unreadable(file_name, e))?;
    let mut zip = zip::ZipArchive::new(&mut *file).map_err(|e| unreadable(file_name, e))?;
    let (mut total, mut workbook, mut ods) = (0u64, false, false);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unreadable(file_name, e))?;
        let name = entry.name().map_err(|e| unreadable(file_name, e))?;
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("vbaproject.bin") {
            return Err(SheetError::MacroEnabled {
                file: file_name.to_string(),
                entry: Some(name.into_owned()),
            });
        }
        if entry.encrypted() {
            return Err(SheetError::PasswordProtected {
                file: file_name.to_string(),
            });
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        if size >= limits.ratio_from && size / packed.max(1) > limits.max_ratio {
            return Err(SheetError::CompressionRatio {
                file: file_name.to_string(),
                entry: name.into_owned(),
                ratio: size / packed.max(1),
                limit: limits.max_ratio,
            });
        }
        workbook |= lower.starts_with("xl/") && lower.ends_with("workbook.xml");
        ods |= lower == "content.xml";
    }
    if total > limits.max_unpacked {
        return Err(SheetError::TooLargeUnpacked {
            file: file_name.to_string(),
            unpacked: total,
            limit: limits.max_unpacked,
        });
    }
    let has = |n: &str| zip.index_for_name(n).is_some();
    if workbook {
        Ok(Format::Xlsx)
    } else if ods && has("mimetype") {
        Ok(Format::Ods)
    } else {
        Err(SheetError::NotASpreadsheet {
            file: file_name.to_string(),
            found: "zip archive",
        })
    }
}

/// An OLE compound file is an XLS when it holds a `Workbook` (or BIFF5
/// `Book`) stream; an encrypted XLSX is one too, holding `EncryptionInfo`
/// and `EncryptedPackage`. Directory entries name streams in UTF-16LE; the
/// names are looked for in the bytes rather than by walking the directory,
/// which calamine does afterwards for a real XLS.
fn inspect_cfb<R: Read + Seek>(file_name: &str, file: &mut R) -> Result<Format, SheetError> {
    let needles = ["EncryptionInfo", "EncryptedPackage", "Workbook", "Book"].map(utf16le);
    let found = find_all(file, &needles).map_err(|e| unreadable(file_name, e))?;
    if found[0] || found[1] {
        Err(SheetError::PasswordProtected {
            file: file_name.to_string(),
        })
    } else if found[2] || found[3] {
        Ok(Format::Xls)
    } else {
        Err(SheetError::NotASpreadsheet {
            file: file_name.to_string(),
            found: "Office document that is not a workbook",
        })
    }
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Which of `needles` occur in the stream, read in chunks that overlap by
/// the longest needle.
fn find_all<R: Read + Seek>(file: &mut R, needles: &[Vec<u8>]) -> std::io::Result<Vec<bool>> {
    file.seek(SeekFrom::Start(0))?;
    let keep = needles.iter().map(Vec::len).max().unwrap_or(0);
    let mut found = vec![false; needles.len()];
    let mut buf = Vec::with_capacity(64 * 1024 + keep);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        for (f, needle) in found.iter_mut().zip(needles) {
            *f |= buf.windows(needle.len()).any(|w| w == needle.as_slice());
        }
        let cut = buf.len().saturating_sub(keep);
        buf.drain(..cut);
    }
    Ok(found)
}
