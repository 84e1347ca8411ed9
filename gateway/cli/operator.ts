import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { operatorRoles, normalEmail, type OperatorRole } from '../../domain/operators';
import { callAdminApi } from './client';

/**
 * `npm run operator -- add --email a@b.c --role admin|operator|viewer [--person M1]`: adds an operator
 * through the running gateway's admin API (ADMIN_API_KEY, the bootstrap admin). The password is read
 * from standard input when one is piped in (`echo … | npm run operator -- add …`); otherwise a strong
 * one is made and shown once. `npm run operator -- list` lists them.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, person: { type: 'string' } },
  });
  const [verb] = positionals;
  if (verb === 'list') {
    const { status, json } = await callAdminApi('GET', '/api/v1/operators');
    if (status !== 200) throw new Error(`the gateway answered ${status}: ${JSON.stringify(json)}`);
    for (const o of (json as { operators: { email: string; role: string; person: string | null }[] }).operators)
      console.log(`${o.email}\t${o.role}${o.person ? `\t${o.person}` : ''}`);
    return;
  }
  if (verb !== 'add' || !values.email || !values.role || !(operatorRoles as readonly string[]).includes(values.role)) {
    console.error(`usage: npm run operator -- add --email <email> --role ${operatorRoles.join('|')} [--person <person id>]   |   npm run operator -- list`);
    process.exit(2);
  }
  const piped = process.stdin.isTTY ? null : (await readAll()).trim();
  const password = piped || randomBytes(18).toString('base64url');
  const { status, json } = await callAdminApi('POST', '/api/v1/operators', {
    email: normalEmail(values.email),
    password,
    role: values.role as OperatorRole,
    ...(values.person ? { person: values.person } : {}),
  });
  if (status !== 201) throw new Error(`the gateway answered ${status}: ${JSON.stringify((json as { error?: unknown })?.error ?? json)}`);
  console.log(`added ${normalEmail(values.email)} (${values.role}${values.person ? `, acting as ${values.person}` : ''})`);
  if (!piped) console.log(`password (shown once): ${password}`);
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main().catch((error: Error) => {
  console.error(`fieldline operator: ${error.message}`);
  process.exit(1);
});
