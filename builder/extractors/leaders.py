"""Leaders: the state each speaks for and the office held, from titles in the text,
else from the gazetteer's positions for the year of the article."""
from __future__ import annotations

from ..gazetteer import Gazetteer
from ..model import Fact
from .context import Context

OFFICE_ORDER = ["PrimeMinister", "President", "ChiefAdviser", "Chancellor", "VicePresident",
                "ForeignMinister", "Minister", "Monarch"]


def article_year(ctx: Context) -> int | None:
    if ctx.published:
        return ctx.published.year
    return ctx.dateline.year if ctx.dateline else None


def extract(ctx: Context, gaz: Gazetteer) -> list[Fact]:
    year = article_year(ctx)
    mentioned = set(ctx.country_counts())
    seen: dict[str, dict] = {}
    for m in ctx.mentions:
        if m.kind != "Leader":
            continue
        rec = seen.setdefault(m.entry_id, {"country": None, "office": None, "sent": m.sent,
                                          "country_sent": None, "office_sent": None})
        if m.country and not rec["country"]:
            rec["country"], rec["country_sent"] = m.country, m.sent
        if m.office and not rec["office"]:
            rec["office"], rec["office_sent"] = m.office, m.sent
    # Claims the text makes only with 'former', 'সাবেক', 'तत्कालीन' before the title: the
    # office was held before (attrs["past"]); the fact is kept all the same.
    claims: dict[tuple[str, str], list[bool]] = {}
    for t in ctx.mentions:
        if t.kind == "Title" and t.entry_id:
            past = t.via == "past"
            if t.office:
                claims.setdefault((t.entry_id, "office:" + t.office), []).append(past)
            if t.country:
                claims.setdefault((t.entry_id, "country:" + t.country), []).append(past)

    def only_past(leader: str, claim: str) -> bool:
        got = claims.get((leader, claim))
        return bool(got) and all(got)

    ranked = ctx.country_counts().most_common(2)
    home = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    home = _dateline_state(ctx, gaz) or home
    facts: list[Fact] = []
    for leader, rec in seen.items():
        entry = gaz.get(leader)
        positions = entry.offices_at(year) if entry else []
        positions = sorted(positions, key=lambda p: (p["country"] not in mentioned,
                                                     OFFICE_ORDER.index(p["office"]) if p["office"] in OFFICE_ORDER else 99))
        country, c_conf, c_sent = rec["country"], 0.9, rec["country_sent"]
        # The gazetteer's state for the leader, if the article names that state or calls
        # the leader by the office the gazetteer has them in.
        if country is None and positions and (positions[0]["country"] in mentioned
                                               or positions[0]["office"] == rec["office"]):
            country, c_conf, c_sent = positions[0]["country"], 0.6, rec["sent"]
        if country is None and entry is None and rec["office"] in ("Minister", "ForeignMinister", "DeputyMinister") \
                and home:
            # a minister the gazetteer does not know, whose state the text leaves to the
            # reader: the state the article is plainly about ('পররাষ্ট্র প্রতিমন্ত্রী ...')
            country, c_conf, c_sent = home, 0.5, rec["office_sent"]
        office, o_conf, o_sent = rec["office"], 0.9, rec["office_sent"]
        if office is None and positions:
            fitting = [p for p in positions if p["country"] == country] or positions
            office, o_conf, o_sent = fitting[0]["office"], 0.6, rec["sent"]
        if country:
            attrs = {"leader": leader, "country": country}
            if only_past(leader, "country:" + country):
                attrs["past"] = True
            facts.append(Fact("leader_of", (leader, country), attrs, [ctx.evidence(c_sent)], c_conf))
        if office:
            attrs = {"leader": leader, "office": office}
            if only_past(leader, "office:" + office):
                attrs["past"] = True
            facts.append(Fact("office", (leader, office), attrs, [ctx.evidence(o_sent)], o_conf))
    return facts


def _dateline_state(ctx: Context, gaz: Gazetteer) -> str | None:
    """The state of the place a report was filed from ('ঢাকা, ১২ মার্চ —', 'NEW DELHI, July
    9'): the city opening the article right before a date, if the article names its state.
    An unqualified minister in such a report is usually that state's."""
    if not ctx.sent_spans:
        return None
    ts, te = ctx.sent_spans[0]
    cities = [m for m in ctx.in_sentence(0, "City") if m.start - ts <= 1]
    if not cities:
        return None
    city = cities[0]
    if not any(0 <= d.start - city.end <= 2 for d in ctx.in_sentence(0, "Date")):
        return None
    entry = gaz.get(city.entry_id)
    state = entry.country if entry else None
    return state if state and state in ctx.country_counts() else None
