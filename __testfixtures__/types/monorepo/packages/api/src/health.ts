import http, { type IncomingMessage, type ServerResponse } from 'node:http';

function fail(stream: ServerResponse, err: Error) { // type: response node-http stream; error null err
  stream.writeHead(500, { 'content-type': 'text/plain' });
  stream.end(err.stack);
}

export const server = http.createServer((incoming: IncomingMessage, outgoing) => { // type: response node-http outgoing
  try {
    if (incoming.url !== '/health') throw new RangeError(`no route for ${incoming.url}`);
    outgoing.end('ok');
  } catch (caught) {
    fail(outgoing, caught as Error);
  }
});

server.on('request', (_req, res) => { // type: response node-http res
  res.setHeader('x-served-by', 'api');
});
