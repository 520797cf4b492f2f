'use strict';
// jscodeshift transform: Rewrites the `error-in-2xx` sites that `err-codemod analyze` finds, by the rule's fix plan.
// Run: npx jscodeshift -t transforms/error-in-2xx.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules error-in-2xx`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('error-in-2xx');
module.exports.parser = 'tsx';
