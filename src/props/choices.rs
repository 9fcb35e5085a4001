//! Choice sequences: the one source of randomness of every generator in `props`, and the
//! shrinker that works on them.
//!
//! A generator is a plain function of a [`Choices`]. At run time the choices come from a seeded
//! xorshift; when a case fails, its recorded sequence is shrunk (entries deleted, zeroed,
//! halved) and replayed, which regenerates a simpler value of the same shape. A replayed
//! sequence that runs out reads zeros, and every generator maps zero to its simplest value, so
//! shorter and smaller sequences mean simpler cases. Tests drive the same generators from
//! proptest (`tests/properties.rs` wraps [`Shrinker`] in a `ValueTree`), so the library needs no
//! proptest at run time.

/// Where draws come from, and what was drawn.
#[derive(Clone, Debug)]
pub struct Choices {
    source: Source,
    drawn: Vec<u64>,
}

#[derive(Clone, Debug)]
enum Source {
    Random(XorShift),
    Replay { seq: Vec<u64>, pos: usize },
}

impl Choices {
    /// Fresh draws from a seeded xorshift64*.
    pub fn random(seed: u64) -> Self {
        Self {
            source: Source::Random(XorShift::new(seed)),
            drawn: Vec::new(),
        }
    }

    /// Replays a recorded sequence; past its end every draw is zero.
    pub fn replay(seq: &[u64]) -> Self {
        Self {
            source: Source::Replay {
                seq: seq.to_vec(),
                pos: 0,
            },
            drawn: Vec::new(),
        }
    }

    /// One raw draw.
    pub fn raw(&mut self) -> u64 {
        let v = match &mut self.source {
            Source::Random(r) => r.next(),
            Source::Replay { seq, pos } => {
                let v = seq.get(*pos).copied().unwrap_or(0);
                *pos += 1;
                v
            }
        };
        self.drawn.push(v);
        v
    }

    /// Uniform in `0..n` (`0` when `n <= 1`). Monotone in the raw draw, so halving a draw while
    /// shrinking never moves the result up.
    pub fn below(&mut self, n: usize) -> usize {
        let v = self.raw();
        if n <= 1 {
            return 0;
        }
        ((u128::from(v) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`; `lo` is the simplest.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent`/100; a zero draw is `false`.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) >= 100 - percent.min(100)
    }

    /// An index into `weights` with probability proportional to its weight; a zero draw picks
    /// the first entry.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut x = self.below(total as usize) as u64;
        for (i, w) in weights.iter().enumerate() {
            if x < u64::from(*w) {
                return i;
            }
            x -= u64::from(*w);
        }
        weights.len().saturating_sub(1)
    }

    /// One of `items`, the first being the simplest; `None` when empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = self.below(items.len());
        items.get(i)
    }

    /// The draws so far, trailing zeros removed (a replay reads them anyway).
    pub fn drawn(&self) -> Vec<u64> {
        let mut d = self.drawn.clone();
        while d.last() == Some(&0) {
            d.pop();
        }
        d
    }
}

/// xorshift64* (Vigna), seeded through splitmix64 so that any seed, zero included, works.
#[derive(Clone, Debug)]
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // xorshift's state must not be zero; splitmix64 of any seed is zero for one seed only.
        Self(splitmix64(seed).max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// splitmix64: decorrelates seeds (`seed`, `seed + 1`, ...) of consecutive cases.
pub fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Greedy shrinking of a failing choice sequence.
///
/// Protocol: take [`Shrinker::next_candidate`], replay it; if the case still fails, call
/// [`Shrinker::accept`] with what the replay drew, which makes it the new best and restarts the
/// candidates from it. When no candidate is left, [`Shrinker::best`] is locally minimal.
#[derive(Clone, Debug)]
pub struct Shrinker {
    best: Vec<u64>,
    candidates: Vec<Vec<u64>>,
    next: usize,
    accepted: usize,
}

impl Shrinker {
    pub fn new(failing: Vec<u64>) -> Self {
        let candidates = candidates(&failing);
        Self {
            best: failing,
            candidates,
            next: 0,
            accepted: 0,
        }
    }

    /// The next simplification to try, or `None` when `best` cannot be simplified further.
    pub fn next_candidate(&mut self) -> Option<Vec<u64>> {
        let c = self.candidates.get(self.next).cloned();
        self.next += 1;
        c
    }

    /// The last candidate still fails; `drawn` is what its replay drew.
    pub fn accept(&mut self, drawn: Vec<u64>) {
        self.candidates = candidates(&drawn);
        self.best = drawn;
        self.next = 0;
        self.accepted += 1;
    }

    /// The simplest failing sequence found so far.
    pub fn best(&self) -> &[u64] {
        &self.best
    }

    /// How many simplifications were accepted.
    pub fn steps(&self) -> usize {
        self.accepted
    }
}

/// Simplifications of `seq`, boldest first. Zeroing keeps the shape of what was generated
/// (the same draws feed the same decisions), so it comes before deleting, which shifts every
/// later draw and mostly helps variable-length lists:
/// 1. zero the tail from a quarter, half, three quarters;
/// 2. zero aligned blocks of 16, 8, 4, 2 and 1 entries;
/// 3. delete runs of 8, 4, 2 and 1 entries;
/// 4. halve each entry, then take an eighth off each (finer steps near the boundary where a
///    case starts to pass).
pub fn candidates(seq: &[u64]) -> Vec<Vec<u64>> {
    let mut out: Vec<Vec<u64>> = Vec::new();
    let mut push = |mut c: Vec<u64>| {
        while c.last() == Some(&0) {
            c.pop();
        }
        if c != seq && !out.contains(&c) {
            out.push(c);
        }
    };
    let n = seq.len();
    for keep in [0, n / 4, n / 2, 3 * n / 4] {
        push(seq[..keep].to_vec());
    }
    for block in [16usize, 8, 4, 2, 1] {
        for start in (0..n).step_by(block) {
            let end = (start + block).min(n);
            if seq[start..end].iter().any(|v| *v != 0) {
                let mut c = seq.to_vec();
                c[start..end].fill(0);
                push(c);
            }
        }
    }
    for run in [8usize, 4, 2, 1] {
        if run > n {
            continue;
        }
        for start in (0..=n - run).rev() {
            let mut c = seq.to_vec();
            c.drain(start..start + run);
            push(c);
        }
    }
    for i in 0..n {
        if seq[i] > 1 {
            let mut c = seq.to_vec();
            c[i] /= 2;
            push(c);
        }
    }
    for i in 0..n {
        if seq[i] > 8 {
            let mut c = seq.to_vec();
            c[i] -= c[i] / 8;
            push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_reproduces_and_runs_out_as_zeros() {
        let mut a = Choices::random(7);
        let xs: Vec<usize> = (0..5).map(|_| a.below(1000)).collect();
        let mut b = Choices::replay(&a.drawn());
        let ys: Vec<usize> = (0..5).map(|_| b.below(1000)).collect();
        assert_eq!(xs, ys);
        let mut empty = Choices::replay(&[]);
        assert_eq!(empty.below(10), 0);
        assert!(!empty.chance(99));
        assert_eq!(empty.weighted(&[1, 5]), 0);
    }

    #[test]
    fn below_is_in_range_and_monotone() {
        let mut c = Choices::replay(&[u64::MAX, u64::MAX / 2, 1]);
        assert_eq!(c.below(10), 9);
        assert_eq!(c.below(10), 4);
        assert_eq!(c.below(10), 0);
    }

    #[test]
    fn shrinking_finds_a_minimal_sequence() {
        // Fails when the sum of the first three draws below 100 is at least 50.
        let fails = |seq: &[u64]| -> (bool, Vec<u64>) {
            let mut c = Choices::replay(seq);
            let s: usize = (0..3).map(|_| c.below(100)).sum();
            (s >= 50, c.drawn())
        };
        let mut seed = 0;
        let start = loop {
            let mut c = Choices::random(seed);
            let s: usize = (0..3).map(|_| c.below(100)).sum();
            if s >= 50 {
                break c.drawn();
            }
            seed += 1;
        };
        let mut sh = Shrinker::new(start);
        while let Some(c) = sh.next_candidate() {
            let (f, drawn) = fails(&c);
            if f {
                sh.accept(drawn);
            }
        }
        let mut c = Choices::replay(sh.best());
        let s: usize = (0..3).map(|_| c.below(100)).sum();
        assert!((50..=60).contains(&s), "not shrunk: {s}");
    }
}
