'use strict';
// jscodeshift transform: Rewrites the `auth-status-mismatch` sites that `err-codemod analyze` finds, by the rule's fix plan.
// Run: npx jscodeshift -t transforms/auth-status-mismatch.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules auth-status-mismatch`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('auth-status-mismatch');
module.exports.parser = 'tsx';
