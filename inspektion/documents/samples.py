"""Example views of the four letter kinds, for previews, tests and the benchmark.

Invented people and a realistic case, so a letter can be looked at without a database.
The krav wording and citations follow the campaign's most common krav (DOMAIN.md) and
cite only paragraphs in the regulation catalogue, in the rule in force on the letter date.
"""

from dataclasses import replace
from datetime import date, timedelta

from .view import KravLine, LegalRef, LetterKind, LetterView, MeetingLine, Person

INSPECTOR_A = Person(
    "Anna Lindqvist", "Arbetsmiljöinspektör", "anna.lindqvist@av.se", "010-730 91 11"
)
INSPECTOR_B = Person(
    "Örjan Ekström", "Arbetsmiljöinspektör", "orjan.ekstrom@av.se", "010-730 91 12"
)
JURIST = Person("Sofia Åberg", "Jurist", "sofia.aberg@av.se", "010-730 91 20")
CHEF = Person("Mats Öhman", "Enhetschef", "mats.ohman@av.se", "010-730 91 30")

LETTER_DATE = date(2026, 11, 23)

KRAV: tuple[KravLine, ...] = (
    KravLine(
        1,
        "Undersök och riskbedöm arbetsbelastningen för socialsekreterarna och upprätta en "
        "skriftlig handlingsplan för de åtgärder som inte genomförs omedelbart.",
        ("AFS 2023:2 2 kap. 6 §", "AFS 2023:1 11 §", "AFS 2023:1 13 §"),
        "Många socialsekreterare beskriver en ohälsosam arbetsbelastning, och ingen "
        "riskbedömning av arbetsbelastningen har gjorts.",
        date(2027, 3, 31),
    ),
    KravLine(
        2,
        "Se till att chefer och arbetsledare har kunskaper om hur ohälsosam arbetsbelastning "
        "förebyggs och hanteras.",
        ("AFS 2023:2 2 kap. 4 §",),
        "Flera arbetsledare har inte fått utbildning i organisatorisk och social arbetsmiljö.",
    ),
    KravLine(
        3,
        "Ta fram rutiner för introduktion av nyanställda socialsekreterare och gör dem kända.",
        ("AFS 2023:1 10 §",),
        "Nyanställda får ingen planerad introduktion; de får ärenden första veckan.",
    ),
    KravLine(
        4,
        "Ordna arbetet så att risken för våld och hot förebyggs, och ta fram särskilda "
        "säkerhetsrutiner för hembesök och möten med klienter.",
        ("AFS 2023:2 5 kap. 3 §",),
        "Det saknas säkerhetsrutiner för hembesök, och rutinerna för besöksrummen är inte kända.",
    ),
    KravLine(
        5,
        "Se till att samtalsrummen har larm som fungerar och att larmrutinerna övas.",
        ("AFS 2023:2 5 kap. 6 §",),
        "Larmen i två samtalsrum fungerade inte vid besöket och larmrutinen har inte övats.",
    ),
    KravLine(
        6,
        "Ta fram rutiner för krisstöd efter hot och våld.",
        ("AFS 2023:2 4 kap. 4 §",),
        "Socialsekreterare vet inte vilket stöd de får efter en hotfull händelse.",
    ),
)

MEETINGS: tuple[MeetingLine, ...] = (
    MeetingLine(
        "formote", date(2026, 9, 8), None, ("socialchef", "HR-konsult", "huvudskyddsombud")
    ),
    MeetingLine("gruppsamtal", date(2026, 10, 6), "Barn och unga", ("socialsekreterare",)),
    MeetingLine("aterkoppling", date(2026, 10, 6), None, ("enhetschef", "skyddsombud")),
    MeetingLine("gruppsamtal", date(2026, 10, 7), "Ekonomiskt bistånd", ("socialsekreterare",)),
    MeetingLine("aterkoppling", date(2026, 10, 7), None, ("enhetschef", "skyddsombud")),
    MeetingLine("gruppsamtal", date(2026, 10, 8), "Vuxna och missbruk", ("socialsekreterare",)),
    MeetingLine(
        "aterkopplande_mote",
        date(2026, 11, 2),
        None,
        ("ordförande i socialnämnden", "socialchef", "huvudskyddsombud"),
    ),
)

_BASE = LetterView(
    kind="inspektionsmeddelande",
    diarienummer="2026/000123",
    document_number="2026/000123-3",
    letter_date=LETTER_DATE,
    employer="Upplands Väsby kommun",
    employer_org_nr="212000-0019",
    addressee="Upplands Väsby kommun",
    addressee_address="Dragonvägen 86\n194 80 Upplands Väsby",
    workplace="Socialkontoret, Centralvägen 1",
    kommun="Upplands Väsby",
    lan="Stockholms län",
    inspectors=(INSPECTOR_A, INSPECTOR_B),
    contact=INSPECTOR_A,
    meetings=MEETINGS,
    krav=KRAV,
    svar_senast=date(2027, 2, 26),
    safety_representative="Åsa Fröberg, huvudskyddsombud (Vision)",
    namnd="Socialnämnden",
)

FORELAGGANDE_BASIS: tuple[LegalRef, ...] = (
    LegalRef(
        "7 kap. 7 § arbetsmiljölagen (1977:1160)",
        "Arbetsmiljöverket får meddela de förelägganden som behövs för att lagen och "
        "föreskrifterna ska följas; enligt andra stycket får föreläggandet förenas med vite.",
    ),
    LegalRef("Lagen (1985:206) om viten", "Allmänna regler om vite, delgivning och utdömande."),
    LegalRef(
        "9 kap. 2 § arbetsmiljölagen (1977:1160)",
        "Beslutet får överklagas till allmän förvaltningsdomstol.",
    ),
)


def sample_view(
    kind: LetterKind, *, draft: bool = False, krav_count: int | None = None
) -> LetterView:
    """A complete view of the given kind; `krav_count` repeats the krav to make long letters."""
    krav = KRAV if krav_count is None else many_krav(krav_count)
    base = replace(_BASE, kind=kind, draft=draft, krav=krav)
    if kind == "inspektionsmeddelande":
        return base
    if kind == "tillsynsmeddelande":
        topics = tuple(replace(k, deadline=None) for k in krav[:4])
        return replace(base, document_number="2026/000123-1", meetings=(), krav=topics)
    if kind == "underrattelse":
        return replace(
            base,
            document_number="2026/000123-7",
            krav=krav[:2],
            svar_senast=LETTER_DATE + timedelta(days=21),
            vite_sek=50_000,
            deadline=date(2027, 4, 30),
            presented_by=JURIST,
            contact=JURIST,
        )
    return replace(
        base,
        document_number="2026/000123-9",
        krav=krav[:2],
        svar_senast=None,
        vite_sek=50_000,
        deadline=date(2027, 4, 30),
        decided_by=CHEF,
        presented_by=JURIST,
        contact=JURIST,
        legal_basis=FORELAGGANDE_BASIS,
    )


def many_krav(count: int) -> tuple[KravLine, ...]:
    """`count` krav made by cycling the sample krav, numbered 1..count."""
    return tuple(
        replace(
            KRAV[i % len(KRAV)], number=i + 1, text=f"{KRAV[i % len(KRAV)].text} (punkt {i + 1})"
        )
        for i in range(count)
    )
