import { readFileSync } from 'node:fs';
import { migrate } from '../../adapters/db/migrate';
import { sqlImporter } from '../../adapters/db/importer';
import { importDocument } from '../api';
import { ConfigError, loadConfig } from '../config';
import { HttpError } from '../http';
import { openDatabase } from '../runtime';
import { callAdminApi } from './client';

/**
 * `npm run import -- file.json`: upserts an import document. With DATABASE_URL it writes to the
 * database directly; the embedded database belongs to the running gateway, so without it the
 * document goes through the gateway's admin API.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run import -- file.json');
    process.exit(2);
  }
  const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const config = loadConfig();
  let report: { counts: unknown; errors: { kind: string; index: number | null; field: string; message: string }[] };
  if (config.databaseUrl) {
    const sql = await openDatabase(config);
    try {
      await migrate(sql);
      report = await importDocument(sqlImporter(sql), config.defaultCountry, document);
    } finally {
      await sql.close();
    }
  } else {
    const { status, json } = await callAdminApi('POST', '/api/v1/import', document);
    if (status !== 200) throw new Error(`the gateway answered ${status}: ${JSON.stringify(json)}`);
    report = json as typeof report;
  }
  console.log(`imported: ${JSON.stringify(report.counts)}`);
  for (const e of report.errors) console.log(`  ${e.kind}[${e.index ?? '-'}].${e.field}: ${e.message}`);
  process.exit(report.errors.length > 0 ? 3 : 0);
}

main().catch((error: Error) => {
  const message =
    error instanceof ConfigError || error instanceof HttpError ? error.message : `${error.message}${error.cause ? ` (${(error.cause as Error).message})` : ''}`;
  console.error(`fieldline import: ${message}`);
  process.exit(1);
});
