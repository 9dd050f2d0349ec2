import * as fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { heading, login } from './helpers';

/**
 * Importing a village's households from a file (issue 12), as the commune
 * officer does it in the browser: from the village's page to the import
 * page, a CSV chosen, the preview (counts; the bad row named by row and
 * column with how to fix it, in Vietnamese), then the import confirmed.
 * A village other than Khe Bành, whose counts other specs read; codes
 * carry the time and the project, as both projects share one server.
 */

test('a commune officer previews a file, sees the bad row, then imports', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await login(page, 'xa');
  const children = await (await page.request.get('/api/v1/units/04387/children')).json();
  const village = children.items.find((u: { name: string }) => !u.name.includes('Khe Bành'));
  expect(village, 'another village of Châu Quế Hạ').toBeTruthy();

  await page.goto(`/units/${village.code}`);
  await page.getByRole('link', { name: 'Nhập hộ từ tệp Excel' }).click();
  await expect(heading(page)).toHaveText('Nhập hộ gia đình từ tệp');
  await expect(page.getByRole('link', { name: 'Tải tệp mẫu (XLSX)' })).toBeVisible();

  const stamp = `${Date.now() % 100_000_000}${testInfo.project.name === 'phone' ? 'P' : 'D'}`;
  const csv = [
    'Mã hộ,Họ và tên chủ hộ,Số điện thoại,Số nhân khẩu,Hộ nghèo',
    `E${stamp}-1,Hoàng Văn Thắng,0912345601,4,không`,
    `E${stamp}-2,Đặng Thị Hồng,0912345602,5,nghèo`,
    `E${stamp}-3,Triệu Văn Lự,0912345603,3,cận nghèo`,
    `E${stamp}-4,Lý Văn Sơn,0912345604,6,khá giả`,
  ].join('\r\n');
  const form = page.locator('form#import-file');
  await form.locator('input[type=file]').setInputFiles({
    name: 'ho-gia-dinh.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf-8'),
  });
  await form.getByRole('button', { name: 'Xem trước' }).click();

  await expect(page.locator('[data-count=created]')).toHaveText('3');
  await expect(page.locator('[data-count=refused]')).toHaveText('1');
  const bad = page.locator('table.import-errors tr[data-row="5"]');
  await expect(bad.locator('td').nth(2)).toHaveText('E');
  await expect(bad.locator('td').nth(3)).toHaveText('khá giả');
  await expect(bad.locator('td').nth(4)).toContainText('phải là “không”, “cận nghèo” hoặc “nghèo”');

  // The file back with the refused cell marked: a workbook whose one note
  // (on E5) says how to fix it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#import-marked').click()]);
  const marked = fs.readFileSync(await download.path());
  expect(marked.subarray(0, 2).toString()).toBe('PK');
  expect(marked.includes('xl/comments1.xml')).toBe(true);

  await page.locator('form#import-confirm').getByRole('button', { name: 'Nhập' }).click();
  await expect(page.locator('.flash.ok')).toContainText('3 thêm mới');
  await expect(page.locator('.flash.ok')).toContainText('1 bị từ chối');
  const list = await (await page.request.get(`/api/v1/units/${village.code}/households`)).json();
  const codes = list.items.map((h: { code: string }) => h.code);
  expect(codes).toEqual(expect.arrayContaining([`E${stamp}-1`, `E${stamp}-2`, `E${stamp}-3`]));
  expect(codes).not.toContain(`E${stamp}-4`);
  expect(problems).toEqual([]);
});

/**
 * The import chooser at a commune lists what the officer may import there;
 * the villages register previews a file (one bad type, named by its row
 * and column, in Vietnamese) and imports the good row.
 */
test('a commune officer imports villages from the chooser', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await login(page, 'xa');
  await page.goto('/units/04387');
  await page.getByRole('link', { name: 'Nhập dữ liệu từ tệp' }).click();
  await expect(heading(page)).toHaveText('Nhập từ tệp');
  const offered = await page.locator('ul.import-registers a').evaluateAll((as) =>
    as.map((a) => a.getAttribute('data-register')),
  );
  expect(offered).toEqual(expect.arrayContaining(['villages', 'households', 'team_members', 'values']));
  expect(offered).not.toContain('party_members');

  await page.getByRole('link', { name: 'Nhập thôn, bản, tổ dân phố từ tệp' }).click();
  await expect(heading(page)).toHaveText('Nhập thôn, bản, tổ dân phố từ tệp');
  const stamp = `${Date.now() % 100_000_000}${testInfo.project.name === 'phone' ? 'P' : 'D'}`;
  const csv = ['Tên thôn,Loại', `Thôn Thử ${stamp},bản`, `Thôn Sai ${stamp},làng`].join('\r\n');
  const form = page.locator('form#import-file');
  await form.locator('input[type=file]').setInputFiles({
    name: 'thon.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf-8'),
  });
  await form.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.locator('[data-count=created]')).toHaveText('1');
  await expect(page.locator('[data-count=refused]')).toHaveText('1');
  const bad = page.locator('table.import-errors tr[data-row="3"]');
  await expect(bad.locator('td').nth(2)).toHaveText('B');
  await expect(bad.locator('td').nth(3)).toHaveText('làng');
  await page.locator('form#import-confirm').getByRole('button', { name: 'Nhập' }).click();
  await expect(page.locator('.flash.ok')).toContainText('1 thêm mới');
  const children = await (await page.request.get('/api/v1/units/04387/children')).json();
  const names = children.items.map((u: { name: string }) => u.name);
  expect(names.some((n: string) => n.includes(`Thử ${stamp}`))).toBe(true);
  expect(names.some((n: string) => n.includes(`Sai ${stamp}`))).toBe(false);
  expect(problems).toEqual([]);
});
