-- Events by their time, for the detectors' warm start (DetectorWarmUp): at each start the server reads the events of
-- the last hours back into the detectors, which would otherwise scan and sort the whole event table.
create index event_ts on event (ts);
