//! Request and response shapes of the `audit` area.
