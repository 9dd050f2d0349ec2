//! The fonts of an XLS workbook's text cells, which calamine does not read:
//! the `Workbook` stream is taken from the OLE compound file, then its BIFF8
//! records give the fonts (FONT), the cell formats' fonts (XF), the sheets
//! (BOUNDSHEET8) and each text cell's format (LABELSST, LABEL, RSTRING).
//! Old Vietnamese files are mostly XLS, and their TCVN3 or VNI text is told
//! by its font (`.VnTime`, `VNI-Times`).
//!
//! Best effort: a file this reader does not follow gives no fonts, never an
//! error (calamine reads the values, and refuses what is broken).

use std::collections::HashMap;
use std::sync::Arc;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MAX_SECTORS: usize = 1 << 22;

/// Fonts of one XLS workbook: the names, and per sheet the font of each
/// text cell by (row, column), both counted from 0.
#[derive(Debug, Default)]
pub(super) struct XlsFonts {
    pub names: Vec<Arc<str>>,
    pub sheets: HashMap<String, Arc<CellFonts>>,
}

/// The font of each text cell of a sheet, by (row, column) from 0.
pub(super) type CellFonts = HashMap<(u32, u32), Arc<str>>;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The `Workbook` (BIFF8) or `Book` (BIFF5) stream of a compound file,
/// when it is stored in regular sectors (a workbook is never under the
/// 4,096-byte mini-stream cutoff in practice).
fn workbook_stream(file: &[u8]) -> Option<Vec<u8>> {
    let shift = u16_at(file, 0x1E)?;
    if !(shift == 9 || shift == 12) {
        return None;
    }
    let size = 1usize << shift;
    let sector = |i: u32| -> Option<&[u8]> {
        let start = (i as usize + 1).checked_mul(size)?;
        file.get(start..start + size)
    };
    // The FAT's sectors: 109 in the header, then the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|k| u32_at(file, 0x4C + 4 * k))
        .filter(|s| *s < END_OF_CHAIN)
        .collect();
    let mut difat = u32_at(file, 0x44)?;
    while difat < END_OF_CHAIN && fat_sectors.len() < MAX_SECTORS {
        let s = sector(difat)?;
        let per = size / 4 - 1;
        fat_sectors.extend(
            (0..per)
                .filter_map(|k| u32_at(s, 4 * k))
                .filter(|s| *s < END_OF_CHAIN),
        );
        difat = u32_at(s, size - 4)?;
    }
    let mut fat = Vec::new();
    for s in fat_sectors {
        let s = sector(s)?;
        fat.extend((0..size / 4).filter_map(|k| u32_at(s, 4 * k)));
    }
    let chain = |start: u32| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut next = start;
        let mut steps = 0;
        while next < END_OF_CHAIN {
            out.extend_from_slice(sector(next)?);
            next = *fat.get(next as usize)?;
            steps += 1;
            if steps > fat.len() {
                return None;
            }
        }
        Some(out)
    };
    let directory = chain(u32_at(file, 0x30)?)?;
    let cutoff = u32_at(file, 0x38).unwrap_or(4096) as u64;
    directory.chunks_exact(128).find_map(|entry| {
        let len = (u16_at(entry, 0x40)? as usize).min(64);
        let name: Vec<u16> = (0..len.saturating_sub(2) / 2)
            .filter_map(|k| u16_at(entry, 2 * k))
            .collect();
        let name = String::from_utf16(&name).ok()?;
        let is_stream = entry.get(0x42) == Some(&2);
        if !is_stream || !(name == "Workbook" || name == "Book") {
            return None;
        }
        let size = u32_at(entry, 0x78)? as u64;
        if size < cutoff {
            return None;
        }
        let mut data = chain(u32_at(entry, 0x74)?)?;
        data.truncate(size as usize);
        Some(data)
    })
}

/// A BIFF8 short string: `cch` characters, a flags byte, then the
/// characters in UTF-16LE (flag bit 0) or one byte each.
fn short_string(data: &[u8], at: usize, cch: usize) -> Option<String> {
    let flags = *data.get(at)?;
    let chars = at + 1;
    if flags & 1 == 1 {
        let units: Vec<u16> = (0..cch)
            .filter_map(|k| u16_at(data, chars + 2 * k))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        Some(
            data.get(chars..chars + cch)?
                .iter()
                .map(|b| char::from(*b))
                .collect(),
        )
    }
}

/// The fonts of the XLS file `file` (its whole bytes), or none.
pub(super) fn read(file: &[u8]) -> XlsFonts {
    workbook_stream(file)
        .and_then(|stream| parse_biff(&stream))
        .unwrap_or_default()
}

fn parse_biff(stream: &[u8]) -> Option<XlsFonts> {
    let mut names: Vec<Arc<str>> = Vec::new();
    let mut xf_fonts: Vec<u16> = Vec::new();
    let mut sheet_at: HashMap<usize, String> = HashMap::new();
    let mut sheets: HashMap<String, CellFonts> = HashMap::new();
    let mut current: Option<String> = None;
    let mut pos = 0;
    while pos + 4 <= stream.len() {
        let (typ, len) = (u16_at(stream, pos)?, u16_at(stream, pos + 2)? as usize);
        let data = stream.get(pos + 4..pos + 4 + len)?;
        match typ {
            0x0809 => current = sheet_at.get(&pos).cloned(),
            0x0031 => {
                let cch = *data.get(14)? as usize;
                names.push(Arc::from(short_string(data, 15, cch)?));
            }
            0x00E0 => xf_fonts.push(u16_at(data, 0)?),
            0x0085 => {
                let at = u32_at(data, 0)? as usize;
                let cch = *data.get(6)? as usize;
                sheet_at.insert(at, short_string(data, 7, cch)?);
            }
            0x00FD | 0x0204 | 0x00D6 => {
                if let Some(sheet) = &current {
                    let (row, col, xf) = (u16_at(data, 0)?, u16_at(data, 2)?, u16_at(data, 4)?);
                    // Font index 4 does not exist in BIFF: 5 is the fifth font.
                    let font = xf_fonts
                        .get(xf as usize)
                        .map(|f| {
                            if *f >= 4 {
                                *f as usize - 1
                            } else {
                                *f as usize
                            }
                        })
                        .and_then(|f| names.get(f));
                    if let Some(font) = font {
                        sheets
                            .entry(sheet.clone())
                            .or_default()
                            .insert((row.into(), col.into()), font.clone());
                    }
                }
            }
            _ => {}
        }
        pos += 4 + len;
    }
    let sheets = sheets.into_iter().map(|(k, v)| (k, Arc::new(v))).collect();
    Some(XlsFonts { names, sheets })
}

#[cfg(test)]
mod tests {
    use super::build::{compound_file, record};

    fn font(name: &str) -> Vec<u8> {
        let mut data = vec![0u8; 14];
        data.push(name.len() as u8);
        data.push(0);
        data.extend(name.bytes());
        record(0x0031, &data)
    }

    fn xf(font: u16) -> Vec<u8> {
        let mut data = font.to_le_bytes().to_vec();
        data.resize(20, 0);
        record(0x00E0, &data)
    }

    /// A text cell: LABELSST (`text` is the SST index), or LABEL and
    /// RSTRING holding `text` (one byte a character).
    fn cell(typ: u16, row: u16, col: u16, xf: u16, text: &str) -> Vec<u8> {
        let mut data = Vec::new();
        for v in [row, col, xf] {
            data.extend(v.to_le_bytes());
        }
        if typ == 0x00FD {
            data.extend(text.parse::<u32>().unwrap().to_le_bytes());
        } else {
            data.extend((text.len() as u16).to_le_bytes());
            data.push(0);
            data.extend(text.bytes());
            if typ == 0x00D6 {
                data.extend(0u16.to_le_bytes());
            }
        }
        record(typ, &data)
    }

    /// The shared strings: one, its characters one byte each (TCVN3 text
    /// is bytes of the Latin-1 range, read as such).
    fn sst(text: &str) -> Vec<u8> {
        let mut data = Vec::new();
        data.extend(1u32.to_le_bytes());
        data.extend(1u32.to_le_bytes());
        data.extend((text.chars().count() as u16).to_le_bytes());
        data.push(0);
        data.extend(text.chars().map(|c| c as u32 as u8));
        record(0x00FC, &data)
    }

    /// A workbook of two fonts beyond the four defaults: ".VnTime" (font
    /// 5, BIFF having no font 4) and "VNI-Times"; three text cells.
    pub(crate) fn workbook() -> Vec<u8> {
        workbook_with(&[])
    }

    /// The same workbook, `extra` records following its first BOF.
    fn workbook_with(extra: &[u8]) -> Vec<u8> {
        let mut globals = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        globals.extend(extra);
        for name in ["Arial", "Arial", "Arial", "Arial", ".VnTime", "VNI-Times"] {
            globals.extend(font(name));
        }
        globals.extend(xf(0));
        globals.extend(xf(5));
        globals.extend(xf(6));
        globals.extend(sst("NguyÔn V¨n An"));
        let name = "Hộ".encode_utf16().flat_map(u16::to_le_bytes);
        let mut sheet = vec![0u8; 4];
        sheet.extend([0, 0, 2, 1]);
        sheet.extend(name);
        let boundsheet_len = 4 + sheet.len();
        let sheet_at = (globals.len() + boundsheet_len + 4) as u32;
        sheet[..4].copy_from_slice(&sheet_at.to_le_bytes());
        globals.extend(record(0x0085, &sheet));
        globals.extend(record(0x000A, &[]));
        assert_eq!(globals.len() as u32, sheet_at);
        let mut stream = globals;
        stream.extend(record(
            0x0809,
            &[0, 6, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        stream.extend(cell(0x00FD, 4, 1, 1, "0"));
        stream.extend(cell(0x0204, 4, 2, 0, "Co"));
        stream.extend(cell(0x00D6, 5, 1, 2, "Nguyeãn"));
        for _ in 0..5 {
            stream.extend(record(0x00EF, &[0u8; 1000]));
        }
        stream.extend(record(0x000A, &[]));
        compound_file(stream)
    }

    #[test]
    fn the_fonts_of_text_cells_in_an_xls() {
        let fonts = super::read(&workbook());
        let names: Vec<&str> = fonts.names.iter().map(|n| &**n).collect();
        assert_eq!(
            names,
            ["Arial", "Arial", "Arial", "Arial", ".VnTime", "VNI-Times"]
        );
        let sheet = &fonts.sheets["Hộ"];
        assert_eq!(sheet.get(&(4, 1)).map(|f| &**f), Some(".VnTime"));
        assert_eq!(sheet.get(&(4, 2)).map(|f| &**f), Some("Arial"));
        assert_eq!(sheet.get(&(5, 1)).map(|f| &**f), Some("VNI-Times"));
    }

    #[test]
    fn an_xls_workbook_gives_each_text_cell_its_font() {
        use super::super::{Cell, Format, Workbook};
        let path = std::env::temp_dir().join(format!("tinhso-sheet-{}.xls", std::process::id()));
        std::fs::write(&path, workbook()).unwrap();
        let mut book = Workbook::open(&path, "cu.xls", Default::default()).unwrap();
        assert_eq!(book.format(), Format::Xls);
        assert_eq!(book.fonts(), [".VnTime", "Arial", "VNI-Times"]);
        let rows: Vec<_> = book.rows(None).unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].number, rows[1].number), (5, 6));
        assert_eq!(rows[0].get(1), &Cell::Text("NguyÔn V¨n An".into()));
        assert_eq!(rows[0].font(1), Some(".VnTime"));
        assert_eq!(rows[0].font(2), Some("Arial"));
        assert_eq!(rows[1].font(1), Some("VNI-Times"));
    }

    #[test]
    fn an_xls_with_a_filepass_record_is_password_protected() {
        use super::super::{SheetError, Workbook};
        // FILEPASS, RC4 encryption (wEncryptionType 1), the rest unread.
        let filepass = record(0x002F, &[1, 0, 1, 0, 1, 0]);
        let path = std::env::temp_dir().join(format!("tinhso-sheet-{}-pw.xls", std::process::id()));
        std::fs::write(&path, workbook_with(&filepass)).unwrap();
        assert_eq!(
            Workbook::open(&path, "khoa.xls", Default::default()).err(),
            Some(SheetError::PasswordProtected {
                file: "khoa.xls".into()
            })
        );
    }

    #[test]
    fn a_file_it_cannot_follow_gives_no_fonts() {
        let mut bytes = workbook();
        bytes.truncate(700);
        assert!(super::read(&bytes).names.is_empty());
        assert!(super::read(b"not a compound file").names.is_empty());
    }
}

#[cfg(test)]
pub(super) mod build {
    //! A minimal XLS for tests: a compound file holding a `Workbook`
    //! stream of the BIFF8 records given.

    pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    pub fn compound_file(mut stream: Vec<u8>) -> Vec<u8> {
        let size = stream.len();
        stream.resize(size.div_ceil(512) * 512, 0);
        let stream_sectors = (stream.len() / 512) as u32;
        // Sector 0: the FAT; 1: the directory; 2..: the stream.
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        header[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
        header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
        header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        header[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
        header[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
        header[0x3C..0x40].copy_from_slice(&super::END_OF_CHAIN.to_le_bytes());
        header[0x44..0x48].copy_from_slice(&super::END_OF_CHAIN.to_le_bytes());
        for k in 0..109 {
            let v: u32 = if k == 0 { 0 } else { 0xFFFF_FFFF };
            header[0x4C + 4 * k..0x50 + 4 * k].copy_from_slice(&v.to_le_bytes());
        }
        let mut fat = vec![0xFFFF_FFFDu32, super::END_OF_CHAIN];
        for s in 0..stream_sectors {
            let next = if s + 1 == stream_sectors {
                super::END_OF_CHAIN
            } else {
                s + 3
            };
            fat.push(next);
        }
        fat.resize(128, 0xFFFF_FFFF);
        let mut dir = vec![0u8; 512];
        let entry = |dir: &mut Vec<u8>, at: usize, name: &str, typ: u8, start: u32, len: u32| {
            let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            dir[at..at + units.len()].copy_from_slice(&units);
            dir[at + 0x40..at + 0x42].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
            dir[at + 0x42] = typ;
            for link in [0x44, 0x48, 0x4C] {
                dir[at + link..at + link + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
            }
            dir[at + 0x74..at + 0x78].copy_from_slice(&start.to_le_bytes());
            dir[at + 0x78..at + 0x7C].copy_from_slice(&len.to_le_bytes());
        };
        entry(&mut dir, 0, "Root Entry", 5, super::END_OF_CHAIN, 0);
        entry(&mut dir, 128, "Workbook", 2, 2, size as u32);
        dir[0x4C..0x50].copy_from_slice(&1u32.to_le_bytes());
        let mut out = header;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        out.extend(dir);
        out.extend(stream);
        out
    }
}
