//! Request and response shapes of the `figures` area.
