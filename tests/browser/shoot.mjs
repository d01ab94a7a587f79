// Developer helper: screenshots of the built page at a few sizes and states, for looking at.
// Usage: node shoot.mjs WEB_DIR OUT_DIR [hash] [lang]
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, waitForFirstFrame } from './lib.mjs';

const [webDir, outDir, hash = '', lang = 'ko-KR'] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await serve(webDir);
const base = `http://127.0.0.1:${server.address().port}/`;
const { browser } = await launch();
const sizes = [[1440, 900, 1], [1024, 700, 1], [390, 844, 2], [1440, 900, 2]];
for (const [w, h, dpr] of sizes) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: dpr, locale: lang });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()); });
  await page.goto(base + (hash ? '#' + hash : ''));
  await waitForFirstFrame(page);
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(outDir, `shot-${w}x${h}@${dpr}.png`) });
  await context.close();
}
await browser.close();
server.close();
