import { expect, test } from '@playwright/test';
import { heading, login } from './helpers';

/**
 * The officers' short forms come back as typed when refused: the criteria
 * set editor (province officer) and a new account whose unit was picked
 * from a search (commune officer). The reason stands beside the field, in
 * Vietnamese; nothing is written, so both projects share the server.
 */

test('a refused criterion comes back as typed, the reason beside the steps', async ({ page }) => {
  // The refused page is a 422, which Chromium logs as a failed load: only
  // CSP violations and script errors count.
  const console_: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) console_.push(m.text());
  });
  page.on('pageerror', (e) => console_.push(e.message));
  await login(page, 'tinh');
  await page.goto('/criteria-sets');
  await page.locator('a[href^="/criteria-sets/"]').first().click();
  const form = page.locator('form#criterion');
  await form.locator('input[name=code]').fill('zalo_thon');
  await form.locator('input[name=name_vi]').fill('Thôn có nhóm Zalo của tổ CNS');
  await form.locator('select[name=scoring]').selectOption('steps');
  await form.locator('input[name=steps]').fill('50:5, 70');
  await form.locator('button[type=submit]').click();

  await expect(form.locator('input[name=name_vi]')).toHaveValue('Thôn có nhóm Zalo của tổ CNS');
  await expect(form.locator('input[name=steps]')).toHaveValue('50:5, 70');
  await expect(form.locator('input[name=steps]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('select[name=scoring]')).toHaveValue('steps');
  const why = page.locator('#criterion-steps-error');
  await expect(why).toBeVisible();
  await expect(why).toContainText('“70”');
  await expect(why).not.toContainText(/must|got/);
  await expect(page.locator('tr[data-criterion="zalo_thon"]')).toHaveCount(0);
  expect(console_).toEqual([]);
});

test('a refused new account keeps the unit found by name and the role', async ({ page }) => {
  await login(page, 'xa');
  await page.goto('/users');
  await heading(page).waitFor();
  const box = page.locator('details#user-new');
  await box.locator('summary').click();
  await box.locator('input[name=unit_q]').fill('khe banh');
  await box.locator('form[role=search] button[type=submit]').click();

  const form = page.locator('details#user-new form[method=post]');
  await form.locator('input[name=username]').fill('Tổ viên mới');
  await form.locator('input[name=display_name]').fill('Lý Thị Mai');
  await form.locator('input[name=password]').fill('mat-khau-bi-mat');
  await form.locator('select[name=role]').selectOption('team_member');
  await form.locator('input[name=unit]').first().check();
  const unit = await form.locator('input[name=unit]:checked').getAttribute('value');
  await form.locator('button[type=submit]').click();

  await expect(page.locator('details#user-new')).toHaveAttribute('open', '');
  await expect(form.locator('input[name=username]')).toHaveValue('Tổ viên mới');
  await expect(form.locator('input[name=username]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('input[name=display_name]')).toHaveValue('Lý Thị Mai');
  await expect(form.locator('input[name=password]')).toHaveValue('');
  await expect(form.locator('select[name=role]')).toHaveValue('team_member');
  await expect(form.locator('input[name=unit]:checked')).toHaveAttribute('value', unit ?? '');
  await expect(page.locator('#user-new-username-error')).toBeVisible();
  await expect(page.locator('#user-new-username-error')).not.toContainText(/must|got/);
});
