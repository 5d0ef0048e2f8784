"""A synthetic claim store for benchmarks: deterministic, valid and shaped like real use.

`generate_store(root, claims, files, seed)` writes a store in format v1 (see
docs/store-format.md): speakers with aliases, sources (a few with archived
text), and claims with statements of 15-60 words, summaries, partial dates,
sourcing across the ladder, appearances with quotes, and chains of answers.

Why the shape matters: loading cost grows with the number of YAML nodes and
with text length, and the cross-record checks grow with references and
links, so a store of short, unlinked claims would flatter claimtrack. The
data is also meant to serve later benchmarks of the fuzzy commands: quotes
are excerpts or altered copies of statements, `repeats` answers restate
their target in slightly different words, and archived sources hold the
statements they carried.

Everything comes from one `random.Random(seed)` and never from iterating a
set, so one seed gives byte-identical stores on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from random import Random

# --- vocabulary ---------------------------------------------------------------

FIRST_NAMES = (
    "Ahmad",
    "Alice",
    "Amira",
    "Andrei",
    "Anna",
    "Boris",
    "Carlos",
    "Chen",
    "Daniel",
    "David",
    "Elena",
    "Emre",
    "Farah",
    "Fatima",
    "Gabriel",
    "Hassan",
    "Helen",
    "Hiroshi",
    "Ibrahim",
    "Igor",
    "Ines",
    "James",
    "Javier",
    "Jean",
    "John",
    "Jose",
    "Karim",
    "Kateryna",
    "Laila",
    "Lars",
    "Leila",
    "Li",
    "Lucia",
    "Maria",
    "Mark",
    "Mehmet",
    "Mikhail",
    "Mohammad",
    "Nadia",
    "Naveen",
    "Nikolai",
    "Olga",
    "Omar",
    "Pablo",
    "Paul",
    "Priya",
    "Rahul",
    "Reza",
    "Robert",
    "Sara",
    "Sergei",
    "Sofia",
    "Tariq",
    "Thomas",
    "Viktor",
    "Wei",
    "Yasmin",
    "Yusuf",
    "Zainab",
    "Zhang",
)
LAST_NAMES = (
    "Abbasi",
    "Ahmadi",
    "Alvarez",
    "Anderson",
    "Bakr",
    "Barzani",
    "Bennett",
    "Carter",
    "Chaudhry",
    "Costa",
    "Dubois",
    "Erdem",
    "Fischer",
    "Garcia",
    "Haddad",
    "Hashemi",
    "Hoffmann",
    "Huang",
    "Ivanov",
    "Jaber",
    "Jansen",
    "Kaplan",
    "Karimi",
    "Kovalenko",
    "Kowalski",
    "Larsen",
    "Lopez",
    "Mahmoud",
    "Martin",
    "Mehta",
    "Mirza",
    "Moreau",
    "Morozov",
    "Nasser",
    "Novak",
    "Okafor",
    "Orlov",
    "Park",
    "Petrov",
    "Qureshi",
    "Rahimi",
    "Reyes",
    "Rossi",
    "Saleh",
    "Sato",
    "Schmidt",
    "Shapiro",
    "Sokolov",
    "Suleiman",
    "Tanaka",
    "Torres",
    "Usmanov",
    "Vasquez",
    "Volkov",
    "Wagner",
    "Walker",
    "Yilmaz",
    "Zaheer",
    "Zhou",
    "Zubair",
)
# A few names as they are written in their own script, as aliases: real stores
# have them, and they exercise UTF-8 handling.
NATIVE_ALIASES = ("محمد رضایی", "Дмитрий Орлов", "王伟", "Łukasz Nowak", "José Álvarez", "Zoë Müller")
COUNTRIES = (
    "Iran",
    "Iraq",
    "Israel",
    "Syria",
    "Lebanon",
    "Yemen",
    "Saudi Arabia",
    "Turkey",
    "Russia",
    "Ukraine",
    "China",
    "Taiwan",
    "United States",
    "United Kingdom",
    "France",
    "Germany",
    "Poland",
    "Egypt",
    "Sudan",
    "Venezuela",
    "Brazil",
    "India",
    "Pakistan",
    "North Korea",
)
PLACES = (
    "Baghdad",
    "Tehran",
    "Kyiv",
    "Moscow",
    "Gaza",
    "Beirut",
    "Damascus",
    "Aden",
    "Riyadh",
    "Ankara",
    "Idlib",
    "the Red Sea",
    "the Strait of Hormuz",
    "the Black Sea",
    "the border region",
    "the capital",
    "the north",
    "the south",
    "Donetsk",
    "Kharkiv",
    "Basra",
    "Erbil",
    "Taipei",
    "Caracas",
    "Khartoum",
    "Kashmir",
)
ROLES = (
    "Foreign Minister",
    "Defence Minister",
    "President",
    "Prime Minister",
    "spokesperson",
    "army commander",
    "opposition leader",
    "ambassador to the UN",
    "member of parliament",
    "intelligence chief",
    "governor",
    "senior adviser",
    "militia commander",
    "press secretary",
    "interior minister",
    "analyst",
)
ORG_KINDS = (
    "Institute for Strategic Studies",
    "Human Rights Watch Group",
    "Monitoring Centre",
    "Relief Agency",
    "Energy Council",
    "Press Freedom Union",
    "Defence Forum",
    "Election Observers",
)
MEDIA_NAMES = (
    "Daily Courier",
    "Evening Standard Post",
    "Global Wire",
    "Morning Herald",
    "Frontline News",
    "The Observer Weekly",
    "Pulse Media",
    "Capital Times",
    "Northern Star",
    "Eastern Review",
)
FACT_CHECKERS = ("FactWatch", "VerifyDesk", "Truth Meter", "CheckPoint Review", "Claim Lab")
PLATFORMS = ("Twitter", "X", "Telegram", "Facebook", "YouTube")
VENUES = (
    "tweet",
    "press conference",
    "interview",
    "speech",
    "statement",
    "television interview",
    "parliament session",
    "briefing",
    "Telegram post",
    "rally",
    "op-ed",
    "UN Security Council session",
)

# Topics keep a claim and its answers on the same subject, as real chains are.
TOPICS: dict[str, tuple[str, ...]] = {
    "sneak-attack": ("a sneak attack on troops", "a planned attack on the base", "an attack on US assets"),
    "sanctions": ("the new sanctions", "the oil embargo", "the frozen assets", "the export ban"),
    "ceasefire": ("the ceasefire", "the truce agreement", "the humanitarian pause", "the peace talks"),
    "drone-strike": ("the drone strike", "the missile launch", "the air raid", "the strike on the convoy"),
    "nuclear": ("the enrichment programme", "the nuclear deal", "the inspectors' access", "the reactor"),
    "election": ("the election results", "the vote count", "the ballot boxes", "the observers' report"),
    "protests": ("the protests", "the crackdown on demonstrators", "the arrests", "the curfew"),
    "cyber-attack": ("the cyber attack", "the hacking campaign", "the leaked documents", "the outage"),
    "shipping": ("the tanker seizure", "the attacks on shipping", "the naval blockade", "the mines"),
    "aid": ("the aid convoy", "the food deliveries", "the hospital", "the refugee camp"),
    "casualties": ("the civilian casualties", "the death toll", "the mass grave", "the shelling"),
    "chemical-weapons": ("the chemical attack", "the gas cylinders", "the weapons stockpile"),
    "hostages": ("the hostages", "the prisoner exchange", "the detained journalists"),
    "grain": ("the grain exports", "the grain corridor", "the port blockade", "the wheat shipments"),
    "disinformation": ("the disinformation campaign", "the fake videos", "the bot network"),
    "troops": ("the troop withdrawal", "the troop build-up", "the military exercises", "the mercenaries"),
}
GENERAL_TAGS = (
    "military",
    "diplomacy",
    "economy",
    "human-rights",
    "energy",
    "security",
    "media",
    "intelligence",
    "us-troops",
    "middle-east",
    "europe",
    "asia",
    "un",
    "nato",
    "militias",
    "threat",
    "denial",
)
SUBJECTS = (
    "Our forces",
    "The government",
    "The enemy",
    "Their proxies",
    "The militias",
    "Intelligence services",
    "Western governments",
    "The regime",
    "Our security services",
    "The opposition",
    "Foreign agents",
    "The ministry",
    "Local officials",
    "The armed forces",
    "The international community",
    "Independent monitors",
    "The occupying forces",
    "The coalition",
    "Our partners",
    "Those responsible",
)
VERBS = (
    "are planning",
    "have carried out",
    "will never accept",
    "had no role in",
    "are responsible for",
    "have fabricated",
    "fully support",
    "strongly condemn",
    "are investigating",
    "have confirmed",
    "deliberately concealed",
    "are preparing",
    "cannot verify",
    "have documented",
    "firmly reject",
    "are exploiting",
    "warned about",
    "are behind",
    "have exaggerated",
    "called for an end to",
)
QUALIFIERS = (
    "upon information and belief",
    "according to our sources",
    "as the evidence clearly shows",
    "without any doubt",
    "as everyone knows",
    "according to officials who spoke on condition of anonymity",
    "as documented in the report released today",
    "based on satellite images",
    "as we warned last week",
    "according to several witnesses",
    "despite their denials",
    "in violation of international law",
    "as the footage shows",
    "according to a senior commander",
    "for the third time this year",
)
TAILS = (
    "This will not go unanswered.",
    "The world must know the truth.",
    "We will respond with force if needed.",
    "These are lies, plain and simple.",
    "The facts speak for themselves.",
    "We call for an independent inquiry.",
    "Anyone who says otherwise is spreading propaganda.",
    "We have nothing to hide.",
    "If this happens, they will pay a very heavy price, indeed!",
    "The investigation is continuing.",
    "We urge restraint on all sides.",
    "History will judge them.",
)
NUMBERS = ("at least 12", "more than 40", "nearly 300", "dozens of", "hundreds of", "about 1,500", "two", "five")
NUMBER_NOUNS = ("civilians", "soldiers", "fighters", "trucks", "rockets", "people", "vessels", "journalists")
SOURCING_WEIGHTS = {"none": 14, "unspecified": 15, "anonymous": 20, "named": 20, "documented": 15, None: 16}
SOURCING_NOTES = {
    "none": ("A bare assertion; no basis was offered.", "Stated as fact without any source."),
    "unspecified": ("Alludes to 'information' without saying what it is.", "Refers to intelligence, unspecified."),
    "anonymous": ("Attributed to unnamed officials.", "Cites 'sources familiar with the matter'."),
    "named": ("Attributed on the record to a named commander.", "Cites the ministry's named spokesperson."),
    "documented": ("Backed by released footage.", "Backed by documents published with the statement."),
}
RELATION_WEIGHTS = {
    "denies": 20,
    "rebuts": 15,
    "counters": 12,
    "questions": 10,
    "supports": 15,
    "corroborates": 8,
    "repeats": 8,
    "clarifies": 8,
    "retracts": 4,
}
RATINGS = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven")
SYNONYMS = {
    "attack": "assault",
    "planning": "preparing",
    "government": "administration",
    "forces": "troops",
    "never": "not",
    "lies": "falsehoods",
    "responsible": "to blame",
    "strongly": "firmly",
    "clearly": "plainly",
    "the": "this",
    "will": "shall",
    "confirmed": "verified",
}

SPEAKERS, SOURCES = 200, 300
START, END = dt.date(2015, 1, 1), dt.date(2025, 12, 31)
RESPONSE_SHARE = 0.40  # claims that answer earlier claims
RESPONSE_WINDOW = 400  # answers go to recent claims, so chains stay on one episode
ECHO_RECENT = 0.7  # share of near copies that restate a recent claim (the last RESPONSE_WINDOW); the rest, any earlier
ECHO_SAME_SPEAKER = 0.5  # share of near copies by the original's speaker (a repeat); the rest are echoes by others
ECHO_OPENERS = ("Again:", "I repeat:", "As I said before,", "Let me be clear:", "Once more:")
WRAP = 78
_PLAIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._'()/:-]*\Z")
_YAML11_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n", "null", "~"})


# --- records as plain dicts ------------------------------------------------------


@dataclass
class StoreInfo:
    """What was generated, for the benchmark's header."""

    root: Path
    files: int = 0
    bytes: int = 0
    speakers: int = 0
    sources: int = 0
    archives: int = 0
    claims: int = 0
    responding: int = 0
    links: int = 0
    longest_chain: int = 0
    sourcing: dict[str, int] = field(default_factory=dict)
    # (copy, original) claim ids of the near copies planted with echoes > 0
    echoes: list[tuple[str, str]] = field(default_factory=list)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique_id(base: str, taken: dict[str, int]) -> str:
    base = base[:72].strip("-")
    n = taken.get(base, 0) + 1
    taken[base] = n
    return base if n == 1 else f"{base}-{n}"


def random_date(rng: Random, start: dt.date = START, end: dt.date = END) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def date_text(day: dt.date, precision: str = "day") -> str:
    """ISO text at the given precision; a partial date's first day is `day` itself."""
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[precision]


def make_speakers(rng: Random, count: int) -> list[dict]:
    taken: dict[str, int] = {}
    speakers = []
    for n in range(count):
        kind = rng.choices(("person", "government", "organization", "media"), (70, 10, 10, 10))[0]
        country = rng.choice(COUNTRIES)
        if n < len(FACT_CHECKERS):  # the reviewers that verdicts name
            kind, name, role = "media", FACT_CHECKERS[n], "fact-checking organisation"
        elif kind == "person":
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            role = f"{rng.choice(ROLES)} of {country}"
        elif kind == "government":
            name = f"{rng.choice(('Ministry of Defence', 'Foreign Ministry', 'Government', 'Presidency'))} of {country}"
            role = None
        elif kind == "organization":
            name, role = f"{country} {rng.choice(ORG_KINDS)}", None
        else:
            name, role = f"{rng.choice(MEDIA_NAMES)} ({country})", "news outlet"
        speaker = {"id": unique_id(slugify(name), taken), "name": name}
        if role:
            speaker["role"] = role
        speaker["affiliation"] = country
        speaker["kind"] = kind
        if kind == "person":
            last = name.split()[-1]
            aliases = [last, f"Mr. {last}" if rng.random() < 0.5 else f"Dr. {last}", "@" + name.replace(" ", "")]
            if rng.random() < 0.05:
                aliases.append(rng.choice(NATIVE_ALIASES))
            speaker["aliases"] = aliases[: rng.randint(1, len(aliases))]
        speakers.append(speaker)
    return speakers


def make_sources(rng: Random, count: int, speakers: list[dict]) -> list[dict]:
    taken: dict[str, int] = {}
    people = [s for s in speakers if s["kind"] == "person"]
    sources = []
    for _ in range(count):
        day = random_date(rng)
        kind = rng.choices(
            ("news-report", "post", "statement", "transcript", "document", "other"), (45, 25, 12, 8, 7, 3)
        )[0]
        topic = rng.choice(list(TOPICS))
        title = headline(rng, topic)
        source: dict = {}
        if kind == "post":
            author = rng.choice(people)
            outlet = rng.choice(PLATFORMS)
            source["id"] = unique_id(f"{author['id']}-{outlet.lower()}-{day.isoformat()}", taken)
            source["title"] = title
            source["outlet"] = outlet
            source["author"] = author["id"]
        else:
            outlet = rng.choice(MEDIA_NAMES)
            source["id"] = unique_id(f"{slugify(outlet)}-{topic}-{day.isoformat()}", taken)
            source["title"] = title
            source["outlet"] = outlet
        source["url"] = f"https://{slugify(outlet)}.example/{day:%Y/%m}/{slugify(title)[:40].strip('-')}"
        source["published"] = day.isoformat()
        source["kind"] = kind
        if rng.random() < 0.05:
            source["archive"] = f"archive/{source['id']}.txt"
        sources.append(source)
    return sources


# --- text ----------------------------------------------------------------------


def sentence(rng: Random, topic: str, words_max: int = 30) -> str:
    """One news-like sentence about a topic, varied enough that statements rarely repeat."""
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(TOPICS[topic])]
    if rng.random() < 0.6:
        parts.append(f"in {rng.choice(PLACES)}")
    if rng.random() < 0.3:
        parts.append(f"involving {rng.choice(NUMBERS)} {rng.choice(NUMBER_NOUNS)}")
    if rng.random() < 0.4:
        parts.append(rng.choice(QUALIFIERS))
    words = " ".join(parts).split()[:words_max]
    return " ".join(words) + "."


def statement(rng: Random, topic: str) -> str:
    """15-60 words, most of them 20-40, as real statements run."""
    target = int(rng.triangular(15, 60, 28))
    sentences: list[str] = []
    count = 0
    while count < target:
        text = rng.choice(TAILS) if sentences and rng.random() < 0.2 else sentence(rng, topic)
        sentences.append(text)
        count += len(text.split())
    words = " ".join(sentences).split()
    if len(words) > 60:
        words = words[:60]
        words[-1] = words[-1].rstrip(".,!") + "."
    return " ".join(words)


def reword(rng: Random, text: str, share: float = 0.15) -> str:
    """The same statement in slightly different words: a repeat, or a paraphrased quote."""
    words = text.split()
    for i, word in enumerate(words):
        key = word.lower().strip(".,!")
        if key in SYNONYMS and rng.random() < 0.7:
            words[i] = word.lower().replace(key, SYNONYMS[key])
        elif rng.random() < share / 4 and len(words) > 10:
            words[i] = ""
    return " ".join(w for w in words if w)


def near_copy(rng: Random, text: str) -> str:
    """A statement said again with 1-3 small edits: what `dupes` must find and `search` must not trip on.

    Each edit is one a person makes when restating a talking point or copying
    it into a post: a typo, a word dropped or swapped for a synonym, an opener
    ("Again:"), the final stop dropped. On a 150-300 character statement each
    costs the rapidfuzz ratio 1-6 points, so most copies stay above the
    default threshold of 90 and a few, with three edits on a short statement,
    fall below it, as real ones do.
    """
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        edit = rng.choices(("typo", "drop", "synonym", "opener", "stop"), (35, 25, 20, 12, 8))[0]
        i = rng.randrange(len(words))
        word = words[i]
        if edit == "typo" and len(word) >= 4:
            k = rng.randrange(1, len(word) - 2)  # inside the word, never its punctuation
            kind = rng.random()
            if kind < 0.4:
                word = word[:k] + word[k + 1] + word[k] + word[k + 2 :]  # transposed letters
            elif kind < 0.7:
                word = word[:k] + word[k + 1 :]  # a letter missed
            else:
                word = word[:k] + word[k] + word[k:]  # a letter doubled
            words[i] = word
        elif edit == "drop" and len(words) > 10 and i < len(words) - 1:
            del words[i]
        elif edit == "synonym":
            for j in [*range(i, len(words)), *range(i)]:
                key = words[j].lower().strip(".,!")
                if key in SYNONYMS:
                    words[j] = words[j].lower().replace(key, SYNONYMS[key])
                    break
        elif edit == "opener" and not " ".join(words).startswith(ECHO_OPENERS):
            words.insert(0, rng.choice(ECHO_OPENERS))
        elif edit == "stop" and words[-1].endswith("."):
            words[-1] = words[-1][:-1]
    return " ".join(words)


def excerpt(rng: Random, text: str) -> str:
    words = text.split()
    size = min(len(words), rng.randint(8, 20))
    start = rng.randrange(len(words) - size + 1)
    return " ".join(words[start : start + size]).rstrip(".,!")


def headline(rng: Random, topic: str) -> str:
    """A short clause, for summaries and source titles: 5-10 words, no qualifiers."""
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS[topic])}"
    return f"{text} in {rng.choice(PLACES)}" if rng.random() < 0.5 else text


# --- claims and chains -----------------------------------------------------------


def weighted_picker(rng: Random, items: list, weights: list[float]):
    cumulative = list(accumulate(weights))
    return lambda: rng.choices(items, cum_weights=cumulative)[0]


def make_claims(rng: Random, count: int, speakers: list[dict], sources: list[dict], echoes: float = 0.0) -> list[dict]:
    """Claims in date order; about 40% answer 1-2 earlier claims, so no answer predates its target.

    With echoes > 0, that share of claims restate an earlier statement with
    small edits (near_copy), by the same speaker or another, and answer
    nothing: unrecorded repeats and echoes, as `dupes` is meant to find. At 0
    no random number is drawn for them, so the store is the same as before
    the option existed.
    """
    # A few speakers say most things, as in the news; which ones is left to chance.
    ranks = list(range(len(speakers)))
    rng.shuffle(ranks)
    pick_speaker = weighted_picker(rng, speakers, [1 / (rank + 1) ** 0.8 for rank in ranks])
    pick_relation = weighted_picker(rng, list(RELATION_WEIGHTS), list(RELATION_WEIGHTS.values()))
    pick_sourcing = weighted_picker(rng, list(SOURCING_WEIGHTS), list(SOURCING_WEIGHTS.values()))
    reviewers = [s["id"] for s in speakers[: len(FACT_CHECKERS)]]
    countries = [slugify(c) for c in COUNTRIES]

    days = sorted(random_date(rng) for _ in range(count))
    taken: dict[str, int] = {}
    claims: list[dict] = []
    for i, day in enumerate(days):
        precision = rng.choices(("day", "month", "year"), (90, 8, 2))[0]
        if precision != "day":
            # A partial date sorts as its first day; keep the order by moving the
            # day back only as far as the previous claim's date allows.
            first = day.replace(day=1) if precision == "month" else day.replace(month=1, day=1)
            if claims and first < claims[-1]["_day"]:
                precision, first = "day", day
            day = first
        echo_of = None
        if echoes and i and rng.random() < echoes:  # `echoes and` first: no draw at all when off
            echo_of = rng.choice(claims[-RESPONSE_WINDOW:] if rng.random() < ECHO_RECENT else claims)
            links = []
        else:
            links = choose_targets(rng, claims, pick_relation) if i and rng.random() < RESPONSE_SHARE else []
        target = links[0][0] if links else None
        relation = links[0][1] if links else None
        if echo_of is not None:
            speaker = echo_of["speaker"] if rng.random() < ECHO_SAME_SPEAKER else pick_speaker()["id"]
        elif relation == "retracts" or (relation == "repeats" and rng.random() < 0.5):
            speaker = target["speaker"]
        else:
            speaker = pick_speaker()["id"]
            if target is not None and speaker == target["speaker"] and relation in ("denies", "rebuts", "counters"):
                speaker = pick_speaker()["id"]
        if echo_of is not None:
            topic, text = echo_of["_topic"], near_copy(rng, echo_of["statement"])
        else:
            topic = target["_topic"] if target else rng.choice(list(TOPICS))
            text = reword(rng, target["statement"]) if relation == "repeats" else statement(rng, topic)

        claim: dict = {
            "id": unique_id(f"{speaker}-{topic}-{date_text(day, precision)}", taken),
            "speaker": speaker,
            "date": date_text(day, precision),
            "statement": text,
        }
        if rng.random() < 0.7:
            claim["summary"] = headline(rng, topic)
        if rng.random() < 0.8:
            claim["venue"] = rng.choice(VENUES)
        if rng.random() < 0.6:
            claim["about"] = rng.sample(countries, rng.randint(1, 2))
        claim["tags"] = [topic, *rng.sample(GENERAL_TAGS, rng.randint(0, 3))]
        claim["appears_in"] = appearances(rng, text, sources)
        status = pick_sourcing()
        if status is not None:
            claim["sourcing"] = {"status": status}
            if rng.random() < 0.6:
                claim["sourcing"]["note"] = rng.choice(SOURCING_NOTES[status])
        if rng.random() < 0.15:
            claim["evidence"] = [{"description": sentence(rng, topic), "source": rng.choice(sources)["id"]}]
        if links:
            claim["responds_to"] = [{"claim": t["id"], "relation": rel} for t, rel in links]
        if rng.random() < 0.08:
            claim["verdict"] = {
                "rating": rng.choice(RATINGS),
                "by": rng.choice(reviewers),
                "date": (day + dt.timedelta(days=rng.randint(1, 60))).isoformat(),
            }
        if rng.random() < 0.08:
            claim["context"] = sentence(rng, topic)
        claim["_day"], claim["_topic"] = day, topic  # generator bookkeeping, not written
        if echo_of is not None:
            claim["_echo_of"] = echo_of["id"]
        claims.append(claim)
    return claims


def choose_targets(rng: Random, earlier: list[dict], pick_relation) -> list[tuple[dict, str]]:
    window = earlier[-RESPONSE_WINDOW:]
    wanted = 1 if rng.random() < 0.7 else 2
    targets = rng.sample(window, min(wanted, len(window)))
    return [(t, pick_relation()) for t in targets]


def appearances(rng: Random, text: str, sources: list[dict]) -> list[dict]:
    found = []
    for source in rng.sample(sources, rng.choices((1, 2, 3), (50, 35, 15))[0]):
        appearance = {"source": source["id"]}
        roll = rng.random()
        if roll < 0.15:
            appearance["quote"] = text
        elif roll < 0.30:
            appearance["quote"] = excerpt(rng, text)
        elif roll < 0.38:
            appearance["quote"] = reword(rng, excerpt(rng, text), share=0.3)
            appearance["note"] = "reported as a paraphrase"
        found.append(appearance)
    return found


def longest_chain(claims: list[dict]) -> int:
    """Claims on the longest path of answers; claims come in date order, so one pass suffices."""
    depth: dict[str, int] = {}
    for claim in claims:
        answered = (depth[link["claim"]] for link in claim.get("responds_to", ()))
        depth[claim["id"]] = 1 + max(answered, default=0)
    return max(depth.values(), default=0)


# --- writing YAML by hand ---------------------------------------------------------
# A hand-written store uses folded blocks for long text and flow lists for
# tags, which yaml.dump does not produce; the parse cost follows the style.


def scalar(text: str) -> str:
    plain = (
        _PLAIN_RE.match(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and text.lower() not in _YAML11_WORDS
    )
    return text if plain else json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML


def field_lines(key: str, value, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{pad}{key}:"]
        for item in value:
            lines += record_lines(item, indent + 2)
        return lines
    if isinstance(value, list):
        return [f"{pad}{key}: [{', '.join(scalar(v) for v in value)}]"]
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for k, v in value.items():
            lines += field_lines(k, v, indent + 2)
        return lines
    line = f"{pad}{key}: {scalar(value)}"
    if len(line) <= WRAP or " " not in value:  # a long URL stays on its line
        return [line]
    body = textwrap.wrap(value, WRAP - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {chunk}" for chunk in body)]


def record_lines(record: dict, indent: int) -> list[str]:
    """One list entry: `- first: ...` then the other fields aligned under it."""
    lines = []
    for key, value in record.items():
        if not key.startswith("_"):
            lines += field_lines(key, value, indent + 2)
    lines[0] = " " * indent + "- " + lines[0][indent + 2 :]
    return lines


def file_text(title: str, sections: dict[str, list[dict]]) -> str:
    lines = [f"# {title}", "# Generated by benchmarks/synth.py; do not edit.", ""]
    for key, records in sections.items():
        if not records:
            continue
        lines.append(f"{key}:")
        for record in records:
            lines += record_lines(record, 2)
        lines.append("")
    return "\n".join(lines)


def archive_text(rng: Random, source: dict, carried: list[dict]) -> str:
    """A plain-text copy of a source: filler around the statements it carried, some reworded."""
    paragraphs = [source["title"] + "."]  # the headline
    for claim in carried:
        paragraphs.append(sentence(rng, claim["_topic"]))
        said = claim["statement"] if rng.random() < 0.8 else reword(rng, claim["statement"])
        paragraphs.append(f'"{said}" the {rng.choice(ROLES)} said.')
    return "\n\n".join(textwrap.fill(p, WRAP) for p in paragraphs) + "\n"


# --- the store ----------------------------------------------------------------


def generate_store(root: Path, claims: int = 10_000, files: int = 100, seed: int = 1, echoes: float = 0.0) -> StoreInfo:
    """Write a store of `claims` claims in `files` episode files under root (which must not exist).

    Claims go to files in date order, as episodes would; speakers and sources
    are spread across the same files, so many references cross files.
    `echoes` is the share of claims planted as near copies of earlier ones
    (make_claims); 0, the default, gives the same bytes as before it existed.
    """
    rng = Random(seed)
    speakers = make_speakers(rng, SPEAKERS)
    sources = make_sources(rng, SOURCES, speakers)
    records = make_claims(rng, claims, speakers, sources, echoes)

    root.mkdir(parents=True)
    info = StoreInfo(root=root, files=files, speakers=len(speakers), sources=len(sources), claims=len(records))
    for n in range(files):
        chunk = records[n * len(records) // files : (n + 1) * len(records) // files]
        period = chunk[0]["date"][:7] if chunk else "empty"
        text = file_text(
            f"Episode {n + 1} of {files}: claims from {period}",
            {"speakers": speakers[n::files], "sources": sources[n::files], "claims": chunk},
        )
        path = root / f"{n + 1:04d}-{period}.yaml"
        path.write_text(text, encoding="utf-8")
        info.bytes += len(text.encode("utf-8"))

    carried: dict[str, list[dict]] = {}
    for claim in records:
        for appearance in claim["appears_in"]:
            carried.setdefault(appearance["source"], []).append(claim)
    for source in sources:
        if "archive" in source:
            path = root / source["archive"]
            path.parent.mkdir(exist_ok=True)
            path.write_text(archive_text(rng, source, carried.get(source["id"], [])[:50]), encoding="utf-8")
            info.archives += 1

    info.responding = sum(1 for c in records if "responds_to" in c)
    info.echoes = [(c["id"], c["_echo_of"]) for c in records if "_echo_of" in c]
    info.links = sum(len(c.get("responds_to", ())) for c in records)
    info.longest_chain = longest_chain(records)
    for claim in records:
        status = claim.get("sourcing", {}).get("status", "unknown")
        info.sourcing[status] = info.sourcing.get(status, 0) + 1
    return info
