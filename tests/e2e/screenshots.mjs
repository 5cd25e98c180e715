// Screenshots of pages of a running server, for looking at the design by eye.
//   node tests/e2e/screenshots.mjs BASE_URL USER PASSWORD OUTDIR PATH...
// e.g. node tests/e2e/screenshots.mjs http://127.0.0.1:8080 sagsbehandler demo-password test-artifacts / /borgere
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, user, password, outDir, ...paths] = process.argv.slice(2);
if (!base || !user || !password || !outDir) {
  console.error('usage: screenshots.mjs BASE_URL USER PASSWORD OUTDIR PATH...');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tov-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
  viewport: { width: 1280, height: Number(process.env.HEIGHT || 900) },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  await page.goto(base + '/login');
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  for (const p of paths.length ? paths : ['/']) {
    await page.goto(base + p);
    const name = (p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home') + '.png';
    await page.screenshot({ path: path.join(outDir, `${user}-${name}`), fullPage: process.env.FULL !== '0' });
    console.log('saved', path.join(outDir, `${user}-${name}`));
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
