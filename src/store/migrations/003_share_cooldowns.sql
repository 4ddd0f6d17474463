-- Share cooldowns, kept in the store so that they hold across every instance sharing it: a
-- topic shared in a channel is not shared there again before `until_ms`. A row is claimed
-- atomically (an upsert that updates only an expired row); expired rows are pruned.
-- Written in SQLite's dialect; PostgreSQL runs it with INTEGER as BIGINT and without STRICT.
CREATE TABLE share_cooldowns (
    channel_id INTEGER NOT NULL,
    topic      TEXT    NOT NULL,
    -- Unix milliseconds.
    until_ms   INTEGER NOT NULL,
    PRIMARY KEY (channel_id, topic)
) STRICT;
