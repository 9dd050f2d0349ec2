import { expect, test } from '@playwright/test';
import { DAY, heading, login } from './helpers';

/**
 * Programme forms: the province officer (`tinh`) adds a goal to Yên Bái's
 * 2023 programme from the goals board, and adds a pilot model, records
 * where it is deployed and judges it effective from the models registry,
 * without the API. A refused form comes back as typed, the reason beside
 * the field, and nothing written.
 *
 * Both projects run against one server: names carry the time and the
 * project. Everything is dated in 2023, so the 2022-06-30 figures that
 * goals.spec.ts checks (14/38 goals, 10 deployed, 6 effective) stand
 * whatever order the specs run in.
 */

function stamp(project: string): string {
  return `${Date.now() % 100_000_000}-${project === 'phone' ? 'P' : 'D'}`;
}

test('an officer adds a goal from the board; a refused one is not written', async ({ page }, testInfo) => {
  const code = `T${stamp(testInfo.project.name)}`;
  const text = `Mục tiêu thử ${code}: 100% xã có điểm phục vụ dịch vụ công trực tuyến`;
  await login(page, 'tinh');
  await page.goto(`/units/15/goals?on=${DAY}`);
  await expect(heading(page)).toHaveText('Mục tiêu chuyển đổi số');
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('14/38');

  const box = page.locator('details#goal-new');
  const form = box.locator('form');
  await box.locator('summary').click();
  await form.locator('input[name=period]').fill('2023');
  await form.locator('input[name=code]').fill(code);
  await form.locator('textarea[name=text_vi]').fill(text);
  await form.locator('input[name=owner]').fill('Sở Thông tin và Truyền thông');
  await expect(form.locator('input[name=judged][value=manual]')).toBeChecked();

  // A deadline before the plan period is refused: the form comes back open
  // with everything as typed, the reason beside the deadline, in Vietnamese.
  await form.locator('input[name=deadline]').fill('2022-12-31');
  await form.locator('button[type=submit]').click();
  await expect(box).toHaveAttribute('open', '');
  const why = page.locator('#goal-new-deadline');
  await expect(why).toHaveText('phải từ ngày bắt đầu kỳ kế hoạch (01/01/2023) trở đi, nhận được 31/12/2022.');
  await expect(form.locator('input[name=deadline]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('input[name=code]')).toHaveValue(code);
  await expect(form.locator('textarea[name=text_vi]')).toHaveValue(text);
  await expect(form.locator('input[name=owner]')).toHaveValue('Sở Thông tin và Truyền thông');
  await expect(form.locator('input[name=deadline]')).toHaveValue('2022-12-31');
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('14/38');
  await expect(page.locator(`li.goal[data-code="${code}"]`)).toHaveCount(0);

  // Only the deadline is typed again.
  await form.locator('input[name=deadline]').fill('2023-12-31');
  await form.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toContainText(`Đã thêm mục tiêu: ${code}`);
  await expect(page).toHaveURL(new RegExp(`/units/15/goals\\?on=2023-`));
  const goal = page.locator(`li.goal[data-code="${code}"]`);
  await expect(goal.locator('.goal-text')).toHaveText(text);
  await expect(goal.locator('.goal-facts')).toContainText('Hạn 31/12/2023');

  // The 2022 board is as it was.
  await page.goto(`/units/15/goals?on=${DAY}`);
  await expect(page.locator('#goals-progress .achieved-count')).toHaveText('14/38');
  await expect(page.locator(`li.goal[data-code="${code}"]`)).toHaveCount(0);
});

test('an officer adds a model, deploys it and judges it effective', async ({ page }, testInfo) => {
  const name = `Chợ nông sản số thử ${stamp(testInfo.project.name)}`;
  const on = '2023-06-30';
  await login(page, 'tinh');
  await page.goto(`/units/15/models?on=${on}`);
  await expect(heading(page)).toHaveText('Mô hình chuyển đổi số');

  const create = page.locator('details#model-new');
  await create.locator('summary').click();
  await create.locator('input[name=name]').fill(name);
  await create.locator('select[name=field]').selectOption('agriculture');
  await create.locator('input[name=planned_on]').fill('2023-01-10');
  await create.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toContainText(`Đã thêm mô hình: ${name}`);
  const model = page.locator('article.model', { hasText: name });
  await expect(model.locator('.model-status')).toHaveText('Dự kiến');
  await expect(model.locator('.deployed-in')).toContainText('Chưa triển khai');

  // Deployed in Trấn Yên district from 2023-02-01.
  const deploy = model.locator('details.model-deploy');
  await deploy.locator('summary').click();
  await deploy.locator('input[name=unit]').fill('138');
  await deploy.locator('input[name=on]').fill('2023-02-01');
  await deploy.locator('button[type=submit]').click();
  await expect(page.locator('.flash.ok')).toContainText('Đã ghi nhận triển khai: Huyện Trấn Yên');
  await expect(model.locator('.deployed-in')).toContainText('Huyện Trấn Yên (01/02/2023)');

  const verdict = async (status: string, day: string, evaluation: string) => {
    const box = model.locator('details.model-verdict');
    // A refused form comes back open: open it only when it is closed.
    if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
    await box.locator('select[name=status]').selectOption(status);
    await box.locator('input[name=on]').fill(day);
    await box.locator('textarea[name=evaluation]').fill(evaluation);
    await box.locator('button[type=submit]').click();
  };
  await verdict('deployed', '2023-02-01', '');
  await expect(page.locator('.flash.ok')).toContainText('Đã cập nhật trạng thái mô hình');
  await expect(model.locator('.model-status')).toHaveText('Đã triển khai');

  // A verdict without its evaluation comes back open, as chosen, the
  // reason beside the evaluation.
  await verdict('effective', on, '');
  const why = model.locator('details.model-verdict .field-error');
  await expect(why).toBeVisible();
  await expect(model.locator('details.model-verdict textarea[name=evaluation]')).toHaveAttribute('aria-invalid', 'true');
  await expect(model.locator('details.model-verdict select[name=status]')).toHaveValue('effective');
  await expect(model.locator('.model-status')).toHaveText('Đã triển khai');

  await verdict('effective', on, 'Doanh số bán qua sàn tăng 30% sau 6 tháng');
  await expect(page.locator('.flash.ok')).toContainText('Đã cập nhật trạng thái mô hình');
  await expect(model.locator('.model-status')).toHaveText('Phát huy hiệu quả');
  await model.locator('details.model-timeline summary').click();
  await expect(model.locator('ol.history li').last()).toContainText('Doanh số bán qua sàn tăng 30% sau 6 tháng');

  // The 2022-06-30 figures are as they were.
  await page.goto(`/units/15/models?on=${DAY}`);
  await expect(page.locator('#models-summary .models-deployed')).toHaveText('10');
  await expect(page.locator('#models-summary .models-effective')).toHaveText('6');
  await expect(page.locator('article.model', { hasText: name })).toHaveCount(0);
});
