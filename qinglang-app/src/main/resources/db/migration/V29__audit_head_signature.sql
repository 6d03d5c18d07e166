-- The audit head's signature (审计链头签名): Ed25519 over (seq, hash), made by the server with the key in its data
-- directory (audit-key.pem), never held by the database, and renewed by every append in the same transaction.
-- Without it, someone who can write the database could remove the newest audit rows and point the head at the
-- last one kept. Null in heads written before this migration: the server signs such a head at its next start.
alter table audit_head add column signature varchar(100);
