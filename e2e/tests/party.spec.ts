import { expect, test, type Page } from '@playwright/test';
import { heading, login } from './helpers';

/**
 * The party-member e-handbook (Sổ tay đảng viên điện tử), on a phone first:
 * the secretary of the Khe Bành cell (`bithu`) creates a meeting and sends
 * its notice, the member (`dangvien`) sees the notice, the secretary takes
 * attendance in one tap per member, issues a document, the member reads it
 * and the secretary sees the read receipt.
 *
 * Runs in both projects against one server, so every title is unique.
 */

const MEMBER = 'Đảng viên chi bộ Khe Bành';

async function logout(page: Page): Promise<void> {
  await page.locator('form.logout button').click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
}

async function openHandbook(page: Page): Promise<void> {
  await page.locator('nav.main-nav a[href="/party"]').click();
  await expect(heading(page)).toHaveText('Sổ tay đảng viên');
}

test('a secretary runs a meeting; a member sees the notice and reads a document', async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const title = `Họp chi bộ chuyên đề ${stamp}`;
  const docTitle = `Thông báo lịch sinh hoạt ${stamp}`;

  // The secretary creates the meeting and sends its notice.
  await login(page, 'bithu');
  await openHandbook(page);
  await page.getByRole('link', { name: 'Quản lý chi bộ' }).click();
  await expect(heading(page)).toHaveText('Chi bộ thôn Khe Bành');
  const form = page.locator('#new-meeting form');
  await form.locator('input[name=title]').fill(title);
  await form.locator('select[name=kind]').selectOption('thematic');
  await form.locator('input[name=place]').fill('Nhà văn hóa thôn Khe Bành');
  await form.locator('textarea[name=agenda]').fill('1. Nhóm Zalo của thôn\n2. Sổ tay đảng viên điện tử');
  await form.locator('button[type=submit]').click();
  await expect(heading(page)).toHaveText(title);
  await expect(page.locator('#meeting-state')).toHaveText('Dự kiến');
  const meetingUrl = page.url();
  expect(meetingUrl).toMatch(/\/party\/meetings\/\d+$/);
  await page.locator('button.send-notice').click();
  await expect(page.locator('.flash.ok')).toContainText('Đã gửi thông báo họp: 15');
  await expect(page.locator('#meeting-state')).toHaveText('Đã thông báo');
  await logout(page);

  // The member sees the notice, new, and opens it.
  await login(page, 'dangvien');
  await openHandbook(page);
  const notice = page.locator('#notices li').filter({ hasText: title });
  await expect(notice).toBeVisible();
  await expect(notice.locator('.badge')).toHaveText('Mới');
  await notice.locator('a').click();
  await expect(heading(page)).toHaveText(title);
  await expect(page.locator('.meeting-facts')).toContainText('Nhà văn hóa thôn Khe Bành');
  // A member has no attendance buttons.
  await expect(page.locator('form.tap')).toHaveCount(0);
  await page.goto('/party');
  await expect(page.locator('#notices li').filter({ hasText: title }).locator('.badge')).toHaveCount(0);
  await logout(page);

  // The secretary takes attendance: one tap per member.
  await login(page, 'bithu');
  await page.goto(meetingUrl);
  const member = page.locator('li.attendee').filter({ hasText: MEMBER });
  await expect(member).toContainText('✓');
  await member.getByRole('button', { name: 'Có mặt' }).click();
  await expect(page.locator('.flash.ok')).toContainText('Đã điểm danh: Có mặt');
  await expect(page.locator('li.attendee').filter({ hasText: MEMBER })).toHaveClass(/status-present/);
  await expect(page.locator('#meeting-state')).toHaveText('Đã họp');
  const other = page.locator('li.attendee').nth(0);
  const otherId = await other.getAttribute('data-member');
  await other.locator('input[name=reason]').fill('Ốm');
  await other.getByRole('button', { name: 'Vắng' }).click();
  const absent = page.locator(`li.attendee[data-member="${otherId}"]`);
  await expect(absent).toHaveClass(/status-absent/);
  await expect(absent.locator('.att-status')).toContainText('Vắng – Ốm');
  await expect(page.locator('h2#attendance')).toContainText('1/15');

  // The secretary issues a document to the cell.
  await page.locator('nav.breadcrumb a').filter({ hasText: 'Chi bộ thôn Khe Bành' }).click();
  await page.locator('#new-document summary').click();
  const doc = page.locator('#new-document form');
  await doc.locator('input[name=number]').fill(`TB-${Date.now()}`);
  await doc.locator('input[name=title]').fill(docTitle);
  await doc.locator('select[name=kind]').selectOption('notice');
  await doc.locator('button[type=submit]').click();
  await expect(heading(page)).toHaveText(docTitle);
  const docUrl = page.url();
  await expect(page.locator('#receipts ul.unread')).toContainText(MEMBER);
  await logout(page);

  // The member finds it among documents to read, and reads it.
  await login(page, 'dangvien');
  await page.goto('/party');
  await page.locator('#to-read a').filter({ hasText: docTitle }).click();
  await expect(heading(page)).toHaveText(docTitle);
  await page.goto('/party');
  await expect(page.locator('#to-read a').filter({ hasText: docTitle })).toHaveCount(0);
  await logout(page);

  // The secretary sees the read receipt.
  await login(page, 'bithu');
  await page.goto(docUrl);
  await expect(page.locator('#receipts ul.read')).toContainText(MEMBER);
  await expect(page.locator('#receipts ul.unread')).not.toContainText(MEMBER);
  await expect(page.locator('#receipts .receipt-count')).toHaveText('2/15');
});

test('a member searches documents without diacritics', async ({ page }) => {
  await login(page, 'dangvien');
  await openHandbook(page);
  await page.locator('form.party-search input[name=q]').fill('chuyen doi so');
  await page.locator('form.party-search button').click();
  await expect(page).toHaveURL(/\/party\/documents\?q=chuyen/);
  await expect(page.locator('ul.results a').filter({ hasText: 'Nghị quyết về chuyển đổi số tỉnh Yên Bái năm 2022' })).toBeVisible();
  // The restricted notice is for secretaries and deputies only.
  await page.locator('form.party-search input[name=q]').fill('cong tac can bo');
  await page.locator('form.party-search button').click();
  await expect(page.locator('main')).toContainText('Không có văn bản phù hợp.');
  await expect(page.locator('ul.results')).toHaveCount(0);
});
