-- An unlink (a SCIM user deleted) marks the link instead of deleting it. scim_users takes a link's
-- attributes from scim_links whichever of identity's creation and directory-sync's link events a
-- rebuild reads first; a deleted row would make a creation read after the unlink lose the name
-- the live row kept, and the rebuilt projection would differ from the live one.
ALTER TABLE scim_links ADD COLUMN unlinked boolean NOT NULL DEFAULT false;
