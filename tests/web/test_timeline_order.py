"""Issue 15: the case page's timeline is in date order, not in the order things were
registered (a förmöte registered late still comes first)."""

from __future__ import annotations

from datetime import date

from inspektion.web.views import timeline


def test_timeline_is_in_date_order_not_registration_order() -> None:
    meeting = {"notes": None, "participants": [], "arbetsomrade": None}
    case = {
        "gruppsamtal": [],
        "meetings": [  # as registered: återkoppling first, the förmöte a week later
            {**meeting, "id": 2, "kind": "aterkoppling", "date": date(2026, 3, 20)},
            {**meeting, "id": 1, "kind": "formote", "date": date(2026, 3, 2)},
        ],
        "documents": [{"kind": "inspektionsmeddelande", "sent_on": date(2026, 3, 25),
                       "created_on": date(2026, 3, 24), "pdf_sha256": None},
                      {"kind": "svar", "sent_on": None, "created_on": date(2026, 3, 10),
                       "pdf_sha256": None}],
        "decisions": [],
    }
    dates = [e["date"] for e in timeline(case)]
    assert dates == sorted(dates)
    assert [e.get("meeting", {}).get("id") for e in timeline(case)][:1] == [1]
