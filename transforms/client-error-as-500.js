'use strict';
// jscodeshift transform: Rewrites the `client-error-as-500` sites that `err-codemod analyze` finds, by the rule's fix plan.
// Run: npx jscodeshift -t transforms/client-error-as-500.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules client-error-as-500`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('client-error-as-500');
module.exports.parser = 'tsx';
