// End-to-end tests of the web app through the gateway in headless Chromium: accounts, the key, a live
// council run, reload, a missing key, isolation between users, sessions and logout. Steps run in order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayUrl, launchBrowser, screenshot, uniqueEmail, watchConsole } from './harness.mjs';

const BASE = gatewayUrl();
const RUN_TIMEOUT = Number(process.env.BROWSER_RUN_TIMEOUT_MS ?? 120_000);
const PASSWORD = 'correct horse battery';
const QUESTION = 'What is the best way to learn a new programming language?';

let browser;
const errors = [];
const alice = { email: uniqueEmail('alice'), key: `sk-or-v1-demo-${Date.now().toString(36)}-abcdef123456` };
const bob = { email: uniqueEmail('bob') };
const NEW_PASSWORD = 'another good passphrase';
let ctxA;
let pageBob;
let pageA;
let conversationId;
let aggregateRows;

async function newPage(context, viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15_000);
  watchConsole(page, errors);
  return page;
}

async function register(page, email, password) {
  await page.goto(`${BASE}/`);
  await page.getByRole('button', { name: 'Create account' }).first().click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('form', { name: 'Create account' }).getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'New inquiry' }).waitFor();
}

async function signIn(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('form', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).click();
}

/** Records every change of the stage progress (data-status of each step) in window.__stages. */
async function recordStages(page) {
  await page.evaluate(() => {
    const w = window;
    w.__stages = [];
    const snap = () => {
      const steps = [...document.querySelectorAll('[data-stage]')].map((el) => `${el.dataset.stage}:${el.dataset.status}`);
      const s = steps.join(',');
      if (steps.length && w.__stages[w.__stages.length - 1] !== s) w.__stages.push(s);
    };
    new MutationObserver(snap).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

const RANK = { waiting: 0, running: 1, done: 2 };
function parseSnapshot(s) {
  return Object.fromEntries(s.split(',').map((p) => p.split(':')).map(([k, v]) => [k, RANK[v]]));
}

async function storedRefreshToken(page) {
  return page.evaluate(() => localStorage.getItem('council.refresh_token'));
}

async function apiStatus(path, init) {
  const res = await fetch(`${BASE}${path}`, init);
  return res.status;
}

describe('LLM Council in the browser', () => {
  before(async () => {
    const health = await fetch(`${BASE}/healthz`).catch((e) => e);
    assert.ok(health instanceof Response && health.ok, `the gateway at ${BASE} is not reachable: ${health}`);
    browser = await launchBrowser();
    ctxA = await browser.newContext();
    pageA = await newPage(ctxA);
  });

  after(async () => {
    await browser?.close();
  });

  test('sign-up checks the form, then registers a new user', async () => {
    await pageA.goto(`${BASE}/`);
    await pageA.getByRole('heading', { name: 'LLM Council' }).waitFor();
    await screenshot(pageA, 'sign-in');
    await pageA.getByRole('button', { name: 'Create account' }).first().click();
    await pageA.getByLabel('Email').fill(alice.email);
    await pageA.getByLabel('Password', { exact: true }).fill('short');
    await pageA.getByLabel('Confirm password').fill('short');
    await pageA.getByRole('form', { name: 'Create account' }).getByRole('button', { name: 'Create account' }).click();
    await pageA.getByRole('alert').filter({ hasText: 'at least 8 characters' }).waitFor();
    await pageA.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await pageA.getByLabel('Confirm password').fill(`${PASSWORD}!`);
    await pageA.getByRole('form', { name: 'Create account' }).getByRole('button', { name: 'Create account' }).click();
    await pageA.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await screenshot(pageA, 'sign-up-validation');

    await pageA.getByLabel('Confirm password').fill(PASSWORD);
    await pageA.getByRole('form', { name: 'Create account' }).getByRole('button', { name: 'Create account' }).click();
    await pageA.getByRole('heading', { name: 'New inquiry' }).waitFor();
    await pageA.getByText('No conversations yet').waitFor();
    await pageA.getByText(alice.email).first().waitFor();
    assert.ok(await storedRefreshToken(pageA), 'the refresh token is kept in localStorage');
    await screenshot(pageA, 'registered');
  });

  test('asking without a key shows the message and a link to settings', async () => {
    const members = pageA.getByRole('group', { name: 'Council members' }).getByRole('checkbox');
    const count = await members.count();
    assert.ok(count >= 2, 'GET /api/models lists at least two models');
    await pageA.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    for (let i = 1; i < count; i++) await members.nth(i).uncheck();
    await pageA.getByRole('button', { name: 'Ask the council' }).click();
    await pageA.getByRole('alert').filter({ hasText: 'Select at least two models' }).waitFor();
    for (let i = 1; i < count; i++) await members.nth(i).check();
    await pageA.getByRole('button', { name: 'Ask the council' }).click();
    const alert = pageA.getByRole('alert').filter({ hasText: 'No API key configured' });
    await alert.waitFor();
    conversationId = decodeURIComponent(new URL(pageA.url()).hash.replace('#/c/', ''));
    assert.match(conversationId, /^[0-9a-f-]{36}$/, 'the new conversation is open');
    assert.equal(await pageA.getByRole('textbox', { name: 'Your question' }).inputValue(), QUESTION, 'the refused question is kept');
    const link = alert.getByRole('link', { name: /settings/i });
    await link.waitFor();
    await screenshot(pageA, 'missing-key');
    await link.click();
    await pageA.getByRole('heading', { name: 'Settings' }).waitFor();
  });

  test('saving the key shows only its hint; disable, enable and endpoint checks work', async () => {
    await pageA.getByTestId('no-key').waitFor();
    await pageA.getByLabel('API key', { exact: true }).fill(alice.key);
    await pageA.getByRole('button', { name: 'Save key' }).click();
    const hint = pageA.getByTestId('key-hint');
    await hint.waitFor();
    assert.equal(await hint.textContent(), `...${alice.key.slice(-6)}`);
    const body = await pageA.locator('body').innerText();
    assert.ok(!body.includes(alice.key), 'the full key is never shown');
    assert.equal(await pageA.getByLabel(/^New key/).inputValue(), '', 'the key field is cleared');

    await pageA.getByRole('button', { name: 'Disable key' }).click();
    await pageA.getByTestId('key-info').getByText('Disabled').waitFor();
    await pageA.getByRole('button', { name: 'Enable key' }).click();
    await pageA.getByTestId('key-info').getByText('Enabled').waitFor();

    await pageA.getByRole('textbox', { name: /Custom endpoint/ }).fill('http://insecure.example.com');
    await pageA.getByRole('button', { name: 'Save endpoint' }).click();
    await pageA.getByRole('alert').filter({ hasText: 'https' }).waitFor();
    await pageA.getByRole('textbox', { name: /Custom endpoint/ }).fill('');

    await pageA.getByTestId('sessions').getByText('This browser').waitFor();
    await pageA.getByTestId('audit-log').waitFor();
    await screenshot(pageA, 'key-saved');
  });

  test('the council answers live: stage 1, stage 2 with rankings, stage 3', async (t) => {
    await pageA.goto(`${BASE}/#/c/${conversationId}`);
    const box = pageA.getByRole('textbox', { name: 'Your question' });
    await box.waitFor();
    assert.equal(await box.inputValue(), QUESTION, 'the draft came back with the conversation');
    await recordStages(pageA);
    await pageA.getByRole('button', { name: 'Send' }).click();
    await pageA.locator('[data-stage="stage1"]').waitFor();
    await screenshot(pageA, 'streaming');
    await pageA.getByTestId('stage3').waitFor({ timeout: RUN_TIMEOUT });
    await pageA.waitForFunction(() => window.__stages.includes('stage1:done,stage2:done,stage3:done'));
    await screenshot(pageA, 'answered');

    const stages = await pageA.evaluate(() => window.__stages);
    t.diagnostic(`progress seen: ${stages.join(' | ')}`);
    assert.ok(stages.length >= 2, `progress was rendered step by step: ${JSON.stringify(stages)}`);
    const parsed = stages.map(parseSnapshot);
    for (let i = 1; i < parsed.length; i++) {
      for (const k of ['stage1', 'stage2', 'stage3']) assert.ok(parsed[i][k] >= parsed[i - 1][k], `no stage goes back: ${JSON.stringify(stages)}`);
    }
    assert.ok(
      parsed.some((p) => p.stage1 >= 1 && p.stage3 < 2),
      `stage 1 started before stage 3 finished: ${JSON.stringify(stages)}`,
    );
    assert.deepEqual(parsed.at(-1), { stage1: 2, stage2: 2, stage3: 2 });

    const stage1Tabs = pageA.getByTestId('stage1').getByRole('tab');
    const tabCount = await stage1Tabs.count();
    assert.ok(tabCount >= 1, 'one tab per answering model');
    if (tabCount > 1) {
      await stage1Tabs.nth(0).focus();
      await pageA.keyboard.press('ArrowRight');
      assert.equal(await stage1Tabs.nth(1).getAttribute('aria-selected'), 'true', 'arrow keys move between tabs');
    }
    const table = pageA.getByTestId('aggregate-rankings');
    await table.waitFor();
    aggregateRows = await table.locator('tbody tr').allInnerTexts();
    assert.ok(aggregateRows.length >= 1, 'the aggregate ranking table has rows');
    const models = await pageA.getByTestId('stage1').getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.title));
    for (const row of aggregateRows) assert.ok(models.some((m) => row.includes(m)), `ranking row names a model: ${row}`);
    const evaluation = await pageA.getByTestId('stage2').getByRole('tabpanel').innerText();
    assert.ok(!/\bResponse [A-Z]\b/.test(evaluation), `labels are resolved to model names: ${evaluation.slice(0, 300)}`);
    const finalText = await pageA.getByTestId('stage3').innerText();
    assert.ok(finalText.length > 30, 'the final answer has text');
    await pageA.locator('.conversation-item a', { hasText: /2 messages/ }).waitFor();
  });

  test('after a reload the conversation still shows every stage and the rankings', async () => {
    await pageA.reload();
    await pageA.getByTestId('stage3').waitFor();
    await pageA.getByText(QUESTION, { exact: true }).first().waitFor();
    await pageA.getByTestId('stage1').waitFor();
    assert.deepEqual(await pageA.getByTestId('aggregate-rankings').locator('tbody tr').allInnerTexts(), aggregateRows);
    const item = pageA.locator(`.conversation-item a[data-id="${conversationId}"]`);
    await item.waitFor();
    assert.match(await item.innerText(), /2 messages/);
    await screenshot(pageA, 'reloaded');
  });

  test('works at 375 px: the menu opens the sidebar and nothing overflows', async () => {
    const phone = await newPage(ctxA, { width: 375, height: 740 });
    await phone.emulateMedia({ reducedMotion: 'reduce' });
    await phone.goto(`${BASE}/#/c/${conversationId}`);
    await phone.getByTestId('stage3').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling at 375 px (overflow ${overflow}px)`);
    await screenshot(phone, 'phone-conversation', false);
    const menu = phone.getByRole('button', { name: 'Open menu' });
    await menu.click();
    await phone.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().waitFor();
    await screenshot(phone, 'phone-menu', false);
    await phone.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await phone.close();
  });

  test('a 401 is answered by one shared refresh and a retry', async () => {
    await pageA.goto(`${BASE}/#/new`);
    await pageA.getByRole('heading', { name: 'New inquiry' }).waitFor();
    let refreshes = 0;
    const refused = new Set();
    pageA.on('request', (r) => {
      if (r.url().endsWith('/api/auth/refresh')) refreshes += 1;
    });
    await pageA.route(/\/api\/(settings|auth\/sessions)/, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (!refused.has(path)) {
        refused.add(path);
        return route.fulfill({ status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'application/json' }, body: '{"detail":"Invalid or expired token"}' });
      }
      return route.continue();
    });
    await pageA.getByRole('link', { name: 'Settings' }).click();
    await pageA.getByTestId('key-hint').waitFor();
    await pageA.getByTestId('sessions').waitFor();
    await pageA.getByTestId('audit-log').waitFor();
    await pageA.unrouteAll({ behavior: 'wait' });
    assert.ok(refused.size >= 3, `several requests were refused at once (${[...refused]})`);
    assert.equal(refreshes, 1, 'one refresh served every refused request');
  });

  test('a second tab shares the session; an expired session keeps the typed question', async () => {
    const tab2 = await newPage(ctxA);
    await tab2.goto(`${BASE}/#/c/${conversationId}`);
    await tab2.getByTestId('stage3').waitFor();
    await tab2.getByText(alice.email).first().waitFor();

    await pageA.goto(`${BASE}/#/c/${conversationId}`);
    await pageA.getByTestId('stage3').waitFor();
    const followUp = 'And which language should I start with?';
    await pageA.getByRole('textbox', { name: 'Follow-up question' }).fill(followUp);
    const expired = { status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'application/json' }, body: '{"detail":"Invalid or expired token"}' };
    await pageA.route('**/api/conversations/*/message/stream', (r) => r.fulfill(expired));
    await pageA.route('**/api/auth/refresh', (r) => r.fulfill(expired));
    await pageA.getByRole('button', { name: 'Send' }).click();
    await pageA.getByText('Your session has expired').waitFor();
    await tab2.getByRole('button', { name: 'Sign in' }).first().waitFor();
    await screenshot(pageA, 'session-expired');
    await pageA.unrouteAll({ behavior: 'wait' });

    await signIn(pageA, alice.email, PASSWORD);
    const box = pageA.getByRole('textbox', { name: 'Follow-up question' });
    await box.waitFor();
    assert.equal(await box.inputValue(), followUp, 'the question typed before the expiry is back');
    await box.fill('');
    await tab2.close();
  });

  test('a second user sees none of the first user’s conversations', async () => {
    const ctxB = await browser.newContext();
    const pageB = await newPage(ctxB);
    await register(pageB, bob.email, PASSWORD);
    await pageB.getByText('No conversations yet').waitFor();
    await pageB.goto(`${BASE}/#/c/${conversationId}`);
    await pageB.getByRole('heading', { name: 'Conversation not found' }).waitFor();
    assert.equal(await pageB.getByText(QUESTION).count(), 0);
    await screenshot(pageB, 'second-user-isolated');

    // Bob has no key either; his refused inquiry leaves an empty conversation that he deletes.
    await pageB.goto(`${BASE}/#/new`);
    await pageB.getByRole('textbox', { name: 'Your question' }).fill('Hello?');
    await pageB.getByRole('button', { name: 'Ask the council' }).click();
    await pageB.getByRole('alert').filter({ hasText: 'No API key configured' }).waitFor();
    await pageB.getByRole('button', { name: /^Delete conversation/ }).click();
    const dialog = pageB.getByRole('dialog', { name: 'Delete conversation?' });
    await dialog.waitFor();
    assert.equal(await pageB.evaluate(() => document.activeElement?.textContent), 'Cancel', 'Cancel has the focus');
    await pageB.keyboard.press('Tab');
    await pageB.keyboard.press('Tab');
    assert.equal(await pageB.evaluate(() => document.activeElement?.closest('dialog') !== null), true, 'focus stays in the dialog');
    await screenshot(pageB, 'delete-dialog');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await pageB.getByText('No conversations yet').waitFor();
    await pageB.getByRole('heading', { name: 'New inquiry' }).waitFor();
    pageBob = pageB;
  });

  test('password change refuses a wrong current password, then works; account deletion asks first', async () => {
    const page = pageBob;
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').waitFor();
    assert.ok(await page.getByRole('heading', { name: 'Settings' }).isVisible(), 'a wrong password does not end the session');
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed').waitFor();

    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'delete-password', 'the password field has the focus');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await dialog.getByLabel('Your password').fill(NEW_PASSWORD);
    assert.equal(await dialog.getByRole('button', { name: 'Delete account' }).isDisabled(), true, 'needs the confirmation box');
    await dialog.getByLabel('I understand this cannot be undone.').check();
    await screenshot(page, 'delete-account-dialog');
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await signIn(page, bob.email, NEW_PASSWORD);
    await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
    await page.context().close();
  });

  test('sign out ends the session on the server', async () => {
    await pageA.goto(`${BASE}/#/new`);
    await pageA.getByRole('heading', { name: 'New inquiry' }).waitFor();
    const token = await storedRefreshToken(pageA);
    assert.ok(token);
    await pageA.getByRole('button', { name: 'Sign out' }).click();
    await pageA.getByRole('form', { name: 'Sign in' }).waitFor();
    assert.equal(await storedRefreshToken(pageA), null, 'the refresh token is gone from the browser');
    const status = await apiStatus('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: token }),
    });
    assert.equal(status, 401, 'the old refresh token no longer works');
    await pageA.reload();
    await pageA.getByRole('form', { name: 'Sign in' }).waitFor();
    await screenshot(pageA, 'signed-out');
  });

  test('no script errors in any page', () => {
    assert.deepEqual(errors, []);
  });
});
