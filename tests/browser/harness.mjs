// Shared pieces of the browser tests: stack URL, mock gateway start, Debian Chromium launch, screenshots, unique users.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** GATEWAY_URL from the environment, else from .local/stack.env, else the local default. */
export function gatewayUrl() {
  if (process.env.GATEWAY_URL) return process.env.GATEWAY_URL.replace(/\/$/, '');
  const env = join(root, '.local', 'stack.env');
  if (existsSync(env)) {
    const m = /^GATEWAY_URL=(.+)$/m.exec(readFileSync(env, 'utf8'));
    if (m) return m[1].trim().replace(/\/$/, '');
  }
  return 'http://127.0.0.1:8080';
}

/** Directory for screenshots: $TEST_OUTPUT_DIR/browser (default test-output/browser). */
export function outputDir() {
  const base = process.env.TEST_OUTPUT_DIR ? resolve(process.env.TEST_OUTPUT_DIR) : join(root, 'test-output');
  const dir = join(base, 'browser');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts mock-server.mjs on a free port with `env` added to the environment; answers its base URL and the child
 * process (kill it when done).
 */
export function startMock(env = {}) {
  const server = spawn(process.execPath, [fileURLToPath(new URL('./mock-server.mjs', import.meta.url)), '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`mock-server.mjs exited with ${code}`)));
    server.stdout.on('data', (chunk) => {
      const url = /http:\/\/[\d.]+:\d+/.exec(String(chunk));
      if (url) resolve({ url: url[0], server });
    });
  });
}

/** Debian's Chromium, headless, no network chatter, a fresh temporary profile. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** A fresh email for this run. */
export function uniqueEmail(tag) {
  return `web-${tag}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.com`;
}

let shotCounter = 0;

/** Saves a screenshot (full page unless `fullPage` is false) as NN-name.png and returns its path. */
export async function screenshot(page, name, fullPage = true) {
  shotCounter += 1;
  const file = join(outputDir(), `${String(shotCounter).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Collects page errors and failed console messages so tests can assert there were none. */
export function watchConsole(page, sink) {
  page.on('pageerror', (e) => sink.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) sink.push(`console: ${m.text()}`);
  });
}
