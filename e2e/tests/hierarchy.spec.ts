import { expect, test } from '@playwright/test';
import { DAY, heading, login, unitLink, unitUrl } from './helpers';

test.describe('unit hierarchy', () => {
  test('tinh walks from the province down to a village', async ({ page }) => {
    await login(page, 'tinh');
    await page.goto(`/units?on=${DAY}`);

    // Starting point of the province officer's scope.
    await unitLink(page, 'Tỉnh Yên Bái').click();
    await expect(page).toHaveURL(unitUrl('15'));
    await expect(heading(page)).toHaveText('Tỉnh Yên Bái');

    await unitLink(page.locator('table.children'), 'Huyện Văn Yên').click();
    await expect(page).toHaveURL(unitUrl('136'));
    await expect(heading(page)).toHaveText('Huyện Văn Yên');

    await unitLink(page.locator('table.children'), 'Xã Châu Quế Hạ').click();
    await expect(page).toHaveURL(unitUrl('04387'));
    await expect(heading(page)).toHaveText('Xã Châu Quế Hạ');

    await unitLink(page.locator('table.children'), 'Thôn Khe Bành').click();
    await expect(page).toHaveURL(new RegExp(`/units/[^/?]+\\?on=${DAY}$`));
    await expect(heading(page)).toHaveText('Thôn Khe Bành');

    // The breadcrumb links the three ancestors, top-down.
    const breadcrumb = page.locator('nav.breadcrumb');
    for (const ancestor of ['Tỉnh Yên Bái', 'Huyện Văn Yên', 'Xã Châu Quế Hạ']) {
      await expect(breadcrumb.getByRole('link', { name: ancestor, exact: true })).toBeVisible();
    }
    await expect(breadcrumb).toHaveText(/Tỉnh Yên Bái.*Huyện Văn Yên.*Xã Châu Quế Hạ/s);

    // Breadcrumb links go back up, keeping the date.
    await breadcrumb.getByRole('link', { name: 'Huyện Văn Yên', exact: true }).click();
    await expect(page).toHaveURL(unitUrl('136'));
    await expect(heading(page)).toHaveText('Huyện Văn Yên');
  });

  test('date picker: code 15 is Tỉnh Lào Cai from 2025-07-01', async ({ page }) => {
    await login(page, 'tinh');
    await page.goto(`/units/15?on=${DAY}`);
    await expect(heading(page)).toHaveText('Tỉnh Yên Bái');

    const picker = page.locator('form.date-picker');
    const date = picker.locator('input[type=date][name=on]');
    await expect(date).toHaveValue(DAY);
    await date.fill('2025-07-01');
    await picker.locator('button, input[type=submit]').click();

    await expect(page).toHaveURL(/\/units\/15\?(.*&)?on=2025-07-01(&|$)/);
    await expect(heading(page)).toHaveText('Tỉnh Lào Cai');
    await expect(date).toHaveValue('2025-07-01');
    // After the reform communes hang directly under the province: 04387 is now Xã Châu Quế.
    await expect(unitLink(page.locator('table.children'), 'Xã Châu Quế')).toBeVisible();
    await expect(unitLink(page.locator('table.children'), 'Huyện Văn Yên')).toHaveCount(0);
  });
});
