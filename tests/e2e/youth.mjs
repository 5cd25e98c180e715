// Browser steps of the youth model and the homeless count (DESIGN §10), run by run.mjs after its
// own steps (its helpers come in as `t`): a youth course on the citizen run.mjs registered, a
// youth team with goals recorded on the citizen's youth page and shown afterwards; the youth
// report page; the homeless count page of a leader, whose CSV download is the count's person form.
import fs from 'node:fs';
import path from 'node:path';
import { snap } from './snap.mjs';

export const youthUsers = [['leder', 'leader', '151', 'ledelsens-lange-kode-55']];

// The ISO 8601 week (YYYY-Www) of a date.
function isoWeek(d) {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);  // the Thursday of the week names its year
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export async function youthSteps(t) {
  const { step, check, newContext, login, checkLabels, checkAxe, base, artifacts, citizenUrl } = t;
  const { page } = await newContext();
  await login(page, base, 'sara', 'lang-hemmelig-kode-1');

  await step('youth model: start a youth course and open the citizen\'s youth page', async () => {
    await page.goto(citizenUrl);
    const form = page.locator('#form-course_started');
    await form.locator('summary').click();
    await form.getByLabel('Metode').selectOption('youth');
    await Promise.all([page.waitForURL(/gemt=course_started/), form.locator('button[type=submit]').click()]);
    await Promise.all([page.waitForURL(/\/unge$/), page.getByTestId('youth-page-link').click()]);
    check(/^Ungemodellen: /.test(await page.locator('h1').innerText()), 'the youth page should have its heading');
    check(/Fyldte 18 år den/.test(await page.getByTestId('youth-transition').innerText()), 'the transition at 18 should show');
    check(/før forløbet startede/.test(await page.getByTestId('youth-transition').innerText()),
          'a 24-year-old turned 18 before the course, got: ' + await page.getByTestId('youth-transition').innerText());
    check(/Intet team er registreret/.test(await page.locator('#team').innerText()), 'no team before one is recorded');
    await checkLabels(page, 'youth page');
    await checkAxe(page, 'youth page');
  });

  await step('youth model: record the team and two goals, and see them on the youth page', async () => {
    const team = page.locator('#form-youth_team');
    await team.locator('summary').click();
    await team.getByLabel('Rolle 1', { exact: true }).selectOption('coordinator');
    await team.getByLabel('Navn 1', { exact: true }).fill('Mette Koordinator');
    await team.getByLabel('Rolle 2', { exact: true }).selectOption('young_person');
    await team.getByLabel('Rolle 3', { exact: true }).selectOption('uu_guidance');
    await team.getByLabel('Navn 3', { exact: true }).fill('Ole Vejleder');
    // A name without a role is refused beside its row, and nothing is stored.
    await team.getByLabel('Navn 4', { exact: true }).fill('Uden rolle');
    await team.getByRole('button', { name: 'Gem' }).click();
    await page.waitForLoadState();
    check(/Intet er gemt/.test(await page.locator('main').innerText()), 'a member without a role should store nothing');
    check(await page.locator('[data-field="members[3].role"] .form-error-message').count() === 1,
          'the error should be beside the fourth row\'s role');
    check(/Intet team er registreret/.test(await page.locator('#team').innerText()), 'still no team');
    await team.getByLabel('Rolle 4', { exact: true }).selectOption('jobcentre');
    await Promise.all([page.waitForURL(/gemt=youth_team/), team.getByRole('button', { name: 'Gem' }).click()]);
    const rows = page.locator('#team-table tbody tr');
    check(await rows.count() === 4, 'the team should have 4 members, got ' + await rows.count());
    check(/Koordinator\s+Mette Koordinator/.test(await rows.nth(0).innerText()), 'the coordinator should be listed with her name');
    check(/UU-vejleder\s+Ole Vejleder/.test(await page.locator('#team-table').innerText()), 'the UU counsellor should be listed');
    check(/Teamet er fuldt/.test(await page.getByTestId('team-complete').innerText()), 'the team should be complete');

    for (const [area, text, status] of [['education', 'Begynde på HF til sommer', 'I gang'], ['network', 'Genoptage kontakten til sin søster', 'Sat']]) {
      const goal = page.locator('#form-youth_goal');
      await goal.locator('summary').click();
      await goal.getByLabel('Område').selectOption(area);
      await goal.getByLabel('Målet').fill(text);
      await goal.getByLabel(status, { exact: true }).check();
      await Promise.all([page.waitForURL(/gemt=youth_goal/), goal.getByRole('button', { name: 'Gem' }).click()]);
    }
    const goals = page.locator('#goals-table tbody tr');
    check(await goals.count() === 2, 'two goals should be listed, got ' + await goals.count());
    check(/Uddannelse\s+Begynde på HF til sommer\s+I gang/.test(await goals.nth(0).innerText()), 'the education goal should be in progress');
    check(/søster/.test(await page.getByTestId('network').innerText()), 'the network goal should show under the network');
    await page.reload();
    check(await page.locator('#goals-table tbody tr').count() === 2, 'the goals stay after a reload');
    await checkAxe(page, 'youth page with team and goals');
    await snap(page, path.join(artifacts, 'youth-page.png'), true);
  });

  const { page: lp, context: lc } = await newContext({ acceptDownloads: true });
  await login(lp, base, 'leder', 'ledelsens-lange-kode-55');

  await step('youth model: the youth report page for the municipality, with chart and CSV', async () => {
    await lp.goto(base + '/rapporter');
    await Promise.all([lp.waitForURL('**/rapporter/unge'), lp.getByRole('link', { name: 'Ungemodellen' }).click()]);
    const report = lp.locator('.youth-report');
    check(await report.count() === 1, 'the youth report should be on the page');
    check(/Fuldt team/.test(await report.innerText()), 'the figures should have their Danish names');
    check(await report.locator('svg').count() >= 1, 'the report should have a chart');
    await checkLabels(lp, 'youth report');
    await checkAxe(lp, 'youth report');
    const [download] = await Promise.all([lp.waitForEvent('download'), lp.getByTestId('youth-csv').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    check(csv.startsWith('municipality,indicator,split,key,numerator,denominator,value'), 'the CSV should have the report columns');
    check(/151,youth_team_complete_share,,,1,1,/.test(csv), 'the complete team should count in the CSV, got:\n' + csv.slice(0, 600));
    await snap(lp, path.join(artifacts, 'youth-report.png'), true);
  });

  await step('homeless count: a leader picks a week and downloads the CSV', async () => {
    await lp.goto(base + '/rapporter/taelling');
    check(/-W06$/.test(await lp.getByLabel('Uge').inputValue()), 'week 6 should be the default');
    // Two weeks ago: the citizens the housing steps registered in a shelter and on the street 90
    // days ago were homeless then.
    const week = isoWeek(new Date(Date.now() - 14 * 86400000));
    await lp.getByLabel('Uge').fill(week);
    await Promise.all([lp.waitForURL(/week=/), lp.getByRole('button', { name: 'Vis tælling' }).click()]);
    const row = lp.locator('#count-table tr[data-municipality="151"]');
    check(await row.count() === 1, 'Ballerup should be in the count of ' + week);
    check(/Herberg/.test(await lp.locator('#count-table').innerText()), 'the shelter should be a column');
    const total = Number((await lp.getByTestId('count-total').innerText()).replace(/\D/g, ''));
    check(total >= 2, 'at least the two citizens of the housing steps should be counted, got ' + total);
    await checkLabels(lp, 'count page');
    await checkAxe(lp, 'count page');
    const [download] = await Promise.all([lp.waitForEvent('download'), lp.getByTestId('count-csv').click()]);
    check(download.suggestedFilename() === `taelling-${week}-151.csv`, 'the file name should name the week, got ' + download.suggestedFilename());
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n').filter((l) => l);
    check(lines[0] === 'municipality,citizen,situation,age_band,method', 'the CSV should be the person form, got ' + lines[0]);
    check(lines.length - 1 === total, `the CSV should list the ${total} people of the page, got:\n${csv}`);
    check(lines.some((l) => /^151,151-\d{4},shelter,/.test(l)) && lines.some((l) => /^151,151-\d{4},street,/.test(l)),
          'the CSV should have the shelter and the street, got:\n' + csv);
    await snap(lp, path.join(artifacts, 'count.png'), true);
  });
  await lc.close();
}
