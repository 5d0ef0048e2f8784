"""capture: proposals from small articles written for these tests (never PolNeAR text)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.capture import Proposal, draft_record, propose, speaker_slug, statement_text
from claimtrack.capture_dates import resolve_date
from claimtrack.capture_sourcing import propose_sourcing
from claimtrack.capture_text import sentences
from claimtrack.model import PartialDate

WEDNESDAY = dt.date(2020, 4, 1)
THURSDAY = dt.date(2020, 4, 2)


def speaker(id: str, name: str, *aliases: str, role: str | None = None, kind: str = "person"):
    return SimpleNamespace(id=id, name=name, aliases=tuple(aliases), role=role, kind=kind)


def claim(id: str, speaker: str, date: str, statement: str, summary: str | None = None):
    return SimpleNamespace(
        id=id,
        speaker=speaker,
        date=PartialDate(dt.date.fromisoformat(date if len(date) == 10 else date + "-01"), date),
        statement=statement,
        summary=summary,
    )


SPEAKERS = [
    speaker("donald-trump", "Donald Trump", "Trump", "President Trump", "@realDonaldTrump"),
    speaker("javad-zarif", "Mohammad Javad Zarif", "Zarif", "Javad Zarif"),
    speaker("unnamed-us-official", "Unnamed US official", "a US official"),
    speaker("marta-nunez", "Marta Núñez", "Núñez"),
]
CLAIMS = [
    claim(
        "trump-sneak-attack",
        "donald-trump",
        "2020-04-01",
        "Iran or its proxies are planning a sneak attack on US troops and assets in Iraq",
        "Iran is planning a sneak attack on US troops in Iraq",
    ),
    claim("mayor-bridge-safe", "city-hall", "2020-03-20", "The Harbor Bridge is safe for traffic"),
]


def one(text: str, **kwargs) -> Proposal:
    proposals = propose(text, **kwargs)
    assert len(proposals) == 1, [p.content.text for p in proposals]
    return proposals[0]


def fragments(text: str, p: Proposal) -> list[str]:
    return [text[a:b] for a, b in p.fragments] if p.fragments else [p.content.text]


# ------------------------------------------------------------------ quotation marks


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("''", "''")],
)
def test_every_kind_of_quotation_mark_gives_a_direct_quote_without_its_marks(opening, closing):
    text = f"{opening}The water is safe to drink,{closing} the mayor said."
    p = one(text)
    assert p.content.text == "The water is safe to drink"
    assert p.kind == "direct"
    assert p.source.text == "the mayor"
    assert p.cue.text == "said"


def test_an_apostrophe_is_no_closing_quotation_mark():
    text = "‘The voters’ choice was clear,’ Ms. Grant said."
    assert one(text).content.text == "The voters’ choice was clear"


def test_an_odd_number_of_marks_leaves_the_rest_of_the_paragraph_alone():
    text = 'The "reform" bill passed, Senator Ray Okafor said.\n\nThe vote was 51-49. Okafor said the count was fair.'
    proposals = propose(text)
    assert [p.content.text for p in proposals] == ['The "reform" bill passed', "the count was fair"]
    # A mark left open runs to its paragraph's end, never into the next paragraph.
    unbalanced = 'He called it "a scam. The vote was 51-49.\n\nOkafor said the count was fair.'
    proposals = propose(unbalanced)
    assert [p.content.text for p in proposals] == ['it "a scam. The vote was 51-49.', "the count was fair"]


def test_a_quote_continued_in_the_next_paragraph_is_one_proposal_in_fragments():
    text = (
        'Ann Lee, the mayor, said: "We cut waste in every department.\n\n'
        '"And we kept every promise we made."\n\n'
        "The council meets on Friday."
    )
    p = one(text)
    assert fragments(text, p) == ["We cut waste in every department.", "And we kept every promise we made."]
    assert p.kind == "direct"
    assert p.new_speaker == "Ann Lee"
    assert p.new_speaker_role == "mayor"


def test_an_interrupted_quote_is_given_in_fragments_that_leave_out_the_attribution():
    text = '"The plan," Ms. Osei said, "is dead and will not come back."'
    p = one(text)
    assert fragments(text, p) == ["The plan", "is dead and will not come back."]
    assert (p.content.start, p.content.end) == (p.fragments[0][0], p.fragments[-1][1])
    text = '"We lost," Coach Ruiz said. "We will learn from it." The team flies home today.'
    p = one(text)
    assert fragments(text, p) == ["We lost", "We will learn from it."]


def test_an_interrupted_sentence_without_quotation_marks_is_two_fragments():
    text = "The tax, the governor added, will be repealed next year."
    p = one(text)
    assert fragments(text, p) == ["The tax", "will be repealed next year"]
    assert p.kind == "indirect"


def test_a_paragraph_that_is_only_a_quotation_goes_on_with_the_last_speaker():
    text = 'Mayor Ann Lee said the plan was dead.\n\n"We will not fund it."\n\n"Not this year," the treasurer said.'
    first, second = propose(text)
    assert fragments(text, first) == ["the plan was dead", "We will not fund it."]
    assert second.content.text == "Not this year"


def test_a_transcript_turn_and_a_name_before_a_quotation():
    text = (
        "The hearing went on.\n\n"
        "REP. TREY GOWDY (R-S.C.): Who told you that 90 percent of your emails were kept?\n\n"
        'The verdict came from pollster Daron Shaw: "Nobody expected this."'
    )
    turn, named = propose(text)
    assert (turn.source.text, turn.cue.text) == ("REP. TREY GOWDY (R-S.C.)", ":")
    assert turn.content.text == "Who told you that 90 percent of your emails were kept?"
    assert (named.source.text, named.content.text) == ("pollster Daron Shaw", "Nobody expected this.")
    # Headlines and notes are not turns.
    assert propose("Obama: Families Want Change\n\nCORRECTION: An earlier version misspelled a name.") == []


def test_who_and_which_stand_for_the_phrase_before_them():
    text = "The union, which endorsed Mr. Sanders, met on Monday. President Obama, who praised the deal, left early."
    which, who = propose(text)
    assert (which.source.text, which.new_speaker, which.content.text) == ("which", "The union", "Mr. Sanders")
    assert (who.source.text, who.new_speaker, who.content.text) == ("who", "Obama", "the deal")


def test_what_polls_show_needs_no_that():
    p = one("A new poll shows Clinton ahead by 10 points in Ohio.")
    assert (p.source.text, p.content.text) == ("A new poll", "Clinton ahead by 10 points in Ohio")
    assert propose("The senator shows great patience.") == []


# --------------------------------------------------------------------- speakers


def test_the_speaker_named_in_the_sentence_before_is_who_the_pronoun_means():
    text = 'Hillary Clinton did not mince words on Monday. "This is a disgrace," she said.'
    p = one(text)
    assert p.source.text == "she"
    assert p.new_speaker == "Hillary Clinton"


def test_pronouns_refer_to_the_last_named_speaker():
    text = (
        '"We are ready," said Dana Whitfield, the campaign manager.\n\n'
        "Greg Polk, a rival strategist, said the race was close.\n\n"
        '"They are not ready," he said. The campaign manager said the vote was fair, and she added that it was '
        "final. The minister said the talks had failed."
    )
    proposals = propose(text, speakers=SPEAKERS)
    assert [(p.source.text, p.speaker or p.new_speaker) for p in proposals] == [
        ("Dana Whitfield, the campaign manager", "Dana Whitfield"),
        ("Greg Polk, a rival strategist,", "Greg Polk"),
        ("he", "Greg Polk"),
        ("The campaign manager", "Dana Whitfield"),
        ("she", "Dana Whitfield"),
        ("The minister", "The minister"),
    ]
    assert proposals[0].new_speaker_role == "campaign manager"
    assert proposals[1].new_speaker_role == "rival strategist"


def test_a_pronoun_with_nobody_named_before_it_has_no_speaker():
    p = one('"We are ready," he said.')
    assert (p.source.text, p.speaker, p.new_speaker) == ("he", None, None)
    assert p.confidence < one('"We are ready," Dana Whitfield said.').confidence


def test_an_apposition_between_speaker_and_cue_gives_the_role():
    text = "Hugh Hill, a doctor at the clinic, said the outbreak was under control."
    p = one(text)
    assert p.source.text == "Hugh Hill, a doctor at the clinic,"
    assert p.new_speaker == "Hugh Hill"
    assert p.new_speaker_role == "doctor at the clinic"
    assert p.content.text == "the outbreak was under control"
    assert p.kind == "indirect"


def test_an_inverted_cue_with_an_apposition_after_the_speaker():
    text = '"Nobody saw it coming," said Rita Mora, 52, a nurse from Tucson.'
    p = one(text)
    assert p.content.text == "Nobody saw it coming"
    assert p.new_speaker == "Rita Mora"
    assert p.new_speaker_role == "52, a nurse from Tucson"


def test_a_title_before_the_name_is_its_role():
    p = one("Iranian Foreign Minister Ali Karimi said talks would resume.")
    assert (p.new_speaker, p.new_speaker_role) == ("Ali Karimi", "Iranian Foreign Minister")


def test_store_speakers_are_found_by_name_and_alias_in_any_case_and_accents_folded():
    cases = {
        "US President Donald Trump said the deal was dead.": "donald-trump",
        "TRUMP said the deal was dead.": "donald-trump",
        "Iran's foreign minister, Javad Zarif, said the deal was dead.": "javad-zarif",
        "MOHAMMAD JAVAD ZARIF said the deal was dead.": "javad-zarif",
        "Marta Nunez said the deal was dead.": "marta-nunez",
        "Núñez said the deal was dead.": "marta-nunez",
        "A US official said the deal was dead.": "unnamed-us-official",
    }
    for text, expected in cases.items():
        p = one(text, speakers=SPEAKERS)
        assert (p.speaker, p.new_speaker) == (expected, None), text


def test_a_speaker_not_in_the_store_is_proposed_as_written():
    p = one("Councillor Jane Obi said the road would reopen.", speakers=SPEAKERS)
    assert p.speaker is None
    assert p.new_speaker == "Jane Obi"


# ------------------------------------------------------------------------- cues


def test_according_to_before_and_after_the_content():
    text = "According to the county clerk, 4,000 ballots were never counted."
    p = one(text)
    assert (p.content.text, p.source.text, p.cue.text) == (
        "4,000 ballots were never counted",
        "the county clerk",
        "According to",
    )
    text = "Turnout fell by a third, according to Sam Reyes, the county clerk."
    p = one(text)
    assert (p.content.text, p.new_speaker) == ("Turnout fell by a third", "Sam Reyes")


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("The senator said that the bill would pass.", "that the bill would pass", "said"),
        ("The senator said the bill would pass.", "the bill would pass", "said"),
        ("The senator told reporters the bill would pass.", "the bill would pass", "told"),
        ("The senator told The Daily Courier on Monday that the bill would pass.", "that the bill would pass", "told"),
        ("The senator denied that the bill was dead.", "that the bill was dead", "denied"),
        ("The senator denied the report.", "the report", "denied"),
    ],
)
def test_reported_speech_without_quotation_marks(text, content, cue):
    p = one(text)
    assert (p.content.text, p.cue.text, p.source.text) == (content, cue, "The senator")
    assert p.kind == "indirect"


@pytest.mark.parametrize(
    "cue",
    ["tweeted", "warned", "insisted", "alleged", "claimed", "acknowledged", "conceded", "argued", "wrote", "stressed"],
)
def test_cue_verbs_well_beyond_said(cue):
    p = one(f"The minister {cue} that the border would stay closed.")
    assert p.cue.text == cue
    assert p.content.text == "that the border would stay closed"


def test_a_participle_after_a_comma_shares_the_main_clause_speaker():
    text = "Mayor Ann Lee defended the budget, adding that no jobs would be cut."
    proposals = propose(text)
    adding = next(p for p in proposals if p.cue.text == "adding")
    assert adding.content.text == "that no jobs would be cut"
    assert adding.source.text == "Mayor Ann Lee"


def test_a_cue_inside_a_quotation_is_the_speakers_own_words():
    text = '"They said it could not be done," the engineer said.'
    p = one(text)
    assert p.cue.text == "said" and p.cue.start > text.index("engineer")


def test_nouns_that_look_like_cues_are_not_cues():
    text = "The report was released on Monday. His claims drew a crowd of reporters."
    assert propose(text) == []


def test_headlines_bylines_and_datelines_are_not_statements():
    text = (
        "Mayor Says Bridge Is Safe\n\n"
        "By Laura Finch\n\n"
        "SPRINGFIELD - Mayor Ann Lee said on Tuesday that the bridge was safe.\n\n"
        "Photo: Mayor Ann Lee Speaks To Reporters"
    )
    p = one(text)
    assert p.content.text == "that the bridge was safe"
    assert p.source.text == "Mayor Ann Lee"


# ------------------------------------------------------------------------ dates


def test_relative_dates_resolve_against_the_article_date():
    text = (
        "On Wednesday, Mayor Ann Lee said the bridge was safe. "
        "Last week, the engineer said the cables were worn. "
        "On January 2, the council said repairs would start. "
        "The mayor said the vote was final."
    )
    dates = [p.date for p in propose(text, published=THURSDAY)]
    assert dates == ["2020-04-01", "2020-03", "2020-01-02", None]


def test_without_an_article_date_only_dates_with_a_year_resolve():
    text = "On Wednesday, Mayor Ann Lee said the bridge was safe. On January 2, 2020, she said it was not."
    assert [p.date for p in propose(text)] == [None, "2020-01-02"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("on Wednesday", "2020-04-01"),
        ("on Thursday", "2020-04-02"),
        ("last Thursday", "2020-03-26"),
        ("yesterday", "2020-04-01"),
        ("last month", "2020-03"),
        ("in December", "2019-12"),
        ("on March 11", "2020-03-11"),
        ("on December 31", "2019-12-31"),
        ("in 2019", "2019"),
        ("he may 5 times", None),
    ],
)
def test_date_expressions(words, expected):
    assert resolve_date(words, 0, THURSDAY) == expected


# --------------------------------------------------------------------- sourcing


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        ("The plan was approved in March, according to documents seen by reporters.", "documented", "documents"),
        ("Turnout fell, the clerk said, citing county records.", "documented", "citing county records"),
        ("The senator said, citing Pentagon spokesman John Kirby, that troops would stay.", "named", "John Kirby"),
        ("Troops will stay, a person familiar with the talks said.", "anonymous", "person familiar"),
        ("The port will close, according to officials.", "anonymous", "according to officials"),
        ("Rebels are regrouping, US media reported, citing US intelligence.", "anonymous", "citing US intelligence"),
        (
            "Upon information and belief, the vote was rigged, the candidate said.",
            "unspecified",
            "information and belief",
        ),
        ("New intelligence indicates the plot is real, the minister said.", "unspecified", "New intelligence"),
        ("The mayor said, without providing evidence, that the vote was rigged.", "none", "without providing evidence"),
        ("The mayor said the bridge was safe.", None, None),
    ],
)
def test_sourcing_is_proposed_from_the_words_around_the_content(text, status, cue):
    proposals = propose(text)
    assert proposals, text
    p = proposals[0]
    assert p.sourcing == status
    if cue:
        assert cue in p.sourcing_cue


def test_a_basis_alluded_to_outranks_a_reporters_without_evidence():
    assert propose_sourcing(
        '"Upon information and belief, Iran is planning an attack," he said, without providing detailed information.',
        "he",
    ) == ("unspecified", "Upon information and belief")


def test_an_unnamed_speaker_makes_a_statement_anonymous():
    p = one('"Something is brewing," a senior official told the Gazette.')
    assert (p.sourcing, p.sourcing_cue) == ("anonymous", "a senior official")
    assert one('"Something is brewing," the official told the Gazette.').sourcing is None


# ---------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("verb", "relation"),
    [
        ("denied", "denies"),
        ("rejected", "denies"),
        ("dismissed", "denies"),
        ("disputed", "rebuts"),
        ("questioned", "questions"),
        ("confirmed", "corroborates"),
        ("repeated", "repeats"),
    ],
)
def test_the_relation_of_an_answer_comes_from_the_cue(verb, relation):
    text = f"Zarif {verb} claims that Iran is planning a sneak attack on US troops in Iraq."
    p = one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    assert p.speaker == "javad-zarif"
    assert p.responds_to[0].claim == "trump-sneak-attack"
    assert p.responds_to[0].relation == relation
    assert 50 <= p.responds_to[0].score <= 100


def test_a_relation_word_elsewhere_in_the_sentence_and_the_speaker_it_names():
    text = 'Dismissing Trump\'s claims, Zarif said that "Iran starts no wars."'
    p = one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    assert [(a.claim, a.relation) for a in p.responds_to] == [("trump-sneak-attack", "denies")]


def test_without_a_relation_word_only_a_near_copy_by_another_speaker_is_proposed_as_a_repeat():
    text = "Zarif said that Iran is planning a sneak attack on US troops in Iraq."
    p = one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    assert [(a.claim, a.relation) for a in p.responds_to] == [("trump-sneak-attack", "repeats")]
    text = "Zarif said that the talks in Vienna would resume."
    assert one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY).responds_to == ()


def test_nothing_answers_a_claim_made_after_it():
    text = "On March 3, Zarif denied claims that Iran is planning a sneak attack on US troops in Iraq."
    p = one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    assert p.date == "2020-03-03"
    assert p.responds_to == ()


def test_a_statement_already_recorded_is_same_as_its_claim():
    text = '"Iran or its proxies are planning a sneak attack on US troops and assets in Iraq," Trump tweeted.'
    p = one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    assert p.same_as == "trump-sneak-attack"
    # Another speaker saying it is not the same claim.
    text = '"Iran or its proxies are planning a sneak attack on US troops and assets in Iraq," Zarif said.'
    assert one(text, speakers=SPEAKERS, claims=CLAIMS).same_as is None


def test_without_a_store_there_are_no_ids_answers_or_same_as():
    text = '"Iran or its proxies are planning a sneak attack on US troops and assets in Iraq," Trump tweeted.'
    p = one(text)
    assert (p.speaker, p.new_speaker, p.same_as, p.responds_to) == (None, "Trump", None, ())


# ------------------------------------------------------------------ JSON, draft


def test_as_json_is_the_contract_shape_with_string_offsets():
    text = '"The plan," Ms. Osei said, "is dead."'
    data = one(text, published=THURSDAY).as_json()
    assert list(data) == [
        "content",
        "fragments",
        "source",
        "cue",
        "kind",
        "speaker",
        "new_speaker",
        "new_speaker_role",
        "date",
        "sourcing",
        "sourcing_cue",
        "responds_to",
        "same_as",
        "confidence",
    ]
    second = text.index("is dead.")
    assert data["fragments"] == [[1, 9], [second, second + len("is dead.")]]
    assert data["content"] == {"start": 1, "end": second + 8, "text": text[1 : second + 8]}
    assert data["source"] == {"start": text.index("Ms."), "end": text.index(" said"), "text": "Ms. Osei"}
    assert data["cue"]["text"] == "said"
    assert 0 <= data["confidence"] <= 1


def test_offsets_are_string_indices_past_non_ascii_text():
    text = "Ñandú 🦤 résumé. «C’est fini», a dit Zoé. The minister said the talks were over."
    p = propose(text)[-1]
    assert text[p.content.start : p.content.end] == p.content.text == "the talks were over"


def test_draft_record_of_a_direct_quote():
    text = '"The plan," Ms. Osei said, "is dead."'
    p = one(text, published=THURSDAY)
    record = draft_record(p, text, source="daily-courier-2020-04-02", published=THURSDAY)
    assert list(record) == ["speaker", "date", "statement", "wording", "appears_in"]
    assert record["speaker"] == "osei"
    assert record["date"] == "2020-04-02"
    assert record["statement"] == "The plan is dead."
    assert record["wording"] == "verbatim"
    assert record["appears_in"] == [{"source": "daily-courier-2020-04-02", "form": "quoted"}]


def test_draft_record_of_reported_speech_with_sourcing_and_an_answer():
    text = "On Thursday, Zarif denied, without providing evidence, that Iran planned a sneak attack on US troops."
    p = one(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    record = draft_record(p, text, source="gazette")
    assert list(record) == ["speaker", "date", "statement", "wording", "appears_in", "sourcing", "responds_to"]
    assert record["speaker"] == "javad-zarif"
    assert record["date"] == "2020-04-02"
    assert record["statement"] == "Iran planned a sneak attack on US troops"
    assert record["wording"] == "paraphrase"
    assert record["appears_in"] == [{"source": "gazette", "quote": p.content.text, "form": "reported"}]
    assert record["sourcing"]["status"] == "none"
    assert record["responds_to"] == [{"claim": "trump-sneak-attack", "relation": "denies"}]
    # Without a source an appearance could name nothing: the draft has none.
    assert "appears_in" not in draft_record(p, text)


def test_statement_text_and_speaker_ids():
    text = '"The plan," Ms. Osei said, "is dead."'
    assert statement_text(one(text), text) == "The plan is dead."
    assert speaker_slug("Marta Núñez") == "marta-nunez"
    assert speaker_slug("Dr. O'Brien") == "dr-o-brien"


# ------------------------------------------------------------- never raises


_PIECES = list("ab Z.,;:!?\n\"“”‘’'«»„-—()") + ["said", " he ", " that ", "Smith", " told ", "according to", "''"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_any_text_gives_proposals_with_valid_offsets(text):
    for p in propose(text, published=THURSDAY):
        assert 0 <= p.content.start < p.content.end <= len(text)
        assert p.content.text == text[p.content.start : p.content.end]
        for a, b in p.fragments:
            assert p.content.start <= a < b <= p.content.end
        for span in (p.source, p.cue):
            if span is not None:
                assert span.text == text[span.start : span.end]
        assert p.kind in ("direct", "indirect", "mixed")
        assert 0 <= p.confidence <= 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    propose(text, speakers=SPEAKERS, claims=CLAIMS, published=THURSDAY)
    sentences(text)
