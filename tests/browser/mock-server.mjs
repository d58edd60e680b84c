// Development stand-in for the gateway (an in-memory subset of proto/auth.openapi.yaml and proto/council.openapi.yaml)
// serving web/dist, for working on the UI before the C++ stack runs: node tests/browser/mock-server.mjs 8090, then
// GATEWAY_URL=http://127.0.0.1:8090 ./run. Port 0 picks a free port; contract.test.mjs checks its answers against proto/.
// MOCK_REGISTRATION_MODE=open|invite|closed (default open); MOCK_ADMIN_EMAIL and MOCK_ADMIN_PASSWORD seed an admin.
// The provider check of a key: keys starting "bad-" are rejected (400), "down-" find the provider unreachable (503).
import { createServer } from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunEngine } from './mock-runs.mjs';
import { storedZip } from './stored-zip.mjs';

const dist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const port = Number(process.argv[2] ?? process.env.PORT ?? 8090);
const ACCESS_TTL_MS = Number(process.env.MOCK_ACCESS_TTL_MS ?? 900_000);
const STAGE_DELAY_MS = Number(process.env.MOCK_STAGE_DELAY_MS ?? 400);
const DELTA_DELAY_MS = Number(process.env.MOCK_DELTA_DELAY_MS ?? 60);
const REGISTRATION = process.env.MOCK_REGISTRATION_MODE ?? 'open';
if (!['open', 'invite', 'closed'].includes(REGISTRATION)) throw new Error('MOCK_REGISTRATION_MODE must be open, invite or closed');
const RESET_TTL_MS = 30 * 60_000;
const DAY_MS = 86_400_000;
const MODELS = ['openai/gpt-5.1', 'google/gemini-3-pro-preview', 'anthropic/claude-sonnet-4.5', 'x-ai/grok-4'];

const users = new Map(); // email -> {id, email, password, created_at, last_login_at, admin, disabled}
const access = new Map(); // token -> {userId, exp, sessionId}
const refresh = new Map(); // token -> sessionId
const sessions = new Map(); // id -> {id, userId, created_at, last_used_at, user_agent, ip}
const keys = new Map(); // userId -> key metadata
const secrets = new Map(); // userId -> the stored key itself
const invites = new Map(); // code -> {uses, expires}
const resets = new Map(); // token -> {userId, expires}; deleted when used
const conversations = new Map(); // id -> {..., userId}
const audit = [];
const engine = new RunEngine({ stageDelayMs: STAGE_DELAY_MS, deltaDelayMs: DELTA_DELAY_MS });

const now = () => new Date().toISOString();
const newUser = (email, password, admin = false) => ({ id: randomUUID(), email, password, created_at: now(), last_login_at: null, admin, disabled: false });
if (process.env.MOCK_ADMIN_EMAIL) {
  const email = process.env.MOCK_ADMIN_EMAIL.toLowerCase();
  users.set(email, newUser(email, process.env.MOCK_ADMIN_PASSWORD ?? 'admin password', true));
}
const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const detail = (res, status, text, headers) => send(res, status, { detail: text }, headers);

function issue(userId, sessionId, ua) {
  const sid = sessionId ?? randomUUID();
  if (!sessions.has(sid)) sessions.set(sid, { id: sid, userId, created_at: now(), last_used_at: now(), user_agent: ua ?? null, ip: '127.0.0.1' });
  for (const [t, s] of refresh) if (s === sid) refresh.delete(t);
  const a = `a.${Buffer.from(JSON.stringify({ sub: userId })).toString('base64url')}.${randomUUID()}`;
  const r = randomUUID();
  access.set(a, { userId, exp: Date.now() + ACCESS_TTL_MS, sessionId: sid });
  refresh.set(r, sid);
  return { access_token: a, refresh_token: r, token_type: 'bearer', expires_in: Math.round(ACCESS_TTL_MS / 1000) };
}

function authUser(req, res) {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Bearer ')) return detail(res, 401, 'Not authenticated', { 'www-authenticate': 'Bearer' });
  const a = access.get(h.slice(7));
  if (!a || a.exp < Date.now() || !sessions.has(a.sessionId)) return detail(res, 401, 'Invalid or expired token', { 'www-authenticate': 'Bearer' });
  return { userId: a.userId, sessionId: a.sessionId };
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What the provider says about `secret`: an error answer [status, sentence] or its {limit, usage}. */
function providerCheck(secret) {
  if (secret.startsWith('bad-')) return { refused: [400, 'The provider rejected this key: Invalid API key.'] };
  if (secret.startsWith('down-')) return { refused: [503, 'The provider could not be reached to check the key; try again, or save it without checking.'] };
  return { limit: 10, usage: 0.25 };
}

/** The admin API's view of a user (never a key). */
const adminView = (u) => ({ id: u.id, email: u.email, created_at: u.created_at, last_login_at: u.last_login_at, disabled: u.disabled, admin: u.admin, key_stored: keys.has(u.id) });

/** Refuses the registration (403) unless invite mode has a usable code (one use spent) or the mode is open. */
function admitRegistration(res, code) {
  if (REGISTRATION === 'open') return true;
  if (!code) return detail(res, 403, 'An invite code is required to register.');
  const invite = invites.get(code);
  if (!invite) return detail(res, 403, 'This invite code is not valid.');
  if (invite.expires < Date.now()) return detail(res, 403, 'This invite code has expired.');
  if (invite.uses < 1) return detail(res, 403, 'This invite code has been used up.');
  invite.uses -= 1;
  return true;
}

const endSessionsOf = (userId) => {
  for (const [id, s] of sessions) if (s.userId === userId) sessions.delete(id);
};

/** The export ZIP of `user`: account.json, conversations.json, one Markdown file per conversation, manifest.json. */
function exportZip(user) {
  const { password: _p, ...profile } = user;
  const mine = [...conversations.values()].filter((c) => c.userId === user.id).map(({ userId: _u, ...c }) => c);
  const account = {
    user: profile,
    sessions: [...sessions.values()].filter((s) => s.userId === user.id).map(({ userId: _u, ...s }) => s),
    audit_events: audit.filter((a) => a.userId === user.id).map(({ userId: _u, ...a }) => a),
  };
  const markdown = (c) =>
    `# ${c.title}\n\n` + c.messages.map((m) => (m.role === 'user' ? `## Question\n\n${m.content}\n` : `## Answer\n\n${m.stage3?.response ?? ''}\n`)).join('\n');
  const files = [
    { name: 'account.json', data: Buffer.from(JSON.stringify(account, null, 2)) },
    { name: 'conversations.json', data: Buffer.from(JSON.stringify(mine, null, 2)) },
    ...mine.map((c) => ({ name: `conversations/${c.id}.md`, data: Buffer.from(markdown(c)) })),
  ];
  const manifest = files.map(({ name, data }) => ({ name, sha256: createHash('sha256').update(data).digest('hex'), size: data.length }));
  return storedZip([...files, { name: 'manifest.json', data: Buffer.from(JSON.stringify({ files: manifest }, null, 2)) }]);
}

async function api(req, res, path) {
  const m = req.method;
  if (m === 'GET' && path === '/api/auth/config') return send(res, 200, { registration: REGISTRATION });
  if (m === 'POST' && (path === '/api/auth/register' || path === '/api/auth/login')) {
    const b = await body(req);
    if (!b) return detail(res, 400, 'Malformed JSON body');
    const email = String(b.email ?? '').trim().toLowerCase();
    if (path.endsWith('register')) {
      if (REGISTRATION === 'closed') return detail(res, 403, 'Registration is closed.');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return detail(res, 422, 'email: must be a valid email address');
      if (Buffer.byteLength(b.password ?? '') < 8) return detail(res, 422, 'password: must be at least 8 characters');
      if (users.has(email)) return detail(res, 400, 'Email already registered');
      if (!admitRegistration(res, b.invite_code)) return;
      users.set(email, newUser(email, b.password));
    }
    const u = users.get(email);
    if (!u || u.password !== b.password) return detail(res, 401, 'Invalid email or password');
    if (u.disabled) return detail(res, 403, 'This account is disabled.');
    u.last_login_at = now();
    audit.unshift({ id: audit.length + 1, userId: u.id, at: now(), action: path.endsWith('register') ? 'register' : 'login', outcome: 'success', ip: '127.0.0.1', user_agent: req.headers['user-agent'], details: {}, count: 1, authenticated: true });
    return send(res, 200, issue(u.id, undefined, req.headers['user-agent']));
  }
  if (m === 'POST' && path === '/api/auth/refresh') {
    const b = (await body(req)) ?? {};
    const sid = refresh.get(b.refresh_token);
    if (!sid || !sessions.has(sid)) return detail(res, 401, 'Invalid or expired token');
    return send(res, 200, issue(sessions.get(sid).userId, sid));
  }
  if (m === 'POST' && path === '/api/auth/logout') {
    const b = (await body(req)) ?? {};
    const sid = refresh.get(b.refresh_token);
    if (!sid) return detail(res, 401, 'Invalid or expired token');
    sessions.delete(sid);
    refresh.delete(b.refresh_token);
    return send(res, 200, { status: 'ok' });
  }
  if (m === 'POST' && path === '/api/auth/password-reset') {
    const b = await body(req);
    if (!b) return detail(res, 400, 'Malformed JSON body');
    const reset = resets.get(String(b.token ?? ''));
    if (!reset || reset.expires < Date.now()) return detail(res, 400, 'This reset link is invalid, used or expired.');
    if (Buffer.byteLength(b.new_password ?? '') < 8) return detail(res, 422, 'new_password: must be at least 8 characters');
    resets.delete(b.token);
    const u = [...users.values()].find((x) => x.id === reset.userId);
    if (!u) return detail(res, 400, 'This reset link is invalid, used or expired.');
    u.password = b.new_password;
    endSessionsOf(u.id);
    return send(res, 200, { status: 'password reset' });
  }
  const who = authUser(req, res);
  if (!who) return;
  const user = [...users.values()].find((u) => u.id === who.userId);
  if (!user) return detail(res, 404, 'User not found');
  if (m === 'GET' && path === '/api/auth/me') return send(res, 200, { id: user.id, email: user.email, created_at: user.created_at });
  if (m === 'GET' && path === '/api/auth/sessions')
    return send(res, 200, [...sessions.values()].filter((s) => s.userId === user.id).map(({ userId: _u, ...s }) => ({ ...s, current: s.id === who.sessionId })));
  let mm = /^\/api\/auth\/sessions\/([^/]+)$/.exec(path);
  if (m === 'DELETE' && mm) {
    const s = sessions.get(mm[1]);
    if (!s || s.userId !== user.id) return detail(res, 404, 'Session not found');
    sessions.delete(mm[1]);
    return send(res, 200, { status: 'ok' });
  }
  if (m === 'POST' && path === '/api/auth/password') {
    const b = (await body(req)) ?? {};
    if (b.current_password !== user.password) return detail(res, 401, 'Current password is incorrect');
    if (Buffer.byteLength(b.new_password ?? '') < 8) return detail(res, 422, 'new_password: must be at least 8 characters');
    user.password = b.new_password;
    for (const [id, s] of sessions) if (s.userId === user.id && id !== who.sessionId) sessions.delete(id);
    return send(res, 200, { status: 'ok' });
  }
  if (m === 'DELETE' && path === '/api/auth/account') {
    const b = (await body(req)) ?? {};
    if (b.password !== user.password) return detail(res, 401, 'Invalid password');
    users.delete(user.email);
    endSessionsOf(user.id);
    return send(res, 200, { status: 'ok' });
  }
  if (m === 'POST' && path === '/api/settings/api-key') {
    const b = (await body(req)) ?? {};
    const k = String(b.api_key ?? '').trim();
    if (k.length < 10) return detail(res, 422, 'api_key: must be at least 10 characters');
    const check = b.validate === false ? { limit: null, usage: null } : providerCheck(k);
    if (check.refused) return detail(res, ...check.refused);
    const old = keys.get(user.id);
    const meta = {
      id: old?.id ?? randomUUID(),
      provider: 'openrouter',
      key_hint: `...${k.slice(-6)}`,
      enabled: old?.enabled ?? true,
      endpoint: b.endpoint ?? null,
      endpoint_changed_at: (old?.endpoint ?? null) !== (b.endpoint ?? null) ? now() : old?.endpoint_changed_at ?? null,
      created_at: old?.created_at ?? now(),
      updated_at: now(),
      last_used_at: null,
      validated_at: b.validate === false ? null : now(),
      limit: check.limit,
      usage: check.usage,
    };
    keys.set(user.id, meta);
    secrets.set(user.id, k);
    return send(res, 200, meta);
  }
  if (m === 'GET' && path === '/api/settings/api-keys') return send(res, 200, keys.has(user.id) ? [keys.get(user.id)] : []);
  if (m === 'POST' && path === '/api/settings/api-key/openrouter/test') {
    const k = keys.get(user.id);
    if (!k) return detail(res, 404, 'API key not found');
    const check = providerCheck(secrets.get(user.id));
    if (check.refused) return detail(res, ...check.refused);
    Object.assign(k, { validated_at: now(), limit: check.limit, usage: check.usage });
    return send(res, 200, k);
  }
  if (path === '/api/settings/api-key/openrouter') {
    const k = keys.get(user.id);
    if (!k) return detail(res, 404, 'API key not found');
    if (m === 'DELETE') {
      keys.delete(user.id);
      secrets.delete(user.id);
      return send(res, 200, { status: 'deleted' });
    }
    if (m === 'PATCH') {
      const b = (await body(req)) ?? {};
      if (b.endpoint && !String(b.endpoint).startsWith('https://')) return detail(res, 422, 'endpoint: must be an https URL');
      if ('endpoint' in b && !b.current_password) return detail(res, 403, 'Changing the custom endpoint needs your current password.');
      if ('endpoint' in b && b.current_password !== user.password) return detail(res, 401, 'Current password is incorrect.');
      if ('enabled' in b) k.enabled = !!b.enabled;
      if ('endpoint' in b) Object.assign(k, { endpoint: b.endpoint, endpoint_changed_at: now() });
      k.updated_at = now();
      return send(res, 200, k);
    }
  }
  if (m === 'GET' && path === '/api/settings/audit-log') return send(res, 200, audit.filter((a) => a.userId === user.id).map(({ userId: _u, ...a }) => a));
  if (m === 'GET' && path === '/api/export') {
    res.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="council-export.zip"' });
    return res.end(exportZip(user));
  }
  if (path.startsWith('/api/admin/')) return admin(req, res, path, user);
  if (m === 'GET' && path === '/api/models') return send(res, 200, { models: MODELS, default_models: MODELS, default_lead_model: MODELS[1] });
  const mine = () => [...conversations.values()].filter((c) => c.userId === user.id);
  if (m === 'GET' && path === '/api/conversations')
    return send(res, 200, mine().reverse().map((c) => ({ id: c.id, created_at: c.created_at, title: c.title, message_count: c.messages.length })));
  if (m === 'POST' && path === '/api/conversations') {
    const b = await body(req);
    if (!b) return detail(res, 400, 'Malformed JSON body');
    const models = b.models ?? MODELS;
    if (models.length < 2) return detail(res, 400, 'Select at least two models');
    const settings = councilSettings(b);
    if (typeof settings === 'string') return detail(res, 422, settings);
    const c = { id: randomUUID(), userId: user.id, created_at: now(), title: 'New Conversation', messages: [], models, lead_model: b.lead_model ?? MODELS[1], ...settings };
    conversations.set(c.id, c);
    const { userId: _u, ...out } = c;
    return send(res, 200, out);
  }
  if (m === 'GET' && path === '/api/usage') {
    const month = new URL(req.url, 'http://x').searchParams.get('month') ?? now().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return detail(res, 422, 'month: must be YYYY-MM');
    return send(res, 200, engine.usage(user.id, month));
  }
  if (path === '/api/settings/budget') {
    if (m === 'GET') return send(res, 200, engine.budget(user.id));
    if (m === 'PUT') {
      const b = await body(req);
      if (!b) return detail(res, 400, 'Malformed JSON body');
      const v = b.monthly_usd;
      if (!('monthly_usd' in b) || (v !== null && (typeof v !== 'number' || v < 0))) return detail(res, 422, 'monthly_usd: must be a number of at least 0, or null');
      return send(res, 200, engine.setBudget(user.id, v));
    }
  }
  mm = /^\/api\/conversations\/([^/]+)\/runs\/([^/]+)\/(events|cancel|synthesis\/stream)$/.exec(path);
  if (mm) {
    const c = conversations.get(mm[1]);
    if (!c || c.userId !== user.id) return detail(res, 404, 'Conversation not found');
    return runRoute(req, res, user, engine.find(c, mm[2]), mm[3]);
  }
  mm = /^\/api\/conversations\/([^/]+)(\/message\/stream)?$/.exec(path);
  if (mm) {
    const c = conversations.get(mm[1]);
    if (!c || c.userId !== user.id) return detail(res, 404, 'Conversation not found');
    if (mm[2] && m === 'POST') {
      const b = await body(req);
      if (!b) return detail(res, 400, 'Malformed JSON body');
      const k = keys.get(user.id);
      if (!k) return detail(res, 400, 'No API key configured. Please add your OpenRouter API key in Settings.');
      if (!String(b.content ?? '').trim()) return detail(res, 422, 'content: must not be empty');
      const refused = engine.refusal(user.id);
      if (refused) return detail(res, 402, refused);
      const run = engine.start(c, b.content, b.stream_tokens === true);
      openStream(res, run.id);
      return engine.follow(run, res, 0);
    }
    if (m === 'GET') {
      const { userId: _u, ...out } = c;
      return send(res, 200, out);
    }
    if (m === 'DELETE') {
      conversations.delete(c.id);
      return send(res, 200, { success: true });
    }
  }
  return detail(res, 404, 'Not found');
}

/** The council settings of a new conversation (defaults for those not given), or the 422 sentence. */
function councilSettings(b) {
  const s = { system_prompt: b.system_prompt ?? null, temperature: b.temperature ?? null, max_tokens: b.max_tokens ?? null, exclude_self_votes: b.exclude_self_votes ?? false };
  if (s.system_prompt !== null && (typeof s.system_prompt !== 'string' || s.system_prompt.length > 4000)) return 'system_prompt: must be a string of at most 4000 characters';
  if (s.temperature !== null && (typeof s.temperature !== 'number' || s.temperature < 0 || s.temperature > 2)) return 'temperature: must be a number from 0 to 2';
  if (s.max_tokens !== null && (!Number.isInteger(s.max_tokens) || s.max_tokens < 1 || s.max_tokens > 32000)) return 'max_tokens: must be an integer from 1 to 32000';
  if (typeof s.exclude_self_votes !== 'boolean') return 'exclude_self_votes: must be true or false';
  return s;
}

/** Starts an SSE answer carrying the run id. */
function openStream(res, runId) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-run-id': runId });
}

/** GET .../runs/{run_id}/events, POST .../cancel and POST .../synthesis/stream of the user's run `run`. */
async function runRoute(req, res, user, run, action) {
  if (!run) return detail(res, 404, 'Run not found');
  const m = req.method;
  if (m === 'GET' && action === 'events') {
    const raw = req.headers['last-event-id'] ?? new URL(req.url, 'http://x').searchParams.get('last_event_id') ?? '0';
    if (!/^\d+$/.test(raw)) return detail(res, 422, 'Last-Event-ID: must be a whole number');
    openStream(res, run.id);
    engine.reattach(run);
    return engine.follow(run, res, Number(raw));
  }
  if (m === 'POST' && action === 'cancel') {
    if (!engine.cancel(run)) return detail(res, 409, 'The run has already finished.');
    return send(res, 202, { status: 'cancelling', run_id: run.id });
  }
  if (m === 'POST' && action === 'synthesis/stream') {
    const b = await body(req);
    if (!b) return detail(res, 400, 'Malformed JSON body');
    if (run.message.status === 'running') return detail(res, 409, 'The run is still running.');
    if (!engine.canRetry(run)) return detail(res, 409, 'Only a failed or cancelled run with stored stages 1 and 2 can have its synthesis retried.');
    const refused = engine.refusal(user.id);
    if (refused) return detail(res, 402, refused);
    const after = run.events.length;
    engine.retry(run, b.lead_model, b.stream_tokens === true);
    openStream(res, run.id);
    return engine.follow(run, res, after);
  }
  return detail(res, 404, 'Not found');
}

/** The admin API (issue 14): users, disable/enable, invites, reset links; 403 for everyone but admins. */
async function admin(req, res, path, user) {
  if (!user.admin) return detail(res, 403, 'Admin only.');
  const m = req.method;
  if (m === 'GET' && path === '/api/admin/users') return send(res, 200, { users: [...users.values()].map(adminView) });
  if (m === 'POST' && path === '/api/admin/invites') {
    const b = await body(req);
    if (!b) return detail(res, 400, 'Malformed JSON body');
    const uses = b.uses ?? 1;
    const days = b.expires_in_days ?? 7;
    if (!Number.isInteger(uses) || uses < 1 || uses > 1000) return detail(res, 422, 'uses: must be an integer from 1 to 1000');
    if (!Number.isInteger(days) || days < 1 || days > 365) return detail(res, 422, 'expires_in_days: must be an integer from 1 to 365');
    const code = randomBytes(9).toString('base64url');
    const expires = Date.now() + days * DAY_MS;
    invites.set(code, { uses, expires });
    return send(res, 200, { code, uses, expires_at: new Date(expires).toISOString() });
  }
  const mm = /^\/api\/admin\/users\/([^/]+)\/(disable|enable|password-reset)$/.exec(path);
  if (m !== 'POST' || !mm) return detail(res, 404, 'Not found');
  const target = [...users.values()].find((u) => u.id === mm[1]);
  if (!target) return detail(res, 404, 'User not found.');
  if (mm[2] === 'password-reset') {
    const token = randomBytes(24).toString('base64url');
    const expires = Date.now() + RESET_TTL_MS;
    resets.set(token, { userId: target.id, expires });
    const link = `http://${req.headers.host}/#/reset?token=${token}`;
    return send(res, 200, { link, token, expires_at: new Date(expires).toISOString() });
  }
  if (mm[2] === 'disable' && target.id === user.id) return detail(res, 400, 'Admins cannot disable their own account.');
  target.disabled = mm[2] === 'disable';
  if (target.disabled) endSessionsOf(target.id);
  return send(res, 200, adminView(target));
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  try {
    if (path.startsWith('/api/')) return await api(req, res, path);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) return detail(res, 404, 'Not found');
    const data = await readFile(file).catch(() => readFile(join(dist, 'index.html')));
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/html' });
    res.end(data);
  } catch (e) {
    detail(res, 500, String(e));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`mock gateway on http://127.0.0.1:${server.address().port}`));
