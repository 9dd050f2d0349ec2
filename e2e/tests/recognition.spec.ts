import { expect, test, type Page } from '@playwright/test';
import { DAY, heading, login } from './helpers';

/**
 * Commune recognition ("xã chuyển đổi số"), driven end to end by the three
 * roles it needs: the commune officer of Châu Quế Hạ (`xa`) registers, fills
 * in the self-assessment and submits it; the officer of Văn Yên district
 * (`huyen`, the verifying agency) verifies it from the district's board; the
 * province officer (`tinh`) recognises it from the province's board. A step
 * by a role out of scope is refused by the server.
 *
 * Both projects run against one server and a commune registers once a year,
 * so the desktop run takes the 2022 set and the phone run the 2023 one.
 */

async function logout(page: Page): Promise<void> {
  await page.locator('form.logout button').click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
}

/** The registration's id, as the recognition page marks it. */
async function registrationId(page: Page): Promise<string> {
  return (await page.locator('section.registration').getAttribute('data-id')) ?? '';
}

function level(page: Page, code: string) {
  return page.locator(`article.level[data-level="${code}"] .verdict`);
}

test('a commune registers, the district verifies, the province recognises', async ({ page }, testInfo) => {
  const year = testInfo.project.name === 'phone' ? 2023 : 2022;
  const commune = `/units/04387/recognition?year=${year}&on=${DAY}`;

  // The commune officer: from the commune's page to its recognition.
  await login(page, 'xa');
  await page.goto(`/units/04387?on=${DAY}`);
  await page.locator('p.programme a[href^="/units/04387/recognition"]').click();
  await expect(heading(page)).toContainText('Xét công nhận xã chuyển đổi số');
  if (year !== 2022) {
    await page.goto(commune);
  }
  await expect(level(page, 'cds')).toHaveAttribute('data-met', 'false');
  await expect(page.locator('tr[data-criterion="m03"]')).toHaveAttribute('data-met', 'false');
  const register = page.locator('form.register');
  await register.locator('select[name=level]').selectOption('cds');
  await register.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toBeVisible();
  await expect(page.locator('p.reg-status')).toHaveAttribute('data-status', 'registered');

  const form = page.locator('form.self-assessment');
  await form.locator('input[name=v_m03]').fill('1');
  await form.locator('input[name=v_m04]').fill('1');
  await form.locator('input[name=e_m04]').fill('https://chauqueha.vanyen.yenbai.gov.vn');
  await form.locator('input[name=v_m05]').fill('năm lăm');
  await form.locator('input[name=v_e06]').fill('1');
  await form.locator('input[name=v_e07]').fill('1');
  await form.locator('button[type=submit]').click();
  // A value that is not a number: the form comes back as typed, the
  // reason above it, in Vietnamese; nothing is written.
  await expect(page.locator('#self-error')).toContainText('“năm lăm” không phải là một số');
  await expect(form.locator('input[name=v_m03]')).toHaveValue('1');
  await expect(form.locator('input[name=e_m04]')).toHaveValue('https://chauqueha.vanyen.yenbai.gov.vn');
  await expect(form.locator('input[name=v_m05]')).toHaveValue('năm lăm');
  await expect(page.locator('tr[data-criterion="m03"]')).toHaveAttribute('data-met', 'false');
  await form.locator('input[name=v_m05]').fill('55');
  await form.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toBeVisible();
  await expect(level(page, 'cds')).toHaveAttribute('data-met', 'true');
  await expect(page.locator('tr[data-criterion="m03"]')).toHaveAttribute('data-met', 'true');

  await page.locator('form.step[data-action="submit"] button').click();
  await expect(page.locator('p.reg-status')).toHaveAttribute('data-status', 'submitted');

  // Now it waits on the district. The commune may not verify its own
  // registration: no button, and the server refuses the step if asked.
  await expect(page.locator('form.step[data-action="verify"]')).toHaveCount(0);
  const id = await registrationId(page);
  expect(id).toMatch(/^\d+$/);
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const refused = await page.request.post(`/api/v1/registrations/${id}/steps`, {
    headers: { 'x-csrf-token': csrf },
    data: { action: 'verify', on: DAY },
  });
  expect(refused.status()).toBe(403);
  await logout(page);

  // The district, from its board: the card waits in the "submitted" column.
  await login(page, 'huyen');
  await page.goto(`/units/136/registrations?year=${year}&on=${DAY}`);
  const card = page.locator(`section.column[data-status="submitted"] a.reg-card[data-unit="04387"]`);
  await expect(card).toBeVisible();
  await card.click();
  await expect(heading(page)).toContainText('Xã Châu Quế Hạ');
  await expect(page.locator('form.step[data-action="recognise"]')).toHaveCount(0);
  await page.locator('form.step[data-action="verify"] button').click();
  await expect(page.locator('p.reg-status')).toHaveAttribute('data-status', 'verified');
  await logout(page);

  // The province recognises it from the province's board.
  await login(page, 'tinh');
  await page.goto(`/units/15/registrations?year=${year}&on=${DAY}`);
  await page.locator(`section.column[data-status="verified"] a.reg-card[data-unit="04387"]`).click();
  await page.locator('form.step[data-action="recognise"] button').click();
  await expect(page.locator('p.reg-status')).toHaveAttribute('data-status', 'recognised');
  await expect(page.locator('ol.steps li')).toHaveCount(4);
  await page.goto(`/units/15/registrations?year=${year}&on=${DAY}`);
  await expect(page.locator(`section.column[data-status="recognised"] a.reg-card[data-unit="04387"]`)).toBeVisible();
});

test('the province sees the index beside its official ranks', async ({ page }) => {
  await page.goto(`/units/15/dti?year=2022&on=${DAY}`);
  await expect(heading(page)).toContainText('DTI');
  await expect(page.locator('tr[data-year="2022"] .rank')).toHaveText('15/63');
  await expect(page.locator('tr[data-year="2021"] .rank')).toHaveText('27/63');
  await expect(page.locator('table.pillars tbody tr')).toHaveCount(8);
  await expect(page.locator('svg.rank')).toBeVisible();
});
