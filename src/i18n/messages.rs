//! Messages to people, kept apart from the words in them.
//!
//! An operation that refuses something says so with a `Msg`: a key of the
//! catalogue (`catalogue/*.rs`) and its arguments. The text is chosen when
//! the response is made, in the reader's language: the page's language on
//! pages, `Accept-Language` in the API (Vietnamese unless English is
//! preferred). Error codes stay stable and machine-readable; only the
//! `message` changes language.
//!
//! Why not Fluent (`fluent-templates`) or `rust-i18n`: the catalogue is a
//! Rust table whose entries have both languages as required fields, so a
//! message missing a language does not compile, and a key used in the code
//! but absent from the table fails `every_key_used_in_the_code_exists`. The
//! messages need no plural or gender rules (Vietnamese has neither, and the
//! English ones are written to need none). The crates would add their own
//! dependency trees to a build that takes a quarter of an hour on the two
//! cores of these machines, and parse message files at start.
//!
//! `Msg::Untranslated` (made only by `Msg::raw`) carries text from outside
//! the catalogue, shown as written: a library's own words as the `{detail}`
//! of a catalogue sentence, or an internal fault no person is shown. There
//! is no conversion from `String` or `&str`, so every message a person is
//! told goes through a key.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use super::lang::Lang;

mod catalogue;

/// One message in both languages. `{name}` in either text is replaced by
/// the argument of that name.
pub struct Entry {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

/// Catalogue entries are written `m(key, vi, en)`.
pub(crate) const fn m(key: &'static str, vi: &'static str, en: &'static str) -> Entry {
    Entry { key, vi, en }
}

/// Every entry of the catalogue.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    catalogue::ALL.iter().flat_map(|area| area.iter())
}

static BY_KEY: LazyLock<HashMap<&'static str, &'static Entry>> =
    LazyLock::new(|| entries().map(|e| (e.key, e)).collect());

/// The catalogue text of `key` in `lang`, if the key exists.
pub fn text(lang: Lang, key: &str) -> Option<&'static str> {
    BY_KEY.get(key).map(|e| match lang {
        Lang::Vi => e.vi,
        Lang::En => e.en,
    })
}

/// A message for a person, rendered in their language by `render`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key {
        key: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    /// Text with no catalogue entry yet, shown as written.
    Untranslated(String),
}

impl Msg {
    /// The message of catalogue entry `key`.
    pub fn new(key: &'static str) -> Msg {
        Msg::Key {
            key,
            args: Vec::new(),
        }
    }

    /// Add argument `{name}`.
    pub fn arg(self, name: &'static str, value: impl fmt::Display) -> Msg {
        self.with(name, Arg::Text(value.to_string()))
    }

    /// Add argument `{name}` with its words in each language (a name).
    pub fn arg_words(self, name: &'static str, vi: &str, en: &str) -> Msg {
        self.with(
            name,
            Arg::Words {
                vi: vi.to_owned(),
                en: en.to_owned(),
            },
        )
    }

    /// Add argument `{name}`, itself a message (rendered in the same
    /// language).
    pub fn arg_msg(self, name: &'static str, value: Msg) -> Msg {
        self.with(name, Arg::Msg(Box::new(value)))
    }

    fn with(mut self, name: &'static str, value: Arg) -> Msg {
        if let Msg::Key { args, .. } = &mut self {
            args.push((name, value));
        }
        self
    }

    /// The catalogue text of a message without arguments (a status's or a
    /// role's name), for tables of labels that hold `&'static str`.
    pub fn label(&self, lang: Lang) -> Option<&'static str> {
        match self {
            Msg::Key { key, args } if args.is_empty() => text(lang, key),
            _ => None,
        }
    }

    pub fn key(&self) -> Option<&'static str> {
        match self {
            Msg::Key { key, .. } => Some(key),
            Msg::Untranslated(_) => None,
        }
    }

    /// The text in `lang`. A key missing from the catalogue (a test keeps
    /// that from happening) shows as the key itself, never as nothing.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Msg::Untranslated(s) => s.clone(),
            Msg::Key { key, args } => {
                let template = text(lang, key).unwrap_or(key);
                let args: Vec<(&str, String)> = args
                    .iter()
                    .map(|(name, value)| {
                        let value = match value {
                            Arg::Text(s) => s.clone(),
                            Arg::Words { vi, .. } if lang == Lang::Vi => vi.clone(),
                            Arg::Words { en, .. } => en.clone(),
                            Arg::Msg(m) => m.render(lang),
                        };
                        (*name, value)
                    })
                    .collect();
                fill(template, &args)
            }
        }
    }
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Words { vi: String, en: String },
    Msg(Box<Msg>),
}

/// Replace each `{name}` by its argument; unknown names stay as written.
fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// In English, for logs and `Display`.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<&Msg> for Msg {
    fn from(m: &Msg) -> Msg {
        m.clone()
    }
}

impl Msg {
    /// Text from outside the catalogue, shown as it is: a library's own
    /// words inside a catalogue sentence's `{detail}`, or an internal fault
    /// no person is shown. Every message a person is told is a key.
    pub fn raw(s: impl Into<String>) -> Msg {
        Msg::Untranslated(s.into())
    }
}

/// A field's name for people: the catalogue's `field.<name>`, looked up by
/// the whole path first (`values.m01`), then by its last part without an
/// index (`rows[3].phone` → `phone`). Unknown fields show as written.
pub fn field_label(lang: Lang, field: &str) -> String {
    let leaf = field
        .rsplit(['.', '['])
        .map(|p| p.trim_end_matches(']'))
        .find(|p| !p.is_empty() && !p.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or(field);
    [field, leaf]
        .iter()
        .find_map(|name| text(lang, &format!("field.{name}")))
        .map_or_else(|| field.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_fill_their_places() {
        let args = [("value", "abc".to_owned())];
        assert_eq!(
            fill("'{value}' không phải là số", &args),
            "'abc' không phải là số"
        );
        assert_eq!(fill("{missing} {", &args), "{missing} {");
    }

    #[test]
    fn field_labels_find_the_leaf() {
        assert_eq!(field_label(Lang::Vi, "password"), "mật khẩu");
        assert_eq!(field_label(Lang::En, "rows[3].password"), "password");
        assert_eq!(field_label(Lang::Vi, "no_such_field"), "no_such_field");
    }

    fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_entry_has_both_languages_with_the_same_arguments() {
        let mut seen = std::collections::HashSet::new();
        for e in entries() {
            assert!(seen.insert(e.key), "{} is in the catalogue twice", e.key);
            assert!(
                !e.vi.trim().is_empty() && !e.en.trim().is_empty(),
                "{}",
                e.key
            );
            assert_eq!(placeholders(e.vi), placeholders(e.en), "{}", e.key);
            assert_eq!(
                crate::domain::fold::nfc(e.vi),
                e.vi,
                "{}: Vietnamese text must be NFC",
                e.key
            );
        }
    }

    /// Keys named in the code: `Msg::new("…")`, and any literal of an area
    /// the catalogue has (`"value.count"` chosen in a match).
    #[test]
    fn every_key_used_in_the_code_exists() {
        let areas: std::collections::HashSet<&str> = entries()
            .filter_map(|e| e.key.split_once('.').map(|(a, _)| a))
            .filter(|a| *a != "field")
            .collect();
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs")
                    || path.components().any(|c| c.as_os_str() == "catalogue")
                {
                    continue;
                }
                let code = std::fs::read_to_string(&path).expect("source");
                for literal in code.split('"').skip(1).step_by(2) {
                    let Some((area, rest)) = literal.split_once('.') else {
                        continue;
                    };
                    let key_like = !rest.is_empty()
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
                    if key_like && areas.contains(area) && text(Lang::Vi, literal).is_none() {
                        missing.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys not in the catalogue:\n{}",
            missing.join("\n")
        );
    }
}
