//! The fault table: names round-trip, are unique, and say what they break.

use super::*;

#[test]
fn names_round_trip_and_are_unique() {
    let mut seen = std::collections::BTreeSet::new();
    for f in Fault::ALL {
        assert_eq!(Fault::from_name(f.name()), Some(*f));
        assert!(seen.insert(f.name()), "duplicate {}", f.name());
        assert!(!f.description().is_empty());
        assert!(!f.requirements().is_empty());
    }
    assert!(Fault::ALL.len() >= 40);
}
