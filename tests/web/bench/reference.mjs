// The JavaScript reference stack (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite,
// jsonld.js underneath), fully OFFLINE: every JSON-LD context comes from the contexts
// verified-badge bundles (src/canon/contexts/manifest.json maps URL → file), did:key documents
// are built locally, and any other URL is refused — the reference can never touch the network.
//
// Used by bench/verify.mjs (timing, in the same Node process as our WASM). `sign` is there for
// checking by hand that both stacks sign identically (tests/interop.rs checks it in the suite).

import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

// One offline loader for the interop test and this bench (tests/interop/loader.mjs: the
// bundled contexts and locally built did:key documents; any other URL throws).
import {documentLoader as offlineLoader} from '../../interop/loader.mjs';

/** The offline document loader. */
export function documentLoader() {
  return offlineLoader;
}

/** A reusable verifier: `await verify(credential, now)` → `{verified, error?}`. */
export function verifier() {
  const loader = documentLoader();
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  return async (credential, now) => {
    const result = await vc.verifyCredential({credential, suite, documentLoader: loader, now});
    const out = {verified: result.verified === true};
    if(!out.verified) {
      const errors = [result.error, ...(result.results ?? []).map(r => r.error)].filter(Boolean);
      out.error = errors.map(e => e.errors ? e.errors.map(x => x.message).join('; ') : e.message).join('; ');
    }
    return out;
  };
}

/** Signs `credential` with eddsa-rdfc-2022 by the did:key of the Ed25519 `seed` (32 bytes). */
export async function sign(credential, seed, created) {
  const key = await Ed25519Multikey.generate({seed});
  const fingerprint = key.fingerprint();
  key.controller = `did:key:${fingerprint}`;
  key.id = `${key.controller}#${fingerprint}`;
  const suite = new DataIntegrityProof({signer: key.signer(), cryptosuite: eddsaRdfc2022, date: created});
  return vc.issue({credential, suite, documentLoader: documentLoader()});
}
