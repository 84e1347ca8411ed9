-- A flagged sell-out report reviewed and rejected (issue 18): it leaves the review queue and never
-- counts toward commission; accepting and rejecting exclude each other.
alter table sell_out_reports add column rejected_at timestamptz;
alter table sell_out_reports add column rejected_by text references people (id);
alter table sell_out_reports add column reject_reason text;
alter table sell_out_reports add constraint sell_out_reports_one_decision check (accepted_at is null or rejected_at is null);
