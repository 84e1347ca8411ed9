-- The people who run the network, signing in to the console and the API: operator accounts
-- (argon2id password hashes), server-side sessions, personal API tokens (stored hashed), and the
-- audit log of every write made by an operator or a token.

create table operators (
  id             bigserial primary key,
  email          text not null unique check (email = lower(email)),
  password_hash  text not null,
  role           text not null check (role in ('admin', 'operator', 'viewer')),
  -- linked to a person, the operator acts with that person's authority (a manager approves what they may approve by SMS)
  person         text references people (id),
  created_at     timestamptz not null default now(),
  disabled_at    timestamptz
);

create table operator_sessions (
  -- sha-256 of the cookie's secret: a stolen table opens no session
  id             text primary key,
  operator       bigint not null references operators (id),
  csrf_token     text not null,
  created_at     timestamptz not null,
  last_seen_at   timestamptz not null,
  expires_at     timestamptz not null,
  revoked_at     timestamptz,
  address        text
);
create index operator_sessions_operator on operator_sessions (operator) where revoked_at is null;

create table api_tokens (
  id             bigserial primary key,
  operator       bigint not null references operators (id),
  name           text not null,
  -- sha-256 of the token, shown once when it was made
  token_hash     text not null unique,
  role           text not null check (role in ('admin', 'operator', 'viewer')),
  created_at     timestamptz not null,
  last_used_at   timestamptz,
  revoked_at     timestamptz
);

create table audit_log (
  id             bigserial primary key,
  at             timestamptz not null,
  -- bootstrap: ADMIN_API_KEY; session: an operator signed in; token: a personal API token
  actor_kind     text not null check (actor_kind in ('bootstrap', 'session', 'token', 'anonymous')),
  operator       bigint references operators (id),
  token          bigint references api_tokens (id),
  address        text,
  action         text not null,
  subject        text,
  outcome        text not null check (outcome in ('done', 'refused')),
  code           text,
  before         jsonb,
  after          jsonb
);
create index audit_log_at on audit_log (at);
