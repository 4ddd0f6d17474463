-- The public fact messages exobot posted, so it can keep them current.
-- Nothing here identifies a patient: servers, channels, messages and topics only.
CREATE TABLE posts (
    message_id  INTEGER PRIMARY KEY NOT NULL,
    channel_id  INTEGER NOT NULL,
    guild_id    INTEGER NOT NULL,
    topic       TEXT    NOT NULL,
    -- The knowledge-base revision the message was last written from.
    revision    TEXT    NOT NULL,
    -- A fingerprint of the topic as rendered: it changes only when the topic does.
    fingerprint TEXT    NOT NULL,
    -- 'current' or 'withdrawn' (the topic was removed or made a draft).
    state       TEXT    NOT NULL DEFAULT 'current',
    pinned      INTEGER NOT NULL DEFAULT 0,
    posted_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX posts_by_channel ON posts (channel_id);
CREATE INDEX posts_by_topic ON posts (topic);
