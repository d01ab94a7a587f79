// Browser tests: open the built page in headless Chromium and check what a learner sees and
// does: the page loads, the language follows the browser and the switch, the welcome lesson and
// lesson 1 (no-stickiness) are completed with real clicks and keys, progress survives a reload,
// links open their place, bad links and bad saves give a notice, text is sharp on HiDPI, and touch
// works on a phone, a run is shared as a link and opened elsewhere, and text pastes in.
// Usage: node run.mjs BUILD_WEB_DIR SCREENSHOT_DIR
// Every test saves screenshots under SCREENSHOT_DIR (build/screenshots).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, pngStats, watchConsole, waitForFirstFrame, snapshot, waitFor, locate, click,
  press, touchDrag, testRunner } from './lib.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !fs.existsSync(path.join(webDir, 'index.html'))) {
  console.error(`browser tests: ${webDir}/index.html not found; build the page first`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
// Failure screenshots from an earlier run would mislead: start clean.
for (const f of fs.readdirSync(shotDir)) if (f.startsWith('failed-')) fs.rmSync(path.join(shotDir, f));

// The lessons, as the app loads them: sorted by order, then id.
const lessonDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lessons');
const lessons = fs.readdirSync(lessonDir).filter((f) => f.endsWith('.json') && f !== 'glossary.json' && f !== 'prices.json').sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(lessonDir, f), 'utf8')))
  .sort((a, b) => (a.order - b.order) || a.id.localeCompare(b.id));

const server = await serve(webDir);
const base = `http://127.0.0.1:${server.address().port}/`;
const { browser } = await launch();
const { test, counts } = testRunner(browser, shotDir, { defaults: { viewport: { width: 1440, height: 900 }, locale: 'en-US' } });

function shot(name) { return path.join(shotDir, name); }
function expect(cond, message) { if (!cond) throw new Error(message); }

async function open(page, hash = '') {
  await page.goto(base + (hash ? '#' + hash : ''));
  await waitForFirstFrame(page);
  await waitFor(page, (s) => s.widgets && s.widgets.play, 'the first full frame');
}

// [SECTION] The learner's actions from a step's reference solution, done with real clicks.
const choices = {
  set_session_strategy: ['strategy', 'knob:session_strategy', ['instance_memory', 'client_cookie', 'server_session']],
  set_session_store: ['store', 'knob:session_store', ['elasticache', 'dynamodb']],
  set_cache_mode: ['mode', 'knob:cache_mode', ['none', 'lazy_loading', 'write_through']],
  set_read_routing: ['routing', 'knob:read_routing', ['spread', 'replicas', 'primary']],
  set_cache_invalidation: ['invalidation', 'knob:cache_invalidation', ['on_write', 'ttl_only']],
};
const toggles = {
  set_stickiness: ['enabled', 'knob:stickiness'],
  set_cookie_signing: ['enabled', 'knob:cookie_signing'],
  set_cache_multi_az: ['enabled', 'knob:cache_multi_az'],
  set_rds_multi_az: ['enabled', 'knob:rds_multi_az'],
  set_target_tracking: ['enabled', 'knob:target_tracking'],
};

async function setToggle(page, name, want) {
  const at = await locate(page, name);
  if (at.on !== want) await click(page, name);
  await waitFor(page, (s) => s.widgets[name] && (s.widgets[name][4] === 1) === want, `${name} to be ${want}`);
}

async function stepOnce(page, times) {
  for (let i = 0; i < times; i++) await click(page, 'step-once');
}

async function doAction(page, action) {
  const verb = action.do;
  if (toggles[verb]) {
    const [field, name] = toggles[verb];
    await setToggle(page, name, action[field] !== false);
    return;
  }
  if (choices[verb]) {
    const [field, name, values] = choices[verb];
    const index = values.indexOf(action[field]);
    expect(index >= 0, `unknown ${field} ${action[field]}`);
    await click(page, `${name}:${index}`);
    await waitFor(page, (s) => s.widgets[`${name}:${index}`] && s.widgets[`${name}:${index}`][4] === 1, `${name} = ${action[field]}`);
    return;
  }
  switch (verb) {
    case 'set_replica_count':
    case 'set_asg_capacity': {
      const name = verb === 'set_replica_count' ? 'knob:replica_count' : 'knob:asg_capacity';
      const want = verb === 'set_replica_count' ? action.count : action.desired;
      for (let i = 0; i < 20; i++) {
        const now = (await snapshot(page)).widgets[name][4];
        if (now === want) return;
        await click(page, `${name}:${now < want ? 'plus' : 'minus'}`);
        await stepOnce(page, 1);  // the stepper shows the model's value: let the command land
      }
      throw new Error(`${name} never reached ${want}`);
    }
    case 'set_shopper_count': {
      // The slider: press where the value sits on the track, as a person would.
      const at = await locate(page, 'knob:shoppers');
      const [x, y, w] = at.rect;
      const frac = Math.min(1, (action.count + 60 - 100) / (5000 - 100));
      const px = x + 10 + (w - 20) * frac;
      await page.mouse.move(px, y + at.rect[3] / 2);
      await page.mouse.down();
      await page.waitForTimeout(60);
      await page.mouse.up();
      await stepOnce(page, 1);
      await waitFor(page, (s) => s.widgets['knob:shoppers'][4] >= action.count, `shoppers >= ${action.count}`);
      return;
    }
    case 'terminate_instance':
      await click(page, `fault:terminate:${action.instance}`);
      return;
    case 'fail_az':
    case 'restore_az':
      await click(page, `fault:az:${action.az}`);
      return;
    case 'tamper_cookie': {
      const names = { lower_prices: 'fault:tamper-lower', add_free_item: 'fault:tamper-free', guess_session_id: 'fault:tamper-guess-session' };
      await click(page, names[action.kind || 'lower_prices']);
      return;
    }
    default:
      throw new Error(`the browser test cannot do "${verb}" with clicks yet`);
  }
}

// Runs until the step passes: fast-forward a minute at a time, as a learner in a hurry would.
async function runStepToPass(page, stepLabel) {
  for (let i = 0; i < 12; i++) {
    const s = await snapshot(page);
    if (s.passed) return;
    await click(page, 'ff-1m');
    await waitFor(page, (x) => !x.fast_forwarding, 'fast-forward to end', 120000);
  }
  throw new Error(`${stepLabel} did not pass after 12 minutes of simulated time`);
}

// [SECTION] Tests
await test('page loads and draws the app', async (page) => {
  await open(page);
  await page.waitForTimeout(300);
  const png = await page.screenshot({ path: shot('01-loaded.png') });
  const stats = await pngStats(page, png);
  if (stats.variance < 10) throw new Error(`the canvas looks blank (luminance variance ${stats.variance.toFixed(1)})`);
  const loadingHidden = await page.evaluate(() => document.getElementById('loading').hidden);
  if (!loadingHidden) throw new Error('the loading indicator is still shown after the first frame');
  const s = await snapshot(page);
  for (const name of ['play', 'step-once', 'speed', 'ff-1m', 'reset', 'seed', 'lang:0', 'lang:1', 'lesson-picker',
    'next-step', 'prev-step', 'narration', 'node:shoppers', 'node:route53', 'node:lb-a', 'node:i-1', 'node:rds-0']) {
    expect(s.widgets[name], `the ${name} widget is not drawn`);
  }
});

await test('a browser without WebGL2 gets a readable message', async (page) => {
  // No WebGL2 API at all: the page says so before loading the app.
  await page.addInitScript(() => { delete window.WebGL2RenderingContext; });
  await page.goto(base);
  await page.waitForSelector('#failure:not([hidden])', { timeout: 10000 });
  const text = await page.textContent('#failure-text');
  if (!/WebGL2/.test(text)) throw new Error('the failure message does not name WebGL2: ' + text);
  await page.screenshot({ path: shot('02-no-webgl2.png') });
});

await test('a browser whose WebGL2 context cannot be created gets a readable message', async (page) => {
  // The API exists but no context can be made (a blocked GPU): the app reports it.
  await page.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : orig.call(this, kind, ...rest);
    };
  });
  await page.goto(base);
  await page.waitForSelector('#failure:not([hidden])', { timeout: 20000 });
  const text = await page.textContent('#failure-text');
  if (!/WebGL2/.test(text) || !/context/.test(text)) throw new Error('the failure message does not say the WebGL2 context failed: ' + text);
});

await test('a missing wasm file gives a readable message', async (page, errors) => {
  await page.route('**/statelab.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(base);
  await page.waitForSelector('#failure:not([hidden])', { timeout: 20000 });
  const text = await page.textContent('#failure-text');
  if (!/HTTP 404/.test(text)) throw new Error('the failure message does not say what failed: ' + text);
  errors.length = 0;  // the 404 itself is logged by the browser; that is expected here
});

await test('the language follows a Korean browser and the switch changes it', async (page) => {
  await open(page);
  let s = await snapshot(page);
  expect(s.lang === 'ko', `a Korean browser got ${s.lang}`);
  expect(await page.evaluate(() => document.documentElement.lang) === 'ko', '<html lang> is not ko');
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('03-korean.png') });
  await click(page, 'lang:1');
  s = await waitFor(page, (x) => x.lang === 'en', 'English');
  expect(await page.evaluate(() => document.documentElement.lang) === 'en', '<html lang> is not en');
  await page.screenshot({ path: shot('04-english.png') });
  // The choice is saved: a reload keeps English although the browser prefers Korean.
  await page.reload();
  await waitForFirstFrame(page);
  s = await waitFor(page, (x) => x.widgets && x.widgets.play, 'reload');
  expect(s.lang === 'en', 'the language choice was not kept over a reload');
}, { locale: 'ko-KR' });

await test('the welcome lesson is completed with real clicks and keys, and the progress survives a reload', async (page) => {
  const lesson = lessons[0];
  await open(page);
  let s = await snapshot(page);
  expect(s.lesson === lesson.id, `the first visit opened ${s.lesson}, not ${lesson.id}`);
  // Screen readers hear the step (the aria-live region), once, not every frame.
  const live = () => page.evaluate(() => [...document.querySelectorAll('#live p')].map((p) => p.textContent));
  let heard = await live();
  expect(heard.some((t) => t.includes(lesson.steps[0].title.en) && t.includes(lesson.steps[0].narration.en)),
    `the aria-live region did not get the first step: ${JSON.stringify(heard)}`);
  expect(heard.length <= 3, `the aria-live region is flooded: ${heard.length} entries`);
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i];
    const label = `${lesson.id} step ${i} (${step.id})`;
    s = await waitFor(page, (x) => x.step === i, `${label} to open`);
    if (step.question) {
      await click(page, `choice:${step.question.answer}`);
    }
    if (i === 0) {
      // The keyboard works after a click on the page: Space plays and pauses.
      await click(page, 'title');
      await page.keyboard.press('Space');
      await waitFor(page, (x) => x.playing, 'Space to start playing');
      await page.waitForTimeout(1500);  // a second and a half of requests flowing
      await page.screenshot({ path: shot(`05-lesson1-step${i}-playing.png`) });
      await page.keyboard.press('Space');
      await waitFor(page, (x) => !x.playing, 'Space to pause');
      // A tap whose down and up reach the page in one task, so both arrive before one frame: ImGui's
      // input queue spreads them over two frames and still sees a press (the app keeps no pacer).
      const tap = () => page.evaluate(() => {
        for (const type of ['keydown', 'keyup']) {
          window.dispatchEvent(new KeyboardEvent(type, { key: ' ', code: 'Space', keyCode: 32, which: 32, bubbles: true }));
        }
      });
      await tap();
      await waitFor(page, (x) => x.playing, 'a Space tap inside one frame to play');
      await tap();
      await waitFor(page, (x) => !x.playing, 'a Space tap inside one frame to pause');
    }
    for (const action of step.solution || []) {
      const at_s = parseFloat(String(action.at || '0'));
      const now = await snapshot(page);
      if (at_s > 0 && now.time_us === 0) await stepOnce(page, Math.ceil(at_s));
      await doAction(page, action);
    }
    await runStepToPass(page, label);
    await page.screenshot({ path: shot(`05-lesson1-step${i}-passed.png`) });
    await click(page, 'next-step');
  }
  s = await waitFor(page, (x) => x.completed.includes(lesson.id), `${lesson.id} to be recorded as completed`);
  heard = await live();
  expect(heard.some((t) => t.includes('Lesson complete')), `no "Lesson complete" for screen readers: ${JSON.stringify(heard)}`);
  expect(s.lesson !== lesson.id || lessons.length === 1, 'finishing the lesson did not open the next one');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('statelab.progress')));
  expect(saved.completed.includes(lesson.id), 'localStorage does not list the lesson as completed');

  await page.reload();
  await waitForFirstFrame(page);
  s = await waitFor(page, (x) => x.widgets && x.widgets.play, 'reload');
  expect(s.completed.includes(lesson.id), 'the completed lesson was forgotten after a reload');
  await click(page, 'lesson-list');
  await page.waitForTimeout(200);
  await page.screenshot({ path: shot('06-after-reload-lesson-list.png') });
});

await test('lesson no-stickiness is completed end to end with real clicks and keys', async (page) => {
  const lesson = lessons.find((l) => l.id === 'no-stickiness');
  expect(lesson && lesson.steps.length === 3, 'lessons/01-no-stickiness.json is not the three-step lesson this test knows');
  await open(page);
  await click(page, 'lang:1');
  await waitFor(page, (x) => x.lang === 'en', 'English');
  // Opened from the lesson picker in the top bar, as a learner would.
  await click(page, 'lesson-picker');
  await locate(page, 'pick:no-stickiness');
  await page.screenshot({ path: shot('14-lesson1-picker.png') });
  await click(page, 'pick:no-stickiness');
  let s = await waitFor(page, (x) => x.lesson === 'no-stickiness' && x.step === 0, 'no-stickiness to open');
  expect(s.time_us === 0 && !s.completed.includes('no-stickiness'), `a fresh lesson at ${s.time_us} us`);

  // Step 0: the predict question holds the run until it is answered; Space does nothing before.
  await click(page, 'title');
  await press(page, 'Space');
  await page.waitForTimeout(600);
  s = await snapshot(page);
  expect(s.time_us === 0 && !s.playing, `the run started before the prediction (${s.time_us} us)`);
  await page.screenshot({ path: shot('14-lesson1-step0-predict.png') });
  await click(page, `choice:${lesson.steps[0].question.answer}`);
  await click(page, 'speed');
  await click(page, 'speed:4');  // 4x: Alice's requests take a few real seconds
  await waitFor(page, (x) => x.widgets.speed && !x.widgets['speed:4'], 'the speed menu to close');
  await click(page, 'title');
  await press(page, 'Space');
  await waitFor(page, (x) => x.playing && x.time_us > 0, 'Space to play after the prediction');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: shot('14-lesson1-step0-playing.png') });
  s = await waitFor(page, (x) => x.passed, 'Alice to lose her cart', 60000);
  expect(s.widgets['goal:alice-lost'], 'the goal alice-lost is not shown');
  await press(page, 'Space');
  await waitFor(page, (x) => !x.playing, 'Space to pause');
  await page.screenshot({ path: shot('14-lesson1-step0-passed.png') });
  await click(page, 'next-step');

  // Step 1: angry shoppers and lost revenue climb by themselves; fast-forward to see it.
  await waitFor(page, (x) => x.step === 1, 'step 1 to open');
  await runStepToPass(page, 'no-stickiness step 1');
  await page.screenshot({ path: shot('14-lesson1-step1-passed.png') });
  await click(page, 'next-step');

  // Step 2: losses go on until the learner ticks Stickiness in the right panel.
  s = await waitFor(page, (x) => x.step === 2, 'step 2 to open');
  if (!s.widgets['knob:stickiness'] && s.widgets['tab:knobs']) await click(page, 'tab:knobs');
  const box = await locate(page, 'knob:stickiness');
  expect(box.on === false, 'stickiness is already on before the learner ticks it');
  expect(!s.completed.includes('no-stickiness'), 'the lesson counts as completed before its last step passed');
  await click(page, 'step-once');
  await waitFor(page, (x) => !x.passed && x.time_us > 0, 'one second with stickiness off');
  await page.screenshot({ path: shot('14-lesson1-step2-before.png') });
  await click(page, 'knob:stickiness');
  await click(page, 'step-once');  // paused: the command lands at the next tick
  await waitFor(page, (x) => x.widgets['knob:stickiness'][4] === 1, 'the Stickiness box to be ticked');
  await runStepToPass(page, 'no-stickiness step 2');
  s = await snapshot(page);
  expect(s.widgets['knob:stickiness'][4] === 1, 'stickiness went off again');
  await page.screenshot({ path: shot('14-lesson1-step2-passed.png') });

  // Finish: recorded as completed, in the snapshot and in localStorage, and the next lesson opens.
  await click(page, 'next-step');
  s = await waitFor(page, (x) => x.completed.includes('no-stickiness'), 'no-stickiness to be recorded as completed');
  expect(s.lesson !== 'no-stickiness', 'finishing the lesson did not open the next one');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('statelab.progress')));
  expect(saved.completed.includes('no-stickiness'), `localStorage lists ${JSON.stringify(saved.completed)}`);
  await click(page, 'lesson-list');
  await page.waitForTimeout(200);
  await page.screenshot({ path: shot('14-lesson1-finished.png') });
});

await test('a #lesson= link opens that lesson, step and seed', async (page) => {
  const lesson = lessons[Math.min(3, lessons.length - 1)];
  const step = Math.min(1, lesson.steps.length - 1);
  await open(page, `lesson=${lesson.id}&step=${step}&seed=7`);
  const s = await snapshot(page);
  expect(s.lesson === lesson.id && s.step === step && s.seed === 7,
    `the link opened ${s.lesson} step ${s.step} seed ${s.seed}`);
  await click(page, 'play');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: shot('07-link-opened.png') });
  // A link pasted without a reload (the hash changes) is followed too.
  const other = lessons[Math.min(1, lessons.length - 1)];
  await page.evaluate((id) => { location.hash = `lesson=${id}&step=0`; }, other.id);
  await waitFor(page, (x) => x.lesson === other.id && x.step === 0, 'the pasted link to open');
});

await test('describe the diagram: the D key, the canvas button and the page button speak the stack into the live region', async (page) => {
  await open(page, 'lesson=sandbox&seed=3');
  await click(page, 'play');
  await page.waitForTimeout(1500);
  const live = () => page.$$eval('#live p', (ps) => ps.map((p) => p.textContent));
  const said = async (before) => {
    for (let i = 0; i < 50; i++) {
      const now = await live();
      const fresh = now.slice(before).filter((t) => t.startsWith('MyClothes.com at '));
      if (fresh.length) return fresh[fresh.length - 1];
      await page.waitForTimeout(100);
    }
    throw new Error('no description reached the live region; it holds ' + JSON.stringify(await live()));
  };
  // The D key, with the canvas focused.
  await page.focus('#canvas');
  let n = (await live()).length;
  await press(page, 'd');
  let text = await said(n);
  expect(/Every AZ in use is up\./.test(text) && /Instances in service \(\d+\): AZ . has i-\d/.test(text) &&
    /Last minute: \d+ requests?, \d+ errors?, \d+ carts? lost\./.test(text), 'the D key said: ' + text);
  // The button on the diagram.
  n = (await live()).length;
  await click(page, 'describe');
  text = await said(n);
  expect(/^MyClothes\.com at /.test(text), 'the diagram button said: ' + text);
  // The page's own button, found as a screen reader finds it: in the DOM, named, focusable.
  const label = await page.getAttribute('#describe', 'hidden');
  expect(label === null, 'the page button is still hidden after the first frame');
  await page.focus('#describe');
  n = (await live()).length;
  await page.keyboard.press('Enter');
  text = await said(n);
  expect(/^MyClothes\.com at /.test(text), 'the page button said: ' + text);
  await page.screenshot({ path: shot('describe-focused.png') });
});

await test('progress moves to another device: saved as a file, imported in a fresh browser and merged; a bad file changes nothing', async (page, errors, context) => {
  const seed = (completed, language) => JSON.stringify({ version: 1, language, completed, current_lesson: '', current_step: 0, furthest_step: {} });
  // Device A finished two lessons.
  await page.addInitScript((save) => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem('statelab.progress', save); sessionStorage.setItem('seeded', '1'); }
  }, seed(['no-stickiness', 'welcome'], 'en'));
  await open(page);
  await click(page, 'lesson-list');
  await click(page, 'progress-move');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'progress-export-file')]);
  const file = await download.path();
  const code = fs.readFileSync(file, 'utf8').trim();
  expect(/^SWL1-[A-Za-z0-9_-]+$/.test(code), 'the progress file holds ' + JSON.stringify(code));
  expect(download.suggestedFilename() === 'statelab-progress.txt', 'the file is named ' + download.suggestedFilename());
  await page.screenshot({ path: shot('progress-move.png') });

  // Device B: another browser, another lesson finished.
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
  try {
    const b = await other.newPage();
    watchConsole(b, errors);
    await b.addInitScript((save) => {
      if (!sessionStorage.getItem('seeded')) { localStorage.setItem('statelab.progress', save); sessionStorage.setItem('seeded', '1'); }
    }, seed(['cookies'], 'ko'));
    await open(b);
    await click(b, 'lesson-list');
    await click(b, 'progress-move');
    // A file that is not a progress code: refused with a notice; nothing changes.
    const junk = path.join(path.dirname(file), 'junk.txt');
    fs.writeFileSync(junk, 'SWL1-' + code.slice(5, -3));
    let [chooser] = await Promise.all([b.waitForEvent('filechooser'), click(b, 'progress-import-file')]);
    await chooser.setFiles(junk);
    await b.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
    const refusal = await b.textContent('#notice');
    expect(/가져오지 않았습니다/.test(refusal), 'the refusal notice says ' + refusal);
    expect(JSON.stringify((await snapshot(b)).completed) === '["cookies"]', 'a bad file changed the progress');
    expect(JSON.parse(await b.evaluate(() => localStorage.getItem('statelab.progress'))).completed.join() === 'cookies',
      'a bad file changed the save');
    // The real file: merged with this device's progress, and saved.
    [chooser] = await Promise.all([b.waitForEvent('filechooser'), click(b, 'progress-import-file')]);
    await chooser.setFiles(file);
    const merged = await waitFor(b, (x) => x.completed && x.completed.length === 3, 'the imported progress to merge');
    expect(JSON.stringify(merged.completed) === '["cookies","no-stickiness","welcome"]', 'merged: ' + JSON.stringify(merged.completed));
    expect(JSON.parse(await b.evaluate(() => localStorage.getItem('statelab.progress'))).completed.length === 3,
      'the merged progress was not saved');
    expect((await b.evaluate(() => localStorage.getItem('statelab.progress.backup'))).includes('cookies'),
      'the progress from before the import was not backed up');
    await b.screenshot({ path: shot('progress-imported-ko.png') });
  } finally {
    await other.close();
  }
});

await test('a malformed link is ignored with a notice', async (page) => {
  await open(page, 'lesson=../../etc&step=many');
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  const text = await page.textContent('#notice');
  expect(text.length > 10, 'the notice is empty');
  const s = await snapshot(page);
  expect(s.lesson === lessons[0].id, `a malformed link opened ${s.lesson}`);
  expect(!page.url().includes('etc'), 'the address still holds the malformed hash');
  await page.screenshot({ path: shot('08-malformed-link-notice.png') });
});

await test('a corrupt save is set aside as a backup and the tutorial starts fresh with a notice', async (page) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('statelab.progress', '{"version": 1, "completed": [oops');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await open(page);
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  const backup = await page.evaluate(() => localStorage.getItem('statelab.progress.backup'));
  expect(backup === '{"version": 1, "completed": [oops', `the backup holds ${backup}`);
  const fresh = JSON.parse(await page.evaluate(() => localStorage.getItem('statelab.progress')));
  expect(Array.isArray(fresh.completed) && fresh.completed.length === 0, 'the fresh save is not empty');
  await page.screenshot({ path: shot('09-corrupt-save-notice.png') });
});

await test('a % in the address never stops the tutorial, at load or while running', async (page) => {
  const caching = lessons.find((l) => l.id === 'caching');
  expect(caching && caching.steps.length > 1, 'lessons has no multi-step caching lesson');
  // At load: the broken lesson part is skipped with a notice; the tutorial starts.
  await open(page, 'lesson=caching%');
  let s = await snapshot(page);
  expect(s.lesson === lessons[0].id, `a broken link opened ${s.lesson}`);
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  expect(/lesson: /.test(await page.textContent('#notice')), 'the notice does not name the skipped part');
  expect(await page.evaluate(() => !window.statelabFailed), 'the page reported a failure');
  await page.evaluate(() => { document.getElementById('notice').hidden = true; });
  // While running: the valid part opens, the broken one is skipped, and the model still runs.
  await page.evaluate(() => { location.hash = 'lesson=caching&step=1%'; });
  s = await waitFor(page, (x) => x.lesson === 'caching', 'the valid part of a pasted link to open');
  expect(s.step === 0, `the broken step part was used: step ${s.step}`);
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  expect(/step: /.test(await page.textContent('#notice')), 'the notice does not name the step part');
  await page.evaluate(() => { location.hash = '%E0%A4%A'; });  // not even UTF-8: still no stop
  await page.waitForTimeout(500);
  // The main loop still runs: a click is still handled (caching's first step waits for an
  // answer before the model runs, so the language switch is the witness).
  await click(page, 'lang:0');
  await waitFor(page, (x) => x.lang === 'ko', 'a click to be handled after the broken links');
  expect(await page.evaluate(() => !window.statelabFailed), 'the page reported a failure');
  await page.screenshot({ path: shot('15-percent-link.png') });
});

await test('two tabs merge their progress and each sees the other\'s through the storage event', async (page, errors, context) => {
  await open(page, 'lesson=cookies&step=2');
  const other = await context.newPage();
  watchConsole(other, errors);
  await open(other, 'lesson=caching&step=1');
  // Tab A picks English: tab B follows it (the latest choice), without a reload.
  expect((await snapshot(other)).lang === 'ko', 'tab B did not start in Korean');
  await click(page, 'lang:1');
  await waitFor(page, (x) => x.lang === 'en', 'tab A to switch to English');
  await waitFor(other, (x) => x.lang === 'en', 'tab B to follow tab A\'s language');
  // Tab B moves on (a save), then tab A does: neither loses the other's furthest step.
  await other.evaluate(() => { location.hash = 'lesson=caching&step=2'; });
  await waitFor(other, (x) => x.lesson === 'caching' && x.step === 2, 'tab B at caching step 2');
  await page.evaluate(() => { location.hash = 'lesson=cookies&step=3'; });
  await waitFor(page, (x) => x.lesson === 'cookies' && x.step === 3, 'tab A at cookies step 3');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('statelab.progress')));
  expect(saved.furthest_step.caching === 2 && saved.furthest_step.cookies === 3,
    `a tab overwrote the other's progress: ${JSON.stringify(saved.furthest_step)}`);
  expect(saved.language === 'en', `the language choice was lost: ${saved.language}`);
  expect(saved.current_lesson === 'cookies', 'tab A saved tab B\'s place');
  await other.close();
}, { locale: 'ko-KR' });

await test('corrupt saves: the last three backups are kept, each named in the notice', async (page) => {
  await open(page);
  for (let i = 1; i <= 4; i++) {
    await page.evaluate((n) => localStorage.setItem('statelab.progress', `{"version": 1, "completed": [broken ${n}`), i);
    await page.reload();
    await waitForFirstFrame(page);
    await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
    expect((await page.textContent('#notice')).includes("statelab.progress.backup"), 'the notice does not say where the backup is');
  }
  const slots = await page.evaluate(() => ['', '.2', '.3', '.4'].map((k) => localStorage.getItem('statelab.progress.backup' + k)));
  expect(slots[0] === '{"version": 1, "completed": [broken 4' && slots[1] === '{"version": 1, "completed": [broken 3' &&
    slots[2] === '{"version": 1, "completed": [broken 2' && slots[3] === null, `the backups are ${JSON.stringify(slots)}`);
  const fresh = JSON.parse(await page.evaluate(() => localStorage.getItem('statelab.progress')));
  expect(fresh.version === 1, 'no fresh save after the backup');
});

await test('HiDPI: the canvas has device pixels and the font is rasterised for them', async (page) => {
  await open(page);
  const dims = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight, dpr: devicePixelRatio };
  });
  expect(dims.dpr === 2, `devicePixelRatio is ${dims.dpr}`);
  expect(dims.w === dims.cw * 2 && dims.h === dims.ch * 2, `canvas ${dims.w}x${dims.h} for ${dims.cw}x${dims.ch} CSS px`);
  const s = await snapshot(page);
  expect(s.font_px === 32, `the font is rasterised at ${s.font_px} px, not 32`);
  await page.screenshot({ path: shot('10-hidpi.png') });
}, { deviceScaleFactor: 2, locale: 'ko-KR' });

await test('a small laptop (1024x700) keeps every panel usable', async (page) => {
  await open(page);
  const s = await snapshot(page);
  for (const name of ['play', 'lang:1', 'tab:lesson', 'tab:knobs', 'tab:inspector', 'next-step', 'node:i-1']) {
    const r = s.widgets[name];
    expect(r, `${name} is not drawn`);
    expect(r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= 1024 && r[1] + r[3] <= 700, `${name} is off screen: ${r}`);
  }
  await click(page, 'node:i-1');
  await waitFor(page, (x) => x.widgets['inspector-back'], 'the inspector to open');
  await page.screenshot({ path: shot('11-1024x700-inspector.png') });
}, { viewport: { width: 1024, height: 700 }, locale: 'ko-KR' });

await test('touch: tapping and dragging work on a phone', async (page) => {
  const lesson = lessons[0];
  const sliderStep = lesson.steps.findIndex((st) => (st.knobs || []).includes('shoppers'));
  await open(page, `lesson=${lesson.id}&step=${Math.max(0, sliderStep)}`);
  let s = await snapshot(page);
  for (const name of ['play', 'lang:1', 'tab:lesson', 'tab:knobs', 'node:i-1']) {
    const r = s.widgets[name];
    expect(r && r[0] >= 0 && r[0] + r[2] <= 391, `${name} does not fit a phone: ${r}`);
  }
  await page.screenshot({ path: shot('12-phone.png') });
  // Tap: the language switch.
  const en = await locate(page, 'lang:1');
  await page.touchscreen.tap(en.x, en.y);
  s = await waitFor(page, (x) => x.lang === 'en', 'a tap on English');
  // Drag: a finger on the lesson's title scrolls the lesson text up.
  const title = (await snapshot(page)).widgets['lesson-title'];
  const y0 = (await snapshot(page)).widgets.narration[1];
  await touchDrag(page, { x: 200, y: title[1] + 8 }, { x: 200, y: title[1] - 150 });
  s = await snapshot(page);
  expect(s.widgets.narration[1] < y0 - 20, `the drag did not scroll the lesson (${y0} -> ${s.widgets.narration[1]})`);
  // Drag: the shoppers slider, by finger.
  if (sliderStep >= 0) {
    const tab = await locate(page, 'tab:knobs');
    await page.touchscreen.tap(tab.x, tab.y);
    const slider = await locate(page, 'knob:shoppers');
    const before = slider.rect.length > 4 ? slider.rect[4] : 0;
    const [x, y, w, h] = slider.rect;
    await touchDrag(page, { x: x + w * 0.1, y: y + h / 2 }, { x: x + w * 0.6, y: y + h / 2 });
    await click(page, 'step-once');
    s = await waitFor(page, (z) => z.widgets['knob:shoppers'] && z.widgets['knob:shoppers'][4] > before + 500,
      'the slider drag to raise the shopper count');
  }
  await page.screenshot({ path: shot('13-phone-after-touch.png') });
}, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ko-KR' });

// [SECTION] Sharing a run, and the clipboard both ways (issue 12 item 4, issue 14 item 2)
const clipboard = { permissions: ['clipboard-read', 'clipboard-write'] };

// The pixels of a named widget's rect, as PNG bytes (the mouse kept off it).
async function widgetPixels(page, name) {
  const [x, y, w, h] = (await snapshot(page)).widgets[name];
  return page.screenshot({ clip: { x, y, width: w, height: h + 2 } });
}

await test('share a run: the Share control copies its link; a new browser context opens the same state', async (page, errors, context) => {
  await open(page, 'lesson=sandbox&seed=77');
  await click(page, 'lang:1');
  await stepOnce(page, 3);
  await click(page, 'knob:stickiness');  // a setting, marked on the strip
  await stepOnce(page, 2);
  await click(page, 'share');
  await page.waitForFunction(() => window.statelabCopied, null, { timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const s = await snapshot(page);
  expect(copied === s.shared_link, `the clipboard holds ${copied}, the app shared ${s.shared_link}`);
  expect(copied.startsWith(base + '#lesson=sandbox&seed=77&run='), `not a link to this page: ${copied}`);
  expect(copied.length < 2048, `the link is ${copied.length} bytes`);
  expect(s.marks >= 1, 'no mark on the strip for the setting');
  await page.screenshot({ path: shot('20-share-popup-en.png') });
  await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
  await page.waitForTimeout(200);
  const strip = await widgetPixels(page, 'timeline');

  // Elsewhere: a fresh context (no storage, no clipboard) opens the link.
  const elsewhere = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const other = await elsewhere.newPage();
  watchConsole(other, errors);
  await other.goto(copied);
  await waitForFirstFrame(other);
  const o = await waitFor(other, (x) => x.lesson === 'sandbox' && x.widgets.timeline, 'the shared run to open');
  expect(o.trace_hash === s.trace_hash && o.time_us === s.time_us && o.seed === 77 && o.step === s.step,
    `opened ${o.trace_hash} at ${o.time_us} us, shared ${s.trace_hash} at ${s.time_us} us`);
  expect(!o.playing && !o.rewound, 'the opened run should be paused at its live edge');
  await other.mouse.move(2, 2);
  await other.waitForTimeout(200);
  const otherStrip = await widgetPixels(other, 'timeline');
  expect(strip.equals(otherStrip), 'the timeline strip (moment, marks) looks different where the link opened');
  await other.screenshot({ path: shot('21-shared-run-opened.png') });
  await elsewhere.close();
}, clipboard);

await test('paste: a seed or a link pasted with Ctrl+V or the Paste button opens; other text only gives a notice', async (page) => {
  await open(page, 'lesson=sandbox');
  await page.mouse.click(700, 450);  // focus the app
  const pasteText = async (text) => {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press('Control+V');
  };
  await pasteText('4242');
  await waitFor(page, (x) => x.seed === 4242 && x.lesson === 'sandbox', 'the pasted seed');
  await pasteText('https://elsewhere.example/#lesson=caching&step=1&seed=7');
  await waitFor(page, (x) => x.lesson === 'caching' && x.step === 1 && x.seed === 7, 'the pasted link');
  // The button reads the clipboard (granted here).
  await click(page, 'share');  // copies this run's link: the clipboard is written after it
  await page.waitForFunction(() => window.statelabCopied, null, { timeout: 5000 });
  await page.evaluate(() => navigator.clipboard.writeText('#lesson=sandbox&seed=9'));
  await click(page, 'paste-link');
  await waitFor(page, (x) => x.lesson === 'sandbox' && x.seed === 9, 'the link pasted with the button');
  const saved = await page.evaluate(() => localStorage.getItem('statelab.progress'));
  await page.mouse.click(700, 450);
  await pasteText('hello there');
  await page.waitForSelector('#notice:not([hidden])', { timeout: 5000 });
  const text = await page.textContent('#notice');
  expect(/neither a Stateful Web Lab link nor a seed/.test(text), `the notice says: ${text}`);
  const s = await snapshot(page);
  expect(s.lesson === 'sandbox' && s.seed === 9, 'other text changed the run');
  expect(await page.evaluate(() => localStorage.getItem('statelab.progress')) === saved, 'other text changed the save');
  await page.screenshot({ path: shot('22-paste-notice.png') });
}, clipboard);

await test('share on a phone, in Korean: the control fits and the popup shows the link', async (page) => {
  await open(page, 'lesson=sandbox');
  await stepOnce(page, 2);
  const r = (await snapshot(page)).widgets.share;
  expect(r && r[0] >= 0 && r[0] + r[2] <= 391, `Share does not fit a phone: ${r}`);
  await click(page, 'share');
  await waitFor(page, (x) => x.widgets['share-link'], 'the share popup');
  await page.screenshot({ path: shot('23-share-phone-ko.png') });
}, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ko-KR',
  permissions: ['clipboard-read', 'clipboard-write'] });

await test('the run as an object, with real clicks: rewind a step, fork it with one change, watch both futures side by side, share, open elsewhere to the same state', async (page, errors) => {
  await open(page, 'lesson=sandbox&seed=21');
  await stepOnce(page, 12);
  // Rewind: a click a third of the way along the strip.
  const [x, y, w, h] = (await snapshot(page)).widgets.timeline;
  const liveBefore = (await snapshot(page)).time_us;
  await page.mouse.click(x + w / 3, y + h / 2);
  let s = await waitFor(page, (q) => q.rewound && q.time_us < liveBefore, 'the run to rewind');
  const forkAt = s.time_us;
  // Fork: one change while rewound starts a new branch; the old one is kept.
  await click(page, 'knob:stickiness');
  s = await waitFor(page, (q) => !q.rewound && q.widgets['compare-branch'], 'a fork with the earlier branch kept');
  expect(s.time_us === forkAt, `the fork moved the moment: ${s.time_us} vs ${forkAt}`);
  // Both futures side by side: the earlier branch beside the new one, advancing together.
  await click(page, 'compare-branch');
  s = await waitFor(page, (q) => q.compare && q.compare.origin === 'branch' && q.widgets['diagram:a'] && q.widgets['diagram:b'],
    'two diagrams side by side');
  const a0 = s.compare.a_time_us, b0 = s.compare.b_time_us;
  expect(a0 === b0, `the two runs start at different moments: ${a0} vs ${b0}`);
  await stepOnce(page, 4);
  s = await waitFor(page, (q) => q.compare && q.compare.b_time_us > b0, 'both runs to advance');
  expect(s.compare.a_time_us === s.compare.b_time_us, `the runs drifted apart: ${s.compare.a_time_us} vs ${s.compare.b_time_us}`);
  expect(s.compare.a_hash !== s.compare.b_hash, 'the two futures are the same run');
  expect(s.compare.summary.length > 0, 'no difference line');
  await page.screenshot({ path: shot('24-fork-compare.png') });
  // Share, and open the link in another browser context: the same state.
  await click(page, 'share');
  await page.waitForFunction(() => window.statelabCopied, null, { timeout: 5000 });
  const link = await page.evaluate(() => navigator.clipboard.readText());
  s = await snapshot(page);
  const elsewhere = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  try {
    const other = await elsewhere.newPage();
    watchConsole(other, errors);
    await other.goto(link);
    await waitForFirstFrame(other);
    const o = await waitFor(other, (q) => q.lesson === 'sandbox' && q.trace_hash, 'the shared run to open');
    expect(o.trace_hash === s.trace_hash && o.time_us === s.time_us && o.seed === 21,
      `opened ${o.trace_hash} at ${o.time_us}, shared ${s.trace_hash} at ${s.time_us}`);
  } finally {
    await elsewhere.close();
  }
}, clipboard);

// "What happened" opens by itself when a step ends, in the page's language; a click on a line
// rewinds to its moment; the theory window takes its place. Desktop and phone, Korean and English.
for (const [label, viewport, locale, extra] of [
  ['desktop-en', { width: 1280, height: 800 }, 'en-US', {}],
  ['desktop-ko', { width: 1280, height: 800 }, 'ko-KR', {}],
  ['phone-en', { width: 390, height: 844 }, 'en-US', { deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ['phone-ko', { width: 390, height: 844 }, 'ko-KR', { deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
]) {
  await test(`what happened, theory and cost (${label})`, async (page) => {
    await open(page, 'lesson=no-stickiness&step=1');
    await click(page, 'ff-1m');  // the step passes within the minute; the fast-forward stops there
    let s = await waitFor(page, (x) => x.widgets['story-line:0'], 'the story to open when the step ends', 60000);
    const phone = Boolean(s.widgets['tab:lesson']);  // on a phone the buttons are on the lesson tab
    if (!phone) await waitFor(page, (x) => x.widgets['story-open'][4] === 1, 'the story button to show it open');
    await page.waitForTimeout(200);
    await page.screenshot({ path: shot(`20-story-${label}.png`) });
    const before = (await snapshot(page)).time_us;
    await click(page, 'story-line:0');
    await waitFor(page, (x) => x.time_us < before, 'the run to rewind to the line');
    if (phone) await click(page, 'tab:lesson');  // the click opened the inspector tab
    await click(page, 'theory-open');
    s = await waitFor(page, (x) => x.widgets['theory-row:miss_chance'], 'the theory rows');
    await page.waitForTimeout(200);
    await page.screenshot({ path: shot(`21-theory-${label}.png`) });
    // The cost window takes the same place: every line, priced or saying why not.
    await click(page, 'cost-open');
    s = await waitFor(page, (x) => x.widgets['cost-total'] && !x.widgets['theory-row:miss_chance'], 'the cost window in place of the theory');
    if (!(s.widgets['cost-line:ec2'] || s.hidden['cost-line:ec2'])) throw new Error('the cost window has no EC2 line');
    await page.waitForTimeout(200);
    await page.screenshot({ path: shot(`22-cost-${label}.png`) });
  }, { viewport, locale, ...extra });
}

// [SECTION] Comparing two runs
// The first comparison step of a lesson, and its index.
function compareStep(id) {
  const lesson = lessons.find((l) => l.id === id);
  const index = lesson.steps.findIndex((st) => st.compare);
  return { lesson, index, step: lesson.steps[index] };
}

// Both runs advance together, and the difference line is there and grows.
// Until the learner changes B the two runs are one run (the same hash); after, they differ.
async function checkBothAdvance(page, changed = true) {
  let s = await waitFor(page, (x) => x.compare && x.compare.b_time_us > 0, 'a comparison in the snapshot');
  const t0 = s.compare.b_time_us;
  s = await waitFor(page, (x) => x.compare && x.compare.b_time_us >= t0 + 2e6, 'both runs to advance');
  expect(s.compare.a_time_us === s.compare.b_time_us, `A at ${s.compare.a_time_us} us, B at ${s.compare.b_time_us} us`);
  expect((s.compare.a_hash !== s.compare.b_hash) === changed,
    changed ? 'the two runs are the same run after a change to B' : 'the runs differ with no change to B');
  expect(s.compare.summary.length > 10, `no difference line: '${s.compare.summary}'`);
  return s;
}

await test('a comparison step: both runs advance together, the summary shows the difference (en, desktop)', async (page) => {
  const { lesson, index, step } = compareStep('session-store');
  await open(page, `lesson=${lesson.id}&step=${index}`);
  let s = await snapshot(page);
  expect(s.compare && s.compare.origin === 'step', `no comparison at the step: ${JSON.stringify(s.compare)}`);
  for (const name of ['diagram:a', 'diagram:b', 'compare-summary', 'compare-side:0', 'compare-side:1']) {
    expect(s.widgets[name], `${name} is not drawn`);
  }
  expect(s.widgets['diagram:a'][0] + s.widgets['diagram:a'][2] <= s.widgets['diagram:b'][0] + 1, 'A is not left of B');
  for (const action of step.solution) await doAction(page, action);
  await click(page, 'play');
  await checkBothAdvance(page);
  await click(page, 'play');  // pause
  await stepOnce(page, 32);   // past i-2's termination at 30 s
  s = await snapshot(page);
  const m = /carts lost (\d+) vs (\d+)/.exec(s.compare.summary);
  expect(m, `the line has no carts lost: '${s.compare.summary}'`);
  expect(Number(m[1]) > 0 && Number(m[2]) === 0, `carts lost ${m[1]} vs ${m[2]}`);
  await page.screenshot({ path: shot('14-compare-en-desktop.png') });
});

await test('a comparison on a phone: one diagram at a time, the summary, in Korean', async (page) => {
  const { lesson, index } = compareStep('multi-az');
  await open(page, `lesson=${lesson.id}&step=${index}`);
  await click(page, 'play');
  let s = await checkBothAdvance(page, false);
  expect(s.widgets['diagram:b'] && !s.widgets['diagram:a'], 'a phone shows B first, alone');
  expect(/ 대 /.test(s.compare.summary), `the line is not Korean: '${s.compare.summary}'`);
  for (const name of ['compare-side:0', 'compare-side:1', 'compare-summary']) {
    const r = s.widgets[name];
    expect(r && r[0] >= 0 && r[0] + r[2] <= 391, `${name} does not fit a phone: ${r}`);
  }
  await page.screenshot({ path: shot('15-compare-ko-phone-b.png') });
  await click(page, 'compare-side:0');
  s = await waitFor(page, (x) => x.widgets['diagram:a'] && !x.widgets['diagram:b'], 'A\'s diagram on a tap');
  await page.screenshot({ path: shot('16-compare-ko-phone-a.png') });
}, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ko-KR' });

await test('the sandbox compares two configurations: Compare forks into B, a knob changes B only (ko, desktop)', async (page) => {
  await open(page, 'lesson=sandbox');
  await click(page, 'compare-start');
  await waitFor(page, (x) => x.compare && x.compare.origin === 'fork', 'the fork into B');
  await click(page, 'tab:knobs');
  await click(page, 'knob:session_strategy:0');
  await click(page, 'play');
  await checkBothAdvance(page);
  await page.screenshot({ path: shot('17-compare-ko-desktop-sandbox.png') });
  await click(page, 'compare-stop');
  await waitFor(page, (x) => !x.compare && x.widgets['compare-start'], 'the comparison to end');
}, { locale: 'ko-KR' });

await test('a comparison on a desktop in Korean', async (page) => {
  const { lesson, index, step } = compareStep('caching');
  await open(page, `lesson=${lesson.id}&step=${index}&seed=1`);
  for (const action of step.solution) await doAction(page, action);
  await click(page, 'play');
  await checkBothAdvance(page);
  await page.screenshot({ path: shot('18-compare-ko-desktop.png') });
}, { locale: 'ko-KR' });

await test('a comparison on a phone in English', async (page) => {
  const { lesson, index } = compareStep('caching');
  await open(page, `lesson=${lesson.id}&step=${index}`);
  await click(page, 'play');
  await checkBothAdvance(page, false);
  await page.screenshot({ path: shot('19-compare-en-phone.png') });
}, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' });

// [SECTION] Keyboard only: the shortcut table's keys, F6 from panel to panel, Tab from widget to
// widget, Space to press. No mouse at all after the page has loaded.
async function focusOf(page) { return (await snapshot(page)).focus; }

// Tab through the focused panel, then F6 to the next, until `name` has the keyboard focus.
async function reach(page, name) {
  for (let panel = 0; panel < 14; panel++) {
    const seen = new Set();
    for (let i = 0; i < 40; i++) {
      const focus = await focusOf(page);
      if (focus === name) return;
      if (focus && seen.has(focus)) break;  // round the panel once
      if (focus) seen.add(focus);
      await press(page, 'Tab');
    }
    await press(page, 'F6');
  }
  throw new Error(`${name} cannot be reached with F6 and Tab (focus: ${await focusOf(page)})`);
}

async function playWithKeys(page) {
  const s = await snapshot(page);
  if (!s.playing) await press(page, 'p');
  await waitFor(page, (x) => x.playing, 'P to play');
}

await test('lesson no-stickiness is completed with the keyboard alone', async (page) => {
  const lesson = lessons.find((l) => l.id === 'no-stickiness');
  expect(lesson && lesson.steps.length === 3, 'lessons/01-no-stickiness.json is not the three-step lesson this test knows');
  await open(page);
  let s = await snapshot(page);
  expect(s.lesson !== 'no-stickiness', 'the page opened no-stickiness by itself');
  // The lesson picker in the top bar: F6 to the top bar, Space opens the list, the arrows pick.
  await reach(page, 'lesson-picker');
  await page.screenshot({ path: shot('20-keys-focus-picker-en-desktop.png') });
  await press(page, 'Space');
  await waitFor(page, (x) => x.widgets['pick:no-stickiness'], 'the lesson list to open');
  for (let i = 0; i < 12 && (await focusOf(page)) !== 'pick:no-stickiness'; i++) {
    const order = lessons.findIndex((l) => l.id === 'no-stickiness') - lessons.findIndex((l) => l.id === s.lesson);
    await press(page, order >= 0 ? 'ArrowDown' : 'ArrowUp');
  }
  expect((await focusOf(page)) === 'pick:no-stickiness', `the arrows stop at ${await focusOf(page)}`);
  await press(page, 'Enter');
  s = await waitFor(page, (x) => x.lesson === 'no-stickiness' && x.step === 0, 'no-stickiness to open');
  expect(s.time_us === 0, `a fresh lesson at ${s.time_us} us`);

  // Step 0: the prediction first (P does nothing before it), then faster, then play.
  await press(page, 'p');
  await page.waitForTimeout(300);
  expect(!(await snapshot(page)).playing, 'P played before the prediction');
  const answer = `choice:${lesson.steps[0].question.answer}`;
  await reach(page, answer);
  await page.screenshot({ path: shot('20-keys-focus-choice-en-desktop.png') });
  await press(page, 'Space');
  await press(page, '+');
  await press(page, '+');
  s = await waitFor(page, (x) => x.speed_index === 4, '+ twice to reach 4x');
  await playWithKeys(page);
  await waitFor(page, (x) => x.passed, 'Alice to lose her cart', 60000);
  await press(page, 'n');

  // Step 1: fast, then play until it passes.
  await waitFor(page, (x) => x.step === 1, 'N to open step 1');
  await press(page, '+');
  await press(page, '+');
  await waitFor(page, (x) => x.speed_index === 6, '16x');
  await playWithKeys(page);
  await waitFor(page, (x) => x.passed, 'step 1 to pass', 90000);
  await press(page, 'n');

  // Step 2: tick Stickiness in the knobs panel with Space, then play until it passes.
  s = await waitFor(page, (x) => x.step === 2, 'N to open step 2');
  expect(!s.completed.includes('no-stickiness'), 'completed before its last step passed');
  // Paused while the learner finds the box: the step gives 90 s to keep carts for 30.
  if (s.playing) await press(page, 'p');
  await waitFor(page, (x) => !x.playing, 'P to pause');
  await reach(page, 'knob:stickiness');
  await page.screenshot({ path: shot('20-keys-focus-checkbox-en-desktop.png') });
  await press(page, 'Space');
  await press(page, 's');  // one second: the change lands at the next tick
  await waitFor(page, (x) => x.widgets['knob:stickiness'][4] === 1, 'Space to tick Stickiness');
  await playWithKeys(page);
  await waitFor(page, (x) => x.passed, 'step 2 to pass', 120000);
  await press(page, 'n');
  s = await waitFor(page, (x) => x.completed.includes('no-stickiness'), 'no-stickiness to be recorded as completed');
  expect(s.lesson !== 'no-stickiness', 'finishing the lesson did not open the next one');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('statelab.progress')));
  expect(saved.completed.includes('no-stickiness'), `localStorage lists ${JSON.stringify(saved.completed)}`);
});

for (const [locale, viewport, tag] of [['en-US', { width: 1280, height: 800 }, 'en-desktop'], ['ko-KR', { width: 1280, height: 800 }, 'ko-desktop'],
  ['en-US', { width: 390, height: 844 }, 'en-phone'], ['ko-KR', { width: 390, height: 844 }, 'ko-phone']]) {
  const phone = viewport.width < 500;
  await test(`"?" opens the list of keys and Esc closes it (${tag})`, async (page) => {
    await open(page, 'lesson=no-stickiness&step=2');
    expect(!(await snapshot(page)).keys_open, 'the list is open at start');
    await press(page, '?');
    await waitFor(page, (x) => x.keys_open && x.widgets['keys-table'], '? to open the list');
    let s = await waitFor(page, (x) => x.focus === 'keys-close', 'the focus on the list\'s Close button', 5000);
    await page.waitForTimeout(200);
    await page.screenshot({ path: shot(`21-keys-overlay-${tag}.png`) });
    await press(page, 'Escape');
    s = await waitFor(page, (x) => !x.keys_open && !x.widgets['keys-table'], 'Esc to close the list');
    expect(s.widgets.keys, 'the top bar has no "?" button');
    // The focus ring on a few kinds of widget: a button, a checkbox, a diagram node.
    await reach(page, 'play');
    await page.screenshot({ path: shot(`21-keys-ring-button-${tag}.png`) });
    if (!phone) {
      await reach(page, 'knob:stickiness');
      await page.screenshot({ path: shot(`21-keys-ring-checkbox-${tag}.png`) });
      await reach(page, 'node:lb-a');
      await page.screenshot({ path: shot(`21-keys-ring-node-${tag}.png`) });
    }
  }, { viewport, locale, ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}) });
}

await browser.close();
server.close();
console.log(`browser tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed ? 1 : 0);
