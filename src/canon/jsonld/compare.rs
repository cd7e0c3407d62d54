//! What the engine's tests compare processed contexts with (tests only).

use std::sync::Arc;

use super::context::{ActiveContext, Env, Flags};

/// Whether two processed contexts define the same terms the same way (scoped contexts
/// compared as JSON).
pub(crate) fn same(a: &ActiveContext, b: &ActiveContext) -> bool {
    a.vocab == b.vocab
        && a.base == b.base
        && a.language == b.language
        && a.direction == b.direction
        && a.previous.is_some() == b.previous.is_some()
        && a.terms.len() == b.terms.len()
        && a.terms.iter().all(|(k, t)| b.terms.get(k).is_some_and(|u| t.same_as(u) && t.protected == u.protected))
}

/// Applies every scoped context of the left and the right context (as a property's and as a
/// type's scope) in its own environment, and those of the results `depth` levels further
/// down, requiring the same result or the same error on both sides; counts them in `seen`.
pub(crate) fn scoped(
    left: (&mut Env<'_>, &Arc<ActiveContext>),
    right: (&mut Env<'_>, &Arc<ActiveContext>),
    depth: usize,
    seen: &mut usize,
) {
    let (l_env, l_ctx) = left;
    let (r_env, r_ctx) = right;
    let mut keys: Vec<&Arc<str>> = l_ctx.terms.keys().collect();
    keys.sort();
    for key in keys {
        let (Some(l_def), Some(r_def)) = (l_ctx.term(key), r_ctx.term(key)) else { panic!("{key} missing") };
        let (Some(l_scoped), Some(r_scoped)) = (&l_def.context, &r_def.context) else { continue };
        for flags in [Flags { override_protected: true, ..Flags::DEFAULT }, Flags { propagate: false, ..Flags::DEFAULT }] {
            *seen += 1;
            match (l_env.apply_scoped(l_ctx, l_scoped, flags), r_env.apply_scoped(r_ctx, r_scoped, flags)) {
                (Ok(l), Ok(r)) => {
                    assert!(same(&l, &r), "scoped context of {key} differs");
                    if depth > 0 {
                        scoped((l_env, &l), (r_env, &r), depth - 1, seen);
                    }
                }
                (Err(l), Err(r)) => assert_eq!(l, r, "{key}"),
                (l, r) => panic!("scoped context of {key}: {:?} against {:?}", l.err(), r.err()),
            }
        }
    }
}
