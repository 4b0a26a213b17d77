//! Call scripts and forms: definitions as files, one expression language, lint, validation,
//! navigation and versioned releases. The language, lint, validation and navigation are pure
//! logic (no I/O beyond what they are handed, except [`lint::lint_paths`] reading the files it
//! is pointed at); [`store`] keeps published releases in the database and [`routes`] serves
//! them. See `FORMAT.md` for the file format and [`expr`] for why the expression language is
//! CEL.

pub mod authoring;
pub mod error;
pub mod expr;
pub mod fields;
pub mod ident;
pub mod lint;
pub mod messages;
pub mod model;
pub mod pages;
pub mod release;
pub mod routes;
pub mod store;
pub mod validate;
pub mod values;
pub mod walk;
