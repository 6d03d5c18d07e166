-- An alert's case is about its participants, never its target (2026-12-03): it has its own key, pileon:<account> or
-- coord:<account>, and the single-account decision is refused on it. Cases an alert opened before were keyed
-- account:<account>, the key of a case against that account. Those that hold nothing but that kind of alert are
-- keyed apart here; one that also holds reports or verdicts against the account is left as it is (it is, in part,
-- a case against the account), and so is an open one whose new key another open case already has.
update workflow_case set content_type = 'pileon', target = 'pileon:' || account,
    open_target = case when open_target is null then null else 'pileon:' || account end
where content_id is null and content_type = 'account'
  and exists (select 1 from case_signal s where s.case_id = workflow_case.id and s.alert_kind = 'pileon')
  and not exists (select 1 from case_signal s where s.case_id = workflow_case.id
                  and (s.kind <> 'alert' or s.alert_kind is null or s.alert_kind <> 'pileon'))
  and (open_target is null
       or not exists (select 1 from workflow_case w where w.open_target = 'pileon:' || workflow_case.account));

update workflow_case set content_type = 'coordination', target = 'coord:' || account,
    open_target = case when open_target is null then null else 'coord:' || account end
where content_id is null and content_type = 'account'
  and exists (select 1 from case_signal s where s.case_id = workflow_case.id and s.alert_kind = 'coordination')
  and not exists (select 1 from case_signal s where s.case_id = workflow_case.id
                  and (s.kind <> 'alert' or s.alert_kind is null or s.alert_kind <> 'coordination'))
  and (open_target is null
       or not exists (select 1 from workflow_case w where w.open_target = 'coord:' || workflow_case.account));
