"""Which side an agent is on, and named organisations the knowledge base does not know.
Mixed into :class:`geopol.actors.recognize.Recognizer`.

An agent noun takes its country from a state, place, leader or ethnic-group modifier ("Iraqi
police", "Putin's troops", "Karen guerrillas"), a state leading it ("US-led forces") or a place
phrase after it ("police in Basra", "militants based in Kandahar", "the governor of Helmand
province"), the one country a flight participle names ("refugees fleeing the war in Liberia") or
an organisation it works for ("workers of the Tehran bus company"); a state named by a stance
("anti-Syria") is not its side. Its mention is shown as the whole noun phrase that gave the side
("Israeli troops", "rebels in the Ivory Coast"). An ORG entity with an organisation head word is
an organisation actor whose country and sector come only from its own words. In a story naming
exactly one state, officials and agents with no stated side are that state's
(:meth:`SideFinder.infer_sides`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from geopol.actors.drafts import Draft, Found, slug
from geopol.actors.kb import Agent, KnowledgeBase
from geopol.nlp.lemmas import lemma_forms

# Head words of organisation names and the sector the word itself gives (None: the name must say).
_ORG_WORDS: dict[str, str | None] = {
    "front": None, "movement": None, "party": "OPP", "council": None, "committee": None, "commission": None,
    "association": None, "army": "MIL", "league": None, "alliance": None, "union": None, "agency": None,
    "ministry": "GOV", "court": "JUD", "tribunal": "JUD", "brigade": None, "brigades": None, "congress": None,
    "authority": None, "organization": None, "organisation": None, "federation": None, "assembly": "LEG",
    "parliament": "LEG", "senate": "LEG", "coalition": None, "society": None, "foundation": "NGO",
    "school": "EDU", "university": "EDU", "college": "EDU", "institute": None, "hospital": "HLH",
}
_NAME_GLUE = frozenset({"DET", "ADP", "PUNCT", "PART", "CCONJ"})
# Words of a name that give its sector, checked before the head word's own.
_ORG_CUES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"opposition"}), "OPP"),
    (frozenset({"rebel", "rebels", "guerrilla", "guerrillas", "resistance"}), "REB"),
    (frozenset({"militant", "militants", "jihad", "mujahideen"}), "INS"),
    (frozenset({"workers", "workers'", "trade", "labor", "labour"}), "LAB"),
)
_PLACE_NOUNS = frozenset({"province", "region", "state", "city", "town", "village", "district", "county",
                          "capital", "area", "territory", "enclave", "governorate", "prefecture"})
_FLIGHT_VERBS = frozenset({"flee", "escape"})
_SIDE_PREPS = frozenset({"of", "from", "in", "throughout", "across", "inside"})
_PLACE_PREPS = frozenset({"in", "of", "from", "at", "near", "throughout", "across", "inside", "around"})
_DOMESTIC_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "REB", "INS", "UAF", "OPP", "CVL", "EDU",
                               "LAB", "AGR", "MED", "BUS", "HLH", "REL", "CRM", "ELI"})
_FOREIGN_ROLES = frozenset({"peacekeeper", "peacekeepers", "peacekeeping force", "mercenary", "tourist", "envoy",
                            "ambassador", "diplomat", "embassy", "consulate", "special envoy"})


class SideFinder:
    """The side and organisation helpers of the recognizer (needs its mentions and tables)."""

    doc: Doc
    kb: KnowledgeBase
    found: list[Found]
    drafts: dict[str, Draft]
    taken: set[int]
    places: dict[int, str]
    ethnic_home: dict[int, str]
    ethnic_tokens: set[int]
    ents: list[Span]

    # provided by the recognizer
    def _actor_at(self, i: int) -> str | None:
        raise NotImplementedError

    def add(self, start: int, end: int, actor_id: str, how: str) -> None:
        raise NotImplementedError

    def _agent_term(self, token: Token) -> tuple[int, Agent] | None:
        raise NotImplementedError

    def agent(self, country: str | None, sector: str, name: str, kind: str) -> str:
        raise NotImplementedError

    def _affiliate(self, draft: Draft, org_actor: str) -> None:
        raise NotImplementedError

    def infer_sides(self) -> None:
        """A titled official with no stated country, in an article about exactly one state, is that
        state's ("President Kagame" in a story whose only state is Rwanda). Nothing is inferred
        when the article names several states or none, nor when that state's side of the same
        sector is already someone else's ("the German government welcomed President Reagan's
        statement", "Mitterrand welcomed South African leader de Klerk"): the unmarked official is
        then most likely from elsewhere.

        Likewise an agent with no stated side ("Islamic fundamentalists", "police", "the ruling
        party") in such an article is that state's, unless its sector is rarely domestic (refugees,
        aid groups, IGO staff), its role is one sent abroad (peacekeepers, envoys, mercenaries) or
        an ethnic group names it ("Hutu rebels"). A state named only by a stance ("anti-Syria
        journalist") is not counted as the story's."""
        states = {f.actor for f in self.found if f.actor.startswith("state:")
                  and not (f.start > 0 and self.doc[f.start - 1].text[-1:] == "-" and self._stance(self.doc[f.start]))}
        if len(states) != 1:
            return
        only = next(iter(states))
        country = only[len("state:"):]
        # agents an ethnic group names ("Hutu rebels" in Tanzania) are that group's, not the story's state
        ethnic = {f.actor for f in self.found
                  if any(c.i in self.ethnic_tokens for c in self.doc[f.end - 1].children)}
        for draft in self.drafts.values():
            if draft.kind == "person" and draft.affiliation is None and draft.country is None and draft.roles \
                    and (draft.sector in ("GOV", "MIL", "LEG", "JUD", "COP") or "former" in draft.tags) \
                    and not self._side_taken(country, draft):
                self._affiliate(draft, only)
            elif draft.id.startswith("agent:") and draft.country is None and draft.affiliation is None \
                    and draft.sector in _DOMESTIC_SECTORS and draft.id not in ethnic \
                    and not any(r in _FOREIGN_ROLES for r in draft.roles):
                draft.country = country
                draft.cameo = f"{self.drafts[only].cameo}{draft.sector}"

    def _side_taken(self, country: str, draft: Draft) -> bool:
        """Another person of ``country`` in the same sector as ``draft``, or its government. A former
        office holder ("former President Ben Bella") takes no one's place."""
        if "former" in draft.tags:
            return False
        for other in self.drafts.values():
            if other is draft or other.country != country or other.sector != draft.sector:
                continue
            if other.kind == "person" or "government" in other.roles:
                return True
        return False

    def _country_at(self, i: int) -> str | None:
        actor = self._actor_at(i)
        if actor and actor.startswith("state:"):
            return actor[6:]
        return self.places.get(i) or self.ethnic_home.get(i)

    def _leader_country(self, i: int) -> str | None:
        """'the Bush administration', "Putin's troops": the country of the official named."""
        actor = self._actor_at(i)
        if actor is None or not actor.startswith("person:"):
            return None
        draft = self.drafts[actor]
        return draft.country if draft.sector in ("GOV", "MIL") else None

    @staticmethod
    def _modifiers(token: Token) -> list[Token]:
        """The children of a noun, and for a noun modifying another noun ("army" in "Israeli army
        bulldozers") also the modifiers of that noun written before it, which the parser often
        attaches to the head instead."""
        children = list(token.children)
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
            children += [c for c in token.head.children
                         if c.i < token.i and c.dep_ in ("amod", "compound", "poss", "nmod")]
        return children

    def _igo_source(self, token: Token) -> Token | None:
        for child in self._modifiers(token):
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                actor = self._actor_at(child.i)
                if actor and actor.startswith("igo:"):
                    return child
        return None

    def _igo_of(self, token: Token) -> str | None:
        source = self._igo_source(token)
        return self._actor_at(source.i) if source is not None else None

    def _country_source(self, token: Token) -> tuple[str, Token] | None:
        """The country of an agent noun and the token that gives it: a state, place or leader
        modifier ("Iraqi police", "Putin's troops") or the object of of/from/in ("police in Basra")."""
        flight = self._flight(token)
        if flight is not None:
            fled = self._fled_country(flight)
            if fled:
                return fled
        for child in self._modifiers(token):
            if child.dep_ in ("amod", "compound", "poss", "nmod") and not self._stance(child):
                country = self._country_at(child.i) or self._leader_country(child.i)
                if country:
                    return country, child
                if child.lemma_ == "lead" and child.i < token.i:
                    # "Vietnamese-led forces", "US-led troops": the leading state's
                    for leader in child.lefts:
                        country = self._country_at(leader.i)
                        if country and leader.dep_ in ("npadvmod", "compound", "nmod", "amod"):
                            return country, leader
            preps = [child] if child.dep_ == "prep" else \
                [c for c in child.children if c.dep_ == "prep"] if self._locative_participle(child) else []
            for prep in preps:
                if prep.lower_ not in _SIDE_PREPS:
                    continue
                for pobj in prep.children:
                    country = self._country_at(pobj.i) if pobj.dep_ == "pobj" else None
                    if country:
                        return country, pobj
                    if pobj.dep_ == "pobj" and prep.lower_ == "of" and self._org_country(pobj.i):
                        # "workers of the Tehran bus company": the organisation's country
                        return self._org_country(pobj.i), pobj  # type: ignore[return-value]
                    named = self._named_place(pobj) if pobj.dep_ == "pobj" else None
                    if named is not None:
                        return named
        return None

    @staticmethod
    def _fleeing(token: Token) -> bool:
        """'refugees fleeing the war in Liberia', 'civilians escaping Syria': a participle of
        flight, whose object names where the people come from."""
        return token.dep_ == "acl" and token.tag_ == "VBG" and token.lemma_ in _FLIGHT_VERBS

    def _flight(self, noun: Token) -> Token | None:
        """The flight participle describing ``noun``, also when the parser hangs it on a quantity
        before it ("thousands of refugees fleeing ...")."""
        heads = [noun]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.dep_ == "prep":
            heads.append(noun.head.head)
        for head in heads:
            for child in head.rights:
                if child.i > noun.i and self._fleeing(child):
                    return child
        return None

    def _fled_country(self, verb: Token) -> tuple[str, Token] | None:
        """The one country named in the object of a flight participle."""
        found: list[tuple[str, Token]] = []
        for t in verb.subtree:
            if t.i == verb.i or t.is_punct or t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
                continue
            country = self._country_at(t.i)
            if country and all(country != c for c, _ in found):
                found.append((country, t))
        return found[0] if len(found) == 1 else None

    def _org_country(self, i: int) -> str | None:
        actor = self._actor_at(i)
        if actor is None or not actor.startswith(("agent:", "group:")):
            return None
        draft = self.drafts[actor]
        return draft.country if draft.kind == "organization" else None

    def _named_place(self, noun: Token) -> tuple[str, Token] | None:
        """The country and token of the place a place noun names: 'Sindh province', 'the town
        of Samarra', 'the capital, Dili'."""
        if noun.lemma_.lower() not in _PLACE_NOUNS:
            return None
        candidates = [c for c in noun.children if c.dep_ in ("compound", "nmod", "appos")]
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            candidates += [p for p in prep.children if p.dep_ == "pobj"]
        for token in candidates:
            country = self._country_at(token.i)
            if country:
                return country, token
        return None

    def _sentence_states(self, span: Span) -> set[str]:
        """The states the sentence of ``span`` names (by name, demonym, metonym or place)."""
        sent = span.sent if self.doc.has_annotation("DEP") or self.doc.has_annotation("SENT_START") else self.doc[:]
        states = {f.actor[6:] for f in self.found if f.actor.startswith("state:") and sent.start <= f.start < sent.end}
        return states | {c for i, c in self.places.items() if sent.start <= i < sent.end}

    def _people_home(self, span: Span, own: str) -> tuple[str, int] | None:
        """The other state a demonym right before a people's name gives ("Bosnian Serbs"), with
        the demonym's first token."""
        for prep in (c for c in span.root.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
            # "Albanians of southern Serbia", "Russians in Estonia"
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                country = self._country_at(pobj.i)
                if country and country != own:
                    return country, span.start
        before = span.start - 1
        if before < 0 or before in self.ethnic_tokens:
            return None
        country = self._country_at(before) or next(
            (r.key for r in self.kb.lookup(self.doc[before].text) if r.kind in ("adjective", "people")), None)
        if country is None or country == own or self.doc[before].head.i not in range(span.start, span.end):
            return None
        return country, self._name_tokens(before)[0]

    def _coordinated_sides(self, token: Token, country: str, agent: Agent) -> None:
        """'US and British forces', 'French and Egyptian warships': each coordinated demonym before
        one head noun is its own agent of the head's sector. The first is the head's actor; every
        further one gets a mention from its demonym to the head ("British forces")."""
        for child in token.children:
            if child.dep_ not in ("amod", "compound", "nmod", "poss") or child.i > token.i:
                continue
            for conj in child.conjuncts:
                if conj.i <= child.i or conj.i > token.i:
                    continue
                other = self._country_at(conj.i)
                if other is None or other == country:
                    continue
                name = f"{self.kb.states[other].name} {agent.role}"
                kind = "organization" if agent.kind == "organization" else "group"
                actor_id = self.agent(other, agent.sector, name, kind)
                if agent.role not in self.drafts[actor_id].roles:
                    self.drafts[actor_id].roles.append(agent.role)
                self.add(conj.i, token.i + 1, actor_id, "agent")

    def _stance(self, token: Token) -> bool:
        """'anti-Syria', 'pro-Iranian': a state named as the object of a stance is not the side."""
        first = self._name_tokens(token.i)[0]
        before = [t.lower_ for t in self.doc[max(0, first - 2):first]]
        return before[-1:] in (["anti-"], ["pro-"]) or before in (["anti", "-"], ["pro", "-"])

    def _side_source(self, token: Token) -> Token | None:
        found = self._country_source(token)
        return found[1] if found else self._igo_source(token)

    def _country_of(self, token: Token) -> str | None:
        found = self._country_source(token)
        return found[0] if found else None

    def _shown(self, token: Token, start: int) -> tuple[int, int] | None:
        """The noun phrase shown as an agent's mention, widened to the left over the modifier that
        gave the agent its side ("Israeli troops"); not over coordinated modifiers ("US and
        British forces"), which name several actors. With no side given, it is widened over the
        modifiers written right before it that name no actor of their own ("Moslem fundamentalist
        demonstrators", "prominent journalist"). Phrases after the noun: :meth:`widen`."""
        source = self._side_source(token)
        if source is None:
            first = start
            while first > 0 and first - 1 not in self.taken and self.doc[first - 1].head.i == token.i \
                    and self.doc[first - 1].dep_ in ("amod", "nmod", "compound") \
                    and self.doc[first - 1].pos_ in ("ADJ", "PROPN", "NOUN") and not self.doc[first - 1].conjuncts:
                first -= 1
            return (first, token.i + 1) if first < start else None
        if source.i >= start or source.conjuncts:
            return None
        return self._name_tokens(source.i)[0], token.i + 1

    def widen(self) -> None:
        """Show an agent's mention with the place phrase after its noun that names the agent's
        own country ("rebels in the Ivory Coast", "Palestinians living in the West Bank and
        Gaza"), up to the last place named: the mention is the whole noun phrase, whose head
        stays the agent noun."""
        for n, f in enumerate(self.found):
            if not f.actor.startswith("agent:") or f.how not in ("agent", "people"):
                continue
            draft = self.drafts[f.actor]
            if draft.country is None and f.how == "agent":
                self._of_organisation(draft, self.doc[f.end - 1])
            country = draft.country
            start, end = f.shown or (f.start, f.end)
            last = self._phrase_end(self.doc[f.end - 1], country) if country else end
            if last > end:
                self.found[n] = Found(f.start, f.end, f.actor, f.how, (start, last))

    def _of_organisation(self, draft: Draft, head: Token) -> None:
        """'workers of the United Bus Company of Tehran': an agent of an organisation found after
        the agents (one the knowledge base does not know) takes its country."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    country = self._org_country(pobj.i) if pobj.dep_ == "pobj" else None
                    if country:
                        draft.country = country
                        draft.cameo = f"{self.kb.states[country].cameo}{draft.sector or ''}"
                        return

    def _phrase_end(self, head: Token, country: str) -> int:
        """End of the last mention of ``country`` in the place phrases after ``head``; phrases
        naming another country leave the end where it is."""
        end = head.i + 1
        flight = self._flight(head)
        for child in [*head.rights, *([flight] if flight is not None and flight.head.i != head.i else [])]:
            if child.is_punct:
                break
            if not (child.dep_ == "prep" and child.lower_ in _PLACE_PREPS or self._locative_participle(child)
                    or self._fleeing(child)):
                continue
            for t in child.subtree:
                if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX") and t.i != child.i and t.dep_ != "amod":
                    break  # a clause of its own ends the phrase; "Israeli-occupied" does not
                found = None if t.dep_ in ("amod", "npadvmod") else self._country_at(t.i) or self._org_country(t.i)
                if found and found != country:
                    return head.i + 1  # "Iraqi refugees in Syria"; not "in the Israeli-occupied West Bank"
                if found:
                    end = max(end, self._name_tokens(t.i)[1] + 1)
        return end

    @staticmethod
    def _locative_participle(token: Token) -> bool:
        """'based in', 'living in', 'operating in': a participle whose only complements are
        prepositional phrases."""
        return token.dep_ == "acl" and token.tag_ in ("VBN", "VBG") and \
            all(c.dep_ in ("prep", "advmod") for c in token.children)

    def _name_tokens(self, i: int) -> tuple[int, int]:
        """First and last token of the actor mention or place name at token ``i``."""
        for f in self.found:
            if f.start <= i < f.end:
                return f.start, f.end - 1
        first = last = i
        key = self.places.get(i)
        while key is not None and first > 0 and self.places.get(first - 1) == key:
            first -= 1
        while key is not None and self.places.get(last + 1) == key:
            last += 1
        return first, last

    # -- named organisations unknown to the knowledge base -----------------------------------------
    def organisations(self) -> None:
        """An ORG entity the knowledge base does not know, whose head is an organisation word
        ("Islamic Salvation Front", "Montenegro Assembly"), is an organisation actor. Its country
        is one the name itself gives (a demonym, state or place in it), else unknown; its sector
        comes from the head word or a word of the name ("Union of Teachers" EDU, "opposition
        Front" OPP), else unknown. Nothing is guessed from the name's sound."""
        for ent in self.ents:
            if ent.label_ != "ORG":
                continue
            tokens = [t for t in ent if not t.is_punct or t.text in {"-", "'s", "’s"}]
            while tokens and tokens[0].lower_ == "the":
                tokens = tokens[1:]
            head = ent.root
            word = head.lower_
            if not tokens or word not in _ORG_WORDS or not head.is_title or head.i in self.taken:
                continue
            inside = [t for t in tokens if t.i in self.taken]
            country = next((c for c in (self._country_at(t.i) for t in inside) if c), None)
            if any(self._country_at(t.i) is None for t in inside):
                continue  # part of a name or actor already found
            sector = self._org_sector(tokens, word)
            name = self.doc[tokens[0].i:tokens[-1].i + 1].text
            actor_id = f"agent:{slug(name)}"
            if actor_id not in self.drafts:
                cameo = f"{self.kb.org_cameo(country) or country}{sector or ''}" if country else sector
                self.drafts[actor_id] = Draft(actor_id, name, "organization", country, sector, cameo,
                                              roles=[word])
            self.add(tokens[0].i, tokens[-1].i + 1, actor_id, "name")

    def _in_named_org(self, token: Token) -> bool:
        """Whether ``token`` lies in an ORG entity that :meth:`organisations` will make an actor of
        and that says more than an agent term with its state ("Nigerian Union of Teachers",
        "Serbian Workers' Union", "Baghdad University Medical School"; not "the Israeli Army"):
        the agent words inside it are part of the name."""
        if token.ent_type_ != "ORG":
            return False
        ent = next((e for e in self.ents if e.start <= token.i < e.end and e.label_ == "ORG"), None)
        if ent is None:
            return False
        head = ent.root
        if head.lower_ not in _ORG_WORDS or not head.is_title or head.i in self.taken:
            return False
        term = self._agent_term(head)
        term_start = term[0] if term else head.i
        return any(t.pos_ not in _NAME_GLUE and t.i not in self.taken and not term_start <= t.i <= head.i
                   for t in ent)

    def _org_sector(self, tokens: list[Token], word: str) -> str | None:
        words = {t.lower_ for t in tokens}
        for cue, sector in _ORG_CUES:
            if cue & words:
                return sector
        for t in tokens:
            # names are proper nouns, which the tagger leaves unlemmatised ("Teachers", "Jurists")
            agent = next((a for a in map(self.kb.agents.get, lemma_forms(t)) if a), None)
            if agent and agent.kind in ("group", "person") and t.lower_ != word and agent.sector != "GOV":
                return agent.sector  # "Union of Teachers", "Workers' Union"
        return _ORG_WORDS[word]
