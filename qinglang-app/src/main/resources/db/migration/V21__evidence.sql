-- Evidence bundles (一键取证), issue #5: insert-only. `document` is the signed JSON exactly as signed (UTF-8),
-- `sha256` its hash, `signature` the Ed25519 signature of those bytes (base64), `key_id` the key that signed.
create table evidence_bundle (
    id          varchar(36)  primary key,
    account     varchar(128) not null,
    captured_at timestamp with time zone not null,
    captured_by varchar(64)  not null,
    item_count  integer      not null,
    document    text         not null,
    sha256      varchar(64)  not null,
    signature   varchar(100) not null,
    key_id      varchar(16)  not null
);
create index evidence_bundle_account on evidence_bundle (account);
