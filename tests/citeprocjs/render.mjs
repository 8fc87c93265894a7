#!/usr/bin/env node
// Render a bibliography with citeproc-js (npm "citeproc"), for citekit's cross-check tests.
// stdin: {"style": "<CSL XML>", "locales_dir": "...", "lang": "en-US", "format": "text"|"html",
//         "items": [CSL-JSON items]}
// stdout: {"version": "...", "entries": [{"id": ..., "text": ...}], "problems": [...],
//          "elapsed_ms": time spent in the engine (for the benchmark)}
// Every item is put in the bibliography; entries come in the style's bibliography order.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CSL = require('citeproc');
const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = new Map(request.items.map((item) => [String(item.id), item]));
const lang = request.lang || 'en-US';
const sys = {
  retrieveLocale(l) {
    const p = path.join(request.locales_dir, `locales-${l}.xml`);
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : false;
  },
  retrieveItem(id) {
    return byId.get(String(id));
  },
};
const problems = [];
let entries = [];
const started = process.hrtime.bigint();
try {
  const engine = new CSL.Engine(sys, request.style, lang, true);
  engine.setOutputFormat(request.format || 'text');
  engine.updateItems([...byId.keys()]);
  const [params, strings] = engine.makeBibliography();
  for (const e of params.bibliography_errors || []) problems.push(JSON.stringify(e));
  entries = strings.map((s, i) => ({ id: String(params.entry_ids[i][0]), text: s.trim() }));
} catch (e) {
  problems.push(`engine error: ${e && e.message ? e.message : e}`);
}
const elapsed_ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ version: CSL.PROCESSOR_VERSION, entries, problems, elapsed_ms }) + '\n');
