"""The tables. Names follow the domain's words (DOMAIN.md); see ARCHITECTURE.md, Storage."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    Bytea,
    Date,
    DoublePrecision,
    Float,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class AppSetting(Table, tablename="app_setting"):
    """A value the tool keeps about itself, by key: `reference_checksum` is the checksum of
    the fixtures the reference data was last loaded from (services/reference.py), so a start
    with unchanged fixtures skips reloading them."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    key = Varchar(length=60, unique=True)
    value = Text(default="")


# --- reference data ---------------------------------------------------------------


class Region(Table, tablename="region"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    code = Varchar(length=20, unique=True)          # "IRS-Syd"
    namn = Varchar(length=60)


class Lan(Table, tablename="lan"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    kod = Varchar(length=2, unique=True)             # "12"
    namn = Varchar(length=60)
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict)


class Kommun(Table, tablename="kommun"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    kommunkod = Varchar(length=4, unique=True)
    namn = Varchar(length=60)
    lan = ForeignKey(Lan, null=False, on_delete=OnDelete.restrict)
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict, index=True)
    lat = Float()
    lon = Float()
    besokt_2015_2017 = Boolean(default=False)
    # The municipality as a legal person (fixtures/kommuner_organisation.csv). The registered
    # name is "" where no register gives it: never built by rule, asked for on the case form.
    juridiskt_namn = Varchar(length=200, default="")
    organisationsnummer = Varchar(length=11, default="")


class RegulationParagraph(Table, tablename="regulation_paragraph"):
    """One paragraph of the catalogue; `verified` is part of the product (an audited change)."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    regulation_id = Varchar(length=60, index=True)   # "AFS 2015:4"
    regulation_title = Varchar(length=200)
    in_force_from = Date(null=True, default=None)
    in_force_to = Date(null=True, default=None)
    number = Varchar(length=40)                      # "9 §"
    topic = Text()
    verified = Boolean(default=False)
    source = Text(null=True, default=None)
    successor = Varchar(length=100, null=True, default=None)  # unused since "successors"
    successors = JSON(default="[]")  # individual citable paragraphs, ["AFS 2023:1 7 §", …]
    repealed = Boolean(default=False)
    verified_by = Varchar(length=60, null=True, default=None)
    verified_at = Timestamptz(null=True, default=None)


class KravTemplate(Table, tablename="krav_template"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    slug = Varchar(length=80, unique=True)
    title = Varchar(length=200)
    text = Text()
    brist = Text(default="")
    effektmal = Integer(null=True, default=None)
    citations = JSON(default="[]")
    citations_2015 = JSON(default="[]")


# --- people and campaigns ---------------------------------------------------------


class User(Table, tablename="app_user"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    username = Varchar(length=60, unique=True)
    display_name = Varchar(length=120, default="")
    title = Varchar(length=80, default="")
    email = Varchar(length=120, default="")
    phone = Varchar(length=40, default="")
    role = Varchar(length=20)
    region = ForeignKey(Region, null=True, on_delete=OnDelete.restrict)
    password_hash = Varchar(length=200)
    active = Boolean(default=True)
    failed_logins = Integer(default=0)
    locked_until = Timestamptz(null=True, default=None)
    # Issue 19: "issuer subject" of the provider's account (unique where set), and whether the
    # provider, not an administrator, took the access away.
    oidc_key = Varchar(length=600, null=True, default=None)
    oidc_disabled = Boolean(default=False)


class OidcPending(Table, tablename="oidc_pending"):
    """A login sent to the identity provider and not yet back: its callback finds it by the
    SHA-256 of `state` and deletes it, so each state is used once."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    state_hash = Varchar(length=64, unique=True)
    nonce = Varchar(length=200)
    code_verifier = Varchar(length=200)
    next_path = Varchar(length=1000, default="")
    expires_at = Timestamptz(index=True)


class LoginThrottle(Table, tablename="login_throttle"):
    """Failed logins per account name ("u:name") and per client address ("a:1.2.3.4").

    Shared by every process; counted with one atomic upsert (services/login_guard.py). Times
    are seconds since the epoch, so both databases compare them as numbers.
    """

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    key = Varchar(length=200, unique=True)
    failures = Integer(default=0)
    lockouts = Integer(default=0)
    last_failure = DoublePrecision(default=0)
    blocked_until = DoublePrecision(default=0)


class AuthToken(Table, tablename="auth_token"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()


class Campaign(Table, tablename="campaign"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    name = Varchar(length=200, unique=True)
    start = Date()
    end = Date()
    target_share = Float(default=0.5)
    # A finished campaign kept as a record: its cases are no one's work (no reminders, no
    # queue, no steps). Set for the rebuilt 2015–2017 campaign.
    archived = Boolean(default=False)


class CampaignRegionTarget(Table, tablename="campaign_region_target"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    campaign = ForeignKey(Campaign, null=False, on_delete=OnDelete.cascade)
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict)
    target_kommuner = Integer()


class Workplace(Table, tablename="workplace"):
    """An arbetsställe: usually a municipality's social office."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    name = Varchar(length=200)
    address = Varchar(length=200, default="")
    kommun = ForeignKey(Kommun, null=False, on_delete=OnDelete.restrict, index=True)
    employer = Varchar(length=200, default="")  # the legal person's registered name
    org_nr = Varchar(length=11, default="")     # its organisationsnummer
    namnd = Varchar(length=200, default="")     # the nämnd/förvaltning letters are addressed to


# --- cases ------------------------------------------------------------------------


class DiarieCounter(Table, tablename="diarie_counter"):
    """The last number given out per year; bumped atomically (see services/numbering.py)."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    year = Integer(unique=True)
    last = Integer(default=0)


class Case(Table, tablename="case_file"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    diarienummer = Varchar(length=11, unique=True)
    method = Varchar(length=30)
    status = Varchar(length=40, index=True)
    version = Integer(default=1)
    campaign = ForeignKey(Campaign, null=False, on_delete=OnDelete.restrict, index=True)
    kommun = ForeignKey(Kommun, null=False, on_delete=OnDelete.restrict, index=True)
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict, index=True)
    workplace = ForeignKey(Workplace, null=False, on_delete=OnDelete.restrict)
    inspector1 = ForeignKey(User, null=True, on_delete=OnDelete.restrict)
    inspector2 = ForeignKey(User, null=True, on_delete=OnDelete.restrict)
    opened_on = Date()
    closed_on = Date(null=True, default=None)
    last_activity_on = Date()
    doc_seq = Integer(default=0)
    # What the inspector proposes to the jurist (the escalation queue shows it).
    inspector_proposal = Text(default="")
    svar_senast = Date(null=True, default=None, index=True)


class Meeting(Table, tablename="meeting"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=30)
    date = Date()
    arbetsomrade = Varchar(length=100, null=True, default=None)
    participants = JSON(default="[]")       # [{"role", "name"}]; never socialsekreterare by name
    notes = Text(default="")


class GruppsamtalSummary(Table, tablename="gruppsamtal_summary"):
    """The compiled questionnaire of one group conversation; `summary` is null below the minimum."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    meeting = ForeignKey(Meeting, null=False, on_delete=OnDelete.restrict, unique=True)
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    arbetsomrade = Varchar(length=100)
    respondents = Integer()
    summary = JSON(null=True, default=None)
    reason = Text(null=True, default=None)
    client_key = Varchar(length=64, null=True, default=None, unique=True)


class QuestionnaireAnswer(Table, tablename="questionnaire_answer"):
    """One value for one question; deliberately no respondent key, stored in shuffled order."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    summary = ForeignKey(GruppsamtalSummary, null=False, on_delete=OnDelete.restrict, index=True)
    question_id = Integer()
    value = Integer()


class Krav(Table, tablename="krav"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    number = Integer()
    text = Text()
    brist = Text(default="")
    citations = JSON(default="[]")
    effektmal = Integer(null=True, default=None)
    template_slug = Varchar(length=80, null=True, default=None)
    deadline = Date(null=True, default=None)
    state = Varchar(length=30, index=True)
    assessed_on = Date(null=True, default=None)


class Document(Table, tablename="document"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=30)
    number = Varchar(length=20, unique=True)
    created_on = Date()
    sent_on = Date(null=True, default=None)
    served_on = Date(null=True, default=None)
    served_how = Varchar(length=60, null=True, default=None)
    pdf = Bytea(null=True, default=None)
    docx = Bytea(null=True, default=None)
    pdf_sha256 = Varchar(length=64, default="")
    docx_sha256 = Varchar(length=64, default="")
    payload = JSON(default="{}")  # what the letter was issued with (dates, krav ids, vite)


class Handling(Table, tablename="handling"):
    """An inkommen handling: a document the employer (or anyone) sent in, registered with the
    next number of the case's series, which it shares with the outgoing letters."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    number = Varchar(length=20, unique=True)
    seq = Integer()
    kind = Varchar(length=30)               # svar | yttrande | redovisning | komplettering | ...
    received = Date()
    sender = Varchar(length=200, default="")
    description = Text(default="")
    answers_document = ForeignKey(Document, null=True, on_delete=OnDelete.restrict)
    registered_on = Date()
    registered_by = ForeignKey(User, null=True, on_delete=OnDelete.restrict)


class HandlingFile(Table, tablename="handling_file"):
    """One file of a handling; its bytes live here so a database backup holds them."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    handling = ForeignKey(Handling, null=False, on_delete=OnDelete.restrict, index=True)
    position = Integer()                    # 1, 2, ... in upload order (the download path)
    name = Varchar(length=255)
    content_type = Varchar(length=120)
    size = Integer()
    sha256 = Varchar(length=64)
    content = Bytea()


class KravAssessment(Table, tablename="krav_assessment"):
    """One assessment of one krav: from an answer (svar) or a follow-up visit (uppfoljning).

    `date` is the date of what was assessed (the answer's received date, the visit's date);
    `assessed_on` is when the inspector wrote it down."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    krav = ForeignKey(Krav, null=False, on_delete=OnDelete.restrict, index=True)
    date = Date()
    outcome = Varchar(length=20)            # uppfyllt | delvis | ej_uppfyllt | komplettering
    motivering = Text(default="")
    source = Varchar(length=20)             # svar | uppfoljning
    handling = ForeignKey(Handling, null=True, on_delete=OnDelete.restrict)
    meeting = ForeignKey(Meeting, null=True, on_delete=OnDelete.restrict)
    assessed_on = Date()
    assessed_by = ForeignKey(User, null=True, on_delete=OnDelete.restrict)


class Decision(Table, tablename="decision"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=30)               # underrattelse | forelaggande | utdomande | dom
    document = ForeignKey(Document, null=True, on_delete=OnDelete.restrict)
    krav_ids = JSON(default="[]")
    vite_sek = Integer(null=True, default=None)
    svar_senast = Date(null=True, default=None)
    deadline = Date(null=True, default=None)
    decided_on = Date()
    decided_by = ForeignKey(User, null=True, on_delete=OnDelete.restrict)
    presented_by = ForeignKey(User, null=True, on_delete=OnDelete.restrict)
    motivering = Text(default="")
    # The terms as sent (domain/kommunicering.py Terms): what an underrättelse announced binds
    # the föreläggande; what a föreläggande ordered bounds the ansökan om utdömande.
    terms = JSON(default="{}")
    immediate = Boolean(default=False)                        # 9 kap. 5 § arbetsmiljölagen
    outcome = Varchar(length=20, null=True, default=None)     # dom: bifall | delvis_bifall | avslag
    laga_kraft = Date(null=True, default=None)                # dom


class CaseRollup(Table, tablename="case_rollup"):
    """One case's share of the campaign counts, a few rows per case (db/rollup.py)."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.cascade, index=True)
    campaign = Integer()
    kommun = Integer()
    region = Integer()
    part = Varchar(length=20)        # case | svar | meeting | krav | document | decision
    key = Text()                     # status, answer date, kind, or krav citations (JSON text)
    effektmal = Integer(default=0)   # a krav's effektmål; 0 when none
    n = Integer(default=0)
    n2 = Integer(default=0)          # open krav; decisions with a vite


class KommunRollup(Table, tablename="kommun_rollup"):
    """The case rows summed per campaign, municipality, region and key; unique on all six
    (db/rollup.py). The figures and the coverage map read only this table."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    campaign = Integer()
    kommun = Integer()
    region = Integer()
    part = Varchar(length=20)
    key = Text()
    effektmal = Integer(default=0)
    n = Integer(default=0)
    n2 = Integer(default=0)


class AuditEvent(Table, tablename="audit_event"):
    """Append-only: database triggers refuse UPDATE and DELETE (db/append_only.py)."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=True, on_delete=OnDelete.restrict, index=True)
    at = Timestamptz(default=TimestamptzNow())
    username = Varchar(length=60)
    action = Varchar(length=60)
    details = JSON(default="{}")


class Reminder(Table, tablename="reminder"):
    id: Serial  # the primary key Piccolo adds; declared for type checkers
    """A reminder to one user. `key` is unique: a sweep that runs twice, after a crash or in
    two processes at once creates each reminder once (services/reminders.py)."""

    key = Varchar(length=200, unique=True)  # "{kind}:{subject}:{due_on}:u{recipient}"
    kind = Varchar(length=40)
    recipient = ForeignKey(User, null=False, on_delete=OnDelete.cascade, index=True)
    case = ForeignKey(Case, null=True, on_delete=OnDelete.cascade, index=True)
    message = Text()
    due_on = Date()
    created_at = Timestamptz(default=TimestamptzNow())
    resolved_at = Timestamptz(null=True, default=None, index=True)
    dismissed_at = Timestamptz(null=True, default=None)
    emailed_at = Timestamptz(null=True, default=None)


class PlannedVisit(Table, tablename="planned_visit"):
    """A planned date for one kind of visit on a case (bevakning); one per case and kind."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=30)
    date = Date(index=True)


class CalendarFeed(Table, tablename="calendar_feed"):
    """A user's private iCalendar feed: the SHA-256 of its secret token; no row, no feed."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, unique=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()


class SvarsLank(Table, tablename="svarslank"):
    """An answer link for one letter and one recipient (arbetsgivare | huvudskyddsombud).

    Only the SHA-256 of the secret token (the address) and of the typeable code is kept; the
    link stops working after `expires_on` or once revoked (services/svarslankar.py)."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    document = ForeignKey(Document, null=False, on_delete=OnDelete.restrict)
    recipient = Varchar(length=20)
    token_hash = Varchar(length=64, unique=True)
    code_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.restrict)
    expires_on = Date()
    revoked_at = Timestamptz(null=True, default=None)
    revoked_by = ForeignKey(User, null=True, on_delete=OnDelete.restrict)


class SvarInskick(Table, tablename="svar_inskick"):
    """What was typed through a svarslänk: a draft (no handling) or a sent answer (the
    inkommen handling it became), with the answers per krav as JSON."""

    id: Serial  # the primary key Piccolo adds; declared for type checkers
    link = ForeignKey(SvarsLank, null=False, on_delete=OnDelete.restrict, index=True)
    case = ForeignKey(Case, null=False, on_delete=OnDelete.restrict, index=True)
    handling = ForeignKey(Handling, null=True, on_delete=OnDelete.restrict)
    answers = JSON(default="{}")   # {"<krav id>": {"atgard", "senast", "ansvarig", "filer"}}
    contact = Varchar(length=200, default="")
    message = Text(default="")
    saved_at = Timestamptz()
    client_key = Varchar(length=64, null=True, default=None, unique=True)


ALL_TABLES: list[type[Table]] = [
    Region, Lan, Kommun, RegulationParagraph, KravTemplate, User, LoginThrottle, AuthToken,
    Campaign, CampaignRegionTarget, Workplace, DiarieCounter, Case, Meeting, GruppsamtalSummary,
    QuestionnaireAnswer, Krav, Document, Handling, HandlingFile, KravAssessment, Decision,
    AuditEvent, Reminder, PlannedVisit, CalendarFeed, SvarsLank, SvarInskick, OidcPending,
    CaseRollup, KommunRollup, AppSetting,
]
