//! The header a printed page carries, hidden on screen (the `/* print */`
//! block of `static/app.css`): the page's title, the unit the page is
//! about, the day its figures are for, and the day it was printed.

use chrono::NaiveDate;

use super::Base;
use crate::i18n::Lang;

pub struct PrintHead {
    /// The unit the page is about, if it is about one.
    pub unit: Option<String>,
    /// The day the page's figures are for, if they are for one.
    pub on: Option<NaiveDate>,
    /// Today in Vietnam, from the clock.
    pub printed: NaiveDate,
    pub figures_on: &'static str,
    pub printed_on: &'static str,
}

impl PrintHead {
    pub fn new(lang: Lang, today: NaiveDate) -> PrintHead {
        let (figures_on, printed_on) = match lang {
            Lang::Vi => ("Số liệu ngày", "Ngày in"),
            Lang::En => ("Figures as of", "Printed on"),
        };
        PrintHead {
            unit: None,
            on: None,
            printed: today,
            figures_on,
            printed_on,
        }
    }
}

impl Base {
    /// What the page says about when printed: the unit it is about (none
    /// for a page of the whole country) and the day of its figures.
    pub fn about(mut self, unit: Option<&str>, on: NaiveDate) -> Base {
        self.print.unit = unit.map(str::to_owned);
        self.print.on = Some(on);
        self
    }
}
