"""Triples from one sentence: a caution is hedged, a contraindication firm; a team's roles need a team word."""

from oncokg.drafting.mentions import Mention
from oncokg.drafting.relations import care_team, relations


def mention(text, entity, group):
    return Mention(0, len(text), text, entity, group)


LIVER = [mention("liver damage", "liver_damage", "finding")]


def test_a_hedged_warning_is_a_caution_and_a_firm_one_a_contraindication():
    (caution,) = relations("It may not be a good option for people with liver damage.", ["embolization"], LIVER)
    assert caution.triples == [["embolization", "cautionIn", "liver_damage"]]
    (firm,) = relations("It should not be used in people with liver damage.", ["embolization"], LIVER)
    assert firm.triples == [["embolization", "contraindicatedIn", "liver_damage"]]
    assert relations("It is used in people with liver damage.", ["embolization"], LIVER) == []


def test_care_team_roles_are_members_for_the_disease_only_beside_a_team_word():
    roles = [mention("surgeon", "surgeon", "role"), mention("nurses", "nurse", "role")]
    team = care_team("Your treatment team may include a surgeon and nurses.", roles, ["gist"])
    assert team is not None
    assert team.triples == [["surgeon", "careTeamMemberFor", "gist"], ["nurse", "careTeamMemberFor", "gist"]]
    assert care_team("The surgeon removes the tumour.", roles, ["gist"]) is None
