'use strict';
// jscodeshift transform: Rewrites the `leaked-exception` sites that `err-codemod analyze` finds, by the rule's fix plan.
// Run: npx jscodeshift -t transforms/leaked-exception.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules leaked-exception`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('leaked-exception');
module.exports.parser = 'tsx';
