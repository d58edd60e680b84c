// Contract test of mock-server.mjs (no stack needed): each of its answers, driven through every route it serves,
// must be a status proto/ documents for that operation with a body matching the schema; stream frames must be
// StreamEvents in the documented order. A hand-copied wire type that drifts from proto/ fails here.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Contract } from './contract.mjs';

const contract = new Contract(['auth', 'council']);
const STREAM_ORDER = ['stage1_start', 'stage1_complete', 'stage2_start', 'stage2_complete', 'stage3_start', 'stage3_complete', 'title_complete', 'complete'];
let server;
let base;

before(async () => {
  server = spawn(process.execPath, [fileURLToPath(new URL('./mock-server.mjs', import.meta.url)), '0'], {
    env: { ...process.env, MOCK_STAGE_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`mock-server.mjs exited with ${code}`)));
    server.stdout.on('data', (chunk) => {
      const url = /http:\/\/[\d.]+:\d+/.exec(String(chunk));
      if (url) resolve(url[0]);
    });
  });
});

after(() => server?.kill());

/** Calls the mock and checks the answer against proto/; returns status and parsed JSON body. */
async function call(method, path, { body, token } = {}) {
  const headers = { 'user-agent': 'contract-test' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0];
  const json = mediaType === 'application/json' ? await res.json() : undefined;
  contract.checkResponse(method, new URL(path, base).pathname, res.status, mediaType, json);
  return { status: res.status, body: json, res };
}

/** Streams a question and returns the parsed data frames, each checked as a StreamEvent. */
async function stream(id, content, token) {
  const { status, res } = await call('POST', `/api/conversations/${id}/message/stream`, { body: { content }, token });
  assert.equal(status, 200);
  const text = await res.text();
  const events = text
    .split('\n\n')
    .flatMap((frame) => frame.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => JSON.parse(line.slice('data: '.length)));
  for (const ev of events) contract.checkStreamEvent(ev);
  return events;
}

const email = `contract-${Date.now().toString(36)}@example.com`;
const password = 'correct horse battery';
let token;

describe('mock gateway against proto/', () => {
  it('answers the account and session operations as documented', async () => {
    assert.equal((await call('POST', '/api/auth/register', { body: { email: 'nope', password } })).status, 422);
    const registered = await call('POST', '/api/auth/register', { body: { email, password } });
    assert.equal(registered.status, 200);
    assert.equal((await call('POST', '/api/auth/register', { body: { email, password } })).status, 400);
    assert.equal((await call('POST', '/api/auth/login', { body: { email, password: 'wrong password' } })).status, 401);
    const login = await call('POST', '/api/auth/login', { body: { email, password } });
    token = login.body.access_token;
    assert.equal((await call('GET', '/api/auth/me')).status, 401);
    assert.equal((await call('GET', '/api/auth/me', { token })).body.email, email);
    const sessions = await call('GET', '/api/auth/sessions', { token });
    assert.equal(sessions.body.length, 2);
    const other = sessions.body.find((s) => !s.current);
    assert.equal((await call('DELETE', `/api/auth/sessions/${other.id}`, { token })).status, 200);
    assert.equal((await call('DELETE', `/api/auth/sessions/${other.id}`, { token })).status, 404);
    const refreshed = await call('POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    token = refreshed.body.access_token;
    assert.equal((await call('POST', '/api/auth/refresh', { body: { refresh_token: 'unknown' } })).status, 401);
    const spare = await call('POST', '/api/auth/login', { body: { email, password } });
    assert.equal((await call('POST', '/api/auth/logout', { body: { refresh_token: spare.body.refresh_token } })).status, 200);
    const change = { current_password: 'wrong password', new_password: 'another good one' };
    assert.equal((await call('POST', '/api/auth/password', { body: change, token })).status, 401);
    assert.equal((await call('POST', '/api/auth/password', { body: { ...change, current_password: password }, token })).status, 200);
  });

  it('answers the key and audit operations as documented', async () => {
    assert.deepEqual((await call('GET', '/api/settings/api-keys', { token })).body, []);
    assert.equal((await call('POST', '/api/settings/api-key', { body: { api_key: 'short' }, token })).status, 422);
    assert.equal((await call('POST', '/api/settings/api-key', { body: { api_key: 'sk-or-v1-0123456789' }, token })).status, 200);
    assert.equal((await call('PATCH', '/api/settings/api-key/openrouter', { body: { enabled: false }, token })).body.enabled, false);
    assert.equal((await call('PATCH', '/api/settings/api-key/openrouter', { body: { endpoint: 'http://x' }, token })).status, 422);
    assert.equal((await call('GET', '/api/settings/api-keys', { token })).body.length, 1);
    assert.ok((await call('GET', '/api/settings/audit-log?limit=50', { token })).body.length > 0);
    assert.equal((await call('DELETE', '/api/settings/api-key/openrouter', { token })).status, 200);
    assert.equal((await call('DELETE', '/api/settings/api-key/openrouter', { token })).status, 404);
  });

  it('answers the conversation operations and streams a run as documented', async () => {
    const { models } = (await call('GET', '/api/models', { token })).body;
    assert.equal((await call('POST', '/api/conversations', { body: { models: models.slice(0, 1) }, token })).status, 400);
    const created = await call('POST', '/api/conversations', { body: { models: models.slice(0, 2), lead_model: models[0] }, token });
    const id = created.body.id;
    assert.equal((await call('GET', '/api/conversations', { token })).body[0].id, id);
    assert.equal((await call('GET', '/api/conversations/00000000-0000-0000-0000-000000000000', { token })).status, 404);
    const refused = await call('POST', `/api/conversations/${id}/message/stream`, { body: { content: 'Why?' }, token });
    assert.equal(refused.status, 400);
    await call('POST', '/api/settings/api-key', { body: { api_key: 'sk-or-v1-0123456789' }, token });
    assert.equal((await call('POST', `/api/conversations/${id}/message/stream`, { body: { content: ' ' }, token })).status, 422);
    assert.deepEqual((await stream(id, 'Why is the sky blue?', token)).map((e) => e.type), STREAM_ORDER);
    const followUp = await stream(id, 'And at sunset?', token);
    assert.deepEqual(followUp.map((e) => e.type), STREAM_ORDER.filter((t) => t !== 'title_complete'));
    const stored = await call('GET', `/api/conversations/${id}`, { token });
    assert.deepEqual(stored.body.messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant']);
    assert.equal((await call('DELETE', `/api/conversations/${id}`, { token })).status, 200);
  });

  it('answers account deletion as documented', async () => {
    assert.equal((await call('DELETE', '/api/auth/account', { body: { password: 'wrong password' }, token })).status, 401);
    assert.equal((await call('DELETE', '/api/auth/account', { body: { password: 'another good one' }, token })).status, 200);
  });
});

describe('the contract check itself', () => {
  it('refuses a body missing a documented field, an undocumented status and an unknown stream event', () => {
    const tokens = { access_token: 'a', refresh_token: 'r', token_type: 'bearer' };
    assert.throws(() => contract.checkResponse('POST', '/api/auth/login', 200, 'application/json', tokens), /expires_in/);
    assert.throws(() => contract.checkResponse('GET', '/api/models', 418, 'application/json', {}), /does not document/);
    assert.throws(() => contract.checkResponse('GET', '/api/nowhere', 200, 'application/json', {}), /no document/);
    assert.throws(() => contract.checkStreamEvent({ type: 'stage4_start' }), /does not match/);
    assert.throws(() => contract.checkStreamEvent({ type: 'stage1_complete', data: [{ model: 'm' }] }), /does not match/);
  });
});
