// Unit tests of the client-side form checks (same limits as the auth service).
import { describe, expect, it } from 'vitest';
import {
  byteLength,
  checkApiKey,
  checkConfirm,
  checkEmail,
  checkEndpoint,
  checkInviteCode,
  checkPassword,
  checkWholeNumber,
} from './validation';

describe('validation', () => {
  it('checks emails', () => {
    expect(checkEmail(' carol@example.com ')).toBeNull();
    expect(checkEmail('')).toMatch(/^Email:/);
    expect(checkEmail('carol@')).toMatch(/valid/);
    expect(checkEmail('carol example@x.com')).toMatch(/valid/);
  });

  it('counts password length in UTF-8 bytes (8..72)', () => {
    expect(checkPassword('1234567')).toMatch(/at least 8/);
    expect(checkPassword('12345678')).toBeNull();
    expect(checkPassword('a'.repeat(72))).toBeNull();
    expect(checkPassword('a'.repeat(73))).toMatch(/at most 72/);
    expect(byteLength('é')).toBe(2);
    expect(checkPassword('é'.repeat(36))).toBeNull();
    expect(checkPassword('é'.repeat(37))).toMatch(/at most 72/);
    expect(checkPassword('ab', 'New password')).toMatch(/^New password:/);
  });

  it('checks the confirmation', () => {
    expect(checkConfirm('abcdefgh', 'abcdefgh')).toBeNull();
    expect(checkConfirm('abcdefgh', 'abcdefgX')).toMatch(/do not match/);
  });

  it('checks keys and endpoints', () => {
    expect(checkApiKey('  123456789  ')).toMatch(/at least 10/);
    expect(checkApiKey('sk-or-v1-abc')).toBeNull();
    expect(checkEndpoint('')).toBeNull();
    expect(checkEndpoint('https://example.com/api/v1')).toBeNull();
    expect(checkEndpoint('http://example.com')).toMatch(/https/);
    expect(checkEndpoint('not a url')).toMatch(/https/);
  });

  it('asks for an invite code', () => {
    expect(checkInviteCode(' INV-1 ')).toBeNull();
    expect(checkInviteCode('  ')).toMatch(/^Invite code:/);
  });

  it('accepts whole numbers within the bounds only', () => {
    expect(checkWholeNumber('1', 'Uses', 1, 1000)).toBeNull();
    expect(checkWholeNumber(' 1000 ', 'Uses', 1, 1000)).toBeNull();
    for (const bad of ['', '0', '1001', '2.5', 'ten', '-3']) expect(checkWholeNumber(bad, 'Uses', 1, 1000)).toMatch(/^Uses: .*1 to 1000/);
  });
});
