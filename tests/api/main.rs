//! Integration tests: the real server on port 0, on SQLite, and on
//! PostgreSQL when TINHSO_TEST_DATABASE_URL is set. One binary; one file
//! per area.

mod contract;
mod helpers;

mod accounts;
mod architecture;
mod audit;
mod authz_walk;
mod bad_input;
mod cli;
mod clock;
mod contract_successes;
mod disk_full;
mod error_pages;
mod field;
mod field_phone;
mod figures;
mod formats;
mod forms_kept;
mod goals;
mod grants_page;
mod homes;
mod imports;
mod imports_criteria;
mod imports_files;
mod imports_party;
mod imports_team_members;
mod imports_values;
mod imports_villages;
mod limits;
mod maps;
mod messages;
mod open_data;
mod openapi;
mod party;
mod print;
mod programme;
mod reorganisation;
mod storage;
mod trace;
mod trust;
mod trust_access;
mod units;
mod waiting;
