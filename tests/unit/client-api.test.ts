import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken } from '../../client/src/api/client.ts';

type Call = { url: string; method: string; headers: Record<string, string> };

function stubFetch(answers: Record<string, { status: number; body: unknown }>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    calls.push({ url, method, headers: init.headers as Record<string, string> });
    const answer = answers[`${method} ${url}`] ?? { status: 404, body: { statusCode: 404, message: 'no' } };
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), {
      status: answer.status,
    });
  });
  return calls;
}

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('asks who is signed in before its first state change, and sends the CSRF token', async () => {
    const calls = stubFetch({
      'GET /api/auth/me': { status: 200, body: { user: { id: 2 }, csrfToken: 'token-1' } },
      'POST /api/flags': { status: 201, body: { id: 7 } },
    });
    await api.createFlag({ plotId: 1, proposedStatus: 'idle', reason: 'sample' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/auth/me', 'POST /api/flags']);
    expect(calls[1]!.headers['x-csrf-token']).toBe('token-1');
    // Known now: the next change does not ask again.
    await api.createFlag({ plotId: 2, proposedStatus: 'idle', reason: 'sample' });
    expect(calls).toHaveLength(3);
  });

  it('sends no token for the public, and reports the server’s message on failure', async () => {
    const calls = stubFetch({
      'GET /api/auth/me': { status: 200, body: { user: null, csrfToken: null } },
      'POST /api/inquiries': {
        status: 400,
        body: { statusCode: 400, message: 'phone or email: give at least one' },
      },
    });
    const failure = api
      .createInquiry({ targetType: 'plot', plotId: 1, contactName: 'a', company: 'b' })
      .catch((error: unknown) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 400, message: 'phone or email: give at least one' });
    expect(calls.at(-1)!.headers).not.toHaveProperty('x-csrf-token');
  });
});
