-- Indexes for reads that run on every case page and every statistics page (found by review): a case's decisions
-- (H2 indexes a foreign key by itself, PostgreSQL does not), and cases by the day they were opened.
create index decision_case on decision (case_id);
create index workflow_case_opened on workflow_case (opened_at);
