//! Login and consent automation (being written).
