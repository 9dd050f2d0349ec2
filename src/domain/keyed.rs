//! `keyed!`: an enum whose variants have fixed string keys, the form the
//! API, the pages and the database use. One macro for every such enum, so
//! that each says its keys once and parses them the same way.
//!
//! ```ignore
//! keyed! {
//!     /// Where a meeting stands.
//!     #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
//!     pub enum MeetingState in "state", trim {
//!         Planned = "planned",
//!         Held = "held",
//!     }
//! }
//! ```
//!
//! gives the enum (with the attributes written, nothing more), `ALL` (in
//! declaration order), `as_str`, `from_key` (exact, `Option`), `parse` (a
//! `DomainError` on `field` naming the keys), `Display`, `FromStr` and
//! `TryFrom<String>` (both `parse`). With `trim`, input is trimmed before
//! it is matched. With `else |s| Msg::new(...)` after the variants, an
//! unknown key gets that message instead of "must be one of a, b, got 's'".

macro_rules! keyed {
    (
        $(#[$m:meta])*
        $vis:vis enum $name:ident in $field:literal $(, $trim:ident)? {
            $($(#[$vm:meta])* $variant:ident = $key:literal),+ $(,)?
        }
        $(else $err:expr)?
    ) => {
        $(#[$m])*
        $vis enum $name {
            $($(#[$vm])* $variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            /// The variant whose key is exactly `key`.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn parse(s: &str) -> Result<$name, $crate::domain::DomainError> {
                let s = $crate::domain::keyed::keyed!(@trim s $($trim)?);
                $name::from_key(s).ok_or_else(|| {
                    $crate::domain::DomainError::invalid(
                        $field,
                        $crate::domain::keyed::keyed!(@message s [$($key),+] $($err)?),
                    )
                })
            }
        }

        impl $crate::domain::keyed::Keyed for $name {
            const KEYS: &'static [&'static str] = &[$($key),+];
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::DomainError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::parse(&s)
            }
        }
    };
    (@trim $s:ident) => { $s };
    (@trim $s:ident trim) => { $s.trim() };
    (@message $s:ident [$($key:literal),+]) => {
        $crate::i18n::messages::Msg::new("value.one_of")
            .arg("allowed", [$($key),+].join(", "))
            .arg("value", $s)
    };
    (@message $s:ident [$($key:literal),+] $err:expr) => {{
        let message: fn(&str) -> $crate::i18n::messages::Msg = $err;
        message($s)
    }};
}

pub(crate) use keyed;

/// What every `keyed!` enum offers beyond its own methods: its keys, in
/// order, for whoever describes it (the OpenAPI document lists them).
pub trait Keyed {
    const KEYS: &'static [&'static str];
}

#[cfg(test)]
mod tests {
    keyed! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Exact in "kind" {
            One = "one",
            TwoWords = "two_words",
        }
    }

    keyed! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Trimmed in "state", trim {
            Open = "open",
        }
    }

    keyed! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Worded in "action" {
            Go = "go",
            Stop = "stop",
        }
        else |s| crate::i18n::messages::Msg::raw(format!("must be go or stop, got '{s}'"))
    }

    #[test]
    fn keys_round_trip_in_order() {
        assert_eq!(Exact::ALL, [Exact::One, Exact::TwoWords]);
        for k in Exact::ALL {
            assert_eq!(Exact::parse(k.as_str()), Ok(k));
            assert_eq!(k.to_string(), k.as_str());
        }
        assert_eq!("two_words".parse::<Exact>(), Ok(Exact::TwoWords));
        assert_eq!(Exact::try_from("one".to_string()), Ok(Exact::One));
    }

    #[test]
    fn unknown_keys_name_the_field_and_the_keys() {
        let e = Exact::parse(" one").unwrap_err();
        assert_eq!(e.field(), "kind");
        assert_eq!(
            e.reason().to_string(),
            "must be one of one, two_words, got ' one'."
        );
        assert_eq!(Exact::from_key("three"), None);
        assert_eq!(Worded::ALL, [Worded::Go, Worded::Stop]);
        let e = Worded::parse("wait").unwrap_err();
        assert_eq!(e.field(), "action");
        assert_eq!(e.reason().to_string(), "must be go or stop, got 'wait'");
    }

    #[test]
    fn trim_only_when_asked() {
        assert_eq!(Trimmed::ALL, [Trimmed::Open]);
        assert_eq!(Trimmed::parse("  open "), Ok(Trimmed::Open));
        assert_eq!(" open".parse::<Trimmed>(), Ok(Trimmed::Open));
        assert_eq!(
            Trimmed::parse(" shut ").unwrap_err().reason().to_string(),
            "must be one of open, got 'shut'."
        );
        assert!(Exact::parse("one ").is_err());
    }
}
