// The JavaScript reference stack (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite,
// jsonld.js underneath), fully OFFLINE: every JSON-LD context comes from the contexts
// verified-badge bundles (src/canon/contexts/manifest.json maps URL → file), did:key documents
// are built locally, and any other URL is refused — the reference can never touch the network.
//
// Used by bench/verify.mjs (timing, in the same Node process as our WASM). `sign` is there for
// checking by hand that both stacks sign identically (tests/interop.rs checks it in the suite).

import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const contextsDir = join(root, 'src', 'canon', 'contexts');

/** URL → parsed context, for every bundled context. */
function bundledContexts() {
  const manifest = JSON.parse(readFileSync(join(contextsDir, 'manifest.json'), 'utf8'));
  const map = new Map();
  for(const {url, file} of manifest.contexts) {
    map.set(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
  }
  return map;
}

/** did:key (Ed25519): the DID document, or its one verification method, built locally. */
async function didKey(url) {
  const [did] = url.split('#');
  const fingerprint = did.slice('did:key:'.length);
  const key = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: `${did}#${fingerprint}`,
    controller: did,
    publicKeyMultibase: fingerprint
  });
  const method = await key.export({publicKey: true, includeContext: true});
  if(url.includes('#')) {
    if(url !== method.id) {
      throw new Error(`unknown verification method ${url}`);
    }
    return method;
  }
  const {'@context': _, ...embedded} = method;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [embedded],
    assertionMethod: [embedded.id],
    authentication: [embedded.id]
  };
}

/** The offline document loader: bundled contexts and did:key, nothing else. */
export function documentLoader() {
  const contexts = bundledContexts();
  return async url => {
    const context = contexts.get(url);
    if(context) {
      return {contextUrl: null, documentUrl: url, document: context};
    }
    if(url.startsWith('did:key:z6Mk')) {
      return {contextUrl: null, documentUrl: url, document: await didKey(url)};
    }
    throw new Error(`offline: refusing to load ${url}`);
  };
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
