// A new inquiry: pick the council and the lead model, optionally its settings, type the first question, start the run.
import { useEffect, useState } from 'preact/hooks';
import { createConversation } from '../api/endpoints';
import { SessionExpiredError } from '../api/http';
import type { Conversation, ModelsInfo } from '../api/types';
import { councilSettings, EMPTY_SETTINGS } from '../lib/councilSettings';
import { draftFor, saveDraft } from '../lib/draft';
import { ErrorAlert } from './Alert';
import { Composer } from './Composer';
import { CouncilSettingsFields } from './CouncilSettingsFields';
import { ModelPicker } from './ModelPicker';
import { Busy } from './Spinner';

interface NewInquiryProps {
  models: ModelsInfo | null;
  modelsError: string;
  onRetryModels: () => void;
  onCreated: (conv: Conversation, question: string) => void;
}

/** The start page of a new conversation. */
export function NewInquiry({ models, modelsError, onRetryModels, onCreated }: NewInquiryProps) {
  const [selected, setSelected] = useState<string[]>([]);
  const [lead, setLead] = useState('');
  const [settings, setSettings] = useState(EMPTY_SETTINGS);
  const [text, setText] = useState(() => draftFor('new'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!models) return;
    const defaults = models.default_models.filter((m) => models.models.includes(m));
    setSelected(defaults.length >= 2 ? defaults : models.models.slice());
    setLead(models.models.includes(models.default_lead_model) ? models.default_lead_model : models.models[0] ?? '');
  }, [models]);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    const question = text.trim();
    if (selected.length < 2) return setError('Select at least two models.');
    if (!question) return setError('Question: type a question for the council.');
    const checked = councilSettings(settings);
    if ('error' in checked) return setError(checked.error);
    setBusy(true);
    setError('');
    try {
      const conv = await createConversation(selected, lead, checked.fields);
      saveDraft(conv.id, question);
      onCreated(conv, question);
    } catch (err) {
      if (!(err instanceof SessionExpiredError)) setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <section class="page new-inquiry" aria-labelledby="new-title">
      <h1 id="new-title">New inquiry</h1>
      <p class="muted">
        Every selected model answers on its own, then each ranks the others’ anonymised answers, and the lead model writes
        the final answer.
      </p>
      {modelsError && (
        <ErrorAlert message={modelsError}>
          <button type="button" class="button" onClick={onRetryModels}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {!models && !modelsError && <Busy text="Loading models…" />}
      {models && (
        <form class="form" onSubmit={submit} noValidate aria-label="New inquiry">
          <ModelPicker
            info={models}
            selected={selected}
            lead={lead}
            disabled={busy}
            onChange={(s, l) => {
              setSelected(s);
              setLead(l);
            }}
          />
          <CouncilSettingsFields value={settings} disabled={busy} onChange={setSettings} />
          <Composer
            id="new-question"
            draftTarget="new"
            label="Your question"
            submitLabel="Ask the council"
            value={text}
            onInput={setText}
            onSubmit={() => void submit()}
            busy={busy}
            autoFocus
          />
          {error && <ErrorAlert message={error} />}
        </form>
      )}
    </section>
  );
}
