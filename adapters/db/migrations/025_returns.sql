-- Returns (issue 20): a dealer asks to send back goods of a delivered order; the request goes to
-- approval by their manager chain as an order does; approved, the goods are expected back; received,
-- stock on hand rises and a credit note lowers the dealer's balance by the lines at the order's prices.
create sequence return_numbers start 1;

create table returns (
  number         text primary key,
  order_number   text not null references orders (number),
  dealer         text not null references dealers (code),
  requested_by   text references people (id),
  approver       text references people (id),
  status         text not null check (status in ('pending_approval', 'approved', 'rejected', 'received')),
  reason         text not null,
  decided_by     text references people (id),
  decided_at     timestamptz,
  reject_reason  text,
  received_at    timestamptz,
  created_at     timestamptz not null
);
create index returns_order on returns (order_number);

create table return_lines (
  return_number  text not null references returns (number) on delete cascade,
  sku            text not null references products (sku),
  qty            integer not null check (qty > 0),
  -- the order's price of the line: what the credit note gives back
  price          numeric(14, 2) not null,
  primary key (return_number, sku)
);
