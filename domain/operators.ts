/**
 * The people who run the network, as the console and the API know them: operator accounts with a
 * role, optionally linked to a person whose authority they then carry.
 */
export const operatorRoles = ['viewer', 'operator', 'admin'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

/**
 * What each role may do. viewer reads; operator also acts on messages, orders' delivery, tickets,
 * alerts and flagged reports; admin also imports, manages operators and tokens, and runs jobs.
 */
export type Permission = 'read' | 'act' | 'admin';
const rank: Record<OperatorRole, number> = { viewer: 0, operator: 1, admin: 2 };
const needs: Record<Permission, OperatorRole> = { read: 'viewer', act: 'operator', admin: 'admin' };

export const mayDo = (role: OperatorRole, permission: Permission): boolean => rank[role] >= rank[needs[permission]];

/** A token may carry the operator's role or a lesser one, never more. */
export const mayGrant = (operator: OperatorRole, token: OperatorRole): boolean => rank[operator] >= rank[token];

export interface Operator {
  id: string;
  email: string;
  role: OperatorRole;
  /** the person whose authority the operator carries, if linked */
  person: string | null;
}

/** Who is asking over HTTP: always from authentication, never from a request body. */
export type Actor =
  | { kind: 'bootstrap'; role: 'admin'; operator: null; person: null; token: null }
  | { kind: 'session'; role: OperatorRole; operator: Operator; person: string | null; token: null; sessionId: string; csrfToken: string }
  | { kind: 'token'; role: OperatorRole; operator: Operator; person: string | null; token: string };

/** How long a session lives: idle (since it was last used) and absolute (since sign-in). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** When a session used at `now` expires: the idle limit from now, never past its absolute end. */
export const sessionExpiry = (createdAt: Date, now: Date, policy: SessionPolicy): Date =>
  new Date(Math.min(now.getTime() + policy.idleMs, createdAt.getTime() + policy.absoluteMs));

/** An operator's email as stored: trimmed and lower case. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

/** One write by an operator or a token (or a refused sign-in): who, when, from where, what. */
export interface AuditEntry {
  at: Date;
  actorKind: Actor['kind'] | 'anonymous';
  operator: string | null;
  token: string | null;
  address: string | null;
  action: string;
  subject: string | null;
  outcome: 'done' | 'refused';
  code: string | null;
  /** the fields the write changed, as they were and as they became */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Operator accounts, their sessions and tokens, and the audit log. Secrets are stored hashed; the store never sees one in clear. */
export interface OperatorStore {
  create(
    operator: { email: string; passwordHash: string; role: OperatorRole; person: string | null },
    at: Date,
  ): Promise<Operator | 'email-taken' | 'unknown-person'>;
  /** An operator who may sign in (not disabled), with the hash to check the password against. */
  forSignIn(email: string): Promise<{ operator: Operator; passwordHash: string } | null>;
  list(): Promise<Operator[]>;
  openSession(session: { id: string; operator: string; csrfToken: string; at: Date; expiresAt: Date; address: string | null }): Promise<void>;
  /** A session that is open at `now`, with its operator (not disabled). */
  session(id: string, now: Date): Promise<{ operator: Operator; csrfToken: string; createdAt: Date } | null>;
  touchSession(id: string, at: Date, expiresAt: Date): Promise<void>;
  endSession(id: string, at: Date): Promise<void>;
  /** Ends every open session of an operator: answers how many. */
  endSessions(operator: string, at: Date): Promise<number>;
  createToken(token: { operator: string; name: string; hash: string; role: OperatorRole }, at: Date): Promise<string>;
  /** A token that is not revoked, of an operator who is not disabled. */
  token(hash: string, at: Date): Promise<{ id: string; operator: Operator; role: OperatorRole } | null>;
  tokens(operator: string): Promise<{ id: string; name: string; role: OperatorRole; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }[]>;
  /** Revokes a token of that operator (or of anyone, for null): false when there is no such open token. */
  revokeToken(id: string, operator: string | null, at: Date): Promise<boolean>;
  audit(entry: AuditEntry): Promise<void>;
  auditLog(filter: { from: Date; to: Date; limit: number }): Promise<(AuditEntry & { id: string })[]>;
}

/** Password hashing (argon2id in adapters/auth). `verify` with no stored hash still spends the time of one. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string | null, password: string): Promise<boolean>;
}

/** Sign-in attempts per account and per address: `consume` answers how long to wait (ms), 0 when the attempt may go on. */
export interface SignInLimits {
  consume(email: string, address: string | null): Promise<number>;
  reset(email: string): Promise<void>;
}
