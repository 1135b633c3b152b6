"""Prose → measures: a sentence that names an action with an amount, and stated totals.

News articles state measures in sentences ("Regionen ska också spara 108 miljoner kronor på att
»optimera vårdens flöden«"); reports state totals in them ("Totalt uppgår förslagen … till 565
miljoner kronor"). Financial outcomes ("ett positivt resultat på 35 miljoner kronor för 2018")
are not measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from normalize import lexicon
from normalize.amounts import Amount, direction_from_words, find_amounts
from normalize.rows import sum_opening

# an end mark, then the gap between two sentences (a closing quote, whitespace) before a capital, a digit
# or an opening mark
SENTENCE_END = re.compile(r"[.!?…](?P<gap>[»”\"']?\s+)(?=[A-ZÅÄÖ0-9»”\"'–-])")
OUTCOME = lexicon.Caseless(
    r"\b(?:resultat\w*|underskott(?:et|en)?|överskott(?:et|en)?|går back|gick back|kostade|redovisade|avvikelse\w*|"
    r"prognos\w*|utfall\w*|mer än planerat|högre kostnader än)\b",
)
INTENT = lexicon.Caseless(
    r"\b(?:ska|skall|kommer att|planerar|föreslår|vill|beräknas|väntas|räknar med|målet|mål)\b")
QUOTED = re.compile(r"[»“”\"]([^»«“”\"]{3,120})[«”\"]")
MODAL = re.compile(r"\s+(?:ska|skall|kommer att|beräknas|väntas)\s+(?:också\s+|även\s+|dessutom\s+|till exempel\s+)*", re.I)
GENERIC_SUBJECT = re.compile(
    r"^(?:regionen|region \w+|landstinget|vi|man|det|detta|den|de|han|hon|nämnden|styrelsen|förvaltningen|"
    r"verksamheten|verksamheterna|politikerna)$",
    re.I,
)
SUBORDINATE = re.compile(r"\s+(?:men|att|som|när|eftersom|då)\s+|;\s*", re.I)
REGION_TARGET = re.compile(
    r"(?:^|\s)(?:region \w+|regionen|landstinget)\s+(?:måste|ska|skall|behöver|planerar att|vill)\s+(?:också\s+)?"
    r"(?:spara|minska kostnaderna|sänka kostnaderna|dra (?:ned|ner)|skära (?:ned|ner))(?:\s+(?:med|på))?\s*(?:ca\.?|cirka|totalt)?\s*$",
    re.I,
)
TRAILING_RELATIVE = re.compile(r",?\s*(?:vilket|något som|(?:en|ett) [\wåäö]+ som|som|det)\s*$", re.I)
INVERTED_SUBJECT = re.compile(r"^(?:regionen|region \w+|landstinget|vi|man|de|nämnden|styrelsen)\s+(?=[a-zåäö])", re.I)
LEADING_GLUE = re.compile(r"^(?:och|men|samt|medan|även|också|dessutom|en|ett|den|det)\s+", re.I)
PURPOSE = re.compile(r"\bför att (.+?)[.!?]?$")
METHOD = re.compile(r"^\s*(?:på|genom) att\s+(.+?)[.!?]?$")
QUALIFIER = re.compile(r"^\s+((?:inom|för|i|på)\s+[\wåäöÅÄÖ-]+)")
FUNCTION_WORDS = {
    "totalt", "handlar", "det", "om", "rör", "sig", "är", "blir", "uppgår", "till", "sammanlagt", "sammantaget",
    "varav", "cirka", "ca", "på", "och", "av", "med", "en", "ett",
}


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the block's text


def sentences(text: str) -> list[Sentence]:
    out, pos = [], 0
    for part in _parts(text):
        start = text.index(part, pos)
        pos = start + len(part)
        if part.strip():
            out.append(Sentence(part.strip(), start))
    return out


def _parts(text: str) -> list[str]:
    """`text` split at the gaps between its sentences (the end mark found first: faster than looking
    back for it at every place)."""
    gaps = [m.span("gap") for m in SENTENCE_END.finditer(text)]
    return [text[start:end] for start, end in zip([0] + [e for _, e in gaps], [s for s, _ in gaps] + [len(text)])]


def is_outcome(sentence: str) -> bool:
    """A financial outcome or background figure, not an intended action."""
    return bool(OUTCOME.search(sentence)) and not INTENT.search(sentence)


@dataclass(frozen=True)
class Found:
    """One amount in prose with the name of what it is for."""

    name: str
    amount: Amount
    kind: str  # measure | total
    sentence: str
    share_of_previous: bool = False


def sentence_amounts(sentence: str, previous: str | None, news: bool) -> list[Found]:
    """Measures and totals stated in one sentence. Outside news only totals count."""
    amounts = [a for a in find_amounts(sentence) if not a.per_capita]
    if not amounts:
        return []
    total = bool(sum_opening(("sum",), "sentence").match(sentence))
    share = bool(sum_opening(("part",), "sentence").match(sentence))
    if is_outcome(sentence):
        return []
    if not (total or share):
        if not news or not (direction_from_words(sentence) or INTENT.search(sentence)):
            return []
    out, boundary = [], 0
    for a in amounts:
        clause = sentence[boundary:a.start]
        after = sentence[a.end:]
        # "Region X måste spara 300 miljoner kronor nästa år": the region's whole target, unless the
        # sentence goes on to say on what ("… på att »optimera vårdens flöden«", "… inom vården")
        target = (not (total or share) and bool(REGION_TARGET.search(clause))
                  and not QUOTED.search(after) and not re.match(r"\s*(?:på|genom|inom|för)\b", after))
        if total or target:
            name = _total_name(clause, previous if total else None)
        elif share:
            name = _noun_before(clause)
        else:
            name = _action_name(clause, after, previous)
        if name:
            out.append(Found(name, a, "total" if (total or share or target) else "measure", sentence, share))
        boundary = a.end
    return out


def _total_name(clause: str, previous: str | None) -> str | None:
    name = re.sub(r"\s+(?:till|om|på|med|av)\s*$", "", clause.strip()).strip(" ,:")
    if all(w.lower() in FUNCTION_WORDS for w in re.findall(r"\w+", name)):
        m = PURPOSE.search(previous or "")
        return m.group(1).strip() if m else None
    return name


def _noun_before(clause: str) -> str | None:
    """'… varav budgetreducering på ' → 'budgetreducering'."""
    words = [w for w in re.findall(r"[\wåäöÅÄÖ-]+", clause) if w.lower() not in FUNCTION_WORDS]
    return words[-1] if words else None


def tidy_action(phrase: str) -> str:
    """'och en minskning av hyrpersonal' → 'minskning av hyrpersonal'; 'regionen samordna X, en åtgärd
    som' → 'samordna X'; 'minska Y, vilket' → 'minska Y': glue words, an inverted generic subject and a
    trailing relative or appositive clause are not part of the action's name."""
    phrase = TRAILING_RELATIVE.sub("", phrase.strip(" ,"))
    phrase = LEADING_GLUE.sub("", LEADING_GLUE.sub("", phrase))
    inverted = INVERTED_SUBJECT.match(phrase)
    return phrase[inverted.end():] if inverted and len(phrase[inverted.end():].split()) >= 2 else phrase


_BEFORE_AMOUNT = re.compile(r"([\wåäöÅÄÖ-]+)\s+(?:på|om)\s+(?:ca\.?\s+|cirka\s+)?$")  # "besparingar på (ca) "
_BEFORE_AMOUNT_ENDS = ("på", "om", "ca", "ca.", "cirka")  # how a clause it matches ends, before whitespace


def _action_name(clause: str, after: str, previous: str | None) -> str | None:
    """The action an amount is for, by the first pattern that applies:
    a quoted phrase; 'kostnadsreduceringar på <amount> inom X'; the subject of 'X ska spara';
    'spara <amount> på att Y'; the verb phrase of the previous sentence ('Vården ska flyttas …')."""
    if m := QUOTED.search(clause + after):
        return m.group(1).strip()
    before = _BEFORE_AMOUNT.search(clause) if clause.rstrip().endswith(_BEFORE_AMOUNT_ENDS) else None
    if before and direction_from_words(before.group(1)):
        q = QUALIFIER.match(after)
        return f"{before.group(1)} {q.group(1)}" if q else before.group(1)
    parts = MODAL.split(clause)
    if len(parts) >= 2:
        subject = tidy_action(SUBORDINATE.split(parts[-2])[-1])
        if subject and not GENERIC_SUBJECT.match(subject) and len(subject.split()) <= 12:
            return subject
    if m := METHOD.match(after.split(",")[0]):
        return m.group(1).strip()
    if previous:
        parts = MODAL.split(previous, maxsplit=1)
        if len(parts) == 2:
            return re.split(r",|\s+vilket\s+|\.", parts[1])[0].strip()
    return None
