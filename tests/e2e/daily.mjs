// Browser tests of a caseworker's daily work (issue 14, items 3–5), run by tests/e2e/run.mjs:
// a move to another municipality asks for confirmation and the old municipality can take it
// back; an annulment asks for a reason; a note over the limit is stopped in the browser, refused
// by the server without JavaScript, and the text is kept either way; a date typed as 01.12.2026 is
// accepted and the "Gemt" banner is in view; the worker picker and the generated course id.
// Screenshots go to test-artifacts/.
import path from 'node:path';
import { snap } from './snap.mjs';

// `h` holds run.mjs's helpers: step, newContext, login, check, base, artifacts.
export async function dailyWork(h) {
  const { step, newContext, login, check, checkAxe, checkLabels, base, artifacts } = h;
  const { page } = await newContext();
  await login(page, base, 'sara', 'lang-hemmelig-kode-1');
  const csrf = await page.locator('input[name="csrf_token"]').first().inputValue();
  const reg = await page.request.post(base + '/api/v1/citizens', {
    headers: { 'X-CSRF-Token': csrf }, data: { birth_date: '1985-05-05', name: 'Mads Flyttesen', date: '2026-11-01' },
  });
  check(reg.status() === 201, 'registering the test citizen through the API should answer 201, got ' + reg.status());
  const key = (await reg.json()).citizen;
  const url = base + '/borger/' + key;

  await step('a move to another municipality asks for confirmation; the old municipality takes it back', async () => {
    await page.goto(url);
    const form = page.locator('#form-moved');
    await form.locator('summary').click();
    await form.getByLabel('Ny handlekommune').selectOption('751');
    await form.locator('button[type=submit]').click();
    const confirm = form.getByTestId('confirm');
    await confirm.waitFor();
    const text = await confirm.innerText();
    check(/Borgeren overdrages til Aarhus Kommune/.test(text) && /du vil ikke længere kunne se borgeren/.test(text),
          'the confirmation should say what will happen, got: ' + text);
    check(await page.locator('tr[data-kind="moved"]').count() === 0, 'nothing should be stored before the confirmation');
    await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('confirm-step'), null,
                               { timeout: 3000 }).catch(() => {});
    const focused = await page.evaluate(() => (document.activeElement ? document.activeElement.outerHTML : '').slice(0, 120));
    check(/confirm-step/.test(focused), 'the confirmation should have the focus, got: ' + focused);
    await checkAxe(page, 'move confirmation');
    await confirm.scrollIntoViewIfNeeded();
    await snap(page, path.join(artifacts, 'move-confirmation.png'), false);
    // "Fortryd" gives the form back as typed and stores nothing.
    await form.getByRole('button', { name: 'Fortryd' }).click();
    await page.waitForLoadState();
    check(await page.locator('#form-moved select[name="to"]').inputValue() === '751', 'after Fortryd the form should keep Aarhus');
    check(await page.locator('tr[data-kind="moved"]').count() === 0, 'Fortryd should store nothing');
    await page.locator('#form-moved button[type=submit]').click();
    await page.locator('#form-moved').getByTestId('confirm').waitFor();
    await Promise.all([page.waitForURL(/gemt=moved/), page.getByRole('button', { name: 'Bekræft' }).click()]);
    // The old municipality no longer sees the journal, but may take the move back.
    const annul = page.getByTestId('annul-move');
    await annul.waitFor();
    check(/overdraget til Aarhus Kommune/.test(await page.locator('main').innerText()), 'the page should say where the citizen went');
    check(await page.locator('table.journal-table').count() === 0, 'the journal should not show after the move');
    await snap(page, path.join(artifacts, 'moved-away.png'), false);
    await checkLabels(page, 'moved-away page');
    await checkAxe(page, 'moved-away page');
    await annul.getByRole('button', { name: 'Annullér flytningen' }).click();
    await page.waitForLoadState();
    check(/Begrundelse: Skal udfyldes/.test(await page.locator('main').innerText()), 'annulling without a reason should be refused in Danish');
    await page.getByTestId('annul-move').getByLabel('Begrundelse').fill('Flytningen blev registreret på den forkerte borger.');
    await Promise.all([page.waitForURL(/gemt=void/), page.getByTestId('annul-move').getByRole('button', { name: 'Annullér flytningen' }).click()]);
    check(/Ballerup/.test(await page.getByTestId('municipality').innerText()), 'the citizen should be Ballerup\'s again');
    check(await page.locator('tr[data-kind="moved"].voided').count() === 1, 'the move should show as voided');
    check(await page.locator('tr[data-kind="note"]', { hasText: 'Flytningen blev registreret på den forkerte borger.' }).count() === 1,
          'the reason should be in the journal');
  });

  await step('annulling an entry asks for a reason', async () => {
    const note = page.locator('#form-note');
    await note.locator('summary').click();
    await note.locator('textarea[name="text"]').fill('Et notat, der skal annulleres.');
    await Promise.all([page.waitForURL(/gemt=note/), note.locator('button[type=submit]').click()]);
    const id = await page.locator('tr[data-kind="note"]', { hasText: 'Et notat, der skal annulleres.' }).getAttribute('data-id');
    const form = page.locator('#form-void');
    await form.locator('summary').click();
    await form.locator('select[name="entry"]').selectOption(id);
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
                                         form.locator('button[type=submit]').click()]);
    await page.waitForLoadState();
    check(refused.status() === 422, 'a void without a reason should answer 422, got ' + refused.status());
    check(/Begrundelse: Skal udfyldes/.test(await page.locator('#form-void').innerText()), 'the reason should be asked for in Danish');
    check(await page.locator('#form-void select[name="entry"]').inputValue() === id, 'the chosen entry should be kept');
    await page.locator('#form-void').getByLabel('Begrundelse').fill('Skrevet på den forkerte borger.');
    await Promise.all([page.waitForURL(/gemt=void/), page.locator('#form-void button[type=submit]').click()]);
    check(await page.locator(`tr[data-id="${id}"].voided`).count() === 1, 'the note should be voided');
  });

  await step('a note over the limit: counted and stopped in the browser, refused by the server, the text kept', async () => {
    await page.goto(url);
    const form = page.locator('#form-note');
    await form.locator('summary').click();
    check(/Du har 20\.000 tegn tilbage/.test(await form.locator('.character-limit').innerText()), 'the counter should show 20.000 left');
    const long = 'ø'.repeat(20001);
    await form.locator('textarea[name="text"]').fill(long);
    check(/Du har 1 tegn for meget/.test(await form.locator('.character-limit').innerText()),
          'the counter should say 1 too many, got: ' + await form.locator('.character-limit').innerText());
    let posted = false;
    const listener = (r) => { if (r.method() === 'POST') posted = true; };
    page.on('request', listener);
    await form.locator('button[type=submit]').click();
    await page.waitForTimeout(300);
    page.off('request', listener);
    check(!posted, 'the browser should not send a note over the limit');
    check((await form.locator('textarea[name="text"]').inputValue()).length === 20001, 'the text should stay in the field');
    await form.scrollIntoViewIfNeeded();
    await snap(page, path.join(artifacts, 'note-over-limit.png'), false);
    await checkAxe(page, 'note over the limit');
    // Without JavaScript the server refuses it with the Danish field error and gives the text back.
    const { page: nojs } = await newContext({ javaScriptEnabled: false });
    await login(nojs, base, 'sara', 'lang-hemmelig-kode-1');
    await nojs.goto(url);
    const f2 = nojs.locator('#form-note');
    await f2.locator('summary').click();
    await f2.locator('textarea[name="text"]').fill(long);
    const [refused] = await Promise.all([nojs.waitForResponse((r) => r.request().method() === 'POST'), f2.locator('button[type=submit]').click()]);
    await nojs.waitForLoadState();
    check(refused.status() === 422, 'the server should answer 422, got ' + refused.status());
    check(/Notat: Må højst være 20\.000 tegn/.test(await nojs.locator('#form-note').innerText()), 'the Danish field error should show');
    check((await nojs.locator('#form-note textarea[name="text"]').inputValue()) === long, 'the text typed should be kept');
  });

  await step('a date typed as 01.12.2026 is accepted and the "Gemt" banner is in view', async () => {
    await page.goto(url);
    const form = page.locator('#form-note');
    await form.locator('summary').click();
    await form.getByLabel('Dato').fill('01.12.2026');
    await form.locator('textarea[name="text"]').fill('Dato skrevet på dansk.');
    await Promise.all([page.waitForURL(/gemt=note/), form.locator('button[type=submit]').click()]);
    const row = page.locator('tr[data-kind="note"]', { hasText: 'Dato skrevet på dansk.' });
    check(await row.count() === 1 && /01\.12\.2026/.test(await row.innerText()), 'the note should be dated 01.12.2026');
    const banner = await page.evaluate(() => {
      const b = document.getElementById('gemt');
      if (!b) return null;
      const r = b.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight, focused: document.activeElement === b };
    });
    check(banner && banner.top >= 0 && banner.bottom <= banner.height, 'the Gemt banner should be in view, got ' + JSON.stringify(banner));
    check(banner.focused, 'the Gemt banner should have the focus');
    await snap(page, path.join(artifacts, 'saved-banner.png'), false);
  });

  await step('the worker picker offers colleagues by name and the course id is made by itself', async () => {
    const form = page.locator('#form-course_started');
    await form.locator('summary').click();
    const options = await form.locator('select[name="worker"] option').allInnerTexts();
    check(options.some((o) => /^Sara Holm Jensen \(sara\) – Myndighedssagsbehandler$/.test(o)), 'the picker should offer sara, got ' + options.join(', '));
    check(await form.locator('input[name="course"]').count() === 0, 'no course id to type');
    await form.getByLabel('Metode').selectOption('ICM');
    await Promise.all([page.waitForURL(/gemt=course_started/), form.locator('button[type=submit]').click()]);
    const row = page.locator('tr[data-kind="course_started"]').first();
    check(new RegExp(key + '-icm-\\d{4}-01').test(await row.innerText()), 'the course id should be made, got: ' + await row.innerText());
    // The phase form offers only CTI courses.
    const phase = page.locator('#form-course_phase select[name="course"] option');
    check(!(await phase.allInnerTexts()).some((o) => /ICM/.test(o)), 'the phase form should not offer the ICM course');
  });
}
