-- WeChat Official Account as a chat channel (issue 22): a person is linked to a WeChat user by the
-- OpenID the account sees, unreachable there once they unsubscribe (until they write again).

alter table people add column wechat_id text unique;
alter table people add column wechat_blocked_at timestamptz;

alter table inbox drop constraint inbox_channel_check;
alter table inbox add constraint inbox_channel_check check (channel in ('sms', 'telegram', 'wechat'));
alter table inbox drop constraint inbox_transport_check;
alter table inbox add constraint inbox_transport_check check (transport in ('twilio', 'telegram', 'wechat', 'simulator'));
alter table outbox drop constraint outbox_channel_check;
alter table outbox add constraint outbox_channel_check check (channel in ('sms', 'telegram', 'wechat'));
alter table outbox drop constraint outbox_transport_check;
alter table outbox add constraint outbox_transport_check check (transport in ('twilio', 'telegram', 'wechat', 'simulator'));
alter table handoffs drop constraint handoffs_channel_check;
alter table handoffs add constraint handoffs_channel_check check (channel in ('sms', 'telegram', 'wechat'));
