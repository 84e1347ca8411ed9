import { gatewayWithFakeTwilio, signedInOperator } from '../support/gateway';

/**
 * bull-board inside the console (issue 18, part 9): admins see the three queues behind the
 * console's sign-in; an operator gets the console's refusal, and nobody signed in sees anything.
 * Its page carries no link to fonts outside the gateway.
 */
describe('the Queues view', () => {
  const setup = gatewayWithFakeTwilio();
  const get = (path: string, cookie?: string) => fetch(`${setup.gateway.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

  test('an admin sees the inbound, outbound and scheduled queues; the page loads nothing from outside', async () => {
    const admin = await signedInOperator(setup.gateway, { email: 'root@example.com', role: 'admin' });
    const page = await get('/console/queues', admin.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/console/queues/"');
    expect(html).not.toMatch(/https?:\/\/(?!github\.com)[a-z]/i);
    const api = await get('/console/queues/api/queues?activeQueue=inbound', admin.cookie);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort()).toEqual(['inbound', 'outbound', 'scheduled']);
  });

  test('an operator is refused, and without a session it goes to sign-in', async () => {
    const operator = await signedInOperator(setup.gateway, { email: 'ops@example.com', role: 'operator' });
    expect((await get('/console/queues', operator.cookie)).status).toBe(403);
    expect((await get('/console/queues/api/queues', operator.cookie)).status).toBe(403);
    const anonymous = await get('/console/queues/api/queues');
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/console/sign-in']);
  });
});
