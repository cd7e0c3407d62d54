// Verifies credentials with the digitalbazaar reference stack (@digitalbazaar/vc +
// data-integrity + eddsa-jcs-2022-cryptosuite), fully offline: every JSON-LD context comes
// from the contexts verified-badge bundles (src/canon/contexts/manifest.json maps URL → file),
// and did:key verification methods are expanded locally. Any other URL is refused, so the
// check can never touch the network.
//
// Usage: node tests/interop/verify.mjs [--now RFC3339] FILE...
// Prints one JSON line per file: {"file", "verified", "error"?}. Exit 0 iff all verified,
// 1 if any did not, 2 on usage errors.

import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'src', 'canon', 'contexts');

/** A loader that knows only the bundled contexts. */
function staticLoader() {
  const loader = new JsonLdDocumentLoader();
  const manifest = JSON.parse(readFileSync(join(contextsDir, 'manifest.json'), 'utf8'));
  for(const {url, file} of manifest.contexts) {
    loader.addStatic(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
  }
  return loader.build();
}

/** did:key (Ed25519): the DID document and its one verification method, built locally. */
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

const contexts = staticLoader();

async function documentLoader(url) {
  if(url.startsWith('did:key:z6Mk')) {
    return {contextUrl: null, documentUrl: url, document: await didKey(url)};
  }
  // Throws for anything not bundled: no network, ever.
  return contexts(url);
}

async function main(argv) {
  let now;
  const files = [];
  for(let i = 0; i < argv.length; i++) {
    if(argv[i] === '--now') {
      now = new Date(argv[++i]);
      if(Number.isNaN(now.getTime())) {
        throw new Error(`--now ${argv[i]}: not a date`);
      }
    } else {
      files.push(argv[i]);
    }
  }
  if(files.length === 0) {
    console.error('usage: node verify.mjs [--now RFC3339] FILE...');
    return 2;
  }
  const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});
  let failed = 0;
  for(const file of files) {
    let line;
    try {
      const credential = JSON.parse(readFileSync(file, 'utf8'));
      const result = await vc.verifyCredential({credential, suite, documentLoader, now});
      line = {file, verified: result.verified === true};
      if(!result.verified) {
        const errors = [result.error, ...(result.results ?? []).map(r => r.error)].filter(Boolean);
        line.error = errors.map(e => e.errors ? e.errors.map(x => x.message).join('; ') : e.message).join('; ');
      }
    } catch(e) {
      line = {file, verified: false, error: String(e?.message ?? e)};
    }
    if(!line.verified) {
      failed++;
    }
    console.log(JSON.stringify(line));
  }
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
}, e => {
  console.error(e);
  process.exitCode = 2;
});
