//! Column headers and cell words of the exports meant for people, in the
//! page's language. Machine keys stay in the JSON API.

use crate::domain::metric::Adoption;
use crate::i18n::Lang;

fn pick(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The name of a headline figure, by its key (`domain::figures::name`),
/// with "(%)" for a percentage; the key itself if unknown.
pub fn figure(lang: Lang, key: &str) -> String {
    match crate::domain::figures::name(key) {
        Some(name) if key.ends_with("_pct") => format!("{} (%)", name.render(lang)),
        Some(name) => name.render(lang),
        None => key.to_owned(),
    }
}

pub fn adoption(lang: Lang, a: Adoption) -> &'static str {
    match lang {
        Lang::Vi => a.name_vi(),
        Lang::En => a.name_en(),
    }
}

/// Code and name, the first two columns of a table of units.
pub fn unit_columns(lang: Lang) -> [String; 2] {
    [
        pick(lang, "Mã đơn vị", "Unit code").to_owned(),
        pick(lang, "Tên đơn vị", "Unit name").to_owned(),
    ]
}

/// The households export's columns before the adoption ones.
pub fn household_columns(lang: Lang) -> [String; 6] {
    [
        pick(lang, "Mã hộ", "Household code"),
        pick(lang, "Chủ hộ", "Head of household"),
        pick(lang, "Điện thoại", "Phone"),
        pick(lang, "Số nhân khẩu", "People"),
        pick(lang, "Hộ nghèo, cận nghèo", "Poverty status"),
        pick(lang, "Ngày đăng ký", "Registered on"),
    ]
    .map(String::from)
}

/// A household's poverty status in words.
pub fn poverty(lang: Lang, key: &str) -> String {
    match key {
        "poor" => pick(lang, "Hộ nghèo", "Poor"),
        "near_poor" => pick(lang, "Hộ cận nghèo", "Near poor"),
        "none" | "" => "",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Yes or no, for a household's adoption.
pub fn yes_no(lang: Lang, yes: bool) -> String {
    match yes {
        true => pick(lang, "Có", "Yes"),
        false => pick(lang, "Không", "No"),
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_a_name_in_both_languages() {
        let mut keys: Vec<String> = [
            "households.total",
            "teams.coverage_pct",
            "teams.members",
            "teams.members_commune_level",
            "teams.members_village_level",
            "orgs.members_in_groups_pct",
        ]
        .map(String::from)
        .to_vec();
        keys.extend(Adoption::ALL.map(|a| format!("households.{}_pct", a.as_str())));
        for k in keys {
            for lang in [Lang::Vi, Lang::En] {
                let name = figure(lang, &k);
                assert!(!name.contains('.') && !name.contains('_'), "{k}: {name}");
            }
        }
        assert_eq!(figure(Lang::Vi, "households.total"), "Số hộ");
    }
}
