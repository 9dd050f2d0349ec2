//! Request and response shapes of the `accounts` area.
