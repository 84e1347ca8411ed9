-- Why a proactive message the contact gate held back waits (issue 18: the outbox says so): the
-- recipient's quiet hours, or their daily cap; null for one not held (planned for its window, or due).
alter table outbox add column held_for text check (held_for in ('quiet-hours', 'daily-cap'));
