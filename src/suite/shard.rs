//! `--shard I/N`: a deterministic slice of the selected scenarios, so that CI can spread one run
//! over N jobs and join them with `oauthspec merge`.
//!
//! Assignment: every selected scenario is hashed by its identity (feature title and scenario
//! name, FNV-1a 64); scenarios are sorted by that hash and dealt round-robin, so shard sizes differ
//! by at most one, and the slices depend only on *which* scenarios are selected, never on the order
//! of files, scenarios or jobs. Every shard of one run must be given the same selection
//! (`--tags`, `--only`, features): the report records a digest of it, and `merge` refuses shards
//! whose digests differ.

use std::fmt;
use std::str::FromStr;

use super::catalog::ScenarioInfo;
use crate::report::ShardInfo;

/// `I/N`, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?}: expected I/N with 1 <= I <= N, e.g. 2/3");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// FNV-1a, 64 bit: small, fixed and identical on every platform and Rust version (std's
/// `DefaultHasher` promises none of that).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn identity_text(s: &ScenarioInfo) -> String {
    format!("{}\u{1f}{}", s.feature, s.name)
}

impl Shard {
    /// Keeps this shard's scenarios of `selected` (in their original order) and describes the
    /// slice for the report.
    pub fn slice(&self, selected: Vec<ScenarioInfo>) -> (Vec<ScenarioInfo>, ShardInfo) {
        let mut order: Vec<(u64, String, usize)> = selected
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = identity_text(s);
                (fnv1a(id.as_bytes()), id, i)
            })
            .collect();
        order.sort();
        let mut ids: Vec<&str> = order.iter().map(|(_, id, _)| id.as_str()).collect();
        ids.sort_unstable();
        let info = ShardInfo {
            index: self.index,
            count: self.count,
            selected: selected.len(),
            selection: format!("{:016x}", fnv1a(ids.join("\n").as_bytes())),
        };
        let mut mine: Vec<usize> = order
            .iter()
            .enumerate()
            .filter(|(rank, _)| rank % self.count == self.index - 1)
            .map(|(_, (_, _, i))| *i)
            .collect();
        mine.sort_unstable();
        let mut keep = vec![false; selected.len()];
        for i in mine {
            keep[i] = true;
        }
        let slice = selected
            .into_iter()
            .zip(keep)
            .filter_map(|(s, k)| k.then_some(s))
            .collect();
        (slice, info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::catalog;

    fn suite() -> Vec<ScenarioInfo> {
        catalog::load(&catalog::default_features_dir()).expect("features load")
    }

    fn names(v: &[ScenarioInfo]) -> Vec<String> {
        let mut n: Vec<String> = v.iter().map(identity_text).collect();
        n.sort();
        n
    }

    #[test]
    fn parses_i_of_n_and_refuses_nonsense() {
        assert_eq!(
            "2/3".parse::<Shard>().unwrap(),
            Shard { index: 2, count: 3 }
        );
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/3/4", "", "-1/3"] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.contains("expected I/N"), "{bad}: {err}");
        }
    }

    #[test]
    fn shards_partition_the_selection_evenly_whatever_its_order() {
        let all = suite();
        for count in [1, 2, 3, 7] {
            let mut union = Vec::new();
            let mut sizes = Vec::new();
            let mut digests = Vec::new();
            for index in 1..=count {
                let (slice, info) = Shard { index, count }.slice(all.clone());
                sizes.push(slice.len());
                digests.push(info.selection);
                let mut reversed = all.clone();
                reversed.reverse();
                let (again, _) = Shard { index, count }.slice(reversed);
                assert_eq!(names(&slice), names(&again), "order must not matter");
                union.extend(slice);
            }
            assert_eq!(names(&union), names(&all), "{count} shards cover each once");
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(max - min <= 1, "{count} shards: sizes {sizes:?}");
            assert!(digests.windows(2).all(|w| w[0] == w[1]));
        }
    }

    #[test]
    fn a_different_selection_has_a_different_digest() {
        let all = suite();
        let (_, whole) = Shard { index: 1, count: 2 }.slice(all.clone());
        let (_, part) = Shard { index: 1, count: 2 }.slice(all[1..].to_vec());
        assert_ne!(whole.selection, part.selection);
        assert_eq!(whole.selected, all.len());
    }
}
