//! A small pool of scoped threads: the work runs on every core, the results come back in
//! the input's order so the output is the same on every run.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Threads to use when the user does not say: one a core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(1)
}

/// Runs `work` on each item on up to `jobs` threads and hands every result to `emit`, on the
/// calling thread, in item order, as soon as it and all before it are done. When `emit`
/// returns `false` (e.g. stdout was closed), no new work is started.
pub fn ordered<T, R, W, E>(items: &[T], jobs: usize, work: W, mut emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(usize, R) -> bool,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    let threads = jobs.clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, next, stop, work) = (tx.clone(), &next, &stop, &work);
            scope.spawn(move || loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0usize;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                if !emit(due, result) {
                    stop.store(true, Ordering::Relaxed);
                }
                due = due.saturating_add(1);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        // Later items finish first: the order must still hold.
        ordered(&items, 4, |&n| {
            std::thread::sleep(std::time::Duration::from_micros(200 - n));
            n * 2
        }, |i, r| {
            seen.push((i, r));
            true
        });
        assert_eq!(seen, items.iter().map(|&n| (n as usize, n * 2)).collect::<Vec<_>>());
    }
}
