-- This migration once created the intake functions. They now live in migrations/repeatable/, which `migrate`
-- re-applies on every run, so a changed function reaches databases that already applied this file.
SELECT 1;
