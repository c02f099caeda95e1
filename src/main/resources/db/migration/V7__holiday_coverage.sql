-- Holidays come from data files that cover whole years (config/holidays/*.csv). When a message
-- arrives on a date those files do not cover, or its next business opening is reached over such a
-- date, that day was taken for a business day without anything saying it was not a government
-- holiday: its deemed_received_at may be wrong. The entry says so, so that a person can check it.
ALTER TABLE incoming_register
    ADD COLUMN deemed_without_holiday_data boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN incoming_register.deemed_without_holiday_data IS
    'true when deemed_received_at was computed over a date outside the years the holiday data covers;'
    ' problems then says so too';
