//! One small sort for the whole engine. The standard library's sorts are generic over the
//! element type *and* the comparison closure, so each of the engine's dozen call sites used to
//! carry its own ~3 KB copy into the WASM. Here a single merge sort of indices under a
//! `&dyn` comparison does the work for every caller; only the tiny shim that applies the
//! resulting order is generic.
//!
//! Stable, O(n log n) comparisons whatever the input (hostile documents included), O(n) moves.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, stably (equal items keep their order).
pub(crate) fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let view: &[T] = items;
    let order = order_by(view.len(), &|a, b| match (view.get(a), view.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    permute(items, order);
}

/// The stable sorted order of `0..n` under `cmp` (a bottom-up merge sort of indices).
fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to: Vec<usize> = vec![0; n];
    let mut width = 1usize;
    while width < n {
        let mut start = 0usize;
        while start < n {
            let mid = start.saturating_add(width).min(n);
            let end = mid.saturating_add(width).min(n);
            if let (Some(left), Some(right), Some(out)) = (from.get(start..mid), from.get(mid..end), to.get_mut(start..end)) {
                merge(left, right, out, cmp);
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width = width.saturating_mul(2);
    }
    from
}

/// Merges two sorted runs into `out`, taking from `left` on ties (stability). Runs already in
/// order (the common case: quads and lines arrive grouped by subject) are copied after one
/// comparison.
fn merge(left: &[usize], right: &[usize], out: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    if let (Some(&last), Some(&first)) = (left.last(), right.first()) {
        if cmp(last, first) != Ordering::Greater {
            for (slot, &i) in out.iter_mut().zip(left.iter().chain(right)) {
                *slot = i;
            }
            return;
        }
    }
    let (mut l, mut r) = (0usize, 0usize);
    for slot in out {
        let take_left = match (left.get(l), right.get(r)) {
            (Some(&a), Some(&b)) => cmp(a, b) != Ordering::Greater,
            (Some(_), None) => true,
            _ => false,
        };
        let next = if take_left { left.get(l) } else { right.get(r) };
        if take_left {
            l = l.saturating_add(1);
        } else {
            r = r.saturating_add(1);
        }
        if let Some(&i) = next {
            *slot = i;
        }
    }
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, by following each
/// cycle of the permutation with swaps (visited positions are marked by `order[k] = k`).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut current = start;
        while let Some(slot) = order.get_mut(current) {
            let next = std::mem::replace(slot, current);
            if next == start || next == current {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_u64;
        for len in [0usize, 1, 2, 3, 7, 8, 9, 31, 64, 100, 257] {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            sort_by(&mut items, |a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected, "len {len}");
        }
    }

    #[test]
    fn reverse_and_sorted_inputs() {
        let mut v: Vec<u32> = (0..1000).rev().collect();
        sort_by(&mut v, u32::cmp);
        assert!(v.windows(2).all(|w| w[0] <= w[1]));
        sort_by(&mut v, u32::cmp);
        assert_eq!(v, (0..1000).collect::<Vec<_>>());
    }
}
