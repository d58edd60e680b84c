// The OpenRouter key: save (checked with the provider, or not when it is unreachable), test, replace,
// enable/disable, custom endpoint (needs the current password; a replaced key loses it) and removal; only the hint
// and what the provider reported are shown.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, deleteApiKey, listApiKeys, saveApiKey, testApiKey, updateApiKey } from '../../api/endpoints';
import type { ApiKeyInfo } from '../../api/types';
import { formatCredits, formatDate } from '../../lib/format';
import { checkApiKey, checkEndpoint } from '../../lib/validation';
import { ErrorAlert, SuccessNote } from '../Alert';
import { ConfirmDialog } from '../Dialog';
import { Busy } from '../Spinner';

/** Settings section for the user's OpenRouter key. */
export function ApiKeySection() {
  const [key, setKey] = useState<ApiKeyInfo | null | undefined>(undefined);
  const [input, setInput] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [endpointPassword, setEndpointPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [unreachable, setUnreachable] = useState(false);

  const adopt = (k: ApiKeyInfo | null) => {
    setKey(k);
    setEndpoint(k?.endpoint ?? '');
  };

  const load = async () => {
    try {
      const keys = await listApiKeys();
      adopt(keys.find((k) => k.provider === 'openrouter') ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  /** Runs `work`, then shows the sentence it answers (or `done`), or its error. */
  const act = async (work: () => Promise<string | void>, done = '') => {
    setBusy(true);
    setError('');
    setNote('');
    setUnreachable(false);
    try {
      setNote((await work()) || done);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const store = (validate: boolean) => {
    const problem = checkApiKey(input);
    setNote('');
    if (problem) return setError(problem);
    const stored = key ? 'Key replaced.' : 'Key saved.';
    void act(async () => {
      let saved: ApiKeyInfo;
      try {
        saved = await saveApiKey(input, validate);
      } catch (e) {
        if (e instanceof ApiError && e.status === 503) setUnreachable(true);
        throw e;
      }
      setInput('');
      adopt(saved);
      await load();
      if (saved.validated_at) return `${stored} The provider accepted it.`;
      return validate ? stored : `${stored} It was not checked with the provider.`;
    });
  };
  const save = (e: Event) => {
    e.preventDefault();
    store(true);
  };

  const test = () =>
    void act(async () => {
      adopt(await testApiKey());
      return 'The provider accepted the key.';
    });

  const toggle = () =>
    void act(async () => adopt(await updateApiKey({ enabled: !key?.enabled })), key?.enabled ? 'Key disabled.' : 'Key enabled.');

  const saveEndpoint = (e: Event) => {
    e.preventDefault();
    const problem = checkEndpoint(endpoint);
    setNote('');
    if (problem) return setError(problem);
    if (endpointPassword === '') return setError('Enter your current password to change the endpoint.');
    const value = endpoint.trim() === '' ? null : endpoint.trim();
    void act(async () => {
      adopt(await updateApiKey({ endpoint: value, current_password: endpointPassword }));
      setEndpointPassword('');
    }, value ? 'Endpoint saved.' : 'Using the default endpoint.');
  };

  const remove = () =>
    void act(async () => {
      await deleteApiKey();
      setConfirming(false);
      adopt(null);
    }, 'Key removed.');

  return (
    <section class="card" aria-labelledby="key-title">
      <h2 id="key-title">OpenRouter API key</h2>
      <p class="muted small">
        The council calls the models with your own key. It is stored encrypted and never shown again; only its last
        characters are. Get one at{' '}
        <a href="https://openrouter.ai/keys" target="_blank" rel="noopener noreferrer">
          openrouter.ai/keys
        </a>
        .
      </p>
      {key === undefined && !error && <Busy text="Loading key…" />}
      {key === null && (
        <p class="alert alert-info" data-testid="no-key">
          No key saved yet. Add one to ask the council.
        </p>
      )}
      {key && (
        <dl class="key-facts" data-testid="key-info">
          <div>
            <dt>Key</dt>
            <dd>
              <code data-testid="key-hint">{key.key_hint}</code>
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <span class={key.enabled ? 'badge badge-ok' : 'badge badge-off'}>{key.enabled ? 'Enabled' : 'Disabled'}</span>
            </dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>{formatDate(key.updated_at)}</dd>
          </div>
          <div>
            <dt>Last used</dt>
            <dd>{key.last_used_at ? formatDate(key.last_used_at) : 'Never'}</dd>
          </div>
          <div>
            <dt>Checked</dt>
            <dd data-testid="key-validated">{key.validated_at ? formatDate(key.validated_at) : 'Not checked'}</dd>
          </div>
          {key.limit != null && (
            <div>
              <dt>Credit limit</dt>
              <dd data-testid="key-limit">{formatCredits(key.limit)}</dd>
            </div>
          )}
          {key.usage != null && (
            <div>
              <dt>Usage</dt>
              <dd data-testid="key-usage">{formatCredits(key.usage)}</dd>
            </div>
          )}
        </dl>
      )}
      <form class="form inline-form" onSubmit={save} aria-label={key ? 'Replace API key' : 'Save API key'}>
        <div class="field grow">
          <label for="api-key">{key ? 'New key (replaces the saved one and its custom endpoint)' : 'API key'}</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder="sk-or-v1-…"
            value={input}
            disabled={busy}
            onInput={(e) => {
              setInput(e.currentTarget.value);
              setUnreachable(false);
            }}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={busy || input.trim() === ''}>
          {key ? 'Replace key' : 'Save key'}
        </button>
      </form>
      {key && (
        <>
          <form class="form inline-form" onSubmit={saveEndpoint} aria-label="Custom endpoint">
            <div class="field grow">
              <label for="api-endpoint">Custom endpoint (optional, https)</label>
              <input
                id="api-endpoint"
                type="url"
                inputMode="url"
                placeholder="https://openrouter.ai/api/v1 (default)"
                value={endpoint}
                disabled={busy}
                onInput={(e) => setEndpoint(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="api-endpoint-password">Current password (to change the endpoint)</label>
              <input
                id="api-endpoint-password"
                type="password"
                autocomplete="current-password"
                value={endpointPassword}
                disabled={busy}
                onInput={(e) => setEndpointPassword(e.currentTarget.value)}
              />
            </div>
            <button type="submit" class="button" disabled={busy}>
              Save endpoint
            </button>
          </form>
          <div class="button-row">
            <button type="button" class="button" disabled={busy} onClick={test}>
              Test key
            </button>
            <button type="button" class="button" disabled={busy} onClick={toggle}>
              {key.enabled ? 'Disable key' : 'Enable key'}
            </button>
            <button type="button" class="button button-danger" disabled={busy} onClick={() => setConfirming(true)}>
              Remove key
            </button>
          </div>
        </>
      )}
      {error && (
        <ErrorAlert message={error}>
          {unreachable && (
            <button type="button" class="button" disabled={busy} onClick={() => store(false)}>
              Save without checking
            </button>
          )}
        </ErrorAlert>
      )}
      {note && <SuccessNote message={note} />}
      {confirming && (
        <ConfirmDialog
          title="Remove your API key?"
          message={<p>The council cannot answer until you add a key again.</p>}
          confirmLabel="Remove key"
          busy={busy}
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
