//! The importer (issue 12): a province's own spreadsheets and CSV files
//! into its registers, checked row by row, shown as a dry run first, then
//! written in one transaction through the same rules as the pages and the
//! API. `columns` says what each register's sheet holds.

pub mod columns;
pub mod export;
pub mod template;
