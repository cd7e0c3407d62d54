// Signs a credential with the digitalbazaar reference stack, using a key file written by
// `verified-badge issue keygen` (a Multikey document with `secretKeyMultibase`), fully offline
// (contexts from src/canon/contexts, did:key expanded locally — see verify.mjs).
//
// Usage: node tests/interop/sign.mjs --key KEYFILE --suite eddsa-jcs-2022|eddsa-rdfc-2022
//          --created RFC3339 UNSIGNED.json > SIGNED.json

import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createSignCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

import {documentLoader} from './loader.mjs';

async function main(argv) {
  const options = {};
  const files = [];
  for(let i = 0; i < argv.length; i++) {
    if(argv[i].startsWith('--')) {
      options[argv[i].slice(2)] = argv[++i];
    } else {
      files.push(argv[i]);
    }
  }
  if(!options.key || !options.suite || files.length !== 1) {
    console.error('usage: node sign.mjs --key KEYFILE --suite SUITE [--created T] UNSIGNED.json');
    return 2;
  }
  const keyPair = await Ed25519Multikey.from(JSON.parse(readFileSync(options.key, 'utf8')));
  const cryptosuite = {
    'eddsa-jcs-2022': createSignCryptosuite(),
    'eddsa-rdfc-2022': eddsaRdfc2022
  }[options.suite];
  if(!cryptosuite) {
    console.error(`unknown suite ${options.suite}`);
    return 2;
  }
  const date = options.created ? new Date(options.created) : undefined;
  const suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite, date});
  const credential = JSON.parse(readFileSync(files[0], 'utf8'));
  const signed = await vc.issue({credential, suite, documentLoader});
  console.log(JSON.stringify(signed, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
}, e => {
  console.error(e);
  process.exitCode = 2;
});
