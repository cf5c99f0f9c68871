"""Event extraction: matching the patterns of data/events/patterns.tsv on the parse.

A VERB pattern fires on a verb with the pattern's lemma, particle and object constraint; the
source is the clause's subject (see :mod:`geopol.events.roles`), the target its object or the
object of one of the pattern's prepositions (passives swap them). A NOUN pattern fires on an
event noun, either governed by a light verb ("held talks with", "imposed sanctions on": the
light verb's subject is the source) or standing alone with its own actors ("US sanctions on
Russia", "talks between A and B"). Cooperative acts that are not asserted are coded as CAMEO's
"express intent" codes (03x). Joint cooperative acts of several actors with no other target
("the four Quad countries held drills") are coded among them. An act with no target actor is
kept only where CAMEO allows it (protests, force, statements, intents) or where it heads the main
clause and its target's place is empty ("the cabinet met"); a pattern's `target` column may
require one. An act of force told without its doer ("were killed in a bombing") keeps an empty
source. Speech acts recode what they wrap: "threatened to" (13x, against the subject of its
condition), "urged X to" (02x), "demanded that" (10x), "refused to" (12x), and a speaker saying
another side must act demands it (10x), should or needs to act appeals for it (02x), whether or not
the act has a pattern.

Each candidate keeps the pattern id, the trigger and the sentence, so every event can be
explained (``geopol explain``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from geopol.events.modality import ModalityReader
from geopol.events.patterns import Pattern, PatternSet, Requirement
from geopol.events.roles import Roles
from geopol.ingest.dates import resolve as resolve_date
from geopol.nlp.lemmas import lemma_forms, lookup
from geopol.ontology.cameo import Ontology

VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"})
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
# Roots CAMEO codes without a target (protests, force, statements, intents); a pattern's `target`
# column (patterns.tsv) overrides this per pattern.
TARGETLESS_ROOTS = frozenset({"14", "15", "17", "18", "19", "20", "01", "03", "08", "09"})
_JOINT = frozenset({"together", "jointly", "joint"})
SIDE_PREPS = frozenset({"after", "before", "since", "during", "following", "amid", "despite", "until", "over",
                        "because", "than"})
CANCELLING_PARTICLES = frozenset({"off", "back", "down"})
# Force, assaults and arrests may be reported without their doer ("three soldiers were killed in a
# roadside bombing"): the event is kept with an unknown source.
DOERLESS_ROOTS = frozenset({"17", "18", "19", "20"})
# The rule behind demands reported with no coded act ("said China must drop barriers").
REPORTED_DEMAND = Pattern(id="reported-demand", code="100", pos="VERB", lemma="", particle="", objects=(),
                          preps=frozenset(), verbs=frozenset(), modality=None,
                          note="a speaker says another side must act", line=0)
REPORTED_APPEAL = Pattern(id="reported-appeal", code="020", pos="VERB", lemma="", particle="", objects=(),
                          preps=frozenset(), verbs=frozenset(), modality=None,
                          note="a speaker says another side should or needs to act", line=0)


@dataclass(frozen=True)
class Candidate:
    """A coded event before merging and identifiers."""

    pattern: Pattern
    code: str
    trigger: Token
    anchor: Token
    source: tuple[str, ...]
    target: tuple[str, ...]
    modality: str
    claimed_by: str | None
    quote: str | None
    date: dt.date | None


@dataclass(frozen=True)
class Trace:
    """Why a pattern did or did not fire on a token (for ``geopol explain``)."""

    token: Token
    pattern: Pattern
    fired: bool
    reason: str


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _with_conj(tokens: list[Token]) -> list[Token]:
    out = list(tokens)
    for t in tokens:
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _requirement_met(token: Token, req: Requirement) -> bool:
    lemma = req.lemma
    if req.kind == "dobj":
        objects = _with_conj(_children(token, ("dobj", "nsubjpass")))
        # "25,000 tons of food aid", "a package of sanctions": the measured noun counts too
        objects += [p for o in objects for prep in _children(o, ("prep",)) if prep.lower_ == "of"
                    for p in _children(prep, ("pobj",))]
        objects += [c for o in objects for c in _children(o, ("compound",))]
        return any(lemma in lemma_forms(t) for t in objects)
    if req.kind == "xcomp":
        return any(lemma in lemma_forms(t) for t in _children(token, ("xcomp", "advcl", "ccomp")))
    if req.kind == "oprd":
        return any(lemma in lemma_forms(t) for t in token.subtree if t.dep_ in ("oprd", "attr", "dobj", "ccomp")
                   and t.i != token.i) and len(_children(token, ("dobj", "ccomp", "oprd"))) >= 1
    holders = [token, *_children(token, ("dobj",))]
    for holder in holders:
        for prep in _children(holder, ("prep",)):
            objects = _with_conj(_children(prep, ("pobj", "pcomp")))
            if prep.lower_ == req.kind and any(lemma in lemma_forms(p) for p in objects):
                return True
    return False


_SPECULATIVE = frozenset({"could", "might", "may", "would", "can"})
_STATES = frozenset({"be", "remain", "stay", "become", "seem", "appear", "feel", "look"})


def _describes(clause: Token) -> bool:
    """A complement that describes rather than asks for an act ("suggested that the Quad could be
    the foundation"): its subject is what the clause is about, not the one addressed."""
    return clause.lemma_ == "be" or any(c.dep_ == "aux" and c.lower_ in _SPECULATIVE for c in clause.children)


def _possible_future(verb: Token) -> bool:
    """'may halt', 'could impose': a modal held out for the future, not 'may have attacked'."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a in _SPECULATIVE for a in auxes) and "have" not in auxes and "been" not in auxes


def _said_more_precisely(cand: Candidate, others: list[Candidate]) -> bool:
    """A root-level code ("100" demand) is one act with a finer code of the same root, sides and
    modality in the sentence ("its demand that Israel ease restrictions": 1051)."""
    if cand.code[2:] not in ("", "0"):
        return False
    return any(o is not cand and o.code[:2] == cand.code[:2] and len(o.code) >= 3 and o.code[2:] != "0"
               and o.trigger.sent.start == cand.trigger.sent.start and set(o.source) == set(cand.source)
               and set(o.target) == set(cand.target) and o.modality == cand.modality for o in others)


def _insistence(verb: Token, stop: Token | None = None) -> str:
    """'must', 'has to': a demand; 'should', 'needs to', 'ought to': an appeal. Read on the verb
    and the verbs above it, up to the reporting verb ``stop``."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ == "must" for c in node.children) or (
                node.lemma_ == "have" and any(c.dep_ == "xcomp" for c in node.children)):
            return "demand"
        if node.head.i == node.i or (stop is not None and node.head.i == stop.i):
            break
        node = node.head
    return "appeal"


def _wrapped_on(cand: Candidate, others: list[Candidate]) -> bool:
    """The bare pattern of a speech verb ("warned", "urged") yields to the act it wraps, which is
    coded on the same verb ("warned that police will not tolerate rallies": a threat)."""
    if cand.pattern.objects or cand.pattern.lemma not in lemma_forms(cand.trigger):
        return False
    return any(o is not cand and o.trigger.i == cand.trigger.i and o.pattern.lemma not in lemma_forms(o.trigger)
               for o in others)


def _refused(verb: Token) -> bool:
    """'will not accept', 'would not meet', "won't allow": a negated future is a refusal."""
    children = list(verb.children)
    return any(c.dep_ == "neg" for c in children) and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "'ll") for c in children)


def _particle(token: Token) -> str:
    prt = _children(token, ("prt",))
    if not prt:
        return ""
    doc, i = token.doc, prt[0].i
    if prt[0].lower_ == "up" and i + 2 < len(doc) and doc[i + 1].lower_ == "to" and doc[i + 2].like_num:
        return ""  # "kidnapped up to 16 advisers": a quantity, not "kidnap up"
    return prt[0].lower_


class Extractor:
    def __init__(self, doc: Doc, roles: Roles, patterns: PatternSet, ontology: Ontology,
                 modality: ModalityReader, published: dt.date | None) -> None:
        self.doc = doc
        self.roles = roles
        self.patterns = patterns
        self.ontology = ontology
        self.modality = modality
        self.published = published
        self.traces: list[Trace] = []
        self.ents = list(doc.ents)
        self.tokens = list(doc)  # one Token object per token, shared by every pass

    # -- matching ------------------------------------------------------------------------------------
    def verb_matches(self, token: Token) -> list[Pattern]:
        """Every pattern whose lemma, particle and object constraint fit, most specific first."""
        out = []
        for p in self._patterns("VERB", token):
            if p.particle != _particle(token):
                self.traces.append(Trace(token, p, False, f"particle {_particle(token)!r} is not {p.particle!r}"))
                continue
            if p.objects and not any(_requirement_met(token, r) for r in p.objects):
                self.traces.append(Trace(token, p, False, "object constraint not met"))
                continue
            out.append(p)
        return out

    def _is(self, token: Token, word_class: str) -> bool:
        """Whether ``token``'s lemma (or its text) is in a word class of events/word-classes.tsv."""
        words = self.patterns.word_class(word_class)
        return token.lower_ in words or any(form in words for form in lemma_forms(token))

    def _patterns(self, pos: str, token: Token) -> tuple[Pattern, ...]:
        for form in lemma_forms(token):
            found = self.patterns.for_token(pos, form)
            if found:
                return found
        return ()

    def _light(self, verb: Token) -> str | None:
        """The light-verb lemma of ``verb``, or None if it is not a light verb."""
        if _particle(verb) in CANCELLING_PARTICLES:
            return None
        return next((f for f in lemma_forms(verb) if f in self.patterns.light_verbs), None)

    def light_verb(self, noun: Token) -> Token | None:
        """The light verb governing an event noun ("held talks", "engaged in dialogue"), if any.

        A verb with a cancelling particle ("called off a strike") is not a light verb, and a noun in
        a temporal or causal phrase ("imposed a curfew after clashes") is not its object."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in SIDE_PREPS:
            return None
        if noun.dep_ == "pobj" and head.lower_ == "of" and self._is(head.head, "measure"):
            return self.light_verb(head.head)  # "held a new round of talks", "ten days of war games"
        if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            return head if self._light(head) else None
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
            if head.lower_ == "to" and verb.lemma_ in ("lead", "give", "contribute"):
                return None  # "the coup led to protests": a result, not the subject's act
            return verb if self._light(verb) else None
        if noun.dep_ == "conj":
            return self.light_verb(head)
        return None

    def noun_match(self, token: Token) -> tuple[Pattern, Token | None] | None:
        for p in self._patterns("NOUN", token):
            if p.objects:
                mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
                if not any(r.lemma in mods for r in p.objects):
                    self.traces.append(Trace(token, p, False, "required modifier missing"))
                    continue
            verb = self.light_verb(token)
            if verb is not None and p.verbs and self._light(verb) not in p.verbs:
                self.traces.append(Trace(token, p, False, f"governing verb {verb.lemma_!r} not in the pattern's verbs"))
                continue
            return p, verb
        return None

    # -- building ------------------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for token in self.tokens:
            if token.dep_ == "amod" and token.tag_ == "VBN":
                continue  # a participle describing a noun is background: "the detained activists"
            if token.pos_ in ("VERB", "AUX") or (token.tag_.startswith("VB") and token.pos_ != "NOUN"):
                patterns = self.verb_matches(token)
                for pattern in patterns:
                    cand = self._from_verb(token, pattern)
                    if cand is not None:
                        out.append(cand)
                        break
                if patterns:
                    continue
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
                continue  # a modifier names a kind, not an event: "border patrol agents"
            if token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "VERB" and token.dep_ in ("dobj", "pobj")):
                match = self.noun_match(token)
                if match is not None:
                    cand = self._from_noun(token, *match)
                    if cand is not None:
                        out.append(cand)
        out.extend(self._bare_demands(out))
        out = [c for c in out if c.target or not self._complement_codes(c, out)]
        return [c for c in out if not _said_more_precisely(c, out) and not _wrapped_on(c, out)]

    def _bare_demands(self, found: list[Candidate]) -> list[Candidate]:
        """'The Red Cross said US forces must ensure security': a speaker saying another side must
        act demands it (CAMEO 10), should act appeals for it (02), even when the act itself has no
        pattern. Acts with a pattern take a finer code (see ``_reported_demand``)."""
        coded = {i for c in found for i in (c.trigger.i, c.anchor.i)}
        out: list[Candidate] = []
        for clause in self.tokens:
            if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX") or clause.lemma_ == "be":
                continue
            reporter = clause.head
            if not self.modality.cues.is_token(reporter) or any(t.i in coded for t in clause.subtree) or any(
                    c.anchor.i == reporter.i and c.code[:2] in ("10", "02") for c in found):
                continue
            xcomps = [c for c in clause.children if c.dep_ == "xcomp"]
            if self.modality.modality(clause, clause, []) != "recommended" and not (
                    lookup(clause, self.patterns.governor_cues) == "recommended" and xcomps):  # "needs to enact"
                continue
            if any(x.lemma_ in _STATES for x in xcomps):
                continue  # "NATO would need to remain strong" describes, asks no act
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            target = self.roles.normalise(self.roles.of_np(subject), subject) if subject is not None else []
            # a generic group with no side ("hospitals must prepare") is no one to make demands of
            target = [t for t in target if not (self.roles.side(t) or "").startswith("agent:")]
            speaker, at = self.roles.subject(reporter)
            speaker = self.roles.normalise(speaker, at)
            sides = {self.roles.side(t) for t in target}
            if not target or not speaker or any(s in target or self.roles.side(s) in sides for s in speaker):
                continue
            act = _insistence(clause)
            rule = REPORTED_DEMAND if act == "demand" else REPORTED_APPEAL
            code = self.patterns.speech_code(act, "")
            claimed_by, quote_id = self._claim(reporter, reporter, speaker, code)
            self.traces.append(Trace(clause, rule, True, f"fired, reported as {act} by {reporter.text!r}"))
            out.append(Candidate(rule, code, reporter, reporter, tuple(speaker), tuple(target),
                                 self.modality.modality(reporter, reporter, []), claimed_by, quote_id,
                                 self._date(reporter)))
        return out

    def _complement_codes(self, cand: Candidate, others: list[Candidate]) -> bool:
        """A target-less modal or speech-act verb whose complement is itself coded ("refused to
        recognize Kosovo", "threatened to strike") is carried by that event's modality or code."""
        if lookup(cand.trigger, self.patterns.governor_cues) is None and \
                lookup(cand.trigger, self.patterns.speech_verbs) is None:
            return False
        if cand.pattern.lemma not in lemma_forms(cand.trigger):
            return False  # the wrapped act itself, re-anchored on the speech verb, stays
        for other in others:
            if other is cand or not set(other.source) & set(cand.source):
                continue
            node = other.anchor
            if node.i == cand.anchor.i:
                return True  # the complement's act re-anchored on this verb ("threatened to strike")
            for _ in range(3):
                if node.head.i == node.i or node.dep_ not in ("xcomp", "ccomp", "conj"):
                    break
                node = node.head
                if node.i == cand.anchor.i:
                    return True
        return False

    def _from_verb(self, verb: Token, pattern: Pattern) -> Candidate | None:
        source, at = self.roles.subject(verb)
        # "Pakistanis injured in the blast": a participle on a noun is a passive with that noun
        reduced = verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN")
        passive = reduced or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        target: list[str] = []
        target_at: Token | None = None
        if reduced:
            target, target_at = self.roles.of_np(verb.head), verb.head
        if passive and self._is(verb, "stative") and not any(c.dep_ == "agent" for c in verb.children):
            # "Israel is opposed to French mediation": a state, not a passive; the subject holds it
            holder = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            source, at = (self.roles.of_np(holder), holder) if holder is not None else ([], None)
            passive = False
        if pattern.preps:
            # the target may hang on the object the pattern constrains: "called for sanctions against X"
            content = [p for r in pattern.objects if r.kind not in ("dobj", "xcomp", "oprd")
                       for prep in _children(verb, ("prep",)) if prep.lower_ == r.kind
                       for p in _children(prep, ("pobj",))]
            target, target_at = self.roles.prep_targets([verb, *self.roles.objects(verb), *content], pattern.preps)
        if not target and "prep" not in pattern.target:
            for obj in self.roles.objects(verb):
                if obj.dep_ == "nsubjpass" and not passive:
                    continue
                # A constrained object ("expelled two Russian diplomats") is still the target when
                # it names an actor; a plain thing ("imposed sanctions") is not.
                target = self.roles.of_np(obj, deep=True)
                target_at = obj
                if target:
                    break
        if not target and "prep" not in pattern.target:
            for child in verb.children:
                if child.dep_ == "dative":
                    target, target_at = self.roles.of_np(child), child
                elif child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX") and not target \
                        and not _describes(child) and pattern.code[:2] != "04":
                    # "demanded that Israel ease", "allowed X to rally": the one addressed or let;
                    # not for meetings and visits ("intelligence we received that Iran plans")
                    found, found_at = self.roles.subject(child)
                    if found_at is not None and found_at.head.i == child.i:
                        target, target_at = found, found_at
        if not target and pattern.code[:2] == "10":
            holders = [o for o in self.roles.objects(verb) if o.dep_ == "dobj"] + [
                p for prep in _children(verb, ("prep",)) if prep.lower_ in pattern.preps
                for p in _children(prep, ("pobj",))]
            target, target_at = self._demanded_of(holders)
        if passive and not any(c.dep_ == "agent" for c in verb.children):
            source, at = [], None
        return self._candidate(pattern, verb, verb, source, at, target, target_at, [],
                               open_slot=not self._slot_holds_thing(verb, pattern),
                               unknown_doer=not source and self._unknown_doer(verb, pattern, at, passive))

    def _unknown_doer(self, verb: Token, pattern: Pattern, doer_at: Token | None, passive: bool) -> bool:
        """Whether a violent act is told without its doer: a passive with no agent ("was
        assassinated"), or a weapon or attack in the doer's place ("a roadside bomb killed",
        "were killed by an explosive device"). An outcome verb ("killed", "wounded") needs such a
        violent cause in its clause, so that "killed in an earthquake" is no event."""
        if pattern.code[:2] not in DOERLESS_ROOTS or (pattern.code[:2] == "17" and not pattern.code.startswith("173")):
            return False  # of coercion, only arrests are reported without their doer ("was detained")
        if doer_at is not None:
            return self._violent(doer_at.subtree)
        if not passive:
            return False
        return pattern.lemma not in self.patterns.word_class("outcome") or self._violent(
            t for c in verb.children if c.dep_ in ("prep", "advcl", "agent") for t in c.subtree)

    def _violent(self, tokens: Iterable[Token]) -> bool:
        """Whether any token is a weapon or an act of force: a noun with a pattern of CAMEO 18-20."""
        for token in tokens:
            if token.pos_ not in ("NOUN", "PROPN") or any(
                    self._is(c, "accident") for c in token.children if c.dep_ in ("compound", "amod")):
                continue
            if any(p.code[:2] in ("18", "19", "20") for p in self._patterns("NOUN", token)):
                return True
        return False

    def _from_noun(self, noun: Token, pattern: Pattern, verb: Token | None) -> Candidate | None:
        extra: list[str] = []
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and self._is(noun.head.head, "ending"):
            self.traces.append(Trace(noun, pattern, False, f"ended by {noun.head.head.text!r}"))
            return None  # "the termination of relations", "the end of the talks" is no act of them
        if verb is not None:
            lv_modality = self.patterns.light_verbs.get(self._light(verb) or "")
            if lv_modality:
                extra.append(lv_modality)
            source, at = self.roles.subject(verb)
            holder = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if not source and holder is not None and self._is(verb, "stative"):
                source, at = self.roles.of_np(holder), holder  # "were engaged in ethnic cleansing"
            anchor = verb
        else:
            if noun.dep_ == "pobj" and noun.head.lower_ in SIDE_PREPS:
                return None  # background: "after the invasion of Iraq"
            source, at = self._own_source(noun)
            anchor = noun
            if not source:
                return None
        target, target_at = self.roles.prep_targets([noun, *([verb] if verb is not None else [])], pattern.preps)
        if not target and "between" in pattern.preps:
            target, target_at = [], None
        if not target and pattern.code[:2] == "10":
            target, target_at = self._demanded_of([noun])
        if verb is None and not target:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    pair = [a for p in child.children for a in self.roles.of_np(p)]
                    if len(pair) >= 2:
                        source, target = pair, pair
        holders = [noun, *([verb] if verb is not None else [])]
        open_slot = not any(c.dep_ == "prep" and c.lower_ in pattern.preps for h in holders for c in h.children)
        return self._candidate(pattern, noun, anchor, source, at, target, target_at, extra, open_slot=open_slot)

    def _demanded_of(self, nouns: list[Token]) -> tuple[list[str], Token | None]:
        """Whom a demand is made of: the subject of the clause that spells it out ("insisted on
        its demands that the government grant more rights")."""
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ in ("acl", "ccomp", "relcl") and not any(
                        c.lower_ in ("which", "who") for c in clause.children):
                    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subject is not None and self.roles.of_np(subject):
                        return self.roles.of_np(subject), subject
        return [], None

    def _own_source(self, noun: Token) -> tuple[list[str], Token | None]:
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
                found = self.roles.of_np(child)
                if found:
                    return found, child
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    found = self.roles.of_np(pobj)
                    if found:
                        return found, pobj
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                pair = [a for p in child.children for a in self.roles.of_np(p)]
                if len(pair) >= 2:
                    return pair, None
        return [], None

    def _candidate(self, pattern: Pattern, trigger: Token, anchor: Token, source: list[str],
                   source_at: Token | None, target: list[str], target_at: Token | None,
                   extra: list[str], open_slot: bool = False, unknown_doer: bool = False) -> Candidate | None:
        """The event, or None with a trace. ``open_slot``: the target's place in the clause is empty
        (no object, no target preposition), so a main-clause event may go without a target.
        ``unknown_doer``: an act of force told without its doer, kept with no source when it has a
        target (an arrest's source is the state where it happened)."""
        source = self.roles.normalise(source, source_at)
        target = self.roles.normalise(target, target_at)
        code = pattern.code
        root = code[:2]
        if not source and unknown_doer and target and root == "17":
            source = self._place_state(anchor)
        if not source and not (unknown_doer and target):
            self.traces.append(Trace(trigger, pattern, False, "no source actor found"))
            return None
        joint = any(c.lower_ in _JOINT for c in [*anchor.children, *trigger.children])
        target = [t for t in target if t not in source]
        if not target and root in COOPERATIVE_ROOTS and (len(source) >= 2 or joint) and len(source) >= 2:
            target = list(source)
        if not target and root == "14":
            target = self._protest_target(anchor, trigger, source)
        if not target and root in ("18", "19", "20"):
            # force used in a named place with no one named hits that place's state
            # ("jets struck targets in Syria"), unless it is the attacker's own
            sides = {self.roles.side(s) for s in source}
            target = [t for t in self._place_state(anchor) if t not in sides]
        if not target and ("needed" in pattern.target or (
                "optional" not in pattern.target and root not in TARGETLESS_ROOTS
                and not (open_slot and self._main_clause(anchor)))):
            self.traces.append(Trace(trigger, pattern, False, "no target actor found"))
            return None
        wrapped = self._speech_act(pattern, code, trigger, anchor, source, target)
        if wrapped is not None:
            return wrapped
        modality = self.modality.modality(anchor, trigger, [*extra, *([pattern.modality] if pattern.modality else [])])
        if modality == "recommended":
            demand = self._reported_demand(pattern, code, trigger, anchor, source)
            if demand is not None:
                return demand
        if modality == "negated" and root in COOPERATIVE_ROOTS and _refused(anchor):
            # "will not accept more refugees", "would not meet the demands": a refusal, which is
            # an act in its own right (12x), not a negated cooperation
            code, modality = self.patterns.speech_code("reject", code), "asserted"
        elif modality in ("intended", "recommended", "hypothetical") and root in COOPERATIVE_ROOTS:
            code = self.ontology.intent_code(code)
        elif self.ontology[code].quad_class in (3, 4) and root != "13" and self._own_words(anchor, source) and (
                modality == "intended" or (modality == "hypothetical" and _possible_future(anchor))):
            # Announcing a conflictual act ("said they would boycott", "will tighten the blockade")
            # or holding it out ("may halt mediation", "could impose sanctions") is a threat in
            # CAMEO and PLOVER; the modality still says it has not happened.
            code = self.patterns.speech_code("threaten", code)
        claimed_by, quote_id = self._claim(trigger, anchor, source, code)
        self.traces.append(Trace(trigger, pattern, True, "fired"))
        return Candidate(pattern, code, trigger, anchor, tuple(source), tuple(target), modality,
                         claimed_by, quote_id, self._date(anchor))

    def _own_words(self, anchor: Token, source: list[str]) -> bool:
        """Whether an announced or held-out act is told by its doer's side ("Russia said it could
        halt the talks"), not foreseen by others ("analysts said Russia could attack"), which is no
        threat. Anyone may speak for an organisation its member states belong to."""
        reporter = self.modality.reporter(anchor)
        if reporter is None:
            return True
        speaker, at = self.roles.subject(reporter)
        speaker = self.roles.normalise(speaker, at)
        if not speaker:  # "analysts said": onlookers; a name not resolved may be anyone's
            return at is None or at.pos_ != "NOUN"
        sides = {self.roles.side(s) for s in source}
        if not any((side or "").startswith("state:") for side in sides):
            return True
        return any(s in source or self.roles.side(s) in sides for s in speaker)

    def _slot_holds_thing(self, verb: Token, pattern: Pattern) -> bool:
        """Whether the target's place holds something that is no actor: "approved a budget",
        "traveled to his home state". The object a pattern constrains ("lifted the curfew") is the
        act's content, not its target."""
        objects = [o for o in self.roles.objects(verb) if o.dep_ != "nsubjpass"]
        if pattern.preps and any(c.dep_ in ("prep", "dative") and c.lower_ in pattern.preps
                                 for h in [verb, *objects] for c in h.children):
            return True
        if any(c.dep_ == "ccomp" and _describes(c) for c in verb.children):
            return True  # "suggested that the Quad could be the foundation": content, no addressee
        if any(r.kind == "dobj" for r in pattern.objects):
            return False
        return bool(objects)

    def _main_clause(self, anchor: Token) -> bool:
        """Whether ``anchor`` heads the sentence's main clause: its root, a verb coordinated with the
        root, or the reported clause of a root reporting verb ("officials said the cabinet met")."""
        node = anchor
        for _ in range(3):
            if node.dep_ == "ROOT":
                return True
            if node.dep_ in ("conj", "xcomp") or (node.dep_ in ("ccomp", "parataxis")
                                                  and self.modality.cues.is_token(node.head)):
                node = node.head
                continue
            return False
        return False

    def _protest_target(self, anchor: Token, trigger: Token, source: list[str]) -> list[str]:
        """Protests with no stated target are against a government (CAMEO's convention): the one
        named in the protest's purpose ("to demand reforms by Suharto's government"), else the
        state where it happens ("in Kirkuk"), else the protesters' own state."""
        frame = self.roles.frame
        for child in anchor.children:
            if child.dep_ in ("advcl", "xcomp", "prep"):
                for t in child.subtree:
                    actor = frame.at(t.i)
                    side = self.roles.side(actor) if actor else None
                    if side and side.split(":")[0] in ("state", "igo") and actor not in source:
                        return [side]
        place = self._place_state(anchor, ("in", "at", "outside", "across", "throughout"))
        if place:
            return place
        for actor_id in source:
            record = frame.actors.get(actor_id)
            if record is not None and record.country and f"state:{record.country}" not in source:
                return [f"state:{record.country}"]
        return []

    def _place_state(self, anchor: Token, preps: tuple[str, ...] = ("in", "at")) -> list[str]:
        """The state named where an act happened ("was arrested in Lebanon")."""
        frame = self.roles.frame
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for t in child.subtree:
                    country = frame.place_at(t.i) or (frame.at(t.i) or "")
                    if country.startswith("state:"):
                        return [country]
                    if country and ":" not in country:
                        return [f"state:{country}"]
        return []

    def _speech_act(self, pattern: Pattern, code: str, trigger: Token, anchor: Token, source: list[str],
                    target: list[str]) -> Candidate | None:
        """'threatened to shell X' is a threat against X; 'urged Y to release' an appeal to Y;
        'refused to release X' a rejection of X. A threat or refusal may have no stated target
        ("threatened to quit the talks"); an appeal or demand needs the one it addresses."""
        found = self.modality.speech_act(anchor)
        if found is None:
            return None
        verb, act = found
        if act == "threaten" and self.ontology[code].quad_class not in (3, 4):
            return None
        if act == "reject" and self.ontology[code].quad_class not in (1, 2):
            return None
        speaker, at = self.roles.subject(verb)
        speaker = self.roles.normalise(speaker, at)
        addressee = target if act in ("threaten", "reject") else source
        addressee = [a for a in addressee if a not in speaker]
        if act == "threaten" and not addressee:
            addressee = [a for a in self._condition_subject(verb) if a not in speaker]
        if not speaker or not (addressee or act in ("threaten", "reject")):
            return None
        new_code = self.patterns.speech_code(act, code)
        modality = self.modality.modality(verb, verb, [])
        claimed_by, quote_id = self._claim(verb, verb, speaker, new_code)
        self.traces.append(Trace(trigger, pattern, True, f"fired, wrapped by {act} verb {verb.text!r}"))
        return Candidate(pattern, new_code, verb, verb, tuple(speaker), tuple(addressee), modality,
                         claimed_by, quote_id, self._date(verb))

    def _condition_subject(self, verb: Token) -> list[str]:
        """Whom a threat is held over: the subject of its condition ("threatened to quit the talks
        if the United States deploys missiles")."""
        for clause in verb.subtree:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                              for m in clause.children):
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    found = self.roles.normalise(self.roles.of_np(subject), subject)
                    if found:
                        return found
        return []

    def _reported_demand(self, pattern: Pattern, code: str, trigger: Token, anchor: Token,
                         source: list[str]) -> Candidate | None:
        """'Russia said Sudan must return the helicopter': a speaker saying that another side must
        act demands it (CAMEO 10x) of that side, one saying it should or needs to act appeals for it
        (02x); the act itself has not happened."""
        reporter = self.modality.reporter(anchor)
        if reporter is not None:
            speaker, at = self.roles.subject(reporter)
            speaker = self.roles.normalise(speaker, at)
            verb = reporter
        else:
            quote = self.roles.quotes.covering(trigger.idx)
            if quote is None or quote.kind != "direct" or not quote.speaker:
                return None
            speaker, verb = self.roles.normalise([quote.speaker]), anchor
        sides = {self.roles.side(s) for s in source}
        if not speaker or any(s in source or self.roles.side(s) in sides for s in speaker):
            return None
        act = _insistence(anchor, reporter)
        new_code = self.patterns.speech_code(act, code)
        modality = self.modality.modality(verb, verb, []) if verb is reporter else "asserted"
        claimed_by, quote_id = self._claim(verb, verb, speaker, new_code)
        self.traces.append(Trace(trigger, pattern, True, f"fired, reported as {act} by {verb.text!r}"))
        return Candidate(pattern, new_code, verb, verb, tuple(speaker), tuple(source), modality,
                         claimed_by, quote_id, self._date(verb))

    def _claim(self, trigger: Token, anchor: Token, source: list[str], code: str) -> tuple[str | None, str | None]:
        quote = self.roles.quotes.covering(trigger.idx)
        speaker: str | None = None
        quote_id = None
        if quote is not None and quote.kind == "direct":
            speaker, quote_id = quote.speaker, quote.id
        else:
            reporter = self.modality.reporter(anchor)
            if reporter is not None:
                found, at = self.roles.subject(reporter)
                speaker = found[0] if found else None
        if speaker is None:
            return None, quote_id
        normalised = self.roles.normalise([speaker])
        speaker_side = self.roles.side(normalised[0] if normalised else speaker)
        sides = {self.roles.side(s) for s in source}
        same_side = speaker in source or speaker_side in sides or speaker_side in source
        if same_side and code[:2] in VERBAL_ROOTS:
            return None, quote_id
        return (normalised[0] if normalised else speaker), quote_id

    def _date(self, anchor: Token) -> dt.date | None:
        node: Token | None = anchor
        for _ in range(6):
            if node is None:
                break
            for child in node.children:
                for t in child.subtree:
                    if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
                        ent = next((e for e in self.ents if e.start == t.i), None)
                        if ent is not None:
                            resolved = resolve_date(ent.text, self.published)
                            if resolved:
                                return resolved
            node = None if node.head.i == node.i else node.head
        return self.published
