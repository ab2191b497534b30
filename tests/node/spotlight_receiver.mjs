#!/usr/bin/env node
// A Sentry envelope receiver for the integration tests: Sentry's Spotlight sidecar started from
// its library entry, on 127.0.0.1 only, with every payload it receives written to a file.
//
//   CAPTURE_DIR=<dir> node spotlight_receiver.mjs <port>
//
// - The package's CLI is not used: it loads instrument.js, which sends Spotlight's own telemetry
//   to sentry.io. The library entry (dist/server/main.js) does not.
// - Spotlight's server listens on every interface (no host option), so listen() is made to bind
//   127.0.0.1 before the server is created.
// - Each payload (already decompressed) becomes $CAPTURE_DIR/<nnnnnn>.envelope, written under a
//   temporary name and renamed, so a reader never sees half a file. Spotlight calls back before
//   it answers, so the file exists by the time the sender has its 200.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LOOPBACK = '127.0.0.1';
const port = Number(process.argv[2]);
const captureDir = process.env.CAPTURE_DIR;
if (!Number.isInteger(port) || port <= 0 || port > 65535 || !captureDir) {
  console.error('usage: CAPTURE_DIR=<dir> node spotlight_receiver.mjs <port>');
  process.exit(2);
}

// listen(port[, host][, backlog][, callback]) and listen({port, host}) both end up on loopback.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    if (typeof args[1] === 'string') args[1] = LOOPBACK;
    else args.splice(1, args[1] === undefined || args[1] === null ? 1 : 0, LOOPBACK);
  } else if (args[0] && typeof args[0] === 'object') {
    args[0] = { ...args[0], host: LOOPBACK };
  }
  return listen.apply(this, args);
};

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'node_modules', '@spotlightjs', 'spotlight', 'dist', 'server',
  'main.js');
const { setupSpotlight } = await import(pathToFileURL(entry).href);

fs.mkdirSync(captureDir, { recursive: true });
let received = 0;
const capture = (body) => {
  received += 1;
  const name = `${String(received).padStart(6, '0')}.envelope`;
  const bytes = Buffer.from(body, 'binary');
  const partial = path.join(captureDir, `.${name}.partial`);
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, path.join(captureDir, name));
  console.log(`captured ${name} (${bytes.length} bytes)`);
};

await setupSpotlight({ port, isStandalone: true, incomingPayload: capture });
console.log(`spotlight receiver on http://${LOOPBACK}:${port}`);
