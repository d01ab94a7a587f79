// Where the first frame's time goes: Chromium's sampling profile from navigation to the first
// frame, summed by function (self and inclusive), plus the page's own timestamps.
// Not run by make bench. Usage: node bench/load_profile.mjs WEB_DIR [LOCALE] [TOP]
import { serve, launch } from '../tests/browser/lib.mjs';

const [webDir, localeArg, topArg] = process.argv.slice(2);
const locale = localeArg || 'ko-KR';
const TOP = Number(topArg || 30);
const server = await serve(webDir);
const { browser } = await launch();
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => window.statelabFirstFrameAt || window.statelabFailed, null, { timeout: 60000 });
const { profile } = await cdp.send('Profiler.stop');
const first = await page.evaluate(() => window.statelabFirstFrameAt);
await browser.close();
server.close();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const counts = new Map();
for (const id of profile.samples) counts.set(id, (counts.get(id) || 0) + 1);
const self = new Map(), incl = new Map();
let total = 0, all = 0;
const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
for (const [id, k] of counts) {
  all += k;
  const node = byId.get(id);
  if (name(node) === '(idle)') continue;
  total += k;
  self.set(name(node), (self.get(name(node)) || 0) + k);
  const seen = new Set();
  for (let p = id; p !== undefined; p = parent.get(p)) {
    const nm = name(byId.get(p));
    if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) || 0) + k); }
  }
}
const ms = (k) => Number(((k * (profile.endTime - profile.startTime)) / all / 1000).toFixed(1));
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([n, k]) => [n, ms(k)]);
console.log(JSON.stringify({ first_frame_ms: first, busy_ms: ms(total), self_ms: top(self), inclusive_ms: top(incl) }, null, 1));
