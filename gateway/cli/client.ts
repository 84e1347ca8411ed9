/** The command-line tools talk to a running gateway's admin API. */
export const gatewayUrl = (): string => (process.env.FIELDLINE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');

export async function callAdminApi(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const key = process.env.ADMIN_API_KEY;
  if (!key) throw new Error('ADMIN_API_KEY is missing: set it to the key the gateway was started with');
  const response = await fetch(gatewayUrl() + path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}
