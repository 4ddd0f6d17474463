-- Content gaps, opt-in per server (off by default): the text of questions no vetted fact
-- answered, kept 30 days so the content team sees what is missing. No user, channel or message
-- id: the server, the text and the day it was asked.
CREATE TABLE gap_settings (
    guild_id INTEGER PRIMARY KEY NOT NULL,
    keep     INTEGER NOT NULL
) STRICT;

CREATE TABLE gaps (
    guild_id INTEGER NOT NULL,
    question TEXT    NOT NULL,
    -- Unix seconds.
    asked_at INTEGER NOT NULL
) STRICT;

CREATE INDEX gaps_by_guild ON gaps (guild_id, asked_at);
