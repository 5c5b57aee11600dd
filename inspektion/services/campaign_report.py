"""The campaign report written from the data, in the shape of the 2015–2017 final report's
results chapter (seed 003, chapter 4): figures first (visits per region, letters and decisions,
the coverage map, the most cited regulations), then per effektmål the common brister, the krav
set, what became of the krav, and the measured effect from the gruppsamtal.

Written in a worker process (services/reports.py: charts and file are CPU work that would stall
the event loop). Every number comes from one of three read models —
services/stats.campaign_figures, services/map_views.coverage_view and
services/effekt.campaign_effekt — each a handful of named queries; the last section of the report
says which query gives which figure.
"""

from __future__ import annotations

from datetime import date

from inspektion.config import load_settings
from inspektion.documents import report_charts as charts
from inspektion.documents.report_render import (
    Bullets,
    Heading,
    Para,
    Picture,
    Report,
    TableBlock,
    to_docx,
    to_pdf,
)
from inspektion.domain.effekt import OUTCOME_LABELS, Effect, KravOutcome
from inspektion.maps.model import CoverageView
from inspektion.services.effekt import EffektResult, GoalResult
from inspektion.services.report_data import ReportData
from inspektion.services.stats import CampaignFigures
from inspektion.services.stats_rollup import STATE_LABELS

REGION_NAMES = {"IRN-Nord": "Nord", "IRM-Mitt": "Mitt", "IRÖ-Öst": "Öst", "IRV-Väst": "Väst",
                "IRS-Syd": "Syd"}


def n(value: float | int | None, decimals: int = 0) -> str:
    """A number the Swedish way: 1 088 and 0,42; a dash for nothing."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "−") if text.startswith("-") else text


def pct(part: int, whole: int) -> str:
    return n(round(100 * part / whole)) if whole else "–"


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + n(value, 2)


def _interval(e: Effect) -> str:
    if e.low is None or e.high is None:
        return "–"
    return f"{_signed(e.low)} till {_signed(e.high)}"


def _effect_row(label: str, e: Effect) -> list[str]:
    if e.suppressed:
        return [label, n(e.groups), "–", "–", "–", "–", "–", e.verdict]
    return [label, n(e.groups), f"{n(e.respondents_first)} / {n(e.respondents_follow_up)}",
            n(e.before, 2), n(e.after, 2), _signed(e.change), _interval(e),
            e.verdict]


EFFECT_HEADERS = ["", "Grupper", "Svarande första / uppf.", "Medel före", "Medel efter",
                  "Förändring", "95 % intervall", "Bedömning"]
EFFECT_WIDTHS = (0.13, 0.10, 0.12, 0.08, 0.08, 0.13, 0.18, 0.18)


def _figures_section(report: Report, fig: CampaignFigures, cov: CoverageView) -> None:
    nat = fig["national"]
    regions = fig["regions"]
    rep = nat.get("reported")
    report.blocks.append(Heading("1. Resultat i siffror"))
    report.blocks.append(Heading("Kampanjens mål", 2))
    share = n(round(100 * float(fig["campaign"]["target_share"])))
    reached_text = (f"Kampanjens mål var att besöka {share} % av landets "
                    f"{n(nat['kommuner'])} kommuner, det vill säga {n(nat['target'])}. "
                    f"I verktygets data har {n(nat['reached'])} kommuner besökts.")
    if nat["reported_reached"] is not None:
        reached_text += (f" Slutrapporten anger {n(nat['reported_reached'])} nådda kommuner; "
                         f"verktyget räknar de {n(nat['reached'])} kommuner som rapportens "
                         "bilaga 3 namnger.")
    report.blocks.append(Para(reached_text))
    if fig["note"]:
        report.blocks.append(Para(str(fig["note"]), small=True))
    total = int(nat["visits"]["total"])
    report.blocks.append(Para(
        f"Totalt gjordes {n(total)} arbetsställebesök, inräknat förmöten, gruppsamtal, "
        "återkoppling, återkopplande möten och uppföljning. Gruppsamtal vid uppföljningsbesöket "
        "räknas inte som ett eget besök."
        + (f" I tabellen ingår besöken i ärendena enligt tvåstegsmetoden, som gav "
           f"{n(nat['tillsynsmeddelanden'])} tillsynsmeddelanden."
           if nat["tillsynsmeddelanden"] else "")))
    rows = [[f"{r['region']}", n(r["visits"]["total"]), pct(r["visits"]["total"], total)]
            for r in regions]
    rows.append(["Totalt", n(total), "100" if total else "–"])
    report.blocks.append(TableBlock("Tabell 1. Arbetsställebesök per region, antal och andel",
                                    ["Region", "Antal", "Andel %"], rows))
    report.blocks.append(Picture(charts.bar_chart(
        [r["region"] for r in regions], [r["visits"]["total"] for r in regions],
        "Arbetsställebesök per region", "Antal besök"), 14,
        "Figur 1. Arbetsställebesök per region."))
    letters = [n(nat["inspektionsmeddelanden"]), n(nat["krav"]), n(nat["tillsynsmeddelanden"]),
               n(nat["underrattelser"]), n(nat["forelagganden_med_vite"])]
    headers = ["", "Inspektions\u00admeddelanden", "Krav", "Tillsyns\u00admeddelanden",
               "Under\u00adrättelser", "Före\u00adlägganden med vite"]
    table = [["Verktygets data", *letters]]
    if rep:
        table.append(["Slutrapporten", n(rep["inspektionsmeddelanden"]), n(rep["krav"]),
                      n(rep["tillsynsmeddelanden"]), n(rep["underrattelser"]),
                      n(rep["forelagganden_med_vite"])])
    report.blocks.append(TableBlock(
        "Tabell 2. Inspektionsmeddelanden och krav, tillsynsmeddelanden, underrättelser och "
        "förelägganden med vite", headers, table))
    report.blocks.append(TableBlock(
        "Tabell 3. Per region: nådda kommuner, brev och beslut",
        ["Region", "Kom\u00admuner", "Nådda", "Mål", "Insp.\u00admedd.", "Krav",
         "Under\u00adrättelser", "Före\u00adlägganden"],
        [[r["region"], n(r["kommuner"]), n(r["reached"]), n(r["target"]),
          n(r["inspektionsmeddelanden"]), n(r["krav"]), n(r["underrattelser"]),
          n(r["forelagganden"])] for r in regions]))
    states = {k["kommunkod"]: k["state"] for k in cov.kommuner}
    labels = {s.value: lbl for s, lbl in STATE_LABELS.items()}
    counts = ", ".join(f"{labels[s].lower()} {n(c)}" for s, c in cov.state_counts.items() if c)
    report.blocks.append(Picture(charts.coverage_map(
        load_settings().fixtures_dir, states, labels, "Besökta kommuner"), 6.3,
        f"Figur 2. Kommunerna efter läget i kampanjen per {cov.as_of.isoformat()}: {counts}."))
    regs = fig["krav_by_regulation"][:8]
    if regs:
        report.blocks.append(Heading("Mest förekommande föreskrifter i kraven", 2))
        report.blocks.append(Picture(charts.bar_chart(
            [r["regulation"] for r in regs], [100 * r["share"] for r in regs],
            "De vanligaste föreskrifterna i ställda krav", "Andel av kraven, %", 1), 14,
            "Figur 3. Andel av kraven som hänvisar till varje föreskrift (ett krav kan "
            "hänvisa till flera)."))


def _goal_section(report: Report, g: GoalResult, eff: EffektResult, number: int) -> None:
    report.blocks.append(Heading(f"Effektmål {g.effektmal}. {g.namn}", 2))
    brister = [t for t in g.templates if t.brist][:5]
    report.blocks.append(Heading("Vanligaste brister kopplade till effektmålet", 3))
    if brister:
        report.blocks.append(Bullets([f"{t.brist} ({n(t.krav)} krav)" for t in brister]))
    else:
        report.blocks.append(Para("Inga krav med beskriven brist är kopplade till effektmålet."))
    report.blocks.append(Heading("Krav kopplade till effektmålet", 3))
    if g.templates:
        report.blocks.append(Bullets([f"{t.title}: {n(t.krav)}" for t in g.templates[:8]]))
    else:
        report.blocks.append(Para("Inga krav är kopplade till effektmålet."))
    k = g.krav
    rows = [[OUTCOME_LABELS[o], n(k.by_outcome[o.value]), pct(k.by_outcome[o.value], k.total)]
            for o in KravOutcome]
    rows.append(["Totalt", n(k.total), "100" if k.total else "–"])
    report.blocks.append(TableBlock(f"Tabell {number}a. Kravens utfall, effektmål {g.effektmal}",
                                    ["Utfall", "Krav", "Andel %"], rows))
    if k.met_with_days:
        report.blocks.append(Para(
            "Tid till uppfyllt krav (från brevet till svaret eller besöket), "
            f"{n(k.met_with_days)} krav: "
            f"median {n(k.days_median)} dagar, kvartilerna {n(k.days_p25)}–{n(k.days_p75)} "
            "dagar."))
    report.blocks.append(Heading("Uppmätt effekt i gruppsamtalen", 3))
    report.blocks.append(Para(f"Frågeområden: {', '.join(g.areas)}."))
    e = g.campaign
    if e.suppressed:
        if eff.follow_up_groups == 0:
            why = "inget gruppsamtal vid uppföljningsbesök är registrerat i kampanjen"
        elif eff.pairs == 0:
            why = ("inget gruppsamtal vid uppföljningen har ett första gruppsamtal på samma "
                   "arbetsställe och i samma arbetsområde")
        else:
            why = (f"ingen grupp har minst {eff.minimum} svarande vid båda samtalen och svar på "
                   "effektmålets frågor")
        no_answers = (" De första gruppsamtalen har ingen enkätsammanställning i verktyget."
                      if eff.first_groups and not eff.first_with_answers else "")
        report.blocks.append(Para(f"Ingen effekt kan visas: {why}.{no_answers}"))
        return
    rows = [_effect_row("Hela kampanjen", e)]
    rows += [_effect_row(p.label, p.effect) for p in g.regions]
    report.blocks.append(TableBlock(
        f"Tabell {number}b. Förändring mellan första gruppsamtalet och uppföljningens, "
        f"effektmål {g.effektmal}", EFFECT_HEADERS, rows, widths=EFFECT_WIDTHS))
    shown = [p for p in g.regions if not p.effect.suppressed]
    places = [("Hela kampanjen", e)] + [(p.label, p.effect) for p in shown]
    report.blocks.append(Picture(charts.effect_chart(
        [lbl for lbl, _ in places], [x.change or 0.0 for _, x in places],
        [x.low for _, x in places], [x.high for _, x in places], [x.groups for _, x in places],
        f"Effektmål {g.effektmal}: förändring per region"), 15,
        f"Figur {number}. Medelförändring per grupp med 95 % bootstrapintervall; n = antal "
        "grupper. En punkt utan streck bygger på en grupp."))
    if e.excluded_groups:
        report.blocks.append(Para(
            f"{n(e.excluded_groups)} {'grupp' if e.excluded_groups == 1 else 'grupper'} "
            f"räknades inte, eftersom färre än {eff.minimum} svarade vid något av samtalen "
            "eller för få besvarade effektmålets frågor.", small=True))


def _sources(report: Report) -> None:
    report.blocks.append(Heading("Varifrån siffrorna kommer"))
    report.blocks.append(Para(
        "Varje siffra i rapporten räknas ur verktygets databas när rapporten skrivs. Tabellen "
        "säger vilken fråga (i verktygets källkod) som ger vilken tabell eller figur, så att en "
        "siffra kan kontrolleras eller räknas om."))
    report.blocks.append(TableBlock("Tabell 8. Tabell eller figur, siffra och fråga i verktyget",
                                    ["Var", "Siffra", "Fråga"], [
        ["Tabell 1, figur 1", "Arbetsställebesök per region",
         "db/queries_stats.meetings_by_kommun_kind"],
        ["Tabell 2–3", "Inspektions- och tillsynsmeddelanden",
         "db/queries_stats.documents_by_region_kind"],
        ["Tabell 2–3", "Underrättelser och förelägganden",
         "db/queries_stats.decisions_by_region_kind"],
        ["Tabell 2–3, figur 3", "Krav och föreskrifter",
         "services/stats_rollup.fetch (krav per kommun och hänvisning)"],
        ["Tabell 3, figur 2", "Besökta kommuner, mål och karta",
         "services/map_views.coverage_view"],
        ["Tabell 4b–7b, figur 4–7", "Gruppsamtal, första och uppföljning",
         "db/queries_effekt.group_conversations"],
        ["Tabell 4b–7b, figur 4–7", "Svar per gruppsamtal och fråga (sammanställningarna)",
         "db/queries_effekt.summaries"],
        ["Tabell 4a–7a", "Kravens utfall och tid till uppfyllt krav",
         "db/queries_effekt.krav_facts, met_assessments, forelaggande_krav"],
        ["Listorna per effektmål", "Brister och krav per effektmål",
         "db/queries_effekt.krav_by_template"],
    ], numeric_from=99, widths=(0.2, 0.34, 0.46)))


def compose_report(data: ReportData) -> Report:
    fig, cov, eff = data.fig, data.cov, data.eff
    as_of: date = fig["as_of"]
    report = Report(f"Resultat: {eff.campaign}",
                    f"Skriven ur inspektion {data.today.isoformat()} från kampanjens data, "
                    f"läget per {as_of.isoformat()}. Kampanjen "
                    f"{'pågår' if as_of < eff.end else 'pågick'} "
                    f"{eff.start.isoformat()}–{eff.end.isoformat()}.")
    _figures_section(report, fig, cov)
    report.blocks.append(Heading("2. Resultat per effektmål"))
    report.blocks.append(Para(
        "Effektmålen styrde kravställandet. För varje effektmål redovisas de vanligaste "
        "bristerna och kraven, vad som blev av kraven och den förändring som gruppsamtalen "
        "visar mellan det första samtalet och samtalet vid uppföljningsbesöket."))
    report.blocks.append(Para(
        f"{eff.method} Minimigränsen är {eff.minimum} svarande. Gruppsamtal: {n(eff.first_groups)} "
        f"första, {n(eff.follow_up_groups)} vid uppföljning, {n(eff.pairs)} par "
        f"({n(eff.pairs_too_small)} med för få svarande). Krav utan effektmål: "
        f"{n(eff.krav_without_effektmal)}.", small=True))
    report.blocks.append(Para(
        "Kravens utfall: efter föreläggande om ett föreläggande omfattade kravet, annars vid "
        "svar eller vid uppföljning efter den daterade bedömning som fann kravet uppfyllt. Krav "
        "utan daterade bedömningar (inlästa eller genererade) räknas som uppfyllda vid "
        "uppföljning om de bedömdes på eller efter ärendets första uppföljningsbesök. Tiden "
        "räknas från brevet till svarets eller besökets datum.", small=True))
    for i, g in enumerate(eff.goals, start=4):
        _goal_section(report, g, eff, i)
    _sources(report)
    return report


def write_file(data: ReportData, fmt: str) -> bytes:
    """The report as PDF or DOCX bytes (in a worker process: services/reports.py)."""
    report = compose_report(data)
    return to_pdf(report) if fmt == "pdf" else to_docx(report)
