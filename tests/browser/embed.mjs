// Embedded lessons (web/embed.html) as another page's guests: a host page with long text and two
// live lessons in iframes. Both run; the wheel over them scrolls the host page; keys typed in the
// host page never reach them; a click gives one the keyboard; out of view each pauses and back in
// view plays on only if it was playing; their progress is kept apart from the full tutorial's
// unless the address shares it; "Open in Stateful Web Lab" opens the whole tutorial at the same
// lesson and step; and screenshots at 800x520 and 360x640, in English and Korean.
// Usage: node embed.mjs BUILD_WEB_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, watchConsole, waitForFirstFrame, waitFor, click, touchDrag, testRunner } from './lib.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !fs.existsSync(path.join(webDir, 'embed.html'))) {
  console.error(`embed tests: ${webDir}/embed.html not found; build the page first`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const server = await serve(webDir);
const base = `http://127.0.0.1:${server.address().port}/`;
const { browser } = await launch();
// No service worker: a worker registered by one page would stand between the host page's route and the network.
const { test, counts } = testRunner(browser, shotDir, { prefix: 'embed-',
  defaults: { viewport: { width: 1280, height: 800 }, locale: 'en-US', serviceWorkers: 'block' } });
const expect = (cond, message) => { if (!cond) throw new Error(message); };
const shot = (name) => path.join(shotDir, name);

// [SECTION] The host page: a blog post served from the same server, with two lessons in it.
const words = 'A cart kept in one instance\'s memory is lost when the load balancer sends the shopper ' +
  'elsewhere; a session store keeps it for every instance. ';
const text = (n) => Array.from({ length: n }, () => `<p>${words.repeat(6)}</p>`).join('\n');
const hostPage = (frames) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keeping carts alive: a post with live lessons</title>
<style>body { font: 16px/1.6 sans-serif; max-width: 860px; margin: 0 auto; padding: 20px; }
iframe { border: 0; display: block; margin: 24px 0; max-width: 100%; }</style></head><body>
<h1 id="title">Keeping carts alive</h1>
<p id="intro">${words}</p>
${frames.map((f, i) => `<iframe id="${f.id}" src="${f.src}" width="${f.w}" height="${f.h}" title="Live lesson ${i + 1}"></iframe>\n${text(12)}`).join('\n')}
<script>window.hostKeys = []; document.addEventListener('keydown', (e) => window.hostKeys.push(e.key));</script>
</body></html>`;
async function openHost(page, frames) {
  await page.route(base + 'post.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(frames) }));
  await page.goto(base + 'post.html');
  const out = {};
  for (const f of frames) {
    const el = await page.$('#' + f.id);
    const frame = await el.contentFrame();
    await waitForFirstFrame(frame);
    out[f.id] = { el, frame, id: f.id };
  }
  return out;
}

// [SECTION] Driving a lesson inside its iframe: its own test hook, page coordinates for the mouse.
const snap = (e) => e.frame.evaluate(() => window.statelab.snapshot());
async function until(e, predicate, what, timeoutMs = 30000) {
  const t0 = Date.now();
  for (;;) {
    const s = await snap(e);
    if (s && predicate(s)) return s;
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(`${e.id}: timed out waiting for ${what}; last: ${JSON.stringify(s && { ...s, widgets: undefined, hidden: undefined })}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
async function pointIn(e, name) {
  const box = await e.el.boundingBox();
  const s = await until(e, (x) => x.widgets[name], `widget ${name}`);
  const r = s.widgets[name];
  return { x: box.x + r[0] + r[2] / 2, y: box.y + r[1] + r[3] / 2 };
}
async function clickAt(page, at) {
  await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(40);
  await page.mouse.down();
  await page.waitForTimeout(60);
  await page.mouse.up();
  await page.waitForTimeout(120);
}
// An empty spot of the diagram: the canvas's left edge, half way down.
async function diagramSpot(e) {
  const box = await e.el.boundingBox();
  const r = (await snap(e)).widgets.diagram;
  return { x: box.x + r[0] + 12, y: box.y + r[1] + r[3] * 0.55 };
}
const hasFocus = (e) => e.frame.evaluate(() => document.hasFocus());
const liveCount = (e) => e.frame.evaluate(() => document.getElementById('live').childElementCount);
const scrollY = (page) => page.evaluate(() => window.scrollY);

await test('two lessons in a long post: both run, the page scrolls past them, host keys stay in the host, out of view pauses', async (page, _errors, context) => {
  // The full tutorial's saved progress, as a learner who used it would have it.
  await page.goto(base + '#lesson=security-groups');
  await waitForFirstFrame(page);
  await waitFor(page, (s) => s.widgets && s.widgets.play, 'the full tutorial');
  const fullBefore = await page.evaluate(() => localStorage.getItem('statelab.progress'));
  expect(fullBefore && fullBefore.includes('security-groups'), `the full tutorial saved nothing: ${fullBefore}`);

  const em = await openHost(page, [
    { id: 'a', src: 'embed.html#lesson=cookies', w: 800, h: 520 },
    { id: 'b', src: 'embed.html#lesson=caching&step=1', w: 800, h: 520 },
  ]);
  const { a, b } = em;
  let sa = await until(a, (s) => s.widgets.play, 'lesson A drawn');
  let sb = await until(b, (s) => s.embed, 'lesson B started');
  expect(sa.embed && sa.embed.lesson === 'cookies' && sa.embed.only_step === null, `A's scope: ${JSON.stringify(sa.embed)}`);
  expect(sb.embed.lesson === 'caching' && sb.embed.only_step === 1 && sb.step === 1, `B's scope: ${JSON.stringify(sb.embed)}`);
  for (const name of ['lesson-list', 'lesson-picker', 'timeline', 'seed']) expect(!sa.widgets[name], `the embed draws ${name}`);
  // Nothing took the keyboard on load; B, below the fold, waits out of view.
  expect(!(await hasFocus(a)) && !(await hasFocus(b)), 'an embed took focus on load');
  expect(await page.evaluate(() => document.activeElement === document.body), 'the host page lost focus on load');
  sb = await until(b, (s) => s.embed.out_of_view, 'B out of view below the fold');
  await page.screenshot({ path: shot('embed-host-1280x800.png') });

  // A runs: a click on Play, and the click gives A the keyboard.
  await clickAt(page, await pointIn(a, 'play'));
  sa = await until(a, (s) => s.playing, 'A playing');
  const ta = sa.time_us;
  sa = await until(a, (s) => s.time_us >= ta + 2e6, 'A\'s simulated time to advance');
  expect(await hasFocus(a), 'a click did not give A the keyboard');

  // Keys typed in the host page stay there.
  await clickAt(page, await page.evaluate(() => {
    const r = document.getElementById('intro').getBoundingClientRect();
    return { x: r.left + 20, y: r.top + 8 };
  }));
  expect(!(await hasFocus(a)), 'A kept the keyboard after a click in the host page');
  const before = { a: await snap(a), b: await snap(b), liveA: await liveCount(a), liveB: await liveCount(b) };
  for (const key of [' ', 'd', '?', '.', ',', 'Home', '>']) {
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await page.waitForTimeout(120);
  }
  const hostKeys = await page.evaluate(() => window.hostKeys);
  for (const key of [' ', 'd', '?', '.', ',', 'Home', '>']) expect(hostKeys.includes(key), `the host page did not get '${key}': ${hostKeys}`);
  const after = { a: await snap(a), b: await snap(b), liveA: await liveCount(a), liveB: await liveCount(b) };
  for (const k of ['a', 'b']) {
    for (const field of ['playing', 'speed_index', 'step', 'rewound', 'seed', 'marks']) {
      expect(after[k][field] === before[k][field], `${k}.${field} changed from ${before[k][field]} to ${after[k][field]} by keys typed in the host`);
    }
  }
  expect(after.a.time_us > before.a.time_us, 'A stopped running after keys in the host page');
  expect(after.b.time_us === before.b.time_us, 'B moved');
  expect(after.liveA === before.liveA && after.liveB === before.liveB, 'a lesson described its diagram on the host page\'s D');

  // The wheel over A's diagram scrolls the host page, down past A and B; over each lesson it moves.
  const moved = { a: 0, b: 0, text: 0 };
  await page.mouse.move(640, 420);
  let steps = 0;
  for (; steps < 80; steps++) {
    const over = await page.evaluate(() => { const el = document.elementFromPoint(640, 420); return el && el.tagName === 'IFRAME' ? el.id : 'text'; });
    const y0 = await scrollY(page);
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(90);
    moved[over] += (await scrollY(page)) - y0;
    const bBottom = await page.evaluate(() => document.getElementById('b').getBoundingClientRect().bottom);
    if (bBottom < -50) break;
  }
  expect(moved.a > 0 && moved.b > 0, `the wheel over a lesson did not scroll the page: ${JSON.stringify(moved)}`);
  expect(steps < 80, `the page did not scroll past B: ${JSON.stringify(moved)}`);
  // Out of view, A pauses and stands still.
  sa = await until(a, (s) => s.embed.out_of_view && !s.playing, 'A paused out of view');
  const frozen = sa.time_us;
  await page.waitForTimeout(1200);
  sa = await snap(a);
  expect(sa.time_us === frozen && !sa.playing, `A ran out of view: ${frozen} -> ${sa.time_us}`);
  await page.screenshot({ path: shot('embed-host-scrolled-past.png') });

  // B into view (the wheel back up over the text): it runs too.
  await page.evaluate(() => document.getElementById('b').scrollIntoView({ block: 'center' }));
  sb = await until(b, (s) => !s.embed.out_of_view, 'B in view');
  expect(!sb.playing, 'B plays before it is asked to');
  await clickAt(page, await pointIn(b, 'play'));
  sb = await until(b, (s) => s.playing, 'B playing');
  const tb = sb.time_us;
  sb = await until(b, (s) => s.time_us >= tb + 2e6, 'B\'s simulated time to advance');

  // Back up to A with the wheel: B pauses, A plays on (it was playing), and A's time moves again.
  await page.mouse.move(640, 400);
  for (let i = 0; i < 80; i++) {
    const aTop = await page.evaluate(() => document.getElementById('a').getBoundingClientRect().top);
    if (aTop > 40) break;
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(90);
  }
  sb = await until(b, (s) => s.embed.out_of_view && !s.playing, 'B paused out of view');
  sa = await until(a, (s) => !s.embed.out_of_view && s.playing, 'A playing again back in view');
  sa = await until(a, (s) => s.time_us >= frozen + 1e6, 'A\'s time to move again');

  // A click gives A the keyboard: now its keys work (Space pauses, D describes).
  await clickAt(page, await diagramSpot(a));
  expect(await hasFocus(a), 'a click on the diagram did not give A the keyboard');
  const liveBefore = await liveCount(a);
  await page.keyboard.down('Space');
  await page.waitForTimeout(150);
  await page.keyboard.up('Space');
  sa = await until(a, (s) => !s.playing, 'Space to pause A');
  await page.keyboard.down('d');
  await page.waitForTimeout(150);
  await page.keyboard.up('d');
  await a.frame.waitForFunction((n) => document.getElementById('live').childElementCount > n, liveBefore, { timeout: 10000 });
  expect(!(await snap(b)).playing, 'B reacted to keys meant for A');

  // Progress: the embeds keep their own; the full tutorial's is as it was.
  const stored = await page.evaluate(() => ({ full: localStorage.getItem('statelab.progress'), embed: localStorage.getItem('statelab.embed.progress') }));
  expect(stored.full === fullBefore, `the embeds changed the full tutorial's progress:\n${fullBefore}\n${stored.full}`);
  const embedProgress = JSON.parse(stored.embed || '{}');
  expect(embedProgress.furthest_step && embedProgress.furthest_step.caching === 1 && 'cookies' in embedProgress.furthest_step,
    `the embeds' own progress: ${stored.embed}`);

  // "Open in Stateful Web Lab": the whole tutorial in a new tab, at A's lesson and step.
  const opened = context.waitForEvent('page');
  await clickAt(page, await pointIn(a, 'open-full'));
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  expect(tab.url() === base + 'index.html#lesson=cookies&step=0', `opened ${tab.url()}`);
  await waitForFirstFrame(tab);
  const full = await waitFor(tab, (s) => s.lesson && s.widgets['lesson-picker'], 'the full tutorial');
  expect(full.lesson === 'cookies' && full.step === 0 && !full.embed, `the full tutorial opened at ${full.lesson}/${full.step}`);
  await tab.close();
});

await test('&progress=shared: an embed adds to the full tutorial\'s progress, and leaves its place alone', async (page) => {
  await page.goto(base + '#lesson=cookies&step=1');
  await waitForFirstFrame(page);
  await waitFor(page, (s) => s.widgets && s.widgets.play, 'the full tutorial');
  await page.goto(base + 'embed.html#lesson=caching&step=2&progress=shared');
  await waitForFirstFrame(page);
  const s = await waitFor(page, (x) => x.embed, 'the embed');
  expect(s.lesson === 'caching' && s.step === 2 && s.embed.only_step === 2, `opened ${s.lesson}/${s.step}`);
  // The page's own settings are not the app's: no notice about an unknown part of the address.
  expect(await page.evaluate(() => document.getElementById('notice').hidden), 'a notice about the address');
  const stored = await page.evaluate(() => ({ full: localStorage.getItem('statelab.progress'), embed: localStorage.getItem('statelab.embed.progress') }));
  const full = JSON.parse(stored.full);
  expect(full.furthest_step.caching === 2, `the shared progress lacks the embed's step: ${stored.full}`);
  expect(full.current_lesson === 'cookies' && full.current_step === 1, `the embed moved the tutorial's place: ${stored.full}`);
  expect(stored.embed === null, `a shared embed wrote its own progress too: ${stored.embed}`);
  expect(await page.evaluate(() => location.hash) === '#lesson=caching&step=2&progress=shared', 'the embed rewrote its address');
});

await test('a phone: a finger on the diagram scrolls the host page, on the lesson panel it scrolls the lesson', async (page) => {
  const { a } = await openHost(page, [{ id: 'a', src: 'embed.html#lesson=caching&step=1', w: 360, h: 640 }]);
  await until(a, (s) => s.widgets.narration && !s.embed.out_of_view, 'the lesson drawn, in view');
  await page.evaluate(() => window.scrollTo(0, document.getElementById('a').offsetTop - 60));
  await page.waitForTimeout(200);
  // A tap on Play plays (the bar leaves fingers to the browser, whose click reaches the lesson).
  await page.touchscreen.tap(...Object.values(await pointIn(a, 'play')));
  await until(a, (x) => x.playing, 'a tap on Play');
  const box = await a.el.boundingBox();
  const s = await snap(a);
  const d = s.widgets.diagram;
  const y0 = await scrollY(page);
  const from = { x: box.x + d[0] + d[2] / 2, y: box.y + d[1] + d[3] * 0.8 };
  await touchDrag(page, from, { x: from.x, y: from.y - 160 });
  const y1 = await scrollY(page);
  expect(y1 > y0 + 60, `a swipe on the diagram did not scroll the page: ${y0} -> ${y1}`);
  const n0 = (await snap(a)).widgets.narration;
  const title = (await snap(a)).widgets['lesson-title'];
  const boxNow = await a.el.boundingBox();
  const onText = { x: boxNow.x + title[0] + 40, y: boxNow.y + title[1] + title[3] / 2 };
  await touchDrag(page, onText, { x: onText.x, y: onText.y - 120 });
  const y2 = await scrollY(page);
  const n1 = (await snap(a)).widgets.narration;
  expect(Math.abs(y2 - y1) < 4, `a swipe on the lesson's text scrolled the page: ${y1} -> ${y2}`);
  expect(n1[1] < n0[1] - 40, `a swipe on the lesson's text did not scroll it: ${n0[1]} -> ${n1[1]}`);
}, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

// [SECTION] Screenshots: the embed as an iframe of the README's sizes, in both languages.
for (const [w, h, lang, hash] of [[800, 520, 'en-US', 'lesson=caching&step=1'], [800, 520, 'ko-KR', 'lesson=caching&step=1'],
  [360, 640, 'en-US', 'lesson=cookies'], [360, 640, 'ko-KR', 'lesson=cookies']]) {
  const tag = `${w}x${h}-${lang.slice(0, 2)}`;
  await test(`the embed at ${tag} fits its frame`, async (page) => {
    await page.goto(base + 'embed.html#' + hash);
    await waitForFirstFrame(page);
    let s = await waitFor(page, (x) => x.widgets && x.widgets['open-full'], 'the embed drawn');
    expect(s.lang === lang.slice(0, 2), `language ${s.lang}`);
    await click(page, 'play');
    const t0 = s.time_us;
    s = await waitFor(page, (x) => x.time_us >= t0 + 3e6, 'the lesson to run');
    for (const [name, r] of Object.entries(s.widgets)) {
      if (s.hidden && s.hidden[name]) continue;
      expect(r[0] >= -1 && r[1] >= -1 && r[0] + r[2] <= w + 1 && r[1] + r[3] <= h + 1, `${name} is outside the ${w}x${h} frame: ${r}`);
    }
    await page.screenshot({ path: shot(`embed-${tag}.png`) });
  }, { viewport: { width: w, height: h }, locale: lang });
}

await browser.close();
server.close();
console.log(`embed tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed ? 1 : 0);
