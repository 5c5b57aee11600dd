"""Small pools of realistic values the generator draws from: names, places, weights.

The krav weights follow the seed report's section 4.2: AFS 2015:4 (organisatorisk och social
arbetsmiljö) dominates, then AFS 2001:1 (SAM), AFS 1993:2 (hot och våld), AFS 1999:7
(krisstöd), AML, and least often AFS 2009:2 (ventilation, buller).
"""

from __future__ import annotations

FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin",
    "Johanna", "Sofia", "Linda", "Helena", "Annika", "Elin", "Camilla", "Therese", "Åsa", "Frida",
    "Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Peter", "Mikael", "Jonas", "Magnus",
    "Fredrik", "Daniel", "Henrik", "Mats", "Stefan", "Niklas", "Björn", "Ola", "Jörgen", "Emil",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist",
    "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Mattsson",
    "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin",
    "Engström", "Eklund", "Danielsson", "Håkansson", "Lundin", "Holm", "Öberg", "Åberg",
]

ARBETSOMRADEN = [
    ("Barn och unga", 5), ("Vuxna och missbruk", 3), ("Ekonomiskt bistånd", 4),
    ("Mottagning och utredning", 2), ("Familjerätt", 1), ("Social jour", 1),
    ("Placering och familjehem", 1),
]

FORMOTE_ROLES = ["Socialchef", "Huvudskyddsombud", "HR-konsult (kontaktperson)"]
ATERKOPPLING_ROLES = ["Enhetschef", "Skyddsombud"]
ATERKOPPLANDE_ROLES = ["Ordförande i socialnämnden", "Förvaltningschef", "Avdelningschef",
                       "Huvudskyddsombud"]
UPPFOLJNING_ROLES = ["Avdelningschef", "Skyddsombud"]

MEETING_NOTES = {
    "formote": [
        "Organisationen har tre enheter under en avdelningschef. Kontaktperson är HR-konsulten.",
        "Förvaltningen omorganiserades förra året; flera chefstjänster är nytillsatta.",
        "Hög personalomsättning de senaste två åren enligt arbetsgivaren.",
        "Gruppsamtalen bokas av arbetsgivaren tillsammans med skyddsombudet.",
    ],
    "aterkoppling": [
        "Chefen bekräftar bilden av hög ärendemängd och beskriver pågående rekrytering.",
        "Skyddsombudet tar upp att tillbud inte rapporteras konsekvent.",
        "Arbetsgivaren kompletterar med uppgifter om introduktionen av nyanställda.",
    ],
    "aterkopplande_mote": [
        "Inspektörerna redovisade iakttagelserna från gruppsamtalen och vilka krav som kommer.",
        "Ledningen informerades om bristerna i riskbedömningen av arbetsbelastning.",
    ],
    "uppfoljning": [
        "Uppföljningsbesök: åtgärdsplanen är påbörjad men inte genomförd fullt ut.",
        "Uppföljningsbesök: nya säkerhetsrutiner finns och är kända av personalen.",
    ],
}

# Weight per krav template slug; a slug not listed (a newer library entry) gets weight 1.
TEMPLATE_WEIGHTS: dict[str, float] = {
    "arbetsbelastning-riskbedomning": 10, "arbetsbelastning-atgarder": 8,
    "kunskap-om-arbetet": 6, "chefers-kunskap-osa": 6, "chefers-forutsattningar": 3,
    "arbetstid-riskbedomning": 3, "psykiskt-pafrestande-arbete": 2, "osa-mal": 3,
    "krankande-sarbehandling": 2, "introduktion-rutiner": 7,
    "rutin-riskbedomning-arbetsbelastning": 6, "tillbudsrapportering-rutiner": 5,
    "systematiskt-arbetsmiljoarbete": 3, "medverkan-skyddsombud": 1, "sakkunnig-hjalp": 1,
    "hot-vald-riskbedomning": 7, "hot-vald-sakerhetsrutiner": 6,
    "sakerhetsrutiner-aktuella-kanda": 2, "hot-vald-utbildning": 2, "lokaler-sakerhet": 4,
    "larm-snabb-hjalp": 4, "ensamarbete-hembesok": 2, "hot-vald-handelser-utredning": 2,
    "stod-vid-aterkommande-hot": 1, "krisstod-efter-hot-vald": 4, "krisstod-rutiner": 4,
    "krisstod-chefers-kunskap": 1, "ventilation": 1.5, "buller-akustik": 1,
    "aml-forebygga-ohalsa": 2,
}

# Municipalities with several social offices get more cases (DOMAIN.md: large municipalities
# have several offices and so several cases).
KOMMUN_WEIGHTS: dict[str, float] = {
    "0180": 10, "1480": 8, "1280": 6, "0380": 3, "0580": 3, "1880": 2.5, "1980": 2.5,
    "0581": 2.5, "1283": 2.5, "0680": 2, "2480": 2, "1281": 2, "1490": 2, "0880": 1.5,
    "2281": 1.5, "1380": 1.5, "0181": 1.5, "0184": 1.5, "0182": 1.5, "0183": 1.5,
}
OFFICE_NAMES = ["Norr", "Söder", "Öster", "Väster", "Centrum", "Innerstaden", "Ytterstaden"]

SERVICE_METHODS = ["vanlig", "forenklad", "sarskild", "personlig"]
VITE_SEK = [25_000, 50_000, 75_000, 100_000, 150_000, 200_000, 300_000]
KOMPLETTERING_NOTES = [
    "Redovisa hur riskbedömningen av arbetsbelastningen har gjorts och vem som deltog.",
    "Komplettera med rutinen för krisstöd och hur den har gjorts känd.",
]
