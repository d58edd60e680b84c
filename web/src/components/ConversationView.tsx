// One conversation: its stored messages, the live run if any (in place of its stored copy once the record has
// it), a run found running after a reload handed on for reattaching, and the box for the next question.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getConversation } from '../api/endpoints';
import { ApiError, SessionExpiredError } from '../api/http';
import type { AssistantMessage, Conversation, Message } from '../api/types';
import { draftFor } from '../lib/draft';
import { formatDate } from '../lib/format';
import type { RunState } from '../lib/run';
import { shortModelName } from '../lib/rankings';
import { ErrorAlert } from './Alert';
import { Composer, MAX_QUESTION_CHARS } from './Composer';
import { AssistantTurn } from './council/AssistantTurn';
import { CouncilSettingsLine } from './council/CouncilSettingsLine';
import { Busy } from './Spinner';

interface ConversationViewProps {
  id: string;
  run?: RunState;
  onAsk: (id: string, question: string) => void;
  onRunSaved: (id: string) => void;
  onReattach?: (id: string, question: string, message: AssistantMessage) => void;
  onRetrySynthesis?: (id: string, message: AssistantMessage, leadModel: string) => void;
  onStop?: (id: string) => void;
}

function UserTurn({ content }: { content: string }) {
  return (
    <article class="turn turn-user" aria-label="Your question">
      <p class="turn-who">You</p>
      <p class="user-text">{content}</p>
    </article>
  );
}

function lastUserContent(messages: Message[]): string | null {
  const last = messages[messages.length - 1];
  return last?.role === 'user' ? last.content : null;
}

/** The stored assistant message of run `runId`, if the record has it. */
function storedRun(messages: Message[], runId: string | undefined): { index: number; message: AssistantMessage } | null {
  if (!runId) return null;
  const index = messages.findIndex((m) => m.role === 'assistant' && m.run_id === runId);
  return index < 0 ? null : { index, message: messages[index] as AssistantMessage };
}

/** The last message when it is a run still going on the server, with its question. */
function runningRun(messages: Message[]): { question: string; message: AssistantMessage } | null {
  const last = messages[messages.length - 1];
  if (last?.role !== 'assistant' || last.status !== 'running' || !last.run_id) return null;
  const before = messages[messages.length - 2];
  return { question: before?.role === 'user' ? before.content : '', message: last };
}

/** The conversation page (mount with key={id}). */
export function ConversationView({ id, run, onAsk, onRunSaved, onReattach, onRetrySynthesis, onStop }: ConversationViewProps) {
  const [conv, setConv] = useState<Conversation | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [text, setText] = useState(() => draftFor(id));
  const [formError, setFormError] = useState('');
  const endRef = useRef<HTMLDivElement>(null);
  const followed = useRef(new Set<string>());
  if (run?.runId) followed.current.add(run.runId);

  const load = async () => {
    try {
      const c = await getConversation(id);
      setConv(c);
      setLoadError(null);
      return c;
    } catch (e) {
      if (!(e instanceof SessionExpiredError)) setLoadError(e instanceof ApiError ? e : new ApiError(0, (e as Error).message));
      return null;
    }
  };

  useEffect(() => {
    void load();
  }, [id]);

  // A finished run: fetch what the server stored, then let the stored copy replace the live one when the run
  // completed or the record has its outcome (a failed or stopped run is stored with its status).
  useEffect(() => {
    if (!run?.finished || run.refused) return;
    void load().then((c) => {
      const stored = c && storedRun(c.messages ?? [], run.runId);
      if (c && ((!run.error && !run.cancelled) || (stored && stored.message.status !== 'running'))) onRunSaved(id);
    });
  }, [run?.finished]);

  // A run still going on the server (the page was reloaded mid-run) is followed again, once per run.
  useEffect(() => {
    const pending = conv && !run ? runningRun(conv.messages ?? []) : null;
    if (!pending?.message.run_id || followed.current.has(pending.message.run_id)) return;
    followed.current.add(pending.message.run_id);
    onReattach?.(id, pending.question, pending.message);
  }, [conv, run]);

  // A refused question goes back into the box so it is not lost (a refused reattach or retry has none).
  useEffect(() => {
    if (run?.refused && !run.runId && run.question) setText((t) => (t.trim() === '' ? run.question : t));
  }, [run?.refused]);

  const live = !!run && !run.finished;
  useEffect(() => {
    if (live) endRef.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [live, run?.stages.stage1, run?.stages.stage2, run?.stages.stage3]);

  const submit = (e?: Event) => {
    e?.preventDefault();
    const q = text.trim();
    if (!q || live) return;
    if (q.length > MAX_QUESTION_CHARS) return setFormError(`Question: must be at most ${MAX_QUESTION_CHARS} characters.`);
    setFormError('');
    setText('');
    onAsk(id, q);
  };

  if (loadError && !conv) {
    const missing = loadError.status === 404;
    return (
      <section class="page" aria-labelledby="conv-title">
        <h1 id="conv-title">{missing ? 'Conversation not found' : 'Could not load the conversation'}</h1>
        <ErrorAlert message={loadError.message}>
          {missing ? (
            <a class="button" href="#/new">
              Start a new inquiry
            </a>
          ) : (
            <button type="button" class="button" onClick={() => void load()}>
              Try again
            </button>
          )}
        </ErrorAlert>
      </section>
    );
  }
  if (!conv) {
    return (
      <section class="page" aria-busy="true">
        <Busy text="Loading conversation…" />
      </section>
    );
  }

  const messages = conv.messages ?? [];
  const inPlace = run && !run.refused ? storedRun(messages, run.runId) : null;
  const appended = run && !run.refused && !inPlace ? run : undefined;
  const showRunQuestion = appended && lastUserContent(messages) !== appended.question;
  const turnProps = (message: AssistantMessage) => ({
    models: conv.models ?? [],
    leadModel: conv.lead_model,
    onStop: onStop && (() => onStop(id)),
    onRetrySynthesis: onRetrySynthesis && ((lead: string) => onRetrySynthesis(id, message, lead)),
  });
  return (
    <section class="page conversation" aria-labelledby="conv-title">
      <header class="conversation-head">
        <h1 id="conv-title">{run?.title ?? conv.title ?? 'New Conversation'}</h1>
        <p class="muted small">
          {formatDate(conv.created_at)} · Lead: <span title={conv.lead_model}>{shortModelName(conv.lead_model ?? '')}</span> ·
          Council:{' '}
          {(conv.models ?? []).map((m) => (
            <span key={m} class="chip" title={m}>
              {shortModelName(m)}
            </span>
          ))}
        </p>
        <CouncilSettingsLine conversation={conv} />
      </header>
      <div class="messages" aria-live="off">
        {messages.length === 0 && !run && <p class="muted empty">No messages yet. Ask the council your first question below.</p>}
        {messages.map((m, i) =>
          m.role === 'user' ? (
            <UserTurn key={i} content={m.content} />
          ) : i === inPlace?.index && run ? (
            <AssistantTurn key={i} message={run.message} run={run} idPrefix={`m${i}`} {...turnProps(m)} />
          ) : (
            <AssistantTurn key={i} message={m} idPrefix={`m${i}`} {...turnProps(m)} />
          ),
        )}
        {showRunQuestion && <UserTurn content={appended.question} />}
        {appended && <AssistantTurn message={appended.message} run={appended} idPrefix="live" {...turnProps(appended.message)} />}
        {run?.refused && run.error && <ErrorAlert message={run.error} />}
        <div ref={endRef} />
      </div>
      <form class="form composer-form" onSubmit={submit} aria-label="Ask a follow-up question">
        <Composer
          id="question"
          draftTarget={id}
          label={messages.length === 0 ? 'Your question' : 'Follow-up question'}
          submitLabel="Send"
          value={text}
          onInput={setText}
          onSubmit={() => submit()}
          busy={live}
        />
        {formError && <ErrorAlert message={formError} />}
      </form>
    </section>
  );
}
