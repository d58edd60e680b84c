// Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface TabItem {
  key: string;
  label: string;
  title?: string;
  render: () => ComponentChildren;
}

/** A tab list with one visible panel; `idPrefix` must be unique on the page. */
export function Tabs({ items, idPrefix, label }: { items: TabItem[]; idPrefix: string; label: string }) {
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = Math.min(active, items.length - 1);

  const onKeyDown = (e: KeyboardEvent) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (current + 1) % items.length;
    else if (e.key === 'ArrowLeft') next = (current - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setActive(next);
    refs.current[next]?.focus();
  };

  if (items.length === 0) return null;
  const item = items[current];
  return (
    <div class="tabs">
      <div class="tab-list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {items.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${i}`}
            aria-selected={i === current}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={i === current ? 0 : -1}
            title={t.title}
            class="tab"
            onClick={() => setActive(i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div class="tab-panel" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${current}`} tabIndex={0}>
        {item.render()}
      </div>
    </div>
  );
}
