-- Share claims name their claimant: the interaction that claimed the share. An interaction
-- delivered again (a load balancer retrying it on another instance after the first stopped
-- mid-way) finds the claim still its own and may post; anyone else waits out the cooldown.
-- 0 is no one (claims made before this column, or where no interaction id is known).
ALTER TABLE share_cooldowns ADD COLUMN claimant INTEGER NOT NULL DEFAULT 0;
