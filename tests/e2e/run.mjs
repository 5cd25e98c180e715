// Browser tests of tovholder's HTML pages: playwright-core driving Debian's chromium against the
// real server on a temporary database, as a new caseworker would use it.
//
//   node tests/e2e/run.mjs path/to/tovholder
//   TOVHOLDER_E2E_DB=postgresql://… TOVHOLDER_KEY_FILE=… node tests/e2e/run.mjs path/to/tovholder
//     (an empty PostgreSQL database instead of a new SQLite file; scripts/e2e-pg)
//
// Scenario: log in; register a citizen aged 24 staying at a shelter (target-group screening
// answered by htmx); see the youth alert on the dashboard; open the citizen; record an
// assessment and see the recommendation; start a CTI course; record a move-in and see the
// timeline change; a second intake of the same CPR number is warned of and refused, as is a
// registration dated in the future. Then: a form posted with bad values shows Danish field errors beside the
// fields, keeps what was typed and stores nothing; CSRF and role checks; the language switch;
// every page read and one form posted with JavaScript off. The housing role: list a dwelling, see
// its candidates with the others' reasons, offer it, record the acceptance and the move-in, and see
// the citizen leave the waiting list and the timeline change. A caseworker's daily work
// (tests/e2e/daily.mjs): a confirmed move and its annulment by the old municipality, a reason for
// every annulment, a note over the limit, a date typed 01.12.2026, the pickers. Screenshots go to
// test-artifacts/. At the end, the timeline's layout (issue 14): Jens's offers marked and stacked, and an
// 18-year span with tick labels apart and nothing past "I dag" (timeline-long.png).
// Exits non-zero with a clear message on the first failure, and always stops the server.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { youthSteps, youthUsers } from './youth.mjs';
import { dailyWork } from './daily.mjs';
import { snap } from './snap.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.argv[2] ? path.resolve(process.argv[2]) : '';
if (!bin || !fs.existsSync(bin)) {
  console.error('usage: node tests/e2e/run.mjs path/to/tovholder  (binary not found: ' + bin + ')');
  process.exit(2);
}
const artifacts = path.join(repo, 'test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tov-e2e-'));
const db = process.env.TOVHOLDER_E2E_DB || path.join(tmp, 't.db');
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                    '--disable-sync', '--no-first-run'];

let server = null;
let passed = 0;
let failed = 0;
const contexts = [];

function stopServer() {
  if (server && server.exitCode === null) {
    try { server.kill('SIGTERM'); } catch { /* already gone */ }
  }
}
process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopServer(); process.exit(130); });

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
    throw e;
  }
}

function addUser(name, role, municipality, password, fullName) {
  const args = ['user', 'add', name, '--role', role, '--db', db];
  if (municipality) args.push('--municipality', municipality);
  if (fullName) args.push('--full-name', fullName);
  const r = spawnSync(bin, args, { input: password + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`user add ${name} failed: ${r.stderr}`);
}

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(bin, ['serve', '--db', db, '--port', '0', '--web-dir', path.join(repo, 'web', 'static')],
                   { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start within 20 s:\n' + out)), 20000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/tovholder serving (http:\/\/[^\s/]+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.stderr.on('data', (d) => { fs.appendFileSync(path.join(tmp, 'server.log'), d); });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error('the server exited with ' + code + ':\n' + out)); });
  });
}

async function newContext(options = {}) {
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: launchArgs,
    viewport: { width: 1280, height: 900 }, locale: 'da-DK', ...options,
  });
  contexts.push(context);
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(10000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // Script errors; a failed load counts only for our own assets (a 422 page is expected).
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && new URL(r.url()).pathname.startsWith('/static/')) page.errors.push(`${r.status()} ${r.url()}`); });
  return { context, page };
}

async function login(page, base, user, password) {
  await page.goto(base + '/');
  check(new URL(page.url()).pathname === '/login', 'without a session / should lead to /login, got ' + page.url());
  await page.getByLabel('Brugernavn').fill(user);
  await page.getByLabel('Adgangskode').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Log ind' }).click()]);
}

// Every visible form control has a label (or, for radios and checkboxes, a label and a legend).
async function checkLabels(page, where) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.name || el.id));
  check(unlabelled.length === 0, `${where}: fields without a label: ${unlabelled.join(', ')}`);
  const lang = await page.getAttribute('html', 'lang');
  check(lang === 'da' || lang === 'en', `${where}: <html lang> is ${lang}`);
  check(await page.locator('a.skipnav[href="#main-content"]').count() === 1, `${where}: no skip link`);
  check(await page.locator('main#main-content').count() === 1, `${where}: no <main id="main-content">`);
}

// axe-core's WCAG 2.1 A/AA rules on the page as it is; every violation fails.
const axeSource = fs.readFileSync(path.join(repo, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
async function checkAxe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; '));
  check(problems.length === 0, `${where}: WCAG 2.1 AA problems found by axe-core:\n  ` + problems.join('\n  '));
}

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

// A CPR number for someone born on `birth` (7th digit 4: 2000–2036, 0: 1900s).
function cprFor(birth) {
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const year = birth.getUTCFullYear();
  const yy = String(year % 100).padStart(2, '0');
  const d7 = year >= 2000 && year <= 2036 ? '4' : '0';
  return `${dd}${mm}${yy}-${d7}217`;
}

async function main() {
  addUser('sara', 'caseworker', '151', 'lang-hemmelig-kode-1', 'Sara Holm Jensen');
  addUser('bolig', 'housing', '151', 'anden-lang-kode-22');
  addUser('admin', 'admin', '', 'systemets-noegle-kode-3');
  addUser('rejsehold', 'national', '', 'socialstyrelsen-kode-44');
  addUser('lederen', 'leader', '151', 'ledelsens-lange-kode-5');
  for (const u of youthUsers) addUser(...u);
  const base = await startServer();
  console.log('server at ' + base + ', database ' + db);

  const today = new Date();
  today.setUTCHours(12, 0, 0, 0);
  const birth = new Date(today);
  birth.setUTCFullYear(birth.getUTCFullYear() - 24);
  birth.setUTCDate(birth.getUTCDate() - 40);
  const cpr = cprFor(birth);
  const since = new Date(today);
  since.setUTCDate(since.getUTCDate() - 90);
  const name = 'Sofie Testesen';
  let citizenUrl = '';

  const { page } = await newContext();

  await step('login page and login as a new caseworker', async () => {
    await login(page, base, 'sara', 'lang-hemmelig-kode-1');
    check(await page.locator('h1').innerText() === 'Forside', 'after login the dashboard (Forside) should show');
    const user = await page.getByTestId('user').innerText();
    check(/sara/.test(user) && /Myndighedssagsbehandler/.test(user) && /Ballerup Kommune/.test(user),
          'the header should show the user, role and municipality, got: ' + user);
    check(await page.getByRole('button', { name: 'Log af' }).count() === 1, 'the header should have a logout button');
    await checkLabels(page, 'dashboard');
    await checkAxe(page, 'dashboard');
  });

  await step('register a citizen aged 24 staying at a shelter (screening says in)', async () => {
    await page.getByRole('link', { name: 'Registrér borger' }).first().click();
    await page.waitForURL('**/borgere/ny');
    await checkLabels(page, 'intake');
    await checkAxe(page, 'intake');
    await page.getByRole('group', { name: /egen ejet eller lejet bolig/ }).getByLabel('Nej').check();
    await page.getByLabel('Hvor bor eller opholder borgeren sig nu?').selectOption('shelter');
    await page.getByRole('group', { name: /sted at sove den kommende nat/ }).getByLabel('Ja').check();
    await page.getByRole('group', { name: /klar til at flytte/ }).getByLabel('Nej').check();
    // htmx answers the screening while the form is filled in.
    await page.locator('#screening-result[data-screening="in"]').waitFor();
    check(/I målgruppen/.test(await page.locator('#screening-result').innerText()), 'the screening should say "I målgruppen"');
    check(/midlertidigt alternativ/.test(await page.locator('#screening-result').innerText()), 'the screening should give the reason');
    await page.locator('#intake-name').fill(name);
    await page.locator('#intake-cpr').fill(cpr);
    await page.getByLabel('Henvist af').selectOption('shelter');
    await page.getByLabel('Boligsituationen gælder fra').fill(isoDate(since));
    await Promise.all([page.waitForURL(/\/borger\/151-0001/), page.getByRole('button', { name: 'Registrér borger' }).click()]);
    citizenUrl = page.url().split('?')[0];
    check(/Borgeren er registreret/.test(await page.locator('main').innerText()), 'a success message should show');
    check(/24 år/.test(await page.getByTestId('age').innerText()), 'the citizen should be 24, got ' + await page.getByTestId('age').innerText());
  });

  await step('intake: a known CPR number is warned of; a future date and a second registration are refused in Danish', async () => {
    await page.goto(base + '/borgere/ny');
    await page.getByRole('group', { name: /egen ejet eller lejet bolig/ }).getByLabel('Nej').check();
    await page.getByLabel('Hvor bor eller opholder borgeren sig nu?').selectOption('street');
    await page.getByRole('group', { name: /sted at sove den kommende nat/ }).getByLabel('Nej').check();
    await page.locator('#intake-name').fill('Dobbelt Testesen');
    await page.locator('#intake-cpr').fill(cpr);
    await page.locator('#intake-cpr').blur();  // a change: htmx asks for the screening, and the warning comes beside it
    await page.locator('#cpr-warning .alert-warning').waitFor();
    const warning = await page.locator('#cpr-warning').innerText();
    check(/CPR-nummeret er allerede registreret på/.test(warning), 'the intake should warn of the known CPR number, got: ' + warning);
    check(await page.locator('#cpr-warning a[href="/borger/151-0001"]').count() === 1, 'the warning should link to the citizen');
    await page.locator('#cpr-warning').scrollIntoViewIfNeeded();
    await snap(page, path.join(artifacts, 'intake-known-cpr.png'), false);
    const tomorrow = new Date(today);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 2);  // later than today in Copenhagen, whatever the hour
    await page.getByLabel('Registreringsdato').fill(isoDate(tomorrow));
    const [future] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/borgere/ny')),
                                        page.getByRole('button', { name: 'Registrér borger' }).click()]);
    await page.waitForLoadState();
    check(future.status() === 422, 'a registration dated in the future should answer 422, got ' + future.status());
    const main1 = await page.locator('main').innerText();
    check(/Registreringsdato: Må ikke ligge i fremtiden/.test(main1), 'the future date should be refused in Danish, got: ' + main1.slice(0, 400));
    await page.getByLabel('Registreringsdato').fill(isoDate(today));
    const [second] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/borgere/ny')),
                                        page.getByRole('button', { name: 'Registrér borger' }).click()]);
    await page.waitForLoadState();
    check(second.status() === 422, 'a second registration of the CPR number should answer 422, got ' + second.status());
    const main2 = await page.locator('main').innerText();
    check(/CPR-nummer: Er allerede registreret på borger 151-0001/.test(main2), 'the second registration should be refused naming 151-0001, got: ' + main2.slice(0, 400));
    await snap(page, path.join(artifacts, 'intake-duplicate-cpr.png'), false);
  });

  await step('the youth alert shows on the dashboard with a link to the citizen', async () => {
    await page.getByRole('link', { name: 'Forside' }).click();
    const card = page.locator('.alert-card[data-rule="youth_in_shelter"]');
    await card.waitFor();
    check(/Ung under 30/.test(await card.innerText()), 'the youth alert card should name the rule');
    check(/^1/.test((await card.locator('.alert-count').innerText()).trim()), 'the youth alert should count 1');
    check(await page.locator('[data-figure="youth_in_shelter"] .figure-value').innerText() === '1', 'the key figure youth_in_shelter should be 1');
    check(await page.locator('[data-figure="homeless"] svg').count() === 1, 'the homeless key figure should have a chart');
    await snap(page, path.join(artifacts, 'dashboard.png'), true);
    await Promise.all([page.waitForURL(/\/borger\/151-0001/), card.getByRole('link', { name }).click()]);
  });

  await step('the citizen page: header, timeline, no recommendation before an assessment', async () => {
    check(await page.locator('h1').innerText().then((t) => t.includes(name)), 'the citizen page should be titled with the name');
    check(/Herberg/.test(await page.getByTestId('situation').innerText()), 'the situation should be the shelter');
    check(/Ung under 30/.test(await page.getByTestId('alerts').innerText()), 'the citizen page should show the youth alert');
    check(await page.locator('#timeline svg .tl-span[data-situation="shelter"]').count() === 1, 'the timeline should show the shelter stay');
    check(/ingen udredning/i.test(await page.getByTestId('recommendation').innerText()), 'no recommendation before an assessment');
    await checkLabels(page, 'citizen page');
    await checkAxe(page, 'citizen page');
  });

  await step('record an assessment and see the recommendation', async () => {
    const form = page.locator('#form-assessment');
    await form.locator('summary').click();
    const needs = { housing: '2', mental_health: '1', physical_health: '1', finances: '2', daily_living: '1', network: '1',
                    substance_use: '0', education_work: '1' };
    for (const [area, v] of Object.entries(needs)) await form.locator(`select[name="needs.${area}"]`).selectOption(v);
    await form.getByLabel('Delvist').check();
    await Promise.all([page.waitForURL(/gemt=assessment/), form.locator('button[type=submit]').click()]);
    const rec = page.getByTestId('recommendation');
    check(await rec.locator('.rec-badge[data-method="CTI"]').count() === 1, 'the recommendation should be CTI, got: ' + await rec.innerText());
    check(/Ungemodel/.test(await rec.innerText()), 'the youth model should be recommended for a 24-year-old');
    check(await rec.locator('li').count() >= 1, 'the recommendation should give its reasons');
  });

  await step('start a CTI course', async () => {
    const form = page.locator('#form-course_started');
    await form.locator('summary').click();
    await form.getByLabel('Metode').selectOption('CTI');
    check(await form.getByRole('button', { name: 'Start forløbet', exact: true }).count() === 1, 'the button should say "Start forløbet" (docs/glossary.md)');
    await Promise.all([page.waitForURL(/gemt=course_started/), form.locator('button[type=submit]').click()]);
    check((await page.locator('#gemt').innerText()).includes('Forløbet er startet.'), 'the banner should say "Forløbet er startet."');
    check(/CTI/.test(await page.getByTestId('courses').innerText()), 'the open courses should list CTI');
    check(await page.locator('#timeline .tl-course[data-method="CTI"]').count() === 1, 'the timeline should show the CTI course');
  });

  await step('record a move-in and see the timeline change', async () => {
    const before = await page.locator('#timeline svg').getAttribute('data-spans');
    check(await page.locator('#timeline .tl-span[data-situation="own_home"]').count() === 0, 'no own home before the move-in');
    const form = page.locator('#form-housing');
    await form.locator('summary').click();
    await form.getByLabel('Boligsituation').selectOption('own_home');
    await Promise.all([page.waitForURL(/gemt=housing/), form.locator('button[type=submit]').click()]);
    const after = await page.locator('#timeline svg').getAttribute('data-spans');
    check(Number(after) === Number(before) + 1, `the timeline should gain a span (before ${before}, after ${after})`);
    check(await page.locator('#timeline .tl-span[data-situation="own_home"]').count() === 1, 'the timeline should show the own home');
    check(/Egen bolig/.test(await page.getByTestId('situation').innerText()), 'the situation should now be own home');
    check(!/Ung under 30/.test(await page.getByTestId('alerts').innerText()), 'the youth alert should be gone after the move-in');
    await snap(page, path.join(artifacts, 'citizen.png'), true);
  });

  await step('a form posted with bad values shows Danish field errors and stores nothing', async () => {
    const countContacts = async () => {
      const r = await page.request.get(base + '/api/v1/citizens/151-0001');
      check(r.ok(), 'the API should answer for the citizen: ' + r.status());
      const j = await r.json();
      return (j.entries || []).filter((e) => e.kind === 'contact').length;
    };
    const before = await countContacts();
    const form = page.locator('#form-contact');
    await form.locator('summary').click();
    await form.getByLabel('Dato').fill('2024-02-30');
    await form.getByLabel('Varighed i minutter').fill('abc');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.locator('button[type=submit]').click()]);
    await page.waitForLoadState();
    check(response.status() === 422, 'a bad form should answer 422, got ' + response.status());
    const open = page.locator('#form-contact[open]');
    check(await open.count() === 1, 'the contact form should be open after the error');
    const errorOf = async (field) => (await open.locator(`[data-field="${field}"] .form-error-message`).innerText()).replace('Fejl:', '').trim();
    check(/rigtig dato/.test(await errorOf('date')), 'the date error should be Danish, got: ' + await errorOf('date'));
    check(/helt tal/.test(await errorOf('minutes')), 'the minutes error should be Danish, got: ' + await errorOf('minutes'));
    check(/Skal udfyldes/.test(await errorOf('mode')), 'the mode error should say it is required, got: ' + await errorOf('mode'));
    check(await open.locator('input[name="minutes"]').inputValue() === 'abc', 'the typed minutes should be kept');
    check(await open.locator('input[name="date"]').inputValue() === '2024-02-30', 'the typed date should be kept');
    check(await open.locator('input[name="minutes"]').getAttribute('aria-invalid') === 'true', 'the bad field should be aria-invalid');
    check(/Intet er gemt/.test(await page.locator('main').innerText()), 'the page should say nothing was saved');
    check(await countContacts() === before, 'nothing should be stored by a bad form');
    await snap(page, path.join(artifacts, 'form-errors.png'), false);
  });

  await step('CSRF: a form post without the token is refused', async () => {
    const r = await page.request.post(citizenUrl, { form: { kind: 'note', date: isoDate(today), text: 'no token' }, maxRedirects: 0 });
    check(r.status() === 403, 'a post without csrf_token should be 403, got ' + r.status());
  });

  await step('search by CPR finds the citizen; filters narrow the list', async () => {
    await page.goto(base + '/borgere');
    await checkLabels(page, 'citizens');
    await checkAxe(page, 'citizens');
    await page.getByLabel('Søg på navn, borger-id eller CPR-nummer').fill(cpr);
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.waitForFunction(() => document.querySelector('.result-count')?.dataset.total === '1');
    check(await page.locator('.citizen-table tbody tr').count() === 1, 'the CPR search should find one citizen');
    await page.goto(base + '/borgere?situation=street');
    check(await page.locator('.result-count').getAttribute('data-total') === '0', 'no street sleepers');
    check((await page.locator('.result-count').innerText()).trim() === 'Ingen borgere fundet', 'an empty search should say "Ingen borgere fundet"');
  });

  await step('reports page for the municipality, printable', async () => {
    await page.getByRole('link', { name: 'Rapporter' }).click();
    await page.waitForURL('**/rapporter');
    check(await page.locator('.status-report').count() === 1, 'the status report should be on the page');
    check(await page.locator('.js-print:not([hidden])').count() === 1, 'the print button should show with JavaScript on');
    await checkAxe(page, 'reports');
    await page.getByLabel('Status pr. dato').fill('not-a-date');
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().includes('/rapporter?')), page.getByRole('button', { name: 'Vis rapport' }).click()]);
    check(resp.status() === 422, 'a bad report date should answer 422');
    await snap(page, path.join(artifacts, 'report.png'), false);
  });

  await step('language switch to English and back', async () => {
    await page.goto(base + '/');
    await page.getByRole('link', { name: 'English' }).first().click();
    await page.waitForURL(/lang=en/);
    check(await page.getAttribute('html', 'lang') === 'en', 'lang should be en');
    check(await page.locator('h1').innerText() === 'Dashboard', 'the English dashboard should be titled Dashboard');
    await page.goto(citizenUrl);
    check(await page.getAttribute('html', 'lang') === 'en', 'the language should stick (cookie)');
    check(/Recommended method/.test(await page.locator('main').innerText()), 'the citizen page should be in English');
    await page.getByRole('link', { name: 'Dansk' }).first().click();
    check(await page.getAttribute('html', 'lang') === 'da', 'back to Danish');
  });

  await step('no script errors on the pages', async () => {
    check(page.errors.length === 0, 'errors in the browser console: ' + page.errors.join(' | '));
  });

  await step('logout ends the session', async () => {
    await page.getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL('**/login');
    await page.goto(citizenUrl);
    check(new URL(page.url()).pathname === '/login', 'after logout a citizen page should lead to /login');
  });

  await step('the housing role sees no assessment, notes or recommendation', async () => {
    const { page: p2 } = await newContext();
    await login(p2, base, 'bolig', 'anden-lang-kode-22');
    await p2.goto(citizenUrl);
    check(await p2.getByTestId('recommendation').count() === 0, 'no recommendation for the housing role');
    check(await p2.locator('tr[data-kind="assessment"]').count() === 0, 'no assessment entries for the housing role');
    check(await p2.locator('#form-assessment, #form-note').count() === 0, 'no assessment or note forms for the housing role');
    check(await p2.locator('#form-housing_offer').count() === 1, 'the housing role may record housing offers');
  });

  // The housing allocation (DESIGN §9, docs/housing.md): two homeless citizens registered by
  // the caseworker through the API, one approved on the citizen page by the housing role, the
  // other (needing three rooms) through the API; then the housing role lists a dwelling, sees
  // its candidates and the other's reason, offers it, records the acceptance and the move-in,
  // and sees the citizen leave the waiting list and the timeline turn to own home.
  const api = async (session, method, url, body) => {
    const r = await fetch(base + url, {
      method, headers: { 'Content-Type': 'application/json', ...(session ? { Cookie: session.cookie, 'X-CSRF-Token': session.csrf } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    let j = null;
    try { j = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, j, text, cookie: (r.headers.get('set-cookie') || '').split(';')[0] };
  };
  let jens = '', karen = '';
  await step('housing: two homeless citizens, one approved for three rooms (API)', async () => {
    const login = await api(null, 'POST', '/api/v1/session', { user: 'sara', password: 'lang-hemmelig-kode-1' });
    check(login.status === 200, 'API login: ' + login.text);
    const s = { cookie: login.cookie, csrf: login.j.csrf_token };
    const a = await api(s, 'POST', '/api/v1/citizens', { name: 'Jens Gadesen', birth_date: '1980-05-05', date: isoDate(since) });
    const b = await api(s, 'POST', '/api/v1/citizens', { name: 'Karen Værelsesen', birth_date: '1975-03-03', date: isoDate(since) });
    check(a.status === 201 && b.status === 201, 'registrations: ' + a.text + ' ' + b.text);
    jens = a.j.citizen;
    karen = b.j.citizen;
    for (const [c, situation] of [[jens, 'street'], [karen, 'shelter']]) {
      const h = await api(s, 'POST', '/api/v1/entries', { citizen: c, municipality: '151', kind: 'housing', situation, date: isoDate(since) });
      check(h.status === 201, 'housing entry: ' + h.text);
    }
    const ap = await api(s, 'POST', '/api/v1/entries', { citizen: karen, municipality: '151', kind: 'housing_approved', rooms_min: 3, date: isoDate(since) });
    check(ap.status === 201, 'approval: ' + ap.text);
  });

  const { page: hp } = await newContext();
  await step('housing: the housing role lands on the dwellings and approves a citizen on the citizen page', async () => {
    await login(hp, base, 'bolig', 'anden-lang-kode-22');
    check(new URL(hp.url()).pathname === '/boliger', 'the housing role should land on /boliger, got ' + hp.url());
    check(await hp.locator('h1').innerText() === 'Boliger', 'the dwellings page');
    await checkLabels(hp, 'dwellings');
    await checkAxe(hp, 'dwellings');
    await hp.goto(base + '/borger/' + jens);
    check(await hp.getByTestId('allocation').count() === 1, 'the citizen page has the Bolig section');
    const form = hp.locator('#form-housing_approved');
    await form.locator('summary').click();
    // Approved some weeks ago: a move-in on the approval's own day would not end it (§9).
    await form.getByLabel('Godkendt fra').fill(isoDate(since));
    await form.getByLabel('Mindst antal værelser').fill('1');
    await form.getByLabel('Højeste husleje pr. måned (kr.)').fill('6000');
    await Promise.all([hp.waitForURL(/gemt=housing_approved/), form.locator('button[type=submit]').click()]);
    check(/Godkendt til kommunal anvisning/.test(await hp.getByTestId('approval').innerText()), 'the approval should show');
    check(/point pr\. dag som hjemløs de seneste 3 år: \d+; bor på gaden: 365/.test(await hp.getByTestId('points').innerText()),
          'the points in words, got: ' + await hp.getByTestId('points').innerText());
    await checkAxe(hp, 'citizen page with the Bolig section');
  });

  let timelineSpans = 0;
  await step('housing: list a dwelling and see its candidates with the reasons of the others', async () => {
    timelineSpans = Number(await hp.locator('#timeline svg').getAttribute('data-spans'));
    check(await hp.locator('#timeline g.tl-span[data-situation="own_home"]').count() === 0, 'not in own home yet');
    await hp.goto(base + '/boliger');
    const form = hp.locator('#ny-bolig form');
    const unit = await form.getByLabel('Boligens id').inputValue();
    check(/^151-B\d{4}$/.test(unit), 'a dwelling key is suggested, got ' + unit);
    // Vacant from a week ago: a move-in on the listing's own day would not end that listing (§9).
    const listed = new Date(today);
    listed.setUTCDate(listed.getUTCDate() - 7);
    await form.getByLabel('Ledig fra').fill(isoDate(listed));
    await form.getByLabel('Boligtype').selectOption('almen');
    await form.getByLabel('Antal værelser').fill('1');
    await form.getByLabel('Husleje pr. måned (kr.)').fill('4500');
    await form.getByLabel('Depositum (kr.)').fill('13500');
    await form.getByLabel('Område').fill('Centrum');
    await Promise.all([hp.waitForURL(/\/boliger\/151-B\d{4}\?gemt=listed/), form.getByRole('button', { name: 'Stil boligen til rådighed' }).click()]);
    check(await hp.getByTestId('dwelling-state').innerText() === 'Ledig', 'the new dwelling is vacant');
    const cand = hp.getByTestId('candidates');
    check(await cand.locator(`tr[data-citizen="${jens}"]`).count() === 1, 'Jens is a candidate');
    const other = hp.getByTestId('ineligible').locator(`tr[data-citizen="${karen}"]`);
    check(await other.count() === 1, 'Karen is not a candidate');
    check(/For få værelser/.test(await other.innerText()), 'her reason in Danish, got: ' + await other.innerText());
    await checkLabels(hp, 'dwelling');
    await checkAxe(hp, 'dwelling');
    await snap(hp, path.join(artifacts, 'dwelling.png'), true);
  });

  await step('housing: offer, record the acceptance and the move-in', async () => {
    await Promise.all([hp.waitForURL(/gemt=offered/), hp.getByRole('button', { name: 'Tilbyd boligen til Jens Gadesen' }).click()]);
    check(/Jens Gadesen/.test(await hp.getByTestId('open-offer').innerText()), 'the offer in progress names Jens');
    check(await hp.getByTestId('dwelling-state').innerText() === 'Tilbudt', 'the dwelling is offered');
    await Promise.all([hp.waitForURL(/gemt=accepted/), hp.getByRole('button', { name: 'Registrér accept' }).click()]);
    check(/Accepteret/.test(await hp.getByTestId('open-offer').innerText()), 'the offer is accepted');
    await Promise.all([hp.waitForURL(/gemt=moved_in/), hp.getByRole('button', { name: 'Registrér indflytning' }).click()]);
    check(await hp.getByTestId('dwelling-state').innerText() === 'Udlejet', 'the dwelling is let');
  });

  await step('housing: the citizen leaves the waiting list and the timeline changes', async () => {
    await hp.goto(base + '/boliger/venteliste');
    check(await hp.locator(`tr[data-citizen="${jens}"]`).count() === 0, 'Jens is off the waiting list');
    check(await hp.locator(`tr[data-citizen="${karen}"]`).count() === 1, 'Karen is still waiting');
    await checkAxe(hp, 'waiting list');
    await hp.goto(base + '/borger/' + jens);
    check(await hp.locator('#timeline g.tl-span[data-situation="own_home"]').count() === 1, 'the timeline shows the own home');
    check(Number(await hp.locator('#timeline svg').getAttribute('data-spans')) === timelineSpans + 1, 'one more span on the timeline');
    check(/Egen bolig/.test(await hp.getByTestId('situation').innerText()), 'the situation is own home');
    check(hp.errors.length === 0, 'errors in the browser console: ' + hp.errors.join(' | '));
  });

  await step('phone at 390 px: the menu behind its button, no page wider than the screen', async () => {
    const { page: pp } = await newContext({ viewport: { width: 390, height: 844 } });
    await login(pp, base, 'sara', 'lang-hemmelig-kode-1');
    for (const p of ['/', '/borgere', '/rapporter', new URL(citizenUrl).pathname]) {
      await pp.goto(base + p);
      const width = await pp.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 390, `${p} is ${width} px wide at 390 px`);
    }
    const menu = pp.getByRole('button', { name: 'Menu' });
    const nav = pp.locator('nav.nav');
    check(!(await nav.isVisible()), 'the main menu is folded on a phone');
    check(await menu.getAttribute('aria-expanded') === 'false', 'the menu button says it is closed');
    await menu.click();
    check(await nav.isVisible(), 'the menu button opens the main menu');
    check(await menu.getAttribute('aria-expanded') === 'true', 'the menu button says it is open');
    await Promise.all([pp.waitForURL((u) => u.pathname === '/borgere'), nav.getByRole('link', { name: 'Borgere' }).first().click()]);
    await checkAxe(pp, '/borgere at 390 px');
    // Without JavaScript the menu is simply open.
    const { page: nj } = await newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await login(nj, base, 'sara', 'lang-hemmelig-kode-1');
    check(await nj.locator('nav.nav').isVisible(), 'without JavaScript the menu shows on a phone');
  });

  await step('admin: a new user chooses their own password, is deactivated and cannot log in', async () => {
    const { page: ap } = await newContext();
    await login(ap, base, 'admin', 'systemets-noegle-kode-3');
    check(new URL(ap.url()).pathname === '/brugere', 'the administrator lands on the users, got ' + ap.url());
    await ap.getByLabel('Brugernavn').fill('ny.kollega');
    await ap.getByLabel('Fulde navn').fill('Nina Kollega');
    await ap.locator('#user-role').selectOption('caseworker');
    await ap.locator('#user-municipality').selectOption('151');
    await ap.getByLabel('Adgangskode').fill('kort');
    await ap.getByRole('button', { name: 'Opret bruger' }).click();
    check(/mindst 12 tegn/.test(await ap.locator('.error-message, .form-error-message').first().innerText()),
      'a short password should be refused with a Danish message');
    await ap.getByLabel('Adgangskode').fill('valgt-af-admin-7');
    await Promise.all([ap.waitForURL(/oprettet=/), ap.getByRole('button', { name: 'Opret bruger' }).click()]);
    check(await ap.locator('tr', { hasText: 'ny.kollega' }).locator('td').nth(1).innerText() === 'Nina Kollega',
      'the users list should show the real name');
    // The new user must choose their own password before anything else.
    const { page: np } = await newContext();
    await login(np, base, 'ny.kollega', 'valgt-af-admin-7');
    check(new URL(np.url()).pathname === '/adgangskode', 'a password set by an administrator leads to /adgangskode, got ' + np.url());
    await np.goto(base + '/borgere');
    check(new URL(np.url()).pathname === '/adgangskode', 'no other page before the change, got ' + np.url());
    await checkLabels(np, '/adgangskode');
    await np.getByLabel('Nuværende adgangskode').fill('valgt-af-admin-7');
    await np.locator('input[name="new_password"]').fill('min-egen-kode-til-tovholder');
    await np.getByLabel('Gentag den nye adgangskode').fill('min-egen-kode-til-tovholder');
    await Promise.all([np.waitForURL((u) => u.pathname === '/'), np.getByRole('button', { name: 'Skift adgangskode' }).click()]);
    check(await np.locator('h1').innerText() === 'Forside', 'after the change the front page shows');
    // The administrator deactivates the user: their session ends at once, and they cannot log in.
    await ap.goto(base + '/brugere/ny.kollega');
    await checkLabels(ap, '/brugere/ny.kollega');
    check(await ap.getByLabel('Fulde navn').inputValue() === 'Nina Kollega', 'the user page should show the real name');
    await ap.getByLabel('Fulde navn').fill('Nina K. Kollega');
    await ap.locator('#edit-active').selectOption('no');
    await Promise.all([ap.waitForURL(/aendret=/), ap.getByRole('button', { name: 'Gem ændringer' }).click()]);
    const row = ap.locator('tr', { hasText: 'ny.kollega' }).locator('td');
    check(await row.nth(4).innerText() === 'Nej', 'listed as inactive');
    check(await row.nth(1).innerText() === 'Nina K. Kollega', 'the changed real name should be listed');
    await np.goto(base + '/borgere');
    check(new URL(np.url()).pathname === '/login', 'the deactivated user is logged out at once, got ' + np.url());
    await np.getByLabel('Brugernavn').fill('ny.kollega');
    await np.getByLabel('Adgangskode').fill('min-egen-kode-til-tovholder');
    await np.getByRole('button', { name: 'Log ind' }).click();
    check(/Forkert brugernavn eller adgangskode/.test(await np.locator('.alert').first().innerText()),
      'a deactivated user cannot log in');
  });

  await step('with JavaScript off: read every page and post a form', async () => {
    const { page: p3 } = await newContext({ javaScriptEnabled: false });
    await login(p3, base, 'sara', 'lang-hemmelig-kode-1');
    check(await p3.locator('.alert-card').count() >= 0 && (await p3.locator('h1').innerText()) === 'Forside', 'dashboard without JS');
    await p3.goto(base + '/borgere?q=Sofie');
    check(await p3.locator('.citizen-table tbody tr').count() === 1, 'the list without JS');
    await p3.goto(citizenUrl);
    check(await p3.locator('#timeline svg').count() === 1, 'the timeline without JS');
    await p3.goto(base + '/rapporter');
    check(await p3.locator('.status-report').count() === 1, 'the report without JS');
    await p3.goto(base + '/borgere/ny');
    await p3.getByLabel('Hvor bor eller opholder borgeren sig nu?').selectOption('street');
    await p3.getByRole('button', { name: 'Vurdér målgruppe' }).click();
    check(await p3.locator('#screening-result[data-screening="in"]').count() === 1, 'the screening without JS');
    await p3.goto(citizenUrl);
    const form = p3.locator('#form-note');
    await form.locator('summary').click();
    await form.locator('textarea[name="text"]').fill('Skrevet uden JavaScript.');
    await Promise.all([p3.waitForURL(/gemt=note/), form.locator('button[type=submit]').click()]);
    check(await p3.locator('tr[data-kind="note"]', { hasText: 'Skrevet uden JavaScript.' }).count() === 1, 'the note should be saved without JS');
  });

  // The travel team (DESIGN §10): the implementation page of a municipality; record a status and
  // a support activity and see them; a bad value gives a Danish field error and stores nothing.
  await step('travel team: the implementation page of Ballerup, record a status and see it', async () => {
    const { page: t } = await newContext();
    await login(t, base, 'rejsehold', 'socialstyrelsen-kode-44');
    await t.getByRole('link', { name: 'Implementering' }).first().click();
    await t.waitForURL('**/implementering');
    await t.getByRole('link', { name: 'Ballerup Kommune' }).click();
    await t.waitForURL('**/implementering/151');
    check(/Implementering: Ballerup/.test(await t.locator('h1').innerText()), 'the page should be Ballerup\'s');
    check(await t.locator('#methods').count() === 0, 'no stage before one is recorded');
    await checkLabels(t, 'implementation page');
    await checkAxe(t, 'implementation page');
    const status = t.locator('#status');
    await status.getByLabel('Metode').selectOption('CTI');
    await status.getByLabel('Implementeret').check();
    await status.getByLabel('Bemærkning').fill('Tre CTI-medarbejdere er uddannet.');
    await Promise.all([t.waitForURL(/gemt=status/), status.getByRole('button', { name: 'Gem' }).click()]);
    const row = t.locator('#methods tr', { hasText: 'CTI' });
    check(await row.count() === 1 && /Implementeret/.test(await row.innerText()), 'the CTI stage should show as Implementeret');
    const support = t.locator('#support');
    await support.getByLabel('Støtteform').selectOption('network');
    await support.getByLabel('Emne').selectOption('cti');
    await support.getByLabel('Minutter').fill('0');
    await support.getByLabel('Andre kommuner i netværket').fill('730, 101');
    await support.getByRole('button', { name: 'Gem' }).click();
    await t.waitForLoadState();
    check(/Skal være et helt tal fra 1/.test(await support.innerText()), 'minutes 0 should give a Danish field error');
    check(await t.locator('table#support-list').count() === 0, 'nothing should be stored');
    await support.getByLabel('Minutter').fill('180');
    await Promise.all([t.waitForURL(/gemt=support/), support.getByRole('button', { name: 'Gem' }).click()]);
    const activity = t.locator('table#support-list tbody tr');
    check(await activity.count() === 1 && /Netværk på tværs af kommuner/.test(await activity.innerText()) &&
          /Randers/.test(await activity.innerText()), 'the network activity should be listed with Randers');
    check(/I alt 180 minutter/.test(await t.locator('main').innerText()), 'the support received should be 180 minutes');
    await snap(t, path.join(artifacts, 'implementation-151.png'), true);
  });

  const { page: lp } = await newContext({ acceptDownloads: true });
  await step('leader: an alert assigned to a colleague and acknowledged, with its history', async () => {
    await login(lp, base, 'lederen', 'ledelsens-lange-kode-5');
    const first = lp.locator('.alert-card a[data-followup="new"]').first();
    check(await first.count() === 1, 'the front page should have an alert to follow up');
    const href = await first.getAttribute('href');
    const badge = lp.locator(`.alert-card a[href="${href}"]`);
    await first.click();
    await lp.waitForURL(/opfoelgning/);
    await checkLabels(lp, 'follow-up');
    await checkAxe(lp, 'follow-up');
    await lp.getByLabel('Tildel en kollega').check();
    check(await lp.getByLabel('Kollega', { exact: true }).locator('option[value="sara"]').innerText() ===
          'Sara Holm Jensen (sara) – Myndighedssagsbehandler', 'the colleague picker should show the real name');
    await lp.getByLabel('Kollega', { exact: true }).selectOption('sara');
    await lp.getByLabel('Kommentar', { exact: true }).fill('Kan du ringe til herberget i dag?');
    await Promise.all([lp.waitForURL(/gemt=1/), lp.getByRole('button', { name: 'Gem opfølgning' }).click()]);
    check(/Tildelt sara/.test(await lp.getByTestId('followup-state').innerText()), 'the alert should be assigned to sara');
    await lp.goto(base + '/');
    check(await badge.getAttribute('data-followup') === 'assigned' && /Tildelt sara/.test(await badge.innerText()),
          'the front page should show the assignment');
    await badge.click();
    await lp.waitForURL(/opfoelgning/);
    await lp.getByLabel('Kvittér: jeg følger op').check();
    await Promise.all([lp.waitForURL(/gemt=1/), lp.getByRole('button', { name: 'Gem opfølgning' }).click()]);
    check(/Kvitteret af lederen/.test(await lp.getByTestId('followup-state').innerText()), 'the alert should be acknowledged');
    const history = await lp.getByTestId('followup-history').innerText();
    check(/sara/.test(history) && /herberget/.test(history), 'the history should keep the assignment and its comment');
    await snap(lp, path.join(artifacts, 'alert-followup.png'), true);
  });

  await step('leader: a threshold changed on Indstillinger changes the alerts on the front page', async () => {
    await lp.goto(base + '/');
    // Jens and Karen were registered 90 days ago without a §141 plan (30 days by default).
    check(await lp.locator('.alert-card[data-rule="no_action_plan"]').count() === 1, 'the plan alert should show before');
    check(await lp.getByTestId('staff-caseload').count() === 1, 'the leader should see the staff caseload');
    check(/Sara Holm Jensen \(sara\)/.test(await lp.locator('[data-testid="staff-caseload"] tr[data-worker="sara"]').innerText()),
      'the caseload should name sara by her real name and user name');
    await lp.getByRole('link', { name: 'Indstillinger' }).first().click();
    await lp.waitForURL('**/indstillinger');
    await checkLabels(lp, 'settings');
    await checkAxe(lp, 'settings');
    await lp.getByLabel(/Handleplan \(§ 141\) tilbudt inden for/).fill('abc');
    await lp.getByRole('button', { name: 'Gem indstillinger' }).click();
    await lp.waitForLoadState();
    check(await lp.locator('.error-summary').count() === 1, 'a bad value should give the error summary');
    check(await lp.getByLabel(/Handleplan \(§ 141\) tilbudt inden for/).inputValue() === 'abc', 'the typed value should be kept');
    await lp.getByLabel(/Handleplan \(§ 141\) tilbudt inden for/).fill('120');
    await Promise.all([lp.waitForURL(/gemt=1/), lp.getByRole('button', { name: 'Gem indstillinger' }).click()]);
    check(/Gemt/.test(await lp.locator('main').innerText()), 'the saved banner should show');
    await snap(lp, path.join(artifacts, 'settings.png'), true);
    await lp.getByRole('link', { name: 'Forside' }).first().click();
    await lp.waitForURL(base + '/');
    check(await lp.locator('.alert-card[data-rule="no_action_plan"]').count() === 0, 'the plan alert should be gone at 120 days');
  });

  await step('leader: the report as known at a date, and its CSV download', async () => {
    await lp.goto(base + '/rapporter');
    await lp.getByLabel('Som kendt pr. (valgfri)').fill(isoDate(today));
    await lp.getByRole('button', { name: 'Vis rapport' }).click();
    await lp.waitForURL(/known_at=/);
    const [download] = await Promise.all([lp.waitForEvent('download'), lp.getByRole('link', { name: 'Hent som CSV' }).click()]);
    check(/^statusrapport-151-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), 'CSV file name: ' + download.suggestedFilename());
    const csv = fs.readFileSync(await download.path(), 'utf8');
    check(csv.split('\n').length > 5 && /homeless/.test(csv), 'the CSV should hold the figures, got: ' + csv.slice(0, 200));
  });

  await step('leader: reveal the CPR number and read the access log', async () => {
    await lp.goto(citizenUrl);
    check(/xxxx/.test(await lp.getByTestId('cpr').innerText()), 'the CPR number should be masked');
    await lp.getByTestId('reveal-cpr').click();
    await lp.waitForURL(/vis_cpr=1/);
    check(!/xxxx/.test(await lp.getByTestId('cpr').innerText()), 'the whole CPR number should show');
    await lp.getByTestId('access-log-link').click();
    await lp.waitForURL(/adgangslog/);
    const log = await lp.getByTestId('access-log').innerText();
    check(/lederen/.test(log) && /Så det fulde CPR-nummer/.test(log) && /sara/.test(log), 'the access log should list the reveal and sara, got: ' + log.slice(0, 300));
    await checkAxe(lp, 'access log');
    await snap(lp, path.join(artifacts, 'access-log.png'), true);
  });

  await step('national: one section of the report per page, and the municipalities side by side', async () => {
    const { page: np } = await newContext();
    await login(np, base, 'rejsehold', 'socialstyrelsen-kode-44');
    await np.goto(base + '/rapporter');
    check(await np.locator('.status-report section.municipality').count() === 1, 'the national page should show one section');
    await np.getByRole('link', { name: 'Sammenlign kommunerne' }).click();
    await np.waitForURL(/sammenligning/);
    check(await np.locator('table[data-testid="comparison"] tr[data-municipality="151"]').count() === 1, 'Ballerup should be a row');
    check(await np.locator('.small-multiples svg').count() >= 9, 'one small chart per figure');
    await checkLabels(np, 'comparison');
    await checkAxe(np, 'comparison');
    await np.getByRole('link', { name: 'Gadesovere' }).click();
    await np.waitForURL(/sorter=street_sleepers/);
    check(await np.locator('th[aria-sort="descending"]').innerText() === 'Gadesovere', 'sorted by street sleepers');
    await snap(np, path.join(artifacts, 'national-comparison.png'), true);
    await np.getByRole('link', { name: 'Tilbage til statusrapporten' }).click();
    await np.getByRole('link', { name: 'Opsøgende arbejde' }).first().click();
    await np.waitForURL(/rapporter\/opsoegende/);
    check(/Opsøgende arbejde pr\./.test(await np.locator('main').innerText()), 'the outreach report should show');
    await checkAxe(np, 'outreach report');
  });
  // The youth model and the homeless count (tests/e2e/youth.mjs).
  await youthSteps({ step, check, newContext, login, checkLabels, checkAxe, base, artifacts, citizenUrl });
  // A caseworker's daily work (tests/e2e/daily.mjs).
  await dailyWork({ step, newContext, login, check, checkAxe, checkLabels, base, artifacts });
  // Outreach (DESIGN §10): a night on the street; an anonymous person is registered under an
  // alias, met again, and later gives their identity with consent on the citizen page.
  await step('outreach: an anonymous person met at night, met again, and identified with consent', async () => {
    const { page: o } = await newContext();
    await login(o, base, 'sara', 'lang-hemmelig-kode-1');
    await o.getByRole('link', { name: 'Opsøgende' }).first().click();
    await o.waitForURL('**/opsoegende');
    check(/Opsøgende arbejde/.test(await o.locator('h1').innerText()), 'the outreach page should show');
    await checkLabels(o, 'outreach page');
    await checkAxe(o, 'outreach page');
    const anon = o.locator('#anonymous');
    await anon.getByLabel('Kaldenavn').fill('Manden med hunden');
    await anon.getByLabel('Anslået alder').fill('45');
    await anon.getByLabel('Sted').fill('Ballerup Station');
    await anon.getByLabel('Varighed i minutter').fill('20');
    await anon.getByLabel('Mødt om natten').check();
    await Promise.all([o.waitForURL(/gemt=anonymous/), anon.getByRole('button', { name: 'Gem' }).click()]);
    const rows = o.locator('#outreach-contacts tbody tr');
    check(await rows.count() === 1, 'one contact should be listed, got ' + await rows.count());
    const first = await rows.first().innerText();
    check(/Manden med hunden/.test(first) && /anonym/.test(first) && /Ballerup Station/.test(first) && /Ja/.test(first),
          'the contact should show the alias, anonymous, the place and the night: ' + first);
    // A second contact with the same person, at another place.
    const contact = o.locator('#contact');
    await contact.getByLabel('Person').selectOption({ index: 1 });
    await contact.getByLabel('Sted').fill('Ballerup Bymidte');
    await contact.getByLabel('Varighed i minutter').fill('10');
    await Promise.all([o.waitForURL(/gemt=contact/), contact.getByRole('button', { name: 'Gem' }).click()]);
    check(await rows.count() === 2, 'two contacts should be listed');
    check(/Ballerup Bymidte/.test(await o.locator('#outreach-contacts').innerText()), 'the second place should be listed');
    // The citizen page: anonymous, and the identification form.
    await Promise.all([o.waitForURL(/\/borger\//), rows.first().getByRole('link', { name: 'Manden med hunden' }).click()]);
    check(/Registreret anonymt under kaldenavnet Manden med hunden/.test(await o.locator('#anonymous-note').innerText()),
          'the citizen page should say the person is anonymous');
    check(/45 år/.test(await o.getByTestId('age').innerText()), 'the age should be the estimate, got ' + await o.getByTestId('age').innerText());
    const identified = o.locator('#form-identified');
    await identified.locator('summary').click();
    const birth = new Date(today);
    birth.setUTCFullYear(birth.getUTCFullYear() - 47);
    birth.setUTCDate(birth.getUTCDate() - 11);
    await identified.getByLabel('CPR-nummer').fill(cprFor(birth));
    await identified.getByLabel('Navn').fill('Jens Gadesen');
    await identified.locator('button[type=submit]').click();
    await o.waitForLoadState();
    check(/samtykke til at blive identificeret/.test(await o.locator('main').innerText()), 'without consent a Danish error should show');
    check(await o.locator('#identified-note').count() === 0, 'nothing should be stored without consent');
    const again = o.locator('#form-identified');
    if (await again.locator('details:not([open]) summary, summary').count() && !(await again.locator('input[name=consent]').isVisible()))
      await again.locator('summary').click();
    if (!(await again.getByLabel('CPR-nummer').inputValue())) await again.getByLabel('CPR-nummer').fill(cprFor(birth));
    await again.getByLabel(/Personen har givet samtykke/).check();
    await Promise.all([o.waitForURL(/gemt=identified/), again.locator('button[type=submit]').click()]);
    check(/Jens Gadesen/.test(await o.locator('h1').innerText()), 'the citizen should now carry the name');
    check(/tidligere anonym som Manden med hunden/.test(await o.locator('#identified-note').innerText()), 'the page should say identified');
    check(/47 år/.test(await o.getByTestId('age').innerText()), 'the age should come from the CPR number, got ' + await o.getByTestId('age').innerText());
    check(await o.locator('#form-identified').count() === 0, 'an identified person has no identification form');
    await o.screenshot({ path: path.join(artifacts, 'outreach-identified.png'), fullPage: true });
    await o.goto(base + '/opsoegende');
    check(/Jens Gadesen/.test(await o.locator('#outreach-contacts').innerText()), 'the contacts should now show the name');
  });
  // The timeline's layout (issue 14): tick labels apart at any span, nothing drawn past "I dag",
  // markers of one day stacked, housing offers marked.
  const timelineLayout = (p) => p.locator('#timeline svg').evaluate((svg) => {
    const box = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, width: b.width, height: b.height }; };
    const today = Number(svg.querySelector('line.tl-today').getAttribute('x1'));
    const ticks = [...svg.querySelectorAll('text.tl-tick')].map((t) => ({ text: t.textContent, x: box(t).x, width: box(t).width }))
      .sort((a, b) => a.x - b.x);
    const bars = [...svg.querySelectorAll('g.tl-span rect, g.tl-course rect')].map(box);
    const markers = [...svg.querySelectorAll('g.tl-plan, g.tl-release, g.tl-offer')].map((g) => g.getBoundingClientRect().toJSON());
    const grid = [...svg.querySelectorAll('line.tl-grid')].map((l) => Number(l.getAttribute('x1')));
    return { today, ticks, bars, markers, grid, offers: svg.querySelectorAll('g.tl-offer').length,
             offerTitles: [...svg.querySelectorAll('g.tl-offer title')].map((t) => t.textContent) };
  });
  const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const checkLayout = (t, what) => {
    check(t.ticks.length > 1 && t.ticks.every((x) => Number.isFinite(x.x + x.width)), `${what}: no tick labels measured`);
    for (let i = 1; i < t.ticks.length; i++)
      check(t.ticks[i].x >= t.ticks[i - 1].x + t.ticks[i - 1].width, `${what}: tick labels ${i - 1} and ${i} overlap: ${JSON.stringify(t.ticks)}`);
    check(t.bars.length > 0 && t.bars.every((b) => Number.isFinite(b.x + b.width)), `${what}: no bars measured`);
    for (const b of t.bars) check(b.x + b.width <= t.today + 0.5, `${what}: a bar runs past today (${b.x + b.width} > ${t.today})`);
    for (let i = 0; i < t.markers.length; i++)
      for (let j = i + 1; j < t.markers.length; j++) check(!overlaps(t.markers[i], t.markers[j]), `${what}: markers ${i} and ${j} overlap`);
  };
  await step('the timeline: offers marked and stacked, nothing past today; a span of 18 years readable', async () => {
    await hp.goto(base + '/borger/' + jens);
    const jt = await timelineLayout(hp);
    check(jt.offers === 3, 'three offer markers (offered, accepted, moved in), got ' + jt.offers);
    check(jt.offerTitles.some((x) => /^Boligtilbud 151-B\d{4}: flyttet ind \d\d\.\d\d\.\d{4}$/.test(x)), 'the move-in in a marker title: ' + jt.offerTitles.join(' | '));
    checkLayout(jt, 'Jens');
    // A citizen followed for 18 years: street, shelter, then a hotel to this day; two plans of one day.
    const apiLogin = await api(null, 'POST', '/api/v1/session', { user: 'sara', password: 'lang-hemmelig-kode-1' });
    const s = { cookie: apiLogin.cookie, csrf: apiLogin.j.csrf_token };
    const yearsAgo = (n) => { const d = new Date(today); d.setUTCFullYear(d.getUTCFullYear() - n); return isoDate(d); };
    const r = await api(s, 'POST', '/api/v1/citizens', { name: 'Lars Langtid', birth_date: '1970-02-02', date: yearsAgo(18) });
    check(r.status === 201, 'registration: ' + r.text);
    const lars = r.j.citizen;
    for (const [kind, extra, date] of [['housing', { situation: 'street' }, yearsAgo(18)], ['housing', { situation: 'shelter' }, yearsAgo(8)],
                                       ['housing', { situation: 'hotel' }, yearsAgo(2)], ['action_plan', { status: 'offered' }, yearsAgo(3)],
                                       ['action_plan', { status: 'accepted' }, yearsAgo(3)]]) {
      const e = await api(s, 'POST', '/api/v1/entries', { citizen: lars, municipality: '151', kind, date, ...extra });
      check(e.status === 201, kind + ': ' + e.text);
    }
    const { page: tp } = await newContext();
    await login(tp, base, 'sara', 'lang-hemmelig-kode-1');
    await tp.goto(base + '/borger/' + lars);
    const lt = await timelineLayout(tp);
    check(lt.ticks.length >= 5, 'year labels on an 18-year axis, got ' + lt.ticks.length);
    check(lt.markers.length === 2, 'two plan markers, got ' + lt.markers.length);
    checkLayout(lt, 'Lars');
    // Gridlines to the axis's end: the last is within 2 years of today's line (at 770 px for ~18.5 years, ~83 px).
    check(Math.max(...lt.grid) > lt.today - 90, `the gridlines stop early: last at ${Math.max(...lt.grid)}, today at ${lt.today}`);
    await tp.locator('#timeline').scrollIntoViewIfNeeded();
    await snap(tp, path.join(artifacts, 'timeline-long.png'), false);
    check(tp.errors.length === 0, 'errors in the browser console: ' + tp.errors.join(' | '));
  });
}

const started = Date.now();
try {
  await main();
  console.log(`\n${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s); screenshots in ${artifacts}`);
} catch (e) {
  console.error(`\nbrowser tests failed: ${e.message}`);
  const log = path.join(tmp, 'server.log');
  if (fs.existsSync(log)) console.error('last server log lines:\n' + fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n'));
  console.log(`${passed} passed, ${failed || 1} failed`);
  process.exitCode = 1;
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  stopServer();
  fs.rmSync(tmp, { recursive: true, force: true });
}
