// One conversation: its stored messages, the live run if any, and the box for the next question.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getConversation } from '../api/endpoints';
import { ApiError, SessionExpiredError } from '../api/http';
import type { Conversation, Message } from '../api/types';
import { draftFor } from '../lib/draft';
import { formatDate } from '../lib/format';
import type { RunState } from '../lib/run';
import { shortModelName } from '../lib/rankings';
import { ErrorAlert } from './Alert';
import { Composer, MAX_QUESTION_CHARS } from './Composer';
import { AssistantTurn } from './council/AssistantTurn';
import { Busy } from './Spinner';

interface ConversationViewProps {
  id: string;
  run?: RunState;
  onAsk: (id: string, question: string) => void;
  onRunSaved: (id: string) => void;
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

/** The conversation page (mount with key={id}). */
export function ConversationView({ id, run, onAsk, onRunSaved }: ConversationViewProps) {
  const [conv, setConv] = useState<Conversation | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [text, setText] = useState(() => draftFor(id));
  const [formError, setFormError] = useState('');
  const endRef = useRef<HTMLDivElement>(null);

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

  // A finished run: fetch what the server stored, then let the stored copy replace the live one.
  useEffect(() => {
    if (!run?.finished || run.refused) return;
    void load().then((c) => {
      if (c && !run.error) onRunSaved(id);
    });
  }, [run?.finished]);

  // A refused question goes back into the box so it is not lost.
  useEffect(() => {
    if (run?.refused) setText((t) => (t.trim() === '' ? run.question : t));
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
  const showRunQuestion = run && !run.refused && lastUserContent(messages) !== run.question;
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
      </header>
      <div class="messages" aria-live="off">
        {messages.length === 0 && !run && <p class="muted empty">No messages yet. Ask the council your first question below.</p>}
        {messages.map((m, i) =>
          m.role === 'user' ? (
            <UserTurn key={i} content={m.content} />
          ) : (
            <AssistantTurn key={i} message={m} idPrefix={`m${i}`} />
          ),
        )}
        {showRunQuestion && <UserTurn content={run.question} />}
        {run && !run.refused && <AssistantTurn message={run.message} run={run} idPrefix="live" />}
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
