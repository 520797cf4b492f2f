'use strict';

var express = require('express');
var fs = require('fs');
var path = require('path');

var router = express.Router();
var UPLOAD_DIR = path.join(__dirname, '..', 'uploads');

// GET /attachments/:name  (the old admin panel links here)
router.get('/attachments/:name', function (req, res, next) {
  var file = path.join(UPLOAD_DIR, path.basename(req.params.name));
  fs.stat(file, function (err, stat) {
    if (err) return res.status(500).send('Could not read attachment: ' + err);
    if (!stat.isFile()) return next();
    res.sendFile(file);
  });
});

module.exports = router;
