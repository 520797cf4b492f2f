'use strict';
// jscodeshift transform: Registers the generated Express errorHandler() in the app entry (after the last route, before listen) when it is missing.
// Run: npx jscodeshift -t transforms/register-error-handler.js --parser=tsx [--errorsModule=src/errors] <paths>
// (or `err-codemod apply --rules register-error-handler`, which also updates the callers of exported helpers).
// Needs the built package (dist/): `npm run build` in a clone.
const { createTransform } = require('../dist/apply/transform');

module.exports = createTransform('register-error-handler');
module.exports.parser = 'tsx';
