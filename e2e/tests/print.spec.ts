import { expect, test, type Page } from '@playwright/test';
import { DAY, login } from './helpers';

/**
 * Print views (issue 17): printed, a page shows no controls (menu, language
 * switch, buttons, forms, filters) and starts with a header naming the page,
 * the unit, the day of its figures and the day it was printed. Checked with
 * the print media emulated, signed in as the province officer, who sees the
 * most controls.
 */

const CONTROLS = 'button, input, select, textarea, nav, header.top, .lang';

async function expectPrintView(page: Page, title: string): Promise<void> {
  const head = page.locator('.print-head');
  // On screen the header is hidden and the controls are there.
  await page.emulateMedia({ media: 'screen' });
  await expect(head).toBeHidden();
  await expect(page.locator('header.top nav')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(head).toBeVisible();
  await expect(head.locator('.print-title')).toHaveText(title);
  await expect(head.locator('.print-unit')).toHaveText('Tỉnh Yên Bái');
  await expect(head.locator('.print-dates')).toContainText('Số liệu ngày 30/06/2022');
  await expect(head.locator('.print-dates')).toContainText(/Ngày in \d{2}\/\d{2}\/\d{4}/);
  // The header comes first on the sheet.
  const box = await head.boundingBox();
  const main = await page.locator('main h1').boundingBox();
  expect(box && main && box.y < main.y).toBeTruthy();
  const controls = page.locator(CONTROLS);
  const shown: string[] = [];
  for (const c of await controls.all()) {
    if (await c.isVisible()) shown.push(await c.evaluate((e) => e.outerHTML.slice(0, 80)));
  }
  expect(shown, 'controls visible in print').toEqual([]);
  await page.emulateMedia({ media: 'screen' });
}

test('the unit dashboard prints with its header and no controls', async ({ page }) => {
  await login(page, 'tinh');
  await page.goto(`/units/15?on=${DAY}`);
  await expect(page.locator('form button, form input:not([type=hidden])').first()).toBeVisible();
  await expectPrintView(page, 'Tỉnh Yên Bái');
});

test('the goals board prints with its header and no controls', async ({ page }) => {
  await login(page, 'tinh');
  await page.goto(`/units/15/goals?on=${DAY}`);
  await expectPrintView(page, 'Mục tiêu chuyển đổi số – Tỉnh Yên Bái');
});
