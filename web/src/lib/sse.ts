// Incremental parser for text/event-stream bodies (the WHATWG framing rules), fed by decoded text chunks.

/** One dispatched server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Splits a growing stream of text into events; feed chunks in order with push(), then call end(). */
export class SseParser {
  private buffer_ = '';
  private data_: string[] = [];
  private event_ = '';
  private id_: string | undefined;
  private skipLeadingLf_ = false;

  /** Consumes one chunk of text and returns the events completed by it. */
  push(chunk: string): SseEvent[] {
    if (chunk === '') return [];
    let text = chunk;
    if (this.skipLeadingLf_ && text.startsWith('\n')) text = text.slice(1);
    this.skipLeadingLf_ = false;
    this.buffer_ += text;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer_.length; i++) {
      const c = this.buffer_[i];
      if (c !== '\n' && c !== '\r') continue;
      this.line_(this.buffer_.slice(start, i), out);
      if (c === '\r') {
        if (i + 1 < this.buffer_.length) {
          if (this.buffer_[i + 1] === '\n') i++;
        } else {
          this.skipLeadingLf_ = true;
        }
      }
      start = i + 1;
    }
    this.buffer_ = this.buffer_.slice(start);
    return out;
  }

  /** Ends the stream; an unterminated last event is discarded, as the standard requires. */
  end(): SseEvent[] {
    this.buffer_ = '';
    this.data_ = [];
    this.event_ = '';
    return [];
  }

  private line_(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data_.length > 0) {
        const ev: SseEvent = { event: this.event_ || 'message', data: this.data_.join('\n') };
        if (this.id_ !== undefined) ev.id = this.id_;
        out.push(ev);
      }
      this.data_ = [];
      this.event_ = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data_.push(value);
    else if (field === 'event') this.event_ = value;
    else if (field === 'id' && !value.includes('\0')) this.id_ = value;
  }
}
