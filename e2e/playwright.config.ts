import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests for tinhso.
 *
 * global-setup.ts starts the real binary (`$TINHSO_BIN demo --listen 127.0.0.1:$E2E_PORT
 * --data <fresh temp dir>`) and waits for GET /healthz; global-teardown.ts stops it.
 *
 * Environment:
 *   TINHSO_BIN    path to the tinhso binary (default ../target/debug/tinhso)
 *   E2E_PORT      port for the server (default 18080)
 *   CHROMIUM_PATH Chromium executable (default /usr/bin/chromium); Playwright never
 *                 downloads its own browser here.
 */
export const E2E_PORT = Number(process.env.E2E_PORT || 18080);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  globalSetup: require.resolve('./global-setup'),
  globalTeardown: require.resolve('./global-teardown'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: chromium,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        userAgent: devices['Pixel 7'].userAgent,
      },
    },
  ],
});
