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

export function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
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
