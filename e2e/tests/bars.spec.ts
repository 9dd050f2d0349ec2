import { expect, type Locator, type Page, test } from '@playwright/test';
import { DAY, login } from './helpers';

/**
 * Progress bars are drawn to their value, under the Content-Security-Policy
 * (which refuses inline style attributes: a bar whose width was an inline
 * style was drawn full whatever its value).
 */

/** The share a bar's label says: "41.6%", "61,9%" or "7/10". */
function share(label: string): number {
  const [a, b] = label.split('/');
  const num = (s: string) => parseFloat(s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s);
  const v = b === undefined ? num(a) / 100 : num(a) / num(b);
  return Math.min(1, Math.max(0, v));
}

/** Every visible bar of the page is drawn to the share its label says. */
async function barsDrawnToTheirValue(page: Page): Promise<number> {
  const bars: Locator[] = await page.locator('.bar, .minibar').all();
  let checked = 0;
  for (const bar of bars) {
    if (!(await bar.isVisible())) continue;
    const label = await bar.getAttribute('aria-label');
    expect(label, 'a bar says what it shows').toBeTruthy();
    const track = (await bar.boundingBox())!;
    const fill = await bar.locator('span, rect').first().boundingBox();
    const drawn = fill ? fill.width / track.width : 0;
    expect(Math.abs(drawn - share(label!)), `bar "${label}" drawn at ${drawn.toFixed(3)}`).toBeLessThan(0.03);
    checked++;
  }
  return checked;
}

test('bars are drawn to their value, with no CSP violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  await login(page, 'tinh');
  let checked = 0;
  for (const url of [
    `/units/15?on=${DAY}`,
    `/units/15/registrations?year=2022&on=${DAY}`,
    `/units/15/dti?year=2022&on=${DAY}`,
    `/units/04387/recognition?year=2022&on=${DAY}`,
  ]) {
    await page.goto(url);
    checked += await barsDrawnToTheirValue(page);
  }
  // The board's bar (72 of 173 communes registered) is not full.
  await page.goto(`/units/15/registrations?year=2022&on=${DAY}`);
  const board = page.locator('.cards .bar').first();
  expect(share((await board.getAttribute('aria-label'))!)).toBeLessThan(0.5);
  expect(checked).toBeGreaterThan(5);
  expect(violations).toEqual([]);
});
