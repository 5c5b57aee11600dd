"""The legal references the escalation letters rest on, worded once.

Only paragraphs that are in the regulation catalogue (fixtures, from
shared/data/regulations.yaml) are named here. Two traps the catalogue records:
7 kap. 9 § arbetsmiljölagen is repealed and is never cited, and 7 kap. 8 § is about
letting premises, not about vite – the power to join a föreläggande with vite is in
7 kap. 7 § andra stycket.
"""

from .compose_common import Requirement
from .view import LegalRef

_AML = ("arbetsmiljölag", "aml", "1977:1160")
_VITESLAG = ("1985:206", "om viten")
_FL = ("förvaltningslag", "2017:900")

AML_7_7 = Requirement(
    LegalRef(
        "7 kap. 7 § arbetsmiljölagen (1977:1160)",
        "Arbetsmiljöverket får meddela de förelägganden som behövs för att lagen och "
        "föreskrifterna ska följas. Enligt andra stycket får ett föreläggande förenas med vite.",
    ),
    "7 kap. 7 §",
    _AML,
)

VITESLAG = Requirement(
    LegalRef(
        "Lagen (1985:206) om viten",
        "Innehåller de allmänna reglerna om vitesföreläggande: vitet ska ha ett bestämt "
        "belopp, föreläggandet ska delges den det riktas till och vitet döms ut av "
        "förvaltningsrätten på ansökan av myndigheten.",
    ),
    "",
    _VITESLAG,
)

FL_25 = Requirement(
    LegalRef(
        "25 § förvaltningslagen (2017:900)",
        "Innan en myndighet fattar ett beslut som går en part emot ska parten få veta vad "
        "beslutet grundar sig på och få tillfälle att yttra sig.",
    ),
    "25 §",
    _FL,
)

AML_9_5 = Requirement(
    LegalRef(
        "9 kap. 5 § arbetsmiljölagen (1977:1160)",
        "Arbetsmiljöverket får bestämma att ett beslut ska gälla omedelbart.",
    ),
    "9 kap. 5 §",
    _AML,
)

APPEAL_LAW = "9 kap. 2 § arbetsmiljölagen (1977:1160)"
SAFETY_REP_APPEAL_LAW = "9 kap. 3 § arbetsmiljölagen"
APPEAL_FORM_LAW = "43 § förvaltningslagen (2017:900)"
VITE_SERVICE_LAW = "2 § lagen (1985:206) om viten"
VITE_IMPOSE_LAW = "6 § lagen (1985:206) om viten"
VITE_AMOUNT_LAW = "3 § lagen (1985:206) om viten"
