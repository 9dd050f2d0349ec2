//! Text folding for Vietnamese: search keys without diacritics, and identity
//! keys that ignore where a tone mark sits ("Hoá" and "Hóa" are one name).
//!
//! Pure functions; no IO.

use unicode_normalization::UnicodeNormalization;

/// Combining tone marks of Vietnamese (after NFD): grave, acute, tilde, hook
/// above, dot below. The other marks (circumflex, breve, horn) change the
/// letter, not the tone.
const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// A search key: lower case, no diacritics at all, `đ` as `d`, runs of white
/// space as one space. "Xã Châu Quế Hạ" becomes "xa chau que ha".
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfd() {
        if ('\u{0300}'..='\u{036f}').contains(&c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// An identity key for names that two official lists spell with the tone mark
/// on different vowels ("Thanh Hoá" in 2026, "Thanh Hóa" in 2025): the name
/// without tone marks, then the tone marks in order.
pub fn tone_insensitive_key(text: &str) -> String {
    let mut base = String::with_capacity(text.len());
    let mut tones = String::new();
    for c in text.nfd() {
        if TONE_MARKS.contains(&c) {
            tones.push(c);
        } else {
            base.push(c);
        }
    }
    let mut key: String = base.nfc().collect();
    key.push('|');
    key.push_str(&tones);
    key
}

/// True when every word of the folded query occurs in the folded text.
pub fn matches_all_words(folded_text: &str, folded_query: &str) -> bool {
    folded_query
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| folded_text.contains(w))
}

/// Text in Unicode NFC, the one form stored and compared.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// A character that shows nothing or reorders what follows: zero-width
/// spaces and joiners, the byte-order mark, word joiners and invisible
/// operators, and the bidirectional marks, embeddings, overrides and
/// isolates (U+202E before "exe.gnp" shows a file name backwards). None belongs in
/// a Vietnamese name; in a name they hide a different text behind a
/// familiar one.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{FEFF}'
        | '\u{00AD}')
}

/// `text` without invisible characters (`is_invisible`).
pub fn strip_invisible(text: &str) -> String {
    text.chars().filter(|c| !is_invisible(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_key_folds_vietnamese() {
        assert_eq!(search_key("Xã Châu Quế Hạ"), "xa chau que ha");
        assert_eq!(search_key("Thôn  Khe Bành"), "thon khe banh");
        assert_eq!(search_key("ĐỒNG NAI"), "dong nai");
        assert_eq!(search_key("  Ưng Hoà "), "ung hoa");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let decomposed = "Khe Ba\u{0300}nh";
        assert_eq!(search_key(decomposed), "khe banh");
        assert_eq!(nfc(decomposed), "Khe Bành");
    }

    #[test]
    fn tone_key_ignores_tone_position_only() {
        assert_eq!(
            tone_insensitive_key("Thanh Hoá"),
            tone_insensitive_key("Thanh Hóa")
        );
        assert_eq!(
            tone_insensitive_key("Uỷ ban"),
            tone_insensitive_key("Ủy ban")
        );
        assert_ne!(tone_insensitive_key("Hoà"), tone_insensitive_key("Hoá"));
        assert_ne!(tone_insensitive_key("Hoa"), tone_insensitive_key("Hóa"));
    }

    #[test]
    fn invisible_characters_are_found_and_stripped() {
        for c in [
            '\u{200B}', '\u{200D}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{061C}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['a', 'ằ', ' ', '\u{0300}', 'Đ'] {
            assert!(!is_invisible(c), "{c:?}");
        }
        assert_eq!(strip_invisible("Ng\u{200B}uyễn\u{202E}A"), "NguyễnA");
    }

    #[test]
    fn all_words_must_match() {
        let text = search_key("Thôn Khe Bành, Xã Châu Quế Hạ");
        assert!(matches_all_words(&text, "khe banh"));
        assert!(matches_all_words(&text, "banh khe"));
        assert!(!matches_all_words(&text, "khe banh moi"));
    }
}
