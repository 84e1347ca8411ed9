-- A dealer's own people (role dealer): who is told of an order, a statement, an invoice without a
-- person of its own. Without an index each look-up scanned every person (dunning over a million
-- invoices read the people table once per page: 173 of a page's 245 ms).
create index people_dealer_contacts on people (dealer) where role = 'dealer';
