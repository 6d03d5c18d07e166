-- One-click protection (一键防护), issue #5: one row per account that has protection on. Turning it off deletes
-- the row (the audit trail keeps what it was). Loaded whole into memory at start; every change is written
-- here first, committed, then put in memory, so decisions never read the database.
create table protection_setting (
    account    varchar(128) primary key,
    audience   varchar(16)  not null,
    period     varchar(16)  not null,
    comment    varchar(8)   not null,
    dm         varchar(8)   not null,
    repost     varchar(8)   not null,
    mention    varchar(8)   not null,
    since      timestamp with time zone not null,
    updated_by varchar(64)  not null
);
