// The optional council settings of a new inquiry, folded away until opened.
import { MAX_SYSTEM_PROMPT_CHARS, type CouncilSettingsForm } from '../lib/councilSettings';

interface CouncilSettingsFieldsProps {
  value: CouncilSettingsForm;
  disabled?: boolean;
  onChange: (value: CouncilSettingsForm) => void;
}

/** The two number settings: which form field each edits, and its range. */
const NUMBER_FIELDS = [
  { id: 'temperature', field: 'temperature', label: 'Temperature (0–2)', range: [0, 2, 0.1] },
  { id: 'max-tokens', field: 'maxTokens', label: 'Max tokens per answer', range: [1, 32000, 1] },
] as const;

interface NumberFieldProps {
  id: string;
  label: string;
  /** min, max and step. */
  range: readonly [number, number, number];
  value: string;
  disabled?: boolean;
  onInput: (text: string) => void;
}

/** A labelled number box left empty for the model's default (the form checks the range itself). */
function NumberField({ id, label, range: [min, max, step], value, disabled, onInput }: NumberFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'}
        placeholder="model default"
        value={value}
        disabled={disabled}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
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
        {NUMBER_FIELDS.map(({ field, ...f }) => (
          <NumberField key={f.id} {...f} value={value[field]} disabled={disabled} onInput={(text) => set({ [field]: text })} />
        ))}
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
