// Council runs of the mock gateway (issue 11): a run goes on in the background whoever listens, its events are
// numbered (`id: <seq>`) and kept so a client can reattach after Last-Event-ID; with "stream_tokens" the answers
// arrive as stage1_delta / stage3_delta slices; Stop cancels between slices; a question containing "[fail-lead]"
// makes the lead model fail so the synthesis can be retried, one containing "[hold]" stops after the first stage-3
// slice until a client reattaches (GET .../events), so a reload mid-run is tested whatever the machine's speed; each run records its usage for GET /api/usage and
// the monthly budget. MOCK_STAGE_DELAY_MS paces the stages, MOCK_DELTA_DELAY_MS the slices.
import { randomUUID } from 'node:crypto';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TERMINAL = new Set(['complete', 'error', 'cancelled']);
const SLICES = 6;
/** Tokens and cost the mock charges for every upstream call. */
const CALL = { prompt_tokens: 120, completion_tokens: 80, cost_usd: 0.0015 };

/** `text` cut into about SLICES pieces at word boundaries (joined they give `text` back). */
function slices(text) {
  const words = text.split(/(?<= )/);
  const size = Math.ceil(words.length / SLICES);
  const out = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}

const zero = () => ({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 });
function add(into, amounts) {
  into.prompt_tokens += amounts.prompt_tokens;
  into.completion_tokens += amounts.completion_tokens;
  into.cost_usd = Math.round((into.cost_usd + amounts.cost_usd) * 1e6) / 1e6;
  return into;
}

/** The spending sentence of a refused run (402). */
export const budgetSentence = (spent, budget) =>
  `This month's spending of $${spent.toFixed(2)} has reached your monthly budget of $${budget.toFixed(2)}. Raise the budget in Settings to run the council again.`;

export class RunEngine {
  constructor({ stageDelayMs, deltaDelayMs }) {
    this.stageDelayMs = stageDelayMs;
    this.deltaDelayMs = deltaDelayMs;
    this.runs = new Map(); // id -> run
    this.ledger = []; // {userId, date, model, prompt_tokens, completion_tokens, cost_usd}
    this.budgets = new Map(); // userId -> monthly_usd
  }

  /** The user's spending in `month` (YYYY-MM) as GET /api/usage answers it. */
  usage(userId, month) {
    const total = zero();
    const byModel = {};
    const byDay = new Map();
    for (const e of this.ledger.filter((x) => x.userId === userId && x.date.startsWith(month))) {
      add(total, e);
      add((byModel[e.model] ??= zero()), e);
      add(byDay.get(e.date) ?? byDay.set(e.date, { date: e.date, ...zero() }).get(e.date), e);
    }
    const by_day = [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date));
    return { month, total, by_model: byModel, by_day, budget_usd: this.budgets.get(userId) ?? null };
  }

  /** GET /api/settings/budget for the current month. */
  budget(userId) {
    const month = new Date().toISOString().slice(0, 7);
    return { monthly_usd: this.budgets.get(userId) ?? null, month, spent_usd: this.usage(userId, month).total.cost_usd };
  }

  setBudget(userId, monthly) {
    if (monthly === null) this.budgets.delete(userId);
    else this.budgets.set(userId, monthly);
    return this.budget(userId);
  }

  /** The 402 sentence when the user's budget refuses a new run, else null. */
  refusal(userId) {
    const b = this.budget(userId);
    return b.monthly_usd !== null && b.spent_usd >= b.monthly_usd ? budgetSentence(b.spent_usd, b.monthly_usd) : null;
  }

  /** Starts a run of `content` in `conv`; the question and a running assistant message are stored at once. */
  start(conv, content, streamTokens) {
    const message = { role: 'assistant', stage1: [], stage2: [], stage3: null, metadata: null, run_id: randomUUID(), status: 'running', usage: null };
    conv.messages.push({ role: 'user', content }, message);
    const run = { id: message.run_id, conv, content, message, events: [], listeners: new Set(), cancelled: false, usage: { ...zero(), by_model: {} } };
    run.reattached = new Promise((resolve) => (run.onReattach = resolve));
    this.runs.set(run.id, run);
    void this.council(run, streamTokens);
    return run;
  }

  /** The run `runId` of conversation `conv`, or undefined. */
  find(conv, runId) {
    const run = this.runs.get(runId);
    return run && run.conv === conv ? run : undefined;
  }

  /** Asks a running run to stop; false when it is no longer running. */
  cancel(run) {
    if (run.message.status !== 'running') return false;
    run.cancelled = true;
    return true;
  }

  /** Whether stage 3 may be written again (failed or cancelled, stages 1 and 2 stored). */
  canRetry(run) {
    const m = run.message;
    return (m.status === 'failed' || m.status === 'cancelled') && m.stage1.length > 0 && m.stage2.length > 0;
  }

  /** Writes stage 3 again with `leadModel` (default the conversation's lead). */
  retry(run, leadModel, streamTokens) {
    run.message.status = 'running';
    delete run.message.error;
    run.cancelled = false;
    void this.synthesis(run, leadModel ?? run.conv.lead_model, streamTokens, false);
  }

  /** Tells a run held by "[hold]" that a client reattached. */
  reattach(run) {
    run.onReattach();
  }

  /** Sends `res` the events after `afterSeq`, then the live ones until the run ends. */
  follow(run, res, afterSeq) {
    for (const e of run.events) if (e.seq > afterSeq) res.write(e.frame);
    if (run.message.status !== 'running') return res.end();
    const listener = (frame, terminal) => {
      res.write(frame);
      if (terminal) {
        run.listeners.delete(listener);
        res.end();
      }
    };
    run.listeners.add(listener);
    res.on('close', () => run.listeners.delete(listener));
  }

  emit(run, event) {
    const seq = run.events.length + 1;
    const frame = `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`;
    run.events.push({ seq, frame });
    const terminal = TERMINAL.has(event.type);
    for (const l of [...run.listeners]) l(frame, terminal);
  }

  charge(run, model) {
    add(run.usage, CALL);
    add((run.usage.by_model[model] ??= zero()), CALL);
    this.ledger.push({ userId: run.conv.userId, date: new Date().toISOString().slice(0, 10), model, ...CALL });
  }

  /** Streams `text` as deltas of `type` (when asked to); false when the run was cancelled meanwhile. */
  async write(run, type, model, text, streamTokens) {
    if (!streamTokens) return !run.cancelled;
    for (const [i, delta] of slices(text).entries()) {
      if (run.cancelled) return false;
      this.emit(run, { type, model, delta });
      if (i === 0 && type === 'stage3_delta' && run.content.includes('[hold]')) await run.reattached;
      await sleep(this.deltaDelayMs);
    }
    return !run.cancelled;
  }

  async pause(run) {
    await sleep(this.stageDelayMs);
    return !run.cancelled;
  }

  stop(run) {
    run.message.status = 'cancelled';
    run.message.usage = structuredClone(run.usage);
    this.emit(run, { type: 'cancelled' });
  }

  async council(run, streamTokens) {
    const { conv, content, message } = run;
    this.emit(run, { type: 'stage1_start' });
    if (!(await this.pause(run))) return this.stop(run);
    const answers = conv.models.map((m) => ({ model: m, response: `${m} answers the question ${content} with a plain and careful reply.` }));
    const written = await Promise.all(answers.map((a) => this.write(run, 'stage1_delta', a.model, a.response, streamTokens)));
    if (written.includes(false)) return this.stop(run);
    answers.forEach((a) => this.charge(run, a.model));
    message.stage1 = answers;
    this.emit(run, { type: 'stage1_complete', data: answers });
    for (const l of run.listeners) l(': ping\n\n', false);
    this.emit(run, { type: 'stage2_start' });
    if (!(await this.pause(run))) return this.stop(run);
    const labels = Object.fromEntries(conv.models.map((m, i) => [`Response ${String.fromCharCode(65 + i)}`, m]));
    const order = Object.keys(labels);
    const stage2 = conv.models.map((m) => ({
      model: m,
      ranking: `Response A is fine.\n\nFINAL RANKING:\n${order.map((l, i) => `${i + 1}. ${l}`).join('\n')}`,
      parsed_ranking: order,
    }));
    stage2.forEach((r) => this.charge(run, r.model));
    const aggregate = order.map((l, i) => ({ model: labels[l], average_rank: i + 1, rankings_count: conv.models.length }));
    message.stage2 = stage2;
    message.metadata = { label_to_model: labels, aggregate_rankings: aggregate, errors: [] };
    this.emit(run, { type: 'stage2_complete', data: stage2, metadata: message.metadata });
    await this.synthesis(run, conv.lead_model, streamTokens, content.includes('[fail-lead]'));
  }

  async synthesis(run, lead, streamTokens, fail) {
    const { conv, content, message } = run;
    this.emit(run, { type: 'stage3_start' });
    if (!(await this.pause(run))) return this.stop(run);
    if (fail) {
      message.status = 'failed';
      message.error = `The lead model ${lead} failed to write the final answer (HTTP 502).`;
      message.usage = structuredClone(run.usage);
      return this.emit(run, { type: 'error', message: message.error });
    }
    const stage3 = { model: lead, response: `The council concludes about ${content} that the plain and careful reply is right.` };
    if (!(await this.write(run, 'stage3_delta', lead, stage3.response, streamTokens))) return this.stop(run);
    this.charge(run, lead);
    message.stage3 = stage3;
    this.emit(run, { type: 'stage3_complete', data: stage3 });
    if (conv.title === 'New Conversation') {
      conv.title = content.slice(0, 40);
      this.charge(run, lead);
      this.emit(run, { type: 'title_complete', data: { title: conv.title } });
    }
    message.status = 'completed';
    message.usage = structuredClone(run.usage);
    this.emit(run, { type: 'complete', usage: message.usage });
  }
}
