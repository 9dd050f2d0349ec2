//! Request and response shapes of the `criteria` area.
