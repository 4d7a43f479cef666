ATTACH ROLE reporting;
ATTACH GRANT SELECT ON analytics.* TO reporting;
