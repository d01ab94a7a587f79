// The offline page: after one visit the tutorial starts with the network off, and a new build
// replaces the old one whole on the next visit, its cache the only one left.
// Usage: node offline.mjs BUILD_WEB_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, watchConsole, waitForFirstFrame, snapshot } from './lib.mjs';
import { writeServiceWorker } from '../../scripts/web-manifest.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !fs.existsSync(path.join(webDir, 'sw.js'))) {
  console.error(`offline test: ${webDir}/sw.js not found; build the page first`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
const template = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/sw.js.in');

// The second build: the same page with a changed shell and page script, and its own worker.
const nextDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statelab-next-build-'));
for (const f of fs.readdirSync(webDir)) fs.copyFileSync(path.join(webDir, f), path.join(nextDir, f));
fs.writeFileSync(path.join(nextDir, 'index.html'), fs.readFileSync(path.join(nextDir, 'index.html'), 'utf8')
  .replace('<head>', '<head>\n<meta name="statelab-build" content="next">'));
fs.appendFileSync(path.join(nextDir, 'statelab-page.js'), '\nwindow.statelabBuild = "next";\n');
const nextVersion = writeServiceWorker(nextDir, template);
const firstVersion = /"version":"([0-9a-f]+)"/.exec(fs.readFileSync(path.join(webDir, 'sw.js'), 'utf8'))[1];

// A server caught mid-deploy: the new worker and shell, the old page script.
const halfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statelab-half-build-'));
for (const f of fs.readdirSync(nextDir)) fs.copyFileSync(path.join(nextDir, f), path.join(halfDir, f));
fs.copyFileSync(path.join(webDir, 'statelab-page.js'), path.join(halfDir, 'statelab-page.js'));

let root = webDir;
const server = await serve(() => root);
const url = `http://127.0.0.1:${server.address().port}/#lesson=no-stickiness`;
const { browser } = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
const errors = [];
const expect = (cond, message) => { if (!cond) throw new Error(message); };
const cacheNames = (page) => page.evaluate(() => caches.keys());
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
const build = (page) => page.evaluate(() => ({
  meta: document.querySelector('meta[name=statelab-build]')?.content || 'first',
  script: window.statelabBuild || 'first' }));
let failed = false;

try {
  // Visit 1, online: the worker installs and takes the page.
  let page = await context.newPage();
  watchConsole(page, errors);
  await page.goto(url);
  await waitForFirstFrame(page);
  await controlled(page);
  expect(JSON.stringify(await cacheNames(page)) === JSON.stringify(['statelab-' + firstVersion]),
    'after the first visit the caches are ' + JSON.stringify(await cacheNames(page)));

  // Offline: a reload starts the tutorial from the cache, the same lesson running.
  await context.setOffline(true);
  await page.reload();
  await waitForFirstFrame(page);
  const offline = await snapshot(page);
  expect(offline && offline.lesson === 'no-stickiness', 'offline, the lesson from the address is not open: ' + JSON.stringify(offline && offline.lesson));
  await page.screenshot({ path: path.join(shotDir, 'offline-reload.png') });
  console.log('ok - with the network off, a reload starts the tutorial from the cache');

  // Mid-deploy, the new worker finds a file that is not its build's: it does not install, and
  // the page stays on the old build whole.
  await context.setOffline(false);
  root = halfDir;
  const refused = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const outcome = await r.update().then(() => 'updated', (e) => 'refused: ' + e.message);
    for (let i = 0; i < 100 && r.installing; i++) await new Promise((done) => setTimeout(done, 100));
    return { outcome, waiting: !!r.waiting, keys: await caches.keys() };
  });
  expect(!refused.waiting && JSON.stringify(refused.keys) === JSON.stringify(['statelab-' + firstVersion]),
    'a half-deployed build was installed: ' + JSON.stringify(refused));
  await page.reload();
  await waitForFirstFrame(page);
  expect(JSON.stringify(await build(page)) === '{"meta":"first","script":"first"}',
    'during a half deploy the page mixed builds: ' + JSON.stringify(await build(page)));
  console.log('ok - a half-deployed build is refused (' + refused.outcome + '); the page stays on the old build whole');

  // A new build is served. The visit that finds it still runs the old build whole.
  root = nextDir;
  await page.reload();
  await waitForFirstFrame(page);
  expect(JSON.stringify(await build(page)) === '{"meta":"first","script":"first"}',
    'the visit that found the new build mixed builds: ' + JSON.stringify(await build(page)));
  for (let t0 = Date.now(); !(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting));) {
    if (Date.now() - t0 > 60000) throw new Error('the new build was not installed within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }

  // The next visit: the new build whole, shell and script, and only its cache is left.
  await page.reload();
  await waitForFirstFrame(page);
  await page.waitForFunction(() => window.statelabBuild === 'next', null, { timeout: 30000 });
  const now = await build(page);
  expect(now.meta === 'next' && now.script === 'next', 'the next visit did not get the new build whole: ' + JSON.stringify(now));
  const names = await cacheNames(page);
  expect(JSON.stringify(names) === JSON.stringify(['statelab-' + nextVersion]), 'after the update the caches are ' + JSON.stringify(names));
  console.log('ok - a new build is applied whole on the next visit, and the old cache is gone');

  // And the new build works offline too.
  await context.setOffline(true);
  await page.reload();
  await waitForFirstFrame(page);
  expect((await build(page)).script === 'next', 'offline after the update, the old build came back');
  console.log('ok - offline after the update, the new build starts');
  if (errors.length) throw new Error(errors.join('\n'));
} catch (e) {
  failed = true;
  console.log('FAILED - the offline page\n  ' + String(e.stack || e).split('\n').join('\n  '));
  await context.pages()[0]?.screenshot({ path: path.join(shotDir, 'failed-offline.png') }).catch(() => {});
} finally {
  await browser.close();
  server.close();
  fs.rmSync(nextDir, { recursive: true, force: true });
  fs.rmSync(halfDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
