"""Small stores the export, scorecard and timeline tests share, as inline YAML.

DEBATE uses every relation once or more, every sourcing status, partial
dates, a verdict with a label and one without, evidence, quotes and a source
written by a speaker, so that each format has all of it to carry. HOSTILE
is text written to break out of each output language.
"""

from __future__ import annotations

from collections import Counter

DEBATE = {
    "speakers.yaml": """
        speakers:
          - id: donald-trump
            name: Donald Trump
            role: President of the United States
            affiliation: United States
            aliases: [Trump, "@realDonaldTrump"]
          - id: javad-zarif
            name: Mohammad Javad Zarif
            role: Foreign Minister of Iran
            aliases: [Zarif]
          - id: us-official
            name: Unnamed US official
            kind: unknown
          - id: iran-government
            name: Government of Iran
            kind: government
          - id: us-media
            name: US media
            kind: media
          - id: checkers
            name: The Fact Checkers
            kind: organization
          - id: nobody
            name: Never Quoted
        """,
    "sources.yaml": """
        sources:
          - id: trump-tweet
            title: Upon information and belief
            outlet: Twitter
            author: donald-trump
            url: https://twitter.example/realDonaldTrump/status/1
            published: 2020-04-01
            kind: post
          - id: report
            title: Zarif rejects US claims
            outlet: Example News
            url: https://news.example/zarif
            published: 2020-04-02
            kind: news-report
          - id: undated-report
            title: A report nobody dated
            kind: news-report
          - id: unused
            title: Cited by no claim
        """,
    "claims.yaml": """
        claims:
          - id: trump-sneak-attack
            speaker: donald-trump
            date: 2020-04-01
            statement: >-
              Upon information and belief, Iran or its proxies are planning a sneak
              attack on US troops and/or assets in Iraq.
            summary: Iran or its proxies plan a sneak attack on US troops in Iraq
            venue: tweet
            tags: [iraq, sneak-attack]
            about: [iran-government, us-troops]
            appears_in:
              - source: report
                quote: Iran or its proxies are planning a sneak attack on US troops or assets in Iraq
              - source: trump-tweet
            sourcing: {status: unspecified, note: Upon information and belief.}
            evidence:
              - description: Nothing was released with the tweet.
                source: report
            verdict:
              rating: unproven
              by: checkers
              date: 2020-04-10
              note: No public evidence of the plot.
          - id: zarif-no-wars
            speaker: javad-zarif
            date: 2020-04-02
            statement: Iran starts no wars, but teaches lessons to those who do
            responds_to: [{claim: trump-sneak-attack, relation: denies}]
            appears_in: [{source: report}]
            sourcing: {status: none}
          - id: official-brewing
            speaker: us-official
            date: 2020-04-01
            statement: We've been seeing something brewing
            responds_to: [{claim: trump-sneak-attack, relation: supports}]
            sourcing: {status: anonymous}
          - id: media-plotting
            speaker: us-media
            date: 2020-04
            statement: Iran-backed forces are plotting attacks on US forces in Iraq
            responds_to: [{claim: trump-sneak-attack, relation: corroborates}]
            appears_in: [{source: undated-report}]
            sourcing: {status: anonymous}
          - id: trump-heavy-price
            speaker: donald-trump
            date: 2020-04-01
            statement: If this happens, Iran will pay a very heavy price, indeed!
            responds_to: [{claim: trump-sneak-attack, relation: clarifies}]
            sourcing: {status: none}
          - id: zarif-counters
            speaker: javad-zarif
            date: 2020-04-03
            statement: The US is the one threatening the region
            responds_to:
              - {claim: trump-heavy-price, relation: counters}
              - {claim: official-brewing, relation: questions}
            sourcing: {status: named}
          - id: iran-rebuts
            speaker: iran-government
            date: 2020-04-05
            statement: Satellite images show no movement of forces
            responds_to: [{claim: trump-sneak-attack, relation: rebuts}]
            sourcing: {status: documented}
            verdict: {rating: mostly-false, label: Pants on fire, by: checkers}
          - id: trump-repeats
            speaker: donald-trump
            date: 2020-04-06
            statement: Iran is planning a sneak attack, I said it before
            responds_to: [{claim: trump-sneak-attack, relation: repeats}]
          - id: trump-retracts
            speaker: donald-trump
            date: 2020-05
            statement: I take back what I said on Monday
            responds_to: [{claim: trump-repeats, relation: retracts}]
            sourcing: {status: none}
          - id: zarif-provocateurs
            speaker: javad-zarif
            date: 2021-01-02
            statement: New intelligence from Iraq indicates Israeli agent-provocateurs are plotting attacks
            tags: [iraq, israel]
        """,
}

# (answering claim, answered claim, relation) in DEBATE
DEBATE_LINKS = {
    ("zarif-no-wars", "trump-sneak-attack", "denies"),
    ("official-brewing", "trump-sneak-attack", "supports"),
    ("media-plotting", "trump-sneak-attack", "corroborates"),
    ("trump-heavy-price", "trump-sneak-attack", "clarifies"),
    ("zarif-counters", "trump-heavy-price", "counters"),
    ("zarif-counters", "official-brewing", "questions"),
    ("iran-rebuts", "trump-sneak-attack", "rebuts"),
    ("trump-repeats", "trump-sneak-attack", "repeats"),
    ("trump-retracts", "trump-repeats", "retracts"),
}
DEBATE_RELATIONS = Counter(relation for _a, _b, relation in DEBATE_LINKS)

# Text that ends a string or a label, opens markup, starts a comment or a
# directive, or names a keyword, in one of the output languages.
HOSTILE_STATEMENT = (
    'She said "end" <script>alert(1)</script>\nnew line # hash #quot; ]) --> x'
    "\x1b[31mred\x07 [sic] [bold]b[/bold] \\N \\\\ back `md` %%{init: {'theme':'dark'}}%% "
    "style x fill:#f00; & &lt; \u202eevil\u202c \x85 </script>"
)
HOSTILE = {
    "h.yaml": """
        speakers:
          - id: end
            name: "Eve \\"the\\" <b>Hacker</b> #1 %% [sic] end"
          - id: default
            name: "call `me` & co; subgraph"
        claims:
          - id: end
            speaker: end
            date: 2020-04-01
            statement: "STATEMENT"
            summary: "\\"end\\"]; click end call alert() <script>x</script> #35; &lt; % %% | pipe ;"
            sourcing: {status: none}
          - id: call
            speaker: default
            date: 2020-04-02
            statement: "end"
            responds_to: [{claim: end, relation: denies}]
          - id: o-x
            speaker: default
            date: 2020-04-03
            statement: "subgraph end style x fill:#f00; classDef q fill:#0f0;"
            responds_to: [{claim: call, relation: repeats}]
        """.replace(
        "STATEMENT",
        HOSTILE_STATEMENT.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\x1b", "\\e")
        .replace("\x07", "\\a")
        .replace("\u202e", "\\u202e")
        .replace("\u202c", "\\u202c")
        .replace("\x85", "\\N"),
    )
}


def files(store: dict[str, str]) -> dict[str, str]:
    """The store's files as keyword arguments for conftest's `load` fixture."""
    return {name.replace(".", "__"): text for name, text in store.items()}


# The fields format 1.1 adds: a group speaker, an appearance with only a URL
# crediting someone else, one in reported speech, a byline, a verdict's URL,
# a paraphrase, and a claim whose date is unknown.
ELEVEN = {
    "s.yaml": """
        speakers:
          - {id: odni, name: ODNI, kind: government}
          - {id: dhs, name: DHS, kind: government}
          - {id: odni-dhs, name: ODNI and DHS (joint statement), kind: government, members: [odni, dhs]}
          - {id: credited, name: Someone Else}
          - {id: checkers, name: The Fact Checkers, kind: organization}
        sources:
          - {id: wire, title: Wire story, url: "https://wire.example/1", published: 2020-01-03, byline: A. Writer}
        claims:
          - id: joint-statement
            speaker: odni-dhs
            date: 2020-01-02
            statement: Russia is interfering in the election
            wording: paraphrase
            appears_in:
              - {url: "https://elsewhere.example/2", attributed_to: credited}
              - {source: wire, form: reported}
            sourcing: {status: named}
            verdict: {rating: "true", by: checkers, url: "https://checkers.example/joint"}
          - id: undated
            speaker: dhs
            date: unknown
            statement: A standing position
            responds_to: [{claim: joint-statement, relation: supports}]
            sourcing: {status: none}
          - id: dhs-own
            speaker: dhs
            date: 2020-01-05
            statement: We said it before
            responds_to: [{claim: joint-statement, relation: repeats}]
        """
}
