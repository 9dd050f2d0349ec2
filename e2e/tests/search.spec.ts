import { expect, test, type Page } from '@playwright/test';
import { DAY, heading, login, unitLink } from './helpers';

async function search(page: Page, query: string): Promise<void> {
  const form = page.locator('form.search');
  const q = form.locator('input[name=q]');
  await q.fill(query);
  await q.press('Enter');
  await expect(page).toHaveURL(/\/units\/search\?/);
}

function resultFor(page: Page, fullName: string) {
  return page.locator('ul.results > li').filter({ has: unitLink(page, fullName) });
}

test.describe('search', () => {
  test('"khe banh" (no diacritics) finds Thôn Khe Bành', async ({ page }) => {
    await login(page, 'tinh');
    await page.goto(`/units/15?on=${DAY}`);
    await search(page, 'khe banh');

    const item = resultFor(page, 'Thôn Khe Bành').first();
    await expect(item).toBeVisible();
    await expect(item.locator('.path')).toContainText('Châu Quế Hạ');
    await expect(item.locator('.path')).toContainText('Huyện Văn Yên');

    const link = unitLink(item, 'Thôn Khe Bành');
    await expect(link).toHaveAttribute('href', /^\/units\/[^/?]+\?on=\d{4}-\d{2}-\d{2}$/);
    await link.click();
    await expect(heading(page)).toHaveText('Thôn Khe Bành');
  });

  test('"chau que ha" finds Xã Châu Quế Hạ', async ({ page }) => {
    await login(page, 'tinh');
    await page.goto(`/units/136?on=${DAY}`);
    await search(page, 'chau que ha');

    const item = resultFor(page, 'Xã Châu Quế Hạ').first();
    await expect(item).toBeVisible();
    await expect(item.locator('.path')).toContainText('Huyện Văn Yên');
    await expect(item.locator('.path')).toContainText('Tỉnh Yên Bái');
  });
});
