"""capture: the attribution frames added for recall on news text, on sentences written for these tests.

Each case is one frame (or one boundary) the rules must read; the
expected spans are what a person marking the sentence would mark.
"""

from __future__ import annotations

import pytest

from claimtrack.capture import Proposal, propose
from claimtrack.capture_text import sentences


def pieces(text: str, p: Proposal) -> list[str]:
    return [text[a:b] for a, b in (p.fragments or [(p.content.start, p.content.end)])]


def by_cue(text: str) -> dict[str, Proposal]:
    return {p.cue.text: p for p in propose(text) if p.cue}


def test_a_quote_ending_in_a_full_stop_ends_its_sentence_when_a_cue_with_its_own_clause_follows():
    text = "Lee said he “may yet have to vote for her.” The writer said the deal-breaker was the ban."
    assert [len(s.items) > 0 for s in sentences(text)] == [True, True]
    found = {p.source.text: pieces(text, p) for p in propose(text)}
    assert found["The writer"] == ["the deal-breaker was the ban"]
    assert found["Lee"] == ["he “may yet have to vote for her.”"]


def test_a_quote_before_an_inverted_cue_still_ends_there():
    # "“Is that all?” Trump said." is one sentence: the cue has nothing after it.
    assert len(sentences("“Is that all?” Trump said. The crowd laughed.")) == 2
    assert len(sentences("“Is that all?” Trump said in Ohio.")) == 1


def test_a_sentence_that_opens_with_a_quotation_goes_on_with_the_speaker():
    text = "“The key is turnout,” said Ann Lee, a party chair. “Nobody else has it” - at least not yet."
    (p,) = propose(text)
    assert pieces(text, p) == ["The key is turnout", "Nobody else has it” - at least not yet"]


def test_a_sentence_with_its_own_cue_is_not_taken_as_a_continuation():
    text = "“The key is turnout,” said Ann Lee. “Nobody has it,” Bo Chen added."
    assert sorted(p.source.text for p in propose(text)) == ["Ann Lee", "Bo Chen"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Sanders seemed to be of two minds on Tuesday.", "seemed", ["Sanders", "to be of two minds on Tuesday"]),
        ("The sale is expected to close in May.", "expected", ["The sale", "to close in May"]),
        ("Her supporters appeared unperturbed, but the staff was not.", "appeared", ["Her supporters", "unperturbed"]),
    ],
)
def test_raising_verbs_give_the_subject_and_what_follows_with_no_speaker(text, cue, content):
    p = by_cue(text)[cue]
    assert pieces(text, p) == content
    assert p.source is None
    assert p.confidence < 0.5  # nobody said it: a person rarely records it


def test_appearing_somewhere_is_no_raising_frame():
    assert propose("Trump appeared at a rally in Ohio.") == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Rubio pointed out that the media rewards Trump.", "pointed out", "that the media rewards Trump"),
        ("The report referred to the crisis of 2008.", "referred to", "the crisis of 2008"),
        ("Several senators expressed doubts about the plan.", "expressed", "doubts about the plan"),
        ("Ms. Lee slammed the decision.", "slammed", "the decision"),
    ],
)
def test_cues_pointed_out_referred_to_expressed_slammed(text, cue, content):
    assert by_cue(text)[cue].content.text == content


def test_pointed_and_referred_without_their_preposition_are_no_cues():
    assert propose("He pointed the way. She referred him.") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“We need everyone to step up,” the email said.", "the email"),
        ("“The plan is dead,” the report says.", "the report"),
        ("While voters hesitate, many said Monday that the ruling changes everything.", "many"),
        ("“People are angry,” said Robert Ames of the New York delegation.", "Robert Ames of the New York delegation"),
        (
            "“I can only tell you that much,” said one source who spoke on condition of anonymity.",
            "one source who spoke on condition of anonymity",
        ),
        ("“It worked,” former policy planning director Ann Lee wrote.", "former policy planning director Ann Lee"),
    ],
)
def test_speakers_that_the_rules_used_to_miss(text, source):
    (p,) = propose(text)
    assert p.source.text == source


def test_a_clause_before_a_colon_and_a_quotation():
    text = "Asked which county he liked best, he demurred: “Whichever one I am in.”"
    p = by_cue(text)["demurred:"]
    assert p.source.text == "he"
    assert p.content.text == "Whichever one I am in."
    assert p.kind == "direct"


def test_an_attribution_set_inside_the_sentence_it_attributes():
    text = "The argument would be aided, Devine said, by the upcoming primary calendar."
    (p,) = propose(text)
    assert pieces(text, p) == ["The argument would be aided", "by the upcoming primary calendar"]


def test_an_adjunct_after_an_inserted_attribution_is_not_the_content():
    text = "The plan is dead, Lee said, citing the vote."
    (p,) = propose(text)
    assert pieces(text, p) == ["The plan is dead"]


def test_a_content_stops_at_which_and_compared_with():
    text = "Axelrod said the fading attention helped Clinton, which surprised nobody."
    assert propose(text)[0].content.text == "the fading attention helped Clinton"
    text = "Half said she is prepared, compared with a third who say so of Trump."
    assert by_cue(text)["said"].content.text == "she is prepared"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Asked about her weaknesses, the candidates changed the subject.", "Asked about", "her weaknesses"),
        (
            "He was asked whether he would endorse Clinton, and he declined.",
            "asked",
            "whether he would endorse Clinton",
        ),
        ("When asked why he waited, Sanders shrugged.", "asked", "why he waited"),
    ],
)
def test_a_question_whose_asker_is_not_named(text, cue, content):
    p = by_cue(text)[cue]
    assert p.content.text == content
    assert p.source is None


def test_asked_with_a_named_asker_is_an_ordinary_frame():
    text = "Hewitt asked whether the plan would pass."
    p = by_cue(text)["asked"]
    assert p.source.text == "Hewitt"


def test_a_quotation_with_its_own_final_punctuation_is_the_whole_content():
    text = "The crowd chanted “Lock her up!” as they had for earlier speakers."
    p = by_cue(text)["chanted"]
    assert p.content.text == "Lock her up!"
    assert p.kind == "direct"


def test_a_quotation_that_the_sentence_continues_keeps_the_rest():
    text = "Ms. Lee said “the economy” is weaker than it looks."
    assert by_cue(text)["said"].content.text == "“the economy” is weaker than it looks"


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("“Donald is a leader,” said the 46-year-old.", "the 46-year-old", "said"),
        ("“Anyone who does that is a traitor,” said Dan Golvach when asked about it.", "Dan Golvach", "said"),
        ("“They are here for free stuff,” Bennett shot back with a laugh.", "Bennett", "shot back"),
        (
            "“Hi Americans! Come north!” a welcome message on the website reads.",
            "a welcome message on the website",
            "reads",
        ),
    ],
)
def test_inverted_and_trailing_speakers(text, source, cue):
    (p,) = propose(text)
    assert (p.source.text, p.cue.text, p.kind) == (source, cue, "direct")


def test_a_statement_announced_by_a_colon_in_the_paragraph_before():
    text = "Earlier, President Clinton released the following statement:\n\n“We offer our condolences.”\n"
    (p,) = propose(text)
    assert (p.source.text, p.cue.text, p.content.text) == (
        "President Clinton",
        "released the following statement:",
        "We offer our condolences.",
    )


def test_a_person_asked_by_name_does_not_end_the_sentence_of_the_question():
    text = "“Why are you still endorsing him?” Obama asked Republican leaders. “What does this say?”"
    assert len(sentences(text)) == 2
    (p,) = propose(text)
    assert pieces(text, p) == ["Why are you still endorsing him?", "What does this say?"]


def test_fired_or_hit_without_back_are_no_cues():
    assert propose("The army fired at the crowd. The storm hit the coast.") == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Sanders sought to win over the party's left.", "sought", "to win over the party's left"),
        ("Clinton talked about the economy in Iowa.", "talked about", "the economy in Iowa"),
        ("The governor offered a compromise on taxes.", "offered", "a compromise on taxes"),
        ("She thanked the volunteers for their work.", "thanked", "the volunteers for their work"),
        ("The judge ordered that the ballots be counted again.", "ordered", "that the ballots be counted again"),
    ],
)
def test_more_cues_of_news_text(text, cue, content):
    assert by_cue(text)[cue].content.text == content


@pytest.mark.parametrize(
    "text",
    [
        "In the Democratic race, Sanders maintained a double-digit lead.",  # words after the cue, no content
        "Soon, he found.",  # what is found comes after the verb, never before
        "The rules committee report was finalized on Monday.",  # a noun followed by its verb
    ],
)
def test_what_is_no_attribution(text):
    assert propose(text) == []


def test_a_statement_before_the_speaker_still_counts_when_nothing_follows_the_cue():
    text = "The plan is dead, Lee said on Tuesday."
    (p,) = propose(text)
    assert (p.source.text, p.content.text) == ("Lee", "The plan is dead")


def test_see_as_and_see_that_are_views_not_sights():
    text = "Sanders sees the gains as evidence of momentum."
    assert by_cue(text)["sees"].content.text == "the gains as evidence of momentum"
    assert propose("Violet saw bodies in the street.") == []


def test_an_introduction_before_the_speaker_is_not_the_content_of_a_cue_with_an_infinitive_after_it():
    assert propose("In an interview with CNN, Trump continued to question Cruz's temperament.") == []


def test_a_quotation_that_is_the_object_of_a_word_before_the_speaker_is_not_the_content():
    text = "Recalling “the consequences to Jews who were unable to flee,” the statement urged leaders to act."
    p = by_cue(text)["urged"]
    assert p.content.text == "to act"  # the person urged is the object, the infinitive the content


def test_verbs_of_manner_are_cues_only_next_to_a_quotation():
    text = "“Would it be negotiable?” Hannity pressed. “Maybe let some stay?”"
    (p,) = propose(text)
    assert (p.source.text, p.cue.text, pieces(text, p)) == (
        "Hannity",
        "pressed",
        ["Would it be negotiable?", "Maybe let some stay?"],
    )
    assert propose("He pressed the button. The plan is dead, she sighed.") == []


def test_the_cue_first_and_a_comma_before_the_quotation():
    text = "Said Comey, “The thought is very painful to us.”"
    (p,) = propose(text)
    assert (p.source.text, p.content.text, p.kind) == ("Comey", "The thought is very painful to us.", "direct")


def test_a_short_title_in_quotation_marks_inside_an_apposition():
    text = "“We have had better ones,” Bill Eastland, wearing “Ted Cruz” pins, said matter-of-factly."
    (p,) = propose(text)
    assert (p.source.text, p.new_speaker, p.content.text) == (
        "Bill Eastland, wearing “Ted Cruz” pins,",
        "Bill Eastland",
        "We have had better ones",
    )


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Several candidates, including Trump, said the country should refuse refugees.",
            "Several candidates, including Trump,",
        ),
        ("The race is tight, people close to Clinton say.", "people close to Clinton"),
        ("About one in five say they would not vote.", "About one in five"),
    ],
)
def test_groups_of_people_as_speakers(text, source):
    (p,) = propose(text)
    assert p.source.text == source


def test_a_headline_written_as_a_sentence_names_its_speaker_before_the_colon():
    text = "Lee: The Bridge Will Stay Open All Winter.\n\nMayor Ann Lee spoke on Tuesday."
    (p,) = propose(text)
    assert (p.source.text, p.cue.text, p.content.text) == ("Lee", ":", "The Bridge Will Stay Open All Winter.")


@pytest.mark.parametrize(
    "headline",
    [
        "Breaking: The Bridge Will Stay Open All Winter.",  # a kicker, not a speaker
        "Lee and Chen: A Long Quarrel Over The Bridge.",  # a pair
        "Ann Lee: Builder Or Spender?",  # a question
        "Lee: The Bridge Will Stay Open All Winter",  # no final stop: a headline, no statement
    ],
)
def test_a_headline_label_must_name_one_speaker_of_a_statement(headline):
    assert [p for p in propose(headline + "\n\nThe council met on Tuesday.") if p.cue.text == ":"] == []


def test_a_quote_followed_by_a_sentence_that_opens_with_a_cue_ends_there():
    # "Asked" opens a new sentence even though "“...” she asked" would not.
    text = "“We will win,” she said. “Nobody doubts it.” Asked about the cost, she said: “It is paid for.”"
    assert len(sentences(text)) == 3
    said = [p for p in propose(text) if p.cue.text == "said"]
    assert pieces(text, said[0]) == ["We will win", "Nobody doubts it."]


def test_quotations_after_a_content_that_ends_in_the_writers_words_continue_it():
    text = "“People were celebrating” before the parade, she said. “It was so peaceful.” Then the truck came."
    (p,) = propose(text)
    assert pieces(text, p) == ["“People were celebrating” before the parade", "It was so peaceful."]


def test_a_quotation_sentence_after_reported_speech_in_the_same_paragraph_continues_it():
    text = "Lee said the bridge would stay open. “We have the money and the crews.” The council met later."
    (p,) = propose(text)
    assert pieces(text, p) == ["the bridge would stay open", "We have the money and the crews."]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("“The bridge is safe,” this source told the Post.", "this source", "The bridge is safe"),  # a determiner
        ("“The bridge is safe,” the suit says.", "the suit", "The bridge is safe"),
        ("Another tweeted, “The bridge is safe.”", "Another", "The bridge is safe."),
    ],
)
def test_more_phrases_can_be_speakers(text, source, content):
    (p,) = propose(text)
    assert (p.source.text, p.content.text) == (source, content)


def test_this_week_before_a_speaker_is_still_not_part_of_the_speaker():
    (p,) = propose("This week Lee said the bridge is safe.")
    assert p.source.text == "Lee"


def test_a_quotation_interrupted_by_the_speaker_and_words_about_the_speaker_goes_on_after_them():
    text = "“You have to adapt,” he said of the mayor, “whether you run a town or a shop.”"
    (p,) = propose(text)
    assert pieces(text, p) == ["You have to adapt", "whether you run a town or a shop."]


def test_a_poll_that_opens_the_sentence_is_the_source_of_the_answers_it_reports():
    text = "In a Daily Star poll released Monday, 38 percent said the mayor should resign, while 60 percent said no."
    (p,) = propose(text)
    assert (p.source.text, p.cue.text) == ("a Daily Star poll released Monday", "In")
    assert p.content.text == "38 percent said the mayor should resign, while 60 percent said no"


def test_a_sentence_opening_with_in_and_no_poll_keeps_its_own_speaker():
    (p,) = propose("In the fall of 2007, Lee said the bridge was safe.")
    assert (p.source.text, p.content.text) == ("Lee", "the bridge was safe")


def test_a_number_with_thousands_separators_is_one_word():
    assert "20,000" in [i.text for i in sentences("Lee told his 20,000 followers that the bridge is safe.")[0].items]
    text = "Lee wrote to his 20,000 followers, “The bridge is safe.”"
    (p,) = propose(text)
    assert p.content.text == "The bridge is safe."


def test_a_cue_with_a_comma_after_an_exclaimed_quotation_goes_on_with_the_writers_words():
    text = "“The bridge is closed. Not fit!” Lee tweeted, quoting the report. He added, “The mayor is weak.”"
    assert len(sentences(text)) == 2
    found = {p.cue.text: p.content.text for p in propose(text)}
    assert found["tweeted"] == "The bridge is closed. Not fit!"
    assert found["added"] == "The mayor is weak."


def test_a_cue_set_off_by_commas_after_a_quotation_starts_its_own_sentence():
    text = "He spoke of “my failure to reduce the meanness.” It was, he said, the worst failure of his term."
    assert len(sentences(text)) == 2


def test_a_participle_after_a_quotation_that_ends_in_a_comma_shares_its_speaker():
    text = "She stated, “The bridge is safe,” adding, “Maybe 1,500 people crossed it.”"
    found = {p.cue.text: (p.source.text, p.content.text) for p in propose(text)}
    assert found["adding"] == ("She", "Maybe 1,500 people crossed it.")
    assert found["stated"] == ("She", "The bridge is safe")


def test_went_on_to_say_is_saying_and_its_speaker_stands_before_went():
    text = "Lee went on to say, “I know this bridge is safe.”"
    (p,) = propose(text)
    assert (p.source.text, p.cue.text, p.content.text) == ("Lee", "say", "I know this bridge is safe.")
    assert [p.cue.text for p in propose("Lee wants to say the bridge is safe.")] == ["wants"]


def test_a_speaker_from_an_institution_for_something_is_one_phrase():
    text = "The council met.\n\n“The bridge is safe,” Jeff Lane of the Center for Rivers wrote in December."
    (p,) = propose(text)
    assert (p.source.text, p.content.text) == ("Jeff Lane of the Center for Rivers", "The bridge is safe")


def test_a_participle_after_and_with_a_quotation_following_is_a_cue_of_the_sentences_speaker():
    text = "Lee emailed her condolences, addressing her as “Ann” and telling her, “you are a star!”"
    (p,) = propose(text)
    assert (p.source.text, p.cue.text, p.content.text) == ("Lee", "telling", "you are a star!")
    # without a quotation after it, "and telling" stays a noun phrase's word or a plain verb
    assert [p.cue.text for p in propose("Lee sent flowers and telling cards to the staff.")] == []


def test_as_someone_put_it_reports_the_quotation_after_it():
    text = "But at the time, as prosecutor Mark Tell put it, “there was not much to complain about.”"
    (p,) = propose(text)
    assert (p.source.text, p.cue.text) == ("prosecutor Mark Tell", "put it")
    assert p.content.text == "there was not much to complain about."
    # "put" without "it" is no cue
    assert [p.cue.text for p in propose("Lee put the bill on the table and said it was fair.")] == ["said"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“Stick to your promises,” the ministry said in a statement.", "the ministry"),
        (
            "“I have warned you,” the Ohio senator and Republican candidate said.",
            "the Ohio senator and Republican candidate",
        ),
    ],
)
def test_a_ministry_and_a_person_with_two_roles_can_speak(text, source):
    (p,) = propose(text)
    assert p.source.text == source


def test_a_word_that_stands_for_people_can_follow_an_inverted_cue():
    text = "“Watch out for the mayor,” tweeted another."
    (p,) = propose(text)
    assert (p.source.text, p.content.text) == ("another", "Watch out for the mayor")


@pytest.mark.parametrize(
    "text",
    [
        "Lee paused for a moment before saying, “The bridge is safe.”",
        "Lee paused, then spoke before adding: “The bridge is safe.”",
    ],
)
def test_a_participle_after_before_with_a_quotation_following_is_a_cue(text):
    (p,) = propose(text)
    assert (p.source.text, p.content.text) == ("Lee", "The bridge is safe.")
