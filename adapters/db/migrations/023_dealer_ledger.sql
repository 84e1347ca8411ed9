-- One ledger per dealer (issue 20): every change to what a dealer owes is an entry, and the balance is
-- their sum. An invoice raises it, a payment lowers it (both from the import), a credit note for returned
-- goods and a rebate credit lower it; an adjustment corrects an invoice's amount. Nothing edits the
-- balance but an entry: the trigger below keeps dealers.balance equal to the sum, in the entry's own
-- transaction, for the credit check and the credit alert to read.
create table dealer_ledger (
  id         bigserial primary key,
  dealer     text not null references dealers (code) on delete cascade,
  kind       text not null check (kind in ('opening', 'invoice', 'payment', 'credit-note', 'rebate', 'adjustment')),
  -- what the dealer owes more (+) or less (−)
  amount     numeric(14, 2) not null,
  currency   text not null default 'CNY',
  -- the invoice, credit note or rebate it comes from; the import that opened the ledger
  reference  text,
  note       text,
  at         timestamptz not null default now()
);
create index dealer_ledger_dealer on dealer_ledger (dealer, id);
-- One opening per dealer, one entry per invoice, credit note and rebate credit: a retried write adds nothing.
create unique index dealer_ledger_once on dealer_ledger (dealer, kind, reference) where kind in ('opening', 'invoice', 'credit-note', 'rebate');

-- What every dealer owes now opens their ledger (the invoices already known are in it).
insert into dealer_ledger (dealer, kind, amount, reference, note)
  select code, 'opening', balance, 'migration', 'the balance before the ledger' from dealers;

create function dealer_ledger_posted() returns trigger language plpgsql as $$
begin
  update dealers set balance = balance + new.amount, updated_at = now() where code = new.dealer;
  return new;
end
$$;
create trigger dealer_ledger_posted after insert on dealer_ledger for each row execute function dealer_ledger_posted();

create function dealer_ledger_unchanged() returns trigger language plpgsql as $$
begin
  raise exception 'a ledger entry is never changed: post another';
end
$$;
create trigger dealer_ledger_unchanged before update on dealer_ledger for each row execute function dealer_ledger_unchanged();
