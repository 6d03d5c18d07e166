-- The accounts taking part in what a detector's alert is about (a pile-on's first posters, repeat posters,
-- inciters and the rest; a coordinated group's members), by case, so that a reviewer can decide for all of
-- them in one batch (分级处置). The latest alert's role for an account wins.
create table case_participant (
    case_id bigint       not null references workflow_case (id),
    account varchar(128) not null,
    role    varchar(16)  not null,
    primary key (case_id, account)
);
