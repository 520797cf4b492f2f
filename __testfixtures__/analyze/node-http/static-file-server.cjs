const http = require('http');
const fs = require('fs');
const path = require('path');
const util = require('util');

const ROOT = path.resolve(__dirname, 'public');
const UPLOADS = path.resolve(__dirname, 'uploads');
const TYPES = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.png': 'image/png',
};

http
  .createServer(function (req, res) {
    if (req.method === 'PUT' && req.url.startsWith('/uploads/')) {
      const target = path.join(UPLOADS, path.basename(req.url));
      fs.access(UPLOADS, fs.constants.W_OK, function (err) {
        if (err) {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(util.inspect(err)); // expect: leaked-exception
          return;
        }
        const out = fs.createWriteStream(target);
        req.pipe(out);
        out.on('finish', () => {
          res.writeHead(201, { Location: req.url });
          res.end();
        });
      });
      return;
    }

    const safePath = path.normalize(decodeURIComponent(req.url.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let filePath = path.join(ROOT, safePath);
    if (filePath.endsWith(path.sep)) filePath = path.join(filePath, 'index.html');

    fs.readFile(filePath, function (err, data) {
      if (err) {
        if (err.code === 'ENOENT') {
          res.writeHead(404, { 'Content-Type': 'text/html' });
          res.end('<h1>404 Not Found</h1>');
          return;
        }
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('Error loading ' + safePath + ': ' + err); // expect: leaked-exception
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(filePath)] || 'application/octet-stream' });
      res.end(data);
    });
  })
  .listen(8000);
