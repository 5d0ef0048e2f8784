"""Data the tests share: the bundled store's path and a small store as inline YAML.

Tests import these by name (`from fixtures import CLAIMS`); the pytest
fixtures that use them live in conftest.py, which tests never import.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "claims"

SPEAKERS = """
speakers:
  - id: donald-trump
    name: Donald Trump
    role: President of the United States
    aliases: [Trump, "@realDonaldTrump"]
  - id: javad-zarif
    name: Mohammad Javad Zarif
    role: Foreign Minister of Iran
    affiliation: Iran
    aliases: [Zarif, Javad Zarif, "@JZarif"]
  - id: us-official
    name: Unnamed US official
    kind: unknown
"""

CLAIMS = """
claims:
  - id: trump-sneak-attack-2020
    speaker: donald-trump
    date: 2020-04-01
    statement: >-
      Upon information and belief, Iran or its proxies are planning a sneak
      attack on US troops and/or assets in Iraq.
    summary: Iran or its proxies plan a sneak attack on US troops in Iraq
    tags: [iraq]
    about: [iran]
    sourcing: {status: unspecified, note: Upon information and belief.}
  - id: zarif-no-wars-2020
    speaker: javad-zarif
    date: 2020-04-02
    statement: Iran starts no wars, but teaches lessons to those who do
    responds_to: [{claim: trump-sneak-attack-2020, relation: denies}]
    sourcing: {status: none, note: A bare assertion.}
  - id: official-brewing-2020
    speaker: us-official
    date: 2020-04-01
    statement: We've been seeing something brewing and developing pretty seriously
    responds_to: [{claim: trump-sneak-attack-2020, relation: supports}]
    sourcing: {status: anonymous, note: Unnamed official to a newspaper.}
  - id: zarif-provocateurs-2021
    speaker: javad-zarif
    date: 2021-01-02
    statement: New intelligence from Iraq indicate that Israeli agent-provocateurs are plotting attacks
    tags: [iraq, israel]
"""
