//! Request and response shapes of the `party` area.
