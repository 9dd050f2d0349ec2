//! Issue 10, items 8–12: what a hostile client tried against uploads,
//! exports, error answers, concurrent edits and a handful of smaller holes.
//! One file per kind.

mod errors;
mod small;
mod uploads;
mod versions;
