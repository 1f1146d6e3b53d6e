export default `
-- Who confirmed each page's catalogue decision in the verification desk, and when. NULL until a
-- person has: a catalogue saved unreviewed (courtdesk catalogue --save) neither counts towards
-- the acceptance share nor shows as confirmed, and may not replace a confirmed one.
ALTER TABLE catalogue_proposals ADD COLUMN decided_by TEXT;
ALTER TABLE catalogue_proposals ADD COLUMN decided_at TEXT;
CREATE INDEX catalogue_proposals_decided ON catalogue_proposals(decided_by) WHERE decided_by IS NOT NULL;
`;
