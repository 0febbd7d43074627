-- The first migration of device-gateway's own database. Its tables arrive with the features that need them;
-- this baseline makes every later migration a numbered step from a known start.
SELECT 1;
