import { expect, type Locator, type Page } from '@playwright/test';

/** Password of every demo account. */
export const PASSWORD = 'tinhso-demo';

/** A date when the pre-2025 three-level hierarchy (province → district → commune) holds. */
export const DAY = '2022-06-30';

export const UNIT_ACCESS_DENIED_VI = 'Không có quyền truy cập';
export const UNIT_ACCESS_DENIED_EN = 'Access denied';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches a whole (trimmed) text exactly. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** The `a.unit-link` inside `scope` whose text is exactly the unit's full name. */
export function unitLink(scope: Page | Locator, fullName: string): Locator {
  return scope.locator('a.unit-link').filter({ hasText: exactly(fullName) });
}

/** URL of a unit page as the contract writes it: /units/{code}?on=YYYY-MM-DD */
export function unitUrl(code: string, on: string = DAY): RegExp {
  return new RegExp(`/units/${escapeRegExp(code)}\\?on=${on}$`);
}

export function heading(page: Page): Locator {
  return page.locator('h1');
}

export function loginForm(page: Page): Locator {
  return page.locator('form', { has: page.locator('input[name=username]') });
}

/** Fills and submits the login form (does not check the outcome). */
export async function submitLogin(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  const form = loginForm(page);
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
}

/**
 * Signs in and waits to land on the person's own work ("Việc của tôi"): a
 * unit's dashboard, the unit list, a village's households or the party
 * handbook, depending on the role.
 */
export async function login(page: Page, username: string): Promise<void> {
  await submitLogin(page, username);
  await expect(page, `login as ${username} should land on their home`).toHaveURL(
    /\/(units|party)(\/|\?|$)/,
  );
  await expect(page.locator('form.logout')).toBeVisible();
}
