// A failed inquiry explained in terms a visitor can act on, whatever the server said in English.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api/client.ts';
import { inquiryProblem, normalizePhone } from '../../client/src/features/inquiries/inquiry-problem.ts';

describe('what went wrong with an inquiry', () => {
  it('tells a bad phone number from a missing way to reply and from other refusals', () => {
    expect(
      inquiryProblem(
        new ApiError(400, 'phone: "123" is not an 11-digit mobile or a landline with area code'),
      ),
    ).toBe('phone');
    expect(inquiryProblem(new ApiError(400, 'phone or email: give at least one way to reach you'))).toBe(
      'contact',
    );
    expect(inquiryProblem(new ApiError(400, 'body/email must match format "email"'))).toBe('invalid');
  });

  it('says to wait or call when the address sent too many, and to reload when the land is gone', () => {
    expect(inquiryProblem(new ApiError(429, 'too many inquiries'))).toBe('rate');
    expect(inquiryProblem(new ApiError(404, 'plot 9 does not exist'))).toBe('missing');
    expect(inquiryProblem(new ApiError(503, 'unavailable'))).toBe('server');
  });

  it('blames the connection when no answer came', () => {
    expect(inquiryProblem(new TypeError('Failed to fetch'))).toBe('network');
  });

  it('accepts the phone numbers the server accepts', () => {
    expect(normalizePhone('139 0000 0000')).toBe('13900000000');
    expect(normalizePhone('(0517) 80001000')).toBe('051780001000');
    expect(normalizePhone('0517-80001000')).toBe('0517-80001000');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('23900000000')).toBeNull();
  });
});
