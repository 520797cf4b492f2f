'use strict';
// jscodeshift transform: Rewrites the `leaked-downstream` sites that `err-codemod analyze` finds, by the rule's fix plan.
// Run: npx jscodeshift -t transforms/leaked-downstream.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules leaked-downstream`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('leaked-downstream');
module.exports.parser = 'tsx';
