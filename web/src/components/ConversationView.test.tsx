// Component tests of the run view: ConversationView and council/* through each stage of a streamed run,
// the stored reload once it completes, and its failures (error event, stream cut short, refused request).
// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getConversation } from '../api/endpoints';
import type { Conversation, StreamEvent } from '../api/types';
import { applyEvent, endRun, refuseRun, startRun, type RunState } from '../lib/run';
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

function view(run: RunState) {
  return <ConversationView id="c1" run={run} onAsk={() => undefined} onRunSaved={onRunSaved} />;
}

/** Renders the view with `run` once the stored conversation has loaded; `next` re-renders with a newer state. */
async function mount(run: RunState) {
  const result = render(view(run));
  await screen.findByRole('heading', { level: 1 });
  return { next: (state: RunState) => result.rerender(view(state)) };
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
