#!/usr/bin/env node
// An HTTPS receiver for the TLS tests: binds 127.0.0.1 only, serves with the given certificate,
// answers every request 200 and prints one line per request body received ("received <bytes>").
// Usage: node tls_receiver.mjs <cert.pem> <key.pem>   (prints "listening <port>" when ready)
import fs from 'node:fs';
import https from 'node:https';

const [certFile, keyFile] = process.argv.slice(2);
const server = https.createServer(
  { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) },
  (req, res) => {
    let size = 0;
    req.on('data', (chunk) => { size += chunk.length; });
    req.on('end', () => {
      console.log(`received ${size}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
