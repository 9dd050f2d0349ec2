//! The banner of a unit page that explains a reorganisation: the unit was
//! formed from others (the 2025 merges, or the 2025-01-01 ones), or it
//! became others after the day shown. People who knew "huyện Văn Yên" or
//! "xã Châu Quế Hạ" must see where it went, and why a 2026 page shows
//! another name.

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::service::units::Link;

/// One sentence and the units it names, each linked on its own first day.
pub struct Banner {
    pub text: &'static str,
    pub day: String,
    pub units: Vec<(String, String, NaiveDate)>,
}

/// The banners for a unit version: what it was formed from, what it
/// became.
pub fn banners(
    lang: Lang,
    valid_from: NaiveDate,
    predecessors: &[Link],
    successors: &[Link],
) -> Vec<Banner> {
    let mut out = Vec::new();
    if !predecessors.is_empty() {
        out.push(Banner {
            text: match lang {
                Lang::Vi => "Đơn vị được sắp xếp, thành lập từ ngày {day}, trên cơ sở:",
                Lang::En => "This unit was formed on {day} from:",
            },
            day: super::format::day(lang, valid_from),
            units: predecessors
                .iter()
                .map(|l| (l.code.clone(), l.full_name.clone(), l.valid_from))
                .collect(),
        });
    }
    if let Some(first) = successors.iter().map(|l| l.valid_from).min() {
        out.push(Banner {
            text: match lang {
                Lang::Vi => "Từ ngày {day}, đơn vị được sắp xếp vào:",
                Lang::En => "From {day}, this unit became part of:",
            },
            day: super::format::day(lang, first),
            units: successors
                .iter()
                .map(|l| (l.code.clone(), l.full_name.clone(), l.valid_from))
                .collect(),
        });
    }
    out
}

impl Banner {
    /// The sentence with its day.
    pub fn sentence(&self) -> String {
        self.text.replace("{day}", &self.day)
    }
}
