//! How Vietnamese a text looks: each word with a letter beyond ASCII is
//! checked against the shape of a Vietnamese syllable (onset, vowel nucleus,
//! final, one tone). Text read in the wrong encoding breaks that shape: TCVN3
//! bytes read as Windows-1252 give symbols ("Kh¸nh"), VNI read as TCVN3
//! stacks two vowels with marks ("Baứnh"), and so on. Pure; no IO.

use unicode_normalization::UnicodeNormalization;

/// Words with a letter beyond ASCII that are Vietnamese syllables, and
/// those that are not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Likeness {
    pub valid: usize,
    pub invalid: usize,
}

impl Likeness {
    /// The one number candidates are compared by.
    pub fn score(self) -> i64 {
        self.valid as i64 - 2 * self.invalid as i64
    }

    pub fn add(&mut self, other: Likeness) {
        self.valid += other.valid;
        self.invalid += other.invalid;
    }
}

/// Counts the words of `text` that carry a letter beyond ASCII. A word is
/// what lies between white space, ASCII punctuation and digits.
pub(super) fn likeness(text: &str) -> Likeness {
    let mut out = Likeness::default();
    let separator = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit();
    for word in text.split(separator) {
        if word.is_ascii() {
            continue;
        }
        if is_syllable(word) {
            out.valid += 1;
        } else {
            out.invalid += 1;
        }
    }
    out
}

const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];
const VOWELS: &str = "aăâeêioôơuưy";
const LETTERS: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";

/// Onsets, longest first so that "ngh" is tried before "ng".
const ONSETS: [&str; 28] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const FINALS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Nuclei that end the syllable: a glide or a diphthong with no final.
const OPEN_NUCLEI: [&str; 30] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
];

/// Nuclei that need a final consonant.
const CLOSED_NUCLEI: [&str; 5] = ["iê", "yê", "uô", "ươ", "uyê"];

/// Nuclei that may stand with or without a final.
const FREE_NUCLEI: [&str; 18] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oă", "oe", "oo", "uâ", "uê",
];

/// More nuclei that may stand with or without a final.
const FREE_NUCLEI_MORE: [&str; 3] = ["uy", "uơ", "ưo"];

/// Whether `word` has the shape of one Vietnamese syllable.
pub(super) fn is_syllable(word: &str) -> bool {
    let lower: String = word.to_lowercase();
    // Take the tone off: at most one, and on a vowel.
    let mut tone = None;
    let mut bare = String::with_capacity(lower.len());
    for c in lower.nfd() {
        if TONES.contains(&c) {
            let on_vowel = bare.nfc().last().is_some_and(|v| VOWELS.contains(v));
            if tone.is_some() || !on_vowel {
                return false;
            }
            tone = Some(c);
        } else {
            bare.push(c);
        }
    }
    let bare: String = bare.nfc().collect();
    if bare.is_empty() || !bare.chars().all(|c| LETTERS.contains(c)) {
        return false;
    }
    ONSETS.iter().any(|onset| {
        bare.strip_prefix(onset)
            .is_some_and(|rest| fits_rhyme(onset, rest, tone))
    })
}

/// Whether `rest` (after the onset) is a nucleus and a final that go
/// together, and with the tone.
fn fits_rhyme(onset: &str, rest: &str, tone: Option<char>) -> bool {
    FINALS.iter().any(|last| {
        let Some(nucleus) = rest.strip_suffix(last) else {
            return false;
        };
        if nucleus.is_empty() {
            // "gì": the i of "gi" is the nucleus.
            return onset == "gi" && last.is_empty();
        }
        let free = FREE_NUCLEI.contains(&nucleus) || FREE_NUCLEI_MORE.contains(&nucleus);
        let fits = if last.is_empty() {
            free || OPEN_NUCLEI.contains(&nucleus)
        } else {
            free || CLOSED_NUCLEI.contains(&nucleus)
        };
        // "nh" and "ch" close only a, ê, i, y ("anh", "ênh", "inh", "uynh").
        let palatal_ok = !matches!(*last, "nh" | "ch") || nucleus.ends_with(['a', 'ê', 'i', 'y']);
        // A syllable closed by a stop takes only the acute or the dot below.
        let stop_ok = !matches!(*last, "c" | "ch" | "p" | "t")
            || matches!(tone, Some('\u{0301}') | Some('\u{0323}'));
        fits && palatal_ok && stop_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_names_and_headers_are_valid() {
        for word in [
            "Mã", "hộ", "Họ", "và", "tên", "chủ", "Số", "điện", "thoại", "nhân", "khẩu", "nghèo",
            "không", "cận", "Khánh", "Bành", "Châu", "Quế", "Hạ", "Xã", "Đặng", "Thị", "Hồng",
            "Hoàng", "Văn", "Thắng", "Triệu", "Lự", "gì", "giữa", "Nguyễn", "khuya", "quốc",
            "HOÀNG", "người", "Việt", "Lào", "Cai",
        ] {
            assert!(is_syllable(word), "{word}");
        }
    }

    #[test]
    fn misread_words_are_not() {
        for word in [
            "Kh¸nh", "Ch©u", "Khaùnh", "Chaâu", "Baứnh", "Khỏnh", "Hụèng", "Quờỡ", "Khaựnh", "cac",
            "Hồngà",
        ] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn likeness_counts_only_words_beyond_ascii() {
        let l = likeness("KB901, Đặng Thị Hồng; Kh¸nh 12 abc");
        assert_eq!(
            l,
            Likeness {
                valid: 3,
                invalid: 1
            }
        );
    }
}
