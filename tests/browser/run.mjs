// Browser tests: open the built page in headless Chromium and check what a learner sees.
// Usage: node run.mjs BUILD_WEB_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, pngStats, watchConsole, waitForFirstFrame } from './lib.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !fs.existsSync(path.join(webDir, 'index.html'))) {
  console.error(`browser tests: ${webDir}/index.html not found; build the page first`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const server = await serve(webDir);
const base = `http://127.0.0.1:${server.address().port}/`;
const { browser } = await launch();
let passed = 0, failed = 0;

async function test(name, body) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  watchConsole(page, errors);
  try {
    await body(page, errors);
    if (errors.length) throw new Error(errors.join('\n'));
    console.log(`ok - ${name}`);
    passed++;
  } catch (e) {
    console.log(`FAILED - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
    await page.screenshot({ path: path.join(shotDir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    failed++;
  } finally {
    await context.close();
  }
}

function shot(name) { return path.join(shotDir, name); }

await test('page loads and draws the app', async (page) => {
  await page.goto(base);
  await waitForFirstFrame(page);
  // Let a few frames run so the layout settles.
  await page.waitForTimeout(500);
  const png = await page.screenshot({ path: shot('01-loaded.png') });
  const stats = await pngStats(page, png);
  if (stats.variance < 10) throw new Error(`the canvas looks blank (luminance variance ${stats.variance.toFixed(1)})`);
  const loadingHidden = await page.evaluate(() => document.getElementById('loading').hidden);
  if (!loadingHidden) throw new Error('the loading indicator is still shown after the first frame');
});

await test('a browser without WebGL2 gets a readable message', async (page) => {
  await page.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : orig.call(this, kind, ...rest);
    };
  });
  await page.goto(base);
  await page.waitForSelector('#failure:not([hidden])', { timeout: 10000 });
  const text = await page.textContent('#failure-text');
  if (!/WebGL2/.test(text)) throw new Error('the failure message does not name WebGL2: ' + text);
  await page.screenshot({ path: shot('02-no-webgl2.png') });
});

await test('a missing wasm file gives a readable message', async (page, errors) => {
  await page.route('**/statelab.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(base);
  await page.waitForSelector('#failure:not([hidden])', { timeout: 20000 });
  const text = await page.textContent('#failure-text');
  if (!/HTTP 404/.test(text)) throw new Error('the failure message does not say what failed: ' + text);
  errors.length = 0;  // the 404 itself is logged by the browser; that is expected here
});

await browser.close();
server.close();
console.log(`browser tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
