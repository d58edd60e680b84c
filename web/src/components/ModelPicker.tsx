// Choice of council members (at least two) and of the lead model that writes the final answer.
import type { ModelsInfo } from '../api/types';

interface ModelPickerProps {
  info: ModelsInfo;
  selected: string[];
  lead: string;
  disabled?: boolean;
  onChange: (selected: string[], lead: string) => void;
}

/** Checkboxes for the members and a select for the lead model. */
export function ModelPicker({ info, selected, lead, disabled, onChange }: ModelPickerProps) {
  const toggle = (model: string, on: boolean) => {
    const next = on ? info.models.filter((m) => m === model || selected.includes(m)) : selected.filter((m) => m !== model);
    onChange(next, lead);
  };
  const tooFew = selected.length < 2;
  return (
    <div class="model-picker">
      <fieldset class="fieldset" aria-describedby="members-hint">
        <legend>Council members</legend>
        <div class="checkbox-grid">
          {info.models.map((m) => (
            <label key={m} class="checkbox">
              <input
                type="checkbox"
                name="models"
                value={m}
                checked={selected.includes(m)}
                disabled={disabled}
                onChange={(e) => toggle(m, e.currentTarget.checked)}
              />
              <span>{m}</span>
            </label>
          ))}
        </div>
        <small id="members-hint" class={tooFew ? 'hint hint-warning' : 'hint'}>
          {tooFew ? 'Select at least two models.' : `${selected.length} models selected.`}
        </small>
      </fieldset>
      <div class="field">
        <label for="lead-model">Lead model (writes the final answer)</label>
        <select id="lead-model" value={lead} disabled={disabled} onChange={(e) => onChange(selected, e.currentTarget.value)}>
          {info.models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
