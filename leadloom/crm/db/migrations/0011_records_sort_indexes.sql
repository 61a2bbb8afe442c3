-- Indexes matching the exact sort expressions of the contact list (repositories/contacts.py
-- SORT_EXPRESSIONS), so every sort is an index scan that stops after one page instead of sorting
-- the whole organization. NULL scores and follow-up dates are folded to sentinels there, hence the
-- coalesce() expressions here.

CREATE INDEX contacts_org_name_sort_idx ON contacts (org_id, lower(btrim(first_name || ' ' || last_name)), id);
CREATE INDEX contacts_org_score_asc_idx ON contacts (org_id, coalesce(score, 1000), id);
CREATE INDEX contacts_org_score_desc_idx ON contacts (org_id, coalesce(score, -1), id);
CREATE INDEX contacts_org_follow_up_asc_idx ON contacts (org_id, coalesce(next_follow_up, '9999-12-31'::date), id);
CREATE INDEX contacts_org_follow_up_desc_idx ON contacts (org_id, coalesce(next_follow_up, '0001-01-01'::date), id);
CREATE INDEX companies_org_name_sort_idx ON companies (org_id, lower(name), id);
