// Where the first frame's time goes: Chromium's sampling profile from navigation to the first
// frame, summed by function (self and inclusive), plus the page's own timestamps.
// Not run by make bench. Usage: node bench/load_profile.mjs WEB_DIR [LOCALE] [TOP]
import { serve, launch } from '../tests/browser/lib.mjs';
import { sumProfile, topOf } from './cpu_profile.mjs';

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
const { self, incl, busy: total, all } = sumProfile(profile);
const ms = (k) => Number(((k * (profile.endTime - profile.startTime)) / all / 1000).toFixed(1));
const top = (m) => topOf(m, TOP, ms);
console.log(JSON.stringify({ first_frame_ms: first, busy_ms: ms(total), self_ms: top(self), inclusive_ms: top(incl) }, null, 1));
