// Writes the page's service worker for one build: WEB_DIR/sw.js from web/sw.js.in, with the
// build's files and their SHA-256 in place of the MANIFEST line. The version is a hash of those
// hashes, so a build that changes any file is a new worker with a new cache name.
// Usage: node scripts/web-manifest.mjs WEB_DIR [TEMPLATE]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

// What the page needs to start offline: the shell (index.html, and embed.html for another page's
// iframe), its script and style, the runtime, the engine and the data package (lessons and the font).
export const BUILD_FILES = ['index.html', 'embed.html', 'statelab-page.js', 'statelab-page.css', 'statelab.js',
  'statelab.wasm', 'statelab.data'];
const MARK = '/*@MANIFEST@*/ { version: \'unbuilt\', files: {} }';

export function writeServiceWorker(webDir, template) {
  const files = {};
  for (const name of BUILD_FILES) {
    const file = path.join(webDir, name);
    if (!fs.existsSync(file)) throw new Error(`${file}: missing; the service worker lists every file of the build`);
    files[name] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  const version = crypto.createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  const source = fs.readFileSync(template, 'utf8');
  if (!source.includes(MARK)) throw new Error(`${template}: expected the line 'const MANIFEST = ${MARK};'`);
  fs.writeFileSync(path.join(webDir, 'sw.js'), source.replace(MARK, JSON.stringify({ version, files })));
  return version;
}

// The file list a built WEB_DIR/sw.js carries: { version, files: { name: sha256 } }.
export function readServiceWorkerManifest(webDir) {
  const file = path.join(webDir, 'sw.js');
  const m = /const MANIFEST = (\{.*?\});\n/.exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${file}: holds no file list`);
  return JSON.parse(m[1]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [webDir, template] = process.argv.slice(2);
  if (!webDir) { console.error('usage: node scripts/web-manifest.mjs WEB_DIR [TEMPLATE]'); process.exit(2); }
  const here = path.dirname(fileURLToPath(import.meta.url));
  try {
    writeServiceWorker(webDir, template || path.join(here, '../web/sw.js.in'));
  } catch (e) {
    console.error('web-manifest: ' + e.message);
    process.exit(1);
  }
}
