"""Who is the source and who the target of a clause: actor lookup on the dependency parse.

Handles coordination ("the US, Australia and India"), examples ("countries like Japan and
India"), passives ("was attacked by"), control ("hopes to engage": the subject of "hopes";
"called on Iran to stop": Iran), relative clauses and nominal heads ("NATO discussions about
forming...": NATO), documents standing for their authors, groups standing for their members,
and first-person pronouns inside quotes standing for the speaker's side (outside quotes, for the
author of an official statement).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from geopol.actors.stage import ActorFrame
from geopol.quotes.attribute import QuoteContext, first_person

SUBJECTS = ("nsubj", "csubj", "expl")
RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "near"})
EXAMPLE_PREPS = frozenset({"like", "including", "as"})
QUANTITY_NOUNS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
                            "group", "number", "crowd", "band", "team", "delegation", "contingent", "unit",
                            "members", "member", "some", "many", "all", "most", "both", "one", "two", "several",
                            # a polity or its people named through "of": "the republic of Slovenia"
                            "republic", "kingdom", "emirate", "sultanate", "principality", "people",
                            "citizen", "resident", "president", "leader", "representative", "delegate"})
_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl", "oprd", "prep", "pobj", "dobj", "appos", "amod",
          "acomp", "attr")


@dataclass(frozen=True)
class Roles:
    """Actor lookups for one document."""

    frame: ActorFrame
    quotes: QuoteContext
    author: str | None = None  # who says "I" and "we" outside quotes (see geopol.actors.author)

    # -- noun phrases ------------------------------------------------------------------------------
    def of_np(self, token: Token, deep: bool = False) -> list[str]:
        """Actors a noun phrase headed by ``token`` denotes, in text order."""
        out: list[str] = []
        self._collect(token, out, deep, depth=0)
        return list(dict.fromkeys(out))

    def _collect(self, token: Token, out: list[str], deep: bool, depth: int) -> None:
        if depth > 6:
            return
        actor = self._actor(token)
        if token.lemma_.lower() == "counterpart":
            # "his counterparts from Japan and India": the counterparts are Japan's and India's
            others = [a for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                      for p in c.children if p.dep_ == "pobj" for a in self.of_np(p)]
            if others:
                out.extend(others)
                return
        if not actor and deep:
            # "relations of the US with Cuba" as a target: the other party is after "with"
            partners = [a for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                        for p in c.children if p.dep_ == "pobj" for a in self.of_np(p)]
            if partners:
                out.extend(partners)
                return
        if actor:
            out.append(actor)
            if actor.startswith("agent:") and any(
                    c.dep_ in ("amod", "nmod", "compound") and any(g.dep_ == "conj" for g in c.children)
                    for c in token.children):
                # "US and British forces": each side's agent shares the head noun
                out.extend(f.actor for f in self.frame.mentions
                           if f.start <= token.i < f.end and f.actor.startswith("agent:") and f.actor != actor)
        else:
            # A state modifier on a head that is no actor ("Palestinian youths", "an Iraqi town")
            # stands for that state (known limit: "the Indian batsman" becomes India).
            for child in token.children:
                if child.dep_ in ("compound", "poss", "nmod", "amod") and child.i < token.i and not (
                        deep and child.pos_ == "PRON"):
                    # (in a target phrase "his commitment to the people" is not about "his")
                    found = self._actor(child)
                    if found:
                        out.append(found)
                        break
        if not actor and token.lemma_.lower() in QUANTITY_NOUNS:
            # "thousands of Iraqi Kurds", "a group of rebels": the actor is in the of-phrase
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            self._collect(pobj, out, deep, depth + 1)
        for child in token.children:
            if child.dep_ in ("conj", "appos"):
                self._collect(child, out, deep, depth + 1)
            elif child.dep_ == "prep" and child.lower_ in EXAMPLE_PREPS and not actor:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        self._collect(pobj, out, deep, depth + 1)
            elif child.dep_ == "prep" and child.lower_ == "such":
                for grand in child.children:
                    for pobj in grand.children:
                        self._collect(pobj, out, deep, depth + 1)
        if deep and not out:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"in", "of", "from", "to", "with"}:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            self._collect(pobj, out, deep, depth + 1)

    def _actor(self, token: Token) -> str | None:
        if first_person(token):
            quote = self.quotes.covering(token.idx)
            voice = quote.speaker if quote is not None else self.author
            if voice:
                speaker = self.frame.actors.get(voice)
                if token.lower_ in {"we", "us", "our", "ours", "ourselves"} and speaker and speaker.affiliation:
                    return speaker.affiliation
                return voice
        return self.frame.at(token.i)

    # -- clause roles ----------------------------------------------------------------------------
    def subject(self, verb: Token, depth: int = 0) -> tuple[list[str], Token | None]:
        """Actors doing ``verb`` and the token they were found at."""
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl"):
                    return self.of_np(verb.head), verb.head
                if child.pos_ == "VERB" and child.tag_ == "VBG":
                    # "The Red Cross operating in Iraq said": a reduced relative parsed as the
                    # subject; its own subject is the doer
                    inner = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if inner is not None and self.of_np(inner):
                        return self.of_np(inner), inner
                return self.of_np(child), child
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.of_np(pobj), pobj
        if depth > 5 or verb.dep_ == "ROOT" or verb.head.i == verb.i:
            return [], None
        head = verb.head
        if verb.dep_ in ("xcomp", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
            controller = self._object_controller(head)
            if controller is not None:
                return self.of_np(controller), controller
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            found = self.of_np(head)
            if found:
                return found, head
        if verb.dep_ in _CLIMB or verb.dep_ == "ccomp":
            if head.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("acl", "relcl", "pcomp", "pobj", "prep"):
                # A clause modifying a noun has that noun as its doer ("firms accused of supplying"):
                # climbing further would borrow the subject of the whole sentence. A thing that is
                # no actor passes the role to whoever made it: "issued a declaration demanding",
                # "converged for a rally to protest".
                found = self.of_np(head)
                if not found and verb.dep_ in ("acl", "relcl") and self._made_by_clause(head):
                    return self.subject(head.head if head.dep_ == "dobj" else head.head.head, depth + 1)
                return found, head
            if head.pos_ in ("NOUN", "PROPN"):
                found = self.of_np(head)
                if found:
                    return found, head
            return self.subject(head, depth + 1)
        return [], None

    @staticmethod
    def _made_by_clause(noun: Token) -> bool:
        """Whether ``noun`` is the object of a verb, directly or through a purpose preposition."""
        if noun.dep_ == "dobj":
            return noun.head.pos_ in ("VERB", "AUX")
        return noun.dep_ == "pobj" and noun.head.lower_ in ("for", "in", "at") and \
            noun.head.head.pos_ in ("VERB", "AUX")

    def _object_controller(self, verb: Token) -> Token | None:
        """'urged Iran to stop' / 'called on Iran to stop': the object controls the infinitive."""
        if verb.lemma_ in {"urge", "ask", "press", "tell", "encourage", "persuade", "force", "order", "invite",
                           "allow", "help", "push", "pressure", "compel", "want"}:
            for child in verb.children:
                if child.dep_ == "dobj":
                    return child
        if verb.lemma_ in {"call", "appeal"}:
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in {"on", "upon", "for"}:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and self.of_np(pobj):
                            return pobj
        return None

    def objects(self, token: Token) -> list[Token]:
        out = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + \
            [c for c in token.children if c.dep_ == "dative"]
        # "kidnapped up to 16 advisers": the counted noun under "up to" is the object
        out += [p for prt in token.children if prt.dep_ == "prt" and prt.lower_ == "up"
                for to in prt.children if to.dep_ == "prep" and to.lower_ == "to"
                for p in to.children if p.dep_ == "pobj" and any(c.like_num for c in p.children)]
        return out

    def prep_targets(self, tokens: list[Token], preps: frozenset[str]) -> tuple[list[str], Token | None]:
        """The first actor under one of ``preps``; a place ("in Kosovo") only if no other
        preposition names one ("cleansing in Kosovo against the Albanians": the Albanians)."""
        for wanted in (preps - LOCATIVE_PREPS, preps & LOCATIVE_PREPS):
            for token in tokens:
                for child in token.children:
                    if child.dep_ in ("prep", "dative") and child.lower_ in wanted:
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                found = self.of_np(pobj, deep=True)
                                if found:
                                    return found, pobj
        return [], None

    # -- normalisation -----------------------------------------------------------------------------
    def normalise(self, actors: list[str], at: Token | None = None) -> list[str]:
        """Documents stand for their authors; a 'members' mention for the group's members."""
        out: list[str] = []
        for actor_id in actors:
            actor = self.frame.actors.get(actor_id)
            if actor is None:
                continue
            if actor.kind == "document":
                out.append(actor.affiliation or actor_id)
                continue
            mention = self.frame.mention_at(at.i) if at is not None else None
            if mention is not None and mention.how == "members" and mention.actor == actor_id and actor.members:
                out.extend(actor.members)
                continue
            out.append(actor_id)
        return list(dict.fromkeys(out))

    def side(self, actor_id: str | None) -> str | None:
        """The state or IGO an actor acts for (itself, if it is one)."""
        if actor_id is None:
            return None
        actor = self.frame.actors.get(actor_id)
        if actor is None:
            return actor_id
        if actor.kind in ("person", "document", "organization") or actor_id.startswith("agent:"):
            if actor.affiliation:
                return actor.affiliation
            if actor.country:
                return f"state:{actor.country}"
        return actor_id
