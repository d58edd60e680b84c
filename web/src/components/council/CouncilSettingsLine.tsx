// The council settings a conversation was created with (system prompt, temperature, max tokens, self-votes).
import type { ConversationSettings } from '../../api/runs-types';

/** One line naming the settings that differ from the defaults; nothing when none do. */
export function CouncilSettingsLine({ conversation }: { conversation: Partial<ConversationSettings> }) {
  const { system_prompt, temperature, max_tokens, exclude_self_votes } = conversation;
  const parts: string[] = [];
  if (temperature !== null && temperature !== undefined) parts.push(`temperature ${temperature}`);
  if (max_tokens !== null && max_tokens !== undefined) parts.push(`at most ${max_tokens} tokens per answer`);
  if (exclude_self_votes) parts.push('self-votes excluded');
  if (!system_prompt && parts.length === 0) return null;
  return (
    <p class="muted small" data-testid="council-settings">
      Settings: {parts.join(' · ')}
      {system_prompt && (
        <>
          {parts.length > 0 && ' · '}
          <span title={system_prompt}>system prompt set</span>
        </>
      )}
    </p>
  );
}
