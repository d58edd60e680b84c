// Contract test of mock-server.mjs (no stack needed): each of its answers, driven through every route it serves,
// must be a status proto/ documents for that operation with a body matching the schema; stream frames must be
// StreamEvents in the documented order. A hand-copied wire type that drifts from proto/ fails here. Registration
// modes other than open are driven on further mock instances started in that mode.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Contract } from './contract.mjs';

const contract = new Contract(['auth', 'council']);
const STREAM_ORDER = ['stage1_start', 'stage1_complete', 'stage2_start', 'stage2_complete', 'stage3_start', 'stage3_complete', 'title_complete', 'complete'];
const ADMIN = { email: 'admin@example.com', password: 'admin password' };
const servers = [];
let base;

/** Starts a mock on a free port with `env` added (its admin seeded) and answers its base URL. */
async function startMock(env = {}) {
  const server = spawn(process.execPath, [fileURLToPath(new URL('./mock-server.mjs', import.meta.url)), '0'], {
    env: { ...process.env, MOCK_STAGE_DELAY_MS: '0', MOCK_ADMIN_EMAIL: ADMIN.email, MOCK_ADMIN_PASSWORD: ADMIN.password, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`mock-server.mjs exited with ${code}`)));
    server.stdout.on('data', (chunk) => {
      const url = /http:\/\/[\d.]+:\d+/.exec(String(chunk));
      if (url) resolve(url[0]);
    });
  });
}

before(async () => {
  base = await startMock();
});

after(() => servers.forEach((s) => s.kill()));

/** Calls the mock (`at`, else the main one) and checks the answer against proto/; returns status and parsed JSON body. */
async function call(method, path, { body, token, at = base } = {}) {
  const headers = { 'user-agent': 'contract-test' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(at + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0];
  const json = mediaType === 'application/json' ? await res.json() : undefined;
  contract.checkResponse(method, new URL(path, at).pathname, res.status, mediaType, json);
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

  it('checks keys with the provider as documented', async () => {
    const save = (api_key, extra = {}) => call('POST', '/api/settings/api-key', { body: { api_key, ...extra }, token });
    const test = () => call('POST', '/api/settings/api-key/openrouter/test', { token });
    assert.equal((await test()).status, 404);
    assert.equal((await save('bad-0123456789')).status, 400);
    assert.equal((await save('down-0123456789')).status, 503);
    assert.deepEqual((await call('GET', '/api/settings/api-keys', { token })).body, []);
    const unchecked = await save('down-0123456789', { validate: false });
    assert.equal(unchecked.status, 200);
    assert.equal(unchecked.body.validated_at, null);
    assert.equal((await test()).status, 503);
    const checked = await save('sk-or-v1-0123456789');
    assert.ok(checked.body.validated_at);
    assert.equal(typeof checked.body.limit, 'number');
    assert.equal((await test()).status, 200);
    assert.equal((await call('DELETE', '/api/settings/api-key/openrouter', { token })).status, 200);
  });

  it('answers the registration mode, the admin operations and the reset link as documented', async () => {
    assert.deepEqual((await call('GET', '/api/auth/config')).body, { registration: 'open' });
    const admin = (await call('POST', '/api/auth/login', { body: ADMIN })).body.access_token;
    assert.equal((await call('GET', '/api/admin/users')).status, 401);
    assert.equal((await call('GET', '/api/admin/users', { token })).status, 403);
    assert.equal((await call('POST', '/api/admin/invites', { body: {}, token })).status, 403);
    const other = { email: `other-${email}`, password };
    await call('POST', '/api/auth/register', { body: other });
    const listed = (await call('GET', '/api/admin/users', { token: admin })).body.users;
    const target = listed.find((u) => u.email === other.email);
    assert.equal(target.disabled, false);
    const otherRefresh = (await call('POST', '/api/auth/login', { body: other })).body.refresh_token;
    assert.equal((await call('POST', `/api/admin/users/${target.id}/disable`, { token: admin })).body.disabled, true);
    assert.equal((await call('POST', '/api/auth/login', { body: other })).status, 403);
    assert.equal((await call('POST', '/api/auth/refresh', { body: { refresh_token: otherRefresh } })).status, 401);
    assert.equal((await call('POST', `/api/admin/users/${target.id}/enable`, { token: admin })).body.disabled, false);
    assert.equal((await call('POST', '/api/admin/users/00000000-0000-0000-0000-000000000000/disable', { token: admin })).status, 404);
    const self = listed.find((u) => u.email === ADMIN.email);
    assert.equal((await call('POST', `/api/admin/users/${self.id}/disable`, { token: admin })).status, 400);
    assert.equal((await call('POST', '/api/admin/invites', { body: { uses: 0 }, token: admin })).status, 422);
    assert.equal((await call('POST', '/api/admin/invites', { body: { uses: 2, expires_in_days: 3 }, token: admin })).body.uses, 2);
    const reset = (await call('POST', `/api/admin/users/${target.id}/password-reset`, { token: admin })).body;
    assert.ok(reset.link.endsWith(`#/reset?token=${reset.token}`));
    const fresh = 'a fresh password';
    assert.equal((await call('POST', '/api/auth/password-reset', { body: { token: reset.token, new_password: 'short' } })).status, 422);
    assert.equal((await call('POST', '/api/auth/password-reset', { body: { token: reset.token, new_password: fresh } })).status, 200);
    assert.equal((await call('POST', '/api/auth/password-reset', { body: { token: reset.token, new_password: fresh } })).status, 400);
    assert.equal((await call('POST', '/api/auth/login', { body: { ...other, password: fresh } })).status, 200);
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

  it('answers the data export as documented', async () => {
    const exported = await call('GET', '/api/export', { token });
    assert.equal(exported.status, 200);
    assert.match(exported.res.headers.get('content-disposition'), /attachment; filename="council-export\.zip"/);
    assert.equal(Buffer.from(await exported.res.arrayBuffer()).subarray(0, 2).toString(), 'PK');
    assert.equal((await call('GET', '/api/export')).status, 401);
  });

  it('answers account deletion as documented', async () => {
    assert.equal((await call('DELETE', '/api/auth/account', { body: { password: 'wrong password' }, token })).status, 401);
    assert.equal((await call('DELETE', '/api/auth/account', { body: { password: 'another good one' }, token })).status, 200);
  });
});

describe('mock gateway in the other registration modes against proto/', () => {
  const account = (name) => ({ email: `${name}-${email}`, password });

  it('asks for a usable invite code in invite mode', async () => {
    const at = await startMock({ MOCK_REGISTRATION_MODE: 'invite' });
    assert.deepEqual((await call('GET', '/api/auth/config', { at })).body, { registration: 'invite' });
    assert.equal((await call('POST', '/api/auth/register', { body: account('a'), at })).status, 403);
    assert.equal((await call('POST', '/api/auth/register', { body: { ...account('a'), invite_code: 'wrong' }, at })).status, 403);
    const admin = (await call('POST', '/api/auth/login', { body: ADMIN, at })).body.access_token;
    const { code } = (await call('POST', '/api/admin/invites', { body: { uses: 1 }, token: admin, at })).body;
    assert.equal((await call('POST', '/api/auth/register', { body: { ...account('a'), invite_code: code }, at })).status, 200);
    assert.equal((await call('POST', '/api/auth/register', { body: { ...account('b'), invite_code: code }, at })).status, 403);
  });

  it('refuses every registration in closed mode', async () => {
    const at = await startMock({ MOCK_REGISTRATION_MODE: 'closed' });
    assert.deepEqual((await call('GET', '/api/auth/config', { at })).body, { registration: 'closed' });
    assert.equal((await call('POST', '/api/auth/register', { body: account('c'), at })).status, 403);
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
