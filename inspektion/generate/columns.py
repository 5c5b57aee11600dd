"""Which columns of which tables (db/tables.py) the generator fills, in the order its rows
(history.Rows, run.py) hold the values; the tables' order satisfies the foreign keys."""

from __future__ import annotations

from piccolo.columns import Column
from piccolo.table import Table

from inspektion.db.tables import (
    Campaign,
    CampaignRegionTarget,
    Case,
    Decision,
    Document,
    GruppsamtalSummary,
    Krav,
    Meeting,
    User,
    Workplace,
)

COLUMNS: dict[type[Table], tuple[Column, ...]] = {
    User: (User.id, User.username, User.display_name, User.title, User.email, User.phone,
           User.role, User.region, User.password_hash, User.active, User.failed_logins,
           User.locked_until),
    Campaign: (Campaign.id, Campaign.name, Campaign.start, Campaign.end, Campaign.target_share),
    CampaignRegionTarget: (CampaignRegionTarget.id, CampaignRegionTarget.campaign,
                           CampaignRegionTarget.region, CampaignRegionTarget.target_kommuner),
    Workplace: (Workplace.id, Workplace.name, Workplace.address, Workplace.kommun,
                Workplace.employer, Workplace.org_nr),
    Case: (Case.id, Case.diarienummer, Case.method, Case.status, Case.version, Case.campaign,
           Case.kommun, Case.region, Case.workplace, Case.inspector1, Case.inspector2,
           Case.opened_on, Case.closed_on, Case.last_activity_on, Case.doc_seq,
           Case.svar_senast),
    Meeting: (Meeting.id, Meeting.case, Meeting.kind, Meeting.date, Meeting.arbetsomrade,
              Meeting.participants, Meeting.notes),
    GruppsamtalSummary: (GruppsamtalSummary.id, GruppsamtalSummary.meeting,
                         GruppsamtalSummary.case, GruppsamtalSummary.arbetsomrade,
                         GruppsamtalSummary.respondents, GruppsamtalSummary.summary,
                         GruppsamtalSummary.reason, GruppsamtalSummary.client_key),
    Krav: (Krav.id, Krav.case, Krav.number, Krav.text, Krav.brist, Krav.citations,
           Krav.effektmal, Krav.template_slug, Krav.deadline, Krav.state, Krav.assessed_on),
    Document: (Document.id, Document.case, Document.kind, Document.number, Document.created_on,
               Document.sent_on, Document.served_on, Document.served_how, Document.pdf,
               Document.docx, Document.pdf_sha256, Document.docx_sha256, Document.payload),
    Decision: (Decision.id, Decision.case, Decision.kind, Decision.document, Decision.krav_ids,
               Decision.vite_sek, Decision.svar_senast, Decision.deadline, Decision.decided_on,
               Decision.decided_by, Decision.presented_by, Decision.motivering),
}
TABLES = tuple(COLUMNS)
