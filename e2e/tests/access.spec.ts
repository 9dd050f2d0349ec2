import { expect, test } from '@playwright/test';
import { DAY, UNIT_ACCESS_DENIED_VI, heading, login, unitLink } from './helpers';

test.describe('scope', () => {
  test('commune officer cannot open units outside the commune', async ({ page }) => {
    await login(page, 'xa');

    await page.goto(`/units?on=${DAY}`);
    await expect(unitLink(page, 'Xã Châu Quế Hạ')).toBeVisible();

    // The district above and a sibling commune are out of scope.
    for (const code of ['136', '04390']) {
      const res = await page.goto(`/units/${code}?on=${DAY}`);
      expect(res?.status(), `GET /units/${code}`).toBe(403);
      await expect(heading(page)).toHaveText(UNIT_ACCESS_DENIED_VI);
    }

    const ok = await page.goto(`/units/04387?on=${DAY}`);
    expect(ok?.status(), 'GET /units/04387').toBe(200);
    await expect(heading(page)).toHaveText('Xã Châu Quế Hạ');
  });
});
