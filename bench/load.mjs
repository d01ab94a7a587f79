// Load time in headless Chromium: time to first frame of our page and of the bare ImGui page,
// median of N runs each, interleaved so machine drift hits both alike. Prints one JSON object.
// Usage: node bench/load.mjs OUR_DIR BASELINE_DIR [RUNS]
import { serve, launch } from '../tests/browser/lib.mjs';

const [ourDir, baseDir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const ours = await serve(ourDir);
const base = await serve(baseDir);
const { browser } = await launch();

async function firstFrame(url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.statelabFirstFrameAt, null, { timeout: 60000 });
  const t = await page.evaluate(() => ({
    first_frame_ms: window.statelabFirstFrameAt,
    interactive_ms: window.statelabInteractiveAt || window.statelabFirstFrameAt,
  }));
  await context.close();
  return t;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const a = [], b = [];
for (let i = 0; i < runs; ++i) {
  a.push(await firstFrame(`http://127.0.0.1:${ours.address().port}/`));
  b.push(await firstFrame(`http://127.0.0.1:${base.address().port}/`));
}
await browser.close();
ours.close();
base.close();
const first = median(a.map((x) => x.first_frame_ms));
const baseFirst = median(b.map((x) => x.first_frame_ms));
console.log(JSON.stringify({
  first_frame_ms: Math.round(first),
  interactive_ms: Math.round(median(a.map((x) => x.interactive_ms))),
  baseline_first_frame_ms: Math.round(baseFirst),
  ratio: Number((first / baseFirst).toFixed(2)),
  runs,
}));
