-- Telegram: structured inbound messages (a shared contact, a link code), keyboards on replies,
-- one-time link codes, and people who blocked the bot.

alter table inbox add column payload jsonb;
alter table outbox add column keyboard jsonb;
alter table people add column telegram_blocked_at timestamptz;

-- An operator's one-time code: the person sends `/start CODE` to link their chat.
create table link_codes (
  code        text primary key,
  person      text not null references people (id) on delete cascade,
  expires_at  timestamptz not null,
  used_at     timestamptz,
  used_by     text
);
