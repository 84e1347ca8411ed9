import type { AuditEntry, Operator, OperatorRole, OperatorStore } from '../../domain/operators';
import type { Sql } from './sql';

interface OperatorRow {
  id: string;
  email: string;
  role: OperatorRole;
  person: string | null;
}
const toOperator = (row: OperatorRow): Operator => ({ id: String(row.id), email: row.email, role: row.role, person: row.person });
const operatorColumns = 'o.id::text, o.email, o.role, o.person';

/** Operator accounts, sessions, tokens and the audit log over SQL (migration 016). */
export function sqlOperatorStore(sql: Sql): OperatorStore {
  return {
    async create(operator, at) {
      if (operator.person && (await sql.query('select 1 from people where id = $1', [operator.person])).length === 0) return 'unknown-person';
      const [row] = await sql.query<OperatorRow>(
        `insert into operators as o (email, password_hash, role, person, created_at) values ($1, $2, $3, $4, $5)
         on conflict (email) do nothing returning ${operatorColumns}`,
        [operator.email, operator.passwordHash, operator.role, operator.person, at],
      );
      return row ? toOperator(row) : 'email-taken';
    },
    async forSignIn(email) {
      const [row] = await sql.query<OperatorRow & { password_hash: string }>(
        `select ${operatorColumns}, o.password_hash from operators o where o.email = $1 and o.disabled_at is null`,
        [email],
      );
      return row ? { operator: toOperator(row), passwordHash: row.password_hash } : null;
    },
    async list() {
      return (await sql.query<OperatorRow>(`select ${operatorColumns} from operators o order by o.email`)).map(toOperator);
    },
    async openSession(session) {
      await sql.query(
        'insert into operator_sessions (id, operator, csrf_token, created_at, last_seen_at, expires_at, address) values ($1, $2, $3, $4, $4, $5, $6)',
        [session.id, session.operator, session.csrfToken, session.at, session.expiresAt, session.address],
      );
    },
    async session(id, now) {
      const [row] = await sql.query<OperatorRow & { csrf_token: string; created_at: Date }>(
        `select ${operatorColumns}, s.csrf_token, s.created_at from operator_sessions s join operators o on o.id = s.operator
          where s.id = $1 and s.revoked_at is null and s.expires_at > $2 and o.disabled_at is null`,
        [id, now],
      );
      return row ? { operator: toOperator(row), csrfToken: row.csrf_token, createdAt: new Date(row.created_at) } : null;
    },
    async touchSession(id, at, expiresAt) {
      await sql.query('update operator_sessions set last_seen_at = $2, expires_at = $3 where id = $1', [id, at, expiresAt]);
    },
    async endSession(id, at) {
      await sql.query('update operator_sessions set revoked_at = $2 where id = $1 and revoked_at is null', [id, at]);
    },
    async endSessions(operator, at) {
      return (await sql.query('update operator_sessions set revoked_at = $2 where operator = $1 and revoked_at is null returning id', [operator, at])).length;
    },
    async createToken(token, at) {
      const [row] = await sql.query<{ id: string }>(
        'insert into api_tokens (operator, name, token_hash, role, created_at) values ($1, $2, $3, $4, $5) returning id::text',
        [token.operator, token.name, token.hash, token.role, at],
      );
      return row!.id;
    },
    async token(hash, at) {
      const [row] = await sql.query<OperatorRow & { token_id: string; token_role: OperatorRole }>(
        `update api_tokens t set last_used_at = $2 from operators o
          where t.token_hash = $1 and t.revoked_at is null and o.id = t.operator and o.disabled_at is null
          returning t.id::text as token_id, t.role as token_role, ${operatorColumns}`,
        [hash, at],
      );
      return row ? { id: row.token_id, operator: toOperator(row), role: row.token_role } : null;
    },
    async tokens(operator) {
      return sql.query(
        `select id::text, name, role, created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt" from api_tokens where operator = $1 order by id`,
        [operator],
      );
    },
    async revokeToken(id, operator, at) {
      if (!/^\d{1,18}$/.test(id)) return false;
      const rows = await sql.query(
        'update api_tokens set revoked_at = $3 where id = $1 and ($2::bigint is null or operator = $2) and revoked_at is null returning id',
        [id, operator, at],
      );
      return rows.length > 0;
    },
    async audit(entry) {
      await sql.query(
        `insert into audit_log (at, actor_kind, operator, token, address, action, subject, outcome, code, before, after)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          entry.at,
          entry.actorKind,
          entry.operator,
          entry.token,
          entry.address,
          entry.action,
          entry.subject,
          entry.outcome,
          entry.code,
          entry.before === null ? null : JSON.stringify(entry.before),
          entry.after === null ? null : JSON.stringify(entry.after),
        ],
      );
    },
    async auditLog({ from, to, limit }) {
      return sql.query<AuditEntry & { id: string }>(
        `select id::text, at, actor_kind as "actorKind", operator::text, token::text, address, action, subject, outcome, code, before, after
           from audit_log where at >= $1 and at < $2 order by id desc limit $3`,
        [from, to, limit],
      );
    },
  };
}
