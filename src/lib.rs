//! tinhso ("tỉnh số", digital province): a province's digital-transformation
//! programme, from the steering committee down to the village.
//!
//! A tour, from the inside out:
//! - [`domain`]: types and pure engines (units and codes, the hierarchy
//!   through time, the access policy, Vietnamese text folding). No IO.
//! - [`io`]: readers of files (the official unit lists). Pure.
//! - [`store`]: SQLite or PostgreSQL behind one `Db`; the same SQL on both.
//! - [`service`]: one function per operation; access checks, transactions
//!   and audit entries happen here. Every door below calls these.
//! - [`http`]: the map of every URL; the JSON API and the HTML pages.
//! - [`cli`]: the `tinhso` command line; [`app`] builds the server.
//! - [`demo`]: the demo province, generated through the same service
//!   operations as every other door.
//! - [`bench`]: `tinhso bench`, the national-scale benchmark beside its
//!   baselines (timing lives there, never in tests).
//!
//! docs/ARCHITECTURE.md draws the layers.

#![forbid(unsafe_code)]

pub mod app;
pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod http;
pub mod i18n;
pub mod io;
pub mod service;
pub mod store;
