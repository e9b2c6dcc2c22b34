"""The eleventh pass on action items (issue 22): work to do announced in other
shapes than a section named "actions". A bold label that runs into its sentence
without a colon ("**Preventive steps** To avoid ...") opens its section as a
labelled paragraph with a colon does; a label joining two names ("Mitigation and
preventive measures") is each of them, as a heading joining them is; a sentence
that says the change keeps the incident from happening again introduces work to
do; that sentence may introduce labelled paragraphs, one piece of work each, as
well as a list; a label repeated before paragraph after paragraph ("Fix: ...",
"Correctif : ...") makes each of those paragraphs one item of its section. Small
postmortems of our own, none a file of the corpus, English and French."""

from __future__ import annotations

import pytest
from reading_helpers import read


def keys(pm) -> dict[int, str]:
    return {section.line: section.key for section in pm.sections}


@pytest.mark.parametrize(
    "label, intro",
    [
        ("**Preventive steps**", "So that it does not recur, we will:"),
        ("**Follow-up work**", "Three changes are planned."),
        ("**Mesures correctives**", "Pour éviter que cela ne se reproduise :"),
    ],
)
def test_a_bold_label_running_into_its_sentence_opens_its_section(label, intro):
    pm = read(f"# Print queue stalled\n\nThe print queue stalled for an hour.\n\n{label} {intro}\n\n"
              "- Alert when the queue is older than five minutes\n- Restart the spooler from a health check\n",
              "print.md")
    assert "actions" in keys(pm).values()
    assert len(pm.actions) == 2


def test_a_bold_word_opening_a_sentence_opens_no_section():
    pm = read("# Print queue stalled\n\n## Summary\n\nThe print queue stalled.\n\n**Nobody** noticed the "
              "follow-up alert for an hour.\n\n- Alert when the queue is older than five minutes\n", "print.md")
    assert "actions" not in keys(pm).values()


@pytest.mark.parametrize(
    "label",
    ["**Mitigation and preventive measures:**", "**Remédiation et mesures préventives :**",
     "Recovery steps and follow-up:"],
)
def test_a_label_joining_two_names_is_each_of_them(label):
    pm = read(f"# Badge readers offline\n\n**Summary:** The badge readers of building B were offline.\n\n"
              f"{label}\n\n1. Power the readers from the backed-up circuit.\n"
              "2. Page facilities when more than three readers drop.\n", "badges.md")
    assert "actions" in keys(pm).values()
    assert len(pm.actions) == 2


@pytest.mark.parametrize(
    "intro",
    [
        "To keep this from happening again we are:",
        "To stop this from happening again, we are:",
        "So that this does not happen again:",
        "Pour que cela ne se reproduise plus, nous :",
    ],
)
def test_a_sentence_keeping_the_incident_from_recurring_introduces_work(intro):
    pm = read(f"# Tram ticket machines down\n\nThe machines refused cards on Friday evening.\n\n{intro}\n\n"
              "- moving the payment gateway to two regions;\n- asking the bank for notice of maintenance.\n",
              "tram.md")
    assert "actions" in keys(pm).values()
    assert len(pm.actions) == 2


@pytest.mark.parametrize(
    "intro, first, second",
    [
        ("To improve reliability in the future, we will:", "**Monitoring:** alert on the replication lag.",
         "**Runbooks:** write the fail-over steps down."),
        ("Voici ce que nous allons faire :", "**Supervision :** alerter sur le retard de réplication.",
         "**Procédures :** écrire les étapes de bascule."),
    ],
)
def test_a_commitment_introduces_the_labelled_paragraphs_below_it(intro, first, second):
    pm = read(f"# Replica lag\n\nReads were stale for an hour.\n\n{intro}\n\n{first}\n\n{second}\n\n"
              "We are sorry for the trouble.\n", "lag.md")
    assert len(pm.actions) == 2
    labels = [part.split(":")[0].strip("* ") for part in (first, second)]
    assert [item.group for item in pm.actions] == labels


@pytest.mark.parametrize(
    "label, problems",
    [
        ("Fix", ["Our canary was too small", "Nobody was paged", "The rollback took an hour"]),
        ("Correctif", ["Le test ne couvrait pas la charge", "Personne n'a été alerté", "Le retour arrière a tardé"]),
        ("Remediation", ["The disk filled up", "The alert went to an old channel", "The runbook was stale"]),
    ],
)
def test_a_label_repeated_paragraph_after_paragraph_makes_each_one_an_item(label, problems):
    sep = " :" if label == "Correctif" else ":"
    parts = []
    for number, problem in enumerate(problems, 1):
        parts.append(f"{number}) {problem}\n\nSome words on what went on there.\n\n{label}{sep} the team "
                     f"changes step {number} of the release.\n")
    pm = read("# Release went wrong\n\nThe release failed twice.\n\n## Where it hurt\n\n" + "\n".join(parts),
              "release.md")
    assert len(pm.actions) == 3
    assert "actions" in keys(pm).values()


def test_a_label_stated_once_is_no_list():
    pm = read("# Release went wrong\n\n## Summary\n\nThe release failed.\n\n## Where it hurt\n\n"
              "The canary was too small.\n\nFix: a larger canary was used for the retry.\n", "release.md")
    assert len(pm.actions) == 0


@pytest.mark.parametrize(
    "closing",
    [
        "We will contact every affected customer with a credit. We are very sorry.",
        "Nous allons aussi prévenir chaque client touché. Toutes nos excuses.",
    ],
)
def test_prose_beside_an_action_list_is_about_the_list_not_more_items(closing):
    pm = read("# Lost messages\n\n## Summary\n\nMessages were lost.\n\n## Mitigation\n\n"
              "- The API will only acknowledge a message once the store confirms the write.\n"
              "- A canary will trace a test message after every deployment.\n\n" + closing + "\n", "lost.md")
    assert len(pm.actions) == 2


def test_committed_sentences_with_no_list_are_still_the_items():
    pm = read("# Lost messages\n\n## Summary\n\nMessages were lost.\n\n## Next steps\n\n"
              "We will acknowledge a message only once it is stored. We will trace a test message after "
              "every deployment.\n", "lost.md")
    assert len(pm.actions) == 2
