//! Protocol vocabulary (being written).
