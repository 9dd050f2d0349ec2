//! The message catalogue, one file per area. Each entry is
//! `m(key, Vietnamese, English)`; `{name}` marks an argument. Keys are
//! stable: tests and the code name them. Field names in words are the
//! `field.<name>` entries (`fields.rs`).

use super::{Entry, m};

mod access;
mod accounts;
mod common;
mod criteria;
mod field;
mod fields;
mod figures;
mod forms;
mod imports;
mod imports_files;
mod imports_party;
mod imports_people;
mod imports_registers;
mod notfound;
mod open_data;
mod party;
mod programme;
mod teams;
mod units;

pub(super) static ALL: &[&[Entry]] = &[
    common::ENTRIES,
    fields::ENTRIES,
    access::ENTRIES,
    notfound::ENTRIES,
    units::ENTRIES,
    criteria::ENTRIES,
    field::ENTRIES,
    accounts::ENTRIES,
    programme::ENTRIES,
    figures::ENTRIES,
    teams::ENTRIES,
    party::ENTRIES,
    open_data::ENTRIES,
    forms::ENTRIES,
    imports::ENTRIES,
    imports_files::ENTRIES,
    imports_party::ENTRIES,
    imports_people::ENTRIES,
    imports_registers::ENTRIES,
];
