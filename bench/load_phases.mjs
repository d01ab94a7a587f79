// Where a page's first frame goes, by phase, from timestamps taken inside the page: the runtime
// ready (Emscripten's onRuntimeInitialized), main() done (its first requestAnimationFrame
// request), the first frame drawn (window.statelabFirstFrameAt). Works on our page and the bare
// one. Not run by make bench (docs/performance.md, "Load time").
// Usage: node bench/load_phases.mjs WEB_DIR [LOCALE] [LOADS]
import { serve, launch } from '../tests/browser/lib.mjs';

const [webDir, localeArg, loadsArg] = process.argv.slice(2);
const locale = localeArg || 'en-US';
const loads = Number(loadsArg || 5);
const server = await serve(webDir);
const { browser } = await launch();
const rows = [];
for (let i = 0; i < loads; ++i) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const marks = (window.statelabLoadMarks = {});
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = function (callback) {
      if (marks.runtime_ready !== undefined && marks.main_done === undefined) marks.main_done = performance.now();
      return raf.call(window, callback);
    };
    // Both pages define window.Module before statelab.js / hello.js reads it.
    let module;
    Object.defineProperty(window, 'Module', {
      configurable: true,
      get() { return module; },
      set(value) {
        module = value;
        const theirs = value.onRuntimeInitialized;
        value.onRuntimeInitialized = function (...args) {
          marks.runtime_ready = performance.now();
          if (theirs) return theirs.apply(this, args);
        };
      },
    });
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.statelabFirstFrameAt || window.statelabFailed, null, { timeout: 60000 });
  const m = await page.evaluate(() => ({ ...window.statelabLoadMarks, first_frame: window.statelabFirstFrameAt,
                                         failed: window.statelabFailed || null }));
  await context.close();
  if (m.failed) throw new Error(`${webDir}: ${m.failed}`);
  if (m.runtime_ready === undefined || m.main_done === undefined) throw new Error(`${webDir}: the page's phases were not seen`);
  rows.push({
    runtime_ready_ms: Math.round(m.runtime_ready),
    main_ms: Math.round(m.main_done - m.runtime_ready),
    first_draw_ms: Math.round(m.first_frame - m.main_done),
    total_ms: Math.round(m.first_frame),
  });
}
await browser.close();
server.close();
console.log(JSON.stringify({ dir: webDir, locale, loads: rows }, null, 1));
