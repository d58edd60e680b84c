// Client-side form checks mirroring the auth service's rules; each returns a sentence or null.

const encoder = new TextEncoder();

/** The UTF-8 length of `s`, as the server counts password bytes. */
export function byteLength(s: string): number {
  return encoder.encode(s).length;
}

/** Null when `email` (trimmed) looks like an address the server accepts. */
export function checkEmail(email: string): string | null {
  const e = email.trim();
  if (e === '') return 'Email: enter your email address.';
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) return 'Email: enter a valid email address.';
  return null;
}

/** Null when `password` is 8..72 bytes. */
export function checkPassword(password: string, field = 'Password'): string | null {
  const n = byteLength(password);
  if (n < 8) return `${field}: must be at least 8 characters.`;
  if (n > 72) return `${field}: must be at most 72 bytes.`;
  return null;
}

/** Null when both entries match. */
export function checkConfirm(password: string, confirm: string): string | null {
  return password === confirm ? null : 'Confirm password: the passwords do not match.';
}

/** Null when the API key is at least 10 characters after trimming. */
export function checkApiKey(key: string): string | null {
  return key.trim().length >= 10 ? null : 'API key: must be at least 10 characters.';
}

/** Null when `url` is empty (meaning: use the default) or an absolute https URL. */
export function checkEndpoint(url: string): string | null {
  const u = url.trim();
  if (u === '') return null;
  try {
    const parsed = new URL(u);
    if (parsed.protocol === 'https:' && parsed.hostname) return null;
  } catch {
    /* falls through */
  }
  return 'Endpoint: must be an https URL.';
}

/** Null when an invite code was entered. */
export function checkInviteCode(code: string): string | null {
  return code.trim() === '' ? 'Invite code: enter the code you were given.' : null;
}

/** Null when `value` is a whole number from `min` to `max`; `field` names it in the sentence. */
export function checkWholeNumber(value: string, field: string, min: number, max: number): string | null {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) return `${field}: enter a whole number from ${min} to ${max}.`;
  return null;
}
