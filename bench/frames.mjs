// Frame time in headless Chromium (SwiftShader WebGL2): the CPU milliseconds of the page's main-loop
// callback, timed inside the page (app/main.cpp, read through window.statelab.frameTimes()), for
// the cases of docs/performance.md. Everything is set up with real clicks on the app's widgets.
// Prints one JSON object: per case p50, p95, max (and the app / drawing parts' p50 and p95).
// Usage: node bench/frames.mjs WEB_DIR HASH_1000 HASH_10000 [FRAMES] [CASE,...]
//   HASH_n: the address hash that opens the sandbox with n shoppers (statelab-bench-timeline --link).
import { serve, launch, waitForFirstFrame, waitFor, click } from '../tests/browser/lib.mjs';

const [webDir, link1k, link10k, framesArg, casesArg] = process.argv.slice(2);
const FRAMES = Number(framesArg || 600);
const wanted = (name) => !casesArg || casesArg.split(',').includes(name);
const server = await serve(webDir);
const origin = `http://127.0.0.1:${server.address().port}/`;
const { browser } = await launch();

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function summary(times) {
  const part = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] };
  };
  const total = part(times.total);
  return { ...total, frames: times.total.length, app: part(times.app), draw: part(times.draw) };
}

// Opens the page at `hash` and waits for `lesson` (a run link opens once every lesson is loaded,
// after the first frames).
async function open(hash, lesson) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(origin + '#' + hash);
  await waitForFirstFrame(page);
  await waitFor(page, (s) => s.lesson === lesson, `the lesson ${lesson}`);
  return { context, page };
}

// Collects `count` frames (the page drains its own buffer each read), or until `until` says stop.
async function collect(page, count, until) {
  const times = { total: [], app: [], draw: [] };
  for (;;) {
    await page.waitForTimeout(250);
    const t = await page.evaluate(() => window.statelab.frameTimes());
    for (const k of Object.keys(times)) times[k].push(...t[k]);
    if (until ? await until() : times.total.length >= count) break;
  }
  if (!until) for (const k of Object.keys(times)) times[k].length = count;
  return times;
}

async function playing(page, speedIndex) {
  if (speedIndex !== undefined) {
    await click(page, 'speed');
    await click(page, `speed:${speedIndex}`);
    await waitFor(page, (s) => s.speed_index === speedIndex, 'the speed');
  }
  if (!(await waitFor(page, (s) => s.lesson, 'a lesson')).playing) await click(page, 'play');
  await waitFor(page, (s) => s.playing, 'playing');
}

const results = {};
// `compare`: the sandbox's Compare first, so two runs advance side by side (two diagrams, every
// chart overlaid).
async function measure(name, hash, lesson, speedIndex, compare = false) {
  if (!wanted(name)) return;
  const { context, page } = await open(hash, lesson);
  if (compare) {
    await click(page, 'compare-start');
    await waitFor(page, (s) => s.compare && s.widgets['diagram:a'], 'two runs side by side');
  }
  await playing(page, speedIndex);
  await page.waitForTimeout(2000);  // the crowd arrives, the charts fill
  await page.evaluate(() => window.statelab.frameTimes());  // drop the warm-up
  const times = await collect(page, FRAMES);
  const s = await waitFor(page, (x) => x.lesson, 'a lesson');
  results[name] = { ...summary(times), sim_s: s.time_us / 1e6, lagging: s.lagging };
  if (compare) results[name].compared_to_the_end = Boolean(s.compare);
  await context.close();
}

// A lesson at 1x with 300 shoppers whose first step has no prediction to answer first.
await measure('lesson_300_x1', 'lesson=session-store', 'session-store', undefined);
await measure('sandbox_1000_x64', link1k, 'sandbox', 8);
await measure('sandbox_10000_x64', link10k, 'sandbox', 8);
await measure('compare_1000_x64', link1k, 'sandbox', 8, true);

// Fast-forward one simulated hour of the sandbox with 1,000 shoppers: every frame until it ends.
if (wanted('fast_forward_1h')) {
  const { context, page } = await open(link1k, 'sandbox');
  const from = (await waitFor(page, (s) => s.lesson, 'a lesson')).time_us;
  await page.evaluate(() => window.statelab.frameTimes());
  await click(page, 'ff-1h');
  await waitFor(page, (s) => s.fast_forwarding, 'the fast-forward to start');
  const started = Date.now();
  const times = await collect(page, 0, async () => !(await page.evaluate(() => window.statelab.snapshot().fast_forwarding)));
  const to = (await waitFor(page, (s) => s.lesson, 'a lesson')).time_us;
  results.fast_forward_1h = { ...summary(times), wall_s: Number(((Date.now() - started) / 1000).toFixed(1)),
    sim_s: (to - from) / 1e6 };
  await context.close();
}

await browser.close();
server.close();
console.log(JSON.stringify(results));
