//! Documents the contact centre issues: quarantine certificates and test prescriptions,
//! from templates (`documents/`), as PDF letters carrying a QR code whose signed payload
//! anyone can check offline with the published key.

pub mod calls;
pub mod case_documents;
pub mod citizen;
pub mod delivery;
pub mod error;
pub mod job_routes;
pub mod jobs;
pub mod letter;
pub mod links;
pub mod manual;
pub mod pages;
pub mod pdf;
pub mod readback;
pub mod routes;
pub mod sign;
pub mod store;
pub mod template;
pub mod words;
