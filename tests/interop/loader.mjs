// The offline document loader shared by verify.mjs and sign.mjs: the JSON-LD contexts
// verified-badge bundles (src/canon/contexts/manifest.json maps URL → file) and did:key
// (Ed25519) documents built locally. Any other URL throws: no network, ever.

import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
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

/** The document loader: bundled contexts and did:key only. */
export async function documentLoader(url) {
  if(url.startsWith('did:key:z6Mk')) {
    return {contextUrl: null, documentUrl: url, document: await didKey(url)};
  }
  // Throws for anything not bundled: no network, ever.
  return contexts(url);
}
