import { expect, test } from '@playwright/test';
import { DAY, heading, login, unitLink } from './helpers';

test.describe('live figures', () => {
  test('drill-down with figures, a trend chart and a trace', async ({ page }) => {
    await login(page, 'tinh');
    await page.goto(`/units/15?on=${DAY}`);
    await expect(heading(page)).toHaveText('Tỉnh Yên Bái');
    // Headline cards computed from the records.
    await expect(page.locator('.card[data-key="teams.members"] .value')).toHaveText('10.851');
    await expect(page.locator('.card[data-key="teams.coverage_pct"] .value')).toHaveText('100%');
    await expect(page.locator('.card[data-key="households.zalo_group_pct"] .bar rect')).toBeVisible();
    // Written as people in Vietnam write them (issue 17), and the Zalo bar
    // drawn to its value.
    await expect(page.locator('.card[data-key="households.total"] .value')).toHaveText('211.979');
    await expect(page.locator('.card[data-key="households.zalo_group_pct"] .value')).toHaveText('61,8%');
    const track = (await page.locator('.card[data-key="households.zalo_group_pct"] .bar').boundingBox())!;
    const fill = (await page.locator('.card[data-key="households.zalo_group_pct"] .bar rect').first().boundingBox())!;
    expect(Math.abs(fill.width / track.width - 0.618)).toBeLessThan(0.02);
    // A trend drawn as SVG on the server, with a line.
    const line = page.locator('svg.trend polyline.line');
    await expect(line).toHaveCount(1);
    expect((await line.getAttribute('points'))!.split(' ').length).toBeGreaterThan(10);
    // The children table ranks by a figure when asked.
    await page.locator('table.children thead a', { hasText: 'Zalo' }).click();
    await expect(page).toHaveURL(/sort=zalo/);
    await expect(page.locator('table.children tbody tr').first().locator('td').first()).toHaveText('1');
    // Drill down to Văn Yên: 325 commune-level + 1,322 village-level members.
    await unitLink(page.locator('table.children'), 'Huyện Văn Yên').click();
    await expect(heading(page)).toHaveText('Huyện Văn Yên');
    await expect(page.locator('.card[data-key="teams.members"] .detail')).toContainText('1.322');
    // Every number leads to what it is made of.
    await page.locator('.card[data-key="teams.members"]').click();
    await expect(page).toHaveURL(/\/units\/136\/trace\?key=teams\.members/);
    // Named in words, with its rule in a sentence, not by its key.
    await expect(heading(page)).toHaveText('Thành viên tổ CNS cộng đồng');
    await expect(page.locator('table.parts a.unit-link')).toHaveCount(25);
    // Down to a village, where the trace lists the records.
    await unitLink(page.locator('table.parts'), 'Xã Châu Quế Hạ').click();
    await unitLink(page.locator('table.parts'), 'Thôn Khe Bành').click();
    await expect(page.locator('ul.records li').first()).toBeVisible();
  });

  test('a team member records help for a household on a phone', async ({ page }) => {
    await login(page, 'todan');
    await page.goto('/field');
    await expect(page).toHaveURL(/\/units\/\d+\/households/);
    await expect(heading(page)).toContainText('Khe Bành');
    // Find a household by code without typing its name.
    await page.locator('form.search input[name=q]').fill('0007');
    await page.locator('form.search button[type=submit]').click();
    const links = page.locator('a.household-link');
    await expect(links).toHaveCount(1);
    await links.first().click();
    await expect(heading(page)).toContainText('0007');
    // One tap on something not yet done records it, dated today.
    const todo = page.locator('button.help').first();
    const kind = await todo.getAttribute('data-kind');
    await todo.click();
    await expect(page.locator('.flash.ok')).toBeVisible();
    await expect(page.locator(`li.done button[data-kind="${kind}"]`)).toBeVisible();
    // ...and a correction takes it back, as a new record.
    await page.locator(`li.done button[data-kind="${kind}"]`).click();
    await expect(page.locator(`button.help[data-kind="${kind}"]`)).toBeVisible();
  });
});
