-- No query reads events by actor (the detectors keep their own state in memory; evidence reads by target
-- account): the index only cost every insert a B-tree update. Add it back with the first query that needs it.
drop index event_actor;
