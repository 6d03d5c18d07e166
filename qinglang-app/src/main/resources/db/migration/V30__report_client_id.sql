-- A report's id on the platform's side (optional): a retry of the same report by the same API key finds the first
-- instead of filing it twice (statistics and reporters' credibility counted it twice).
alter table report add column client_id varchar(128);
create unique index report_client on report (api_key_id, client_id);
