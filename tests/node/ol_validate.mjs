// Validates OpenLineage RunEvents against the official JSON schemas, offline:
//   node ol_validate.mjs <spec dir> <file | ->
// <spec dir> holds OpenLineage.json and facets/*.json; the input is NDJSON, a JSON array or one
// event object. Each event is checked against OpenLineage.json's RunEvent, and every object in it
// with a `_schemaURL` against the facet schema that URL names: the core schema lets any facet
// content through, so facets are only checked this way. Prints each error with the event index
// and the count validated; exits 1 on any error (or no events), 0 when all are valid.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

function usage(message) {
  console.error(`${message}\nusage: node ol_validate.mjs <spec dir> <file | ->`);
  process.exit(2);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// The events in `text`: a JSON array, one JSON object, or one JSON object per line.
function parseEvents(text) {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const whole = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    return trimmed
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line, i) => {
        try {
          return JSON.parse(line);
        } catch (e) {
          return { __unparsable: `line ${i + 1}: ${e.message}` };
        }
      });
  }
}

// Every object under `value` that names its schema with `_schemaURL`, with its JSON pointer.
function* facetsOf(value, pointer = '') {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value) && typeof value._schemaURL === 'string') yield [pointer, value];
  for (const [key, child] of Object.entries(value)) yield* facetsOf(child, `${pointer}/${key}`);
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message}` +
    (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''));
}

const [specDir, input] = process.argv.slice(2);
if (!specDir || !input) usage('missing arguments');

const ajv = new Ajv2020({ strict: false, allErrors: true });  // the schemas use `example`
addFormats(ajv);  // without it uuid, date-time and uri are not checked at all

// The core first: every facet schema $refs it by its absolute URL.
const core = readJson(path.join(specDir, 'OpenLineage.json'));
ajv.addSchema(core);
const facetDir = path.join(specDir, 'facets');
for (const name of fs.readdirSync(facetDir).filter((n) => n.endsWith('.json')).sort()) {
  ajv.addSchema(readJson(path.join(facetDir, name)));
}
const validateRunEvent = ajv.getSchema(`${core.$id}#/$defs/RunEvent`);
if (!validateRunEvent) usage(`no RunEvent in ${core.$id}`);

const text = fs.readFileSync(input === '-' ? 0 : input, 'utf8');
const events = parseEvents(text);
let errorCount = 0;
const fail = (index, message) => {
  errorCount += 1;
  console.log(`event ${index}: ${message}`);
};

events.forEach((event, index) => {
  if (event && event.__unparsable) return fail(index, `not JSON: ${event.__unparsable}`);
  if (!validateRunEvent(event)) {
    for (const line of describe(validateRunEvent.errors)) fail(index, `RunEvent ${line}`);
  }
  for (const [pointer, facet] of facetsOf(event)) {
    let validateFacet;
    try {
      validateFacet = ajv.getSchema(facet._schemaURL);
    } catch (e) {
      validateFacet = undefined;
    }
    if (!validateFacet) {
      fail(index, `${pointer}: no schema for _schemaURL ${facet._schemaURL}`);
      continue;
    }
    if (!validateFacet(facet)) {
      for (const line of describe(validateFacet.errors)) fail(index, `${pointer} ${line}`);
    }
  }
});

if (events.length === 0) {
  console.log('no events to validate');
  process.exit(1);
}
console.log(`validated ${events.length} events: ${errorCount === 0 ? 'all valid' : `${errorCount} errors`}`);
process.exit(errorCount === 0 ? 0 : 1);
