import { expect, test } from '@playwright/test';

/**
 * The map of Lào Cai on 2025-07-01: 99 communes drawn, each shaded by the
 * chosen figure through a stylesheet class (the CSP forbids style
 * attributes), each naming itself and its value; signed out, as the public
 * sees it.
 */
test('Lào Cai on 2025-07-01: 99 communes shaded by the figure, named with their value', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  await page.goto('/units/15/map?on=2025-07-01&key=households.zalo_group_pct');
  const areas = page.locator('figure.map > svg path');
  await expect(areas).toHaveCount(99);
  // Every area is painted by a class, not left black (an unstyled path).
  const fills = await areas.evaluateAll((ps) => ps.map((p) => getComputedStyle(p).fill));
  expect(fills.filter((f) => f === 'rgb(0, 0, 0)')).toEqual([]);
  // Darker for higher values: the darkest class is drawn in the darkest blue.
  const dark = page.locator('figure.map path.q4').first();
  await expect(dark).toBeVisible();
  expect(await dark.evaluate((p) => getComputedStyle(p).fill)).toBe('rgb(8, 81, 156)');
  // Each names itself and its value (shown on hover).
  const title = await dark.locator('title').textContent();
  expect(title).toMatch(/^(Xã|Phường) .+: \d+,\d%$/);
  // The map is as wide as the page allows, and drawn.
  const box = (await page.locator('figure.map > svg').boundingBox())!;
  expect(box.width).toBeGreaterThan(300);
  expect(violations).toEqual([]);
});

test('before 2025-07-01 the map page says no boundaries are shipped', async ({ page }) => {
  await page.goto('/units/15/map?on=2022-06-30');
  await expect(page.locator('figure.map')).toHaveCount(0);
  await expect(page.locator('p.notice')).toContainText('Chưa có ranh giới hành chính');
});
