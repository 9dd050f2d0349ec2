//! What people call a figure: a headline key (`teams.coverage_pct`), an
//! indicator, a metric or a base code (`adopt_epay_power`) by its name in
//! words, and a formula with every code replaced by its name. The codes
//! stay where officers edit definitions, and in the API.

use super::figures::State;
use crate::domain::metric::Adoption;
use crate::i18n::Lang;
use crate::i18n::messages::Msg;

/// Words that are already a name in each language.
fn words(vi: &str, en: &str) -> Msg {
    Msg::new("figure.named").arg_words("name", vi, en)
}

/// The name of a base code of the formulas.
fn base_name(code: &str) -> Option<Msg> {
    Some(Msg::new(match code {
        "households" => "figure.base_households",
        "team_members" => "figure.base_team_members",
        "team_members_commune" => "figure.base_team_members_commune",
        "team_members_village" => "figure.base_team_members_village",
        "units_with_team" => "figure.base_units_with_team",
        "units_commune_village" => "figure.base_units_commune_village",
        c => {
            let kind = c.strip_prefix("adopt_")?;
            let a = Adoption::ALL.into_iter().find(|a| a.as_str() == kind)?;
            return Some(Msg::new("figure.base_adopt").arg_words("kind", a.name_vi(), a.name_en()));
        }
    }))
}

/// The name of what `key` names: a headline figure, an indicator, a
/// metric or a base code; `None` for a key nothing is called.
pub fn name_of(state: &State, key: &str) -> Option<Msg> {
    if let Some(n) = crate::domain::figures::name(key) {
        return Some(n);
    }
    if let Some((r, _)) = state.indicators().iter().find(|(r, _)| r.code == key) {
        return Some(words(&r.name_vi, &r.name_en));
    }
    if let Some((_, m)) = state.metric(key) {
        return Some(words(&m.name_vi, &m.name_en));
    }
    base_name(key)
}

/// Is the figure a percentage (shown with "%")?
pub fn is_pct(key: &str) -> bool {
    key.ends_with("_pct")
}

/// A formula as people read it: each code by its name, `×` and `÷` for
/// `*` and `/`. A code nothing is called stays as written.
pub fn formula_in_words(state: &State, formula: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(formula.len() * 3);
    let mut rest = formula;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_lowercase() || c == '_' {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let code = &rest[..end];
            match name_of(state, code) {
                Some(n) => out.push_str(&n.render(lang)),
                None => out.push_str(code),
            }
            rest = &rest[end..];
            continue;
        }
        match c {
            '*' => out.push('×'),
            '/' => out.push('÷'),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_reads_as_a_sentence() {
        let state = State::default();
        assert_eq!(
            formula_in_words(&state, "100 * adopt_epay_power / households", Lang::Vi),
            "100 × số hộ được ghi nhận “Thanh toán tiền điện không dùng tiền mặt” ÷ số hộ đã đăng ký"
        );
        assert_eq!(
            formula_in_words(&state, "min(units_with_team, 3)", Lang::En),
            "min(communes and villages with a tech team, 3)"
        );
        for code in super::super::indicators::base_codes() {
            assert!(base_name(&code).is_some(), "{code}");
        }
        assert_eq!(
            name_of(&state, "teams.coverage_pct")
                .unwrap()
                .render(Lang::Vi),
            "Tỷ lệ xã, thôn có tổ CNS cộng đồng"
        );
    }
}
