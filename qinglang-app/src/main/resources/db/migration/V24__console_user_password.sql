-- Console users (issue #4): a user whose password someone else chose (the first admin's printed one-time
-- password, or one an admin made) must change it at the first sign-in before any other console page works.
alter table console_user add column must_change_password boolean default false not null;
