// Verifies credentials with the digitalbazaar reference stack (@digitalbazaar/vc +
// data-integrity + the eddsa-jcs-2022 and eddsa-rdfc-2022 cryptosuites, jsonld.js for RDF
// canonicalization), fully offline: see loader.mjs.
//
// Usage: node tests/interop/verify.mjs [--now RFC3339] FILE...
// Prints one JSON line per file: {"file", "verified", "error"?}. Exit 0 iff all verified,
// 1 if any did not, 2 on usage errors.

import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

import {documentLoader} from './loader.mjs';

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
  // Each proof is checked by the suite whose cryptosuite it names.
  const suite = [
    new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
    new DataIntegrityProof({cryptosuite: eddsaRdfc2022})
  ];
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
