// Where a browser frame's time goes: Chromium's sampling profiler (the DevTools protocol) over one
// of bench/frames.mjs's cases, summed by function, self and inclusive. Wasm functions carry names
// only in a build linked with --profiling-funcs (docs/performance.md says how). Not run by make bench.
// Usage: node bench/profile.mjs WEB_DIR HASH CASE [TOP]
//   CASE: x64 (play at 64x for 10 s) or ff (fast-forward one hour); HASH as for frames.mjs.
import { serve, launch, waitForFirstFrame, waitFor, click } from '../tests/browser/lib.mjs';
import { sumProfile, topOf } from './cpu_profile.mjs';

const [webDir, hash, which, topArg] = process.argv.slice(2);
const TOP = Number(topArg || 25);
const server = await serve(webDir);
const { browser } = await launch();
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/#${hash}`);
await waitForFirstFrame(page);
await waitFor(page, (s) => s.lesson === 'sandbox', 'the sandbox');
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
if (which === 'ff') {
  await cdp.send('Profiler.start');
  await click(page, 'ff-1h');
  await waitFor(page, (s) => s.fast_forwarding, 'the fast-forward');
  await waitFor(page, (s) => !s.fast_forwarding, 'the end of the fast-forward', 300000);
} else {
  await click(page, 'speed');
  await click(page, 'speed:8');
  await click(page, 'play');
  await page.waitForTimeout(2000);
  await cdp.send('Profiler.start');
  await page.waitForTimeout(10000);
}
const { profile } = await cdp.send('Profiler.stop');
await browser.close();
server.close();

const { self, incl, busy: total } = sumProfile(profile, ['(idle)', '(program)']);
const pct = (k) => Number(((100 * k) / total).toFixed(1));
const top = (m) => topOf(m, TOP, pct);
console.log(JSON.stringify({ case: which, busy_samples: total, self_pct: top(self), inclusive_pct: top(incl) }, null, 1));
