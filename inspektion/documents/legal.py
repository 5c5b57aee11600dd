"""The legal references the escalation letters rest on, worded once.

Only paragraphs that are in the regulation catalogue (fixtures, from
shared/data/regulations.yaml) are named here. Two traps the catalogue records:
7 kap. 9 § arbetsmiljölagen is repealed and is never cited, and 7 kap. 8 § is about
letting premises, not about vite – the power to join a föreläggande with vite is in
7 kap. 7 § andra stycket.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .view import LegalRef


@dataclass(frozen=True)
class Requirement:
    """A legal reference a letter must carry, and how to recognise it among the view's.

    Citations come in several spellings ("7 kap. 7 § arbetsmiljölagen", "AML 7 kap. 7 §"),
    so a reference counts as present when it names the paragraph and one of the law's names.
    """

    ref: LegalRef
    paragraph: str
    law_names: tuple[str, ...]

    def met_by(self, ref: LegalRef) -> bool:
        haystack = f"{ref.citation} {ref.text}"
        return _names(self.paragraph, ref.citation) and any(
            _names(name, haystack) for name in self.law_names
        )


def _names(fragment: str, text: str) -> bool:
    """`fragment` starts a word in `text`: "aml" is AML, not "samlade"; "7 kap." not "17 kap."."""
    return re.search(rf"(?<!\w){re.escape(fragment)}", text, re.IGNORECASE) is not None


def cites(refs: Iterable[LegalRef], requirement: Requirement) -> bool:
    return any(requirement.met_by(ref) for ref in refs)


def with_required(
    refs: tuple[LegalRef, ...], required: Iterable[Requirement]
) -> tuple[LegalRef, ...]:
    """The view's references, with any legally required one it lacks added in front.

    A decision must state its legal basis; if a caller forgot one, the letter still names
    it rather than going out incomplete.
    """
    missing = tuple(req.ref for req in required if not cites(refs, req))
    return (*missing, *refs)


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
        "En tillsynsmyndighet eller en marknadskontrollmyndighet får bestämma att dess beslut "
        "ska gälla omedelbart.",
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
