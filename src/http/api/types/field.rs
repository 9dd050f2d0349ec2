//! Request and response shapes of the `field` area.
