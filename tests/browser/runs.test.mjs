// Browser tests of the run features (issue 11) against the mock gateway, no stack needed (web/dist must be built):
// council settings sent, answers growing token by token, the cost, Stop, a reload mid-run that reattaches with
// Last-Event-ID and shows nothing twice, a failed lead with "Retry synthesis", and the spending panel with the
// budget and its 402 sentence. Steps run in order on one account.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, screenshot, startMock, uniqueEmail, watchConsole } from './harness.mjs';

const PASSWORD = 'correct horse battery';
const MODELS = ['openai/gpt-5.1', 'google/gemini-3-pro-preview', 'anthropic/claude-sonnet-4.5', 'x-ai/grok-4'];
const LEAD = 'google/gemini-3-pro-preview';
/** What the mock's models answer (mock-runs.mjs), so streamed text can be checked against the whole answer. */
const stage1Answer = (model, question) => `${model} answers the question ${question} with a plain and careful reply.`;
const stage3Answer = (question) => `The council concludes about ${question} that the plain and careful reply is right.`;

let mock;
let browser;
let page;
let base;
const errors = [];

/**
 * Records in window.__texts each distinct text of the answer of `testid` (stage1 or stage3) while it is being
 * written, with the model the panel names. Runs in the page (as a script or before the page's own scripts).
 */
function streamingRecorder(testid) {
  const w = window;
  w.__texts = [];
  const snap = () => {
    const section = document.querySelector(`[data-testid="${testid}"][data-streaming="true"]`);
    if (!section) return;
    const model = (section.querySelector('.model-name')?.textContent ?? '').replace(/^.* by /, '');
    const text = section.querySelector('.markdown')?.textContent?.trim() ?? '';
    const last = w.__texts[w.__texts.length - 1];
    if (text && (!last || last.text !== text || last.model !== model)) w.__texts.push({ model, text });
  };
  new MutationObserver(snap).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

const recordStreaming = (testid) => page.evaluate(streamingRecorder, testid);

/** The texts recorded by recordStreaming, each checked to be the start of `expected(model)`; answers them. */
async function streamedPrefixes(expected) {
  const texts = await page.evaluate(() => window.__texts);
  for (const { model, text } of texts) {
    const whole = expected(model);
    assert.ok(whole.startsWith(text), `streamed text is the start of the answer, nothing repeated:\n  ${text}\n  ${whole}`);
  }
  return texts;
}

async function ask(question) {
  await page.getByRole('textbox', { name: 'Follow-up question' }).fill(question);
  await page.getByRole('button', { name: 'Send' }).click();
}

describe('runs in the browser (mock gateway)', () => {
  before(async () => {
    const dist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
    assert.ok(existsSync(dist), 'build the app first: (cd web && npm run build)');
    mock = await startMock({ MOCK_STAGE_DELAY_MS: '500', MOCK_DELTA_DELAY_MS: '400' });
    base = mock.url;
    browser = await launchBrowser();
    const context = await browser.newContext();
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    page.setDefaultTimeout(20_000);
    watchConsole(page, errors);
  });

  after(async () => {
    await browser?.close();
    mock?.server.kill();
  });

  test('a new inquiry sends its council settings; the answers grow token by token; the cost is shown', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Create account' }).first().click();
    await page.getByLabel('Email').fill(uniqueEmail('runs'));
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('form', { name: 'Create account' }).getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'New inquiry' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('API key', { exact: true }).fill('sk-or-v1-demo-0123456789abcdef');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByTestId('key-hint').waitFor();
    await page.goto(`${base}/#/new`);

    await page.getByText('Council settings (optional)').click();
    await page.getByLabel('Temperature (0–2)').fill('5');
    const question = 'How do tides work?';
    await page.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.getByRole('button', { name: 'Ask the council' }).click();
    await page.getByRole('alert').filter({ hasText: 'Temperature: must be a number from 0 to 2.' }).waitFor();
    await page.getByLabel('System prompt').fill('Answer like a sailor.');
    await page.getByLabel('Temperature (0–2)').fill('0.4');
    await page.getByLabel('Max tokens per answer').fill('800');
    await page.getByLabel(/Exclude self-votes/).check();
    const created = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/conversations');
    const streamed = page.waitForRequest((r) => r.url().endsWith('/message/stream'));
    await recordStreaming('stage1');
    await page.getByRole('button', { name: 'Ask the council' }).click();
    assert.deepEqual((await created).postDataJSON(), {
      system_prompt: 'Answer like a sailor.',
      temperature: 0.4,
      max_tokens: 800,
      exclude_self_votes: true,
      models: MODELS,
      lead_model: LEAD,
    });
    assert.deepEqual((await streamed).postDataJSON(), { content: question, stream_tokens: true });
    await page.locator('[data-testid="stage1"][data-streaming="true"]').waitFor();
    await screenshot(page, 'runs-streaming-stage1');
    await page.getByTestId('run-cost').waitFor();
    const texts = await streamedPrefixes((model) => stage1Answer(model, question));
    assert.ok(texts.length >= 3, `the answer grew in several steps: ${JSON.stringify(texts)}`);
    assert.ok(texts.some((t) => t.text.length < stage1Answer(t.model, question).length), 'a partial answer was shown');
    assert.equal(await page.getByTestId('stage3').locator('.markdown').innerText(), stage3Answer(question));
    // 4 answers + 4 rankings + the synthesis + the title, $0.0015 each in the mock.
    assert.match(await page.getByTestId('run-cost').locator('summary').innerText(), /^Cost \$0\.015 · 1,200 prompt \+ 800 completion tokens$/);
    await page.getByTestId('run-cost').locator('summary').click();
    assert.equal(await page.getByTestId('run-cost').locator('tbody tr').count(), 4);
    assert.match(await page.getByTestId('council-settings').innerText(), /temperature 0\.4 · at most 800 tokens per answer · self-votes excluded · system prompt set/);
    await screenshot(page, 'runs-answered-with-cost');
  });

  test('Stop cancels the run: the answer says it was stopped and the box is free again', async () => {
    await ask('Stop this one');
    const stop = page.getByRole('button', { name: 'Stop' });
    await page.locator('[data-testid="stage1"][data-streaming="true"]').waitFor();
    const cancel = page.waitForResponse((r) => r.url().endsWith('/cancel'));
    await stop.click();
    assert.equal((await cancel).status(), 202);
    await page.getByTestId('run-cancelled').waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Stop' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Retry synthesis' }).count(), 0, 'no synthesis without stages 1 and 2');
    await screenshot(page, 'runs-stopped');
  });

  test('a reload mid-run reattaches after the last event seen and shows nothing twice', async () => {
    const question = 'Why does the moon pull the sea? [hold]';
    await ask(question);
    await page.locator('[data-testid="stage3"][data-streaming="true"]').waitFor();
    const reattach = page.waitForRequest((r) => /\/runs\/[^/]+\/events$/.test(new URL(r.url()).pathname));
    await page.addInitScript(streamingRecorder, 'stage3');
    await page.reload();
    const lastEventId = Number((await reattach).headers()['last-event-id']);
    assert.ok(lastEventId > 1, `Last-Event-ID names the last event seen (${lastEventId})`);
    const answer = page.getByRole('article', { name: 'Council answer' }).nth(2);
    await answer.locator('[data-testid="stage3"]:not([data-streaming])').waitFor();
    await answer.getByTestId('run-cost').waitFor();
    const texts = await streamedPrefixes(() => stage3Answer(question));
    assert.ok(texts.length >= 1, 'the text streamed before the reload is shown again while the run goes on');
    assert.equal(await answer.getByTestId('stage3').locator('.markdown').innerText(), stage3Answer(question));
    assert.equal(await page.getByText(question, { exact: true }).count(), 1, 'the question is shown once');
    assert.equal(await page.getByRole('article', { name: 'Council answer' }).count(), 3);
    await screenshot(page, 'runs-reattached');
  });

  test('a failed lead keeps stages 1 and 2 with the error; Retry synthesis writes stage 3 with another lead', async () => {
    await ask('Please fail [fail-lead]');
    const failed = page.getByRole('alert').filter({ hasText: `The lead model ${LEAD} failed` });
    await failed.waitFor();
    const retry = page.getByRole('form', { name: 'Retry synthesis' });
    await retry.waitFor();
    await screenshot(page, 'runs-failed');
    await retry.getByLabel('Lead model for the final answer').selectOption('x-ai/grok-4');
    const sent = page.waitForRequest((r) => r.url().endsWith('/synthesis/stream'));
    await retry.getByRole('button', { name: 'Retry synthesis' }).click();
    assert.deepEqual((await sent).postDataJSON(), { stream_tokens: true, lead_model: 'x-ai/grok-4' });
    const answer = page.getByRole('article', { name: 'Council answer' }).last();
    await answer.getByText('Synthesised by x-ai/grok-4').waitFor();
    assert.equal(await answer.getByRole('alert').count(), 0, 'the error is gone');
    assert.equal(await answer.getByTestId('stage3').locator('.markdown').innerText(), stage3Answer('Please fail [fail-lead]'));
    await screenshot(page, 'runs-retried');
  });

  test('Settings shows the month’s spending; a reached budget refuses the next run with its sentence', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const spending = page.getByTestId('spending');
    // 10 + 9 + 8 + 1 calls at $0.0015.
    await spending.getByText(/^Spent in \d{4}-\d\d: \$0\.042 \(no monthly budget\)/).waitFor();
    assert.equal(await spending.getByTestId('usage-by-model').locator('tbody tr').count(), 4);
    await spending.getByLabel('Monthly budget (US dollars)').fill('0.04');
    await spending.getByRole('button', { name: 'Save budget' }).click();
    await spending.getByText('Budget set to $0.04 a month.').waitFor();
    await screenshot(page, 'runs-budget');
    await page.goBack();
    const question = 'One more question?';
    await ask(question);
    await page
      .getByRole('alert')
      .filter({ hasText: "This month's spending of $0.04 has reached your monthly budget of $0.04. Raise the budget in Settings to run the council again." })
      .waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Follow-up question' }).inputValue(), question, 'the refused question is kept');
    await screenshot(page, 'runs-budget-refused');
    await page.getByRole('link', { name: 'Settings' }).click();
    await spending.getByRole('button', { name: 'Remove budget' }).click();
    await spending.getByText('Budget removed.').waitFor();
  });

  test('no script errors', () => {
    assert.deepEqual(errors, []);
  });
});
