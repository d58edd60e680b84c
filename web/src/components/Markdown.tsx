// Renders markdown text as sanitised HTML.
import { useMemo } from 'preact/hooks';
import { renderMarkdown } from '../lib/markdown';

/** Markdown block; the HTML is sanitised by renderMarkdown before it reaches the DOM. */
export function Markdown({ text, class: cls }: { text: string; class?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div class={`markdown ${cls ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
