import { expect, test, type Page } from '@playwright/test';
import { heading, login } from './helpers';

/**
 * The field list on a 360×740 phone (issue 17), as a team member of Khe
 * Bành: pages of at most 25 households with no sideways scroll, the "not
 * yet helped" filter and the walk to the next household, help recorded
 * back-dated from the list, back on the same row; no console error and no
 * CSP violation on the way.
 */
test.use({ viewport: { width: 360, height: 740 } });

const KIND = 'vneid';

async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `scroll width on ${page.url()}`).toBeLessThanOrEqual(360);
}

async function tall(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, `${selector} is shown`).not.toBeNull();
  expect(box!.height, `${selector} is a tap target`).toBeGreaterThanOrEqual(44);
}

/** A day N days before today in Vietnam, as dd/mm/yyyy. */
function daysBack(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toLocaleDateString('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

test('a team member walks the households not yet helped on a phone', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    // The app serves no /favicon.ico; the browser's own request for it is
    // not the field list's doing.
    if (m.location().url.endsWith('/favicon.ico')) return;
    if (m.type() === 'error' || m.text().includes('Content Security Policy')) problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await login(page, 'todan');
  await page.goto('/field');
  await expect(page).toHaveURL(/\/units\/\d+\/households/);
  await expect(heading(page)).toContainText('Khe Bành');

  // A page of 25, said as "1–25 / N hộ", with no sideways scroll.
  const rows = page.locator('li.field-row');
  await expect(rows).toHaveCount(25);
  await expect(page.locator('#field-range')).toHaveText(/^1–25 \/ \d+ hộ$/);
  await noSidewaysScroll(page);
  for (const s of ['a.household-link', 'a.call', 'a.pager-link', 'form.field-filter select', 'form.field-filter button']) {
    await tall(page, s);
  }
  await page.locator('a.pager-link[rel=next]').click();
  await expect(page.locator('#field-range')).toHaveText(/^26–50 \/ \d+ hộ$/);
  expect(await rows.count()).toBeLessThanOrEqual(25);

  // Only those not yet helped with VNeID.
  await page.locator('select[name=lacking]').selectOption(KIND);
  await page.locator('form.field-filter button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`lacking=${KIND}`));
  expect(await rows.count()).toBeLessThanOrEqual(25);
  expect(await rows.count()).toBeGreaterThan(0);
  await noSidewaysScroll(page);
  await tall(page, 'form.tap-help button');

  // Walk: the first household, then the next one not yet helped.
  await rows.first().locator('a.household-link').click();
  await expect(page).toHaveURL(new RegExp(`/households/\\d+\\?lacking=${KIND}`));
  await expect(page.locator(`button.help[data-kind="${KIND}"]`)).toBeVisible();
  const first = page.url();
  await noSidewaysScroll(page);
  await tall(page, 'a.next-household');
  await tall(page, `button.help[data-kind="${KIND}"]`);
  await page.locator('a.next-household').click();
  await expect(page).not.toHaveURL(first);
  await expect(page).toHaveURL(new RegExp(`/households/\\d+\\?lacking=${KIND}`));
  await expect(page.locator(`button.help[data-kind="${KIND}"]`), 'the next one lacks it too').toBeVisible();

  // Back to the list, set the day of help ten days back, tap the third row.
  await page.locator('a.back-to-list').click();
  await expect(page).toHaveURL(/#h-\d+$/);
  const day = daysBack(10);
  await page.locator('form.field-filter input[name=day]').fill(day);
  await page.locator('form.field-filter button[type=submit]').click();
  const row = rows.nth(2);
  const id = (await row.getAttribute('id'))!;
  await row.locator('form.tap-help button').click();
  await expect(page).toHaveURL(new RegExp(`keep=\\d+#${id}$`));
  await expect(page.locator('.flash.ok')).toContainText(day);
  const same = page.locator(`#${id}`);
  await expect(same).toHaveClass(/done/);
  await expect(same).toBeInViewport();
  await noSidewaysScroll(page);

  // A day in the future is refused, naming the field.
  await page.locator('form.field-filter input[name=day]').fill(daysBack(-1));
  await page.locator('form.field-filter button[type=submit]').click();
  const next = rows.filter({ has: page.locator('form.tap-help') }).first();
  await next.locator('form.tap-help button').click();
  await expect(page.locator('.flash.error')).toContainText('Ngày giúp');
  expect(problems).toEqual([]);
});
