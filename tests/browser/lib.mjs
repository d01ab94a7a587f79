// Shared helpers for the browser tests: a loopback static server, Debian's Chromium
// through playwright-core, and screenshot analysis done in the browser (no PNG library).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.data': 'application/octet-stream',
  '.png': 'image/png', '.json': 'application/json' };

// dir is a folder, or a function returning one (a test that swaps builds under the same address).
export function serve(dir) {
  const server = http.createServer((req, res) => {
    const root = path.resolve(typeof dir === 'function' ? dir() : dir);
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (file.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': body.length, 'Cache-Control': 'no-cache' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statelab-chromium-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  return { browser, userDataDir };
}

// Mean and variance of the luminance of a PNG, computed in the page's own canvas.
export async function pngStats(page, png) {
  const dataUrl = 'data:image/png;base64,' + png.toString('base64');
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sum2 = 0, n = 0;
    for (let i = 0; i < d.length; i += 16) {
      const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      sum += y; sum2 += y * y; n++;
    }
    const mean = sum / n;
    return { mean, variance: sum2 / n - mean * mean, width: c.width, height: c.height };
  }, dataUrl);
}

// Collects console errors and page errors for a page.
export function watchConsole(page, sink) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') sink.push('console error: ' + msg.text());
  });
  page.on('pageerror', (err) => sink.push('page error: ' + err.message));
}

export async function waitForFirstFrame(page, timeoutMs = 60000) {
  await page.waitForFunction(() => window.statelabFirstFrameAt || window.statelabFailed,
    null, { timeout: timeoutMs });
  const failed = await page.evaluate(() => window.statelabFailed || null);
  if (failed) throw new Error('the page reported a failure: ' + failed);
}

// [SECTION] Driving the app through its test hook (window.statelab.snapshot() in the page):
// named widget rects from the last frame, and where the learner is.
export async function snapshot(page) {
  return page.evaluate(() => window.statelab.snapshot());
}

export async function waitFor(page, predicate, what, timeoutMs = 30000) {
  const t0 = Date.now();
  for (;;) {
    const s = await snapshot(page);
    if (s && predicate(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; last snapshot: ${JSON.stringify(s && { ...s, widgets: undefined, hidden: undefined })}`);
    await page.waitForTimeout(50);
  }
}

// The centre of a named widget, scrolled into view with the mouse wheel when it is not.
export async function locate(page, name, timeoutMs = 15000) {
  const s = await waitFor(page, (x) => x.widgets[name], `widget ${name}`, timeoutMs);
  let hidden = s.hidden && s.hidden[name];
  for (let i = 0; i < 60 && hidden; i++) {
    const r = (await snapshot(page)).widgets[name];
    await page.mouse.move(hidden[0], hidden[1]);
    await page.mouse.wheel(0, r[1] > hidden[1] ? 60 : -60);
    await page.waitForTimeout(60);
    const n = await snapshot(page);
    hidden = n.hidden && n.hidden[name];
  }
  if (hidden) throw new Error(`widget ${name} stays scrolled out of view`);
  const r = (await snapshot(page)).widgets[name];
  return { x: r[0] + r[2] / 2, y: r[1] + r[3] / 2, rect: r, on: r.length > 4 ? r[4] === 1 : undefined };
}

// A real mouse click on a named widget.
export async function click(page, name) {
  const at = await locate(page, name);
  await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(40);  // one frame of hover, as a person would give it
  await page.mouse.down();
  await page.waitForTimeout(60);
  await page.mouse.up();
  await page.waitForTimeout(80);
  return at;
}

// A real key press held for a few frames: a press shorter than a frame can be missed when the
// page is busy (fast play, many request dots), as a person's key never is.
export async function press(page, key) {
  await page.keyboard.down(key);
  await page.waitForTimeout(150);
  await page.keyboard.up(key);
  await page.waitForTimeout(80);
}

// A finger on a touch screen, through the DevTools protocol (real touch events for the page).
export async function touchDrag(page, from, to, steps = 12) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  await page.waitForTimeout(80);
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(80);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(100);
  await cdp.detach();
}

// A suite's test runner: each test gets a fresh context (defaults, then the test's own options),
// its console errors fail it, a failure saves a screenshot as SHOT_DIR/failed-PREFIX<name>.png.
// STATELAB_BROWSER_ONLY runs only the tests whose name contains it. `counts` holds the tally.
export function testRunner(browser, shotDir, { prefix = '', defaults = {} } = {}) {
  const only = process.env.STATELAB_BROWSER_ONLY || '';
  const counts = { passed: 0, failed: 0 };
  async function test(name, body, contextOptions = {}) {
    if (only && !name.includes(only)) return;
    const context = await browser.newContext({ ...defaults, ...contextOptions });
    const page = await context.newPage();
    const errors = [];
    watchConsole(page, errors);
    const t0 = Date.now();
    try {
      await body(page, errors, context);
      if (errors.length) throw new Error(errors.join('\n'));
      console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      counts.passed++;
    } catch (e) {
      console.log(`FAILED - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
      await page.screenshot({ path: `${shotDir}/failed-${prefix}${name.replace(/\W+/g, '-')}.png` }).catch(() => {});
      counts.failed++;
    } finally {
      await context.close();
    }
  }
  return { test, counts };
}
