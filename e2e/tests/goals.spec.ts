import { expect, test } from '@playwright/test';
import { DAY, heading, login } from './helpers';

/**
 * Programme management: the province officer (`tinh`) opens Yên Bái's goals
 * board from the unit page, sees 14 of 38 goals achieved on 2022-06-30,
 * marks a goal achieved with a file as evidence and sees 15/38, then
 * withdraws the mark (so that the other project, run against the same
 * server, starts from 14/38 again); the models registry shows 10 deployed,
 * 6 effective.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('an officer marks a goal achieved with evidence; the board counts it', async ({ page }, testInfo) => {
  // Each project marks its own goal.
  const code = testInfo.project.name === 'phone' ? 'MT-08' : 'MT-03';
  await login(page, 'tinh');
  await page.goto(`/units/15?on=${DAY}`);
  await expect(heading(page)).toHaveText('Tỉnh Yên Bái');
  await page.locator('.programme-links a', { hasText: 'Mục tiêu CĐS' }).click();
  await expect(page).toHaveURL(new RegExp(`/units/15/goals\\?on=${DAY}$`));
  await expect(heading(page)).toHaveText('Mục tiêu chuyển đổi số');
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('14/38');
  await expect(page.locator('li.goal.state-overdue').first()).toBeVisible();

  const goal = page.locator(`li.goal[data-code="${code}"]`);
  await expect(goal).toHaveClass(/state-open/);
  await goal.locator('details.goal-mark summary').click();
  const form = goal.locator('details.goal-mark form');
  await form.locator('select[name=status]').selectOption('achieved');
  await expect(form.locator('input[name=on]')).toHaveValue(DAY);
  await form.locator('textarea[name=note]').fill('Báo cáo kết quả 6 tháng đầu năm');
  await form.locator('input[name=file]').setInputFiles({ name: 'bao-cao-6-thang.pdf', mimeType: 'application/pdf', buffer: PDF });
  await form.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toContainText('Đã cập nhật trạng thái mục tiêu');
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('15/38');
  const marked = page.locator(`li.goal[data-code="${code}"]`);
  await expect(marked).toHaveClass(/state-achieved/);
  await marked.locator('details.goal-history summary').click();
  await expect(marked.locator('ol.history li').last()).toContainText('Báo cáo kết quả 6 tháng đầu năm');
  await expect(marked.locator('a.evidence-file').last()).toHaveText('bao-cao-6-thang.pdf');

  // A file of the wrong type is refused and nothing changes.
  await marked.locator('details.goal-mark summary').click();
  const again = marked.locator('details.goal-mark form');
  await again.locator('select[name=status]').selectOption('not_achieved');
  await again.locator('input[name=file]').setInputFiles({ name: 'trang.html', mimeType: 'text/html', buffer: Buffer.from('<html><body>x</body></html>') });
  await again.locator('textarea[name=note]').fill('Ảnh chụp trang web');
  await again.locator('button[type=submit]').click();
  // The form comes back open, as typed, the reason above it.
  const undo = page.locator(`li.goal[data-code="${code}"] details.goal-mark`);
  await expect(undo).toHaveAttribute('open', '');
  await expect(undo.locator('.field-error')).toBeVisible();
  await expect(undo.locator('select[name=status]')).toHaveValue('not_achieved');
  await expect(undo.locator('textarea[name=note]')).toHaveValue('Ảnh chụp trang web');
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('15/38');

  // Withdraw the mark: back to 14/38.
  await undo.locator('select[name=status]').selectOption('not_achieved');
  await undo.locator('textarea[name=note]').fill('Kiểm tra lại');
  await undo.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toBeVisible();
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('14/38');
});

test('the models registry shows 10 deployed, 6 effective', async ({ page }) => {
  await login(page, 'tinh');
  await page.goto(`/units/15/goals?on=${DAY}`);
  await page.locator('p.meta a', { hasText: 'Mô hình CĐS' }).click();
  await expect(heading(page)).toHaveText('Mô hình chuyển đổi số');
  await expect(page.locator('#models-summary .models-deployed')).toHaveText('10');
  await expect(page.locator('#models-summary .models-effective')).toHaveText('6');
  const school = page.locator('article.model', { hasText: 'Trường học số' }).first();
  await expect(school.locator('.model-status')).toHaveText('Phát huy hiệu quả');
  await expect(school.locator('.deployed-in')).toContainText('Huyện Văn Yên');
  await expect(page.locator('section.field-group[data-field="party"]')).toContainText('Sổ tay đảng viên điện tử');
});
