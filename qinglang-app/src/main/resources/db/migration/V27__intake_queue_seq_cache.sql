-- The intake queue's numbers are taken 1,000 at a time. With the default cache of 32, H2 wrote the sequence's
-- new high mark, and with it every page the ingestion had changed so far, after each 32 flagged events: in a
-- batch of 1,000 events with 500 flagged, 16 extra stores of the open transaction's pages (in a JFR profile of
-- the ingestion, an eighth of the request threads' samples). A crash only skips the numbers not yet taken.
-- On PostgreSQL each connection takes its own 1,000, so the order of seq is the order of arrival only within
-- a connection; the intake still files every queued event, the lowest numbers first.
alter table intake_queue alter column seq set cache 1000;
