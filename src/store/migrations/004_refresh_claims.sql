-- Refresh claims: after a reload, every instance may refresh the posts, and each post is edited
-- once per knowledge-base revision, by whichever instance claims it first.
-- `refresh_revision` is the revision last claimed; `refresh_claimed_at` (Unix seconds) is when,
-- while the edit is unfinished, and NULL once it is done (or never claimed). An unfinished claim
-- older than the lease may be taken over (its instance stopped mid-edit).
ALTER TABLE posts ADD COLUMN refresh_revision TEXT;
ALTER TABLE posts ADD COLUMN refresh_claimed_at INTEGER;
