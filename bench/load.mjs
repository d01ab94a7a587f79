// Load time in headless Chromium: time to first frame of our page, for a Korean and an English
// learner (the browser's language picks the app's), and of the bare ImGui page. The runs alternate
// (ours ko, bare, ours en, bare, then bare first in the next round, ...) so machine drift and the
// place in a pair hit both alike; scripts/bench pairs each of ours with the bare load next to it.
// Prints one JSON object with every load's milliseconds.
// Usage: node bench/load.mjs OUR_DIR BASELINE_DIR [ROUNDS]
import { serve, launch } from '../tests/browser/lib.mjs';

const [ourDir, baseDir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 7);
const ours = await serve(ourDir);
const base = await serve(baseDir);
const { browser } = await launch();

async function firstFrame(url, locale) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.statelabFirstFrameAt || window.statelabFailed, null, { timeout: 60000 });
  const t = await page.evaluate(() => ({
    failed: window.statelabFailed || null,
    first_frame_ms: window.statelabFirstFrameAt,
    lang: document.documentElement.lang,
  }));
  await context.close();
  if (t.failed) throw new Error(`${url}: ${t.failed}`);
  return t;
}

const out = { ours_ko: [], bare_ko: [], ours_en: [], bare_en: [], rounds };
const ourUrl = `http://127.0.0.1:${ours.address().port}/`;
const baseUrl = `http://127.0.0.1:${base.address().port}/`;
for (let i = 0; i < rounds; ++i) {
  for (const [lang, locale] of [['ko', 'ko-KR'], ['en', 'en-US']]) {
    const bareFirst = i % 2 === 1;
    const bare = bareFirst ? await firstFrame(baseUrl, locale) : null;
    const t = await firstFrame(ourUrl, locale);
    if (t.lang !== lang) throw new Error(`the page opened in "${t.lang}" for a ${locale} browser`);
    out[`ours_${lang}`].push(Math.round(t.first_frame_ms));
    out[`bare_${lang}`].push(Math.round((bare || await firstFrame(baseUrl, locale)).first_frame_ms));
  }
}
await browser.close();
ours.close();
base.close();
console.log(JSON.stringify(out));
