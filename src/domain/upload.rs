//! Uploaded files: what a file is, judged from its content (never from the
//! name or the type the client claims), and a safe name to keep for it.
//! Pure; no IO.
//!
//! Accepted: PDF, PNG, JPEG, ZIP-based office files (Word, Excel,
//! PowerPoint, OpenDocument) and legacy OLE office files (.doc, .xls, .ppt).
//! Anything else (HTML, scripts, executables, archives) is refused.

use super::DomainError;
use super::fold::nfc;
use crate::i18n::messages::Msg;

/// A file type the handbook stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    pub content_type: &'static str,
    /// The usual extension, without the dot.
    pub ext: &'static str,
    /// Other extensions a file of this type may carry.
    pub also: &'static [&'static str],
    pub label: &'static str,
}

const PDF: FileKind = FileKind {
    content_type: "application/pdf",
    ext: "pdf",
    also: &[],
    label: "PDF",
};
const PNG: FileKind = FileKind {
    content_type: "image/png",
    ext: "png",
    also: &[],
    label: "PNG image",
};
const JPEG: FileKind = FileKind {
    content_type: "image/jpeg",
    ext: "jpg",
    also: &["jpeg", "jpe"],
    label: "JPEG image",
};
const DOCX: FileKind = FileKind {
    content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext: "docx",
    also: &["docm"],
    label: "Word document",
};
const XLSX: FileKind = FileKind {
    content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: "xlsx",
    also: &["xlsm"],
    label: "Excel workbook",
};
const PPTX: FileKind = FileKind {
    content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ext: "pptx",
    also: &[],
    label: "PowerPoint presentation",
};
const ODT: FileKind = FileKind {
    content_type: "application/vnd.oasis.opendocument.text",
    ext: "odt",
    also: &[],
    label: "OpenDocument text",
};
const ODS: FileKind = FileKind {
    content_type: "application/vnd.oasis.opendocument.spreadsheet",
    ext: "ods",
    also: &[],
    label: "OpenDocument spreadsheet",
};
const DOC: FileKind = FileKind {
    content_type: "application/msword",
    ext: "doc",
    also: &[],
    label: "Word 97-2003 document",
};
const XLS: FileKind = FileKind {
    content_type: "application/vnd.ms-excel",
    ext: "xls",
    also: &[],
    label: "Excel 97-2003 workbook",
};
const PPT: FileKind = FileKind {
    content_type: "application/vnd.ms-powerpoint",
    ext: "ppt",
    also: &[],
    label: "PowerPoint 97-2003 presentation",
};

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The kind of a file from its content; `ext` (the extension of the name it
/// came with, lower case) only chooses between the legacy office formats,
/// which share one container. An error says what the content looked like.
pub fn sniff(bytes: &[u8], ext: &str) -> Result<FileKind, DomainError> {
    if bytes.starts_with(b"%PDF-") {
        return Ok(PDF);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(PNG);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(JPEG);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // Office Open XML names its parts; OpenDocument stores its type first.
        let head = &bytes[..bytes.len().min(256)];
        if contains(head, b"mimetypeapplication/vnd.oasis.opendocument.text") {
            return Ok(ODT);
        }
        if contains(
            head,
            b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        ) {
            return Ok(ODS);
        }
        if contains(bytes, b"[Content_Types].xml") {
            if contains(bytes, b"word/") {
                return Ok(DOCX);
            }
            if contains(bytes, b"xl/") {
                return Ok(XLSX);
            }
            if contains(bytes, b"ppt/") {
                return Ok(PPTX);
            }
        }
        return Err(refusal("a ZIP archive that is not an office document"));
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Ok(match ext {
            "xls" => XLS,
            "ppt" => PPT,
            _ => DOC,
        });
    }
    let start: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(64)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let looks = if start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || start.starts_with(b"<script")
        || start.starts_with(b"<svg")
        || start.starts_with(b"<?xml")
    {
        "HTML or XML"
    } else if bytes.is_empty() {
        "empty"
    } else if bytes.starts_with(b"MZ") || bytes.starts_with(b"\x7fELF") {
        "a program"
    } else {
        "of an unknown type"
    };
    Err(refusal(looks))
}

fn refusal(looks: &str) -> DomainError {
    DomainError::invalid(
        "file",
        Msg::new("upload.content_refused").arg("looks", looks),
    )
}

/// The extension of a name, lower case, without the dot ("" if none).
pub fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 8 => {
            ext.to_ascii_lowercase()
        }
        _ => String::new(),
    }
}

/// Check that the name's extension fits the content: a PNG named
/// `report.pdf` is refused, so that nobody is misled about what they open.
pub fn check_extension(kind: &FileKind, ext: &str) -> Result<(), DomainError> {
    if ext.is_empty() || ext == kind.ext || kind.also.contains(&ext) {
        return Ok(());
    }
    Err(DomainError::invalid(
        "file",
        Msg::new("upload.extension_mismatch")
            .arg("ext", ext)
            .arg("kind", kind.label),
    ))
}

/// A name safe to keep and to send back: no directories (whatever follows
/// the last `/` or `\`), no control characters, no leading dots, NFC, at
/// most 120 characters, and the kind's extension when it has none. The
/// stored content never lives under this name; it only labels the download.
pub fn safe_name(raw: &str, kind: &FileKind) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = nfc(base)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ':' | '*' | '?' | '<' | '>' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    let ext = extension(&cleaned);
    let mut stem = if ext.is_empty() {
        cleaned.clone()
    } else {
        cleaned[..cleaned.len() - ext.len() - 1].to_owned()
    };
    if stem.trim().is_empty() {
        stem = "tep".into();
    }
    let stem: String = stem.chars().take(110).collect();
    let ext = if ext.is_empty() {
        kind.ext.to_owned()
    } else {
        ext
    };
    format!("{}.{ext}", stem.trim_end())
}

/// `Content-Disposition` for a download: an ASCII fallback name and the
/// UTF-8 name percent-encoded (RFC 6266 / RFC 5987).
pub fn content_disposition(name: &str) -> String {
    let fallback: String = super::fold::search_key(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_type() {
        assert_eq!(sniff(b"%PDF-1.7\n...", "pdf").unwrap(), PDF);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....", "").unwrap(), PNG);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0], "jpg").unwrap(), JPEG);
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml";
        assert_eq!(sniff(docx, "docx").unwrap(), DOCX);
        let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
        assert_eq!(sniff(xlsx, "").unwrap(), XLSX);
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(b"rest");
        assert_eq!(sniff(&ole, "xls").unwrap(), XLS);
        assert_eq!(sniff(&ole, "doc").unwrap(), DOC);
    }

    #[test]
    fn html_posing_as_pdf_is_refused_with_a_reason() {
        let e = sniff(b"<!DOCTYPE html><html><script>alert(1)</script>", "pdf").unwrap_err();
        assert_eq!(e.field(), "file");
        assert!(e.reason().to_string().contains("HTML"), "{}", e.reason());
        assert!(sniff(b"  <html>", "pdf").is_err());
        assert!(sniff(b"PK\x03\x04just a zip", "zip").is_err());
        assert!(sniff(b"MZ\x90\x00", "exe").is_err());
        assert!(sniff(b"", "pdf").is_err());
    }

    #[test]
    fn the_extension_must_fit_the_content() {
        assert!(check_extension(&PNG, "pdf").is_err());
        assert!(check_extension(&PDF, "pdf").is_ok());
        assert!(check_extension(&JPEG, "jpeg").is_ok());
        assert!(check_extension(&PDF, "").is_ok());
    }

    #[test]
    fn names_lose_their_path() {
        assert_eq!(safe_name("../../etc/passwd", &PDF), "passwd.pdf");
        assert_eq!(safe_name("..\\..\\win.ini", &PDF), "win.ini");
        assert_eq!(safe_name("/tmp/.hidden.pdf", &PDF), "hidden.pdf");
        assert_eq!(safe_name("", &PNG), "tep.png");
        assert_eq!(safe_name("..", &PNG), "tep.png");
        assert_eq!(safe_name("a\u{0}b\nc.pdf", &PDF), "abc.pdf");
        assert_eq!(
            safe_name("Nghị quyết số 05.pdf", &PDF),
            "Nghị quyết số 05.pdf"
        );
        let long = format!("{}.pdf", "x".repeat(300));
        assert!(safe_name(&long, &PDF).chars().count() <= 120);
    }

    #[test]
    fn downloads_name_the_file_in_both_forms() {
        let h = content_disposition("Nghị quyết \"05\".pdf");
        assert!(
            h.starts_with("attachment; filename=\"nghi_quyet__05_.pdf\""),
            "{h}"
        );
        assert!(h.contains("filename*=UTF-8''Ngh%E1%BB%8B%20quy"), "{h}");
        assert!(!h[h.find("filename*").unwrap()..].contains('"'));
    }
}
