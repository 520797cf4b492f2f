'use strict';

const app = require('./app');
const config = require('./config');

app.listen(config.port, function () {
  console.log('legacy-api listening on http://localhost:' + config.port);
});
