'use strict';
// jscodeshift transform: Rewrites the `bare-500` sites that `err-codemod analyze` finds, by the rule's fix plan.
// Run: npx jscodeshift -t transforms/bare-500.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules bare-500`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('bare-500');
module.exports.parser = 'tsx';
