// The optional council settings of a new inquiry, folded away until opened.
import { MAX_SYSTEM_PROMPT_CHARS, type CouncilSettingsForm } from '../lib/councilSettings';

interface CouncilSettingsFieldsProps {
  value: CouncilSettingsForm;
  disabled?: boolean;
  onChange: (value: CouncilSettingsForm) => void;
}

/** System prompt, temperature, max tokens and the self-vote rule, each optional. */
export function CouncilSettingsFields({ value, disabled, onChange }: CouncilSettingsFieldsProps) {
  const set = (patch: Partial<CouncilSettingsForm>) => onChange({ ...value, ...patch });
  return (
    <details class="council-settings">
      <summary>Council settings (optional)</summary>
      <div class="field">
        <label for="system-prompt">System prompt</label>
        <textarea
          id="system-prompt"
          rows={3}
          maxLength={MAX_SYSTEM_PROMPT_CHARS}
          value={value.systemPrompt}
          disabled={disabled}
          aria-describedby="system-prompt-hint"
          onInput={(e) => set({ systemPrompt: e.currentTarget.value })}
        />
        <small id="system-prompt-hint" class="hint">
          Sent to every model before your questions (at most {MAX_SYSTEM_PROMPT_CHARS} characters).
        </small>
      </div>
      <div class="field-row">
        <div class="field">
          <label for="temperature">Temperature (0–2)</label>
          <input
            id="temperature"
            type="number"
            min={0}
            max={2}
            step={0.1}
            inputMode="decimal"
            placeholder="model default"
            value={value.temperature}
            disabled={disabled}
            onInput={(e) => set({ temperature: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="max-tokens">Max tokens per answer</label>
          <input
            id="max-tokens"
            type="number"
            min={1}
            max={32000}
            step={1}
            inputMode="numeric"
            placeholder="model default"
            value={value.maxTokens}
            disabled={disabled}
            onInput={(e) => set({ maxTokens: e.currentTarget.value })}
          />
        </div>
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={value.excludeSelfVotes}
          disabled={disabled}
          onChange={(e) => set({ excludeSelfVotes: e.currentTarget.checked })}
        />
        <span>Exclude self-votes (a model’s ranking of its own answer does not count)</span>
      </label>
    </details>
  );
}
