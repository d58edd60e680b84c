// The optional council settings of a new conversation: the form's text fields checked against the server's
// ranges and turned into the request fields (only those the user set).
import type { CreateConversationRequest } from '../api/runs-types';

export const MAX_SYSTEM_PROMPT_CHARS = 4000;

/** The settings form as typed. */
export interface CouncilSettingsForm {
  systemPrompt: string;
  temperature: string;
  maxTokens: string;
  excludeSelfVotes: boolean;
}

export const EMPTY_SETTINGS: CouncilSettingsForm = { systemPrompt: '', temperature: '', maxTokens: '', excludeSelfVotes: false };

type SettingsFields = Pick<CreateConversationRequest, 'system_prompt' | 'temperature' | 'max_tokens' | 'exclude_self_votes'>;

/** The request fields of `form`, or the sentence naming the first field out of range. */
export function councilSettings(form: CouncilSettingsForm): { fields: SettingsFields } | { error: string } {
  const fields: SettingsFields = {};
  const prompt = form.systemPrompt.trim();
  if (prompt.length > MAX_SYSTEM_PROMPT_CHARS) return { error: `System prompt: must be at most ${MAX_SYSTEM_PROMPT_CHARS} characters.` };
  if (prompt) fields.system_prompt = prompt;
  if (form.temperature.trim() !== '') {
    const t = Number(form.temperature);
    if (!Number.isFinite(t) || t < 0 || t > 2) return { error: 'Temperature: must be a number from 0 to 2.' };
    fields.temperature = t;
  }
  if (form.maxTokens.trim() !== '') {
    const n = Number(form.maxTokens);
    if (!Number.isInteger(n) || n < 1 || n > 32000) return { error: 'Max tokens: must be a whole number from 1 to 32000.' };
    fields.max_tokens = n;
  }
  if (form.excludeSelfVotes) fields.exclude_self_votes = true;
  return { fields };
}
