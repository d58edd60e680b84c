// Component tests of the run view: ConversationView and council/* through each stage of a streamed run,
// the stored reload once it completes, and its failures (error event, stream cut short, refused request);
// then issue 11: answers growing token by token, Stop and the stopped run, a reloaded page handing a running run
// on for reattaching, the live run shown in place of its stored copy, a failed run with Retry synthesis, the cost.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getConversation } from '../api/endpoints';
import type { AssistantMessage, Conversation, StreamEvent } from '../api/types';
import { applyEvent, endRun, nameRun, refuseRun, startRun, stopRun, type RunState } from '../lib/run';
import { ConversationView } from './ConversationView';

vi.mock('../api/endpoints', () => ({ getConversation: vi.fn() }));

const QUESTION = 'Which sorting algorithm should I use?';
const stored: Conversation = {
  id: 'c1',
  created_at: '2026-01-02T03:04:05Z',
  title: 'New Conversation',
  models: ['a/x', 'b/y'],
  lead_model: 'a/x',
  messages: [],
};

const events: Record<string, StreamEvent> = {
  stage1_start: { type: 'stage1_start' },
  stage1_complete: {
    type: 'stage1_complete',
    data: [
      { model: 'a/x', response: 'Answer from X' },
      { model: 'b/y', response: 'Answer from Y' },
    ],
  },
  stage2_start: { type: 'stage2_start' },
  stage2_complete: {
    type: 'stage2_complete',
    data: [{ model: 'a/x', ranking: 'Response B is best.\n\nFINAL RANKING:\n1. Response B\n2. Response A', parsed_ranking: ['Response B', 'Response A'] }],
    metadata: {
      label_to_model: { 'Response A': 'a/x', 'Response B': 'b/y' },
      aggregate_rankings: [
        { model: 'b/y', average_rank: 1, rankings_count: 1 },
        { model: 'a/x', average_rank: 2, rankings_count: 1 },
      ],
    },
  },
  stage3_start: { type: 'stage3_start' },
  stage3_complete: { type: 'stage3_complete', data: { model: 'a/x', response: 'The synthesis: use merge sort.' } },
  title_complete: { type: 'title_complete', data: { title: 'Choosing a sort' } },
  complete: { type: 'complete' },
};

let onRunSaved: ReturnType<typeof vi.fn<(id: string) => void>>;
let onReattach: ReturnType<typeof vi.fn<(id: string, question: string, message: AssistantMessage) => void>>;
let onRetrySynthesis: ReturnType<typeof vi.fn<(id: string, message: AssistantMessage, lead: string) => void>>;
let onStop: ReturnType<typeof vi.fn<(id: string) => void>>;

function view(run: RunState | undefined) {
  return (
    <ConversationView
      id="c1"
      run={run}
      onAsk={() => undefined}
      onRunSaved={onRunSaved}
      onReattach={onReattach}
      onRetrySynthesis={onRetrySynthesis}
      onStop={onStop}
    />
  );
}

/** Renders the view with `run` once the stored conversation has loaded; `next` re-renders with a newer state. */
async function mount(run: RunState | undefined) {
  const result = render(view(run));
  await screen.findByRole('heading', { level: 1 });
  return { next: (state: RunState | undefined) => result.rerender(view(state)) };
}

/** Each stage's status as the progress list shows it. */
function progress(): Record<string, string | undefined> {
  const list = screen.getByRole('list', { name: 'Council progress' });
  return Object.fromEntries(
    within(list)
      .getAllByRole('listitem')
      .map((item): [string, string | undefined] => [item.dataset.stage ?? '', item.dataset.status]),
  );
}

const busyLines = () => screen.queryAllByRole('status').map((s) => s.textContent?.trim());

beforeEach(() => {
  onRunSaved = vi.fn<(id: string) => void>();
  onReattach = vi.fn<(id: string, question: string, message: AssistantMessage) => void>();
  onRetrySynthesis = vi.fn<(id: string, message: AssistantMessage, lead: string) => void>();
  onStop = vi.fn<(id: string) => void>();
  vi.mocked(getConversation).mockReset();
  vi.mocked(getConversation).mockResolvedValue(stored);
  sessionStorage.clear();
  Element.prototype.scrollIntoView = vi.fn();
});

afterEach(cleanup);

describe('ConversationView during a run', () => {
  it('shows each stage transition of a streamed run, then reloads the stored conversation', async () => {
    let run = startRun(QUESTION);
    const { next } = await mount(run);
    const step = (name: string) => {
      run = applyEvent(run, events[name]);
      next(run);
    };

    expect(progress()).toEqual({ stage1: 'waiting', stage2: 'waiting', stage3: 'waiting' });
    expect(busyLines()).toContain('Sending your question to the council…');
    expect(screen.getByRole('article', { name: 'Your question' }).textContent).toBe(`You${QUESTION}`);
    expect(screen.getByRole('button', { name: 'Sending…' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('article', { name: 'Council answer' }).getAttribute('aria-busy')).toBe('true');

    step('stage1_start');
    expect(progress()).toEqual({ stage1: 'running', stage2: 'waiting', stage3: 'waiting' });
    expect(busyLines()).toEqual(['Collecting individual answers…']);
    expect(screen.queryByTestId('stage1')).toBeNull();

    step('stage1_complete');
    expect(progress()).toEqual({ stage1: 'done', stage2: 'waiting', stage3: 'waiting' });
    const stage1 = screen.getByTestId('stage1');
    expect(within(stage1).getAllByRole('tab').map((t) => t.textContent)).toEqual(['x', 'y']);
    expect(within(stage1).getByRole('tabpanel').textContent).toContain('Answer from X');
    expect(busyLines()).toEqual([]);

    step('stage2_start');
    expect(progress()).toEqual({ stage1: 'done', stage2: 'running', stage3: 'waiting' });
    expect(busyLines()).toEqual(['Models are ranking each other…']);
    expect(screen.queryByTestId('stage2')).toBeNull();

    step('stage2_complete');
    expect(progress()).toEqual({ stage1: 'done', stage2: 'done', stage3: 'waiting' });
    const table = screen.getByTestId('aggregate-rankings');
    expect(within(table).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['b/y', 'a/x']);
    expect(within(screen.getByTestId('stage2')).getByRole('tabpanel').textContent).toContain('Evaluation by a/x');

    step('stage3_start');
    expect(progress()).toEqual({ stage1: 'done', stage2: 'done', stage3: 'running' });
    expect(busyLines()).toEqual(['The lead model is writing the final answer…']);
    expect(screen.queryByTestId('stage3')).toBeNull();

    step('stage3_complete');
    expect(progress()).toEqual({ stage1: 'done', stage2: 'done', stage3: 'done' });
    expect(screen.getByTestId('stage3').textContent).toContain('The synthesis: use merge sort.');
    expect(screen.getByTestId('stage3').textContent).toContain('Synthesised by a/x');

    step('title_complete');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Choosing a sort');
    expect(onRunSaved).not.toHaveBeenCalled();

    step('complete');
    expect(screen.getByRole('article', { name: 'Council answer' }).getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.queryAllByRole('alert')).toEqual([]);
    await waitFor(() => expect(onRunSaved).toHaveBeenCalledWith('c1'));
    expect(getConversation).toHaveBeenCalledTimes(2);
  });

  it('shows an error event under what the run had produced and keeps the live copy', async () => {
    let run = applyEvent(applyEvent(startRun(QUESTION), events.stage1_start), events.stage1_complete);
    const { next } = await mount(run);
    run = applyEvent(applyEvent(run, events.stage2_start), { type: 'error', message: 'The lead model failed.' });
    next(run);

    expect(screen.getByRole('alert').textContent).toBe('The lead model failed.');
    expect(screen.getByTestId('stage1')).toBeTruthy();
    expect(busyLines()).toEqual([]);
    expect(screen.getByRole('article', { name: 'Council answer' }).getAttribute('aria-busy')).toBe('false');
    await waitFor(() => expect(getConversation).toHaveBeenCalledTimes(2));
    expect(onRunSaved).not.toHaveBeenCalled();
  });

  it('says so when the stream closed before the run finished', async () => {
    let run = applyEvent(startRun(QUESTION), events.stage1_start);
    const { next } = await mount(run);
    run = endRun(run);
    next(run);

    expect(screen.getByRole('alert').textContent).toMatch(/closed before the council finished/);
    expect(progress()).toEqual({ stage1: 'running', stage2: 'waiting', stage3: 'waiting' });
    expect(busyLines()).toEqual([]);
    await waitFor(() => expect(getConversation).toHaveBeenCalledTimes(2));
    expect(onRunSaved).not.toHaveBeenCalled();
  });

  it('puts a refused question back into the box and links to the settings for a missing key', async () => {
    const run = startRun(QUESTION);
    const { next } = await mount(run);
    next(refuseRun(run, 'No API key configured. Please add your OpenRouter API key in Settings.'));

    expect(screen.queryByRole('list', { name: 'Council progress' })).toBeNull();
    expect(screen.queryByRole('article', { name: 'Your question' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('No API key configured.');
    expect(screen.getByTestId('settings-link').getAttribute('href')).toBe('#/settings');
    await waitFor(() => expect(screen.getByRole('textbox')).toHaveProperty('value', QUESTION));
    expect(getConversation).toHaveBeenCalledTimes(1);
    expect(onRunSaved).not.toHaveBeenCalled();
  });
});

const usage = {
  prompt_tokens: 1200,
  completion_tokens: 800,
  cost_usd: 0.0135,
  by_model: {
    'a/x': { prompt_tokens: 700, completion_tokens: 500, cost_usd: 0.009 },
    'b/y': { prompt_tokens: 500, completion_tokens: 300, cost_usd: 0.0045 },
  },
};
const stage1Done = (events.stage1_complete as Extract<StreamEvent, { type: 'stage1_complete' }>).data;
const stage2Done = events.stage2_complete as Extract<StreamEvent, { type: 'stage2_complete' }>;

/** A stored assistant message of run `runId` with the stages 1 and 2 above. */
function storedAnswer(runId: string, fields: Partial<AssistantMessage>): AssistantMessage {
  return {
    role: 'assistant',
    stage1: stage1Done,
    stage2: stage2Done.data,
    stage3: null,
    metadata: { ...stage2Done.metadata, errors: [] },
    run_id: runId,
    status: 'completed',
    usage: null,
    ...fields,
  };
}

function withMessages(...messages: Conversation['messages']): Conversation {
  return { ...stored, messages };
}

const panelText = (testid: string) => within(screen.getByTestId(testid)).getByRole('tabpanel').textContent;

describe('ConversationView with issue 11 runs', () => {
  it('shows the answers growing token by token in each model’s tab, then the complete ones', async () => {
    let run = applyEvent(startRun(QUESTION), events.stage1_start, 1);
    const { next } = await mount(run);
    const step = (ev: StreamEvent, seq: number) => {
      run = applyEvent(run, ev, seq);
      next(run);
    };
    step({ type: 'stage1_delta', model: 'a/x', delta: 'Answer ' }, 2);
    const stage1 = screen.getByTestId('stage1');
    expect(stage1.dataset.streaming).toBe('true');
    expect(busyLines()).toEqual([]);
    expect(panelText('stage1')).toContain('Answer');
    step({ type: 'stage1_delta', model: 'b/y', delta: 'Other' }, 3);
    step({ type: 'stage1_delta', model: 'a/x', delta: 'from' }, 4);
    expect(within(stage1).getAllByRole('tab').map((t) => t.textContent)).toEqual(['x', 'y']);
    expect(panelText('stage1')).toContain('Answer from');
    step({ type: 'stage1_delta', model: 'a/x', delta: 'from' }, 4);
    expect(panelText('stage1')).not.toContain('fromfrom');
    step(events.stage1_complete, 5);
    expect(screen.getByTestId('stage1').dataset.streaming).toBeUndefined();
    expect(panelText('stage1')).toContain('Answer from X');

    step(events.stage2_start, 6);
    step(events.stage2_complete, 7);
    step(events.stage3_start, 8);
    expect(busyLines()).toEqual(['The lead model is writing the final answer…']);
    step({ type: 'stage3_delta', model: 'a/x', delta: 'The synth' }, 9);
    expect(busyLines()).toEqual([]);
    expect(screen.getByTestId('stage3').dataset.streaming).toBe('true');
    expect(screen.getByTestId('stage3').textContent).toContain('Being written by a/x');
    expect(screen.getByTestId('stage3').textContent).toContain('The synth');
    step(events.stage3_complete, 10);
    expect(screen.getByTestId('stage3').textContent).toContain('Synthesised by a/x');
    step({ type: 'complete', usage }, 11);
    const cost = screen.getByTestId('run-cost');
    expect(cost.querySelector('summary')?.textContent).toBe('Cost $0.0135 · 1,200 prompt + 800 completion tokens');
    expect(within(cost).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['a/x700500$0.009', 'b/y500300$0.0045']);
  });

  it('offers Stop once the run has an id, then shows the run as stopped and lets the stored copy replace it', async () => {
    let run = applyEvent(startRun(QUESTION), events.stage1_start, 1);
    const { next } = await mount(run);
    const stop = () => screen.getByRole('button', { name: /^Stop/ });
    expect(stop()).toHaveProperty('disabled', true);
    run = nameRun(run, 'run-1');
    next(run);
    expect(stop()).toHaveProperty('disabled', false);
    stop().click();
    expect(onStop).toHaveBeenCalledWith('c1');
    run = stopRun(run);
    next(run);
    expect(stop().textContent).toBe('Stopping…');
    expect(stop()).toHaveProperty('disabled', true);

    vi.mocked(getConversation).mockResolvedValue(withMessages({ role: 'user', content: QUESTION }, storedAnswer('run-1', { stage1: [], stage2: [], metadata: null, status: 'cancelled' })));
    run = applyEvent(run, { type: 'cancelled' }, 2);
    next(run);
    expect(screen.queryByRole('button', { name: /^Stop/ })).toBeNull();
    expect(screen.getByTestId('run-cancelled').textContent).toMatch(/stopped before it finished/);
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(onRunSaved).toHaveBeenCalledWith('c1'));
  });

  it('hands a run the record shows running on for reattaching, once, with its question', async () => {
    const running = storedAnswer('run-2', { stage2: [], metadata: null, status: 'running' });
    vi.mocked(getConversation).mockResolvedValue(withMessages({ role: 'user', content: QUESTION }, running));
    const { next } = await mount(undefined);
    await waitFor(() => expect(onReattach).toHaveBeenCalledWith('c1', QUESTION, running));

    const live = applyEvent(nameRun(startRun(QUESTION), 'run-2'), events.stage1_complete, 3);
    next(live);
    expect(screen.getAllByRole('article', { name: 'Your question' })).toHaveLength(1);
    expect(screen.getAllByRole('article', { name: 'Council answer' })).toHaveLength(1);
    expect(screen.getByRole('article', { name: 'Council answer' }).getAttribute('aria-busy')).toBe('true');
    next(undefined);
    expect(onReattach).toHaveBeenCalledTimes(1);
  });

  it('shows a failed run with its error and retries its synthesis with the chosen lead', async () => {
    const failed = storedAnswer('run-3', { status: 'failed', error: 'The lead model a/x failed (HTTP 502).', usage });
    vi.mocked(getConversation).mockResolvedValue(withMessages({ role: 'user', content: QUESTION }, failed));
    await mount(undefined);
    expect(screen.getByRole('alert').textContent).toContain('The lead model a/x failed (HTTP 502).');
    expect(screen.getByTestId('stage1')).toBeTruthy();
    expect(screen.getByTestId('run-cost')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Retry synthesis' });
    const lead = within(form).getByLabelText('Lead model for the final answer');
    expect(lead).toHaveProperty('value', 'a/x');
    fireEvent.change(lead, { target: { value: 'b/y' } });
    fireEvent.submit(form);
    expect(onRetrySynthesis).toHaveBeenCalledWith('c1', failed, 'b/y');
    expect(onReattach).not.toHaveBeenCalled();
  });

  it('offers no retry for a stopped run without stage 2 and none for a completed one', async () => {
    vi.mocked(getConversation).mockResolvedValue(
      withMessages(
        { role: 'user', content: 'first' },
        storedAnswer('run-4', { stage3: { model: 'a/x', response: 'Done' }, usage }),
        { role: 'user', content: 'second' },
        storedAnswer('run-5', { stage2: [], metadata: null, status: 'cancelled' }),
      ),
    );
    await mount(undefined);
    expect(screen.getByTestId('run-cancelled')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Retry synthesis' })).toBeNull();
    expect(screen.getAllByTestId('run-cost')).toHaveLength(1);
  });
});
