"""Modality and attribution of an event clause.

*Modality* (``asserted``, ``intended``, ``recommended``, ``hypothetical``, ``negated``) comes from
the trigger's own negation and modal auxiliaries, from the pattern or light verb ("offer"), and
from governors met while climbing the parse from the event's clause to the clause that reports
it: "hopes to", "calls for", "could", "did not", "refused to". The climb stops at a reporting
verb ("said"), so the reporter's modality does not leak into the content. When several cues
apply, the strongest wins: negated, recommended, intended, hypothetical.

*Attribution* (``claimed_by``): an event inside a quote, or in the complement of a reporting
verb, is claimed by the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from geopol.events.patterns import PatternSet
from geopol.nlp.lemmas import lemma_forms, lookup
from geopol.quotes.cues import Cues

RANK = {"negated": 4, "recommended": 3, "intended": 2, "hypothetical": 1, "asserted": 0}
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_CONDITIONAL = frozenset({"if", "unless"})
# Relative and adnominal clauses describe a noun; they are background facts, not part of what
# the governing clause hopes, recommends or reports ("said it hopes ... a report that identifies").
ISLANDS = frozenset({"relcl", "acl"})


def strongest(found: list[str]) -> str:
    return max(found, key=lambda m: RANK[m]) if found else "asserted"


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in _NEGATORS) for c in token.children)


def _aux(token: Token, patterns: PatternSet) -> list[str]:
    return [patterns.aux_cues[c.lower_] for c in token.children
            if c.dep_ in ("aux", "auxpass") and c.lower_ in patterns.aux_cues]


@dataclass(frozen=True)
class ModalityReader:
    patterns: PatternSet
    cues: Cues

    def modality(self, anchor: Token, trigger: Token, extra: list[str]) -> str:
        found = list(extra)
        for node in {anchor, trigger}:
            if _negated(node):
                found.append("negated")
            found.extend(_aux(node, self.patterns))
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in node.children):
                found.append("hypothetical")
        node = anchor
        for _ in range(8):
            if node.dep_ == "ROOT" or node.head.i == node.i:
                break
            edge, head = node.dep_, node.head
            node = head
            if edge in ISLANDS and head.pos_ in ("NOUN", "PROPN") and not _in_noun_scope(head, self.patterns):
                break
            if edge == "conj":
                continue
            if edge in ("ccomp", "parataxis") and self.cues.is_token(head):
                break
            if edge == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in node.children):
                found.append("hypothetical")
            cue = lookup(head, self.patterns.governor_cues)
            if cue:
                found.append(cue)
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                if _negated(head):
                    found.append("negated")
                found.extend(_aux(head, self.patterns))
        return strongest(found)

    def speech_act(self, anchor: Token) -> tuple[Token, str] | None:
        """The nearest governing speech-act verb ("threatened to", "demanded that") and its act."""
        node = anchor
        for _ in range(4):
            head = node.head
            noun_act = lookup(head, self.patterns.speech_verbs) if head.pos_ == "NOUN" else None
            if node.dep_ in ("acl", "ccomp", "advcl", "relcl") and noun_act in ("demand", "appeal") \
                    and head.head.pos_ in ("VERB", "AUX") and head.dep_ == "dobj" \
                    and self._makes(head.head):
                # "reiterated its demand that Israel ease restrictions": the noun's verb makes it
                return head.head, noun_act
            if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in node.children):
                # "renewed its call for Russia to withdraw", the clause parsed onto the verb
                for obj in head.children:
                    act = lookup(obj, self.patterns.speech_verbs) if obj.dep_ == "dobj" else None
                    if act in ("demand", "appeal") and self._makes(head):
                        return head, act
            if node.dep_ in ("ROOT", "conj") or node.head.i == node.i or node.dep_ in ISLANDS:
                return None
            if node.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj"):
                return None
            act = lookup(head, self.patterns.speech_verbs)
            if act and head.pos_ in ("VERB", "AUX"):
                return head, act
            if head.pos_ in ("VERB", "AUX") and node.dep_ in ("ccomp",) and self.cues.is_token(head):
                return None
            node = head
        return None

    def _makes(self, verb: Token) -> bool:
        """Whether ``verb`` makes its object noun ("issued a demand", "renewed its call"), as the
        light verbs do, rather than answering it ("rejected a request")."""
        return any(form in self.patterns.light_verbs for form in lemma_forms(verb))

    def reporter(self, anchor: Token) -> Token | None:
        """The reporting verb whose complement contains ``anchor``, if any."""
        node = anchor
        for _ in range(8):
            if node.dep_ == "ROOT" or node.head.i == node.i:
                return None
            edge, head = node.dep_, node.head
            if edge in ISLANDS:
                return None
            if edge in ("ccomp", "parataxis") and self.cues.is_token(head):
                return head
            if edge == "advcl" and head.lemma_ == "say":
                return head
            node = head
        return None


def _in_noun_scope(noun: Token, patterns: PatternSet) -> bool:
    """Nouns like "willingness" or "plan" take their clause into their modality scope."""
    return lookup(noun, patterns.governor_cues) is not None
