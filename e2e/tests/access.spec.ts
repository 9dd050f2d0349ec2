import { expect, test } from '@playwright/test';
import { DAY, UNIT_ACCESS_DENIED_VI, heading, login, unitLink } from './helpers';

test.describe('scope', () => {
  test("commune officer reads any unit's figures but no records outside the commune", async ({ page }) => {
    await login(page, 'xa');

    await page.goto(`/units?on=${DAY}`);
    await expect(unitLink(page, 'Xã Châu Quế Hạ')).toBeVisible();

    // The district above and a sibling commune: their figures are open to
    // all (the public view), their households are not.
    for (const code of ['136', '04390']) {
      const open = await page.goto(`/units/${code}?on=${DAY}`);
      expect(open?.status(), `GET /units/${code}`).toBe(200);
    }
    const res = await page.goto(`/units/04390/households?on=${DAY}`);
    expect(res?.status(), 'GET /units/04390/households').toBe(403);
    await expect(heading(page)).toHaveText(UNIT_ACCESS_DENIED_VI);

    const ok = await page.goto(`/units/04387?on=${DAY}`);
    expect(ok?.status(), 'GET /units/04387').toBe(200);
    await expect(heading(page)).toHaveText('Xã Châu Quế Hạ');
  });
});
