// The page through the real scripts/serve, compressed: Chromium gets index.html, statelab.js,
// statelab.wasm (as application/wasm) and statelab.data as Brotli, the loading progress never
// mixes compressed and decoded sizes, the tutorial reaches its first frame, and its service worker accepts the
// compressed build (it checks the decoded bytes) and starts it offline. Then make dist's folder
// on a plain static server with no content codings (python3 -m http.server) starts it too.
// Usage: node compression.mjs BUILD_WEB_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, watchConsole, waitForFirstFrame, snapshot } from './lib.mjs';
import { readServiceWorkerManifest } from '../../scripts/web-manifest.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !fs.existsSync(path.join(webDir, 'sw.js'))) {
  console.error(`compression test: ${webDir}/sw.js not found; build the page first`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = readServiceWorkerManifest(webDir);
const expect = (cond, message) => { if (!cond) throw new Error(message); };

// Starts a server process and resolves with it and the port from the first line it prints.
function start(cmd, args, pattern) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited (${code}): ${out}`)));
  });
}

// What each build file arrived as: Content-Encoding and Content-Type of the network response.
function recordResponses(page) {
  const seen = {};
  page.on('response', async (r) => {
    const name = new URL(r.url()).pathname.slice(1) || 'index.html';
    if (!(name in manifest.files) || r.fromServiceWorker()) return;
    const h = await r.allHeaders();
    seen[name] = { status: r.status(), encoding: h['content-encoding'] || null, type: h['content-type'] };
  });
  return seen;
}

const servers = [];
const { browser } = await launch();
const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statelab-dist-'));
let failed = false;
try {
  // [SECTION] Through scripts/serve: Brotli, streaming compilation, the first frame.
  const serve = await start('python3', [path.join(root, 'scripts/serve'), webDir, '0'], /127\.0\.0\.1:(\d+)\//);
  servers.push(serve.child);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  watchConsole(page, errors);
  const seen = recordResponses(page);
  // Every loading text the page shows, to check that compressed sizes never mix with decoded ones.
  await page.addInitScript(() => {
    window.loadingTexts = [];
    new MutationObserver(() => {
      const t = document.getElementById('loading-text');
      if (t && window.loadingTexts.at(-1) !== t.textContent) window.loadingTexts.push(t.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`http://127.0.0.1:${serve.port}/#lesson=no-stickiness`);
  await waitForFirstFrame(page);
  const s = await snapshot(page);
  expect(s && s.lesson === 'no-stickiness', 'the tutorial did not open its lesson: ' + JSON.stringify(s && s.lesson));
  for (const name of ['index.html', 'statelab.js', 'statelab.wasm', 'statelab.data']) {
    expect(seen[name] && seen[name].status === 200 && seen[name].encoding === 'br',
      `${name} did not arrive as Brotli: ${JSON.stringify(seen[name])}`);
  }
  expect(seen['statelab.wasm'].type === 'application/wasm', 'statelab.wasm arrived as ' + seen['statelab.wasm'].type);
  const texts = await page.evaluate(() => window.loadingTexts);
  const overshoot = texts.filter((t) => { const m = /\(([\d.]+) \/ ([\d.]+) MB\)/.exec(t); return m && Number(m[1]) > Number(m[2]); });
  expect(texts.some((t) => /Loading the engine… [\d.]+ MB/.test(t)) && overshoot.length === 0,
    'the loading progress with compressed files: ' + JSON.stringify(texts.slice(0, 5)) + ' overshoots: ' + JSON.stringify(overshoot.slice(0, 3)));
  await page.screenshot({ path: path.join(shotDir, 'compression-br.png') });
  console.log('ok - through scripts/serve the page, statelab.js, statelab.wasm and statelab.data arrive as Brotli; the progress counts decoded bytes only; first frame');

  // [SECTION] The service worker checks the decoded bytes: it takes the compressed build whole,
  // and the page starts from its cache offline.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
  const cached = await page.evaluate(async (names) => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    const out = {};
    for (const n of names) {
      const r = await cache.match(n);
      out[n] = r ? (await r.arrayBuffer()).byteLength : null;
    }
    return { keys, out };
  }, Object.keys(manifest.files));
  expect(JSON.stringify(cached.keys) === JSON.stringify(['statelab-' + manifest.version]), 'caches: ' + JSON.stringify(cached.keys));
  for (const name of Object.keys(manifest.files)) {
    const size = fs.statSync(path.join(webDir, name)).size;
    expect(cached.out[name] === size, `the cached ${name} is ${cached.out[name]} B, the file ${size} B`);
  }
  await context.setOffline(true);
  await page.reload();
  await waitForFirstFrame(page);
  expect((await snapshot(page)).lesson === 'no-stickiness', 'offline, the lesson did not open');
  if (errors.length) throw new Error(errors.join('\n'));
  await context.close();
  console.log('ok - the service worker accepts the Brotli build (each file decoded, checked and cached whole) and starts it offline');

  // [SECTION] make dist's folder on a static server without content codings.
  const out = path.join(distDir, 'dist');
  execFileSync('python3', [path.join(root, 'scripts/dist'), webDir, out], { stdio: 'ignore' });
  const plain = await start('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', out, '0'], /port (\d+)/);
  servers.push(plain.child);
  const context2 = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page2 = await context2.newPage();
  const errors2 = [];
  watchConsole(page2, errors2);
  const seen2 = recordResponses(page2);
  await page2.goto(`http://127.0.0.1:${plain.port}/#lesson=no-stickiness`);
  await waitForFirstFrame(page2);
  for (const name of ['statelab.js', 'statelab.wasm', 'statelab.data']) {
    expect(seen2[name] && seen2[name].status === 200 && seen2[name].encoding === null,
      `from the plain server ${name} arrived as ${JSON.stringify(seen2[name])}`);
  }
  if (errors2.length) throw new Error(errors2.join('\n'));
  await context2.close();
  console.log('ok - make dist\'s folder on python3 -m http.server (no content codings): the originals, first frame');
} catch (e) {
  failed = true;
  console.log('FAILED - compression\n  ' + String(e.stack || e).split('\n').join('\n  '));
} finally {
  await browser.close();
  for (const c of servers) c.kill();
  fs.rmSync(distDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
