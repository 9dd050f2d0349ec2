//! Request and response shapes of criteria sets (`sets`), commune
//! registrations (`registrations`), and a commune's recognition and the
//! DTI-style index (`recognition`).

pub mod recognition;
pub mod registrations;
pub mod sets;
